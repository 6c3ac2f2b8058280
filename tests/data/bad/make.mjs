// Generates the bad-input files that are too big to commit (tests/data/bad/cases.json entries with
// "generated": true): a CSV with a 1 MB cell and one with 5,000 columns. Deterministic.
// usage: node tests/data/bad/make.mjs <out-dir>   (or import { makeGenerated } and call it)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes the generated files into dir; returns their names. */
export function makeGenerated(dir) {
  mkdirSync(dir, { recursive: true });
  // 1. big_cell.csv: 20 rows, the "note" cell of row 3 is 1 MiB of text (categorical column).
  const rows = ['hours,note,pass'];
  for (let i = 0; i < 20; i++) rows.push(`${i % 10},${i === 2 ? 'x'.repeat(1 << 20) : `n${i % 3}`},${i % 10 >= 5 ? 'yes' : 'no'}`);
  writeFileSync(join(dir, 'big_cell.csv'), `${rows.join('\n')}\n`);
  // 2. wide_5000.csv: 5,000 columns (c1..c4999 numeric, last = target), 12 rows.
  const header = Array.from({ length: 4999 }, (_, j) => `c${j + 1}`).concat('pass');
  const lines = [header.join(',')];
  for (let i = 0; i < 12; i++) {
    const cells = Array.from({ length: 4999 }, (_, j) => String((i * 31 + j * 7) % 13));
    lines.push(cells.concat(i % 2 ? 'yes' : 'no').join(','));
  }
  writeFileSync(join(dir, 'wide_5000.csv'), `${lines.join('\n')}\n`);
  return ['big_cell.csv', 'wide_5000.csv'];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node tests/data/bad/make.mjs <out-dir>\n');
    process.exit(2);
  }
  for (const name of makeGenerated(dir)) process.stdout.write(`${join(dir, name)}\n`);
}

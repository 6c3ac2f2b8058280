// Shared test fixtures: repository paths and small datasets with known structure.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Dataset, parseCsv } from '../../web/src/index.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const samplePath = fileURLToPath(new URL('../../examples/data/student-por.csv', import.meta.url));
export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export function sampleText(): string {
  return readFileSync(samplePath, 'utf8');
}

/**
 * 40 rows, two numeric features and a yes/no target that is "yes" exactly when x + z > 10
 * (linearly separable, both classes present in every reasonable split).
 */
export function tinyDataset(rows = 40): Dataset {
  const data = Array.from({ length: rows }, (_, i) => {
    const x = i % 10;
    const z = (i * 7) % 11;
    return { x, z, y: x + z > 10 ? 'yes' : 'no' };
  });
  return Dataset.fromObjects(data);
}

/** Options that train tinyDataset in a few milliseconds. */
export const tinyOptions = Object.freeze({ target: 'y', positive: 'yes', hidden: [4], epochs: 3, seed: 7 });

/** student-por with three identifier columns, a unique text code and a unique numeric average added. */
export async function withIdentifiers(): Promise<{ data: Dataset; strings: string[] }> {
  const base = await parseCsv(sampleText());
  const n = base.rows;
  const name = Array.from({ length: n }, (_, i) => `Quillon Vexmara ${i}`);
  const email = Array.from({ length: n }, (_, i) => `q.vexmara${i}@school.example`);
  const studentId = Array.from({ length: n }, (_, i) => `S-${String(i).padStart(5, '0')}`);
  const code = Array.from({ length: n }, (_, i) => `k${(i * 7919).toString(36)}z`);
  const g1 = base.column('G1');
  const g2 = base.column('G2');
  const average = Array.from({ length: n }, (_, i) => String((Number(g1[i]) + Number(g2[i])) / 2 + i / 10000));
  const data = Dataset.fromColumns(
    ['student_id', 'name', 'email', ...base.header, 'code', 'average'],
    [studentId, name, email, ...base.columns, code, average],
  );
  return { data, strings: [...name, ...email, ...studentId, ...code] };
}

const execFileAsync = promisify(execFile);

/** Runs the CLI (bin/pathwise.mjs on web/dist) as a user would; never throws. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('node', ['bin/pathwise.mjs', ...args], { cwd: repoRoot, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

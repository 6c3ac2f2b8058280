// Delimited-text reading for the import adapters: Papa Parse with delimiter sniffing, blank rows
// removed, ragged rows padded, every cell kept as text (ids keep their leading zeros).
import Papa from 'papaparse';
import { PathwiseError } from '../errors.js';

/** A parsed delimited file: trimmed header names and the data rows with their 1-based row numbers. */
export interface DelimitedFile {
  header: string[];
  rows: string[][];
  /** 1-based data-row number of each entry of `rows` (blank rows removed, numbering kept). */
  rowNumbers: number[];
  delimiter: string;
}

/** Splits text into a header and rows. Blank rows (also `;;;;` rows) are ignored anywhere. */
export function readDelimited(text: string, delimiter?: string): DelimitedFile {
  const parsed = Papa.parse<string[]>(text, {
    header: false, dynamicTyping: false, skipEmptyLines: false,
    delimiter: delimiter ?? sniffDelimiter(text),
  });
  const all = parsed.data;
  let h = 0;
  while (h < all.length && isBlank(all[h]!)) h++;
  if (h >= all.length) throw new PathwiseError('EMPTY_DATA', 'import: the file has no header row');
  const header = all[h]!.map((name) => name.trim());
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = h + 1; i < all.length; i++) {
    const cells = all[i]!;
    if (isBlank(cells)) continue;
    const row = cells.slice(0, header.length);
    while (row.length < header.length) row.push('');
    rows.push(row);
    rowNumbers.push(i - h);
  }
  return { header, rows, rowNumbers, delimiter: parsed.meta.delimiter };
}

/**
 * Delimiter of the first non-blank line (the header): the most frequent of `,` `;` tab `|` outside
 * quotes (ties in that order). Papa Parse's own guess looks at data rows and picks `,` for
 * tab-separated files whose cells contain commas (KDD Cup's `Unit ES_04, Section ES_04-1`).
 */
export function sniffDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Index of the first header matching one of `names` (trimmed, case-insensitive), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const want = name.trim().toLowerCase();
    const i = header.findIndex((h) => h.trim().toLowerCase() === want);
    if (i >= 0) return i;
  }
  return -1;
}

/** Like `findColumn` but throws `UNKNOWN_COLUMN` naming what was looked for. */
export function requireColumn(header: readonly string[], names: readonly string[], role: string): number {
  const i = findColumn(header, names);
  if (i < 0) {
    throw new PathwiseError('UNKNOWN_COLUMN',
      `import: no ${role} column (looked for ${names.map((n) => `'${n}'`).join(', ')}); set it with the 'columnMap' option`);
  }
  return i;
}

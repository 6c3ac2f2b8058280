// JSON input for the event adapters: a JSON array, one object (xAPI StatementResult pages
// `{statements, more}` are unwrapped), or newline-delimited JSON where each line is any of these.
import { PathwiseError } from '../errors.js';
import type { ReportBuilder } from './types.js';

/** One JSON record with its 1-based position (array/page index, or line number for NDJSON). */
export interface JsonRecord {
  row: number;
  value: unknown;
}

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expand(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v) && Array.isArray(v.statements)) return v.statements;
  return [v];
}

/**
 * Reads records; NDJSON lines that are not JSON are reported as `bad-json` skips.
 * @throws PathwiseError `EMPTY_DATA` when the input holds no JSON record at all.
 */
export function readJsonRecords(text: string, report: ReportBuilder): JsonRecord[] {
  const t = text.trim();
  let whole: unknown;
  let ok = false;
  try { whole = JSON.parse(t); ok = true; } catch { /* not one document: try NDJSON */ }
  const out: JsonRecord[] = [];
  if (ok) {
    expand(whole).forEach((value, i) => out.push({ row: i + 1, value }));
  } else {
    t.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      let v: unknown;
      try { v = JSON.parse(line); } catch { report.report.rowsRead++; report.skip(i + 1, 'bad-json'); return; }
      for (const value of expand(v)) out.push({ row: i + 1, value });
    });
  }
  if (out.length === 0) throw new PathwiseError('EMPTY_DATA', 'import: no JSON record found in the input');
  return out;
}

/** `obj.a.b.c` for a dotted path, or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

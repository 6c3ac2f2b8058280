// What every adapter receives and produces, plus the two shared finishing steps: collecting
// attempts into a pseudonymised, sorted AttemptLog, and cleaning a table (drop, pseudonymise, decimals).
import { isMissingMarker, normaliseDecimalCommas } from './cells.js';
import type { DelimitedFile } from './delimited.js';
import type { ResolvedImportOptions } from './options.js';
import { isDirectIdentifier, pseudonymise } from './privacy.js';
import type { AttemptLog, DroppedColumn, ReportBuilder, StudentTable } from './types.js';

/** Input of an adapter: decoded text, resolved options and the report being filled in. */
export interface AdapterContext {
  text: string;
  options: ResolvedImportOptions;
  report: ReportBuilder;
}

/** Output of an adapter. */
export type AdapterOutput = { kind: 'log'; log: AttemptLog } | { kind: 'table'; table: StudentTable };

/** An import adapter. */
export type Adapter = (ctx: AdapterContext) => Promise<AdapterOutput>;

/** True when cells of this file use a decimal comma (option, or `;`/tab delimiter under 'auto'). */
export function usesDecimalComma(options: ResolvedImportOptions, delimiter: string): boolean {
  if (options.decimalSeparator === 'auto') return delimiter === ';' || delimiter === '\t';
  return options.decimalSeparator === ',';
}

/** Collects attempts with raw student ids; `finish` pseudonymises and sorts them. */
export class LogCollector {
  private readonly rows: { student: string; skill: string; item: string | null; correct: number; order: number }[] = [];

  add(student: string, skill: string, item: string | null, correct: number, order: number): void {
    this.rows.push({ student, skill, item, correct, order });
  }

  /** Groups by student (first appearance), sorts stably by order, replaces ids by pseudonyms. */
  async finish(ctx: AdapterContext): Promise<AdapterOutput> {
    const firstSeen = new Map<string, number>();
    for (const r of this.rows) if (!firstSeen.has(r.student)) firstSeen.set(r.student, firstSeen.size);
    const sorted = this.rows.map((r, i) => ({ r, i }))
      .sort((a, b) => firstSeen.get(a.r.student)! - firstSeen.get(b.r.student)! || a.r.order - b.r.order || a.i - b.i)
      .map((x) => x.r);
    const ids = [...firstSeen.keys()];
    const pseudonyms = await pseudonymise(ids, ctx.options.key);
    const map = new Map(ids.map((id, i) => [id, pseudonyms[i]!]));
    ctx.report.report.rowsOut = sorted.length;
    return {
      kind: 'log',
      log: {
        student: sorted.map((r) => map.get(r.student)!), skill: sorted.map((r) => r.skill),
        item: sorted.map((r) => r.item), correct: sorted.map((r) => r.correct), order: sorted.map((r) => r.order),
      },
    };
  }
}

/** How `finishTable` treats each input column. */
export interface TablePlan {
  /** Columns to pseudonymise (indices into the file header). */
  idColumns: number[];
  /** Columns to drop for a reason other than being a direct identifier. */
  drop: Map<number, DroppedColumn['reason']>;
  /** Map gradebook markers (`-`, `EX`, `N/A`) to `""`. */
  missingMarkers: boolean;
}

/**
 * Turns kept rows of a delimited file into a StudentTable: drops direct identifiers (unless kept
 * or planned as ids), planned columns and unnamed empty columns (a trailing `;` in the header),
 * pseudonymises id columns, rewrites decimal commas.
 */
export async function finishTable(file: DelimitedFile, rows: string[][], ctx: AdapterContext, plan: TablePlan): Promise<AdapterOutput> {
  const o = ctx.options;
  const ids = new Set(plan.idColumns);
  file.header.forEach((h, c) => { if (o.idColumns.some((n) => n.trim().toLowerCase() === h.toLowerCase())) ids.add(c); });
  const keep: number[] = [];
  file.header.forEach((h, c) => {
    const kept = o.keepColumns.some((n) => n.trim().toLowerCase() === h.toLowerCase());
    if (h === '' && rows.every((r) => r[c]!.trim() === '')) ctx.report.drop(h, 'empty-column');
    else if (!ids.has(c) && !kept && isDirectIdentifier(h, o.dropColumns)) ctx.report.drop(h, 'direct-identifier');
    else if (plan.drop.has(c) && !kept) ctx.report.drop(h, plan.drop.get(c)!);
    else keep.push(c);
  });
  const out = rows.map((r) => keep.map((c) => (plan.missingMarkers && !ids.has(c) && isMissingMarker(r[c]!) ? '' : r[c]!.trim())));
  for (const [j, c] of keep.entries()) {
    if (!ids.has(c)) continue;
    const p = await pseudonymise(out.map((r) => r[j]!), o.key);
    out.forEach((r, i) => { r[j] = p[i]!; });
    ctx.report.report.pseudonymisedColumns.push(file.header[c]!);
  }
  if (usesDecimalComma(o, file.delimiter)) {
    normaliseDecimalCommas(out, keep.length, new Set(keep.flatMap((c, j) => (ids.has(c) ? [j] : []))));
  }
  ctx.report.report.rowsOut = out.length;
  return { kind: 'table', table: { header: keep.map((c) => file.header[c]!), rows: out } };
}

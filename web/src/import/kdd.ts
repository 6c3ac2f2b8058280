// KDD Cup 2010 / PSLC DataShop step roll-up adapter (tab-separated): Anon Student Id, KC(<model>)
// split on `~~` into one attempt per KC, item = Problem Name::Step Name, Correct First Attempt, Row.
import { parseCorrect, parseDecimal } from './cells.js';
import { type AdapterContext, type AdapterOutput, LogCollector } from './context.js';
import { findColumn, readDelimited, requireColumn } from './delimited.js';
import { reportDroppedIdentifiers } from './generic.js';

/** Index of the KC column: `KC(<kcModel>)`, else `KC(Default)`, else the first `KC(...)` column. */
function kcColumn(header: readonly string[], model: string | undefined): number {
  if (model !== undefined) return requireColumn(header, [`KC(${model})`], 'KC');
  const d = findColumn(header, ['KC(Default)']);
  if (d >= 0) return d;
  const i = header.findIndex((h) => /^KC\(.+\)$/.test(h));
  return i >= 0 ? i : requireColumn(header, ['KC(<model>)'], 'KC');
}

/** KDD Cup 2010 attempt log. Rows with an empty KC cell or Correct First Attempt are skipped. */
export async function kddCup2010(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter ?? '\t');
  const h = file.header;
  const student = requireColumn(h, ['Anon Student Id'], 'student');
  const kc = kcColumn(h, ctx.options.kcModel);
  const cfa = requireColumn(h, ['Correct First Attempt'], 'correct');
  const rowCol = findColumn(h, ['Row']);
  const problem = findColumn(h, ['Problem Name']);
  const step = findColumn(h, ['Step Name']);
  const r = ctx.report;
  const log = new LogCollector();
  r.report.rowsRead = file.rows.length;
  file.rows.forEach((row, k) => {
    const n = file.rowNumbers[k]!;
    const user = row[student]!.trim();
    if (user === '') return r.skip(n, 'missing-student');
    const kcs = row[kc]!.split('~~').map((s) => s.trim()).filter((s) => s !== '');
    if (kcs.length === 0) return r.skip(n, 'missing-skill');
    const correct = parseCorrect(row[cfa]!);
    if (correct === null) return r.skip(n, 'bad-correct', row[cfa]);
    const order = rowCol >= 0 ? parseDecimal(row[rowCol]!, false) : n;
    if (Number.isNaN(order)) return r.skip(n, 'bad-order', row[rowCol]);
    const parts = [problem, step].filter((c) => c >= 0).map((c) => row[c]!.trim());
    const item = parts.length > 0 && parts.some((p) => p !== '') ? parts.join('::') : null;
    for (const skill of kcs) log.add(user, skill, item, correct, order);
    r.report.rowsKept++;
  });
  r.report.pseudonymisedColumns.push(h[student]!);
  reportDroppedIdentifiers(file, ctx, [student]);
  return log.finish(ctx);
}

// ASSISTments 2009-2010 skill-builder adapter: user_id, skill_name (else skill_id), problem_id,
// correct, order_id; keeps `original == 1` unless asked; one row per (order_id, skill) unless asked.
import { parseCorrect, parseDecimal } from './cells.js';
import { type AdapterContext, type AdapterOutput, LogCollector, usesDecimalComma } from './context.js';
import { findColumn, readDelimited, requireColumn } from './delimited.js';
import { reportDroppedIdentifiers } from './generic.js';

/** ASSISTments 2009 attempt log. Rows with no skill (empty `skill_name` and `skill_id`) are skipped. */
export async function assistments2009(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const h = file.header;
  const student = requireColumn(h, ['user_id'], 'student');
  const correctCol = requireColumn(h, ['correct'], 'correct');
  const orderCol = requireColumn(h, ['order_id'], 'order');
  const skillName = findColumn(h, ['skill_name']);
  const skillId = findColumn(h, ['skill_id']);
  if (skillName < 0 && skillId < 0) requireColumn(h, ['skill_name', 'skill_id'], 'skill');
  const problem = findColumn(h, ['problem_id']);
  const original = findColumn(h, ['original']);
  const comma = usesDecimalComma(ctx.options, file.delimiter);
  const r = ctx.report;
  const log = new LogCollector();
  const seenOrders = new Set<string>();
  r.report.rowsRead = file.rows.length;
  file.rows.forEach((row, k) => {
    const n = file.rowNumbers[k]!;
    if (original >= 0 && !ctx.options.keepScaffolding && row[original]!.trim() !== '1') return r.skip(n, 'not-original');
    const user = row[student]!.trim();
    if (user === '') return r.skip(n, 'missing-student');
    const skill = (skillName >= 0 ? row[skillName]!.trim() : '') || (skillId >= 0 ? row[skillId]!.trim() : '');
    if (skill === '') return r.skip(n, 'missing-skill');
    const correct = parseCorrect(row[correctCol]!);
    if (correct === null) return r.skip(n, 'bad-correct', row[correctCol]);
    const order = parseDecimal(row[orderCol]!, comma);
    if (Number.isNaN(order)) return r.skip(n, 'bad-order', row[orderCol]);
    if (ctx.options.multiSkillRows === 'first') {
      const key = `${user}\u0000${row[orderCol]!.trim()}`;
      if (seenOrders.has(key)) return r.skip(n, 'duplicate-order', row[orderCol]!.trim());
      seenOrders.add(key);
    }
    const item = problem >= 0 && row[problem]!.trim() !== '' ? row[problem]!.trim() : null;
    log.add(user, skill, item, correct, order);
    r.report.rowsKept++;
  });
  r.report.pseudonymisedColumns.push('user_id');
  reportDroppedIdentifiers(file, ctx, [student]);
  return log.finish(ctx);
}

// Moodle quiz Grades/Responses report adapter: wide `Q. <n> /<max>` columns → one attempt per
// question; student = ID number, else Username, else Email address (pseudonymised).
import { parseDecimal, parseMoodleTime } from './cells.js';
import { type AdapterContext, type AdapterOutput, LogCollector, usesDecimalComma } from './context.js';
import { findColumn, readDelimited, requireColumn } from './delimited.js';
import { reportDroppedIdentifiers } from './generic.js';

/** Header of a question column, `Q. 3 /1.00`: groups slot and maximum mark. */
export const QUIZ_QUESTION_HEADER = /^Q\.\s*(\d+)\s*\/\s*([\d.,]+)$/;
/** Attempt states that are skipped (not finished). */
const UNFINISHED = ['in progress', 'overdue', 'never submitted'];

/**
 * Moodle quiz attempt log: correct = mark equals the question's maximum; item = slot number;
 * skill = `itemSkillMap[slot]` (or `itemSkillMap['Q. slot']`), else `Q<slot>`; order = Started on
 * (ms) + slot, or row × 1000 + slot when some date does not parse. `-` marks are skipped.
 */
export async function moodleQuiz(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const h = file.header;
  const comma = usesDecimalComma(ctx.options, file.delimiter);
  const mapped = ctx.options.columnMap.student;
  const student = mapped !== undefined ? requireColumn(h, [mapped], 'student')
    : requireColumn(h, ['ID number', 'Username', 'Email address'], 'student');
  const state = findColumn(h, ['State', 'Status']);
  const started = findColumn(h, ['Started on']);
  const questions = h.flatMap((name, c) => {
    const m = QUIZ_QUESTION_HEADER.exec(name);
    return m ? [{ c, slot: Number(m[1]), max: parseDecimal(m[2]!, true) }] : [];
  });
  if (questions.length === 0) requireColumn(h, ['Q. 1 /<max>'], 'question');
  const r = ctx.report;
  const rows = file.rows.map((row, k) => ({ row, n: file.rowNumbers[k]! }));
  const starts = rows.map(({ row }) => (started >= 0 ? parseMoodleTime(row[started]!) : NaN));
  const datesOk = started >= 0 && starts.every((t, i) => !Number.isNaN(t) || isSummary(rows[i]!.row));
  const log = new LogCollector();
  const map = ctx.options.itemSkillMap;
  r.report.rowsRead = rows.length;
  rows.forEach(({ row, n }, i) => {
    if (isSummary(row)) return r.skip(n, 'summary-row');
    if (state >= 0 && UNFINISHED.includes(row[state]!.trim().toLowerCase())) return r.skip(n, 'in-progress', row[state]);
    const user = row[student]!.trim();
    if (user === '') return r.skip(n, 'missing-student');
    let kept = 0;
    for (const q of questions) {
      const mark = parseDecimal(row[q.c]!, comma);
      if (Number.isNaN(mark)) { r.skip(n, 'unmarked-question', h[q.c]); continue; }
      const item = String(q.slot);
      const skill = map[item] ?? map[`Q. ${q.slot}`] ?? `Q${q.slot}`;
      log.add(user, skill, item, mark >= q.max ? 1 : 0, (datesOk ? starts[i]! : n * 1000) + q.slot);
      kept++;
    }
    if (kept > 0) r.report.rowsKept++;
  });
  r.report.pseudonymisedColumns.push(h[student]!);
  reportDroppedIdentifiers(file, ctx, [student]);
  return log.finish(ctx);
}

/** The `Overall average` row (any cell), which Moodle appends to the report. */
function isSummary(row: readonly string[]): boolean {
  return row.some((c) => c.trim().toLowerCase() === 'overall average');
}

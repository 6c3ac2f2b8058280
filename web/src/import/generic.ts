// Generic delimited adapters: an attempt log through a column map (pyBKT / KDD Cup default names)
// and a student table (id columns pseudonymised, direct identifiers dropped).
import { parseCorrect, parseDecimal, parseIsoTime } from './cells.js';
import { type AdapterContext, type AdapterOutput, finishTable, LogCollector, usesDecimalComma } from './context.js';
import { type DelimitedFile, findColumn, readDelimited, requireColumn } from './delimited.js';
import type { LogRole } from './options.js';
import { isDirectIdentifier } from './privacy.js';

/** Default headers per role: pyBKT's ASSISTments names, then its Cognitive Tutor (KDD Cup) names. */
export const LOG_COLUMN_DEFAULTS: Readonly<Record<LogRole, readonly string[]>> = Object.freeze({
  student: ['user_id', 'Anon Student Id'],
  skill: ['skill_name', 'KC(Default)'],
  item: ['problem_id', 'Problem Name'],
  correct: ['correct', 'Correct First Attempt'],
  order: ['order_id', 'Row'],
});

/** Header names recognised as student id columns of a table (pseudonymised, never dropped). */
export const TABLE_ID_NAMES: readonly string[] = ['user_id', 'student_id', 'studentid', 'student id', 'id',
  'id number', 'anon student id', 'sis user id', 'userid', 'username', 'integration id'];

/** Column indices of the log roles; `item` and `order` are -1 when absent. */
export function logColumns(file: DelimitedFile, ctx: AdapterContext): Record<LogRole, number> {
  const map = ctx.options.columnMap;
  const names = (r: LogRole): readonly string[] => (map[r] !== undefined ? [map[r]!] : LOG_COLUMN_DEFAULTS[r]);
  const optional = (r: LogRole): number => {
    const i = findColumn(file.header, names(r));
    if (i < 0 && map[r] !== undefined) requireColumn(file.header, names(r), r);
    return i;
  };
  return {
    student: requireColumn(file.header, names('student'), 'student'),
    skill: requireColumn(file.header, names('skill'), 'skill'),
    correct: requireColumn(file.header, names('correct'), 'correct'),
    item: optional('item'),
    order: optional('order'),
  };
}

/** Reports direct-identifier columns of a log file as dropped (they are never copied). */
export function reportDroppedIdentifiers(file: DelimitedFile, ctx: AdapterContext, used: readonly number[]): void {
  file.header.forEach((h, c) => {
    if (!used.includes(c) && isDirectIdentifier(h, ctx.options.dropColumns)) ctx.report.drop(h, 'direct-identifier');
  });
}

/** Order value of a cell: a number (decimal comma aware) or an ISO date-time in ms; NaN otherwise. */
export function parseOrder(cell: string, decimalComma: boolean): number {
  const n = parseDecimal(cell, decimalComma);
  return Number.isNaN(n) ? parseIsoTime(cell) : n;
}

/** Generic attempt log: one attempt per row; without an order column the row number is the order. */
export async function genericLog(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const col = logColumns(file, ctx);
  const comma = usesDecimalComma(ctx.options, file.delimiter);
  const log = new LogCollector();
  const r = ctx.report;
  r.report.rowsRead = file.rows.length;
  file.rows.forEach((row, k) => {
    const n = file.rowNumbers[k]!;
    const student = row[col.student]!.trim();
    const skill = row[col.skill]!.trim();
    const correct = parseCorrect(row[col.correct]!);
    const order = col.order < 0 ? n : parseOrder(row[col.order]!, comma);
    if (student === '') return r.skip(n, 'missing-student');
    if (skill === '') return r.skip(n, 'missing-skill');
    if (correct === null) return r.skip(n, 'bad-correct', row[col.correct]);
    if (Number.isNaN(order)) return r.skip(n, 'bad-order', row[col.order]);
    const item = col.item < 0 || row[col.item]!.trim() === '' ? null : row[col.item]!.trim();
    log.add(student, skill, item, correct, order);
    r.report.rowsKept++;
  });
  r.report.pseudonymisedColumns.push(file.header[col.student]!);
  reportDroppedIdentifiers(file, ctx, Object.values(col));
  return log.finish(ctx);
}

/** Generic student table: the `columnMap.student` column or a known id header is pseudonymised. */
export async function genericTable(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const mapped = ctx.options.columnMap.student;
  const id = mapped !== undefined ? requireColumn(file.header, [mapped], 'student') : findColumn(file.header, TABLE_ID_NAMES);
  ctx.report.report.rowsRead = ctx.report.report.rowsKept = file.rows.length;
  return finishTable(file, file.rows, ctx, { idColumns: id >= 0 ? [id] : [], drop: new Map(), missingMarkers: false });
}

// Gradebook adapters → student table: Moodle "Plain text file" grade export and Canvas gradebook CSV.
// Markers `-`, `EX`, `N/A` become missing; export metadata, feedback text and names are dropped.
import { type AdapterContext, type AdapterOutput, finishTable } from './context.js';
import { findColumn, readDelimited, requireColumn } from './delimited.js';
import type { DroppedColumn, SkippedRecord } from './types.js';

type DropPlan = Map<number, DroppedColumn['reason']>;

function idColumns(header: readonly string[], ctx: AdapterContext, names: readonly string[]): number[] {
  const mapped = ctx.options.columnMap.student;
  if (mapped !== undefined) return [requireColumn(header, [mapped], 'student')];
  return names.map((n) => findColumn(header, [n])).filter((c) => c >= 0);
}

/**
 * Moodle gradebook export: `ID number` (or `ID-Nummer`, `Username`, or `columnMap.student`) is
 * pseudonymised; `Last downloaded from this course` (German: `Zuletzt aus diesem Kurs
 * heruntergeladen`) and `(Feedback)` columns are dropped;
 * `(Percentage)` cells lose their ` %`.
 */
export async function moodleGradebook(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const h = file.header;
  const drop: DropPlan = new Map();
  h.forEach((name, c) => {
    if (/^(last downloaded from this course|zuletzt aus diesem kurs heruntergeladen)$/i.test(name)) drop.set(c, 'export-metadata');
    else if (/\(feedback\)$/i.test(name)) drop.set(c, 'free-text');
  });
  const rows = file.rows.map((row) => row.map((cell, c) => (/\((percentage|prozentsatz)\)$/i.test(h[c]!) ? cell.replace(/\s*%\s*$/, '') : cell)));
  ctx.report.report.rowsRead = ctx.report.report.rowsKept = rows.length;
  return finishTable(file, rows, ctx, { idColumns: idColumns(h, ctx, ['ID number', 'ID-Nummer', 'Username']), drop, missingMarkers: true });
}

/**
 * Canvas gradebook export: `ID`, `SIS User ID`, `Integration ID` pseudonymised; `Student`,
 * `SIS Login ID` dropped; the `    Points Possible` row and manual-posting note rows skipped.
 */
export async function canvasGradebook(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const h = file.header;
  const name = findColumn(h, ['Student', 'LastName']);
  const id = findColumn(h, ['ID']);
  const pointsRow = file.rows.findIndex((row) => row.some((c) => c.trim() === 'Points Possible'));
  const rows: string[][] = [];
  const skipped: SkippedRecord[] = [];
  file.rows.forEach((row, k) => {
    const n = file.rowNumbers[k]!;
    if (k === pointsRow) skipped.push({ row: n, reason: 'points-possible-row' });
    else if (k < pointsRow && (name < 0 || row[name]!.trim() === '') && (id < 0 || row[id]!.trim() === '')) {
      skipped.push({ row: n, reason: 'note-row' });
    } else rows.push(row);
  });
  for (const s of skipped) ctx.report.skip(s.row, s.reason);
  ctx.report.report.rowsRead = file.rows.length;
  ctx.report.report.rowsKept = rows.length;
  const drop: DropPlan = new Map();
  const root = findColumn(h, ['Root Account']);
  if (root >= 0) drop.set(root, 'export-metadata');
  return finishTable(file, rows, ctx, { idColumns: idColumns(h, ctx, ['ID', 'SIS User ID', 'Integration ID']), drop, missingMarkers: true });
}

// Moodle logs report adapter → per-student engagement table: events, active days, distinct
// contexts, last activity. The student key is `User full name`, pseudonymised; text columns dropped.
import { parseMoodleTime } from './cells.js';
import type { AdapterContext, AdapterOutput } from './context.js';
import { findColumn, readDelimited, requireColumn } from './delimited.js';
import { isDirectIdentifier, pseudonymise } from './privacy.js';

/** Output header of the Moodle logs adapter. */
export const ENGAGEMENT_HEADER: readonly string[] = ['student', 'events', 'activeDays', 'distinctContexts',
  'lastActivity', 'daysSinceLastActivity'];

interface Stats { events: number; days: Set<string>; contexts: Set<string>; last: number }

/**
 * One row per student (first-appearance order): `events` = log rows, `activeDays` = distinct
 * calendar days, `distinctContexts` = distinct `Event context` values, `lastActivity` = ISO 8601
 * time of the newest event, `daysSinceLastActivity` = days from it to the newest event in the file
 * (2 decimals). Rows with user `-` (not logged in, CLI) are skipped as `missing-student`.
 */
export async function moodleLogs(ctx: AdapterContext): Promise<AdapterOutput> {
  const file = readDelimited(ctx.text, ctx.options.delimiter);
  const h = file.header;
  const mapped = ctx.options.columnMap.student;
  const user = requireColumn(h, mapped !== undefined ? [mapped] : ['User full name'], 'student');
  const time = requireColumn(h, ['Time'], 'time');
  const context = findColumn(h, ['Event context']);
  const r = ctx.report;
  const stats = new Map<string, Stats>();
  r.report.rowsRead = file.rows.length;
  file.rows.forEach((row, k) => {
    const n = file.rowNumbers[k]!;
    const who = row[user]!.trim();
    if (who === '' || who === '-') return r.skip(n, 'missing-student');
    const t = parseMoodleTime(row[time]!);
    if (Number.isNaN(t)) return r.skip(n, 'no-timestamp', row[time]);
    let s = stats.get(who);
    if (!s) { s = { events: 0, days: new Set(), contexts: new Set(), last: -Infinity }; stats.set(who, s); }
    s.events++;
    s.days.add(new Date(t).toISOString().slice(0, 10));
    if (context >= 0 && row[context]!.trim() !== '') s.contexts.add(row[context]!.trim());
    s.last = Math.max(s.last, t);
    r.report.rowsKept++;
  });
  const newest = Math.max(...[...stats.values()].map((s) => s.last));
  const names = [...stats.keys()];
  const pseudonyms = await pseudonymise(names, ctx.options.key);
  const rows = names.map((name, i) => {
    const s = stats.get(name)!;
    return [pseudonyms[i]!, String(s.events), String(s.days.size), String(s.contexts.size),
      new Date(s.last).toISOString(), String(Number(((newest - s.last) / 86400000).toFixed(2)))];
  });
  r.report.pseudonymisedColumns.push(h[user]!);
  h.forEach((name, c) => {
    if (c !== user) r.drop(name, isDirectIdentifier(name, ctx.options.dropColumns) ? 'direct-identifier' : 'aggregated');
  });
  r.report.rowsOut = rows.length;
  return { kind: 'table', table: { header: [...ENGAGEMENT_HEADER], rows } };
}

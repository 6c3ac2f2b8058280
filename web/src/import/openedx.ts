// Open edX tracking-log adapter: server-side `problem_check` events (NDJSON), one attempt per
// `event.correct_map` entry; student = context.user_id (pseudonymised).
import { parseIsoTime } from './cells.js';
import { type AdapterContext, type AdapterOutput, LogCollector } from './context.js';
import { getPath, isObject, readJsonRecords } from './json.js';

function eventObject(e: Record<string, unknown>): Record<string, unknown> | null {
  let ev = e.event;
  if (typeof ev === 'string') { try { ev = JSON.parse(ev); } catch { return null; } }
  return isObject(ev) ? ev : null;
}

/**
 * Open edX attempt log. Item = input id; skill = `itemSkillMap[input id]`, else
 * `itemSkillMap[problem_id]`, else the problem id; correct = `correctness == "correct"`; order = `time` in ms.
 */
export async function openedx(ctx: AdapterContext): Promise<AdapterOutput> {
  const r = ctx.report;
  const records = readJsonRecords(ctx.text, r);
  const log = new LogCollector();
  const map = ctx.options.itemSkillMap;
  let usedUsername = false;
  let sawUsername = false;
  let sawIp = false;
  r.report.rowsRead += records.length;
  for (const { row, value: e } of records) {
    if (!isObject(e)) { r.skip(row, 'bad-json'); continue; }
    sawUsername ||= 'username' in e;
    sawIp ||= 'ip' in e;
    if ((e.event_type ?? e.name) !== 'problem_check') { r.skip(row, 'not-problem-check', String(e.event_type ?? e.name)); continue; }
    if (e.event_source !== 'server') { r.skip(row, 'not-server-event'); continue; }
    const ev = eventObject(e);
    const cmap = ev?.correct_map;
    if (!isObject(cmap) || Object.keys(cmap).length === 0) { r.skip(row, 'no-correct-map'); continue; }
    const uid = getPath(e, 'context.user_id');
    let student = typeof uid === 'number' || (typeof uid === 'string' && uid !== '') ? String(uid) : '';
    if (student === '' && typeof e.username === 'string' && e.username !== '') { student = `username:${e.username}`; usedUsername = true; }
    if (student === '') { r.skip(row, 'missing-student'); continue; }
    const order = typeof e.time === 'string' ? parseIsoTime(e.time) : NaN;
    if (Number.isNaN(order)) { r.skip(row, 'no-timestamp'); continue; }
    const problem = typeof ev!.problem_id === 'string' ? ev!.problem_id : String(getPath(e, 'context.module.usage_key') ?? '');
    for (const [input, state] of Object.entries(cmap)) {
      const correct = isObject(state) && state.correctness === 'correct' ? 1 : 0;
      log.add(student, map[input] ?? map[problem] ?? problem, input, correct, order);
    }
    r.report.rowsKept++;
  }
  r.report.pseudonymisedColumns.push('context.user_id');
  if (usedUsername) r.report.pseudonymisedColumns.push('username');
  else if (sawUsername) r.drop('username', 'direct-identifier');
  if (sawIp) r.drop('ip', 'direct-identifier');
  return log.finish(ctx);
}

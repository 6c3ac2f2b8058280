// xAPI statements adapter: answered/attempted/passed/failed/scored/completed statements → attempts;
// voided and voiding statements dropped; actor IFIs (incl. mbox_sha1sum) pseudonymised.
import { parseIsoTime } from './cells.js';
import { type AdapterContext, type AdapterOutput, LogCollector } from './context.js';
import { getPath, isObject, readJsonRecords } from './json.js';
import { toHex } from './privacy.js';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
/** Verbs kept, matched on the last segment of the verb IRI (profiles reuse the words under other IRIs). */
export const XAPI_ASSESSMENT_VERBS: readonly string[] = ['answered', 'attempted', 'passed', 'failed', 'scored', 'completed'];

function lastSegment(iri: string): string {
  return iri.replace(/[/#]+$/, '').split(/[/#]/).pop()!.toLowerCase();
}

async function sha1Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))));
}

/**
 * Raw identity key of an actor, before pseudonymisation. `mbox` is turned into its
 * `mbox_sha1sum` (SHA-1 of the mailto IRI, xAPI §2.4.2.3) so both spellings give one student.
 */
export async function actorKey(actor: unknown): Promise<string | null> {
  if (!isObject(actor)) return null;
  if (typeof actor.mbox === 'string') return `mbox_sha1sum:${await sha1Hex(actor.mbox.trim())}`;
  if (typeof actor.mbox_sha1sum === 'string') return `mbox_sha1sum:${actor.mbox_sha1sum.trim().toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  const acc = actor.account;
  if (isObject(acc) && typeof acc.name === 'string') return `account:${String(acc.homePage ?? '')}|${acc.name}`;
  return null;
}

function firstId(list: unknown): string | undefined {
  const a = Array.isArray(list) ? list : isObject(list) ? [list] : [];
  const f = a.find((x) => isObject(x) && typeof x.id === 'string') as { id: string } | undefined;
  return f?.id;
}

/** 1/0 from `result.success`, else `score.scaled >= threshold`, else the verb passed/failed; null if none. */
function correctOf(s: Record<string, unknown>, verb: string, threshold: number): number | null {
  const success = getPath(s, 'result.success');
  if (typeof success === 'boolean') return success ? 1 : 0;
  const scaled = getPath(s, 'result.score.scaled');
  if (typeof scaled === 'number' && Number.isFinite(scaled)) return scaled >= threshold ? 1 : 0;
  if (verb === 'passed') return 1;
  if (verb === 'failed') return 0;
  return null;
}

/** xAPI attempt log; skill from `itemSkillMap[object.id]`, else context grouping, else category. */
export async function xapi(ctx: AdapterContext): Promise<AdapterOutput> {
  const r = ctx.report;
  const records = readJsonRecords(ctx.text, r);
  const voided = new Set<string>();
  for (const { value } of records) {
    if (isObject(value) && getPath(value, 'verb.id') === VOIDED && typeof getPath(value, 'object.id') === 'string') {
      voided.add(getPath(value, 'object.id') as string);
    }
  }
  const log = new LogCollector();
  const { itemSkillMap, scoreThreshold } = ctx.options;
  let actorNames = false;
  r.report.rowsRead += records.length;
  for (const { row, value: s } of records) {
    if (!isObject(s)) { r.skip(row, 'bad-json'); continue; }
    actorNames ||= typeof getPath(s, 'actor.name') === 'string';
    const verbId = getPath(s, 'verb.id');
    if (verbId === VOIDED) { r.skip(row, 'voiding-statement'); continue; }
    if (typeof s.id === 'string' && voided.has(s.id)) { r.skip(row, 'voided'); continue; }
    const verb = typeof verbId === 'string' ? lastSegment(verbId) : '';
    if (!XAPI_ASSESSMENT_VERBS.includes(verb)) { r.skip(row, 'not-assessment-verb', String(verbId)); continue; }
    const student = await actorKey(s.actor);
    if (student === null) { r.skip(row, 'no-actor'); continue; }
    const correct = correctOf(s, verb, scoreThreshold);
    if (correct === null) { r.skip(row, 'no-result'); continue; }
    const objectId = getPath(s, 'object.id');
    const item = typeof objectId === 'string' ? objectId : null;
    const skill = (item !== null ? itemSkillMap[item] : undefined)
      ?? firstId(getPath(s, 'context.contextActivities.grouping'))
      ?? firstId(getPath(s, 'context.contextActivities.category'));
    if (skill === undefined) { r.skip(row, 'missing-skill'); continue; }
    let order = typeof s.timestamp === 'string' ? parseIsoTime(s.timestamp) : NaN;
    if (Number.isNaN(order) && typeof s.stored === 'string') order = parseIsoTime(s.stored);
    if (Number.isNaN(order)) { r.skip(row, 'no-timestamp'); continue; }
    log.add(student, skill, item, correct, order);
    r.report.rowsKept++;
  }
  r.report.pseudonymisedColumns.push('actor');
  if (actorNames) r.drop('actor.name', 'direct-identifier');
  return log.finish(ctx);
}

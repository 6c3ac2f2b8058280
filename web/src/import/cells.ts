// Cell-level parsing shared by the adapters: missing markers, decimal commas, 0/1 correctness,
// dates (ISO 8601 and Moodle's English formats). Depends on nothing.

const NUMBER_DOT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const NUMBER_COMMA = /^[+-]?(\d+(,\d*)?|,\d+)$/;

/** True for the gradebook markers of "no value": empty, `-`, `EX` (excused), `N/A`. */
export function isMissingMarker(cell: string): boolean {
  const c = cell.trim();
  return c === '' || c === '-' || c === 'EX' || c.toUpperCase() === 'N/A';
}

/** Parses a number written with `.` or (when `decimalComma`) `,` as decimal mark; NaN otherwise. */
export function parseDecimal(cell: string, decimalComma: boolean): number {
  const c = cell.trim();
  if (NUMBER_DOT.test(c)) return Number(c);
  if (decimalComma && NUMBER_COMMA.test(c)) return Number(c.replace(',', '.'));
  return NaN;
}

/**
 * Rewrites decimal commas to points in the numeric-looking columns of `rows` (in place): a column
 * qualifies when every non-empty cell is a number with `.` or `,` as decimal mark. Columns listed
 * in `skip` (ids) are never touched.
 */
export function normaliseDecimalCommas(rows: string[][], width: number, skip: ReadonlySet<number>): void {
  for (let c = 0; c < width; c++) {
    if (skip.has(c)) continue;
    let numeric = true;
    let anyComma = false;
    for (const row of rows) {
      const v = row[c]!.trim();
      if (v === '') continue;
      if (NUMBER_COMMA.test(v)) anyComma ||= v.includes(',');
      else if (!NUMBER_DOT.test(v)) { numeric = false; break; }
    }
    if (!numeric || !anyComma) continue;
    for (const row of rows) row[c] = row[c]!.trim().replace(',', '.');
  }
}

/** 0/1 from `1`, `0`, `1.0`, `true`, `false` (any case); null for anything else. */
export function parseCorrect(cell: unknown): number | null {
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell === 'number') return cell === 1 ? 1 : cell === 0 ? 0 : null;
  if (typeof cell !== 'string') return null;
  const c = cell.trim().toLowerCase();
  if (c === 'true') return 1;
  if (c === 'false') return 0;
  if (!NUMBER_DOT.test(c) && !NUMBER_COMMA.test(c)) return null;
  const v = Number(c.replace(',', '.'));
  return v === 1 ? 1 : v === 0 ? 0 : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since 1970 of an ISO 8601 date-time (any number of fraction digits; no zone = UTC),
 * or NaN. Written out because `Date.parse` differs between engines beyond the ECMAScript subset.
 */
export function parseIsoTime(text: string): number {
  const m = ISO.exec(text.trim());
  if (!m) return NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return t;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december'];
const LONG = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?/;
const SHORT = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?$/;

/**
 * Milliseconds (as if UTC) of a Moodle date: `12 February 2021  1:03 PM`,
 * `Thursday, 4 February 2021, 1:05 PM`, `4/02/21, 13:05` (day first), ISO 8601 or Unix seconds;
 * NaN when none fits. Only the order and the calendar day of these values are used.
 */
export function parseMoodleTime(text: string): number {
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  const iso = parseIsoTime(t);
  if (!Number.isNaN(iso)) return iso;
  let m = LONG.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    if (month < 0) return NaN;
    return Date.UTC(+m[3]!, month, +m[1]!, hour24(+m[4]!, m[7]), +m[5]!, +(m[6] ?? 0));
  }
  m = SHORT.exec(t);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return Date.UTC(year, +m[2]! - 1, +m[1]!, hour24(+m[4]!, m[6]), +m[5]!);
  }
  return NaN;
}

function hour24(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

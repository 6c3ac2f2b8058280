// Privacy helpers of the importers: keyed pseudonyms (HMAC-SHA-256 via WebCrypto), the list of
// direct identifiers dropped at import, identifier-like column detection and erasing one student.
import { Dataset } from '../dataset.js';
import { PathwiseError } from '../errors.js';
import type { AttemptLog, StudentTable } from './types.js';

/** An HMAC key: a WebCrypto HMAC/SHA-256 `CryptoKey` with 'sign' usage, raw bytes, or a passphrase (its UTF-8 bytes). */
export type PseudonymKey = CryptoKey | Uint8Array | string;

/** Number of hex characters kept of each HMAC (64 bits: collisions are negligible for school-sized data). */
export const PSEUDONYM_HEX_LENGTH = 16;

let pageKey: Promise<CryptoKey> | null = null;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new PathwiseError('INTERNAL', 'pseudonymise: WebCrypto (crypto.subtle) is not available');
  return s;
}

function importRaw(bytes: Uint8Array): Promise<CryptoKey> {
  if (bytes.length === 0) throw new PathwiseError('BAD_OPTION', "pseudonymise: option 'key' is empty");
  return subtle().importKey('raw', bytes as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The key used when the caller gives none: 32 random bytes from `crypto.getRandomValues`, imported
 * as a non-extractable key, created once per page (or Node process) and held in memory only.
 */
export function pageKeyOf(): Promise<CryptoKey> {
  if (!pageKey) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
    pageKey = importRaw(bytes);
    bytes.fill(0);
  }
  return pageKey;
}

/** Forgets the per-page key, so later imports get unlinkable pseudonyms (used by clear-all). */
export function forgetPageKey(): void {
  pageKey = null;
}

/** Resolves a `PseudonymKey` (or the page key when undefined) to a CryptoKey. */
export async function resolveKey(key: PseudonymKey | undefined): Promise<CryptoKey> {
  if (key === undefined) return pageKeyOf();
  if (typeof key === 'string') return importRaw(new TextEncoder().encode(key));
  if (key instanceof Uint8Array) return importRaw(key);
  if (typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key) return key;
  throw new PathwiseError('BAD_OPTION', "pseudonymise: option 'key' must be a CryptoKey, a Uint8Array or a string");
}

/**
 * Replaces each value by the first {@link PSEUDONYM_HEX_LENGTH} lowercase hex characters of
 * HMAC-SHA-256(key, UTF-8 bytes of the value). Same key → same pseudonym; without the key a
 * pseudonym cannot be traced back. Empty strings stay empty (a missing id stays missing).
 * @param key - defaults to the random per-page key (see {@link pageKeyOf})
 * @example
 * const [p] = await pseudonymise(['007'], 'school secret');  // 16 hex characters
 * @throws PathwiseError `BAD_OPTION` for an empty or ill-typed key.
 */
export async function pseudonymise(values: readonly string[], key?: PseudonymKey): Promise<string[]> {
  const k = await resolveKey(key);
  const enc = new TextEncoder();
  const cache = new Map<string, Promise<string>>();
  const one = (v: string): Promise<string> => {
    let p = cache.get(v);
    if (!p) {
      p = subtle().sign('HMAC', k, enc.encode(v)).then((sig) => toHex(new Uint8Array(sig)).slice(0, PSEUDONYM_HEX_LENGTH));
      cache.set(v, p);
    }
    return p;
  };
  return Promise.all(values.map((v) => (v === '' ? Promise.resolve('') : one(v))));
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Header names (trimmed, lowercase) of direct identifiers that are dropped at import by default:
 * names, e-mail, IP address, login ids, free-text log descriptions; English plus a few German,
 * French and Spanish Moodle translations. Add others with the `dropColumns` import option.
 */
export const DIRECT_IDENTIFIERS: ReadonlySet<string> = new Set([
  'first name', 'firstname', 'surname', 'last name', 'lastname', 'student', 'student name', 'name',
  'full name', 'fullname', 'user full name', 'affected user', 'email address', 'email', 'e-mail',
  'ip address', 'ip', 'sis login id', 'login id', 'login', 'description',
  'vorname', 'nachname', 'e-mail-adresse', 'vollständiger name', 'ip-adresse', 'beschreibung',
  'prénom', 'nom', 'adresse de courriel', 'nombre', 'apellido(s)', 'dirección de correo',
]);

/** True when `header` names a direct identifier (see {@link DIRECT_IDENTIFIERS}) or is in `extra`. */
export function isDirectIdentifier(header: string, extra: readonly string[] = []): boolean {
  const h = header.trim().toLowerCase();
  return DIRECT_IDENTIFIERS.has(h) || extra.some((e) => e.trim().toLowerCase() === h);
}

const MISSING = new Set(['', 'na', 'n/a', 'null', 'nan', '?']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/; // a number in a comma locale: the core reports it, it is not an id
const INTEGER = /^[+-]?\d+$/;
const LEADING_ZERO = /^[+-]?0\d/;

/**
 * Why the cells of a column make it identifier-like, or undefined: at least 2 non-missing cells,
 * all different, and either one of them is text (not a number) or they are whole numbers of which
 * one has a leading zero. Unique numbers without leading zeros (an average grade, a duration) are
 * NOT identifier-like: a numeric feature keeps only its mean and spread in the model.
 */
export function identifierValues(cells: readonly string[]): 'unique-text' | 'unique-leading-zero-ids' | undefined {
  const seen = new Set<string>();
  let text = false;
  let integers = true;
  let leadingZero = false;
  for (const raw of cells) {
    const v = raw.trim();
    if (MISSING.has(v.toLowerCase())) continue;
    if (seen.has(v)) return undefined;
    seen.add(v);
    if (!NUMBER.test(v) && !DECIMAL_COMMA.test(v)) text = true;
    else if (!INTEGER.test(v)) integers = false;
    else if (LEADING_ZERO.test(v)) leadingZero = true;
  }
  if (seen.size < 2) return undefined;
  if (text) return 'unique-text';
  return integers && leadingZero ? 'unique-leading-zero-ids' : undefined;
}

/**
 * Names of the columns of an imported table whose cells make them identifier-like
 * ({@link identifierValues}): text unique per row (ids, names, pseudonyms) or unique whole numbers
 * with leading zeros. They must not become features (a one-hot vocabulary would store them in the
 * model); train() leaves them out by default (see identifierColumns, which also checks headers).
 * @example
 * identifierLikeColumns({ header: ['id', 'G1'], rows: [['a1', '3'], ['b2', '3']] }); // ['id']
 */
export function identifierLikeColumns(table: StudentTable): string[] {
  return table.header.filter((_, c) => identifierValues(table.rows.map((row) => row[c] ?? '')) !== undefined);
}

/** A `StudentTable`, an `AttemptLog` or a `Dataset`. */
export type StudentData = StudentTable | AttemptLog | Dataset;

/**
 * A copy of `data` without the rows of one student (GDPR Art. 17); retrain on the result.
 * For a table or Dataset, rows are removed where `column` (default: any column) equals the
 * pseudonym (or the id, for data that was not pseudonymised).
 * @example
 * const { log } = await importData(file, { key });
 * const rest = eraseStudent(log!, (await pseudonymise(['007'], key))[0]!);
 * const model = await train(eraseStudent(data, pseudonym, 'student_id'), options); // erase and retrain
 * @throws PathwiseError `UNKNOWN_COLUMN` when `column` is not in the table.
 */
export function eraseStudent<T extends StudentData>(data: T, pseudonym: string, column?: string): T {
  if (data instanceof Dataset) {
    const cols = column === undefined ? data.columns : [data.column(column)];
    const keep: number[] = [];
    for (let r = 0; r < data.rows; r++) if (!cols.some((col) => col[r] === pseudonym)) keep.push(r);
    return data.selectRows(keep) as T;
  }
  if ('header' in data) {
    const c = column === undefined ? -1 : data.header.indexOf(column);
    if (column !== undefined && c < 0) throw new PathwiseError('UNKNOWN_COLUMN', `eraseStudent: no column '${column}'`);
    const rows = data.rows.filter((r) => (c >= 0 ? r[c] !== pseudonym : !r.includes(pseudonym)));
    return { header: [...data.header], rows: rows.map((r) => [...r]) } as T;
  }
  const log = data as AttemptLog;
  const keep = log.student.map((s) => s !== pseudonym);
  const pick = <V>(a: V[]): V[] => a.filter((_, i) => keep[i]);
  return { student: pick(log.student), skill: pick(log.skill), item: pick(log.item),
    correct: pick(log.correct), order: pick(log.order) } as T;
}

// Identifier-like columns: which columns of a Dataset train() and crossValidate() leave out of the
// features by default, and why (issue 7: "no identifier can end up in a one-hot vocabulary inside
// a model file"). Pure JS over the dataset's string cells; no wasm.
import type { Dataset } from './dataset.js';
import { badOption } from './errors.js';
import { identifierValues, isDirectIdentifier } from './import/privacy.js';

export { identifierValues };

/** Why a column was left out of the features. */
export type ExclusionReason =
  /** The header names an identifier: an `id` word (`id`, `student_id`, `userId`, `ID number`, `Anon Student Id`, …). */
  | 'identifier-name'
  /** The header names a direct identifier: a name, an e-mail, an IP address, a login (see DIRECT_IDENTIFIERS). */
  | 'direct-identifier'
  /** Text values, all different (one per row): names, codes, pseudonyms. */
  | 'unique-text'
  /** Whole numbers, all different, some written with leading zeros (`007`): ids kept as text. */
  | 'unique-leading-zero-ids';

/** A column left out of the features, and why. */
export interface ExcludedColumn {
  column: string;
  reason: ExclusionReason;
  /** One sentence for people (model cards, logs). */
  detail: string;
}

/** What decides whether identifier-like columns are excluded: a subset of TrainOptions. */
export interface IdentifierOptions {
  target?: string;
  features?: readonly string[];
  exclude?: readonly string[];
  /** Use identifier-like columns as features too (not recommended). @defaultValue false */
  allowIdentifiers?: boolean;
}

// Words that make a header an identifier on their own, and person words that do with a number-ish word.
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'pseudonym', 'matrikelnummer', 'matriculation', 'ssn', 'username', 'userid']);
const PERSON_WORDS = new Set(['user', 'student', 'learner', 'pupil', 'person', 'account', 'actor', 'sis', 'anon', 'login', 'eleve', 'élève', 'schüler']);
const NUMBER_WORDS = new Set(['number', 'no', 'nr', 'num', 'code', 'key', 'name', 'nummer', 'numéro', 'numero']);
const COMPACT_ID = /^(user|student|learner|pupil|person|account|actor|sis)(id|ids|no|nr|num|number|name|code|key)$/;
const MAIL_WORDS = new Set(['email', 'mail', 'mbox', 'e-mail']);

/** Words of a header: camelCase split, lowercased, split on anything but letters and digits. */
function words(header: string): string[] {
  return header
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Why a header names an identifier, or undefined. `id` as a word (`student_id`, `userId`,
 * `ID number`, `Anon Student Id`; not `paid` or `idea`), compounds such as `studentnumber`,
 * direct identifiers (names, e-mail, IP, login: {@link isDirectIdentifier}) and e-mail words.
 * @example identifierName('student_id') // 'identifier-name'
 */
export function identifierName(header: string): 'identifier-name' | 'direct-identifier' | undefined {
  if (isDirectIdentifier(header)) return 'direct-identifier';
  const w = words(header);
  if (w.some((x) => MAIL_WORDS.has(x))) return 'direct-identifier';
  if (w.some((x) => ID_WORDS.has(x))) return 'identifier-name';
  if (w.some((x) => PERSON_WORDS.has(x)) && w.some((x) => NUMBER_WORDS.has(x))) return 'identifier-name';
  if (COMPACT_ID.test(w.join(''))) return 'identifier-name';
  return undefined;
}

const DETAIL: Record<ExclusionReason, string> = {
  'identifier-name': 'its name says it is an identifier',
  'direct-identifier': 'its name says it holds names, e-mail addresses, IP addresses or logins',
  'unique-text': 'every row has a different text value (like a name or an id)',
  'unique-leading-zero-ids': 'every row has a different whole number, written with leading zeros (like an id)',
};

/**
 * The identifier-like columns of a dataset, in header order, with the reason — the columns
 * train() and crossValidate() leave out of the features unless `features` lists them or
 * `allowIdentifiers` is set. The target is never reported. Rule: a column is identifier-like when
 * its name says so ({@link identifierName}) or its cells do ({@link identifierValues}).
 * @example identifierColumns(data, { target: 'G3' }) // [{ column: 'student_id', reason: 'identifier-name', detail: '…' }]
 */
export function identifierColumns(data: Dataset, options: { target?: string } = {}): ExcludedColumn[] {
  const out: ExcludedColumn[] = [];
  data.header.forEach((column, c) => {
    if (column === options.target) return;
    // A column of plain decimals with a fraction somewhere is neither text nor whole-number ids:
    // decided from the (cached) numeric conversion, without reading its cells as strings.
    const reason = identifierName(column) ?? (data.hasFractionalNumbers(c) ? undefined : identifierValues(data.column(column)));
    if (reason) out.push({ column, reason, detail: DETAIL[reason] });
  });
  return out;
}

/**
 * The columns train() must exclude for `options`: none when `features` is given (explicit) or
 * `allowIdentifiers` is true; else the identifier-like columns not already in `exclude`.
 * @throws PathwiseError BAD_OPTION when nothing but identifier-like columns would be left.
 * @internal
 */
export function identifierExclusions(data: Dataset, options: IdentifierOptions): ExcludedColumn[] {
  if (options.allowIdentifiers === true || (options.features?.length ?? 0) > 0) return [];
  // No such target: the core reports UNKNOWN_COLUMN, which says more than anything found here.
  if (options.target === undefined || !data.header.includes(options.target)) return [];
  const already = new Set(options.exclude ?? []);
  const found = identifierColumns(data, options.target === undefined ? {} : { target: options.target });
  const excluded = found.filter((e) => !already.has(e.column));
  const left = data.header.filter((h) => h !== options.target && !already.has(h) && !excluded.some((e) => e.column === h));
  if (excluded.length > 0 && left.length === 0) {
    throw badOption(
      `every feature column looks like an identifier (${excluded.map((e) => `'${e.column}'`).join(', ')}): ` +
        `list the columns to use in 'features', or set 'allowIdentifiers: true'`,
    );
  }
  return excluded;
}

// Options of `importData` (one type, defaults in one frozen object) and their validation.
import { PathwiseError } from '../errors.js';
import type { PseudonymKey } from './privacy.js';
import type { TextEncodingName } from './text.js';
import type { FormatName } from './types.js';

/** Roles a column can play in an attempt log; `columnMap` maps them to (localized) headers. */
export type LogRole = 'student' | 'skill' | 'item' | 'correct' | 'order';

/** Options of {@link importData}. Every field is optional. */
export interface ImportOptions {
  /** Format to use; detected with `detectFormat` when absent. @defaultValue undefined (detect) */
  format?: FormatName;
  /** Header names for the log roles (generic formats), and `student` = id column of tables. @defaultValue {} */
  columnMap?: Partial<Record<LogRole, string>>;
  /** Item → skill map (Q-matrix) for xAPI object ids, Open edX input/problem ids, Moodle quiz slots. @defaultValue {} */
  itemSkillMap?: Record<string, string>;
  /** Pseudonymisation key; the random per-page key when absent. @defaultValue undefined */
  key?: PseudonymKey;
  /** Encoding of byte input (a BOM overrides it). @defaultValue 'utf-8' */
  encoding?: TextEncodingName;
  /** Field delimiter; sniffed among `,` `;` tab `|` when absent. @defaultValue undefined */
  delimiter?: string;
  /** Decimal mark: `'auto'` = comma when the delimiter is `;` or a tab. @defaultValue 'auto' */
  decimalSeparator?: 'auto' | '.' | ',';
  /** ASSISTments: also keep scaffolding rows (`original` = 0). @defaultValue false */
  keepScaffolding?: boolean;
  /**
   * ASSISTments: a multi-skill problem repeats its `order_id` once per skill; `'per-skill'` keeps
   * every row, `'first'` keeps the first row of each `order_id` (as `drop_duplicates('order_id')`).
   * @defaultValue 'per-skill'
   */
  multiSkillRows?: 'per-skill' | 'first';
  /** KDD Cup / DataShop: KC model, e.g. `'SubSkills'` for `KC(SubSkills)`; first KC column when absent. @defaultValue undefined */
  kcModel?: string;
  /** xAPI: `result.score.scaled` at or above this counts as correct when `result.success` is absent. @defaultValue 0.5 */
  scoreThreshold?: number;
  /** Extra direct-identifier headers to drop. @defaultValue [] */
  dropColumns?: string[];
  /** Direct-identifier headers to keep anyway (explicit opt-out). @defaultValue [] */
  keepColumns?: string[];
  /** Extra table columns to pseudonymise. @defaultValue [] */
  idColumns?: string[];
  /** Cap on `report.skipped` entries (counts are always complete). @defaultValue 100 */
  maxSkippedListed?: number;
}

/** Default import options. */
export const IMPORT_DEFAULTS = Object.freeze({
  format: undefined, columnMap: Object.freeze({}), itemSkillMap: Object.freeze({}), key: undefined,
  encoding: 'utf-8', delimiter: undefined, decimalSeparator: 'auto', keepScaffolding: false,
  multiSkillRows: 'per-skill', kcModel: undefined, scoreThreshold: 0.5, dropColumns: Object.freeze([]), keepColumns: Object.freeze([]),
  idColumns: Object.freeze([]), maxSkippedListed: 100,
} as const);

/** Options after defaults were applied. */
export type ResolvedImportOptions = Required<Omit<ImportOptions, 'format' | 'key' | 'delimiter' | 'kcModel'>>
  & Pick<ImportOptions, 'format' | 'key' | 'delimiter' | 'kcModel'>;

const FORMATS: readonly FormatName[] = ['generic-log', 'generic-table', 'assistments-2009', 'kdd-cup-2010',
  'xapi', 'openedx', 'moodle-quiz', 'moodle-gradebook', 'canvas-gradebook', 'moodle-logs'];

function bad(message: string): never {
  throw new PathwiseError('BAD_OPTION', `importData: ${message}`);
}

/** Merges `opts` over {@link IMPORT_DEFAULTS} and validates it. @throws PathwiseError `BAD_OPTION` */
export function resolveImportOptions(opts: ImportOptions = {}): ResolvedImportOptions {
  for (const k of Object.keys(opts)) if (!(k in IMPORT_DEFAULTS)) bad(`unknown option '${k}'`);
  const o = { ...IMPORT_DEFAULTS, ...stripUndefined(opts) } as ResolvedImportOptions;
  if (o.format !== undefined && !FORMATS.includes(o.format)) bad(`option 'format' must be one of ${FORMATS.join(', ')}`);
  if (!['per-skill', 'first'].includes(o.multiSkillRows)) bad("option 'multiSkillRows' must be 'per-skill' or 'first'");
  if (!['auto', '.', ','].includes(o.decimalSeparator)) bad("option 'decimalSeparator' must be 'auto', '.' or ','");
  if (!(o.scoreThreshold >= -1 && o.scoreThreshold <= 1)) bad("option 'scoreThreshold' must be in [-1, 1]");
  if (!Number.isInteger(o.maxSkippedListed) || o.maxSkippedListed < 0) bad("option 'maxSkippedListed' must be an integer >= 0");
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1)) bad("option 'delimiter' must be one character");
  for (const k of ['dropColumns', 'keepColumns', 'idColumns'] as const) {
    if (!Array.isArray(o[k]) || o[k].some((v) => typeof v !== 'string')) bad(`option '${k}' must be an array of strings`);
  }
  for (const k of ['columnMap', 'itemSkillMap'] as const) {
    const m = o[k] as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || Object.values(m).some((v) => typeof v !== 'string')) bad(`option '${k}' must map strings to strings`);
  }
  const roles: readonly string[] = ['student', 'skill', 'item', 'correct', 'order'];
  for (const r of Object.keys(o.columnMap)) if (!roles.includes(r)) bad(`option 'columnMap' has unknown role '${r}'`);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

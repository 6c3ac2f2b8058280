// Dataset: a table of string cells held column by column in JS (header + columns[col][row]).
// Pure JS except split() and toNative(), which hand the cells to the core as a transient NativeTable.
import { PathwiseError, badOption } from './errors.js';
import { free, track } from './handles.js';
import type { NativeTable, PathwiseModule } from './native.js';
import { resolveSplitOptions, type SplitOptions } from './options.js';
import { call, loadModule } from './wasm.js';

/** A problem found while parsing CSV: data, not an exception (see parseCsv's `strict`). */
export interface CsvIssue {
  code: 'TOO_FEW_FIELDS' | 'TOO_MANY_FIELDS' | 'MISSING_QUOTES' | 'INVALID_QUOTES';
  message: string;
  /** 1-based data row (the header is row 0). */
  row: number;
}

/** A type the core should use for a column instead of inferring it. */
export type ColumnType = 'numeric' | 'boolean' | 'categorical';

/** A cell as given programmatically; stored as a string ('' for null/undefined = missing). */
export type Cell = string | number | boolean | null | undefined;

const UNIT_SEPARATOR = '\u001f';

/**
 * @internal Cells of one column kept as spans of a source text (cell r = source.slice(starts[r],
 * ends[r])): what the CSV fast path produces, so big files need no string per cell until someone
 * reads the cells as strings.
 */
export class TextSpans {
  constructor(
    readonly source: string,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  cell(r: number): string {
    return this.source.slice(this.starts[r]!, this.ends[r]!);
  }

  /** The given rows (indices already checked). */
  pick(indices: ArrayLike<number>): TextSpans {
    const starts = new Uint32Array(indices.length);
    const ends = new Uint32Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      starts[k] = this.starts[indices[k]!]!;
      ends[k] = this.ends[indices[k]!]!;
    }
    return new TextSpans(this.source, starts, ends);
  }
}

/** How a column's cells are held: strings, or spans of a source text. */
type Store = readonly string[] | TextSpans;

const materialized = new WeakMap<TextSpans, readonly string[]>();

function strings(store: Store): readonly string[] {
  if (!(store instanceof TextSpans)) return store;
  let cells = materialized.get(store);
  if (!cells) {
    const out = new Array<string>(store.length);
    for (let r = 0; r < out.length; r++) out[r] = store.cell(r);
    cells = Object.freeze(out);
    materialized.set(store, cells);
  }
  return cells;
}

/** Columnar table of string cells. Immutable: every method returns a new Dataset sharing cells. */
export class Dataset {
  /** Column names, in file order. */
  readonly header: readonly string[];
  /** Number of data rows. */
  readonly rows: number;
  /** Malformed rows met while parsing (empty for programmatic datasets). */
  readonly errors: readonly CsvIssue[];
  /** Column types forced with {@link Dataset.withTypes}; other columns are inferred by the core. */
  readonly types: Readonly<Record<string, ColumnType>>;
  private readonly stores: readonly Store[];
  private cachedColumns: readonly (readonly string[])[] | undefined;

  private constructor(
    header: readonly string[],
    stores: readonly Store[],
    errors: readonly CsvIssue[],
    types: Readonly<Record<string, ColumnType>>,
  ) {
    this.header = Object.freeze([...header]);
    this.stores = Object.freeze([...stores]);
    this.rows = stores[0]?.length ?? 0;
    this.errors = Object.freeze([...errors]);
    this.types = Object.freeze({ ...types });
  }

  /** columns[c][r] is the cell of column c in data row r. */
  get columns(): readonly (readonly string[])[] {
    this.cachedColumns ??= Object.freeze(this.stores.map(strings));
    return this.cachedColumns;
  }

  /**
   * @internal Every column as spans of a source text (for the worker protocol): span-backed
   * columns as they are, string columns joined into a text of their own.
   */
  toSpans(): TextSpans[] {
    return this.stores.map((store) => {
      if (store instanceof TextSpans) return store;
      const starts = new Uint32Array(store.length);
      const ends = new Uint32Array(store.length);
      let end = 0;
      for (let r = 0; r < store.length; r++) {
        starts[r] = end;
        end += store[r]!.length;
        ends[r] = end;
      }
      return new TextSpans(store.join(''), starts, ends);
    });
  }

  /** @internal A Dataset over spans of source texts (the CSV fast path, the worker protocol). */
  static fromSpans(header: readonly string[], columns: readonly TextSpans[], errors: readonly CsvIssue[]): Dataset {
    return new Dataset(header.map(String), columns, errors, {});
  }

  /**
   * From columns: `columns[c][r]`. Arrays of strings are shared, not copied.
   * @example Dataset.fromColumns(['id', 'G3'], [['007', '008'], [12, 9]])
   * @throws PathwiseError SHAPE_MISMATCH when lengths disagree.
   */
  static fromColumns(
    header: readonly string[],
    columns: readonly (readonly Cell[])[],
    extra: { errors?: readonly CsvIssue[]; types?: Record<string, ColumnType> } = {},
  ): Dataset {
    if (header.length !== columns.length) {
      throw new PathwiseError('SHAPE_MISMATCH', `${header.length} column names but ${columns.length} columns`);
    }
    const rows = columns[0]?.length ?? 0;
    columns.forEach((col, c) => {
      if (col.length !== rows) {
        throw new PathwiseError('SHAPE_MISMATCH', `column '${header[c]}' has ${col.length} cells, column '${header[0]}' has ${rows}`);
      }
    });
    return new Dataset(header.map(String), columns.map(toStrings), extra.errors ?? [], extra.types ?? {});
  }

  /**
   * From rows: `rows[r][c]`.
   * @example Dataset.fromRows(['age', 'G3'], [[17, 12], [18, 9]])
   * @throws PathwiseError SHAPE_MISMATCH when a row's length differs from the header's.
   */
  static fromRows(header: readonly string[], rows: readonly (readonly Cell[])[]): Dataset {
    const columns = header.map(() => new Array<string>(rows.length));
    rows.forEach((row, r) => {
      if (row.length !== header.length) {
        throw new PathwiseError('SHAPE_MISMATCH', `row ${r + 1} has ${row.length} cells, the header has ${header.length}`);
      }
      row.forEach((cell, c) => (columns[c]![r] = cellText(cell)));
    });
    return new Dataset(header, columns, [], {});
  }

  /**
   * From objects, one per row; the header is the union of keys in first-seen order unless given.
   * Missing keys are missing values.
   * @example Dataset.fromObjects([{ age: 17, sex: 'F' }, { age: 18, sex: 'M' }])
   */
  static fromObjects(objects: readonly Record<string, Cell>[], header?: readonly string[]): Dataset {
    const names = header ? [...header] : [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const columns = names.map((name) => objects.map((o) => cellText(o[name])));
    return new Dataset(names, columns, [], {});
  }

  /** The cells of one column. @throws PathwiseError UNKNOWN_COLUMN */
  column(name: string): readonly string[] {
    return strings(this.stores[this.indexOf(name)]!);
  }

  /** Only these columns, in this order. @throws PathwiseError UNKNOWN_COLUMN */
  select(names: readonly string[]): Dataset {
    const idx = names.map((n) => this.indexOf(n));
    return this.derive(idx.map((i) => this.header[i]!), idx.map((i) => this.stores[i]!));
  }

  /** All columns but these. @throws PathwiseError UNKNOWN_COLUMN */
  exclude(names: readonly string[]): Dataset {
    const drop = new Set(names.map((n) => this.indexOf(n)));
    const keep = this.header.map((_, i) => i).filter((i) => !drop.has(i));
    return this.derive(keep.map((i) => this.header[i]!), keep.map((i) => this.stores[i]!));
  }

  /** The first n rows. */
  head(n = 5): Dataset {
    const count = Math.max(0, Math.min(this.rows, Math.floor(n) || 0));
    return this.selectRows(Array.from({ length: count }, (_, i) => i));
  }

  /** The given rows (0-based indices), in the given order. @throws PathwiseError SHAPE_MISMATCH */
  selectRows(indices: ArrayLike<number>): Dataset {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
        throw new PathwiseError('SHAPE_MISMATCH', `row index ${i} is outside 0..${this.rows - 1}`);
      }
    }
    const pick = (col: Store): Store =>
      col instanceof TextSpans ? col.pick(indices) : Array.from({ length: indices.length }, (_, k) => col[indices[k]!]!);
    return this.derive(this.header, this.stores.map(pick));
  }

  /** Forces column types instead of letting the core infer them. @throws PathwiseError UNKNOWN_COLUMN, BAD_OPTION */
  withTypes(types: Record<string, ColumnType>): Dataset {
    for (const [name, type] of Object.entries(types)) {
      this.indexOf(name);
      if (type !== 'numeric' && type !== 'boolean' && type !== 'categorical') {
        throw badOption(`type of column '${name}' must be 'numeric', 'boolean' or 'categorical' (got ${JSON.stringify(type)})`);
      }
    }
    return new Dataset(this.header, this.stores, this.errors, { ...this.types, ...types });
  }

  /** Rows as objects of strings (for display; costs memory on large data). */
  toObjects(): Record<string, string>[] {
    return Array.from({ length: this.rows }, (_, r) =>
      Object.fromEntries(this.header.map((name, c) => [name, this.columns[c]![r]!])),
    );
  }

  /**
   * Splits rows into train and test sets with the core's seeded split, stratified on the target's
   * classes by default (rows with a missing target go to train).
   * @example const { train, test } = await data.split({ test: 0.2, target: 'G3', positive: 'G3 >= 10', seed: 1 });
   * @throws PathwiseError BAD_OPTION, UNKNOWN_COLUMN, BAD_RULE
   */
  async split(options: SplitOptions = {}): Promise<{ train: Dataset; test: Dataset }> {
    const o = resolveSplitOptions(options);
    const module = await loadModule();
    const table = this.toNative(module);
    let assignment: Uint8Array;
    try {
      const spec = { target: o.target, task: o.task, ...(o.positive ? { positive: o.positive } : {}) };
      assignment = call(module, () => module.splitAssignments(table, spec, o.test, o.seed, o.stratify));
    } finally {
      free(table);
    }
    const trainRows: number[] = [];
    const testRows: number[] = [];
    assignment.forEach((a, r) => (a === 1 ? testRows : trainRows).push(r));
    return { train: this.selectRows(trainRows), test: this.selectRows(testRows) };
  }

  /**
   * Builds a NativeTable in `module` (tracked; the caller must free() it). Columns whose cells are
   * all plain decimals (or empty) cross as one Float32Array per run of such columns, converted once
   * per column array and cached (Datasets are immutable); other columns cross as text and are
   * parsed by the core. Column order is kept. `only`: convert just these columns (others skipped).
   * @throws core table errors
   */
  toNative(module: PathwiseModule, only?: ReadonlySet<string>): NativeTable {
    const builder = track(call(module, () => new module.TableBuilder()));
    try {
      // Types first: the builder parses each column as it is added.
      for (const [name, type] of Object.entries(this.types)) {
        if (!only || only.has(name)) call(module, () => builder.setType(name, type));
      }
      let runNames: string[] = [];
      let runValues: Float32Array[] = [];
      const flush = () => {
        if (runNames.length === 0) return;
        const packed = runValues.length === 1 ? runValues[0]! : concat(runValues, this.rows);
        const names = runNames.join(UNIT_SEPARATOR);
        call(module, () => builder.addNumericColumns(names, packed, this.rows));
        runNames = [];
        runValues = [];
      };
      this.header.forEach((name, c) => {
        if (only && !only.has(name)) return;
        const type = this.types[name];
        const numbers = type === undefined || type === 'numeric' ? numericValues(this.stores[c]!) : null;
        if (numbers && !name.includes(UNIT_SEPARATOR)) {
          runNames.push(name);
          runValues.push(numbers);
          return;
        }
        flush();
        const joined = strings(this.stores[c]!).map(cleanCell).join(UNIT_SEPARATOR);
        call(module, () => builder.addColumn(name, joined, this.rows));
      });
      flush();
      return track(call(module, () => builder.build()));
    } finally {
      free(builder);
    }
  }

  /**
   * @internal The named columns as float32 values (the cached conversion toNative() sends), when
   * every one exists, has no non-numeric type override and holds only plain decimals or empty
   * cells (NaN); else null.
   */
  numericColumns(names: readonly string[]): Float32Array[] | null {
    const out: Float32Array[] = [];
    for (const name of names) {
      const c = this.header.indexOf(name);
      const type = this.types[name];
      if (c < 0 || (type !== undefined && type !== 'numeric') || name.includes(UNIT_SEPARATOR)) return null;
      const values = numericValues(this.stores[c]!);
      if (!values) return null;
      out.push(values);
    }
    return out;
  }

  /**
   * @internal True when every cell of column `c` is empty or a plain decimal and some value has a
   * fraction (so it is neither text nor whole numbers). Uses the cached numeric conversion.
   */
  hasFractionalNumbers(c: number): boolean {
    const values = numericValues(this.stores[c]!);
    if (!values) return false;
    for (let r = 0; r < values.length; r++) {
      const v = values[r]!;
      if (v === v && v !== Math.trunc(v)) return true;
    }
    return false;
  }

  private indexOf(name: string): number {
    const i = this.header.indexOf(name);
    if (i < 0) throw new PathwiseError('UNKNOWN_COLUMN', `no column '${name}' (columns: ${this.header.join(', ')})`);
    return i;
  }

  private derive(header: readonly string[], columns: readonly Store[]): Dataset {
    const types = Object.fromEntries(Object.entries(this.types).filter(([n]) => header.includes(n)));
    return new Dataset(header, columns, this.errors, types);
  }
}

function cellText(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function toStrings(col: readonly Cell[]): readonly string[] {
  return col.every((c) => typeof c === 'string') ? (col as readonly string[]) : col.map(cellText);
}

// The unit separator joins cells on the way to the core; inside a cell it becomes a space.
function cleanCell(cell: string): string {
  return cell.includes(UNIT_SEPARATOR) ? cell.replaceAll(UNIT_SEPARATOR, ' ') : cell;
}

// ---- Numeric fast path --------------------------------------------------------------------
/** @internal Largest finite float32: values beyond it are left for the core to reject. */
export const FLOAT_MAX = 3.4028234663852886e38;
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const numericCache = new WeakMap<Store, Float32Array | null>();
// Columns shorter than this are converted on every call (a cache entry would cost more).
const CACHE_MIN_ROWS = 1024;

/**
 * The value of text[start, end) when it follows the core's decimal grammar (cpp/data/cell_parse.cpp
 * isDecimalGrammar, without surrounding whitespace): sign, digits with an optional point (at least
 * one digit), optional exponent; NaN otherwise. Correctly rounded like the core's parser: the exact
 * path (at most 15 significant digits and 22 fraction digits, no exponent: mantissa and 10^k are
 * exact doubles, so one division rounds correctly — the same rule as the core's fastDecimal) or
 * Number(), which is correctly rounded too.
 */
export function decimalValue(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 43 || c === 45) {
    negative = c === 45;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  while (c >= 48 && c <= 57 && i < end) {
    digits++;
    if (mantissa !== 0 || c !== 48) significant++;
    mantissa = mantissa * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  if (c === 46 && i < end) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57 && i < end) {
      digits++;
      fraction++;
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return NaN;
  if (i === end) {
    if (significant <= 15 && fraction <= 22) {
      const v = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
      return negative ? -v : v;
    }
    return Number(text.slice(start, end));
  }
  if (c !== 101 && c !== 69) return NaN;
  c = text.charCodeAt(++i);
  if ((c === 43 || c === 45) && i < end) c = text.charCodeAt(++i);
  let exponent = 0;
  while (c >= 48 && c <= 57 && i < end) {
    exponent++;
    c = text.charCodeAt(++i);
  }
  return exponent > 0 && i === end ? Number(text.slice(start, end)) : NaN;
}

/**
 * The column as float32 values (NaN = empty cell) when every cell is '' or a plain decimal the core
 * would parse to the same float (decimalValue, then float32 rounding like the core's cast). Anything
 * else (missing tokens such as 'NA', spaces, decimal commas, out-of-float-range values, cells over
 * 400 characters) returns null and goes to the core as text, where it gets the same parse (and the
 * same errors) as before.
 */
function numericValues(store: Store): Float32Array | null {
  const cached = numericCache.get(store);
  if (cached !== undefined) return cached;
  const n = store.length;
  let out: Float32Array | null = new Float32Array(n);
  if (store instanceof TextSpans) {
    const { source, starts, ends } = store;
    for (let r = 0; r < n; r++) {
      const a = starts[r]!;
      const b = ends[r]!;
      if (a === b) {
        out[r] = NaN;
        continue;
      }
      const v = b - a <= 400 ? decimalValue(source, a, b) : NaN;
      if (!(Math.abs(v) <= FLOAT_MAX)) {
        out = null;
        break;
      }
      out[r] = v;
    }
  } else {
    for (let r = 0; r < n; r++) {
      const cell = store[r]!;
      if (cell === '') {
        out[r] = NaN;
        continue;
      }
      const v = cell.length <= 400 ? decimalValue(cell, 0, cell.length) : NaN;
      if (!(Math.abs(v) <= FLOAT_MAX)) {
        out = null;
        break;
      }
      out[r] = v;
    }
  }
  if (n >= CACHE_MIN_ROWS) numericCache.set(store, out);
  return out;
}

function concat(parts: readonly Float32Array[], rows: number): Float32Array {
  const out = new Float32Array(parts.length * rows);
  parts.forEach((p, i) => out.set(p, i * rows));
  return out;
}

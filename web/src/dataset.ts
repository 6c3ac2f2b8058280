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

/** Columnar table of string cells. Immutable: every method returns a new Dataset sharing cells. */
export class Dataset {
  /** Column names, in file order. */
  readonly header: readonly string[];
  /** columns[c][r] is the cell of column c in data row r. */
  readonly columns: readonly (readonly string[])[];
  /** Number of data rows. */
  readonly rows: number;
  /** Malformed rows met while parsing (empty for programmatic datasets). */
  readonly errors: readonly CsvIssue[];
  /** Column types forced with {@link Dataset.withTypes}; other columns are inferred by the core. */
  readonly types: Readonly<Record<string, ColumnType>>;

  private constructor(
    header: readonly string[],
    columns: readonly (readonly string[])[],
    errors: readonly CsvIssue[],
    types: Readonly<Record<string, ColumnType>>,
  ) {
    this.header = Object.freeze([...header]);
    this.columns = Object.freeze([...columns]);
    this.rows = columns[0]?.length ?? 0;
    this.errors = Object.freeze([...errors]);
    this.types = Object.freeze({ ...types });
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
    return this.columns[this.indexOf(name)]!;
  }

  /** Only these columns, in this order. @throws PathwiseError UNKNOWN_COLUMN */
  select(names: readonly string[]): Dataset {
    const idx = names.map((n) => this.indexOf(n));
    return this.derive(idx.map((i) => this.header[i]!), idx.map((i) => this.columns[i]!));
  }

  /** All columns but these. @throws PathwiseError UNKNOWN_COLUMN */
  exclude(names: readonly string[]): Dataset {
    const drop = new Set(names.map((n) => this.indexOf(n)));
    const keep = this.header.map((_, i) => i).filter((i) => !drop.has(i));
    return this.derive(keep.map((i) => this.header[i]!), keep.map((i) => this.columns[i]!));
  }

  /** The first n rows. */
  head(n = 5): Dataset {
    return this.derive(this.header, this.columns.map((col) => col.slice(0, Math.max(0, n))));
  }

  /** The given rows (0-based indices), in the given order. @throws PathwiseError SHAPE_MISMATCH */
  selectRows(indices: ArrayLike<number>): Dataset {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
        throw new PathwiseError('SHAPE_MISMATCH', `row index ${i} is outside 0..${this.rows - 1}`);
      }
    }
    const pick = (col: readonly string[]) => Array.from({ length: indices.length }, (_, k) => col[indices[k]!]!);
    return this.derive(this.header, this.columns.map(pick));
  }

  /** Forces column types instead of letting the core infer them. @throws PathwiseError UNKNOWN_COLUMN, BAD_OPTION */
  withTypes(types: Record<string, ColumnType>): Dataset {
    for (const [name, type] of Object.entries(types)) {
      this.indexOf(name);
      if (type !== 'numeric' && type !== 'boolean' && type !== 'categorical') {
        throw badOption(`type of column '${name}' must be 'numeric', 'boolean' or 'categorical' (got ${JSON.stringify(type)})`);
      }
    }
    return new Dataset(this.header, this.columns, this.errors, { ...this.types, ...types });
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

  /** Builds a NativeTable in `module` (tracked; the caller must free() it). @throws core table errors */
  toNative(module: PathwiseModule): NativeTable {
    const builder = track(call(module, () => new module.TableBuilder()));
    try {
      // Types first: the builder parses each column as it is added.
      for (const [name, type] of Object.entries(this.types)) call(module, () => builder.setType(name, type));
      this.header.forEach((name, c) => {
        const joined = this.columns[c]!.map(cleanCell).join(UNIT_SEPARATOR);
        call(module, () => builder.addColumn(name, joined, this.rows));
      });
      return track(call(module, () => builder.build()));
    } finally {
      free(builder);
    }
  }

  private indexOf(name: string): number {
    const i = this.header.indexOf(name);
    if (i < 0) throw new PathwiseError('UNKNOWN_COLUMN', `no column '${name}' (columns: ${this.header.join(', ')})`);
    return i;
  }

  private derive(header: readonly string[], columns: readonly (readonly string[])[]): Dataset {
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

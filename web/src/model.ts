// Model: owns one trained NativeModel handle (predict, evaluate, save, info) and frees it on
// dispose(); a FinalizationRegistry frees forgotten ones as a safety net. loadModel() rebuilds one.
import { Dataset, FLOAT_MAX, decimalValue, type Cell } from './dataset.js';
import { PathwiseError } from './errors.js';
import {
  explain,
  importance,
  whatIf,
  type ExplainOptions,
  type Explanation,
  type Importance,
  type ImportanceOptions,
  type RowInput,
  type WhatIfChange,
  type WhatIfOptions,
} from './explain.js';
import { free, track } from './handles.js';
import type { ExcludedColumn } from './identifiers.js';
import type { NativeModel, NativePrediction, NativeTable, PathwiseModule } from './native.js';
import { call, loadModule } from './wasm.js';

// Symbol.dispose (for `using`) where the runtime lacks it (Node < 20.4, older browsers).
// Runs before the class below is defined, so its [Symbol.dispose] key exists.
(Symbol as unknown as { dispose?: symbol }).dispose ??= Symbol.for('Symbol.dispose');

/** One prediction. */
export interface Prediction {
  /** 0-based index of the input row (rows dropped by impute 'drop' get no prediction). */
  row: number;
  /** Predicted class (regression: the value as text). */
  label: string;
  /** Binary: P(positive class); multiclass: P(predicted class); regression: NaN. */
  probability: number;
  /** Probability of every class ({} for regression). */
  probabilities: Record<string, number>;
  /** Regression: the predicted value; undefined otherwise. */
  value?: number;
}

/** Metrics of a classification model (binary precision/recall/f1 are those of the positive class). */
export interface ClassificationMetrics {
  task: 'binary' | 'multiclass';
  rows: number;
  classes: string[];
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  weightedF1: number;
  /** NaN when a class is absent from the rows. */
  rocAuc: number;
  logLoss: number;
  /** confusion[true][predicted], classes in `classes` order. */
  confusion: number[][];
  perClassPrecision: number[];
  perClassRecall: number[];
  perClassF1: number[];
  support: number[];
}

/** Metrics of a regression model. */
export interface RegressionMetrics {
  task: 'regression';
  rows: number;
  mae: number;
  rmse: number;
  r2: number;
}

export type Metrics = ClassificationMetrics | RegressionMetrics;

/** What a model is: task, classes, columns and how it was trained. */
export interface ModelInfo {
  task: 'binary' | 'multiclass' | 'regression';
  classes: string[];
  target: string;
  positive: string;
  features: string[];
  outputNames: string[];
  hidden: number[];
  trainedEpochs: number;
  trainRows: number;
}

let warnedAboutLeak = false;
const registry = new FinalizationRegistry<NativeModel>((handle) => {
  if (handle.isDeleted()) return; // already freed by clearAll(): nothing was forgotten
  free(handle);
  if (!warnedAboutLeak && typeof console !== 'undefined') {
    warnedAboutLeak = true;
    console.warn('pathwise: a Model was garbage-collected without dispose(); call model.dispose() when done');
  }
});

/** A trained model. Create with train() or loadModel(); call dispose() when done. */
export class Model {
  private handle: NativeModel | undefined;
  private cachedInfo: ModelInfo | undefined;
  private features: ReadonlySet<string> | undefined;
  private excludedColumns: readonly ExcludedColumn[] = Object.freeze([]);

  /** @internal Use train() or loadModel(). Takes ownership of a tracked handle. */
  constructor(
    private readonly module: PathwiseModule,
    handle: NativeModel,
  ) {
    this.handle = handle;
    registry.register(this, handle, this);
  }

  /** True after dispose() (or after clearAll(), which frees every model's memory). */
  get isDisposed(): boolean {
    return this.handle === undefined || this.handle.isDeleted();
  }

  /**
   * Columns that train() left out of the features because they look like identifiers (see
   * identifierColumns()), with the reason. Empty for models made by loadModel() (the model file
   * does not record them) and when the caller listed `features` or set `allowIdentifiers`.
   */
  get excluded(): readonly ExcludedColumn[] {
    return this.excludedColumns;
  }

  /** @internal Records what train() excluded (train, trainInWorker). Returns this. */
  withExcluded(excluded: readonly ExcludedColumn[]): this {
    this.excludedColumns = Object.freeze(excluded.map((e) => Object.freeze({ ...e })));
    return this;
  }

  /**
   * Predicts rows given as a Dataset or as objects `{column: value}` (extra columns are ignored).
   * @example model.predict([{ age: 17, G1: 12, G2: 13, ... }])[0].probability
   * @throws PathwiseError SCHEMA_MISMATCH (a feature column is missing), DISPOSED, table errors.
   */
  predict(rows: Dataset | readonly Record<string, Cell>[]): Prediction[] {
    const h = this.live();
    const info = this.info;
    if (info.task === 'regression') return this.predictRegression(h, rows);
    let packed: Float64Array;
    if (rows instanceof Dataset) {
      if (rows.rows === 0) return [];
      packed = this.predictTable(h, rows);
    } else {
      if (rows.length === 0) return [];
      // Only the model's feature columns go to the core (a missing one is reported by the core).
      const names = info.features.filter((f) => rows.some((o) => o[f] !== undefined || Object.hasOwn(o, f)));
      const numbers = names.some((f) => f.includes('\u001f')) ? null : numericObjectColumns(rows, names);
      if (!numbers) packed = this.predictTable(h, Dataset.fromObjects(rows, names));
      else if (names.length === info.features.length) packed = this.predictFeatures(h, [numbers], rows.length);
      else packed = call(this.module, () => h.predictColumns(names.join('\u001f'), numbers, rows.length));
    }
    return unpackPredictions(packed, info.classes, info.task === 'binary');
  }

  // All features as numbers (`parts`: the model's feature columns, column after column), through
  // the module's scratch buffers (no JS objects cross).
  private predictFeatures(h: NativeModel, parts: readonly Float32Array[], rows: number): Float64Array {
    const m = this.module;
    let count = 0;
    for (const part of parts) count += part.length;
    let at = call(m, () => m.scratchInput(count)) >>> 2;
    for (const part of parts) {
      m.HEAPF32.set(part, at);  // HEAPF32 read after scratchInput: the heap may have grown
      at += part.length;
    }
    const out = call(m, () => h.predictFeaturesAt(rows)) >>> 3;
    const heap = m.HEAPF64;
    return heap.slice(out, out + 2 + heap[out]! * (2 + heap[out + 1]!));
  }

  private predictTable(h: NativeModel, data: Dataset): Float64Array {
    // Every feature numeric (the common case): the cached float columns go straight into the
    // scratch buffer — no table builder, no per-column calls.
    const numbers = data.numericColumns(this.info.features);
    if (numbers) return this.predictFeatures(h, numbers, data.rows);
    const table = data.toNative(this.module, this.featureSet());
    try {
      return call(this.module, () => h.predictPacked(table));
    } finally {
      free(table);
    }
  }

  private predictRegression(h: NativeModel, rows: Dataset | readonly Record<string, Cell>[]): Prediction[] {
    const data = rows instanceof Dataset ? rows : Dataset.fromObjects(rows);
    if (data.rows === 0) return [];
    const table = data.toNative(this.module, this.featureSet());
    let p: NativePrediction;
    try {
      p = call(this.module, () => h.predict(table));
    } finally {
      free(table);
    }
    return Array.from(p.rows, (row, r) => ({ row, label: p.labels![r]!, probability: NaN, probabilities: {}, value: p.values[r]! }));
  }

  private featureSet(): ReadonlySet<string> {
    this.features ??= new Set(this.info.features);
    return this.features;
  }

  /**
   * Metrics on labelled rows (the dataset must contain the target column).
   * @example const { accuracy, f1, rocAuc, confusion } = model.evaluate(test) as ClassificationMetrics;
   * @throws PathwiseError UNKNOWN_COLUMN (no target column), SCHEMA_MISMATCH, EMPTY_DATA, DISPOSED.
   */
  evaluate(data: Dataset): Metrics {
    const table = data.toNative(this.module);
    try {
      return this.evaluateTable(table);
    } finally {
      free(table);
    }
  }

  /** @internal evaluate() on a NativeTable of this model's module (used by crossValidate). */
  evaluateTable(table: NativeTable): Metrics {
    const h = this.live();
    const raw = call(this.module, () => h.evaluate(table));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(raw)) out[key] = ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v;
    return out as unknown as Metrics;
  }

  /**
   * Integrated Gradients of one prediction per original column (see explain()).
   * @example model.explain({ data: test, row: 0 }, { background: trainData }).contributions
   * @throws PathwiseError SHAPE_MISMATCH, SCHEMA_MISMATCH, BAD_OPTION, DISPOSED
   */
  explain(row: RowInput, options?: ExplainOptions): Explanation {
    return explain(this, row, options);
  }

  /**
   * Permutation importance per column on labelled data (see importance()).
   * @example model.importance(test, { repeats: 5, seed: 1 }).columns[0]
   * @throws PathwiseError BAD_OPTION, SINGLE_CLASS_TARGET, SCHEMA_MISMATCH, DISPOSED
   */
  importance(data: Dataset, options?: ImportanceOptions): Importance {
    return importance(this, data, options);
  }

  /**
   * One realistic step per actionable column, sorted by gain (see whatIf()).
   * @example model.whatIf(student, { actionable: ['studytime', 'absences'] })
   * @throws PathwiseError BAD_OPTION, SHAPE_MISMATCH, DISPOSED
   */
  whatIf(row: RowInput, options?: WhatIfOptions): WhatIfChange[] {
    return whatIf(this, row, options);
  }

  /**
   * The model as bytes (see docs/MODEL_FILE.md); loadModel(bytes) gives it back.
   * @throws PathwiseError DISPOSED
   */
  save(): Uint8Array {
    const h = this.live();
    return call(this.module, () => h.save());
  }

  /** Task, classes, features and training facts. @throws PathwiseError DISPOSED */
  get info(): ModelInfo {
    const h = this.live();
    this.cachedInfo ??= call(this.module, () => h.info()) as ModelInfo;
    return this.cachedInfo;
  }

  /** Frees the wasm memory of the model. Idempotent. */
  dispose(): void {
    if (!this.handle) return;
    registry.unregister(this);
    free(this.handle);
    this.handle = undefined;
  }

  /** `using model = await train(...)` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  private live(): NativeModel {
    if (!this.handle || this.handle.isDeleted()) throw new PathwiseError('DISPOSED', 'this model was disposed (or clearAll() was called)');
    return this.handle;
  }
}

/**
 * Loads a model saved with model.save().
 * @example const model = await loadModel(new Uint8Array(await file.arrayBuffer()));
 * @throws PathwiseError BAD_MODEL_FILE when the bytes are not a valid pathwise model.
 */
export async function loadModel(bytes: Uint8Array | ArrayBuffer): Promise<Model> {
  const module = await loadModule();
  const u8 = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : undefined;
  if (!u8) throw new PathwiseError('BAD_MODEL_FILE', 'a model must be given as a Uint8Array or ArrayBuffer');
  const handle = track(call(module, () => module.loadModel(u8)));
  return new Model(module, handle);
}

/** Unpacks NativeModel.predictPacked()'s [n, k, rows, class index, values] into Predictions. */
function unpackPredictions(p: Float64Array, classes: readonly string[], binary: boolean): Prediction[] {
  const n = p[0]!;
  const k = p[1]!;
  const rowsAt = 2;
  const labelAt = 2 + n;
  const valuesAt = 2 + 2 * n;
  const out = new Array<Prediction>(n);
  for (let r = 0; r < n; r++) {
    const probabilities: Record<string, number> = {};
    const base = valuesAt + r * k;
    for (let j = 0; j < k; j++) probabilities[classes[j]!] = p[base + j]!;
    const best = p[labelAt + r]!;
    out[r] = {
      row: p[rowsAt + r]!,
      label: classes[best]!,
      probability: binary ? p[base + 1]! : p[base + best]!,
      probabilities,
    };
  }
  return out;
}

/**
 * Feature columns of plain row objects as float32 values (column after column), when every cell is
 * a finite number within float range, null/undefined/'' (missing), NaN (missing, like the text
 * 'NaN') or a plain decimal string — the values the core would parse from their text. Else null
 * (the rows then go through a Dataset, and the core parses and reports them).
 */
function numericObjectColumns(rows: readonly Record<string, Cell>[], names: readonly string[]): Float32Array | null {
  const n = rows.length;
  const out = new Float32Array(n * names.length);
  for (let c = 0; c < names.length; c++) {
    const name = names[c]!;
    for (let r = 0; r < n; r++) {
      const cell = rows[r]![name];
      let v: number;
      if (cell === null || cell === undefined || cell === '') v = NaN;
      else if (typeof cell === 'number') {
        if (Number.isNaN(cell)) v = NaN;
        else if (Math.abs(cell) <= FLOAT_MAX) v = cell;
        else return null;
      } else if (typeof cell === 'string' && cell.length <= 400) {
        v = decimalValue(cell, 0, cell.length);
        if (!(Math.abs(v) <= FLOAT_MAX)) return null;
      } else return null;
      out[c * n + r] = v;
    }
  }
  return out;
}


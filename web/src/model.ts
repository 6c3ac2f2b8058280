// Model: owns one trained NativeModel handle (predict, evaluate, save, info) and frees it on
// dispose(); a FinalizationRegistry frees forgotten ones as a safety net. loadModel() rebuilds one.
import { Dataset, type Cell } from './dataset.js';
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
import type { NativeModel, NativeTable, PathwiseModule } from './native.js';
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
    const data = rows instanceof Dataset ? rows : Dataset.fromObjects(rows);
    if (data.rows === 0) return [];
    const table = data.toNative(this.module);
    try {
      const p = call(this.module, () => h.predict(table));
      const k = p.width;
      return Array.from(p.rows, (row, r): Prediction => {
        if (p.task === 'regression') {
          return { row, label: p.labels[r]!, probability: NaN, probabilities: {}, value: p.values[r]! };
        }
        const probs = p.values.subarray(r * k, r * k + k);
        const label = p.labels[r]!;
        const probability = p.task === 'binary' ? probs[1]! : probs[p.classes.indexOf(label)]!;
        return { row, label, probability, probabilities: Object.fromEntries(p.classes.map((c, j) => [c, probs[j]!])) };
      });
    } finally {
      free(table);
    }
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

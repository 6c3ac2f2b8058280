// Explanations of a trained Model: per-row Integrated Gradients by original column, global
// permutation importance, and one-step what-if changes of actionable columns (issue 8 part 1).
// Thin wrappers over bindings/personal.cpp; every transient table is freed before returning.
import { Dataset, type Cell } from './dataset.js';
import { PathwiseError, badOption } from './errors.js';
import { free } from './handles.js';
import type { Model } from './model.js';
import type { NativeModel, NativeTable } from './native.js';
import type { PersonalModule } from './personal.js';
import { call } from './wasm.js';

/** One row to explain: a Dataset and a 0-based row index, or an object `{column: value}`. */
export type RowInput = Record<string, Cell> | { data: Dataset; row: number };

/** Options of {@link explain}. */
export interface ExplainOptions {
  /**
   * Path steps. 0 = auto: 64, doubled until contributions sum to prediction − baseline within
   * max(1 % of the difference, 0.002), at most 4096.
   * @defaultValue 0
   */
  steps?: number;
  /** Class to explain (label). @defaultValue binary: the positive class; multiclass: the predicted class */
  class?: string;
  /**
   * Rows whose level frequencies form the baseline of categorical columns; pass the training data
   * for the training distribution's mean point. Without it each level weighs 1/L (numeric and
   * boolean columns always use their training means).
   * @defaultValue undefined
   */
  background?: Dataset;
}

/** The signed share of one original column in the prediction. */
export interface Contribution {
  column: string;
  /** The row's cell ('' = missing). */
  value: string;
  /** In output units (probability, or the target's units for regression). */
  contribution: number;
}

/** Integrated Gradients of one prediction against the training mean point. */
export interface Explanation {
  /** The class explained (regression: the target column). */
  output: string;
  /** P(output) or the predicted value. */
  prediction: number;
  /** The same at the baseline point. */
  baselinePrediction: number;
  /** One per feature column, in the model's feature order; they sum to prediction − baselinePrediction. */
  contributions: Contribution[];
  steps: number;
  /** |Σ contributions − (prediction − baselinePrediction)|. */
  completenessError: number;
}

/** Options of {@link importance}. */
export interface ImportanceOptions {
  /** Shuffles per column. @defaultValue 5 */
  repeats?: number;
  /** @defaultValue 1 */
  seed?: number;
}

/** Permutation importance: the drop of the metric when a column's cells are shuffled across rows. */
export interface Importance {
  metric: 'rocAuc' | 'accuracy' | 'r2';
  /** The metric on the unshuffled data. */
  baseline: number;
  /** Largest mean drop first. sd is the population sd over repeats. */
  columns: { column: string; mean: number; sd: number; drops: number[] }[];
}

/** Options of {@link whatIf}. */
export interface WhatIfOptions {
  /** Columns the student can change. @defaultValue every feature column */
  actionable?: readonly string[];
  /** Class whose probability counts. @defaultValue as {@link ExplainOptions.class} */
  class?: string;
  /** Helpful = raises the output; false to lower it (e.g. a risk class). @defaultValue true */
  increase?: boolean;
}

/** The predicted outcome after one realistic step of one column (never outside the observed range). */
export interface WhatIfChange {
  column: string;
  from: string;
  to: string;
  before: number;
  after: number;
  /** after − before (or before − after with `increase: false`). */
  gain: number;
}

/**
 * Explains one prediction by Integrated Gradients, per original column (one-hot parts summed).
 * @example
 * const e = explain(model, { data: test, row: 0 }, { background: trainData });
 * e.contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
 * @throws PathwiseError SHAPE_MISMATCH (row), SCHEMA_MISMATCH, BAD_OPTION, DISPOSED
 */
export function explain(model: Model, input: RowInput, options: ExplainOptions = {}): Explanation {
  const { module, handle } = nativeOf(model);
  checkKeys(options, ['steps', 'class', 'background'], 'explain');
  const steps = options.steps ?? 0;
  if (!Number.isInteger(steps) || steps < 0) throw badOption(`option 'steps' must be a non-negative integer (got ${steps})`);
  const classIndex = classIndexOf(model, options.class);
  return withRow(module, input, true, (table, row) => {
    const background = options.background?.toNative(module);
    try {
      const native = { steps, classIndex, ...(background ? { background } : {}) };
      const e = call(module, () => module.explain(handle, table, row, native));
      return {
        output: e.output,
        prediction: e.prediction,
        baselinePrediction: e.baselinePrediction,
        contributions: e.columns.map((column, i) => ({ column, value: e.values[i]!, contribution: e.contributions[i]! })),
        steps: e.steps,
        completenessError: e.completenessError,
      };
    } finally {
      free(background);
    }
  });
}

/**
 * Permutation importance of every feature column on labelled data (ROC-AUC for binary, accuracy
 * for multiclass, R² for regression), seeded.
 * @example importance(model, test, { repeats: 5, seed: 1 }).columns[0].column
 * @throws PathwiseError BAD_OPTION, SINGLE_CLASS_TARGET, SCHEMA_MISMATCH, DISPOSED
 */
export function importance(model: Model, data: Dataset, options: ImportanceOptions = {}): Importance {
  const { module, handle } = nativeOf(model);
  checkKeys(options, ['repeats', 'seed'], 'importance');
  const table = data.toNative(module);
  try {
    const raw = call(module, () => module.importance(handle, table, { ...options }));
    return {
      metric: raw.metric,
      baseline: raw.baseline,
      columns: raw.columns.map((c) => ({ column: c.column, mean: c.mean, sd: c.sd, drops: Array.from(c.drops) })),
    };
  } finally {
    free(table);
  }
}

/**
 * For each actionable column, the prediction after one realistic step (numeric ±1 sd within the
 * observed range, whole steps for integer columns; another category; the other boolean), sorted
 * by gain.
 * @example whatIf(model, student, { actionable: ['studytime', 'absences'] })[0]
 *   // { column: 'studytime', from: '2', to: '3', before: 0.41, after: 0.58, gain: 0.17 }
 * @throws PathwiseError BAD_OPTION (not a feature), SHAPE_MISMATCH (row), DISPOSED
 */
export function whatIf(model: Model, input: RowInput, options: WhatIfOptions = {}): WhatIfChange[] {
  const { module, handle } = nativeOf(model);
  checkKeys(options, ['actionable', 'class', 'increase'], 'whatIf');
  const native = {
    actionable: [...(options.actionable ?? [])],
    classIndex: classIndexOf(model, options.class),
    increase: options.increase ?? true,
  };
  return withRow(module, input, false, (table, row) => call(module, () => module.whatIf(handle, table, row, native)));
}

// The module and handle of a live model (Model keeps them private; see docs/WIRING.md).
function nativeOf(model: Model): { module: PersonalModule; handle: NativeModel } {
  if (model.isDisposed) throw new PathwiseError('DISPOSED', 'this model was disposed');
  const inner = model as unknown as { module: PersonalModule; handle: NativeModel };
  return { module: inner.module, handle: inner.handle };
}

function classIndexOf(model: Model, label: string | undefined): number {
  if (label === undefined) return -1;
  const { task, classes } = model.info;
  const i = classes.indexOf(label);
  if (task === 'regression' || i < 0) {
    throw badOption(`option 'class' must be one of the model's classes (${classes.join(', ') || 'none: regression'}); got '${label}'`);
  }
  return i;
}

// Runs fn on a transient table holding the row (alone when `alone`; whatIf wants the whole data,
// which tells it whether a numeric column holds whole numbers).
function withRow<T>(
  module: PersonalModule,
  input: RowInput,
  alone: boolean,
  fn: (table: NativeTable, row: number) => T,
): T {
  const isRef = 'data' in input && input.data instanceof Dataset;
  const data = isRef ? (input.data as Dataset) : Dataset.fromObjects([input as Record<string, Cell>]);
  const row = isRef ? (input.row as number) : 0;
  if (!Number.isInteger(row) || row < 0 || row >= data.rows) {
    throw new PathwiseError('SHAPE_MISMATCH', `row index ${row} is outside 0..${data.rows - 1}`);
  }
  const table = (alone ? data.selectRows([row]) : data).toNative(module);
  try {
    return fn(table, alone ? 0 : row);
  } finally {
    free(table);
  }
}

function checkKeys(options: object, known: readonly string[], fn: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw badOption(`${fn}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
}

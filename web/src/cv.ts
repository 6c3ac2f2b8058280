// crossValidate(): k-fold cross-validation with the core's (stratified, seeded) fold assignment;
// trains one model per fold on a row selection of one native table, and summarises the metrics.
import { Dataset } from './dataset.js';
import { badOption } from './errors.js';
import { free, track } from './handles.js';
import type { Metrics } from './model.js';
import { TRAIN_DEFAULTS, resolveTrainOptions, type TrainOptions } from './options.js';
import { identifierExclusions, type ExcludedColumn } from './identifiers.js';
import { excludeColumns, trainTable, workerByDefault, type WorkerChoice } from './train.js';
import { crossValidateInWorker } from './worker/client.js';
import { call, loadModule } from './wasm.js';

/** Options of {@link crossValidate}: every train option, plus the number of folds. */
export interface CrossValidateOptions extends TrainOptions {
  /** Number of folds (2 ≤ folds ≤ rows). @defaultValue 10 */
  folds?: number;
}

/** The defaults crossValidate adds to TRAIN_DEFAULTS. */
export const CROSS_VALIDATE_DEFAULTS = Object.freeze({ folds: 10 });

/** Result of one fold. */
export interface FoldResult {
  /** 1-based fold number. */
  fold: number;
  trainRows: number;
  testRows: number;
  metrics: Metrics;
}

/** Per-fold metrics and their mean and sample standard deviation (numeric metrics only). */
export interface CrossValidation {
  task: Metrics['task'];
  folds: FoldResult[];
  mean: Record<string, number>;
  sd: Record<string, number>;
  /** Identifier-like columns left out of the features (see TrainOptions.allowIdentifiers). */
  excluded: ExcludedColumn[];
}

/**
 * k-fold cross-validation: folds are stratified by the target's classes (classification) and
 * seeded by `seed`; each fold's model is trained with the same options and disposed afterwards.
 * @example
 * const cv = await crossValidate(data, { target: 'G3', positive: 'G3 >= 10', folds: 10, seed: 1 });
 * console.log(cv.mean.accuracy, '±', cv.sd.accuracy);
 * @throws PathwiseError BAD_OPTION (e.g. folds < 2 or > rows), and everything train() throws.
 */
export async function crossValidate(data: Dataset, options: CrossValidateOptions & WorkerChoice): Promise<CrossValidation> {
  const { worker, ...rest } = options ?? ({} as CrossValidateOptions & WorkerChoice);
  if (worker ?? workerByDefault()) return crossValidateInWorker(data, rest);
  options = rest;
  const resolved = resolveTrainOptions(options, ['folds']);
  const folds = options.folds ?? CROSS_VALIDATE_DEFAULTS.folds;
  if (!Number.isInteger(folds) || folds < 2) throw badOption(`option 'folds' must be an integer >= 2 (got ${String(folds)})`);
  if (!(data instanceof Dataset)) throw badOption('crossValidate: data must be a Dataset');
  if (folds > data.rows) throw badOption(`option 'folds' (${folds}) must not exceed the number of rows (${data.rows})`);
  const excluded = identifierExclusions(data, options);
  excludeColumns(resolved, excluded);
  const module = await loadModule();
  const table = data.toNative(module);
  try {
    const { target, task, positive } = resolved.native;
    const spec = { target, ...(task ? { task } : {}), ...(positive ? { positive } : {}) };
    const seed = options.seed ?? TRAIN_DEFAULTS.seed;
    const assignment = call(module, () => module.foldAssignments(table, spec, folds, seed));
    const results: FoldResult[] = [];
    for (let f = 0; f < folds; f++) {
      const trainIdx = Int32Array.from(indicesWhere(assignment, (a) => a >= 0 && a !== f)); // -1: target missing
      const testIdx = Int32Array.from(indicesWhere(assignment, (a) => a === f));
      const trainTab = track(call(module, () => table.selectRows(trainIdx)));
      try {
        const testTab = track(call(module, () => table.selectRows(testIdx)));
        try {
          const model = await trainTable(module, trainTab, resolved, f + 1);
          try {
            results.push({ fold: f + 1, trainRows: trainIdx.length, testRows: testIdx.length, metrics: model.evaluateTable(testTab) });
          } finally {
            model.dispose();
          }
        } finally {
          free(testTab);
        }
      } finally {
        free(trainTab);
      }
    }
    return { ...summarise(results), excluded };
  } finally {
    free(table);
  }
}

function indicesWhere(values: Int32Array, keep: (v: number) => boolean): number[] {
  const out: number[] = [];
  values.forEach((v, i) => keep(v) && out.push(i));
  return out;
}

function summarise(folds: FoldResult[]): Omit<CrossValidation, 'excluded'> {
  const first = folds[0]!.metrics as unknown as Record<string, unknown>;
  const keys = Object.keys(first).filter((k) => k !== 'rows' && typeof first[k] === 'number');
  const mean: Record<string, number> = {};
  const sd: Record<string, number> = {};
  for (const key of keys) {
    const xs = folds.map((f) => (f.metrics as unknown as Record<string, number>)[key]!);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    mean[key] = m;
    sd[key] = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)) : 0;
  }
  return { task: folds[0]!.metrics.task, folds, mean, sd };
}

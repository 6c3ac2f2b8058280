// Options of train(), crossValidate() and Dataset.split(): types with documented defaults, the
// defaults as frozen objects, and one resolve function per operation (unknown keys, wrong types
// and bad ranges → PathwiseError('BAD_OPTION') naming the option). The core re-checks everything.
import { badOption } from './errors.js';
import type { NativeTrainOptions } from './native.js';

export type Task = 'auto' | 'binary' | 'multiclass' | 'regression';
export type Impute = 'drop' | 'mean' | 'median' | 'most_frequent' | 'constant';
export type Scaling = 'zscore' | 'minmax' | 'none';
export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'linear';

/** Progress of one finished epoch, given to `onEpoch`. */
export interface EpochProgress {
  /** 1-based epoch number. */
  epoch: number;
  /** Epochs planned (training may stop earlier: early stopping). */
  epochs: number;
  /** Mean training loss of the epoch (including L2). */
  loss: number;
  /** Loss on the validation rows; null without a validation split. */
  valLoss: number | null;
  /** Accuracy on the validation rows; null without a validation split or for regression. */
  valAccuracy: number | null;
  /** crossValidate only: 1-based fold being trained. */
  fold?: number;
}

/** Preprocessing of one column, overriding the global settings. */
export interface ColumnPreprocess {
  impute?: Impute;
  scaling?: Scaling;
  /** Fill value for impute 'constant' (a number, or a category label). */
  constant?: number | string;
}

/** Options of {@link train}. Only `target` is required. */
export interface TrainOptions {
  /** The column to predict (required). */
  target?: string;
  /** @defaultValue 'auto' (binary/multiclass/regression inferred from the column; a `positive` rule makes it binary) */
  task?: Task;
  /** Positive class: a label (`'yes'`) or a rule (`'G3 >= 10'`, ops `>= > <= < == !=`). @defaultValue '' (none) */
  positive?: string;
  /** Feature columns. @defaultValue [] = every column but the target and `exclude` */
  features?: string[];
  /** Columns never used as features (IDs, names, leaking grades). @defaultValue [] */
  exclude?: string[];
  /**
   * Use identifier-like columns as features. By default (false) train() and crossValidate() leave
   * out every column that identifierColumns() reports — ids, names, e-mails, unique text, unique
   * numbers with leading zeros — unless `features` lists columns explicitly; what was left out is
   * in `model.excluded` / `crossValidation.excluded`.
   * @defaultValue false
   */
  allowIdentifiers?: boolean;
  /** Units per hidden layer. @defaultValue [128, 64] */
  hidden?: number[];
  /** Activation of the hidden layers. @defaultValue 'relu' */
  activation?: ActivationName;
  /**
   * Initial hidden-layer weights: uniform He (√(6/fan-in)) for relu layers and Glorot
   * (√(6/(fan-in + fan-out))) otherwise ('auto'), or one rule for all ('he', 'glorot' — Glorot is
   * Keras' and TensorFlow.js' Dense default). Not saved in model files. @defaultValue 'auto'
   */
  init?: 'auto' | 'he' | 'glorot';
  /** @defaultValue 'adam' */
  optimizer?: 'adam' | 'sgd';
  /** @defaultValue 0.001 */
  learningRate?: number;
  /** SGD momentum, in [0, 1). @defaultValue 0.9 */
  momentum?: number;
  /** Adam β1, in [0, 1). @defaultValue 0.9 */
  beta1?: number;
  /** Adam β2, in [0, 1). @defaultValue 0.999 */
  beta2?: number;
  /** Adam ε (> 0). @defaultValue 1e-7 */
  epsilon?: number;
  /** @defaultValue 32 */
  batchSize?: number;
  /** Maximum number of epochs. @defaultValue 200 */
  epochs?: number;
  /** Seed of every random choice (initial weights, shuffling, validation split). @defaultValue 1 */
  seed?: number;
  /** L2 penalty on weights. @defaultValue 0.001 */
  l2?: number;
  /** Dropout rate on hidden outputs, in [0, 1). @defaultValue 0 */
  dropout?: number;
  /** Fraction of the training rows held out for early stopping, in [0, 1). @defaultValue 0.1 */
  validationSplit?: number;
  /** Epochs without validation improvement before stopping; 0 = never. @defaultValue 20 */
  patience?: number;
  /** After early stopping, go back to the best epoch's weights. @defaultValue true */
  restoreBestWeights?: boolean;
  /** Clip the global gradient norm to this; 0 = off. @defaultValue 0 */
  clipNorm?: number;
  /** Class weights: 'balanced' (inverse frequency) or `{label: weight}`. @defaultValue 'none' */
  classWeight?: 'none' | 'balanced' | Record<string, number>;
  /** Missing numeric cells. @defaultValue 'mean' */
  numericImpute?: Impute;
  /** Missing categorical cells. @defaultValue 'most_frequent' */
  categoricalImpute?: Impute;
  /** @defaultValue 'zscore' */
  scaling?: Scaling;
  /** Fill value of numeric impute 'constant'. @defaultValue 0 */
  imputeConstant?: number;
  /** Fill label of categorical impute 'constant'. @defaultValue 'missing' */
  imputeCategory?: string;
  /** Per-column overrides of imputation/scaling. @defaultValue {} */
  perColumn?: Record<string, ColumnPreprocess>;
  /** Called after every epoch. @defaultValue undefined */
  onEpoch?: (progress: EpochProgress) => void;
  /** Aborting it stops training (the promise rejects with PathwiseError CANCELLED). @defaultValue undefined */
  signal?: AbortSignal;
}

/** The defaults of {@link TrainOptions} (those of the C++ core; a test compares them). */
export const TRAIN_DEFAULTS = Object.freeze({
  task: 'auto' as Task,
  positive: '',
  features: Object.freeze([] as string[]),
  exclude: Object.freeze([] as string[]),
  allowIdentifiers: false,
  hidden: Object.freeze([128, 64]),
  activation: 'relu' as ActivationName,
  init: 'auto' as 'auto' | 'he' | 'glorot',
  optimizer: 'adam' as 'adam' | 'sgd',
  learningRate: 0.001,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  batchSize: 32,
  epochs: 200,
  seed: 1,
  l2: 1e-3,
  dropout: 0,
  validationSplit: 0.1,
  patience: 20,
  restoreBestWeights: true,
  clipNorm: 0,
  classWeight: 'none' as TrainOptions['classWeight'],
  numericImpute: 'mean' as Impute,
  categoricalImpute: 'most_frequent' as Impute,
  scaling: 'zscore' as Scaling,
  imputeConstant: 0,
  imputeCategory: 'missing',
  perColumn: Object.freeze({}) as Readonly<Record<string, ColumnPreprocess>>,
});

// Options the TypeScript layer handles itself; never sent to the core.
const JS_ONLY_KEYS = ['onEpoch', 'signal', 'allowIdentifiers'];
const TRAIN_KEYS = new Set([...Object.keys(TRAIN_DEFAULTS), 'target', 'onEpoch', 'signal']);
const IMPUTES = ['drop', 'mean', 'median', 'most_frequent', 'constant'];
const SCALINGS = ['zscore', 'minmax', 'none'];

/** What resolveTrainOptions hands to train(). */
export interface ResolvedTrainOptions {
  /** Only the options the caller set (the core applies its own defaults to the rest). */
  native: NativeTrainOptions;
  onEpoch: ((progress: EpochProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/** Validates train options. @throws PathwiseError BAD_OPTION naming the option. */
export function resolveTrainOptions(options: TrainOptions, extraKeys: readonly string[] = []): ResolvedTrainOptions {
  if (options === null || typeof options !== 'object') throw badOption('options must be an object');
  for (const key of Object.keys(options)) {
    if (!TRAIN_KEYS.has(key) && !extraKeys.includes(key)) throw badOption(`unknown option '${key}'`);
  }
  const o = options as Record<string, unknown>;
  const set = (k: string) => o[k] !== undefined;
  if (typeof o.target !== 'string' || o.target === '') {
    throw badOption(`option 'target' (the column to predict) is required and must be a column name (got ${show(o.target)})`);
  }
  if (set('task')) oneOf('task', o.task, ['auto', 'binary', 'multiclass', 'regression']);
  if (set('positive') && typeof o.positive !== 'string') throw badOption(`option 'positive' must be a string (got ${show(o.positive)})`);
  for (const k of ['features', 'exclude']) if (set(k)) stringArray(k, o[k]);
  if (set('hidden')) {
    if (!Array.isArray(o.hidden)) throw badOption(`option 'hidden' must be an array of layer sizes such as [128, 64] (got ${show(o.hidden)})`);
    o.hidden.forEach((u, i) => integer(`hidden[${i}]`, u, 1, 1e6, 'a positive integer'));
  }
  if (set('activation')) oneOf('activation', o.activation, ['relu', 'tanh', 'sigmoid', 'linear']);
  if (set('init')) oneOf('init', o.init, ['auto', 'he', 'glorot']);
  if (set('optimizer')) oneOf('optimizer', o.optimizer, ['adam', 'sgd']);
  if (set('learningRate')) number('learningRate', o.learningRate, { gt: 0 });
  for (const k of ['momentum', 'beta1', 'beta2', 'dropout', 'validationSplit']) if (set(k)) number(k, o[k], { ge: 0, lt: 1 });
  if (set('epsilon')) number('epsilon', o.epsilon, { gt: 0 });
  for (const k of ['l2', 'clipNorm']) if (set(k)) number(k, o[k], { ge: 0 });
  if (set('batchSize')) integer('batchSize', o.batchSize, 1, 1e7, 'a positive integer');
  if (set('epochs')) integer('epochs', o.epochs, 1, 1e6, 'a positive integer');
  if (set('seed')) integer('seed', o.seed, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
  if (set('patience')) integer('patience', o.patience, 0, 1e6, 'a non-negative integer');
  if (set('restoreBestWeights') && typeof o.restoreBestWeights !== 'boolean') throw badOption(`option 'restoreBestWeights' must be true or false`);
  if (set('allowIdentifiers') && typeof o.allowIdentifiers !== 'boolean') throw badOption(`option 'allowIdentifiers' must be true or false`);
  if (set('classWeight')) classWeight(o.classWeight);
  for (const k of ['numericImpute', 'categoricalImpute']) if (set(k)) oneOf(k, o[k], IMPUTES);
  if (set('scaling')) oneOf('scaling', o.scaling, SCALINGS);
  if (set('imputeConstant')) number('imputeConstant', o.imputeConstant, {});
  if (set('imputeCategory') && typeof o.imputeCategory !== 'string') throw badOption(`option 'imputeCategory' must be a string`);
  if (set('perColumn')) perColumn(o.perColumn);
  if (set('onEpoch') && typeof o.onEpoch !== 'function') throw badOption(`option 'onEpoch' must be a function`);
  if (set('signal') && typeof (o.signal as AbortSignal).aborted !== 'boolean') throw badOption(`option 'signal' must be an AbortSignal`);

  const native: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== undefined && !JS_ONLY_KEYS.includes(k) && !extraKeys.includes(k)) native[k] = v;
  }
  return { native: native as unknown as NativeTrainOptions, onEpoch: options.onEpoch, signal: options.signal };
}

/** Options of {@link Dataset.split}. */
export interface SplitOptions {
  /** Fraction of rows in the test set, in (0, 1). @defaultValue 0.2 */
  test?: number;
  /** Keep the target's class proportions in both parts (classification targets). @defaultValue true */
  stratify?: boolean;
  /** @defaultValue 1 */
  seed?: number;
  /** The column to predict (required): stratification uses its classes; rows where it is missing go to train. */
  target?: string;
  /** Positive rule/label, as in TrainOptions (e.g. 'G3 >= 10' stratifies pass/fail). @defaultValue '' */
  positive?: string;
  /** @defaultValue 'auto' */
  task?: Task;
}

/** The defaults of {@link SplitOptions}. */
export const SPLIT_DEFAULTS = Object.freeze({ test: 0.2, stratify: true, seed: 1, positive: '', task: 'auto' as Task });

/** Validates split options. @throws PathwiseError BAD_OPTION */
export function resolveSplitOptions(options: SplitOptions): Required<SplitOptions> {
  for (const key of Object.keys(options)) {
    if (!['test', 'stratify', 'seed', 'target', 'positive', 'task'].includes(key)) throw badOption(`split: unknown option '${key}'`);
  }
  const o = { ...SPLIT_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as SplitOptions & typeof SPLIT_DEFAULTS;
  number('test', o.test, { gt: 0, lt: 1 });
  integer('seed', o.seed, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
  if (typeof o.target !== 'string' || !o.target) throw badOption(`option 'target' (the column to predict) is required (got ${show(o.target)})`);
  if (typeof o.positive !== 'string') throw badOption(`option 'positive' must be a string`);
  oneOf('task', o.task, ['auto', 'binary', 'multiclass', 'regression']);
  if (typeof o.stratify !== 'boolean') throw badOption(`option 'stratify' must be true or false`);
  return { test: o.test, seed: o.seed, stratify: o.stratify, target: o.target, positive: o.positive, task: o.task };
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return v === null || typeof v !== 'object' ? String(v) : 'an object';
}

function oneOf(name: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw badOption(`option '${name}' must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${show(v)})`);
  }
}

function number(name: string, v: unknown, r: { gt?: number; ge?: number; lt?: number }): void {
  const bad = typeof v !== 'number' || !Number.isFinite(v) || (r.gt !== undefined && v <= r.gt) || (r.ge !== undefined && v < r.ge) || (r.lt !== undefined && v >= r.lt);
  if (!bad) return;
  const low = r.gt !== undefined ? `> ${r.gt}` : r.ge !== undefined ? `>= ${r.ge}` : '';
  const range = [low, r.lt !== undefined ? `< ${r.lt}` : ''].filter(Boolean).join(' and ');
  throw badOption(`option '${name}' must be a finite number${range ? ` ${range}` : ''} (got ${show(v)})`);
}

function integer(name: string, v: unknown, min: number, max: number, what: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw badOption(`option '${name}' must be ${what} (got ${show(v)})`);
}

function stringArray(name: string, v: unknown): void {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw badOption(`option '${name}' must be an array of column names (got ${show(v)})`);
}

function classWeight(v: unknown): void {
  if (v === 'none' || v === 'balanced') return;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badOption(`option 'classWeight' must be 'none', 'balanced' or an object {label: weight} (got ${show(v)})`);
  for (const [label, w] of Object.entries(v)) number(`classWeight.${label}`, w, { gt: 0 });
}

function perColumn(v: unknown): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badOption(`option 'perColumn' must be an object keyed by column name`);
  for (const [col, p] of Object.entries(v as Record<string, unknown>)) {
    if (p === null || typeof p !== 'object') throw badOption(`option 'perColumn.${col}' must be an object`);
    for (const [k, x] of Object.entries(p)) {
      if (k === 'impute') oneOf(`perColumn.${col}.impute`, x, IMPUTES);
      else if (k === 'scaling') oneOf(`perColumn.${col}.scaling`, x, SCALINGS);
      else if (k === 'constant') {
        if (typeof x !== 'string') number(`perColumn.${col}.constant`, x, {});
      } else throw badOption(`unknown option 'perColumn.${col}.${k}'`);
    }
  }
}

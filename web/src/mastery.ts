// Knowledge tracing in JS: trainMastery() fits the core's MasteryModel (an MLP on causal
// per-attempt features, with the PFA baseline) on an interaction log Dataset; the MasteryModel
// owns its wasm handle (dispose()) and gives evaluation, per-skill mastery, learning paths and a
// class view. Logs and catalogs cross as transient native objects freed before returning.
import { Dataset } from './dataset.js';
import { PathwiseError, badOption } from './errors.js';
import { free, track } from './handles.js';
import type {
  NativeAttemptLog,
  NativeCatalogSpec,
  NativeClassSkill,
  NativeMastery,
  NativeMasteryReport,
  NativeSkillMastery,
  PersonalModule,
} from './personal.js';
import { call, loadModule } from './wasm.js';
import { mulberry32 } from './random.js';

(Symbol as unknown as { dispose?: symbol }).dispose ??= Symbol.for('Symbol.dispose');

const SEP = '\u001f';

/** Which columns of a log hold what. `order`: a number or a date; file order when absent. */
export interface LogColumns {
  student: string;
  skill: string;
  correct: string;
  item?: string;
  order?: string;
}

/** Options of {@link trainMastery}: the log's columns, then the model's settings (core defaults). */
export interface MasteryOptions extends LogColumns {
  /** @defaultValue [64, 32] */
  hidden?: number[];
  /** @defaultValue 8 */
  epochs?: number;
  /** @defaultValue 1 */
  seed?: number;
  /** @defaultValue 0.002 */
  learningRate?: number;
  /** @defaultValue 256 */
  batchSize?: number;
  /** @defaultValue 1e-6 */
  l2?: number;
  /** Share of training students held out for early stopping. @defaultValue 0.1 */
  validationFraction?: number;
  /** @defaultValue 2 */
  patience?: number;
  /** Use item difficulty when the log has items. @defaultValue true */
  useItems?: boolean;
  /** @defaultValue 10 */
  skillPrior?: number;
  /** @defaultValue 10 */
  itemPrior?: number;
  /** @defaultValue 0.01 */
  pfaRidge?: number;
  /** > 0: train on a seeded random subset of this many students. @defaultValue 0 (all) */
  maxTrainStudents?: number;
}

/** Pooled over every attempt of the evaluated log (accuracy at 0.5); pfa* = the PFA baseline. */
export type MasteryReport = NativeMasteryReport;
/** P(success on a typical item of the skill, next attempt) and the student's counts. */
export type SkillMastery = NativeSkillMastery;
/** Skills by how many students have not mastered them. */
export type ClassSkill = NativeClassSkill;

/** A learning resource (difficulty: P(a typical student fails it), in (0, 1)). */
export interface Resource {
  id: string;
  skill: string;
  difficulty?: number;
  prerequisites?: readonly string[];
  duration?: number;
}

/** Options of {@link MasteryModel.recommend}. */
export interface RecommendOptions {
  /** The student whose path it is (needed when the history holds several). */
  student?: string;
  /** Path length. @defaultValue 5 */
  n?: number;
  /** Mastered at or above this. @defaultValue 0.95 */
  threshold?: number;
  /** A prerequisite counts as met at mastery >= min(this, threshold). @defaultValue 0.8 */
  prerequisiteThreshold?: number;
  /** Preferred predicted success on a resource. @defaultValue 0.7 */
  target?: number;
  /** Resource ids already done (never recommended). @defaultValue [] */
  completed?: readonly string[];
  /** Steps on one skill before moving on. @defaultValue 3 */
  maxPerSkill?: number;
}

/** An ordered path with a reason per step, in data form. */
export interface LearningPath {
  steps: { resource: string; duration: number; reason: { skill: string; mastery: number; predictedSuccess: number; note: string } }[];
  /** Resources of skills the model does not know: never recommended. */
  flagged: { resource: string; skill: string; reason: string }[];
  blockedSkills: string[];
  masteredSkills: string[];
}

const registry = new FinalizationRegistry<NativeMastery>((handle) => free(handle));

/** A trained knowledge-tracing model. Create with trainMastery() or loadMastery(); dispose() when done. */
export class MasteryModel {
  private handle: NativeMastery | undefined;

  /** @internal */
  constructor(
    private readonly module: PersonalModule,
    handle: NativeMastery,
    /** The log columns this model reads (from training, or given to loadMastery). */
    readonly columns: LogColumns,
  ) {
    this.handle = handle;
    registry.register(this, handle, this);
  }

  get isDisposed(): boolean {
    return this.handle === undefined || this.handle.isDeleted();
  }

  /** Skills seen in training. */
  get skills(): string[] {
    const h = this.live();
    return call(this.module, () => h.skills());
  }

  /**
   * AUC, accuracy, RMSE and log-loss of next-attempt predictions on a log of other students,
   * next to the PFA baseline's.
   * @throws PathwiseError EMPTY_DATA, NON_NUMERIC_VALUE (correct not 0/1), UNKNOWN_COLUMN, DISPOSED
   */
  evaluate(testLog: Dataset): MasteryReport {
    const h = this.live();
    return this.withLog(testLog, (log) => call(this.module, () => h.evaluate(log)));
  }

  /** P(correct) of every attempt of the log (input row order), each from that student's past only. */
  predictNext(log: Dataset): number[] {
    const h = this.live();
    return this.withLog(log, (l) => Array.from(call(this.module, () => h.predictNext(l))));
  }

  /**
   * Per-skill mastery (every training skill) of one student after his history.
   * @param student needed when the history holds several students.
   */
  mastery(history: Dataset, student = ''): SkillMastery[] {
    const h = this.live();
    return this.withLog(history, (log) => call(this.module, () => h.mastery(log, student)));
  }

  /**
   * The next resources for a student: unmastered skills whose prerequisites are mastered, weakest
   * first; within a skill, predicted success closest to `target`; completed ones skipped.
   * @param catalog a Dataset with columns id, skill and optionally difficulty, prerequisites
   *   ('a;b'), duration — or Resource objects.
   */
  recommend(history: Dataset, catalog: Dataset | readonly Resource[], options: RecommendOptions = {}): LearningPath {
    const h = this.live();
    const { student = '', ...rest } = options;
    const spec = catalogSpec(catalog);
    return this.withLog(history, (log) =>
      call(this.module, () => this.module.recommendPath(h, log, student, spec, { ...rest, completed: [...(rest.completed ?? [])] })),
    );
  }

  /** Skills ranked by how many students of `histories` have not mastered them. */
  classView(histories: Dataset, options: { threshold?: number } = {}): ClassSkill[] {
    const h = this.live();
    return this.withLog(histories, (log) => call(this.module, () => this.module.classView(h, log, options.threshold ?? 0.95)));
  }

  /** The model as bytes (CRC-checked); loadMastery(bytes, columns) gives it back. */
  save(): Uint8Array {
    const h = this.live();
    return call(this.module, () => h.save());
  }

  /** Frees the wasm memory. Idempotent. */
  dispose(): void {
    if (!this.handle) return;
    registry.unregister(this);
    free(this.handle);
    this.handle = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private withLog<T>(data: Dataset, fn: (log: NativeAttemptLog) => T): T {
    const log = toNativeLog(this.module, data, this.columns);
    try {
      return fn(log);
    } finally {
      free(log);
    }
  }

  private live(): NativeMastery {
    if (!this.handle || this.handle.isDeleted()) throw new PathwiseError('DISPOSED', 'this mastery model was disposed (or clearAll() was called)');
    return this.handle;
  }
}

const OPTION_KEYS = [
  'hidden', 'epochs', 'seed', 'learningRate', 'batchSize', 'l2', 'validationFraction', 'patience',
  'useItems', 'skillPrior', 'itemPrior', 'pfaRidge', 'maxTrainStudents',
];

/**
 * Trains a knowledge-tracing model on an interaction log (one attempt per row).
 * @example
 * const kt = await trainMastery(log, { student: 'user_id', skill: 'skill_id', correct: 'correct', seed: 1 });
 * const { auc, pfaAuc } = kt.evaluate(testLog);
 * @throws PathwiseError UNKNOWN_COLUMN, BAD_OPTION, EMPTY_DATA, NON_NUMERIC_VALUE
 */
export async function trainMastery(log: Dataset, options: MasteryOptions): Promise<MasteryModel> {
  const { student, skill, correct, item, order, ...settings } = options;
  const columns: LogColumns = { student, skill, correct, ...(item ? { item } : {}), ...(order ? { order } : {}) };
  for (const key of Object.keys(settings)) {
    if (!OPTION_KEYS.includes(key)) throw badOption(`trainMastery: unknown option '${key}'`);
  }
  const module = (await loadModule()) as PersonalModule;
  const native = toNativeLog(module, log, columns);
  try {
    const handle = track(call(module, () => module.trainMastery(native, settings)));
    return new MasteryModel(module, handle, columns);
  } finally {
    free(native);
  }
}

/** Loads a model saved with save(); `columns` names the log columns it will read. */
export async function loadMastery(bytes: Uint8Array, columns: LogColumns): Promise<MasteryModel> {
  const module = (await loadModule()) as PersonalModule;
  const handle = track(call(module, () => module.loadMastery(bytes)));
  return new MasteryModel(module, handle, columns);
}

function toNativeLog(module: PersonalModule, data: Dataset, c: LogColumns): NativeAttemptLog {
  if (!(data instanceof Dataset)) throw badOption('a log must be a Dataset (from parseCsv or Dataset.fromObjects)');
  const joined = (name: string) => data.column(name).join(SEP);
  const spec = {
    rows: data.rows,
    students: joined(c.student),
    skills: joined(c.skill),
    correct: joined(c.correct),
    correctColumn: c.correct,
    ...(c.item ? { items: joined(c.item) } : {}),
    ...(c.order ? { order: orderValues(data.column(c.order), c.order) } : {}),
  };
  return track(call(module, () => module.attemptLog(spec)));
}

// Order cells as numbers: a number, else a date (ms since 1970).
function orderValues(cells: readonly string[], column: string): number[] {
  return cells.map((cell, r) => {
    const n = cell.trim() === '' ? NaN : Number(cell);
    const v = Number.isFinite(n) ? n : Date.parse(cell);
    if (!Number.isFinite(v)) {
      throw new PathwiseError('NON_NUMERIC_VALUE', `column '${column}' row ${r + 1}: '${cell}' is neither a number nor a date`);
    }
    return v;
  });
}

function catalogSpec(catalog: Dataset | readonly Resource[]): NativeCatalogSpec {
  if (catalog instanceof Dataset) {
    const col = (name: string) => (catalog.header.includes(name) ? catalog.column(name).join(SEP) : undefined);
    const spec: NativeCatalogSpec = { rows: catalog.rows, ids: col('id') ?? '', skills: col('skill') ?? '' };
    if (!catalog.header.includes('id') || !catalog.header.includes('skill')) {
      throw new PathwiseError('UNKNOWN_COLUMN', `a catalog needs columns 'id' and 'skill' (columns: ${catalog.header.join(', ')})`);
    }
    const extra = { difficulties: col('difficulty'), prerequisites: col('prerequisites'), durations: col('duration') };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) (spec as unknown as Record<string, string>)[k] = v;
    return spec;
  }
  const text = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
  return {
    rows: catalog.length,
    ids: catalog.map((r) => r.id).join(SEP),
    skills: catalog.map((r) => r.skill).join(SEP),
    difficulties: catalog.map((r) => text(r.difficulty)).join(SEP),
    prerequisites: catalog.map((r) => (r.prerequisites ?? []).join(';')).join(SEP),
    durations: catalog.map((r) => text(r.duration)).join(SEP),
  };
}

/**
 * Splits a log by student (no student on both sides): a seeded `test` share of the students, with
 * all their attempts, goes to `test`. For hold-out evaluation when no separate test log exists.
 * @example const { train, test } = splitLogByStudent(log, 'user_id', { test: 0.2, seed: 1 });
 * @throws PathwiseError UNKNOWN_COLUMN, BAD_OPTION (test outside (0, 1), fewer than 2 students)
 */
export function splitLogByStudent(
  log: Dataset,
  studentColumn: string,
  options: { test?: number; seed?: number } = {},
): { train: Dataset; test: Dataset } {
  const share = options.test ?? 0.2;
  if (!(share > 0 && share < 1)) throw badOption(`option 'test' must be in (0, 1) (got ${share})`);
  const cells = log.column(studentColumn);
  const students = [...new Set(cells)];
  if (students.length < 2) throw badOption(`a by-student split needs at least 2 students in column '${studentColumn}'`);
  const next = mulberry32(options.seed ?? 1);
  for (let i = students.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [students[i], students[j]] = [students[j]!, students[i]!];
  }
  const nTest = Math.min(students.length - 1, Math.max(1, Math.round(share * students.length)));
  const testSet = new Set(students.slice(0, nTest));
  const trainRows: number[] = [];
  const testRows: number[] = [];
  cells.forEach((s, r) => (testSet.has(s) ? testRows : trainRows).push(r));
  return { train: log.selectRows(trainRows), test: log.selectRows(testRows) };
}


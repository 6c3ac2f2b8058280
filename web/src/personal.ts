// Types of the Embind functions and handles built from bindings/personal.cpp (explanations,
// attempt logs, mastery models, learning paths). Declarations only; every handle must be
// .delete()d by exactly one owner (see handles.ts). Calls go through wasm.ts call().
import type { NativeHandle, NativeModel, NativeTable, PathwiseModule } from './native.js';

export interface NativeExplanation {
  columns: string[];
  values: string[];
  contributions: Float64Array;
  prediction: number;
  baselinePrediction: number;
  classIndex: number;
  output: string;
  steps: number;
  completenessError: number;
}

export interface NativeImportance {
  metric: 'rocAuc' | 'accuracy' | 'r2';
  baseline: number;
  columns: { column: string; mean: number; sd: number; drops: Float64Array }[];
}

export interface NativeWhatIf {
  column: string;
  from: string;
  to: string;
  before: number;
  after: number;
  gain: number;
}

/** A parsed interaction log (bindings: AttemptLog). */
export interface NativeAttemptLog extends NativeHandle {
  size(): number;
  students(): string[];
  skills(): string[];
}

/** Columns joined by '\u001f'; order as numbers (file order when absent). */
export interface NativeAttemptLogSpec {
  rows: number;
  students: string;
  skills: string;
  correct: string;
  correctColumn?: string;
  items?: string;
  order?: number[];
}

export interface NativeMasteryReport {
  auc: number;
  accuracy: number;
  rmse: number;
  logLoss: number;
  pfaAuc: number;
  pfaAccuracy: number;
  pfaLogLoss: number;
  attempts: number;
  students: number;
}

export interface NativeSkillMastery {
  skill: string;
  mastery: number;
  attempts: number;
  successes: number;
}

export interface NativeMastery extends NativeHandle {
  evaluate(log: NativeAttemptLog): NativeMasteryReport;
  /** student '' = the history holds one student. */
  mastery(history: NativeAttemptLog, student: string): NativeSkillMastery[];
  /** P(correct) per attempt, in the log's input row order, from each student's past only. */
  predictNext(log: NativeAttemptLog): Float64Array;
  save(): Uint8Array;
  skills(): string[];
  usesItems(): boolean;
}

/** Catalog columns joined by '\u001f' (empty cells = missing). */
export interface NativeCatalogSpec {
  rows: number;
  ids: string;
  skills: string;
  difficulties?: string;
  prerequisites?: string;
  durations?: string;
}

export interface NativeLearningPath {
  steps: {
    resource: string;
    duration: number;
    reason: { skill: string; mastery: number; predictedSuccess: number; note: string };
  }[];
  flagged: { resource: string; skill: string; reason: string }[];
  blockedSkills: string[];
  masteredSkills: string[];
}

export interface NativeClassSkill {
  skill: string;
  notMastered: number;
  students: number;
  meanMastery: number;
}

/** The module's functions from bindings/personal.cpp. */
export interface PersonalModule extends PathwiseModule {
  explain(
    model: NativeModel,
    table: NativeTable,
    row: number,
    options: { steps?: number; classIndex?: number; background?: NativeTable },
  ): NativeExplanation;
  importance(model: NativeModel, table: NativeTable, options: { repeats?: number; seed?: number }): NativeImportance;
  whatIf(
    model: NativeModel,
    table: NativeTable,
    row: number,
    options: { actionable?: string[]; classIndex?: number; increase?: boolean },
  ): NativeWhatIf[];
  attemptLog(spec: NativeAttemptLogSpec): NativeAttemptLog;
  trainMastery(log: NativeAttemptLog, options: Record<string, unknown>): NativeMastery;
  loadMastery(bytes: Uint8Array): NativeMastery;
  recommendPath(
    model: NativeMastery,
    history: NativeAttemptLog,
    student: string,
    catalog: NativeCatalogSpec,
    options: Record<string, unknown>,
  ): NativeLearningPath;
  classView(model: NativeMastery, histories: NativeAttemptLog, threshold: number): NativeClassSkill[];
}

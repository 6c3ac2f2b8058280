// Public entry point of the pathwise package: CSV loading, datasets, training, cross-validation,
// models, errors, privacy (identifier exclusion, clearAll, audit, model cards). Everything runs
// locally in WebAssembly: no network; nothing stored by the library itself.
export { parseCsv, CSV_DEFAULTS, type CsvInput, type CsvOptions } from './csv.js';
export { Dataset, type Cell, type ColumnType, type CsvIssue } from './dataset.js';
export { PathwiseError, ERROR_CODES, type ErrorCode } from './errors.js';
export { liveHandles } from './handles.js';
export { clearAll, STORAGE_PREFIX, type ClearReport } from './clear.js';
export {
  identifierColumns,
  identifierName,
  identifierValues,
  type ExcludedColumn,
  type ExclusionReason,
} from './identifiers.js';
export {
  audit,
  AUDIT_DEFAULTS,
  type Audit,
  type AuditMetric,
  type AuditOptions,
  type GroupMetrics,
  type GroupResult,
  type MetricGap,
} from './audit.js';
export {
  ADVISORY_USE,
  modelCard,
  type LeftOutColumn,
  type ModelCard,
  type ModelCardJson,
  type ModelCardOptions,
} from './modelCard.js';
export {
  loadModel,
  Model,
  type ClassificationMetrics,
  type Metrics,
  type ModelInfo,
  type Prediction,
  type RegressionMetrics,
} from './model.js';
export {
  TRAIN_DEFAULTS,
  SPLIT_DEFAULTS,
  type ActivationName,
  type ColumnPreprocess,
  type EpochProgress,
  type Impute,
  type Scaling,
  type SplitOptions,
  type Task,
  type TrainOptions,
} from './options.js';
export { train, workerByDefault, type WorkerChoice } from './train.js';
export {
  canUseWorker,
  crossValidateInWorker,
  initWorker,
  terminateWorker,
  trainInWorker,
  type WorkerInitOptions,
} from './worker/index.js';
export { crossValidate, CROSS_VALIDATE_DEFAULTS, type CrossValidateOptions, type CrossValidation, type FoldResult } from './cv.js';
export { init, type InitOptions } from './wasm.js';
export { version } from './version.js';
export {
  explain,
  importance,
  whatIf,
  type Contribution,
  type ExplainOptions,
  type Explanation,
  type Importance,
  type ImportanceOptions,
  type RowInput,
  type WhatIfChange,
  type WhatIfOptions,
} from './explain.js';
export {
  loadMastery,
  MasteryModel,
  splitLogByStudent,
  trainMastery,
  type ClassSkill,
  type LearningPath,
  type LogColumns,
  type MasteryOptions,
  type MasteryReport,
  type RecommendOptions,
  type Resource,
  type SkillMastery,
} from './mastery.js';
// Import adapters for real exports (Moodle, Canvas, xAPI, Open edX, ASSISTments, KDD Cup, generic)
// with format detection and HMAC pseudonymisation of identifiers.
export * from './import/index.js';

// Public surface of the import module: format detection, importData, the adapters' shared types
// and the privacy helpers (pseudonymise, identifierLikeColumns, eraseStudent).
export type { AttemptLog, DroppedColumn, FormatName, ImportReport, SkipReason, SkippedRecord, StudentTable } from './types.js';
export type { ImportInput, TextEncodingName } from './text.js';
export { decodeInput } from './text.js';
export { detectFormat, type DetectOptions, type FormatGuess } from './detect.js';
export { importData, type ImportResult } from './importData.js';
export { LOG_DATASET_COLUMNS, masteryColumns, toDataset } from './dataset.js';
export { IMPORT_DEFAULTS, type ImportOptions, type LogRole } from './options.js';
export { LOG_COLUMN_DEFAULTS, TABLE_ID_NAMES } from './generic.js';
export { XAPI_ASSESSMENT_VERBS } from './xapi.js';
export { ENGAGEMENT_HEADER } from './moodleLogs.js';
export {
  DIRECT_IDENTIFIERS, PSEUDONYM_HEX_LENGTH, eraseStudent, forgetPageKey, identifierLikeColumns, identifierValues,
  isDirectIdentifier, pseudonymise, type PseudonymKey, type StudentData,
} from './privacy.js';

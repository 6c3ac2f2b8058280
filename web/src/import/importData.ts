// importData: decode → detect (unless `format` is given) → run the format's adapter → pseudonymised
// student table or attempt log plus an import report.
import { PathwiseError } from '../errors.js';
import { assistments2009 } from './assistments.js';
import type { Adapter } from './context.js';
import { detectFormat } from './detect.js';
import { genericLog, genericTable } from './generic.js';
import { canvasGradebook, moodleGradebook } from './gradebooks.js';
import { kddCup2010 } from './kdd.js';
import { moodleLogs } from './moodleLogs.js';
import { moodleQuiz } from './moodleQuiz.js';
import { openedx } from './openedx.js';
import { type ImportOptions, resolveImportOptions } from './options.js';
import { decodeInput, type ImportInput } from './text.js';
import { type AttemptLog, type FormatName, type ImportReport, ReportBuilder, type StudentTable } from './types.js';
import { xapi } from './xapi.js';

/** Result of {@link importData}: exactly one of `table` / `log` is set, as `kind` says. */
export interface ImportResult {
  kind: 'table' | 'log';
  table?: StudentTable;
  log?: AttemptLog;
  report: ImportReport;
}

const ADAPTERS: Readonly<Record<FormatName, Adapter>> = Object.freeze({
  'generic-log': genericLog, 'generic-table': genericTable, 'assistments-2009': assistments2009,
  'kdd-cup-2010': kddCup2010, xapi, openedx, 'moodle-quiz': moodleQuiz, 'moodle-gradebook': moodleGradebook,
  'canvas-gradebook': canvasGradebook, 'moodle-logs': moodleLogs,
});

/**
 * Imports an export file. Student ids are replaced by keyed pseudonyms, direct identifiers are
 * dropped, and the report lists every skipped record and dropped column.
 * @example
 * const res = await importData(await file.arrayBuffer(), { encoding: 'windows-1252', key: 'class 4b' });
 * if (res.kind === 'log') trainMastery(res.log!);
 * console.table(res.report.skippedByReason);
 * @throws PathwiseError `BAD_OPTION` (bad option, or format not recognisable), `EMPTY_DATA` (empty
 * input, or no usable row: the message counts the skip reasons), `UNKNOWN_COLUMN` (a required or mapped column is absent).
 */
export async function importData(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const options = resolveImportOptions(opts);
  const text = decodeInput(input, options.encoding);
  if (text.trim() === '') throw new PathwiseError('EMPTY_DATA', 'importData: the input is empty');
  let format = options.format;
  let confidence: number | undefined;
  if (format === undefined) {
    const guess = detectFormat(text, options);
    if (guess.confidence === 0) {
      throw new PathwiseError('BAD_OPTION', `importData: format not recognised (${guess.reasons.join('; ')}); set option 'format'`);
    }
    format = guess.format;
    confidence = guess.confidence;
  }
  const report = new ReportBuilder(format, options.maxSkippedListed);
  if (confidence !== undefined) report.report.confidence = confidence;
  const out = await ADAPTERS[format]({ text, options, report });
  if (report.report.rowsOut === 0) {
    const why = Object.entries(report.report.skippedByReason).map(([k, v]) => `${k}: ${v}`).join(', ');
    throw new PathwiseError('EMPTY_DATA', `importData (${format}): no usable row out of ${report.report.rowsRead}${why ? ` (skipped ${why})` : ''}`);
  }
  return out.kind === 'log' ? { kind: 'log', log: out.log, report: report.report } : { kind: 'table', table: out.table, report: report.report };
}

// detectFormat: guesses the export format from headers (delimited files) or fields (JSON), with a
// confidence and the evidence, so the caller can confirm or override it.
import { findColumn, readDelimited } from './delimited.js';
import { LOG_COLUMN_DEFAULTS } from './generic.js';
import { isObject, readJsonRecords } from './json.js';
import { QUIZ_QUESTION_HEADER } from './moodleQuiz.js';
import type { LogRole } from './options.js';
import { decodeInput, type ImportInput, type TextEncodingName } from './text.js';
import { type FormatName, ReportBuilder } from './types.js';

/** Result of {@link detectFormat}. `confidence` 0 means nothing matched: set `format` yourself. */
export interface FormatGuess {
  format: FormatName;
  confidence: number;
  reasons: string[];
}

/** Options of {@link detectFormat} (the same names as in `importData`). */
export interface DetectOptions {
  /** @defaultValue 'utf-8' */
  encoding?: TextEncodingName;
  /** @defaultValue undefined (sniffed) */
  delimiter?: string;
  /** Used to recognise a generic attempt log with localized headers. @defaultValue {} */
  columnMap?: Partial<Record<LogRole, string>>;
}

const ASSISTMENTS_ONLY = ['assignment_id', 'assistment_id', 'original', 'attempt_count', 'ms_first_response',
  'tutor_mode', 'answer_type', 'sequence_id', 'student_class_id', 'base_sequence_id', 'hint_count',
  'hint_total', 'overlap_time', 'template_id', 'first_action', 'bottom_hint', 'opportunity_original'];

function detectJson(text: string): FormatGuess {
  const records = readJsonRecords(text, new ReportBuilder('xapi', 0)).slice(0, 50).map((r) => r.value).filter(isObject);
  if (records.some((s) => 'actor' in s && 'verb' in s && 'object' in s)) {
    return { format: 'xapi', confidence: 0.95, reasons: ['JSON records with actor, verb and object (xAPI statements)'] };
  }
  if (records.some((e) => 'event_type' in e && ('event_source' in e || 'context' in e))) {
    return { format: 'openedx', confidence: 0.9, reasons: ['JSON records with event_type and event_source (Open edX tracking log)'] };
  }
  return { format: 'generic-table', confidence: 0, reasons: ['JSON input without xAPI or Open edX fields'] };
}

function candidates(h: string[], rows: string[][], opts: DetectOptions): FormatGuess[] {
  const has = (...names: string[]): boolean => names.every((n) => findColumn(h, [n]) >= 0);
  const out: FormatGuess[] = [{ format: 'generic-table', confidence: 0.3, reasons: ['delimited file with a header row'] }];
  if (has('Anon Student Id', 'Correct First Attempt')) {
    const kc = h.some((x) => /^KC\(.+\)$/.test(x));
    out.push({ format: 'kdd-cup-2010', confidence: kc ? 0.95 : 0.7,
      reasons: ['Anon Student Id and Correct First Attempt columns', ...(kc ? ['a KC(<model>) column'] : [])] });
  }
  const extra = ASSISTMENTS_ONLY.filter((n) => has(n));
  if (has('user_id', 'correct', 'order_id') && extra.length >= 3) {
    out.push({ format: 'assistments-2009', confidence: 0.95, reasons: [`user_id, correct, order_id and ASSISTments columns ${extra.slice(0, 4).join(', ')}`] });
  }
  const questions = h.filter((x) => QUIZ_QUESTION_HEADER.test(x));
  if (questions.length > 0) {
    const state = has('State') || has('Status');
    out.push({ format: 'moodle-quiz', confidence: 0.7 + (state ? 0.15 : 0) + (has('Started on') ? 0.1 : 0),
      reasons: [`${questions.length} 'Q. n /max' columns`, ...(state ? ['a State/Status column'] : [])] });
  }
  if (has('Last downloaded from this course') || has('Zuletzt aus diesem Kurs heruntergeladen')) {
    out.push({ format: 'moodle-gradebook', confidence: 0.95, reasons: ["a 'Last downloaded from this course' column (English or German)"] });
  } else if (h.some((x) => /\((Real|Percentage|Letter|Punkte|Prozentsatz|Buchstabe)\)$/.test(x))) {
    out.push({ format: 'moodle-gradebook', confidence: 0.75, reasons: ["grade columns named '<item> (Real|Percentage|Letter)'"] });
  }
  if (rows.some((r) => r.some((c) => c.trim() === 'Points Possible'))) {
    out.push({ format: 'canvas-gradebook', confidence: 0.95, reasons: ["a 'Points Possible' row"] });
  } else if (has('Student', 'ID', 'Section') && (has('Current Score') || has('Final Score'))) {
    out.push({ format: 'canvas-gradebook', confidence: 0.85, reasons: ['Student, ID, Section and Current/Final Score columns'] });
  }
  if (has('Time', 'User full name', 'Event name')) {
    out.push({ format: 'moodle-logs', confidence: 0.95, reasons: ['Time, User full name and Event name columns (Moodle logs)'] });
  }
  const role = (r: LogRole): boolean => findColumn(h, opts.columnMap?.[r] !== undefined ? [opts.columnMap[r]!] : LOG_COLUMN_DEFAULTS[r]) >= 0;
  if (role('student') && role('skill') && role('correct')) {
    out.push({ format: 'generic-log', confidence: 0.6, reasons: ['student, skill and correct columns (column map / pyBKT names)'] });
  }
  return out;
}

/**
 * Guesses the format of an export from its header row (and the first rows) or its JSON fields.
 * @example
 * const { format, confidence, reasons } = detectFormat(csvText);  // 'canvas-gradebook', 0.95, [...]
 * @throws PathwiseError `EMPTY_DATA` for empty input, `BAD_OPTION` for a bad encoding.
 */
export function detectFormat(input: ImportInput, opts: DetectOptions = {}): FormatGuess {
  const text = decodeInput(input, opts.encoding ?? 'utf-8');
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return detectJson(text);
  const sample = text.split('\n').slice(0, 40).join('\n');
  const file = readDelimited(sample, opts.delimiter);
  return candidates(file.header, file.rows, opts).reduce((best, c) => (c.confidence > best.confidence ? c : best));
}

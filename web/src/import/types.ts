// Shared data shapes of the import adapters: the attempt log, the student table and the import report.
// Pure types and a small report builder; depends on nothing.

/**
 * A long attempt log in columnar form: entry `i` of every array describes one attempt.
 * Rows are grouped by student (students in order of first appearance in the file) and, within a
 * student, sorted stably by `order` (pyBKT's convention: sort by order, then stably by user).
 */
export interface AttemptLog {
  /** Pseudonym of the student (HMAC-SHA-256 hex, see `pseudonymise`); never a raw id. */
  student: string[];
  /** Skill / knowledge component of the attempt. */
  skill: string[];
  /** Item (question, step, input id) or `null` when the format has none. */
  item: (string | null)[];
  /** 1 = correct (on the first attempt, per the format's definition), 0 = not correct. */
  correct: number[];
  /** Chronological key within a student (order id, row number or milliseconds since 1970). */
  order: number[];
}

/** A student table: raw string cells, one row per student; `""` is missing. Numbers are parsed by the core. */
export interface StudentTable {
  header: string[];
  rows: string[][];
}

/** Why an input record (row, statement, event) or a cell produced no output. */
export type SkipReason =
  | 'not-original' | 'duplicate-order' | 'missing-student' | 'missing-skill' | 'bad-correct' | 'bad-order'
  | 'bad-json' | 'voided' | 'voiding-statement' | 'not-assessment-verb' | 'no-result'
  | 'no-timestamp' | 'no-actor' | 'not-problem-check' | 'not-server-event' | 'no-correct-map'
  | 'in-progress' | 'summary-row' | 'unmarked-question' | 'points-possible-row' | 'note-row';

/** One skipped record: `row` is 1-based (data row after the header, JSON line or statement index). */
export interface SkippedRecord {
  row: number;
  reason: SkipReason;
  detail?: string;
}

/** A column left out of the output, and why. */
export interface DroppedColumn {
  name: string;
  reason: 'direct-identifier' | 'free-text' | 'export-metadata' | 'aggregated' | 'empty-column';
}

/** Identifiers of the supported formats. */
export type FormatName =
  | 'generic-log' | 'generic-table' | 'assistments-2009' | 'kdd-cup-2010' | 'xapi' | 'openedx'
  | 'moodle-quiz' | 'moodle-gradebook' | 'canvas-gradebook' | 'moodle-logs';

/** What an import did: nothing is skipped or dropped silently. */
export interface ImportReport {
  format: FormatName;
  /** Detection confidence (0..1); absent when the caller chose the format. */
  confidence?: number;
  /** Input records read (data rows, statements, events). */
  rowsRead: number;
  /** Input records that produced at least one output row. */
  rowsKept: number;
  /** Output rows (attempts or students); can exceed `rowsKept` (a KC list, a quiz row). */
  rowsOut: number;
  /** Skipped records, capped at `maxSkippedListed` entries; `skippedByReason` counts all. */
  skipped: SkippedRecord[];
  skippedByReason: Partial<Record<SkipReason, number>>;
  droppedColumns: DroppedColumn[];
  /** Input columns/fields whose values were replaced by pseudonyms. */
  pseudonymisedColumns: string[];
}

/** Builds an `ImportReport`; keeps at most `cap` skipped entries but counts every one. */
export class ReportBuilder {
  readonly report: ImportReport;
  private readonly cap: number;

  constructor(format: FormatName, cap: number) {
    this.cap = cap;
    this.report = {
      format, rowsRead: 0, rowsKept: 0, rowsOut: 0, skipped: [], skippedByReason: {},
      droppedColumns: [], pseudonymisedColumns: [],
    };
  }

  skip(row: number, reason: SkipReason, detail?: string): void {
    const r = this.report;
    r.skippedByReason[reason] = (r.skippedByReason[reason] ?? 0) + 1;
    if (r.skipped.length < this.cap) r.skipped.push(detail === undefined ? { row, reason } : { row, reason, detail });
  }

  drop(name: string, reason: DroppedColumn['reason']): void {
    this.report.droppedColumns.push({ name, reason });
  }
}

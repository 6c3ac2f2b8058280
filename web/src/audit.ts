// audit(): per-group metrics of a classification model (accuracy, recall of the at-risk class,
// predicted at-risk rate) for declared sensitive attributes, and the largest gap between groups,
// so a school can check whether the model serves every group alike. Uses model.evaluate() on the
// rows of each group (the core's target encoding and metrics); no new wasm code.
import type { Dataset } from './dataset.js';
import { PathwiseError, badOption } from './errors.js';
import { identifierColumns } from './identifiers.js';
import type { ClassificationMetrics, Model } from './model.js';

/** Options of {@link audit}. */
export interface AuditOptions {
  /** Sensitive attributes: one set of groups per column (each distinct value is a group). */
  groupBy: readonly string[];
  /**
   * The class a teacher acts on ("at risk"). Binary: @defaultValue the class that is not the
   * model's positive class (for `positive: 'G3 >= 10'` that is `'not G3 >= 10'`). Multiclass:
   * required. Pass the positive class itself when it is the risk (`positive: 'dropout == 1'`).
   */
  atRisk?: string;
  /** Groups with fewer labelled rows are listed but left out of the gaps (too noisy). @defaultValue 5 */
  minRows?: number;
}

/** The defaults of {@link AuditOptions}. */
export const AUDIT_DEFAULTS = Object.freeze({ minRows: 5 });

/** Metrics of one set of rows. Rates are in [0, 1]; null where undefined (no such rows). */
export interface GroupMetrics {
  /** Rows of the data in the group. */
  rows: number;
  /** Of those, rows with a target value and a prediction (the metrics are over these). */
  labelled: number;
  /** Share of labelled rows predicted right. */
  accuracy: number | null;
  /** Of the rows truly in the at-risk class, the share predicted at risk (null when there are none). */
  atRiskRecall: number | null;
  /** Share of labelled rows predicted at risk ("positive rate" of the at-risk class). */
  atRiskRate: number | null;
  /** Share of labelled rows truly at risk (the base rate, for comparison). */
  actualAtRiskRate: number | null;
}

/** Metrics of one group: the rows where `column` has the value `group` (`'(missing)'` for empty cells). */
export interface GroupResult extends GroupMetrics {
  column: string;
  group: string;
  /** Fewer than `minRows` labelled rows: left out of the gaps. */
  small: boolean;
}

/** Names of the compared metrics. */
export type AuditMetric = 'accuracy' | 'atRiskRecall' | 'atRiskRate';

/** The largest difference of one metric between the groups of one column. */
export interface MetricGap {
  column: string;
  metric: AuditMetric;
  /** highest.value − lowest.value. */
  gap: number;
  highest: { group: string; value: number };
  lowest: { group: string; value: number };
}

/** Result of {@link audit}. */
export interface Audit {
  target: string;
  atRisk: string;
  classes: string[];
  minRows: number;
  overall: GroupMetrics;
  /** Per column of groupBy, its groups in order of first appearance. */
  groups: GroupResult[];
  /** Per column and metric, when at least 2 groups have ≥ minRows labelled rows and a value. */
  gaps: MetricGap[];
}

const METRICS: readonly AuditMetric[] = ['accuracy', 'atRiskRecall', 'atRiskRate'];
const MISSING_GROUP = '(missing)';

/**
 * Fairness audit: metrics of a classification model on labelled data, overall and per group of
 * each `groupBy` column, and the largest gap between groups per metric.
 * @example
 * const a = audit(model, test, { groupBy: ['sex', 'address'] });
 * a.gaps.filter((g) => g.metric === 'atRiskRecall'); // [{ column: 'sex', gap: 0.12, highest: {…}, lowest: {…} }, …]
 * @throws PathwiseError BAD_OPTION (regression model, unknown atRisk class, an identifier-like or
 *   missing groupBy column, bad minRows), SCHEMA_MISMATCH (no target column), DISPOSED.
 */
export function audit(model: Model, data: Dataset, options: AuditOptions): Audit {
  if (options === null || typeof options !== 'object') throw badOption('audit: options must be an object');
  for (const key of Object.keys(options)) {
    if (!['groupBy', 'atRisk', 'minRows'].includes(key)) throw badOption(`audit: unknown option '${key}'`);
  }
  const info = model.info;
  if (info.task === 'regression') throw badOption('audit: needs a classification model (this one is a regression)');
  const atRisk = options.atRisk ?? defaultAtRisk(info.task, info.classes, info.positive);
  const a = info.classes.indexOf(atRisk);
  if (a < 0) throw badOption(`audit: option 'atRisk' must be one of the model's classes (${info.classes.join(', ')}); got '${atRisk}'`);
  const minRows = options.minRows ?? AUDIT_DEFAULTS.minRows;
  if (!Number.isInteger(minRows) || minRows < 1) throw badOption(`audit: option 'minRows' must be a positive integer (got ${String(minRows)})`);
  const groupBy = options.groupBy;
  if (!Array.isArray(groupBy) || groupBy.length === 0 || groupBy.some((c) => typeof c !== 'string')) {
    throw badOption(`audit: option 'groupBy' must be a non-empty array of column names`);
  }
  if (!data.header.includes(info.target)) {
    throw new PathwiseError('SCHEMA_MISMATCH', `audit: the data has no target column '${info.target}'`);
  }
  const identifiers = new Set(identifierColumns(data, { target: info.target }).map((e) => e.column));
  for (const column of groupBy) {
    if (!data.header.includes(column)) throw new PathwiseError('UNKNOWN_COLUMN', `audit: no column '${column}' (columns: ${data.header.join(', ')})`);
    if (identifiers.has(column)) throw badOption(`audit: column '${column}' looks like an identifier: groups of one student are not an audit`);
  }

  const overall = metricsOf(model, data, a);
  const groups: GroupResult[] = [];
  for (const column of groupBy) {
    const rowsOf = new Map<string, number[]>();
    data.column(column).forEach((cell, r) => {
      const g = cell.trim() === '' ? MISSING_GROUP : cell.trim();
      let list = rowsOf.get(g);
      if (!list) rowsOf.set(g, (list = []));
      list.push(r);
    });
    for (const [group, rows] of rowsOf) {
      const m = metricsOf(model, data.selectRows(rows), a);
      groups.push({ column, group, ...m, small: m.labelled < minRows });
    }
  }
  return { target: info.target, atRisk, classes: [...info.classes], minRows, overall, groups, gaps: gapsOf(groupBy, groups) };
}

function defaultAtRisk(task: 'binary' | 'multiclass', classes: readonly string[], positive: string): string {
  if (task === 'multiclass') throw badOption(`audit: option 'atRisk' is required for a multiclass model (one of ${classes.join(', ')})`);
  return classes.find((c) => c !== positive) ?? classes[0]!;
}

// Metrics from the core's confusion matrix of these rows (confusion[true][predicted]).
function metricsOf(model: Model, rows: Dataset, a: number): GroupMetrics {
  let confusion: number[][];
  try {
    confusion = (model.evaluate(rows) as ClassificationMetrics).confusion;
  } catch (e) {
    if (e instanceof PathwiseError && e.code === 'EMPTY_DATA') {
      return { rows: rows.rows, labelled: 0, accuracy: null, atRiskRecall: null, atRiskRate: null, actualAtRiskRate: null };
    }
    throw e;
  }
  const labelled = confusion.reduce((s, row) => s + row.reduce((x, y) => x + y, 0), 0);
  const correct = confusion.reduce((s, row, t) => s + (row[t] ?? 0), 0);
  const trulyAtRisk = (confusion[a] ?? []).reduce((x, y) => x + y, 0);
  const predictedAtRisk = confusion.reduce((s, row) => s + (row[a] ?? 0), 0);
  const ratio = (x: number, n: number) => (n > 0 ? x / n : null);
  return {
    rows: rows.rows,
    labelled,
    accuracy: ratio(correct, labelled),
    atRiskRecall: ratio(confusion[a]?.[a] ?? 0, trulyAtRisk),
    atRiskRate: ratio(predictedAtRisk, labelled),
    actualAtRiskRate: ratio(trulyAtRisk, labelled),
  };
}

function gapsOf(groupBy: readonly string[], groups: readonly GroupResult[]): MetricGap[] {
  const gaps: MetricGap[] = [];
  for (const column of groupBy) {
    for (const metric of METRICS) {
      const values = groups
        .filter((g) => g.column === column && !g.small && g[metric] !== null)
        .map((g) => ({ group: g.group, value: g[metric] as number }));
      if (values.length < 2) continue;
      let hi = values[0]!;
      let lo = values[0]!;
      for (const v of values) {
        if (v.value > hi.value) hi = v;
        if (v.value < lo.value) lo = v;
      }
      gaps.push({ column, metric, gap: hi.value - lo.value, highest: hi, lowest: lo });
    }
  }
  return gaps;
}

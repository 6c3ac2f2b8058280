// modelCard(): a Markdown + JSON summary of a trained model for a school's DPIA / documentation
// (GDPR Art. 35, EU AI Act Art. 13): data summary, what was left out and why, training
// configuration, cross-validated and per-group metrics, intended use, limitations, privacy facts.
// Built from column names, class labels, counts and metrics only — never from cell values other
// than class labels and audit group labels (identifier-like columns cannot be audited).
import type { Audit, MetricGap } from './audit.js';
import type { CrossValidation } from './cv.js';
import type { Dataset } from './dataset.js';
import { badOption } from './errors.js';
import type { ExcludedColumn } from './identifiers.js';
import type { DroppedColumn, ImportReport } from './import/types.js';
import type { ClassificationMetrics, Model } from './model.js';
import type { TrainOptions } from './options.js';
import { version } from './version.js';

/** Options of {@link modelCard}; everything is optional and adds a section. */
export interface ModelCardOptions {
  /** @defaultValue `Predicting <positive or target>` */
  title?: string;
  /** The training data: rows, columns and class balance. */
  data?: Dataset;
  /** From crossValidate() with the same options: the card's evaluation section. */
  crossValidation?: CrossValidation;
  /** From audit(): the per-group metrics and gaps. */
  audit?: Audit;
  /** The options given to train(): the training configuration (callbacks are left out). */
  options?: TrainOptions;
  /** The import report, when the data came from importData(): dropped columns, skipped rows, pseudonyms. */
  importReport?: ImportReport;
  /** More columns left out before training, with a reason (e.g. your own `exclude` list). */
  dropped?: readonly (ExcludedColumn | DroppedColumn | { column: string; reason: string })[];
  /** @defaultValue an advisory statement: a teacher decides. */
  intendedUse?: string;
  /** Added to the built-in limitations. */
  limitations?: readonly string[];
}

/** One column that is not a feature, and why. */
export interface LeftOutColumn {
  column: string;
  reason: string;
  /** Where it was left out: at import, by train()'s identifier rule, or by the caller. */
  stage: 'import' | 'identifier-rule' | 'caller';
}

/** The card as data (the Markdown is rendered from it). */
export interface ModelCardJson {
  title: string;
  generatedBy: string;
  model: {
    task: string;
    target: string;
    positive: string;
    classes: string[];
    hidden: number[];
    trainedEpochs: number;
    trainRows: number;
  };
  data: {
    rows: number | null;
    columns: number | null;
    featuresUsed: string[];
    /** Labelled rows per class (classification, when `data` was given). */
    classBalance: { class: string; rows: number; share: number }[] | null;
    leftOut: LeftOutColumn[];
    /** Import: records read and skipped per reason (counts only). */
    import: { format: string; rowsRead: number; rowsOut: number; skippedByReason: Record<string, number>; pseudonymisedColumns: string[] } | null;
  };
  training: { options: Record<string, unknown>; note: string };
  evaluation: { folds: number; mean: Record<string, number>; sd: Record<string, number> } | null;
  fairness: { atRisk: string; minRows: number; overall: Audit['overall']; groups: Audit['groups']; gaps: MetricGap[] } | null;
  intendedUse: string;
  limitations: string[];
  privacy: string[];
}

/** Result of {@link modelCard}. */
export interface ModelCard {
  markdown: string;
  json: ModelCardJson;
}

/** The card's default intended-use statement. */
export const ADVISORY_USE =
  'Advisory only: the model flags students who may need support so that a teacher can look closer. ' +
  'A teacher decides; the model never acts on its own and its output is not a grade or a decision ' +
  'about a student (GDPR Art. 22; EU AI Act Art. 14, human oversight).';

const PRIVACY = [
  'Training, prediction and this card were computed on this device; pathwise makes no network requests and sends no telemetry.',
  'The model file (model.save()) holds parameters and preprocessing statistics only: network weights, ' +
    'per-column means/spreads and imputation values, the category levels of categorical feature columns, ' +
    'the target encoding and the training options. It holds no rows, no per-student values and no identifiers.',
  'Identifier-like columns (ids, names, e-mail addresses, unique text values) are not used as features, ' +
    'so no identifier can be a category level inside the model.',
  'Student ids imported with importData() are keyed HMAC-SHA-256 pseudonyms; the key stays with the school. ' +
    'Pseudonymised data is still personal data (GDPR Art. 4(5)).',
  'clearAll() removes everything pathwise stored in this browser and frees its memory; to erase one student, ' +
    'remove their rows (eraseStudent) and retrain (GDPR Art. 17).',
];

/**
 * A model card: Markdown for people, JSON for records. Give `data`, `crossValidation` and `audit`
 * for the data, evaluation and fairness sections.
 * @example
 * const card = modelCard(model, { data: trainSet, options, crossValidation: cv, audit: audit(model, test, { groupBy: ['sex'] }) });
 * await writeFile('model-card.md', card.markdown);
 * @throws PathwiseError DISPOSED, BAD_OPTION (unknown option)
 */
export function modelCard(model: Model, options: ModelCardOptions = {}): ModelCard {
  const known = ['title', 'data', 'crossValidation', 'audit', 'options', 'importReport', 'dropped', 'intendedUse', 'limitations'];
  for (const key of Object.keys(options)) if (!known.includes(key)) throw badOption(`modelCard: unknown option '${key}'`);
  const info = model.info;
  const json: ModelCardJson = {
    title: options.title ?? `Predicting ${info.positive || info.target}`,
    generatedBy: `pathwise ${version}`,
    model: {
      task: info.task,
      target: info.target,
      positive: info.positive,
      classes: [...info.classes],
      hidden: [...info.hidden],
      trainedEpochs: info.trainedEpochs,
      trainRows: info.trainRows,
    },
    data: {
      rows: options.data?.rows ?? null,
      columns: options.data?.header.length ?? null,
      featuresUsed: [...info.features],
      classBalance: options.data ? classBalance(model, options.data) : null,
      leftOut: leftOut(model, options),
      import: options.importReport ? importSummary(options.importReport) : null,
    },
    training: { options: plainOptions(options.options), note: 'Options not listed take the defaults of TRAIN_DEFAULTS.' },
    evaluation: options.crossValidation
      ? { folds: options.crossValidation.folds.length, mean: { ...options.crossValidation.mean }, sd: { ...options.crossValidation.sd } }
      : null,
    fairness: options.audit
      ? { atRisk: options.audit.atRisk, minRows: options.audit.minRows, overall: options.audit.overall, groups: options.audit.groups, gaps: options.audit.gaps }
      : null,
    intendedUse: options.intendedUse ?? ADVISORY_USE,
    limitations: [...limitations(model, options), ...(options.limitations ?? [])],
    privacy: [...PRIVACY],
  };
  return { markdown: render(json), json };
}

function classBalance(model: Model, data: Dataset): ModelCardJson['data']['classBalance'] {
  if (model.info.task === 'regression' || !data.header.includes(model.info.target)) return null;
  const m = model.evaluate(data) as ClassificationMetrics;
  const total = m.support.reduce((a, b) => a + b, 0);
  return m.classes.map((c, i) => ({ class: c, rows: m.support[i] ?? 0, share: total > 0 ? (m.support[i] ?? 0) / total : 0 }));
}

function leftOut(model: Model, options: ModelCardOptions): LeftOutColumn[] {
  const out: LeftOutColumn[] = [];
  for (const d of options.importReport?.droppedColumns ?? []) out.push({ column: d.name, reason: d.reason, stage: 'import' });
  for (const e of model.excluded) out.push({ column: e.column, reason: `${e.reason}: ${e.detail}`, stage: 'identifier-rule' });
  for (const d of options.dropped ?? []) {
    const column = 'column' in d ? d.column : d.name;
    const reason = 'detail' in d ? `${d.reason}: ${d.detail}` : d.reason;
    if (!out.some((o) => o.column === column)) out.push({ column, reason, stage: 'caller' });
  }
  for (const column of options.options?.exclude ?? []) {
    if (!out.some((o) => o.column === column)) out.push({ column, reason: "listed in the training option 'exclude'", stage: 'caller' });
  }
  return out;
}

function importSummary(r: ImportReport): NonNullable<ModelCardJson['data']['import']> {
  const skipped: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.skippedByReason)) if (v !== undefined) skipped[k] = v;
  return { format: r.format, rowsRead: r.rowsRead, rowsOut: r.rowsOut, skippedByReason: skipped, pseudonymisedColumns: [...r.pseudonymisedColumns] };
}

function plainOptions(options: TrainOptions | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v === undefined || typeof v === 'function' || k === 'signal') continue;
    out[k] = v;
  }
  return out;
}

function limitations(model: Model, options: ModelCardOptions): string[] {
  const info = model.info;
  const out = [
    `Trained on ${info.trainRows} rows: it reflects the students, courses and years in that data and may not carry over to others; re-check it on new cohorts before relying on it.`,
    'It finds patterns in past data, not causes: a prediction or an explanation describes the model, not the student.',
    'Predictions can be wrong for any one student; treat a flag as a reason to look closer, never as a verdict.',
  ];
  if (!options.crossValidation) out.push('No cross-validated metrics were given to this card: how accurate the model is on new students is not documented here.');
  if (!options.audit) out.push('No per-group audit was given to this card: whether it works equally well for every group is not documented here.');
  if (options.audit) {
    const used = [...new Set(options.audit.groups.map((g) => g.column))].filter((c) => info.features.includes(c));
    if (used.length > 0) out.push(`Sensitive attributes used as features: ${used.join(', ')}. Consider excluding them and comparing the audit.`);
    if (options.audit.groups.some((g) => g.small)) out.push(`Some groups have fewer than ${options.audit.minRows} labelled rows: their metrics are too noisy to compare and are left out of the gaps.`);
  }
  return out;
}

// ---- Markdown ----

const fmt = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

function render(c: ModelCardJson): string {
  const m = c.model;
  const parts: string[] = [`# Model card: ${c.title}`, '', `Generated by ${c.generatedBy}.`, ''];
  parts.push('## Intended use', '', c.intendedUse, '');
  parts.push('## Model', '');
  parts.push(`- Task: ${m.task}; target column \`${m.target}\`${m.positive ? `; positive class \`${m.positive}\`` : ''}`);
  if (m.classes.length > 0) parts.push(`- Classes: ${m.classes.map((x) => `\`${x}\``).join(', ')}`);
  parts.push(`- Network: multilayer perceptron, hidden layers [${m.hidden.join(', ')}]; trained ${m.trainedEpochs} epochs on ${m.trainRows} rows`, '');
  parts.push('## Data', '');
  if (c.data.rows !== null) parts.push(`- Rows: ${c.data.rows}; columns: ${c.data.columns}`);
  parts.push(`- Features used (${c.data.featuresUsed.length}): ${c.data.featuresUsed.map((f) => `\`${f}\``).join(', ')}`);
  if (c.data.classBalance) parts.push('', table(['class', 'rows', 'share'], c.data.classBalance.map((b) => [b.class, String(b.rows), fmt(b.share)])));
  parts.push('');
  if (c.data.leftOut.length > 0) {
    parts.push('Columns not used, and why:', '', table(['column', 'where', 'reason'], c.data.leftOut.map((l) => [l.column, l.stage, l.reason])), '');
  } else {
    parts.push('No column was left out.', '');
  }
  if (c.data.import) {
    const i = c.data.import;
    const skipped = Object.entries(i.skippedByReason).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
    parts.push(`Imported as ${i.format}: ${i.rowsRead} records read, ${i.rowsOut} rows out; skipped: ${skipped}. Pseudonymised: ${i.pseudonymisedColumns.join(', ') || 'none'}.`, '');
  }
  parts.push('## Training configuration', '');
  const opts = Object.entries(c.training.options);
  parts.push(opts.length > 0 ? table(['option', 'value'], opts.map(([k, v]) => [k, JSON.stringify(v)])) : 'All options at their defaults.', '', c.training.note, '');
  parts.push('## Evaluation', '');
  if (c.evaluation) {
    const keys = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'mae', 'rmse', 'r2'].filter((k) => k in c.evaluation!.mean);
    parts.push(`${c.evaluation.folds}-fold cross-validation (mean ± sample sd over folds):`, '');
    parts.push(table(['metric', 'mean', 'sd'], keys.map((k) => [k, fmt(c.evaluation!.mean[k]), fmt(c.evaluation!.sd[k])])), '');
  } else {
    parts.push('No cross-validation was given.', '');
  }
  parts.push('## Per-group metrics', '');
  if (c.fairness) {
    const f = c.fairness;
    parts.push(`At-risk class: \`${f.atRisk}\`. Recall = share of truly at-risk students the model flags; at-risk rate = share flagged. ` +
      `Computed on the ${f.overall.rows} rows given to audit(): on rows the model was trained on they are optimistic.`, '');
    const row = (col: string, group: string, g: Audit['overall'], small = false) =>
      [col, group + (small ? ' (small)' : ''), String(g.rows), fmt(g.accuracy), fmt(g.atRiskRecall), fmt(g.atRiskRate), fmt(g.actualAtRiskRate)];
    parts.push(table(['column', 'group', 'rows', 'accuracy', 'at-risk recall', 'at-risk rate', 'actual at-risk rate'],
      [row('all', 'all', f.overall), ...f.groups.map((g) => row(g.column, g.group, g, g.small))]), '');
    if (f.gaps.length > 0) {
      parts.push('Largest gaps between groups:', '');
      parts.push(table(['column', 'metric', 'gap', 'highest', 'lowest'],
        f.gaps.map((g) => [g.column, g.metric, fmt(g.gap), `${g.highest.group} (${fmt(g.highest.value)})`, `${g.lowest.group} (${fmt(g.lowest.value)})`])), '');
    }
  } else {
    parts.push('No audit was given.', '');
  }
  parts.push('## Known limitations', '', ...c.limitations.map((l) => `- ${l}`), '');
  parts.push('## Privacy', '', ...c.privacy.map((p) => `- ${p}`), '');
  return parts.join('\n');
}

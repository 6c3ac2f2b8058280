// Rendering of the results: metric cards, the confusion matrix and the students-by-risk table.
// DOM building only (textContent, never innerHTML with data), so CSV cells cannot inject markup.
import type { ClassificationMetrics } from 'pathwise';

/** One row of the risk table. */
export interface RiskRow {
  /** 1-based student number (data row in the file). */
  student: number;
  /** Probability of NOT meeting the pass rule. */
  risk: number;
  predicted: string;
  actual: string;
  heldOut: boolean;
  extra: string[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

/** Accuracy, precision, recall, F1 and ROC-AUC as a definition list (data-metric=<name> holds the raw value). */
export function renderMetrics(list: HTMLElement, m: ClassificationMetrics | undefined, note: string): void {
  list.replaceChildren();
  if (!m) {
    list.append(el('p', note, 'muted small'));
    return;
  }
  const items: [string, string, number][] = [
    ['accuracy', 'Accuracy', m.accuracy],
    ['precision', 'Precision', m.precision],
    ['recall', 'Recall', m.recall],
    ['f1', 'F1', m.f1],
    ['rocAuc', 'ROC-AUC', m.rocAuc],
  ];
  for (const [key, label, value] of items) {
    const box = el('div', undefined, 'metric');
    const dd = el('dd', key === 'rocAuc' ? (Number.isFinite(value) ? value.toFixed(3) : '—') : pct(value));
    dd.dataset.metric = key;
    dd.dataset.value = String(value);
    box.append(el('dt', label), dd);
    list.append(box);
  }
  list.append(el('p', note, 'muted small full'));
}

/** The confusion matrix with friendly class names (rows = actual, columns = predicted). */
export function renderConfusion(table: HTMLTableElement, m: ClassificationMetrics | undefined, names: (c: string) => string): void {
  table.replaceChildren();
  if (!m) return;
  const head = el('tr');
  head.append(el('th', 'actual ↓ / predicted →'), ...m.classes.map((c) => el('th', names(c))));
  const body = el('tbody');
  m.confusion.forEach((row, i) => {
    const tr = el('tr');
    const th = el('th', names(m.classes[i]!));
    th.scope = 'row';
    tr.append(th, ...row.map((n, j) => el('td', String(n), i === j ? 'hit' : 'miss')));
    body.append(tr);
  });
  const thead = el('thead');
  thead.append(head);
  table.append(el('caption', 'Confusion matrix (held-out students)'), thead, body);
}

/** Students sorted by risk; each row keeps the exact probability in data-risk. */
export function renderRisk(table: HTMLTableElement, rows: RiskRow[], actualLabel: string, extraLabels: string[]): void {
  table.replaceChildren();
  const head = el('tr');
  for (const h of ['Student #', 'Risk of not passing', 'Prediction', actualLabel, 'Held out', ...extraLabels]) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const r of [...rows].sort((a, b) => b.risk - a.risk || a.student - b.student)) {
    const tr = el('tr', undefined, r.risk >= 0.5 ? 'at-risk' : '');
    tr.dataset.risk = String(r.risk);
    tr.dataset.student = String(r.student);
    const bar = el('span', undefined, 'bar');
    bar.style.width = `${Math.round(r.risk * 100)}%`; // CSSOM: allowed under a CSP without 'unsafe-inline'
    const riskCell = el('td', undefined, 'risk-cell');
    riskCell.append(el('span', pct(r.risk), 'risk-value'), el('span', undefined, 'track'));
    riskCell.lastElementChild!.append(bar);
    tr.append(el('td', String(r.student)), riskCell, el('td', r.predicted), el('td', r.actual), el('td', r.heldOut ? 'yes' : ''));
    for (const x of r.extra) tr.append(el('td', x));
    body.append(tr);
  }
  table.append(thead, body);
}

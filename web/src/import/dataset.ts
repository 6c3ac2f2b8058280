// From an import result to the inputs of train() and trainMastery(): a StudentTable or an
// AttemptLog as a Dataset, and the log columns trainMastery() should read.
import { Dataset } from '../dataset.js';
import type { LogColumns } from '../mastery.js';
import type { AttemptLog, StudentTable } from './types.js';

/** Column names of a Dataset made from an AttemptLog by {@link toDataset}. */
export const LOG_DATASET_COLUMNS = Object.freeze({ student: 'student', skill: 'skill', correct: 'correct', item: 'item', order: 'order' });

/**
 * A Dataset of an imported student table (same header and cells) or attempt log (columns
 * student, skill, item — only when the format has items —, correct, order).
 * @example
 * const res = await importData(file, { key });
 * const data = toDataset(res.table ?? res.log!);
 */
export function toDataset(data: StudentTable | AttemptLog): Dataset {
  if ('header' in data) return Dataset.fromRows(data.header, data.rows);
  const c = LOG_DATASET_COLUMNS;
  const hasItems = data.item.some((i) => i !== null && i !== '');
  return Dataset.fromColumns(
    hasItems ? [c.student, c.skill, c.item, c.correct, c.order] : [c.student, c.skill, c.correct, c.order],
    hasItems
      ? [data.student, data.skill, data.item.map((i) => i ?? ''), data.correct, data.order]
      : [data.student, data.skill, data.correct, data.order],
  );
}

/**
 * The log columns of a Dataset made by {@link toDataset}, for trainMastery(). Items are used only
 * when every attempt has one (the core needs an item per attempt or none).
 * @example const kt = await trainMastery(log, { ...masteryColumns(log), seed: 1 });
 */
export function masteryColumns(log: Dataset): LogColumns {
  const c = LOG_DATASET_COLUMNS;
  const items = log.header.includes(c.item) && log.column(c.item).every((i) => i.trim() !== '');
  return { student: c.student, skill: c.skill, correct: c.correct, order: c.order, ...(items ? { item: c.item } : {}) };
}

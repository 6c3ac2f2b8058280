#!/usr/bin/env node
// pathwise CLI: train/evaluate a model on a CSV file and predict with a saved model, all locally.
// Errors print ONE line "CODE: message" on stderr (exit 1; exit 2 for command-line errors).
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { crossValidate, loadModel, parseCsv, PathwiseError, train } from '../web/dist/index.js';

const USAGE = `usage:
  pathwise train <csv> --target COL [--positive EXPR] [--exclude a,b] [--hidden 128,64]
                 [--epochs N] [--seed N] [--cv K | --test <csv>] [--save model-file] [--json]
  pathwise predict <model-file> <csv> [--id COL]
  pathwise mastery <log.csv> --student COL --skill COL --correct COL [--item COL] [--order COL]
                   [--test <log.csv>] [--epochs N] [--seed N] [--json]

train   trains a model and prints its metrics: with --cv K, K-fold cross-validation (mean, sd and
        per fold); with --test, on that file; otherwise on a seeded stratified 20% hold-out.
        --save writes the model (trained on all rows with --cv, on the training rows otherwise).
predict writes one CSV row of predictions per data row to stdout.
mastery trains a knowledge-tracing model on an interaction log (one attempt per row) and prints
        AUC, the PFA baseline's AUC, accuracy, RMSE and log-loss: on --test, otherwise on a seeded
        20% of the students held out (no student on both sides).
Exit codes: 0 ok, 1 bad data/model/option value found while running, 2 bad command line.`;

/** A command-line error: exit code 2. */
class UsageError extends Error {}

const VALUE_OPTIONS = ['target', 'positive', 'exclude', 'hidden', 'epochs', 'seed', 'cv', 'test', 'save', 'id',
  'student', 'skill', 'correct', 'item', 'order'];

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'train') return trainCommand(parse(rest, ['target', 'positive', 'exclude', 'hidden', 'epochs', 'seed', 'cv', 'test', 'save'], 1));
  if (command === 'predict') return predictCommand(parse(rest, ['id'], 2));
  if (command === 'mastery') return masteryCommand(parse(rest, ['student', 'skill', 'correct', 'item', 'order', 'test', 'epochs', 'seed'], 1));
  throw new UsageError(command ? `unknown command "${command}" (use train, predict or mastery; see pathwise --help)` : 'missing command (train, predict or mastery; see pathwise --help)');
}

function parse(args, valueOptions, positionalCount) {
  // "--epochs -5" would be read as a missing value: glue negative numbers to their option.
  const glued = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : '';
    if (VALUE_OPTIONS.includes(name) && /^-\d/.test(args[i + 1] ?? '')) glued.push(`${args[i]}=${args[++i]}`);
    else glued.push(args[i]);
  }
  const options = Object.fromEntries(valueOptions.map((o) => [o, { type: 'string' }]));
  if (valueOptions.includes('target') || valueOptions.includes('student')) options.json = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseArgs({ args: glued, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(String(e.message).split(/\.\s/)[0].replace(/\.$/, ''));
  }
  if (parsed.positionals.length !== positionalCount) {
    const want = positionalCount === 1 ? 'one CSV file' : 'a model file and a CSV file';
    throw new UsageError(`expected ${want}, got ${parsed.positionals.length} argument(s); see pathwise --help`);
  }
  return { files: parsed.positionals, ...parsed.values };
}

function badOption(message) {
  return new UsageError(message);
}

function positiveInt(name, text, min = 1) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    const what = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw badOption(`--${name} must be ${what} (got "${text}")`);
  }
  return Number(text);
}

function trainOptionsFrom(a) {
  if (a.target === undefined || a.target === '') throw badOption('--target COL is required (the column to predict)');
  if (a.cv !== undefined && a.test !== undefined) throw badOption('--cv and --test cannot be used together');
  let hidden;
  if (a.hidden !== undefined) {
    if (!/^\d+(,\d+)*$/.test(a.hidden) || a.hidden.split(',').some((h) => Number(h) < 1)) {
      throw badOption(`--hidden must be comma-separated positive layer sizes such as 128,64 (got "${a.hidden}")`);
    }
    hidden = a.hidden.split(',').map(Number);
  }
  const options = { target: a.target };
  if (a.positive !== undefined) options.positive = a.positive;
  if (a.exclude !== undefined) options.exclude = a.exclude.split(',').map((s) => s.trim()).filter(Boolean);
  if (hidden) options.hidden = hidden;
  const epochs = positiveInt('epochs', a.epochs);
  if (epochs !== undefined) options.epochs = epochs;
  const seed = positiveInt('seed', a.seed, 0);
  if (seed !== undefined) options.seed = seed;
  return { options, cv: positiveInt('cv', a.cv, 2), seed: seed ?? 1 };
}

async function readCsv(path, what) {
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new PathwiseErrorLike('IO_ERROR', `cannot read ${what} "${path}" (${e.code ?? e.message})`);
  }
  const data = await parseCsv(bytes);
  if (data.errors.length) {
    const first = data.errors[0];
    process.stderr.write(`warning: ${data.errors.length} malformed row(s) in ${basename(path)}; first: row ${first.row}: ${first.message}\n`);
  }
  return data;
}

/** An error with a code that is not one of the library's (CLI-only: IO_ERROR). */
class PathwiseErrorLike extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function trainCommand(a) {
  const { options, cv, seed } = trainOptionsFrom(a);
  const data = await readCsv(a.files[0], 'CSV file');
  if (cv !== undefined && cv > data.rows) throw new PathwiseError('BAD_OPTION', `--cv ${cv} is more folds than rows (${data.rows})`);
  const progress = a.json || !process.stderr.isTTY ? undefined : progressBar();
  const withProgress = { ...options, ...(progress ? { onEpoch: progress.update } : {}) };
  const about = { target: options.target, positive: options.positive ?? '', rows: data.rows, seed };
  let report;
  let model;
  try {
    if (cv !== undefined) {
      const result = await crossValidate(data, { ...withProgress, folds: cv });
      report = { mode: 'cv', ...about, folds: cv, mean: result.mean, sd: result.sd, perFold: result.folds.map(foldSummary), excluded: result.excluded };
      if (a.save) model = await train(data, withProgress);
    } else if (a.test !== undefined) {
      const testData = await readCsv(a.test, '--test file');
      model = await train(data, withProgress);
      report = { mode: 'test', ...about, testFile: basename(a.test), testRows: testData.rows, metrics: model.evaluate(testData), excluded: [...model.excluded] };
    } else {
      const { train: trainRows, test } = await data.split({ test: 0.2, seed, target: options.target, positive: options.positive });
      model = await train(trainRows, withProgress);
      report = { mode: 'holdout', ...about, test: 0.2, trainRows: trainRows.rows, testRows: test.rows, metrics: model.evaluate(test), excluded: [...model.excluded] };
    }
    progress?.done();
    if (a.save) await writeModel(a.save, model.save());
    process.stdout.write(a.json ? `${JSON.stringify(report)}\n` : humanReport(report, a.save));
  } finally {
    progress?.done();
    model?.dispose();
  }
  return 0;
}

async function writeModel(path, bytes) {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    throw new PathwiseErrorLike('IO_ERROR', `cannot write model file "${path}" (${e.code ?? e.message})`);
  }
}

const FOLD_KEYS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'mae', 'rmse', 'r2'];

function foldSummary({ fold, testRows, metrics }) {
  return { fold, testRows, ...Object.fromEntries(FOLD_KEYS.filter((k) => k in metrics).map((k) => [k, metrics[k]])) };
}

function humanReport(r, saved) {
  const f = (x) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(4) : 'n/a');
  const rule = r.positive ? ` (positive: ${r.positive})` : '';
  const lines = [];
  if (r.mode === 'cv') {
    lines.push(`${r.folds}-fold cross-validation of ${r.target}${rule} on ${r.rows} rows, seed ${r.seed}`, '');
    const keys = FOLD_KEYS.filter((k) => k in r.mean);
    lines.push(['metric', 'mean', 'sd'].map((h) => h.padEnd(10)).join(''));
    for (const k of keys) lines.push(`${k.padEnd(10)}${f(r.mean[k]).padEnd(10)}${f(r.sd[k])}`);
    lines.push('', ['fold', 'rows', ...keys].map((h) => h.padEnd(10)).join(''));
    for (const p of r.perFold) lines.push([String(p.fold), String(p.testRows), ...keys.map((k) => f(p[k]))].map((c) => c.padEnd(10)).join(''));
  } else {
    const where = r.mode === 'test' ? `test file ${r.testFile} (${r.testRows} rows)` : `a stratified 20% hold-out (${r.testRows} of ${r.rows} rows, seed ${r.seed})`;
    lines.push(`model of ${r.target}${rule} evaluated on ${where}`, '');
    const m = r.metrics;
    for (const k of FOLD_KEYS.filter((key) => key in m)) lines.push(`${k.padEnd(10)}${f(m[k])}`);
    if (m.confusion) {
      const w = Math.max(8, ...m.classes.map((c) => c.length + 2));
      lines.push('', 'confusion (rows = true class, columns = predicted):', ''.padEnd(w) + m.classes.map((c) => c.padEnd(w)).join(''));
      m.confusion.forEach((row, i) => lines.push(m.classes[i].padEnd(w) + row.map((n) => String(n).padEnd(w)).join('')));
    }
  }
  if (r.excluded?.length) lines.push('', `left out as identifiers: ${r.excluded.map((e) => `${e.column} (${e.reason})`).join(', ')}`);
  if (saved) lines.push('', `model saved to ${saved}`);
  return `${lines.join('\n')}\n`;
}

function progressBar() {
  let shown = false;
  return {
    update({ epoch, epochs, loss, fold }) {
      const width = 30;
      const filled = Math.round((epoch / epochs) * width);
      const head = fold ? `fold ${fold} ` : '';
      process.stderr.write(`\r${head}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] epoch ${epoch}/${epochs} loss ${loss.toFixed(4)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

async function predictCommand(a) {
  const [modelPath, csvPath] = a.files;
  let bytes;
  try {
    bytes = await readFile(modelPath);
  } catch (e) {
    throw new PathwiseErrorLike('IO_ERROR', `cannot read model file "${modelPath}" (${e.code ?? e.message})`);
  }
  const model = await loadModel(new Uint8Array(bytes));
  try {
    const data = await readCsv(csvPath, 'CSV file');
    const ids = a.id !== undefined ? data.column(a.id) : undefined;
    const { task, classes } = model.info;
    const rows = model.predict(data).map((p) => {
      const head = { row: p.row + 1, ...(ids ? { [a.id]: ids[p.row] } : {}) };
      if (task === 'regression') return { ...head, value: p.value };
      return { ...head, label: p.label, probability: p.probability, ...Object.fromEntries(classes.map((c) => [`p(${c})`, p.probabilities[c]])) };
    });
    const fields = rows.length ? Object.keys(rows[0]) : ['row', ...(ids ? [a.id] : []), ...(task === 'regression' ? ['value'] : ['label', 'probability'])];
    process.stdout.write(`${Papa.unparse({ fields, data: rows.map((r) => fields.map((k) => r[k])) }, { newline: '\n' })}\n`);
  } finally {
    model.dispose();
  }
  return 0;
}

async function masteryCommand(a) {
  for (const k of ['student', 'skill', 'correct']) if (!a[k]) throw badOption(`--${k} COL is required`);
  const seed = positiveInt('seed', a.seed, 0) ?? 1;
  const epochs = positiveInt('epochs', a.epochs);
  // Imported here so that train/predict keep working with a web/dist built before mastery existed.
  const { splitLogByStudent, trainMastery } = await import('../web/dist/index.js');
  if (!trainMastery) throw new PathwiseErrorLike('INTERNAL', 'web/dist predates the mastery API: rebuild it (npm run build:ts)');
  const columns = { student: a.student, skill: a.skill, correct: a.correct, ...(a.item ? { item: a.item } : {}), ...(a.order ? { order: a.order } : {}) };
  const log = await readCsv(a.files[0], 'log file');
  const split = a.test !== undefined ? { train: log, test: await readCsv(a.test, '--test file') } : splitLogByStudent(log, a.student, { test: 0.2, seed });
  const kt = await trainMastery(split.train, { ...columns, seed, ...(epochs ? { epochs } : {}) });
  try {
    const r = kt.evaluate(split.test);
    const report = {
      mode: a.test !== undefined ? 'test' : 'holdout', trainAttempts: split.train.rows, testAttempts: r.attempts,
      testStudents: r.students, auc: r.auc, pfaAuc: r.pfaAuc, accuracy: r.accuracy, rmse: r.rmse, logLoss: r.logLoss,
    };
    const f = (x) => x.toFixed(3);
    process.stdout.write(a.json ? `${JSON.stringify(report)}\n`
      : `mastery (${report.mode}: ${r.students} students, ${r.attempts} attempts)\n` +
        `  AUC ${f(r.auc)} (PFA ${f(r.pfaAuc)})  accuracy ${f(r.accuracy)}  RMSE ${f(r.rmse)}  log-loss ${f(r.logLoss)}\n`);
  } finally {
    kt.dispose();
  }
  return 0;
}

function oneLine(text) {
  return String(text).replace(/\s*\n\s*/g, ' ').trim();
}

// exitCode, not exit(): let stdout drain.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`BAD_OPTION: ${oneLine(e.message)}\n`);
      process.exitCode = 2;
      return;
    }
    const code = e instanceof PathwiseError || e instanceof PathwiseErrorLike ? e.code : 'INTERNAL';
    process.stderr.write(`${code}: ${oneLine(e?.message ?? e)}\n`);
    process.exitCode = 1;
  },
);

// train(): runs the core's steppable TrainingSession in slices of ~15 ms, yielding to the event
// loop between slices so pages stay responsive, reporting epochs and honouring an AbortSignal.
// Identifier-like columns are left out of the features first (identifiers.ts).
import { Dataset } from './dataset.js';
import { PathwiseError, badOption } from './errors.js';
import { free, track } from './handles.js';
import { Model } from './model.js';
import type { NativeTable, PathwiseModule } from './native.js';
import { resolveTrainOptions, type EpochProgress, type ResolvedTrainOptions, type TrainOptions } from './options.js';
import { identifierExclusions, type ExcludedColumn } from './identifiers.js';
import { call, loadModule, moduleGeneration } from './wasm.js';
import { canUseWorker, trainInWorker } from './worker/client.js';

const SLICE_MS = 15;

/**
 * Trains a model on a dataset.
 * @example
 * const model = await train(data, { target: 'G3', positive: 'G3 >= 10', exclude: ['G1', 'G2'], seed: 1,
 *                                   onEpoch: ({ epoch, loss }) => console.log(epoch, loss) });
 * Identifier-like columns (identifierColumns(): ids, names, e-mails, unique text) are not used as
 * features unless `features` lists them or `allowIdentifiers` is true; see `model.excluded`.
 * @throws PathwiseError BAD_OPTION, UNKNOWN_COLUMN, BAD_RULE, SINGLE_CLASS_TARGET, EMPTY_DATA,
 *   ALL_MISSING_COLUMN, NON_FINITE_VALUE, DIVERGED, CANCELLED (signal aborted).
 */
export async function train(data: Dataset, options: TrainOptions & WorkerChoice): Promise<Model> {
  const { worker, ...rest } = options ?? ({} as TrainOptions & WorkerChoice);
  if (worker ?? workerByDefault()) return trainInWorker(data, rest);
  const resolved = resolveTrainOptions(rest);
  if (!(data instanceof Dataset)) throw badOption('train: data must be a Dataset (from parseCsv or Dataset.fromRows)');
  const excluded = identifierExclusions(data, rest);
  excludeColumns(resolved, excluded);
  const module = await loadModule();
  let table: NativeTable | undefined = data.toNative(module);
  // The session holds its own copy of the preprocessed rows: free the table as soon as it exists.
  const release = () => {
    if (table) free(table);
    table = undefined;
  };
  try {
    return (await trainTable(module, table, resolved, undefined, release)).withExcluded(excluded);
  } finally {
    release();
  }
}

/** @internal Adds the identifier-like columns to the core's `exclude` list. */
export function excludeColumns(resolved: ResolvedTrainOptions, excluded: readonly ExcludedColumn[]): void {
  if (excluded.length === 0) return;
  resolved.native.exclude = [...(resolved.native.exclude ?? []), ...excluded.map((e) => e.column)];
}

/** Per-call choice of thread, accepted by train() and crossValidate(). */
export interface WorkerChoice {
  /**
   * Run in the page's module Web Worker (see trainInWorker) so the page stays responsive.
   * @defaultValue true in a browser page (`document` and `Worker` exist), false elsewhere (Node, inside a worker)
   */
  worker?: boolean;
}

/** Worker mode is the default in browser pages only (not in Node, not inside a worker). */
export function workerByDefault(): boolean {
  return typeof document !== 'undefined' && canUseWorker();
}

/**
 * @internal Trains on a NativeTable the caller owns. `fold` is passed through to onEpoch;
 * `afterStart` runs once the session has copied what it needs from the table.
 */
export async function trainTable(
  module: PathwiseModule,
  table: NativeTable,
  options: ResolvedTrainOptions,
  fold?: number,
  afterStart?: () => void,
): Promise<Model> {
  throwIfAborted(options.signal);
  const generation = moduleGeneration();
  const session = track(call(module, () => module.startTraining(table, options.native)));
  afterStart?.();
  try {
    const epochs = call(module, () => session.plannedEpochs());
    let batches = 1;
    for (;;) {
      const started = now();
      const done = call(module, () => session.step(batches));
      const elapsed = now() - started;
      for (const e of call(module, () => session.takeEpochs())) {
        const progress: EpochProgress = {
          epoch: e.epoch,
          epochs,
          loss: e.loss,
          valLoss: Number.isNaN(e.valLoss) ? null : e.valLoss,
          valAccuracy: Number.isNaN(e.valAccuracy) ? null : e.valAccuracy,
          ...(fold === undefined ? {} : { fold }),
        };
        options.onEpoch?.(progress);
      }
      if (done) break;
      batches = nextSlice(batches, elapsed);
      await yieldToEventLoop();
      throwIfAborted(options.signal);
      if (moduleGeneration() !== generation) throw new PathwiseError('CANCELLED', 'training was cancelled: clearAll() was called');
    }
    return new Model(module, track(call(module, () => session.finish())));
  } finally {
    free(session);
  }
}

// Scale the number of batches per slice so that one slice takes about SLICE_MS.
function nextSlice(batches: number, elapsedMs: number): number {
  const factor = elapsedMs <= 0.5 ? 4 : Math.min(4, Math.max(0.25, SLICE_MS / elapsedMs));
  return Math.max(1, Math.min(1_000_000, Math.round(batches * factor)));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PathwiseError('CANCELLED', 'training was cancelled', { cause: signal.reason });
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Resolves on a fresh macrotask: setImmediate in Node, a MessageChannel in browsers (no 4 ms clamp). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

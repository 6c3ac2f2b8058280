// Main-thread side of worker mode: one memoised module Worker per page, requests keyed by id
// (id → {resolve, reject, onEpoch}), progress as messages, AbortSignal → 'abort' message.
import type { CrossValidateOptions, CrossValidation } from '../cv.js';
import { Dataset } from '../dataset.js';
import { PathwiseError, badOption } from '../errors.js';
import { loadModel, type Model } from '../model.js';
import { identifierExclusions } from '../identifiers.js';
import { resolveTrainOptions, type EpochProgress, type TrainOptions } from '../options.js';
import { clock, encodeDataset, fromWireError, transferables, type Request, type Response, type WireTrainOptions } from './protocol.js';

/** Options of {@link initWorker}. */
export interface WorkerInitOptions {
  /** Where the worker fetches `pathwise.wasm` from. @defaultValue next to the package's glue */
  wasmURL?: string | URL;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: PathwiseError) => void;
  onEpoch: ((progress: EpochProgress) => void) | undefined;
}

let worker: Worker | undefined;
let ready: Promise<void> | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** True where worker mode is available: a browser page (or a worker) with module Workers. */
export function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof URL === 'function' && typeof MessageChannel === 'function';
}

/**
 * Starts the page's training worker and loads the wasm in it. Optional: trainInWorker calls it.
 * Call it at page load so that training later needs no network at all. Memoised: later calls
 * return the same promise (and ignore their options) until {@link terminateWorker}.
 * @throws PathwiseError BAD_OPTION without Worker support (Node: use train()), INTERNAL if the
 *   worker or its wasm fails to load.
 */
export function initWorker(options: WorkerInitOptions = {}): Promise<void> {
  if (ready) return ready;
  if (!canUseWorker()) return Promise.reject(badOption('worker mode needs Web Workers (a browser); in Node use train()'));
  const w = new Worker(new URL('./entry.js', import.meta.url), { type: 'module', name: 'pathwise' });
  worker = w;
  w.addEventListener('message', (event: MessageEvent<Response>) => onResponse(event.data));
  w.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    failWorker(w, new PathwiseError('INTERNAL', `the pathwise worker failed: ${event.message || 'could not load it'}`));
  });
  w.addEventListener('messageerror', () => failWorker(w, new PathwiseError('INTERNAL', 'a message from the pathwise worker could not be read')));
  const wasmURL = options.wasmURL === undefined ? undefined : String(options.wasmURL);
  const started = request<void>({ kind: 'init', id: nextId++, ...(wasmURL ? { wasmURL } : {}) }, [], undefined);
  ready = started;
  started.catch(() => {
    if (ready === started) terminateWorker(); // let a later call retry
  });
  return started;
}

/** @internal True while the page's training worker exists (clearAll reports it). */
export function workerRunning(): boolean {
  return worker !== undefined;
}

/**
 * Stops the page's training worker (freeing its wasm memory); running requests reject with
 * CANCELLED. The next worker call starts a fresh one.
 */
export function terminateWorker(): void {
  const w = worker;
  worker = undefined;
  ready = undefined;
  if (w) {
    w.terminate();
    rejectAll(new PathwiseError('CANCELLED', 'the pathwise worker was terminated'));
  }
}

/**
 * train() in the page's module Worker: same options and result; the page stays responsive.
 * `onEpoch` is called on this thread for every epoch; aborting `signal` stops the training in the
 * worker within one slice of batches, and the promise rejects with CANCELLED (no model is made).
 * The data are copied once into transferable buffers; the model comes back as bytes.
 * @example const model = await trainInWorker(data, { target: 'G3', positive: 'G3 >= 10', signal });
 * @throws PathwiseError — the same codes as train().
 */
export async function trainInWorker(data: Dataset, options: TrainOptions): Promise<Model> {
  const { wire, onEpoch, signal, excluded } = prepare(data, options, []);
  await initWorker();
  const bytes = await send<Uint8Array>('train', data, wire, onEpoch, signal);
  return (await loadModel(bytes)).withExcluded(excluded);
}

/**
 * crossValidate() in the page's module Worker; `onEpoch` progress carries `fold`.
 * @throws PathwiseError — the same codes as crossValidate().
 */
export async function crossValidateInWorker(data: Dataset, options: CrossValidateOptions): Promise<CrossValidation> {
  const { wire, onEpoch, signal, excluded } = prepare(data, options, ['folds']);
  await initWorker();
  return { ...(await send<CrossValidation>('crossValidate', data, wire, onEpoch, signal)), excluded };
}

function prepare(data: Dataset, options: TrainOptions, extraKeys: string[]) {
  // `worker` (train()'s choice of thread, when it dispatches here) is not an option of the core.
  const { onEpoch, signal, worker: _thread, ...rest } = options as TrainOptions & { worker?: unknown };
  resolveTrainOptions(rest, extraKeys); // BAD_OPTION here, with a useful stack, not from the worker
  if (!(data instanceof Dataset)) throw badOption('data must be a Dataset (from parseCsv or Dataset.fromRows)');
  if (onEpoch !== undefined && typeof onEpoch !== 'function') throw badOption(`option 'onEpoch' must be a function`);
  if (signal !== undefined && typeof signal?.aborted !== 'boolean') throw badOption(`option 'signal' must be an AbortSignal`);
  throwIfAborted(signal);
  // Identifier-like columns are found here, on the page's thread, so the model can report them;
  // the worker gets them as plain `exclude` entries and does not look again.
  const excluded = identifierExclusions(data, rest);
  const exclude = [...(rest.exclude ?? []), ...excluded.map((e) => e.column)];
  const wire: WireTrainOptions = { ...rest, ...(exclude.length > 0 ? { exclude } : {}), allowIdentifiers: true };
  return { wire, onEpoch, signal, excluded };
}

function send<T>(
  kind: 'train' | 'crossValidate',
  data: Dataset,
  options: WireTrainOptions,
  onEpoch: ((p: EpochProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<T> {
  throwIfAborted(signal);
  const id = nextId++;
  const wireData = encodeDataset(data);
  const abort = () => worker?.postMessage({ kind: 'abort', id, sentAt: clock() } satisfies Request);
  signal?.addEventListener('abort', abort, { once: true });
  const result = request<T>({ kind, id, data: wireData, options }, transferables(wireData), onEpoch);
  return result.finally(() => signal?.removeEventListener('abort', abort));
}

function request<T>(message: Request, transfer: Transferable[], onEpoch: Pending['onEpoch']): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!worker) {
      reject(new PathwiseError('INTERNAL', 'the pathwise worker is not running'));
      return;
    }
    pending.set(message.id, { resolve: resolve as (v: unknown) => void, reject, onEpoch });
    worker.postMessage(message, transfer);
  });
}

function onResponse(message: Response): void {
  const entry = pending.get(message.id);
  if (!entry) return;
  switch (message.kind) {
    case 'epoch':
      entry.onEpoch?.(message.progress);
      return;
    case 'ready':
      settle(message.id, () => entry.resolve(undefined));
      return;
    case 'trained':
      settle(message.id, () => entry.resolve(message.model));
      return;
    case 'crossValidated':
      settle(message.id, () => entry.resolve(message.result));
      return;
    case 'failed':
      settle(message.id, () => entry.reject(fromWireError(message.error)));
      return;
  }
}

function settle(id: number, fn: () => void): void {
  pending.delete(id);
  fn();
}

function failWorker(w: Worker, error: PathwiseError): void {
  if (worker !== w) return;
  worker = undefined;
  ready = undefined;
  w.terminate();
  rejectAll(error);
}

function rejectAll(error: PathwiseError): void {
  const entries = [...pending.values()];
  pending.clear();
  for (const entry of entries) entry.reject(error);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PathwiseError('CANCELLED', 'training was cancelled', { cause: signal.reason });
}

// The training worker (a module Worker started by client.ts): loads the wasm once, trains or
// cross-validates in this thread, posts one 'epoch' message per epoch, and stops on 'abort'.
import { crossValidate } from '../cv.js';
import { PathwiseError } from '../errors.js';
import type { EpochProgress } from '../options.js';
import { train } from '../train.js';
import { init } from '../wasm.js';
import { clock, decodeDataset, toWireError, type Request, type Response } from './protocol.js';

/** The part of DedicatedWorkerGlobalScope used here (the DOM lib does not declare it). */
interface WorkerScope {
  postMessage(message: Response, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
/** A running train/crossValidate request: its controller, last epoch, and when 'abort' was sent (clock()). */
interface Job {
  controller: AbortController;
  epoch: number;
  abortedAt?: number;
}
const running = new Map<number, Job>();

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.kind === 'abort') {
    // Checked by train() between slices of batches: it stops within one slice.
    const job = running.get(request.id);
    if (job && job.abortedAt === undefined) {
      job.abortedAt = request.sentAt;
      job.controller.abort();
    }
    return;
  }
  void handle(request);
});

async function handle(request: Exclude<Request, { kind: 'abort' }>): Promise<void> {
  const { id } = request;
  try {
    if (request.kind === 'init') {
      await init(request.wasmURL ? { wasmURL: request.wasmURL } : {});
      scope.postMessage({ kind: 'ready', id });
      return;
    }
    const job: Job = { controller: new AbortController(), epoch: 0 };
    running.set(id, job);
    try {
      const data = decodeDataset(request.data);
      const onEpoch = (progress: EpochProgress) => {
        job.epoch = progress.epoch;
        scope.postMessage({ kind: 'epoch', id, progress });
      };
      const options = { ...request.options, onEpoch, signal: job.controller.signal };
      if (request.kind === 'train') {
        const model = await train(data, options);
        let bytes: Uint8Array;
        try {
          bytes = model.save().slice(); // an exact-size copy of our own, safe to transfer
        } finally {
          model.dispose();
        }
        scope.postMessage({ kind: 'trained', id, model: bytes }, [bytes.buffer as ArrayBuffer]);
      } else {
        const result = await crossValidate(data, options);
        scope.postMessage({ kind: 'crossValidated', id, result });
      }
    } catch (e) {
      throw e instanceof PathwiseError && e.code === 'CANCELLED' ? cancelled(job, e) : e;
    } finally {
      running.delete(id);
    }
  } catch (e) {
    scope.postMessage({ kind: 'failed', id, error: toWireError(e) });
  }
}

// Says how quickly the worker stopped: from the page's abort() (it reaches this thread between two
// slices of batches) to the end of training.
function cancelled(job: Job, e: PathwiseError): PathwiseError {
  if (job.abortedAt === undefined) return e;
  const ms = Math.max(0, Math.round(clock() - job.abortedAt));
  return new PathwiseError('CANCELLED', `training was cancelled: the worker stopped ${ms} ms after the request, after epoch ${job.epoch}`);
}

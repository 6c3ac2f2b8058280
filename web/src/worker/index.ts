// Worker mode of the public API: train() and crossValidate() run in a module Web Worker so the
// page stays responsive. Re-exported from the package entry (see docs/WIRING.md).
export {
  canUseWorker,
  crossValidateInWorker,
  initWorker,
  terminateWorker,
  trainInWorker,
  type WorkerInitOptions,
} from './client.js';
export type { MessageKind } from './protocol.js';

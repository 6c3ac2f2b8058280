// Ownership of Embind handles: every handle is tracked when created and freed exactly once, so
// liveHandles() can prove in tests that nothing leaks (like tfjs's memory().numTensors).
import type { NativeHandle } from './native.js';

let live = 0;

/**
 * Number of wasm object handles currently owned by the JS API (models, and transient tables and
 * training sessions). Returns to 0 once every Model is disposed.
 */
export function liveHandles(): number {
  return live;
}

/** Registers a freshly created handle; returns it. */
export function track<T extends NativeHandle>(handle: T): T {
  live++;
  return handle;
}

/** Deletes a tracked handle unless it is already deleted (safe to call twice, or with undefined). */
export function free(handle: NativeHandle | undefined | null): void {
  if (!handle || handle.isDeleted()) return;
  live--;
  handle.delete();
}

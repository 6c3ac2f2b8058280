// Ownership of Embind handles: every handle is tracked when created and freed exactly once, so
// liveHandles() can prove in tests that nothing leaks (like tfjs's memory().numTensors), and
// clearAll() can free every one that is still alive (freeAllHandles).
import type { NativeHandle } from './native.js';

const live = new Set<NativeHandle>();

/**
 * Number of wasm object handles currently owned by the JS API (models, and transient tables and
 * training sessions). Returns to 0 once every Model is disposed (or after clearAll()).
 */
export function liveHandles(): number {
  return live.size;
}

/** Registers a freshly created handle; returns it. */
export function track<T extends NativeHandle>(handle: T): T {
  live.add(handle);
  return handle;
}

/** Deletes a tracked handle unless it is already deleted (safe to call twice, or with undefined). */
export function free(handle: NativeHandle | undefined | null): void {
  if (!handle) return;
  live.delete(handle);
  if (handle.isDeleted()) return;
  handle.delete();
}

/**
 * Deletes every tracked handle (used by clearAll). Models and mastery models that held one report
 * isDisposed afterwards and throw DISPOSED when used. Returns how many were freed.
 */
export function freeAllHandles(): number {
  const handles = [...live];
  live.clear();
  let freed = 0;
  for (const h of handles) {
    if (h.isDeleted()) continue;
    try {
      h.delete();
      freed++;
    } catch {
      // a handle whose module already failed (a trap) cannot be deleted: dropping it is enough
    }
  }
  return freed;
}

// clearAll(): forget everything pathwise holds or stored — browser storage under the documented
// prefix, the training worker, the page's pseudonym key, every wasm object and the wasm module —
// so a school can honour "erase it now" (GDPR Art. 5(1)(e), 17). Works in Node (no storage there).
import { PathwiseError } from './errors.js';
import { freeAllHandles } from './handles.js';
import { forgetPageKey } from './import/privacy.js';
import { dropModule } from './wasm.js';
import { terminateWorker, workerRunning } from './worker/client.js';

/**
 * The prefix of every IndexedDB database and localStorage/sessionStorage key that pathwise and
 * its examples use (the dashboard's database is `pathwise-dashboard`). clearAll() removes exactly
 * these; name your own stores with it to have them removed too.
 */
export const STORAGE_PREFIX = 'pathwise';

/** What clearAll() removed. */
export interface ClearReport {
  /** IndexedDB databases deleted (names). */
  databases: string[];
  /** localStorage and sessionStorage keys removed. */
  storageKeys: string[];
  /** Wasm object handles freed (models, mastery models, tables, sessions still alive). */
  handles: number;
  /** True when a training worker was running and was stopped. */
  worker: boolean;
}

/**
 * Removes everything pathwise stored and frees everything it holds:
 * - IndexedDB databases and localStorage/sessionStorage keys whose name starts with
 *   {@link STORAGE_PREFIX} (browsers only; skipped where these APIs do not exist, e.g. Node);
 * - the page's training worker (running requests reject with CANCELLED);
 * - the per-page pseudonym key (later imports get pseudonyms unlinkable to earlier ones);
 * - every live wasm object: Models and MasteryModels report `isDisposed` and throw DISPOSED;
 * - the loaded wasm module, so its memory can be collected; the next call loads it again.
 * Datasets are plain JS objects: drop your references to them.
 * @example
 * forgetButton.onclick = async () => { await clearAll(); model = undefined; data = undefined; };
 * @throws PathwiseError INTERNAL when a database cannot be deleted (e.g. another tab holds it open).
 */
export async function clearAll(): Promise<ClearReport> {
  const worker = stopWorker();
  const handles = freeAllHandles();
  dropModule();
  forgetPageKey();
  const storageKeys = [...clearStorage(localStorageOrUndefined()), ...clearStorage(sessionStorageOrUndefined())];
  const databases = await clearDatabases();
  return { databases, storageKeys, handles, worker };
}

function stopWorker(): boolean {
  const hadWorker = workerRunning();
  terminateWorker();
  return hadWorker;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled (opaque origin, privacy settings)
  }
}

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

function clearStorage(storage: Storage | undefined): string[] {
  if (!storage) return [];
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(STORAGE_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  return keys;
}

async function clearDatabases(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  const names = (await indexedDB.databases())
    .map((d) => d.name)
    .filter((n): n is string => typeof n === 'string' && n.startsWith(STORAGE_PREFIX));
  for (const name of names) await deleteDatabase(name);
  return names;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(new PathwiseError('INTERNAL', `could not delete the IndexedDB database '${name}'`, { cause: req.error }));
    req.onblocked = () => reject(new PathwiseError('INTERNAL', `the IndexedDB database '${name}' is open in another tab: close it, then call clearAll() again`));
  });
}

// Saving the model in this browser (IndexedDB), only when the user clicks "Save to browser".
// One object store, one record: the latest model's bytes and a short description. The database
// name starts with pathwise's STORAGE_PREFIX, so clearAll() ("Forget everything") deletes it.

const DB_NAME = 'pathwise-dashboard';
const STORE = 'models';
const KEY = 'latest';

/** What is kept in the browser: model bytes only (no student rows). */
export interface StoredModel {
  bytes: Uint8Array;
  description: string;
  savedAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('could not open IndexedDB'));
  });
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result as T);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

/** Stores the model bytes (replacing the previous ones). */
export function saveToBrowser(model: StoredModel): Promise<void> {
  return run<IDBValidKey>('readwrite', (s) => s.put(model, KEY)).then(() => undefined);
}

/** The stored model, or undefined when none was saved. Never creates the database. */
export async function loadFromBrowser(): Promise<StoredModel | undefined> {
  const names = (await indexedDB.databases?.()) ?? [];
  if (!names.some((d) => d.name === DB_NAME)) return undefined;
  return run<StoredModel | undefined>('readonly', (s) => s.get(KEY));
}

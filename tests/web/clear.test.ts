// clearAll() in Node (issue 7): frees every live wasm handle (models, mastery models, tables),
// drops the wasm module (the next call loads a new instance and works), forgets the page's
// pseudonym key, stops a training run, and removes only `pathwise*` entries from storage when a
// storage API exists (stubbed here; the real browser is checked in tests/e2e/dashboard.e2e.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearAll,
  Dataset,
  liveHandles,
  pseudonymise,
  STORAGE_PREFIX,
  train,
  trainMastery,
} from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { tinyDataset, tinyOptions } from './fixtures.js';

const log = Dataset.fromObjects(
  Array.from({ length: 60 }, (_, i) => ({ student: `s${i % 6}`, skill: i % 2 ? 'add' : 'sub', correct: (i * 7) % 3 ? 1 : 0 })),
);

/** A minimal in-memory Storage (the part clearAll uses). */
class MemoryStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  keys() {
    return [...this.map.keys()];
  }
}

const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g.localStorage;
  delete g.sessionStorage;
  delete g.indexedDB;
});

describe('clearAll', () => {
  it('frees every live handle: models and mastery models become disposed and throw DISPOSED', async () => {
    const model = await train(tinyDataset(), tinyOptions);
    const kt = await trainMastery(log, { student: 'student', skill: 'skill', correct: 'correct', hidden: [4], epochs: 1 });
    expect(liveHandles()).toBe(2);
    const report = await clearAll();
    expect(report).toEqual({ databases: [], storageKeys: [], handles: 2, worker: false });
    expect(liveHandles()).toBe(0);
    expect(model.isDisposed).toBe(true);
    expect(kt.isDisposed).toBe(true);
    expect(() => model.predict(tinyDataset(2))).toThrow(expect.objectContaining({ code: 'DISPOSED' }));
    expect(() => kt.skills).toThrow(expect.objectContaining({ code: 'DISPOSED' }));
    model.dispose(); // still idempotent
    kt.dispose();
    expect(liveHandles()).toBe(0);
  });

  it('drops the wasm module: the next call loads a new instance, and training works again', async () => {
    const before = await loadModule();
    await clearAll();
    const after = await loadModule();
    expect(after).not.toBe(before);
    expect(await loadModule()).toBe(after); // memoised again
    const model = await train(tinyDataset(), tinyOptions);
    expect(model.predict(tinyDataset(5))).toHaveLength(5);
    model.dispose();
    expect(liveHandles()).toBe(0);
  });

  it('forgets the page pseudonym key: the same id gets another pseudonym afterwards', async () => {
    const [a1] = await pseudonymise(['007']);
    const [a2] = await pseudonymise(['007']);
    expect(a2).toBe(a1);
    await clearAll();
    const [b] = await pseudonymise(['007']);
    expect(b).toMatch(/^[0-9a-f]{16}$/);
    expect(b).not.toBe(a1);
  });

  it('stops a training run in progress with CANCELLED and leaks nothing', async () => {
    const running = train(tinyDataset(400), { ...tinyOptions, epochs: 5000, patience: 0, batchSize: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await clearAll();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('clearAll') });
    expect(liveHandles()).toBe(0);
  });

  it(`removes only ${STORAGE_PREFIX}* keys and databases where storage exists`, async () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    for (const k of ['pathwise-dashboard.settings', 'pathwise.key', 'other-app', 'my-pathwise']) local.setItem(k, '1');
    session.setItem('pathwise-session', '1');
    session.setItem('unrelated', '1');
    const dbs = ['pathwise-dashboard', 'pathwise-cache', 'someone-else'];
    const deleted: string[] = [];
    g.localStorage = local;
    g.sessionStorage = session;
    g.indexedDB = {
      databases: async () => dbs.map((name) => ({ name, version: 1 })),
      deleteDatabase: (name: string) => {
        const req: { onsuccess?: () => void; onerror?: () => void; onblocked?: () => void; error: null } = { error: null };
        setTimeout(() => {
          deleted.push(name);
          req.onsuccess?.();
        }, 0);
        return req;
      },
    };
    const report = await clearAll();
    expect(report.storageKeys).toEqual(['pathwise-dashboard.settings', 'pathwise.key', 'pathwise-session']);
    expect(report.databases).toEqual(['pathwise-dashboard', 'pathwise-cache']);
    expect(deleted).toEqual(['pathwise-dashboard', 'pathwise-cache']);
    expect(local.keys()).toEqual(['other-app', 'my-pathwise']);
    expect(session.keys()).toEqual(['unrelated']);
  });

  it('reports a database held open elsewhere as INTERNAL, after freeing memory', async () => {
    const model = await train(tinyDataset(), tinyOptions);
    g.indexedDB = {
      databases: async () => [{ name: 'pathwise-dashboard', version: 1 }],
      deleteDatabase: () => {
        const req: { onsuccess?: () => void; onerror?: () => void; onblocked?: () => void } = {};
        setTimeout(() => req.onblocked?.(), 0);
        return req;
      },
    };
    await expect(clearAll()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining("'pathwise-dashboard' is open in another tab") });
    expect(model.isDisposed).toBe(true);
    expect(liveHandles()).toBe(0);
  });
});


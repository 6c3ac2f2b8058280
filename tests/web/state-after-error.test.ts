// State after errors (issue 4): after every kind of error the module keeps working and a model
// trained before predicts exactly the same; 1,000 calls that throw keep the wasm heap flat and no
// handle alive; 1,000 train → predict → save → load → predict → dispose cycles do too (leak.test.ts
// covers train → predict → dispose only).
import { describe, expect, it } from 'vitest';
import { Dataset, liveHandles, loadModel, parseCsv, PathwiseError, train } from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { tinyDataset, tinyOptions } from './fixtures.js';

/** The code of the PathwiseError fn throws (fails the test for anything else). */
async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof PathwiseError) return e.code;
    throw e;
  }
  return 'no error';
}

const data = tinyDataset(40);

/** One failing call per error kind the core and the wrapper raise. */
const failures: [string, () => unknown][] = [
  ['UNKNOWN_COLUMN', () => train(data, { ...tinyOptions, target: 'nope' })],
  ['BAD_OPTION', () => train(data, { ...tinyOptions, hidden: [0] })],
  ['BAD_OPTION', () => train(data, { ...tinyOptions, learningRate: Number.NaN })],
  ['BAD_RULE', () => train(data, { ...tinyOptions, target: 'x', positive: 'x >= ten' })],
  ['SINGLE_CLASS_TARGET', () => train(Dataset.fromObjects([{ a: 1, y: 'yes' }, { a: 2, y: 'yes' }]), { target: 'y', epochs: 1 })],
  ['ALL_MISSING_COLUMN', () => train(Dataset.fromObjects([{ a: '', y: 'yes' }, { a: '', y: 'no' }]), { target: 'y', epochs: 1 })],
  ['EMPTY_DATA', () => train(Dataset.fromObjects([{ y: 'yes' }, { y: 'no' }]), { target: 'y', epochs: 1 })],
  ['NON_FINITE_VALUE', async () => train(await parseCsv('a,y\n1,yes\n1e999,no\n'), { target: 'y', epochs: 1 })],
  ['DUPLICATE_COLUMN', async () => train(await parseCsv('a,a,y\n1,2,yes\n3,4,no\n'), { target: 'y', epochs: 1 })],
  ['DIVERGED', () => train(data, { ...tinyOptions, optimizer: 'sgd', learningRate: 1e30, l2: 0, epochs: 5 })],
  ['BAD_MODEL_FILE', () => loadModel(new Uint8Array([1, 2, 3]))],
  ['CANCELLED', () => train(data, { ...tinyOptions, epochs: 50, signal: AbortSignal.abort() })],
];

describe('state after errors', () => {
  it('after each kind of error the module works and an earlier model predicts identically', async () => {
    const model = await train(data, { ...tinyOptions, epochs: 5 });
    const reference = JSON.stringify(model.predict(data));
    const savedBytes = model.save();
    for (const [code, fail] of failures) {
      expect(await codeOf(fail), code).toBe(code);
      expect(JSON.stringify(model.predict(data)), `after ${code}`).toBe(reference);
      // A predict that fails on the model itself, then the same model again.
      expect(await codeOf(() => model.predict(Dataset.fromObjects([{ x: 1, y: 'yes' }])))).toBe('SCHEMA_MISMATCH');
      expect(JSON.stringify(model.predict(data))).toBe(reference);
      // The module still trains and loads.
      const fresh = await train(data, { ...tinyOptions, epochs: 1 });
      fresh.dispose();
    }
    const again = await loadModel(savedBytes);
    expect(JSON.stringify(again.predict(data))).toBe(reference);
    again.dispose();
    model.dispose();
    expect(await codeOf(() => model.predict(data))).toBe('DISPOSED');
    expect(liveHandles()).toBe(0);
  });

  it('1,000 calls that throw keep the heap flat and liveHandles() at 0', async () => {
    const module = await loadModule();
    for (const [, fail] of failures) await codeOf(fail); // warm up every path once
    const before = module.heapBytes();
    for (let i = 0; i < 1000; i++) {
      const [code, fail] = failures[i % failures.length];
      expect(await codeOf(fail)).toBe(code);
    }
    expect(liveHandles()).toBe(0);
    expect(module.heapBytes()).toBeLessThanOrEqual(before * 1.05);
  });

  it('1,000 train → predict → save → load → predict → dispose cycles keep the heap flat', async () => {
    const module = await loadModule();
    const small = tinyDataset(20);
    const cycle = async () => {
      const model = await train(small, { ...tinyOptions, epochs: 1, validationSplit: 0 });
      const first = model.predict(small);
      const loaded = await loadModel(model.save());
      model.dispose();
      expect(loaded.predict(small)).toEqual(first);
      loaded.dispose();
    };
    await cycle();
    const before = module.heapBytes();
    for (let i = 1; i < 1000; i++) await cycle();
    expect(liveHandles()).toBe(0);
    expect(module.heapBytes()).toBeLessThanOrEqual(before * 1.05);
  });
});

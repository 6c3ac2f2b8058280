// Errors across the boundary: the code list matches the core's, every code reachable from JS
// arrives as a PathwiseError with that code, and the module still trains afterwards.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  crossValidate,
  Dataset,
  liveHandles,
  loadModel,
  parseCsv,
  PathwiseError,
  train,
  version,
} from '../../web/src/index.js';
import { call, loadModule } from '../../web/src/wasm.js';
import { repoRoot, tinyDataset, tinyOptions } from './fixtures.js';

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    expect(e).toBeInstanceOf(PathwiseError);
    expect((e as PathwiseError).message.length).toBeGreaterThan(0);
    return (e as PathwiseError).code;
  }
  return 'no error';
}

const yes = (n: number) => Array.from({ length: n }, () => 'yes');

// Each case: [code, how to reach it from the public API].
const reachable: [string, () => Promise<unknown>][] = [
  ['EMPTY_DATA', () => train(Dataset.fromColumns(['x', 'y'], [[], []]), { target: 'y' })],
  ['UNKNOWN_COLUMN', () => train(tinyDataset(), { ...tinyOptions, target: 'nope' })],
  ['DUPLICATE_COLUMN', () => train(Dataset.fromRows(['x', 'x', 'y'], [[1, 2, 'a'], [3, 4, 'b']]), { target: 'y' })],
  ['NON_NUMERIC_VALUE', () => train(tinyDataset().withTypes({ y: 'numeric' }), { target: 'y' })],
  ['NON_FINITE_VALUE', () => train(Dataset.fromColumns(['x', 'y'], [['1', '1e999', '2', '3'], ['a', 'b', 'a', 'b']]), { target: 'y' })],
  ['SINGLE_CLASS_TARGET', () => train(Dataset.fromColumns(['x', 'y'], [[1, 2, 3, 4], yes(4)]), { target: 'y' })],
  ['ALL_MISSING_COLUMN', () => train(Dataset.fromColumns(['x', 'w', 'y'], [[1, 2, 3, 4], ['', '', '', ''], ['a', 'b', 'a', 'b']]), { target: 'y' })],
  ['BAD_RULE', () => train(tinyDataset(), { ...tinyOptions, positive: 'x >=< 3' })],
  ['BAD_MODEL_FILE', () => loadModel(new Uint8Array([1, 2, 3, 4, 5]))],
  ['BAD_OPTION', () => train(tinyDataset(), { ...tinyOptions, epochs: 0 })],
  ['BAD_OPTION', () => crossValidate(tinyDataset(10), { ...tinyOptions, folds: 11 })],
  ['SHAPE_MISMATCH', async () => Dataset.fromColumns(['a', 'b'], [[1, 2], [1]])],
  ['SCHEMA_MISMATCH', async () => {
    const model = await train(tinyDataset(), tinyOptions);
    try {
      return model.predict([{ x: 1 }]);
    } finally {
      model.dispose();
    }
  }],
  ['CANCELLED', () => train(tinyDataset(), { ...tinyOptions, signal: AbortSignal.abort() })],
  ['DIVERGED', () => train(Dataset.fromColumns(['x', 'y'], [[1e30, -1e30, 3e30, -2e30, 1e30, -1e30], [1, 5, 2, 9, 4, 7]]),
    { target: 'y', task: 'regression', scaling: 'none', optimizer: 'sgd', learningRate: 0.9, hidden: [8], epochs: 20, validationSplit: 0, l2: 0 })],
  ['DISPOSED', async () => {
    const model = await train(tinyDataset(), tinyOptions);
    model.dispose();
    return model.save();
  }],
  ['BAD_CSV', () => parseCsv('a,b\n1\n', { strict: true })],
];

describe('error codes', () => {
  it("the TS list equals the module's errorCodes()", async () => {
    const module = await loadModule();
    expect(module.errorCodes()).toEqual([...ERROR_CODES]);
  });

  it('version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
  });

  for (const [code, reach] of reachable) {
    it(`${code} arrives as a PathwiseError and the module still trains`, async () => {
      expect(await codeOf(reach)).toBe(code);
      const model = await train(tinyDataset(), tinyOptions);
      expect(model.info.task).toBe('binary');
      model.dispose();
      expect(liveHandles()).toBe(0);
    });
  }

  it('the raw module reports BAD_OPTION from the core itself (bypassing TS validation)', async () => {
    const module = await loadModule();
    const table = tinyDataset().toNative(module);
    try {
      const err = await codeOf(() => call(module, () => module.startTraining(table, { target: 'y', epochs: 0 })));
      expect(err).toBe('BAD_OPTION');
      expect(module.takeError()).toBeNull(); // call() consumed the pending error
    } finally {
      table.delete();
    }
  });
});

// The loader: init() is memoised, accepts wasmBinary or a wasmURL, and a failed load can be retried.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { init, PathwiseError, train } from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { repoRoot, tinyDataset, tinyOptions } from './fixtures.js';

describe('init', () => {
  it('is memoised: later calls give the same instance', async () => {
    await init();
    expect(await loadModule()).toBe(await loadModule());
  });

  it('a bad wasmURL rejects with a PathwiseError, and a later init succeeds', async () => {
    const err = await loadModule({ fresh: true, wasmURL: `${repoRoot}no/such/pathwise.wasm` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathwiseError);
    expect((err as PathwiseError).code).toBe('INTERNAL');
    await init({ wasmURL: new URL(`file://${repoRoot}web/wasm/pathwise.wasm`) });
    const model = await train(tinyDataset(), tinyOptions);
    expect(model.info.trainRows).toBeGreaterThan(0);
    model.dispose();
  });

  it('accepts the wasm bytes directly', async () => {
    const bytes = readFileSync(`${repoRoot}web/wasm/pathwise.wasm`);
    const module = await loadModule({ fresh: true, wasmBinary: new Uint8Array(bytes) });
    expect(module.errorCodes()).toContain('BAD_OPTION');
  });
});

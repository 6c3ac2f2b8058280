// Hostile model files through loadModel (issue 4): truncation at every byte offset, 2,000 seeded
// random byte flips, a forged payload size, a wrong version and a schema mismatch. Each is a
// PathwiseError (BAD_MODEL_FILE, or SCHEMA_MISMATCH naming the missing column at predict), and the
// wasm heap stays flat: nothing allocates what the file's size does not justify.
import { describe, expect, it } from 'vitest';
import { Dataset, liveHandles, loadModel, PathwiseError, train } from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { tinyDataset, tinyOptions } from './fixtures.js';
import { mulberry32 as rng } from '../../web/src/random.js';

/** Code of the error loadModel throws, or 'loaded' (the model is disposed at once). */
async function loadCode(bytes: Uint8Array): Promise<string> {
  try {
    const m = await loadModel(bytes);
    m.dispose();
    return 'loaded';
  } catch (e) {
    if (!(e instanceof PathwiseError)) throw e;
    return e.code;
  }
}


async function smallModelBytes(): Promise<Uint8Array> {
  const model = await train(tinyDataset(20), { ...tinyOptions, hidden: [2], epochs: 1, validationSplit: 0 });
  try {
    return model.save();
  } finally {
    model.dispose();
  }
}

describe('hostile model files', () => {
  it('a valid file loads (control)', async () => {
    expect(await loadCode(await smallModelBytes())).toBe('loaded');
  });

  it('truncation at every byte offset → BAD_MODEL_FILE, heap flat', async () => {
    const module = await loadModule();
    const bytes = await smallModelBytes();
    await loadCode(bytes.slice(0, 1)); // warm up
    const before = module.heapBytes();
    for (let n = 0; n < bytes.length; n++) {
      expect(await loadCode(bytes.slice(0, n)), `truncated to ${n} bytes`).toBe('BAD_MODEL_FILE');
    }
    expect(module.heapBytes()).toBeLessThanOrEqual(before * 1.05);
    expect(liveHandles()).toBe(0);
  });

  it('2,000 seeded random byte flips → BAD_MODEL_FILE (the CRC catches them), heap flat', async () => {
    const module = await loadModule();
    const bytes = await smallModelBytes();
    const next = rng(20261201);
    const before = module.heapBytes();
    for (let i = 0; i < 2000; i++) {
      const b = bytes.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let k = 0; k < flips; k++) {
        const at = Math.floor(next() * b.length);
        b[at] ^= 1 + Math.floor(next() * 255); // never a no-op
      }
      expect(await loadCode(b), `flip set ${i}`).toBe('BAD_MODEL_FILE');
    }
    expect(module.heapBytes()).toBeLessThanOrEqual(before * 1.05);
    expect(liveHandles()).toBe(0);
  });

  it('a forged payload size (gigabytes) and a wrong version → BAD_MODEL_FILE without allocating', async () => {
    const module = await loadModule();
    const bytes = await smallModelBytes();
    const before = module.heapBytes();
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    // Header: "PATHWISE" | u32 version | u32 flags | u64 payload length | payload | u32 CRC.
    const forged = bytes.slice();
    view(forged).setBigUint64(16, 4n << 30n, true); // 4 GiB payload claimed
    expect(await loadCode(forged)).toBe('BAD_MODEL_FILE');
    const huge = bytes.slice();
    view(huge).setBigUint64(16, 0xffffffffffffffffn, true);
    expect(await loadCode(huge)).toBe('BAD_MODEL_FILE');
    for (const version of [0, 2, 255, 0xffffffff]) {
      const b = bytes.slice();
      view(b).setUint32(8, version, true);
      let message = '';
      try {
        (await loadModel(b)).dispose();
      } catch (e) {
        expect(e).toBeInstanceOf(PathwiseError);
        expect((e as PathwiseError).code).toBe('BAD_MODEL_FILE');
        message = (e as PathwiseError).message;
      }
      expect(message).toMatch(/version/i);
    }
    expect(await loadCode(new Uint8Array(0))).toBe('BAD_MODEL_FILE');
    expect(await loadCode(new TextEncoder().encode('PATHWISE'))).toBe('BAD_MODEL_FILE');
    expect(module.heapBytes()).toBeLessThanOrEqual(before * 1.05);
  });

  it("a model whose schema does not match the data → SCHEMA_MISMATCH naming the missing column", async () => {
    const model = await loadModel(await smallModelBytes());
    try {
      const other = Dataset.fromObjects([{ x: 1, w: 2, y: 'yes' }, { x: 3, w: 4, y: 'no' }]);
      let error: unknown;
      try {
        model.predict(other);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PathwiseError);
      expect((error as PathwiseError).code).toBe('SCHEMA_MISMATCH');
      expect((error as PathwiseError).message).toContain("'z'");
      // The model is still usable after the error.
      expect(model.predict(tinyDataset(5))).toHaveLength(5);
    } finally {
      model.dispose();
    }
    expect(liveHandles()).toBe(0);
  });
});

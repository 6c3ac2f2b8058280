// Leak test: 1,000 train → predict → dispose cycles keep the wasm heap flat and the live-handle
// count at 0 (heapBytes() is the size of wasm memory, which only grows when something leaks).
import { describe, expect, it } from 'vitest';
import { liveHandles, train } from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { tinyDataset, tinyOptions } from './fixtures.js';

describe('no leaks', () => {
  it('1,000 train → predict → dispose cycles', async () => {
    const module = await loadModule();
    const data = tinyDataset(20);
    const cycle = async () => {
      const model = await train(data, { ...tinyOptions, epochs: 2, validationSplit: 0 });
      const predictions = model.predict(data);
      expect(predictions).toHaveLength(20);
      model.dispose();
    };
    await cycle();
    const afterFirst = module.heapBytes();
    for (let i = 1; i < 1000; i++) await cycle();
    expect(liveHandles()).toBe(0);
    expect(module.heapBytes()).toBeLessThanOrEqual(afterFirst * 1.05);
  });
});

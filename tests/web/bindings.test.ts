// The raw Embind surface (docs/DESIGN.md "Bindings surface"), apart from the friendly API:
// the takeError() channel, typed-array results and their shapes.
import { describe, expect, it } from 'vitest';
import { free, track } from '../../web/src/handles.js';
import type { NativeTable, PathwiseModule } from '../../web/src/native.js';
import { call, loadModule } from '../../web/src/wasm.js';
import { tinyDataset } from './fixtures.js';

async function withTable<T>(fn: (m: PathwiseModule, t: NativeTable) => T): Promise<T> {
  const module = await loadModule();
  const table = tinyDataset().toNative(module);
  try {
    return fn(module, table);
  } finally {
    free(table);
  }
}

describe('raw bindings', () => {
  it('takeError: null when nothing failed; a failure leaves {code, message} once', async () => {
    const module = await loadModule();
    expect(module.takeError()).toBeNull();
    const builder = new module.TableBuilder();
    builder.addColumn('a', '1\u001f2\u001f3', 2); // 3 cells, 2 announced
    const err = module.takeError();
    expect(err?.code).toBe('SHAPE_MISMATCH');
    expect(err?.message).toContain("'a'");
    expect(module.takeError()).toBeNull();
    builder.delete();
  });

  it('splitAssignments: one 0/1 per row; foldAssignments: folds 0..k-1 of near-equal size', async () => {
    await withTable((m, t) => {
      const split = call(m, () => m.splitAssignments(t, { target: 'y' }, 0.25, 1, true));
      expect(split).toBeInstanceOf(Uint8Array);
      expect(split.length).toBe(40);
      expect(split.reduce((a, b) => a + b, 0)).toBe(10);
      const folds = call(m, () => m.foldAssignments(t, { target: 'y' }, 4, 1));
      expect(folds).toBeInstanceOf(Int32Array);
      const counts = [0, 1, 2, 3].map((f) => folds.filter((x) => x === f).length);
      expect(counts.reduce((a, b) => a + b)).toBe(40);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    });
  });

  it('selectRows copies the chosen rows; an index out of range is BAD_OPTION', async () => {
    await withTable((m, t) => {
      const sub = track(call(m, () => t.selectRows(Int32Array.from([0, 5, 7]))));
      expect(sub.rows()).toBe(3);
      expect(sub.names()).toEqual(['x', 'z', 'y']);
      free(sub);
      expect(() => call(m, () => t.selectRows(Int32Array.from([40])))).toThrowError(expect.objectContaining({ code: 'BAD_OPTION' }) as Error);
    });
  });

  it('a training session steps to completion and predict returns rows, labels and n×k values', async () => {
    await withTable((m, t) => {
      const session = track(call(m, () => m.startTraining(t, { target: 'y', positive: 'yes', hidden: [4], epochs: 3, validationSplit: 0 })));
      expect(session.plannedEpochs()).toBe(3);
      let steps = 0;
      while (!call(m, () => session.step(1))) steps++;
      expect(steps).toBeGreaterThan(0);
      expect(call(m, () => session.takeEpochs()).map((e) => e.epoch)).toEqual([1, 2, 3]);
      const model = track(call(m, () => session.finish()));
      free(session);
      const p = call(m, () => model.predict(t));
      expect(Array.from(p.rows)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(p.width).toBe(2);
      expect(p.values.length).toBe(80);
      // Classification: the predicted class as an index (p ≥ 0.5 → class 1), no string per row.
      expect(p.labels).toBeUndefined();
      expect(Array.from(p.labelIndex!)).toEqual(Array.from({ length: 40 }, (_, i) => (p.values[2 * i + 1]! >= 0.5 ? 1 : 0)));
      // The packed forms carry the same numbers: [n, k, rows, class index, values].
      const packed = call(m, () => model.predictPacked(t));
      expect(Array.from(packed.subarray(0, 2))).toEqual([40, 2]);
      expect(Array.from(packed.subarray(2, 42))).toEqual(Array.from(p.rows));
      expect(Array.from(packed.subarray(42, 82))).toEqual(Array.from(p.labelIndex!));
      expect(Array.from(packed.subarray(82))).toEqual(Array.from(p.values));
      // Features in the model's order as float32 in the scratch buffer, without a table: identical predictions.
      const info = call(m, () => model.info());
      expect(info.features).toEqual(['x', 'z']);
      const x = Float32Array.from({ length: 40 }, (_, i) => i % 10);
      const z = Float32Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
      const both = new Float32Array(80);
      both.set(x, 0);
      both.set(z, 40);
      const input = call(m, () => m.scratchInput(80));
      m.HEAPF32.set(both, input >>> 2);
      const at = call(m, () => model.predictFeaturesAt(40)) >>> 3;
      expect(Array.from(m.HEAPF64.subarray(at, at + packed.length))).toEqual(Array.from(packed));
      const swapped = new Float32Array(80);
      swapped.set(z, 0);
      swapped.set(x, 40);
      expect(Array.from(call(m, () => model.predictColumns('z\u001fx', swapped, 40)))).toEqual(Array.from(packed));
      // A wrong length is a typed error, not a trap.
      expect(() => call(m, () => model.predictFeaturesAt(39))).toThrowError(expect.objectContaining({ code: 'SHAPE_MISMATCH' }) as Error);
      free(model);
    });
  });
});

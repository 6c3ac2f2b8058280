// Dataset: construction, column/row selection, the native table it builds (types inferred by the
// core), and split() (seeded, stratified, a partition of the rows).
import { describe, expect, it } from 'vitest';
import { Dataset, liveHandles, parseCsv, PathwiseError } from '../../web/src/index.js';
import { free } from '../../web/src/handles.js';
import { loadModule } from '../../web/src/wasm.js';
import { sampleText } from './fixtures.js';

describe('Dataset', () => {
  it('fromRows, fromColumns and fromObjects agree; cells become strings, null → missing', () => {
    const a = Dataset.fromRows(['id', 'n', 'ok'], [['007', 1.5, true], ['008', null, false]]);
    const b = Dataset.fromColumns(['id', 'n', 'ok'], [['007', '008'], [1.5, undefined], [true, false]]);
    const c = Dataset.fromObjects([{ id: '007', n: 1.5, ok: true }, { id: '008', ok: false }], ['id', 'n', 'ok']);
    for (const d of [a, b, c]) {
      expect(d.header).toEqual(['id', 'n', 'ok']);
      expect(d.columns).toEqual([['007', '008'], ['1.5', ''], ['true', 'false']]);
      expect(d.rows).toBe(2);
    }
  });

  it('select, exclude, head, selectRows', () => {
    const d = Dataset.fromRows(['a', 'b', 'c'], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(d.select(['c', 'a']).columns).toEqual([['3', '6', '9'], ['1', '4', '7']]);
    expect(d.exclude(['b']).header).toEqual(['a', 'c']);
    expect(d.head(2).column('b')).toEqual(['2', '5']);
    expect(d.selectRows([2, 0]).column('a')).toEqual(['7', '1']);
    expect(() => d.select(['zz'])).toThrowError(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }) as Error);
    expect(() => d.selectRows([3])).toThrowError(PathwiseError);
  });

  it('toNative: the core infers numeric/boolean/categorical; the unit separator inside a cell is safe', async () => {
    const module = await loadModule();
    const d = Dataset.fromRows(['age', 'paid', 'job', 'note'], [
      [17, 'yes', 'teacher', 'a\u001fb'],
      [18, 'no', 'other', ''],
      ['NA', 'yes', 'teacher', 'c'],
    ]);
    const table = d.toNative(module);
    try {
      expect(table.rows()).toBe(3);
      const info = table.columnInfo();
      expect(info.map((c) => [c.name, c.type, c.missing])).toEqual([
        ['age', 'numeric', 1],
        ['paid', 'boolean', 0],
        ['job', 'categorical', 0],
        ['note', 'categorical', 1],
      ]);
      expect(info[2]!.levels).toEqual(['teacher', 'other']);
      expect(info[3]!.levels).toEqual(['a b', 'c']);
    } finally {
      free(table);
    }
    const forced = d.withTypes({ paid: 'categorical' }).toNative(module);
    try {
      expect(forced.columnInfo()[1]!.type).toBe('categorical');
    } finally {
      free(forced);
    }
    expect(liveHandles()).toBe(0);
  });

  it('split: seeded, stratified, a partition of the rows', async () => {
    const data = await parseCsv(sampleText());
    const options = { test: 0.2, target: 'G3', positive: 'G3 >= 10', seed: 11 };
    const { train, test } = await data.split(options);
    expect(train.rows + test.rows).toBe(649);
    expect(Math.abs(test.rows - 130)).toBeLessThanOrEqual(1);
    const passShare = (d: Dataset) => d.column('G3').filter((g) => Number(g) >= 10).length / d.rows;
    expect(Math.abs(passShare(test) - 549 / 649)).toBeLessThan(0.01);
    const again = await data.split(options);
    expect(again.test.columns).toEqual(test.columns);
    const other = await data.split({ ...options, seed: 12 });
    expect(other.test.columns).not.toEqual(test.columns);
    // every original row lands in exactly one part: compare the multisets of rows
    const key = (d: Dataset) => d.toObjects().map((r) => JSON.stringify(r));
    expect([...key(train), ...key(test)].sort()).toEqual(key(data).sort());
  });

  it('split: bad options', async () => {
    const d = Dataset.fromRows(['a'], [[1], [2]]);
    await expect(d.split({ target: 'a', test: 1.5 })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining("'test'") as string });
    await expect(d.split({ test: 0.5 })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining("'target'") as string });
    await expect(d.split({ target: 'b' })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
  });
});

// The worker protocol's pure parts, in Node (part of the browser suite because they only matter
// there): Datasets survive the trip through transferable buffers, errors keep their code.
import { describe, expect, it } from 'vitest';
import { Dataset, PathwiseError, parseCsv } from '../../web/dist/index.js';
import { canUseWorker, trainInWorker } from '../../web/dist/worker/index.js';
import { decodeDataset, encodeDataset, fromWireError, toWireError, transferables } from '../../web/dist/worker/protocol.js';

describe('worker protocol', () => {
  it('round-trips a Dataset through one UTF-8 buffer and offsets', () => {
    const data = Dataset.fromColumns(
      ['id', 'name', 'note', 'G3'],
      [
        ['007', '', '0042'],
        ['Zoë', 'Łukasz 🎓', '李雷'],
        ['a,b;"c"\nd', '', '\u001f'],
        [12, null, 9.5],
      ],
      { types: { id: 'categorical' }, errors: [{ code: 'TOO_FEW_FIELDS', message: 'row 2 has 3 fields', row: 2 }] },
    );
    const wire = encodeDataset(data);
    expect(transferables(wire)).toEqual([...wire.sources, wire.starts, wire.ends]);
    expect(wire.sources).toHaveLength(4); // string columns: one joined text each
    expect(wire.ends.byteLength).toBe(4 * 4 * 3);
    const back = decodeDataset(structuredClone(wire, { transfer: transferables(wire) }));
    expect(back.header).toEqual(data.header);
    expect(back.columns).toEqual(data.columns);
    expect(back.types).toEqual({ id: 'categorical' });
    expect(back.errors).toEqual(data.errors);
    expect(wire.sources[0]!.byteLength).toBe(0); // transferred, not copied
    expect(wire.starts.byteLength).toBe(0);
  });

  it('sends a parseCsv (fast path) Dataset as its text once plus offsets, selections included', async () => {
    const text = 'id,x,y\n007,1.5,a\n008,2,b\n009,,c\n';
    const data = (await parseCsv(text)).select(['y', 'x']).selectRows([2, 0]);
    const wire = encodeDataset(data);
    expect(wire.sources).toHaveLength(1);
    expect(new TextDecoder().decode(wire.sources[0])).toBe(text);
    const back = decodeDataset(structuredClone(wire, { transfer: transferables(wire) }));
    expect(back.columns).toEqual([['c', 'a'], ['', '1.5']]);
    expect(back.errors).toEqual(data.errors);
  });

  it('keeps offsets valid when a cell holds a lone surrogate', () => {
    const data = Dataset.fromColumns(['a', 'b'], [['x\ud800y', 'z'], ['1', '2']]);
    const back = decodeDataset(encodeDataset(data));
    expect(back.columns).toEqual([['x\ufffdy', 'z'], ['1', '2']]);
  });

  it('round-trips an empty Dataset', () => {
    const back = decodeDataset(encodeDataset(Dataset.fromColumns(['a', 'b'], [[], []])));
    expect(back.header).toEqual(['a', 'b']);
    expect(back.rows).toBe(0);
  });

  it('rebuilds PathwiseErrors with their code; anything else becomes INTERNAL', () => {
    const e = fromWireError(structuredClone(toWireError(new PathwiseError('UNKNOWN_COLUMN', "no column 'G4'"))));
    expect(e).toBeInstanceOf(PathwiseError);
    expect([e.code, e.message]).toEqual(['UNKNOWN_COLUMN', "no column 'G4'"]);
    const t = fromWireError(toWireError(new TypeError('x is not a function')));
    expect([t.code, t.message]).toEqual(['INTERNAL', 'TypeError: x is not a function']);
    expect(fromWireError({ name: 'PathwiseError', code: 'NOT_A_CODE', message: 'm' }).code).toBe('INTERNAL');
  });

  it('says clearly that Node has no worker mode', async () => {
    expect(canUseWorker()).toBe(false);
    const data = Dataset.fromRows(['x', 'y'], [[1, 'a'], [2, 'b']]);
    await expect(trainInWorker(data, { target: 'y' })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringMatching(/in Node use train\(\)/) });
    await expect(trainInWorker(data, { target: 'y', epochs: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});

// The two fast paths of issue 6 against their references:
// - parseCsv's quote-free path (cells as spans of the text) against Papa Parse + RowCollector on
//   seeded random CSVs with every quirk the path claims to handle (delimiters, blank and
//   whitespace-only rows, ragged rows, CRLF, BOM, missing trailing newline, options);
// - the numeric columns the wrapper converts itself (decimalValue + float32) against Number()
//   (correctly rounded, an independent reference) and against the core's own text parser
//   (a table built from the text gives bit-identical predictions).
import { describe, expect, it } from 'vitest';
import { Dataset, parseCsv, train, type CsvOptions } from '../../web/src/index.js';
import { parseCsvWithPapa } from '../../web/src/csv.js';
import { decimalValue } from '../../web/src/dataset.js';
import { loadModule } from '../../web/src/wasm.js';
import { free, track } from '../../web/src/handles.js';
import type { NativeModel, PathwiseModule } from '../../web/src/native.js';
import { mulberry32 as rng } from '../../web/src/random.js';


function randomCell(next: () => number): string {
  const kind = Math.floor(next() * 8);
  if (kind === 0) return '';
  if (kind === 1) return ' ';
  if (kind === 2) return ['NA', 'yes', 'no', 'GP', 'é', 'x y'][Math.floor(next() * 6)]!;
  if (kind === 3) return String(Math.floor(next() * 100)).padStart(3, '0');
  return (next() * 200 - 100).toFixed(Math.floor(next() * 4));
}

function randomCsv(seed: number): { text: string; options: CsvOptions } {
  const next = rng(seed);
  const delimiter = [',', ';', '\t', '|'][Math.floor(next() * 4)]!;
  const newline = next() < 0.3 ? '\r\n' : '\n';
  const width = 1 + Math.floor(next() * 5);
  const lines: string[] = [];
  lines.push(Array.from({ length: width }, (_, c) => `col${c}`).join(delimiter));
  const rows = Math.floor(next() * 30);
  for (let r = 0; r < rows; r++) {
    const roll = next();
    if (roll < 0.05) lines.push('');
    else if (roll < 0.08) lines.push(delimiter.repeat(width - 1));
    else if (roll < 0.1) lines.push('  ');
    else {
      const w = roll < 0.15 ? Math.max(1, width - 1) : roll < 0.2 ? width + 1 : width;
      lines.push(Array.from({ length: w }, () => randomCell(next)).join(delimiter));
    }
  }
  let text = (next() < 0.2 ? '\ufeff' : '') + (next() < 0.1 ? newline : '') + lines.join(newline);
  if (next() < 0.6) text += newline;
  const options: CsvOptions = {};
  if (next() < 0.3) options.delimiter = delimiter;
  if (next() < 0.3) options.raggedRows = 'skip';
  return { text, options };
}

function snapshot(d: Dataset) {
  return { header: d.header, columns: d.columns, errors: d.errors, rows: d.rows };
}

describe('parseCsv fast path (no quotes)', () => {
  it('gives the same Dataset as Papa Parse on 400 random quote-free CSVs', async () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { text, options } = randomCsv(seed);
      const fast = await parseCsv(text, options);
      const papa = parseCsvWithPapa(text, options);
      expect(snapshot(fast), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(snapshot(papa));
    }
  });

  it('a quote-free Blob (read at once) equals the same Blob streamed in chunks through Papa Parse', async () => {
    for (let seed = 1000; seed < 1040; seed++) {
      const { text, options } = randomCsv(seed);
      const fast = await parseCsv(new Blob([text]), options);
      const streamed = await parseCsv(new Blob([text]), { ...options, chunkSize: 1024 });
      expect(snapshot(fast), `seed ${seed}`).toEqual(snapshot(streamed));
    }
  });

  it('strict mode throws the same first error as Papa Parse', async () => {
    const text = 'a,b\n1,2\n3\n4,5,6\n';
    const fast = await parseCsv(text, { strict: true }).catch((e: Error) => e.message);
    const papa = (() => {
      try {
        parseCsvWithPapa(text, { strict: true });
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(fast).toBe(papa);
    expect(fast).toMatch(/^row 2: row 2 has 1 fields, the header has 2$/);
  });

  it('select, exclude, head and selectRows on a span-backed Dataset match a string-backed one', async () => {
    const text = 'id,x,y\n007,1.5,a\n008,2,b\n009,,c\n010,4e2,d\n';
    const fast = await parseCsv(text);
    const papa = parseCsvWithPapa(text);
    expect(fast.column('id')).toEqual(['007', '008', '009', '010']);
    expect(snapshot(fast.select(['y', 'id']))).toEqual(snapshot(papa.select(['y', 'id'])));
    expect(snapshot(fast.exclude(['x']))).toEqual(snapshot(papa.exclude(['x'])));
    expect(snapshot(fast.head(2))).toEqual(snapshot(papa.head(2)));
    expect(snapshot(fast.selectRows([3, 0, 3]))).toEqual(snapshot(papa.selectRows([3, 0, 3])));
    expect(fast.toObjects()).toEqual(papa.toObjects());
  });
});

describe('numeric columns converted in the wrapper', () => {
  it('decimalValue is correctly rounded (equals Number) on 100,000 random decimals, NaN off-grammar', () => {
    const next = rng(99);
    const wrong: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      const digits = 1 + Math.floor(next() * 20);
      let s = '';
      for (let j = 0; j < digits; j++) s += Math.floor(next() * 10);
      const point = Math.floor(next() * (digits + 1));
      if (next() < 0.7) s = s.slice(0, point) + '.' + s.slice(point);
      if (next() < 0.2) s += `e${Math.floor(next() * 80) - 40}`;
      if (next() < 0.5) s = (next() < 0.5 ? '-' : '+') + s;
      if (!Object.is(decimalValue(s, 0, s.length), Number(s))) wrong.push(s);
    }
    expect(wrong).toEqual([]);
    for (const s of ['.', '-', '+', 'e5', '1e', '1e+', '1.2.3', ' 1', '1 ', '0x10', '1,5', 'NA', 'inf', 'Infinity', '1_0']) {
      expect(decimalValue(s, 0, s.length), s).toBeNaN();
    }
    expect(Object.is(decimalValue('-0', 0, 2), -0)).toBe(true);
    expect(decimalValue('x12.5y', 1, 5)).toBe(12.5);
  });

  it('a table built from float32 columns predicts bit-identically to one the core parses from text', async () => {
    const next = rng(5);
    const rows = Array.from({ length: 300 }, () => {
      const a = (next() * 20 - 10).toFixed(Math.floor(next() * 6));
      const b = (next() * 1e6).toExponential(Math.floor(next() * 10));
      const c = next() < 0.1 ? '' : String(Math.floor(next() * 50));
      return { a, b, c, y: next() < 0.5 ? 'yes' : 'no' };
    });
    const data = Dataset.fromObjects(rows);
    const model = await train(data, { target: 'y', positive: 'yes', hidden: [8], epochs: 2, seed: 3, worker: false });
    const module: PathwiseModule = await loadModule();
    const handle = (model as unknown as { handle: NativeModel }).handle;
    // Reference: every column as text, parsed by the core (the path used before the fast path).
    const builder = track(new module.TableBuilder());
    for (const name of data.header) builder.addColumn(name, data.column(name).join('\u001f'), data.rows);
    const textTable = track(builder.build());
    free(builder);
    const fastTable = data.toNative(module);
    try {
      const viaText = handle.predict(textTable);
      const viaFloats = handle.predict(fastTable);
      expect(Array.from(viaFloats.values)).toEqual(Array.from(viaText.values));
      expect(viaFloats.values.length).toBe(600);
    } finally {
      free(textTable);
      free(fastTable);
      model.dispose();
    }
  });
});

describe('Model.predict on a Dataset whose features are all numeric (scratch-buffer path)', () => {
  it('equals the table path value for value, with missing cells, on 2,000 rows; a text feature falls back', async () => {
    const next = rng(21);
    const rows = Array.from({ length: 2000 }, () => ({
      a: next() < 0.05 ? '' : (next() * 20 - 10).toFixed(2),
      b: String(Math.floor(next() * 40)),
      note: next() < 0.5 ? 'x' : 'z',  // not a feature: must not stop the numeric path
      y: next() < 0.5 ? 'yes' : 'no',
    }));
    const data = Dataset.fromObjects(rows);
    const model = await train(data, { target: 'y', positive: 'yes', features: ['a', 'b'], hidden: [16, 8], epochs: 2, seed: 6, worker: false });
    const module: PathwiseModule = await loadModule();
    const handle = (model as unknown as { handle: NativeModel }).handle;
    const table = data.toNative(module, new Set(['a', 'b']));
    try {
      const packed = handle.predictPacked(table);  // [n, k, rows, class index, values]
      const got = model.predict(data);
      expect(got).toHaveLength(2000);
      const n = packed[0]!;
      got.forEach((p, r) => {
        expect(p.row).toBe(packed[2 + r]);
        expect(p.probabilities.yes).toBe(packed[2 + 2 * n + 2 * r + 1]);
      });
      // The same values with a decimal comma in one cell: column 'a' goes to the core as text.
      const comma = Dataset.fromObjects(rows.map((o, r) => (r === 7 ? { ...o, a: '1,5' } : o)));
      await expect(async () => model.predict(comma)).rejects.toMatchObject({ code: 'NON_NUMERIC_VALUE' });
      expect(model.predict(data.select(['b', 'a']))).toEqual(got);  // column order does not matter
      await expect(async () => model.predict(data.select(['b']))).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH' });
    } finally {
      free(table);
      model.dispose();
    }
  });
});

describe('Model.predict on row objects (numeric columns without a Dataset)', () => {
  it('numbers, decimal strings, null and NaN give the same predictions as a Dataset of their text', async () => {
    const next = rng(11);
    const rows = Array.from({ length: 200 }, () => ({
      a: Number((next() * 10).toFixed(3)),
      b: Number((next() * 5 - 2).toFixed(2)),
      y: next() < 0.5 ? 'yes' : 'no',
    }));
    const data = Dataset.fromObjects(rows);
    const model = await train(data, { target: 'y', positive: 'yes', hidden: [8], epochs: 2, seed: 4, worker: false });
    try {
      const viaDataset = model.predict(data);
      // Same rows as numbers (the fast path), as strings, and with extra columns: identical.
      expect(model.predict(rows)).toEqual(viaDataset);
      expect(model.predict(rows.map((r) => ({ a: String(r.a), b: String(r.b), extra: 'ignored' })))).toEqual(viaDataset);
      // Missing values: null, undefined, '' and NaN are all "missing", like the text 'NaN' or ''.
      const missing = model.predict([{ a: null, b: 1 }, { a: undefined, b: 1 }, { a: '', b: 1 }, { a: NaN, b: 1 }]);
      const reference = model.predict(Dataset.fromRows(['a', 'b'], [['', '1'], ['NA', '1'], ['', '1'], ['NaN', '1']]));
      expect(missing).toEqual(reference);
      // Values the core must judge (not a plain decimal) still go to the core and get its errors.
      await expect(async () => model.predict([{ a: Infinity, b: 1 }])).rejects.toMatchObject({ code: 'NON_FINITE_VALUE' });
      await expect(async () => model.predict([{ a: '1,5', b: 1 }])).rejects.toMatchObject({ code: 'NON_NUMERIC_VALUE' });
      await expect(async () => model.predict([{ b: 1 }])).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH' });
      // A feature missing in some rows only is a missing value in those rows.
      expect(model.predict([{ a: 1, b: 2 }, { b: 2 }])[1]).toEqual({ ...model.predict([{ a: '', b: 2 }])[0]!, row: 1 });
    } finally {
      model.dispose();
    }
  });

  it('a model with categorical features predicts the same from objects as from the Dataset', async () => {
    const { readFileSync } = await import('node:fs');
    const { samplePath } = await import('./fixtures.js');
    const data = await parseCsv(readFileSync(samplePath, 'utf8'));
    const model = await train(data, { target: 'G3', positive: 'G3 >= 10', hidden: [8], epochs: 2, seed: 2, worker: false });
    try {
      const head = data.head(25);
      expect(model.predict(head.toObjects())).toEqual(model.predict(head));
    } finally {
      model.dispose();
    }
  });
});

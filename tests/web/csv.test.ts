// parseCsv edge cases as a table ({description, input, options, expected}), plus the input kinds
// (string, bytes, Blob streamed in chunks) and the real UCI file with ';' and quoted numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, PathwiseError, type CsvOptions } from '../../web/src/index.js';
import { samplePath, sharedData } from './fixtures.js';

interface Case {
  description: string;
  input: string;
  options?: CsvOptions;
  expected: { header: string[]; rows: string[][]; errors?: { code: string; row: number }[] };
}

const cases: Case[] = [
  {
    description: "';' delimiter with quoted strings and quoted numbers (student-mat.csv style)",
    input: 'school;age;G1;G3\n"GP";18;"5";6\n"MS";17;"12";11\n',
    expected: { header: ['school', 'age', 'G1', 'G3'], rows: [['GP', '18', '5', '6'], ['MS', '17', '12', '11']] },
  },
  {
    description: 'UTF-8 byte-order mark is removed from the first header name',
    input: '\ufeffid,score\n1,2\n',
    expected: { header: ['id', 'score'], rows: [['1', '2']] },
  },
  {
    description: 'CRLF line endings',
    input: 'a,b\r\n1,2\r\n3,4\r\n',
    expected: { header: ['a', 'b'], rows: [['1', '2'], ['3', '4']] },
  },
  {
    description: 'trailing and interior blank lines are skipped (also whitespace-only)',
    input: 'a,b\n1,2\n\n3,4\n\n  \n\n',
    expected: { header: ['a', 'b'], rows: [['1', '2'], ['3', '4']] },
  },
  {
    description: 'a row with too few fields is reported with its 1-based data row and padded',
    input: 'a,b,c\n1,2,3\n4,5\n6,7,8\n',
    expected: { header: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5', ''], ['6', '7', '8']], errors: [{ code: 'TOO_FEW_FIELDS', row: 2 }] },
  },
  {
    description: "a row with too many fields, raggedRows 'skip' leaves it out",
    input: 'a,b\n1,2\n3,4,5\n6,7\n',
    options: { raggedRows: 'skip' },
    expected: { header: ['a', 'b'], rows: [['1', '2'], ['6', '7']], errors: [{ code: 'TOO_MANY_FIELDS', row: 2 }] },
  },
  {
    description: 'quoted newlines, quoted delimiters and escaped quotes stay inside the cell',
    input: 'name,comment\n"Ana","line one\nline two"\n"Rui","a, ""quoted"" word"\n',
    expected: { header: ['name', 'comment'], rows: [['Ana', 'line one\nline two'], ['Rui', 'a, "quoted" word']] },
  },
  {
    description: 'tab delimiter is detected',
    input: 'a\tb\n1\t2\n',
    expected: { header: ['a', 'b'], rows: [['1', '2']] },
  },
  {
    description: 'pipe delimiter is detected',
    input: 'a|b\n1|2\n',
    expected: { header: ['a', 'b'], rows: [['1', '2']] },
  },
  {
    description: 'explicit delimiter overrides detection',
    input: 'a;b,c\n1;2,3\n',
    options: { delimiter: ',' },
    expected: { header: ['a;b', 'c'], rows: [['1;2', '3']] },
  },
  {
    description: 'cells stay strings: leading zeros and missing values are kept as written',
    input: 'id,score\n007,NA\n010,\n',
    expected: { header: ['id', 'score'], rows: [['007', 'NA'], ['010', '']] },
  },
  {
    description: 'header only gives zero rows',
    input: 'a,b\n',
    expected: { header: ['a', 'b'], rows: [] },
  },
  {
    description: 'empty input gives no columns',
    input: '',
    expected: { header: [], rows: [] },
  },
  {
    description: 'duplicate header names are kept as they are (the core reports DUPLICATE_COLUMN)',
    input: 'a,a\n1,2\n',
    expected: { header: ['a', 'a'], rows: [['1', '2']] },
  },
];

function rowsOf(data: { rows: number; columns: readonly (readonly string[])[] }): string[][] {
  return Array.from({ length: data.rows }, (_, r) => data.columns.map((c) => c[r]!));
}

describe('parseCsv edge cases', () => {
  for (const c of cases) {
    it(c.description, async () => {
      const data = await parseCsv(c.input, c.options);
      expect(data.header).toEqual(c.expected.header);
      expect(rowsOf(data)).toEqual(c.expected.rows);
      expect(data.errors.map(({ code, row }) => ({ code, row }))).toEqual(c.expected.errors ?? []);
    });
  }

  it('unterminated quote is reported, not thrown', async () => {
    const data = await parseCsv('a,b\n1,"open\n2,3\n');
    expect(data.errors.some((e) => e.code === 'MISSING_QUOTES' && e.row === 1)).toBe(true);
  });

  it('strict mode throws BAD_CSV naming the row', async () => {
    const err = await parseCsv('a,b\n1,2\n3\n', { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathwiseError);
    expect((err as PathwiseError).code).toBe('BAD_CSV');
    expect((err as PathwiseError).message).toMatch(/^row 2:/);
  });

  it.each([
    [{ delimiter: ';;' }, 'delimiter'],
    [{ raggedRows: 'drop' }, 'raggedRows'],
    [{ chunkSize: 10 }, 'chunkSize'],
    [{ header: false }, 'header'],
  ])('bad option %j → BAD_OPTION naming %s', async (options, name) => {
    const err = await parseCsv('a\n1\n', options as CsvOptions).catch((e: unknown) => e);
    expect((err as PathwiseError).code).toBe('BAD_OPTION');
    expect((err as PathwiseError).message).toContain(name);
  });
});

describe('parseCsv input kinds', () => {
  const text = readFileSync(samplePath, 'utf8');

  it('reads the UCI Portuguese file: 649 rows, 33 columns, quotes stripped', async () => {
    const data = await parseCsv(text);
    expect(data.rows).toBe(649);
    expect(data.header).toHaveLength(33);
    expect(data.errors).toEqual([]);
    // First data row: "GP";"F";18;...;"0";"11";11 (see examples/data/README.md)
    expect(data.column('school')[0]).toBe('GP');
    expect(data.column('G1')[0]).toBe('0');
    expect(data.column('G3')[0]).toBe('11');
    expect(data.column('G3').filter((g) => Number(g) >= 10)).toHaveLength(549);
  });

  it('reads ../shared student-mat.csv (395 rows) from bytes', async () => {
    const bytes = readFileSync(join(sharedData, 'student-mat.csv'));
    const data = await parseCsv(new Uint8Array(bytes));
    expect([data.rows, data.header.length, data.column('G1')[0], data.column('G3')[0]]).toEqual([395, 33, '5', '6']);
  });

  it('string, ArrayBuffer and a Blob streamed in small chunks give the same dataset', async () => {
    const fromString = await parseCsv(text);
    const buffer = new TextEncoder().encode(text).buffer;
    const fromBuffer = await parseCsv(buffer);
    const fromBlob = await parseCsv(new Blob([text]), { chunkSize: 4096 });
    expect(fromBuffer.columns).toEqual(fromString.columns);
    expect(fromBlob.header).toEqual(fromString.header);
    expect(fromBlob.columns).toEqual(fromString.columns);
  });

  it('a Blob with a ragged row reports the row number across chunk boundaries', async () => {
    const lines = ['a,b', ...Array.from({ length: 3000 }, (_, i) => (i === 2499 ? '1' : `${i},x`))];
    const data = await parseCsv(new Blob([lines.join('\n')]), { chunkSize: 1024 });
    expect(data.rows).toBe(3000);
    expect(data.errors).toEqual([expect.objectContaining({ code: 'TOO_FEW_FIELDS', row: 2500 })]);
  });

  it('UTF-16LE bytes with a BOM are decoded', async () => {
    const s = 'nome,nota\nJoão,12\n';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);
    const data = await parseCsv(bytes);
    expect(data.header).toEqual(['nome', 'nota']);
    expect(data.column('nome')).toEqual(['João']);
  });
});

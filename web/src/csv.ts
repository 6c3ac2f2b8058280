// parseCsv: CSV text, bytes or a Blob/File → Dataset, with Papa Parse doing the parsing. Bad rows
// are data, not exceptions: they are collected on dataset.errors with 1-based data-row numbers.
import Papa from 'papaparse';
import { Dataset, TextSpans, type CsvIssue } from './dataset.js';
import { PathwiseError, badOption } from './errors.js';

/** Options of {@link parseCsv}. Papa Parse names where they exist. */
export interface CsvOptions {
  /** Field delimiter; empty string = detect among `,` `;` tab `|`. @defaultValue '' */
  delimiter?: string;
  /** Throw PathwiseError('BAD_CSV') on the first malformed row instead of reporting it. @defaultValue false */
  strict?: boolean;
  /**
   * Rows whose field count differs from the header: `'keep'` pads missing fields with '' (missing)
   * and drops extra ones; `'skip'` leaves the row out. Both report it on `errors`.
   * @defaultValue 'keep'
   */
  raggedRows?: 'keep' | 'skip';
  /**
   * Bytes read per chunk when streaming a Blob/File. Without it, Blobs up to 32 MB without quote
   * characters are read at once and parsed in one fast pass; bigger or quoted ones are streamed.
   * @defaultValue 1048576
   */
  chunkSize?: number;
}

/** The defaults of {@link CsvOptions}. */
export const CSV_DEFAULTS: Readonly<Required<CsvOptions>> = Object.freeze({
  delimiter: '',
  strict: false,
  raggedRows: 'keep',
  chunkSize: 1 << 20,
});

/** What parseCsv accepts. */
export type CsvInput = string | ArrayBuffer | Uint8Array | Blob;

const GUESSABLE = [',', ';', '\t', '|'];
const PAPA_NEWLINE_SNIFF = 1024 * 1024;
const FAST_BLOB_BYTES = 32 * 1024 * 1024;

/** Merges options with CSV_DEFAULTS and validates them. @throws PathwiseError BAD_OPTION */
export function resolveCsvOptions(options: CsvOptions = {}): Required<CsvOptions> {
  for (const key of Object.keys(options)) {
    if (!(key in CSV_DEFAULTS)) throw badOption(`parseCsv: unknown option '${key}'`);
  }
  const o = { ...CSV_DEFAULTS, ...stripUndefined(options) };
  if (typeof o.delimiter !== 'string' || o.delimiter.length > 1 || /["\r\n]/.test(o.delimiter)) {
    throw badOption(`parseCsv: option 'delimiter' must be one character or '' (got ${JSON.stringify(o.delimiter)})`);
  }
  if (typeof o.strict !== 'boolean') throw badOption(`parseCsv: option 'strict' must be a boolean`);
  if (o.raggedRows !== 'keep' && o.raggedRows !== 'skip') {
    throw badOption(`parseCsv: option 'raggedRows' must be 'keep' or 'skip' (got ${JSON.stringify(o.raggedRows)})`);
  }
  if (!Number.isInteger(o.chunkSize) || o.chunkSize < 1024) {
    throw badOption(`parseCsv: option 'chunkSize' must be an integer >= 1024 (got ${String(o.chunkSize)})`);
  }
  return o;
}

/**
 * Parses CSV into a {@link Dataset}. The first non-empty line is the header; blank lines are
 * skipped; a byte-order mark (UTF-8 or UTF-16) is removed; quotes, quoted newlines and CRLF are
 * handled. Cells stay strings (so IDs keep leading zeros); the core infers column types later.
 * Blobs and Files are streamed in chunks so the page stays responsive.
 *
 * @example
 * const data = await parseCsv(file);                 // File from <input type="file">
 * const same = await parseCsv('a;b\n1;2\n', { delimiter: ';' });
 * if (data.errors.length) console.warn(data.errors); // [{ code: 'TOO_FEW_FIELDS', row: 7, message }]
 * @throws PathwiseError BAD_OPTION for bad options, BAD_CSV for a malformed row when `strict`.
 */
export async function parseCsv(input: CsvInput, options: CsvOptions = {}): Promise<Dataset> {
  const opts = resolveCsvOptions(options);
  const collector = new RowCollector(opts);
  if (typeof input === 'string') {
    const fast = parseWithoutQuotes(input, opts);
    if (fast) return fast;
    runPapa(input, collector, opts);
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const text = new TextDecoder(sniffEncoding(bytes)).decode(bytes);
    const fast = parseWithoutQuotes(text, opts);
    if (fast) return fast;
    runPapa(text, collector, opts);
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    // Up to FAST_BLOB_BYTES, a Blob is read at once and takes the fast path when it has no quotes
    // (reading is asynchronous; one pass over the text then takes ~10 ms per MB). Bigger or quoted
    // files, or an explicit chunkSize, are streamed through Papa Parse in chunks.
    if (options.chunkSize === undefined && input.size <= FAST_BLOB_BYTES) {
      const bytes = new Uint8Array(await input.arrayBuffer());
      const fast = parseWithoutQuotes(new TextDecoder(sniffEncoding(bytes)).decode(bytes), opts);
      if (fast) return fast;
    }
    await streamBlob(input, collector, opts);
  } else {
    throw badOption('parseCsv: input must be a string, ArrayBuffer, Uint8Array, Blob or File');
  }
  return collector.finish();
}

function papaConfig(collector: RowCollector, opts: Required<CsvOptions>): Papa.ParseConfig<string[]> {
  return {
    header: false, // we take the header ourselves: Papa would rename duplicate names
    skipEmptyLines: 'greedy',
    delimiter: opts.delimiter,
    delimitersToGuess: GUESSABLE,
    dynamicTyping: false,
    step: (results) => collector.add(results.data as unknown as string[], results.errors),
  };
}

/** @internal Papa Parse only (no fast path): the reference the fast path is tested against. */
export function parseCsvWithPapa(text: string, options: CsvOptions = {}): Dataset {
  const opts = resolveCsvOptions(options);
  const collector = new RowCollector(opts);
  runPapa(text, collector, opts);
  return collector.finish();
}

function runPapa(text: string, collector: RowCollector, opts: Required<CsvOptions>): void {
  Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, papaConfig(collector, opts));
}

/**
 * The fast path for text without quote characters (most exports): the same result as Papa Parse +
 * RowCollector (same delimiter guess — Papa's own, on the first rows —, same greedy skipping of
 * blank rows, same ragged-row handling and messages), but cells stay spans of the text
 * (TextSpans) instead of one string each, so large files load without millions of small strings.
 * Returns null when the text needs Papa: quotes, or '\r' line ends other than CRLF throughout.
 */
function parseWithoutQuotes(input: string, opts: Required<CsvOptions>): Dataset | null {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.indexOf('"') >= 0) return null;
  // Papa guesses '\r\n' vs '\n' from the first MiB; a '\r' only later would stay in the cells.
  if (text.indexOf('\r') >= PAPA_NEWLINE_SNIFF) return null;
  let newline = '\n';
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return null;
    newline = '\r\n';
  }
  const delimiter = opts.delimiter || guessDelimiter(text, newline);
  const d = delimiter.charCodeAt(0);
  const nl = newline.length;
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCount++;

  let header: string[] | null = null;
  let width = 0;
  let starts: Uint32Array[] = [];
  let ends: Uint32Array[] = [];
  let rows = 0;
  const errors: CsvIssue[] = [];
  let dataRow = 0;
  let pos = 0;
  while (pos <= text.length) {
    let lineEnd = text.indexOf(newline, pos);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd + nl;
    if (isBlankLine(text, pos, lineEnd, d)) {
      pos = next;
      continue;
    }
    if (header === null) {
      header = text.slice(pos, lineEnd).split(delimiter);
      width = header.length;
      starts = header.map(() => new Uint32Array(lineCount));
      ends = header.map(() => new Uint32Array(lineCount));
      pos = next;
      continue;
    }
    dataRow++;
    // Field boundaries of this line, written straight into the column arrays.
    let c = 0;
    let fieldStart = pos;
    for (let i = pos; i <= lineEnd; i++) {
      if (i < lineEnd && text.charCodeAt(i) !== d) continue;
      if (c < width) {
        starts[c]![rows] = fieldStart;
        ends[c]![rows] = i;
      }
      c++;
      fieldStart = i + 1;
    }
    if (c !== width) {
      const code = c < width ? 'TOO_FEW_FIELDS' : 'TOO_MANY_FIELDS';
      errors.push({ code, message: `row ${dataRow} has ${c} fields, the header has ${width}`, row: dataRow });
      if (opts.raggedRows === 'skip') {
        pos = next;
        continue;
      }
      for (let k = c; k < width; k++) starts[k]![rows] = ends[k]![rows] = 0;
    }
    rows++;
    pos = next;
  }
  const first = errors[0];
  if (opts.strict && first) throw new PathwiseError('BAD_CSV', `row ${first.row}: ${first.message}`);
  const columns = (header ?? []).map((_, k) => new TextSpans(text, starts[k]!.slice(0, rows), ends[k]!.slice(0, rows)));
  return Dataset.fromSpans(header ?? [], columns, errors);
}

// Papa's 'greedy' blank line: every field is whitespace only (row.join('').trim() === '').
function isBlankLine(text: string, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === delimiter || c === 32 || c === 9) continue;
    if (c > 32 && c < 127) return false;
    return text.slice(start, end).split(String.fromCharCode(delimiter)).join('').trim() === '';
  }
  return true;
}

// Papa's delimiter guess looks at the first 10 rows only: give it just those.
function guessDelimiter(text: string, newline: string): string {
  let end = 0;
  for (let k = 0; k < 11 && end >= 0; k++) end = text.indexOf(newline, end + (k ? 1 : 0));
  const prefix = end < 0 ? text : text.slice(0, end);
  const result = Papa.parse<string[]>(prefix, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: GUESSABLE,
    newline: newline as Papa.ParseConfig['newline'],
    preview: 1,
  });
  return result.meta.delimiter || ',';
}

async function streamBlob(blob: Blob, collector: RowCollector, opts: Required<CsvOptions>): Promise<void> {
  const encoding = sniffEncoding(new Uint8Array(await blob.slice(0, 4).arrayBuffer()));
  const hasFileReader = typeof FileReader !== 'undefined';
  // Browsers: Papa's FileStreamer reads slices with FileReader. Node has no FileReader, so hand
  // Papa a Node Readable of decoded text instead (it streams those too).
  let source: unknown = blob;
  if (!hasFileReader) {
    const { Readable } = await import('node:stream');
    const text = blob.stream().pipeThrough(new TextDecoderStream(encoding));
    source = Readable.fromWeb(text as Parameters<typeof Readable.fromWeb>[0]);
  }
  await new Promise<void>((resolve, reject) => {
    Papa.parse(source as File, {
      ...papaConfig(collector, opts),
      chunkSize: opts.chunkSize,
      encoding,
      complete: () => resolve(),
      error: (err: Error) => reject(new PathwiseError('BAD_CSV', `could not read the file: ${err.message}`)),
    } as Papa.ParseLocalConfig<string[], File>);
  });
}

function sniffEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

const PAPA_CODES: Record<string, CsvIssue['code']> = {
  MissingQuotes: 'MISSING_QUOTES',
  InvalidQuotes: 'INVALID_QUOTES',
  TooFewFields: 'TOO_FEW_FIELDS',
  TooManyFields: 'TOO_MANY_FIELDS',
};

/** Receives rows one at a time from Papa and builds columns directly (no row objects kept). */
class RowCollector {
  private header: string[] | null = null;
  private columns: string[][] = [];
  private readonly errors: CsvIssue[] = [];
  private dataRow = 0; // 1-based number of the current data row (header = row 0)

  constructor(private readonly opts: Required<CsvOptions>) {}

  add(row: string[], papaErrors: readonly Papa.ParseError[]): void {
    if (this.header === null) {
      this.header = row.map((name, i) => (i === 0 && name.charCodeAt(0) === 0xfeff ? name.slice(1) : name));
      this.columns = this.header.map(() => []);
      for (const e of papaErrors) this.report(e.code, e.message, 0);
      return;
    }
    this.dataRow++;
    for (const e of papaErrors) {
      if (e.code !== 'TooFewFields' && e.code !== 'TooManyFields') this.report(e.code, e.message, this.dataRow);
    }
    const width = this.header.length;
    if (row.length !== width) {
      const code = row.length < width ? 'TOO_FEW_FIELDS' : 'TOO_MANY_FIELDS';
      this.report(code, `row ${this.dataRow} has ${row.length} fields, the header has ${width}`, this.dataRow);
      if (this.opts.raggedRows === 'skip') return;
    }
    for (let c = 0; c < width; c++) this.columns[c]!.push(row[c] ?? '');
  }

  private report(code: string, message: string, row: number): void {
    if (code === 'UndetectableDelimiter') return; // one-column files: Papa falls back to ','
    this.errors.push({ code: PAPA_CODES[code] ?? (code as CsvIssue['code']), message, row });
  }

  finish(): Dataset {
    const first = this.errors[0];
    if (this.opts.strict && first) {
      throw new PathwiseError('BAD_CSV', `row ${first.row}: ${first.message}`);
    }
    return Dataset.fromColumns(this.header ?? [], this.columns, { errors: this.errors });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

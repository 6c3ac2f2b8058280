// The typed message protocol between the main thread (client.ts) and the training worker
// (entry.ts): one message-kind union for both sides, Datasets packed into transferable buffers,
// errors flattened to {name, code, message} and rebuilt as PathwiseError.
import { Dataset, TextSpans, type ColumnType, type CsvIssue } from '../dataset.js';
import { PathwiseError, isErrorCode } from '../errors.js';
import type { CrossValidation } from '../cv.js';
import type { EpochProgress, TrainOptions } from '../options.js';

/** Every kind of message, in either direction. */
export type MessageKind = 'init' | 'train' | 'crossValidate' | 'abort' | 'epoch' | 'ready' | 'trained' | 'crossValidated' | 'failed';

/**
 * A Dataset as it crosses the thread boundary: each distinct source text once as UTF-8, and every
 * cell as a span of one of them (a Dataset from parseCsv's fast path sends its CSV text and the
 * cell offsets — no string per cell on either side).
 */
export interface WireDataset {
  header: string[];
  rows: number;
  types: Record<string, ColumnType>;
  errors: CsvIssue[];
  /** UTF-8 of each source text. Transferred, not copied. */
  sources: ArrayBuffer[];
  /** Index into `sources` of each column. */
  columnSource: number[];
  /** starts[c * rows + r] / ends[...]: the span of cell (c, r) in its decoded source (UTF-16 units). Transferred. */
  starts: ArrayBuffer;
  ends: ArrayBuffer;
}

/** Train options that can be cloned: everything but the callbacks and the signal. */
export type WireTrainOptions = Omit<TrainOptions, 'onEpoch' | 'signal'>;

/** A PathwiseError (or any error) flattened for postMessage. */
export interface WireError {
  name: string;
  code: string;
  message: string;
}

/** Main thread → worker. */
export type Request =
  | { kind: 'init'; id: number; wasmURL?: string }
  | { kind: 'train'; id: number; data: WireDataset; options: WireTrainOptions }
  | { kind: 'crossValidate'; id: number; data: WireDataset; options: WireTrainOptions & { folds?: number } }
  | { kind: 'abort'; id: number; sentAt: number };

/** Worker → main thread. `id` is that of the request answered. */
export type Response =
  | { kind: 'ready'; id: number }
  | { kind: 'epoch'; id: number; progress: EpochProgress }
  | { kind: 'trained'; id: number; model: Uint8Array }
  | { kind: 'crossValidated'; id: number; result: CrossValidation }
  | { kind: 'failed'; id: number; error: WireError };

/** Packs a Dataset into transferable buffers (list them with {@link transferables}). */
export function encodeDataset(data: Dataset): WireDataset {
  const spans = data.toSpans();
  const rows = data.rows;
  const index = new Map<string, number>();
  const sources: ArrayBuffer[] = [];
  const encoder = new TextEncoder();
  const starts = new Uint32Array(spans.length * rows);
  const ends = new Uint32Array(spans.length * rows);
  const columnSource = spans.map((span, c) => {
    let k = index.get(span.source);
    if (k === undefined) {
      k = sources.length;
      index.set(span.source, k);
      sources.push(encoder.encode(span.source).buffer as ArrayBuffer);
    }
    starts.set(span.starts, c * rows);
    ends.set(span.ends, c * rows);
    return k;
  });
  return {
    header: [...data.header],
    rows,
    types: { ...data.types },
    errors: data.errors.map((e) => ({ ...e })),
    sources,
    columnSource,
    starts: starts.buffer,
    ends: ends.buffer,
  };
}

/** Rebuilds the Dataset sent by {@link encodeDataset}. */
export function decodeDataset(wire: WireDataset): Dataset {
  // A lone surrogate becomes U+FFFD: still one UTF-16 unit, so the offsets stay valid.
  const decoder = new TextDecoder();
  const texts = wire.sources.map((bytes) => decoder.decode(bytes));
  const starts = new Uint32Array(wire.starts);
  const ends = new Uint32Array(wire.ends);
  const n = wire.rows;
  const columns = wire.header.map(
    (_, c) => new TextSpans(texts[wire.columnSource[c]!]!, starts.subarray(c * n, (c + 1) * n), ends.subarray(c * n, (c + 1) * n)),
  );
  const data = Dataset.fromSpans(wire.header, columns, wire.errors);
  return Object.keys(wire.types).length ? data.withTypes(wire.types) : data;
}

/** The buffers of a WireDataset, for postMessage's transfer list. */
export function transferables(wire: WireDataset): ArrayBuffer[] {
  return [...wire.sources, wire.starts, wire.ends];
}

/** Flattens an error for postMessage (non-PathwiseErrors become INTERNAL). */
export function toWireError(e: unknown): WireError {
  if (e instanceof PathwiseError) return { name: e.name, code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { name: e instanceof Error ? e.name : 'Error', code: 'INTERNAL', message };
}

/** Rebuilds a PathwiseError from {@link toWireError}'s output. */
export function fromWireError(w: WireError): PathwiseError {
  const code = isErrorCode(w.code) ? w.code : 'INTERNAL';
  const prefix = w.name !== 'PathwiseError' && code === 'INTERNAL' ? `${w.name}: ` : '';
  return new PathwiseError(code, `${prefix}${w.message}`);
}

/** A wall-clock time in ms that both threads read alike (performance.timeOrigin differs per thread). */
export function clock(): number {
  return performance.timeOrigin + performance.now();
}

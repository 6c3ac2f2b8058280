// The typed message protocol between the main thread (client.ts) and the training worker
// (entry.ts): one message-kind union for both sides, Datasets packed into transferable buffers,
// errors flattened to {name, code, message} and rebuilt as PathwiseError.
import { Dataset, type ColumnType, type CsvIssue } from '../dataset.js';
import { PathwiseError, isErrorCode } from '../errors.js';
import type { CrossValidation } from '../cv.js';
import type { EpochProgress, TrainOptions } from '../options.js';

/** Every kind of message, in either direction. */
export type MessageKind = 'init' | 'train' | 'crossValidate' | 'abort' | 'epoch' | 'ready' | 'trained' | 'crossValidated' | 'failed';

/** A Dataset as it crosses the thread boundary: all cells as one UTF-8 buffer plus end offsets. */
export interface WireDataset {
  header: string[];
  rows: number;
  types: Record<string, ColumnType>;
  errors: CsvIssue[];
  /** UTF-8 of every cell, column by column, concatenated. Transferred, not copied. */
  text: ArrayBuffer;
  /** ends[c * rows + r] = end of cell (c, r) in the decoded string (UTF-16 units). Transferred. */
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

/** Packs a Dataset into two buffers (list them as transferables). */
export function encodeDataset(data: Dataset): WireDataset {
  const ends = new Uint32Array(data.header.length * data.rows);
  const parts: string[] = [];
  let end = 0;
  let k = 0;
  for (const column of data.columns) {
    for (const cell of column) {
      end += cell.length;
      ends[k++] = end;
      parts.push(cell);
    }
  }
  const bytes = new TextEncoder().encode(parts.join(''));
  return {
    header: [...data.header],
    rows: data.rows,
    types: { ...data.types },
    errors: data.errors.map((e) => ({ ...e })),
    text: bytes.buffer as ArrayBuffer,
    ends: ends.buffer,
  };
}

/** Rebuilds the Dataset sent by {@link encodeDataset}. */
export function decodeDataset(wire: WireDataset): Dataset {
  // A lone surrogate becomes U+FFFD: still one UTF-16 unit, so the offsets stay valid.
  const text = new TextDecoder().decode(wire.text);
  const ends = new Uint32Array(wire.ends);
  let start = 0;
  const columns = wire.header.map((_, c) =>
    Array.from({ length: wire.rows }, (_, r) => {
      const end = ends[c * wire.rows + r]!;
      const cell = text.slice(start, end);
      start = end;
      return cell;
    }),
  );
  return Dataset.fromColumns(wire.header, columns, { errors: wire.errors, types: wire.types });
}

/** The buffers of a WireDataset, for postMessage's transfer list. */
export function transferables(wire: WireDataset): ArrayBuffer[] {
  return [wire.text, wire.ends];
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

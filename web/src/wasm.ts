// Loads the WebAssembly module once (memoised init), and funnels every call into it through
// call(), which turns whatever the module throws into a PathwiseError.
import createPathwiseModule from '../wasm/pathwise.mjs';
import { toPathwiseError } from './errors.js';
import type { GlueOptions, PathwiseModule } from './native.js';

/** Options of {@link init}. */
export interface InitOptions {
  /**
   * Where to fetch `pathwise.wasm` from (browsers; in Node a `file:` URL, a path or an http(s) URL).
   * @defaultValue `new URL('../wasm/pathwise.wasm', import.meta.url)` — next to the package's glue.
   */
  wasmURL?: string | URL;
  /** The bytes of `pathwise.wasm`, when you already have them (skips fetching). @defaultValue undefined */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Create a new, separate module instance and make it the default for later calls. Models made
   * before keep using their own instance. For tests, and to recover after a wasm trap.
   * @defaultValue false
   */
  fresh?: boolean;
}

let current: Promise<PathwiseModule> | undefined;
let generation = 0;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/**
 * Loads the WebAssembly module. Optional: every async entry point (parseCsv, train, loadModel...)
 * calls it. Call it yourself to load early or to point at a self-hosted `.wasm`. Later calls return
 * the same promise and ignore their options unless `fresh` is set.
 *
 * @example
 * await init({ wasmURL: '/static/pathwise.wasm' });
 * @throws PathwiseError INTERNAL when the module cannot be fetched or compiled.
 */
export async function init(options: InitOptions = {}): Promise<void> {
  await loadModule(options);
}

/** The default module instance, loading it if needed. Internal: not exported from index.ts. */
export function loadModule(options: InitOptions = {}): Promise<PathwiseModule> {
  if (current && !options.fresh) return current;
  const pending = instantiate(options);
  current = pending;
  pending.catch(() => {
    if (current === pending) current = undefined; // let a later init() retry
  });
  return pending;
}

/**
 * Forgets the default module instance so that its memory can be garbage-collected (clearAll);
 * the next call that needs wasm loads a fresh one. Handles must be freed first (freeAllHandles).
 */
export function dropModule(): void {
  current = undefined;
  generation++;
}

/** Counts dropModule() calls: a training loop that sees it change stops (CANCELLED). */
export function moduleGeneration(): number {
  return generation;
}

async function instantiate(options: InitOptions): Promise<PathwiseModule> {
  const glue: GlueOptions = {};
  try {
    if (options.wasmBinary) {
      glue.wasmBinary = options.wasmBinary;
    } else if (isNode) {
      glue.wasmBinary = await readWasmInNode(options.wasmURL);
    } else if (options.wasmURL) {
      const url = String(options.wasmURL);
      glue.locateFile = (path, prefix) => (path.endsWith('.wasm') ? url : prefix + path);
    }
    const factory = createPathwiseModule as unknown as (o: GlueOptions) => Promise<PathwiseModule>;
    return await factory(glue);
  } catch (e) {
    throw toPathwiseError(e);
  }
}

async function readWasmInNode(wasmURL: string | URL | undefined): Promise<Uint8Array> {
  const url = wasmURL ?? new URL('../wasm/pathwise.wasm', import.meta.url);
  const text = String(url);
  if (/^https?:/.test(text)) return new Uint8Array(await (await fetch(text)).arrayBuffer());
  const { readFile } = await import('node:fs/promises');
  return readFile(text.startsWith('file:') ? new URL(text) : text);
}

/**
 * Runs fn (calls into `module`) and throws the module's pending error, if any, as a PathwiseError.
 * JS exceptions (an Embind type error, a wasm trap) are converted too.
 */
export function call<T>(module: PathwiseModule, fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (e) {
    module.takeError(); // never leave a stale error behind for the next call
    throw toPathwiseError(e);
  }
  // The pending-error flag is one byte of wasm memory: read it instead of a call per call.
  if (!errorPending(module)) return result;
  const pending = module.takeError();
  if (pending) throw toPathwiseError(pending);
  return result;
}

const flagAddress = new WeakMap<PathwiseModule, number>();

function errorPending(module: PathwiseModule): boolean {
  let address = flagAddress.get(module);
  if (address === undefined) {
    address = module.errorFlagAddress();
    flagAddress.set(module, address);
  }
  return module.HEAPU8[address] !== 0;
}

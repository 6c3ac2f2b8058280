// PathwiseError: the one error type of the JS API. The codes are those of cpp/core/error.h, the
// single list for both layers (a test compares ERROR_CODES with the module's errorCodes()).

/** Every error code, in `cpp/core/error.h` order. */
export const ERROR_CODES = Object.freeze([
  'EMPTY_DATA',
  'UNKNOWN_COLUMN',
  'DUPLICATE_COLUMN',
  'NON_NUMERIC_VALUE',
  'NON_FINITE_VALUE',
  'SINGLE_CLASS_TARGET',
  'ALL_MISSING_COLUMN',
  'BAD_RULE',
  'BAD_MODEL_FILE',
  'BAD_OPTION',
  'SHAPE_MISMATCH',
  'SCHEMA_MISMATCH',
  'CANCELLED',
  'DIVERGED',
  'OUT_OF_MEMORY', // the WebAssembly heap could not grow
  'DISPOSED', // raised here: a method was called on a disposed Model
  'BAD_CSV', // raised here: parseCsv with `strict: true` met a malformed row
  'INTERNAL',
] as const);

/** Every code a {@link PathwiseError} can carry. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const ALL_CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

/** True when `code` is one of the known {@link ErrorCode}s. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ALL_CODES.has(code);
}

/**
 * The error every pathwise function throws (or rejects with). Branch on `code`, not on the message.
 *
 * @example
 * try { await train(data, { target: 'G4' }); }
 * catch (e) { if (e instanceof PathwiseError && e.code === 'UNKNOWN_COLUMN') showColumnPicker(); }
 */
export class PathwiseError extends Error {
  /** Stable machine-readable code, e.g. `'BAD_OPTION'`. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PathwiseError';
    this.code = code;
  }
}

/** Shorthand for the many option checks: `throw badOption('epochs must be ...')`. */
export function badOption(message: string): PathwiseError {
  return new PathwiseError('BAD_OPTION', message);
}

/**
 * Converts a failure of the wasm module into a PathwiseError: a `{code, message}` from takeError()
 * (or an Error with a `code` property) keeps its code; anything else (a wasm trap, an Embind type
 * error, a bare number from an uncaught C++ exception) becomes INTERNAL, never an opaque value.
 */
export function toPathwiseError(thrown: unknown): PathwiseError {
  if (thrown instanceof PathwiseError) return thrown;
  if (thrown !== null && typeof thrown === 'object') {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(thrown);
    if (isErrorCode(code)) return new PathwiseError(code, stripCodePrefix(text, code), { cause: thrown });
    const prefix = typeof code === 'string' && code && !text.startsWith(code) ? `${code}: ` : '';
    return new PathwiseError('INTERNAL', prefix + text, { cause: thrown });
  }
  return new PathwiseError('INTERNAL', `unexpected failure in the wasm module (${String(thrown)})`, {
    cause: thrown,
  });
}

// The core's what() carries "CODE: detail"; the bindings should pass the detail only, but be lenient.
function stripCodePrefix(message: string, code: string): string {
  return message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
}

// Types of the Embind module built from bindings/*.cpp (web/wasm/pathwise.mjs), as specified in
// docs/DESIGN.md "Bindings surface". Type declarations only; every handle here must be .delete()d
// by exactly one owner (see handles.ts). Differences from DESIGN.md follow bindings/*.cpp.

/** An Embind object handle. */
export interface NativeHandle {
  delete(): void;
  isDeleted(): boolean;
}

export type NativeColumnType = 'numeric' | 'boolean' | 'categorical';
export type NativeTask = 'auto' | 'binary' | 'multiclass' | 'regression';

export interface NativeColumnInfo {
  name: string;
  type: string;
  missing: number;
  levels: string[];
}

export interface TableBuilder extends NativeHandle {
  /** Cells of one column joined by '\u001f'. */
  addColumn(name: string, joinedCells: string, rowCount: number): void;
  /** Already-converted numeric columns: names joined by '\u001f', values column after column. */
  addNumericColumns(joinedNames: string, values: Float32Array, rowCount: number): void;
  setType(name: string, type: NativeColumnType): void;
  build(): NativeTable;
}

export interface NativeTable extends NativeHandle {
  rows(): number;
  cols(): number;
  names(): string[];
  columnInfo(): NativeColumnInfo[];
  selectRows(rows: Int32Array): NativeTable;
}

export interface NativeTargetSpec {
  /** The column to predict. */
  target: string;
  task?: NativeTask;
  positive?: string;
}

export interface NativePerColumn {
  impute?: string;
  scaling?: string;
  constant?: number;
}

export interface NativeTrainOptions extends NativeTargetSpec {
  features?: string[];
  exclude?: string[];
  hidden?: number[];
  activation?: string;
  optimizer?: 'adam' | 'sgd';
  learningRate?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  batchSize?: number;
  epochs?: number;
  seed?: number;
  l2?: number;
  dropout?: number;
  validationSplit?: number;
  patience?: number;
  restoreBestWeights?: boolean;
  clipNorm?: number;
  classWeight?: 'none' | 'balanced' | Record<string, number>;
  numericImpute?: string;
  categoricalImpute?: string;
  scaling?: string;
  imputeConstant?: number;
  imputeCategory?: string;
  perColumn?: Record<string, NativePerColumn>;
}

export interface NativeEpoch {
  epoch: number;
  loss: number;
  valLoss: number;
  valAccuracy: number;
}

export interface TrainingSession extends NativeHandle {
  /** Runs up to maxBatches mini-batches; true when training is over. */
  step(maxBatches: number): boolean;
  /** Epochs completed since the last call. */
  takeEpochs(): NativeEpoch[];
  plannedEpochs(): number;
  /** After step() returned true. */
  finish(): NativeModel;
}

export interface NativePrediction {
  task: string;
  classes: string[];
  /** Table row of each output row (rows can be dropped by Impute 'drop'). */
  rows: Int32Array;
  /** Regression: the formatted values (absent for classification). */
  labels?: string[];
  /** Classification: the predicted class of each row, as an index into `classes`. */
  labelIndex?: Int32Array;
  /** n*k probabilities (k = classes) or n values (regression), row-major. */
  values: Float64Array;
  /** k (classes) or 1 (regression). */
  width: number;
}

export interface NativeModelInfo {
  task: string;
  classes: string[];
  target: string;
  positive: string;
  features: string[];
  outputNames: string[];
  hidden: number[];
  trainedEpochs: number;
  trainRows: number;
}

export interface NativeModel extends NativeHandle {
  predict(table: NativeTable): NativePrediction;
  /** Predictions packed as [n, k, rows (n), class index (n; NaN for regression), values (n*k)]. */
  predictPacked(table: NativeTable): Float64Array;
  /** predictPacked() on numeric columns given like TableBuilder.addNumericColumns (no table). */
  predictColumns(joinedNames: string, values: Float32Array, rowCount: number): Float64Array;
  /**
   * predictColumns() with every feature in info().features order, on the values written at
   * scratchInput(); returns the byte address of the packed predictions in HEAPF64 (valid until
   * the next call into the module).
   */
  predictFeaturesAt(rowCount: number): number;
  evaluate(table: NativeTable): Record<string, unknown>;
  save(): Uint8Array;
  info(): NativeModelInfo;
}

/** What takeError() returns after a failed call. */
export interface NativeError {
  code: string;
  message: string;
}

/**
 * The module. Failing calls do not throw: they return a neutral value (null, false, []) and leave
 * an error that takeError() returns (and clears). wasm.ts call() does that after every call.
 */
export interface PathwiseModule {
  takeError(): NativeError | null;
  /** Address of the pending-error flag (one byte; non-zero = takeError() has an error). */
  errorFlagAddress(): number;
  /** The wasm memory as bytes (the glue replaces it when memory grows). */
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
  /** Byte address of a float buffer of `count` values for predictFeaturesAt(). */
  scratchInput(count: number): number;
  errorCodes(): string[];
  /** The core's default training options (requested; see docs/BINDINGS-REQUESTS.md). */
  defaultOptions?(): Record<string, unknown>;
  TableBuilder: new () => TableBuilder;
  loadModel(bytes: Uint8Array): NativeModel;
  startTraining(table: NativeTable, options: NativeTrainOptions): TrainingSession;
  foldAssignments(table: NativeTable, target: NativeTargetSpec, folds: number, seed: number): Int32Array;
  /** 1 = test row. */
  splitAssignments(
    table: NativeTable,
    target: NativeTargetSpec,
    test: number,
    seed: number,
    stratify: boolean,
  ): Uint8Array;
  /** Current wasm heap size in bytes. */
  heapBytes(): number;
}

/** Options the Emscripten glue accepts (MODULARIZE factory). */
export interface GlueOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

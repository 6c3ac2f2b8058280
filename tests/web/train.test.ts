// train(): option validation (BAD_OPTION naming the option), epoch progress, cancellation through
// an AbortSignal that really stops the session, and the documented defaults against the core's.
import { describe, expect, it } from 'vitest';
import { liveHandles, parseCsv, PathwiseError, train, TRAIN_DEFAULTS, type EpochProgress, type TrainOptions } from '../../web/src/index.js';
import { loadModule } from '../../web/src/wasm.js';
import { sampleText, tinyDataset, tinyOptions } from './fixtures.js';

const badOptions: [string, Record<string, unknown>][] = [
  ['target', { target: undefined }],
  ['target', { target: '' }],
  ['hidden', { hidden: 64 }],
  ['hidden[0]', { hidden: [0] }],
  ['hidden[1]', { hidden: [8, -2] }],
  ['hidden[0]', { hidden: ['64'] }],
  ['epochs', { epochs: 0 }],
  ['epochs', { epochs: -5 }],
  ['epochs', { epochs: 2.5 }],
  ['seed', { seed: 'abc' }],
  ['seed', { seed: -1 }],
  ['learningRate', { learningRate: 0 }],
  ['dropout', { dropout: 1 }],
  ['validationSplit', { validationSplit: -0.1 }],
  ['batchSize', { batchSize: 0 }],
  ['activation', { activation: 'gelu' }],
  ['optimizer', { optimizer: 'rmsprop' }],
  ['scaling', { scaling: 'log' }],
  ['numericImpute', { numericImpute: 'zero' }],
  ['classWeight', { classWeight: 'inverse' }],
  ['classWeight.yes', { classWeight: { yes: -1 } }],
  ['perColumn.x.scaling', { perColumn: { x: { scaling: 'big' } } }],
  ['exclude', { exclude: 'x' }],
  ['epoch', { epoch: 10 }], // unknown key (typo of epochs)
];

describe('train options', () => {
  it.each(badOptions)('BAD_OPTION names %s', async (name, patch) => {
    const err = await train(tinyDataset(), { ...tinyOptions, ...patch } as TrainOptions).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathwiseError);
    expect((err as PathwiseError).code).toBe('BAD_OPTION');
    expect((err as PathwiseError).message).toContain(`'${name}'`);
    expect(liveHandles()).toBe(0);
  });

  it('TRAIN_DEFAULTS are the core defaults', async () => {
    const module = await loadModule();
    if (!module.defaultOptions) {
      // Requested in docs/BINDINGS-REQUESTS.md; until then check what info() exposes.
      const model = await train(tinyDataset(), { target: 'y', epochs: 1 });
      expect(model.info.hidden).toEqual([...TRAIN_DEFAULTS.hidden]);
      model.dispose();
      return;
    }
    const core = module.defaultOptions();
    for (const [key, value] of Object.entries(TRAIN_DEFAULTS)) {
      if (key in core) expect({ [key]: core[key] }).toEqual({ [key]: value });
    }
  });
});

describe('training progress and cancellation', () => {
  it('onEpoch reports every epoch in order with finite losses', async () => {
    const seen: EpochProgress[] = [];
    const model = await train(tinyDataset(), { ...tinyOptions, epochs: 12, patience: 0, onEpoch: (e) => seen.push(e) });
    expect(seen.map((e) => e.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seen.every((e) => e.epochs === 12 && Number.isFinite(e.loss))).toBe(true);
    expect(seen.every((e) => e.valLoss !== null && e.valAccuracy !== null)).toBe(true); // default validationSplit > 0
    expect(model.info.trainedEpochs).toBe(12);
    model.dispose();
  });

  it('without a validation split valLoss is null', async () => {
    const seen: EpochProgress[] = [];
    const model = await train(tinyDataset(), { ...tinyOptions, validationSplit: 0, onEpoch: (e) => seen.push(e) });
    expect(seen.length).toBe(3);
    expect(seen.every((e) => e.valLoss === null && e.valAccuracy === null)).toBe(true);
    model.dispose();
  });

  it('aborting mid-training rejects with CANCELLED, stops the session and frees everything', async () => {
    const data = await parseCsv(sampleText());
    const controller = new AbortController();
    let last = 0;
    const err = await train(data, {
      target: 'G3',
      positive: 'G3 >= 10',
      epochs: 500,
      patience: 0,
      batchSize: 8,
      signal: controller.signal,
      onEpoch: ({ epoch }) => {
        last = epoch;
        if (epoch === 2) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((err as PathwiseError).code).toBe('CANCELLED');
    expect(last).toBeGreaterThanOrEqual(2);
    expect(last).toBeLessThan(500);
    expect(liveHandles()).toBe(0);
  });

  it('the event loop runs between slices (a timer fires during a long training)', async () => {
    const data = await parseCsv(sampleText());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const model = await train(data, { target: 'G3', positive: 'G3 >= 10', epochs: 40, patience: 0, batchSize: 8 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(1);
    model.dispose();
  });
});

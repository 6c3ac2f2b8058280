// TensorFlow.js trainers for the bench: the founding model with tfjs-layers on the wasm backend
// (SIMD, single-threaded in Node) or the plain-JS cpu backend. Inputs are z-scored with training
// statistics, as pathwise's pipeline does by default.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { HIDDEN, BATCH, EPOCHS, LEARNING_RATE } from './model_shape.mjs';
import { timed, cpuSeconds, steadyRate } from './measure.mjs';

const require = createRequire(import.meta.url);
export const wasmDist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;

// Selects a backend; returns what it reports about itself.
export async function useBackend(name) {
  if (name === 'wasm') setWasmPaths(wasmDist);
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  const info = { backend: tf.getBackend(), tfjs: tf.version.tfjs };
  if (name === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (!info.simd) throw new Error('tfjs-backend-wasm: WASM_HAS_SIMD_SUPPORT is false');
  }
  return info;
}

function buildModel(inputs, seed) {
  const model = tf.sequential();
  const init = (k) => tf.initializers.glorotUniform({ seed: seed * 10 + k });
  model.add(tf.layers.dense({ inputShape: [inputs], units: HIDDEN[0], activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.dense({ units: HIDDEN[1], activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3) }));
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'binaryCrossentropy' });
  return model;
}

// One training run + evaluation. x*: z-scored Float32Array row-major; y*: Uint8Array.
// keep: also return { predictOnce, release } so the caller can time predict interleaved with
// another trainer's (the model stays alive until release()).
export async function runTfjs({ xTrain, yTrain, xTest, yTest, xPredict, d, seed = 1, epochs = EPOCHS, keep = false }) {
  const nTrain = yTrain.length, nTest = yTest.length;
  const model = buildModel(d, seed);
  const xs = tf.tensor2d(xTrain, [nTrain, d]);
  const ys = tf.tensor2d(Float32Array.from(yTrain), [nTrain, 1]);
  const marks = [];
  const fit = await timed(() => model.fit(xs, ys, { batchSize: BATCH, epochs, shuffle: true, verbose: 0,
    callbacks: { onEpochEnd: () => { marks.push(cpuSeconds()); } } }));
  xs.dispose(); ys.dispose();

  const probs = tf.tidy(() => model.predict(tf.tensor2d(xTest, [nTest, d]), { batchSize: nTest }).dataSync());
  let correct = 0;
  for (let i = 0; i < nTest; ++i) correct += (probs[i] >= 0.5 ? 1 : 0) === yTest[i] ? 1 : 0;

  // Predict: whole batch at once (tfjs's fastest way); tensor in + probabilities out included.
  const nPredict = xPredict.length / d;
  const predictOnce = () => tf.tidy(() => model.predict(tf.tensor2d(xPredict, [nPredict, d]), { batchSize: nPredict }).dataSync());
  predictOnce();
  const predictTimes = [];
  for (let r = 0; r < 5; ++r) predictTimes.push(await timed(predictOnce));
  predictTimes.sort((a, b) => a.wall - b.wall);
  const release = () => { model.optimizer.dispose(); model.dispose(); return tf.memory().numTensors; };
  if (!keep) release();
  const samples = nTrain * epochs;
  return {
    ...(keep ? { predictOnce, release } : {}),
    samplesPerCpuSecond: samples / fit.cpu, samplesPerWallSecond: samples / fit.wall,
    steadySamplesPerCpuSecond: steadyRate(marks, nTrain),
    trainCpuSeconds: fit.cpu, trainWallSeconds: fit.wall, accuracy: correct / nTest,
    finalLoss: fit.value.history.loss.at(-1),
    predictMs: predictTimes[2].wall * 1e3, predictCpuMs: predictTimes[2].cpu * 1e3,
    numTensorsAfter: tf.memory().numTensors,
  };
}

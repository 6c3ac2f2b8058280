// Benchmark of issue 6: pathwise vs TensorFlow.js (wasm SIMD and cpu backends) in one Node
// process, same synthetic data, same model (32 -> 128 relu -> 64 relu -> 1 sigmoid, Adam 0.001,
// batch 32, 10 epochs), plus the wasm GEMM ceiling, CSV throughput, peak heap and payloads.
// Usage: node bench/run.mjs [--quick] [--only=pathwise,tfjs-wasm,tfjs-cpu] [--no-extras] [--report-only]
// Writes bench/results.json and bench/RESULTS.md (not with --only / --epochs, which are for development).
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { log, medianFields, median, timed } from './lib/measure.mjs';
import { benchData, standardize, generate, FEATURE_NAMES } from './lib/data.mjs';
import { flopsPerSample, EPOCHS } from './lib/model_shape.mjs';
import { measureGemm } from './lib/gemm.mjs';
import { tfjsPayload, pathwisePayload, pathwiseFiles } from './lib/payload.mjs';
import { pathwiseAvailable, loadPathwise, partCsv, runPathwise } from './lib/pathwise.mjs';
import { csvThroughput, peakHeap } from './lib/extras.mjs';
import { writeReport, acceptance } from './lib/report.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
if (!existsSync(here + 'node_modules/@tensorflow/tfjs-backend-wasm')) {
  console.error('bench: dependencies missing; run `cd bench && npm ci` first');
  process.exit(2);
}
const { useBackend, runTfjs } = await import('./lib/tfjs.mjs');

// --report-only: rewrite RESULTS.md from an existing results.json (no measuring).
if (process.argv.includes('--report-only')) {
  const saved = JSON.parse(readFileSync(here + 'results.json', 'utf8'));
  saved.acceptance = acceptance(saved);
  writeFileSync(here + 'RESULTS.md', writeReport(saved));
  log('rewrote bench/RESULTS.md from bench/results.json');
  process.exit(0);
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const opt = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = opt('only')?.split(',');
const epochs = Number(opt('epochs') ?? EPOCHS);
const repeats = Number(opt('repeats') ?? (quick ? 1 : 3));
const devRun = !!only || epochs !== EPOCHS;
const wanted = (name) => !only || only.includes(name);

const flops = flopsPerSample();
const data = benchData();
const z = standardize(data.train, data.test);
const predictPart = generate(10000, 20261203);
const zPredict = standardize(data.train, predictPart).test;
log(`data: ${data.train.n} train / ${data.test.n} hold-out rows × ${data.train.d}; Bayes accuracy ${data.test.bayes.toFixed(3)}`);

const results = {
  meta: { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length,
    quick, repeats, epochs, command: `node bench/run.mjs${quick ? ' --quick' : ''}`,
    data: { trainRows: data.train.n, testRows: data.test.n, features: data.train.d, predictRows: predictPart.n,
      positiveRate: data.train.y.reduce((a, b) => a + b, 0) / data.train.n, bayesAccuracy: data.test.bayes },
    model: '32 -> Dense 128 relu -> Dense 64 relu -> Dense 1 sigmoid; Adam lr 0.001; BCE; batch 32; shuffle',
    flopsPerSample: flops },
  trainers: {},
};

log('GEMM ceiling…');
results.gemm = await measureGemm({ quick, trainFlopsPerSample: flops.train });
log(`GEMM ceiling ${results.gemm.ceilingGflopsCpu.toFixed(2)} GFLOP/s per CPU-second`);

// Trainers, interleaved per repeat so machine noise spreads over all of them.
let pw = null, pwData = null;
if (wanted('pathwise')) {
  if (pathwiseAvailable()) {
    pw = await loadPathwise();
    pwData = {
      trainData: await pw.parseCsv(partCsv(data.train)), testData: await pw.parseCsv(partCsv(data.test)),
      predictData: await pw.parseCsv(partCsv(predictPart)),
      singleRow: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, data.test.X[j].toFixed(2)])),
    };
  } else {
    log('pathwise: web/dist/index.js or web/wasm/pathwise.wasm missing (run `npm run build` at the root); skipped');
  }
}
const runs = { pathwise: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
const backendInfo = {};
// Predict 10,000 rows, pathwise vs tfjs-wasm: both trained models are kept and their predict
// calls alternate (order swapped every round), so both see the same machine state; the median of
// the rounds replaces each trainer's own (sequential) predict timing for that repeat.
async function interleavedPredict(a, b, rounds = 15) {
  a.predictOnce();
  b.predictOnce();
  const ta = [], tb = [];
  for (let i = 0; i < rounds; ++i) {
    const pair = i % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]];
    for (const [x, t] of pair) t.push(await timed(() => x.predictOnce()));
  }
  const pick = (t) => ({ predictMs: median(t.map((x) => x.wall)) * 1e3, predictCpuMs: median(t.map((x) => x.cpu)) * 1e3 });
  return [pick(ta), pick(tb)];
}
const strip = ({ predictOnce, release, ...r }) => r;

for (let rep = 0; rep < repeats; ++rep) {
  const seed = rep + 1;
  const pair = pw && wanted('tfjs-wasm');
  let kept = null;
  if (pw) {
    const r = await runPathwise(pw, { ...pwData, seed, epochs, keep: pair });
    kept = r;
    runs.pathwise.push(strip(r));
    log(`pathwise run ${rep + 1}: ${r.samplesPerCpuSecond.toFixed(0)} samples/CPU-s, acc ${r.accuracy.toFixed(4)}`);
  }
  for (const backend of ['wasm', 'cpu']) {
    if (!wanted(`tfjs-${backend}`)) continue;
    backendInfo[backend] = await useBackend(backend);
    const interleave = pair && backend === 'wasm';
    const r = await runTfjs({ xTrain: z.train, yTrain: data.train.y, xTest: z.test, yTest: data.test.y,
      xPredict: zPredict, d: data.train.d, seed, epochs, keep: interleave });
    runs[`tfjs-${backend}`].push(strip(r));
    log(`tfjs-${backend} run ${rep + 1}: ${r.samplesPerCpuSecond.toFixed(0)} samples/CPU-s, acc ${r.accuracy.toFixed(4)}`);
    if (interleave) {
      const [p, w] = await interleavedPredict(kept, r);
      Object.assign(runs.pathwise.at(-1), p);
      Object.assign(runs['tfjs-wasm'].at(-1), w);
      kept.release();
      runs['tfjs-wasm'].at(-1).numTensorsAfter = r.release();
      log(`predict 10,000 rows (interleaved): pathwise ${p.predictMs.toFixed(1)} ms, tfjs-wasm ${w.predictMs.toFixed(1)} ms`);
    }
  }
}
for (const [name, rs] of Object.entries(runs)) {
  if (!rs.length) continue;
  const med = medianFields(rs);
  med.gflopsCpu = med.samplesPerCpuSecond * flops.train / 1e9;
  med.ceilingFraction = med.gflopsCpu / results.gemm.ceilingGflopsCpu;
  med.steadyCeilingFraction = med.steadySamplesPerCpuSecond * flops.train / 1e9 / results.gemm.ceilingGflopsCpu;
  results.trainers[name] = { median: med, runs: rs, ...(name.startsWith('tfjs') ? { backend: backendInfo[name.slice(5)] } : {}) };
}
const P = results.trainers.pathwise?.median, W = results.trainers['tfjs-wasm']?.median;
if (P && W) {
  results.ratios = { pathwiseOverTfjsWasm: {
    samplesPerCpuSecond: P.samplesPerCpuSecond / W.samplesPerCpuSecond,
    samplesPerWallSecond: P.samplesPerWallSecond / W.samplesPerWallSecond,
    steadySamplesPerCpuSecond: P.steadySamplesPerCpuSecond / W.steadySamplesPerCpuSecond,
    predictSpeed: W.predictMs / P.predictMs, accuracyPoints: (P.accuracy - W.accuracy) * 100 } };
}

if (!args.includes('--no-extras')) {
  results.payload = { tfjs: tfjsPayload(), pathwise: await pathwisePayload() };
  const files = pathwiseFiles();
  if (files) results.payload.pathwiseFiles = { files: [], raw: files.raw, gzip: files.gzip };
  if (results.payload.pathwise) results.payload.gzipRatio = results.payload.pathwise.gzip / results.payload.tfjs.gzip;
  if (pw) {
    log('CSV throughput…');
    results.csv = await csvThroughput(pw, { quick });
    log('peak heap (child process)…');
    try { results.heap = peakHeap(); } catch (e) { results.heap = { error: String(e.message ?? e) }; }
  }
}
results.acceptance = acceptance(results);
const json = JSON.stringify(results, null, 2);
if (devRun) {
  console.log(json);
  log('development run (--only/--epochs): results.json and RESULTS.md left unchanged');
} else {
  writeFileSync(here + 'results.json', json + '\n');
  writeFileSync(here + 'RESULTS.md', writeReport(results));
  log('wrote bench/results.json and bench/RESULTS.md');
}
for (const a of results.acceptance) console.log(`${a.pass === null ? 'n/a ' : a.pass ? 'PASS' : 'FAIL'}  ${a.criterion}: ${a.value}`);

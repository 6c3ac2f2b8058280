// GEMM ceiling: loads bench/gemm/build/gemm.{mjs,wasm} (built by gemm/build.sh when missing or
// older than its sources) and times each product of one training step of the founding model at
// batch 32 with Eigen row-major, Eigen column-major and the trainer's own f32x4 kernels, plus the
// whole step in order. Reports GFLOP/s per CPU-second (best of repeats); the ceiling is the best.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, wallSeconds, log } from './measure.mjs';

const gemmDir = fileURLToPath(new URL('../gemm/', import.meta.url));
const NAMES = ['X·W1', 'H1·W2', 'H2·W3', 'H2ᵀ·d3 (dW3)', 'd3·W3ᵀ (dH2)', 'H1ᵀ·d2 (dW2)',
  'd2·W2ᵀ (dH1)', 'Xᵀ·d1 (dW1)'];
export const LAYOUTS = ['eigen-row-major', 'eigen-col-major', 'kernels'];

async function loadModule() {
  const built = gemmDir + 'build/gemm.wasm';
  const sources = [gemmDir + 'gemm.cpp', gemmDir + 'build.sh', gemmDir + '../../cpp/model/dense_kernels.h'];
  const stale = !existsSync(built) || !existsSync(gemmDir + 'build/gemm.mjs') ||
    sources.some((f) => existsSync(f) && statSync(f).mtimeMs > statSync(built).mtimeMs);
  if (stale) {
    log('building the GEMM module (bench/gemm/build.sh)');
    execFileSync('bash', [gemmDir + 'build.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const { default: create } = await import(gemmDir + 'build/gemm.mjs');
  return create({ wasmBinary: await readFile(gemmDir + 'build/gemm.wasm') });
}

// Seconds (cpu, wall) per single call of gemm_run(shape, layout, 1): calibrated rep count,
// best of `tries` timed blocks of about `target` seconds each.
function timeProduct(m, shape, layout, target, tries) {
  let reps = 1;
  for (;;) {
    const t0 = wallSeconds();
    m._gemm_run(shape, layout, reps);
    if (wallSeconds() - t0 > target / 4 || reps > 1e8) break;
    reps *= 4;
  }
  reps = Math.max(1, Math.round(reps * 4 * 1.0));
  let bestCpu = Infinity, bestWall = Infinity;
  for (let t = 0; t < tries; ++t) {
    const c0 = cpuSeconds(), w0 = wallSeconds();
    m._gemm_run(shape, layout, reps);
    bestCpu = Math.min(bestCpu, (cpuSeconds() - c0) / reps);
    bestWall = Math.min(bestWall, (wallSeconds() - w0) / reps);
  }
  return { cpu: bestCpu, wall: bestWall };
}

export async function measureGemm({ quick = false, trainFlopsPerSample, batch = 32 } = {}) {
  const m = await loadModule();
  const target = quick ? 0.05 : 0.15, tries = quick ? 3 : 5;
  const shapes = [];
  for (let s = 0; s < m._gemm_shape_count(); ++s) {
    const row = { name: NAMES[s], m: m._gemm_dim(s, 0), k: m._gemm_dim(s, 1), n: m._gemm_dim(s, 2),
      flops: m._gemm_flops(s) };
    for (let l = 0; l < LAYOUTS.length; ++l) {
      const t = timeProduct(m, s, l, target, tries);
      row[LAYOUTS[l]] = { gflopsCpu: row.flops / t.cpu / 1e9, gflopsWall: row.flops / t.wall / 1e9 };
    }
    shapes.push(row);
  }
  const stepFlops = shapes.reduce((a, r) => a + r.flops, 0);
  const steps = {};
  for (let l = 0; l < LAYOUTS.length; ++l) {
    const t = timeProduct(m, -1, l, target, tries);
    steps[LAYOUTS[l]] = { secondsCpu: t.cpu, gflopsCpu: stepFlops / t.cpu / 1e9, gflopsWall: stepFlops / t.wall / 1e9 };
  }
  // Best layout per product, summed: what a trainer choosing layouts per product could reach.
  const mixedSeconds = shapes.reduce((a, r) => a + r.flops / 1e9 /
    Math.max(...LAYOUTS.map((l) => r[l].gflopsCpu)), 0);
  const mixedGflops = stepFlops / mixedSeconds / 1e9;
  const ceilingGflops = Math.max(mixedGflops, ...LAYOUTS.map((l) => steps[l].gflopsCpu));
  const eigenGflops = Math.max(stepFlops / 1e9 / shapes.reduce((a, r) => a + r.flops / 1e9 /
    Math.max(r[LAYOUTS[0]].gflopsCpu, r[LAYOUTS[1]].gflopsCpu), 0), steps[LAYOUTS[0]].gflopsCpu, steps[LAYOUTS[1]].gflopsCpu);
  if (trainFlopsPerSample && Math.abs(stepFlops / batch - trainFlopsPerSample) > 1e-6) {
    throw new Error(`GEMM step flops ${stepFlops / batch}/sample != model ${trainFlopsPerSample}`);
  }
  return {
    shapes, steps, stepFlops, flopsPerSample: stepFlops / batch, mixedGflopsCpu: mixedGflops,
    ceilingGflopsCpu: ceilingGflops, eigenOnlyCeilingGflopsCpu: eigenGflops,
    ceilingSamplesPerCpuSecond: ceilingGflops * 1e9 / (stepFlops / batch),
  };
}

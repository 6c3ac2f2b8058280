// Timing helpers for the bench: process CPU time (user+system, all threads) next to wall time,
// and the median of repeated runs. CPU time is the headline: the machine is shared.
export function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export function wallSeconds() {
  return performance.now() / 1e3;
}

// Runs fn (sync or async) once; returns { value, cpu, wall } in seconds.
export async function timed(fn) {
  const c0 = cpuSeconds(), w0 = wallSeconds();
  const value = await fn();
  return { value, cpu: cpuSeconds() - c0, wall: wallSeconds() - w0 };
}

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Median of each numeric field over a list of result objects with the same keys.
export function medianFields(runs) {
  const out = {};
  for (const k of Object.keys(runs[0] ?? {})) {
    if (typeof runs[0][k] === 'number') out[k] = median(runs.map((r) => r[k]));
  }
  return out;
}

export function log(...args) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

// Samples per CPU-second between the first and the last epoch end (epochs 2..N), from the CPU
// times taken at each epoch end: the trainer's steady state, without setup and data conversion.
export function steadyRate(epochEndCpu, rowsPerEpoch) {
  if (epochEndCpu.length < 2) return NaN;
  return (rowsPerEpoch * (epochEndCpu.length - 1)) / (epochEndCpu.at(-1) - epochEndCpu[0]);
}

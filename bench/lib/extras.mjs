// The package-level figures of issue 6 besides training: CSV → Dataset throughput through the
// public parseCsv (50 MB generated CSV, as a string and as bytes), and the peak wasm heap while
// training on 100,000 × 50 rows (measured in a fresh child process, see heap_child.mjs).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { csvText } from './data.mjs';
import { timed, median, log } from './measure.mjs';

export async function csvThroughput(pw, { quick = false, targetBytes = 50e6 } = {}) {
  const perRow = csvText(200, 99).length / 200;
  const text = csvText(Math.ceil(targetBytes / perRow), 4242);
  const bytes = new TextEncoder().encode(text);
  const out = { bytes: bytes.length, rows: 0 };
  for (const [kind, input] of [['string', text], ['uint8', bytes]]) {
    const runs = [];
    for (let r = 0; r < (quick ? 1 : 3); ++r) {
      const t = await timed(() => pw.parseCsv(input));
      out.rows = t.value.rows ?? t.value.rowCount ?? out.rows;
      if (t.value.dispose) t.value.dispose();
      runs.push(t);
      log(`parseCsv(${kind}) ${(bytes.length / 1e6).toFixed(1)} MB: ${t.wall.toFixed(2)} s wall`);
    }
    out[kind] = { mbPerWallSecond: median(runs.map((t) => bytes.length / 1e6 / t.wall)),
      mbPerCpuSecond: median(runs.map((t) => bytes.length / 1e6 / t.cpu)) };
  }
  return out;
}

export function peakHeap({ rows = 100000, cols = 50, epochs = 1 } = {}) {
  const child = fileURLToPath(new URL('./heap_child.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [child, String(rows), String(cols), String(epochs)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

// Browser payload sizes (raw and gzip -9) of tfjs (core + layers + backend-wasm ES-module bundles
// + the SIMD .wasm, from node_modules dist files) and of the pathwise package, Papa Parse excluded.
// pathwise is measured as a page gets it: the glue JS and the .wasm as shipped, plus the wrapper
// bundled and minified the way a page's bundler does it (vite's engine, rolldown): one bundle of
// web/dist/index.js with everything it imports and one of the training worker
// (web/dist/worker/entry.js, started by worker mode) with everything *it* imports -- shared code is
// counted twice, as vite emits workers as separate bundles. tfjs's files are already minified
// bundles. The plain sum of the unbundled web/dist/*.js files is reported too (pathwiseFiles).
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../../', import.meta.url));

function sizes(files, root) {
  const rows = files.map((f) => {
    const buf = readFileSync(f);
    return { file: path.relative(root, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return { files: rows, raw: rows.reduce((a, r) => a + r.raw, 0), gzip: rows.reduce((a, r) => a + r.gzip, 0) };
}

export function tfjsPayload() {
  const dist = (pkg) => path.join(path.dirname(require.resolve(`@tensorflow/${pkg}/package.json`)), 'dist');
  const files = [
    path.join(dist('tfjs-core'), 'tf-core.fesm.min.js'),
    path.join(dist('tfjs-layers'), 'tf-layers.fesm.min.js'),
    path.join(dist('tfjs-backend-wasm'), 'tf-backend-wasm.fesm.min.js'),
    path.join(dist('tfjs-backend-wasm'), 'tfjs-backend-wasm-simd.wasm'),
  ];
  return sizes(files, path.join(repo, 'bench', 'node_modules'));
}

function gzipRow(file, buf) {
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

// Minified self-contained ESM bundle of one web/dist entry (glue, Papa Parse and node:* external).
async function bundle(entry) {
  const { rolldown } = await import('rolldown');
  const b = await rolldown({
    input: entry, platform: 'browser', logLevel: 'silent',
    external: (id) => id === 'papaparse' || id.startsWith('node:') || /pathwise\.mjs$/.test(id),
  });
  const { output } = await b.generate({ format: 'esm', minify: true, codeSplitting: false });
  await b.close();
  return Buffer.from(output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n'));
}

// null when the package is not built yet.
export async function pathwisePayload() {
  const wasmDir = path.join(repo, 'web', 'wasm'), distDir = path.join(repo, 'web', 'dist');
  if (!existsSync(path.join(wasmDir, 'pathwise.wasm')) || !existsSync(distDir)) return null;
  const rows = [
    gzipRow('web/wasm/pathwise.mjs', readFileSync(path.join(wasmDir, 'pathwise.mjs'))),
    gzipRow('web/wasm/pathwise.wasm', readFileSync(path.join(wasmDir, 'pathwise.wasm'))),
    gzipRow('web/dist/index.js + imports (bundled, minified)', await bundle(path.join(distDir, 'index.js'))),
    gzipRow('web/dist/worker/entry.js + imports (bundled, minified)', await bundle(path.join(distDir, 'worker', 'entry.js'))),
  ];
  return { files: rows, raw: rows.reduce((a, r) => a + r.raw, 0), gzip: rows.reduce((a, r) => a + r.gzip, 0) };
}

// The unbundled package files summed (glue + .wasm + every web/dist/**/*.js), for reference.
export function pathwiseFiles() {
  const wasmDir = path.join(repo, 'web', 'wasm'), distDir = path.join(repo, 'web', 'dist');
  if (!existsSync(path.join(wasmDir, 'pathwise.wasm')) || !existsSync(distDir)) return null;
  const walk = (dir) => readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(m?js)$/.test(n) ? [p] : [];
  });
  const files = [path.join(wasmDir, 'pathwise.mjs'), path.join(wasmDir, 'pathwise.wasm'), ...walk(distDir).sort()];
  return sizes(files, repo);
}

// Browser payload sizes (raw and gzip -9) of tfjs (core + layers + backend-wasm ES-module bundles
// + the SIMD .wasm, from node_modules dist files) and of the pathwise package (glue JS + .wasm +
// the compiled TypeScript wrapper in web/dist, Papa Parse excluded).
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

// null when the package is not built yet.
export function pathwisePayload() {
  const wasmDir = path.join(repo, 'web', 'wasm'), distDir = path.join(repo, 'web', 'dist');
  if (!existsSync(path.join(wasmDir, 'pathwise.wasm')) || !existsSync(distDir)) return null;
  const walk = (dir) => readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(m?js)$/.test(n) ? [p] : [];
  });
  const files = [path.join(wasmDir, 'pathwise.mjs'), path.join(wasmDir, 'pathwise.wasm'), ...walk(distDir).sort()];
  return sizes(files, repo);
}

// The package as users get it: `npm pack`, install the tarball into a fresh Vite app under /tmp,
// build it (exports map, worker and wasm asset resolution by the bundler), then run it in Chromium.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './browser.js';
import { serveStatic, type StaticServer } from './server.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const vite = join(repo, 'node_modules/vite/bin/vite.js');

// The consumer's code: worker training, an error from inside the worker, cancellation.
const MAIN_JS = `
import { crossValidateInWorker, Dataset, PathwiseError, trainInWorker } from 'pathwise';
const out = document.getElementById('out');
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const rows = Array.from({ length: 300 }, () => { const a = rand(), b = rand(); return [a.toFixed(4), b.toFixed(4), a + b > 1 ? 'yes' : 'no']; });
const data = Dataset.fromRows(['a', 'b', 'passed'], rows);
const result = {};
try { await trainInWorker(data, { target: 'nope' }); result.unknownColumn = 'no error'; }
catch (e) { result.unknownColumn = (e instanceof PathwiseError ? 'PathwiseError ' : 'other ') + e.code; }
const controller = new AbortController();
let lastEpoch = 0;
try {
  await trainInWorker(data, { target: 'passed', positive: 'yes', epochs: 1000, patience: 0, signal: controller.signal,
    onEpoch: (p) => { lastEpoch = p.epoch; if (p.epoch === 2) controller.abort(); } });
  result.cancel = 'finished';
} catch (e) { result.cancel = (e instanceof PathwiseError ? 'PathwiseError ' : 'other ') + e.code; result.cancelMessage = e.message; }
result.lastEpochAfterCancel = lastEpoch;
const model = await trainInWorker(data, { target: 'passed', positive: 'yes', epochs: 60, seed: 1 });
result.accuracy = model.evaluate(data).accuracy;
const folds = new Set();
const cv = await crossValidateInWorker(data, { target: 'passed', positive: 'yes', folds: 3, epochs: 10, onEpoch: (p) => folds.add(p.fold) });
result.cvFolds = cv.folds.length;
result.cvProgressFolds = [...folds];
result.cvAccuracy = cv.mean.accuracy;
out.textContent = JSON.stringify(result);
out.dataset.done = 'true';
`;
const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>pathwise consumer</title></head>
<body><pre id="out">running</pre><script type="module" src="./main.js"></script></body></html>
`;

let dir: string;
let server: StaticServer | undefined;
let s: Session | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pathwise-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: repo });
  const tarball = join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  const app = join(dir, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'pathwise-consumer', private: true, type: 'module' }));
  await writeFile(join(app, 'index.html'), INDEX_HTML);
  await writeFile(join(app, 'main.js'), MAIN_JS);
  await writeFile(join(app, 'vite.config.js'), "export default { base: './' };\n"); // no pathwise-specific settings
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app });
  await run('node', [vite, 'build', '--logLevel', 'warn'], { cwd: app });
});

afterAll(async () => {
  await s?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm pack → fresh Vite app', () => {
  it('the build contains the wasm and a separate worker chunk', async () => {
    const assets = await readdir(join(dir, 'app/dist/assets'));
    expect(assets.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
    expect(assets.some((f) => /^entry-.*\.js$/.test(f))).toBe(true); // web/dist/worker/entry.js, bundled as a worker
  });

  it('runs in Chromium under the CSP: trains in the worker, errors and cancellation cross the boundary', async () => {
    server = await serveStatic(join(dir, 'app/dist'));
    s = await launch();
    await s.page.goto(server.url);
    await s.page.waitForSelector('#out[data-done]', { timeout: 120_000 });
    const result = JSON.parse((await s.page.textContent('#out')) ?? '{}') as Record<string, unknown>;
    console.log(`npm-pack app: ${JSON.stringify(result)}; requests: ${s.requests.length}`);
    expect(result.unknownColumn).toBe('PathwiseError UNKNOWN_COLUMN');
    expect(result.cancel).toBe('PathwiseError CANCELLED');
    // Aborted at epoch 2 of 1000 (as seen by the page): the worker stops at its next slice boundary
    // (~15 ms of batches); the bound leaves room for a heavily loaded machine.
    const m = /^training was cancelled: the worker stopped (\d+) ms after the request, after epoch (\d+)$/.exec(String(result.cancelMessage));
    expect(m, String(result.cancelMessage)).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(1000);
    expect(Number(m![2])).toBeLessThan(1000);
    expect(result.accuracy).toBeGreaterThan(0.9);
    expect(result.cvFolds).toBe(3);
    expect(result.cvProgressFolds).toEqual([1, 2, 3]);
    expect(result.cvAccuracy).toBeGreaterThan(0.7);
    expect(s.requests.filter((r) => !r.startsWith(`GET ${server!.url}`) && !r.startsWith('GET data:'))).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(await s.cspViolations()).toEqual([]);
  });
});

// The published package: `npm pack` ships the built JS, types, wasm and CLI (nothing else), and
// the exports map resolves `pathwise` to web/dist with types first.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures.js';

const run = promisify(execFile);

describe('package', () => {
  it('npm pack ships web/dist, web/wasm and bin only', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'bin/pathwise.mjs', 'web/dist/index.js', 'web/dist/index.d.ts', 'web/wasm/pathwise.mjs', 'web/wasm/pathwise.wasm']) {
      expect(files).toContain(needed);
    }
    const outside = files.filter((f) => !/^(web\/dist\/|web\/wasm\/|bin\/|package\.json$|README\.md$|LICENSE)/.test(f));
    expect(outside).toEqual([]);
  });

  it('exports: types first, ESM import, CLI bin', () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as {
      type: string;
      exports: Record<string, Record<string, string>>;
      bin: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.type).toBe('module');
    expect(Object.keys(pkg.exports['.']!)).toEqual(['types', 'import']);
    expect(pkg.bin.pathwise).toBe('bin/pathwise.mjs');
    expect(pkg.dependencies.papaparse).toBe('5.7.1');
  });

  it("a consumer's `import 'pathwise'` resolves to web/dist", async () => {
    const { stdout } = await run('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('pathwise'))"], { cwd: repoRoot });
    expect(stdout.trim()).toBe(`file://${repoRoot}web/dist/index.js`);
  });
});

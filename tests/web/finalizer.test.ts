// The FinalizationRegistry safety net: a Model dropped without dispose() is freed after garbage
// collection (with one warning). Runs in a child Node with --expose-gc against web/dist.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures.js';

const run = promisify(execFile);

const script = `
import { Dataset, liveHandles, train } from 'pathwise';
const data = Dataset.fromObjects(Array.from({ length: 30 }, (_, i) => ({ x: i, y: i % 2 ? 'a' : 'b' })));
async function forget() { await train(data, { target: 'y', hidden: [2], epochs: 1 }); }
for (let i = 0; i < 3; i++) await forget();
console.log('before', liveHandles());
for (let i = 0; i < 100 && liveHandles() > 0; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
console.log('after', liveHandles());
`;

describe('FinalizationRegistry', () => {
  it('frees models that were never disposed, and warns once', async () => {
    const { stdout, stderr } = await run('node', ['--expose-gc', '--input-type=module', '-e', script], { cwd: repoRoot });
    expect(stdout).toBe('before 3\nafter 0\n');
    expect(stderr.match(/garbage-collected without dispose/g)).toHaveLength(1);
  });
});

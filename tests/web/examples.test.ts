// README examples are tests: examples/node/quickstart.mjs runs as a user would (import 'pathwise'
// resolves to this package through its exports map) and prints sane numbers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures.js';

const run = promisify(execFile);

describe('examples', () => {
  it('quickstart.mjs trains, evaluates, predicts and round-trips a model', async () => {
    const { stdout, stderr } = await run('node', ['examples/node/quickstart.mjs'], { cwd: repoRoot });
    expect(stderr).toBe('');
    const accuracy = Number(/^accuracy (\d\.\d{3})/m.exec(stdout)?.[1]);
    expect(accuracy).toBeGreaterThan(0.85);
    expect(stdout).toMatch(/^first test student: .+ \(P\(pass\) = [01]\.\d{3}\)$/m);
    expect(stdout).toContain('reloaded model predicts the same: true');
  });
});

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

  it('personalise.mjs explains a risky student, proposes changes and a learning path', async () => {
    const { stdout, stderr } = await run('node', ['examples/node/personalise.mjs'], { cwd: repoRoot });
    expect(stderr).toBe('');
    const p = Number(/^most at-risk test student: row \d+, P\(pass\) = (\d\.\d{3})$/m.exec(stdout)?.[1]);
    expect(p).toBeLessThan(0.5);
    // Each listed contribution is negative for the most at-risk student's top reasons.
    const reasons = [...stdout.matchAll(/^  (\w+) = .+: (-?\+?\d\.\d{3})$/gm)].map((m) => Number(m[2]));
    expect(reasons.length).toBe(4);
    expect(reasons[0]).toBeLessThan(0);
    // What-if lines only report changes that raise P(pass).
    for (const m of stdout.matchAll(/P\(pass\) (\d\.\d\d) -> (\d\.\d\d)$/gm)) expect(Number(m[2])).toBeGreaterThan(Number(m[1]));
    const auc = Number(/AUC (\d\.\d{3})/.exec(stdout)?.[1]);
    expect(auc).toBeGreaterThan(0.7);
    const steps = [...stdout.matchAll(/^  (\S+) \((\w+), mastery (\d\.\d\d)/gm)];
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(Number(s[3])).toBeLessThan(0.95); // only unmastered skills
    expect(stdout).not.toMatch(/^  mul-intro/m); // its prerequisite (add) is not met
  });
});

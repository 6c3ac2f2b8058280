// README examples are tests: examples/node/*.mjs run as a user would (import 'pathwise'
// resolves to this package through its exports map) and print sane numbers; README shows them verbatim.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('privacy.mjs imports with pseudonyms, leaves identifiers out, audits, writes a card, erases a student, clears all', async () => {
    const { stdout, stderr } = await run('node', ['examples/node/privacy.mjs'], { cwd: repoRoot });
    expect(stderr).toBe('');
    expect(stdout).toContain('dropped at import: name, email; pseudonymised: student_id\n');
    expect(stdout).toContain('left out of the features: student_id (identifier-name)\n');
    const gaps = [...stdout.matchAll(/^at-risk recall by (sex|address): \w+ (\d\.\d{3}), \w+ (\d\.\d{3}) \(gap (\d\.\d{3})\)$/gm)];
    expect(gaps.map((m) => m[1])).toEqual(['sex', 'address']);
    for (const m of gaps) expect(Number(m[4])).toBeCloseTo(Number(m[2]) - Number(m[3]), 2);
    expect(stdout).toMatch(/^# Model card: Predicting G3 >= 10 \(\d+ characters\)$/m);
    expect(stdout).toContain('retrained without student 00007: 649 → 648 rows, 30 features\n');
    expect(stdout).toContain('after clearAll(): model disposed true, live wasm objects 0\n');
    expect(stdout).not.toMatch(/Student \d{5}|@school\.example/); // no name or e-mail is ever printed
  });

  it.each(['quickstart.mjs', 'privacy.mjs'])('README.md shows %s verbatim (after its header comment)', (name) => {
    const lines = readFileSync(join(repoRoot, 'examples/node', name), 'utf8').split('\n');
    const body = lines.slice(lines.findIndex((l) => !l.startsWith('//'))).join('\n').trim();
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain(`\`\`\`js\n${body}\n\`\`\``);
  });
});

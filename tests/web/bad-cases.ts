// Shared by bad-inputs.test.ts and bad-inputs-cli.test.ts: the cases of tests/data/bad/cases.json
// and the path of each case's file (generated ones are written by tests/data/bad/make.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainOptions } from '../../web/src/index.js';
import { repoRoot } from './fixtures.js';

export interface BadCase {
  name: string;
  file: string;
  /** Written at test time by make.mjs (too big to commit). */
  generated?: boolean;
  /** train() options; `cv` runs crossValidate with that many folds instead. */
  options: TrainOptions & { cv?: number };
  expect:
    | { ok: true; rows?: number; task?: string; classes?: number; csvIssue?: { code: string; row: number } }
    | { code: string; messageIncludes: string };
  /**
   * CLI expectation (bin/pathwise.mjs): exit code; on error the code and a fragment of the one
   * "CODE: message" line; `warning`: text of a "warning: … malformed row(s)" line on stderr.
   */
  cli?: { exit: number; code?: string; includes?: string; warning?: string };
}

export const badDir = join(repoRoot, 'tests/data/bad');
export const cases: BadCase[] = JSON.parse(readFileSync(join(badDir, 'cases.json'), 'utf8')) as BadCase[];

let generatedDir: string | undefined;

/** Absolute path of a case's CSV file. */
export function casePath(c: BadCase): string {
  if (!c.generated) return join(badDir, c.file);
  if (!generatedDir) {
    generatedDir = mkdtempSync(join(tmpdir(), 'pathwise-bad-'));
    execFileSync('node', [join(badDir, 'make.mjs'), generatedDir]);
  }
  return join(generatedDir, c.file);
}

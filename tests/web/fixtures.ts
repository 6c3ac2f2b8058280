// Shared test fixtures: repository paths and small datasets with known structure.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Dataset } from '../../web/src/index.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const samplePath = fileURLToPath(new URL('../../examples/data/student-por.csv', import.meta.url));
export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export function sampleText(): string {
  return readFileSync(samplePath, 'utf8');
}

/**
 * 40 rows, two numeric features and a yes/no target that is "yes" exactly when x + z > 10
 * (linearly separable, both classes present in every reasonable split).
 */
export function tinyDataset(rows = 40): Dataset {
  const data = Array.from({ length: rows }, (_, i) => {
    const x = i % 10;
    const z = (i * 7) % 11;
    return { x, z, y: x + z > 10 ? 'yes' : 'no' };
  });
  return Dataset.fromObjects(data);
}

/** Options that train tinyDataset in a few milliseconds. */
export const tinyOptions = Object.freeze({ target: 'y', positive: 'yes', hidden: [4], epochs: 3, seed: 7 });

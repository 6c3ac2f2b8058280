// Shared helpers of the import tests: fixture loading and an independent HMAC-SHA-256 / SHA-1
// (node:crypto) to compute expected pseudonyms by hand, not through the code under test.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const KEY = 'test key: class 7b, 2026';

/** Raw bytes of a fixture in tests/data/formats/. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../data/formats/${name}`, import.meta.url)));
}

/** A UTF-8 fixture as text. */
export function fixture(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name));
}

/** Expected pseudonym: first 16 hex characters of HMAC-SHA-256(key, value), via node:crypto. */
export function hmac16(value: string, key: string = KEY): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
}

/** SHA-1 hex of text (xAPI mbox_sha1sum). */
export function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Rows of an AttemptLog as tuples [student, skill, item, correct, order] for readable expectations. */
export function logRows(log: { student: string[]; skill: string[]; item: (string | null)[]; correct: number[]; order: number[] }) {
  return log.student.map((s, i) => [s, log.skill[i], log.item[i], log.correct[i], log.order[i]]);
}

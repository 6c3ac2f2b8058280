// Launches Debian's Chromium through playwright-core (TOOLCHAIN.md §6) with a fresh profile, and
// records what the tests check: every request, console errors, page errors and CSP violations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  page: Page;
  /** `METHOD url` of every request made by the page or its workers, in order. */
  requests: string[];
  /** Console messages of type 'error' and uncaught page errors. */
  errors: string[];
  /** CSP violations seen by the page ('securitypolicyviolation' events). */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/** A headless Chromium with one page at 1280×800. */
export async function launch(): Promise<Session> {
  const profile = await mkdtemp(join(tmpdir(), 'pathwise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  await context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker console: ${m.text()}`)));
  return {
    context,
    page,
    requests,
    errors,
    cspViolations: () => page.evaluate(() => [...(globalThis as unknown as { __csp: string[] }).__csp]),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

import { expect, test, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createAccount } from '../fixtures/accounts';
import { waitForHydration } from '../fixtures/hydration';
import { AdminPage } from '../pages/admin-page';

// Issue 14, items 1, 2 and 4: what a phone downloads on its first visit of each page, counted
// as the server sends it (compressed bytes on the wire, headers aside), with the encodings and
// cache headers that make a second visit cost nothing. The budgets are in size-budget.json.
// Sizes are deterministic for a given build, so this is a real check, not a timed test.
// Runs in the phone project only: the files are the same on a desktop.

type Budget = { bytes: number; target: number; pages: string[] };
const budgets: Record<string, Budget> = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8')).budgets;

type Download = { path: string; kind: string; encoding: string; bytes: number; cacheControl: string; vary: string };

function kindOf(path: string, contentType: string): string {
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (contentType.startsWith('text/html')) return 'html';
  return 'other';
}

/** Every same-origin GET of a first visit of `path`, until the page is hydrated and quiet. */
async function firstVisit(page: Page, origin: string, path: string): Promise<Download[]> {
  const finished: Request[] = [];
  page.on('requestfinished', (r) => {
    if (new URL(r.url()).origin === origin) finished.push(r);
  });
  await page.goto(path);
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  const downloads: Download[] = [];
  for (const r of finished) {
    const res = await r.response();
    if (!res) continue;
    const headers = await res.allHeaders();
    const sizes = await r.sizes();
    const url = new URL(r.url());
    downloads.push({
      path: url.pathname,
      kind: kindOf(url.pathname, headers['content-type'] ?? ''),
      encoding: headers['content-encoding'] ?? 'identity',
      bytes: sizes.responseBodySize,
      cacheControl: headers['cache-control'] ?? '',
      vary: headers['vary'] ?? '',
    });
  }
  return downloads;
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

function report(path: string, downloads: Download[], budget: Budget): number {
  const total = downloads.reduce((sum, d) => sum + d.bytes, 0);
  const lines = downloads.map((d) => `  ${d.kind.padEnd(5)} ${d.encoding.padEnd(8)} ${kb(d.bytes).padStart(10)}  ${d.path}`);
  const target = total > budget.target ? `, ${kb(total - budget.target)} above the target of ${kb(budget.target)}` : '';
  console.log(`first visit of ${path}: ${kb(total)} on the wire (budget ${kb(budget.bytes)}${target})\n${lines.join('\n')}`);
  return total;
}

/** What every first visit must show, whatever its size: compressed files, cached for long. */
function expectServedWell(downloads: Download[]) {
  const page = downloads.find((d) => d.kind === 'html');
  expect(page, 'the page itself').toBeTruthy();
  expect(page!.encoding, 'pages are compressed as they are sent').toMatch(/^(br|gzip)$/);
  expect(page!.cacheControl, 'no one keeps a page').toContain('no-store');
  for (const kind of ['wasm', 'js', 'css']) {
    const file = downloads.find((d) => d.kind === kind);
    expect(file, `the page loads its ${kind}`).toBeTruthy();
    expect(file!.path, 'the build file names carry a content hash').toMatch(/\/pkg\/[^/]+\.[A-Za-z0-9_-]{20,}\.(wasm|js|css)$/);
    expect(file!.encoding, `${file!.path} is sent precompressed`).toBe('br');
    expect(file!.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(file!.vary.toLowerCase()).toContain('accept-encoding');
  }
}

for (const [name, budget] of Object.entries(budgets)) {
  for (const path of budget.pages) {
    test(`first visit of ${path} on a phone stays within the ${name} budget`, async ({ page, baseURL }, testInfo) => {
      test.skip(testInfo.project.name !== 'phone', 'the phone project measures; the files are the same on a desktop');
      if (name === 'admin') {
        // Signed in without loading any page, so that the visit below is still a first one.
        const me = createAccount({ admin: true });
        const res = await page.request.post('/api/sign_in', { form: { user_id: me.userId, password: me.password }, maxRedirects: 0 });
        expect(res.status(), await res.text()).toBeLessThan(400);
      }
      const downloads = await firstVisit(page, new URL(baseURL!).origin, path);
      if (name === 'admin') await new AdminPage(page).expectConsole();
      const total = report(path, downloads, budget);
      expectServedWell(downloads);
      expect(total, `first visit of ${path}: bytes on the wire`).toBeLessThanOrEqual(budget.bytes);
    });
  }
}

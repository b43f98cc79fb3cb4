import type { FullConfig } from '@playwright/test';

const WAIT_MS = Number(process.env.SSPR_E2E_WAIT_SECONDS ?? 120) * 1000;
const POLL_MS = 500;

/**
 * `cargo leptos end-to-end` starts the server and `npx playwright test` at the same moment,
 * so wait until `GET /health` answers 200 before any test runs.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL =
    config.projects[0]?.use.baseURL ?? process.env.SSPR_E2E_BASE_URL ?? 'http://127.0.0.1:3000';
  const healthURL = new URL('/health', baseURL).toString();
  const deadline = Date.now() + WAIT_MS;
  let last = 'no answer yet';

  while (Date.now() < deadline) {
    try {
      const response = await fetch(healthURL, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) {
        return;
      }
      last = `HTTP ${response.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  throw new Error(`${healthURL} did not answer 200 within ${WAIT_MS / 1000} s; last: ${last}`);
}

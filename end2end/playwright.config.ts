import { defineConfig } from '@playwright/test';

// The server under test. `cargo leptos end-to-end` starts it on Leptos.toml's site-addr.
const baseURL = process.env.SSPR_E2E_BASE_URL ?? 'http://127.0.0.1:3000';
// The second server, in front of a real OpenLDAP directory: ldap-server.sh starts both.
const ldapURL = 'http://127.0.0.1:3002';
// Two nodes on one PostgreSQL database behind HAProxy: cluster-server.sh starts them.
const clusterURL = 'http://127.0.0.1:3010';

// Only Debian's Chromium exists on these machines (Playwright cannot download its own build).
// The flags keep it off the network, which is closed here.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // The server and the test command start at the same moment: wait for /health.
  globalSetup: './global-setup.ts',
  // The delivery sinks (SMTP on 2525, SMS/voice webhook on 2580; see sinks.mjs), where the server
  // under test sends its e-mail, texts and calls and the tests read them (fixtures/inbox.ts).
  // The sspr of the "ldap" project, on a throwaway slapd (ldap-server.sh), delivering to the same sinks.
  // The cluster of the "cluster" project (cluster-server.sh), delivering to the same sinks too.
  webServer: [
    {
      command: 'node sinks.mjs',
      url: 'http://127.0.0.1:2580/health',
      reuseExistingServer: true,
      timeout: 15_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: 'bash ldap-server.sh',
      url: `${ldapURL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: 'bash cluster-server.sh',
      url: `${clusterURL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    // Deterministic language negotiation: tests that want French ask for it.
    locale: 'en-US',
    launchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      // The policy spec changes the one policy every test shares: it runs alone, last.
      testIgnore: [/admin-policy\.spec\.ts/, /ldap-.*\.spec\.ts/, /cluster\.spec\.ts/],
      use: {
        browserName: 'chromium',
        launchOptions,
        viewport: { width: 1280, height: 800 },
      },
    },
    {
      name: 'phone',
      testIgnore: [/admin-policy\.spec\.ts/, /ldap-.*\.spec\.ts/, /cluster\.spec\.ts/],
      use: {
        browserName: 'chromium',
        launchOptions,
        viewport: { width: 390, height: 844 },
        screen: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent:
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      },
    },
    {
      // Resets and unlocks written to a real OpenLDAP directory, read back with ldapwhoami.
      name: 'ldap',
      testMatch: /ldap-.*\.spec\.ts/,
      use: {
        baseURL: ldapURL,
        browserName: 'chromium',
        launchOptions,
        viewport: { width: 1280, height: 800 },
      },
    },
    {
      // Two nodes behind HAProxy: steps alternate between them, nodes stop mid-flow and restart.
      name: 'cluster',
      testMatch: /cluster\.spec\.ts/,
      use: {
        baseURL: clusterURL,
        browserName: 'chromium',
        launchOptions,
        viewport: { width: 1280, height: 800 },
      },
    },
    {
      name: 'admin-policy',
      testMatch: /admin-policy\.spec\.ts/,
      dependencies: ['desktop', 'phone'],
      use: {
        browserName: 'chromium',
        launchOptions,
        viewport: { width: 1280, height: 800 },
      },
    },
  ],
});

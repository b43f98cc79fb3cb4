import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createAccount, repoRoot, type Account } from '../fixtures/accounts';
import {
  cluster,
  metricValue,
  nodeMetrics,
  nodeStarts,
  type Served,
  sqlValue,
  stopNode,
  trackNodes,
  waitForRestart,
} from '../fixtures/cluster';
import { latestCode, messagesTo } from '../fixtures/inbox';
import { registerMethods, ResetPage, strongPassword, waitForNotice } from '../pages/reset-page';
import { SignInPage } from '../pages/sign-in-page';
import { reset as resetTexts, securityInfo } from '../pages/texts';

// Two sspr nodes on one PostgreSQL database behind HAProxy (end2end/cluster-server.sh): round
// robin, no sticky sessions. Whatever a step leaves behind (a session, a code, a reset under
// way, a queued message) must be found by the other node. The tests stop nodes: they run one
// after the other.
test.describe.configure({ mode: 'serial' });

/** The cluster's own accounts, in its database. */
function clusterAccount(): Account {
  return createAccount({ databaseUrl: cluster().databaseUrl });
}

/** Every answer came from the other node than the one before it. */
function expectAlternating(served: Served[]): void {
  const steps = served.map((s) => `${s.node} ${s.method} ${s.path} ${s.status}`);
  for (let i = 1; i < served.length; i++) {
    expect(served[i].node, `step ${i} of:\n${steps.join('\n')}`).not.toBe(served[i - 1].node);
  }
}

/** A reset through the e-mail gate and a sign-in with the new password, without scripts. */
async function resetByEmail(page: Page, account: Account, address: string, masked: string, between?: () => Promise<void>) {
  const reset = new ResetPage(page, { javaScript: false });
  await reset.goto();
  await reset.start(account.userId);
  await reset.expectGates(account.userId, ['email']);
  const sent = await reset.chooseGate('email');
  await reset.expectCodeSent('email', reset.t.codeSentEmail(masked));
  const code = await latestCode(address, 'email', { after: sent.at, ignore: [account.displayName] });
  if (between) await between();
  await reset.enterCode(code);
  await reset.expectChoose(account.userId);
  const password = strongPassword();
  const done = await reset.setPassword(password);
  await reset.expectDone();
  await reset.signInLink.click();
  await new SignInPage(page).signIn(account.userId, password);
  await expect(page.getByRole('heading', { level: 1, name: securityInfo.en.heading, exact: true })).toBeVisible();
  return { codeSentAt: sent.at, doneAt: done.at };
}

test('both nodes started at once on an empty database: migrated once, one demo directory, both serving', async () => {
  const { nodes } = cluster();
  for (const node of Object.values(nodes)) {
    const health = await fetch(`${node.url}/health`);
    expect(health.status).toBe(200);
  }
  expect(nodeStarts('a')).toBe(1);
  expect(nodeStarts('b')).toBe(1);
  const migrations = readdirSync(path.join(repoRoot, 'migrations', 'postgres')).filter((f) => f.endsWith('.sql'));
  expect(Number(sqlValue('SELECT count(*) FROM _sqlx_migrations WHERE success'))).toBe(migrations.length);
  expect(Number(sqlValue("SELECT count(*) FROM accounts WHERE user_id = 'alice@contoso.example'"))).toBe(1);
});

test.describe('without scripts', () => {
  test.use({ javaScriptEnabled: false });

  test('a whole registration and a whole reset, every page and every form post on the other node than the one before', async ({ page }) => {
    test.slow();
    const account = clusterAccount();
    const served = trackNodes(page);
    const { email: home } = await registerMethods(page, account, { email: true, javaScript: false, signOut: true });
    await resetByEmail(page, account, home!.address, home!.masked);

    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((s) => s.method === 'POST').length).toBeGreaterThan(5);
    expectAlternating(served);
  });

  test('a node stopped with SIGTERM in the middle of a reset: the reset goes on through the other, and each message is sent once', async ({ page }) => {
    test.slow();
    const account = clusterAccount();
    const { email: home } = await registerMethods(page, account, { email: true, javaScript: false, signOut: true });
    let stopped = 0;
    // The code was sent (by either node's delivery worker); now node a stops.
    const { codeSentAt, doneAt } = await resetByEmail(page, account, home!.address, home!.masked, async () => {
      stopped = stopNode('a');
    });

    // One code for the reset, one notice of the change to each address: none lost, none sent
    // by both delivery workers.
    const subject = resetTexts.en.noticeResetSubject;
    for (const address of [account.email, home!.address]) await waitForNotice(address, subject, doneAt);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const codes = (await messagesTo(home!.address, 'email')).filter((m) => m.receivedAt >= codeSentAt && m.receivedAt < doneAt);
    expect(codes).toHaveLength(1);
    for (const address of [account.email, home!.address]) {
      const notices = (await messagesTo(address, 'email')).filter((m) => m.receivedAt >= doneAt && m.channel === 'email' && m.subject === subject);
      expect(notices, address).toHaveLength(1);
    }
    expect(Number(sqlValue('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL'))).toBe(0);

    await waitForRestart('a', stopped);
    expect(nodeStarts('a')).toBe(2);
  });
});

test('with scripts, a registration and a reset use both nodes, and each node counts its own requests', async ({ page }) => {
  test.slow();
  const before = { a: await nodeMetrics('a'), b: await nodeMetrics('b') };
  const account = clusterAccount();
  const served = trackNodes(page);
  const { email: home } = await registerMethods(page, account, { email: true, signOut: true });
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(account.userId);
  await reset.expectGates(account.userId, ['email']);
  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);
  await reset.expectChoose(account.userId);
  await reset.setPassword(strongPassword());
  await reset.expectDone();

  // The page's router posts each form and fetches the page it leads to. Its requests share a
  // kept-alive connection, which HAProxy may keep on one node for a while: both nodes answer,
  // not necessarily in turn.
  expect(served.length).toBeGreaterThan(15);
  expect(new Set(served.map((s) => s.node))).toEqual(new Set(['a', 'b']));
  const after = { a: await nodeMetrics('a'), b: await nodeMetrics('b') };
  for (const node of ['a', 'b'] as const) {
    const answered = (m: Map<string, number>) => metricValue(m, 'sspr_http_requests_total');
    expect(answered(after[node]) - answered(before[node]), `requests answered by node ${node}`).toBeGreaterThan(0);
  }
  const completed = (m: Map<string, number>) => metricValue(m, 'sspr_audit_events_total', { event: 'reset_completed' });
  expect(completed(after.a) + completed(after.b) - completed(before.a) - completed(before.b)).toBe(1);
});

test('a rolling restart under load: every request answered, and /metrics read while it runs', async () => {
  test.setTimeout(120_000);
  const { url } = cluster();
  // 4 connections for 14 s on the reset page (a database read per request).
  const wrk = spawn('wrk', ['-t2', '-c4', '-d14s', `${url}/reset`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  wrk.stdout.on('data', (d) => (output += d));
  wrk.stderr.on('data', (d) => (output += d));
  const finished = new Promise<number>((resolve) => wrk.on('close', (code) => resolve(code ?? -1)));

  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const during = await nodeMetrics('b');
  expect(metricValue(during, 'sspr_http_requests_total', { route: '/reset' })).toBeGreaterThan(0);
  for (const node of ['a', 'b'] as const) {
    const startsBefore = nodeStarts(node);
    const old = stopNode(node);
    await waitForRestart(node, old);
    expect(nodeStarts(node)).toBe(startsBefore + 1);
  }
  expect(await finished, output).toBe(0);
  console.log(`wrk during the rolling restart:\n${output}`);
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  expect(requests, output).toBeGreaterThan(100);
  expect(output, 'no request failed or was refused').not.toMatch(/Non-2xx or 3xx responses|Socket errors/);
});

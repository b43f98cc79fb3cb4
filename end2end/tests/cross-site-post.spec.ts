import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

// Server functions refuse POSTs that come from another site (CSRF defence).

test('POST /api/sign_in is refused with 403 when it comes from another site', async ({ request, baseURL }) => {
  const account = createAccount();
  const origin = new URL(baseURL!).origin;
  const form = { user_id: account.userId, password: account.password };

  const crossSite = await request.post('/api/sign_in', {
    form,
    headers: { 'Sec-Fetch-Site': 'cross-site' },
    maxRedirects: 0,
  });
  expect(crossSite.status(), 'Sec-Fetch-Site: cross-site').toBe(403);

  const foreignOrigin = await request.post('/api/sign_in', {
    form,
    headers: { Origin: 'https://attacker.example' },
    maxRedirects: 0,
  });
  expect(foreignOrigin.status(), 'foreign Origin').toBe(403);

  const both = await request.post('/api/sign_in', {
    form,
    headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
    maxRedirects: 0,
  });
  expect(both.status(), 'both').toBe(403);

  const sameOrigin = await request.post('/api/sign_in', {
    form,
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(sameOrigin.status(), 'same Origin').not.toBe(403);
  expect(sameOrigin.status(), 'same Origin').toBeLessThan(500);
});

test('a form on another site cannot sign a browser in', async ({ page, baseURL }) => {
  const account = createAccount();
  const target = new URL(baseURL!);
  // localhost and 127.0.0.1 are different sites to the browser, yet both reach this machine.
  // The attacker's page is served by Playwright itself (never by sspr, so none of our headers:
  // our CSP's form-action 'self' would otherwise stop the post before it leaves the browser).
  const attacker = new URL('/attacker.html', baseURL!);
  attacker.hostname = target.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const action = new URL('/api/sign_in', target).toString();
  await page.route(attacker.toString(), (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Win a prize</title>
        <form method="post" action="${action}">
          <input type="hidden" name="user_id" value="${account.userId}">
          <input type="hidden" name="password" value="${account.password}">
          <button>Claim</button>
        </form></html>`,
    }),
  );
  await page.goto(attacker.toString());

  const response = page.waitForResponse((r) => r.url() === action && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Claim' }).click();
  const refused = await response;
  expect(refused.status()).toBe(403);
  await page.waitForURL(action);

  // And no session was opened for the target site.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expect(signIn.userId).toBeVisible();
  await expect(new SecurityInfoPage(page).heading1).toHaveCount(0);
});

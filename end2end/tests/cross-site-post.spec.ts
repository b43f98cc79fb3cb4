import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
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
  // localhost and 127.0.0.1 are different sites to the browser, yet both reach the test server.
  const otherSite = new URL(baseURL!);
  otherSite.hostname = target.hostname === 'localhost' ? '127.0.0.1' : 'localhost';

  const signInOnOtherSite = new SignInPage(page);
  await signInOnOtherSite.open(new URL('/setup', otherSite).toString());
  await expectNoA11yViolations(page);

  const action = new URL('/api/sign_in', target).toString();
  const response = page.waitForResponse(
    (r) => r.url() === action && r.request().method() === 'POST',
  );
  await page.evaluate(
    ({ action, userId, password }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      for (const [name, value] of [['user_id', userId], ['password', password]]) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    },
    { action, userId: account.userId, password: account.password },
  );
  expect((await response).status()).toBe(403);
  // Let the refused navigation finish before navigating again.
  await page.waitForURL(action);

  // And no session was opened for the target site.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expect(signIn.userId).toBeVisible();
  await expect(new SecurityInfoPage(page).heading1).toHaveCount(0);
});

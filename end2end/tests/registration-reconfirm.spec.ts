import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../fixtures/axe';
import { latestCode } from '../fixtures/inbox';
import { waitForHydration } from '../fixtures/hydration';
import { RegistrationPage } from '../pages/registration-page';
import { SignInPage } from '../pages/sign-in-page';
import { registration } from '../pages/texts';
import { en } from '../pages/catalogue';

// Rita, of the demo directory, registered 200 days ago: past the policy's 180 days, sign-in asks
// her to re-confirm. With the default policy "Looks good" re-verifies her phone and e-mail with
// fresh codes. The test changes her state, so it runs once (desktop project) per server start.
// Issue 12, item 4: until every code is in, nothing says "confirmed" and the methods being
// checked do not show "Verified"; the last code confirms, and the page shows the finished state.
const rita = { userId: 'rita@contoso.example', password: 'correct horse battery staple', displayName: 'Rita Moreau' };

test('a long-registered user re-confirms her methods with fresh codes', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the demo account is shared: one project changes it');
  test.slow();
  const t = registration.en;
  const signIn = new SignInPage(page, 'en');
  await signIn.goto();
  await signIn.signIn(rita.userId, rita.password);
  await expect(page.getByRole('heading', { level: 1, name: en.text('reconfirm_title') })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByText('+33 6 •• •• •• 01')).toBeVisible();
  await expect(page.getByText('r•••@example.org')).toBeVisible();
  await expectNoA11yViolations(page);

  const before = Date.now();
  await page.getByRole('button', { name: en.text('looks_good_button'), exact: true }).click();
  await expect(page.getByText(t.reconfirmCodesIntro, { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: t.reconfirmCodesSent })).toBeVisible();
  // (The intro says it will be "confirmed once every code is in": only the thanks must not show.)
  await expect(page.getByText(en.text('reconfirmed_status'))).toHaveCount(0);
  for (const id of ['#auth_phone', '#auth_email']) {
    await expect(page.locator(id).getByText(t.rechecking, { exact: true })).toBeVisible();
    await expect(page.locator(id).getByText(t.verified, { exact: true })).toHaveCount(0);
  }
  const sms = await latestCode('+33612345601', 'sms', { after: before });
  const mail = await latestCode('rita.home@example.org', 'email', { after: before, ignore: [rita.displayName] });
  await expectNoA11yViolations(page);

  const phoneCard = page.locator('#auth_phone');
  await phoneCard.getByLabel(t.code, { exact: true }).fill(sms);
  await phoneCard.getByRole('button', { name: t.verify, exact: true }).click();
  await expect(page.locator('#auth_phone').getByRole('button', { name: t.verify, exact: true })).toHaveCount(0);
  // The phone is verified again; the e-mail still waits, so nothing is confirmed yet.
  await expect(page.locator('#auth_phone').getByText(t.verified, { exact: true })).toBeVisible();
  await expect(page.locator('#auth_email').getByText(t.rechecking, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: en.text('reconfirm_title') })).toBeVisible();

  const emailCard = page.locator('#auth_email');
  await emailCard.getByLabel(t.code, { exact: true }).fill(mail);
  await emailCard.getByRole('button', { name: t.verify, exact: true }).click();

  // Confirmed: the registration page, finished as of today, not the question, from now on.
  await expect(page.getByRole('heading', { level: 1, name: t.heading })).toBeVisible();
  const reg = new RegistrationPage(page);
  await reg.expectFinished(new Date());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: t.heading })).toBeVisible();
  await reg.expectFinished(new Date());
});

import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { ResetPage } from '../pages/reset-page';

// Issue 12, item 9: the reset pages named the account "Identifiant: …"; French puts a space
// before the colon ("Identifiant : …"). English keeps "User ID: …".

test.describe('in French', () => {
  test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

  test('the user ID line has the French space before its colon', async ({ page }) => {
    const account = createAccount();
    const reset = new ResetPage(page, { lang: 'fr' });
    await reset.goto();
    await reset.start(account.userId);
    await reset.expectStopped('notRegistered', account.userId);
    await expect(page.getByText(reset.t.userIdLine(account.userId), { exact: true })).toBeVisible();
  });
});

test('in English the user ID line reads "User ID: …"', async ({ page }) => {
  const account = createAccount();
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(account.userId);
  await reset.expectStopped('notRegistered', account.userId);
  await expect(page.getByText(reset.t.userIdLine(account.userId), { exact: true })).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { SignInPage } from '../pages/sign-in-page';
import { changePassword, securityInfo, signedOutMessage } from '../pages/texts';

// Every form is a plain HTML form post first: the whole sign-in works with scripts off.
test.use({ javaScriptEnabled: false });

test('sign-in, required password change and sign-out work without JavaScript', async ({ page }) => {
  const account = createAccount({ mustChange: true });
  const signIn = new SignInPage(page);
  await page.goto('/setup');
  await expect(signIn.heading1).toBeVisible();

  // The page object's helpers wait for hydration; here only its locators are used.
  const submit = async (userId: string, password: string) => {
    await signIn.userId.fill(userId);
    await signIn.password.fill(password);
    await signIn.submit.click();
  };
  await submit(account.userId, 'not the right password');
  await expect(signIn.badCredentialsAlert).toBeVisible();
  await expect(page).toHaveURL(/\/setup\?error=/);

  await submit(account.userId, account.password);
  await expect(page.getByRole('heading', { level: 1, name: changePassword.heading })).toBeVisible();
  await page.getByLabel(changePassword.newPassword, { exact: true }).fill('too short');
  await page.getByLabel(changePassword.confirmNewPassword, { exact: true }).fill('too short');
  await page.getByRole('button', { name: changePassword.submit }).click();
  await expect(page.getByRole('alert').filter({ hasText: changePassword.tooShort })).toBeVisible();

  const fresh = 'a river of quiet violet stones';
  await page.getByLabel(changePassword.newPassword, { exact: true }).fill(fresh);
  await page.getByLabel(changePassword.confirmNewPassword, { exact: true }).fill(fresh);
  await page.getByRole('button', { name: changePassword.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: securityInfo.en.heading })).toBeVisible();
  await expect(page.getByText(securityInfo.en.signedInAs(account.displayName))).toBeVisible();

  await page.getByRole('button', { name: securityInfo.en.signOut }).click();
  await expect(page.getByRole('status').filter({ hasText: signedOutMessage })).toBeVisible();
  await expect(signIn.heading1).toBeVisible();
});

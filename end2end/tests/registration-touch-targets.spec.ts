import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { RegistrationPage } from '../pages/registration-page';
import { changePassword } from '../pages/texts';

// Issue 12, item 9: the "Change your password" link of /setup was 19 px high on a phone; WCAG
// 2.2 (2.5.8) and SPEC §9 ask for touch targets of at least 24 × 24 px.

test('the "Change your password" link is at least 24 px high', async ({ page }) => {
  const account = createAccount();
  await RegistrationPage.signIn(page, account);
  const link = page.getByRole('link', { name: changePassword.heading, exact: true });
  await expect(link).toHaveAttribute('href', '/password');
  const box = await link.boundingBox();
  expect(box, 'the link is laid out').not.toBeNull();
  expect(box!.height).toBeGreaterThanOrEqual(24);
});

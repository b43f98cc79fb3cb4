import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { ChangePasswordPage } from '../pages/change-password-page';
import { OutboxPage } from '../pages/outbox-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';
import { outbox as outboxTexts } from '../pages/texts';

test('a password change queues a "password changed" e-mail to the account', async ({ page }) => {
  const account = createAccount({ mustChange: true });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  const change = new ChangePasswordPage(page);
  await change.expectShown();
  await change.change('a brand new passphrase for e2e 7');
  await new SecurityInfoPage(page).expectShownFor(account.displayName);

  const outbox = new OutboxPage(page);
  const message = outbox.messagesTo(account.email, outboxTexts.passwordChangedSubject);
  // The message is queued by the change; reload a few times in case queuing trails the response.
  await expect(async () => {
    await outbox.goto();
    await expect(message).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  await expect(outbox.table).toBeVisible();
  await expect(message).toContainText(/\b(sent|queued)\b/i);
  await expectNoA11yViolations(page);
});

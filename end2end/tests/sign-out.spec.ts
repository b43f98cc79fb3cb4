import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';
import { signedOutMessage } from '../pages/texts';

test('signing out ends the session', async ({ page, context, browser }) => {
  const account = createAccount();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  const securityInfo = new SecurityInfoPage(page);
  await securityInfo.expectShownFor(account.displayName);
  const cookiesWhileSignedIn = await context.cookies();

  await securityInfo.signOut();

  await expect(signIn.heading1).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: signedOutMessage })).toBeVisible();
  await expect(securityInfo.heading1).toBeHidden();
  await expectNoA11yViolations(page);

  // Coming back shows the sign-in form: the session is gone.
  await signIn.goto();
  await expect(signIn.userId).toBeVisible();
  await expect(securityInfo.heading1).toHaveCount(0);

  // Ended on the server too: replaying the cookies held before signing out does not sign in.
  const replay = await browser.newContext();
  try {
    await replay.addCookies(cookiesWhileSignedIn);
    const replayPage = await replay.newPage();
    const replaySignIn = new SignInPage(replayPage);
    await replaySignIn.goto();
    await expect(replaySignIn.userId).toBeVisible();
    await expect(new SecurityInfoPage(replayPage).heading1).toHaveCount(0);
  } finally {
    await replay.close();
  }
});

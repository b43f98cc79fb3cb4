import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { registerMethods, ResetPage, strongPassword } from '../pages/reset-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

// Administrators always need two gates, proving two different methods.

test('an administrator passes the text gate, then the e-mail gate, then sets a new password', async ({ page }) => {
  test.slow();
  const admin = createAccount({ admin: true });
  const { phone, email: home } = await registerMethods(page, admin, { phone: true, email: true, signOut: true });

  const reset = new ResetPage(page);
  const t = reset.t;
  await reset.goto();
  await reset.start(admin.userId);

  // Step 1 of 2: the phone (text or call) or the e-mail; never security questions for an admin.
  await reset.expectGates(admin.userId, ['textPhone', 'callPhone', 'email'], 1, 2);
  await reset.passCodeGate('textPhone', phone!.e164, phone!.masked);

  // Step 2 of 2: the phone is passed, so both of its buttons are gone; only the e-mail is left.
  await reset.expectGates(admin.userId, ['email'], 2, 2);
  await expect(reset.chooseHeading).toHaveCount(0);
  await expect(reset.code).toHaveCount(0);
  await reset.passCodeGate('email', home!.address, home!.masked, [admin.displayName]);

  // Two methods registered: the shorter minimum applies.
  await reset.expectChoose(admin.userId);
  await expect(reset.rule(t.ruleLength(8, 128))).toBeVisible();
  const password = strongPassword();
  await reset.setPassword(password);
  await reset.expectDone();

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(admin.userId, password);
  await new SecurityInfoPage(page).expectShownFor(admin.displayName);
});

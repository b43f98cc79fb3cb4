import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { latestCode } from '../fixtures/inbox';
import { registerMethods, ResetPage, strongPassword } from '../pages/reset-page';
import { SignInPage } from '../pages/sign-in-page';
import { securityInfo } from '../pages/texts';

// Without scripts every step of the reset is a plain HTML form post: the server redirects back
// to /reset?resume=1 (or /reset?resume=1&error=…) and the page shows the step the flow is at. There is no proof of
// work then; a stricter per-address limit applies instead.
test.use({ javaScriptEnabled: false });

test('a whole reset through the e-mail gate with plain form posts, a malformed code shown at its field', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const { email: home } = await registerMethods(page, account, { email: true, javaScript: false });

  const reset = new ResetPage(page, { javaScript: false });
  const t = reset.t;
  await reset.gotoFromHome();
  await expect(reset.powStatus).toHaveText('');

  await reset.start(account.userId);
  await expect(page).toHaveURL(/\/reset\?resume=1$/);
  await reset.expectGates(account.userId, ['email']);

  const sent = await reset.chooseGate('email');
  await expect(page).toHaveURL(/\/reset\?resume=1$/);
  await reset.expectCodeSent('email', t.codeSentEmail(home!.masked));
  const code = await latestCode(home!.address, 'email', { after: sent.at, ignore: [account.displayName] });

  // Three digits: the refusal comes back in the address and shows at the Code field.
  await reset.enterCode(code.slice(0, 3));
  await expect(page).toHaveURL(/\/reset\?resume=1&error=/);
  await reset.expectFieldError(reset.code, t.notACode);
  await reset.expectCodeSent('email', t.codeSentEmail(home!.masked));

  await reset.enterCode(code);
  await expect(page).toHaveURL(/\/reset\?resume=1$/);
  await reset.expectChoose(account.userId);
  // Without scripts the rules are listed, not judged.
  await reset.expectRule(t.ruleLength(15, 128), 'open');

  const password = strongPassword();
  await reset.setPassword(password, `${password} typo`);
  await expect(page).toHaveURL(/\/reset\?resume=1&error=/);
  await reset.expectFieldError(reset.confirmPassword, t.mismatch);

  await reset.setPassword(password);
  await expect(page).toHaveURL(/\/reset\?resume=1$/);
  await reset.expectDone();

  await reset.signInLink.click();
  const signIn = new SignInPage(page);
  await expect(signIn.heading1).toBeVisible();
  await signIn.signIn(account.userId, password);
  await expect(page.getByRole('heading', { level: 1, name: securityInfo.en.heading, exact: true })).toBeVisible();
});

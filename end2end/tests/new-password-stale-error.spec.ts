import { expect, type Locator, type Page, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { ChangePasswordPage } from '../pages/change-password-page';
import { PasswordPage } from '../pages/password-page';
import { registerMethods, ResetPage } from '../pages/reset-page';
import { SignInPage } from '../pages/sign-in-page';
import { changeOwnPassword as t } from '../pages/texts';

// Issue 12, item 12: the server's "too common" refusal stayed at New password while the user
// typed another password, beside rules that were all ticked. It judged what was submitted: it
// now goes as soon as the user edits the field (the next submit judges what is there), and while
// it applies the "not common" rule is marked not met. The fields are shared by /password, the
// must-change page and the reset portal (src/components/new_password.rs): each is tried, since
// each brings the server's answer back its own way.

const COMMON = 'password1234567890';
const ANOTHER = 'violet kettle grumbles at dawn';

/** The new-password fields of any of the three pages, and how to submit them. */
interface Fields {
  page: Page;
  newPassword: Locator;
  confirm: Locator;
  submit(newPassword: string): Promise<unknown>;
}

async function expectRefusalGoesOnEdit(f: Fields): Promise<void> {
  const alert = f.page.getByRole('alert').filter({ hasText: t.common });
  const notCommon = f.page.getByRole('listitem').filter({ hasText: t.ruleNotCommon });

  await f.submit(COMMON);
  await expect(alert).toBeVisible();
  await expect(f.newPassword).toHaveAttribute('aria-invalid', 'true');
  await expect(notCommon).toContainText(t.ruleNotMet);

  // Editing the confirmation alone does not make the refused password acceptable.
  await f.confirm.fill(ANOTHER);
  await expect(alert).toBeVisible();

  await f.newPassword.fill(ANOTHER);
  await expect(alert).toHaveCount(0);
  await expect(f.newPassword).not.toHaveAttribute('aria-invalid', 'true');
  await expect(notCommon).not.toContainText(t.ruleNotMet);
  await expect(notCommon).not.toContainText(t.ruleMet);
  await expectNoA11yViolations(f.page);

  // Submitted again, the refused password is refused again.
  await f.submit(COMMON);
  await expect(alert).toBeVisible();
  await expect(f.newPassword).toHaveAttribute('aria-invalid', 'true');
}

test('on /password, the "too common" error goes once another password is typed', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const pw = new PasswordPage(page);
  await pw.signIn(account.userId, account.password);
  await expectRefusalGoesOnEdit({
    page,
    newPassword: pw.newPassword,
    confirm: pw.confirmNewPassword,
    submit: (p) => pw.change(account.password, p),
  });
});

test('on the must-change page, the "too common" error goes once another password is typed', async ({ page }) => {
  test.slow();
  const account = createAccount({ mustChange: true });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(account.userId, account.password);
  const change = new ChangePasswordPage(page);
  await change.expectShown();
  await expectRefusalGoesOnEdit({
    page,
    newPassword: change.newPassword,
    confirm: change.confirmNewPassword,
    submit: (p) => change.change(p),
  });
});

test('at a reset, the "too common" error goes once another password is typed', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const { email: home } = await registerMethods(page, account, { email: true, signOut: true });
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(account.userId);
  await reset.passCodeGate('email', home!.address, home!.masked, [account.displayName]);
  await reset.expectChoose(account.userId);
  await expectRefusalGoesOnEdit({
    page,
    newPassword: reset.newPassword,
    confirm: reset.confirmPassword,
    submit: (p) => reset.setPassword(p),
  });
});

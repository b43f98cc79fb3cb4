import { expect, test, type Page } from '@playwright/test';
import { attribute, binds, createDirectoryPerson, failBinds, type DirectoryAccount } from '../fixtures/directory';
import type { TestAddress } from '../fixtures/contacts';
import { en } from '../pages/catalogue';
import { PasswordPage } from '../pages/password-page';
import { registerMethods, ResetPage, strongPassword, waitForNotice } from '../pages/reset-page';
import { SecurityInfoPage } from '../pages/security-info-page';
import { SignInPage } from '../pages/sign-in-page';

// sspr in front of a real OpenLDAP directory (project "ldap": end2end/ldap-server.sh). What a
// reset or an unlock does is read back from the directory with OpenLDAP's own ldapwhoami, as the
// organisation's mail, VPN or workstations would check it; the directory's own password policy
// (ppolicy: a history of 3, a lock-out after 5 wrong passwords) answers through sspr's pages.

const inHistory = en.text('problem_in_password_history');

/** A reset of `person` from /reset through the e-mail gate, up to choosing what to do. */
async function passTheEmailGate(page: Page, person: DirectoryAccount, home: TestAddress): Promise<ResetPage> {
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(person.userId);
  // The office phone is the directory's telephoneNumber: a gate the person did not register.
  await reset.expectGates(person.userId, ['email', 'callOffice']);
  await reset.passCodeGate('email', home.address, home.masked, [person.displayName]);
  await reset.expectChoose(person.userId);
  return reset;
}

test('a change and a reset are written to the directory, whose history refuses an old password at the field', async ({ page }) => {
  test.slow();
  const person = createDirectoryPerson();
  // Signed in by a bind as the person: sspr keeps no copy of the password.
  const { email: home } = await registerMethods(page, person, { email: true });

  // The person's own change at /password, written as them: the directory checks the new one.
  const changed = strongPassword();
  const pw = new PasswordPage(page);
  await page.goto('/password');
  await pw.expectShown();
  await pw.change(person.password, changed);
  await expect(pw.changedStatus).toBeVisible();
  expect(binds(person, changed)).toBe(true);
  expect(binds(person, person.password)).toBe(false);
  // Going back: sspr's own rules pass it, the directory's history (3) does not; its refusal is
  // shown at the field in the user's words, and the directory keeps the password it has.
  await pw.change(changed, person.password);
  await pw.expectFieldError(pw.newPassword, inHistory);
  expect(binds(person, changed)).toBe(true);

  // Forgotten, then reset: the service writes it, and the history still applies.
  const reset = await passTheEmailGate(page, person, home!);
  const t = reset.t;
  const back = await reset.setPassword(person.password);
  expect(back.location).toMatch(/[?&]error=/);
  await reset.expectFieldError(reset.newPassword, inHistory);
  await expect(reset.chooseHeading).toBeVisible();
  expect(binds(person, changed)).toBe(true);

  const password = strongPassword();
  const done = await reset.setPassword(password);
  expect(done.location).not.toMatch(/[?&]error=/);
  await reset.expectDone();

  // The directory checks the new password, and no longer the one before.
  expect(binds(person, password)).toBe(true);
  expect(binds(person, changed)).toBe(false);
  // The notice goes to the e-mail address the directory holds for the person.
  await waitForNotice(person.email, t.noticeResetSubject, done.at);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(person.userId, changed);
  await signIn.expectBadCredentials();
  await signIn.signIn(person.userId, password);
  await new SecurityInfoPage(page).expectShownFor(person.displayName);
});

test('a person locked out by the directory unlocks the account there, keeping the password', async ({ page }) => {
  test.slow();
  const person = createDirectoryPerson();
  const { email: home } = await registerMethods(page, person, { email: true, signOut: true });

  // Five wrong passwords somewhere else (a workstation, the VPN): the directory locks the account,
  // and even the right password is refused, by the directory and so by sspr.
  failBinds(person, 5);
  expect(attribute(person, 'pwdAccountLockedTime')).toHaveLength(1);
  expect(binds(person, person.password)).toBe(false);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(person.userId, person.password);
  await signIn.expectBadCredentials();

  // The reset knows the directory's lock and offers to lift it without a new password.
  const reset = await passTheEmailGate(page, person, home!);
  const t = reset.t;
  await expect(page.getByRole('region', { name: t.unlockButton, exact: true })).toBeVisible();
  const unlocked = await reset.unlock();
  expect(unlocked.location).not.toMatch(/[?&]error=/);
  await reset.expectUnlocked();

  // Lifted in the directory: the old password binds again, everywhere.
  expect(attribute(person, 'pwdAccountLockedTime')).toEqual([]);
  expect(binds(person, person.password)).toBe(true);
  await reset.signInLink.click();
  await expect(signIn.heading1).toBeVisible();
  await signIn.signIn(person.userId, person.password);
  await new SecurityInfoPage(page).expectShownFor(person.displayName);
});

import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { uniqueHomeEmail, wrongCode } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage, tabTo } from '../pages/registration-page';
import { registration } from '../pages/texts';

// WCAG 2.2 AA (axe-core) on each state of the registration page, and a keyboard-only run.

const q = registration.en.questions;

test('a fresh registration page', async ({ page }) => {
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  await reg.expectFresh();
  await expectNoA11yViolations(page);
});

test('errors at their fields', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  await reg.sendPhoneCode('12', { country: 'FR' });
  await reg.expectFieldError(reg.phoneNumber, t.notAPhone);
  await expectNoA11yViolations(page);

  // An error on a <select>.
  await reg.saveQuestions([
    { question: q.firstPet, answer: 'Rex the dog' },
    { question: q.firstPet, answer: 'Lyon' },
    { question: q.firstSchool, answer: 'Saint Exupery' },
  ]);
  await reg.expectFieldError(reg.question(2), t.duplicateQuestion);
  await expectNoA11yViolations(page);
});

test('a code waiting, a wrong code, a verified method and the finished page', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const home = uniqueHomeEmail();
  const sent = await reg.sendEmailCode(home.address);
  await reg.expectCodeSent('auth_email', t.codeSentEmail(home.masked));
  await expectNoA11yViolations(page);

  const code = await latestCode(home.address, 'email', { after: sent.at, ignore: [account.displayName] });
  await reg.enterCode('auth_email', wrongCode(code));
  await reg.expectFieldError(reg.emailCode, t.wrongCode(4));
  await expectNoA11yViolations(page);

  await reg.enterCode('auth_email', code);
  await reg.expectVerified('auth_email', home.masked);
  await expectNoA11yViolations(page);

  await reg.finish();
  await expect(reg.status(t.finished)).toBeVisible();
  await expectNoA11yViolations(page);
});

test('an e-mail is registered and Finish pressed with the keyboard only', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;
  const home = uniqueHomeEmail();

  await tabTo(page, reg.emailAddress);
  await page.keyboard.type(home.address);
  const sentAt = Date.now();
  await page.keyboard.press('Enter');
  await reg.expectCodeSent('auth_email', t.codeSentEmail(home.masked));

  const code = await latestCode(home.address, 'email', { after: sentAt, ignore: [account.displayName] });
  await tabTo(page, reg.emailCode);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(reg.status(t.emailVerified)).toBeVisible();
  await reg.expectVerified('auth_email', home.masked);

  // Finish is enabled once the page knows the method is verified; only then can it take focus.
  await expect(reg.finishButton).toBeEnabled();
  await tabTo(page, reg.finishButton);
  await page.keyboard.press('Enter');
  await expect(reg.status(t.finished)).toBeVisible();
});

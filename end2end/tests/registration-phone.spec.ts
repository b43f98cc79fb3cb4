import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { US_NUMBER, uniqueFrenchMobile, wrongCode } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';

// The authentication phone: a code by text message or by call, read "on the phone" from the
// SMS/voice sink, typed back on the page.

test('the authentication phone is registered with a texted code, then Finish confirms', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;
  await reg.expectFresh();
  // The browser's language (en-US) proposes the United States first, named, not coded.
  await expect(reg.phoneCountry).toHaveValue('US');
  const countries = await reg.phoneCountry.locator('option').allInnerTexts();
  expect(countries[0]).toBe('United States (+1)');
  expect(countries).toContain('Germany (+49)');
  expect(countries.every((c) => !/^[A-Z]{2} \(/.test(c))).toBe(true);

  const phone = uniqueFrenchMobile();
  const sent = await reg.sendPhoneCode(phone.national, { country: 'FR', channel: 'sms' });
  await expect(reg.status(t.codeSent)).toBeVisible();
  await reg.expectCodeSent('auth_phone', t.codeSentSms(phone.masked));
  // The other channel is offered as a way out.
  await expect(reg.phoneCard.getByRole('button', { name: t.resendByCall, exact: true })).toBeVisible();

  const code = await latestCode(phone.e164, 'sms', { after: sent.at });
  await reg.enterCode('auth_phone', code);
  await expect(reg.status(t.phoneVerified)).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
  await reg.expectProgress(1, 1, t.finishReady);

  await reg.finish();
  await expect(reg.status(t.finished)).toBeVisible();
  await expect(reg.heading1).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
});

test('the authentication phone is registered with a code read out in a call', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const phone = uniqueFrenchMobile();
  const sent = await reg.sendPhoneCode(phone.national, { country: 'FR', channel: 'voice' });
  await reg.expectCodeSent('auth_phone', t.codeSentVoice(phone.masked));
  await expect(reg.phoneCard.getByRole('button', { name: t.resendByText, exact: true })).toBeVisible();

  const code = await latestCode(phone.e164, 'voice', { after: sent.at });
  await reg.enterCode('auth_phone', code);
  await expect(reg.status(t.phoneVerified)).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
  await expect(reg.finishButton).toBeEnabled();
});

test('a wrong code is reported at the Code field, and the right code still works', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const phone = uniqueFrenchMobile();
  const sent = await reg.sendPhoneCode(phone.national);
  await reg.expectCodeSent('auth_phone', t.codeSentSms(phone.masked));
  const code = await latestCode(phone.e164, 'sms', { after: sent.at });

  const refused = await reg.enterCode('auth_phone', wrongCode(code));
  expect(refused.location).toMatch(/[?&]error=/);
  await reg.expectFieldError(reg.phoneCode, t.wrongCode(4));
  // Still waiting for the code, and nothing was verified.
  await expect(reg.phoneCard.getByText(t.waiting, { exact: true })).toBeVisible();
  await expect(reg.finishButton).toBeDisabled();

  await reg.enterCode('auth_phone', code);
  await expect(reg.status(t.phoneVerified)).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
  await expect(page.getByRole('alert').filter({ hasText: t.wrongCode(4) })).toHaveCount(0);
});

test('a number that is no phone in the chosen country is refused at the field', async ({ page }) => {
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;

  const tooShort = await reg.sendPhoneCode('12', { country: 'FR' });
  expect(tooShort.location).toMatch(/[?&]error=/);
  await reg.expectFieldError(reg.phoneNumber, t.notAPhone);
  await expect(reg.phoneCode).toHaveCount(0);

  // A real US number, typed as in the US, while France is chosen.
  const foreign = await reg.sendPhoneCode(US_NUMBER, { country: 'FR' });
  expect(foreign.location).toMatch(/[?&]error=/);
  await reg.expectFieldError(reg.phoneNumber, t.notAPhone);
  await expect(reg.phoneCode).toHaveCount(0);
  await expect(reg.phoneCard.getByText(t.notSet, { exact: true })).toBeVisible();
  await expect(reg.finishButton).toBeDisabled();
});

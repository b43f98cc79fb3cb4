import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { uniqueFrenchMobile, uniqueHomeEmail, wrongCode } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';
import { errorSummary } from '../pages/texts';

// Every registration form is a plain HTML form post first: the server redirects back to
// /setup?done=… or /setup?error=…, and the page shows the outcome where it belongs.
test.use({ javaScriptEnabled: false });

test('an e-mail is registered and Finish confirms, with plain form posts', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account, { javaScript: false });
  const t = reg.t;
  await reg.expectFresh();

  // The refusal comes back in the address and shows at its field.
  await reg.sendEmailCode(account.email);
  await expect(page).toHaveURL(/\/setup\?error=/);
  await reg.expectFieldError(reg.emailAddress, t.sameAsPrimary);
  await expect(reg.emailCode).toHaveCount(0);

  const home = uniqueHomeEmail();
  const sent = await reg.sendEmailCode(home.address);
  await expect(page).toHaveURL(/\/setup\?done=code_sent/);
  await expect(reg.status(t.codeSent)).toBeVisible();
  await reg.expectCodeSent('auth_email', t.codeSentEmail(home.masked));
  await expect(page.getByRole('alert').filter({ hasText: t.sameAsPrimary })).toHaveCount(0);

  const code = await latestCode(home.address, 'email', { after: sent.at, ignore: [account.displayName] });
  await reg.enterCode('auth_email', code);
  await expect(page).toHaveURL(/\/setup\?done=email_verified/);
  await expect(reg.status(t.emailVerified)).toBeVisible();
  await reg.expectVerified('auth_email', home.masked);
  await reg.expectProgress(1, 1, t.finishReady);

  await reg.finish();
  await expect(page).toHaveURL(/\/setup\?done=finished/);
  await expect(reg.status(t.finished)).toBeVisible();
});

test('a phone is registered by text message, a wrong code shown at its field, with plain form posts', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account, { javaScript: false });
  const t = reg.t;

  // The form has two submit buttons; the one pressed says text or call.
  const phone = uniqueFrenchMobile();
  const sent = await reg.sendPhoneCode(phone.national, { country: 'FR', channel: 'sms' });
  await expect(page).toHaveURL(/\/setup\?done=code_sent/);
  await reg.expectCodeSent('auth_phone', t.codeSentSms(phone.masked));
  const code = await latestCode(phone.e164, 'sms', { after: sent.at });

  await reg.enterCode('auth_phone', wrongCode(code));
  await expect(page).toHaveURL(/\/setup\?error=/);
  await reg.expectFieldError(reg.phoneCode, t.wrongCode(4));
  // Issue 12, item 11: back at the field, which is on screen (a phone too), through a short
  // address a person can read (no JSON); a summary at the top links to the field.
  expect(new URL(page.url()).search + new URL(page.url()).hash).toBe(
    '?error=field,field:phone_code,problem.kind:wrong_code,problem.left:4#field-phone_code',
  );
  await expect(reg.phoneCode).toBeInViewport();
  const summary = page.getByRole('region', { name: errorSummary.en, exact: true });
  await expect(summary.getByRole('link', { name: t.wrongCode(4), exact: true })).toHaveAttribute('href', '#field-phone_code');

  await reg.enterCode('auth_phone', code);
  await expect(page).toHaveURL(/\/setup\?done=phone_verified/);
  await expect(reg.status(t.phoneVerified)).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
  await expect(reg.finishButton).toBeEnabled();
});

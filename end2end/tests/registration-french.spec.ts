import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { uniqueFrenchMobile } from '../fixtures/contacts';
import { extractCode, messageText, waitForMessage } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';
import { organisation, registration } from '../pages/texts';

// A browser that prefers French gets the registration portal, its errors and its codes in French.
test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

test('the registration page, its errors and the texted code are in French', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account, { lang: 'fr' });
  const t = reg.t;
  await reg.expectLanguage('fr');
  // "Compte connecté : …", not "Connecté en tant que Alice" (which would need "qu’Alice").
  await expect(page.getByText(`${t.signedInAs} ${account.displayName}`)).toBeVisible();
  await expect(page.getByText('Connecté en tant que')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: registration.en.heading, exact: true })).toHaveCount(0);
  await reg.expectFresh();
  // French pages propose France first; countries are named in French, in French order (issue
  // 12, item 8: the list showed ISO codes).
  await expect(reg.phoneCountry).toHaveValue('FR');
  const countries = await reg.phoneCountry.locator('option').allInnerTexts();
  expect(countries[0]).toBe('France (+33)');
  expect(countries).toContain('Allemagne (+49)');
  const at = (name: string) => countries.indexOf(name);
  expect(at('Égypte (+20)')).toBeGreaterThan(at('Allemagne (+49)'));
  expect(at('Égypte (+20)')).toBeLessThan(at('Équateur (+593)'));
  expect(at('Équateur (+593)')).toBeLessThan(at('Zimbabwe (+263)'));
  await expect(reg.finishButton).toBeDisabled();

  // An error, in French, at its field.
  await reg.phoneNumber.fill('12');
  await reg.textMeButton.click();
  await reg.expectFieldError(reg.phoneNumber, t.notAPhone);
  await expect(page.getByRole('alert').filter({ hasText: registration.en.notAPhone })).toHaveCount(0);

  // The code goes out in French too.
  const phone = uniqueFrenchMobile();
  const sent = await reg.sendPhoneCode(phone.national, { country: 'FR', channel: 'sms' });
  await reg.expectCodeSent('auth_phone', t.codeSentSms(phone.masked));
  const sms = await waitForMessage(phone.e164, 'sms', {
    after: sent.at,
    where: (m) => extractCode(messageText(m)) !== null,
  });
  expect(sms.language).toMatch(/^fr/);
  const code = extractCode(messageText(sms))!;
  expect(messageText(sms)).toBe(t.phoneCodeMessage(`${code.slice(0, 3)} ${code.slice(3)}`, organisation));

  await reg.enterCode('auth_phone', code);
  await expect(reg.status(t.phoneVerified)).toBeVisible();
  await reg.expectVerified('auth_phone', phone.masked);
  await reg.expectProgress(1, 1, t.finishReady);

  await reg.finish();
  await expect(reg.status(t.finished)).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { uniqueFrenchMobile, uniqueHomeEmail } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';

// Issue 12, item 2: Finish with a phone still waiting for its code used to drop the phone without
// a word. The page now says, beside Finish (and in Finish's description), which method waits and
// that it will not be kept; Finish then voids that code, so the phone is plainly "Not set".

for (const lang of ['en', 'fr'] as const) {
  test.describe(lang, () => {
    if (lang === 'fr') test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

    test('Finish with a phone waiting for its code says the phone will not be kept', async ({ page }) => {
      test.slow();
      const account = createAccount();
      const reg = await RegistrationPage.signIn(page, account, { lang });
      const t = reg.t;

      const home = uniqueHomeEmail();
      const mailed = await reg.sendEmailCode(home.address);
      await reg.enterCode('auth_email', await latestCode(home.address, 'email', { after: mailed.at, ignore: [account.displayName] }));
      await reg.expectVerified('auth_email', home.masked);
      await expect(page.getByText(t.finishPending(true, false), { exact: true })).toHaveCount(0);

      const phone = uniqueFrenchMobile();
      await reg.sendPhoneCode(phone.national, { country: 'FR', channel: 'sms' });
      await reg.expectCodeSent('auth_phone', t.codeSentSms(phone.masked));
      await reg.expectPendingWarning(true, false);
      await expect(reg.finishButton).toBeEnabled();
      await expectNoA11yViolations(page);

      await reg.finish();
      await expect(reg.status(t.finished)).toBeVisible();
      // As the warning said: the phone is not kept, and nothing waits for its code any more.
      await expect(reg.phoneCard.getByText(t.notSet, { exact: true })).toBeVisible();
      await expect(reg.phoneCode).toHaveCount(0);
      await reg.expectVerified('auth_email', home.masked);
      await expect(page.getByText(t.finishPending(true, false), { exact: true })).toHaveCount(0);
    });
  });
}

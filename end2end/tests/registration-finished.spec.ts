import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { uniqueHomeEmail } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';

// Issue 12, item 3: after Finish the page used to stay as it was ("select Finish to confirm
// them", Finish enabled). It now shows the finished state of SPEC §2.3: "you can now reset your
// password when you need to", the day of the last confirmation, and what to do next; and it
// still does at the next sign-in.

for (const lang of ['en', 'fr'] as const) {
  test.describe(lang, () => {
    if (lang === 'fr') test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

    test('after Finish the page shows the finished state, with the day of the confirmation', async ({ page }) => {
      test.slow();
      const account = createAccount();
      const reg = await RegistrationPage.signIn(page, account, { lang });
      const t = reg.t;
      await expect(reg.finishedPanel).toHaveCount(0);

      const home = uniqueHomeEmail();
      const mailed = await reg.sendEmailCode(home.address);
      await reg.enterCode('auth_email', await latestCode(home.address, 'email', { after: mailed.at, ignore: [account.displayName] }));
      await reg.expectProgress(1, 1, t.finishReady);
      await expect(reg.finishedPanel).toHaveCount(0);

      await reg.finish();
      await expect(reg.status(t.finished)).toBeVisible();
      await reg.expectFinished(new Date());
      await expectNoA11yViolations(page);

      // The next visit finds it finished too.
      await page.reload();
      const again = new RegistrationPage(page, { lang });
      await again.expectShownFor(account.displayName);
      await again.expectFinished(new Date());
    });
  });
}

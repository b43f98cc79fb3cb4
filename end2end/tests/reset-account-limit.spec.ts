import { expect, test } from '@playwright/test';
import { unknownUserId } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { ResetPage } from '../pages/reset-page';
import { type Lang } from '../pages/texts';

// Entra's rule per account: five resets started within an hour, then the account's reset is
// blocked for a day. The page says so in words, and speaks of no failure (none happened: each
// start ended on "We can't verify your account"). An unknown user ID is throttled exactly like
// a known one, so a fresh one keeps each run independent.

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(lang === 'en' ? 'in English' : 'in French', () => {
    if (lang === 'fr') test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

    test('the sixth reset of one account within an hour is refused for 24 hours', async ({ page }) => {
      test.slow();
      const reset = new ResetPage(page, { lang });
      const userId = unknownUserId();
      await reset.goto();
      for (let i = 0; i < 5; i++) {
        await reset.start(userId);
        await reset.expectStopped('notRegistered', userId);
        await reset.startAgain();
      }
      const refused = await reset.start(userId);
      expect(refused.location).toMatch(/[?&]error=reset_limited\b/);
      await expect(reset.alert(reset.t.accountLimited)).toBeVisible();
      await expect(reset.alert(reset.t.locked(1440))).toHaveCount(0);
      await expect(reset.userId).toBeVisible();
      await expectNoA11yViolations(page);
    });
  });
}

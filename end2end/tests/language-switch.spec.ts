import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../fixtures/axe';
import { waitForHydration } from '../fixtures/hydration';
import { SignInPage } from '../pages/sign-in-page';
import { en } from '../pages/catalogue';

async function expectFrenchSignIn(page: import('@playwright/test').Page): Promise<void> {
  const fr = new SignInPage(page, 'fr');
  await fr.expectLanguage('fr');
  await expect(fr.heading1).toBeVisible();
  await expect(fr.userId).toBeVisible();
  await expect(fr.password).toBeVisible();
  await expect(fr.submit).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: en.text('sign_in_title'), exact: true })).toHaveCount(0);
}

test('choosing Français shows the same page in French, and the choice is remembered', async ({ page }) => {
  const en = new SignInPage(page, 'en');
  await en.goto();
  await en.expectLanguage('en');

  await en.switchLanguage('en', 'fr');
  await expect(page).toHaveURL(/\/setup(?:[?#]|$)/);
  await expectFrenchSignIn(page);
  await expectNoA11yViolations(page);

  await page.reload();
  await waitForHydration(page);
  await expectFrenchSignIn(page);

  // And back.
  const fr = new SignInPage(page, 'fr');
  await fr.switchLanguage('fr', 'en');
  await en.expectLanguage('en');
  await expect(en.heading1).toBeVisible();
  await expect(en.userId).toBeVisible();
});

test('a browser that prefers French gets French on its first visit', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'fr-FR',
    extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' },
  });
  try {
    const page = await context.newPage();
    const fr = new SignInPage(page, 'fr');
    await fr.open('/setup');
    await expectFrenchSignIn(page);
  } finally {
    await context.close();
  }
});

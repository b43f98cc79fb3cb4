import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../fixtures/axe';
import { waitForHydration } from '../fixtures/hydration';
import { SignInPage } from '../pages/sign-in-page';
import { en, fr } from '../pages/catalogue';

// The seed's error cases, met at registration by the demo accounts (they only read here).
const cases = [
  {
    userId: 'olivia@contoso.example',
    lang: 'en' as const,
    title: en.text('on_premises_title'),
    body: en.text('on_premises_body'),
  },
  {
    userId: 'nora@contoso.example',
    lang: 'fr' as const,
    title: fr.text('not_enabled_title'),
    body: fr.text('not_enabled_body'),
  },
];

for (const c of cases) {
  test(`${c.userId} is told why registering is of no use (${c.lang})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: c.lang === 'fr' ? 'fr-FR' : 'en-US' });
    const page = await context.newPage();
    const signIn = new SignInPage(page, c.lang);
    await signIn.goto();
    await signIn.signIn(c.userId, 'correct horse battery staple');
    await expect(page.getByRole('heading', { level: 2, name: c.title })).toBeVisible();
    await expect(page.getByText(c.body)).toBeVisible();
    await expect(page.getByRole('region', { name: c.title })).toBeVisible();
    await expect(page.locator('#auth_phone')).toHaveCount(0);
    await waitForHydration(page);
    await expectNoA11yViolations(page);
    await context.close();
  });
}

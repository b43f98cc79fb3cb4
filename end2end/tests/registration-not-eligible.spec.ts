import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../fixtures/axe';
import { waitForHydration } from '../fixtures/hydration';
import { SignInPage } from '../pages/sign-in-page';

// The seed's error cases, met at registration by the demo accounts (they only read here).
const cases = [
  {
    userId: 'olivia@contoso.example',
    lang: 'en' as const,
    title: 'Please contact your administrator.',
    body: "We've detected that your user account password is not managed by this service.",
  },
  {
    userId: 'nora@contoso.example',
    lang: 'fr' as const,
    title: 'Votre compte n’est pas activé pour la réinitialisation du mot de passe',
    body: 'Nous sommes désolés, mais votre service informatique n’a pas configuré votre compte pour utiliser ce service.',
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

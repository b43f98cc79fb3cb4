import { expect, test, type Page } from '@playwright/test';
import { unknownUserId } from '../fixtures/accounts';
import { messageText, waitForMessage } from '../fixtures/inbox';
import { containing } from '../pages/registration-page';
import { ResetPage } from '../pages/reset-page';
import { reset as resetTexts } from '../pages/texts';
import { fr } from '../pages/catalogue';

// The seed's three error pages, with the demo directory's accounts (src/server/demo.rs), in
// English and in French. Each demo account starts at most two resets per project here: the
// portal allows five per account and hour (the fifth run of this file within an hour would be
// blocked), so other cases use fresh accounts (see reset-accessibility.spec.ts).

const ON_PREMISES = 'olivia@contoso.example';
const NOT_ENABLED = 'nora@contoso.example';
const NOT_REGISTERED = 'alice@contoso.example';
/** The demo administrator's primary address: "Contact an administrator" e-mails every admin. */
const ADMIN_MAILBOX = 'admin@contoso.example';

/** The page's main text with the user ID taken out, to compare two pages. */
async function mainText(page: Page, userId: string): Promise<string> {
  const text = await page.locator('main').innerText();
  return text.split(userId).join('<user id>');
}

test.describe('in English', () => {
  test('an on-premises password: "Please contact your administrator."', async ({ page }) => {
    const reset = new ResetPage(page);
    await reset.gotoFromHome();
    await reset.start(ON_PREMISES);
    await reset.expectStopped('onPremises', ON_PREMISES);
    await expect(page).toHaveTitle(containing(reset.t.onPremisesTitle));

    // Start again: the first step, empty.
    await reset.startAgain();
    await expect(reset.userId).toHaveValue('');
  });

  test('an account not enabled for reset, and "Contact an administrator" e-mails the admins', async ({ page }) => {
    const reset = new ResetPage(page);
    const t = reset.t;
    await reset.goto();
    await reset.start(NOT_ENABLED);
    await reset.expectStopped('notEnabled', NOT_ENABLED);

    const contacted = await reset.contactAdmin();
    expect(contacted.location).not.toMatch(/[?&]error=/);
    await expect(reset.contactedStatus).toBeVisible();
    // Once per flow: the button is gone.
    await expect(reset.contactButton).toHaveCount(0);
    await expect(reset.heading(t.notEnabledTitle)).toBeVisible();

    const mail = await waitForMessage(ADMIN_MAILBOX, 'email', {
      after: contacted.at,
      where: (m) => m.channel === 'email' && m.subject === t.adminHelpSubject(NOT_ENABLED),
    });
    expect(mail.language).toMatch(/^en/);
    expect(messageText(mail)).toContain(NOT_ENABLED);
    expect(messageText(mail)).toContain(t.notEnabledTitle);
  });

  test('an account with nothing registered and an unknown user ID get the same page', async ({ page }) => {
    const reset = new ResetPage(page);
    const t = reset.t;
    await reset.goto();
    const known = await reset.start(NOT_REGISTERED);
    await reset.expectStopped('notRegistered', NOT_REGISTERED);
    const knownText = await mainText(page, NOT_REGISTERED);
    const knownTitle = await page.title();

    await reset.startAgain();
    const unknown = unknownUserId();
    const nobody = await reset.start(unknown);
    await reset.expectStopped('notRegistered', unknown);
    expect(await mainText(page, unknown)).toBe(knownText);
    expect(await page.title()).toBe(knownTitle);
    expect(nobody.location).toBe(known.location);

    // Contacting an administrator looks the same too (a request is filed either way).
    const contacted = await reset.contactAdmin();
    await expect(reset.contactedStatus).toBeVisible();
    await waitForMessage(ADMIN_MAILBOX, 'email', {
      after: contacted.at,
      where: (m) => m.channel === 'email' && m.subject === t.adminHelpSubject(unknown),
    });
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

  test('the three pages carry the seed’s French texts', async ({ page }) => {
    test.slow();
    const reset = new ResetPage(page, { lang: 'fr' });
    const t = reset.t;
    await reset.gotoFromHome();
    await reset.expectLanguage('fr');

    await reset.start(ON_PREMISES);
    await reset.expectStopped('onPremises', ON_PREMISES);
    await expect(page.getByText(resetTexts.en.onPremisesTitle)).toHaveCount(0);

    await reset.startAgain();
    await reset.start(NOT_ENABLED);
    await reset.expectStopped('notEnabled', NOT_ENABLED);
    await expect(reset.heading(fr.text('not_enabled_title'))).toBeVisible();

    await reset.startAgain();
    await reset.start(NOT_REGISTERED);
    await reset.expectStopped('notRegistered', NOT_REGISTERED);
    await expect(reset.heading(fr.text('not_registered_title'))).toBeVisible();
    await expect(page.getByRole('button', { name: fr.text('contact_admin_button'), exact: true })).toBeVisible();

    // The administrators hear of it in their own language (the one they last signed in with),
    // not in the page's: the demo administrator's is English (the policy spec, which signs in
    // as them, runs after this one and in English).
    const contacted = await reset.contactAdmin();
    await expect(reset.contactedStatus).toBeVisible();
    const mail = await waitForMessage(ADMIN_MAILBOX, 'email', {
      after: contacted.at,
      where: (m) => m.channel === 'email' && m.subject === resetTexts.en.adminHelpSubject(NOT_REGISTERED),
    });
    expect(mail.language).toMatch(/^en/);
    expect(messageText(mail)).toContain(resetTexts.en.notRegisteredTitle);
    expect(messageText(mail)).not.toContain(t.notRegisteredTitle);

    // An unknown user ID: the same French page.
    await reset.startAgain();
    const unknown = unknownUserId();
    await reset.start(unknown);
    await reset.expectStopped('notRegistered', unknown);
    await expect(reset.heading(fr.text('not_registered_title'))).toBeVisible();
  });
});

import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { submitForm } from '../fixtures/submit';
import { catalogue, type Lang } from '../pages/catalogue';
import { RegistrationPage } from '../pages/registration-page';
import { ResetPage, strongPassword } from '../pages/reset-page';
import { SignInPage } from '../pages/sign-in-page';

// Recovery codes (SPEC §2): ten codes made at registration, shown to the session that made
// them until the user says they kept them; at reset one code passes one gate, once. With
// scripts and without, in English and in French.

for (const { javaScript, lang } of [
  { javaScript: true, lang: 'en' as Lang },
  { javaScript: false, lang: 'fr' as Lang },
]) {
  test.describe(`${javaScript ? 'with' : 'without'} JavaScript, in ${lang}`, () => {
    test.use(
      lang === 'fr'
        ? { javaScriptEnabled: javaScript, locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } }
        : { javaScriptEnabled: javaScript },
    );

    test('recovery codes are made and kept at registration, then one passes a reset, once', async ({ page }) => {
      test.slow();
      const c = catalogue(lang);
      const account = createAccount();
      const reg = await RegistrationPage.signIn(page, account, { javaScript, lang });
      const card = reg.card('recovery_codes');
      await expect(card.getByText(reg.t.notSet, { exact: true })).toBeVisible();
      await expect(card.getByText(c.text('recovery_codes_hint'), { exact: true })).toBeVisible();

      await submitForm(page, card.getByRole('button', { name: c.text('new_recovery_codes_button'), exact: true }), 'new_recovery_codes', javaScript);
      await expect(reg.status(c.text('recovery_codes_made_status'))).toBeVisible();
      const list = card.getByRole('list', { name: c.text('new_recovery_codes_list'), exact: true });
      await expect(list.getByRole('listitem')).toHaveCount(10);
      const codes = await list.getByRole('listitem').allTextContents();
      for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
      expect(new Set(codes).size).toBe(10);
      await expect(card.getByText(c.format('recovery_codes_left', 10), { exact: true })).toBeVisible();
      await expect(card.getByText(reg.t.verified, { exact: true })).toBeVisible();
      if (javaScript) await expectNoA11yViolations(page);

      // Shown again to this session (a reload, a lost connection) until kept; never after.
      await page.reload();
      await expect(list.getByRole('listitem')).toHaveCount(10);
      await submitForm(page, card.getByRole('button', { name: c.text('recovery_codes_kept_button'), exact: true }), 'recovery_codes_kept', javaScript);
      await expect(reg.status(c.text('recovery_codes_kept_status'))).toBeVisible();
      await expect(list).toHaveCount(0);
      await page.reload();
      await expect(list).toHaveCount(0);
      await expect(card.getByRole('button', { name: c.text('replace_recovery_codes_button'), exact: true })).toBeVisible();

      // The codes are a method of their own: enough to finish when one is required.
      await reg.finish();
      await expect(reg.status(reg.t.finished)).toBeVisible();
      await reg.signOutButton.click();
      await expect(new SignInPage(page, lang).heading1).toBeVisible();

      // At reset: the gate takes a code as people type it (capitals, spaces).
      const reset = new ResetPage(page, { javaScript, lang });
      await reset.goto();
      await reset.start(account.userId);
      await reset.expectGates(account.userId, ['recoveryCode']);
      await reset.chooseGate('recoveryCode');
      const field = page.getByLabel(c.text('recovery_code_label'), { exact: true });
      await expect(reset.openGate('recoveryCode').getByText(c.text('recovery_code_intro'), { exact: true })).toBeVisible();
      await expect(field).toHaveAttribute('autocomplete', 'off');
      if (javaScript) await expectNoA11yViolations(page);
      await field.fill('1234-5678');
      await submitForm(page, reset.verifyButton, 'verify_reset_code', javaScript);
      await reset.expectFieldError(field, c.text('problem_not_a_recovery_code'));
      await field.fill(` ${codes[0].toUpperCase().replace(/-/g, ' ')} `);
      await submitForm(page, reset.verifyButton, 'verify_reset_code', javaScript);
      await reset.expectChoose(account.userId);
      await reset.setPassword(strongPassword());
      await reset.expectDone();

      // The same code never works twice; another one does.
      await reset.goto();
      await reset.start(account.userId);
      await reset.chooseGate('recoveryCode');
      await field.fill(codes[0]);
      await submitForm(page, reset.verifyButton, 'verify_reset_code', javaScript);
      await reset.expectFieldError(field, c.text('problem_recovery_code_used'));
      await field.fill(codes[1]);
      await submitForm(page, reset.verifyButton, 'verify_reset_code', javaScript);
      await reset.expectChoose(account.userId);
    });
  });
}

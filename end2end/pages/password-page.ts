import { expect, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { containing } from './registration-page';
import { SignInPage } from './sign-in-page';
import { changeOwnPassword as t } from './texts';

export type RuleState = 'met' | 'not-met' | 'open';

/** `/password`: signed out, the sign-in form (which comes back here); signed in, the change. */
export class PasswordPage extends AppPage {
  readonly heading1: Locator;
  readonly signInIntro: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmNewPassword: Locator;
  readonly rules: Locator;
  readonly submit: Locator;
  readonly changedStatus: Locator;
  readonly backLink: Locator;

  constructor(
    page: Page,
    readonly javaScript: boolean = true,
  ) {
    super(page);
    this.heading1 = this.heading(t.heading);
    this.signInIntro = page.getByText(t.signInIntro, { exact: true });
    this.currentPassword = page.getByLabel(t.currentPassword, { exact: true });
    // exact: "New password" is also a part of "Confirm new password".
    this.newPassword = page.getByLabel(t.newPassword, { exact: true });
    this.confirmNewPassword = page.getByLabel(t.confirmNewPassword, { exact: true });
    this.rules = page.getByRole('list').filter({ has: page.getByRole('listitem').filter({ hasText: t.ruleConfirmed }) });
    this.submit = page.getByRole('button', { name: t.submit, exact: true });
    this.changedStatus = page.getByRole('status').filter({ hasText: t.changed });
    this.backLink = page.getByRole('link', { name: t.backToSecurityInfo, exact: true });
  }

  /** Opens /password signed out and signs in there; the page comes back with the form. */
  async signIn(userId: string, password: string): Promise<void> {
    if (this.javaScript) {
      await this.open('/password');
    } else {
      await this.page.goto('/password');
    }
    await expect(this.signInIntro).toBeVisible();
    await new SignInPage(this.page).signIn(userId, password);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.heading1).toBeVisible();
    await expect(this.page).toHaveURL(/\/password(?:[?#]|$)/);
    await expect(this.currentPassword).toHaveAttribute('autocomplete', 'current-password');
    await expect(this.newPassword).toHaveAttribute('autocomplete', 'new-password');
    await expect(this.confirmNewPassword).toHaveAttribute('autocomplete', 'new-password');
    await expect(this.rules.getByRole('listitem')).toHaveCount(4);
    if (this.javaScript) await waitForHydration(this.page);
  }

  /** One line of the password rules under New password. */
  rule(text: string): Locator {
    return this.rules.getByRole('listitem').filter({ hasText: text });
  }

  /** A rule ticked off (met), crossed (not met), or not judged (open: nothing typed, or the server's). */
  async expectRule(text: string, state: RuleState): Promise<void> {
    const rule = this.rule(text);
    if (state === 'met') {
      await expect(rule).toContainText(t.ruleMet);
    } else if (state === 'not-met') {
      await expect(rule).toContainText(t.ruleNotMet);
    } else {
      await expect(rule).not.toContainText(t.ruleMet);
      await expect(rule).not.toContainText(t.ruleNotMet);
    }
  }

  async change(current: string, newPassword: string, confirmation: string = newPassword): Promise<void> {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(newPassword);
    await this.confirmNewPassword.fill(confirmation);
    await this.submit.click();
  }

  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(containing(message));
  }
}

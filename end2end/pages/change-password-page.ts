import { expect, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { changePassword } from './texts';

/** The forced "Change your password" step for accounts created with `--must-change`. */
export class ChangePasswordPage extends AppPage {
  readonly heading1: Locator;
  readonly newPassword: Locator;
  readonly confirmNewPassword: Locator;
  readonly submit: Locator;
  readonly mismatchAlert: Locator;
  readonly tooShortAlert: Locator;

  constructor(page: Page) {
    super(page);
    this.heading1 = this.heading(changePassword.heading);
    // exact: "New password" is also a substring of "Confirm new password".
    this.newPassword = page.getByLabel(changePassword.newPassword, { exact: true });
    this.confirmNewPassword = page.getByLabel(changePassword.confirmNewPassword, { exact: true });
    this.submit = page.getByRole('button', { name: changePassword.submit, exact: true });
    this.mismatchAlert = page.getByRole('alert').filter({ hasText: changePassword.mismatch });
    this.tooShortAlert = page.getByRole('alert').filter({ hasText: changePassword.tooShort });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading1).toBeVisible();
    await expect(this.newPassword).toBeVisible();
    await expect(this.confirmNewPassword).toBeVisible();
    await waitForHydration(this.page);
  }

  async change(newPassword: string, confirmation: string = newPassword): Promise<void> {
    await this.newPassword.fill(newPassword);
    await this.confirmNewPassword.fill(confirmation);
    await this.submit.click();
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { signIn, type Lang } from './texts';

/** `/setup` while signed out. */
export class SignInPage extends AppPage {
  readonly texts: (typeof signIn)[Lang];
  readonly heading1: Locator;
  readonly userId: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly badCredentialsAlert: Locator;

  constructor(page: Page, readonly lang: Lang = 'en') {
    super(page);
    this.texts = signIn[lang];
    this.heading1 = this.heading(this.texts.heading);
    this.userId = page.getByLabel(this.texts.userId, { exact: true });
    this.password = page.getByLabel(this.texts.password, { exact: true });
    this.submit = page.getByRole('button', { name: this.texts.submit, exact: true });
    this.badCredentialsAlert = page.getByRole('alert').filter({ hasText: this.texts.badCredentials });
  }

  async goto(): Promise<void> {
    await this.open('/setup');
    await expect(this.heading1).toBeVisible();
  }

  /**
   * Fills the form and submits it, and waits for the post's answer and, with scripts, until the
   * router has shown the page it leads to; the caller asserts which page that is.
   */
  async signIn(userId: string, password: string): Promise<void> {
    await this.userId.fill(userId);
    await this.password.fill(password);
    const answered = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/sign_in'),
    );
    await this.submit.click();
    await answered;
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }

  async expectBadCredentials(): Promise<void> {
    await expect(this.badCredentialsAlert).toBeVisible();
    await expect(this.badCredentialsAlert).toContainText(this.texts.badCredentials);
    await expect(this.page).toHaveURL(/\/setup(?:[?#]|$)/);
    await expect(this.heading1).toBeVisible();
    await waitForHydration(this.page);
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { securityInfo } from './texts';

/** `/setup` while signed in (and past any forced password change). */
export class SecurityInfoPage extends AppPage {
  readonly heading1: Locator;
  readonly signOutButton: Locator;

  constructor(page: Page) {
    super(page);
    this.heading1 = this.heading(securityInfo.en.heading);
    this.signOutButton = page.getByRole('button', { name: securityInfo.en.signOut, exact: true });
  }

  signedInAs(displayName: string): Locator {
    return this.page.getByText(securityInfo.en.signedInAs(displayName)).first();
  }

  /** Waits until this page is shown (after a sign-in or a password change) and hydrated. */
  async expectShownFor(displayName: string): Promise<void> {
    await expect(this.heading1).toBeVisible();
    await expect(this.signedInAs(displayName)).toBeVisible();
    await expect(this.signOutButton).toBeVisible();
    await waitForHydration(this.page);
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}

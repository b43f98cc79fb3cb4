import { expect, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from '../fixtures/hydration';
import { shell, type Lang } from './texts';

/** What every page of the app has: <html lang>, the language switcher and an <h1>. */
export class AppPage {
  readonly html: Locator;

  constructor(readonly page: Page) {
    this.html = page.locator('html');
  }

  /** Navigates, then waits for the WebAssembly to hydrate the page. */
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await waitForHydration(this.page);
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  languageNav(lang: Lang): Locator {
    return this.page.getByRole('navigation', { name: shell[lang].languageNav, exact: true });
  }

  async expectLanguage(lang: Lang): Promise<void> {
    await expect(this.html).toHaveAttribute('lang', lang);
    await expect(this.languageNav(lang)).toBeVisible();
  }

  /**
   * Clicks "English" or "Français" in the header. The app reloads the same page in that
   * language; wait for the new <html lang> first, then for the new page to hydrate.
   */
  async switchLanguage(from: Lang, to: Lang): Promise<void> {
    const label = to === 'fr' ? 'Français' : 'English';
    await this.languageNav(from).getByRole('link', { name: label, exact: true }).click();
    await expect(this.html).toHaveAttribute('lang', to);
    await waitForHydration(this.page);
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { createAccount, type Account } from '../fixtures/accounts';
import { en, fr } from './catalogue';
import { signIn, type Lang } from './texts';

/** The user-visible strings of the admin console's shell and accounts pages (from the catalogue). */
export const adminTexts = {
  en: {
    title: en.text('admin_title'),
    nav: en.text('admin_nav'),
    accounts: en.text('admin_nav_accounts'),
    adminOnly: en.text('admin_only'),
    search: en.text('accounts_search_label'),
    searchButton: en.text('accounts_search_button'),
    newAccount: en.text('new_account_button'),
    importFile: en.text('import_button'),
    displayName: en.text('display_name_label'),
    userId: en.text('user_id_label'),
    save: en.text('save_button'),
    saved: en.text('saved_status'),
    temporaryPassword: en.text('temporary_password_label'),
    setTemporary: en.text('reset_password_button'),
    temporaryShown: en.text('temporary_password_shown'),
    create: en.text('create_button'),
    created: en.text('created_status'),
    csv: en.text('import_label'),
    importSubmit: en.text('import_submit'),
    imported: (n: number) => en.format('imported_status', n),
    importedPasswords: en.text('imported_passwords_label'),
    unlock: en.text('admin_unlock_button'),
    unlocked: en.text('unlocked_status'),
    signInLocked: en.before('sign_in_blocked_until'),
    notLocked: en.text('no_locks'),
  },
  fr: {
    title: fr.text('admin_title'),
    nav: fr.text('admin_nav'),
    accounts: fr.text('admin_nav_accounts'),
    adminOnly: fr.text('admin_only'),
  },
} as const;

/** `/admin` and its accounts pages, as an administrator uses them. */
export class AdminPage extends AppPage {
  readonly t = adminTexts.en;
  readonly nav: Locator;

  constructor(page: Page) {
    super(page);
    this.nav = page.getByRole('navigation', { name: this.t.nav, exact: true });
  }

  /** A new administrator account (see fixtures/accounts.ts), signed in at `/admin`. */
  static async asNewAdmin(page: Page): Promise<{ admin: AdminPage; me: Account }> {
    const me = createAccount({ admin: true });
    const admin = new AdminPage(page);
    await admin.signIn(me.userId, me.password);
    await admin.expectConsole();
    return { admin, me };
  }

  /** Opens `/admin` signed out and signs in there. */
  async signIn(userId: string, password: string, lang: Lang = 'en'): Promise<void> {
    await this.open('/admin');
    await this.page.getByLabel(signIn[lang].userId, { exact: true }).fill(userId);
    await this.page.getByLabel(signIn[lang].password, { exact: true }).fill(password);
    await this.page.getByRole('button', { name: signIn[lang].submit, exact: true }).click();
  }

  async expectConsole(): Promise<void> {
    await expect(this.heading(this.t.title)).toBeVisible();
    await expect(this.nav).toBeVisible();
  }

  async openAccounts(): Promise<void> {
    await this.nav.getByRole('link', { name: this.t.accounts, exact: true }).click();
    await expect(this.heading(this.t.accounts)).toBeVisible();
  }

  /** Searches the list and opens the account with this user ID. */
  async openAccount(userId: string): Promise<void> {
    await this.page.getByLabel(this.t.search).fill(userId);
    await this.page.getByRole('button', { name: this.t.searchButton, exact: true }).click();
    await expect(this.page).toHaveURL(/\/admin\/accounts\?/);
    await this.page.getByRole('link', { name: userId, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(userId);
  }

  /** Opens an account's page at its address, `/admin/accounts/<user ID or numeric ID>`. */
  async openAccountAt(id: string, userId: string = id): Promise<void> {
    await this.open(`/admin/accounts/${id}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(userId);
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  /** The temporary password the page shows once. */
  async shownPassword(): Promise<string> {
    await expect(this.status(this.t.temporaryShown)).toBeVisible();
    const password = (await this.page.locator('.secret code').innerText()).trim();
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    return password;
  }
}

import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { Account } from '../fixtures/accounts';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { AdminPage } from './admin-page';
import { en, fr } from './catalogue';
import { type Lang } from './texts';

/** The texts of the console's audit log, reports and inbox (from the catalogue). */
export const adminAudit = {
  en: {
    navAudit: en.text('admin_nav_audit'),
    navReports: en.text('admin_nav_reports'),
    navInbox: en.text('admin_nav_inbox'),
    auditHeading: en.text('audit_title'),
    userId: en.text('audit_user_id_label'),
    event: en.text('audit_event_label'),
    from: en.text('audit_from_label'),
    to: en.text('audit_to_label'),
    filter: en.text('audit_filter_button'),
    entries: en.text('audit_entries_caption'),
    downloadCsv: en.text('audit_export_csv'),
    downloadJson: en.text('audit_export_json'),
    verify: en.text('audit_verify_button'),
    intact: en.pattern('audit_chain_intact'),
    signedInEvent: en.format('audit_event', 'sign_in'),
    notADate: en.text('problem_not_a_date'),
    unknownAccount: en.text('problem_unknown_account'),
    reportsHeading: en.text('reports_title'),
    chartAlt: en.text('reports_chart_alt'),
    byMethod: en.text('reports_by_method_caption'),
    perDay: en.text('reports_days_caption'),
    blocked: en.text('reports_blocked_title'),
    inboxHeading: en.text('inbox_title'),
    openRequests: en.pattern('inbox_open_title'),
    handledRequests: en.pattern('inbox_handled_title'),
    notRegisteredReason: en.format('inbox_reason', 'not_registered'),
    markHandled: en.text('inbox_mark_handled'),
    openPages: en.text('inbox_open_pages'),
    nextPage: en.text('next_page'),
    pageOf: (page: number) => en.pattern('page_of', page),
    handleHeading: en.text('inbox_handle_title'),
    note: en.text('inbox_note_label'),
    handledStatus: en.text('inbox_handled_status'),
  },
  fr: {
    auditHeading: fr.text('audit_title'),
    userId: fr.text('audit_user_id_label'),
    event: fr.text('audit_event_label'),
    filter: fr.text('audit_filter_button'),
    entries: fr.text('audit_entries_caption'),
    signedInEvent: fr.format('audit_event', 'sign_in'),
    intact: fr.pattern('audit_chain_intact'),
    verify: fr.text('audit_verify_button'),
  },
} as const;

/** The administration console (`/admin`), with the way to the audit log, reports and inbox. */
export class AdminConsole extends AdminPage {
  /** Signs in at /admin with an administrator account and waits for the console. */
  async signInAs(admin: Account): Promise<void> {
    await this.signIn(admin.userId, admin.password);
    await this.expectConsole();
    await waitForHydration(this.page);
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async openAudit(): Promise<AuditLogPage> {
    await this.navLink(adminAudit.en.navAudit).click();
    const audit = new AuditLogPage(this.page);
    await expect(audit.heading1).toBeVisible();
    return audit;
  }

  async openReports(): Promise<ReportsPage> {
    await this.navLink(adminAudit.en.navReports).click();
    const reports = new ReportsPage(this.page);
    await expect(reports.heading1).toBeVisible();
    return reports;
  }

  async openInbox(): Promise<InboxPage> {
    await this.navLink(adminAudit.en.navInbox).click();
    const inbox = new InboxPage(this.page);
    await expect(inbox.heading1).toBeVisible();
    return inbox;
  }
}

export interface AuditFilters {
  userId?: string;
  /** The event's readable name, as the select shows it. */
  event?: string;
  from?: string;
  to?: string;
}

/** `/admin/audit`: the filters (a GET form), the entries, the export links, the chain's check. */
export class AuditLogPage extends AppPage {
  readonly t: (typeof adminAudit)[Lang];
  readonly heading1: Locator;
  readonly userId: Locator;
  readonly event: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly filterButton: Locator;
  readonly table: Locator;
  readonly verifyButton: Locator;

  constructor(page: Page, readonly lang: Lang = 'en') {
    super(page);
    const t = adminAudit[lang];
    this.t = t;
    this.heading1 = this.heading(t.auditHeading);
    this.userId = page.getByLabel(t.userId, { exact: true });
    this.event = page.getByLabel(t.event, { exact: true });
    this.from = page.getByLabel(adminAudit.en.from, { exact: true });
    this.to = page.getByLabel(adminAudit.en.to, { exact: true });
    this.filterButton = page.getByRole('button', { name: t.filter, exact: true });
    this.table = page.getByRole('table', { name: t.entries, exact: true });
    this.verifyButton = page.getByRole('button', { name: t.verify, exact: true });
  }

  async goto(query = ''): Promise<void> {
    await this.open(`/admin/audit${query}`);
    await expect(this.heading1).toBeVisible();
  }

  /** Fills the filters given, presses Filter, and waits for the address to carry them. */
  async filter(f: AuditFilters): Promise<void> {
    if (f.userId !== undefined) await this.userId.fill(f.userId);
    if (f.event !== undefined) await this.event.selectOption({ label: f.event });
    if (f.from !== undefined) await this.from.fill(f.from);
    if (f.to !== undefined) await this.to.fill(f.to);
    await this.filterButton.click();
    if (f.userId) await expect(this.page).toHaveURL(new RegExp(`user_id=${encodeURIComponent(f.userId)}`));
  }

  /** The body rows of the entries' table. */
  rows(): Locator {
    return this.table.locator('tbody').getByRole('row');
  }

  /** Each row's cells: when, event, done by, account, client address, detail. */
  async cells(): Promise<string[][]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())),
    );
  }

  /** Clicks a download link and returns the download. */
  async download(linkName: string): Promise<Download> {
    const started = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: linkName, exact: true }).click();
    return started;
  }

  async verifyChain(): Promise<Locator> {
    await this.verifyButton.click();
    const verdict = this.page.getByRole('status').filter({ hasText: this.t.intact });
    await expect(verdict).toBeVisible();
    return verdict;
  }

  /** The error shown at a field (tied to it by aria-describedby). */
  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
}

/** `/admin/reports`: coverage, the chart with its table, the accounts that cannot reset. */
export class ReportsPage extends AppPage {
  readonly t = adminAudit.en;
  readonly heading1: Locator;
  readonly chart: Locator;
  readonly byMethod: Locator;
  readonly perDay: Locator;
  readonly blockedHeading: Locator;

  constructor(page: Page) {
    super(page);
    this.heading1 = this.heading(this.t.reportsHeading);
    this.chart = page.getByRole('img', { name: this.t.chartAlt });
    this.byMethod = page.getByRole('table', { name: this.t.byMethod, exact: true });
    this.perDay = page.getByRole('table', { name: this.t.perDay, exact: true });
    this.blockedHeading = page.getByRole('heading', { level: 2, name: this.t.blocked, exact: true });
  }

  /** The chart is an image the browser loaded (its natural width is not zero). */
  async expectChartLoaded(): Promise<void> {
    await expect(this.chart).toBeVisible();
    await expect(this.chart).toHaveAttribute('src', '/admin/reports/chart.svg');
    await expect.poll(() => this.chart.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
}

/** `/admin/inbox`: open requests, the note form of one, and the handled ones. */
export class InboxPage extends AppPage {
  readonly t = adminAudit.en;
  readonly heading1: Locator;
  readonly note: Locator;
  readonly submit: Locator;
  readonly handledStatus: Locator;
  readonly handledTable: Locator;

  constructor(page: Page) {
    super(page);
    this.heading1 = this.heading(this.t.inboxHeading);
    this.note = page.getByLabel(this.t.note, { exact: true });
    this.submit = page.getByRole('button', { name: this.t.markHandled, exact: true });
    this.handledStatus = page.getByRole('status').filter({ hasText: this.t.handledStatus });
    this.handledTable = page.getByRole('table', { name: this.t.handledRequests });
  }

  /** The open request of `userId`: its row in the open requests' table (on the page shown). */
  openRow(userId: string): Locator {
    return this.page.getByRole('table', { name: this.t.openRequests }).getByRole('row').filter({ hasText: userId });
  }

  /**
   * Pages through the open requests (oldest first, 20 a page: other tests file requests too)
   * until the one of `userId` shows, and returns its row.
   */
  async findOpen(userId: string): Promise<Locator> {
    const pager = this.page.getByRole('navigation', { name: this.t.openPages, exact: true });
    for (let page = 1; ; page++) {
      // The list is there (count() does not wait for it).
      await this.page.getByRole('heading', { level: 2, name: this.t.openRequests }).waitFor();
      const row = this.openRow(userId);
      if ((await row.count()) > 0) return row;
      const next = pager.getByRole('link', { name: this.t.nextPage, exact: true });
      if ((await next.count()) === 0) throw new Error(`no open request of ${userId} in ${page} page(s)`);
      await next.click();
      await expect(this.page).toHaveURL(new RegExp(`open_page=${page + 1}(?:&|$)`));
      await expect(this.page.getByText(this.t.pageOf(page + 1)).first()).toBeVisible();
    }
  }

  /** "Mark handled" of the request of `userId` (its name ends with the user ID). */
  markHandledLink(userId: string): Locator {
    return this.page.getByRole('link', { name: `${this.t.markHandled}: ${userId}`, exact: true });
  }

  /** Finds the open request of `userId`, opens its note form, and marks it handled. */
  async handle(userId: string, note: string): Promise<void> {
    await this.findOpen(userId);
    await this.markHandledLink(userId).click();
    await expect(this.page.getByRole('heading', { level: 2, name: this.t.handleHeading, exact: true })).toBeVisible();
    await this.note.fill(note);
    await this.submit.click();
    await expect(this.handledStatus).toBeVisible();
  }
}

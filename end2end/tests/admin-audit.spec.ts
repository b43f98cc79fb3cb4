import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createAccount, type Account } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { waitForHydration } from '../fixtures/hydration';
import { adminAudit, AdminConsole, AuditLogPage } from '../pages/admin-audit-page';
import { tabTo } from '../pages/registration-page';
import { ResetPage } from '../pages/reset-page';
import { en } from '../pages/catalogue';

// The console's audit log, reports and inbox (SPEC §5), as an administrator uses them. Each test
// makes its own administrator, and the inbox's request comes from a fresh account that has
// registered nothing, through the reset portal's "Contact an administrator" (no demo account
// is used: the portal allows five resets per account and hour).

/** A fresh account that registered nothing asks the administrators for help. */
async function askForHelp(page: Page): Promise<Account> {
  const user = createAccount();
  const reset = new ResetPage(page);
  await reset.goto();
  await reset.start(user.userId);
  await reset.expectStopped('notRegistered', user.userId);
  await reset.contactAdmin();
  await expect(reset.contactedStatus).toBeVisible();
  return user;
}

test('an administrator filters and exports the log, verifies it, reads the reports and handles a request', async ({ page }) => {
  test.slow();
  const user = await askForHelp(page);
  const admin = createAccount({ admin: true });
  const adminConsole = new AdminConsole(page);
  await adminConsole.signInAs(admin);
  const t = adminAudit.en;

  // The audit log, filtered by an event and an account: only the administrator's sign-ins.
  const audit = await adminConsole.openAudit();
  await expectNoA11yViolations(page);
  await audit.filter({ userId: admin.userId, event: t.signedInEvent });
  await expect(page).toHaveURL(/event=sign_in/);
  await expect(audit.rows().first()).toBeVisible();
  // The address changes before the filtered rows arrive: wait until every row is a sign-in.
  await expect(audit.rows().filter({ hasNotText: t.signedInEvent })).toHaveCount(0);
  for (const [, event, actor, account] of await audit.cells()) {
    expect(event).toBe(t.signedInEvent);
    expect(actor).toBe(admin.userId);
    expect(account).toBe(admin.userId);
  }
  // The filtered view is an address: a reload shows the same.
  await page.reload();
  await waitForHydration(page);
  await expect(audit.userId).toHaveValue(admin.userId);
  await expect(audit.event).toHaveValue('sign_in');

  // The export of the same filters, as a CSV download.
  const download = await audit.download(t.downloadCsv);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d+\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('id,time,event,actor,account,client_address,detail,hash');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    expect(line).toContain(`,sign_in,${admin.userId},${admin.userId},`);
  }

  await audit.verifyChain();
  await expectNoA11yViolations(page);

  // Reports: the chart drawn by the server, with its figures in a table.
  const reports = await adminConsole.openReports();
  await reports.expectChartLoaded();
  await expect(reports.byMethod).toBeVisible();
  await expect(reports.perDay.locator('tbody').getByRole('row')).toHaveCount(30);
  await expect(reports.blockedHeading).toBeVisible();
  await expectNoA11yViolations(page);

  // The inbox: the request filed above, marked handled with a note.
  const inbox = await adminConsole.openInbox();
  await expect(await inbox.findOpen(user.userId)).toContainText(t.notRegisteredReason);
  await expectNoA11yViolations(page);
  await inbox.handle(user.userId, 'Called the user: registration explained.');
  await expect(inbox.openRow(user.userId)).toHaveCount(0);
  const handled = inbox.handledTable.getByRole('row').filter({ hasText: user.userId });
  await expect(handled).toContainText('Called the user: registration explained.');
  await expect(handled).toContainText(admin.userId);
  await expectNoA11yViolations(page);

  // The handling is in the log.
  await audit.goto(`?event=request_handled&user_id=${encodeURIComponent(user.userId)}`);
  await expect(audit.rows()).toHaveCount(1);
  await expect(audit.rows().first()).toContainText('Called the user: registration explained.');
});

test('bad filters are shown at their fields, and the log reads in French', async ({ page }) => {
  const admin = createAccount({ admin: true });
  const adminConsole = new AdminConsole(page);
  await adminConsole.signInAs(admin);
  const audit = await adminConsole.openAudit();

  await audit.filter({ userId: 'nobody-at-all@contoso.example', from: '2026-02-30' });
  await audit.expectFieldError(audit.from, adminAudit.en.notADate);
  await expect(audit.userId).toHaveValue('nobody-at-all@contoso.example');
  await expectNoA11yViolations(page);
  await audit.filter({ userId: 'nobody-at-all@contoso.example', from: '' });
  await audit.expectFieldError(audit.userId, adminAudit.en.unknownAccount);

  const french = new AuditLogPage(page, 'fr');
  await french.goto('?lang=fr');
  await french.expectLanguage('fr');
  await french.filter({ userId: admin.userId, event: adminAudit.fr.signedInEvent });
  await expect(french.table).toBeVisible();
  await expect(french.rows().first()).toContainText(adminAudit.fr.signedInEvent);
  await french.verifyChain();
  await expectNoA11yViolations(page);
});

test('with the keyboard only: filter the log and mark a request handled', async ({ page }) => {
  const user = await askForHelp(page);
  const admin = createAccount({ admin: true });
  const adminConsole = new AdminConsole(page);
  await adminConsole.signInAs(admin);

  const audit = await adminConsole.openAudit();
  await tabTo(page, audit.userId);
  await page.keyboard.type(user.userId);
  await tabTo(page, audit.filterButton);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/user_id=/);
  await expect(audit.rows().filter({ hasText: en.format('audit_event', 'admin_contacted') })).toHaveCount(1);

  const inbox = await adminConsole.openInbox();
  await inbox.findOpen(user.userId);
  const link = inbox.markHandledLink(user.userId);
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await tabTo(page, inbox.note);
  await page.keyboard.type('Handled with the keyboard.');
  await tabTo(page, inbox.submit);
  await page.keyboard.press('Enter');
  await expect(inbox.handledStatus).toBeVisible();
  await expect(inbox.handledTable.getByRole('row').filter({ hasText: user.userId })).toContainText('Handled with the keyboard.');
});

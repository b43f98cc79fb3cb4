import { expect, test, type Locator } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { expectNoA11yViolations } from '../fixtures/axe';
import { AdminPage, adminTexts } from '../pages/admin-page';
import { en } from '../pages/catalogue';

// Issue 12, items 13 and 14: the console on a phone kept no word whole (user IDs broke every
// few letters, badges one syllable per line, "Administrat/eur" even on a desktop), its tables
// scrolled where a keyboard could not reach, and it showed codes (`sign_in`, raw JSON) instead
// of words. Runs on the desktop and phone projects.

/** How many lines the text of `locator` takes on screen (1: no word was broken). */
async function linesOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  });
}

test('the accounts list keeps user IDs and badges whole, and its table scrolls from the keyboard', async ({ page }) => {
  const { admin, me } = await AdminPage.asNewAdmin(page);
  await admin.openAccounts();
  await page.getByLabel(admin.t.search).fill(me.userId);
  await page.getByRole('button', { name: admin.t.searchButton, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?/);

  const link = page.getByRole('link', { name: me.userId, exact: true });
  await expect(link).toBeVisible();
  expect(await linesOf(link), 'the user ID on one line').toBe(1);
  const badges = page.locator('table.data .badge');
  expect(await badges.count()).toBeGreaterThan(0);
  for (const badge of await badges.all()) {
    expect(await linesOf(badge), `badge "${await badge.innerText()}" on one line`).toBe(1);
  }

  // The table sits in a region named by its caption that takes the focus; where it is wider
  // than the screen (a phone), the arrow keys scroll it.
  const region = page.getByRole('region', { name: admin.t.accounts, exact: true });
  await expect(region).toHaveAttribute('tabindex', '0');
  const overflows = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
  if (overflows) {
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  }
  await expectNoA11yViolations(page);

  // The inbox's tables too (axe found the handled requests' table out of the keyboard's reach).
  await admin.open('/admin/inbox');
  await expectNoA11yViolations(page);
});

test('the console says what happened in words, in the administrator\'s language', async ({ page }) => {
  test.slow();
  const { admin } = await AdminPage.asNewAdmin(page);
  const user = createAccount();
  await admin.openAccounts();
  await admin.openAccount(user.userId);
  await admin.field(adminTexts.en.displayName).fill('Renamed For Words');
  await page.getByRole('button', { name: adminTexts.en.save, exact: true }).click();
  await expect(admin.status(adminTexts.en.saved)).toBeVisible();

  // The account's recent events are named, not coded.
  const events = page.locator('ul.events');
  await expect(events).toContainText(en.format('audit_event', 'account_updated'));
  await expect(events).not.toContainText('account_updated');

  // The audit log's detail names each field and puts its codes into words.
  await admin.open(`/admin/audit?user_id=${encodeURIComponent(user.userId)}&event=account_updated`);
  const detail = page.locator('td.audit-detail').first();
  await expect(detail).toContainText('Changed: Display name');
  await expect(detail).toContainText('Role: User');
  await expect(detail).toContainText('Enabled: yes');
  await expect(detail).not.toContainText('display_name');
  await expectNoA11yViolations(page);

  await admin.open(`/admin/audit?user_id=${encodeURIComponent(user.userId)}&event=account_updated&lang=fr`);
  await expect(page.locator('td.audit-detail').first()).toContainText('Modifié\u202f: Nom affiché');
  await expect(page.locator('td.audit-detail').first()).toContainText('Rôle\u202f: Utilisateur');
});

test('the policy page puts each check box beside its label', async ({ page }) => {
  const { admin } = await AdminPage.asNewAdmin(page);
  await admin.open('/admin/policy');
  for (const label of [en.text('policy_offer_sms'), en.text('policy_offer_email')]) {
    const box = await page.getByRole('checkbox', { name: label, exact: true }).boundingBox();
    const text = await page.locator('label', { hasText: label }).first().boundingBox();
    expect(box && text, label).toBeTruthy();
    if (!box || !text) continue;
    expect(box.x + box.width, `${label}: the box comes before its label`).toBeLessThanOrEqual(text.x);
    const middle = box.y + box.height / 2;
    expect(middle, `${label}: on the label's line`).toBeGreaterThan(text.y);
    expect(middle, `${label}: on the label's line`).toBeLessThan(text.y + text.height);
  }
});

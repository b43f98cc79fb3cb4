import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { type Account, repoRoot } from '../fixtures/accounts';
import { waitForHydration } from '../fixtures/hydration';
import { AdminPage } from './admin-page';
import { en } from './catalogue';
import { tabTo } from './registration-page';

/** The demo directory's administrator and its user who registered nothing (src/server/demo.rs). */
export const demoAdmin: Account = {
  userId: 'admin@contoso.example',
  password: 'correct horse battery staple',
  displayName: 'Ada Admin',
  email: 'admin@contoso.example',
  mustChange: false,
  admin: true,
};

export const demoAlice: Account = {
  userId: 'alice@contoso.example',
  password: 'correct horse battery staple',
  displayName: 'Alice Martin',
  email: 'alice@contoso.example',
  mustChange: false,
  admin: false,
};

/** The admin console's texts these pages rely on (from the catalogue). */
export const policyTexts = {
  navPolicy: en.text('admin_nav_policy'),
  navGroups: en.text('admin_nav_groups'),
  navQuestions: en.text('admin_nav_questions'),
  policyHeading: en.text('policy_title'),
  offerQuestions: en.text('policy_offer_questions'),
  methodsRequired: en.text('policy_methods_required_label'),
  preview: en.text('policy_preview_button'),
  previewHeading: en.text('policy_preview_title'),
  changed: (labels: string) => `${en.text('policy_changed_settings')} ${labels}`,
  totals: en.pattern('policy_impact_totals'),
  save: en.text('policy_save_button'),
  saved: en.text('policy_saved_status'),
  questionsAloneNote: en.text('policy_questions_alone_note'),
  adminsNote: en.text('policy_admins_note'),
  historyHeading: en.text('policy_history_title'),
  groupsHeading: en.text('groups_title'),
  groupName: en.text('group_name_label'),
  groupDescription: en.text('group_description_label'),
  createGroup: en.text('group_create_button'),
  groupCreated: en.text('group_created_status'),
  editGroup: (name: string) => en.format('group_edit_link', name),
  deleteGroup: en.text('group_delete_button'),
  groupDeleted: en.text('group_deleted_status'),
  questionsHeading: en.text('questions_admin_title'),
  questionText: en.text('question_text_label'),
  addQuestion: en.text('question_add_button'),
  questionAdded: en.text('question_added_status'),
  activeQuestions: en.text('questions_active_caption'),
  retiredQuestions: en.text('questions_retired_caption'),
  retire: en.text('question_retire'),
  retireHeading: en.text('question_retire_title'),
  retireUnused: en.text('question_retire_unused'),
  retireButton: en.format('question_retire_button', 0),
  questionRetired: en.text('question_retired_status'),
} as const;

/** Signs `account` in at /admin and waits for the console. */
export async function signInToConsole(page: Page, account: Account = demoAdmin): Promise<AdminPage> {
  const admin = new AdminPage(page);
  await admin.signIn(account.userId, account.password);
  await admin.expectConsole();
  await waitForHydration(page);
  return admin;
}

/** A page of the console reached from its navigation. */
class ConsolePage extends AdminPage {
  /** Follows a link of the console's navigation with the keyboard. */
  async openByKeyboard(label: string, heading: string): Promise<void> {
    const link = this.nav.getByRole('link', { name: label, exact: true });
    await tabTo(this.page, link);
    await this.page.keyboard.press('Enter');
    await expect(this.heading(heading)).toBeVisible();
    await waitForHydration(this.page);
  }
}

/** `/admin/policy`: the settings form, then the preview step with Save. */
export class AdminPolicyPage extends ConsolePage {
  readonly offerQuestions: Locator;
  readonly methodsRequired: Locator;
  readonly previewButton: Locator;
  readonly preview: Locator;
  readonly saveButton: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    super(page);
    this.offerQuestions = page.getByRole('checkbox', { name: policyTexts.offerQuestions, exact: true });
    this.methodsRequired = page.getByLabel(policyTexts.methodsRequired, { exact: true });
    this.previewButton = page.getByRole('button', { name: policyTexts.preview, exact: true });
    this.preview = page.getByRole('region', { name: policyTexts.previewHeading, exact: true });
    this.saveButton = this.preview.getByRole('button', { name: policyTexts.save, exact: true });
    this.history = page.getByRole('region', { name: policyTexts.historyHeading, exact: true });
  }

  async expectNotes(): Promise<void> {
    await expect(this.page.getByText(policyTexts.questionsAloneNote)).toBeVisible();
    await expect(this.page.getByText(policyTexts.adminsNote)).toBeVisible();
  }

  /** Ticks or unticks "Security questions" with the keyboard. */
  async setOfferQuestions(offered: boolean): Promise<void> {
    if ((await this.offerQuestions.isChecked()) !== offered) {
      await tabTo(this.page, this.offerQuestions);
      await this.page.keyboard.press('Space');
    }
    await expect(this.offerQuestions).toBeChecked({ checked: offered });
  }

  /** Presses "Preview the change" and waits for the preview step. */
  async previewChange(changedLabels: string): Promise<void> {
    await tabTo(this.page, this.previewButton);
    await this.page.keyboard.press('Enter');
    await expect(this.preview).toBeVisible();
    await expect(this.preview).toContainText(policyTexts.changed(changedLabels));
    await expect(this.preview).toContainText(policyTexts.totals);
    await waitForHydration(this.page);
  }

  /** Presses "Save this policy" and waits until the editor shows the saved policy. */
  async save(): Promise<void> {
    await tabTo(this.page, this.saveButton);
    await this.page.keyboard.press('Enter');
    await expect(this.status(policyTexts.saved)).toBeVisible();
    await expect(this.preview).toHaveCount(0);
  }
}

/** `/admin/groups`. */
export class AdminGroupsPage extends ConsolePage {
  readonly name: Locator;
  readonly description: Locator;
  readonly createButton: Locator;

  constructor(page: Page) {
    super(page);
    this.name = page.getByLabel(policyTexts.groupName, { exact: true });
    this.description = page.getByLabel(policyTexts.groupDescription, { exact: true });
    this.createButton = page.getByRole('button', { name: policyTexts.createGroup, exact: true });
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: policyTexts.editGroup(name), exact: true }) });
  }

  async create(name: string, description: string): Promise<void> {
    await this.name.fill(name);
    await this.description.fill(description);
    await tabTo(this.page, this.createButton);
    await this.page.keyboard.press('Enter');
    await expect(this.status(policyTexts.groupCreated)).toBeVisible();
    await expect(this.row(name)).toBeVisible();
  }

  async delete(name: string): Promise<void> {
    const edit = this.page.getByRole('link', { name: policyTexts.editGroup(name), exact: true });
    await tabTo(this.page, edit);
    await this.page.keyboard.press('Enter');
    const button = this.page.getByRole('button', { name: policyTexts.deleteGroup, exact: true });
    await expect(button).toBeVisible();
    await waitForHydration(this.page);
    await tabTo(this.page, button);
    await this.page.keyboard.press('Enter');
    await expect(this.status(policyTexts.groupDeleted)).toBeVisible();
    await expect(this.row(name)).toHaveCount(0);
  }
}

/** `/admin/questions`. */
export class AdminQuestionsPage extends ConsolePage {
  readonly text: Locator;
  readonly addButton: Locator;
  readonly active: Locator;
  readonly retired: Locator;

  constructor(page: Page) {
    super(page);
    this.text = page.getByLabel(policyTexts.questionText, { exact: true });
    this.addButton = page.getByRole('button', { name: policyTexts.addQuestion, exact: true });
    this.active = page.getByRole('table', { name: policyTexts.activeQuestions, exact: true });
    this.retired = page.getByRole('table', { name: policyTexts.retiredQuestions, exact: true });
  }

  async add(question: string): Promise<void> {
    await this.text.fill(question);
    await tabTo(this.page, this.addButton);
    await this.page.keyboard.press('Enter');
    await expect(this.status(policyTexts.questionAdded)).toBeVisible();
    await expect(this.active.getByRole('row').filter({ hasText: question })).toBeVisible();
  }

  /** "Retire" on the question's row, then the confirmation step (nobody answered it). */
  async retireUnanswered(question: string): Promise<void> {
    const link = this.active.getByRole('link', { name: `${policyTexts.retire}: ${question}`, exact: true });
    await tabTo(this.page, link, 120);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('heading', { name: policyTexts.retireHeading })).toBeVisible();
    await expect(this.page.getByText(policyTexts.retireUnused)).toBeVisible();
    await waitForHydration(this.page);
  }

  async confirmRetire(question: string): Promise<void> {
    const button = this.page.getByRole('button', { name: policyTexts.retireButton, exact: true });
    await tabTo(this.page, button);
    await this.page.keyboard.press('Enter');
    await expect(this.status(policyTexts.questionRetired)).toBeVisible();
    await expect(this.retired.getByRole('row').filter({ hasText: question })).toBeVisible();
    await expect(this.active.getByRole('row').filter({ hasText: question })).toHaveCount(0);
  }
}

/** The sspr binary, as fixtures/accounts.ts finds it. */
function ssprBinary(): string {
  const configured = process.env.SSPR_BIN ?? 'target/release/sspr';
  return configured.includes('/') ? path.resolve(repoRoot, configured) : configured;
}

function sspr(args: string[]): string {
  return execFileSync(ssprBinary(), args, { cwd: repoRoot, env: process.env, encoding: 'utf8', timeout: 60_000 });
}

/** The policy in force, as `sspr policy show` prints it (its JSON). */
export function policyInForce(): Record<string, unknown> {
  const out = sspr(['policy', 'show']);
  return JSON.parse(out.slice(out.indexOf('\n') + 1)) as Record<string, unknown>;
}

/**
 * Puts back `policy` (from `policyInForce`) with `sspr policy set`, if the policy in force
 * differs: the safety net of a spec that changes the one policy every test shares.
 */
export function restorePolicy(policy: Record<string, unknown>): void {
  if (JSON.stringify(policyInForce()) === JSON.stringify(policy)) return;
  const settings = Object.entries(policy).flatMap(([key, value]): string[] => {
    if (key === 'enabled_for') {
      const scope = value as { scope: string; group_id?: number };
      return scope.scope === 'group' ? ['scope=group', `scope_group=${scope.group_id}`] : [`scope=${scope.scope}`];
    }
    return [`${key}=${value ?? ''}`];
  });
  sspr(['policy', 'set', ...settings]);
}

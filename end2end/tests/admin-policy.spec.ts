import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../fixtures/axe';
import {
  AdminGroupsPage,
  AdminPolicyPage,
  AdminQuestionsPage,
  demoAlice,
  policyInForce,
  policyTexts,
  restorePolicy,
  signInToConsole,
} from '../pages/admin-policy-page';
import { RegistrationPage } from '../pages/registration-page';

// The policy is one for the whole installation: this spec runs alone, after every other one
// (its own project in playwright.config.ts), and puts the policy back as it found it.

let original: Record<string, unknown>;

test.beforeAll(() => {
  original = policyInForce();
});

test.afterAll(() => {
  restorePolicy(original);
});

test('an admin turns security questions off, previews, saves, and Alice no longer sees them', async ({ page, browser }) => {
  test.slow();
  expect(original.offer_questions, 'the demo policy offers security questions').toBe(true);
  await signInToConsole(page);
  const policy = new AdminPolicyPage(page);
  await policy.openByKeyboard(policyTexts.navPolicy, policyTexts.policyHeading);
  await policy.expectNotes();
  await expectNoA11yViolations(page);

  const alicePage = await browser.newPage();
  const alice = await RegistrationPage.signIn(alicePage, demoAlice);
  await expect(alice.questionsCard).toBeVisible();

  await policy.setOfferQuestions(false);
  await policy.previewChange(policyTexts.offerQuestions);
  await expectNoA11yViolations(page);
  await policy.save();
  await expect(policy.history.getByRole('row').nth(1)).toContainText(policyTexts.offerQuestions);
  await expect(policy.offerQuestions).not.toBeChecked();

  await alicePage.reload();
  await alice.expectShownFor(demoAlice.displayName);
  await expect(alice.questionsCard).toHaveCount(0);
  await expect(alice.emailCard).toBeVisible();

  // Back as it was.
  await policy.setOfferQuestions(true);
  await policy.previewChange(policyTexts.offerQuestions);
  await policy.save();
  await alicePage.reload();
  await alice.expectShownFor(demoAlice.displayName);
  await expect(alice.questionsCard).toBeVisible();
  await alicePage.close();
  expect(policyInForce()).toEqual(original);
});

test('an admin creates and deletes a group', async ({ page }) => {
  await signInToConsole(page);
  const groups = new AdminGroupsPage(page);
  await groups.openByKeyboard(policyTexts.navGroups, policyTexts.groupsHeading);
  await expectNoA11yViolations(page);
  const name = `E2E group ${Date.now()}`;
  await groups.create(name, 'Created by the browser tests');
  await expect(groups.row(name)).toContainText('Created by the browser tests');
  await expectNoA11yViolations(page);
  await groups.delete(name);
});

test('an admin adds a custom question and retires it', async ({ page }) => {
  await signInToConsole(page);
  const questions = new AdminQuestionsPage(page);
  await questions.openByKeyboard(policyTexts.navQuestions, policyTexts.questionsHeading);
  await expectNoA11yViolations(page);
  const question = `Which E2E run is this (${Date.now()})?`;
  await questions.add(question);
  await questions.retireUnanswered(question);
  await expectNoA11yViolations(page);
  await questions.confirmRetire(question);
  await expectNoA11yViolations(page);
});

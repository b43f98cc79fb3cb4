import { expect, type Locator, type Page } from '@playwright/test';
import { submitForm, type Submitted } from '../fixtures/submit';
import type { Account } from '../fixtures/accounts';
import { waitForHydration } from '../fixtures/hydration';
import { AppPage } from './app-page';
import { SignInPage } from './sign-in-page';
import { registration, type Lang, type MethodId, type RegistrationTexts } from './texts';

export type PhoneChannel = 'sms' | 'voice';

export interface QuestionAnswer {
  /** The question's text, as listed (see `registration[lang].questions`). */
  question: string;
  answer: string;
}

export interface RegistrationOptions {
  lang?: Lang;
  /** False for a context with `javaScriptEnabled: false`: forms are then plain posts. */
  javaScript?: boolean;
}

export type { Submitted } from '../fixtures/submit';

/** A regular expression that matches `text` anywhere, taken literally. */
export function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/**
 * `/setup` once signed in (and past any forced password change): "Security info", one card
 * (`<section aria-labelledby>`, hence a region named by its heading) per method, and Finish,
 * Cancel and Sign out at the bottom.
 */
export class RegistrationPage extends AppPage {
  readonly lang: Lang;
  readonly javaScript: boolean;
  readonly t: RegistrationTexts;

  readonly heading1: Locator;
  /** "You have verified n methods; m is required." and why Finish is (not yet) possible. */
  readonly progress: Locator;
  /** The finished state (SPEC §2.3): a region named "You are all set". */
  readonly finishedPanel: Locator;
  readonly finishButton: Locator;
  readonly cancelButton: Locator;
  readonly signOutButton: Locator;

  readonly officePhoneCard: Locator;
  readonly phoneCard: Locator;
  readonly emailCard: Locator;
  readonly questionsCard: Locator;

  readonly phoneCountry: Locator;
  readonly phoneNumber: Locator;
  readonly textMeButton: Locator;
  readonly callMeButton: Locator;
  readonly phoneCode: Locator;

  readonly emailAddress: Locator;
  readonly emailMeButton: Locator;
  readonly emailCode: Locator;

  readonly saveAnswersButton: Locator;

  constructor(page: Page, options: RegistrationOptions = {}) {
    super(page);
    this.lang = options.lang ?? 'en';
    this.javaScript = options.javaScript ?? true;
    this.t = registration[this.lang];
    const t = this.t;

    this.heading1 = this.heading(t.heading);
    this.progress = page.locator('#registration-progress');
    this.finishedPanel = page.getByRole('region', { name: t.finishedTitle, exact: true });
    this.finishButton = page.getByRole('button', { name: t.finish, exact: true });
    this.cancelButton = page.getByRole('button', { name: t.cancel, exact: true });
    this.signOutButton = page.getByRole('button', { name: t.signOut, exact: true });

    this.officePhoneCard = this.card('office_phone');
    this.phoneCard = this.card('auth_phone');
    this.emailCard = this.card('auth_email');
    this.questionsCard = this.card('security_questions');

    this.phoneCountry = this.phoneCard.getByLabel(t.country, { exact: true });
    this.phoneNumber = this.phoneCard.getByLabel(t.phoneNumber, { exact: true });
    this.textMeButton = this.phoneCard.getByRole('button', { name: t.textMe, exact: true });
    this.callMeButton = this.phoneCard.getByRole('button', { name: t.callMe, exact: true });
    this.phoneCode = this.phoneCard.getByLabel(t.code, { exact: true });

    this.emailAddress = this.emailCard.getByLabel(t.email, { exact: true });
    this.emailMeButton = this.emailCard.getByRole('button', { name: t.emailMe, exact: true });
    this.emailCode = this.emailCard.getByLabel(t.code, { exact: true });

    this.saveAnswersButton = this.questionsCard.getByRole('button', { name: t.saveAnswers, exact: true });
  }

  /**
   * Signs `account` in from /setup and waits for its registration page (hydrated, with
   * scripts on). Without scripts, the sign-in form is a plain post.
   */
  static async signIn(page: Page, account: Account, options: RegistrationOptions = {}): Promise<RegistrationPage> {
    const lang = options.lang ?? 'en';
    const javaScript = options.javaScript ?? true;
    const signIn = new SignInPage(page, lang);
    if (javaScript) {
      await signIn.goto();
    } else {
      await page.goto('/setup');
      await expect(signIn.heading1).toBeVisible();
    }
    await signIn.signIn(account.userId, account.password);
    const reg = new RegistrationPage(page, { lang, javaScript });
    await reg.expectShownFor(account.displayName);
    return reg;
  }

  /** A method's card: the `<section>` labelled by its heading. */
  card(method: MethodId): Locator {
    return this.page.getByRole('region', { name: this.t.titles[method], exact: true });
  }

  codeField(method: 'auth_phone' | 'auth_email'): Locator {
    return method === 'auth_phone' ? this.phoneCode : this.emailCode;
  }

  question(n: number): Locator {
    return this.questionsCard.getByLabel(this.t.question(n), { exact: true });
  }

  answer(n: number): Locator {
    return this.questionsCard.getByLabel(this.t.answer(n), { exact: true });
  }

  /** A status message (role=status) with this text, anywhere on the page. */
  status(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async expectShownFor(displayName: string): Promise<void> {
    await expect(this.heading1).toBeVisible();
    await expect(this.page.getByText(`${this.t.signedInAs} ${displayName}`).first()).toBeVisible();
    // Finish, or the finished state instead of it; Sign out either way.
    await expect(this.signOutButton).toBeVisible();
    if (this.javaScript) await waitForHydration(this.page);
  }

  /** A new account's page: nothing registered, every card open on its form, Finish disabled. */
  async expectFresh(): Promise<void> {
    const t = this.t;
    await expect(this.officePhoneCard.getByText(t.notSet, { exact: true })).toBeVisible();
    await expect(this.officePhoneCard.getByText(t.officePhoneHint, { exact: true })).toBeVisible();
    for (const card of [this.phoneCard, this.emailCard, this.questionsCard]) {
      await expect(card.getByText(t.notSet, { exact: true })).toBeVisible();
      await expect(card.locator('summary')).toHaveText(t.setUp);
      await expect(card.locator('details')).toHaveJSProperty('open', true);
    }
    await expect(this.phoneNumber).toBeVisible();
    await expect(this.emailAddress).toBeVisible();
    await expect(this.question(1)).toBeVisible();
    await this.expectProgress(0, 1, t.needMoreMethods(1));
    await expect(this.finishButton).toBeDisabled();
    await expect(this.cancelButton).toBeEnabled();
    await expect(this.signOutButton).toBeEnabled();
  }

  /** Clicks a submit button and waits for the page the post leads to. */
  private async submit(button: Locator, endpoint: string): Promise<Submitted> {
    return submitForm(this.page, button, endpoint, this.javaScript);
  }

  /** Fills the phone form and presses "Text me a code" (sms) or "Call me" (voice). */
  async sendPhoneCode(
    number: string,
    { country = 'FR', channel = 'sms' }: { country?: string; channel?: PhoneChannel } = {},
  ): Promise<Submitted> {
    await this.phoneCountry.selectOption(country);
    await this.phoneNumber.fill(number);
    return this.submit(channel === 'sms' ? this.textMeButton : this.callMeButton, 'send_phone_code');
  }

  async sendEmailCode(address: string): Promise<Submitted> {
    await this.emailAddress.fill(address);
    return this.submit(this.emailMeButton, 'send_email_code');
  }

  /** Types a code in the card's Code field and presses Verify. */
  async enterCode(method: 'auth_phone' | 'auth_email', code: string): Promise<Submitted> {
    await this.codeField(method).fill(code);
    const verify = this.card(method).getByRole('button', { name: this.t.verify, exact: true });
    return this.submit(verify, method === 'auth_phone' ? 'verify_phone_code' : 'verify_email_code');
  }

  /** Chooses the questions, types the answers (1, 2, 3… in order) and presses Save answers. */
  async saveQuestions(entries: QuestionAnswer[]): Promise<Submitted> {
    for (const [i, entry] of entries.entries()) {
      await this.question(i + 1).selectOption({ label: entry.question });
      await this.answer(i + 1).fill(entry.answer);
    }
    return this.submit(this.saveAnswersButton, 'save_questions');
  }

  async finish(): Promise<Submitted> {
    return this.submit(this.finishButton, 'finish_registration');
  }

  async cancel(): Promise<Submitted> {
    return this.submit(this.cancelButton, 'cancel_registration');
  }

  /**
   * The card waits for a code: it says where the code went, and offers the Code field
   * (a one-time-code, numeric input), Verify, a new code, and another number or address.
   */
  async expectCodeSent(method: 'auth_phone' | 'auth_email', sentText: string): Promise<void> {
    const t = this.t;
    const card = this.card(method);
    await expect(card.getByRole('status').filter({ hasText: sentText })).toBeVisible();
    await expect(card.getByText(t.waiting, { exact: true })).toBeVisible();
    const code = this.codeField(method);
    await expect(code).toBeVisible();
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(code).toHaveAttribute('inputmode', 'numeric');
    await expect(card.getByRole('button', { name: t.verify, exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: t.resend, exact: true })).toBeVisible();
    const another = method === 'auth_phone' ? t.useAnotherNumber : t.useAnotherAddress;
    await expect(card.getByRole('button', { name: another, exact: true })).toBeVisible();
  }

  /** The card shows "Verified" (and the masked value), folded under "Change", with Remove. */
  async expectVerified(method: MethodId, value?: string): Promise<void> {
    const t = this.t;
    const card = this.card(method);
    await expect(card.getByText(t.verified, { exact: true })).toBeVisible();
    if (value !== undefined) {
      await expect(card.getByText(value, { exact: true })).toBeVisible();
    }
    await expect(card.locator('summary')).toHaveText(t.change);
    await expect(card.locator('details')).toHaveJSProperty('open', false);
    // Its accessible name is "Remove · <card title>".
    await expect(card.getByRole('button', { name: containing(t.remove) })).toBeVisible();
    await expect(card.getByLabel(t.code, { exact: true })).toHaveCount(0);
  }

  /**
   * The finished state: what registering gives, the day of the last confirmation (`at`), what to
   * do next; no Finish button, and no "select Finish" hint any more.
   */
  async expectFinished(at: Date = new Date()): Promise<void> {
    const t = this.t;
    const panel = this.finishedPanel;
    await expect(panel).toBeVisible();
    await expect(panel.getByText(t.finishedBody, { exact: true })).toBeVisible();
    await expect(panel.getByText(t.lastConfirmed(t.longDate(at)), { exact: true })).toBeVisible();
    await expect(panel.getByText(t.finishedNext, { exact: true })).toBeVisible();
    await expect(this.finishButton).toHaveCount(0);
    await expect(this.progress).not.toContainText(t.finishReady);
    await expect(this.signOutButton).toBeEnabled();
  }

  /** The warning beside Finish that a code still waits, and that Finish describes itself with. */
  async expectPendingWarning(phone: boolean, email: boolean): Promise<void> {
    const warning = this.t.finishPending(phone, email);
    await expect(this.page.getByText(warning, { exact: true })).toBeVisible();
    await expect(this.finishButton).toHaveAccessibleDescription(containing(warning));
  }

  /** The progress line, which also describes the Finish button. */
  async expectProgress(verified: number, required: number, reason: string): Promise<void> {
    const line = this.t.progress(verified, required);
    await expect(this.progress).toContainText(line);
    await expect(this.progress).toContainText(reason);
    await expect(this.finishButton).toHaveAccessibleDescription(containing(line));
    await expect(this.finishButton).toHaveAccessibleDescription(containing(reason));
  }

  /**
   * The error is shown at its field: an alert with the message, the field marked invalid and
   * described by it (aria-describedby), so a screen reader reads it with the field.
   */
  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(containing(message));
  }

  async expectNoFieldError(field: Locator): Promise<void> {
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  }
}

/**
 * Presses Tab (then, if need be, Shift+Tab) until `target` has the focus, as a keyboard user
 * would; fails if it never does.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  await expect(target).toBeVisible();
  const focused = () => target.evaluate((el) => el === el.ownerDocument.activeElement);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < maxPresses; i++) {
      if (await focused()) return;
      await page.keyboard.press(key);
    }
  }
  await expect(target).toBeFocused();
}

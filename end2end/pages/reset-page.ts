import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { submitForm, type Submitted as Sent } from '../fixtures/submit';
import { repoRoot, type Account } from '../fixtures/accounts';
import { uniqueFrenchMobile, uniqueHomeEmail, type TestAddress, type TestPhone } from '../fixtures/contacts';
import { waitForHydration } from '../fixtures/hydration';
import { latestCode, waitForMessage, messageText, type ReceivedMessage } from '../fixtures/inbox';
import { AppPage } from './app-page';
import { containing, RegistrationPage } from './registration-page';
import { SignInPage } from './sign-in-page';
import { reset, type Lang, type ResetTexts } from './texts';

export type GateName = keyof ResetTexts['gates'];

export interface ResetOptions {
  lang?: Lang;
  /** False for a context with `javaScriptEnabled: false`: every step is then a plain form post. */
  javaScript?: boolean;
}

export type { Submitted as Sent } from '../fixtures/submit';

/**
 * `/reset`: the user ID (with the proof of work the page's WebAssembly solves), the seed's error
 * pages, "Verify your identity" with one button per gate, the code of the open gate, "Choose a
 * new password" (or "Unlock without resetting"), and the end.
 */
export class ResetPage extends AppPage {
  readonly lang: Lang;
  readonly javaScript: boolean;
  readonly t: ResetTexts;

  readonly startHeading: Locator;
  readonly userId: Locator;
  readonly nextButton: Locator;
  /** The hidden input the WebAssembly fills with the proof of work's solution. */
  readonly powInput: Locator;
  readonly powStatus: Locator;
  readonly startAgainButton: Locator;
  readonly contactButton: Locator;
  readonly contactedStatus: Locator;

  readonly gatesHeading: Locator;
  readonly code: Locator;
  readonly verifyButton: Locator;

  readonly chooseHeading: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly rules: Locator;
  readonly resetButton: Locator;
  readonly unlockButton: Locator;

  readonly doneHeading: Locator;
  readonly unlockedHeading: Locator;
  readonly signInLink: Locator;

  constructor(page: Page, options: ResetOptions = {}) {
    super(page);
    this.lang = options.lang ?? 'en';
    this.javaScript = options.javaScript ?? true;
    this.t = reset[this.lang];
    const t = this.t;

    this.startHeading = this.heading(t.heading);
    this.userId = page.getByLabel(t.userId, { exact: true });
    this.nextButton = page.getByRole('button', { name: t.next, exact: true });
    this.powInput = page.locator('input[type="hidden"][name="pow"]');
    this.powStatus = page.locator('#pow-status');
    this.startAgainButton = page.getByRole('button', { name: t.startAgain, exact: true });
    this.contactButton = page.getByRole('button', { name: t.contactAdmin, exact: true });
    this.contactedStatus = page.getByRole('status').filter({ hasText: t.contacted });

    this.gatesHeading = this.heading(t.gatesHeading);
    this.code = page.getByLabel(t.code, { exact: true });
    this.verifyButton = page.getByRole('button', { name: t.verify, exact: true });

    this.chooseHeading = this.heading(t.chooseHeading);
    // exact: "New password" is also a part of "Confirm new password".
    this.newPassword = page.getByLabel(t.newPassword, { exact: true });
    this.confirmPassword = page.getByLabel(t.confirmPassword, { exact: true });
    this.rules = page.locator('#field-new_password-rules');
    this.resetButton = page.getByRole('button', { name: t.resetButton, exact: true });
    this.unlockButton = page.getByRole('button', { name: t.unlockButton, exact: true });

    this.doneHeading = this.heading(t.doneHeading);
    this.unlockedHeading = this.heading(t.unlockedHeading);
    this.signInLink = page.getByRole('link', { name: t.signIn, exact: true });
  }

  /** Opens /reset directly and waits for the first step. */
  async goto(): Promise<void> {
    if (this.javaScript) {
      await this.open('/reset');
    } else {
      await this.page.goto('/reset');
    }
    await this.expectStart();
  }

  /** From the home page, the "Can't access your account?" link. */
  async gotoFromHome(): Promise<void> {
    if (this.javaScript) {
      await this.open('/');
    } else {
      await this.page.goto('/');
    }
    await this.page.getByRole('link', { name: this.t.cantAccess, exact: true }).click();
    await expect(this.page).toHaveURL(/\/reset(?:[?#]|$)/);
    await this.expectStart();
  }

  /**
   * The first step: the User ID field and Next. With scripts, Next waits for the proof of
   * work, which the WebAssembly solves in a fraction of a second; then the button is enabled
   * and the solution is in the form.
   */
  async expectStart(): Promise<void> {
    await expect(this.startHeading).toBeVisible();
    await expect(this.userId).toBeVisible();
    await expect(this.userId).toHaveAttribute('autocomplete', 'username');
    await expect(this.nextButton).toBeVisible();
    if (this.javaScript) {
      await waitForHydration(this.page);
      await this.waitForProofOfWork();
    } else {
      // Nothing to wait for: without scripts the form posts without a solution.
      await expect(this.nextButton).toBeEnabled();
      await expect(this.powInput).toHaveValue('');
    }
  }

  async waitForProofOfWork(): Promise<void> {
    await expect(this.powInput).toHaveValue(/^\d+$/);
    await expect(this.nextButton).toBeEnabled();
    await expect(this.powStatus).not.toContainText(this.t.powWorking);
  }

  /** Clicks a submit button and waits for the page the post leads to. */
  async submit(button: Locator, endpoint: string): Promise<Sent> {
    return submitForm(this.page, button, endpoint, this.javaScript);
  }

  /** Types the user ID and presses Next. */
  async start(userId: string): Promise<Sent> {
    await this.userId.fill(userId);
    if (this.javaScript) await this.waitForProofOfWork();
    return this.submit(this.nextButton, 'start_reset');
  }

  /** The message at the top of the page (not at a field). */
  alert(text: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  async startAgain(): Promise<void> {
    await this.submit(this.startAgainButton, 'cancel_reset');
    await this.expectStart();
  }

  async contactAdmin(): Promise<Sent> {
    return this.submit(this.contactButton, 'contact_admin');
  }

  /** The `<section>` of the open gate, labelled by the gate's name. */
  openGate(gate: GateName): Locator {
    return this.page.getByRole('region', { name: this.t.gates[gate], exact: true });
  }

  gateButton(gate: GateName): Locator {
    return this.page.getByRole('button', { name: this.t.gates[gate], exact: true });
  }

  /** "Verify your identity", with the step's progress line and exactly these gate buttons. */
  async expectGates(userId: string, choices: GateName[], step = 1, required = 1): Promise<void> {
    await expect(this.gatesHeading).toBeVisible();
    await expect(this.page.getByText(userId, { exact: true })).toBeVisible();
    await expect(this.page.getByText(this.t.gatesProgress(step, required), { exact: true })).toBeVisible();
    for (const gate of Object.keys(this.t.gates) as GateName[]) {
      await expect(this.gateButton(gate)).toHaveCount(choices.includes(gate) ? 1 : 0);
    }
    if (this.javaScript) await waitForHydration(this.page);
  }

  /** Presses a gate's button: a code goes out (or the questions show). */
  async chooseGate(gate: GateName): Promise<Sent> {
    return this.submit(this.gateButton(gate), 'choose_gate');
  }

  /** The open gate: where the code went, and the Code field (one-time-code, numeric) with Verify. */
  async expectCodeSent(gate: GateName, sentText: string): Promise<void> {
    const section = this.openGate(gate);
    await expect(section.getByRole('status').filter({ hasText: sentText })).toBeVisible();
    await expect(this.code).toBeVisible();
    await expect(this.code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(this.code).toHaveAttribute('inputmode', 'numeric');
    await expect(section.getByRole('button', { name: this.t.verify, exact: true })).toBeVisible();
  }

  async enterCode(code: string): Promise<Sent> {
    await this.code.fill(code);
    return this.submit(this.verifyButton, 'verify_reset_code');
  }

  /**
   * Chooses `gate`, reads its code from the sinks (e-mail or text message) and verifies it.
   * `ignore`: texts to take out of the message first (the display name, see `latestCode`).
   */
  async passCodeGate(gate: 'email' | 'textPhone', to: string, masked: string, ignore: string[] = []): Promise<void> {
    const sent = await this.chooseGate(gate);
    await this.expectCodeSent(gate, gate === 'email' ? this.t.codeSentEmail(masked) : this.t.codeSentSms(masked));
    const code = await latestCode(to, gate === 'email' ? 'email' : 'sms', { after: sent.at, ignore });
    await this.enterCode(code);
  }

  async expectChoose(userId: string): Promise<void> {
    await expect(this.chooseHeading).toBeVisible();
    await expect(this.page.getByText(userId, { exact: true })).toBeVisible();
    await expect(this.newPassword).toBeVisible();
    await expect(this.newPassword).toHaveAttribute('type', 'password');
    await expect(this.newPassword).toHaveAttribute('autocomplete', 'new-password');
    await expect(this.confirmPassword).toBeVisible();
    await expect(this.confirmPassword).toHaveAttribute('autocomplete', 'new-password');
    await expect(this.rules).toContainText(this.t.rulesIntro);
    await expect(this.resetButton).toBeVisible();
    if (this.javaScript) await waitForHydration(this.page);
    // The server sends the step whole: never marked busy, which would hide it from screen readers.
    else await expect(this.page.locator('[aria-busy]')).toHaveCount(0);
  }

  /** One line of the password rules under New password. */
  rule(text: string): Locator {
    return this.rules.getByRole('listitem').filter({ hasText: text });
  }

  /** A rule ticked off (met), crossed (not met), or not judged yet (open). */
  async expectRule(text: string, state: 'met' | 'not-met' | 'open'): Promise<void> {
    const rule = this.rule(text);
    if (state === 'met') {
      await expect(rule).toHaveClass(/(?:^|\s)met(?:\s|$)/);
      await expect(rule).toContainText(this.t.ruleMet);
    } else if (state === 'not-met') {
      await expect(rule).toHaveClass(/(?:^|\s)not-met(?:\s|$)/);
      await expect(rule).toContainText(this.t.ruleNotMet);
    } else {
      await expect(rule).toHaveClass(/^rule$/);
      await expect(rule).not.toContainText(this.t.ruleMet);
      await expect(rule).not.toContainText(this.t.ruleNotMet);
    }
  }

  async setPassword(newPassword: string, confirmation: string = newPassword): Promise<Sent> {
    await this.newPassword.fill(newPassword);
    await this.confirmPassword.fill(confirmation);
    return this.submit(this.resetButton, 'set_reset_password');
  }

  async unlock(): Promise<Sent> {
    return this.submit(this.unlockButton, 'unlock_account');
  }

  async expectDone(): Promise<void> {
    await expect(this.doneHeading).toBeVisible();
    await expect(this.page.getByRole('status').filter({ hasText: this.t.doneBody })).toBeVisible();
    await expect(this.signInLink).toBeVisible();
    await expect(this.signInLink).toHaveAttribute('href', '/setup');
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.unlockedHeading).toBeVisible();
    await expect(this.page.getByRole('status').filter({ hasText: this.t.unlockedBody })).toBeVisible();
    await expect(this.signInLink).toBeVisible();
  }

  /**
   * One of the seed's error pages: its title as the heading, its text, the user ID, and Start
   * again; "Contact an administrator" except for on-premises passwords.
   */
  async expectStopped(
    why: 'onPremises' | 'notEnabled' | 'notRegistered',
    userId: string,
  ): Promise<void> {
    const t = this.t;
    const [title, body] = {
      onPremises: [t.onPremisesTitle, t.onPremisesBody],
      notEnabled: [t.notEnabledTitle, t.notEnabledBody],
      notRegistered: [t.notRegisteredTitle, t.notRegisteredBody],
    }[why];
    await expect(this.heading(title)).toBeVisible();
    await expect(this.page.getByText(body, { exact: true })).toBeVisible();
    await expect(this.page.getByText(userId, { exact: true })).toBeVisible();
    if (why === 'onPremises') {
      await expect(this.page.getByText(t.onPremisesHelp, { exact: true })).toBeVisible();
      await expect(this.contactButton).toHaveCount(0);
    } else {
      await expect(this.page.getByText(t.contactOffer, { exact: true })).toBeVisible();
      await expect(this.contactButton).toBeVisible();
    }
    await expect(this.startAgainButton).toBeVisible();
    // No gate, no password field: nothing tells more than the seed's text.
    await expect(this.code).toHaveCount(0);
    await expect(this.newPassword).toHaveCount(0);
    if (this.javaScript) await waitForHydration(this.page);
  }

  /** The error is at its field: an alert with the message, the field invalid and described by it. */
  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(containing(message));
  }
}

/** `/reset/not-me?token=…`, the "this wasn't me" link of a notice. */
export class NotMePage extends AppPage {
  readonly t: ResetTexts;
  readonly heading1: Locator;
  readonly lockButton: Locator;
  readonly doneHeading: Locator;

  constructor(page: Page, lang: Lang = 'en') {
    super(page);
    this.t = reset[lang];
    this.heading1 = this.heading(this.t.notMeHeading);
    this.lockButton = page.getByRole('button', { name: this.t.notMeButton, exact: true });
    this.doneHeading = this.heading(this.t.notMeDoneHeading);
  }

  /** Opens the link (its path and query: the sinks' links are absolute, on the same server). */
  async openLink(link: string): Promise<void> {
    const url = new URL(link);
    await this.open(`${url.pathname}${url.search}`);
    await expect(this.heading1).toBeVisible();
  }

  async lock(): Promise<void> {
    await expect(this.lockButton).toBeEnabled();
    await this.lockButton.click();
    await expect(this.doneHeading).toBeVisible();
    await expect(this.page.getByRole('status').filter({ hasText: this.t.notMeDoneBody })).toBeVisible();
  }
}

/** The "this wasn't me" link in a notice. */
export function notMeLink(m: ReceivedMessage): string {
  const found = /https?:\/\/\S+\/reset\/not-me\?token=[A-Za-z0-9_%-]+/.exec(messageText(m));
  if (!found) throw new Error(`no "this wasn't me" link in:\n${messageText(m)}`);
  return found[0];
}

/** Waits for the notice with `subject` sent to `address` after `after`. */
export async function waitForNotice(address: string, subject: string, after: number): Promise<ReceivedMessage> {
  return waitForMessage(address, 'email', {
    after,
    where: (m) => m.channel === 'email' && m.subject === subject,
  });
}

/** A new password that passes the rules and the common-password check, and no one else's. */
export function strongPassword(): string {
  return `Amber walrus ${randomBytes(3).toString('hex')} juggles pylons`;
}

export interface Registered {
  email?: TestAddress;
  phone?: TestPhone;
}

/**
 * Registers and verifies methods for `account` on /setup with the real codes from the sinks,
 * presses Finish, and signs out when asked (the reset itself happens signed out). `page` may
 * have scripts off (`javaScript: false`): the forms are then plain posts.
 */
export async function registerMethods(
  page: Page,
  account: Account,
  { email = true, phone = false, signOut = false, javaScript = true }: { email?: boolean; phone?: boolean; signOut?: boolean; javaScript?: boolean } = {},
): Promise<Registered> {
  const reg = await RegistrationPage.signIn(page, account, { javaScript });
  const registered: Registered = {};
  if (phone) {
    const p = uniqueFrenchMobile();
    const sent = await reg.sendPhoneCode(p.national, { country: 'FR', channel: 'sms' });
    await reg.expectCodeSent('auth_phone', reg.t.codeSentSms(p.masked));
    const code = await latestCode(p.e164, 'sms', { after: sent.at });
    await reg.enterCode('auth_phone', code);
    await reg.expectVerified('auth_phone', p.masked);
    registered.phone = p;
  }
  if (email) {
    const home = uniqueHomeEmail();
    const sent = await reg.sendEmailCode(home.address);
    await reg.expectCodeSent('auth_email', reg.t.codeSentEmail(home.masked));
    const code = await latestCode(home.address, 'email', { after: sent.at, ignore: [account.displayName] });
    await reg.enterCode('auth_email', code);
    await reg.expectVerified('auth_email', home.masked);
    registered.email = home;
  }
  await reg.finish();
  await expect(reg.status(reg.t.finished)).toBeVisible();
  if (signOut) {
    await reg.signOutButton.click();
    await expect(new SignInPage(page).heading1).toBeVisible();
  }
  return registered;
}

/**
 * A fresh account of a kind the fixtures do not make: its password managed on-premises, or
 * without a licence (not enabled for password reset). Created with the app's CLI like
 * `createAccount`, with the server's environment; the password goes on stdin.
 */
export function createDirectoryAccount(kind: 'on-premises' | 'unlicensed'): { userId: string } {
  const suffix = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  const userId = `e2e-${kind}-${suffix}@contoso.example`;
  const configured = process.env.SSPR_BIN ?? 'target/release/sspr';
  const binary = configured.includes('/') ? path.resolve(repoRoot, configured) : configured;
  execFileSync(binary, ['user', 'add', userId, '--name', `E2E ${kind}`, '--email', `mail-${suffix}@fabrikam.example`, `--${kind}`], {
    cwd: repoRoot,
    env: process.env,
    input: 'correct horse battery staple 42\n',
    stdio: ['pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { userId };
}

/**
 * The user-visible strings the tests rely on (the app's contract), per language, by what the tests
 * call them. Every value comes from the Rust catalogue (./catalogue.ts reads the generated file),
 * so this file only says which text is which: no string here is a copy.
 */
import { type Catalogue, en, fr, type Lang } from './catalogue';

export type { Lang } from './catalogue';

const both = <T>(build: (t: Catalogue, lang: Lang) => T): Record<Lang, T> => ({ en: build(en, 'en'), fr: build(fr, 'fr') });

export const shell = both((t) => ({ languageNav: t.text('language_nav') }));

/** The summary at the top of a page that a plain form post came back to with an error at a field. */
export const errorSummary = both((t) => t.text('error_summary_title'));

export const signIn = both((t) => ({
  heading: t.text('sign_in_title'),
  userId: t.text('user_id_label'),
  password: t.text('password_label'),
  submit: t.text('sign_in_button'),
  badCredentials: t.text('err_bad_credentials'),
}));

export const securityInfo = both((t) => ({
  heading: t.text('security_info_title'),
  signOut: t.text('sign_out_button'),
  signedInAs: (name: string) => `${t.text('signed_in_as')} ${name}`,
}));

/** The organisation the messages name: the server's default `SSPR_ORGANISATION` (scripts/test.sh sets none). */
export const organisation = 'Contoso';

export const signedOutMessage = en.text('signed_out_status');

export const changePassword = {
  heading: en.text('change_title'),
  headingFr: fr.text('change_title'),
  newPassword: en.text('new_password_label'),
  confirmNewPassword: en.text('confirm_password_label'),
  submit: en.text('change_button'),
  mismatch: en.text('problem_mismatch'),
  /** With the default policy's minimum. */
  tooShort: en.format('problem_too_short', 15),
} as const;

export const outbox = {
  heading: en.text('outbox_title'),
  passwordChangedSubject: en.text('mail_password_changed_subject'),
} as const;

/** The cards of the registration page, by their `<section id>`. */
export type MethodId = 'office_phone' | 'auth_phone' | 'auth_email' | 'security_questions' | 'recovery_codes';

/** The registration portal at /setup. */
export interface RegistrationTexts {
  heading: string;
  signedInAs: string;
  titles: Record<MethodId, string>;
  notSet: string;
  verified: string;
  waiting: string;
  setUp: string;
  change: string;
  remove: string;
  officePhoneHint: string;
  country: string;
  phoneNumber: string;
  textMe: string;
  callMe: string;
  email: string;
  emailMe: string;
  question: (n: number) => string;
  answer: (n: number) => string;
  chooseQuestion: string;
  saveAnswers: string;
  questionsAnswered: (n: number) => string;
  /** Some predefined questions, as the option texts of the question lists. */
  questions: { firstPet: string; birthCity: string; firstSchool: string; firstJob: string };
  codeSentSms: (to: string) => string;
  codeSentVoice: (to: string) => string;
  codeSentEmail: (to: string) => string;
  code: string;
  verify: string;
  resend: string;
  resendByCall: string;
  resendByText: string;
  useAnotherNumber: string;
  useAnotherAddress: string;
  finish: string;
  cancel: string;
  signOut: string;
  progress: (verified: number, required: number) => string;
  finishReady: string;
  finished: string;
  /** Beside Finish while a code still waits: for the phone, the e-mail, or both. */
  finishPending: (phone: boolean, email: boolean) => string;
  /** The finished state (SPEC §2.3), a region named by its title. */
  finishedTitle: string;
  finishedBody: string;
  lastConfirmed: (date: string) => string;
  finishedNext: string;
  /** A day as the page writes it (UTC), e.g. "2 December 2026". */
  longDate: (at: Date) => string;
  /** Re-confirmation: a method whose fresh code is not entered yet, and the status after Looks good. */
  rechecking: string;
  reconfirmCodesSent: string;
  reconfirmCodesIntro: string;
  phoneVerified: string;
  emailVerified: string;
  questionsSaved: string;
  codeSent: string;
  cancelled: string;
  needMoreMethods: (n: number) => string;
  questionsAlone: string;
  required: string;
  tooShort: (min: number) => string;
  notAPhone: string;
  notAnEmail: string;
  sameAsPrimary: string;
  wrongCode: (left: number) => string;
  duplicateQuestion: string;
  duplicateAnswer: string;
  /** The text message / call that carries a code, with the code and the organisation put in. */
  phoneCodeMessage: (code: string, organisation: string) => string;
}

/**
 * A day as the catalogue's `long_date` writes it. The month names are the only words here: the
 * catalogue's samples cannot list every day (src/i18n/{en,fr}.rs, `long_date`).
 */
function longDate(lang: Lang, at: Date): string {
  if (lang === 'en') {
    return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  const day = at.getUTCDate();
  const month = at.toLocaleDateString('fr-FR', { month: 'long', timeZone: 'UTC' });
  return `${day === 1 ? '1er' : day} ${month} ${at.getUTCFullYear()}`;
}

export const registration: Record<Lang, RegistrationTexts> = both((t, lang) => ({
  heading: t.text('security_info_title'),
  signedInAs: t.text('signed_in_as'),
  titles: {
    office_phone: t.text('office_phone_title'),
    auth_phone: t.text('auth_phone_title'),
    auth_email: t.text('auth_email_title'),
    security_questions: t.text('questions_title'),
    recovery_codes: t.text('recovery_codes_title'),
  },
  notSet: t.text('state_not_set'),
  verified: t.text('state_verified'),
  waiting: t.text('state_waiting'),
  setUp: t.text('set_up_button'),
  change: t.text('change_button_label'),
  remove: t.text('remove_button'),
  officePhoneHint: t.text('office_phone_hint'),
  country: t.text('country_label'),
  phoneNumber: t.text('phone_number_label'),
  textMe: t.text('text_me_button'),
  callMe: t.text('call_me_button'),
  email: t.text('email_label'),
  emailMe: t.text('email_me_button'),
  question: (n) => t.format('question_label', n),
  answer: (n) => t.format('answer_label', n),
  chooseQuestion: t.text('choose_question'),
  saveAnswers: t.text('save_answers_button'),
  questionsAnswered: (n) => t.format('questions_answered', n),
  questions: {
    firstPet: t.format('question', 'first_pet'),
    birthCity: t.format('question', 'birth_city'),
    firstSchool: t.format('question', 'first_school'),
    firstJob: t.format('question', 'first_job'),
  },
  codeSentSms: (to) => t.format('code_sent_sms', to),
  codeSentVoice: (to) => t.format('code_sent_voice', to),
  codeSentEmail: (to) => t.format('code_sent_email', to),
  code: t.text('code_label'),
  verify: t.text('verify_button'),
  resend: t.text('resend_button'),
  resendByCall: t.text('resend_by_call_button'),
  resendByText: t.text('resend_by_text_button'),
  useAnotherNumber: t.text('use_another_number'),
  useAnotherAddress: t.text('use_another_address'),
  finish: t.text('finish_button'),
  cancel: t.text('cancel_button'),
  signOut: t.text('sign_out_button'),
  progress: (verified, required) => t.format('reg_progress', verified, required),
  finishReady: t.text('finish_hint_ready'),
  finished: t.text('finished_status'),
  finishPending: (phone, email) => t.format('finish_pending', phone, email),
  finishedTitle: t.text('finished_title'),
  finishedBody: t.text('finished_body'),
  lastConfirmed: (date) => t.format('last_confirmed', date),
  finishedNext: t.text('finished_next'),
  longDate: (at) => longDate(lang, at),
  rechecking: t.text('state_rechecking'),
  reconfirmCodesSent: t.text('reconfirm_codes_sent_status'),
  reconfirmCodesIntro: t.text('reconfirm_codes_intro'),
  phoneVerified: t.text('phone_verified_status'),
  emailVerified: t.text('email_verified_status'),
  questionsSaved: t.text('questions_saved_status'),
  codeSent: t.text('code_sent_status'),
  cancelled: t.text('cancelled_status'),
  needMoreMethods: (n) => t.format('err_need_more_methods', n),
  questionsAlone: t.text('err_questions_alone'),
  required: t.text('problem_required'),
  tooShort: (min) => t.format('problem_too_short', min),
  notAPhone: t.text('problem_not_a_phone'),
  notAnEmail: t.text('problem_not_an_email'),
  sameAsPrimary: t.text('problem_same_as_primary'),
  wrongCode: (left) => t.format('problem_wrong_code', left),
  duplicateQuestion: t.text('problem_duplicate_question'),
  duplicateAnswer: t.text('problem_duplicate_answer'),
  phoneCodeMessage: (code, organisation) => t.format('phone_code_body', code, organisation),
}));

/** The reset portal at /reset and /reset/not-me. */
export interface ResetTexts {
  cantAccess: string;
  heading: string;
  userId: string;
  /** The line that names the account being reset ("Identifiant : …", with the French space). */
  userIdLine: (userId: string) => string;
  next: string;
  powWorking: string;
  startAgain: string;
  /** The seed's three error pages. */
  onPremisesTitle: string;
  onPremisesBody: string;
  onPremisesHelp: string;
  notEnabledTitle: string;
  notEnabledBody: string;
  notRegisteredTitle: string;
  notRegisteredBody: string;
  contactOffer: string;
  contactAdmin: string;
  contacted: string;
  /** The subject of the e-mail that "Contact an administrator" sends to every administrator. */
  adminHelpSubject: (userId: string) => string;
  gatesHeading: string;
  gatesProgress: (step: number, required: number) => string;
  gatesChoose: string;
  otherMethods: string;
  gates: { textPhone: string; callPhone: string; callOffice: string; email: string; questions: string; recoveryCode: string };
  codeSentSms: (to: string) => string;
  codeSentEmail: (to: string) => string;
  code: string;
  verify: string;
  notACode: string;
  wrongCode: (left: number) => string;
  chooseHeading: string;
  newPassword: string;
  confirmPassword: string;
  rulesIntro: string;
  ruleLength: (min: number, max: number) => string;
  ruleNoContext: string;
  ruleNotCommon: string;
  ruleConfirmed: string;
  ruleMet: string;
  ruleNotMet: string;
  tooShort: (min: number) => string;
  mismatch: string;
  resetButton: string;
  unlockButton: string;
  doneHeading: string;
  doneBody: string;
  unlockedHeading: string;
  unlockedBody: string;
  signIn: string;
  noticeResetSubject: string;
  noticeUnlockedSubject: string;
  notMeHeading: string;
  notMeButton: string;
  notMeDoneHeading: string;
  notMeDoneBody: string;
  notMeInvalid: string;
  locked: (minutes: number) => string;
  /** A reset refused by the per-account rule (a day's block): what happened and for how long, in words. */
  accountLimited: string;
}

export const reset: Record<Lang, ResetTexts> = both((t) => ({
  cantAccess: t.text('cant_access_link'),
  heading: t.text('reset_title'),
  userId: t.text('user_id_label'),
  userIdLine: (userId) => `${t.text('user_id_label')}${t.text('label_colon')} ${userId}`,
  next: t.text('next_button'),
  powWorking: t.text('pow_working'),
  startAgain: t.text('start_again_button'),
  onPremisesTitle: t.text('on_premises_title'),
  onPremisesBody: t.text('on_premises_body'),
  onPremisesHelp: t.text('on_premises_help'),
  notEnabledTitle: t.text('not_enabled_title'),
  notEnabledBody: t.text('not_enabled_body'),
  notRegisteredTitle: t.text('not_registered_title'),
  notRegisteredBody: t.text('not_registered_body'),
  contactOffer: t.text('contact_admin_offer'),
  contactAdmin: t.text('contact_admin_button'),
  contacted: t.text('contacted_status'),
  adminHelpSubject: (userId) => t.format('admin_help_subject', userId),
  gatesHeading: t.text('gates_title'),
  gatesProgress: (step, required) => t.format('gates_progress', step, required),
  gatesChoose: t.text('gates_choose'),
  otherMethods: t.text('gate_other_methods'),
  gates: {
    textPhone: t.text('gate_text_phone'),
    callPhone: t.text('gate_call_phone'),
    callOffice: t.text('gate_call_office'),
    email: t.text('gate_email'),
    questions: t.text('gate_questions'),
    recoveryCode: t.text('gate_recovery_code'),
  },
  codeSentSms: (to) => t.format('code_sent_sms', to),
  codeSentEmail: (to) => t.format('code_sent_email', to),
  code: t.text('code_label'),
  verify: t.text('verify_button'),
  notACode: t.text('problem_not_a_code'),
  wrongCode: (left) => t.format('problem_wrong_code', left),
  chooseHeading: t.text('choose_title'),
  newPassword: t.text('new_password_label'),
  confirmPassword: t.text('confirm_password_label'),
  rulesIntro: t.text('rules_intro'),
  ruleLength: (min, max) => t.format('rule_length', min, max),
  ruleNoContext: t.text('rule_no_context'),
  ruleNotCommon: t.text('rule_not_common'),
  ruleConfirmed: t.text('rule_confirmed'),
  ruleMet: t.text('rule_met'),
  ruleNotMet: t.text('rule_not_met'),
  tooShort: (min) => t.format('problem_too_short', min),
  mismatch: t.text('problem_mismatch'),
  resetButton: t.text('reset_button'),
  unlockButton: t.text('unlock_button'),
  doneHeading: t.text('done_title'),
  doneBody: t.text('done_body'),
  unlockedHeading: t.text('unlocked_title'),
  unlockedBody: t.text('unlocked_body'),
  signIn: t.text('sign_in_link'),
  noticeResetSubject: t.text('notice_reset_subject'),
  noticeUnlockedSubject: t.text('notice_unlocked_subject'),
  notMeHeading: t.text('not_me_title'),
  notMeButton: t.text('not_me_button'),
  notMeDoneHeading: t.text('not_me_done_title'),
  notMeDoneBody: t.text('not_me_done_body'),
  notMeInvalid: t.text('not_me_invalid'),
  locked: (minutes) => t.format('err_locked', minutes),
  accountLimited: t.format('err_reset_limited', 'account_attempts', 86_400),
}));

/** /password, the change of password of a signed-in user. */
export const changeOwnPassword = {
  heading: en.text('change_title'),
  signInIntro: en.text('password_sign_in_intro'),
  currentPassword: en.text('current_password_label'),
  newPassword: en.text('new_password_label'),
  confirmNewPassword: en.text('confirm_password_label'),
  submit: en.text('change_button'),
  changed: en.text('password_changed_status'),
  backToSecurityInfo: en.text('back_to_security_info'),
  common: en.text('problem_common_password'),
  mismatch: en.text('problem_mismatch'),
  ruleLength: (min: number, max: number) => en.format('rule_length', min, max),
  ruleNoContext: en.text('rule_no_context'),
  ruleNotCommon: en.text('rule_not_common'),
  ruleConfirmed: en.text('rule_confirmed'),
  ruleMet: en.text('rule_met'),
  ruleNotMet: en.text('rule_not_met'),
} as const;

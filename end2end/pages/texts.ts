/** The user-visible strings the tests rely on (the app's contract), per language. */

export type Lang = 'en' | 'fr';

export const shell = {
  en: { languageNav: 'Language' },
  fr: { languageNav: 'Langue' },
} as const;

export const signIn = {
  en: {
    heading: 'Sign in',
    userId: 'User ID',
    password: 'Password',
    submit: 'Sign in',
    badCredentials: 'The user ID or password is incorrect.',
  },
  fr: {
    heading: 'Connexion',
    userId: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    // U+2019 RIGHT SINGLE QUOTATION MARK, as the app writes it.
    badCredentials: 'L\u2019identifiant ou le mot de passe est incorrect.',
  },
} as const;

export const securityInfo = {
  en: { heading: 'Security info', signOut: 'Sign out', signedInAs: (name: string) => `Signed in as ${name}` },
  fr: { heading: 'Informations de sécurité', signOut: 'Se déconnecter' },
} as const;

export const signedOutMessage = 'You have signed out.';

export const changePassword = {
  heading: 'Change your password',
  headingFr: 'Changez votre mot de passe',
  newPassword: 'New password',
  confirmNewPassword: 'Confirm new password',
  submit: 'Change password',
  mismatch: 'The two passwords do not match.',
  tooShort: 'Use at least 15 characters.',
} as const;

export const outbox = {
  heading: 'Development outbox',
  passwordChangedSubject: 'Your password was changed',
} as const;

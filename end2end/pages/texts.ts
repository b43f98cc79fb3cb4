/** The user-visible strings the tests rely on (the app's contract), per language. */

export type Lang = 'en' | 'fr';

export const shell = {
  en: { languageNav: 'Language' },
  fr: { languageNav: 'Langue' },
} as const;

/** The summary at the top of a page that a plain form post came back to with an error at a field. */
export const errorSummary = { en: 'There is a problem', fr: 'Il y a un problème' } as const;

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

/** The four cards of the registration page, by their `<section id>`. */
export type MethodId = 'office_phone' | 'auth_phone' | 'auth_email' | 'security_questions';

/** The registration portal at /setup (src/i18n/{en,fr}.rs; French uses U+2019 apostrophes). */
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
  /** A piece of the text message / call that carries a code, in this language. */
  phoneCodeMessage: string;
}

export const registration: Record<Lang, RegistrationTexts> = {
  en: {
    heading: 'Security info',
    signedInAs: 'Signed in as',
    titles: {
      office_phone: 'Office phone',
      auth_phone: 'Authentication phone',
      auth_email: 'Authentication e-mail',
      security_questions: 'Security questions',
    },
    notSet: 'Not set',
    verified: 'Verified',
    waiting: 'Waiting for the code',
    setUp: 'Set up',
    change: 'Change',
    remove: 'Remove',
    officePhoneHint: 'Only your administrator can set this.',
    country: 'Country or region',
    phoneNumber: 'Phone number',
    textMe: 'Text me a code',
    callMe: 'Call me',
    email: 'E-mail address',
    emailMe: 'E-mail me a code',
    question: (n) => `Question ${n}`,
    answer: (n) => `Answer ${n}`,
    chooseQuestion: 'Choose a question',
    saveAnswers: 'Save answers',
    questionsAnswered: (n) => `${n} questions answered`,
    questions: {
      firstPet: 'What was the name of your first pet?',
      birthCity: 'In what city were you born?',
      firstSchool: 'What was the name of your first school?',
      firstJob: 'What was your first job?',
    },
    codeSentSms: (to) => `We sent a text message with a code to ${to}.`,
    codeSentVoice: (to) => `We are calling ${to}: the call reads out a code.`,
    codeSentEmail: (to) => `We e-mailed a code to ${to}.`,
    code: 'Code',
    verify: 'Verify',
    resend: 'Send a new code',
    resendByCall: 'Call me instead',
    resendByText: 'Text me instead',
    useAnotherNumber: 'Use another number',
    useAnotherAddress: 'Use another address',
    finish: 'Finish',
    cancel: 'Cancel',
    signOut: 'Sign out',
    progress: (verified, required) =>
      `${verified === 0 ? 'You have not verified any method yet' : `You have verified ${verified} ${verified === 1 ? 'method' : 'methods'}`}; ${required} ${required === 1 ? 'is' : 'are'} required.`,
    finishReady: 'You have verified enough methods. Select Finish to confirm them.',
    finished: 'Your security info is saved. You can now reset your password when you need to.',
    finishPending: (phone, email) =>
      phone && email
        ? 'Your authentication phone and e-mail are still waiting for their codes: enter them before you finish, or what you entered will not be kept.'
        : phone
          ? 'Your authentication phone is still waiting for its code: enter it before you finish, or the number you entered will not be kept.'
          : 'Your authentication e-mail is still waiting for its code: enter it before you finish, or the address you entered will not be kept.',
    finishedTitle: 'You are all set',
    finishedBody: 'You can now reset your password when you need to.',
    lastConfirmed: (date) => `You last confirmed your security info on ${date}.`,
    finishedNext:
      'What next: you can sign out. Come back here when your phone or e-mail changes. If you forget your password, choose \u201cCan\'t access your account?\u201d on the sign-in page.',
    longDate: (at) => at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    rechecking: 'Waiting for the new code',
    reconfirmCodesSent: 'New codes sent. Enter each one below to confirm.',
    reconfirmCodesIntro:
      'We are checking that your phone and e-mail still reach you: enter the code we just sent to each of them. Your security info is confirmed once every code is in.',
    phoneVerified: 'Your authentication phone is verified.',
    emailVerified: 'Your authentication e-mail is verified.',
    questionsSaved: 'Your security questions are saved.',
    codeSent: 'Code sent.',
    cancelled: 'You left without confirming your security info, and you have signed out.',
    needMoreMethods: (n) => `Verify ${n} more ${n === 1 ? 'method' : 'methods'} before you finish.`,
    questionsAlone: "Security questions can't be your only method: add a phone or an e-mail too.",
    required: 'This field is required.',
    tooShort: (min) => `Use at least ${min} characters.`,
    notAPhone:
      'Enter a number that can receive texts or calls in the chosen country, for example 06 12 34 56 78 for France.',
    notAnEmail: 'Enter an e-mail address in the form name@example.com.',
    sameAsPrimary:
      'Use another address than your work e-mail: one you can open without the password you want to reset.',
    wrongCode: (left) => `This code is wrong. ${left} more tries before it stops working.`,
    duplicateQuestion: 'You chose this question already. Choose a different one.',
    duplicateAnswer: 'You gave this answer already. Give a different answer to each question.',
    phoneCodeMessage: 'verification code',
  },
  fr: {
    heading: 'Informations de sécurité',
    // Not "Connecté en tant que Alice": no elision to get wrong before a name.
    signedInAs: 'Compte connecté :',
    titles: {
      office_phone: 'Téléphone de bureau',
      auth_phone: 'Téléphone d\u2019authentification',
      auth_email: 'E-mail d\u2019authentification',
      security_questions: 'Questions de sécurité',
    },
    notSet: 'Non défini',
    verified: 'Vérifié',
    waiting: 'En attente du code',
    setUp: 'Configurer',
    change: 'Modifier',
    remove: 'Supprimer',
    officePhoneHint: 'Le téléphone de bureau ne peut être défini que par l\u2019administrateur.',
    country: 'Pays ou région',
    phoneNumber: 'Numéro de téléphone',
    textMe: 'M\u2019envoyer un code par SMS',
    callMe: 'M\u2019appeler',
    email: 'Adresse e-mail',
    emailMe: 'M\u2019envoyer un code par e-mail',
    question: (n) => `Question ${n}`,
    answer: (n) => `Réponse ${n}`,
    chooseQuestion: 'Choisissez une question',
    saveAnswers: 'Enregistrer les réponses',
    questionsAnswered: (n) => `${n} questions répondues`,
    questions: {
      firstPet: 'Quel était le nom de votre premier animal de compagnie ?',
      birthCity: 'Dans quelle ville êtes-vous né(e) ?',
      firstSchool: 'Quel était le nom de votre première école ?',
      firstJob: 'Quel a été votre premier emploi ?',
    },
    codeSentSms: (to) => `Nous avons envoyé un SMS avec un code au ${to}.`,
    codeSentVoice: (to) => `Nous appelons le ${to} : l\u2019appel vous dicte un code.`,
    codeSentEmail: (to) => `Nous avons envoyé un code par e-mail à ${to}.`,
    code: 'Code',
    verify: 'Vérifier',
    resend: 'Envoyer un nouveau code',
    resendByCall: 'M\u2019appeler plutôt',
    resendByText: 'M\u2019envoyer un SMS plutôt',
    useAnotherNumber: 'Utiliser un autre numéro',
    useAnotherAddress: 'Utiliser une autre adresse',
    finish: 'Terminer',
    cancel: 'Annuler',
    signOut: 'Se déconnecter',
    progress: (verified, required) =>
      `${verified === 0 ? 'Vous n\u2019avez encore vérifié aucune méthode' : `Vous avez vérifié ${verified} ${verified === 1 ? 'méthode' : 'méthodes'}`} ; ${required} ${required === 1 ? 'est exigée' : 'sont exigées'}.`,
    finishReady: 'Vous avez vérifié assez de méthodes. Sélectionnez Terminer pour les confirmer.',
    finished:
      'Vos informations de sécurité sont enregistrées. Vous pourrez désormais réinitialiser votre mot de passe en cas de besoin.',
    finishPending: (phone, email) =>
      phone && email
        ? 'Votre téléphone et votre e-mail d\u2019authentification attendent encore leur code : entrez-les avant de terminer, sinon ce que vous avez saisi ne sera pas conservé.'
        : phone
          ? 'Votre téléphone d\u2019authentification attend encore son code : entrez-le avant de terminer, sinon le numéro saisi ne sera pas conservé.'
          : 'Votre e-mail d\u2019authentification attend encore son code : entrez-le avant de terminer, sinon l\u2019adresse saisie ne sera pas conservée.',
    finishedTitle: 'C\u2019est terminé',
    finishedBody: 'Vous pourrez désormais réinitialiser votre mot de passe en cas de besoin.',
    lastConfirmed: (date) => `Vous avez confirmé vos informations de sécurité pour la dernière fois le ${date}.`,
    finishedNext:
      'Et ensuite : vous pouvez vous déconnecter. Revenez ici quand votre téléphone ou votre e-mail change. Si vous oubliez votre mot de passe, choisissez « Votre compte n\u2019est pas accessible ? » sur la page de connexion.',
    longDate: (at) => {
      const day = at.getUTCDate();
      const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
      return `${day === 1 ? '1er' : day} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
    },
    rechecking: 'En attente du nouveau code',
    reconfirmCodesSent: 'Nouveaux codes envoyés. Entrez chacun d\u2019eux ci-dessous pour confirmer.',
    reconfirmCodesIntro:
      'Nous vérifions que votre téléphone et votre e-mail vous joignent toujours : entrez le code que nous venons d\u2019envoyer à chacun. Vos informations de sécurité seront confirmées une fois tous les codes saisis.',
    phoneVerified: 'Votre téléphone d\u2019authentification est vérifié.',
    emailVerified: 'Votre e-mail d\u2019authentification est vérifié.',
    questionsSaved: 'Vos questions de sécurité sont enregistrées.',
    codeSent: 'Code envoyé.',
    cancelled: 'Vous êtes parti sans confirmer vos informations de sécurité, et vous êtes déconnecté.',
    needMoreMethods: (n) => `Vérifiez encore ${n} ${n === 1 ? 'méthode' : 'méthodes'} avant de terminer.`,
    questionsAlone:
      'Les questions de sécurité ne peuvent pas être votre seule méthode : ajoutez aussi un téléphone ou un e-mail.',
    required: 'Ce champ est obligatoire.',
    tooShort: (min) => `Utilisez au moins ${min} caractères.`,
    notAPhone:
      'Entrez un numéro qui peut recevoir des SMS ou des appels dans le pays choisi, par exemple 06 12 34 56 78 pour la France.',
    notAnEmail: 'Entrez une adresse e-mail de la forme nom@exemple.com.',
    sameAsPrimary:
      'Utilisez une autre adresse que votre e-mail professionnel : une adresse que vous pouvez ouvrir sans le mot de passe à réinitialiser.',
    wrongCode: (left) => `Ce code est incorrect. Encore ${left} essai(s) avant qu\u2019il ne fonctionne plus.`,
    duplicateQuestion: 'Vous avez déjà choisi cette question. Choisissez-en une autre.',
    duplicateAnswer: 'Vous avez déjà donné cette réponse. Donnez une réponse différente à chaque question.',
    phoneCodeMessage: 'est votre code de vérification',
  },
};

/** The reset portal at /reset and /reset/not-me (src/i18n/{en,fr}.rs, block "reset portal"). */
export interface ResetTexts {
  cantAccess: string;
  heading: string;
  userId: string;
  /** The line that names the account being reset ("Identifiant : …", with the French space). */
  userIdLine: (userId: string) => string;
  next: string;
  powWorking: string;
  startAgain: string;
  /** The seed's three error pages (titles and texts as in src/i18n). */
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
  gates: { textPhone: string; callPhone: string; callOffice: string; email: string; questions: string };
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
  /** A reset refused by the per-account rule: what happened and for how long, in words. */
  accountLimited: string;
}

export const reset: Record<Lang, ResetTexts> = {
  en: {
    cantAccess: "Can't access your account?",
    heading: 'Get back into your account',
    userId: 'User ID',
    userIdLine: (userId) => `User ID: ${userId}`,
    next: 'Next',
    powWorking: 'Checking your browser\u2026',
    startAgain: 'Start again',
    onPremisesTitle: 'Please contact your administrator.',
    onPremisesBody:
      "We've detected that your user account password is not managed by this service. As a result, we are unable to reset your password automatically.",
    onPremisesHelp: 'Contact your IT staff for any further assistance.',
    notEnabledTitle: 'Your account is not enabled for password reset',
    notEnabledBody: "We're sorry, but your IT staff has not set up your account for use with this service.",
    notRegisteredTitle: "We can't verify your account",
    notRegisteredBody:
      "This account has not registered enough ways to prove who you are, so the password can't be reset here.",
    contactOffer:
      "If you'd like, we can contact an administrator in your organisation to reset your password for you.",
    contactAdmin: 'Contact an administrator',
    contacted: 'We have sent your request to your administrators. They will contact you.',
    adminHelpSubject: (userId) => `Password reset help requested for ${userId}`,
    gatesHeading: 'Verify your identity',
    gatesProgress: (step, required) =>
      required > 1 ? `Step ${step} of ${required}: choose a way to prove it is you.` : 'Choose a way to prove it is you.',
    gatesChoose: 'Choose a verification method',
    otherMethods: 'Or use another method',
    gates: {
      textPhone: 'Text my authentication phone',
      callPhone: 'Call my authentication phone',
      callOffice: 'Call my office phone',
      email: 'E-mail my authentication address',
      questions: 'Answer my security questions',
    },
    codeSentSms: (to) => `We sent a text message with a code to ${to}.`,
    codeSentEmail: (to) => `We e-mailed a code to ${to}.`,
    code: 'Code',
    verify: 'Verify',
    notACode: 'Enter the 6 digits of the code.',
    wrongCode: (left) => `This code is wrong. ${left} more tries before it stops working.`,
    chooseHeading: 'Choose a new password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    rulesIntro: 'Your new password:',
    ruleLength: (min, max) => `has ${min} to ${max} characters`,
    ruleNoContext: 'does not contain your name, user ID or organisation',
    ruleNotCommon: 'is not a common or easily guessed password (checked when you submit)',
    ruleConfirmed: 'is typed the same way in both fields',
    ruleMet: '(done)',
    ruleNotMet: '(not yet)',
    tooShort: (min) => `Use at least ${min} characters.`,
    mismatch: 'The two passwords do not match.',
    resetButton: 'Reset password',
    unlockButton: 'Unlock without resetting',
    doneHeading: 'Your password has been reset',
    doneBody:
      'Sign in with your new password. For your safety we signed you out everywhere, and we told you on every address you registered.',
    unlockedHeading: 'Your account is unlocked',
    unlockedBody: 'Sign in with your current password. We told you on every address you registered.',
    signIn: 'Sign in',
    noticeResetSubject: 'Your password was reset',
    noticeUnlockedSubject: 'Your account was unlocked',
    notMeHeading: "Wasn't you?",
    notMeButton: 'Lock my account',
    notMeDoneHeading: 'Your account is locked',
    notMeDoneBody: 'Your administrators have been alerted. Contact them to get back into your account.',
    notMeInvalid:
      'This link was already used or has expired. If you think someone else can get into your account, contact your administrator at once.',
    locked: (minutes) => `Too many failed attempts. Try again in ${minutes} minute(s).`,
    accountLimited: 'Too many reset attempts for this account. Try again in 24 hours.',
  },
  fr: {
    cantAccess: 'Votre compte n\u2019est pas accessible ?',
    heading: 'Récupérer votre compte',
    userId: 'Identifiant',
    userIdLine: (userId) => `Identifiant : ${userId}`,
    next: 'Suivant',
    powWorking: 'Vérification de votre navigateur\u2026',
    startAgain: 'Recommencer',
    onPremisesTitle: 'Veuillez contacter votre administrateur.',
    onPremisesBody:
      'Nous avons détecté que votre mot de passe de compte d\u2019utilisateur n\u2019est pas géré par ce service. Par conséquent, nous ne pouvons pas réinitialiser automatiquement votre mot de passe.',
    onPremisesHelp: 'Vous devez contacter votre équipe informatique pour une aide supplémentaire.',
    notEnabledTitle: 'Votre compte n\u2019est pas activé pour la réinitialisation du mot de passe',
    notEnabledBody:
      'Nous sommes désolés, mais votre service informatique n\u2019a pas configuré votre compte pour utiliser ce service.',
    notRegisteredTitle: 'Impossible de vérifier votre compte',
    notRegisteredBody:
      'Ce compte n\u2019a pas inscrit assez de moyens de prouver votre identité : le mot de passe ne peut pas être réinitialisé ici.',
    contactOffer:
      'Si vous le souhaitez, nous pouvons contacter un administrateur de votre organisation pour réinitialiser le mot de passe à votre place.',
    contactAdmin: 'Contacter un administrateur',
    contacted: 'Votre demande a été envoyée à vos administrateurs. Ils vous contacteront.',
    adminHelpSubject: (userId) => `Demande d\u2019aide pour le mot de passe de ${userId}`,
    gatesHeading: 'Vérifiez votre identité',
    gatesProgress: (step, required) =>
      required > 1
        ? `Étape ${step} sur ${required} : choisissez comment prouver votre identité.`
        : 'Choisissez comment prouver votre identité.',
    gatesChoose: 'Choisissez une méthode de vérification',
    otherMethods: 'Ou utilisez une autre méthode',
    gates: {
      textPhone: 'Envoyer un SMS à mon téléphone d\u2019authentification',
      callPhone: 'Appeler mon téléphone d\u2019authentification',
      callOffice: 'Appeler mon téléphone de bureau',
      email: 'Envoyer un e-mail à mon adresse d\u2019authentification',
      questions: 'Répondre à mes questions de sécurité',
    },
    codeSentSms: (to) => `Nous avons envoyé un SMS avec un code au ${to}.`,
    codeSentEmail: (to) => `Nous avons envoyé un code par e-mail à ${to}.`,
    code: 'Code',
    verify: 'Vérifier',
    notACode: 'Entrez les 6 chiffres du code.',
    wrongCode: (left) => `Ce code est incorrect. Encore ${left} essai(s) avant qu\u2019il ne fonctionne plus.`,
    chooseHeading: 'Choisissez un nouveau mot de passe',
    newPassword: 'Nouveau mot de passe',
    confirmPassword: 'Confirmez le nouveau mot de passe',
    rulesIntro: 'Votre nouveau mot de passe :',
    ruleLength: (min, max) => `compte de ${min} à ${max} caractères`,
    ruleNoContext: 'ne contient ni votre nom, ni votre identifiant, ni le nom de votre organisation',
    ruleNotCommon: 'n\u2019est pas un mot de passe courant ou facile à deviner (vérifié à l\u2019envoi)',
    ruleConfirmed: 'est saisi de la même façon dans les deux champs',
    ruleMet: '(fait)',
    ruleNotMet: '(pas encore)',
    tooShort: (min) => `Utilisez au moins ${min} caractères.`,
    mismatch: 'Les deux mots de passe ne correspondent pas.',
    resetButton: 'Réinitialiser le mot de passe',
    unlockButton: 'Déverrouiller sans réinitialiser',
    doneHeading: 'Votre mot de passe a été réinitialisé',
    doneBody:
      'Connectez-vous avec votre nouveau mot de passe. Par sécurité, toutes vos sessions ont été fermées, et nous vous avons prévenu sur chaque adresse inscrite.',
    unlockedHeading: 'Votre compte est déverrouillé',
    unlockedBody:
      'Connectez-vous avec votre mot de passe actuel. Nous vous avons prévenu sur chaque adresse inscrite.',
    signIn: 'Se connecter',
    noticeResetSubject: 'Votre mot de passe a été réinitialisé',
    noticeUnlockedSubject: 'Votre compte a été déverrouillé',
    notMeHeading: 'Ce n\u2019était pas vous ?',
    notMeButton: 'Verrouiller mon compte',
    notMeDoneHeading: 'Votre compte est verrouillé',
    notMeDoneBody: 'Vos administrateurs ont été alertés. Contactez-les pour récupérer votre compte.',
    notMeInvalid:
      'Ce lien a déjà servi ou a expiré. Si vous pensez que quelqu\u2019un d\u2019autre peut accéder à votre compte, contactez tout de suite votre administrateur.',
    locked: (minutes) => `Trop de tentatives infructueuses. Réessayez dans ${minutes} minute(s).`,
    accountLimited: 'Trop de tentatives de réinitialisation pour ce compte. Réessayez dans 24 heures.',
  },
};

/** /password, the change of password of a signed-in user (src/i18n, block "change password and password rules"). */
export const changeOwnPassword = {
  heading: 'Change your password',
  signInIntro: 'Sign in to change your password.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmNewPassword: 'Confirm new password',
  submit: 'Change password',
  changed: 'Your password has been changed.',
  backToSecurityInfo: 'Back to your security info',
  common: 'This password is too common or too easy to guess',
  mismatch: 'The two passwords do not match.',
  ruleLength: (min: number, max: number) => `has ${min} to ${max} characters`,
  ruleNoContext: 'does not contain your name, user ID or organisation',
  ruleNotCommon: 'is not a common or easily guessed password (checked when you submit)',
  ruleConfirmed: 'is typed the same way in both fields',
  ruleMet: '(done)',
  ruleNotMet: '(not yet)',
} as const;

use super::Texts;

pub static TEXTS: Texts = Texts {
    app_name: "Mot de passe en libre-service",
    skip_link: "Aller au contenu principal",
    language_nav: "Langue",
    main_nav: "Principal",
    footer_note: "Votre service informatique gère ce service pour les comptes de votre organisation.",

    home_title: "Mot de passe en libre-service",
    home_intro: "Inscrivez les moyens de vérifier votre identité pour pouvoir réinitialiser un mot de passe oublié ou déverrouiller votre compte sans aide.",
    home_register_link: "Inscrire vos informations de sécurité",
    home_register_hint: "Connectez-vous avec l’identifiant et le mot de passe fournis par votre administrateur.",

    sign_in_title: "Connexion",
    sign_in_intro: "Connectez-vous pour inscrire ou vérifier vos informations de sécurité.",
    user_id_label: "Identifiant",
    user_id_hint: "En général votre adresse e-mail professionnelle, par exemple alice@contoso.example.",
    password_label: "Mot de passe",
    sign_in_button: "Se connecter",
    signing_in: "Connexion…",
    signed_out_status: "Vous êtes déconnecté.",

    change_title: "Changez votre mot de passe",
    change_intro: "Votre administrateur vous demande de choisir un nouveau mot de passe avant de continuer.",
    new_password_label: "Nouveau mot de passe",
    new_password_hint: "Au moins 15 caractères. Une phrase de plusieurs mots se retient facilement ; symboles et chiffres ne sont pas exigés.",
    confirm_password_label: "Confirmez le nouveau mot de passe",
    change_button: "Changer le mot de passe",
    changing: "Modification…",

    security_info_title: "Informations de sécurité",
    signed_in_as: "Connecté en tant que",
    security_info_intro: "Voici les méthodes qui prouvent votre identité lorsque vous réinitialisez votre mot de passe.",
    sign_out_button: "Se déconnecter",
    password_changed_status: "Votre mot de passe a été changé.",

    outbox_title: "Boîte d’envoi de développement",
    outbox_intro: "Tous les messages mis en file par le service, du plus récent au plus ancien. Cette page n’existe qu’en développement et en démonstration.",
    outbox_empty: "Aucun message en file pour l’instant.",
    outbox_when: "Mis en file",
    outbox_channel: "Canal",
    outbox_recipient: "Destinataire",
    outbox_subject: "Objet",
    outbox_body: "Message",
    outbox_status: "État",
    outbox_sent: "envoyé",
    outbox_queued: "en file",
    outbox_failed: "abandonné",
    loading: "Chargement…",

    not_found_title: "Page introuvable",
    not_found_body: "Il n’y a pas de page à cette adresse.",
    back_home: "Retour à la page d’accueil",

    err_bad_credentials: "L’identifiant ou le mot de passe est incorrect.",
    err_locked: |minutes| format!("Trop de tentatives infructueuses. Réessayez dans {minutes} minute(s)."),
    err_disabled: "Ce compte est désactivé. Contactez votre administrateur.",
    err_not_signed_in: "Votre session a pris fin. Reconnectez-vous.",
    err_busy: "Le service est occupé. Réessayez dans quelques secondes.",
    err_forbidden: "Cette demande a été refusée.",
    err_network: "Le service est injoignable. Vérifiez votre connexion et réessayez.",
    err_internal: "Une erreur s’est produite de notre côté. Réessayez plus tard.",

    problem_required: "Ce champ est obligatoire.",
    problem_too_short: |min| format!("Utilisez au moins {min} caractères."),
    problem_too_long: |max| format!("Utilisez au plus {max} caractères."),
    problem_not_a_user_id: "Saisissez votre identifiant sous la forme nom@exemple.com.",
    problem_mismatch: "Les deux mots de passe ne correspondent pas.",
    problem_contains_context: "N’utilisez ni votre nom, ni votre identifiant, ni le nom de votre organisation dans votre mot de passe.",
    problem_same_as_current: "Choisissez un mot de passe différent de l’actuel.",

    mail_password_changed_subject: "Votre mot de passe a été changé",
    mail_password_changed_body: |name, link| {
        format!(
            "Bonjour {name},\n\nLe mot de passe de votre compte vient d’être changé.\n\n\
             Si c’est vous, il n’y a rien d’autre à faire. Sinon, contactez immédiatement votre administrateur.\n\n\
             Connexion : {link}\n"
        )
    },
};

use super::ServerTexts;
use crate::i18n::Locale;

const L: Locale = Locale::Fr;

pub static TEXTS: ServerTexts = ServerTexts {
    refused_title: "Cette demande n’a pas pu être traitée",
    back_hint: "Utilisez le bouton Retour de votre navigateur pour revenir au formulaire.",
    home_link: "Aller à la page d’accueil",
    mail_code_subject: |org| format!("Votre code de vérification {org}"),
    mail_code_body: |name, code, org| {
        format!(
            "Bonjour {name},\n\nVotre code de vérification est : {code}\n\n\
             Entrez-le sur la page des informations de sécurité dans les 10 minutes. Ne le communiquez à personne : {org} ne vous le demandera jamais.\n\n\
             Si vous n’avez pas demandé ce code, quelqu’un connaît peut-être votre mot de passe : changez-le et prévenez votre administrateur.\n"
        )
    },
    phone_code_body: |code, org| format!("{code} est votre code de vérification {org}. Il expire dans 10 minutes. Ne le communiquez à personne."),
    mail_password_changed_subject: "Votre mot de passe a été changé",
    mail_reset_code_body: |name, code, org| {
        format!(
            "Bonjour {name},\n\nVotre code de réinitialisation du mot de passe est : {code}\n\n\
             Saisissez-le sur la page de réinitialisation dans les 10 minutes. Ne le donnez jamais à personne : {org} ne vous le demandera jamais.\n\n\
             Si vous n’êtes pas en train de réinitialiser votre mot de passe, ignorez ce message : votre mot de passe ne change pas.\n"
        )
    },
    notice_reset_subject: "Votre mot de passe a été réinitialisé",
    notice_unlocked_subject: "Votre compte a été déverrouillé",
    notice_reset_what: "le mot de passe de votre compte a été réinitialisé en libre-service",
    notice_unlocked_what: "votre compte a été déverrouillé en libre-service",
    notice_changed_what: "le mot de passe de votre compte a été changé",
    notice_body: |name, what, not_me, change| {
        format!(
            "Bonjour {name},\n\nÀ l’instant, {what}.\n\n\
             Si c’était vous, vous n’avez rien à faire.\n\n\
             Si ce n’était pas vous, ouvrez tout de suite ce lien : il verrouille votre compte et alerte vos administrateurs.\n{not_me}\n\n\
             Pour changer vous-même votre mot de passe : {change}\n"
        )
    },
    notice_sms: |org, what, link| format!("{org} : {what}. Pas vous ? {link}"),
    expiry_reminder_subject: |days| if days == 1 { "Votre mot de passe expire demain".to_owned() } else { format!("Votre mot de passe expire dans {days} jours") },
    expiry_reminder_body: |name, days, link, org| {
        let when = if days == 1 { "demain".to_owned() } else { format!("dans {days} jours") };
        format!(
            "Bonjour {name},\n\nVotre mot de passe {org} expire {when}. Ensuite, vous ne pourrez plus vous connecter tant qu’il n’aura pas été changé.\n\n\
             Changez-le maintenant, pendant que vous le connaissez : {link}\n\n\
             Ce rappel vient du service de mot de passe en libre-service de votre organisation. Il ne vous demande jamais votre mot de passe par e-mail.\n"
        )
    },
    admin_reset_subject: |user_id| format!("Compte administrateur {user_id} : réinitialisation en libre-service"),
    admin_reset_body: |user_id, what| format!("Pour le compte administrateur {user_id}, {what}.\n\nSi c’est inattendu, consultez le journal d’audit et verrouillez le compte.\n"),
    admin_help_subject: |user_id| format!("Demande d’aide pour le mot de passe de {user_id}"),
    admin_help_body: |user_id, reason, link| {
        format!("Quelqu’un a demandé de l’aide pour le mot de passe de {user_id} depuis la page de réinitialisation.\n\nCe que la page indiquait : {reason}\n\nLa demande est dans la boîte des administrateurs : {link}\n\nVérifiez l’identité du demandeur avant toute réinitialisation.\n")
    },
    admin_help_reason_unknown: "la page de confidentialité stricte (le détail est parti aux adresses du compte)",
    admin_report_subject: |user_id| format!("Compte {user_id} verrouillé : « ce n’était pas moi »"),
    admin_report_body: |user_id, link| {
        format!("Le titulaire de {user_id} signale une réinitialisation, un déverrouillage ou un changement de mot de passe qu’il n’a pas fait. Le compte est verrouillé et ses sessions fermées.\n\nVoir la boîte des administrateurs et le journal d’audit : {link}\n")
    },
    strict_continue_subject: "Continuer la réinitialisation de votre mot de passe",
    strict_continue_body: |name, link| {
        format!(
            "Bonjour {name},\n\nQuelqu’un (vous, nous l’espérons) a commencé à réinitialiser le mot de passe de votre compte.\n\n\
             Pour continuer, ouvrez ce lien dans le même navigateur dans les 30 minutes :\n{link}\n\n\
             Si ce n’était pas vous, ignorez ce message : rien ne change sans le lien et votre vérification.\n"
        )
    },
    strict_continue_sms: |org, link| format!("{org} : pour continuer la réinitialisation de votre mot de passe, ouvrez {link} dans le même navigateur."),
    strict_detail_subject: "À propos de votre demande de réinitialisation",
    strict_detail_body: |name, title, text, helpdesk| {
        let help = if helpdesk.is_empty() { String::new() } else { format!("\nSupport : {helpdesk}\n") };
        format!("Bonjour {name},\n\nQuelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de votre compte.\n\n{title}\n{text}\n{help}\nSi ce n’était pas vous, ignorez ce message.\n")
    },
    reports_chart_title: "Réinitialisations de mot de passe et échecs par jour",
    reports_chart_desc: |first, last, resets, failures| format!("Du {first} au {last} (UTC) : {} et {} au total, jour par jour.", L.count(resets.unsigned_abs(), "mot de passe réinitialisé", "mots de passe réinitialisés"), L.count(failures.unsigned_abs(), "échec", "échecs")),
};

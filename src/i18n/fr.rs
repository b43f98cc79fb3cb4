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
    sign_out_button: "Se déconnecter",
    password_changed_status: "Votre mot de passe a été changé.",

    reg_intro: "Inscrivez les méthodes qui prouveront votre identité lorsque vous réinitialiserez votre mot de passe ou déverrouillerez votre compte. Seuls vous et vos administrateurs pouvez les voir.",
    reg_progress: |verified, required| format!("Méthodes vérifiées : {verified} sur les {required} exigée(s)."),
    reg_recommend: "Nous vous conseillons d’inscrire plus de méthodes que le minimum, au cas où l’une serait indisponible (par exemple le téléphone de bureau en déplacement).",
    reregister_notice: "Votre administrateur vous demande de vérifier vos informations de sécurité et de les inscrire à nouveau.",
    state_not_set: "Non défini",
    state_verified: "Vérifié",
    state_waiting: "En attente du code",
    set_up_button: "Configurer",
    change_button_label: "Modifier",
    remove_button: "Supprimer",
    office_phone_title: "Téléphone de bureau",
    office_phone_hint: "Le téléphone de bureau ne peut être défini que par l’administrateur.",
    auth_phone_title: "Téléphone d’authentification",
    auth_phone_hint: "Un téléphone auquel vous avez accès et qui peut recevoir un SMS ou un appel, comme un téléphone portable.",
    country_label: "Pays ou région",
    phone_number_label: "Numéro de téléphone",
    phone_number_hint: "Tel que vous le composez dans ce pays, par exemple 06 12 34 56 78 en France, ou +33 6 12 34 56 78.",
    text_me_button: "M’envoyer un code par SMS",
    call_me_button: "M’appeler",
    sending: "Envoi…",
    auth_email_title: "E-mail d’authentification",
    auth_email_hint: "Une adresse de messagerie à laquelle vous pouvez accéder sans le mot de passe à réinitialiser.",
    email_label: "Adresse e-mail",
    email_hint: |primary| format!("Pas votre adresse professionnelle {primary} : une adresse que vous pouvez ouvrir sans le mot de passe à réinitialiser."),
    email_me_button: "M’envoyer un code par e-mail",
    questions_title: "Questions de sécurité",
    questions_hint: |n| format!("Choisissez {n} questions différentes et répondez-y. Vous seul connaissez les réponses : personne ne peut les voir, pas même les administrateurs."),
    questions_answered: |n| format!("{n} questions répondues"),
    question_label: |n| format!("Question {n}"),
    answer_label: |n| format!("Réponse {n}"),
    answer_hint: "De 3 à 40 caractères, une réponse différente pour chaque question. Les majuscules et les espaces en trop ne comptent pas.",
    choose_question: "Choisissez une question",
    save_answers_button: "Enregistrer les réponses",
    saving: "Enregistrement…",
    code_sent_sms: |to| format!("Nous avons envoyé un SMS avec un code au {to}."),
    code_sent_voice: |to| format!("Nous appelons le {to} : l’appel vous dicte un code."),
    code_sent_email: |to| format!("Nous avons envoyé un code par e-mail à {to}."),
    code_expires: |minutes| format!("Le code est valable encore {minutes} minute(s)."),
    code_label: "Code",
    code_hint: "Les 6 chiffres que nous vous avons envoyés.",
    verify_button: "Vérifier",
    verifying: "Vérification…",
    resend_button: "Envoyer un nouveau code",
    resend_by_call_button: "M’appeler plutôt",
    resend_by_text_button: "M’envoyer un SMS plutôt",
    resend_wait: |secs| format!("Vous pourrez demander un nouveau code dans {secs} s."),
    use_another_number: "Utiliser un autre numéro",
    use_another_address: "Utiliser une autre adresse",
    finish_button: "Terminer",
    cancel_button: "Annuler",
    finish_hint_ready: "Vous avez vérifié assez de méthodes. Sélectionnez Terminer pour les confirmer.",
    finished_status: "Vos informations de sécurité sont enregistrées. Vous pourrez désormais réinitialiser votre mot de passe en cas de besoin.",
    phone_verified_status: "Votre téléphone d’authentification est vérifié.",
    email_verified_status: "Votre e-mail d’authentification est vérifié.",
    questions_saved_status: "Vos questions de sécurité sont enregistrées.",
    removed_status: "La méthode a été supprimée.",
    code_sent_status: "Code envoyé.",
    cancelled_status: "Vous êtes parti sans confirmer vos informations de sécurité, et vous êtes déconnecté.",
    reconfirmed_status: "Merci : vos informations de sécurité sont confirmées.",
    on_premises_title: "Veuillez contacter votre administrateur.",
    on_premises_body: "Nous avons détecté que votre mot de passe de compte d’utilisateur n’est pas géré par ce service. Par conséquent, nous ne pouvons pas réinitialiser automatiquement votre mot de passe.",
    on_premises_help: "Vous devez contacter votre équipe informatique pour une aide supplémentaire.",
    not_enabled_title: "Votre compte n’est pas activé pour la réinitialisation du mot de passe",
    not_enabled_body: "Nous sommes désolés, mais votre service informatique n’a pas configuré votre compte pour utiliser ce service.",
    reconfirm_title: "Vos données d’authentification sont-elles toujours correctes ?",
    reconfirm_intro: "Votre administrateur vous demande de vérifier ces méthodes de temps en temps. Si elles sont toujours les vôtres, sélectionnez Tout est correct ; pour les changer, sélectionnez Modifier.",
    reconfirm_codes_intro: "Pour confirmer, entrez le code que nous venons d’envoyer à chacune d’elles.",
    looks_good_button: "Tout est correct",
    edit_button: "Modifier",
    question: |key| Some(match key {
        "first_pet" => "Quel était le nom de votre premier animal de compagnie ?",
        "birth_city" => "Dans quelle ville êtes-vous né(e) ?",
        "first_school" => "Quel était le nom de votre première école ?",
        "childhood_friend" => "Quel est le prénom de votre meilleur(e) ami(e) d’enfance ?",
        "first_job" => "Quel a été votre premier emploi ?",
        "favourite_teacher" => "Quel était le nom de famille de votre enseignant(e) préféré(e) ?",
        "first_concert" => "Quel a été votre premier concert ?",
        "childhood_street" => "Dans quelle rue habitiez-vous enfant ?",
        "first_car" => "Quelle était la marque de votre première voiture ?",
        "grandmother_name" => "Quel est le prénom de votre grand-mère la plus âgée ?",
        _ => return None,
    }),

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
    err_send_limit: |secs| if secs <= 60 {
        format!("Patientez {secs} s avant de demander un autre code.")
    } else {
        format!("Vous avez demandé trop de codes. Réessayez dans {} minute(s).", (secs + 59) / 60)
    },
    err_need_more_methods: |n| format!("Vérifiez encore {n} méthode(s) avant de terminer."),
    err_questions_alone: "Les questions de sécurité ne peuvent pas être votre seule méthode : ajoutez aussi un téléphone ou un e-mail.",
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
    problem_not_a_phone: "Entrez un numéro qui peut recevoir des SMS ou des appels dans le pays choisi, par exemple 06 12 34 56 78 pour la France.",
    problem_not_an_email: "Entrez une adresse e-mail de la forme nom@exemple.com.",
    problem_same_as_primary: "Utilisez une autre adresse que votre e-mail professionnel : une adresse que vous pouvez ouvrir sans le mot de passe à réinitialiser.",
    problem_not_a_code: "Entrez les 6 chiffres du code.",
    problem_wrong_code: |left| format!("Ce code est incorrect. Encore {left} essai(s) avant qu’il ne fonctionne plus."),
    problem_code_expired: "Ce code a expiré. Demandez-en un nouveau.",
    problem_code_not_valid: "Ce code n’est plus valable : entrez le dernier code reçu, ou demandez-en un nouveau.",
    problem_code_dead: "Trop d’erreurs : ce code ne fonctionne plus. Demandez-en un nouveau.",
    problem_duplicate_question: "Vous avez déjà choisi cette question. Choisissez-en une autre.",
    problem_duplicate_answer: "Vous avez déjà donné cette réponse. Donnez une réponse différente à chaque question.",
    problem_answer_is_question: "Ne vous contentez pas de reprendre les mots de la question.",
    problem_unknown_question: "Choisissez une question dans la liste.",

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
    mail_password_changed_body: |name, link| {
        format!(
            "Bonjour {name},\n\nLe mot de passe de votre compte vient d’être changé.\n\n\
             Si c’est vous, il n’y a rien d’autre à faire. Sinon, contactez immédiatement votre administrateur.\n\n\
             Connexion : {link}\n"
        )
    },

    // ---- change password and password rules ----
    password_intro: "Choisissez un nouveau mot de passe pour votre compte. Vous restez connecté sur cet appareil ; partout ailleurs, vous êtes déconnecté, et nous vous prévenons par e-mail.",
    password_sign_in_intro: "Connectez-vous pour changer votre mot de passe.",
    current_password_label: "Mot de passe actuel",
    new_password_tip: "Une phrase de plusieurs mots peu courants est longue et facile à retenir ; symboles et chiffres ne sont pas exigés.",
    rules_intro: "Votre nouveau mot de passe :",
    rule_length: |min, max| format!("compte de {min} à {max} caractères"),
    rule_no_context: "ne contient ni votre nom, ni votre identifiant, ni le nom de votre organisation",
    rule_not_common: "n’est pas un mot de passe courant ou facile à deviner (vérifié à l’envoi)",
    rule_confirmed: "est saisi de la même façon dans les deux champs",
    rule_met: "(fait)",
    rule_not_met: "(pas encore)",
    back_to_security_info: "Retour à vos informations de sécurité",
    problem_common_password: "Ce mot de passe est trop courant ou trop facile à deviner : évitez les mots de passe connus, les suites de touches du clavier, les répétitions et les suites logiques. Une phrase de plusieurs mots peu courants convient bien.",
    problem_wrong_current_password: "Le mot de passe actuel est incorrect.",

    // ---- reset portal ----
    cant_access_link: "Votre compte n’est pas accessible ?",
    reset_title: "Récupérer votre compte",
    reset_intro: "Mot de passe oublié ou compte verrouillé ? Entrez votre identifiant : nous vérifierons votre identité avec les méthodes que vous avez inscrites, puis vous choisirez un nouveau mot de passe.",
    reset_user_id_hint: "En général votre adresse e-mail professionnelle, par exemple alice@contoso.example.",
    pow_working: "Vérification de votre navigateur…",
    next_button: "Suivant",
    start_again_button: "Recommencer",
    not_registered_title: "Impossible de vérifier votre compte",
    not_registered_body: "Ce compte n’a pas inscrit assez de moyens de prouver votre identité : le mot de passe ne peut pas être réinitialisé ici.",
    contact_admin_offer: "Si vous le souhaitez, nous pouvons contacter un administrateur de votre organisation pour réinitialiser le mot de passe à votre place.",
    contact_admin_button: "Contacter un administrateur",
    contacting: "Envoi…",
    contacted_status: "Votre demande a été envoyée à vos administrateurs. Ils vous contacteront.",
    helpdesk_label: "Support :",
    check_messages_title: "Consultez vos messages",
    check_messages_body: |user_id| format!("Si le mot de passe de {user_id} peut être réinitialisé ici, nous avons envoyé un lien pour continuer aux adresses inscrites pour ce compte. Ouvrez-le dans ce navigateur dans les 30 minutes. Si rien n’arrive, contactez votre administrateur."),
    continue_title: "Continuer la réinitialisation",
    continue_intro: "Vous avez ouvert le lien de notre message. Continuez dans ce navigateur pour vérifier votre identité.",
    continue_button: "Continuer",
    gates_title: "Vérifiez votre identité",
    gates_progress: |step, required| if required > 1 { format!("Étape {step} sur {required} : choisissez comment prouver votre identité.") } else { "Choisissez comment prouver votre identité.".to_owned() },
    gates_choose: "Choisissez une méthode de vérification",
    gate_text_phone: "Envoyer un SMS à mon téléphone d’authentification",
    gate_call_phone: "Appeler mon téléphone d’authentification",
    gate_call_office: "Appeler mon téléphone de bureau",
    gate_email: "Envoyer un e-mail à mon adresse d’authentification",
    gate_questions: "Répondre à mes questions de sécurité",
    gate_other_methods: "Ou utilisez une autre méthode",
    gate_questions_intro: "Répondez à ces questions comme lors de votre inscription. Majuscules et espaces en trop ne comptent pas.",
    choose_title: "Choisissez un nouveau mot de passe",
    choose_intro: "Votre identité est vérifiée. Choisissez un nouveau mot de passe : vous vous connecterez ensuite avec lui.",
    unlock_intro: "Votre compte est verrouillé après trop d’échecs de connexion. Vous pouvez le déverrouiller en gardant votre mot de passe actuel, ou en choisir un nouveau.",
    unlock_button: "Déverrouiller sans réinitialiser",
    unlocking: "Déverrouillage…",
    reset_button: "Réinitialiser le mot de passe",
    resetting: "Réinitialisation…",
    done_title: "Votre mot de passe a été réinitialisé",
    done_body: "Connectez-vous avec votre nouveau mot de passe. Par sécurité, toutes vos sessions ont été fermées, et nous vous avons prévenu sur chaque adresse inscrite.",
    unlocked_title: "Votre compte est déverrouillé",
    unlocked_body: "Connectez-vous avec votre mot de passe actuel. Nous vous avons prévenu sur chaque adresse inscrite.",
    sign_in_link: "Se connecter",
    not_me_title: "Ce n’était pas vous ?",
    not_me_body: "Si vous n’avez pas réinitialisé ni changé votre mot de passe, ni déverrouillé votre compte, verrouillez-le maintenant : toutes les sessions sont fermées, plus personne ne peut le réinitialiser seul, et vos administrateurs sont alertés pour vous aider à le récupérer.",
    not_me_button: "Verrouiller mon compte",
    not_me_done_title: "Votre compte est verrouillé",
    not_me_done_body: "Vos administrateurs ont été alertés. Contactez-les pour récupérer votre compte.",
    not_me_invalid: "Ce lien a déjà servi ou a expiré. Si vous pensez que quelqu’un d’autre peut accéder à votre compte, contactez tout de suite votre administrateur.",
    err_account_locked: "Votre compte est verrouillé. Contactez votre administrateur pour le rouvrir.",
    err_flow_ended: "Cette réinitialisation est terminée (elle a expiré, a abouti, ou a été commencée dans un autre navigateur). Recommencez.",
    err_challenge: "La vérification de votre navigateur n’a pas abouti ou a expiré. Réessayez.",
    problem_wrong_answers: |left| format!("Au moins une réponse est fausse. Encore {left} échec(s) et la réinitialisation sera bloquée pendant 24 heures."),
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

    // ---- admin console: shell ----
    admin_title: "Administration",
    admin_nav: "Administration",
    admin_nav_overview: "Vue d’ensemble",
    admin_nav_accounts: "Comptes",
    admin_nav_groups: "Groupes",
    admin_nav_policy: "Stratégie",
    admin_nav_questions: "Questions",
    admin_nav_audit: "Journal d’audit",
    admin_nav_reports: "Rapports",
    admin_nav_inbox: "Demandes",
    admin_sign_in_intro: "Connectez-vous avec un compte administrateur pour gérer le service.",
    admin_only: "Cette page est réservée aux administrateurs. Votre compte n’est pas administrateur.",
    err_conflict: "Quelqu’un d’autre a enregistré une modification entre-temps. Rechargez la page et réessayez.",
    err_bad_row: |line, column, problem| format!("Ligne {line}, colonne {column} : {problem} Rien n’a été importé."),
    problem_out_of_range: |min, max| format!("Entrez un nombre de {min} à {max}."),
    problem_too_many: |max| format!("Il ne peut y en avoir que {max} au plus."),
    problem_more_than_registered: "On ne peut pas poser plus de questions que les utilisateurs n’en inscrivent.",
    problem_not_a_link: "Entrez une adresse commençant par https:// ou une adresse e-mail.",
    problem_not_a_date: "Entrez une date au format AAAA-MM-JJ.",
    problem_date_order: "La date de fin ne doit pas précéder la date de début.",
    problem_already_exists: "Cet élément existe déjà.",
    problem_unknown_group: "Ce groupe n’existe pas.",
    problem_not_a_choice: "Choisissez l’une des valeurs proposées.",
    problem_own_account: "Vous ne pouvez pas faire cela à votre propre compte.",
    problem_bad_header: "La première ligne doit nommer les colonnes, et seulement des colonnes connues.",
    save_button: "Enregistrer",
    saved_status: "Enregistré.",
    previous_page: "Page précédente",
    next_page: "Page suivante",
    yes: "Oui",
    no: "Non",

    // ---- admin console: accounts ----
    accounts_title: "Comptes",

    // ---- admin console: policy, groups and questions ----
    policy_title: "Stratégie de réinitialisation",

    // ---- admin console: audit log, reports and inbox ----
    audit_title: "Journal d’audit",
};

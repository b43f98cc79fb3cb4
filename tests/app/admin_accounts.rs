//! The admin console's accounts, through the real router: only administrators get in; an
//! administrator searches and pages, creates, imports, edits, requires re-registration, sets a
//! temporary password and unlocks. On SQLite and PostgreSQL.

use crate::common::{PASSWORD, add_account, count, exec, make_admin, on_both, state};
use axum::http::StatusCode;
use crate::common::web::{app_post, encode, form_post, location, page, send, sign_in};
use sspr::server::db::{self, Db};

/// What must not move when a refused request comes: accounts, memberships, audit entries and
/// the target's row.
async fn snapshot(db: &Db, id: i64) -> (i64, i64, i64, String) {
    let mut c = db.acquire().await.unwrap();
    let row: (String, String, bool, bool, Option<i64>, bool) = sspr::on!(c.conn(), c => sqlx::query_as(
        "SELECT display_name, password_hash, enabled, reregister_required, locked_until, must_change_password FROM accounts WHERE id = $1")
        .bind(id).fetch_one(&mut *c).await).unwrap();
    drop(c);
    (
        count(db, "SELECT COUNT(*) FROM accounts").await,
        count(db, "SELECT COUNT(*) FROM memberships").await,
        count(db, "SELECT COUNT(*) FROM audit_log WHERE event NOT IN ('sign_in', 'sign_in_failed')").await,
        format!("{row:?}"),
    )
}

/// Every server function of the accounts part of the console, with arguments that would do
/// something to account `id` if the caller were let in.
fn account_calls(id: i64, group: i64) -> Vec<(&'static str, String)> {
    let id = id.to_string();
    let g = group.to_string();
    vec![
        ("GET /api/admin_me", String::new()),
        ("GET /api/admin_overview", String::new()),
        ("GET /api/admin_accounts", encode(&[("q", "")])),
        ("GET /api/admin_account", encode(&[("id", &id)])),
        (
            "/api/admin_create_account",
            encode(&[
                ("user_id", "intruder@contoso.example"),
                ("display_name", "Intruder"),
                ("primary_email", ""),
                ("office_phone", ""),
                ("role", "admin"),
                ("password_source", "cloud"),
                ("temporary_password", ""),
            ]),
        ),
        (
            "/api/admin_update_account",
            encode(&[
                ("id", &id),
                ("display_name", "Changed"),
                ("primary_email", "changed@contoso.example"),
                ("office_phone", ""),
                ("role", "admin"),
                ("password_source", "cloud"),
                ("enabled", "on"),
            ]),
        ),
        ("/api/admin_add_to_group", encode(&[("id", &id), ("group_id", &g)])),
        ("/api/admin_remove_from_group", encode(&[("id", &id), ("group_id", &g)])),
        ("/api/admin_require_reregistration", encode(&[("id", &id)])),
        ("/api/admin_reset_password", encode(&[("id", &id), ("temporary_password", "")])),
        ("/api/admin_unlock_account", encode(&[("id", &id)])),
        ("/api/admin_read_directory", String::new()),
        ("/api/admin_import_accounts", encode(&[("csv", "user_id,display_name\nx@contoso.example,X\n")])),
    ]
}

async fn call(app: &axum::Router, endpoint: &str, args: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let req = match endpoint.strip_prefix("GET ") {
        Some(path) => page(&format!("{path}?{args}"), cookie),
        None => app_post(endpoint, args, cookie),
    };
    let (res, body) = send(app, req).await;
    (res.status(), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_endpoints_refuse_visitors_users_and_admins_who_must_change_their_password() {
    on_both(|db| async move {
        make_admin(&db, "admin@contoso.example").await;
        let target = add_account(&db, "target@contoso.example", false).await;
        add_account(&db, "user@contoso.example", false).await;
        let pending = make_admin(&db, "new.admin@contoso.example").await;
        exec(&db, "INSERT INTO groups (name, created_at) VALUES ('Staff', 0)").await;
        exec(&db, &format!("INSERT INTO memberships (account_id, group_id) SELECT {target}, id FROM groups")).await;
        let group = count(&db, "SELECT id FROM groups").await;
        exec(&db, &format!("UPDATE accounts SET locked_until = 4102444800 WHERE id = {target}")).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let user = sign_in(&app, "user@contoso.example", PASSWORD).await;
        let must_change = sign_in(&app, "new.admin@contoso.example", PASSWORD).await;
        exec(&db, &format!("UPDATE accounts SET must_change_password = TRUE WHERE id = {pending}")).await;

        let before = snapshot(&db, target).await;
        for (endpoint, args) in account_calls(target, group) {
            for (who, cookie, expected) in [
                ("a visitor", None, StatusCode::UNAUTHORIZED),
                ("a user", Some(user.as_str()), StatusCode::FORBIDDEN),
                ("an admin who must change their password", Some(must_change.as_str()), StatusCode::FORBIDDEN),
            ] {
                let (status, body) = call(&app, endpoint, &args, cookie).await;
                assert_eq!(status, expected, "{endpoint} by {who}: {body}");
                assert!(!body.contains("target@contoso.example"), "{endpoint} by {who} leaks: {body}");
            }
            assert_eq!(snapshot(&db, target).await, before, "{endpoint} changed something");
        }
        // The same calls by an administrator go through: the refusals above were not bad arguments.
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        for (endpoint, args) in account_calls(target, group) {
            let (status, body) = call(&app, endpoint, &args, Some(&admin)).await;
            assert_eq!(status, StatusCode::OK, "{endpoint} by the administrator: {body}");
        }
        let before = snapshot(&db, target).await;
        // A plain form post by a user is sent back with the error, and changes nothing either.
        let (res, _) = send(&app, form_post("/api/admin_unlock_account", &format!("id={target}"), "null", Some(&user))).await;
        assert!(location(&res).starts_with(&format!("/admin/accounts/{target}?error=")), "{}", location(&res));
        assert_eq!(snapshot(&db, target).await, before);
    })
    .await;
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_creates_an_account_whose_temporary_password_must_change() {
    on_both(|db| async move {
        make_admin(&db, "admin@contoso.example").await;
        let app = sspr::server::serve::router(state(db.clone()));
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        let create = |user_id: &str, email: &str, phone: &str, typed: &str| {
            encode(&[
                ("user_id", user_id),
                ("display_name", "Anne Martin"),
                ("primary_email", email),
                ("office_phone", phone),
                ("role", "user"),
                ("password_source", "cloud"),
                ("licensed", "on"),
                ("temporary_password", typed),
            ])
        };
        let accounts = count(&db, "SELECT COUNT(*) FROM accounts").await;
        for (args, field, problem) in [
            (create("anne", "", "", ""), "user_id", "not_a_user_id"),
            (create("anne@contoso.example", "nope", "", ""), "primary_email", "not_an_email"),
            (create("anne@contoso.example", "", "12", ""), "office_phone", "not_a_phone"),
            (create("anne@contoso.example", "", "", "short"), "temporary_password", "too_short"),
            (create("admin@contoso.example", "", "", ""), "user_id", "already_exists"),
        ] {
            let (status, body) = call(&app, "/api/admin_create_account", &args, Some(&admin)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(body.contains(field) && body.contains(problem), "{field} {problem}: {body}");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, accounts, "refused forms create nothing");

        let (status, body) = call(&app, "/api/admin_create_account", &create("Anne@Contoso.example", "", "+33 1 40 00 00 01", ""), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let created = json(&body);
        let password = created["temporary_password"].as_str().unwrap().to_owned();
        assert_eq!(password.len(), 23, "four groups of five: {password}");
        let id = created["id"].as_i64().unwrap();
        let mut c = db.acquire().await.unwrap();
        let a = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
        drop(c);
        assert_eq!((a.user_id.as_str(), a.primary_email.as_str(), a.office_phone.as_deref()), ("anne@contoso.example", "anne@contoso.example", Some("+33140000001")));
        assert!(a.must_change_password);
        // The user signs in with it and is asked to change it first.
        let anne = sign_in(&app, "anne@contoso.example", &password).await;
        let (_, me) = send(&app, page("/api/current_user", Some(&anne))).await;
        assert!(me.contains("\"must_change_password\":true"), "{me}");
        // The audit says who did it, never the password.
        let (_, audit) = send(&app, page(&format!("/api/admin_account?id={id}"), Some(&admin))).await;
        assert!(audit.contains("account_created"), "{audit}");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%{password}%'")).await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_edits_helps_and_unlocks_an_account_but_cannot_demote_themself() {
    on_both(|db| async move {
        let me = make_admin(&db, "admin@contoso.example").await;
        let id = add_account(&db, "bob@contoso.example", false).await;
        exec(&db, "INSERT INTO groups (name, created_at) VALUES ('Staff', 0)").await;
        let group = count(&db, "SELECT id FROM groups").await;
        let t = sspr::server::db::now();
        exec(&db, &format!("INSERT INTO contact_methods (account_id, kind, value, verified_at, updated_at) VALUES ({id}, 'auth_phone', '+33612345678', {t}, {t})")).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        let bob = sign_in(&app, "bob@contoso.example", PASSWORD).await;

        // The details: the phone is masked; no answer hash, no password hash.
        let (_, body) = call(&app, "GET /api/admin_account", &format!("id={id}"), Some(&admin)).await;
        assert!(body.contains("+33 6 •• •• •• 78") && !body.contains("612345678"), "{body}");
        assert!(!body.contains("argon2"), "{body}");
        assert!(body.contains("can_reset") || body.contains("CanReset"), "{body}");
        // The account's address may name it by user ID too (as typed, percent-encoded or not).
        let (status, by_name) = call(&app, "GET /api/admin_account", "id=Bob%40Contoso.example", Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{by_name}");
        assert!(by_name.contains(&format!("\"id\":{id},")) && by_name.contains("bob@contoso.example"), "{by_name}");
        let (res, html) = send(&app, page("/admin/accounts/bob@contoso.example", Some(&admin))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("+33 6 •• •• •• 78") && !html.contains("There is no page at this address."), "{html}");
        let (status, _) = call(&app, "GET /api/admin_account", "id=nobody%40contoso.example", Some(&admin)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let edit = |id: i64, name: &str, role: &str, enabled: bool| {
            let id = id.to_string();
            let mut pairs = vec![
                ("id", id.as_str()),
                ("display_name", name),
                ("primary_email", "bob.smith@contoso.example"),
                ("office_phone", "+33140000002"),
                ("role", role),
                ("password_source", "on_premises"),
                ("licensed", "on"),
            ];
            if enabled {
                pairs.push(("enabled", "on"));
            }
            encode(&pairs)
        };
        let (status, body) = call(&app, "/api/admin_update_account", &edit(id, "", "user", true), Some(&admin)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("display_name") && body.contains("required"));
        let (status, body) = call(&app, "/api/admin_update_account", &edit(me, "Me", "user", true), Some(&admin)).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("own_account"), "{body}");
        let (status, body) = call(&app, "/api/admin_update_account", &edit(me, "Me", "admin", false), Some(&admin)).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("own_account"), "{body}");

        let (status, body) = call(&app, "/api/admin_update_account", &edit(id, "Bob Smith", "user", false), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut c = db.acquire().await.unwrap();
        let a = db::accounts::find_by_id(c.conn(), id).await.unwrap().unwrap();
        drop(c);
        assert_eq!((a.display_name.as_str(), a.primary_email.as_str(), a.password_source.as_str(), a.enabled), ("Bob Smith", "bob.smith@contoso.example", "on_premises", false));
        let (_, me_body) = send(&app, page("/api/current_user", Some(&bob))).await;
        assert_eq!(me_body, "null", "disabling ends the account's sessions");
        let (_, body) = call(&app, "/api/admin_update_account", &edit(id, "Bob Smith", "user", true), Some(&admin)).await;
        assert_eq!(body, "null");

        // Groups: add, refuse an unknown one, remove.
        let (status, _) = call(&app, "/api/admin_add_to_group", &format!("id={id}&group_id={group}"), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM memberships WHERE account_id = {id}")).await, 1);
        let (status, body) = call(&app, "/api/admin_add_to_group", &format!("id={id}&group_id=999"), Some(&admin)).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("unknown_group"), "{body}");
        call(&app, "/api/admin_remove_from_group", &format!("id={id}&group_id={group}"), Some(&admin)).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM memberships WHERE account_id = {id}")).await, 0);

        // Re-registration.
        call(&app, "/api/admin_require_reregistration", &format!("id={id}"), Some(&admin)).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM accounts WHERE id = {id} AND reregister_required = TRUE")).await, 1);

        // A temporary password ends every session and must change; an admin's own is refused.
        let bob = sign_in(&app, "bob@contoso.example", PASSWORD).await;
        let (status, body) = call(&app, "/api/admin_reset_password", &format!("id={me}&temporary_password="), Some(&admin)).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("own_account"), "{body}");
        let (status, body) = call(&app, "/api/admin_reset_password", &format!("id={id}&temporary_password="), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let temporary: String = serde_json::from_str(&body).unwrap();
        let (_, me_body) = send(&app, page("/api/current_user", Some(&bob))).await;
        assert_eq!(me_body, "null", "the temporary password ended Bob's sessions");
        let bob = sign_in(&app, "bob@contoso.example", &temporary).await;
        let (_, me_body) = send(&app, page("/api/current_user", Some(&bob))).await;
        assert!(me_body.contains("\"must_change_password\":true"));

        // Unlock: the "this wasn't me" lock and the sign-in lock-out both go.
        exec(&db, &format!("UPDATE accounts SET locked_until = 4102444800 WHERE id = {id}")).await;
        let wrong = encode(&[("user_id", "bob@contoso.example"), ("password", "wrong password, wrong")]);
        for _ in 0..6 {
            send(&app, app_post("/api/sign_in", &wrong, None)).await;
        }
        let right = encode(&[("user_id", "bob@contoso.example"), ("password", &temporary)]);
        let (res, _) = send(&app, app_post("/api/sign_in", &right, None)).await;
        assert!(!res.status().is_success(), "locked out: {}", res.status());
        let (status, _) = call(&app, "/api/admin_unlock_account", &format!("id={id}"), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        let (res, body) = send(&app, app_post("/api/sign_in", &right, None)).await;
        assert!(res.status().is_success(), "{body}");

        // Each action is in the audit log, by the admin.
        for event in ["account_updated", "group_member_added", "group_member_removed", "reregistration_required", "password_reset_by_admin", "account_unlocked_by_admin"] {
            let n = count(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE event = '{event}' AND actor_id = {me} AND account_id = {id}")).await;
            assert!(n >= 1, "{event}");
        }
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%{temporary}%'")).await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_pages_through_every_account_once_and_filters() {
    on_both(|db| async move {
        make_admin(&db, "admin@contoso.example").await;
        sspr::server::seed::accounts(&db, 120).await.unwrap();
        let app = sspr::server::serve::router(state(db.clone()));
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        let list = |query: String| {
            let app = app.clone();
            let admin = admin.clone();
            async move { json(&call(&app, "GET /api/admin_accounts", &query, Some(&admin)).await.1) }
        };
        let ids = |v: &serde_json::Value| v["rows"].as_array().unwrap().iter().map(|r| r["user_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();

        let mut seen = Vec::new();
        let mut pages = Vec::new();
        let mut query = String::new();
        loop {
            let page = list(query.clone()).await;
            assert_eq!(page["total"], 121);
            seen.extend(ids(&page));
            pages.push(ids(&page));
            match page["next"].as_str() {
                Some(next) => query = encode(&[("after", next)]),
                None => break,
            }
        }
        assert_eq!(pages.len(), 3);
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!((seen.len(), sorted), (121, seen.clone()), "every account once, in order");
        // Back from the last page gives the same pages.
        let last_first = pages[2][0].clone();
        let back = list(encode(&[("before", &last_first)])).await;
        assert_eq!(ids(&back), pages[1]);
        let back = list(encode(&[("before", &pages[1][0])])).await;
        assert_eq!(ids(&back), pages[0]);
        assert!(back["previous"].is_null());

        let found = list(encode(&[("q", "SEED11")])).await;
        // In byte order: '0' comes before '@'.
        assert_eq!(ids(&found), ["seed110@contoso.example", "seed111@contoso.example", "seed112@contoso.example", "seed113@contoso.example", "seed114@contoso.example", "seed115@contoso.example", "seed116@contoso.example", "seed117@contoso.example", "seed118@contoso.example", "seed119@contoso.example", "seed11@contoso.example"]);
        let none = list(encode(&[("q", "%")])).await;
        assert_eq!(none["total"], 0, "LIKE wildcards are searched as text");
        let not_registered = list(encode(&[("filter", "not_registered")])).await;
        assert_eq!(ids(&not_registered), ["admin@contoso.example"]);
        let admins = list(encode(&[("filter", "admins")])).await;
        assert_eq!(admins["total"], 1);
        let (status, _) = call(&app, "GET /api/admin_accounts", &encode(&[("q", &"x".repeat(201))]), Some(&admin)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_import_creates_every_account_or_none() {
    on_both(|db| async move {
        make_admin(&db, "admin@contoso.example").await;
        exec(&db, "INSERT INTO groups (name, created_at) VALUES ('Staff', 0)").await;
        let app = sspr::server::serve::router(state(db.clone()));
        let admin = sign_in(&app, "admin@contoso.example", PASSWORD).await;
        let import = |csv: &str| {
            let (app, admin, body) = (app.clone(), admin.clone(), encode(&[("csv", csv)]));
            async move { call(&app, "/api/admin_import_accounts", &body, Some(&admin)).await }
        };
        let accounts = count(&db, "SELECT COUNT(*) FROM accounts").await;
        let bad = "user_id,display_name,groups,office_phone\na1@contoso.example,A One,Staff,\na2@contoso.example,A Two,,+33140000003\na3@contoso.example,A Three,Nobody,\n";
        let (status, body) = import(bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("bad_row") && body.contains("\"line\":4") && body.contains("groups") && body.contains("unknown_group"), "{body}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, accounts, "nothing of a refused file");
        let taken = "user_id,display_name\nb1@contoso.example,B\nadmin@contoso.example,Again\n";
        let (_, body) = import(taken).await;
        assert!(body.contains("\"line\":3") && body.contains("already_exists"), "{body}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, accounts);

        let good = bad.replace("Nobody", "");
        let (status, body) = import(&good).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let imported = json(&body);
        let rows = imported["accounts"].as_array().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts WHERE must_change_password = TRUE").await, 3);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM memberships").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts WHERE office_phone = '+33140000003'").await, 1);
        let password = rows[1][1].as_str().unwrap();
        sign_in(&app, "a2@contoso.example", password).await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE event = 'accounts_imported'").await, 1);
    })
    .await;
}

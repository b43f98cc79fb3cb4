//! The HTTP surface, through the real router: security headers, the origin check, plain form
//! posts without JavaScript, languages, the health endpoint. On SQLite and PostgreSQL.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crate::common::web::{form_post, location, send, session_cookie, set_cookies};
use crate::common::{PASSWORD, add_account, on_both, state, state_with};

fn get(path: &str) -> axum::http::request::Builder {
    Request::get(path)
}

/// A plain HTML form post from our own page, as a browser without JavaScript sends it.
fn form(path: &str, body: &str) -> Request<Body> {
    form_post(path, body, "null", None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_checks_the_database() {
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db.clone()));
        let (res, body) = send(&app, get("/health").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(body, r#"{"database":"ok","status":"ok"}"#);
        db.close().await;
        let (res, _) = send(&app, get("/health").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_the_security_headers_and_a_fresh_csp_nonce() {
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db));
        let mut nonces = Vec::new();
        for _ in 0..2 {
            let (res, body) = send(&app, get("/setup").body(Body::empty()).unwrap()).await;
            assert_eq!(res.status(), StatusCode::OK);
            let h = res.headers();
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
            let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("a nonce in the CSP").to_owned();
            assert!(body.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the CSP nonce");
            assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
            assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
            assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(h.contains_key("x-request-id"), "request ID propagated");
            assert!(!h.contains_key(header::STRICT_TRANSPORT_SECURITY), "no HSTS over plain-HTTP loopback");
            nonces.push(nonce);
        }
        assert_ne!(nonces[0], nonces[1], "a new nonce for every page");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_deployments_get_hsts_and_host_prefixed_cookies() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state_with(db, &[("SSPR_PUBLIC_URL", "https://sspr.contoso.example")]));
        let (res, _) = send(&app, get("/health").body(Body::empty()).unwrap()).await;
        assert!(res.headers()[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
        let req = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://sspr.contoso.example")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(format!("user_id=alice%40contoso.example&password={}", PASSWORD.replace(' ', "+"))))
            .unwrap();
        let (res, _) = send(&app, req).await;
        let cookie = set_cookies(&res).into_iter().find(|c| c.starts_with("__Host-sspr_session=")).expect("__Host- cookie");
        assert!(cookie.contains("; Secure") && cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("Path=/"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused_and_change_nothing() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let body = format!("user_id=alice%40contoso.example&password={}", PASSWORD.replace(' ', "+"));
        for (name, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example"), ("origin", "null")] {
            let req = Request::post("/api/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(name, value)
                .body(Body::from(body.clone()))
                .unwrap();
            let (res, _) = send(&app, req).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
            assert!(set_cookies(&res).iter().all(|c| !c.contains("session")));
        }
        let mut c = db.acquire().await.unwrap();
        let sessions: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&mut *c).await).unwrap();
        assert_eq!(sessions, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_works_as_a_plain_form_post_without_javascript() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db));

        let (res, _) = send(&app, form("/api/sign_in", "user_id=alice%40contoso.example&password=wrong+password+here")).await;
        assert_eq!(res.status(), StatusCode::FOUND);
        let location = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
        assert!(location.starts_with("/setup?error="), "{location}");
        let (_, page) = send(&app, get(&location).body(Body::empty()).unwrap()).await;
        assert!(page.contains("role=\"alert\"") && page.contains("The user ID or password is incorrect."));
        assert!(!page.contains("wrong password here"), "the password is not echoed");

        let (res, _) = send(&app, form("/api/sign_in", &format!("user_id=alice%40contoso.example&password={}", PASSWORD.replace(' ', "+")))).await;
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[header::LOCATION], "/setup");
        let cookie = session_cookie(&res);
        let (_, page) = send(&app, get("/setup").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert!(page.contains("Signed in as"), "{page}");
        assert!(!page.contains("<template"), "the content is in place, not streamed for a script to swap in");

        // A second cookie of the same name (planted by a sibling site) is not trusted.
        let doubled = format!("{cookie}; {cookie}");
        let (_, page) = send(&app, get("/setup").header(header::COOKIE, doubled).body(Body::empty()).unwrap()).await;
        assert!(!page.contains("Signed in as"));

        let (res, _) = send(&app, {
            let mut r = form("/api/sign_out", "");
            r.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
            r
        })
        .await;
        assert_eq!(res.headers()[header::LOCATION], "/setup?done=signed_out");
        let (_, page) = send(&app, get("/setup").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert!(!page.contains("Signed in as"), "the old cookie no longer opens the session");
        assert!(page.contains("Sign in"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_follows_accept_language_and_the_remembered_choice() {
    on_both(|db| async move {
        let app = sspr::server::serve::router(state(db));
        let (_, page) = send(&app, get("/setup").header(header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9,en;q=0.5").body(Body::empty()).unwrap()).await;
        assert!(page.contains("<html lang=\"fr\"") && page.contains("Connexion"));
        let (res, _) = send(&app, get("/setup?lang=en&error=x").header(header::ACCEPT_LANGUAGE, "fr").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[header::LOCATION], "/setup?error=x", "back to the same page without ?lang");
        assert!(set_cookies(&res).iter().any(|c| c.starts_with("sspr_lang=en;")));
        let (_, page) = send(&app, get("/setup").header(header::COOKIE, "sspr_lang=en").header(header::ACCEPT_LANGUAGE, "fr").body(Body::empty()).unwrap()).await;
        assert!(page.contains("<html lang=\"en\""), "the cookie beats Accept-Language");
        let (_, page) = send(&app, get("/setup").header(header::COOKIE, "sspr_lang=fr").body(Body::empty()).unwrap()).await;
        assert!(page.contains("Identifiant"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dev_outbox_exists_only_when_enabled_and_unknown_pages_are_404() {
    on_both(|db| async move {
        let off = sspr::server::serve::router(state(db.clone()));
        let (res, _) = send(&off, get("/dev/outbox").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let (res, _) = send(&off, get("/no/such/page").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let on = sspr::server::serve::router(state_with(db, &[("SSPR_DEV_OUTBOX", "true")]));
        let (res, page) = send(&on, get("/dev/outbox").body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(page.contains("Development outbox"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicated_or_oversized_parameters_are_refused_and_change_nothing() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let pw = PASSWORD.replace(' ', "+");
        for body in [
            format!("user_id=mallory%40contoso.example&user_id=alice%40contoso.example&password={pw}"),
            format!("user_id=alice%40contoso.example&password={pw}&password=x"),
        ] {
            let (res, text) = send(&app, form("/api/sign_in", &body)).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
            assert!(text.contains("The form could not be read."), "a page that says what happened: {text}");
        }
        let huge = format!("user_id=alice%40contoso.example&password={}", "a".repeat(64 * 1024));
        let (res, _) = send(&app, form("/api/sign_in", &huge)).await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let mut c = db.acquire().await.unwrap();
        let sessions: i64 = sspr::on!(c.conn(), c => sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&mut *c).await).unwrap();
        assert_eq!(sessions, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_from_the_app_get_the_status_of_their_error() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db));
        let call = |body: &str| {
            Request::post("/api/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body.to_owned()))
                .unwrap()
        };
        let (res, body) = send(&app, call("user_id=alice%40contoso.example&password=wrong+password+here")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(body.contains("bad_credentials"), "{body}");
        let (res, body) = send(&app, call("user_id=alice&password=x")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("user_id") && body.contains("not_a_user_id"), "{body}");
        for _ in 0..4 {
            send(&app, call("user_id=alice%40contoso.example&password=wrong+password+here")).await;
        }
        let (res, _) = send(&app, call("user_id=alice%40contoso.example&password=wrong+password+here")).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: i64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own() {
    on_both(|db| async move {
        add_account(&db, "alice@contoso.example", false).await;
        let attempt = |app: axum::Router, user: String, password: &'static str, forwarded: &'static str| async move {
            let req = Request::post("/api/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header("x-forwarded-for", forwarded)
                .body(Body::from(format!("user_id={}&password={}", user.replace('@', "%40"), password.replace(' ', "+"))))
                .unwrap();
            send(&app, req).await.0.status()
        };
        let spray = sspr::domain::lockout::ADDRESS_FAILURES_PER_WINDOW;
        let trusted = sspr::server::serve::router(state_with(db.clone(), &[("SSPR_TRUST_FORWARDED_FOR", "true")]));
        for i in 0..spray {
            // A client cannot pick its address: the proxy appends the real one last.
            let status = attempt(trusted.clone(), format!("u{i}@contoso.example"), "a wrong password here", "10.0.0.1, 203.0.113.9").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(attempt(trusted.clone(), "alice@contoso.example".into(), PASSWORD, "203.0.113.9").await, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(attempt(trusted.clone(), "alice@contoso.example".into(), PASSWORD, "198.51.100.7").await, StatusCode::OK);
        // Without trust the header is ignored: nobody can frame another address.
        let direct = sspr::server::serve::router(state(db));
        assert_eq!(attempt(direct, "alice@contoso.example".into(), PASSWORD, "203.0.113.9").await, StatusCode::OK);
    })
    .await;
}

/// A plain form post carrying the session cookie.
fn form_as(path: &str, body: &str, cookie: &str) -> Request<Body> {
    form_post(path, body, "null", Some(cookie))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_works_as_plain_form_posts_without_javascript() {
    on_both(|db| async move {
        add_account(&db, "reg@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let page = |cookie: String, path: String| {
            let app = app.clone();
            // What a browser asks for: the address without its fragment.
            let path = path.split('#').next().unwrap_or_default().to_owned();
            async move { send(&app, get(&path).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await.1 }
        };

        // Not signed in: refused, and the page says so.
        let (res, _) = send(&app, form("/api/send_email_code", "email=me%40home.example")).await;
        assert!(location(&res).starts_with("/setup?error="));

        let (res, _) = send(&app, form("/api/sign_in", &format!("user_id=reg%40contoso.example&password={}", PASSWORD.replace(' ', "+")))).await;
        let cookie = session_cookie(&res);
        let html = page(cookie.clone(), "/setup".into()).await;
        for text in ["Office phone", "Only your administrator can set this.", "Authentication phone", "Authentication e-mail", "Security questions", "You have not verified any method yet; 1 is required."] {
            assert!(html.contains(text), "{text}");
        }
        assert!(!html.contains("<template"));

        // The primary e-mail is refused, at its field, and nothing is sent.
        let (res, _) = send(&app, form_as("/api/send_email_code", "email=PRIMARY.reg%40contoso.example", &cookie)).await;
        let to = location(&res);
        // Back at the field, with an address a person can read (no JSON, nothing percent-encoded).
        assert_eq!(to, "/setup?error=field,field:email,problem.kind:same_as_primary#field-email");
        let html = page(cookie.clone(), to).await;
        assert!(html.contains("Use another address than your work e-mail"), "{html}");
        assert!(html.contains("aria-invalid=\"true\"") && html.contains("id=\"field-email\""));
        // The summary at the top of the page links to the field.
        let summary = &html[html.find("class=\"error-summary\"").expect("an error summary")..];
        assert!(summary.find("There is a problem") < summary.find("href=\"#field-email\""), "{summary}");
        assert!(html.find("class=\"error-summary\"") < html.find("id=\"field-email\""), "the summary comes first");

        let (res, _) = send(&app, form_as("/api/send_email_code", "email=me%40home.example", &cookie)).await;
        assert_eq!(location(&res), "/setup?done=code_sent#auth_email");
        let html = page(cookie.clone(), "/setup?done=code_sent".into()).await;
        assert!(html.contains("We e-mailed a code to m•••@home.example."));
        assert!(html.contains("autocomplete=\"one-time-code\"") && html.contains("inputmode=\"numeric\""));

        let body = {
            let mut c = db.acquire().await.unwrap();
            sspr::server::db::outbox::recent(c.conn(), 1).await.unwrap().pop().unwrap().body
        };
        let code: String = body.split("code is: ").nth(1).unwrap().chars().filter(|c| c.is_ascii_digit()).take(6).collect();
        let (res, _) = send(&app, form_as("/api/verify_email_code", "email_code=000", &cookie)).await;
        let html = page(cookie.clone(), location(&res)).await;
        assert!(html.contains("Enter the 6 digits of the code."));

        let (res, _) = send(&app, form_as("/api/verify_email_code", &format!("email_code={code}"), &cookie)).await;
        assert_eq!(location(&res), "/setup?done=email_verified");
        let html = page(cookie.clone(), "/setup?done=email_verified".into()).await;
        assert!(html.contains("Your authentication e-mail is verified."));

        let (res, _) = send(&app, form_as("/api/finish_registration", "", &cookie)).await;
        assert_eq!(location(&res), "/setup?done=finished");
        let html = page(cookie.clone(), "/setup?done=finished".into()).await;
        assert!(html.contains("You can now reset your password when you need to."));

        // A duplicated parameter is refused before it reaches the form's handler.
        let (res, _) = send(&app, form_as("/api/send_email_code", "email=a%40b.example&email=c%40d.example", &cookie)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);

        // Cancel signs out.
        let (res, _) = send(&app, form_as("/api/cancel_registration", "", &cookie)).await;
        assert_eq!(location(&res), "/setup?done=cancelled");
        let html = page(cookie.clone(), "/setup?done=cancelled".into()).await;
        assert!(html.contains("You left without confirming your security info, and you have signed out."));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registration_page_speaks_french() {
    on_both(|db| async move {
        add_account(&db, "fr@contoso.example", false).await;
        let app = sspr::server::serve::router(state(db.clone()));
        let (res, _) = send(&app, form("/api/sign_in", &format!("user_id=fr%40contoso.example&password={}", PASSWORD.replace(' ', "+")))).await;
        let cookie = session_cookie(&res);
        let mut req = form_as("/api/send_phone_code", "country=FR&phone_number=12&channel=sms", &cookie);
        req.headers_mut().insert(header::ACCEPT_LANGUAGE, "fr-FR".parse().unwrap());
        let (res, _) = send(&app, req).await;
        let to = location(&res);
        let (_, html) = send(&app, get(&to).header(header::COOKIE, &cookie).header(header::ACCEPT_LANGUAGE, "fr-FR").body(Body::empty()).unwrap()).await;
        for text in ["Téléphone d’authentification", "Le téléphone de bureau ne peut être défini que par l’administrateur.", "Entrez un numéro qui peut recevoir des SMS", "Quel était le nom de votre premier animal de compagnie ?"] {
            assert!(html.contains(text), "{text}");
        }
    })
    .await;
}

/// Issue 14, items 1 and 2: pages travel compressed and are never kept; the build's files are
/// sent as the build precompressed them (never compressed per request), and those whose names
/// carry a content hash are kept a year.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_and_build_files_are_precompressed_and_cached() {
    use tower::ServiceExt;
    on_both(|db| async move {
        let site = std::env::temp_dir().join(format!("sspr_site_{}_{}", std::process::id(), db.backend()));
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let hashed = "/pkg/sspr.AbCdEfGhIjKlMnOpQrStUv.wasm";
        let raw = b"\0asm\x01\0\0\0".repeat(512);
        let brotli = b"the build's own brotli copy, sent as it is".to_vec();
        std::fs::write(site.join(&hashed[1..]), &raw).unwrap();
        std::fs::write(site.join(format!("{}.br", &hashed[1..])), &brotli).unwrap();
        std::fs::write(site.join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let mut st = state(db);
        st.leptos_options = leptos::config::LeptosOptions::builder().output_name("sspr").site_root(site.to_str().unwrap()).build();
        let app = sspr::server::serve::router(st);
        let fetch = |path: &str, accept: &str| get(path).header(header::ACCEPT_ENCODING, accept).body(Body::empty()).unwrap();

        // A page: compressed as it is sent, as the browser accepts, and kept by no one.
        for (accept, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
            let (res, body) = send(&app, fetch("/setup", accept)).await;
            assert_eq!(res.status(), StatusCode::OK);
            let h = res.headers();
            assert_eq!(h[header::CONTENT_ENCODING], encoding);
            assert!(h.get_all(header::VARY).iter().any(|v| v.to_str().unwrap().to_ascii_lowercase().contains("accept-encoding")));
            assert_eq!(h[header::CACHE_CONTROL], "no-store");
            assert!(!body.contains("<!DOCTYPE html>"), "the body is compressed");
        }
        let decoding = tower_http::decompression::Decompression::new(app.clone());
        let res = decoding.oneshot(get("/setup").body(Body::empty()).unwrap()).await.unwrap();
        let page = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&page).starts_with("<!DOCTYPE html>"), "and decodes to the page");
        let (res, body) = send(&app, get("/setup").body(Body::empty()).unwrap()).await;
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none(), "a client that accepts nothing gets the page as it is");
        assert!(body.starts_with("<!DOCTYPE html>"));

        // A hashed build file: its brotli copy as it is, kept a year.
        let (res, body) = send(&app, fetch(hashed, "br, gzip")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let h = res.headers();
        assert_eq!(h[header::CONTENT_ENCODING], "br");
        assert_eq!(body.as_bytes(), brotli.as_slice(), "never compressed again");
        assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(h.get_all(header::VARY).iter().any(|v| v == "accept-encoding"));
        // Without a precompressed copy for that encoding, the file goes as it is: never compressed per request.
        let (res, body) = send(&app, fetch(hashed, "gzip")).await;
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body.len(), raw.len());
        assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");

        // A file without a hash in its name is kept an hour only.
        let (res, _) = send(&app, fetch("/favicon.svg", "br, gzip")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none(), "small files from disk are not compressed per request");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=3600");
        std::fs::remove_dir_all(&site).unwrap();
    })
    .await;
}

//! Requests through the real router, as a browser sends them.

use axum::body::Body;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Sends `req` and returns the response head and its body as text.
pub async fn send(app: &axum::Router, req: Request<Body>) -> (Response<Body>, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (Response::from_parts(parts, Body::empty()), String::from_utf8_lossy(&bytes).into_owned())
}

/// A page load.
pub fn page(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

/// A plain HTML form post from our own page (`origin`), as a browser without JavaScript
/// sends it, with `cookie` if given.
pub fn form_post(path: &str, body: &str, origin: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::ORIGIN, origin)
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_owned())).unwrap()
}

pub fn set_cookies(res: &Response<Body>) -> Vec<String> {
    res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

/// The `name=value` that a `Set-Cookie` value sends back, without its attributes.
pub fn cookie_of(set_cookie: &str) -> &str {
    set_cookie.split(';').next().unwrap_or_default()
}

/// The value alone of a `Set-Cookie` value.
pub fn cookie_value(set_cookie: &str) -> &str {
    cookie_of(set_cookie).split_once('=').expect("name=value").1
}

/// The `name=value` of the session cookie a response sets (a sign-in).
pub fn session_cookie(res: &Response<Body>) -> String {
    cookie_of(&set_cookies(res).into_iter().find(|c| c.starts_with("sspr_session=")).expect("a session cookie")).to_owned()
}

pub fn location(res: &Response<Body>) -> String {
    res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// `application/x-www-form-urlencoded` of `pairs`.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// A call from the app (a server function called by the WebAssembly): the answer is the
/// function's own status and JSON, not a redirect.
pub fn app_post(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_owned())).unwrap()
}

/// Signs `user_id` in with `password` through the router and returns its session cookie.
pub async fn sign_in(app: &axum::Router, user_id: &str, password: &str) -> String {
    let (res, body) = send(app, app_post("/api/sign_in", &encode(&[("user_id", user_id), ("password", password)]), None)).await;
    assert!(res.status().is_success(), "sign-in of {user_id}: {} {body}", res.status());
    session_cookie(&res)
}

//! The reset flow's cookie: `__Host-` prefixed, SameSite=Strict, bound to this browser.

use crate::server::config::Config;

/// `__Host-` prefixed and `Secure` over HTTPS, like the session cookie.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() { "__Host-sspr_reset" } else { "sspr_reset" }
}

/// The `Set-Cookie` value of a reset flow: SameSite=Strict, so no other site can drive it.
pub fn set_cookie(config: &Config, value: &str, max_age: i64) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}", cookie_name(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_cookie_is_strict_and_host_prefixed_over_https() {
        let https = Config::from_vars(|k| (k == "SSPR_PUBLIC_URL").then(|| "https://sspr.contoso.example".into())).unwrap();
        let c = set_cookie(&https, "tok", 60);
        assert!(c.starts_with("__Host-sspr_reset=tok; Path=/;"), "{c}");
        assert!(c.contains("SameSite=Strict") && c.contains("HttpOnly") && c.contains("Secure"));
    }
}

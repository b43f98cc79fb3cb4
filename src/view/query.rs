//! Addresses with a query, written one way for every caller: the console's links (built in
//! the browser too) and the step a refused form goes back to (built on the server).

/// `name=value&…` of the pairs, each value percent-encoded (RFC 3986: the unreserved
/// characters stay, every other byte becomes `%XX`).
pub fn query<V: AsRef<str>>(pairs: &[(&str, V)]) -> String {
    let encoded: Vec<String> = pairs.iter().map(|(name, value)| format!("{name}={}", encode(value.as_ref()))).collect();
    encoded.join("&")
}

/// `path?name=value&…`, or `path` alone without pairs.
pub fn address<V: AsRef<str>>(path: &str, pairs: &[(&str, V)]) -> String {
    if pairs.is_empty() { path.to_owned() } else { format!("{path}?{}", query(pairs)) }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_percent_encoded_and_an_empty_query_adds_nothing() {
        assert_eq!(query(&[("user_id", "a b@contoso.example"), ("filter", "all")]), "user_id=a%20b%40contoso.example&filter=all");
        assert_eq!(address("/admin/inbox", &[("request", "7".to_owned())]), "/admin/inbox?request=7");
        assert_eq!(address::<&str>("/admin/inbox", &[]), "/admin/inbox");
    }
}

//! The one way text reaches markup outside Leptos' own escaped views: the page title, the
//! reports' SVG, TwiML, the error page of a plain form post. Text and attribute values alike.

/// `text` with `& < > " '` written as character references, safe inside an HTML or XML
/// element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"</title><meta http-equiv="refresh" content='0'>&amp;"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&#39;0&#39;&gt;&amp;amp;"
        );
        assert_eq!(escape("Émilie Dupont"), "Émilie Dupont");
    }
}

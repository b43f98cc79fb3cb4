//! The product's codes in the administrator's words: audit events, the fields of an entry's
//! detail, methods and verification steps. A code the catalogue does not know is shown as it is.

use crate::view::admin::audit::{DetailField, DetailValue};
use crate::i18n::Texts;

/// An event's readable name (`reset_completed` → "Password reset").
pub fn event_label(t: &Texts, event: &str) -> String {
    (t.audit_event)(event).map(str::to_owned).unwrap_or_else(|| event.to_owned())
}

/// A method, a verification step, a channel, a role, a reason (`call_office` → "Call to the
/// office phone").
pub fn admin_word(t: &Texts, code: &str) -> String {
    (t.admin_word)(code).map(str::to_owned).unwrap_or_else(|| code.to_owned())
}

/// An entry's detail in one line: "Verification step: Code by e-mail; Failures: 2".
pub fn detail_text(t: &Texts, fields: &[DetailField]) -> String {
    fields
        .iter()
        .map(|f| {
            let values = f
                .values
                .iter()
                .map(|v| match v {
                    DetailValue::Code(code) => admin_word(t, code),
                    DetailValue::Text(text) => text.clone(),
                    DetailValue::Yes => t.audit_detail_yes.to_owned(),
                    DetailValue::No => t.audit_detail_no.to_owned(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            match (t.audit_detail_key)(&f.key) {
                _ if f.key.is_empty() => values,
                Some(name) => (t.audit_detail_pair)(name, &values),
                None => (t.audit_detail_pair)(&f.key, &values),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn field(key: &str, values: Vec<DetailValue>) -> DetailField {
        DetailField { key: key.into(), values }
    }

    #[test]
    fn a_detail_reads_as_words_in_both_languages_and_typed_text_stays_as_typed() {
        let detail = [
            field("methods", vec![DetailValue::Code("office_phone".into()), DetailValue::Code("auth_email".into())]),
            field("proof_of_work", vec![DetailValue::Yes]),
            field("name", vec![DetailValue::Text("admin".into())]),
        ];
        assert_eq!(
            detail_text(Locale::En.texts(), &detail),
            "Methods: Office phone, Authentication e-mail; Proof of work solved: yes; Name: admin"
        );
        assert_eq!(
            detail_text(Locale::Fr.texts(), &detail),
            "Méthodes\u{202f}: Téléphone de bureau, E-mail d’authentification; Preuve de travail résolue\u{202f}: oui; Nom\u{202f}: admin"
        );
    }

    #[test]
    fn an_unknown_code_or_field_is_shown_as_recorded() {
        let detail = [field("shiny_new", vec![DetailValue::Code("some_code".into())])];
        assert_eq!(detail_text(Locale::En.texts(), &detail), "shiny_new: some_code");
    }

    #[test]
    fn every_gate_and_method_has_words_for_administrators() {
        use crate::domain::registration::Method;
        use crate::domain::reset::Gate;
        let gates = Gate::ALL.map(Gate::as_str);
        let methods = Method::ALL.map(Method::as_str);
        for locale in Locale::ALL {
            for code in gates.iter().chain(&methods) {
                assert!((locale.texts().admin_word)(code).is_some(), "{locale:?} has no words for {code}");
            }
        }
    }
}

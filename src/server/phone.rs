//! Telephone numbers: parsed and validated with libphonenumber's metadata (the `phonenumber`
//! crate, server side only: its tables would weigh on the WebAssembly), stored as E.164.

use crate::domain::{AppError, Field, Problem};
use phonenumber::{Mode, PhoneNumber, Type, country};
use std::str::FromStr;

/// Longest input accepted, in characters (E.164 has 15 digits; people type spaces and signs).
const MAX_INPUT: usize = 40;
/// Most digits of an E.164 number, the country code included (ITU-T E.164 §6.1).
const MAX_E164_DIGITS: usize = 15;

/// The number typed in the form, for the chosen country (ISO 3166 code such as `FR`), as E.164.
/// A number in international form (`+33…`, `0033…`) needs no country. Only numbers that can
/// receive a text or a call are accepted: premium-rate, shared-cost and such are refused.
pub fn parse(country: &str, number: &str) -> Result<String, AppError> {
    let number = number.trim();
    let err = |f, p| Err(AppError::field(f, p));
    if number.is_empty() {
        return err(Field::PhoneNumber, Problem::Required);
    }
    if number.chars().count() > MAX_INPUT {
        return err(Field::PhoneNumber, Problem::TooLong { max: MAX_INPUT as u32 });
    }
    let international = number.starts_with('+') || number.starts_with("00");
    let region = match country.trim() {
        "" if international => None,
        "" => return err(Field::Country, Problem::Required),
        c => match country::Id::from_str(&c.to_ascii_uppercase()) {
            Ok(id) => Some(id),
            Err(_) => return err(Field::Country, Problem::Required),
        },
    };
    let parsed = match phonenumber::parse(region, number) {
        Ok(p) => p,
        Err(_) => return err(Field::PhoneNumber, Problem::NotAPhone),
    };
    if !parsed.is_valid() || !reachable(&parsed) {
        return err(Field::PhoneNumber, Problem::NotAPhone);
    }
    // The metadata allows some national numbers (Germany's) so long that the whole number no
    // longer fits E.164: no provider would deliver to it.
    let e164 = parsed.format().mode(Mode::E164).to_string();
    if e164.len() - 1 > MAX_E164_DIGITS {
        return err(Field::PhoneNumber, Problem::NotAPhone);
    }
    Ok(e164)
}

fn reachable(n: &PhoneNumber) -> bool {
    matches!(
        n.number_type(&phonenumber::metadata::DATABASE),
        Type::Mobile | Type::FixedLine | Type::FixedLineOrMobile | Type::PersonalNumber | Type::Voip
    )
}

/// The number as its owner and admins see it: country code, first digit, last two digits
/// (`+33 6 •• •• •• 78`).
pub fn mask(e164: &str) -> String {
    let Ok(n) = phonenumber::parse(None, e164) else { return "•••".to_owned() };
    let international = n.format().mode(Mode::International).to_string();
    let prefix = format!("+{} ", n.code().value());
    let national = international.strip_prefix(&prefix).unwrap_or(&international);
    let digits = national.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    let masked: String = national
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen == 1 || seen > digits.saturating_sub(2) { c } else { '•' }
        })
        .collect();
    format!("{prefix}{masked}")
}

/// Every country with its calling code, sorted by ISO code, for the form's country list.
pub fn countries() -> Vec<(String, u16)> {
    let mut list: Vec<(String, u16)> = phonenumber::metadata::DATABASE
        .iter()
        .filter(|m| country::Id::from_str(m.id()).is_ok())
        .map(|m| (m.id().to_owned(), m.country_code()))
        .collect();
    list.sort();
    list.dedup();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_numbers_as_e164() {
        assert_eq!(parse("FR", "06 12 34 56 78").as_deref(), Ok("+33612345678"));
        assert_eq!(parse("", "+33 6 12 34 56 78").as_deref(), Ok("+33612345678"));
        assert_eq!(parse("us", "(201) 555-0123").as_deref(), Ok("+12015550123"));
    }

    #[test]
    fn refuses_invalid_and_foreign_format_numbers() {
        let not_a_phone = Err(AppError::field(Field::PhoneNumber, Problem::NotAPhone));
        assert_eq!(parse("FR", "12"), not_a_phone);
        assert_eq!(parse("FR", "(201) 555-0123"), not_a_phone, "a US number typed for France");
        assert_eq!(parse("FR", "08 99 12 34 56"), not_a_phone, "premium rate");
        assert_eq!(parse("FR", "call me"), not_a_phone);
        assert_eq!(parse("", "06 12 34 56 78"), Err(AppError::field(Field::Country, Problem::Required)));
        assert_eq!(parse("FR", ""), Err(AppError::field(Field::PhoneNumber, Problem::Required)));
        assert_eq!(parse("ZZ", "0612345678"), Err(AppError::field(Field::Country, Problem::Required)));
        // Found by fuzzing (fuzz/fuzz_targets/phone.rs): valid for the metadata, 16 digits in E.164.
        assert_eq!(parse("DE", "09 2469119 246911"), not_a_phone);
    }

    #[test]
    fn masks_all_but_the_ends() {
        assert_eq!(mask("+33612345678"), "+33 6 •• •• •• 78");
        assert!(countries().iter().any(|(id, code)| id == "FR" && *code == 33));
    }
}

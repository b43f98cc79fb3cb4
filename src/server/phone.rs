//! Telephone numbers: parsed and validated with libphonenumber's metadata (the `phonenumber`
//! crate, server side only: its tables would weigh on the WebAssembly), stored as E.164.

use crate::view::registration::Country;
use crate::domain::{AppError, Field, Problem};
use crate::i18n::Locale;
use icu_collator::Collator;
use icu_collator::options::CollatorOptions;
use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use icu_locale_core::subtags::Region;
use phonenumber::{Mode, PhoneNumber, Type, country};
use std::str::FromStr;
use std::sync::LazyLock;

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
    // The region's rules can misread a number that carries its own country code (see `NEUTRAL`):
    // such a number gets a second reading with no national rules before it is refused.
    let mut hints = vec![region];
    if international {
        hints.push(*NEUTRAL);
    }
    hints
        .into_iter()
        .find_map(|hint| {
            let parsed = phonenumber::parse(hint, number).ok().filter(|p| p.is_valid() && reachable(p))?;
            let e164 = parsed.format().mode(Mode::E164).to_string();
            // The metadata allows some national numbers (Germany's) so long that the whole number no
            // longer fits E.164: no provider would deliver to it. What is stored must read back as
            // itself, or its mask and country would name another number.
            let fits = e164.len() - 1 <= MAX_E164_DIGITS;
            let rereads = from_e164(&e164).is_some_and(|again| again.is_valid() && again.format().mode(Mode::E164).to_string() == e164);
            (fits && rereads).then_some(e164)
        })
        .ok_or_else(|| AppError::field(Field::PhoneNumber, Problem::NotAPhone))
}

/// A region whose metadata has no national prefix, used to read numbers that already carry
/// their country code. phonenumber 0.3.10 strips the national prefix of the hinted region (or
/// of the number's own country) from such a number even where what remains is no number:
/// `+7 843 413 23 23` (Kazan) reads as `+7 434 132 323` without a hint.
static NEUTRAL: LazyLock<Option<country::Id>> = LazyLock::new(|| {
    phonenumber::metadata::DATABASE
        .iter()
        .filter(|m| m.national_prefix().is_none() && m.national_prefix_for_parsing().is_none())
        .find_map(|m| country::Id::from_str(m.id()).ok())
});

/// A stored E.164 number, read without any national rule.
fn from_e164(e164: &str) -> Option<PhoneNumber> {
    phonenumber::parse(*NEUTRAL, e164).ok()
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
    let Some(n) = from_e164(e164) else { return "•••".to_owned() };
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

/// Every country of the phone metadata, with its calling code and its name in `locale` (CLDR's
/// names, through ICU4X), sorted by name as that language sorts (CLDR collation: "Égypte"
/// before "Équateur", not after "Zimbabwe"), with `first` (an ISO 3166 code) at the top when it
/// is one of them.
pub fn countries(locale: Locale, first: Option<&str>) -> Vec<Country> {
    static SORTED: LazyLock<[Vec<Country>; 2]> = LazyLock::new(|| Locale::ALL.map(sorted_countries));
    let mut list = SORTED[Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)].clone();
    if let Some(at) = first.and_then(|code| list.iter().position(|c| c.id.eq_ignore_ascii_case(code))) {
        let likely = list.remove(at);
        list.insert(0, likely);
    }
    list
}

fn sorted_countries(locale: Locale) -> Vec<Country> {
    let language = icu_locale_core::Locale::try_from_str(locale.code()).unwrap_or(icu_locale_core::locale!("en"));
    let names = RegionDisplayNames::try_new(language.clone().into(), DisplayNamesOptions::default()).ok();
    let mut list: Vec<Country> = phonenumber::metadata::DATABASE
        .iter()
        .filter(|m| country::Id::from_str(m.id()).is_ok())
        .map(|m| {
            let id = m.id().to_owned();
            let name = id.parse::<Region>().ok().and_then(|r| names.as_ref()?.of(r)).map_or_else(|| id.clone(), str::to_owned);
            Country { id, calling_code: m.country_code(), name }
        })
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list.dedup_by(|a, b| a.id == b.id);
    match Collator::try_new(language.into(), CollatorOptions::default()) {
        Ok(collator) => list.sort_by(|a, b| collator.compare(&a.name, &b.name)),
        Err(_) => list.sort_by(|a, b| a.name.cmp(&b.name)),
    }
    list
}

/// The country of an E.164 number (`+33…` → `FR`), if the metadata knows it.
pub fn country_of(e164: &str) -> Option<String> {
    from_e164(e164)?.country().id().map(|id| id.as_ref().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_and_sorted_in_the_user_s_language_with_the_likely_one_first() {
        let names = |list: &[Country]| list.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        let fr = countries(Locale::Fr, Some("FR"));
        assert_eq!((fr[0].id.as_str(), fr[0].name.as_str(), fr[0].calling_code), ("FR", "France", 33));
        let fr = names(&fr);
        let at = |n: &str| fr.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} is missing"));
        assert!(at("Allemagne") < at("Égypte") && at("Égypte") < at("Équateur") && at("Équateur") < at("Zimbabwe"), "French order: {fr:?}");
        assert_eq!(fr.iter().filter(|n| *n == "France").count(), 1, "the likely country is moved, not repeated");

        let en = countries(Locale::En, Some("us"));
        assert_eq!(en[0].name, "United States");
        let en = names(&en[1..]);
        let at = |n: &str| en.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} is missing"));
        assert!(at("Afghanistan") < at("Åland Islands") && at("Åland Islands") < at("Albania"), "accents do not send a name to the end: {en:?}");
        assert!(at("Canada") < at("Côte d’Ivoire") && at("Côte d’Ivoire") < at("Croatia") && at("Zambia") < at("Zimbabwe"));
        assert!(en.iter().all(|n| n.chars().count() > 2), "every country has a name, not a code");

        assert_eq!(countries(Locale::En, Some("XX")).len(), countries(Locale::En, None).len());
        assert_eq!(country_of("+33612345678").as_deref(), Some("FR"));
        assert_eq!(country_of("not a number"), None);
    }

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
    fn a_number_with_its_country_code_reads_back_as_itself_whatever_the_country_chosen() {
        // Found by fuzzing: a Kazan number (area code 843) came back without its first digit when
        // read again, because the reader took that 8 for Russia's national prefix.
        for country in ["", "FR", "RU", "ZM"] {
            assert_eq!(parse(country, "+7 843 413 23 23").as_deref(), Ok("+78434132323"), "chosen: {country:?}");
        }
        assert_eq!(parse("FR", "0 078434132323").as_deref(), Ok("+78434132323"));
        assert_eq!(parse("", "+78434132323").as_deref(), Ok("+78434132323"));
        assert_eq!(mask("+78434132323"), "+7 8•• •••-••-23");
        assert_eq!(country_of("+78434132323").as_deref(), Some("RU"));
        assert_eq!(parse("GB", "+44 (0)20 7946 0958").as_deref(), Ok("+442079460958"), "the written-out trunk 0 is still understood");
    }

    #[test]
    fn masks_all_but_the_ends() {
        assert_eq!(mask("+33612345678"), "+33 6 •• •• •• 78");
    }
}

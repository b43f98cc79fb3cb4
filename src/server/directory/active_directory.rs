//! What Active Directory (and Samba AD) does its own way, for [`super::ldap`]: the password is
//! `unicodePwd` (written, never read: a quoted UTF-16LE string, over TLS only), the state of an
//! account is in `userAccountControl` and friends, the immutable ID is the binary `objectGUID`,
//! and an error is a Windows error code at the start of the diagnostic text (`0000052D:
//! Constraint violation…`, `…AcceptSecurityContext error, data 773…`).

use crate::domain::Problem;

/// The password attribute: write-only.
pub const PASSWORD: &str = "unicodePwd";
/// When the account was locked out (100-ns intervals since 1601); 0 when it is not. Writing 0
/// unlocks it (a new password does not).
pub const LOCKOUT_TIME: &str = "lockoutTime";
/// When the password was last set; 0 means "must change at next logon".
pub const PWD_LAST_SET: &str = "pwdLastSet";

/// What is read of an account's state, besides the attributes of `SSPR_LDAP_ATTR_*`.
pub const STATE_ATTRIBUTES: [&str; 6] = [ACCOUNT_CONTROL, ACCOUNT_CONTROL_COMPUTED, LOCKOUT_TIME, PWD_LAST_SET, ACCOUNT_EXPIRES, PASSWORD_EXPIRES];
const ACCOUNT_CONTROL: &str = "userAccountControl";
/// Constructed by the directory: the lock-out and expired-password bits as they stand now
/// (`lockoutTime` stays set after the lock-out's duration is over). Read by a search of the
/// entry itself, as AD constructs some attributes for such searches only.
pub const ACCOUNT_CONTROL_COMPUTED: &str = "msDS-User-Account-Control-Computed";
const ACCOUNT_EXPIRES: &str = "accountExpires";
/// Constructed: when the password expires, by the domain's or a fine-grained policy's maximum
/// age (the largest value: never).
const PASSWORD_EXPIRES: &str = "msDS-UserPasswordExpiryTimeComputed";

/// `userAccountControl` and computed bits (MS-ADTS 2.2.16).
const ACCOUNTDISABLE: u32 = 0x2;
const LOCKOUT: u32 = 0x10;
const PASSWORD_EXPIRED: u32 = 0x80_0000;

/// The password-policy hints control (MS-ADTS 3.1.1.3.4.1.37): a reset by the service is then
/// checked like a user's change (history, minimum age, password filters). Windows Server 2012
/// and later know the first OID, 2008 R2 the second; Samba before 4.24 neither.
pub const POLICY_HINTS: [&str; 2] = ["1.2.840.113556.1.4.2239", "1.2.840.113556.1.4.2066"];
/// Its value: `SEQUENCE { Flags INTEGER (1) }`, "apply the policy".
pub const POLICY_HINTS_VALUE: [u8; 5] = [0x30, 0x03, 0x02, 0x01, 0x01];

/// The value of `unicodePwd` for `password`: the password in double quotes, in UTF-16LE.
pub fn password_value(password: &str) -> Vec<u8> {
    format!("\"{password}\"").encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The string form of an `objectGUID` (its first three fields are little-endian):
/// `35cde0b0-a128-49ff-9f32-9826336beff8`, as AD's own tools print it.
pub fn guid(bytes: &[u8]) -> Option<String> {
    let b: &[u8; 16] = bytes.try_into().ok()?;
    Some(format!(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
    ))
}

/// An account's state as the directory keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountState {
    /// Disabled, or past its `accountExpires`: as if it were not there.
    pub unusable: bool,
    pub locked_out: bool,
    /// `pwdLastSet` is 0 (set by whoever reset the password), or the password has expired.
    pub must_change: bool,
    /// When the password expires (Unix seconds); `None`: never, or it must change already.
    pub password_expires_at: Option<i64>,
}

/// Reads the state from an entry's values (`first(name)`: the attribute's first value), `now`
/// in seconds since 1970.
pub fn account_state(first: impl Fn(&str) -> Option<String>, now: i64) -> AccountState {
    let number = |name: &str| first(name).and_then(|v| v.trim().parse::<i64>().ok());
    let control = number(ACCOUNT_CONTROL).unwrap_or(0) as u32;
    let computed = number(ACCOUNT_CONTROL_COMPUTED).map(|v| v as u32);
    // 0 and the largest value mean "never expires".
    let expired = number(ACCOUNT_EXPIRES).is_some_and(|t| t != 0 && t != i64::MAX && t < unix_to_filetime(now));
    AccountState {
        unusable: control & ACCOUNTDISABLE != 0 || expired,
        locked_out: match computed {
            Some(c) => c & LOCKOUT != 0,
            None => number(LOCKOUT_TIME).is_some_and(|t| t > 0),
        },
        must_change: number(PWD_LAST_SET) == Some(0) || computed.is_some_and(|c| c & PASSWORD_EXPIRED != 0),
        password_expires_at: number(PASSWORD_EXPIRES).filter(|t| *t > 0 && *t != i64::MAX).map(filetime_to_unix),
    }
}

fn filetime_to_unix(filetime: i64) -> i64 {
    filetime / 10_000_000 - 11_644_473_600
}

fn unix_to_filetime(seconds: i64) -> i64 {
    (seconds + 11_644_473_600).saturating_mul(10_000_000)
}

/// Whether a refused bind (result 49) still proved the password: AD checks it first, then
/// says the user must change it (`data 773`: "must change at next logon", `data 532`: expired).
/// The user signs in, and sspr asks for a new password straight away.
pub fn bind_proved_password(text: &str) -> bool {
    matches!(bind_data(text), Some("773" | "532"))
}

/// The `data NNN` code of a refused bind's text (`52e`: wrong password, `775`: locked out,
/// `533`: disabled, `701`: account expired, `773`, `532`).
fn bind_data(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once(", data ")?;
    rest.split(|c: char| !c.is_ascii_hexdigit()).next()
}

/// What AD's answer to a password write means, from the Windows error code that starts its
/// text; `None` for anything else (an outage, a misconfiguration). Windows gives no detail
/// for `0000052D`; Samba says which rule, and that is used when it is there.
pub fn refusal(text: &str) -> Option<Problem> {
    let code = u32::from_str_radix(text.get(..8)?, 16).ok()?;
    Some(match code {
        // ERROR_PASSWORD_RESTRICTION
        0x52D => {
            let detail = text.to_ascii_lowercase();
            if detail.contains("(previous password)") {
                Problem::SameAsCurrent
            } else if detail.contains("history") {
                Problem::InPasswordHistory
            } else if detail.contains("too young") {
                Problem::ChangedTooRecently
            } else if detail.contains("complexity") {
                Problem::NotComplexEnough
            } else {
                Problem::DirectoryRefused
            }
        }
        // ERROR_INVALID_PASSWORD, ERROR_LOGON_FAILURE: the current password of a change.
        0x56 | 0x52E => Problem::WrongCurrentPassword,
        // ERROR_ACCOUNT_LOCKED_OUT
        0x775 => Problem::LockedInDirectory,
        // ERROR_ACCESS_DENIED
        0x5 => Problem::DirectoryDenied,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_written_quoted_in_utf16le() {
        assert_eq!(password_value("aé"), vec![b'"', 0, b'a', 0, 0xE9, 0, b'"', 0]);
    }

    #[test]
    fn an_object_guid_reads_as_ad_prints_it() {
        let bytes = [0xB0, 0xE0, 0xCD, 0x35, 0x28, 0xA1, 0xFF, 0x49, 0x9F, 0x32, 0x98, 0x26, 0x33, 0x6B, 0xEF, 0xF8];
        assert_eq!(guid(&bytes).as_deref(), Some("35cde0b0-a128-49ff-9f32-9826336beff8"));
        assert_eq!(guid(&bytes[..15]), None);
    }

    #[test]
    fn the_state_comes_from_the_control_bits_and_times() {
        let now = 1_796_000_000;
        let state = |values: &[(&str, &str)]| {
            let values: Vec<(String, String)> = values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            account_state(|name| values.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()), now)
        };
        assert_eq!(state(&[("userAccountControl", "512"), ("pwdLastSet", "134410640104376240"), ("accountExpires", "9223372036854775807")]), AccountState::default());
        assert!(state(&[("userAccountControl", "514")]).unusable);
        assert!(state(&[("accountExpires", &(unix_to_filetime(now) - 1).to_string())]).unusable);
        assert!(!state(&[("accountExpires", &(unix_to_filetime(now) + 10_000_000).to_string())]).unusable);
        assert!(!state(&[("accountExpires", "0")]).unusable);
        assert!(state(&[("msDS-User-Account-Control-Computed", "16")]).locked_out);
        // lockoutTime stays after the lock-out's duration: the computed bits decide.
        assert!(!state(&[("msDS-User-Account-Control-Computed", "0"), ("lockoutTime", "134410640495759240")]).locked_out);
        assert!(state(&[("lockoutTime", "134410640495759240")]).locked_out);
        assert!(state(&[("pwdLastSet", "0")]).must_change);
        assert!(state(&[("msDS-User-Account-Control-Computed", "8388608")]).must_change);
        let in_a_week = unix_to_filetime(now + 7 * 86_400);
        assert_eq!(state(&[("msDS-UserPasswordExpiryTimeComputed", &in_a_week.to_string())]).password_expires_at, Some(now + 7 * 86_400));
        assert_eq!(state(&[("msDS-UserPasswordExpiryTimeComputed", "9223372036854775807")]).password_expires_at, None);
        assert_eq!(state(&[("msDS-UserPasswordExpiryTimeComputed", "0")]).password_expires_at, None);
    }

    #[test]
    fn a_refused_bind_tells_a_wrong_password_from_one_to_change() {
        let text = |data: &str| format!("80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data {data}, v1db1");
        assert!(bind_proved_password(&text("773")));
        assert!(bind_proved_password(&text("532")));
        for wrong in ["52e", "775", "533", "701"] {
            assert!(!bind_proved_password(&text(wrong)), "{wrong}");
        }
        assert!(!bind_proved_password("Invalid credentials"));
    }

    #[test]
    fn a_refusal_reads_as_the_windows_error_and_samba_detail() {
        let samba = |detail: &str| format!("0000052D: Constraint violation - check_password_restrictions: {detail}");
        assert_eq!(refusal(&samba("the password was already used (in history)!")), Some(Problem::InPasswordHistory));
        assert_eq!(refusal(&samba("the password was already used (previous password)!")), Some(Problem::SameAsCurrent));
        assert_eq!(refusal(&samba("the password does not meet the complexity criteria!")), Some(Problem::NotComplexEnough));
        assert_eq!(refusal(&samba("password is too young to change!")), Some(Problem::ChangedTooRecently));
        assert_eq!(refusal(&samba("the password is too short. It should be equal or longer than 12 characters!")), Some(Problem::DirectoryRefused));
        // Windows says no more than this.
        assert_eq!(refusal("0000052D: Constraint violation - check_password_restrictions"), Some(Problem::DirectoryRefused));
        assert_eq!(refusal("0000052D: AtrErr: DSID-03191083, #1:\n\t0: 0000052D: DSID-03191083, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n"), Some(Problem::DirectoryRefused));
        assert_eq!(refusal("00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match!"), Some(Problem::WrongCurrentPassword));
        assert_eq!(refusal("00000775: the account is locked out"), Some(Problem::LockedInDirectory));
        assert_eq!(refusal("00000005: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0"), Some(Problem::DirectoryDenied));
        assert_eq!(refusal("00002077: SvcErr: DSID-03190F4C, problem 5003 (WILL_NOT_PERFORM), data 0"), None);
        assert_eq!(refusal(""), None);
    }
}

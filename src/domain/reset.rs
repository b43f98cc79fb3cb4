//! The reset portal's rules (SPEC §3 and §6): the throttling figures, why a reset stops after
//! the user ID (the seed's three cases), which gates an account can pass, and the steps of a
//! reset flow, which the server stores and moves forward one checked step at a time.

use super::user_id::UserId;
use super::registration::{Method, Requirements};
use serde::{Deserialize, Serialize};

/// Resets an account may start per hour, and verification failures an account may make per
/// hour; one more blocks its password reset for a day (Entra's rule, per account).
pub const ATTEMPTS_PER_WINDOW: i64 = 5;
pub const FAILURES_PER_WINDOW: i64 = 5;
pub const WINDOW_SECS: i64 = 3600;
pub const BLOCK_SECS: i64 = 24 * 3600;
/// A reset flow lives half an hour from its start.
pub const FLOW_SECS: i64 = 30 * 60;
/// A "this wasn't me" link works for a week.
pub const REPORT_LINK_SECS: i64 = 7 * 24 * 3600;

/// A client address may be a whole office behind one NAT, proxy or VPN, so it is never blocked
/// for a day: its counters run in 15-minute windows, and going over a limit means waiting
/// 15 minutes (the cool-down), not until tomorrow.
pub const ADDRESS_WINDOW_SECS: i64 = 15 * 60;
/// Resets one address may start per window by default (`SSPR_RESET_ADDRESS_LIMIT`): far above
/// what an office does, a ceiling for automation that the proof of work did not slow enough.
pub const ADDRESS_ATTEMPTS_PER_WINDOW: i64 = 250;
/// Failed verifications (wrong codes, wrong answers, whatever the accounts) one address may
/// make per window by default (`SSPR_RESET_ADDRESS_FAILURE_LIMIT`): failures, not starts, are
/// what guessing looks like.
pub const ADDRESS_FAILURES_PER_WINDOW: i64 = 30;
/// Starts per window an address makes before its proof of work gets harder; each doubling of
/// them adds a bit (twice the work), by default up to `EXTRA_BITS` more (`SSPR_POW_MAX_BITS`).
pub const FREE_STARTS: i64 = 10;
pub const EXTRA_BITS: u8 = 5;
/// The hardest proof of work that may be asked.
pub const MAX_POW_BITS: u8 = 30;

/// Resets allowed per client address per window without the proof of work (no JavaScript): a
/// tenth of the ceiling, since nothing slows them down.
pub fn no_script_limit(address_limit: i64) -> i64 {
    (address_limit / 10).max(1)
}

/// The proof of work's difficulty for an address that started `recent` resets in the current
/// window: `base` for the first `FREE_STARTS`, then one more bit at each doubling (10 starts:
/// +1, 20: +2, 40: +3, 80: +4, 160: +5, …), never more than `max`. People behind one address
/// wait a little longer when many of them reset at once; a script pays twice the work for twice
/// the volume.
pub fn pow_bits(base: u8, max: u8, recent: i64) -> u8 {
    if recent < FREE_STARTS {
        return base;
    }
    let doublings = ((recent / FREE_STARTS).ilog2() + 1).min(u32::from(MAX_POW_BITS)) as u8;
    base.saturating_add(doublings).min(max).max(base)
}

/// Whether a challenge solved at `bits` may start a reset now that the address's volume asks for
/// `required`: one level below is still accepted, so that a person whose office got busier
/// while they typed is not sent back; a stock of easy challenges fetched earlier is not.
pub fn pow_accepted(bits: u8, base: u8, required: u8) -> bool {
    bits >= base && bits.saturating_add(1) >= required
}

/// Which limit stopped a reset: the page says what happened and for how long, and never speaks
/// of failures when only starts were counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetLimit {
    /// 5 resets started for the account within an hour: a day's block.
    AccountAttempts,
    /// 5 failed verifications for the account within an hour: a day's block.
    AccountFailures,
    /// The address's ceiling of starts: a 15-minute cool-down.
    AddressAttempts,
    /// The address's failed verifications: a 15-minute cool-down.
    AddressFailures,
}

/// One way to pass a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// Text a code to the authentication phone.
    TextPhone,
    /// Call the authentication phone; the call reads the code.
    CallPhone,
    /// Call the office phone.
    CallOffice,
    /// E-mail a code to the authentication address.
    Email,
    /// Answer security questions.
    Questions,
    /// Type one of the recovery codes kept at registration.
    RecoveryCode,
}

impl Gate {
    pub const ALL: [Gate; 6] = [Gate::TextPhone, Gate::CallPhone, Gate::CallOffice, Gate::Email, Gate::Questions, Gate::RecoveryCode];

    pub fn as_str(self) -> &'static str {
        match self {
            Gate::TextPhone => "text_phone",
            Gate::CallPhone => "call_phone",
            Gate::CallOffice => "call_office",
            Gate::Email => "email",
            Gate::Questions => "questions",
            Gate::RecoveryCode => "recovery_code",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The method a gate proves: two gates of one reset must prove different methods.
    pub fn method(self) -> Method {
        match self {
            Gate::TextPhone | Gate::CallPhone => Method::AuthPhone,
            Gate::CallOffice => Method::OfficePhone,
            Gate::Email => Method::AuthEmail,
            Gate::Questions => Method::SecurityQuestions,
            Gate::RecoveryCode => Method::RecoveryCodes,
        }
    }
}

/// Why a reset stops after the user ID: the seed's three error cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// "Please contact your administrator": the password is managed on-premises.
    OnPremises,
    /// "Your account is not enabled for password reset": out of scope or unlicensed.
    NotEnabled,
    /// "We can't verify your account": enabled, but too few methods registered. An unknown user
    /// ID, a disabled or an administratively locked account get this page too.
    NotRegistered,
}

/// What an account has registered, as far as a reset is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registered {
    pub auth_phone: bool,
    pub office_phone: bool,
    pub auth_email: bool,
    /// Security questions answered (only counts when at least the number asked at reset).
    pub questions: usize,
    /// Recovery codes not used yet.
    pub recovery_codes: bool,
}

/// The gates an account can use under `req`, with `questions_at_reset` questions asked.
pub fn gates(req: &Requirements, registered: &Registered, questions_at_reset: u8) -> Vec<Gate> {
    Gate::ALL
        .into_iter()
        .filter(|g| match g {
            Gate::TextPhone => req.offer_sms && registered.auth_phone,
            Gate::CallPhone => req.offer_voice && registered.auth_phone,
            Gate::CallOffice => req.offers(Method::OfficePhone) && registered.office_phone,
            Gate::Email => req.offers(Method::AuthEmail) && registered.auth_email,
            Gate::Questions => {
                req.offers(Method::SecurityQuestions) && registered.questions >= usize::from(questions_at_reset.max(1))
            }
            Gate::RecoveryCode => req.offers(Method::RecoveryCodes) && registered.recovery_codes,
        })
        .collect()
}

/// The distinct methods behind `gates`.
pub fn methods_of(gates: &[Gate]) -> Vec<Method> {
    let mut methods: Vec<Method> = Vec::new();
    for m in gates.iter().map(|g| g.method()) {
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    methods
}

/// Whether an account with these gates can reset: enough different methods, and never
/// security questions alone (SPEC §1).
pub fn can_reset(req: &Requirements, gates: &[Gate]) -> bool {
    req.check_finish(&methods_of(gates)).is_ok()
}

/// The gates still open to a flow that passed `passed`: another method than those passed, and
/// security questions never as the last and only proof.
pub fn next_gates(all: &[Gate], passed: &[Method], required: u8) -> Vec<Gate> {
    let remaining = usize::from(required).saturating_sub(passed.len());
    if remaining == 0 {
        return Vec::new();
    }
    let only_questions_so_far = passed.iter().all(|m| *m == Method::SecurityQuestions);
    all.iter()
        .copied()
        .filter(|g| !passed.contains(&g.method()))
        .filter(|g| !(*g == Gate::Questions && remaining == 1 && only_questions_so_far))
        .collect()
}

/// What the server knows of the account behind a user ID when a reset starts.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub exists: bool,
    pub enabled: bool,
    /// Locked by an administrator or by its owner's "this wasn't me": only an administrator
    /// may open it again.
    pub admin_locked: bool,
    pub on_premises: bool,
    pub licensed: bool,
    pub in_scope: bool,
    pub is_admin: bool,
    pub registered: Registered,
}

/// The gates an account may use, or why its reset stops (the seed's cases). An unknown user ID
/// gets the same answer as an account that registered nothing.
pub fn decide(facts: &Facts, req: &Requirements, questions_at_reset: u8) -> Result<Vec<Gate>, Stop> {
    if !facts.exists || !facts.enabled || facts.admin_locked {
        return Err(Stop::NotRegistered);
    }
    match super::registration::eligibility(facts.on_premises, facts.licensed, facts.in_scope, facts.is_admin) {
        Some(super::registration::NotEligible::OnPremises) => return Err(Stop::OnPremises),
        Some(super::registration::NotEligible::NotEnabled) => return Err(Stop::NotEnabled),
        None => {}
    }
    let all = gates(req, &facts.registered, questions_at_reset);
    if can_reset(req, &all) { Ok(all) } else { Err(Stop::NotRegistered) }
}

/// Where a reset flow stands. Every step checks it and moves it forward in one guarded write,
/// so a step run out of order, twice, or in parallel is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Step {
    /// The reset cannot go on: one of the seed's error pages.
    Stopped { why: Stop },
    /// Strict mode: one page for every case; the account's addresses got the detail, and a
    /// link to go on when the account can reset.
    CheckMessages,
    /// Passing the gates.
    Gates,
    /// Gates passed: choose a new password (or unlock).
    Choose,
    /// The password was reset.
    Done,
    /// The account was unlocked without a new password.
    Unlocked,
}

/// The gate the user is passing now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenGate {
    pub gate: Gate,
    /// The questions asked, for the questions gate: a random subset of those registered.
    #[serde(default)]
    pub questions: Vec<i64>,
}

/// The server-side state of one reset flow (stored as JSON with the flow).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub step: Step,
    /// The user ID as typed, normalised (also when no account has it).
    pub user_id: UserId,
    /// Methods passed, in order.
    #[serde(default)]
    pub passed: Vec<Method>,
    #[serde(default)]
    pub open: Option<OpenGate>,
    /// Different methods to pass.
    pub required: u8,
    /// The account was locked out of sign-in when the flow started: it may unlock.
    #[serde(default)]
    pub locked_out: bool,
    /// An administrator was contacted from this flow (once per flow).
    #[serde(default)]
    pub contacted: bool,
    /// Strict mode: SHA-256 of the link that lets this flow go on to the gates.
    #[serde(default)]
    pub continue_hash: Option<String>,
}

impl Flow {
    pub fn new(user_id: UserId, step: Step, required: u8) -> Self {
        Flow { step, user_id, passed: Vec::new(), open: None, required, locked_out: false, contacted: false, continue_hash: None }
    }

    /// Records a passed gate; the flow moves to Choose once enough methods are passed.
    pub fn pass(&mut self, method: Method) {
        if !self.passed.contains(&method) {
            self.passed.push(method);
        }
        self.open = None;
        if self.passed.len() >= usize::from(self.required) {
            self.step = Step::Choose;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Policy;

    fn req(required: u8) -> Requirements {
        Requirements::of(&Policy { methods_required: required, ..Policy::default() }, false)
    }

    fn all_registered() -> Registered {
        Registered { auth_phone: true, office_phone: true, auth_email: true, questions: 3, recovery_codes: true }
    }

    #[test]
    fn gates_follow_the_registration_and_the_policy() {
        let r = all_registered();
        assert_eq!(gates(&req(1), &r, 3), Gate::ALL.to_vec());
        let no_sms = Requirements::of(&Policy { offer_sms: false, ..Policy::default() }, false);
        assert!(!gates(&no_sms, &r, 3).contains(&Gate::TextPhone));
        let few = Registered { questions: 2, ..r.clone() };
        assert!(!gates(&req(1), &few, 3).contains(&Gate::Questions), "fewer answers than asked");
        let admin = Requirements::of(&Policy::default(), true);
        assert!(!gates(&admin, &r, 3).contains(&Gate::Questions), "admins never use questions");
        let no_codes = Requirements::of(&Policy { offer_recovery_codes: false, ..Policy::default() }, false);
        assert!(!gates(&no_codes, &r, 3).contains(&Gate::RecoveryCode), "codes the policy no longer offers");
        let used_up = Registered { recovery_codes: false, ..r.clone() };
        assert!(!gates(&req(1), &used_up, 3).contains(&Gate::RecoveryCode), "every code used");
    }

    #[test]
    fn a_recovery_code_is_one_gate_and_may_be_the_only_one() {
        let codes = Registered { recovery_codes: true, ..Registered::default() };
        let g = gates(&req(1), &codes, 3);
        assert_eq!(g, vec![Gate::RecoveryCode]);
        assert!(can_reset(&req(1), &g));
        assert!(!can_reset(&req(2), &g), "two codes are one method");
        let with_email = Registered { auth_email: true, ..codes };
        let g = gates(&req(2), &with_email, 3);
        assert_eq!(next_gates(&g, &[Method::RecoveryCodes], 2), vec![Gate::Email]);
    }

    #[test]
    fn questions_alone_never_suffice() {
        let only_questions = Registered { questions: 3, ..Registered::default() };
        assert!(!can_reset(&req(1), &gates(&req(1), &only_questions, 3)));
        let phone_and_questions = Registered { auth_phone: true, questions: 3, ..Registered::default() };
        let g = gates(&req(1), &phone_and_questions, 3);
        assert!(can_reset(&req(1), &g));
        assert_eq!(next_gates(&g, &[], 1), vec![Gate::TextPhone, Gate::CallPhone], "not the questions as the only gate");
        assert!(next_gates(&g, &[], 2).contains(&Gate::Questions), "one of two gates may be the questions");
        assert_eq!(next_gates(&g, &[Method::SecurityQuestions], 2), vec![Gate::TextPhone, Gate::CallPhone]);
    }

    #[test]
    fn the_second_gate_proves_another_method() {
        let g = gates(&req(2), &all_registered(), 3);
        let next = next_gates(&g, &[Method::AuthPhone], 2);
        assert!(!next.contains(&Gate::TextPhone) && !next.contains(&Gate::CallPhone));
        assert!(next.contains(&Gate::Email) && next.contains(&Gate::CallOffice));
        assert!(next_gates(&g, &[Method::AuthPhone, Method::AuthEmail], 2).is_empty());
        let one = Registered { auth_phone: true, ..Registered::default() };
        assert!(!can_reset(&req(2), &gates(&req(2), &one, 3)), "text and call are one method");
    }

    #[test]
    fn a_flow_moves_to_choose_after_the_required_gates() {
        let mut f = Flow::new(UserId::parse("a@b.example").unwrap(), Step::Gates, 2);
        f.pass(Method::AuthEmail);
        assert_eq!(f.step, Step::Gates);
        f.pass(Method::AuthEmail);
        assert_eq!(f.step, Step::Gates, "the same method twice counts once");
        f.pass(Method::AuthPhone);
        assert_eq!(f.step, Step::Choose);
    }

    #[test]
    fn the_seed_cases_come_in_order_and_unknown_ids_look_unregistered() {
        let ready = Facts {
            exists: true,
            enabled: true,
            licensed: true,
            in_scope: true,
            registered: Registered { auth_email: true, ..Registered::default() },
            ..Facts::default()
        };
        assert_eq!(decide(&ready, &req(1), 3), Ok(vec![Gate::Email]));
        assert_eq!(decide(&Facts::default(), &req(1), 3), Err(Stop::NotRegistered));
        assert_eq!(decide(&Facts { on_premises: true, licensed: false, ..ready.clone() }, &req(1), 3), Err(Stop::OnPremises));
        assert_eq!(decide(&Facts { licensed: false, ..ready.clone() }, &req(1), 3), Err(Stop::NotEnabled));
        assert_eq!(decide(&Facts { in_scope: false, ..ready.clone() }, &req(1), 3), Err(Stop::NotEnabled));
        assert_eq!(decide(&Facts { registered: Registered::default(), ..ready.clone() }, &req(1), 3), Err(Stop::NotRegistered));
        assert_eq!(decide(&ready, &req(2), 3), Err(Stop::NotRegistered), "one method when two are required");
        assert_eq!(decide(&Facts { admin_locked: true, ..ready.clone() }, &req(1), 3), Err(Stop::NotRegistered));
        assert_eq!(decide(&Facts { enabled: false, ..ready }, &req(1), 3), Err(Stop::NotRegistered));
    }

    #[test]
    fn without_scripts_the_address_limit_is_stricter() {
        assert_eq!(no_script_limit(250), 25);
        assert_eq!(no_script_limit(5), 1);
    }

    #[test]
    fn the_proof_of_work_grows_one_bit_per_doubling_of_the_volume() {
        let bits: Vec<u8> = [0, 9, 10, 19, 20, 39, 40, 80, 159, 160, 10_000].iter().map(|n| pow_bits(18, 23, *n)).collect();
        assert_eq!(bits, vec![18, 18, 19, 19, 20, 20, 21, 22, 22, 23, 23]);
        assert_eq!(pow_bits(18, 18, 10_000), 18, "a maximum equal to the base: no growth");
        assert_eq!(pow_bits(4, 30, i64::MAX), 30);
    }

    #[test]
    fn a_challenge_one_level_easier_is_still_accepted() {
        assert!(pow_accepted(20, 18, 21));
        assert!(!pow_accepted(19, 18, 21), "a stock of easy challenges");
        assert!(!pow_accepted(17, 18, 18), "never below the setting");
    }
}

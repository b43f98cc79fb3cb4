//! The anti-automation challenge of the reset portal (SPEC §3): a proof of work that the page's
//! WebAssembly solves and the server checks in one hash. No third-party service, no tracking.
//!
//! The server hands out a signed, expiring token and a difficulty in bits; the browser finds a
//! nonce such that SHA-256(`token:nonce`) starts with that many zero bits. Each extra bit
//! doubles the browser's work and costs the server nothing.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What the page must solve before it may start a reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub token: String,
    pub bits: u8,
}

/// Number of leading zero bits of `hash`.
pub fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in hash {
        if *byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

/// Whether `nonce` solves the challenge `token` at `bits` of difficulty.
pub fn solves(token: &str, nonce: u64, bits: u8) -> bool {
    leading_zero_bits(&Sha256::digest(format!("{token}:{nonce}").as_bytes())) >= u32::from(bits)
}

/// Tries the nonces `from..from + budget`: the first that solves the challenge, if any. Called
/// in slices so that the page stays responsive while it works.
pub fn search(challenge: &Challenge, from: u64, budget: u64) -> Option<u64> {
    (from..from.saturating_add(budget)).find(|n| solves(&challenge.token, *n, challenge.bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_leading_zero_bits() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x10, 0xff]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }

    #[test]
    fn a_found_nonce_solves_and_its_neighbours_mostly_do_not() {
        let c = Challenge { token: "1700000000.abcdef.0123".into(), bits: 10 };
        let n = search(&c, 0, 1 << 20).expect("2^10 expected tries, 2^20 allowed");
        assert!(solves(&c.token, n, 10));
        assert!(!solves("another token", n, 30));
        assert_eq!(search(&c, 0, n), None, "the search returns the first solution");
    }
}

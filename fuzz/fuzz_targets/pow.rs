//! The proof of work, input `BITS` (first byte), `FROM` (8 bytes), then the token: the leading
//! zero bits are counted right, zero bits are always solved, and a search finds the first
//! solving nonce of its range and nothing outside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sspr::domain::pow::{Challenge, leading_zero_bits, search, solves};

fn zero_bits_slowly(hash: &[u8]) -> u32 {
    hash.iter().flat_map(|b| (0..8).rev().map(move |i| b >> i & 1)).take_while(|bit| *bit == 0).count() as u32
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let (head, token) = data.split_at(9);
    assert_eq!(leading_zero_bits(token), zero_bits_slowly(token));
    let Ok(token) = std::str::from_utf8(token) else { return };
    let bits = head[0] % 10; // small enough that a short search can succeed
    let from = u64::from_le_bytes(head[1..9].try_into().unwrap());
    assert!(solves(token, from, 0));
    let challenge = Challenge { token: token.to_owned(), bits };
    let budget = 64;
    let found = search(&challenge, from, budget);
    if let Some(n) = found {
        assert!(n >= from && n - from < budget, "{n} outside {from}+{budget}");
        assert!(solves(token, n, bits));
        assert!((from..n).all(|m| !solves(token, m, bits)), "not the first solution");
    }
    if bits == 0 && from < u64::MAX {
        assert_eq!(found, Some(from));
    }
});

//! The proof of work asked before a start: an HMAC-signed, expiring, single-use challenge whose
//! difficulty grows with the address's recent volume.

use crate::server::crypto::{random_token, sha256_hex};
use crate::server::db::{self, limits, now};
use crate::server::state::AppState;
use crate::domain::pow::{self, Challenge};
use crate::domain::reset as rules;
use crate::domain::AppError;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::*;

/// Challenges live ten minutes.
pub(super) const CHALLENGE_SECS: i64 = 600;

pub(super) async fn challenge_key(state: &AppState) -> Result<String, AppError> {
    let mut c = state.db.acquire().await?;
    Ok(db::secrets::get_or_create(c.conn(), "pow_key", &random_token()).await?)
}

pub(super) fn sign(key: &str, payload: &str) -> Result<Hmac<Sha256>, AppError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).map_err(|_| AppError::Internal)?;
    mac.update(payload.as_bytes());
    Ok(mac)
}

/// A fresh challenge: `expiry.random.bits.mac`, signed with the installation's key so that any
/// node can check it without storing it. Its difficulty grows with the client address's recent
/// volume of starts (`rules::pow_bits`).
pub async fn challenge(state: &AppState, client: &Client) -> Result<Challenge, AppError> {
    let key = challenge_key(state).await?;
    let bits = difficulty(state, client, now()).await?;
    let payload = format!("{}.{}.{bits}", now() + CHALLENGE_SECS, &random_token()[..22]);
    let mac = hex::encode(sign(&key, &payload)?.finalize().into_bytes());
    Ok(Challenge { token: format!("{payload}.{mac}"), bits })
}

/// The proof of work's difficulty for this client's address now.
pub(super) async fn difficulty(state: &AppState, client: &Client, t: i64) -> Result<u8, AppError> {
    let mut c = state.db.acquire().await?;
    let recent = limits::count_in_window(c.conn(), &address_key(client), t, rules::ADDRESS_WINDOW_SECS).await?;
    Ok(rules::pow_bits(state.config.pow_bits, state.config.pow_max_bits, recent))
}

/// Checks a solved challenge: signed by us, not expired, as hard as the address's volume asks
/// (`rules::pow_accepted`), solved, and never used before (the last check is one atomic insert).
pub(super) async fn check_challenge(state: &AppState, client: &Client, token: &str, nonce: &str, t: i64) -> Result<(), AppError> {
    let parts: Vec<&str> = token.split('.').collect();
    let [expires, random, bits, mac] = parts.as_slice() else { return Err(AppError::Challenge) };
    let key = challenge_key(state).await?;
    let payload = format!("{expires}.{random}.{bits}");
    let mac = hex::decode(mac).map_err(|_| AppError::Challenge)?;
    sign(&key, &payload)?.verify_slice(&mac).map_err(|_| AppError::Challenge)?;
    let expires: i64 = expires.parse().map_err(|_| AppError::Challenge)?;
    let bits: u8 = bits.parse().map_err(|_| AppError::Challenge)?;
    let nonce: u64 = nonce.trim().parse().map_err(|_| AppError::Challenge)?;
    let required = difficulty(state, client, t).await?;
    if expires <= t || !rules::pow_accepted(bits, state.config.pow_bits, required) || !pow::solves(token, nonce, bits) {
        return Err(AppError::Challenge);
    }
    let mut c = state.db.acquire().await?;
    let uses = limits::add_in_window(c.conn(), &format!("pow:{}", sha256_hex(token)), t, CHALLENGE_SECS * 2).await?;
    if uses > 1 { Err(AppError::Challenge) } else { Ok(()) }
}

//! Password hashing (argon2id, SPEC §6) on a bounded pool off the async runtime, and random
//! tokens stored as SHA-256.

use crate::domain::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// m = 19456 KiB, t = 2, p = 1 (OWASP's argon2id setting).
pub fn params() -> Params {
    Params::new(19_456, 2, 1, None).expect("valid argon2 parameters")
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    pub ok: bool,
    /// The stored hash used other parameters: store a fresh one.
    pub needs_rehash: bool,
}

/// Runs argon2 on at most one thread per core. Callers beyond `queue` waiting get `Busy`
/// (a 503 with Retry-After) instead of piling up threads or memory.
pub struct Hasher {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    /// A real hash of a random secret, verified for unknown user IDs so that they take as long.
    decoy: String,
}

impl Hasher {
    pub fn new(queue: usize) -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self::with_permits(cores, queue)
    }

    pub fn with_permits(permits: usize, queue: usize) -> Self {
        let decoy = hash_now(&random_token()).expect("hash the decoy");
        Hasher { permits: Arc::new(Semaphore::new(permits)), waiting: AtomicUsize::new(0), queue, decoy }
    }

    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    super::metrics::hash_refused();
                    return Err(AppError::Busy);
                }
                let since = std::time::Instant::now();
                let p = self.permits.clone().acquire_owned().await;
                self.waiting.fetch_sub(1, Ordering::SeqCst);
                super::metrics::hash_waited(since.elapsed());
                p.map_err(|_| AppError::Internal)?
            }
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            job()
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "hashing task failed");
            AppError::Internal
        })
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a random 16-byte salt.
    pub async fn hash(&self, secret: String) -> Result<String, AppError> {
        self.run(move || hash_now(&secret)).await?
    }

    pub async fn verify(&self, secret: String, phc: String) -> Result<Verified, AppError> {
        self.run(move || verify_now(&secret, &phc)).await
    }

    /// Spends the same work as a real check, for a user ID that does not exist.
    pub async fn verify_decoy(&self, secret: String) -> Result<(), AppError> {
        let decoy = self.decoy.clone();
        self.run(move || verify_now(&secret, &decoy)).await.map(|_| ())
    }

    /// Jobs waiting for a core right now (for tests and metrics).
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }
}

pub fn hash_now(secret: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "argon2 hashing failed");
            AppError::Internal
        })
}

pub fn verify_now(secret: &str, phc: &str) -> Verified {
    let Ok(parsed) = PasswordHash::new(phc) else {
        tracing::error!("stored password hash is not a PHC string");
        return Verified { ok: false, needs_rehash: false };
    };
    let ok = Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok();
    let current = params();
    let needs_rehash = ok
        && (parsed.algorithm != argon2::ARGON2ID_IDENT
            || Params::try_from(&parsed).map(|p| p.m_cost() != current.m_cost() || p.t_cost() != current.t_cost() || p.p_cost() != current.p_cost()).unwrap_or(true));
    Verified { ok, needs_rehash }
}

/// 256 random bits from the OS CSPRNG, URL-safe.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// How tokens and session IDs are stored: never in clear.
pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// A key only this browser's session can give: derived from the session cookie's token, which
/// the database never holds (it keeps the token's SHA-256). Things shown to the user once (a
/// new set of recovery codes) are derived from it, so that the page can show them again to
/// this session while a copy of the database cannot recompute them.
#[derive(Clone)]
pub struct RevealKey([u8; 32]);

impl std::fmt::Debug for RevealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RevealKey(..)")
    }
}

impl RevealKey {
    pub fn of_session_token(token: &str) -> Self {
        RevealKey(hmac_sha256(token.as_bytes(), b"sspr reveal key"))
    }

    /// The recovery codes of the set named `nonce` (SPEC §2): `recovery::COUNT` codes of
    /// `recovery::LEN` characters, 80 bits each.
    pub fn recovery_codes(&self, nonce: &str) -> Vec<String> {
        use crate::domain::registration::recovery::{ALPHABET, COUNT, LEN};
        (0..COUNT)
            .map(|i| {
                let mac = hmac_sha256(&self.0, format!("recovery code {nonce} {i}").as_bytes());
                // 16 characters of 5 bits from the first 80 bits.
                let bits = mac[..10].iter().fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
                (0..LEN).map(|k| char::from(ALPHABET[((bits >> (5 * (LEN - 1 - k))) & 31) as usize])).collect()
            })
            .collect()
    }
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_differ_per_set_and_per_session_and_parse_as_typed() {
        let key = RevealKey::of_session_token("token");
        let codes = key.recovery_codes("set-1");
        assert_eq!(codes.len(), crate::domain::registration::recovery::COUNT);
        assert_eq!(codes, key.recovery_codes("set-1"), "the same set shows the same codes again");
        assert!(codes.iter().all(|c| crate::domain::registration::recovery::parse(c).as_deref() == Ok(c.as_str())));
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
        assert!(key.recovery_codes("set-2").iter().all(|c| !codes.contains(c)), "a new set");
        let other = RevealKey::of_session_token("another token").recovery_codes("set-1");
        assert!(other.iter().all(|c| !codes.contains(c)), "another session cannot show them");
        assert_eq!(format!("{key:?}"), "RevealKey(..)");
    }


    #[test]
    fn hashes_are_argon2id_with_the_spec_parameters_and_a_16_byte_salt() {
        let h = hash_now("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        let parsed = PasswordHash::new(&h).unwrap();
        let salt = parsed.salt.unwrap().as_str();
        assert_eq!(salt.len(), 22, "16 bytes in unpadded base64");
        assert_ne!(h, hash_now("correct horse battery staple").unwrap(), "salts differ");
    }

    #[test]
    fn verifies_and_asks_for_rehash_when_parameters_change() {
        let h = hash_now("correct horse battery staple").unwrap();
        assert_eq!(verify_now("correct horse battery staple", &h), Verified { ok: true, needs_rehash: false });
        assert!(!verify_now("correct horse battery stapler", &h).ok);
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8192, 1, 1, None).unwrap())
            .hash_password(b"pw", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert_eq!(verify_now("pw", &weak), Verified { ok: true, needs_rehash: true });
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, params())
            .hash_password(b"pw", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(verify_now("pw", &argon2i).needs_rehash);
    }

    #[test]
    fn tokens_carry_256_bits_and_are_stored_hashed() {
        let t = random_token();
        assert_eq!(t.len(), 43);
        assert_ne!(t, random_token());
        assert_eq!(sha256_hex(&t).len(), 64);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_queue_answers_busy_instead_of_spawning_threads() {
        let hasher = Arc::new(Hasher::with_permits(1, 1));
        let jobs: Vec<_> = (0..6)
            .map(|_| {
                let h = hasher.clone();
                tokio::spawn(async move { h.hash("correct horse battery staple".into()).await })
            })
            .collect();
        let mut busy = 0;
        let mut done = 0;
        for j in jobs {
            match j.await.unwrap() {
                Ok(_) => done += 1,
                Err(AppError::Busy) => busy += 1,
                Err(e) => panic!("{e:?}"),
            }
        }
        assert!(busy >= 1, "some requests must be refused, got {done} done");
        assert!(done >= 2, "one running and one queued must finish");
        assert_eq!(hasher.waiting(), 0);
    }
}

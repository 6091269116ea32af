//! Passwords: the policy every chosen password meets (R10), generation, and argon2id
//! hashing with a reusable memory buffer (R18).

use argon2::password_hash::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::domain::email::Email;
use crate::error::{Error, Result};

/// The longest password accepted.
pub const MAX_LEN: usize = 256;
/// Length of generated passwords.
pub const GENERATED_LEN: usize = 24;

const COMMON: &str = include_str!("common-passwords.txt");

/// Whether a password is on the bundled list of common passwords (case-insensitive).
pub fn is_common(pw: &str) -> bool {
    let lower = Zeroizing::new(pw.to_lowercase());
    COMMON
        .lines()
        .any(|l| l.trim().eq_ignore_ascii_case(&lower))
}

/// Checks R10 for a password chosen for `email`; the error explains the rule and never
/// repeats the password.
pub fn check_policy(pw: &str, email: &Email, min_len: usize) -> Result<()> {
    let n = pw.chars().count();
    if n < min_len {
        return Err(Error::invalid(format!(
            "the password is too short: {n} characters, at least {min_len} are required"
        )));
    }
    if n > MAX_LEN {
        return Err(Error::invalid(format!(
            "the password is too long: {n} characters, at most {MAX_LEN} are allowed"
        )));
    }
    if pw.chars().all(char::is_whitespace) {
        return Err(Error::invalid(
            "the password is only spaces; use letters, digits or symbols too",
        ));
    }
    if pw.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(
            "the password contains a control character (such as a tab or newline)",
        ));
    }
    if is_common(pw) {
        return Err(Error::invalid(
            "the password is on the list of commonly used passwords; choose a less guessable one",
        ));
    }
    let lower = Zeroizing::new(pw.to_lowercase());
    if lower.as_str() == email.key() || lower.as_str() == email.local_part() {
        return Err(Error::invalid(
            "the password must not be the email address or the part before the @",
        ));
    }
    Ok(())
}

/// A fresh random password of [`GENERATED_LEN`] characters from the OS CSPRNG.
pub fn generate() -> SecretString {
    SecretString::from(Alphanumeric.sample_string(&mut OsRng, GENERATED_LEN))
}

/// argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        HashParams {
            m_cost: 19_456,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

impl HashParams {
    /// Checks that argon2 accepts these parameters together (e.g. m ≥ 8·p).
    pub fn validate(&self) -> Result<()> {
        self.argon2().map(|_| ())
    }

    fn argon2(&self) -> Result<Argon2<'static>> {
        let params = Params::new(self.m_cost, self.t_cost, self.p_cost, Some(32))
            .map_err(|e| Error::invalid(format!("invalid argon2 parameters: {e}")))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// Hashes and verifies passwords, reusing one argon2 memory buffer for every call, so a
/// worker hashing thousands of passwords allocates it once.
pub struct Hasher {
    params: HashParams,
    blocks: Arena,
}

impl Hasher {
    /// A hasher for these parameters; allocates the buffer lazily.
    pub fn new(params: HashParams) -> Hasher {
        Hasher {
            params,
            blocks: Arena::default(),
        }
    }

    /// The parameters new hashes use.
    pub fn params(&self) -> HashParams {
        self.params
    }

    fn compute(
        &mut self,
        params: HashParams,
        pw: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> Result<()> {
        let argon = params.argon2()?;
        let needed = argon.params().block_count();
        if self.blocks.len() != needed {
            self.blocks = Arena::new(needed);
        }
        argon
            .hash_password_into_with_memory(pw, salt, out, self.blocks.as_mut_slice())
            .map_err(|e| Error::internal(format!("argon2 failed: {e}")))
    }

    /// Hashes a password into an argon2id PHC string with a fresh 16-byte salt.
    pub fn hash(&mut self, pw: &SecretString) -> Result<String> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut out = Zeroizing::new([0u8; 32]);
        let p = self.params;
        self.compute(p, pw.expose_secret().as_bytes(), &salt, &mut out[..])?;
        Ok(format!(
            "$argon2id$v=19$m={},t={},p={}${}${}",
            p.m_cost,
            p.t_cost,
            p.p_cost,
            STANDARD_NO_PAD.encode(salt),
            STANDARD_NO_PAD.encode(&out[..])
        ))
    }

    /// Verifies a password against a PHC string, in constant time over the output.
    pub fn verify(&mut self, pw: &SecretString, phc: &str) -> Result<bool> {
        let parsed = PasswordHash::new(phc)
            .map_err(|e| Error::internal(format!("stored hash is not a PHC string: {e}")))?;
        let params = phc_params(&parsed)?;
        let salt = parsed
            .salt
            .ok_or_else(|| Error::internal("stored hash has no salt"))?;
        let mut salt_buf = [0u8; 64];
        let salt = salt
            .decode_b64(&mut salt_buf)
            .map_err(|e| Error::internal(format!("bad salt: {e}")))?;
        let expected = parsed
            .hash
            .ok_or_else(|| Error::internal("stored hash has no output"))?;
        let mut out = Zeroizing::new(vec![0u8; expected.len()]);
        self.compute(params, pw.expose_secret().as_bytes(), salt, &mut out)?;
        let computed =
            argon2::password_hash::Output::new(&out).map_err(|e| Error::internal(e.to_string()))?;
        Ok(computed == expected)
    }

    /// Spends the time of one verification without a stored hash, so an unknown email costs
    /// what a wrong password costs (R16).
    pub fn burn(&mut self, pw: &SecretString) -> Result<()> {
        let mut out = Zeroizing::new([0u8; 32]);
        let p = self.params;
        self.compute(
            p,
            pw.expose_secret().as_bytes(),
            b"usermgr-dummy-salt",
            &mut out[..],
        )
    }

    /// Whether a stored hash was made with other parameters than the configured ones.
    pub fn needs_rehash(&self, phc: &str) -> bool {
        match PasswordHash::new(phc) {
            Ok(parsed) => {
                parsed.algorithm.as_str() != "argon2id"
                    || phc_params(&parsed).ok() != Some(self.params)
            }
            Err(_) => true,
        }
    }
}

/// argon2's working memory (19 MiB at the defaults), taken straight from the kernel and
/// backed by transparent huge pages where the system offers them: a fresh buffer otherwise
/// costs ~4,900 page faults, which made one login take two hashes' time. Argon2 writes every
/// block before reading it, and fresh anonymous pages are zero, so no initialising pass is
/// needed either. Falls back to an ordinary vector when the mapping is refused.
enum Arena {
    Mapped {
        ptr: *mut Block,
        len: usize,
        map: *mut libc::c_void,
        map_len: usize,
    },
    Heap(Vec<Block>),
}

// SAFETY: the mapping is owned exclusively by the arena, like a Vec's buffer.
unsafe impl Send for Arena {}

impl Default for Arena {
    fn default() -> Self {
        Arena::Heap(Vec::new())
    }
}

impl Arena {
    const HUGE_PAGE: usize = 2 << 20;

    fn new(len: usize) -> Arena {
        let size = len * std::mem::size_of::<Block>();
        let map_len = size + Self::HUGE_PAGE;
        // SAFETY: an anonymous private mapping; checked for failure before use.
        let map = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if map == libc::MAP_FAILED || size == 0 {
            return Arena::Heap(vec![Block::default(); len]);
        }
        let start = (map as usize + Self::HUGE_PAGE - 1) & !(Self::HUGE_PAGE - 1);
        // SAFETY: [start, start + size) lies inside the mapping (it has a huge page to spare);
        // the advice only changes how the kernel backs it and may be refused harmlessly.
        unsafe {
            libc::madvise(start as *mut libc::c_void, size, libc::MADV_HUGEPAGE);
        }
        Arena::Mapped {
            ptr: start as *mut Block,
            len,
            map,
            map_len,
        }
    }

    fn len(&self) -> usize {
        match self {
            Arena::Mapped { len, .. } => *len,
            Arena::Heap(v) => v.len(),
        }
    }

    fn as_mut_slice(&mut self) -> &mut [Block] {
        match self {
            // SAFETY: `ptr` is page-aligned (so aligned for Block), points at `len` blocks of
            // zero-initialised memory owned by this arena, and Block is plain integers, for
            // which any bytes (zero included) are a valid value.
            Arena::Mapped { ptr, len, .. } => unsafe { std::slice::from_raw_parts_mut(*ptr, *len) },
            Arena::Heap(v) => v,
        }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        if let Arena::Mapped { map, map_len, .. } = self {
            // SAFETY: unmapping exactly the mapping made in `new`, once.
            unsafe {
                libc::munmap(*map, *map_len);
            }
        }
    }
}

fn phc_params(parsed: &PasswordHash<'_>) -> Result<HashParams> {
    let get = |k: &str| {
        parsed
            .params
            .get_decimal(k)
            .ok_or_else(|| Error::internal(format!("stored hash lacks parameter {k}")))
    };
    Ok(HashParams {
        m_cost: get("m")?,
        t_cost: get("t")?,
        p_cost: get("p")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    fn cheap() -> HashParams {
        HashParams {
            m_cost: 64,
            t_cost: 1,
            p_cost: 1,
        }
    }

    #[test]
    fn a_password_of_only_whitespace_is_refused() {
        let email = Email::parse("jo@acme.test").unwrap();
        for pw in [
            "        ",
            "\u{a0}\u{2003}        ",
            "\u{3000}".repeat(9).as_str(),
        ] {
            let e = check_policy(pw, &email, 8).unwrap_err();
            assert_eq!(e.exit_code(), 3);
            assert!(e.to_string().contains("only spaces"), "{e}");
        }
        // Spaces inside a password are fine.
        check_policy("correct horse battery", &email, 8).unwrap();
    }

    #[test]
    fn hash_roundtrip_and_phc_form() {
        let mut h = Hasher::new(cheap());
        let phc = h.hash(&secret("correct horse")).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=64,t=1,p=1$"), "{phc}");
        assert!(h.verify(&secret("correct horse"), &phc).unwrap());
        assert!(!h.verify(&secret("wrong horse"), &phc).unwrap());
        assert!(!h.needs_rehash(&phc));
        let h2 = Hasher::new(HashParams {
            m_cost: 128,
            t_cost: 1,
            p_cost: 1,
        });
        assert!(h2.needs_rehash(&phc));
    }

    #[test]
    fn verifies_hashes_made_by_the_argon2_crate() {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::generate(&mut OsRng);
        let phc = Argon2::default()
            .hash_password(b"s3cret-value", &salt)
            .unwrap()
            .to_string();
        let mut h = Hasher::new(HashParams::default());
        assert!(h.verify(&secret("s3cret-value"), &phc).unwrap());
        assert!(!h.needs_rehash(&phc));
    }

    #[test]
    fn policy_rules() {
        let email = Email::parse("jo.park@acme.test").unwrap();
        assert!(check_policy("a-good-long-one", &email, 8).is_ok());
        let short = check_policy("abc", &email, 8).unwrap_err().to_string();
        assert!(
            short.contains("too short") && !short.contains("abc"),
            "{short}"
        );
        assert!(check_policy(&"x".repeat(257), &email, 8)
            .unwrap_err()
            .to_string()
            .contains("too long"));
        assert!(check_policy("Password1", &email, 8)
            .unwrap_err()
            .to_string()
            .contains("common"));
        assert!(check_policy("JO.PARK@acme.test", &email, 8)
            .unwrap_err()
            .to_string()
            .contains("email"));
        assert!(check_policy("jo.park1", &email, 8).is_ok());
        let local = Email::parse("jonathan.park@acme.test").unwrap();
        assert!(check_policy("jonathan.park", &local, 8).is_err());
        assert!(check_policy("tab\there!", &email, 8).is_err());
    }

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate();
        let b = generate();
        assert!(a.expose_secret().len() >= 20);
        assert_ne!(a.expose_secret(), b.expose_secret());
    }
}

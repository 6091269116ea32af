//! argon2id hashing of passwords (R18) with a reusable memory buffer: the compute side of
//! [`crate::domain::password`], kept out of the domain because its buffer is platform memory
//! ([`arena`]).

mod arena;

use argon2::password_hash::PasswordHash;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::domain::password::HashParams;
use crate::error::{Error, Result};
use arena::Arena;

/// Hashes and verifies passwords, reusing one argon2 memory buffer for every call, so a
/// worker hashing thousands of passwords allocates it once.
pub struct Hasher {
    params: HashParams,
    blocks: Arena,
    /// Makes a buffer of the asked number of blocks.
    alloc: fn(usize) -> Arena,
}

impl Hasher {
    /// A hasher for these parameters; allocates the buffer lazily.
    pub fn new(params: HashParams) -> Hasher {
        Hasher {
            params,
            blocks: Arena::default(),
            alloc: Arena::new,
        }
    }

    /// A hasher for these parameters with its buffer allocated and every page of it
    /// touched: made on another thread while a login waits on its database, the faults of
    /// a fresh 19 MiB buffer (a fifth of a hash) are out of the way when the hash comes.
    pub fn prepared(params: HashParams) -> Hasher {
        let mut hasher = Hasher::new(params);
        if let Ok(argon) = params.argon2() {
            hasher.buffer_for(argon.params().block_count());
            arena::touch(&mut hasher.blocks);
        }
        hasher
    }

    /// A hasher whose buffer is always the portable heap one, whatever the platform.
    #[cfg(test)]
    fn portable(params: HashParams) -> Hasher {
        Hasher {
            alloc: Arena::heap,
            ..Hasher::new(params)
        }
    }

    /// Uses other parameters from now on, keeping the buffer (it is resized on first use
    /// when they need another size): a long-lived worker follows `config set`.
    pub fn set_params(&mut self, params: HashParams) {
        self.params = params;
    }

    /// The parameters new hashes use.
    pub fn params(&self) -> HashParams {
        self.params
    }

    /// Makes the buffer `needed` blocks long, keeping it when it is.
    fn buffer_for(&mut self, needed: usize) {
        if self.blocks.len() != needed {
            self.blocks = (self.alloc)(needed);
        }
    }

    fn compute(
        &mut self,
        params: HashParams,
        pw: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> Result<()> {
        let argon = params.argon2()?;
        self.buffer_for(argon.params().block_count());
        argon
            .hash_password_into_with_memory(pw, salt, out, self.blocks.as_mut_slice())
            .map_err(|e| Error::internal(format!("argon2 failed: {e}")))
    }

    /// Hashes a password into an argon2id PHC string with a fresh 16-byte salt.
    pub fn hash(&mut self, pw: &SecretString) -> Result<String> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        self.hash_with_salt(pw, &salt)
    }

    fn hash_with_salt(&mut self, pw: &SecretString, salt: &[u8]) -> Result<String> {
        let mut out = Zeroizing::new([0u8; 32]);
        let p = self.params;
        self.compute(p, pw.expose_secret().as_bytes(), salt, &mut out[..])?;
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
    use argon2::Argon2;

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
        for mut h in [
            Hasher::new(HashParams::default()),
            Hasher::portable(HashParams::default()),
        ] {
            assert!(h.verify(&secret("s3cret-value"), &phc).unwrap());
            assert!(!h.verify(&secret("s3cret-valuE"), &phc).unwrap());
            assert!(!h.needs_rehash(&phc));
        }
    }

    #[test]
    fn portable_buffer_hashes_like_the_platform_one() {
        let salt = b"0123456789abcdef";
        let pw = secret("the same password");
        let mut platform = Hasher::new(HashParams::default());
        let mut portable = Hasher::portable(HashParams::default());
        let a = platform.hash_with_salt(&pw, salt).unwrap();
        let b = portable.hash_with_salt(&pw, salt).unwrap();
        assert_eq!(a, b);
        assert!(!portable.blocks.is_mapped());
        assert!(portable.verify(&pw, &a).unwrap());
        assert!(platform.verify(&pw, &b).unwrap());
    }

    #[test]
    fn one_buffer_serves_every_hash_of_a_hasher() {
        for mut h in [Hasher::new(cheap()), Hasher::portable(cheap())] {
            h.hash(&secret("first one")).unwrap();
            let first = h.blocks.as_mut_slice().as_ptr();
            let phc = h.hash(&secret("second one")).unwrap();
            h.verify(&secret("second one"), &phc).unwrap();
            h.burn(&secret("third one")).unwrap();
            assert_eq!(h.blocks.as_mut_slice().as_ptr(), first, "reallocated");
            assert_eq!(h.blocks.len(), 64);
            // Other parameters need another size, and get it.
            let other = Hasher::new(HashParams {
                m_cost: 128,
                ..cheap()
            })
            .hash(&secret("x-y-z"))
            .unwrap();
            assert!(h.verify(&secret("x-y-z"), &other).unwrap());
            assert_eq!(h.blocks.len(), 128);
        }
    }

    #[test]
    fn a_prepared_hasher_has_its_buffer_before_the_first_hash_and_hashes_alike() {
        let salt = b"0123456789abcdef";
        let pw = secret("the same password");
        let mut prepared = Hasher::prepared(HashParams::default());
        let needed = HashParams::default()
            .argon2()
            .unwrap()
            .params()
            .block_count();
        assert_eq!(prepared.blocks.len(), needed);
        let buffer = prepared.blocks.as_mut_slice().as_ptr();
        let a = prepared.hash_with_salt(&pw, salt).unwrap();
        assert_eq!(
            prepared.blocks.as_mut_slice().as_ptr(),
            buffer,
            "reallocated"
        );
        let b = Hasher::new(HashParams::default())
            .hash_with_salt(&pw, salt)
            .unwrap();
        assert_eq!(a, b);
    }
}

//! Tokens: random secrets shown once and stored only as SHA-256 hashes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A login session.
    Session,
    /// A reset window opened by logging in with an admin-set password.
    ResetWindow,
    /// A reset-email token; redeeming it opens a reset window.
    ResetEmail,
    /// A set-password token for an account created without a password.
    SetPassword,
}

impl TokenKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Session => "session",
            TokenKind::ResetWindow => "reset_window",
            TokenKind::ResetEmail => "reset_email",
            TokenKind::SetPassword => "set_password",
        }
    }

    /// The visible prefix, so a pasted token says what it is.
    pub fn prefix(self) -> &'static str {
        match self {
            TokenKind::Session => "ss_",
            TokenKind::ResetWindow => "rw_",
            TokenKind::ResetEmail => "re_",
            TokenKind::SetPassword => "sp_",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Result<TokenKind> {
        [
            TokenKind::Session,
            TokenKind::ResetWindow,
            TokenKind::ResetEmail,
            TokenKind::SetPassword,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| Error::internal(format!("unknown token kind {s:?} in the database")))
    }
}

/// A freshly made token: the secret to show once and the hash to store.
pub struct NewToken {
    /// The secret, shown to its owner once.
    pub secret: SecretString,
    /// SHA-256 of the secret, hex.
    pub hash: String,
}

/// Makes a token of 256 random bits with the kind's prefix.
pub fn generate(kind: TokenKind) -> NewToken {
    let mut raw = [0u8; 32];
    OsRng.fill_bytes(&mut raw);
    let secret = format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(raw));
    let hash = hash(&secret);
    NewToken {
        secret: SecretString::from(secret),
        hash,
    }
}

/// The stored form of a presented token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.trim().as_bytes()))
}

/// Hash of a presented secret token.
pub fn hash_secret(secret: &SecretString) -> String {
    hash(secret.expose_secret())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_prefixed_random_and_hashed() {
        let a = generate(TokenKind::ResetWindow);
        let b = generate(TokenKind::ResetWindow);
        assert!(a.secret.expose_secret().starts_with("rw_"));
        assert!(a.secret.expose_secret().len() >= 3 + 43);
        assert_ne!(a.hash, b.hash);
        assert_eq!(a.hash, hash(a.secret.expose_secret()));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.secret.expose_secret()[3..]));
    }
}

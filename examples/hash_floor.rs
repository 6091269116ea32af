//! The floor of batch hashing: N argon2id hashes at the default parameters, spread over
//! every core with one reusable `Hasher` (one argon2 buffer) per worker, as `add-users`
//! does. Prints the elapsed seconds; `scripts/bench` compares `add-users` against it.
//!
//! Usage: `cargo run --release --example hash_floor -- [N]` (default 1000).

use std::time::Instant;

use rayon::prelude::*;
use secrecy::SecretString;
use usermgr::domain::password::{HashParams, Hasher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 1000,
    };
    let passwords: Vec<SecretString> = (0..n)
        .map(|i| SecretString::from(format!("floor-password-{i:06}")))
        .collect();
    let params = HashParams::default();
    let start = Instant::now();
    let hashes = passwords
        .par_iter()
        .map_init(|| Hasher::new(params), |h, pw| h.hash(pw))
        .collect::<Result<Vec<String>, _>>()?;
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(hashes.len(), n);
    println!("{elapsed:.3}");
    Ok(())
}

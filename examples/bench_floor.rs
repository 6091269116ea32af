//! The floors the benchmark divides by, measured in-process with the library's own hasher:
//!
//! - `bench_floor hashes N`: N argon2id hashes at the default parameters spread over every
//!   core (one reused buffer per worker); prints the elapsed seconds.
//! - `bench_floor single K`: the median of K single hashes on one core; prints seconds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::cell::RefCell;
use std::time::Instant;

use rayon::prelude::*;
use secrecy::SecretString;
use usermgr::domain::password::{HashParams, Hasher};

thread_local! {
    static HASHER: RefCell<Hasher> = RefCell::new(Hasher::new(HashParams::default()));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let pw = SecretString::from("benchmark-password-1".to_string());
    match args.get(1).map(String::as_str) {
        Some("hashes") => {
            // Warm every worker's buffer first, as a long batch would.
            (0..rayon::current_num_threads())
                .into_par_iter()
                .for_each(|_| {
                    HASHER.with(|h| h.borrow_mut().hash(&pw).unwrap());
                });
            let start = Instant::now();
            (0..n).into_par_iter().for_each(|_| {
                HASHER.with(|h| h.borrow_mut().hash(&pw).unwrap());
            });
            println!("{:.6}", start.elapsed().as_secs_f64());
        }
        Some("single") => {
            let mut h = Hasher::new(HashParams::default());
            h.hash(&pw).unwrap();
            let mut times: Vec<f64> = (0..n)
                .map(|_| {
                    let start = Instant::now();
                    h.hash(&pw).unwrap();
                    start.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(|a, b| a.total_cmp(b));
            println!("{:.6}", times[times.len() / 2]);
        }
        _ => {
            eprintln!("usage: bench_floor hashes N | single K");
            std::process::exit(2);
        }
    }
}

//! The floors the benchmark divides by, measured in-process with the library's own hasher:
//!
//! - `bench_floor hashes N`: N argon2id hashes at the default parameters spread over every
//!   core (one reused buffer per worker); prints the elapsed seconds.
//! - `bench_floor single K`: the median of K single hashes on one core, each with memory of
//!   its own as a lone hash has it (mapped fresh, so its pages are faulted in); prints seconds.
//! - `bench_floor warm K`: the same, reusing one buffer (the cost of the Nth hash of a batch).
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
        Some(mode @ ("single" | "warm")) => {
            let mut warm = Hasher::new(HashParams::default());
            warm.hash(&pw).unwrap();
            let mut times: Vec<f64> = (0..n)
                .map(|_| {
                    let start = Instant::now();
                    if mode == "warm" {
                        warm.hash(&pw).unwrap();
                    } else {
                        Hasher::new(HashParams::default()).hash(&pw).unwrap();
                    }
                    start.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(|a, b| a.total_cmp(b));
            println!("{:.6}", times[times.len() / 2]);
        }
        _ => {
            eprintln!("usage: bench_floor hashes N | single K | warm K");
            std::process::exit(2);
        }
    }
}

//! The floors the benchmark divides by, measured in-process with the library's own hasher:
//!
//! - `bench_floor hashes N`: N argon2id hashes at the default parameters spread over every
//!   core (one reused buffer per worker); prints the elapsed seconds.
//! - `bench_floor single K`: the median of K single hashes on one core, each with memory of
//!   its own as a lone hash has it (mapped fresh, so its pages are faulted in); prints seconds.
//! - `bench_floor warm K`: the same, reusing one buffer (the cost of the Nth hash of a batch).
//! - `bench_floor load HOST:PORT N CLIENTS EMAIL PASSWORD`: the load generator of the `serve`
//!   benchmark, N logins over CLIENTS keep-alive connections at once (a closed loop, as an
//!   application's connection pool sends them); prints `answered-200 total seconds`. Written
//!   here rather than in Python so that the client, which shares the server's cores, takes as
//!   little of them as a client can.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
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
        Some("load") => load(&args[2..]),
        _ => {
            eprintln!("usage: bench_floor hashes N | single K | warm K | load HOST:PORT N CLIENTS EMAIL PASSWORD");
            std::process::exit(2);
        }
    }
}

/// The closed-loop load of the `serve` benchmark: see the module's comment.
fn load(args: &[String]) {
    let [addr, n, clients, email, password] = args else {
        eprintln!("usage: bench_floor load HOST:PORT N CLIENTS EMAIL PASSWORD");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap();
    let clients: usize = clients.parse().unwrap();
    let body = format!(r#"{{"email":"{email}","password":"{password}"}}"#);
    let request = format!(
        "POST /api/v1/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let started = AtomicUsize::new(0);
    let ok = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                let mut conn = BufReader::new(TcpStream::connect(addr.as_str()).unwrap());
                conn.get_ref().set_nodelay(true).unwrap();
                while started.fetch_add(1, Ordering::Relaxed) < n {
                    conn.get_mut().write_all(request.as_bytes()).unwrap();
                    if answer(&mut conn) == 200 {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} {n} {elapsed:.6}", ok.load(Ordering::Relaxed));
}

/// Reads one HTTP/1.1 response (status line, headers, a Content-Length body); its status.
fn answer(conn: &mut BufReader<TcpStream>) -> u16 {
    let mut line = String::new();
    conn.read_line(&mut line).unwrap();
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        conn.read_line(&mut line).unwrap();
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body).unwrap();
    status
}

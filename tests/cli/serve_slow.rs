//! `usermgr serve` against clients that are slow on purpose (slowloris): a request head
//! that never ends, a body that never arrives, a kept connection that goes quiet. Each is
//! closed after `--client-timeout`, so they cannot use up the server's connections.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve_api::Server;
use crate::support::Sandbox;

/// Connects and sends `bytes`; reads of the answer give up after 20 s.
fn send(addr: &str, bytes: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(bytes).unwrap();
    s
}

/// Everything the server sends until it closes the connection; fails if it keeps it open.
fn until_closed(mut s: TcpStream, what: &str) -> String {
    let mut got = Vec::new();
    match s.read_to_end(&mut got) {
        Ok(_) => String::from_utf8_lossy(&got).into_owned(),
        // A reset is a close too.
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
            String::from_utf8_lossy(&got).into_owned()
        }
        Err(e) => panic!(
            "{what}: the server kept the connection open ({e}); got {:?}",
            String::from_utf8_lossy(&got)
        ),
    }
}

#[test]
fn slow_or_silent_clients_are_cut_off_after_the_client_timeout() {
    let sb = Sandbox::with_admin();
    let server = Server::start_with(&sb, &["--client-timeout", "1s"], &[]);
    let addr = server.url.trim_start_matches("http://").to_string();
    let started = Instant::now();

    let head = send(&addr, b"GET /healthz HTTP/1.1\r\nHost: usermgr\r\nX-Slow: ");
    let body = send(
        &addr,
        b"POST /api/v1/login HTTP/1.1\r\nHost: usermgr\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
    );
    let idle = send(&addr, b"GET /healthz HTTP/1.1\r\nHost: usermgr\r\n\r\n");

    let answered = until_closed(idle, "an idle kept connection");
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    let cut = until_closed(body, "a body that never arrives");
    assert!(cut.starts_with("HTTP/1.1 408"), "{cut}");
    assert!(cut.contains("did not arrive in time"), "{cut}");
    until_closed(head, "a head that never ends");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "closed only after {took:?}");

    // A body larger than any request of the pages or the API is refused unread.
    let refused = until_closed(
        send(
            &addr,
            b"POST /api/v1/login HTTP/1.1\r\nHost: usermgr\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n",
        ),
        "a body too large",
    );
    assert!(refused.starts_with("HTTP/1.1 413"), "{refused}");

    // Whoever is not slow is still served.
    let ok = until_closed(
        send(
            &addr,
            b"GET /healthz HTTP/1.1\r\nHost: usermgr\r\nConnection: close\r\n\r\n",
        ),
        "a normal request",
    );
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
}

#[test]
fn a_client_timeout_that_is_not_a_duration_is_a_usage_error() {
    let sb = Sandbox::with_admin();
    for bad in ["0s", "soon", "2h"] {
        let err = sb.fails(2, &["serve", "--client-timeout", bad], None);
        assert!(err.contains("--client-timeout"), "{bad}: {err}");
    }
}

#[test]
fn a_request_that_takes_longer_than_the_client_timeout_is_still_answered() {
    let sb = Sandbox::with_admin();
    // One hash of a few seconds: far longer than the client timeout.
    sb.ok(&["config", "set", "argon2.m_cost", "98304"], None);
    sb.ok(&["config", "set", "argon2.t_cost", "60"], None);
    let server = Server::start_with(&sb, &["--client-timeout", "1s"], &[]);
    let addr = server.url.trim_start_matches("http://").to_string();
    let body = r#"{"email":"nobody@acme.test","password":"not-anyones-password"}"#;
    let request = format!(
        "POST /api/v1/login HTTP/1.1\r\nHost: usermgr\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let started = Instant::now();
    let mut s = send(&addr, request.as_bytes());
    // A slow machine running other tests may take long over the hash.
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut answer = [0u8; 12];
    s.read_exact(&mut answer).unwrap();
    let took = started.elapsed();
    assert_eq!(
        &answer,
        b"HTTP/1.1 401",
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    assert!(
        took > Duration::from_millis(1200),
        "the login was meant to outlast the 1 s client timeout, but took {took:?}"
    );
}

#[test]
fn beyond_its_connection_limit_the_server_waits_instead_of_running_out_of_files() {
    let sb = Sandbox::with_admin();
    let server = Server::start_with(
        &sb,
        &["--client-timeout", "2s"],
        &[("USERMGR_SERVE_CONNECTIONS", "3")],
    );
    let addr = server.url.trim_start_matches("http://").to_string();
    let started = Instant::now();
    // Three silent clients take every connection the server holds.
    let silent: Vec<TcpStream> = (0..3).map(|_| send(&addr, b"")).collect();
    std::thread::sleep(Duration::from_millis(200));
    // A fourth waits in the kernel's queue until the server cuts the silent ones off.
    let waiting = send(
        &addr,
        b"GET /healthz HTTP/1.1\r\nHost: usermgr\r\nConnection: close\r\n\r\n",
    );
    let answer = until_closed(waiting, "a client beyond the limit");
    let answered_after = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answered_after >= Duration::from_millis(1500),
        "answered after {answered_after:?}, before the silent clients were cut off"
    );
    for s in silent {
        until_closed(s, "a silent client");
    }
}

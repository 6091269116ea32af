//! `usermgr serve` (SPEC §9) over real HTTP: the real binary on a random loopback port, the
//! JSON API's every status code, the forms' CSRF check, the security headers, the reset
//! window closing (R8), lockout (R16, R26), and no secret in the server's log.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use usermgr::store::postgres::tls::Unchecked;

use crate::support::{wait_past, Sandbox, ADMIN, ADMIN_PW};

pub const PAT: &str = "pat@acme.test";
pub const PAT_PW: &str = "pat-initial-password-1";
pub const PAT_NEW: &str = "pat-chosen-password-2";

/// A running `usermgr serve` of a sandbox; killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
    log: std::path::PathBuf,
}

impl Server {
    pub fn start(sb: &Sandbox) -> Server {
        Server::start_with(sb, &[], &[])
    }

    pub fn start_with(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Server {
        let log = sb.path().join(format!("serve-{}.log", rand_suffix()));
        let mut c = sb.std_cmd();
        c.args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap());
        let mut child = c.spawn().expect("start usermgr serve");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        let url = if first.trim() == "{" {
            // -o json: one document with the bound address.
            let mut doc = first.clone();
            for line in out.lines() {
                let line = line.unwrap();
                doc.push_str(&line);
                if line == "}" {
                    break;
                }
            }
            let v: Value = serde_json::from_str(&doc).unwrap();
            assert!(
                v["listening"].as_str().unwrap().starts_with("127.0.0.1:"),
                "{v}"
            );
            v["url"].as_str().unwrap().to_string()
        } else {
            first.trim().to_string()
        };
        assert!(url.contains("://127.0.0.1:"), "printed {url:?}");
        Server { child, url, log }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

/// An HTTP client that returns every status (no error for 4xx/5xx) and follows no redirect.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// One answer: status, headers, body.
pub struct Answer {
    pub status: u16,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    /// The `Set-Cookie` header that sets `name`.
    fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    /// The value a `Set-Cookie` gives `name`.
    fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookie(name)
            .map(|c| c.split(';').next().unwrap()[name.len() + 1..].to_string())
    }
}

fn answer(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut res = res.expect("an HTTP answer");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.body_mut().read_to_string().unwrap_or_default();
    Answer {
        status,
        headers,
        body,
    }
}

pub fn post_json(url: &str, body: &Value) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .send(body.to_string()),
    )
}

fn get(url: &str, cookies: &str) -> Answer {
    let mut req = agent().get(url);
    if !cookies.is_empty() {
        req = req.header("Cookie", cookies);
    }
    answer(req.call())
}

fn post_form(url: &str, cookies: &str, form: &[(&str, &str)]) -> Answer {
    let body: Vec<String> = form
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    let mut req = agent()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded");
    if !cookies.is_empty() {
        req = req.header("Cookie", cookies);
    }
    answer(req.send(body.join("&")))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The hidden CSRF value of a form page.
fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    html[at..at + 64].to_string()
}

/// Acme with Pat, whose admin-set password must be replaced at first login.
pub fn with_pat() -> Sandbox {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", PAT, "--password-stdin", "--require-reset"],
        Some(PAT_PW),
    );
    sb
}

pub fn login(srv: &Server, email: &str, password: &str) -> Answer {
    post_json(
        &format!("{}/api/v1/login", srv.url),
        &json!({ "email": email, "password": password }),
    )
}

pub fn millis(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

/// The path of the `/reset?token=…` link in the newest email of the file outbox, read as a
/// mail client shows its text part.
pub fn reset_link_path(sb: &Sandbox, public_url: &str) -> String {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    let raw = std::fs::read(files.last().expect("an email in the outbox")).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = msg.body_text(0).unwrap().to_string();
    let start = format!("{public_url}/reset?token=");
    let at = text
        .find(&start)
        .unwrap_or_else(|| panic!("no link in:\n{text}"));
    text[at + public_url.len()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn serve_refuses_plain_http_on_a_non_loopback_address_with_exit_2() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(2, &["serve", "--listen", "0.0.0.0:0"], None);
    assert!(
        err.contains("--insecure-http") && err.contains("--tls-cert"),
        "{err}"
    );
    let doc = sb.fails(2, &["-o", "json", "serve", "--listen", "nonsense"], None);
    assert!(doc.contains("ADDR:PORT"), "{doc}");
}

#[test]
fn healthz_and_pages_carry_the_security_headers_and_the_start_document_names_the_port() {
    let sb = Sandbox::with_admin();
    let srv = Server::start_with(&sb, &["-o", "json"], &[]);
    for path in ["/healthz", "/login", "/api/v1/nope"] {
        let a = get(&format!("{}{path}", srv.url), "");
        let csp = a.header("content-security-policy");
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(a.header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(a.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(a.header("x-content-type-options"), "nosniff", "{path}");
    }
    let health = get(&format!("{}/healthz", srv.url), "");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
    // The login page: labels for its inputs, the countdown script is a file of our own.
    let page = get(&format!("{}/login", srv.url), "");
    assert!(
        page.body.contains("<label for=\"email\">")
            && page.body.contains("<label for=\"password\">"),
        "{}",
        page.body
    );
    let js = get(&format!("{}/static/countdown.js", srv.url), "");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").starts_with("text/javascript"));
}

#[test]
fn healthz_is_503_when_the_database_does_not_answer() {
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    assert_eq!(get(&format!("{}/healthz", srv.url), "").status, 200);
    // The database goes away under the running server: the file is moved (the server's
    // kept store still has it open), or the PostgreSQL database renamed (once the server's
    // kept connection is ended: a database in use cannot be).
    let renamed = if sb.is_postgres() {
        let url = sb.db_arg();
        let name = url.rsplit('/').next().unwrap().to_string();
        let mut admin =
            postgres::Client::connect(&crate::support::pg_server_url(), postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND application_name = 'usermgr';
                 ALTER DATABASE \"{name}\" RENAME TO \"{name}_moved\""
            ))
            .unwrap();
        Some((admin, name))
    } else {
        std::fs::rename(sb.db(), sb.path().join("moved.db")).unwrap();
        None
    };
    let a = get(&format!("{}/healthz", srv.url), "");
    if let Some((mut admin, name)) = renamed {
        admin
            .batch_execute(&format!(
                "ALTER DATABASE \"{name}_moved\" RENAME TO \"{name}\""
            ))
            .unwrap();
    }
    assert_eq!(a.status, 503, "{}", a.body);
    assert!(a.json()["error"]["message"].is_string());
}

#[test]
fn r26_api_login_is_200_with_a_session_and_401_with_one_message_for_every_failure() {
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    let ok = login(&srv, ADMIN, ADMIN_PW);
    assert_eq!(ok.status, 200, "{}", ok.body);
    let doc = ok.json();
    assert_eq!(doc["status"], "ok");
    let token = doc["session_token"].as_str().unwrap().to_string();
    assert!(doc["expires_at"].as_str().unwrap().ends_with('Z'));

    let wrong = login(&srv, ADMIN, "not-the-password");
    let unknown = login(&srv, "nobody@acme.test", "not-the-password");
    let malformed = login(&srv, "not an email", "not-the-password");
    for a in [&wrong, &unknown, &malformed] {
        assert_eq!(a.status, 401, "{}", a.body);
    }
    assert_eq!(wrong.json(), unknown.json());
    assert_eq!(wrong.json(), malformed.json());

    // The session, then logout, then it is gone.
    let bearer = format!("Bearer {token}");
    let who = answer(
        agent()
            .get(format!("{}/api/v1/session", srv.url))
            .header("Authorization", &bearer)
            .call(),
    );
    assert_eq!(who.status, 200, "{}", who.body);
    let who = who.json();
    assert_eq!(who["email"], ADMIN);
    assert_eq!(who["organization"], "Acme");
    assert!(
        who["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "platform.users"),
        "{who}"
    );
    let out = answer(
        agent()
            .post(format!("{}/api/v1/logout", srv.url))
            .header("Authorization", &bearer)
            .send_empty(),
    );
    assert_eq!(out.status, 200, "{}", out.body);
    for _ in 0..2 {
        let gone = answer(
            agent()
                .get(format!("{}/api/v1/session", srv.url))
                .header("Authorization", &bearer)
                .call(),
        );
        assert_eq!(gone.status, 401, "{}", gone.body);
        assert!(gone.json()["error"]["message"].is_string());
    }
    let again = answer(
        agent()
            .post(format!("{}/api/v1/logout", srv.url))
            .header("Authorization", &bearer)
            .send_empty(),
    );
    assert_eq!(again.status, 401);
    let none = get(&format!("{}/api/v1/session", srv.url), "");
    assert_eq!(none.status, 401);
    // Audited like the command line's (R20).
    let audit = sb.ok(&["audit", "--action", "login"], None);
    assert!(audit.contains("wrong password"), "{audit}");
    assert!(
        !srv.log().contains(&token),
        "a session token reached the log"
    );
}

#[test]
fn r7_r10_r11_api_required_reset_is_409_then_422_for_a_weak_password_then_200_and_the_token_is_spent(
) {
    let sb = with_pat();
    let srv = Server::start(&sb);
    let opened = login(&srv, PAT, PAT_PW);
    assert_eq!(opened.status, 409, "{}", opened.body);
    let doc = opened.json();
    assert_eq!(doc["status"], "reset_required");
    let token = doc["reset_token"].as_str().unwrap().to_string();
    let reset = format!("{}/api/v1/reset", srv.url);
    for weak in ["tiny1", PAT_PW, "password1", PAT] {
        let a = post_json(&reset, &json!({ "token": token, "password": weak }));
        assert_eq!(a.status, 422, "{weak}: {}", a.body);
        assert!(
            !a.body.contains(weak) || weak == PAT,
            "the password was echoed: {}",
            a.body
        );
    }
    let done = post_json(&reset, &json!({ "token": token, "password": PAT_NEW }));
    assert_eq!(done.status, 200, "{}", done.body);
    let session = done.json()["session_token"].as_str().unwrap().to_string();
    let spent = post_json(
        &reset,
        &json!({ "token": token, "password": "yet-another-password-3" }),
    );
    assert_eq!(spent.status, 401, "{}", spent.body);
    let bad = post_json(
        &reset,
        &json!({ "token": "rw_not-a-token", "password": PAT_NEW }),
    );
    assert_eq!(bad.status, 401, "{}", bad.body);
    assert_eq!(login(&srv, PAT, PAT_NEW).status, 200);
    assert_eq!(login(&srv, PAT, PAT_PW).status, 401);
    let log = srv.log();
    for secret in [PAT_PW, PAT_NEW, token.as_str(), session.as_str()] {
        assert!(!log.contains(secret), "{secret} reached the log:\n{log}");
    }
    assert!(log.contains("POST /api/v1/reset 200"), "{log}");
}

#[test]
fn r8_api_reset_after_the_window_closed_is_410_and_the_admin_set_password_still_works() {
    let sb = with_pat();
    sb.ok(&["config", "set", "reset_window", "1s"], None);
    let srv = Server::start(&sb);
    let opened = login(&srv, PAT, PAT_PW).json();
    let token = opened["reset_token"].as_str().unwrap().to_string();
    wait_past(millis(opened["expires_at"].as_str().unwrap()) + 1000);
    let late = post_json(
        &format!("{}/api/v1/reset", srv.url),
        &json!({ "token": token, "password": PAT_NEW }),
    );
    assert_eq!(late.status, 410, "{}", late.body);
    assert!(
        late.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("log in again"),
        "{}",
        late.body
    );
    // Nothing changed: the admin-set password opens a new window.
    assert_eq!(login(&srv, PAT, PAT_PW).status, 409);
    assert_eq!(login(&srv, PAT, PAT_NEW).status, 401);
}

#[test]
fn r16_api_lockout_looks_like_any_failure_and_holds_for_the_right_password() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "lockout_threshold", "2"], None);
    let srv = Server::start(&sb);
    let first = login(&srv, ADMIN, "wrong-one-1");
    login(&srv, ADMIN, "wrong-one-2");
    let locked = login(&srv, ADMIN, ADMIN_PW);
    assert_eq!(locked.status, 401, "{}", locked.body);
    assert_eq!(
        locked.json(),
        first.json(),
        "a lock must look like a wrong password"
    );
    let audit = sb.ok(&["audit", "--action", "login"], None);
    assert!(audit.contains("locked"), "{audit}");
}

#[test]
fn api_bad_json_is_400_unknown_path_404_wrong_method_405_and_each_is_a_json_error() {
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    let url = format!("{}/api/v1/login", srv.url);
    let secret = "hunter2-is-my-password";
    for body in [
        "{not json".to_string(),
        json!({ "email": ADMIN }).to_string(),
        json!({ "email": ADMIN, "password": 42 }).to_string(),
        format!("{{\"email\":\"{ADMIN}\",\"password\":\"{secret}\",\"extra\":1}}"),
    ] {
        let a = answer(
            agent()
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.clone()),
        );
        assert_eq!(a.status, 400, "{body}: {}", a.body);
        assert!(a.json()["error"]["message"].is_string());
        assert!(!a.body.contains(secret), "the body was quoted: {}", a.body);
    }
    let missing = get(&format!("{}/api/v1/nothing", srv.url), "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["status"], 404);
    let wrong = get(&url, "");
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.json()["error"]["status"], 405);
}

#[test]
fn the_hashing_queue_full_is_503_with_retry_after_and_every_other_request_is_answered() {
    let sb = Sandbox::with_admin();
    let srv = Server::start_with(&sb, &[], &[("USERMGR_SERVE_QUEUE", "1")]);
    let url = format!("{}/api/v1/login", srv.url);
    // More at once than the workers (one per core) and their queue (one each) can take.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let workers: Vec<_> = (0..4 * cores + 8)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                post_json(&url, &json!({ "email": ADMIN, "password": ADMIN_PW }))
            })
        })
        .collect();
    // Every request is answered: none is dropped without an answer (a panic in the server).
    let answers: Vec<Answer> = workers
        .into_iter()
        .map(|w| {
            w.join()
                .unwrap_or_else(|_| panic!("a request got no answer; server log:\n{}", srv.log()))
        })
        .collect();
    let log = srv.log();
    assert!(!log.contains("panicked"), "{log}");
    let busy: Vec<&Answer> = answers.iter().filter(|a| a.status == 503).collect();
    assert!(
        !busy.is_empty(),
        "more logins at once than workers and queue: none was refused"
    );
    assert!(answers.iter().any(|a| a.status == 200));
    for a in &answers {
        assert!(
            a.status == 200 || a.status == 503,
            "{} {}",
            a.status,
            a.body
        );
    }
    assert_eq!(busy[0].header("retry-after"), "1");
    assert!(busy[0].json()["error"]["message"].is_string());
}

#[test]
fn sigterm_answers_the_request_in_flight_then_exits_0() {
    use std::io::{Read, Write};
    let sb = Sandbox::with_admin();
    let mut srv = Server::start(&sb);
    // A login sent whole on its own connection: it is hashing (one argon2 run takes far
    // longer than a health check) when the signal comes.
    let addr = srv.url.trim_start_matches("http://").to_string();
    let body = json!({ "email": ADMIN, "password": ADMIN_PW }).to_string();
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "POST /api/v1/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // A later connection answered: the server took the login's connection before it.
    assert_eq!(get(&format!("{}/healthz", srv.url), "").status, 200);
    let pid = i32::try_from(srv.child.id()).unwrap();
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let mut answer = String::new();
    conn.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("session_token"), "{answer}");
    let status = srv.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{}", srv.log());
    let log = srv.log();
    assert!(log.contains("POST /api/v1/login 200"), "{log}");
}

#[test]
fn sigterm_answers_the_first_request_of_a_connection_already_accepted_and_closes_idle_ones() {
    use std::io::{Read, Write};
    let sb = Sandbox::with_admin();
    let mut srv = Server::start(&sb);
    let addr = srv.url.trim_start_matches("http://").to_string();
    // Three connections the server has accepted (a later one was answered), nothing sent yet.
    let mut late = std::net::TcpStream::connect(&addr).unwrap();
    let silent = std::net::TcpStream::connect(&addr).unwrap();
    let mut partial = std::net::TcpStream::connect(&addr).unwrap();
    assert_eq!(get(&format!("{}/healthz", srv.url), "").status, 200);
    let pid = i32::try_from(srv.child.id()).unwrap();
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let stopped = std::time::Instant::now();
    // A request that reaches the server just after the signal, on a connection it accepted
    // before: its client could not know, and is answered.
    std::thread::sleep(std::time::Duration::from_millis(300));
    write!(
        late,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // One that only begins its request is not waited for.
    write!(partial, "GET /healthz HTTP/1.1\r\nHo").unwrap();
    let mut answer = String::new();
    late.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // Connections that send nothing, or half a request, hold the exit a moment, not the
    // client timeout (10 s).
    let status = srv.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{}", srv.log());
    assert!(
        stopped.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        stopped.elapsed()
    );
    for mut unanswered in [silent, partial] {
        let mut rest = Vec::new();
        let _ = unanswered.read_to_end(&mut rest);
        assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    }
}

#[test]
fn a_form_post_without_its_csrf_token_is_refused_and_with_it_signs_in() {
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    let form = get(&format!("{}/login", srv.url), "");
    let csrf_cookie = form.cookie("um_csrf").expect("a CSRF cookie");
    let set = form.set_cookie("um_csrf").unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let csrf = csrf_in(&form.body);
    let url = format!("{}/login", srv.url);
    let creds = [("email", ADMIN), ("password", ADMIN_PW)];

    let none = post_form(&url, "", &creds);
    assert_eq!(none.status, 403, "{}", none.body);
    assert!(none.cookie("um_session").is_none());
    let forged = post_form(
        &url,
        &format!("um_csrf={csrf_cookie}"),
        &[
            ("email", ADMIN),
            ("password", ADMIN_PW),
            ("csrf", &"0".repeat(64)),
        ],
    );
    assert_eq!(forged.status, 403);
    let cookies = format!("um_csrf={csrf_cookie}");
    let ok = post_form(
        &url,
        &cookies,
        &[("email", ADMIN), ("password", ADMIN_PW), ("csrf", &csrf)],
    );
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.header("location"), "/");
    let session = ok.set_cookie("um_session").unwrap();
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Strict")
            && !session.contains("Secure"),
        "{session}"
    );
    let me = get(
        &format!("{}/", srv.url),
        &format!("um_session={}", ok.cookie("um_session").unwrap()),
    );
    assert_eq!(me.status, 200);
    assert!(
        me.body
            .contains("signed in as <strong>admin@acme.test</strong>"),
        "{}",
        me.body
    );
    // A wrong password shows the form again, its error tied to the fields.
    let bad = post_form(
        &url,
        &cookies,
        &[
            ("email", ADMIN),
            ("password", "nope-nope-nope"),
            ("csrf", &csrf),
        ],
    );
    assert_eq!(bad.status, 401);
    assert!(
        bad.body.contains("aria-describedby=\"login-error\"")
            && bad.body.contains("id=\"login-error\""),
        "{}",
        bad.body
    );
}

#[test]
fn r14_the_set_password_link_of_an_email_moves_the_token_out_of_the_address_and_sets_the_password()
{
    let sb = Sandbox::with_admin();
    sb.ok(
        &["config", "set", "public_url", "https://id.acme.test"],
        None,
    );
    sb.ok(&["add-users", "kim@acme.test", "--no-password"], None);
    sb.ok(&["send-instructions", "kim@acme.test"], None);
    let path = reset_link_path(&sb, "https://id.acme.test");
    let token = path.trim_start_matches("/reset?token=").to_string();

    let srv = Server::start(&sb);
    let hop = get(&format!("{}{path}", srv.url), "");
    assert_eq!(hop.status, 200, "{}", hop.body);
    assert!(
        hop.body.contains("url=/reset\""),
        "the page must move on to /reset: {}",
        hop.body
    );
    let reset_cookie = hop.cookie("um_reset").expect("the token in a cookie");
    assert_eq!(reset_cookie, token);
    assert!(hop.set_cookie("um_reset").unwrap().contains("HttpOnly"));
    let form = get(
        &format!("{}/reset", srv.url),
        &format!("um_reset={reset_cookie}"),
    );
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Choose your password") && form.body.contains("kim@acme.test"),
        "{}",
        form.body
    );
    let csrf_cookie = form.cookie("um_csrf").unwrap();
    let csrf = csrf_in(&form.body);
    let cookies = format!("um_reset={reset_cookie}; um_csrf={csrf_cookie}");
    let url = format!("{}/reset", srv.url);
    let differ = post_form(
        &url,
        &cookies,
        &[
            ("password", "kim-chosen-password-1"),
            ("confirm", "kim-chosen-password-2"),
            ("csrf", &csrf),
        ],
    );
    assert_eq!(differ.status, 422);
    assert!(
        differ.body.contains("aria-describedby=\"confirm-error\""),
        "{}",
        differ.body
    );
    let weak = post_form(
        &url,
        &cookies,
        &[("password", "short"), ("confirm", "short"), ("csrf", &csrf)],
    );
    assert_eq!(weak.status, 422);
    assert!(
        weak.body.contains("too short") && weak.body.contains("password-error"),
        "{}",
        weak.body
    );
    let done = post_form(
        &url,
        &cookies,
        &[
            ("password", "kim-chosen-password-1"),
            ("confirm", "kim-chosen-password-1"),
            ("csrf", &csrf),
        ],
    );
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.cookie("um_session").is_some());
    assert_eq!(
        login(&srv, "kim@acme.test", "kim-chosen-password-1").status,
        200
    );
    let log = srv.log();
    assert!(log.contains("GET /reset 200"), "{log}");
    assert!(!log.contains(&token), "the token reached the log:\n{log}");
    assert!(!log.contains("kim-chosen-password-1"));
}

#[test]
fn r8_the_reset_page_after_the_window_closed_says_log_in_again_and_the_old_password_still_works() {
    let sb = with_pat();
    sb.ok(&["config", "set", "reset_window", "1s"], None);
    let srv = Server::start(&sb);
    let form = get(&format!("{}/login", srv.url), "");
    let csrf_cookie = form.cookie("um_csrf").unwrap();
    let csrf = csrf_in(&form.body);
    let opened = post_form(
        &format!("{}/login", srv.url),
        &format!("um_csrf={csrf_cookie}"),
        &[("email", PAT), ("password", PAT_PW), ("csrf", &csrf)],
    );
    assert_eq!(opened.status, 303, "{}", opened.body);
    assert_eq!(opened.header("location"), "/reset");
    let reset_cookie = opened.cookie("um_reset").unwrap();
    let cookies = format!("um_reset={reset_cookie}; um_csrf={csrf_cookie}");
    let page = get(&format!("{}/reset", srv.url), &cookies);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<time id=\"deadline\" datetime=\"")
            && page.body.contains("/static/countdown.js"),
        "{}",
        page.body
    );
    let at = page.body.find("datetime=\"").unwrap() + 10;
    wait_past(millis(&page.body[at..at + 20]) + 1000);
    let late = post_form(
        &format!("{}/reset", srv.url),
        &cookies,
        &[("password", PAT_NEW), ("confirm", PAT_NEW), ("csrf", &csrf)],
    );
    assert_eq!(late.status, 410, "{}", late.body);
    assert!(late.body.contains("log in again"), "{}", late.body);
    assert_eq!(login(&srv, PAT, PAT_PW).status, 409);
}

/// An HTTPS client that takes the test's self-signed certificate.
fn https_agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .disable_verification(true)
        .build();
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .build()
        .into()
}

/// A server with `--tls-cert`/`--tls-key` of a certificate made for the test.
fn tls_server(sb: &Sandbox) -> Server {
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-keyout", "key.pem", "-out", "cert.pem"])
        .current_dir(sb.path())
        .output()
        .expect("openssl makes a test certificate");
    assert!(made.status.success(), "{made:?}");
    Server::start_with(sb, &["--tls-cert", "cert.pem", "--tls-key", "key.pem"], &[])
}

#[test]
fn with_tls_sigterm_answers_a_connection_accepted_before_it_that_shakes_hands_after() {
    use std::io::{Read, Write};
    let sb = Sandbox::with_admin();
    let mut srv = tls_server(&sb);
    let addr = srv.url.trim_start_matches("https://").to_string();
    // A connection the server has accepted (a later one was answered), no handshake yet.
    let tcp = std::net::TcpStream::connect(&addr).unwrap();
    let https = https_agent();
    assert_eq!(
        answer(https.get(format!("{}/healthz", srv.url)).call()).status,
        200
    );
    let pid = i32::try_from(srv.child.id()).unwrap();
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Its handshake and request come just after the signal: it is answered.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let client = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let mut stream = rustls::StreamOwned::new(client, tcp);
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    let status = srv.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{}", srv.log());
}

#[test]
fn with_tls_the_pages_are_https_and_their_cookies_are_secure() {
    let sb = Sandbox::with_admin();
    let srv = tls_server(&sb);
    assert!(srv.url.starts_with("https://127.0.0.1:"), "{}", srv.url);
    let https = https_agent();
    let page = answer(https.get(format!("{}/login", srv.url)).call());
    assert_eq!(page.status, 200);
    let csrf = page.set_cookie("um_csrf").unwrap();
    assert!(
        csrf.contains("; Secure") && csrf.contains("HttpOnly"),
        "{csrf}"
    );
    // Plain HTTP on the same port gets no page.
    let plain = agent()
        .get(srv.url.replace("https://", "http://") + "/login")
        .call();
    assert!(plain.map_or(true, |r| r.status() != 200));
}

#[test]
fn on_postgres_a_login_reuses_the_kept_connection_and_replaces_one_the_server_closed() {
    if !crate::support::on_postgres() {
        eprintln!(
            "skipped: a PostgreSQL connection kept between logins (USERMGR_TEST_DB=postgres)"
        );
        return;
    }
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    let url = format!("{}/api/v1/login", srv.url);
    let login = || post_json(&url, &json!({ "email": ADMIN, "password": ADMIN_PW }));
    let mut monitor = postgres::Client::connect(&sb.db_arg(), postgres::NoTls).expect("connect");
    // The server's connections to this directory (usermgr names itself; this one does not),
    // once those it closed (the readiness checks') are gone.
    let mut backends = || -> Vec<i32> {
        let start = std::time::Instant::now();
        loop {
            let pids: Vec<i32> = monitor
                .query(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
                     AND application_name = 'usermgr' ORDER BY pid",
                    &[],
                )
                .expect("pg_stat_activity")
                .iter()
                .map(|r| r.get(0))
                .collect();
            if pids.len() <= 1 || start.elapsed() > Duration::from_secs(5) {
                return pids;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };

    assert_eq!(login().status, 200);
    let kept = backends();
    assert_eq!(kept.len(), 1, "one connection kept after a login: {kept:?}");
    assert_eq!(login().status, 200);
    assert_eq!(backends(), kept, "the next login used the kept connection");

    // The server closes it (as a restart or a proxy's idle timeout would): the next login
    // notices and makes its read again on a new connection.
    let ended: bool = postgres::Client::connect(&sb.db_arg(), postgres::NoTls)
        .expect("connect")
        .query_one("SELECT pg_terminate_backend($1, 5000)", &[&kept[0]])
        .expect("terminate")
        .get(0);
    assert!(ended);
    let after = login();
    assert_eq!(after.status, 200, "{}", after.body);
    let now = backends();
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now, kept, "a new connection replaced the closed one");
    let log = srv.log();
    assert!(
        !log.contains("panicked") && !log.contains("internal error"),
        "{log}"
    );
}

#[test]
fn on_postgres_a_flood_of_requests_opens_no_more_connections_than_the_limit_and_all_are_answered() {
    if !crate::support::on_postgres() {
        eprintln!("skipped: the server's connection limit (USERMGR_TEST_DB=postgres)");
        return;
    }
    let sb = Sandbox::with_admin();
    let srv = Server::start(&sb);
    let token = login(&srv, ADMIN, ADMIN_PW).json()["session_token"]
        .as_str()
        .expect("a session token")
        .to_string();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let limit = usermgr::serve::STORES_PER_CORE * cores;
    // The most connections the server held at once while the flood ran.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let monitor = {
        let done = std::sync::Arc::clone(&done);
        let mut client = postgres::Client::connect(&sb.db_arg(), postgres::NoTls).expect("connect");
        std::thread::spawn(move || {
            let mut most = 0i64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let n: i64 = client
                    .query_one(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                         AND application_name = 'usermgr'",
                        &[],
                    )
                    .expect("pg_stat_activity")
                    .get(0);
                most = most.max(n);
                std::thread::sleep(Duration::from_millis(2));
            }
            most
        })
    };
    // Session checks (no hash: nothing else bounds them) and logins, many at once.
    let clients: Vec<_> = (0..48)
        .map(|i| {
            let base = srv.url.clone();
            let token = token.clone();
            std::thread::spawn(move || {
                (0..6)
                    .map(|_| {
                        if i % 8 == 0 {
                            post_json(
                                &format!("{base}/api/v1/login"),
                                &json!({ "email": ADMIN, "password": ADMIN_PW }),
                            )
                            .status
                        } else {
                            answer(
                                agent()
                                    .get(format!("{base}/api/v1/session"))
                                    .header("Authorization", format!("Bearer {token}"))
                                    .call(),
                            )
                            .status
                        }
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("a client"))
        .collect();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let most = monitor.join().expect("the monitor");
    let log = srv.log();
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every request answered 200: {statuses:?}\n{log}"
    );
    assert!(
        most <= i64::try_from(limit).unwrap(),
        "the server held {most} connections at once; its limit is {limit}"
    );
    assert!(most >= 1, "the monitor saw the server's connections");
}

//! `usermgr serve`'s pages in a real headless browser (Debian's chromium driven through
//! chromedriver's WebDriver protocol over HTTP): the first login through the timed reset
//! page, a window that closes before the submit, and the link of a reset email. Each page
//! is saved as a screenshot under target/tmp/serve-browser/.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use crate::serve_api::{login, millis, reset_link_path, with_pat, Server, PAT, PAT_NEW, PAT_PW};
use crate::support::{wait_past, Sandbox};

/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one headless chromium session; both end when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    shots: std::path::PathBuf,
    _profile: tempfile::TempDir,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    fn start(test: &str) -> Browser {
        let driver_bin = ["chromedriver", "/usr/bin/chromedriver"]
            .into_iter()
            .find(|b| Command::new(b).arg("--version").output().is_ok())
            .expect("chromedriver is not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
        let port = free_port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent().get(format!("{base}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--window-size=412,915",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut b = Browser {
            driver,
            base,
            session: String::new(),
            shots: std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-browser"),
            _profile: profile,
        };
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        std::fs::create_dir_all(&b.shots).unwrap();
        b.shots = b.shots.join(test);
        b
    }

    /// One WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let a = agent();
        let res = match method {
            "GET" => a.get(&url).call(),
            "DELETE" => a.delete(&url).call(),
            _ => a
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        };
        let mut res = res.expect("WebDriver answers");
        let status = res.status().as_u16();
        let v: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
        assert!(status < 300, "{method} {path}: {status} {v}");
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap().to_string()
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {v}"))
            .to_string()
    }

    fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.call("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn attr(&self, css: &str, name: &str) -> String {
        let e = self.find(css);
        self.call("GET", &format!("/element/{e}/attribute/{name}"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    fn page(&self) -> String {
        self.call("GET", "/source", None)
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Waits (in short steps, at most 10 s) until the page source contains `needle`.
    fn wait_for(&self, needle: &str) {
        let started = Instant::now();
        while !self.page().contains(needle) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the page never showed {needle:?}:\n{}",
                self.page()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Saves a screenshot of the page as `<test>-<name>.png`.
    fn shot(&self, name: &str) {
        let b64 = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        let path = format!("{}-{name}.png", self.shots.display());
        std::fs::write(path, png).unwrap();
    }

    fn log_in(&self, srv: &Server, email: &str, password: &str) {
        self.go(&format!("{}/login", srv.url));
        self.type_into("#email", email);
        self.type_into("#password", password);
        self.shot("login");
        self.click("button[type=submit]");
    }

    fn choose(&self, password: &str) {
        self.type_into("#password", password);
        self.type_into("#confirm", password);
        self.click("button[type=submit]");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = agent()
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn r7_first_login_leads_to_the_timed_reset_page_with_a_countdown_then_signs_in() {
    let sb = with_pat();
    let srv = Server::start(&sb);
    let b = Browser::start("first-login");
    b.log_in(&srv, PAT, PAT_PW);
    b.wait_for("id=\"countdown\"");
    assert!(b.url().ends_with("/reset"), "{}", b.url());
    // The script counts down: "4:59 left."
    let started = Instant::now();
    while !b.text("#countdown").ends_with("left.") {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no countdown: {}",
            b.page()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(b.attr("#password", "aria-describedby"), "policy");
    b.shot("reset-page");
    b.choose(PAT_NEW);
    b.wait_for("signed in as");
    assert!(b.page().contains("Your password was changed."));
    b.shot("signed-in");
    assert_eq!(login(&srv, PAT, PAT_NEW).status, 200);
    b.click("button[type=submit]");
    b.wait_for("You are logged out.");
    b.shot("logged-out");
}

#[test]
fn r8_r9_a_window_that_closes_before_the_submit_says_log_in_again_and_keeps_the_old_password() {
    let sb = with_pat();
    sb.ok(&["config", "set", "reset_window", "2s"], None);
    let srv = Server::start(&sb);
    let b = Browser::start("window-closed");
    b.log_in(&srv, PAT, PAT_PW);
    b.wait_for("id=\"countdown\"");
    let deadline = millis(&b.attr("#deadline", "datetime"));
    b.type_into("#password", PAT_NEW);
    b.type_into("#confirm", PAT_NEW);
    wait_past(deadline + 1000);
    // The countdown says so before the server does.
    b.wait_for("The reset window has closed");
    b.shot("countdown-closed");
    b.click("button[type=submit]");
    b.wait_for("log in again");
    b.shot("window-closed");
    assert_eq!(login(&srv, PAT, PAT_NEW).status, 401);
    assert_eq!(
        login(&srv, PAT, PAT_PW).status,
        409,
        "the admin-set password must still work"
    );
}

#[test]
fn r13_the_link_of_a_reset_email_leads_to_the_timed_page_without_the_token_in_the_address() {
    let sb = Sandbox::with_admin();
    let jo = "jo@acme.test";
    sb.ok(
        &["add-users", jo, "--password-stdin"],
        Some("jo-old-password-1"),
    );
    let srv = Server::start(&sb);
    sb.ok(&["config", "set", "public_url", &srv.url], None);
    sb.ok(&["send-instructions", jo, "--reset"], None);
    let path = reset_link_path(&sb, &srv.url);
    let b = Browser::start("reset-email");
    b.go(&format!("{}{path}", srv.url));
    b.wait_for("id=\"countdown\"");
    assert!(
        b.url().ends_with("/reset"),
        "the token stayed in the address: {}",
        b.url()
    );
    b.shot("reset-page");
    b.choose("jo-new-password-2");
    b.wait_for("signed in as");
    b.shot("signed-in");
    assert_eq!(login(&srv, jo, "jo-new-password-2").status, 200);
    assert_eq!(login(&srv, jo, "jo-old-password-1").status, 401);
}

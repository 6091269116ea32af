//! The self-service pages of §9: server-rendered HTML that works without JavaScript (the
//! countdown is the only script), every form with a CSRF token (double submit: a cookie
//! and the same value in the form), cookies HttpOnly and SameSite=Strict.
//!
//! Cookies: `um_session` (the session token), `um_reset` (the token of a reset in progress:
//! a reset window, or a set-password token; never in an address), `um_csrf`.

mod reset;

pub use reset::{reset, reset_form};

use std::sync::OnceLock;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::web::{cookie, public_message, random_token, same, set_cookie, status_of};
use super::Shared;
use crate::clock::local_clock_time;
use crate::core::auth::session;
use crate::core::auth::LoginOutcome;
use crate::domain::clock::rfc3339;
use crate::error::{Error, Result};
use crate::serve::{blocking, login_in_steps};

const SESSION: &str = "um_session";
const RESET: &str = "um_reset";
const CSRF: &str = "um_csrf";

/// The page templates, parsed once (HTML auto-escaping by file name).
fn templates() -> &'static std::result::Result<minijinja::Environment<'static>, String> {
    static T: OnceLock<std::result::Result<minijinja::Environment<'static>, String>> =
        OnceLock::new();
    T.get_or_init(|| {
        let mut env = minijinja::Environment::new();
        for (name, source) in [
            ("base.html", include_str!("templates/base.html")),
            ("login.html", include_str!("templates/login.html")),
            ("reset.html", include_str!("templates/reset.html")),
            ("signed_in.html", include_str!("templates/signed_in.html")),
            ("logout.html", include_str!("templates/logout.html")),
            ("message.html", include_str!("templates/message.html")),
            ("continue.html", include_str!("templates/continue.html")),
        ] {
            env.add_template(name, source).map_err(|e| e.to_string())?;
        }
        Ok(env)
    })
}

/// Fails at start-up, not at the first request, when a template is broken.
pub fn check_templates() -> Result<()> {
    templates()
        .as_ref()
        .map(|_| ())
        .map_err(|e| Error::internal(format!("a page template is broken: {e}")))
}

/// Renders a page with a status.
fn page(status: StatusCode, name: &str, ctx: minijinja::Value) -> Response {
    let html = templates().as_ref().map_err(Clone::clone).and_then(|env| {
        env.get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| e.to_string())
    });
    match html {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(e) => {
            eprintln!("page {name} failed to render: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// A page that only says something, with an optional link.
pub fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    page(status, "message.html", minijinja::context! { title, text })
}

/// A message page with a link onwards.
fn message_link(
    status: StatusCode,
    title: &str,
    text: &str,
    link: &str,
    link_text: &str,
) -> Response {
    page(
        status,
        "message.html",
        minijinja::context! { title, text, link, link_text },
    )
}

/// Adds `Set-Cookie` headers to a response.
fn with_cookies(mut res: Response, cookies: impl IntoIterator<Item = HeaderValue>) -> Response {
    for c in cookies {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// A 303 to `to`.
fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
        )],
    )
        .into_response()
}

/// The CSRF value of this browser, and the cookie to set when it had none.
fn csrf(headers: &HeaderMap, secure: bool) -> (String, Option<HeaderValue>) {
    match cookie(headers, CSRF) {
        Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (v.to_string(), None)
        }
        _ => {
            let v = random_token();
            let c = set_cookie(CSRF, &v, secure, None);
            (v, Some(c))
        }
    }
}

/// Whether a posted form carries this browser's CSRF value.
fn csrf_ok(headers: &HeaderMap, posted: Option<&str>) -> bool {
    match (cookie(headers, CSRF), posted) {
        (Some(c), Some(p)) => !c.is_empty() && same(c, p),
        _ => false,
    }
}

/// The answer to a form without a valid CSRF token.
fn csrf_refused() -> Response {
    message_link(
        StatusCode::FORBIDDEN,
        "Form refused",
        "This form did not come from this site's page, or it is too old. Nothing was changed.",
        "/login",
        "Start again",
    )
}

/// 503 for a page when the hashing queue is full.
fn busy_page() -> Response {
    let mut res = message_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Busy",
        "The server is busy. Nothing was changed; try again in a moment.",
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// The query of `/` and `/login`.
#[derive(Deserialize, Default)]
pub struct Notice {
    changed: Option<String>,
    out: Option<String>,
}

/// `GET /`: who is signed in, or on to `/login`.
pub async fn home(
    State(st): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<Notice>,
) -> Response {
    let Some(secret) = cookie(&headers, SESSION).map(|s| SecretString::from(s.to_string())) else {
        return see_other("/login");
    };
    let state = st.clone();
    match blocking(move || {
        state.with_store(|store| session::current(store, state.clock(), &secret))
    })
    .await
    {
        Ok(s) => {
            let (csrf, set) = csrf(&headers, st.secure);
            let res = page(
                StatusCode::OK,
                "signed_in.html",
                minijinja::context! {
                    title => "Signed in",
                    email => s.account.display_email,
                    name => s.account.name,
                    org => s.org.name,
                    expires_at => rfc3339(s.expires_at),
                    expires_human => local_clock_time(s.expires_at),
                    changed => q.changed.is_some(),
                    csrf,
                },
            );
            with_cookies(res, set)
        }
        Err(Error::Auth(_)) => with_cookies(
            see_other("/login"),
            [set_cookie(SESSION, "", st.secure, Some(0))],
        ),
        Err(e) => message_page(status_of(&e), "Not available", &public_message(&e)),
    }
}

/// Renders the login form.
fn login_page(
    status: StatusCode,
    headers: &HeaderMap,
    secure: bool,
    email: &str,
    error: Option<&str>,
    notice: Option<&str>,
) -> Response {
    let (csrf, set) = csrf(headers, secure);
    with_cookies(
        page(
            status,
            "login.html",
            minijinja::context! { title => "Log in", csrf, email, error, notice },
        ),
        set,
    )
}

/// `GET /login`.
pub async fn login_form(
    State(st): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<Notice>,
) -> Response {
    let notice = q.out.is_some().then_some("You are logged out.");
    login_page(StatusCode::OK, &headers, st.secure, "", None, notice)
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: Option<String>,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`: a session (on to `/`), a required reset (on to the timed reset page), or
/// the form again with the one message of every failure (R26).
pub async fn login(
    State(st): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if !csrf_ok(&headers, form.csrf.as_deref()) {
        return csrf_refused();
    }
    let LoginForm {
        email, password, ..
    } = form;
    let typed = email.clone();
    let ran = login_in_steps(&st, email, SecretString::from(password), None).await;
    match ran {
        Err(_) => busy_page(),
        Ok(Ok(LoginOutcome::Session { session, .. })) => with_cookies(
            see_other("/"),
            [set_cookie(
                SESSION,
                session.secret.expose_secret(),
                st.secure,
                None,
            )],
        ),
        Ok(Ok(LoginOutcome::Window { window, .. })) => with_cookies(
            see_other("/reset"),
            [set_cookie(
                RESET,
                window.token.secret.expose_secret(),
                st.secure,
                None,
            )],
        ),
        Ok(Err(e)) => login_page(
            status_of(&e),
            &headers,
            st.secure,
            &typed,
            Some(&public_message(&e)),
            None,
        ),
    }
}

/// `GET /logout`: a button (a plain link must not end a session: that would let any site
/// log people out).
pub async fn logout_form(State(st): State<Shared>, headers: HeaderMap) -> Response {
    let (csrf, set) = csrf(&headers, st.secure);
    with_cookies(
        page(
            StatusCode::OK,
            "logout.html",
            minijinja::context! { title => "Log out", csrf },
        ),
        set,
    )
}

/// The logout form's field.
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: Option<String>,
}

/// `POST /logout`: ends the session and forgets the cookie.
pub async fn logout(
    State(st): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !csrf_ok(&headers, form.csrf.as_deref()) {
        return csrf_refused();
    }
    if let Some(secret) = cookie(&headers, SESSION).map(|s| SecretString::from(s.to_string())) {
        let state = st.clone();
        if let Err(e) =
            blocking(move || state.with_store(|store| session::end(store, state.clock(), &secret)))
                .await
        {
            return message_page(status_of(&e), "Not available", &public_message(&e));
        }
    }
    with_cookies(
        see_other("/login?out=1"),
        [set_cookie(SESSION, "", st.secure, Some(0))],
    )
}

/// `GET /static/countdown.js`.
pub async fn countdown_js() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("templates/countdown.js"),
    )
}

/// `GET /static/style.css`.
pub async fn style_css() -> Response {
    static_file(
        "text/css; charset=utf-8",
        include_str!("templates/style.css"),
    )
}

fn static_file(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

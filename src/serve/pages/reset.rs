//! The timed reset page and the set-password form (R7–R11, R13, R14): `/reset?token=…`
//! moves an email link's token into a cookie, `GET /reset` shows the form for the token in
//! the cookie, `POST /reset` commits before the stored deadline.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::{
    blocking, busy_page, csrf, csrf_ok, csrf_refused, message_link, message_page, page, see_other,
    with_cookies, RESET, SESSION,
};
use crate::clock::local_clock_time;
use crate::core::auth::window::{check_token, choose_password, open_email_window, LOGIN_AGAIN};
use crate::domain::clock::rfc3339;
use crate::domain::password::policy_summary;
use crate::domain::token::{hash_secret, TokenKind};
use crate::error::Error;
use crate::serve::web::{cookie, public_message, same, set_cookie, status_of};
use crate::serve::Shared;

/// The query of `/reset`: the token of an email link.
#[derive(Deserialize, Default)]
pub struct ResetQuery {
    token: Option<String>,
}

/// The page after a token stopped working: a closed window says to log in again (410).
fn dead_token(e: &Error, secure: bool) -> Response {
    let res = match e {
        Error::WindowExpired(_) => message_link(
            StatusCode::GONE,
            "The reset window closed",
            &format!(
                "{}. Your password was not changed.",
                sentence(&e.to_string())
            ),
            "/login",
            "Log in again",
        ),
        Error::Auth(_) => message_link(
            StatusCode::UNAUTHORIZED,
            "This link does not work",
            &sentence(&e.to_string()),
            "/login",
            "Log in",
        ),
        other => message_page(status_of(other), "Not available", &public_message(other)),
    };
    with_cookies(res, [set_cookie(RESET, "", secure, Some(0))])
}

/// A message of the core as the start of a sentence.
fn sentence(msg: &str) -> String {
    let mut chars = msg.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What the reset page shows, with the errors of a refused try.
struct ResetView<'a> {
    error: Option<&'a str>,
    confirm_error: Option<&'a str>,
    status: StatusCode,
}

/// Checks the reset cookie's token and renders the page for it: the timed page for a
/// reset window (a reset-email token first opens one, R13), the set-password form for a
/// set-password token.
async fn reset_page(st: &Shared, headers: &HeaderMap, view: ResetView<'_>) -> Response {
    let Some(token) = cookie(headers, RESET).map(|s| SecretString::from(s.to_string())) else {
        return message_link(
            StatusCode::UNAUTHORIZED,
            "No password change in progress",
            "Log in with the password you were given, or open the link from your email again.",
            "/login",
            "Log in",
        );
    };
    let state = st.clone();
    let checked = blocking(move || {
        state.with_store(|store| {
            let hash = hash_secret(&token);
            let found = check_token(store, state.clock(), &hash, LOGIN_AGAIN)?;
            // A reset-email link opens its timed window now; the window's token replaces it.
            let window = match found.kind {
                TokenKind::ResetEmail => Some(open_email_window(store, state.clock(), &hash)?),
                _ => None,
            };
            Ok((found, window))
        })
    })
    .await;
    let (found, window) = match checked {
        Ok(x) => x,
        Err(e) => return dead_token(&e, st.secure),
    };
    let mut cookies = Vec::new();
    let deadline = match (&window, found.kind) {
        (Some(w), _) => {
            cookies.push(set_cookie(
                RESET,
                w.token.secret.expose_secret(),
                st.secure,
                None,
            ));
            Some(w.deadline)
        }
        (None, TokenKind::ResetWindow) => Some(found.expires_at),
        _ => None,
    };
    let (csrf, set) = csrf(headers, st.secure);
    cookies.extend(set);
    let title = if deadline.is_some() {
        "Choose a new password"
    } else {
        "Choose your password"
    };
    let res = page(
        view.status,
        "reset.html",
        minijinja::context! {
            title,
            email => found.account.display_email,
            deadline => deadline.map(rfc3339),
            deadline_human => deadline.map(local_clock_time),
            policy => policy_summary(found.min_len, found.account.password_hash.is_some()),
            error => view.error,
            confirm_error => view.confirm_error,
            csrf,
        },
    );
    with_cookies(res, cookies)
}

/// `GET /reset` and `GET /reset?token=…`: an email link's token is moved into a cookie at
/// once and the address loses it (a page that refreshes to `/reset`: a same-site step, so
/// the SameSite=Strict cookie is sent even when the link was opened from another site).
pub async fn reset_form(
    State(st): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<ResetQuery>,
) -> Response {
    if let Some(token) = q.token.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let valid = token.len() <= 256
            && token
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
        if !valid {
            return message_link(
                StatusCode::UNAUTHORIZED,
                "This link does not work",
                "The link is damaged: open it again from your email, whole.",
                "/login",
                "Log in",
            );
        }
        return with_cookies(
            page(StatusCode::OK, "continue.html", minijinja::context! {}),
            [set_cookie(RESET, token, st.secure, None)],
        );
    }
    reset_page(
        &st,
        &headers,
        ResetView {
            error: None,
            confirm_error: None,
            status: StatusCode::OK,
        },
    )
    .await
}

/// The reset form's fields.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf: Option<String>,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /reset`: commits the new password before the stored deadline (R8), then signs in
/// (R11); a closed window says to log in again, a refused password shows the form again.
pub async fn reset(
    State(st): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<ResetForm>,
) -> Response {
    if !csrf_ok(&headers, form.csrf.as_deref()) {
        return csrf_refused();
    }
    if !same(&form.password, &form.confirm) {
        let view = ResetView {
            error: None,
            confirm_error: Some("the two passwords differ; type the same new password twice"),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        };
        return reset_page(&st, &headers, view).await;
    }
    let Some(token) = cookie(&headers, RESET).map(|s| SecretString::from(s.to_string())) else {
        return reset_page(
            &st,
            &headers,
            ResetView {
                error: None,
                confirm_error: None,
                status: StatusCode::UNAUTHORIZED,
            },
        )
        .await;
    };
    let password = SecretString::from(form.password);
    drop(form.confirm);
    let state = st.clone();
    let ran = st
        .pool
        .run(move |hasher| {
            state.with_store(|store| {
                choose_password(store, state.clock(), hasher, &token, password, None)
            })
        })
        .await;
    match ran {
        Err(_) => busy_page(),
        Ok(Ok(done)) => with_cookies(
            see_other("/?changed=1"),
            [
                set_cookie(RESET, "", st.secure, Some(0)),
                set_cookie(
                    SESSION,
                    done.session.secret.expose_secret(),
                    st.secure,
                    None,
                ),
            ],
        ),
        Ok(Err(e @ (Error::Invalid(_) | Error::InvalidRows { .. }))) => {
            let msg = e.to_string();
            let view = ResetView {
                error: Some(&msg),
                confirm_error: None,
                status: StatusCode::UNPROCESSABLE_ENTITY,
            };
            reset_page(&st, &headers, view).await
        }
        Ok(Err(e)) => dead_token(&e, st.secure),
    }
}

//! The JSON API of §9 (`/api/v1/*`, `/healthz`): the operations of [`crate::core::auth`]
//! with JSON in and out; every failure is a JSON error with its status.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use super::web::{busy_json, json_error, json_failure};
use super::Shared;
use crate::core::auth::session::{self, NO_SESSION};
use crate::core::auth::window::choose_password;
use crate::core::auth::LoginOutcome;
use crate::domain::clock::rfc3339;
use crate::serve::{blocking, login_in_steps};

/// `POST /api/v1/login`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    email: String,
    password: String,
    #[serde(default)]
    org: Option<String>,
}

/// `POST /api/v1/reset`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetBody {
    token: String,
    password: String,
}

/// Parses a request body; a failure is 400 naming what is wrong but never quoting the body
/// (it holds a password).
#[allow(clippy::result_large_err)]
fn parse<T: DeserializeOwned>(body: &[u8], shape: &str) -> std::result::Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        let what = match e.classify() {
            Category::Data => {
                format!("the JSON does not have the fields this endpoint takes: send {shape}")
            }
            Category::Eof => format!(
                "the body ends early (line {}, column {}): send {shape}",
                e.line(),
                e.column()
            ),
            _ => format!(
                "the body is not valid JSON (line {}, column {}): send {shape}",
                e.line(),
                e.column()
            ),
        };
        json_error(StatusCode::BAD_REQUEST, what)
    })
}

/// Zeroes a request body that held a password, when this handler holds its only copy
/// (R17; the buffers of the HTTP library itself are out of reach).
fn wipe(body: Bytes) {
    if let Ok(mut bytes) = body.try_into_mut() {
        zeroize::Zeroize::zeroize(bytes.as_mut());
    }
}

/// The session token of `Authorization: Bearer …`.
fn bearer(headers: &HeaderMap) -> Option<SecretString> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty())
        .then(|| SecretString::from(token.to_string()))
}

/// A session as the API hands it out.
fn session_answer(secret: &SecretString, expires_at: i64) -> Response {
    use secrecy::ExposeSecret;
    Json(json!({
        "status": "ok",
        "session_token": secret.expose_secret(),
        "expires_at": rfc3339(expires_at),
    }))
    .into_response()
}

/// `POST /api/v1/login {"email","password","org"?}`: 200 with a session, 409 with a reset
/// token when a reset is required (R7), 401 with one message for every failure (R26).
pub async fn login(State(st): State<Shared>, body: Bytes) -> Response {
    let parsed = parse(&body, r#"{"email","password","org"?}"#);
    wipe(body);
    let req: LoginBody = match parsed {
        Ok(r) => r,
        Err(res) => return res,
    };
    let LoginBody {
        email,
        password,
        org,
    } = req;
    let ran = login_in_steps(&st, email, SecretString::from(password), org).await;
    match ran {
        Err(_) => busy_json(),
        Ok(Err(e)) => json_failure(&e),
        Ok(Ok(LoginOutcome::Session { session, .. })) => {
            session_answer(&session.secret, session.expires_at)
        }
        Ok(Ok(LoginOutcome::Window { window, .. })) => {
            use secrecy::ExposeSecret;
            (
                StatusCode::CONFLICT,
                Json(json!({
                    "status": "reset_required",
                    "reset_token": window.token.secret.expose_secret(),
                    "expires_at": rfc3339(window.deadline),
                })),
            )
                .into_response()
        }
    }
}

/// `POST /api/v1/reset {"token","password"}`: 200 with a session; 410 when the window
/// closed (R8), 401 for a bad, used or expired token, 422 when the password fails R10.
pub async fn reset(State(st): State<Shared>, body: Bytes) -> Response {
    let parsed = parse(&body, r#"{"token","password"}"#);
    wipe(body);
    let req: ResetBody = match parsed {
        Ok(r) => r,
        Err(res) => return res,
    };
    let state = st.clone();
    let ran = st
        .pool
        .run(move |hasher| {
            let ResetBody { token, password } = req;
            let token = SecretString::from(token.trim().to_string());
            state.with_store(|store| {
                choose_password(
                    store,
                    state.clock(),
                    hasher,
                    &token,
                    SecretString::from(password),
                    None,
                )
            })
        })
        .await;
    match ran {
        Err(_) => busy_json(),
        Ok(Err(e)) => json_failure(&e),
        Ok(Ok(done)) => session_answer(&done.session.secret, done.session.expires_at),
    }
}

/// `GET /api/v1/session` with `Authorization: Bearer …`: who the session is, or 401.
pub async fn session(State(st): State<Shared>, headers: HeaderMap) -> Response {
    let Some(secret) = bearer(&headers) else {
        return json_error(
            StatusCode::UNAUTHORIZED,
            "no session: send Authorization: Bearer <session_token>",
        );
    };
    let state = st.clone();
    match blocking(move || {
        state.with_store(|store| session::current(store, state.clock(), &secret))
    })
    .await
    {
        Ok(s) => Json(json!({
            "email": s.account.display_email,
            "name": s.account.name,
            "organization": s.org.name,
            "permissions": s.permission_keys(),
            "expires_at": rfc3339(s.expires_at),
        }))
        .into_response(),
        Err(e) => json_failure(&e),
    }
}

/// `POST /api/v1/logout` with `Authorization: Bearer …`: ends the session, or 401.
pub async fn logout(State(st): State<Shared>, headers: HeaderMap) -> Response {
    let Some(secret) = bearer(&headers) else {
        return json_error(
            StatusCode::UNAUTHORIZED,
            "no session: send Authorization: Bearer <session_token>",
        );
    };
    let state = st.clone();
    match blocking(move || state.with_store(|store| session::end(store, state.clock(), &secret)))
        .await
    {
        Ok(true) => Json(json!({ "session_ended": true })).into_response(),
        Ok(false) => json_error(StatusCode::UNAUTHORIZED, NO_SESSION),
        Err(e) => json_failure(&e),
    }
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
pub async fn healthz(State(st): State<Shared>) -> Response {
    let state = st.clone();
    let answered = blocking(move || {
        state.with_store(|store| store.read(|tx| tx.setting("session_ttl").map(|_| ())))
    })
    .await;
    match answered {
        Ok(()) => Json(json!({ "status": "ok" })).into_response(),
        Err(e) => {
            eprintln!("healthz: the database does not answer: {e:#}");
            json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
        }
    }
}

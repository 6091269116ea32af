//! What every response shares: the security headers, the request log, cookies, the CSRF
//! check of the forms, and errors as JSON (API) or a page.

use std::time::Instant;

use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::RngCore;

use crate::error::Error;

/// Only our own files: the countdown script and the style sheet; no framing, no plugins.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers of §9 to every response, and `no-store` to everything but the
/// static files (pages and answers carry personal data).
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/static/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !is_static {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Logs one line per request on stderr: method, path (never the query, which may hold a
/// token), status and time. Nothing else of the request is logged.
pub async fn log_requests(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    eprintln!(
        "{method} {path} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

/// Resolves on SIGTERM or SIGINT: the server then stops accepting and drains.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let term = async {
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = term => {},
        _ = tokio::signal::ctrl_c() => {},
    }
}

/// The HTTP status of an error of the core (§9: 401, 410, 422; 503 when the database
/// cannot answer).
pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Auth(_) => StatusCode::UNAUTHORIZED,
        Error::WindowExpired(_) => StatusCode::GONE,
        Error::Invalid(_) | Error::InvalidRows { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Error::PermissionDenied(_) => StatusCode::FORBIDDEN,
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::Busy(_) | Error::Contended(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The message of an error a client may see: an internal one is not described (it is
/// logged instead, without secrets, since no error of the core carries one).
pub fn public_message(e: &Error) -> String {
    if status_of(e) == StatusCode::INTERNAL_SERVER_ERROR {
        eprintln!("internal error: {e:#}");
        "internal error; the server log says more".into()
    } else {
        format!("{e:#}")
    }
}

/// A JSON error answer: `{"error":{"status","message"}}`.
pub fn json_error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = serde_json::json!({
        "error": { "status": status.as_u16(), "message": message.into() }
    });
    (status, Json(body)).into_response()
}

/// An error of the core as a JSON answer.
pub fn json_failure(e: &Error) -> Response {
    json_error(status_of(e), public_message(e))
}

/// 503 with `Retry-After`: the hashing queue is full, or the database is busy.
pub fn busy_json() -> Response {
    let mut res = json_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy; try again in a moment",
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// Whether a path belongs to the API (whose every answer is JSON).
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}

/// 404: JSON under the API, a page elsewhere.
pub async fn not_found(req: Request) -> Response {
    if is_api(req.uri().path()) {
        json_error(
            StatusCode::NOT_FOUND,
            "no such endpoint: see /api/v1/login, /api/v1/reset, /api/v1/session, /api/v1/logout and /healthz",
        )
    } else {
        super::pages::message_page(
            StatusCode::NOT_FOUND,
            "Page not found",
            "There is no page here.",
        )
    }
}

/// 405: the path exists, the method does not.
pub async fn method_not_allowed(req: Request) -> Response {
    let method = req.method().clone();
    if is_api(req.uri().path()) {
        let allowed = if method == Method::GET { "POST" } else { "GET" };
        json_error(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{method} is not allowed here; use {allowed}"),
        )
    } else {
        super::pages::message_page(
            StatusCode::METHOD_NOT_ALLOWED,
            "Not allowed",
            "This page does not take that kind of request.",
        )
    }
}

/// A fresh random value for a cookie (CSRF), as hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A cookie's value from the request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, path /, Secure under TLS; `max_age`
/// 0 deletes it, None makes it last for the browser session.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<u64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

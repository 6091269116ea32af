//! `usermgr serve` (SPEC §9): the self-service pages and the JSON API over HTTP, calling
//! the same operations of [`crate::core::auth`] as the command line.
//!
//! - [`api`]: `/api/v1/*` and `/healthz`, JSON in and out.
//! - [`pages`]: `/login`, the timed reset page, `/reset?token=…`, `/`, `/logout`.
//! - [`web`]: what every response shares: security headers, the request log, cookies,
//!   CSRF, errors.
//! - [`pool`]: the bounded argon2 pool; [`tls`]: rustls.

mod api;
mod pages;
pub mod pool;
mod tls;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use secrecy::SecretString;

use crate::clock::SystemClock;
use crate::core::auth::{read_login, record_login, LoginAttempt, LoginOutcome};
use crate::domain::clock::Clock;
use crate::error::{Error, Result};
use crate::store::Store;
use pool::HashPool;

/// Jobs that may wait per hashing worker before requests get 503, unless
/// `USERMGR_SERVE_QUEUE` says otherwise.
pub const QUEUE_PER_WORKER: usize = 64;

/// How `serve` was asked to run, checked.
pub struct ServeConfig {
    /// The address to bind.
    pub listen: SocketAddr,
    /// Certificate and key, for TLS.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// The database file.
    pub db: crate::store::DbSpec,
    /// Jobs that may wait per hashing worker.
    pub queue_per_worker: usize,
}

/// What every handler shares.
pub struct AppState {
    db: crate::store::DbSpec,
    clock: Arc<dyn Clock>,
    pool: HashPool,
    /// Whether the pages are served over TLS (cookies get `Secure`).
    secure: bool,
    /// Stores kept open between logins: opening a SQLite file (its WAL, the schema check)
    /// costs more CPU than a login's queries, and a PostgreSQL connection costs a server
    /// backend, a SCRAM exchange and a cold catalog each time; the CPU is the hashes'.
    idle: std::sync::Mutex<Vec<Store>>,
}

/// At most this many idle stores (PostgreSQL connections) are kept per core.
const IDLE_PER_CORE: usize = 2;

impl AppState {
    /// Opens the store: the one place the server does, so a change of backend is one change.
    fn open_store(&self) -> Result<Store> {
        Store::open_spec(&self.db)
    }

    /// Reads a login on an idle store when there is one, else on a new one. A kept
    /// PostgreSQL connection the server has closed meanwhile (a restart, an idle timeout
    /// of a proxy) fails at once; the read is then made once more on a new connection.
    fn read_login(&self, email: &str) -> Result<(Store, LoginAttempt)> {
        let kept = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        if let Some(mut store) = kept {
            match read_login(&mut store, email) {
                Err(Error::Busy(_)) => {}
                read => return read.map(|attempt| (store, attempt)),
            }
        }
        let mut store = self.open_store()?;
        let attempt = read_login(&mut store, email)?;
        Ok((store, attempt))
    }

    /// Keeps a store that served a login for the next.
    fn keep_store(&self, store: Store) {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE_PER_CORE * cores {
                idle.push(store);
            }
        }
    }

    /// The server's clock.
    fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }
}

/// Runs store work (no hashing) on the runtime's blocking threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::internal(format!("a worker failed: {e}")))?
}

/// The login of the pages and the API, [`core::auth::check_login`](crate::core::auth::check_login)
/// in its three steps, each where it belongs: the read and the write on the blocking threads,
/// only the hash on an argon2 worker, so a worker never waits on the database and the
/// workers hash back to back under load. [`Busy`](pool::Busy) when the queue is full, before
/// any other work.
async fn login_in_steps(
    st: &Shared,
    email: String,
    password: SecretString,
    org: Option<String>,
) -> std::result::Result<Result<LoginOutcome>, pool::Busy> {
    let _admitted = st.pool.admit()?;
    let state = st.clone();
    let read = blocking(move || state.read_login(&email)).await;
    let (store, attempt) = match read {
        Ok(read) => read,
        Err(e) => return Ok(Err(e)),
    };
    // Held across the hash: a refusal or a dropped request lets it go off the runtime.
    let mut held = Held(Some(store));
    let state = st.clone();
    let checked = match st
        .pool
        .run(move |hasher| attempt.check(hasher, state.clock().now_ms(), password))
        .await?
    {
        Ok(checked) => checked,
        Err(e) => return Ok(Err(e)),
    };
    let state = st.clone();
    let Some(mut store) = held.0.take() else {
        return Ok(Err(Error::internal("the login's store went missing")));
    };
    Ok(blocking(move || {
        let outcome = record_login(&mut store, state.clock(), checked, org.as_deref());
        // A refused login leaves the store as sound as a successful one; any other error
        // may come from the database itself, and that store goes.
        if outcome.is_ok() || matches!(outcome, Err(Error::Auth(_) | Error::PermissionDenied(_))) {
            state.keep_store(store);
        }
        outcome
    })
    .await)
}

/// A store held by an async task between blocking steps. A PostgreSQL store must not be
/// dropped on a runtime thread: its client closes the connection by blocking on a runtime
/// of its own, which panics there (and the request would go unanswered). So when the task
/// lets it go (queue full, an error, the client gone), it goes on a blocking thread.
struct Held(Option<Store>);

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(store) = self.0.take() {
            match tokio::runtime::Handle::try_current() {
                Ok(rt) => drop(rt.spawn_blocking(move || drop(store))),
                Err(_) => drop(store),
            }
        }
    }
}

/// Shared state as handlers receive it.
type Shared = Arc<AppState>;

/// Parses `--listen` and applies the rule of §9: a non-loopback address needs TLS or
/// `--insecure-http` (exit 2 otherwise).
pub fn check_listen(listen: &str, tls: bool, insecure_http: bool) -> Result<SocketAddr> {
    let addr: SocketAddr = listen.parse().map_err(|_| {
        Error::Usage(format!(
            "--listen {listen:?} is not an ADDR:PORT such as 127.0.0.1:8080 or [::1]:8080"
        ))
    })?;
    if !addr.ip().is_loopback() && !tls && !insecure_http {
        return Err(Error::Usage(format!(
            "refusing to serve passwords over plain HTTP on {addr}, which is not a loopback address: pass --tls-cert and --tls-key, or --insecure-http when a TLS proxy in front of usermgr does the encryption"
        )));
    }
    Ok(addr)
}

/// The router of pages and API over a state.
fn router(state: Shared) -> Router {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/api/v1/login", post(api::login))
        .route("/api/v1/reset", post(api::reset))
        .route("/api/v1/session", get(api::session))
        .route("/api/v1/logout", post(api::logout))
        .route("/", get(pages::home))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/reset", get(pages::reset_form).post(pages::reset))
        .route("/logout", get(pages::logout_form).post(pages::logout))
        .route("/static/countdown.js", get(pages::countdown_js))
        .route("/static/style.css", get(pages::style_css))
        .fallback(web::not_found)
        .method_not_allowed_fallback(web::method_not_allowed)
        .layer(axum::middleware::from_fn(web::log_requests))
        .layer(axum::middleware::from_fn(web::security_headers))
        .with_state(state)
}

/// Runs the server until SIGTERM or SIGINT, then lets the requests in flight finish.
/// `ready` is told the bound address once it listens.
pub fn serve(config: ServeConfig, ready: impl FnOnce(SocketAddr, bool)) -> Result<()> {
    let state = Arc::new(AppState {
        db: config.db.clone(),
        clock: Arc::new(SystemClock),
        pool: HashPool::per_core(config.queue_per_worker)?,
        secure: config.tls.is_some(),
        idle: std::sync::Mutex::new(Vec::new()),
    });
    // The database must answer, and the pages render, before the server says it is ready.
    state.open_store()?;
    pages::check_templates()?;
    let tls = match &config.tls {
        Some((cert, key)) => Some(tls::config(cert, key)?),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("usermgr-serve")
        .build()?;
    let app = router(Arc::clone(&state));
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| Error::Busy(format!("cannot listen on {}: {e}", config.listen)))?;
        let local = listener.local_addr()?;
        ready(local, tls.is_some());
        match tls {
            Some(tls) => {
                axum::serve(tls::TlsListener::new(listener, tls)?, app)
                    .with_graceful_shutdown(web::shutdown_signal())
                    .await?
            }
            None => {
                axum::serve(listener, app)
                    .with_graceful_shutdown(web::shutdown_signal())
                    .await?
            }
        }
        Ok(())
    });
    // The kept stores close here, off the runtime: a PostgreSQL client dropped on one of
    // its threads would panic (see `Held`).
    drop(runtime);
    drop(state);
    served
}

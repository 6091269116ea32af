//! `usermgr serve` (SPEC §9): the self-service pages and the JSON API over HTTP, calling
//! the same operations of [`crate::core::auth`] as the command line.
//!
//! - [`api`]: `/api/v1/*` and `/healthz`, JSON in and out.
//! - [`pages`]: `/login`, the timed reset page, `/reset?token=…`, `/`, `/logout`.
//! - [`web`]: what every response shares: security headers, the request log, cookies,
//!   CSRF, errors.
//! - [`pool`]: the bounded argon2 pool; [`tls`]: rustls.

mod api;
mod conn;

pub use conn::connection_limit;
mod pages;
pub mod pool;
mod tls;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;

use secrecy::SecretString;

use crate::clock::SystemClock;
use crate::core::auth::{read_login, record_login, LoginOutcome};
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
    /// How long a client may take to send a request's head or body, or stay idle.
    pub client_timeout: std::time::Duration,
    /// How many connections are held at once ([`connection_limit`] by default).
    pub max_connections: usize,
}

/// What every handler shares.
pub struct AppState {
    db: crate::store::DbSpec,
    clock: Arc<dyn Clock>,
    pool: HashPool,
    /// Whether the pages are served over TLS (cookies get `Secure`).
    secure: bool,
    /// The server's stores (database connections), bounded and kept between requests.
    stores: Stores,
}

/// At most this many stores (PostgreSQL connections) are open at once per core, however many
/// requests come: a flood waits for one instead of opening connections until the server's
/// `max_connections` refuses them.
pub const STORES_PER_CORE: usize = 4;

/// How many stores the server keeps open at most: [`STORES_PER_CORE`] per core.
pub fn store_limit() -> usize {
    STORES_PER_CORE * std::thread::available_parallelism().map_or(1, usize::from)
}

/// How long a request waits for a store while all are in use (then 503).
const STORE_WAIT: Duration = Duration::from_secs(30);

/// The server's stores: at most `limit` open, those not in use kept for the next request.
/// Opening a SQLite file (its WAL, the schema check) costs more CPU than a request's
/// queries, and a PostgreSQL connection costs a server backend, a SCRAM exchange and a
/// cold catalog each time; the CPU is the hashes'.
struct Stores {
    limit: usize,
    slots: Mutex<Slots>,
    freed: Condvar,
}

struct Slots {
    /// Stores open, in use or idle.
    open: usize,
    idle: Vec<Store>,
}

/// A store in use by one request; it goes back to the idle ones when dropped, unless the
/// database failed under it.
struct Lease<'a> {
    stores: &'a Stores,
    store: Option<Store>,
    keep: bool,
}

impl Stores {
    fn slots(&self) -> Result<std::sync::MutexGuard<'_, Slots>> {
        self.slots
            .lock()
            .map_err(|_| Error::internal("the stores' lock"))
    }

    /// Frees the slot of a store closed (or never opened) for a waiting request.
    fn release(&self) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.open -= 1;
        }
        self.freed.notify_one();
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let Some(store) = self.store.take() else {
            return;
        };
        if self.keep {
            if let Ok(mut slots) = self.stores.slots.lock() {
                slots.idle.push(store);
            }
            self.stores.freed.notify_one();
        } else {
            // Closing a connection blocks: not under the lock.
            drop(store);
            self.stores.release();
        }
    }
}

impl AppState {
    /// Opens a store: the one place the server does, so a change of backend is one change.
    fn open_store(&self) -> Result<Store> {
        Store::open_spec(&self.db)
    }

    /// Runs `f` on a store: an idle one that still answers, else a new one while fewer than
    /// the limit are open, else the first one freed. Blocks: call it off the runtime.
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut lease = self.lease()?;
        let out = match lease.store.as_mut() {
            Some(store) => f(store),
            None => Err(Error::internal("a lease without its store")),
        };
        // A refusal leaves the store as sound as a success; exit 11 may come from the
        // connection itself, and that store goes.
        lease.keep = !matches!(out, Err(Error::Busy(_) | Error::Internal(_)));
        out
    }

    fn lease(&self) -> Result<Lease<'_>> {
        let stores = &self.stores;
        let lease = |store| Lease {
            stores,
            store: Some(store),
            keep: false,
        };
        let deadline = std::time::Instant::now() + STORE_WAIT;
        loop {
            let mut slots = stores.slots()?;
            while slots.idle.is_empty() && slots.open >= stores.limit {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return Err(Error::Busy(format!(
                        "all {} database connections of the server stayed in use for {} s; try again in a moment",
                        stores.limit,
                        STORE_WAIT.as_secs()
                    )));
                }
                slots = stores
                    .freed
                    .wait_timeout(slots, left)
                    .map_err(|_| Error::internal("the stores' lock"))?
                    .0;
            }
            if let Some(mut store) = slots.idle.pop() {
                drop(slots);
                if store.is_alive() {
                    return Ok(lease(store));
                }
                drop(store);
                stores.release();
                continue;
            }
            slots.open += 1;
            drop(slots);
            return self
                .open_store()
                .map(lease)
                .inspect_err(|_| stores.release());
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
/// each on a store only while it runs, only the hash on an argon2 worker, so a worker never
/// waits on the database, the workers hash back to back under load, and a login waiting
/// for its hash holds no connection. [`Busy`](pool::Busy) when the queue is full, before
/// any other work.
async fn login_in_steps(
    st: &Shared,
    email: String,
    password: SecretString,
    org: Option<String>,
) -> std::result::Result<Result<LoginOutcome>, pool::Busy> {
    let _admitted = st.pool.admit()?;
    let state = st.clone();
    let read = blocking(move || state.with_store(|store| read_login(store, &email))).await;
    let attempt = match read {
        Ok(attempt) => attempt,
        Err(e) => return Ok(Err(e)),
    };
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
    Ok(blocking(move || {
        state.with_store(|store| record_login(store, state.clock(), checked, org.as_deref()))
    })
    .await)
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
fn router(state: Shared, client_timeout: std::time::Duration) -> Router {
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
        .layer(axum::middleware::from_fn(move |req, next| {
            conn::body_deadline(client_timeout, req, next)
        }))
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
        stores: Stores {
            limit: store_limit(),
            slots: Mutex::new(Slots {
                open: 0,
                idle: Vec::new(),
            }),
            freed: Condvar::new(),
        },
    });
    // The database must answer, and the pages render, before the server says it is ready.
    state.with_store(|_| Ok(()))?;
    pages::check_templates()?;
    let tls = match &config.tls {
        Some((cert, key)) => Some(tls::config(cert, key)?),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("usermgr-serve")
        .build()?;
    let app = router(Arc::clone(&state), config.client_timeout);
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| Error::Busy(format!("cannot listen on {}: {e}", config.listen)))?;
        let local = listener.local_addr()?;
        ready(local, tls.is_some());
        let tls = tls.map(tokio_rustls::TlsAcceptor::from);
        conn::serve(
            listener,
            config.max_connections,
            tls,
            app,
            config.client_timeout,
            web::shutdown_signal(),
        )
        .await;
        Ok(())
    });
    // The kept stores close here, off the runtime: a PostgreSQL client closes its
    // connection by blocking on a runtime of its own, which panics on a runtime thread.
    drop(runtime);
    drop(state);
    served
}

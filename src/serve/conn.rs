//! The connections of `usermgr serve`: HTTP/1.1 with a deadline on every part a client
//! controls, so a slow or silent client cannot hold a connection (and a file descriptor)
//! forever. `axum::serve` sets none: hyper's header timeout needs a timer it does not
//! install, and nothing bounds a dripped body or an idle keep-alive connection.
//!
//! - the request head must arrive within the client timeout of the moment the server is
//!   ready for it: the connection's start, or the end of the previous answer on a kept
//!   connection, so an idle keep-alive connection is closed then too ([`hyper`]'s
//!   `header_read_timeout`);
//! - the body must arrive within it too ([`body_deadline`]): 408 otherwise;
//! - the client must read the answer: a write that waits that long ends the connection
//!   ([`WriteDeadline`]); so does a TLS handshake that takes that long.

use std::future::Future;
use std::io;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use http_body_util::LengthLimitError;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{mpsc, watch, Notify, Semaphore};
use tokio::time::{sleep, sleep_until, Instant, Sleep};
use tokio_rustls::TlsAcceptor;

use super::web;

/// The largest request body read: every form and API request is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// Raises the open-files limit to the hard one, then says how many connections the server
/// may hold at once: what is left of the limit after its stores (`stores`, up to 3 files
/// each: a SQLite database, its WAL and shared memory) and a quarter kept for everything
/// else. Beyond it, new clients wait in the kernel's queue until a connection ends, rather
/// than the server running out of file descriptors.
pub fn connection_limit(stores: usize) -> usize {
    fitting(raise_open_files_limit().unwrap_or(1024), stores)
}

/// The connections that fit in `open_files` beside `stores`.
fn fitting(open_files: usize, stores: usize) -> usize {
    let kept = (open_files / 4).max(stores * 3 + 64);
    open_files.saturating_sub(kept).clamp(16, 1 << 20)
}

/// Raises the soft limit of open files to the hard one (as servers do: the soft default of
/// 1,024 is meant for programs that use `select`); returns the limit now in force.
#[cfg(unix)]
fn raise_open_files_limit() -> Option<usize> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read or fill the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    usize::try_from(lim.rlim_cur).ok()
}

#[cfg(not(unix))]
fn raise_open_files_limit() -> Option<usize> {
    None
}

/// How long a connection that has not started a request yet is given, once the server
/// stops, to start the one its client may already have sent.
const FIRST_REQUEST_GRACE: Duration = Duration::from_secs(1);

/// Serves `app` on every connection `listener` accepts (over TLS when `tls` is given)
/// until `shutdown` resolves, then stops accepting and lets the requests in flight finish:
/// those being handled, and the first request of a connection accepted but not read yet
/// (its client may have sent it before the signal), which gets [`FIRST_REQUEST_GRACE`] to
/// start, its TLS handshake included. Idle connections close at once.
///
/// It holds at most `max_connections` at once (see [`connection_limit`]): when all are
/// taken it stops accepting until one ends, and new clients wait in the kernel's queue. A
/// connection counts from its acceptance, its TLS handshake included.
pub async fn serve<L>(
    mut listener: L,
    max_connections: usize,
    tls: Option<TlsAcceptor>,
    app: Router,
    client_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) where
    L: axum::serve::Listener,
{
    let slots = Arc::new(Semaphore::new(max_connections));
    let (stop, stopping) = watch::channel(false);
    // Every connection holds a sender: the channel closes when the last one ends.
    let (alive, mut all_ended) = mpsc::channel::<()>(1);
    let mut shutdown = pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        // The semaphore is never closed.
        let Ok(slot) = slot else { break };
        let (io, _) = tokio::select! {
            conn = listener.accept() => conn,
            () = &mut shutdown => break,
        };
        let (app, tls, mut stopping) = (app.clone(), tls.clone(), stopping.clone());
        let alive = alive.clone();
        // Each connection in a task of its own, its handshake too: a slow or silent client
        // holds up nobody else.
        tokio::spawn(async move {
            let (_alive, _slot) = (alive, slot);
            let Some(acceptor) = tls else {
                return connection(io, app, client_timeout, stopping, None).await;
            };
            let mut handshake = pin!(tokio::time::timeout(client_timeout, acceptor.accept(io)));
            let shaken = tokio::select! {
                shaken = handshake.as_mut() => Some(shaken),
                _ = stopping.wait_for(|stop| *stop) => None,
            };
            // Once the server stops, the handshake and the first request share the grace.
            let (shaken, grace_ends) = match shaken {
                Some(shaken) => (shaken, None),
                None => {
                    let ends = Instant::now() + FIRST_REQUEST_GRACE.min(client_timeout);
                    tokio::select! {
                        shaken = handshake.as_mut() => (shaken, Some(ends)),
                        () = sleep_until(ends) => return,
                    }
                }
            };
            if let Ok(Ok(stream)) = shaken {
                connection(stream, app, client_timeout, stopping, grace_ends).await;
            }
        });
    }
    drop(listener);
    stop.send_replace(true);
    drop(alive);
    let _ = all_ended.recv().await;
}

/// Serves one connection until its client ends it, a deadline passes, or the server stops
/// (then its first request may start until `grace_ends`, if the grace began already, else
/// within [`FIRST_REQUEST_GRACE`]).
async fn connection<S>(
    io: S,
    app: Router,
    client_timeout: Duration,
    mut stopping: watch::Receiver<bool>,
    grace_ends: Option<Instant>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    // Holds a permit once any request has started on this connection.
    let started = Arc::new(Notify::new());
    let service = TowerToHyperService::new(app);
    let signal = Arc::clone(&started);
    let service = service_fn(move |req| {
        signal.notify_one();
        hyper::service::Service::call(&service, req)
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(client_timeout)
        .serve_connection(
            TokioIo::new(WriteDeadline::new(io, client_timeout)),
            service,
        );
    let mut conn = pin!(conn);
    // A client that went away, or timed out, ends its own connection only.
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopping.wait_for(|stop| *stop) => {}
    }
    // One that has not started a request in time is closed as it is: a head begun late
    // would otherwise hold the exit for the client timeout.
    let grace_ends =
        grace_ends.unwrap_or_else(|| Instant::now() + FIRST_REQUEST_GRACE.min(client_timeout));
    tokio::select! {
        _ = conn.as_mut() => return,
        () = started.notified() => {}
        () = sleep_until(grace_ends) => return,
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// Reads the whole body (at most [`MAX_BODY`]) within the client timeout before the
/// handler runs: 408 for a body that does not arrive in time, 413 for one too large.
pub async fn body_deadline(client_timeout: Duration, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let api = web::is_api(parts.uri.path());
    let refuse = |status: StatusCode, message: &str| {
        let mut res = if api {
            web::json_error(status, message)
        } else {
            super::pages::message_page(status, "Request refused", message)
        };
        // The rest of the request may still be on its way: do not wait for it.
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        res
    };
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than {MAX_BODY} bytes"),
        )
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    match tokio::time::timeout(client_timeout, axum::body::to_bytes(body, MAX_BODY)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(e)) if std::error::Error::source(&e).is_some_and(|s| s.is::<LengthLimitError>()) => {
            too_large()
        }
        // Malformed (chunked) framing, or the client hung up in the middle.
        Ok(Err(_)) => refuse(
            StatusCode::BAD_REQUEST,
            "the request body was cut off or malformed",
        ),
        Err(_) => refuse(
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time",
        ),
    }
}

/// A connection whose writes fail with `TimedOut` once one has waited `limit` for the
/// client to read: a client that stops reading its answer cannot hold the connection. Reads
/// pass through untimed: hyper reads while a request is handled (to notice a client that
/// hangs up), and a handler may rightly take longer than the limit; the head and the body
/// have their own deadlines.
pub struct WriteDeadline<T> {
    inner: T,
    limit: Duration,
    deadline: Pin<Box<Sleep>>,
    waiting: bool,
}

impl<T> WriteDeadline<T> {
    /// Wraps `inner`.
    pub fn new(inner: T, limit: Duration) -> WriteDeadline<T> {
        WriteDeadline {
            inner,
            limit,
            deadline: Box::pin(sleep(limit)),
            waiting: false,
        }
    }

    /// What a write, flush or shutdown of `inner` gave, with the deadline applied: done
    /// (the next wait starts its own clock), or pending unless it has waited `limit`.
    fn timed<R>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<R>>,
    ) -> Poll<io::Result<R>> {
        if polled.is_ready() {
            self.waiting = false;
            return polled;
        }
        if !self.waiting {
            self.waiting = true;
            self.deadline.as_mut().reset(Instant::now() + self.limit);
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteDeadline<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.timed(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.timed(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_flush(cx);
        this.timed(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.timed(cx, polled)
    }
}

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn connections_leave_room_for_the_stores_and_everything_else() {
        // The usual soft limit, 2 cores (8 stores): a quarter is kept.
        assert_eq!(fitting(1024, 8), 768);
        // 128 cores (512 stores, 3 files each) need more than a quarter of 4,096.
        assert_eq!(fitting(4096, 512), 4096 - (512 * 3 + 64));
        // Never none, never unbounded.
        assert_eq!(fitting(100, 512), 16);
        assert_eq!(fitting(usize::MAX, 8), 1 << 20);
    }
}

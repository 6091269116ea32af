//! `--tls-cert`/`--tls-key`: rustls (with the `ring` provider, no C library) in front of
//! the same router. Handshakes run in their own tasks, so a slow or silent client never holds
//! up the others; finished connections are handed to the server through a channel.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use super::conn::{Capped, Held};
use crate::error::{Error, Result};

/// Reads a PEM certificate chain and key into a rustls server configuration.
pub fn config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| {
            Error::invalid(format!(
                "--tls-cert {}: not a PEM certificate chain: {e}",
                cert.display()
            ))
        })?;
    if certs.is_empty() {
        return Err(Error::invalid(format!(
            "--tls-cert {}: no certificate in it; pass a PEM file with the server's certificate first",
            cert.display()
        )));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        Error::invalid(format!(
            "--tls-key {}: not a PEM private key: {e}",
            key.display()
        ))
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS set-up failed: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| Error::invalid(format!("--tls-cert/--tls-key do not fit together: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// A listener whose connections are TLS streams.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<Held<TcpStream>>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    /// Accepts TCP connections on `tcp` and completes their handshakes in the background;
    /// a client gets `handshake_timeout` to finish its handshake.
    pub fn new(
        mut tcp: Capped<TcpListener>,
        config: Arc<ServerConfig>,
        handshake_timeout: Duration,
    ) -> std::io::Result<TlsListener> {
        let local = axum::serve::Listener::local_addr(&tcp)?;
        let acceptor = TlsAcceptor::from(config);
        let (tx, ready) = mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                // Waits for a free slot, and past accept errors (EMFILE) by itself. Once the
                // server stops taking connections, the socket closes: new clients are refused
                // instead of shaken hands with and dropped.
                let (stream, peer) = tokio::select! {
                    conn = axum::serve::Listener::accept(&mut tcp) => conn,
                    () = tx.closed() => return,
                };
                let acceptor = acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(handshake_timeout, acceptor.accept(stream)).await
                    {
                        let _ = tx.send((tls, peer)).await;
                    }
                });
            }
        });
        Ok(TlsListener { ready, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<Held<TcpStream>>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            if let Some(conn) = self.ready.recv().await {
                return conn;
            }
            // The accepting task ended (it never does while the listener lives).
            std::future::pending::<()>().await;
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

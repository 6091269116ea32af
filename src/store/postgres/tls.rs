//! TLS to the server with rustls (ring): `verify-full` checks the certificate against the
//! system's roots (or `sslrootcert`) and the host name; `prefer` and `require` encrypt
//! without checking, as libpq does.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::url::{PgUrl, SslMode};
use crate::error::{Error, Result};

/// The TLS connector for a URL's sslmode.
pub(crate) fn connector(url: &PgUrl) -> Result<MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS setup: {e}")))?;
    let config = match url.ssl {
        SslMode::VerifyFull => builder
            .with_root_certificates(roots(url)?)
            .with_no_client_auth(),
        _ => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
            .with_no_client_auth(),
    };
    Ok(MakeRustlsConnect::new(config))
}

/// The roots `verify-full` trusts: the `sslrootcert` file, else the system's.
fn roots(url: &PgUrl) -> Result<RootCertStore> {
    let mut store = RootCertStore::empty();
    match &url.root_cert {
        Some(path) => {
            let pem = std::fs::read(path).map_err(|e| {
                Error::invalid(format!(
                    "cannot read sslrootcert {}: {e}; pass the PEM file of the server's certificate authority",
                    path.display()
                ))
            })?;
            for cert in rustls_pemfile_certs(&pem) {
                store
                    .add(cert)
                    .map_err(|e| Error::invalid(format!("sslrootcert {}: {e}", path.display())))?;
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = store.add(cert);
            }
        }
    }
    if store.is_empty() {
        return Err(Error::invalid(
            "no trusted certificate authority for sslmode=verify-full; install the system's CA certificates or pass sslrootcert=FILE",
        ));
    }
    Ok(store)
}

/// The certificates of a PEM file.
fn rustls_pemfile_certs(pem: &[u8]) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem)
        .filter_map(std::result::Result::ok)
        .collect()
}

/// `prefer`/`require`: the channel is encrypted, the certificate not checked (libpq's
/// meaning of those modes); signatures are still verified so the handshake is sound. (The
/// tests of `serve` use it too, to speak TLS to a server with a certificate of their own.)
#[doc(hidden)]
#[derive(Debug)]
pub struct Unchecked(pub Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

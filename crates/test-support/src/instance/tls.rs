//! A TLS front for a city on loopback: peers that only speak https (Fedify looks handles up
//! by WebFinger over https, as every fediverse server does) reach the city through it, the
//! way a production city sits behind Caddy. It terminates TLS with a certificate made for
//! the test (for `localhost` and 127.0.0.1) and pipes the bytes, unchanged, to the city's
//! plain-HTTP port: the `Host` header and every signed header arrive as the peer sent them.

use anyhow::Context as _;
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// A listening TLS front; stops when dropped.
pub struct TlsFront {
    /// The port peers connect to (`https://localhost:PORT`).
    pub port: u16,
    /// The certificate, in PEM, for the peer to trust (e.g. Node's `NODE_EXTRA_CA_CERTS`).
    pub certificate: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl TlsFront {
    /// Binds a free loopback port now (so a city can be told its public URL before the
    /// front runs); [`TlsFront::serve`] then forwards to the city.
    pub fn bind() -> anyhow::Result<StdListener> {
        Ok(StdListener::bind("127.0.0.1:0")?)
    }

    /// Serves TLS on `listener`, forwarding every connection to `127.0.0.1:upstream`. The
    /// certificate's PEM is written into `dir`.
    pub fn serve(listener: StdListener, upstream: u16, dir: &Path) -> anyhow::Result<TlsFront> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()])
            .context("making the test certificate")?;
        let certificate = dir.join("tls-front.pem");
        std::fs::write(&certificate, made.cert.pem())?;
        let chain = vec![CertificateDer::from(made.cert.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .context("the front's TLS configuration")?;
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let port = listener.local_addr()?.port();
        listener.set_nonblocking(true)?;
        let listener = TcpListener::from_std(listener)?;
        let task = tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(inbound).await else {
                        return;
                    };
                    let Ok(mut city) = TcpStream::connect(("127.0.0.1", upstream)).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut city).await;
                });
            }
        });
        Ok(TlsFront {
            port,
            certificate,
            task,
        })
    }

    /// `https://localhost:PORT`.
    pub fn base(&self) -> String {
        format!("https://localhost:{}", self.port)
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.task.abort();
    }
}

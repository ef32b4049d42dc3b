//! The baselines: a bare actix-web server whose one handler verifies one RSA-2048 PKCS#1 v1.5
//! SHA-256 signature over a fixed message and answers 200 — with the pure-Rust `rsa` crate
//! (what activitypub_federation verifies with) or with OpenSSL. The key is parsed once; the
//! message is hashed per request, as a signature check does.

use crate::proc::{free_port, Proc};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context as _;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Public};
use rsa::pkcs8::DecodePublicKey as _;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest as _, Sha256};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Rsa,
    Openssl,
}

impl Kind {
    pub fn arg(self) -> &'static str {
        match self {
            Kind::Rsa => "rsa",
            Kind::Openssl => "openssl",
        }
    }
}

/// A signing string of the size activitypub_federation signs.
pub const MESSAGE: &[u8] = b"(request-target): post /inbox\nhost: localhost:8080\n\
date: Tue, 28 Mar 2023 21:03:44 GMT\n\
digest: SHA-256=lzFT+G7C2hdI5j8M+FuJg1tC+O6AGMVJhooTCKGfbKM=\n\
content-type: application/activity+json";

enum Verifier {
    Rsa(RsaPublicKey, Vec<u8>),
    Openssl(PKey<Public>, Vec<u8>),
}

impl Verifier {
    fn verify(&self) -> bool {
        match self {
            Verifier::Rsa(key, sig) => key
                .verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(MESSAGE), sig)
                .is_ok(),
            Verifier::Openssl(key, sig) => {
                let check = || -> Result<bool, openssl::error::ErrorStack> {
                    let mut v = openssl::sign::Verifier::new(MessageDigest::sha256(), key)?;
                    v.update(MESSAGE)?;
                    v.verify(sig)
                };
                check().unwrap_or(false)
            }
        }
    }
}

fn verifier(kind: Kind) -> anyhow::Result<Verifier> {
    let private = PKey::from_rsa(openssl::rsa::Rsa::generate(2048)?)?;
    let mut signer = openssl::sign::Signer::new(MessageDigest::sha256(), &private)?;
    signer.update(MESSAGE)?;
    let sig = signer.sign_to_vec()?;
    let spki = private.public_key_to_der()?;
    let rsa_key = RsaPublicKey::from_public_key_der(&spki).context("the key in the rsa crate")?;
    let openssl_key = PKey::public_key_from_der(&spki)?;
    // Both implementations accept the same signature before either is measured.
    anyhow::ensure!(Verifier::Rsa(rsa_key.clone(), sig.clone()).verify());
    anyhow::ensure!(Verifier::Openssl(openssl_key.clone(), sig.clone()).verify());
    Ok(match kind {
        Kind::Rsa => Verifier::Rsa(rsa_key, sig),
        Kind::Openssl => Verifier::Openssl(openssl_key, sig),
    })
}

async fn handler(verifier: web::Data<Verifier>, _body: web::Bytes) -> HttpResponse {
    if verifier.verify() {
        HttpResponse::Ok().finish()
    } else {
        HttpResponse::InternalServerError().finish()
    }
}

/// The hidden `baseline` subcommand.
pub fn serve(kind: Kind, port: u16, workers: usize) -> anyhow::Result<()> {
    let verifier = web::Data::from(Arc::new(verifier(kind)?));
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        HttpServer::new(move || {
            App::new()
                .app_data(verifier.clone())
                .app_data(web::PayloadConfig::new(256 * 1024))
                .route("/inbox", web::post().to(handler))
        })
        .workers(workers)
        .bind(("127.0.0.1", port))?
        .run()
        .await
    })?;
    Ok(())
}

/// A running baseline server.
pub struct Baseline {
    pub port: u16,
    pub proc: Proc,
    _dir: tempfile::TempDir,
}

impl Baseline {
    pub async fn start(kind: Kind) -> anyhow::Result<Baseline> {
        let dir = tempfile::Builder::new()
            .prefix("citysync-bench-baseline-")
            .tempdir()?;
        let port = free_port()?;
        let mut proc = Proc::spawn_self(
            &format!("baseline {}", kind.arg()),
            &[
                "baseline",
                "--kind",
                kind.arg(),
                "--port",
                &port.to_string(),
            ],
            &[],
            dir.path().join("baseline.log"),
        )?;
        proc.wait_port(port, Duration::from_secs(30)).await?;
        Ok(Baseline {
            port,
            proc,
            _dir: dir,
        })
    }

    pub fn url(&self) -> anyhow::Result<url::Url> {
        Ok(url::Url::parse(&format!(
            "http://127.0.0.1:{}/inbox",
            self.port
        ))?)
    }
}

/// The hidden `hello` subcommand: actix-web's "hello world", the catalog's baseline.
pub fn serve_hello(port: u16, workers: usize) -> anyhow::Result<()> {
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        HttpServer::new(|| App::new().route("/", web::get().to(|| async { "Hello world!" })))
            .workers(workers)
            .bind(("127.0.0.1", port))?
            .run()
            .await
    })?;
    Ok(())
}

/// A running "hello" server.
pub struct Hello {
    pub port: u16,
    pub proc: Proc,
    _dir: tempfile::TempDir,
}

impl Hello {
    pub async fn start() -> anyhow::Result<Hello> {
        let dir = tempfile::Builder::new()
            .prefix("citysync-bench-hello-")
            .tempdir()?;
        let port = free_port()?;
        let mut proc = Proc::spawn_self(
            "hello",
            &["hello", "--port", &port.to_string()],
            &[],
            dir.path().join("hello.log"),
        )?;
        proc.wait_port(port, Duration::from_secs(30)).await?;
        Ok(Hello {
            port,
            proc,
            _dir: dir,
        })
    }

    pub fn url(&self) -> anyhow::Result<url::Url> {
        Ok(url::Url::parse(&format!(
            "http://127.0.0.1:{}/",
            self.port
        ))?)
    }
}

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;
use std::time::Duration;

use citysync_i18n::{I18n, Locale};
use citysync_mail::{FileMailer, MailComposer, MailError, MailKind, Mailer, SmtpMailer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const FROM: &str = "noreply@springfield.example";
const TO: &str = "ana@example.org";
const LINK: &str = "https://springfield.example/verify?token=abc123&x=1";

fn composer() -> MailComposer {
    MailComposer::new(Arc::new(I18n::load().unwrap())).unwrap()
}

fn verify(username: &str) -> MailKind {
    MailKind::VerifyEmail {
        valid_hours: 24,
        username: username.to_owned(),
        link: LINK.to_owned(),
    }
}

// ---- decoding what lettre wrote, so assertions do not depend on its encoding choice ----

fn decode_qp(body: &str) -> String {
    let bytes = body.replace("=\r\n", "").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn decode_base64(body: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The decoded body of the part whose Content-Type starts with `content_type`.
fn part(message: &str, content_type: &str) -> String {
    let boundary = message
        .split("boundary=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a multipart boundary");
    for chunk in message.split(&format!("--{boundary}")) {
        let Some((headers, body)) = chunk.split_once("\r\n\r\n") else {
            continue;
        };
        let headers_lower = headers.to_ascii_lowercase();
        if !headers_lower.contains(&format!("content-type: {content_type}")) {
            continue;
        }
        return if headers_lower.contains("content-transfer-encoding: quoted-printable") {
            decode_qp(body)
        } else if headers_lower.contains("content-transfer-encoding: base64") {
            decode_base64(body)
        } else {
            body.to_owned()
        };
    }
    panic!("no {content_type} part in:\n{message}");
}

// ---- a minimal SMTP server ----

#[derive(Debug, Default)]
struct Seen {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: String,
}

/// Accepts connections on 127.0.0.1:0 and reports every message it receives.
async fn smtp_server() -> (u16, mpsc::UnboundedReceiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read);
                write
                    .write_all(b"220 test.invalid ESMTP ready\r\n")
                    .await
                    .unwrap();
                let mut seen = Seen::default();
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 test.invalid\r\n"
                    } else if upper.starts_with("MAIL FROM") {
                        seen.mail_from = line.trim_end().to_owned();
                        b"250 OK\r\n"
                    } else if upper.starts_with("RCPT TO") {
                        seen.rcpt_to.push(line.trim_end().to_owned());
                        b"250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        write
                            .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                            .await
                            .unwrap();
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).await.unwrap() == 0 {
                                return;
                            }
                            if line == ".\r\n" {
                                break;
                            }
                            // Undo dot-stuffing.
                            data.push_str(line.strip_prefix('.').unwrap_or(&line));
                        }
                        seen.data = data;
                        tx.send(std::mem::take(&mut seen)).unwrap();
                        b"250 OK queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 Bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 OK\r\n" // RSET, NOOP
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

#[tokio::test]
async fn smtp_conversation_delivers_both_parts() {
    let (port, mut rx) = smtp_server().await;
    let mailer = SmtpMailer::from_url(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let mail = composer()
        .compose(&verify("ana"), Locale::SOURCE, TO, "Springfield")
        .unwrap();
    tokio::time::timeout(Duration::from_secs(20), mailer.send(&mail))
        .await
        .expect("send finished in time")
        .unwrap();
    let seen = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .unwrap()
        .unwrap();

    assert!(seen.mail_from.contains(FROM), "{seen:?}");
    assert_eq!(seen.rcpt_to.len(), 1, "{seen:?}");
    assert!(seen.rcpt_to[0].contains(TO), "{seen:?}");
    let headers = seen.data.split("\r\n\r\n").next().unwrap();
    assert!(
        headers.contains(&format!("Subject: {}", mail.subject)),
        "subject header missing:\n{headers}"
    );
    assert!(headers.contains("multipart/alternative"), "{headers}");
    assert!(headers.contains("Message-ID:"), "{headers}");
    let text = part(&seen.data, "text/plain");
    let html = part(&seen.data, "text/html");
    assert!(text.contains(LINK), "text part:\n{text}");
    let html_link = LINK.replace('&', "&amp;");
    assert!(
        html.contains(&format!("href=\"{html_link}\"")),
        "html part:\n{html}"
    );
    assert!(html.contains("lang=\"en\""), "{html}");
}

#[tokio::test]
async fn smtp_failure_is_an_error() {
    // Bind then drop to get a port nobody listens on.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = SmtpMailer::from_url(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    let mail = composer()
        .compose(&verify("ana"), Locale::SOURCE, TO, "Springfield")
        .unwrap();
    let result = tokio::time::timeout(Duration::from_secs(40), mailer.send(&mail))
        .await
        .expect("send finished in time");
    assert!(matches!(result, Err(MailError::Smtp(_))), "{result:?}");
    let err = result.unwrap_err();
    assert!(
        std::error::Error::source(&err).is_some(),
        "the cause is kept"
    );
}

#[test]
fn smtp_url_errors_are_errors() {
    assert!(SmtpMailer::from_url("smtp://127.0.0.1:25", "not an address").is_err());
    assert!(SmtpMailer::from_url("ftp://host", FROM).is_err());
}

#[tokio::test]
async fn file_mailer_writes_one_eml() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    let mailer = FileMailer::new(outbox.clone(), FROM).unwrap();
    let mail = composer()
        .compose(
            &verify("ana"),
            citysync_i18n::Locale::from_code("es").unwrap(),
            TO,
            "Ciudad de México",
        )
        .unwrap();
    mailer.send(&mail).await.unwrap();

    let files: Vec<_> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let path = &files[0];
    assert_eq!(path.extension().unwrap(), "eml");
    let eml = std::fs::read_to_string(path).unwrap();
    assert!(eml.contains(&format!("To: {TO}")), "{eml}");
    assert!(eml.contains(&format!("From: {FROM}")), "{eml}");
    assert!(part(&eml, "text/plain").contains(LINK), "{eml}");
    assert!(part(&eml, "text/html").contains("lang=\"es\""), "{eml}");
}

#[test]
fn compose_is_localized_and_escaped() {
    let composer = composer();
    let en = composer
        .compose(&verify("<script>"), Locale::SOURCE, TO, "Springfield")
        .unwrap();
    let es = composer
        .compose(
            &verify("<script>"),
            citysync_i18n::Locale::from_code("es").unwrap(),
            TO,
            "Springfield",
        )
        .unwrap();
    assert_ne!(en.subject, es.subject);
    assert!(en.subject.contains("Springfield"), "{}", en.subject);
    assert_eq!(en.to, TO);

    assert!(en.text.contains("<script>"), "{}", en.text);
    assert!(!en.html.contains("<script>"), "{}", en.html);
    assert!(en.html.contains("&lt;script&gt;"), "{}", en.html);

    assert!(en.text.contains("24 hours"), "{}", en.text);
    assert!(es.text.contains("24 horas"), "{}", es.text);
    assert!(en.html.contains("<html lang=\"en\">"));
    assert!(es.html.contains("<html lang=\"es\">"));
    assert!(
        en.text.contains("If this wasn't you, ignore this message."),
        "{}",
        en.text
    );
    assert!(en.html.contains("If this wasn&#39;t you"), "{}", en.html);

    let reset = composer
        .compose(
            &MailKind::PasswordReset {
                valid_hours: 1,
                username: "ana".into(),
                link: LINK.into(),
            },
            citysync_i18n::Locale::from_code("es").unwrap(),
            TO,
            "CDMX",
        )
        .unwrap();
    assert!(reset.text.contains("1 hora."), "{}", reset.text);
    assert!(reset.text.contains(LINK));
}

#[test]
fn every_kind_renders_in_every_locale() {
    let composer = composer();
    let kinds = [
        verify("ana"),
        MailKind::PasswordReset {
            valid_hours: 1,
            username: "ana".into(),
            link: LINK.into(),
        },
        MailKind::SignupExistingAccount {
            username: "ana".into(),
            login_link: "https://springfield.example/login".into(),
            reset_link: "https://springfield.example/forgot".into(),
        },
        MailKind::PasswordChanged {
            username: "ana".into(),
        },
        MailKind::SignInLink {
            username: "ana".into(),
            link: LINK.into(),
            valid_minutes: 15,
        },
        MailKind::OrganizationInvitation {
            username: "ana".into(),
            organization: "Tool Library".into(),
            link: LINK.into(),
        },
        MailKind::GuardianConsent {
            guardian: "mum@example.org".into(),
            resident: "ana".into(),
            link: LINK.into(),
            valid_days: 7,
        },
    ];
    for locale in Locale::known() {
        for kind in &kinds {
            let mail = composer.compose(kind, locale, TO, "Springfield").unwrap();
            for body in [&mail.text, &mail.html] {
                assert!(body.contains("Springfield"), "{kind:?} {locale}: {body}");
                assert!(body.contains("ana"), "{kind:?} {locale}: {body}");
                // No raw message ids leaked (a missing message shows its id).
                assert!(!body.contains("mail-"), "{kind:?} {locale}: {body}");
            }
            if let MailKind::SignupExistingAccount {
                login_link,
                reset_link,
                ..
            } = kind
            {
                assert!(
                    mail.text.contains(login_link.as_str())
                        && mail.text.contains(reset_link.as_str())
                );
                assert!(
                    mail.html.contains(login_link.as_str())
                        && mail.html.contains(reset_link.as_str())
                );
            }
        }
    }
}

#[tokio::test]
async fn header_injection_is_refused_and_nothing_is_sent() {
    let evil = "a@b.c\r\nBcc: x@y.z";
    let composer = composer();
    assert!(matches!(
        composer.compose(&verify("ana"), Locale::SOURCE, evil, "Springfield"),
        Err(MailError::InvalidAddress { .. })
    ));

    // A mail built elsewhere with the bad address is refused by the mailers too.
    let mut mail = composer
        .compose(&verify("ana"), Locale::SOURCE, TO, "Springfield")
        .unwrap();
    mail.to = evil.to_owned();
    let dir = tempfile::tempdir().unwrap();
    let mailer = FileMailer::new(dir.path().to_path_buf(), FROM).unwrap();
    assert!(matches!(
        mailer.send(&mail).await,
        Err(MailError::InvalidAddress { .. })
    ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let (port, mut rx) = smtp_server().await;
    let smtp = SmtpMailer::from_url(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    assert!(matches!(
        smtp.send(&mail).await,
        Err(MailError::InvalidAddress { .. })
    ));
    assert!(rx.try_recv().is_err(), "the SMTP server received nothing");

    // A subject with line breaks cannot add headers either.
    let mut sneaky = composer
        .compose(&verify("ana"), Locale::SOURCE, TO, "Springfield")
        .unwrap();
    sneaky.subject = "Hi\r\nBcc: x@y.z".to_owned();
    mailer.send(&sneaky).await.unwrap();
    let path = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let eml = std::fs::read_to_string(path).unwrap();
    assert!(!eml.contains("\r\nBcc:"), "{eml}");
}

//! Our own failures, seen by the people who run the city: a request that fails on our side
//! answers 500 with its request id — on the error page, and in the problem+json of the API —
//! and the log holds a line with that same id, so an administrator can find what happened
//! from what the reader quotes. The database is broken on purpose (a table the catalog reads
//! renamed away) to provoke the failure in each door.

use super::common::{page, set_up_city, TestServer};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Everything this test binary logs from the moment it is first asked for, as text.
fn captured_log() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Sink(log.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other logger in this test binary");
        log
    })
    .clone()
}

#[derive(Clone)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The log lines that name `request_id`.
fn lines_naming(log: &Mutex<Vec<u8>>, request_id: &str) -> Vec<String> {
    String::from_utf8_lossy(&log.lock().unwrap())
        .lines()
        .filter(|l| l.contains(request_id))
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_in_either_door_is_logged_with_the_request_id_the_reader_sees() {
    let log = captured_log();
    let server = TestServer::start().await;
    let visitor = set_up_city(&server, "Berkeley").await;
    let (status, _) = page(&visitor, &server.url("/opportunities")).await;
    assert_eq!(status, 200);
    server
        .running()
        .ctx
        .db()
        .run(|conn| {
            diesel::connection::SimpleConnection::batch_execute(
                conn,
                "ALTER TABLE opportunities RENAME TO opportunities_away",
            )
            .map_err(citysync_storage::StorageError::from)
        })
        .await
        .unwrap();

    // The web: the error page says what went wrong in the reader's words, with the id.
    let (status, html) = page(&visitor, &server.url("/opportunities")).await;
    assert_eq!(status, 500, "{html}");
    let quoted: String = html
        .split("Request id: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no request id on the page:\n{html}"))
        .chars()
        .skip_while(|c| !c.is_ascii_alphanumeric())
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    assert!(quoted.len() >= 8, "{quoted} in:\n{html}");
    let lines = lines_naming(&log, &quoted);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ERROR") && l.contains("request failed")),
        "no error line with {quoted}: {lines:#?}"
    );

    // The API: a problem with the same kind of id, and the log line beside it.
    let resp = reqwest::get(server.url("/api/v1/opportunities"))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    let problem: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(problem["status"], 500, "{problem}");
    let request_id = problem["request_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!request_id.is_empty(), "{problem}");
    let lines = lines_naming(&log, &request_id);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ERROR") && l.contains("API request failed")),
        "no error line with {request_id}: {lines:#?}"
    );
    server.stop().await;
}

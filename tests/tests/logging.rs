//! What the client logs through `tracing`: an event per attempt with method, path, attempt,
//! status and elapsed time, and headers with credentials redacted. In a test binary of its own:
//! `tracing` caches per-callsite interest process-wide, so tests in other threads hitting the
//! same callsites without a subscriber could hide events from this one.

use generated_sdk::nirvana::{Client, RetryPolicy};
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "nv-logging-test-key";

/// Serves a 503, then 200s with an operation.
struct FailOnce(Mutex<bool>);

impl Respond for FailOnce {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut failed = self.0.lock().expect("lock");
        if *failed {
            ResponseTemplate::new(200).set_body_json(json!({
                "id": "op_1",
                "created_at": "2025-01-01T00:00:00Z",
                "details": null,
                "kind": "vm",
                "project_id": "proj",
                "resource_id": "vm_1",
                "status": "done",
                "type": "restart",
                "updated_at": "2025-01-01T00:00:01Z"
            }))
        } else {
            *failed = true;
            ResponseTemplate::new(503)
        }
    }
}

/// Collects what the `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A subscriber for this thread writing everything, down to `TRACE`, into the `Captured`.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

#[tokio::test]
async fn every_attempt_is_logged_without_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/operations/op_1"))
        .respond_with(FailOnce(Mutex::new(false)))
        .mount(&server)
        .await;
    let (captured, _guard) = capture();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    client
        .operations()
        .get("op_1")
        .await
        .expect("second attempt");
    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        logs.contains("attempt=1") && logs.contains("attempt=2"),
        "{logs}"
    );
    assert!(
        logs.contains("status=503") && logs.contains("status=200"),
        "{logs}"
    );
    assert!(logs.contains("path=/v1/operations/op_1"), "{logs}");
    assert!(logs.contains("elapsed_ms="), "{logs}");
    assert!(
        logs.contains(r#""authorization": "***""#),
        "headers are logged redacted: {logs}"
    );
    assert!(
        !logs.contains(KEY),
        "the API key leaked into the logs: {logs}"
    );
}

/// A key sent in the query (`scheme: query`) is in no logged URL, through a retry and a
/// same-origin redirect, though the requests carry it.
#[tokio::test]
async fn a_query_key_is_never_logged() {
    use generated_sdk::reqwest::Method as Http;
    use generated_sdk::runtime::Secret;
    use generated_sdk::runtime::request::Request as SdkRequest;
    use generated_sdk::runtime::transport::{Auth, CallOptions, Settings, Transport};
    use wiremock::matchers::query_param;

    const QUERY_KEY: &str = "qk-logging-test-key";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/old"))
        .and(query_param("api_key", QUERY_KEY))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/v1/new?page=2"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/new"))
        .and(query_param("api_key", QUERY_KEY))
        .and(query_param("page", "2"))
        .respond_with(FailOnce(Mutex::new(false)))
        .mount(&server)
        .await;
    let (captured, _guard) = capture();
    let mut settings = Settings::new(
        server.uri(),
        Auth::Query {
            name: "api_key",
            value: Secret::new(QUERY_KEY),
        },
    );
    settings.options.retry = generated_sdk::runtime::RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        ..Default::default()
    };
    let transport = Transport::new(settings).expect("transport");
    transport
        .execute(
            &SdkRequest::new(Http::GET, "/v1/old"),
            &CallOptions::default(),
        )
        .await
        .expect("redirected, then answered on the second attempt");
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 4, "two attempts of two hops each");
    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(logs.contains("/v1/new?page=2"), "{logs}");
    assert!(
        !logs.contains(QUERY_KEY),
        "the query key leaked into the logs: {logs}"
    );
}

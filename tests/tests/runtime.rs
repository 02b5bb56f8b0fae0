//! The client runtime against a real local server (wiremock): retries and what is retried,
//! `Retry-After`, the retry budget, per-attempt timeouts, idempotency keys, per-call options,
//! raw responses, lazy pagination across pages, waiters, and what the logs show.

use futures::{StreamExt, TryStreamExt};
use generated_sdk::Error;
use generated_sdk::nirvana::{
    Client, Decimal, Operation, OperationStatus, OperationsListParams,
    OrganizationsBillingRechargeParams, OrganizationsBillingTopUpParams, RetryPolicy, WaitOptions,
};
use sdk_tests::operation;
use serde_json::{Value, json};
use std::sync::Mutex;
use std::time::Duration;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "nv-runtime-test-key";

/// A client whose own backoff is so long that a test finishing quickly proves the delay came
/// from somewhere else (the server's `Retry-After`), or whose backoff is tiny.
fn client_with(server: &MockServer, initial_backoff: Duration) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy {
            initial_backoff,
            max_backoff: initial_backoff,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

fn fast_client(server: &MockServer) -> Client {
    client_with(server, Duration::from_millis(1))
}

fn summary() -> Value {
    json!({
        "daily_cost": "1.20",
        "effective_balance": "125.00",
        "monthly_cost": "36.00",
        "recharge_threshold_days": "7",
        "estimated_next_charge_at": null
    })
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

/// Serves the given responses in order, then repeats the last one.
struct Sequence(Mutex<Vec<ResponseTemplate>>);

impl Sequence {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        let mut responses = responses;
        responses.reverse();
        Sequence(Mutex::new(responses))
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut responses = self.0.lock().expect("lock");
        if responses.len() > 1 {
            responses.pop().expect("non-empty")
        } else {
            responses[0].clone()
        }
    }
}

fn get_operation() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/v1/operations/op_1"))
}

// ---------------------------------------------------------------------------------------------
// What is retried, and how often

#[tokio::test]
async fn a_429_with_retry_after_gives_exactly_three_attempts() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0.1")
                .set_body_string(r#"{"message":"slow down"}"#),
        )
        .mount(&server)
        .await;
    // The client's own backoff is 60 s: finishing within 10 s means Retry-After was used.
    let client = client_with(&server, Duration::from_secs(60));
    let started = std::time::Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(10), client.operations().get("op_1"))
        .await
        .expect("Retry-After was honoured, not the 60 s backoff");
    let error = result.expect_err("429 every time");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert!(error.is_retryable());
    assert_eq!(requests(&server).await.len(), 3, "1 attempt + 2 retries");
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "two 0.1 s waits"
    );
}

#[tokio::test]
async fn retry_after_ms_and_http_dates_are_honoured() {
    for header in [
        ("retry-after-ms", "50".to_owned()),
        (
            "retry-after",
            httpdate::fmt_http_date(std::time::SystemTime::now()),
        ),
    ] {
        let server = MockServer::start().await;
        get_operation()
            .respond_with(Sequence::new(vec![
                ResponseTemplate::new(503).insert_header(header.0, header.1.as_str()),
                ResponseTemplate::new(200).set_body_json(operation("op_1", "done")),
            ]))
            .mount(&server)
            .await;
        let client = client_with(&server, Duration::from_secs(60));
        let fetched =
            tokio::time::timeout(Duration::from_secs(10), client.operations().get("op_1"))
                .await
                .unwrap_or_else(|_| panic!("{} was not honoured", header.0))
                .expect("second attempt succeeds");
        assert_eq!(fetched.id, "op_1");
        assert_eq!(requests(&server).await.len(), 2);
    }
}

#[tokio::test]
async fn x_should_retry_false_on_a_500_gives_one_attempt() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(500).insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;
    let error = fast_client(&server)
        .operations()
        .get("op_1")
        .await
        .expect_err("500");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(!error.is_retryable(), "the server forbade retries");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn x_should_retry_true_forces_a_retry_of_a_400() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(400).insert_header("x-should-retry", "true"),
            ResponseTemplate::new(200).set_body_json(operation("op_1", "done")),
        ]))
        .mount(&server)
        .await;
    let fetched = fast_client(&server)
        .operations()
        .get("op_1")
        .await
        .expect("retried");
    assert_eq!(fetched.status, OperationStatus::Done);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"message":"bad"}"#))
        .mount(&server)
        .await;
    let error = fast_client(&server)
        .operations()
        .get("op_1")
        .await
        .expect_err("400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn retries_are_configurable_per_client_and_per_call() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .max_retries(4)
        .build()
        .expect("client");
    client.operations().get("op_1").await.expect_err("503");
    assert_eq!(requests(&server).await.len(), 5, "client: 4 retries");
    server.reset().await;
    get_operation()
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    client
        .operations()
        .get("op_1")
        .max_retries(1)
        .await
        .expect_err("503");
    assert_eq!(requests(&server).await.len(), 2, "call: 1 retry");
}

#[tokio::test]
async fn an_empty_retry_budget_stops_retrying() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    // 7 tokens pay for one retry (5), not two.
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .retry_budget(7)
        .build()
        .expect("client");
    client.operations().get("op_1").await.expect_err("503");
    assert_eq!(
        requests(&server).await.len(),
        2,
        "first attempt + the one retry paid for"
    );
    client.operations().get("op_1").await.expect_err("503");
    assert_eq!(
        requests(&server).await.len(),
        3,
        "no tokens left: no retry at all"
    );
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried_then_reported_as_a_timeout() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(operation("op_1", "done"))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let error = fast_client(&server)
        .operations()
        .get("op_1")
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .await
        .expect_err("every attempt times out");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(
        requests(&server).await.len(),
        2,
        "the timed-out attempt was retried once"
    );
}

#[tokio::test]
async fn a_connection_error_is_retried_and_reported() {
    // Nothing listens on a port that was bound and released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port();
    let uri = format!("http://127.0.0.1:{port}");
    let client = Client::builder()
        .api_key(KEY)
        .base_url(uri)
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    let error = client.operations().get("op_1").await.expect_err("refused");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert!(error.status().is_none());
}

// ---------------------------------------------------------------------------------------------
// Idempotency

#[tokio::test]
async fn an_idempotency_key_is_generated_and_identical_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/organizations/org_1/billing/topup"))
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(500),
            ResponseTemplate::new(502),
            ResponseTemplate::new(200).set_body_json(summary()),
        ]))
        .mount(&server)
        .await;
    let client = fast_client(&server);
    let amount = Decimal::new("25.00").expect("decimal");
    let topped_up = client
        .organizations()
        .billing()
        .top_up(
            "org_1",
            OrganizationsBillingTopUpParams::new(amount.clone()),
        )
        .await
        .expect("third attempt succeeds");
    assert_eq!(topped_up.effective_balance.as_str(), "125.00");

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 3);
    let keys: Vec<&str> = sent
        .iter()
        .map(|r| r.headers["idempotency-key"].to_str().expect("ascii"))
        .collect();
    assert!(!keys[0].is_empty());
    assert!(
        keys.iter().all(|k| *k == keys[0]),
        "same key on every retry: {keys:?}"
    );
    for request in &sent {
        assert_eq!(
            request.body_json::<Value>().expect("json"),
            json!({"amount": "25.00"})
        );
    }

    // A second call is another top-up: it gets a key of its own.
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(summary()))
        .mount(&server)
        .await;
    client
        .organizations()
        .billing()
        .top_up(
            "org_1",
            OrganizationsBillingTopUpParams::new(amount.clone()),
        )
        .await
        .expect("second top-up");
    let second = &requests(&server).await[0];
    assert_ne!(second.headers["idempotency-key"], keys[0]);

    // A key the caller gives is the one sent.
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(summary()))
        .mount(&server)
        .await;
    client
        .organizations()
        .billing()
        .top_up(
            "org_1",
            OrganizationsBillingTopUpParams::new(amount).idempotency_key("order-42"),
        )
        .await
        .expect("third top-up");
    assert_eq!(
        requests(&server).await[0].headers["idempotency-key"],
        "order-42"
    );
}

#[tokio::test]
async fn a_recharge_without_a_body_also_keeps_its_key_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/organizations/org_1/billing/recharge"))
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(503),
            ResponseTemplate::new(200).set_body_json(summary()),
        ]))
        .mount(&server)
        .await;
    fast_client(&server)
        .organizations()
        .billing()
        .recharge("org_1", OrganizationsBillingRechargeParams::default())
        .await
        .expect("second attempt succeeds");
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].headers["idempotency-key"],
        sent[1].headers["idempotency-key"]
    );
    assert!(sent[0].body.is_empty(), "recharge sends no body");
    assert!(sent[0].headers.get("content-type").is_none());
}

// ---------------------------------------------------------------------------------------------
// Per-call options and raw responses

#[tokio::test]
async fn per_call_headers_query_and_raw_response() {
    let server = MockServer::start().await;
    get_operation()
        .and(query_param("trace", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-99")
                .set_body_json(operation("op_1", "running")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let response = fast_client(&server)
        .operations()
        .get("op_1")
        .header("x-debug", "yes")
        .query("trace", "1")
        .with_response()
        .await
        .expect("ok");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-99"));
    assert_eq!(response.value.status, OperationStatus::Running);
    assert_eq!(requests(&server).await[0].headers["x-debug"], "yes");
}

// ---------------------------------------------------------------------------------------------
// Pagination

fn page(start: usize, count: usize, next: Option<String>) -> Value {
    let items: Vec<Value> = (start..start + count)
        .map(|i| operation(&format!("op_{i:03}"), "done"))
        .collect();
    json!({
        "items": items,
        "pagination": {"next_cursor": next, "previous_cursor": null, "total_count": 250}
    })
}

#[tokio::test]
async fn five_pages_of_fifty_stream_all_250_items_in_order_with_five_requests() {
    let server = MockServer::start().await;
    for n in 0..5 {
        let next = (n < 4).then(|| format!("cursor-{}", n + 1));
        let mock = Mock::given(method("GET"))
            .and(path("/v1/operations"))
            .and(query_param("project_id", "proj"))
            .and(query_param("limit", "50"));
        let mock = if n == 0 {
            mock.and(query_param_is_missing("cursor"))
        } else {
            mock.and(query_param("cursor", format!("cursor-{n}").as_str()))
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(page(n * 50, 50, next)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = fast_client(&server);
    let stream = client
        .operations()
        .list(OperationsListParams::new("proj").limit(50))
        .items();
    assert!(requests(&server).await.is_empty(), "the stream is lazy");
    let all: Vec<Operation> = stream.try_collect().await.expect("all pages");
    let ids: Vec<String> = all.iter().map(|o| o.id.clone()).collect();
    let expected: Vec<String> = (0..250).map(|i| format!("op_{i:03}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(requests(&server).await.len(), 5);
    server.verify().await;
}

#[tokio::test]
async fn taking_a_few_items_fetches_only_the_pages_needed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/operations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 50, Some("c1".into()))))
        .mount(&server)
        .await;
    let client = fast_client(&server);
    let first_ten: Vec<_> = client
        .operations()
        .list(OperationsListParams::new("proj"))
        .items()
        .take(10)
        .collect()
        .await;
    assert_eq!(first_ten.len(), 10);
    assert_eq!(requests(&server).await.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Waiters

fn fast_wait() -> WaitOptions {
    Operation::WAIT_OPTIONS
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(10))
}

#[tokio::test]
async fn a_waiter_polls_until_done() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/compute/vms/vm_1/restart"))
        .respond_with(ResponseTemplate::new(200).set_body_json(operation("op_1", "pending")))
        .expect(1)
        .mount(&server)
        .await;
    get_operation()
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(200).set_body_json(operation("op_1", "pending")),
            ResponseTemplate::new(200).set_body_json(operation("op_1", "running")),
            ResponseTemplate::new(200).set_body_json(operation("op_1", "done")),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let client = fast_client(&server);
    let started = client
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect("accepted");
    assert_eq!(started.status, OperationStatus::Pending);
    let finished = started.wait_with(&client, fast_wait()).await.expect("done");
    assert_eq!(finished.status, OperationStatus::Done);
    server.verify().await;
}

#[tokio::test]
async fn a_waiter_fails_with_the_failed_operation() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(200).set_body_json(operation("op_1", "failed")))
        .expect(1)
        .mount(&server)
        .await;
    let client = fast_client(&server);
    let pending: Operation = serde_json::from_value(operation("op_1", "running")).expect("op");
    match pending.wait_with(&client, fast_wait()).await {
        Err(Error::WaitFailed(failure)) => {
            assert_eq!(failure.state, "failed");
            let failed = failure.resource::<Operation>().expect("the operation");
            assert_eq!(failed.id, "op_1");
            assert_eq!(failed.status, OperationStatus::Failed);
        }
        other => panic!("expected WaitFailed, got {other:?}"),
    }
}

#[tokio::test]
async fn a_waiter_gives_up_after_its_timeout() {
    let server = MockServer::start().await;
    get_operation()
        .respond_with(ResponseTemplate::new(200).set_body_json(operation("op_1", "running")))
        .mount(&server)
        .await;
    let client = fast_client(&server);
    let running: Operation = serde_json::from_value(operation("op_1", "running")).expect("op");
    let options = fast_wait().timeout(Duration::from_millis(60));
    match running.wait_with(&client, options).await {
        Err(Error::WaitTimeout { last_state, .. }) => assert_eq!(last_state, "running"),
        other => panic!("expected WaitTimeout, got {other:?}"),
    }
    assert!(!requests(&server).await.is_empty());
}

#[tokio::test]
async fn an_operation_already_done_needs_no_poll() {
    let server = MockServer::start().await;
    let client = fast_client(&server);
    let done: Operation = serde_json::from_value(operation("op_1", "done")).expect("op");
    let finished = done.wait(&client).await.expect("done already");
    assert_eq!(finished, done);
    assert!(requests(&server).await.is_empty());
}

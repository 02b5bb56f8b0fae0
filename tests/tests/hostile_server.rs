//! The generated clients against raw TCP servers that misbehave on purpose (`sdk_tests::raw`,
//! no HTTP library on the server side): redirects to other origins, bodies without end,
//! stalls and resets after a side effect, loops, untrusted certificates, and careless
//! configuration. Each test asserts the outcome, how long it took, and what the servers saw.

use futures::TryStreamExt;
use generated_sdk::Error;
use generated_sdk::ecs::RebootType;
use generated_sdk::nirvana::{
    Client, Decimal, Operation, OperationsListParams, OrganizationsBillingTopUpParams, RetryPolicy,
    WaitOptions,
};
use generated_sdk::runtime::RedirectReason;
use sdk_tests::operation;
use sdk_tests::raw::{RawServer, Reply, Seen, json, response};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const KEY: &str = "nv-hostile-test-key";
const TOKEN: &str = "iam-hostile-test-token";

fn nirvana(url: &str) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(url)
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

fn ecs(url: &str) -> generated_sdk::ecs::Client {
    generated_sdk::ecs::Client::builder()
        .auth_token(TOKEN)
        .project_id("proj")
        .base_url(url)
        .retry_policy(generated_sdk::ecs::RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
            ..generated_sdk::ecs::RetryPolicy::default()
        })
        .build()
        .expect("client")
}

fn redirect(status: u16, location: &str) -> Reply {
    Reply::Raw(response(status, &[("location", location)], b""))
}

/// Tests that measure time and tests that push tens of MiB run one at a time, so that a time
/// bound measures the client, not the other tests' load.
static EXCLUSIVE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Credentials any request of these clients may carry.
const CREDENTIAL_HEADERS: &[&str] = &["authorization", "x-auth-token", "x-security-token"];

fn carries_credentials(seen: &Seen) -> bool {
    CREDENTIAL_HEADERS.iter().any(|h| seen.header(h).is_some())
}

/// The time bound of tests whose backoffs are about 1 ms: generous on a loaded machine, far
/// below what a retry storm, a stall or a body read to its end would take.
const QUICK: Duration = Duration::from_secs(5);

#[track_caller]
fn assert_quick(started: Instant) {
    let elapsed = started.elapsed();
    assert!(elapsed < QUICK, "took {elapsed:?}");
}

/// Lets a client that misbehaves send what it would, so that "nothing more arrived" means it.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(150)).await;
}

// ---------------------------------------------------------------------------------------------
// Redirects

/// A 302 or 307 from the API to another host: the ECS token (`X-Auth-Token`, which reqwest's
/// own policy would forward) and the Nirvana key never reach it; the caller gets the redirect
/// as an error carrying `Location`.
#[tokio::test]
async fn credentials_never_follow_a_redirect_to_another_origin() {
    let started = Instant::now();
    let other = RawServer::start(|_, _| json(200, &json!({"stolen": true}))).await;
    for status in [301, 302, 303, 307, 308] {
        let target = format!("{}/collect", other.url());
        let api = RawServer::start(move |_, _| redirect(status, &target)).await;
        let reboot = ecs(&api.url())
            .servers()
            .reboot("srv_1", RebootType::Soft)
            .await;
        let get = nirvana(&api.url()).operations().get("op_1").await;
        for error in [reboot.expect_err("ecs"), get.expect_err("nirvana")] {
            let Error::Redirect(redirect) = &error else {
                panic!("{status}: expected a redirect error, got {error:?}");
            };
            assert_eq!(redirect.reason, RedirectReason::CrossOrigin);
            assert_eq!(redirect.location, format!("{}/collect", other.url()));
            assert_eq!(redirect.status.as_u16(), status);
            assert!(!error.is_retryable());
        }
        assert_eq!(
            api.seen().len(),
            2,
            "{status}: one request per call, no retry"
        );
    }
    // `localhost` is another origin than `127.0.0.1`, even on the same port.
    let port = other.addr.port();
    let api =
        RawServer::start(move |_, _| redirect(307, &format!("http://localhost:{port}/collect")))
            .await;
    let error = ecs(&api.url())
        .jobs()
        .get("job_1")
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Redirect(_)), "{error:?}");
    assert_quick(started);
    assert_eq!(api.seen().len(), 1, "not retried");
    settle().await;
    assert_eq!(
        other.connections(),
        0,
        "the other origin was never contacted"
    );
    assert!(other.seen().iter().all(|s| !carries_credentials(s)));
}

/// A key the API reads from the query (`auth: [{scheme: query, param: api_key}]`, OpenAPI's
/// `apiKey` `in: query`) is on every request exactly once, after the request's own query and
/// encoded like it; a same-origin redirect whose `Location` repeats it does not send it twice;
/// and it is in no error, `Debug` or `Display`: not a refused redirect's `Location`, not the
/// URL of a connection failure.
#[tokio::test]
async fn a_query_key_is_sent_once_and_shown_nowhere() {
    use generated_sdk::reqwest::Method as Http;
    use generated_sdk::runtime::Secret;
    use generated_sdk::runtime::request::Request;
    use generated_sdk::runtime::transport::{Auth, CallOptions, Settings, Transport};

    const QUERY_KEY: &str = "qk hostile/test+key";
    const ENCODED: &str = "api_key=qk%20hostile%2Ftest%2Bkey";
    let keyed = |url: &str| {
        let auth = Auth::Query {
            name: "api_key",
            value: Secret::new(QUERY_KEY),
        };
        Transport::new(Settings::new(url, auth)).expect("transport")
    };
    let options = CallOptions {
        max_retries: Some(0),
        ..CallOptions::default()
    };
    let shows_key = |text: &str| text.contains("hostile") || text.contains("qk");
    let started = Instant::now();
    let other = RawServer::start(|_, _| json(200, &json!({}))).await;
    let other_url = other.url();
    let api = RawServer::start(move |seen, index| match index {
        // A same-origin redirect that repeats the key, then one to another origin with it.
        0 => redirect(307, &format!("/v1/moved?{ENCODED}&page=2")),
        1 => redirect(302, &format!("{other_url}/collect?{ENCODED}")),
        _ => json(200, &json!({"target": seen.target})),
    })
    .await;
    let transport = keyed(&api.url());
    assert!(!shows_key(&format!("{transport:?}")), "{transport:?}");
    let request = Request::new(Http::GET, "/v1/things").query("limit", &5);
    let error = transport
        .execute(&request, &options)
        .await
        .expect_err("the cross-origin redirect is refused");
    let Error::Redirect(refused) = &error else {
        panic!("expected a redirect error, got {error:?}");
    };
    assert_eq!(refused.reason, RedirectReason::CrossOrigin);
    assert_eq!(refused.location, format!("{}/collect", other.url()));
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!shows_key(&text), "{text}");
    }
    let seen = api.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].target, format!("/v1/things?limit=5&{ENCODED}"));
    assert_eq!(seen[1].target, format!("/v1/moved?page=2&{ENCODED}"));
    assert!(seen.iter().all(|s| !carries_credentials(s)));
    // A request without a query of its own carries the key alone.
    let plain = RawServer::start(|_, _| json(200, &json!({}))).await;
    keyed(&plain.url())
        .execute(&Request::new(Http::DELETE, "/v1/things/1"), &options)
        .await
        .expect("deleted");
    assert_eq!(plain.seen()[0].target, format!("/v1/things/1?{ENCODED}"));
    // A body that breaks off (100 bytes said, 9 sent) is an error about the URL without it.
    let cut = RawServer::start(|_, _| {
        Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\": 12".to_vec())
    })
    .await;
    let error = keyed(&cut.url())
        .execute(&request, &options)
        .await
        .expect_err("the body broke off");
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("/v1/things?limit=5"), "{shown}");
    assert!(!shows_key(&shown), "{shown}");
    // A connection failure's error names the URL without the key.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        drop(listener);
        url
    };
    let error = keyed(&closed)
        .execute(&request, &options)
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    let shown = format!("{error} {error:?} {:?}", std::error::Error::source(&error));
    assert!(shown.contains("/v1/things?limit=5"), "{shown}");
    assert!(!shows_key(&shown), "{shown}");
    assert_quick(started);
    settle().await;
    assert_eq!(
        other.connections(),
        0,
        "the other origin was never contacted"
    );
}

/// 307 and 308 to the same origin keep the method, the body and the credentials; 303 (and
/// 301/302 after a POST) continue with a body-less GET.
#[tokio::test]
async fn same_origin_redirects_are_followed_as_rfc_9110_says() {
    let started = Instant::now();
    for (status, method, keeps_body) in [
        (307, "POST", true),
        (308, "POST", true),
        (303, "GET", false),
        (302, "GET", false),
        (301, "GET", false),
    ] {
        let api = RawServer::start(move |_, index| match index {
            0 => redirect(status, "/v2.1/proj/servers/srv_1/action-moved"),
            _ => Reply::Raw(response(202, &[], b"")),
        })
        .await;
        ecs(&api.url())
            .servers()
            .reboot("srv_1", RebootType::Soft)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e:?}"));
        let seen = api.seen();
        assert_eq!(seen.len(), 2, "{status}");
        assert_eq!(seen[1].target, "/v2.1/proj/servers/srv_1/action-moved");
        assert_eq!(seen[1].method, method, "{status}");
        assert_eq!(seen[1].header("x-auth-token"), Some(TOKEN), "{status}");
        if keeps_body {
            assert_eq!(seen[1].body, seen[0].body, "{status}");
            assert_eq!(seen[1].header("content-type"), Some("application/json"));
        } else {
            assert!(seen[1].body.is_empty(), "{status}");
            assert_eq!(seen[1].header("content-type"), None, "{status}");
        }
    }
    assert_quick(started);
}

/// A signing client signs every hop afresh: the request a same-origin redirect leads to
/// carries a signature over its own path.
#[tokio::test]
async fn each_redirect_hop_is_signed_afresh() {
    let started = Instant::now();
    let api = RawServer::start(|_, index| match index {
        0 => redirect(307, "/v1/proj/cloudservers/moved"),
        _ => json(200, &json!({"job_id": "job_1"})),
    })
    .await;
    let signing = generated_sdk::ecs::Client::builder()
        .access_key("AK-HOSTILE", "SK-HOSTILE")
        .project_id("proj")
        .base_url(api.url())
        .build()
        .expect("client");
    signing
        .cloud_servers()
        .batch_reboot(generated_sdk::ecs::CloudServersBatchRebootParams::new(
            Vec::new(),
            RebootType::Soft,
        ))
        .await
        .expect("followed");
    assert_quick(started);
    let seen = api.seen();
    assert_eq!(seen.len(), 2);
    let signature = |s: &Seen| {
        s.header("authorization")
            .map(str::to_owned)
            .expect("signed")
    };
    assert!(signature(&seen[1]).contains("Access=AK-HOSTILE"));
    assert_ne!(
        signature(&seen[0]),
        signature(&seen[1]),
        "a new path, a new signature"
    );
    assert_eq!(seen[0].body, seen[1].body);
}

/// A loop ends at the first repeated request, too many hops after the fifth: one logical
/// attempt each, never retried (the loop used to cost 33 requests).
#[tokio::test]
async fn redirect_loops_and_long_chains_end_after_one_attempt() {
    let looping = RawServer::start(|seen, _| redirect(302, &seen.target)).await;
    let started = Instant::now();
    let error = nirvana(&looping.url())
        .operations()
        .get("op_1")
        .await
        .expect_err("loop");
    let Error::Redirect(redirect) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(redirect.reason, RedirectReason::Loop);
    assert!(!error.is_retryable());

    let chain = RawServer::start(|_, index| {
        self::redirect(307, &format!("/v1/operations/op_{}", index + 2))
    })
    .await;
    let error = nirvana(&chain.url())
        .operations()
        .get("op_1")
        .await
        .expect_err("chain");
    let Error::Redirect(redirect) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(redirect.reason, RedirectReason::TooMany);
    assert_eq!(redirect.hops, 5);
    assert!(started.elapsed() < Duration::from_secs(2));
    settle().await;
    assert_eq!(
        looping.seen().len(),
        1,
        "the loop is seen at its first repeat"
    );
    assert_eq!(chain.seen().len(), 6, "the request and five hops");
}

// ---------------------------------------------------------------------------------------------
// Response size

const MIB: u64 = 1024 * 1024;

/// A declared `Content-Length` over the limit is refused before the body is read.
#[tokio::test]
async fn a_declared_body_over_the_limit_is_refused_unread() {
    let _exclusive = EXCLUSIVE.lock().await;
    let head =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2147483648\r\n\r\n";
    let server = RawServer::start(|_, _| Reply::Endless {
        head: head.to_vec(),
        chunked: false,
    })
    .await;
    let started = Instant::now();
    let error = nirvana(&server.url())
        .operations()
        .get("op_1")
        .await
        .expect_err("too large");
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge { limit, content_length: Some(2147483648), .. }
                if limit == 32 * MIB
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_quick(started);
    settle().await;
    assert_eq!(server.connections(), 1, "not retried");
    assert!(
        server.written() < 2 * MIB,
        "{} bytes left the server",
        server.written()
    );
}

/// A chunked body with no end is cut at the limit (the default 32 MiB, a client's own, or a
/// call's own): the server sees the client stop reading within the limit and 1 MiB.
#[tokio::test]
async fn an_endless_body_is_cut_at_the_limit() {
    let _exclusive = EXCLUSIVE.lock().await;
    let head =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    // (per client, per call): the call's limit wins over the client's.
    for (client_limit, call_limit, expected) in [
        (None, None, 32 * MIB),
        (None, Some(MIB), MIB),
        (Some(MIB), None, MIB),
        (Some(64 * MIB), Some(2 * MIB), 2 * MIB),
    ] {
        let server = RawServer::start(|_, _| Reply::Endless {
            head: head.to_vec(),
            chunked: true,
        })
        .await;
        let client = match client_limit {
            Some(bytes) => Client::builder()
                .api_key(KEY)
                .base_url(server.url())
                .max_response_size(bytes)
                .build()
                .expect("client"),
            None => nirvana(&server.url()),
        };
        let call = client.operations().get("op_1");
        let call = match call_limit {
            Some(bytes) => call.max_response_size(bytes),
            None => call,
        };
        let started = Instant::now();
        let error = call.await.expect_err("too large");
        assert_quick(started);
        assert!(
            matches!(error, Error::ResponseTooLarge { limit, content_length: None, .. } if limit == expected),
            "{error:?}"
        );
        settle().await;
        assert_eq!(server.connections(), 1, "not retried");
        let written = server.written();
        eprintln!("limit {expected}: the server wrote {written} bytes");
        assert!(
            written <= expected + MIB,
            "limit {expected}: the server wrote {written} bytes"
        );
    }
}

/// Error bodies are kept up to 64 KiB with their true size when declared, and `Display`
/// shows at most about 500 bytes (a 10 MiB HTML 502 used to become a 10-million-character
/// message; an endless 500 used to take all memory).
#[tokio::test]
async fn error_bodies_are_bounded_and_their_display_is_short() {
    let _exclusive = EXCLUSIVE.lock().await;
    let started = Instant::now();
    let html = format!("<html>{}</html>", "bad gateway ".repeat(900_000));
    let big = RawServer::start(move |_, _| {
        Reply::Raw(response(
            502,
            &[("content-type", "text/html")],
            html.as_bytes(),
        ))
    })
    .await;
    let error = nirvana(&big.url())
        .operations()
        .get("op_1")
        .max_retries(0)
        .await
        .expect_err("502");
    let api = error.as_api_error().expect("api error");
    assert_eq!(api.body.len(), 64 * 1024);
    assert_eq!(api.body_size, Some(10_800_013));
    assert!(api.is_body_truncated());
    let shown = error.to_string();
    assert!(shown.len() < 700, "{} characters", shown.len());
    assert!(shown.contains("10800013 bytes"), "{shown}");

    let head = b"HTTP/1.1 500 Oops\r\ntransfer-encoding: chunked\r\n\r\n";
    let endless = RawServer::start(|_, _| Reply::Endless {
        head: head.to_vec(),
        chunked: true,
    })
    .await;
    let error = nirvana(&endless.url())
        .operations()
        .get("op_1")
        .max_retries(0)
        .await
        .expect_err("500");
    let api = error.as_api_error().expect("api error");
    assert_eq!(api.status.as_u16(), 500);
    assert_eq!(api.body.len(), 64 * 1024);
    assert_eq!(api.body_size, None, "unknown: the client stopped reading");
    assert!(error.to_string().len() < 700);
    assert_quick(started);
    settle().await;
    assert_eq!(big.seen().len(), 1, "the 502 was asked for once");
    assert_eq!(endless.connections(), 1, "the 500 was asked for once");
    assert!(
        endless.written() <= 64 * 1024 + MIB,
        "{}",
        endless.written()
    );
}

/// What the server puts in a field reaches an error's `Display` clipped: a 200 answer whose
/// typed field holds a 1 MiB string (serde quotes it; it used to give a 1-million-character
/// message), and a 400 whose error code is 50 KB long.
#[tokio::test]
async fn huge_strings_in_answers_keep_display_short() {
    let _exclusive = EXCLUSIVE.lock().await;
    let huge = "x".repeat(MIB as usize);
    let mut not_an_object = operation("op_1", "done");
    not_an_object["details"] = json!(huge);
    let mut not_a_date = operation("op_1", "done");
    not_a_date["created_at"] = json!(huge);
    let code = "E".repeat(50_000);
    let bad_request = json!({"code": code, "message": "bad"});
    let answers = [not_an_object, not_a_date];
    let started = Instant::now();
    for answer in answers {
        let server = RawServer::start(move |_, _| json(200, &answer)).await;
        let error = nirvana(&server.url())
            .operations()
            .get("op_1")
            .await
            .expect_err("not an operation");
        let Error::Decode(decode) = &error else {
            panic!("expected a decode error, got {:.300}", format!("{error:?}"));
        };
        assert!(decode.body.len() > MIB as usize, "the body is kept whole");
        let shown = error.to_string();
        eprintln!(
            "a 1 MiB string in a typed field: {} characters",
            shown.len()
        );
        assert!(shown.len() < 700, "{} characters", shown.len());
        assert!(shown.contains("more bytes"), "{shown}");
        assert_eq!(server.seen().len(), 1, "a decode error is not retried");
    }
    let server = RawServer::start(move |_, _| json(400, &bad_request)).await;
    let error = nirvana(&server.url())
        .operations()
        .get("op_1")
        .await
        .expect_err("400");
    assert_eq!(
        error
            .as_api_error()
            .and_then(|e| e.code.as_ref())
            .map(String::len),
        Some(50_000)
    );
    let shown = error.to_string();
    eprintln!("a 50 KB error code: {} characters", shown.len());
    assert!(shown.len() < 700, "{} characters", shown.len());
    assert_quick(started);
    assert_eq!(server.seen().len(), 1, "a 400 is not retried");
}

// ---------------------------------------------------------------------------------------------
// Side effects

/// A POST without an idempotency key is not re-sent once it may have reached the server: after
/// a timeout or a reset, the restart and the ECS reboot happen once (they used to happen 3
/// times).
#[tokio::test]
async fn a_side_effect_is_not_repeated_after_a_timeout_or_a_reset() {
    let started = Instant::now();
    let stalled = RawServer::start(|_, _| Reply::Stall).await;
    let error = nirvana(&stalled.url())
        .compute()
        .vms()
        .restart("vm_1")
        .timeout(Duration::from_millis(200))
        .await
        .expect_err("no answer");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");

    let reset = RawServer::start(|_, _| Reply::Close).await;
    let error = nirvana(&reset.url())
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect_err("reset");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    let error = ecs(&reset.url())
        .servers()
        .reboot("srv_1", RebootType::Hard)
        .await
        .expect_err("reset");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");

    let failing = RawServer::start(|_, _| json(500, &json!({"error": "boom"}))).await;
    let error = nirvana(&failing.url())
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect_err("500");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_quick(started);
    settle().await;
    assert_eq!(stalled.seen().len(), 1, "restart after a timeout");
    assert_eq!(reset.seen().len(), 2, "restart and reboot after a reset");
    assert_eq!(failing.seen().len(), 1, "restart after a 500");
}

/// What may be retried still is: a 503 or 429 (the server did nothing), a GET after a reset,
/// and a POST carrying an idempotency key after a timeout, with the same key each time.
#[tokio::test]
async fn safe_retries_still_happen() {
    let started = Instant::now();
    let busy = RawServer::start(|_, index| match index {
        0 => json(503, &json!({})),
        1 => json(429, &json!({})),
        _ => json(200, &operation("op_1", "pending")),
    })
    .await;
    nirvana(&busy.url())
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect("third attempt");
    assert_eq!(busy.seen().len(), 3);

    let flaky = RawServer::start(|_, index| match index {
        0 => Reply::Close,
        _ => json(200, &operation("op_1", "done")),
    })
    .await;
    nirvana(&flaky.url())
        .operations()
        .get("op_1")
        .await
        .expect("a GET is re-sent");
    assert_eq!(flaky.seen().len(), 2);

    let stalled = RawServer::start(|_, _| Reply::Stall).await;
    let amount = Decimal::new("25.00").expect("decimal");
    let error = nirvana(&stalled.url())
        .organizations()
        .billing()
        .top_up("org_1", OrganizationsBillingTopUpParams::new(amount))
        .timeout(Duration::from_millis(100))
        .await
        .expect_err("no answer");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_quick(started);
    let seen = stalled.seen();
    assert_eq!(seen.len(), 3, "a keyed POST is retried");
    let key = seen[0].header("idempotency-key").expect("key");
    assert!(
        seen.iter()
            .all(|s| s.header("idempotency-key") == Some(key))
    );
}

/// A resolver for the tests' own host name: the first lookup fails (a DNS failure), the second
/// leads to 127.0.0.2, where nothing listens (the connection is refused), and the later ones
/// to 127.0.0.1, where the server is. The port is the URL's.
struct FailingTwice(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl reqwest::dns::Resolve for FailingTwice {
    fn resolve(&self, _: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let lookup = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async move {
            let ip = match lookup {
                0 => return Err("no such host (on purpose)".into()),
                1 => [127, 0, 0, 2],
                _ => [127, 0, 0, 1],
            };
            let addrs: reqwest::dns::Addrs =
                Box::new(std::iter::once(std::net::SocketAddr::from((ip, 0))));
            Ok(addrs)
        })
    }
}

/// A request that is not idempotent is retried when it certainly never reached the server: a
/// bare POST (`restart`, no idempotency key) whose first attempt fails in DNS and whose second
/// is refused at connect is sent a third time, and the server sees it once.
#[tokio::test]
async fn a_side_effect_is_retried_when_it_never_reached_the_server() {
    let server = RawServer::start(|_, _| json(200, &operation("op_1", "pending"))).await;
    let lookups = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let resolver = std::sync::Arc::new(FailingTwice(lookups.clone()));
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://hostile.localhost:{}", server.addr.port()))
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .configure_http(move |http| http.dns_resolver(resolver.clone()))
        .build()
        .expect("client");
    let started = Instant::now();
    client
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect("the third attempt reaches the server");
    assert_quick(started);
    assert_eq!(lookups.load(std::sync::atomic::Ordering::SeqCst), 3);
    settle().await;
    let seen = server.seen();
    assert_eq!(seen.len(), 1, "the restart happened once");
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].target, "/v1/compute/vms/vm_1/restart");
    assert_eq!(seen[0].header("idempotency-key"), None, "a bare POST");
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// A wait limit is a deadline: against a poll that never answers, with the client's default
/// 60 s attempt timeout, `wait` ends with `WaitTimeout` within the limit + 10% + 100 ms (it used
/// to end 16.4 s after a 2 s limit, with `Timeout`).
#[tokio::test]
async fn a_stuck_waiter_returns_wait_timeout_within_the_bound() {
    let _exclusive = EXCLUSIVE.lock().await;
    let server = RawServer::start(|_, _| Reply::Stall).await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.url())
        .build()
        .expect("client");
    let running: Operation =
        serde_json::from_value(operation("op_1", "running")).expect("operation");
    let limit = Duration::from_secs(2);
    let started = Instant::now();
    let error = running
        .wait_with(
            &client,
            WaitOptions::default()
                .initial_delay(Duration::from_millis(50))
                .timeout(limit),
        )
        .await
        .expect_err("never done");
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::WaitTimeout { .. }), "{error:?}");
    assert!(
        elapsed <= limit.mul_f64(1.1) + Duration::from_millis(100),
        "{elapsed:?}"
    );
    assert!(elapsed >= limit, "{elapsed:?}");
    settle().await;
    let seen = server.seen();
    assert!(
        (1..=3).contains(&seen.len()),
        "the stuck poll is not re-sent over and over: {} polls",
        seen.len()
    );
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.target == "/v1/operations/op_1"),
        "{seen:?}"
    );
}

/// A call's deadline bounds every attempt and backoff together, per call and per client.
#[tokio::test]
async fn a_deadline_bounds_the_whole_call() {
    let _exclusive = EXCLUSIVE.lock().await;
    let server = RawServer::start(|_, _| Reply::Stall).await;
    let deadline = Duration::from_millis(700);
    let per_call = nirvana(&server.url())
        .operations()
        .get("op_1")
        .timeout(Duration::from_millis(300))
        .max_retries(10)
        .deadline(deadline);
    let per_client = Client::builder()
        .api_key(KEY)
        .base_url(server.url())
        .retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .timeout(Duration::from_millis(300))
        .max_retries(10)
        .deadline(deadline)
        .build()
        .expect("client");
    for call in [per_call, per_client.operations().get("op_1")] {
        let started = Instant::now();
        let error = call.await.expect_err("never answered");
        let elapsed = started.elapsed();
        assert!(
            matches!(error, Error::DeadlineExceeded { attempts: 3, .. }),
            "{error:?}"
        );
        assert!(elapsed >= deadline, "{elapsed:?}");
        assert!(
            elapsed <= deadline.mul_f64(1.1) + Duration::from_millis(100),
            "{elapsed:?}"
        );
    }
    settle().await;
    let seen = server.seen();
    assert_eq!(seen.len(), 6, "three attempts per call");
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.target == "/v1/operations/op_1")
    );
}

/// A retry that cannot start before the deadline is not begun: the server's answer comes back
/// at once instead of after its `Retry-After`.
#[tokio::test]
async fn a_retry_that_cannot_fit_returns_the_last_answer_at_once() {
    let _exclusive = EXCLUSIVE.lock().await;
    let server = RawServer::start(|_, _| {
        Reply::Raw(response(
            503,
            &[("retry-after", "5")],
            b"{\"message\":\"busy\"}",
        ))
    })
    .await;
    let started = Instant::now();
    let error = nirvana(&server.url())
        .operations()
        .get("op_1")
        .deadline(Duration::from_secs(1))
        .await
        .expect_err("busy");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.seen().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Configuration

/// Base URLs are checked at `build()`: a query, a fragment, surrounding spaces or a user name
/// are refused; a path prefix is kept. A URL the `url` crate writes shorter (leading zeros in
/// the address, `/x/..` segments, a default port) is kept as it writes it: such URLs used to
/// build and then make every call panic.
#[tokio::test]
async fn base_urls_are_checked_when_the_client_is_built() {
    let started = Instant::now();
    for bad in [
        "https://api.example/api?tenant=1",
        "https://api.example/api?",
        "https://api.example/api#section",
        " https://api.example/api",
        "https://api.example/api ",
        "https://user:password@api.example/",
        "https://user@api.example/",
        "ftp://api.example/",
        "",
    ] {
        let result = Client::builder().api_key(KEY).base_url(bad).build();
        assert!(matches!(result, Err(Error::Config(_))), "{bad:?}");
    }
    let server = RawServer::start(|_, _| json(200, &operation("op_1", "done"))).await;
    let prefixed = format!("{}/api/", server.url());
    nirvana(&prefixed)
        .operations()
        .get("op_1")
        .await
        .expect("prefixed");
    assert_eq!(server.seen()[0].target, "/api/v1/operations/op_1");

    let port = server.addr.port();
    for (given, path) in [
        (format!("http://127.000.000.001:{port}"), ""),
        (format!("http://127.0000000000.0.1:{port}/"), ""),
        (format!("http://0x7f.1:{port}"), ""),
        (format!("http://127.0.0.1:{port}{}", "/x/..".repeat(20)), ""),
        (format!("HTTP://LOCALHOST:{port}/api/./v2/../"), "/api"),
    ] {
        let client = nirvana(&given);
        let before = server.seen().len();
        client
            .operations()
            .get("op_1")
            .await
            .unwrap_or_else(|e| panic!("{given}: {e}"));
        let seen = server.seen();
        assert_eq!(seen.len(), before + 1, "{given}");
        assert_eq!(seen[before].target, format!("{path}/v1/operations/op_1"));
    }
    assert_quick(started);
}

/// A value pasted into the host must be a DNS label: an ECS region such as
/// `x@attacker.example/` is refused instead of sending the token to attacker.example.
#[test]
fn the_ecs_region_must_be_a_dns_label() {
    let started = Instant::now();
    let build = |region: &str| {
        generated_sdk::ecs::Client::builder()
            .auth_token(TOKEN)
            .project_id("proj")
            .region(region)
            .build()
    };
    for bad in [
        "x@attacker.example/",
        "attacker.example",
        "cn-north-4.evil",
        "a/b",
        "-cn",
        "cn north",
        "cn-north-4:444",
        &"a".repeat(64),
    ] {
        assert!(matches!(build(bad), Err(Error::Config(_))), "{bad:?}");
    }
    let client = build("cn-north-4").expect("a real region");
    assert_eq!(
        client.base_url(),
        "https://ecs.cn-north-4.myhuaweicloud.com"
    );
    assert_quick(started);
}

/// `Debug` of builders and clients shows neither credentials nor a URL's user name and
/// password; plain `http://` with credentials to another machine needs an explicit opt-in.
#[test]
fn debug_hides_secrets_and_plain_http_needs_an_opt_in() {
    let started = Instant::now();
    let builder = Client::builder()
        .api_key(KEY)
        .base_url("https://alice:s3cret@api.example/");
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains("s3cret") && !shown.contains("alice"),
        "{shown}"
    );
    assert!(!shown.contains(KEY), "{shown}");
    let client = Client::builder()
        .api_key(KEY)
        .base_url("https://api.example")
        .build()
        .expect("client");
    assert!(!format!("{client:?}").contains(KEY));
    let call = client
        .operations()
        .get("op_1")
        .header("Authorization", "Bearer per-call-secret")
        .header("X-Trace", "visible");
    let shown = format!("{call:?}");
    assert!(
        !shown.contains("per-call-secret") && shown.contains("visible"),
        "{shown}"
    );

    let remote = Client::builder()
        .api_key(KEY)
        .base_url("http://api.example")
        .build();
    assert!(matches!(remote, Err(Error::Config(m)) if m.contains("allow_insecure_http")));
    Client::builder()
        .api_key(KEY)
        .base_url("http://api.example")
        .allow_insecure_http(true)
        .build()
        .expect("opted in");
    for local in [
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://[::1]:8080",
    ] {
        Client::builder()
            .api_key(KEY)
            .base_url(local)
            .build()
            .unwrap_or_else(|e| panic!("{local}: {e}"));
    }
    assert_quick(started);
}

/// Extreme waiter options used to panic (`initial_delay(Duration::MAX)`, a multiplier of
/// infinity or 1e300 with `max_delay(Duration::MAX)`); now the limit holds.
#[tokio::test]
async fn extreme_wait_options_do_not_panic() {
    let _exclusive = EXCLUSIVE.lock().await;
    let server = RawServer::start(|_, _| json(200, &operation("op_1", "running"))).await;
    let client = nirvana(&server.url());
    let running: Operation =
        serde_json::from_value(operation("op_1", "running")).expect("operation");
    let limit = Duration::from_millis(300);
    let options = [
        WaitOptions::default().initial_delay(Duration::MAX),
        WaitOptions::default()
            .initial_delay(Duration::from_millis(1))
            .multiplier(f64::INFINITY)
            .max_delay(Duration::MAX),
        WaitOptions::default()
            .initial_delay(Duration::from_millis(1))
            .multiplier(1e300)
            .max_delay(Duration::MAX),
        WaitOptions::default().multiplier(f64::NAN),
    ];
    for options in options {
        let before = server.seen().len();
        let started = Instant::now();
        let error = running
            .wait_with(&client, options.timeout(limit))
            .await
            .expect_err("never done");
        assert!(matches!(error, Error::WaitTimeout { .. }), "{error:?}");
        assert!(started.elapsed() <= limit.mul_f64(1.1) + Duration::from_millis(100));
        let polls = server.seen().len() - before;
        assert!(polls <= 10, "{options:?}: {polls} polls in {limit:?}");
    }
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.method == "GET" && s.target == "/v1/operations/op_1")
    );
}

// ---------------------------------------------------------------------------------------------
// Permanent failures

/// An untrusted certificate is one handshake, not three.
#[tokio::test]
async fn an_untrusted_certificate_is_not_retried() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("certificate");
    let key = rustls_pki_types::PrivateKeyDer::try_from(certified.signing_key.serialize_der())
        .expect("key");
    let config = tokio_rustls::rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .expect("tls config");
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handshakes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = handshakes.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = acceptor.accept(stream).await;
        }
    });
    let started = Instant::now();
    let error = nirvana(&format!("https://localhost:{port}"))
        .operations()
        .get("op_1")
        .await
        .expect_err("untrusted");
    assert_quick(started);
    settle().await;
    task.abort();
    assert!(matches!(error, Error::Tls(_)), "{error:?}");
    assert!(!error.is_retryable());
    assert_eq!(handshakes.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// A 1 MiB id is refused before anything is sent (it used to be a retryable `Connection`
/// error), and so are framing headers and an empty idempotency key.
#[tokio::test]
async fn requests_over_the_limits_or_with_framing_headers_are_refused_unsent() {
    let server = RawServer::start(|_, _| json(200, &operation("op_1", "done"))).await;
    let client = nirvana(&server.url());
    let started = Instant::now();
    let long_id = "a".repeat(1024 * 1024);
    let error = client
        .operations()
        .get(&long_id)
        .await
        .expect_err("too long");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(!error.is_retryable());
    let long_query = client
        .operations()
        .get("op_1")
        .query("q", "a".repeat(40 * 1024))
        .await
        .expect_err("URL too long");
    assert!(
        matches!(long_query, Error::InvalidRequest(_)),
        "{long_query:?}"
    );
    let long_header = client
        .operations()
        .get("op_1")
        .header("x-note", "a".repeat(17 * 1024))
        .await
        .expect_err("header too long");
    assert!(
        matches!(long_header, Error::InvalidRequest(_)),
        "{long_header:?}"
    );
    for (name, value) in [
        ("Content-Length", "5"),
        ("transfer-encoding", "chunked"),
        ("Host", "attacker.example"),
        ("Connection", "upgrade"),
    ] {
        let error = client
            .compute()
            .vms()
            .restart("vm_1")
            .header(name, value)
            .await
            .expect_err("framing header");
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{name}: {error:?}"
        );
    }
    let amount = Decimal::new("1.00").expect("decimal");
    let error = client
        .organizations()
        .billing()
        .top_up(
            "org_1",
            OrganizationsBillingTopUpParams::new(amount).idempotency_key(""),
        )
        .await
        .expect_err("empty key");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_quick(started);
    settle().await;
    assert_eq!(server.connections(), 0, "nothing was sent");
}

// ---------------------------------------------------------------------------------------------
// Pagination

fn page(items: &[Value], next: Option<&str>) -> Value {
    json!({"items": items, "pagination": {"next_cursor": next, "previous_cursor": null}})
}

/// `next_page()` sees a repeated cursor as the item stream does (50 identical pages used to be
/// followed), and an empty page that carries a cursor leads on to the next page.
#[tokio::test]
async fn cursor_pages_detect_repeats_and_skip_empty_pages() {
    let started = Instant::now();
    let repeating =
        RawServer::start(|_, _| json(200, &page(&[operation("op_1", "done")], Some("c1")))).await;
    let client = nirvana(&repeating.url());
    let first = client
        .operations()
        .list(OperationsListParams::new("proj"))
        .await
        .expect("first page");
    let second = first.next_page().await.expect("second").expect("a page");
    let error = second.next_page().await.expect_err("repeated cursor");
    assert!(matches!(error, Error::Pagination(_)), "{error:?}");
    assert_eq!(repeating.seen().len(), 2);

    let gappy = RawServer::start(|_, index| match index {
        0 => json(200, &page(&[operation("op_1", "done")], Some("c1"))),
        1 => json(200, &page(&[], Some("c2"))),
        _ => json(200, &page(&[operation("op_1", "failed")], None)),
    })
    .await;
    let all: Vec<Operation> = nirvana(&gappy.url())
        .operations()
        .list(OperationsListParams::new("proj"))
        .items()
        .try_collect()
        .await
        .expect("every item");
    assert_eq!(all.len(), 2, "the item after the empty page is there");
    assert_quick(started);
    assert_eq!(gappy.seen().len(), 3);
}

/// An ECS list answer without its items field is a decode error keeping the body, not an
/// empty list.
#[tokio::test]
async fn a_list_without_its_items_field_is_a_decode_error() {
    let server = RawServer::start(|_, _| json(200, &json!({"count": 3}))).await;
    let started = Instant::now();
    let error = ecs(&server.url())
        .cloud_servers()
        .list(Default::default())
        .await
        .expect_err("no servers field");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(decode.body_text(), r#"{"count":3}"#);
    assert_quick(started);
    settle().await;
    assert_eq!(server.seen().len(), 1, "a decode error is not retried");
}

//! Property test over every numeric option of the generated client builders (Nirvana and ECS),
//! the per-call options and the waiter options, and over the spellings of a base URL: whatever
//! the values (zero, `Duration::MAX`, `u32::MAX`, infinities, NaN; leading zeros, `..` segments,
//! default ports, case), building and calling never panics. A value is either refused as
//! `Error::Config` at `build()` or used; a call ends with a value or an error.

use generated_sdk::Error;
use generated_sdk::nirvana::{Client, Operation, RetryPolicy, WaitOptions};
use proptest::prelude::*;
use sdk_tests::operation;
use sdk_tests::raw::{RawServer, json};
use std::time::Duration;

/// Durations from nothing to `Duration::MAX`, the edges weighted up.
fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::ZERO),
        Just(Duration::MAX),
        Just(Duration::from_nanos(1)),
        (0u64..2_000).prop_map(Duration::from_millis),
        any::<u64>().prop_map(Duration::from_secs),
        (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::NAN),
        Just(1e300),
        Just(0.0),
        Just(-1.0),
        any::<f64>(),
        0.5f64..4.0,
    ]
}

/// One spelling of the local server's address, with the port filled in later: the forms the
/// `url` crate writes differently (shorter or longer) than they are typed.
fn base_url() -> impl Strategy<Value = String> {
    let host = prop_oneof![
        Just("127.0.0.1".to_owned()),
        Just("127.000.000.001".to_owned()),
        Just("127.0000000000.0.1".to_owned()),
        Just("0x7f.1".to_owned()),
        Just("2130706433".to_owned()),
        Just("LOCALHOST".to_owned()),
        Just("localhost.".to_owned()),
    ];
    let segment = prop_oneof![
        Just("/x/..".to_owned()),
        Just("/.".to_owned()),
        Just("/%2e%2E".to_owned()),
        Just("/api".to_owned()),
        Just("/".to_owned()),
        Just("/a%20b".to_owned()),
        Just("/é".to_owned()),
    ];
    let scheme = prop_oneof![Just("http"), Just("HTTP"), Just("hTtP")];
    (
        scheme,
        host,
        proptest::collection::vec(segment, 0..24),
        any::<bool>(),
    )
        .prop_map(|(scheme, host, segments, slash)| {
            let tail = if slash { "/" } else { "" };
            format!("{scheme}://{host}:{{port}}{}{tail}", segments.concat())
        })
}

#[derive(Debug, Clone)]
struct Options {
    /// A base URL with `{port}` where the server's port goes.
    base_url: String,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_response_size: Option<u64>,
    retry: RetryPolicy,
    budget: Option<u32>,
    call_timeout: Option<Duration>,
    call_deadline: Option<Duration>,
    call_size: Option<u64>,
    call_retries: Option<u32>,
    wait: WaitOptions,
}

fn options() -> impl Strategy<Value = Options> {
    let client = (
        proptest::option::of(duration()),
        proptest::option::of(duration()),
        proptest::option::of(any::<u64>()),
        (any::<u32>(), duration(), duration(), duration()),
        proptest::option::of(any::<u32>()),
    );
    let call = (
        proptest::option::of(duration()),
        proptest::option::of(duration()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u32>()),
    );
    let wait = (duration(), float(), duration(), duration());
    (client, call, wait, base_url()).prop_map(|(client, call, wait, base_url)| {
        let (timeout, deadline, max_response_size, retry, budget) = client;
        let (max_retries, initial_backoff, max_backoff, max_retry_after) = retry;
        let (call_timeout, call_deadline, call_size, call_retries) = call;
        let (initial_delay, multiplier, max_delay, limit) = wait;
        Options {
            base_url,
            timeout,
            deadline,
            max_response_size,
            retry: RetryPolicy {
                max_retries,
                initial_backoff,
                max_backoff,
                max_retry_after,
            },
            budget,
            call_timeout,
            call_deadline,
            call_size,
            call_retries,
            wait: WaitOptions {
                initial_delay,
                multiplier,
                max_delay,
                // Bounded so that a case ends; the limit's own edges are tested in the runtime.
                timeout: limit.min(Duration::from_millis(50)),
            },
        }
    })
}

async fn exercise(server: &RawServer, o: Options) {
    for jitter in [0.0, 0.5, 1.0, f64::NAN] {
        for retry in [0, 1, 31, u32::MAX] {
            let _ = o.retry.backoff(retry, jitter);
        }
    }
    let base_url = o
        .base_url
        .replace("{port}", &server.addr.port().to_string());
    let ecs = generated_sdk::ecs::Client::builder()
        .auth_token("iam-token")
        .project_id("proj");
    if let Some(client) = built(with_client_options!(ecs, base_url, o)) {
        let _ = tokio::time::timeout(
            Duration::from_millis(300),
            with_call_options!(client.jobs().get("job_1"), o),
        )
        .await;
    }
    let nirvana = Client::builder().api_key("nv-key");
    let Some(client) = built(with_client_options!(nirvana, base_url, o)) else {
        return;
    };
    // A call whose options make it wait for hours is cut here: not panicking is the property.
    let call = with_call_options!(client.operations().get("op_1"), o);
    let _ = tokio::time::timeout(Duration::from_millis(300), call).await;
    let running: Operation =
        serde_json::from_value(operation("op_1", "running")).expect("operation");
    let _ = tokio::time::timeout(
        Duration::from_millis(300),
        running.wait_with(&client, o.wait),
    )
    .await;
}

/// A client builder (Nirvana's or ECS's: the same methods) with every client option of `o`.
macro_rules! with_client_options {
    ($builder:expr, $base_url:expr, $o:expr) => {{
        let mut builder = $builder.base_url(&$base_url).retry_policy($o.retry);
        if let Some(t) = $o.timeout {
            builder = builder.timeout(t);
        }
        if let Some(d) = $o.deadline {
            builder = builder.deadline(d);
        }
        if let Some(s) = $o.max_response_size {
            builder = builder.max_response_size(s);
        }
        if let Some(b) = $o.budget {
            builder = builder.retry_budget(b);
        }
        builder.build()
    }};
}
use with_client_options;

/// A call with every per-call option of `o`.
macro_rules! with_call_options {
    ($call:expr, $o:expr) => {{
        let mut call = $call;
        if let Some(t) = $o.call_timeout {
            call = call.timeout(t);
        }
        if let Some(d) = $o.call_deadline {
            call = call.deadline(d);
        }
        if let Some(s) = $o.call_size {
            call = call.max_response_size(s);
        }
        if let Some(r) = $o.call_retries {
            call = call.max_retries(r);
        }
        call
    }};
}
use with_call_options;

/// The client `build()` made, or `None` when it refused the options with a `Config` error,
/// the only error it may give.
fn built<C>(result: Result<C, Error>) -> Option<C> {
    match result {
        Ok(client) => Some(client),
        Err(Error::Config(_)) => None,
        Err(other) => panic!("build() may only fail with Config: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_option_value_panics(o in options()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let server = RawServer::start(|_, _| json(200, &operation("op_1", "running"))).await;
            exercise(&server, o).await;
        });
    }
}

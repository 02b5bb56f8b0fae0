//! Runtime overhead of the generated client (`cargo bench -p sdk-tests --bench client`, `BENCHMARKS.md`): 10,000
//! requests per iteration to a local canned-answer server, getting one operation and listing a
//! page of 100, with `generated_sdk::nirvana::Client` and with a hand-written reqwest + serde
//! client decoding into the same models; and items per second through the auto-paginating
//! `.items()` stream. After criterion's figures, an interleaved run prints the
//! generated/hand-written time ratio per request, the figure the 1.10x target is about.
//!
//! The server runs as tasks of the client's single-threaded runtime (`BENCH_SERVER=same-thread`,
//! the default): client and server take turns on one core, so a request costs the CPU work of
//! client, kernel and server and nothing else. `BENCH_SERVER=own-thread` puts the server on a
//! thread of its own; on an idle virtual machine each round trip then also waits for an idle
//! core to wake up, which takes longer than either client's own work.

use criterion::{Criterion, SamplingMode, Throughput};
use futures::TryStreamExt;
use generated_sdk::nirvana::{Client, Operation, OperationsListParams};
use sdk_tests::bench::{HandClient, Page, Server, generated_client};
use serde::Deserialize;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

/// Requests per iteration of the request benchmarks.
const REQUESTS: usize = 10_000;
/// Operations per page.
const PER_PAGE: usize = 100;
/// Pages the stream walks: 100 pages of 100, 10,000 items per iteration.
const PAGES: usize = 100;

/// An operation as a minimal hand-written client might model it: strings instead of typed
/// dates and enums, the details left as JSON. Shows what the typed models cost to decode.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainOperation {
    id: String,
    created_at: String,
    details: Option<serde_json::Value>,
    kind: String,
    project_id: String,
    resource_id: String,
    status: String,
    #[serde(rename = "type")]
    kind_of_change: String,
    updated_at: String,
}

async fn generated_gets(client: &Client) {
    for _ in 0..REQUESTS {
        black_box(client.operations().get("op_1").await.expect("get"));
    }
}

async fn hand_gets(client: &HandClient) {
    for _ in 0..REQUESTS {
        let op: Operation = client.get_operation("op_1").await.expect("get");
        black_box(op);
    }
}

async fn generated_lists(client: &Client) {
    for _ in 0..REQUESTS {
        let page = client
            .operations()
            .list(OperationsListParams::new("p").limit(PER_PAGE as i64))
            .await
            .expect("list");
        assert_eq!(page.items.len(), PER_PAGE);
        black_box(page);
    }
}

async fn hand_lists<T: serde::de::DeserializeOwned>(client: &HandClient) {
    for _ in 0..REQUESTS {
        let page: Page<T> = client
            .list_operations("p", PER_PAGE as u32, None)
            .await
            .expect("list");
        assert_eq!(page.items.len(), PER_PAGE);
        black_box(page);
    }
}

async fn generated_items(client: &Client) {
    let count = client
        .operations()
        .list(OperationsListParams::new("p").limit(PER_PAGE as i64))
        .items()
        .try_fold(0usize, |n, op| {
            black_box(op);
            async move { Ok(n + 1) }
        })
        .await
        .expect("items");
    assert_eq!(count, PAGES * PER_PAGE);
}

async fn hand_items(client: &HandClient) {
    let count = client
        .for_each_operation("p", PER_PAGE as u32, |op: Operation| {
            black_box(op);
        })
        .await
        .expect("items");
    assert_eq!(count, PAGES * PER_PAGE);
}

fn request_group<'a>(
    c: &'a mut Criterion,
    name: &str,
    elements: usize,
    seconds: u64,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .throughput(Throughput::Elements(elements as u64))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
    group
}

fn criterion_benches(c: &mut Criterion, rt: &Runtime, generated: &Client, hand: &HandClient) {
    let mut group = request_group(c, "get_operation", REQUESTS, 8);
    group.bench_function("generated", |b| {
        b.iter(|| rt.block_on(generated_gets(generated)))
    });
    group.bench_function("handwritten", |b| b.iter(|| rt.block_on(hand_gets(hand))));
    group.finish();

    let mut group = request_group(c, "list_page_100", REQUESTS, 40);
    group.bench_function("generated", |b| {
        b.iter(|| rt.block_on(generated_lists(generated)))
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| rt.block_on(hand_lists::<Operation>(hand)))
    });
    group.bench_function("handwritten_plain_structs", |b| {
        b.iter(|| rt.block_on(hand_lists::<PlainOperation>(hand)))
    });
    group.finish();

    let mut group = request_group(c, "items_stream", PAGES * PER_PAGE, 8);
    group.bench_function("generated", |b| {
        b.iter(|| rt.block_on(generated_items(generated)))
    });
    group.bench_function("handwritten", |b| b.iter(|| rt.block_on(hand_items(hand))));
    group.finish();
}

/// Times one batch.
fn time(rt: &Runtime, batch: impl std::future::Future<Output = ()>) -> Duration {
    let started = Instant::now();
    rt.block_on(batch);
    started.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Generated and hand-written batches alternate (which goes first alternates too), so drift in
/// the machine's load hits both alike; prints the median per-request times and their ratio.
fn interleaved_ratios(rt: &Runtime, generated: &Client, hand: &HandClient) {
    println!("\ninterleaved comparison, {REQUESTS} requests per batch:");
    println!(
        "{:<16} {:>7} {:>16} {:>16} {:>8} {:>22}",
        "operation", "rounds", "generated µs/req", "handwritten µs/req", "ratio", "ratio min..max"
    );
    type Batch<'a> = Box<dyn Fn() -> Duration + 'a>;
    let cases: [(&str, usize, Batch<'_>, Batch<'_>); 2] = [
        (
            "get_operation",
            7,
            Box::new(|| time(rt, generated_gets(generated))),
            Box::new(|| time(rt, hand_gets(hand))),
        ),
        (
            "list_page_100",
            5,
            Box::new(|| time(rt, generated_lists(generated))),
            Box::new(|| time(rt, hand_lists::<Operation>(hand))),
        ),
    ];
    for (name, rounds, generated_batch, hand_batch) in &cases {
        let mut generated_times = Vec::new();
        let mut hand_times = Vec::new();
        let mut ratios = Vec::new();
        for round in 0..*rounds {
            let (g, h) = if round.is_multiple_of(2) {
                let g = generated_batch();
                (g, hand_batch())
            } else {
                let h = hand_batch();
                (generated_batch(), h)
            };
            let per_request = |d: Duration| d.as_secs_f64() * 1e6 / REQUESTS as f64;
            generated_times.push(per_request(g));
            hand_times.push(per_request(h));
            ratios.push(g.as_secs_f64() / h.as_secs_f64());
        }
        let min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let max = ratios.iter().copied().fold(0.0, f64::max);
        println!(
            "{:<16} {:>7} {:>16.2} {:>18.2} {:>8.3} {:>14.3}..{:.3}",
            name,
            rounds,
            median(&mut generated_times),
            median(&mut hand_times),
            median(&mut ratios),
            min,
            max
        );
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let own_thread = match std::env::var("BENCH_SERVER").as_deref() {
        Ok("own-thread") => true,
        Ok("same-thread") | Err(_) => false,
        Ok(other) => panic!("BENCH_SERVER must be same-thread or own-thread, not {other:?}"),
    };
    let server = if own_thread {
        Server::start(PAGES, PER_PAGE)
    } else {
        let _inside = rt.enter();
        Server::spawn(PAGES, PER_PAGE)
    };
    println!(
        "server: {}",
        if own_thread {
            "own thread"
        } else {
            "same thread as the client"
        }
    );
    let generated = generated_client(&server.base_url());
    let hand = HandClient::new(&server.base_url());
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &rt, &generated, &hand);
    c.final_summary();
    // `cargo bench` passes `--bench`; a test-mode run (`cargo test --benches`) does not, and
    // skips the long comparison, as do `--list` and `--profile-time` (profiling one benchmark).
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let listing = std::env::args().any(|a| a == "--list" || a == "--profile-time");
    if bench_mode && !listing {
        interleaved_ratios(&rt, &generated, &hand);
    }
    drop(server);
}

//! Criterion benchmarks of the generator (`cargo bench -p generator`): the whole pipeline
//! (load + validate + emit + format, `generator::generate`) and each stage alone, on
//! `spec/ecs.yaml`, `spec/nirvana.yaml` and the 2,000-endpoint synthetic spec of
//! `cargo xtask synth-spec 2000`, reported as time and endpoints per second. `BENCHMARKS.md`
//! holds the method and the figures.

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use generator::model::Krate;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// The synthetic spec generator, shared with `cargo xtask synth-spec` so both make the same text.
#[path = "../../xtask/src/synth.rs"]
mod synth;

/// Endpoints of the synthetic spec, as in the issue: 2,000 endpoints and 1,000 types.
const SYNTH_ENDPOINTS: usize = 2000;

fn count_methods(resources: &[generator::model::Resource]) -> usize {
    resources
        .iter()
        .map(|r| r.methods.len() + count_methods(&r.children))
        .sum()
}

/// One benchmark input: a name, its spec and its endpoint count.
struct Case {
    name: String,
    sources: Vec<generator::SpecSource>,
    endpoints: u64,
}

fn case(name: &str, path: &str, text: String) -> Case {
    let sources = vec![generator::SpecSource {
        path: path.to_owned(),
        text,
    }];
    let apis = generator::models(&sources).unwrap_or_else(|e| panic!("{name}: {e}"));
    let endpoints = apis
        .iter()
        .map(|a| count_methods(&a.resources))
        .sum::<usize>() as u64;
    Case {
        name: name.to_owned(),
        sources,
        endpoints,
    }
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    vec![
        case("ecs", "spec/ecs.yaml", read("spec/ecs.yaml")),
        case("nirvana", "spec/nirvana.yaml", read("spec/nirvana.yaml")),
        case(
            &format!("synth-{SYNTH_ENDPOINTS}"),
            &format!("target/synth/synth-{SYNTH_ENDPOINTS}.yaml"),
            synth::synth_spec(SYNTH_ENDPOINTS),
        ),
    ]
}

/// Flat sampling (the same number of iterations in every sample); fewer samples for the big
/// spec, so a whole run stays within about five minutes.
fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    case: &Case,
) {
    group
        .throughput(Throughput::Elements(case.endpoints))
        .sampling_mode(SamplingMode::Flat);
    if case.endpoints > 500 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
    } else {
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(8));
    }
}

/// `generator::generate`: spec texts in, formatted files out.
fn whole(c: &mut Criterion, cases: &[Case]) {
    for case in cases {
        let mut group = c.benchmark_group("generate");
        configure(&mut group, case);
        group.bench_function(&case.name, |b| {
            b.iter(|| generator::generate(black_box(&case.sources)).expect("generate"))
        });
        group.finish();
    }
}

/// The Rust token streams of the emitted files (everything but the runtime and `Cargo.toml`).
fn rust_files(apis: &[generator::model::Api]) -> Vec<proc_macro2::TokenStream> {
    generator::emit::crate_files(&Krate::default(), apis)
        .into_iter()
        .filter_map(|file| match file.content {
            generator::emit::Content::Rust(tokens) => Some(tokens),
            _ => None,
        })
        .collect()
}

/// The stages alone: load + validate (`models`), emit (tokens), format (the whole of
/// `write::render`), and format's two parts: parsing tokens into a syntax tree (`syn`) and
/// printing it (`prettyplease`).
fn stages(c: &mut Criterion, cases: &[Case]) {
    for case in cases {
        let mut group = c.benchmark_group(format!("stages/{}", case.name));
        configure(&mut group, case);
        group.bench_function("load+validate", |b| {
            b.iter(|| generator::models(black_box(&case.sources)).expect("models"))
        });
        let apis = generator::models(&case.sources).expect("models");
        group.bench_function("emit", |b| {
            b.iter(|| generator::emit::crate_files(&Krate::default(), black_box(&apis)))
        });
        group.bench_function("format", |b| {
            b.iter_batched(
                || generator::emit::crate_files(&Krate::default(), &apis),
                |files| generator::write::render(files).expect("render"),
                BatchSize::PerIteration,
            )
        });
        let tokens = rust_files(&apis);
        group.bench_function("format:parse", |b| {
            b.iter_batched(
                || tokens.clone(),
                |tokens| {
                    tokens
                        .into_iter()
                        .map(|t| syn::parse2::<syn::File>(t).expect("parse"))
                        .collect::<Vec<_>>()
                },
                BatchSize::PerIteration,
            )
        });
        let parsed: Vec<syn::File> = tokens
            .into_iter()
            .map(|t| syn::parse2(t).expect("parse"))
            .collect();
        group.bench_function("format:print", |b| {
            b.iter(|| parsed.iter().map(prettyplease::unparse).collect::<Vec<_>>())
        });
        group.finish();
    }
}

/// What each case generates: files and lines, and the share of the per-endpoint tests.
fn describe(cases: &[Case]) {
    for case in cases {
        let files = generator::generate(&case.sources).expect("generate");
        let lines = |tests: bool| {
            files
                .iter()
                .filter(|(path, _)| path.starts_with("tests/") == tests)
                .map(|(_, text)| text.lines().count())
                .sum::<usize>()
        };
        println!(
            "{}: {} endpoints -> {} files, {} lines ({} of them in tests/)",
            case.name,
            case.endpoints,
            files.len(),
            lines(false) + lines(true),
            lines(true)
        );
    }
}

fn main() {
    let cases = cases();
    describe(&cases);
    let mut c = Criterion::default().configure_from_args();
    whole(&mut c, &cases);
    stages(&mut c, &cases);
    c.final_summary();
}

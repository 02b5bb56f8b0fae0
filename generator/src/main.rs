//! The `generator` binary:
//! `generator <spec.yaml>... --out <crate dir> [--check]` generates (or checks) a crate;
//! `generator check <spec.yaml>...` only validates the specs and prints every problem.

use std::path::PathBuf;

/// mimalloc: the generator allocates a token and a syntax node at a time, and glibc's allocator
/// takes about a fifth of its time (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use generator::write::Stale;
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

const USAGE: &str = "usage: generator <spec.yaml>... --out <crate dir> [--check]\n       generator check <spec.yaml>...";

fn read(paths: &[String]) -> Result<Vec<generator::SpecSource>, String> {
    paths
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .map(|text| generator::SpecSource {
                    path: path.clone(),
                    text,
                })
                .map_err(|e| format!("error: cannot read {path}: {e}"))
        })
        .collect()
}

/// `generator check`: validate only.
fn check(paths: &[String]) -> ExitCode {
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let sources = match read(paths) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    match generator::models(&sources) {
        Ok(apis) => {
            for api in apis {
                let methods = count_methods(&api.resources);
                println!(
                    "{}: ok ({} types, {methods} methods)",
                    api.spec_file,
                    api.types.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(generator::Error::Spec(diagnostics)) => {
            eprintln!("{diagnostics}");
            eprintln!("{} problem(s)", diagnostics.0.len());
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("{other}");
            ExitCode::FAILURE
        }
    }
}

fn count_methods(resources: &[generator::model::Resource]) -> usize {
    resources
        .iter()
        .map(|r| r.methods.len() + count_methods(&r.children))
        .sum()
}

/// Generates the crate and compares each file with the one at `out` (`check_only`) or writes
/// it there as soon as it is formatted; then the files generation no longer produces are
/// reported (or removed).
fn compare_or_write(
    sources: &[generator::SpecSource],
    out: &std::path::Path,
    check_only: bool,
) -> Result<std::io::Result<Vec<Stale>>, generator::Error> {
    use generator::write;
    let outcomes = Mutex::new(Vec::new());
    let sink = |path: &str, text: &str| {
        let outcome = if check_only {
            write::check_file(out, path, text)
        } else {
            write::write_file(out, path, text)
        };
        outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(outcome);
    };
    let files = generator::generate_with(sources, &sink)?;
    let outcomes = outcomes
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let result = (|| {
        let mut changes: Vec<Stale> = Vec::new();
        for outcome in outcomes {
            changes.extend(outcome?);
        }
        // In path order, as `write::check` reports them, whichever thread wrote them.
        changes.sort_by(|a, b| path_of(a).cmp(path_of(b)));
        for path in write::extras(out, &files)? {
            if !check_only {
                std::fs::remove_file(out.join(&path))?;
            }
            changes.push(Stale::Extra(path));
        }
        Ok(changes)
    })();
    Ok(result)
}

fn path_of(change: &Stale) -> &str {
    match change {
        Stale::Missing(path) | Stale::Changed(path) | Stale::Extra(path) => path,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("check") {
        return check(&args[1..]);
    }
    let mut specs = Vec::new();
    let mut out = None;
    let mut check_only = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--check" => check_only = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => specs.push(arg),
        }
    }
    let Some(out) = out.filter(|_| !specs.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let sources = match read(&specs) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let result = match compare_or_write(&sources, &out, check_only) {
        Ok(result) => result,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(changes) if check_only && !changes.is_empty() => {
            for change in changes {
                eprintln!("{change}");
            }
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

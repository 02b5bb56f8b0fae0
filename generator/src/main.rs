//! The `generator` binary: `generator generate <spec.yaml>... --out <crate dir> [--check]`
//! generates (or checks) a crate, `generator check <spec.yaml>...` only validates the specs and
//! prints every problem. The exit codes are for scripts: see [`Exit`].

use clap::{Args, Parser, Subcommand};
use generator::write::Stale;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

/// mimalloc: the generator allocates a token and a syntax node at a time, and glibc's allocator
/// takes about a fifth of its time (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, which mimalloc.h lists just before the
/// `mi_option_use_numa_nodes` the -sys crate names (in both of its versions): how long freed
/// memory waits before it is given back to the system (1,000 ms by default in mimalloc v3, the
/// one the crate builds); -1 keeps it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;

/// Keeps the memory the generator frees for its next allocations. A run is short and frees as
/// it goes (each file's tokens and syntax tree); given back, the memory came back a page fault
/// at a time: 9,200 page faults on the 2,000-endpoint synthetic spec, against 360 kept, and
/// about 6% of the run (BENCHMARKS.md).
fn keep_freed_memory() {
    // SAFETY: mimalloc's options may not be set while other threads allocate; this runs first
    // in `main`, before the generator starts any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

/// Turns YAML API descriptions (spec/README.md) into a Rust client crate.
///
/// Exit codes: 0 success; 1 a spec has problems, or `--check` found the crate out of date;
/// 2 the command line is wrong; 3 a file could not be read or written; 4 a generator bug (it
/// produced invalid Rust: please report it with the spec).
#[derive(Parser)]
#[command(
    name = "generator",
    version,
    propagate_version = true,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a subcommand: the arguments of `generate`.
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from specs, or check that it is up to date.
    Generate(GenerateArgs),
    /// Validate specs only, printing every problem with its file, line and column.
    Check {
        /// The specs to validate.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
    },
    /// Write a spec from an OpenAPI 3.0 or 3.1 document (JSON or YAML). What the spec format
    /// cannot say is printed as a warning with the JSON pointer of the construct and what was
    /// done instead.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The OpenAPI document.
    #[arg(value_name = "OPENAPI")]
    document: PathBuf,
    /// Where to write the spec (default: standard output).
    #[arg(long, value_name = "SPEC")]
    out: Option<PathBuf>,
    /// The API's module name (default: the `--out` file's name, else the document's).
    #[arg(long)]
    name: Option<String>,
    /// Overwrite `--out` from the document alone, without keeping its hand edits (`rust:`
    /// names, resource grouping, `errors`, `waiters`...: spec/README.md lists them).
    #[arg(long)]
    fresh: bool,
}

#[derive(Args)]
struct GenerateArgs {
    /// The specs to generate from, one API module each.
    #[arg(value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// The crate directory to write (or check).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write nothing: list the files that would change and fail if any would.
    #[arg(long)]
    check: bool,
}

/// How the binary ends, as scripts see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Done: the crate is written, up to date, or the specs are valid.
    Success = 0,
    /// A spec has problems, or `--check` found the crate out of date.
    Problems = 1,
    /// The command line is wrong (clap's own code for usage errors).
    Usage = 2,
    /// A file could not be read or written.
    Io = 3,
    /// The generator produced invalid Rust: a bug in the generator, not in the spec.
    Bug = 4,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

fn read(paths: &[PathBuf]) -> Result<Vec<generator::SpecSource>, String> {
    paths
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .map(|text| generator::SpecSource {
                    path: path.display().to_string(),
                    text,
                })
                .map_err(|e| format!("error: cannot read {}: {e}", path.display()))
        })
        .collect()
}

/// The exit code and message of a generator error.
fn failure(error: &generator::Error) -> Exit {
    match error {
        generator::Error::Spec(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{} problem(s)", diagnostics.0.len());
            Exit::Problems
        }
        generator::Error::Io(_) => {
            eprintln!("{error}");
            Exit::Io
        }
        generator::Error::Internal(_) => {
            eprintln!("{error}");
            Exit::Bug
        }
    }
}

/// `generator check`: validate only.
fn check(paths: &[PathBuf]) -> Exit {
    let sources = match read(paths) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("{message}");
            return Exit::Io;
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
            Exit::Success
        }
        Err(error) => failure(&error),
    }
}

fn import(args: &ImportArgs) -> Exit {
    let text = match std::fs::read_to_string(&args.document) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {}: {e}", args.document.display());
            return Exit::Io;
        }
    };
    let stem = |path: &Path| path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = args
        .name
        .clone()
        .or_else(|| args.out.as_deref().and_then(stem))
        .or_else(|| stem(&args.document))
        .unwrap_or_else(|| "api".into());
    let shown = args.document.display().to_string();
    let existing = match &args.out {
        Some(out) if !args.fresh && out.exists() => match std::fs::read_to_string(out) {
            Ok(existing) => Some(existing),
            Err(e) => {
                eprintln!("error: {}: {e}", out.display());
                return Exit::Io;
            }
        },
        _ => None,
    };
    let imported = match generator::import::import_into(&shown, &text, &name, existing.as_deref()) {
        Ok(imported) => imported,
        Err(generator::import::Failure::Document(message)) => {
            eprintln!("error: {shown}: {message}");
            return Exit::Problems;
        }
        Err(generator::import::Failure::Check { yaml, problems }) => {
            eprintln!("{problems}");
            eprintln!(
                "error: the spec imported from {shown} does not pass `check` (a bug of the importer: please report it with the document)"
            );
            if let Some(out) = &args.out {
                let _ = std::fs::write(out, yaml);
            }
            return Exit::Bug;
        }
    };
    for note in &imported.notes {
        eprintln!(
            "warning: {shown}#{}: {}; {}",
            note.pointer, note.what, note.instead
        );
    }
    let written = match &args.out {
        Some(out) => {
            std::fs::write(out, &imported.yaml).map_err(|e| format!("{}: {e}", out.display()))
        }
        None => {
            print!("{}", imported.yaml);
            Ok(())
        }
    };
    match written {
        Ok(()) => Exit::Success,
        Err(message) => {
            eprintln!("error: {message}");
            Exit::Io
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
    out: &Path,
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

/// `generator generate` (or no subcommand).
fn generate(args: &GenerateArgs) -> Exit {
    let (Some(out), false) = (&args.out, args.specs.is_empty()) else {
        let mut command = <Cli as clap::CommandFactory>::command();
        let usage = command.render_usage();
        eprintln!("error: give at least one spec and `--out <DIR>`\n\n{usage}");
        return Exit::Usage;
    };
    let sources = match read(&args.specs) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("{message}");
            return Exit::Io;
        }
    };
    match compare_or_write(&sources, out, args.check) {
        Err(error) => failure(&error),
        Ok(Ok(changes)) if args.check && !changes.is_empty() => {
            for change in changes {
                eprintln!("{change}");
            }
            eprintln!("the crate at {} is out of date", out.display());
            Exit::Problems
        }
        Ok(Ok(_)) => Exit::Success,
        Ok(Err(e)) => {
            eprintln!("error: {}: {e}", out.display());
            Exit::Io
        }
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check { specs }) => check(specs),
        Some(Command::Generate(args)) => generate(args),
        Some(Command::Import(args)) => import(args),
        None => generate(&cli.generate),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PURGE_DELAY` is the option mimalloc's `options.c` defines as the purge delay: its
    /// default is 1,000 (ms), and `main` sets it to -1. (A renumbering would land on another
    /// option, whose default is not 1,000.)
    #[test]
    fn the_purge_delay_is_the_option_main_sets() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option is thread-safe.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
    }

    /// Each kind of generator error has its own exit code (a bug is not a spec problem).
    #[test]
    fn each_error_maps_to_its_exit_code() {
        let spec = generator::Error::Spec(generator::diag::Diagnostics(Vec::new()));
        assert_eq!(failure(&spec), Exit::Problems);
        assert_eq!(failure(&generator::Error::Io("gone".into())), Exit::Io);
        let bug = generator::Error::Internal("invalid Rust".into());
        assert_eq!(failure(&bug), Exit::Bug);
        assert_eq!(
            [
                Exit::Success,
                Exit::Problems,
                Exit::Usage,
                Exit::Io,
                Exit::Bug
            ]
            .map(|e| e as u8),
            [0, 1, 2, 3, 4]
        );
    }
}

//! The generator: YAML API descriptions in, a Rust client crate out.
//!
//! The layers run one way: [`spec`] (YAML with positions) → [`model`] (validated, named) →
//! [`emit`] (tokens) → [`write`] (formatted files). [`generate`] runs them all; `ARCHITECTURE.md`
//! at the workspace root maps the code.

pub mod diag;
pub mod doc_text;
pub mod emit;
pub mod import;
pub mod model;
pub mod naming;
pub mod spec;
pub mod surface;
pub mod write;

pub use diag::{Diagnostic, Diagnostics, Loc};
pub use write::{Files, Stale};

use std::fmt;

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// One or more specs are wrong; each diagnostic names file, line and column.
    Spec(Diagnostics),
    /// A spec file could not be read.
    Io(String),
    /// The generator produced invalid Rust: a bug in the generator, not the spec.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(d) => write!(f, "{d}"),
            Error::Io(m) | Error::Internal(m) => write!(f, "error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// A spec to generate from: its path (used in messages and file headers) and its text.
pub struct SpecSource {
    /// Path as it should appear in messages (`spec/nirvana.yaml`).
    pub path: String,
    /// YAML text.
    pub text: String,
}

/// Loads and validates every spec into models, reporting all problems together.
///
/// Each spec after the first is read on a thread of its own: the specs do not depend on each
/// other until their module names are compared.
pub fn models(specs: &[SpecSource]) -> Result<Vec<model::Api>, Error> {
    type Loaded = Result<model::Api, Vec<diag::Diagnostic>>;
    fn load(source: &SpecSource) -> Loaded {
        let file = spec::load(&source.path, &source.text).map_err(|d| vec![d])?;
        model::resolve(&file).map_err(|d| d.0)
    }
    let loaded: Vec<Result<Loaded, Error>> = std::thread::scope(|scope| {
        let others: Vec<_> = specs
            .iter()
            .skip(1)
            .map(|source| {
                // Reading recurses once per level of the YAML: the main thread's stack.
                let thread = std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, move || load(source));
                (source, thread)
            })
            .collect();
        let mut loaded: Vec<Result<Loaded, Error>> =
            specs.first().map(load).into_iter().map(Ok).collect();
        for (source, thread) in others {
            loaded.push(match thread {
                Ok(thread) => thread.join().map_err(|_| {
                    Error::Internal(format!("generator bug: reading {} panicked", source.path))
                }),
                // No thread to be had: here.
                Err(_) => Ok(load(source)),
            });
        }
        loaded
    });
    let mut apis = Vec::new();
    let mut problems = Vec::new();
    for outcome in loaded {
        match outcome? {
            Ok(api) => apis.push(api),
            Err(found) => problems.extend(found),
        }
    }
    let mut modules = naming::scopes::crate_items();
    for api in &apis {
        if let Err(d) = modules.claim_with(&api.module, &api.module, &api.module_loc, "`name:`") {
            problems.push(d);
        }
    }
    if problems.is_empty() {
        Ok(apis)
    } else {
        let sources = specs.iter().map(|s| (s.path.as_str(), s.text.as_str()));
        Err(Error::Spec(Diagnostics(problems).with_sources(sources)))
    }
}

/// Generates the whole client crate `generated-sdk` from `specs`.
pub fn generate(specs: &[SpecSource]) -> Result<Files, Error> {
    generate_with(specs, &|_, _| {})
}

/// Generates the client crate `krate` (its name and spec directory, which its manifest, docs,
/// doctests and tests name) from `specs`.
pub fn generate_crate(krate: &model::Krate, specs: &[SpecSource]) -> Result<Files, Error> {
    generate_crate_with(krate, specs, &|_, _| {})
}

/// Generates the whole client crate `generated-sdk` from `specs`, handing each file (path,
/// text) to `sink` as soon as it is formatted, on the thread that formatted it, so that writing
/// it overlaps with formatting the others. A spec error stops generation before any file is
/// formatted.
pub fn generate_with(specs: &[SpecSource], sink: write::Sink<'_>) -> Result<Files, Error> {
    generate_crate_with(&model::Krate::default(), specs, sink)
}

/// [`generate_with`] for the crate `krate`.
pub fn generate_crate_with(
    krate: &model::Krate,
    specs: &[SpecSource],
    sink: write::Sink<'_>,
) -> Result<Files, Error> {
    let mut apis = models(specs)?;
    for api in &mut apis {
        api.krate = krate.clone();
    }
    let (mut files, lines) =
        write::render_jobs(&apis, &emit::jobs(krate, &apis), sink).map_err(Error::Internal)?;
    let surface = surface::listing_from(&files, &lines).map_err(Error::Internal)?;
    sink(surface::FILE, &surface);
    files.insert(surface::FILE.to_owned(), surface);
    Ok(files)
}

/// Reads every `*.yaml` file in `dir`, sorted by name, with paths shown relative to `base`.
pub fn read_spec_dir(
    dir: &std::path::Path,
    base: &std::path::Path,
) -> Result<Vec<SpecSource>, Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", dir.display())))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
            let shown = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            Ok(SpecSource { path: shown, text })
        })
        .collect()
}

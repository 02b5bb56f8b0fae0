//! Turns emitted files into text (prettyplease, plus a header saying where each file comes
//! from), and compares or writes them against a crate directory.

use crate::emit::{Content, EmittedFile, Job, api_mods};
use crate::model::Api;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The finished files: path relative to the crate root, and contents.
pub type Files = BTreeMap<String, String>;

/// The public-API lines of each generated source file but `lib.rs` and the `mod.rs` files, read
/// from the syntax tree it was formatted from (`surface::file_lines`), by path.
pub type SurfaceLines = BTreeMap<String, Vec<String>>;

/// Formats emitted files. Fails only if an emitter produced tokens that are not a Rust file,
/// which is a generator bug.
pub fn render(files: Vec<EmittedFile>) -> Result<Files, String> {
    files
        .into_iter()
        .map(|file| render_file(file).map(|(path, text, _)| (path, text)))
        .collect()
}

/// Where each formatted file goes as soon as it is formatted, on the thread that formatted it
/// (the binary writes it there): its path and text.
pub type Sink<'a> = &'a (dyn Fn(&str, &str) + Sync);

/// Emits and formats every job, on as many threads as there are cores (the output does not
/// depend on the order in which jobs finish), then the `mod.rs` of each API, which declares the
/// concept files that turned out not to be empty. Each file is handed to `sink` once formatted.
pub fn render_jobs(
    apis: &[Api],
    jobs: &[Job<'_>],
    sink: Sink<'_>,
) -> Result<(Files, SurfaceLines), String> {
    let (mut files, mut surface) = (Files::new(), SurfaceLines::new());
    for (path, text, lines) in render_in_parallel(jobs, sink)? {
        if let Some(lines) = lines {
            surface.insert(path.clone(), lines);
        }
        files.insert(path, text);
    }
    let modules: Vec<Job<'_>> = apis
        .iter()
        .flat_map(|api| api_mods(api, &|path| files.contains_key(path)))
        .collect();
    for (path, text, _) in render_in_parallel(&modules, sink)? {
        files.insert(path, text);
    }
    Ok((files, surface))
}

/// Emits and formats `jobs` on as many threads as there are cores, handing each file to `sink`.
fn render_in_parallel(jobs: &[Job<'_>], sink: Sink<'_>) -> Result<Vec<Rendered>, String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let work = || -> Result<Vec<Rendered>, String> {
        let mut done = Vec::new();
        while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
            if let Some(file) = job.run() {
                let rendered = render_file(file)?;
                sink(&rendered.0, &rendered.1);
                done.push(rendered);
            }
        }
        Ok(done)
    };
    let results = std::thread::scope(|scope| {
        // Formatting recurses once per level of nesting: workers get the main thread's stack.
        // A worker that cannot start leaves its share of the queue to the others.
        let workers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut results = vec![work()];
        // Every worker is joined, so a panic in one becomes an error here, not a second panic.
        for worker in workers {
            results.push(
                worker
                    .join()
                    .unwrap_or_else(|_| Err("generator bug: a generator thread panicked".into())),
            );
        }
        results
    });
    let mut all = Vec::new();
    for done in results {
        all.extend(done?);
    }
    Ok(all)
}

/// A formatted file: path, text, and its public-API lines if it is a source file they are
/// read from.
type Rendered = (String, String, Option<Vec<String>>);

/// Formats one file and adds the header saying where it comes from; for a source file of an
/// API module (not a `mod.rs`), also reads its public-API lines from the same syntax tree.
fn render_file(file: EmittedFile) -> Result<Rendered, String> {
    let origin = match &file.source {
        Some(source) if source.starts_with("generator/runtime/") => {
            format!(
                "copied from `{source}`. Do not edit: edit that file and run `cargo xtask codegen`."
            )
        }
        Some(dir) if dir.ends_with('/') => {
            format!("from `{dir}`. Do not edit: change the specs and run `cargo xtask codegen`.")
        }
        Some(source) => {
            format!("from `{source}`. Do not edit: change the spec and run `cargo xtask codegen`.")
        }
        None => "by the generator. Do not edit: run `cargo xtask codegen`.".to_owned(),
    };
    let mut surface = None;
    let text = match file.content {
        Content::Rust(tokens) => {
            let syntax: syn::File = syn::parse2(tokens)
                .map_err(|e| format!("generator bug: {} is not valid Rust: {e}", file.path))?;
            if crate::surface::reads_lines_of(&file.path) {
                surface = Some(crate::surface::file_lines(&syntax));
            }
            format!(
                "// @generated by `cargo xtask codegen` {origin}\n{}",
                space_items(&prettyplease::unparse(&syntax))
            )
        }
        Content::Verbatim(text) => {
            format!("// @generated by `cargo xtask codegen`, {origin}\n{text}")
        }
        Content::Text(text) => {
            format!("# @generated by `cargo xtask codegen` {origin}\n{text}")
        }
    };
    Ok((file.path, text, surface))
}

/// Puts a blank line between items (at module and impl level), as hand-written code has;
/// prettyplease prints them back to back. A run of `use` lines stays together.
fn space_items(code: &str) -> String {
    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }
    fn is_use(line: &str) -> bool {
        let line = line.trim_start();
        line.starts_with("use ") || line.starts_with("pub use ")
    }
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    // Inside a `use` that spans lines, and whether the last item was a `use`.
    let mut in_use = false;
    let mut last_was_use = false;
    for line in code.lines() {
        if let Some(p) = prev {
            let trimmed = p.trim_start();
            let item_level = indent(line) <= 4 && indent(line) == indent(p);
            // `);` unindented ends a tuple struct (a map's newtype).
            let ends_item = matches!(trimmed, "}" | "};" | "];")
                || p == ");"
                || (trimmed.ends_with(';')
                    && ["pub type ", "pub const ", "const "]
                        .iter()
                        .any(|k| trimmed.starts_with(k)));
            let ends_module_doc = p.starts_with("//!") && !line.starts_with("//!");
            let is_mod = |l: &str| l.starts_with("mod ") || l.starts_with("pub mod ");
            let ends_mods = is_mod(p) && !is_mod(line);
            let next_closes = matches!(line.trim(), "}" | "};" | "");
            let uses_continue = last_was_use && !in_use && is_use(line);
            let boundary = (item_level && (ends_item || ends_mods || (last_was_use && !in_use)))
                || ends_module_doc;
            if boundary && !next_closes && !uses_continue {
                out.push('\n');
            }
        }
        if !in_use && is_use(line) {
            in_use = !line.trim_end().ends_with(';');
            last_was_use = true;
        } else if in_use {
            in_use = !line.trim_end().ends_with(';');
        } else if !line.trim().is_empty() {
            last_was_use = false;
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// The files under `root` that generation owns: `Cargo.toml` and everything in `src/` and
/// `tests/`.
fn owned_files(root: &Path) -> io::Result<Vec<String>> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) -> io::Result<()> {
        if !dir.exists() {
            return Ok(());
        }
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, root, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if root.join("Cargo.toml").exists() {
        out.push("Cargo.toml".to_owned());
    }
    walk(&root.join("src"), root, &mut out)?;
    walk(&root.join("tests"), root, &mut out)?;
    out.sort();
    Ok(out)
}

/// How a file on disk differs from what generation produces.
#[derive(Debug, PartialEq, Eq)]
pub enum Stale {
    /// The file is missing.
    Missing(String),
    /// The file's contents differ.
    Changed(String),
    /// The file exists but generation does not produce it.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {p}"),
            Stale::Changed(p) => write!(f, "stale:   {p}"),
            Stale::Extra(p) => write!(f, "extra:   {p}"),
        }
    }
}

/// Compares `files` with the crate at `root`, ignoring line-ending differences.
pub fn check(root: &Path, files: &Files) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (path, text) in files {
        stale.extend(check_file(root, path, text)?);
    }
    stale.extend(extras(root, files)?.into_iter().map(Stale::Extra));
    Ok(stale)
}

/// Compares one generated file with its copy in the crate at `root`, ignoring line-ending
/// differences.
pub fn check_file(root: &Path, path: &str, text: &str) -> io::Result<Option<Stale>> {
    match fs::read_to_string(root.join(path)) {
        Ok(on_disk) if on_disk.replace("\r\n", "\n") == text => Ok(None),
        Ok(_) => Ok(Some(Stale::Changed(path.to_owned()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Some(Stale::Missing(path.to_owned()))),
        Err(e) => Err(e),
    }
}

/// The files in the crate at `root` that generation owns (`Cargo.toml`, `src/`, `tests/`) but
/// did not produce this time.
pub fn extras(root: &Path, files: &Files) -> io::Result<Vec<String>> {
    Ok(owned_files(root)?
        .into_iter()
        .filter(|path| !files.contains_key(path))
        .collect())
}

/// Writes one generated file under `root` if it differs from the copy there. Returns how it
/// differed.
pub fn write_file(root: &Path, path: &str, text: &str) -> io::Result<Option<Stale>> {
    let change = check_file(root, path, text)?;
    if change.is_some() {
        let target: PathBuf = root.join(path);
        match fs::write(&target, text) {
            // Its folder is created the first time a file in it is written (safe to race:
            // another thread creating the same folder is not an error).
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(target, text)?;
            }
            written => written?,
        }
    }
    Ok(change)
}

/// Writes `files` under `root`, rewriting only changed files and removing files in `src/`
/// that generation no longer produces. Returns the paths it touched.
pub fn write(root: &Path, files: &Files) -> io::Result<Vec<Stale>> {
    let mut changes = Vec::new();
    for (path, text) in files {
        changes.extend(write_file(root, path, text)?);
    }
    for path in extras(root, files)? {
        fs::remove_file(root.join(&path))?;
        changes.push(Stale::Extra(path));
    }
    Ok(changes)
}

//! `cargo xtask codegen [--check]`: imports the OpenAPI documents of `imported/documents.tsv`
//! into `imported/*.yaml`, then regenerates each generated crate from its specs
//! (`generated-sdk` from `spec/*.yaml`, `imported-sdk` from `imported/*.yaml`), or with
//! `--check` generates in memory and fails listing every file that is stale. Also the benchmark
//! helpers `synth-spec`, `bench-gen`, `bench-build` and `bench-adversarial` (`BENCHMARKS.md`).

mod adversarial;
mod bench;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The generated crates: the directory of their specs, and the crate's name and directory.
/// `imported/` holds the specs the OpenAPI importer makes from published documents.
const CRATES: &[(&str, &str)] = &[("spec", "generated-sdk"), ("imported", "imported-sdk")];

/// Generates the crate `name` from the specs in `spec_dir`; returns the files that differ from
/// disk (written unless `check`). Prints what changed in the public API against the listing on
/// disk, breaking changes first.
fn codegen(
    root: &Path,
    spec_dir: &str,
    name: &str,
    check: bool,
) -> Result<Vec<generator::Stale>, String> {
    let krate = generator::model::Krate::new(name, spec_dir)?;
    let specs = generator::read_spec_dir(&root.join(spec_dir), root).map_err(|e| e.to_string())?;
    let files = generator::generate_crate(&krate, &specs).map_err(|e| e.to_string())?;
    let out = root.join(name);
    let before = std::fs::read_to_string(out.join(generator::surface::FILE)).unwrap_or_default();
    if let Some(after) = files.get(generator::surface::FILE) {
        let summary = generator::surface::summary(&before, after);
        if !summary.0.is_empty() {
            print!("{summary}");
        }
    }
    let result = if check {
        generator::write::check(&out, &files)
    } else {
        generator::write::write(&out, &files)
    };
    result.map_err(|e| format!("error: {e}"))
}

/// The imported APIs and their OpenAPI documents (`imported/documents.tsv`).
fn imported_documents(root: &Path) -> Result<Vec<(String, String)>, String> {
    let table = root.join("imported/documents.tsv");
    let text = std::fs::read_to_string(&table).map_err(|e| format!("{}: {e}", table.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((api, document)) => Ok((api.trim().to_owned(), document.trim().to_owned())),
            None => Err(format!(
                "imported/documents.tsv: `{l}` is not `api<TAB>document`"
            )),
        })
        .collect()
}

/// Imports each document of `imported/documents.tsv` into `imported/<api>.yaml`, keeping the
/// spec's hand edits; returns the specs that differ from disk (written unless `check`).
fn import_documents(root: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    for (api, document) in imported_documents(root)? {
        let text = std::fs::read_to_string(root.join(&document))
            .map_err(|e| format!("{document}: {e}"))?;
        let path = root.join("imported").join(format!("{api}.yaml"));
        let existing = std::fs::read_to_string(&path).ok();
        let imported = generator::import::import_into(&document, &text, &api, existing.as_deref())
            .map_err(|failure| match failure {
                generator::import::Failure::Document(message) => format!("{document}: {message}"),
                generator::import::Failure::Check { problems, .. } => {
                    format!("{problems}\nerror: {document} imports to a spec that fails `check`")
                }
            })?;
        if existing.as_deref() == Some(imported.yaml.as_str()) {
            continue;
        }
        stale.push(format!("imported/{api}.yaml (from {document})"));
        if !check {
            std::fs::write(&path, &imported.yaml)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(stale)
}

const USAGE: &str = "usage: cargo xtask codegen [--check]
       cargo xtask synth-spec N [PATH] [--chain]   (default PATH: target/synth/synth-N.yaml)
       cargo xtask bench-gen [--runs R] [--synth N]
       cargo xtask bench-build [--runs R] [--synth N] [--modules a,b,..]
       cargo xtask bench-adversarial [--runs R]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    let result = match args.as_slice() {
        ["synth-spec", rest @ ..] => Some(bench::synth_spec_command(&root, rest)),
        ["bench-gen", rest @ ..] => Some(bench::bench_gen(&root, rest)),
        ["bench-build", rest @ ..] => Some(bench::bench_build(&root, rest)),
        ["bench-adversarial", rest @ ..] => Some(bench::bench_adversarial(&root, rest)),
        _ => None,
    };
    if let Some(result) = result {
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(bench::Failure::Usage(message)) => {
                eprintln!("{message}\n{USAGE}");
                ExitCode::from(2)
            }
            Err(bench::Failure::Failed(message)) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let check = match args.as_slice() {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    match import_documents(&root, check) {
        Ok(stale) if check && !stale.is_empty() => {
            eprintln!("imported specs out of date with their documents:");
            for spec in &stale {
                eprintln!("  {spec}");
            }
            eprintln!("run `cargo xtask codegen` and commit the result");
            failed = true;
        }
        Ok(written) => {
            for spec in &written {
                println!("  imported {spec}");
            }
        }
        Err(message) => {
            eprintln!("{message}");
            failed = true;
        }
    }
    for (spec_dir, name) in CRATES {
        match codegen(&root, spec_dir, name, check) {
            Ok(stale) if check && !stale.is_empty() => {
                // Listed with the same labels as when writing: missing, stale, extra.
                eprintln!("{name} is out of date with {spec_dir}/:");
                for file in &stale {
                    eprintln!("  {file}");
                }
                eprintln!("run `cargo xtask codegen` and commit the result");
                failed = true;
            }
            Ok(changed) => {
                if !check {
                    for file in &changed {
                        println!("  {file}");
                    }
                    match changed.len() {
                        0 => println!("{name} is up to date"),
                        n => println!("{name}: {n} file(s) written from {spec_dir}/"),
                    }
                }
            }
            Err(message) => {
                eprintln!("{message}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in `generated-sdk` matches what `spec/` generates (rust-analyzer's pattern:
    /// `cargo test` fails on stale output).
    #[test]
    fn generated_sdk_is_fresh() {
        assert_fresh("spec", "generated-sdk");
    }

    /// Each spec of `imported/` is what importing its document gives (with its hand edits).
    #[test]
    fn imported_specs_are_fresh() {
        let stale = import_documents(&workspace_root(), true).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            stale.is_empty(),
            "run `cargo xtask codegen` and commit: {stale:?}"
        );
    }

    /// The checked-in `imported-sdk` matches what `imported/` generates.
    #[test]
    fn imported_sdk_is_fresh() {
        assert_fresh("imported", "imported-sdk");
    }

    fn assert_fresh(spec_dir: &str, name: &str) {
        let stale =
            codegen(&workspace_root(), spec_dir, name, true).unwrap_or_else(|e| panic!("{e}"));
        let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
        assert!(
            stale.is_empty(),
            "{name} is out of date; run `cargo xtask codegen` and commit:\n{}",
            list.join("\n")
        );
    }

    /// Every generated crate is one of `CRATES` and a member of the workspace (its tests run
    /// under `cargo test --workspace`), and names itself in its manifest.
    #[test]
    fn every_generated_crate_is_a_workspace_member() {
        let root = workspace_root();
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        let members = manifest
            .lines()
            .find(|line| line.starts_with("members"))
            .expect("workspace members");
        for (_, name) in CRATES {
            assert!(
                members.contains(&format!("\"{name}\"")),
                "{name} is not a member"
            );
            let own = std::fs::read_to_string(root.join(name).join("Cargo.toml")).expect(name);
            assert!(
                own.contains(&format!("\nname = \"{name}\"\n")),
                "{name}'s manifest"
            );
        }
    }

    /// Editing one description in a spec makes exactly the file that carries it stale.
    #[test]
    fn check_names_the_file_a_spec_edit_makes_stale() {
        let root = workspace_root();
        let mut specs = generator::read_spec_dir(&root.join("spec"), &root).expect("specs");
        let nirvana = specs
            .iter_mut()
            .find(|s| s.path == "spec/nirvana.yaml")
            .expect("spec/nirvana.yaml");
        let edited = nirvana.text.replace(
            "doc: Unique identifier for the Operation.",
            "doc: The operation's id.",
        );
        assert_ne!(edited, nirvana.text, "the description to edit is gone");
        nirvana.text = edited;
        let files = generator::generate(&specs).expect("generate");
        let stale = generator::write::check(&root.join("generated-sdk"), &files).expect("check");
        assert_eq!(
            stale,
            vec![generator::Stale::Changed("src/nirvana/types.rs".into())]
        );
    }

    /// The files under `dir` (with extension `ext`, if given), outside directories named in
    /// `skip`.
    fn files_under(dir: &Path, skip: &[&str], ext: Option<&str>, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // Skipped whether a directory or a file: in a git worktree `.git` is a file naming
            // the main repository's path.
            if skip.iter().any(|s| entry.file_name() == *s) {
                continue;
            }
            if path.is_dir() {
                files_under(&path, skip, ext, out);
            } else if ext.is_none_or(|ext| path.extension().is_some_and(|e| e == ext)) {
                out.push(path);
            }
        }
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        files_under(dir, &["target", "snapshots", ".git"], Some("rs"), out);
    }

    /// The runtime is copied into the generated crate as a module, so its files may refer to
    /// each other only through `super::`, never `crate::`.
    #[test]
    fn runtime_files_do_not_name_the_crate() {
        let dir = workspace_root().join("generator/runtime/src");
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        assert!(!files.is_empty());
        let bad: Vec<String> = files
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                text.lines()
                    .enumerate()
                    .filter(|(_, line)| {
                        let code = line.split("//").next().unwrap_or_default();
                        code.contains("crate::")
                    })
                    .map(|(n, _)| format!("{}:{}", file.display(), n + 1))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            bad.is_empty(),
            "use `super::` instead of `crate::` at:\n{}",
            bad.join("\n")
        );
    }

    /// No file names a path of one machine: the shared material is `../shared/...`, relative
    /// to the repository, so a clone anywhere reads the same.
    #[test]
    fn no_file_names_a_path_of_this_machine() {
        let root = workspace_root();
        let mut files = Vec::new();
        files_under(&root, &["target", ".git"], None, &mut files);
        assert!(files.len() > 50, "found only {} files", files.len());
        // Written in parts, so this file does not name them itself.
        let machine = ["work", "root", "home", "check"].map(|d| format!("/{d}/"));
        let mut bad = Vec::new();
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue; // not text
            };
            for (n, line) in text.lines().enumerate() {
                if let Some(path) = machine.iter().find(|m| line.contains(*m)) {
                    bad.push(format!("{}:{}: {path}", file.display(), n + 1));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "name these relative to the repository (`../shared/...`):\n{}",
            bad.join("\n")
        );
    }

    /// ARCHITECTURE.md's code map names every source file of the project (a `mod.rs`,
    /// `lib.rs` or `main.rs` by its directory), so the map cannot fall behind the tree.
    #[test]
    fn the_code_map_names_every_source_file() {
        let root = workspace_root();
        let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
        let mut files = Vec::new();
        for dir in [
            "generator/src",
            "generator/runtime/src",
            "generator/tests",
            "generator/benches",
            "xtask/src",
            "tests/src",
            "tests/tests",
            "tests/benches",
        ] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 50, "found only {} Rust files", files.len());
        let missing: Vec<String> = files
            .iter()
            .filter(|file| {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                let name = name.unwrap_or_default();
                let named = if matches!(name.as_str(), "mod.rs" | "lib.rs" | "main.rs") {
                    file.parent()
                        .and_then(|d| d.file_name())
                        .map(|d| d.to_string_lossy().into_owned())
                        .unwrap_or_default()
                } else {
                    name
                };
                !map.contains(&named)
            })
            .map(|file| file.display().to_string())
            .collect();
        assert!(
            missing.is_empty(),
            "ARCHITECTURE.md's code map does not name:\n{}",
            missing.join("\n")
        );
    }

    /// The generated code is shaped for review: no generated file of an API module is longer
    /// than about 1,500 lines, and a resource's module never names a feature (its `mod` line
    /// in the API module is gated once).
    #[test]
    fn generated_files_stay_short_and_resource_modules_name_no_feature() {
        let root = workspace_root().join("generated-sdk/src");
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        let mut long = Vec::new();
        let mut gated = Vec::new();
        for file in files
            .iter()
            .filter(|f| !f.starts_with(root.join("runtime")))
        {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let lines = text.lines().count();
            if lines > 1_600 {
                long.push(format!("{} ({lines} lines)", file.display()));
            }
            // src/<api>/<resource>/<file>.rs
            let depth = file
                .strip_prefix(&root)
                .map_or(0, |p| p.components().count());
            if depth == 3 && text.contains("cfg(feature") {
                gated.push(file.display().to_string());
            }
        }
        assert!(files.len() > 40, "found only {} files", files.len());
        assert!(long.is_empty(), "split these: {long:?}");
        assert!(
            gated.is_empty(),
            "resource modules with feature gates: {gated:?}"
        );
    }

    /// rust-analyzer's tidy rule: every Rust file says what it is for in a `//!` line at the
    /// top, and every generated file first says that it is generated.
    #[test]
    fn every_rust_file_starts_with_a_module_doc() {
        let root = workspace_root();
        let mut files = Vec::new();
        for dir in [
            "generator",
            "xtask",
            "generated-sdk",
            "imported-sdk",
            "tests",
        ] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 20, "found only {} Rust files", files.len());
        let mut bad = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let mut lines = text.lines();
            if CRATES
                .iter()
                .any(|(_, name)| file.starts_with(root.join(name)))
            {
                let header = lines.next().unwrap_or_default();
                if !header.starts_with("// @generated by `cargo xtask codegen`") {
                    bad.push(format!("{}: no `// @generated` header", file.display()));
                    continue;
                }
            }
            if !lines.next().is_some_and(|l| l.starts_with("//!")) {
                bad.push(format!(
                    "{}: does not start with a `//!` line",
                    file.display()
                ));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}

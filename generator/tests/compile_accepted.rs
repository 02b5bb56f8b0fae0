//! Accepted specs compile, lint, document and pass their own tests. A batch of random specs
//! (fixed seeds; `common::random_spec_named`), each one that `generator::models` accepts, is
//! generated into one crate, which is then checked as a user's build would check it:
//! `cargo clippy --all-targets -D warnings` (so it compiles), `cargo doc` with
//! `-D warnings`, and `cargo test` (unit tests, doctests, the generated endpoint tests). A
//! spec the generator accepts but rustc, clippy or rustdoc rejects fails this test.
//!
//! `ACCEPTED_SPECS` sets how many specs (default 8), `ACCEPTED_SEED` the seed (default fixed);
//! a long run: `ACCEPTED_SPECS=200 ACCEPTED_SEED=$RANDOM cargo test -p generator --test
//! compile_accepted -- --nocapture`. The crate and its specs stay in
//! `target/accepted-specs/crate` for a look after a failure.

mod common;

use generator::SpecSource;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Tries per module before giving up on finding an accepted spec.
const TRIES: usize = 500;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// An accepted random spec for the module `name`, drawn from the stream of `seed`.
fn accepted(name: &str, seed: u64) -> Option<SpecSource> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = common::random_spec_named(name.to_owned());
    (0..TRIES).find_map(|_| {
        let text = strategy.new_tree(&mut runner).ok()?.current();
        let source = SpecSource {
            path: format!("spec/{name}.yaml"),
            text,
        };
        generator::models(std::slice::from_ref(&source))
            .is_ok()
            .then_some(source)
    })
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes the crate generated from `specs` (and the specs, for a look after a failure).
fn write_crate(dir: &Path, specs: &[SpecSource]) {
    let _ = std::fs::remove_dir_all(dir);
    let files = generator::generate(specs).unwrap_or_else(|e| panic!("generation failed: {e}"));
    for (path, text) in files.iter() {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directory");
        let text = if path.ends_with("Cargo.toml") {
            // Its own workspace (the directory lies inside this one's `target/`), with the
            // outer workspace's small debug info: CI's disk holds both dependency trees.
            format!(
                "{text}\n[workspace]\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n\
                 [profile.dev.package.\"*\"]\ndebug = false\n"
            )
        } else {
            text.clone()
        };
        std::fs::write(&path, text).expect("file written");
    }
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    for spec in specs {
        let path = dir.join(&spec.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directory");
        std::fs::write(path, &spec.text).expect("spec written");
    }
}

/// Runs `cargo <args>` in `dir`; panics with its output when it fails.
fn cargo(dir: &Path, target: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        // The crate is rebuilt from scratch whenever its specs change: incremental state would
        // only take disk.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never");
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let out = command.output().expect("cargo runs");
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let tail: String = stderr
            .lines()
            .rev()
            .take(80)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        panic!(
            "`cargo {}` failed on the crate of accepted specs in {} (its specs are in spec/):\n{tail}\n{}",
            args.join(" "),
            dir.display(),
            stdout.lines().rev().take(40).collect::<Vec<_>>().join("\n")
        );
    }
}

#[test]
fn accepted_random_specs_build_lint_document_and_pass_their_tests() {
    let count = setting("ACCEPTED_SPECS", 8);
    let seed = setting("ACCEPTED_SEED", 0x005e_ed13);
    let specs: Vec<SpecSource> = (0..count)
        .filter_map(|i| accepted(&format!("fuzz{i:03}"), seed.wrapping_add(i)))
        .collect();
    assert!(
        specs.len() as u64 * 2 >= count,
        "only {} of {count} modules found an accepted spec in {TRIES} tries",
        specs.len()
    );
    let root = workspace().join("target/accepted-specs");
    let dir = root.join("crate");
    let target = root.join("target");
    write_crate(&dir, &specs);
    cargo(
        &dir,
        &target,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
        None,
    );
    cargo(&dir, &target, &["doc", "--no-deps"], Some("-D warnings"));
    cargo(&dir, &target, &["test"], None);
    eprintln!(
        "{} accepted random specs built, linted, documented and tested",
        specs.len()
    );
}

//! `cargo xtask codegen [--check]`: regenerates `generated-sdk` from `spec/*.yaml`, or with
//! `--check` generates in memory and fails listing every file that is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Generates the SDK; returns the files that differ from disk (written unless `check`).
fn codegen(root: &Path, check: bool) -> Result<Vec<generator::Stale>, String> {
    let specs = generator::read_spec_dir(&root.join("spec"), root).map_err(|e| e.to_string())?;
    let files = generator::generate(&specs).map_err(|e| e.to_string())?;
    let out = root.join("generated-sdk");
    let result = if check {
        generator::write::check(&out, &files)
    } else {
        generator::write::write(&out, &files)
    };
    result.map_err(|e| format!("error: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let check = match args.as_slice() {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            return ExitCode::from(2);
        }
    };
    match codegen(&workspace_root(), check) {
        Ok(stale) if check && !stale.is_empty() => {
            eprintln!("generated-sdk is out of date with spec/:");
            for file in &stale {
                eprintln!("  {file}");
            }
            eprintln!("run `cargo xtask codegen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(changed) => {
            if !check {
                for file in &changed {
                    println!("  {file}");
                }
                println!(
                    "generated-sdk is up to date ({} file(s) changed)",
                    changed.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in `generated-sdk` matches what `spec/` generates (rust-analyzer's pattern:
    /// `cargo test` fails on stale output).
    #[test]
    fn generated_sdk_is_fresh() {
        let stale = codegen(&workspace_root(), true).unwrap_or_else(|e| panic!("{e}"));
        let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
        assert!(
            stale.is_empty(),
            "generated-sdk is out of date; run `cargo xtask codegen` and commit:\n{}",
            list.join("\n")
        );
    }
}

//! The `generator` binary: `generator <spec.yaml>... --out <crate dir> [--check]`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut specs = Vec::new();
    let mut out = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--check" => check = true,
            "-h" | "--help" => {
                println!("usage: generator <spec.yaml>... --out <crate dir> [--check]");
                return ExitCode::SUCCESS;
            }
            _ => specs.push(arg),
        }
    }
    let Some(out) = out.filter(|_| !specs.is_empty()) else {
        eprintln!("usage: generator <spec.yaml>... --out <crate dir> [--check]");
        return ExitCode::from(2);
    };
    let mut sources = Vec::new();
    for path in specs {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(generator::SpecSource { path, text }),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let files = match generator::generate(&sources) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if check {
        generator::write::check(&out, &files)
    } else {
        generator::write::write(&out, &files)
    };
    match result {
        Ok(changes) if check && !changes.is_empty() => {
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

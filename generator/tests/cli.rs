//! The `generator` command line as a script sees it: `--help` and `--version` on the binary and
//! every subcommand, and the documented exit codes (0 done, 1 spec problems or a stale crate,
//! 2 a wrong command line, 3 a file that cannot be read), run on the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn generator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .output()
        .expect("the generator binary runs")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("generator-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

const SPEC: &str = "name: tiny
title: Tiny API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Thing:
    doc: A thing.
    fields:
      id: {type: string, doc: ID of the thing.}
resources:
  things:
    doc: Things.
    methods:
      get:
        doc: Get a thing.
        method: GET
        path: /v1/things/{thing_id}
        path_params:
          thing_id: {type: string, doc: ID of the thing.}
        response: Thing
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the spec");
    path.display().to_string()
}

#[test]
fn help_and_version_answer_on_the_binary_and_every_subcommand() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["generate", "--help"],
        &["check", "--help"],
        &["import", "--help"],
        &["help", "check"],
    ] {
        let out = generator(args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("Usage:"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    let help = stdout(&generator(&["--help"]));
    for word in ["generate", "check", "import", "Exit codes"] {
        assert!(
            help.contains(word),
            "--help does not mention {word}:\n{help}"
        );
    }
    for args in [
        &["--version"][..],
        &["-V"],
        &["check", "--version"],
        &["generate", "--version"],
        &["import", "--version"],
    ] {
        let out = generator(args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        // clap names a subcommand's version `generator-check 0.1.0`.
        let text = stdout(&out);
        let version = format!(" {}", env!("CARGO_PKG_VERSION"));
        assert!(
            text.starts_with("generator") && text.trim_end().ends_with(&version),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn a_wrong_command_line_exits_2() {
    for args in [
        &["--no-such-flag"][..],
        &["check"],
        &["generate", "spec.yaml"],
        &["generate", "--out", "dir"],
        &[],
    ] {
        let out = generator(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("Usage"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn check_exits_0_on_a_valid_spec_1_on_problems_and_3_on_a_missing_file() {
    let dir = scratch("check");
    let good = write(&dir, "tiny.yaml", SPEC);
    let out = generator(&["check", &good]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("ok (1 types, 1 methods)"),
        "{}",
        stdout(&out)
    );

    let bad = write(
        &dir,
        "bad.yaml",
        &SPEC.replace("response: Thing", "response: Thingy"),
    );
    let out = generator(&["check", &bad]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("bad.yaml:") && text.contains("Thingy"),
        "{text}"
    );

    let missing = dir.join("missing.yaml").display().to_string();
    let out = generator(&["check", &missing]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
}

#[test]
fn generate_writes_then_check_passes_until_the_crate_changes() {
    let dir = scratch("generate");
    let spec = write(&dir, "tiny.yaml", SPEC);
    let out_dir = dir.join("crate");
    let out_arg = out_dir.display().to_string();
    for args in [
        vec!["generate", spec.as_str(), "--out", out_arg.as_str()],
        // The form without a subcommand still works, as scripts already call it.
        vec![spec.as_str(), "--out", out_arg.as_str()],
    ] {
        let out = generator(&args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    }
    assert!(out_dir.join("Cargo.toml").is_file());
    let out = generator(&["generate", &spec, "--out", &out_arg, "--check"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    std::fs::write(out_dir.join("src/lib.rs"), "// edited by hand\n").expect("edit");
    let out = generator(&["generate", &spec, "--out", &out_arg, "--check"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("src/lib.rs"), "{}", stderr(&out));

    let bad = write(
        &dir,
        "bad.yaml",
        &SPEC.replace("method: GET", "method: FETCH"),
    );
    let out = generator(&["generate", &bad, "--out", &out_arg]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_exits_0_with_notes_as_warnings_1_on_what_is_not_openapi_and_3_on_a_missing_file() {
    let dir = scratch("import");
    let document = format!(
        "{}/../../shared/specs/progenitor-sample-keeper.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let spec = dir.join("keeper.yaml").display().to_string();
    let out = generator(&["import", &document, "--out", &spec]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The note keeps the JSON pointer of the construct and says what was done instead.
    assert!(
        stderr(&out).contains("progenitor-sample-keeper.json#/servers: no server; the base URL is"),
        "{}",
        stderr(&out)
    );
    // The module is named after the file written, and the spec passes `check`.
    let written = std::fs::read_to_string(&spec).expect("the spec is written");
    assert!(written.contains("\nname: keeper\n"), "{written}");
    assert_eq!(code(&generator(&["check", &spec])), 0);
    // Without `--out`, the spec goes to standard output.
    let out = generator(&["import", &document, "--name", "keeper"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), written);
    let swagger = write(&dir, "swagger.json", r#"{"swagger": "2.0"}"#);
    let out = generator(&["import", &swagger]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("Swagger 2.0"), "{}", stderr(&out));
    let missing = dir.join("missing.json").display().to_string();
    assert_eq!(code(&generator(&["import", &missing])), 3);
}

//! Property tests: whatever the input, the generator returns code or diagnostics and never
//! panics; and a spec it accepts always yields valid Rust (an `Internal` error would be a bug).
//! Three sources of input: arbitrary text, random edits of the real specs and fixtures, and
//! random specs built from the format's grammar with awkward names. `PROPTEST_CASES` sets how
//! many cases run (CI keeps the default); a long run is described in the README.

mod common;

use common::random_spec;
use generator::{Error, SpecSource};
use proptest::prelude::*;

/// Runs the whole pipeline on `text`; fails on a panic or on invalid generated Rust.
fn generate(text: &str) -> Result<(), TestCaseError> {
    let source = SpecSource {
        path: "fuzz.yaml".to_owned(),
        text: text.to_owned(),
    };
    match generator::generate(&[source]) {
        Ok(_) | Err(Error::Spec(_)) | Err(Error::Io(_)) => Ok(()),
        Err(Error::Internal(message)) => Err(TestCaseError::fail(format!(
            "the spec was accepted but the output is not Rust: {message}\n---\n{text}"
        ))),
    }
}

/// The real specs and the fixtures, to mutate.
fn corpus() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut texts = Vec::new();
    for dir in [
        "spec",
        "generator/tests/fixtures",
        "generator/tests/bad_specs",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        {
            texts.push(std::fs::read_to_string(path).unwrap_or_default());
        }
    }
    texts
}

/// A random edit of a text: delete, duplicate or replace a span, or insert a token.
fn mutate(text: &str, at: usize, len: usize, how: u8, token: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len % 64).min(chars.len());
    let (before, middle, after): (String, String, String) = (
        chars[..at].iter().collect(),
        chars[at..end].iter().collect(),
        chars[end..].iter().collect(),
    );
    match how % 4 {
        0 => format!("{before}{after}"),
        1 => format!("{before}{middle}{middle}{after}"),
        2 => format!("{before}{token}{after}"),
        _ => format!("{before}{token}{middle}{after}"),
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "[a-zA-Z0-9_:{}\\[\\],\"' \n#&*!|>%@`<>.-]{0,400}") {
        generate(&text)?;
    }

    #[test]
    fn edited_specs_never_panic(
        which in any::<usize>(),
        at in any::<usize>(),
        len in any::<usize>(),
        how in any::<u8>(),
        token in prop_oneof![
            Just(":"), Just("{"), Just("}"), Just("["), Just("- "), Just("\n  "), Just("*a"),
            Just("&a "), Just("type: "), Just("list<"), Just("{x}"), Just("\""), Just("\t"),
        ],
    ) {
        let corpus = corpus();
        prop_assume!(!corpus.is_empty());
        let text = &corpus[which % corpus.len()];
        generate(&mutate(text, at, len, how, token))?;
    }

    #[test]
    fn random_specs_never_panic_and_accepted_ones_give_rust(spec in random_spec()) {
        generate(&spec)?;
    }
}

/// Found by `edited_specs_never_panic`: a resource named with punctuation (`statu*as`) made the
/// generated test names invalid identifiers, and the generator panicked.
#[test]
fn regression_resource_name_with_punctuation() {
    let text = "name: fuzz\ntitle: Fuzz API\nbase_url: https://fuzz.example.com\nauth: []\n\
                resources:\n  statu*as:\n    resources:\n      regions:\n        methods:\n          \
                get: {method: GET, path: /v1/status}\n";
    let source = SpecSource {
        path: "fuzz.yaml".to_owned(),
        text: text.to_owned(),
    };
    let files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let tests = &files["tests/fuzz_endpoints/statu_as.rs"];
    assert!(tests.contains("async fn statu_as_regions_get()"), "{tests}");
    assert!(files["tests/fuzz_endpoints.rs"].contains("mod statu_as;"));
}

//! Property tests: whatever the input, the generator returns code or diagnostics and never
//! panics; and a spec it accepts always yields valid Rust (an `Internal` error would be a bug).
//! Three sources of input: arbitrary text, random edits of the real specs and fixtures, and
//! random specs built from the format's grammar with awkward names. `PROPTEST_CASES` sets how
//! many cases run (CI keeps the default); a long run is described in the README.

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

/// Names that trip generators: keywords, digits, punctuation, case twins, std names, unicode.
fn awkward_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("type".to_owned()),
        Just("self".to_owned()),
        Just("Self".to_owned()),
        Just("match".to_owned()),
        Just("async".to_owned()),
        Just("5m".to_owned()),
        Just("OS-EXT-STS:vm_state".to_owned()),
        Just("us-sva-2".to_owned()),
        Just("Result".to_owned()),
        Just("String".to_owned()),
        Just("Client".to_owned()),
        Just("Unknown".to_owned()),
        Just("HARD".to_owned()),
        Just("hard".to_owned()),
        Just("_".to_owned()),
        Just("é".to_owned()),
        // Mostly plain names, so that many random specs are valid and get generated.
        "[a-z][a-z0-9_]{1,8}",
        "[a-z][a-z0-9_]{1,8}",
        "[a-z][a-z0-9_]{1,8}",
        "[A-Z][a-zA-Z0-9]{1,8}",
        "[a-zA-Z][a-zA-Z0-9_-]{0,8}",
    ]
}

fn type_expr(names: Vec<String>) -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("string".to_owned()),
        Just("bool".to_owned()),
        Just("int64".to_owned()),
        Just("float64".to_owned()),
        Just("datetime".to_owned()),
        Just("decimal".to_owned()),
        Just("json".to_owned()),
    ];
    let named = proptest::sample::select(names);
    let base = prop_oneof![scalar, named];
    (base, 0..5u8).prop_map(|(t, wrap)| match wrap {
        0 => t,
        1 => format!("list<{t}>"),
        2 => format!("map<{t}>"),
        3 => format!("list<{t}?>"),
        _ => format!("map<{t}?>"),
    })
}

/// A random spec in the format's grammar, as YAML text.
fn random_spec() -> impl Strategy<Value = String> {
    proptest::collection::vec(awkward_name(), 1..6).prop_flat_map(|type_names| {
        let field = (awkward_name(), type_expr(type_names.clone()), any::<bool>(), any::<bool>());
        let fields = proptest::collection::vec(field, 0..5);
        let kinds = proptest::collection::vec(
            (0..4u8, fields, proptest::collection::vec(awkward_name(), 0..4)),
            type_names.len(),
        );
        let methods = proptest::collection::vec(
            (
                awkward_name(),
                awkward_name(),
                prop_oneof![Just("GET"), Just("POST"), Just("DELETE")],
                type_expr(type_names.clone()),
                any::<bool>(),
            ),
            0..4,
        );
        (Just(type_names), kinds, methods)
    })
    .prop_map(|(type_names, kinds, methods)| {
        let mut text = String::from(
            "name: fuzz\ntitle: Fuzz API\nbase_url: https://fuzz.example.com\nauth:\n  - scheme: bearer\n    setter: api_key\ntypes:\n",
        );
        for (name, (kind, fields, values)) in type_names.iter().zip(kinds) {
            text.push_str(&format!("  {name:?}:\n"));
            match kind {
                0 | 1 => {
                    text.push_str("    fields:\n");
                    if fields.is_empty() {
                        text.push_str("      {}\n");
                    }
                    for (field, ty, optional, nullable) in fields {
                        text.push_str(&format!(
                            "      {field:?}: {{type: {ty:?}, optional: {optional}, nullable: {nullable}}}\n"
                        ));
                    }
                }
                2 => {
                    text.push_str("    enum:\n");
                    if values.is_empty() {
                        text.push_str("      {}\n");
                    }
                    for value in values {
                        text.push_str(&format!("      {value:?}:\n"));
                    }
                }
                _ => {
                    let members: Vec<String> = fields.iter().map(|(_, ty, _, _)| format!("{ty:?}")).collect();
                    text.push_str(&format!("    union: [{}]\n", members.join(", ")));
                }
            }
        }
        text.push_str("resources:\n  things:\n    methods:\n");
        if methods.is_empty() {
            text.push_str("      {}\n");
        }
        for (method, param, verb, ty, paginate) in methods {
            text.push_str(&format!(
                "      {method:?}:\n        method: {verb}\n        path: \"/v1/things/{{{param}}}\"\n        path_params:\n          {param:?}: {{type: string}}\n        query:\n          cursor: {{type: string}}\n"
            ));
            if verb != "GET" {
                text.push_str(&format!("        body:\n          fields:\n            value: {{type: {ty:?}}}\n"));
            }
            if paginate {
                text.push_str(&format!("        pagination: {{style: cursor, item: {ty:?}}}\n"));
            } else {
                text.push_str(&format!("        response: {ty:?}\n"));
            }
        }
        text
    })
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

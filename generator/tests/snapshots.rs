//! Snapshot tests of the generated API module, one fixture spec per construct
//! (`tests/fixtures/<name>.yaml`), so a change in the output names the construct it affects.

use generator::SpecSource;
use std::fmt::Write as _;

/// Generates the API module of `fixtures/<name>.yaml`: every file, as a `// ---- <path>`
/// line followed by its content, in path order.
fn render(name: &str) -> String {
    let file = format!("{}/tests/fixtures/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let source = SpecSource {
        path: format!("fixtures/{name}.yaml"),
        text,
    };
    let apis = generator::models(std::slice::from_ref(&source)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(apis.len(), 1, "one spec gives one API");
    let module = format!("src/{}/", apis[0].module);
    let mut files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
    files.retain(|path, _| path.starts_with(&module));
    let mut out = String::new();
    for (path, content) in &files {
        writeln!(out, "// ---- {path}").unwrap();
        out.push_str(content);
    }
    out
}

/// One `#[test]` per fixture, named after it, and `FIXTURES`, the list of them all.
macro_rules! snapshots {
    ($($name:ident),* $(,)?) => {
        const FIXTURES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), render(stringify!($name)));
            }
        )*
    };
}

snapshots!(
    object_fields,
    string_enum,
    int_enum,
    union_scalars,
    union_object,
    union_disjoint,
    union_discriminator,
    nullable,
    map_type,
    nested_resources,
    request_params,
    wrapped_action,
    empty_response,
    cursor_pagination,
    client_params,
    named_body,
    header_auth,
    query_auth,
    public_api,
    waiter_job,
    list_pagination,
    edge_names,
    resource_features,
    retry_safety,
    doc_text,
    recursion,
    std_names,
    wire_formats,
);

/// Every fixture file has a test above: one added without a test would never be checked.
#[test]
fn every_fixture_has_a_snapshot_test() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    found.sort();
    let mut tested = FIXTURES.to_vec();
    tested.sort_unstable();
    assert_eq!(found, tested);
}

/// The files do not depend on how the jobs were spread over threads or the order they finished
/// in: `generate` (parallel) gives exactly what emitting and formatting one file after the other
/// gives, for both real specs together.
#[test]
fn parallel_generation_equals_sequential_generation() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let sources = generator::read_spec_dir(&std::path::Path::new(root).join("spec"), root.as_ref())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(sources.len() >= 2, "both specs are read");
    let parallel = generator::generate(&sources).unwrap_or_else(|e| panic!("{e}"));
    let apis = generator::models(&sources).unwrap_or_else(|e| panic!("{e}"));
    let mut sequential = generator::write::render(generator::emit::crate_files(
        &generator::model::Krate::default(),
        &apis,
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let surface = generator::surface::listing(&sequential).unwrap_or_else(|e| panic!("{e}"));
    sequential.insert(generator::surface::FILE.to_owned(), surface);
    assert_eq!(
        parallel.keys().collect::<Vec<_>>(),
        sequential.keys().collect::<Vec<_>>()
    );
    for (path, text) in &parallel {
        assert!(sequential[path] == *text, "{path} differs");
    }
}

/// The example values in the generated tests stay small when types fan out deep: here each of
/// 30 types has two optional fields of the type before it, so filling every optional field
/// would build 2^30 objects. The test of the last type's endpoint stays within the example
/// budget (256 values beyond the smallest, each object costing 3: its `id` and two fields),
/// plus the objects still open when the budget runs out (filled with their required `id`
/// only), in each of the answer's two copies (the JSON the server sends and the JSON the
/// decoded value must encode to).
#[test]
fn examples_stay_small_when_types_fan_out_deep() {
    let mut text = String::from(
        "name: deep\ntitle: Deep API\nbase_url: https://api.example.com\nauth: []\ntypes:\n  \
         Node0:\n    fields:\n      id: {type: string}\n",
    );
    for n in 1..30 {
        let previous = n - 1;
        text.push_str(&format!(
            "  Node{n}:\n    fields:\n      id: {{type: string}}\n      \
             left: {{type: Node{previous}, optional: true}}\n      \
             right: {{type: Node{previous}, optional: true}}\n"
        ));
    }
    text.push_str(
        "resources:\n  nodes:\n    methods:\n      get:\n        method: GET\n        \
         path: /v1/nodes\n        response: Node29\n",
    );
    let source = SpecSource {
        path: "deep.yaml".to_owned(),
        text,
    };
    let files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let tests = &files["tests/deep_endpoints/nodes.rs"];
    let objects = tests.matches("\"id\":").count();
    assert!(
        (2 * 30..=2 * (256 / 3 + 30)).contains(&objects),
        "{objects} objects in the two copies of the example answer"
    );
}

/// What the module snapshot of `doc_text` does not show: the title escaped in `Cargo.toml`, and
/// the generated endpoint tests expecting literal path text percent-encoded as the client sends it.
#[test]
fn doc_text_cargo_toml_and_endpoint_paths() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/doc_text.yaml");
    let source = SpecSource {
        path: "fixtures/doc_text.yaml".to_owned(),
        text: std::fs::read_to_string(file).unwrap(),
    };
    let files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let cargo_toml = &files["Cargo.toml"];
    assert!(
        cargo_toml.contains(
            r#"description = "Rust clients for Doc \"Text\" \\ <b>API</b>, generated from spec/*.yaml""#
        ),
        "{cargo_toml}"
    );
    let tests = &files["tests/doc_text_endpoints/things.rs"];
    assert!(tests.contains(r#""/v1/caf%C3%A9/thing-id-1","#), "{tests}");
    assert!(
        tests.contains(r#""/v1/a%20b/%C3%BC%7Cx/thing-id-1","#),
        "{tests}"
    );
}

/// The crate's name and spec directory are inputs: a crate generated as `other-sdk` from
/// `other/` names itself in its manifest, its docs, its doctests and its tests, and nowhere
/// names `generated-sdk` or `spec/`; the same spec as `generated-sdk` names that instead.
#[test]
fn the_crate_name_and_spec_directory_are_inputs() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/waiter_job.yaml"
    );
    let source = SpecSource {
        path: "other/waiter_job.yaml".to_owned(),
        text: std::fs::read_to_string(file).unwrap(),
    };
    let krate = generator::model::Krate::new("other-sdk", "other").expect("a crate name");
    let files = generator::generate_crate(&krate, std::slice::from_ref(&source))
        .unwrap_or_else(|e| panic!("{e}"));
    for (path, text) in &files {
        for old in ["generated-sdk", "generated_sdk", "`spec/`", "spec/*.yaml"] {
            assert!(!text.contains(old), "{path} names {old}");
        }
    }
    assert!(files["Cargo.toml"].contains("\nname = \"other-sdk\"\n"));
    assert!(files["Cargo.toml"].contains("generated from other/*.yaml"));
    assert!(
        files["src/lib.rs"].starts_with("// @generated by `cargo xtask codegen` from `other/`.")
    );
    assert!(files["src/waiter_job/client.rs"].contains("use other_sdk::waiter_job::Client;"));
    assert!(
        files["src/waiter_job/mod.rs"]
            .contains("# async fn demo() -> Result<(), other_sdk::Error>")
    );
    assert!(
        files["tests/waiter_job_endpoints/support.rs"]
            .contains("pub use other_sdk::waiter_job as api;")
    );
    let default = generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"));
    assert!(default["src/waiter_job/client.rs"].contains("use generated_sdk::waiter_job::Client;"));
    for bad in ["", "1sdk", "a sdk", "a/b"] {
        assert!(
            generator::model::Krate::new(bad, "spec").is_err(),
            "{bad:?}"
        );
    }
    for bad in ["", "/abs", "dir/", "a b"] {
        assert!(generator::model::Krate::new("sdk", bad).is_err(), "{bad:?}");
    }
}

//! The bad-spec corpus: every file in `tests/bad_specs/` holds one mistake, and its rendered
//! diagnostics (message, place, source line with a caret, hint) are snapshot-tested. None may
//! be accepted, and none may panic.

use generator::{Error, SpecSource};

#[test]
fn every_bad_spec_gets_a_rendered_diagnostic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_specs");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/bad_specs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 25, "only {} bad specs", paths.len());
    for path in paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_owned();
        let source = SpecSource {
            path: format!("bad_specs/{name}.yaml"),
            text: std::fs::read_to_string(&path).expect("readable"),
        };
        let rendered = match generator::models(&[source]) {
            Err(Error::Spec(diagnostics)) => diagnostics.to_string(),
            Err(other) => panic!("{name}: not a spec diagnostic: {other}"),
            Ok(_) => panic!("{name}: the bad spec was accepted"),
        };
        insta::assert_snapshot!(name, rendered);
    }
}

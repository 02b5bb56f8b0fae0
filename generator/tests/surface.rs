//! The public API listing (`public-api.txt`) and the summary `cargo xtask codegen` prints: two
//! versions of a fixture API (`surface/v1.yaml`, `surface/v2.yaml`) give a snapshotted summary
//! with every kind of breaking change marked; and on the real Nirvana spec, renaming one field
//! changes the listing by two lines and breaks, adding an optional field by one and does not.

use generator::SpecSource;
use generator::surface::{FILE, summary};

/// The listing generated from `text`.
fn listing(path: &str, text: &str) -> String {
    let source = SpecSource {
        path: path.to_owned(),
        text: text.to_owned(),
    };
    let files = generator::generate(&[source]).unwrap_or_else(|e| panic!("{path}: {e}"));
    files.get(FILE).cloned().expect("the listing is generated")
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/surface/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_summary_of_two_versions_marks_what_breaks_dependents() {
    let v1 = listing("surface/v1.yaml", &fixture("v1.yaml"));
    let v2 = listing("surface/v2.yaml", &fixture("v2.yaml"));
    insta::assert_snapshot!("surface_v1", v1);
    insta::assert_snapshot!("surface_summary_v1_to_v2", summary(&v1, &v2).to_string());
    assert_eq!(summary(&v1, &v1).to_string(), "public API: unchanged\n");
}

/// Lines in one listing and not the other.
fn difference(a: &str, b: &str) -> Vec<String> {
    let b: std::collections::BTreeSet<&str> = b.lines().collect();
    a.lines()
        .filter(|l| !b.contains(l))
        .map(str::to_owned)
        .collect()
}

#[test]
fn renaming_a_nirvana_field_breaks_and_adding_an_optional_one_does_not() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/nirvana.yaml");
    let spec = std::fs::read_to_string(path).expect("spec/nirvana.yaml");
    let field =
        "      boot_volume_id: {type: string, doc: ID of the boot volume attached to the VM.}\n";
    assert!(
        spec.contains(field),
        "the field to edit is gone from spec/nirvana.yaml"
    );
    let before = listing("spec/nirvana.yaml", &spec);

    let renamed = spec.replacen(field, &field.replace("boot_volume_id", "boot_disk_id"), 1);
    let after = listing("spec/nirvana.yaml", &renamed);
    let (gone, new) = (difference(&before, &after), difference(&after, &before));
    assert_eq!((gone.len(), new.len()), (1, 1), "{gone:#?}\n{new:#?}");
    let renaming = summary(&before, &after);
    assert!(renaming.breaking() >= 1, "{renaming}");

    let extra = "      label: {type: string, optional: true, doc: A label.}\n";
    let added = spec.replacen(field, &format!("{field}{extra}"), 1);
    let after = listing("spec/nirvana.yaml", &added);
    let (gone, new) = (difference(&before, &after), difference(&after, &before));
    assert_eq!((gone.len(), new.len()), (0, 1), "{gone:#?}\n{new:#?}");
    let adding = summary(&before, &after);
    assert_eq!(adding.breaking(), 0, "{adding}");
    assert_eq!(adding.0.len(), 1, "{adding}");
}

/// A waiter's methods live in a private module that re-exports nothing, yet they are public
/// methods of the waited-on type: the listing shows them, and dropping the waiter breaks.
#[test]
fn a_waiters_methods_are_listed_and_removing_the_waiter_breaks() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/nirvana.yaml");
    let spec = std::fs::read_to_string(path).expect("spec/nirvana.yaml");
    let before = listing("spec/nirvana.yaml", &spec);
    for line in [
        "fn nirvana::Operation::wait(&self, client: &Client) -> Result<Operation>",
        "fn nirvana::Operation::wait_with(&self, client: &Client, options: WaitOptions) -> Result<Operation>",
        "const nirvana::Operation::WAIT_OPTIONS: WaitOptions",
    ] {
        assert!(before.contains(line), "{line} is not listed");
    }
    let waiter = "waiters:\n  Operation:\n    poll: operations.get\n    id: id\n    state: status\n    success: [done]\n    failure: [failed]\n";
    assert!(
        spec.contains(waiter),
        "the waiter to remove is gone from spec/nirvana.yaml"
    );
    let after = listing("spec/nirvana.yaml", &spec.replacen(waiter, "", 1));
    let gone = difference(&before, &after);
    let waits = gone
        .iter()
        .filter(|l| l.contains("nirvana::Operation::"))
        .count();
    assert_eq!(waits, 3, "{gone:#?}");
    let removal = summary(&before, &after).to_string();
    for name in [
        "Operation::wait(",
        "Operation::wait_with(",
        "Operation::WAIT_OPTIONS",
    ] {
        let marked = removal
            .lines()
            .any(|l| l.contains("BREAKING") && l.contains(name));
        assert!(marked, "{name} not marked breaking:\n{removal}");
    }
}

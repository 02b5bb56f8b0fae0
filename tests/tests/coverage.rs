//! `spec/nirvana.yaml` covers the whole Nirvana Labs API: every endpoint of
//! `tests/data/nirvana-endpoints.tsv` (copied from the reference: method, path, group, Go call)
//! is in the spec with the same HTTP method, and the spec has no endpoint the table lacks.

use generator::model::{Api, Resource};
use std::collections::BTreeMap;

/// Every `(path, method)` the spec declares, with the dotted name of its method.
fn spec_endpoints(api: &Api) -> BTreeMap<(String, String), String> {
    fn walk(resources: &[Resource], out: &mut BTreeMap<(String, String), String>) {
        for resource in resources {
            for method in &resource.methods {
                let name = format!("{}.{}", resource.path, method.rust);
                out.insert((method.path.clone(), method.http.as_str().to_owned()), name);
            }
            walk(&resource.children, out);
        }
    }
    let mut out = BTreeMap::new();
    walk(&api.resources, &mut out);
    out
}

/// The `(path, method)` rows of the reference table.
fn reference_endpoints() -> Vec<(String, String)> {
    let table = include_str!("../data/nirvana-endpoints.tsv");
    table
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let method = columns.next().unwrap_or_default().to_owned();
            let path = columns.next().unwrap_or_default().to_owned();
            (path, method)
        })
        .collect()
}

fn nirvana() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/nirvana.yaml");
    let text = std::fs::read_to_string(path).expect("spec/nirvana.yaml");
    let source = generator::SpecSource {
        path: "spec/nirvana.yaml".to_owned(),
        text,
    };
    let mut apis = generator::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
    apis.remove(0)
}

#[test]
fn every_reference_endpoint_is_in_the_spec_with_its_method() {
    let reference = reference_endpoints();
    assert_eq!(
        reference.len(),
        134,
        "the reference table lists 134 endpoints"
    );
    let spec = spec_endpoints(&nirvana());
    let mut problems = Vec::new();
    for (path, method) in &reference {
        if spec.contains_key(&(path.clone(), method.clone())) {
            continue;
        }
        let others: Vec<&str> = spec
            .keys()
            .filter(|(p, _)| p == path)
            .map(|(_, m)| m.as_str())
            .collect();
        if others.is_empty() {
            problems.push(format!("missing: {method} {path}"));
        } else {
            problems.push(format!(
                "{method} {path}: the spec has {}",
                others.join(", ")
            ));
        }
    }
    for ((path, method), name) in &spec {
        if !reference.contains(&(path.clone(), method.clone())) {
            problems.push(format!("not in the reference: {method} {path} ({name})"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of 134 endpoints covered; problems:\n{}",
        134 - problems.iter().filter(|p| !p.starts_with("not in")).count(),
        problems.join("\n")
    );
    assert_eq!(spec.len(), 134);
}

//! `spec/ecs.yaml` against the operations of Huawei's official ECS SDK (huaweicloudsdkecs
//! 3.1.219): `tests/data/ecs-sdk-operations.tsv` is what the installed SDK's own metadata says
//! (`tests/conformance/ecs_operations.py`), every method the spec names an `operation:` for has
//! that operation's HTTP method and path, and every operation of the SDK is covered: losing
//! one fails, naming it.

use generator::model::{Api, Resource};
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

const TABLE: &str = include_str!("../data/ecs-sdk-operations.tsv");

/// One row of the SDK's table: HTTP method and path template.
struct Operation {
    method: String,
    path: String,
}

/// The SDK's operations by name.
fn sdk_operations() -> BTreeMap<String, Operation> {
    TABLE
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let mut next = || columns.next().unwrap_or_default().to_owned();
            let name = next();
            let method = next();
            let path = next();
            (name, Operation { method, path })
        })
        .collect()
}

/// `path` with each placeholder's name left out (`/v1/{}/cloudservers/{}`): the spec may name
/// a path parameter otherwise than the SDK does.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            c if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

fn ecs() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/ecs.yaml");
    let text = std::fs::read_to_string(path).expect("spec/ecs.yaml");
    let source = generator::SpecSource {
        path: "spec/ecs.yaml".to_owned(),
        text,
    };
    let mut apis = generator::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
    apis.remove(0)
}

/// Every method of the spec that names its operation: operation name to (dotted method name,
/// HTTP method, path).
fn spec_operations(api: &Api) -> BTreeMap<String, (String, String, String)> {
    fn walk(resources: &[Resource], out: &mut BTreeMap<String, (String, String, String)>) {
        for resource in resources {
            for method in &resource.methods {
                if let Some(operation) = &method.operation {
                    let name = format!("{}.{}", resource.path, method.name);
                    let http = method.http.as_str().to_owned();
                    out.insert(operation.clone(), (name, http, method.path.clone()));
                }
            }
            walk(&resource.children, out);
        }
    }
    let mut out = BTreeMap::new();
    walk(&api.resources, &mut out);
    out
}

#[test]
fn the_table_is_what_the_installed_sdk_says() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/ecs_operations.py");
    let out = Command::new("python3").arg(script).output();
    let Ok(out) = out.as_ref().map_err(ToString::to_string).and_then(|out| {
        if out.status.success() {
            Ok(out)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install huaweicloudsdkecs 3.1.219 (see .ci/run): {out:?}"
        );
        eprintln!("skipped: `pip install huaweicloudsdkecs==3.1.219` to run");
        return;
    };
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed == TABLE,
        "tests/data/ecs-sdk-operations.tsv is not what the installed SDK says: run \
         `python3 tests/conformance/ecs_operations.py > tests/data/ecs-sdk-operations.tsv`"
    );
}

#[test]
fn the_sdk_has_106_operations() {
    assert_eq!(sdk_operations().len(), 106);
}

#[test]
fn every_operation_the_spec_names_has_the_sdks_method_and_path() {
    let sdk = sdk_operations();
    let mut problems = Vec::new();
    for (operation, (name, http, path)) in spec_operations(&ecs()) {
        match sdk.get(&operation) {
            None => problems.push(format!("{name}: the SDK has no operation `{operation}`")),
            Some(op) if op.method != http || shape(&op.path) != shape(&path) => {
                problems.push(format!(
                    "{name} ({operation}): the spec sends {http} {path}, the SDK {} {}",
                    op.method, op.path
                ));
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_operation_of_the_sdk_is_covered() {
    let sdk = sdk_operations();
    let covered: BTreeSet<String> = spec_operations(&ecs()).into_keys().collect();
    let missing: Vec<&String> = sdk.keys().filter(|op| !covered.contains(*op)).collect();
    assert!(
        missing.is_empty(),
        "operations of the official SDK that spec/ecs.yaml does not name (`operation:`): {missing:?}"
    );
    println!("{} of {} SDK operations covered", sdk.len(), sdk.len());
}

#[test]
fn placeholder_names_do_not_matter_to_the_shape() {
    assert_eq!(
        shape("/v1/{project_id}/cloudservers/{server_id}"),
        shape("/v1/{p}/cloudservers/{id}")
    );
    assert_ne!(
        shape("/v1/{p}/cloudservers/{id}"),
        shape("/v1/{p}/servers/{id}")
    );
}

//! Response conformance with Huawei Cloud's official Python SDK (`huaweicloudsdkecs` 3.1.219):
//! our client decodes, for every operation of `spec/ecs.yaml`, the answer the SDK's own
//! response model serialises to with every attribute set, and keeps every field of it.
//!
//! `tests/conformance/ecs_responses.py` builds the answers (one per SDK operation, response
//! headers left out) with the SDK's models and serialiser. For each method of the spec that names
//! its `operation:`, a local server answers the SDK's body (the wire test's capture server,
//! which finds the operation by method and path) and the method's `/required` call of
//! `huawei_conformance/cases.rs` is made through `generated_sdk::ecs`. The test checks that:
//! - the call decodes;
//! - every field of the SDK's JSON, at any depth, is declared by the spec's type with a type
//!   taking the SDK's JSON value (read from the spec's model, so a field or type problem is
//!   named by its JSON path even when decoding fails);
//! - every field comes back from the decoded value (re-encoded as JSON) with the same value; a
//!   page is compared by its items (and its total), which are what a `ListPage` keeps.
//!
//! Every operation runs even when an earlier one fails; the test prints the totals and then
//! fails with every problem found. Without the Python packages it is skipped with a message,
//! except under CI, where it fails.

#[path = "huawei_conformance/cases.rs"]
#[allow(dead_code)]
mod cases;
#[path = "huawei_conformance/spec.rs"]
#[allow(dead_code)]
mod spec;
#[path = "huawei_conformance/wire.rs"]
#[allow(dead_code)]
mod wire;

use cases::{AK, CASES, PROJECT_ID, SK};
use generated_sdk::ecs::Client;
use generator::model::{Api, ListPaging, Response, TypeKind, TypeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Whether the official SDK can be imported; outside CI a missing SDK skips the test.
fn official_sdk_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import huaweicloudsdkcore, huaweicloudsdkecs"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install huaweicloudsdkcore and huaweicloudsdkecs (see .ci/run)"
        );
        eprintln!(
            "skipped: `pip install huaweicloudsdkcore==3.1.219 huaweicloudsdkecs==3.1.219` to run"
        );
    }
    found
}

/// The JSON type of `value`, as problems name it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Where the SDK's `value` at `at` does not fit the spec's type `ty`: a field the spec lacks
/// or a JSON type the spec's type does not take, each named by its JSON path.
fn fit(api: &Api, ty: &TypeRef, value: &Value, at: &str, out: &mut Vec<String>) {
    let mismatch = |out: &mut Vec<String>, ours: &str| {
        out.push(format!(
            "{at}: the SDK sends {}, the spec says {ours}",
            json_type(value)
        ));
    };
    match (ty, value) {
        (TypeRef::Nullable(inner), _) => fit(api, inner, value, at, out),
        (_, Value::Null) | (TypeRef::Json, _) => {}
        (TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal, v)
            if v.is_string() => {}
        (TypeRef::Bool, Value::Bool(_)) => {}
        (TypeRef::Int32 | TypeRef::Int64, v) if v.is_i64() || v.is_u64() => {}
        (TypeRef::Float64, Value::Number(_)) => {}
        (TypeRef::List(inner), Value::Array(items)) => {
            for item in items {
                fit(api, inner, item, &format!("{at}[]"), out);
            }
        }
        (TypeRef::Map(inner), Value::Object(entries)) => {
            for item in entries.values() {
                fit(api, inner, item, &format!("{at}{{}}"), out);
            }
        }
        (TypeRef::Named(name), _) => fit_named(api, name, value, at, out),
        (ty, _) => mismatch(out, &format!("{ty:?}")),
    }
}

/// [`fit`] for the spec's named type `name`.
fn fit_named(api: &Api, name: &str, value: &Value, at: &str, out: &mut Vec<String>) {
    let decl = api
        .types
        .iter()
        .find(|t| t.rust == name)
        .unwrap_or_else(|| panic!("no type {name}"));
    let mismatch = |out: &mut Vec<String>| {
        out.push(format!(
            "{at}: the SDK sends {}, the spec says {name}",
            json_type(value)
        ));
    };
    match (&decl.kind, value) {
        (TypeKind::Object(fields), Value::Object(object)) => {
            for (key, inner) in object {
                let here = format!("{at}.{key}");
                match fields.iter().find(|f| &f.wire == key) {
                    Some(field) => fit(api, &field.ty, inner, &here, out),
                    None => out.push(format!(
                        "{here}: missing from {name} (the SDK sends {})",
                        json_type(inner)
                    )),
                }
            }
        }
        (TypeKind::StringEnum(_), Value::String(_)) => {}
        (TypeKind::IntEnum(_), v) if v.is_i64() => {}
        (TypeKind::Map { value: inner, .. }, Value::Object(entries)) => {
            for item in entries.values() {
                fit(api, inner, item, &format!("{at}{{}}"), out);
            }
        }
        (TypeKind::Union(union), _) => {
            let fits = union.members.iter().any(|member| {
                let mut problems = Vec::new();
                fit(api, &member.ty, value, at, &mut problems);
                problems.is_empty()
            });
            if !fits {
                mismatch(out);
            }
        }
        _ => mismatch(out),
    }
}

/// Where our decoded value (`ours`, as JSON) differs from the SDK's `theirs` at `at`: a field
/// the SDK sends that ours lacks, or another value. Counts the fields compared.
fn same(theirs: &Value, ours: &Value, at: &str, fields: &mut usize, out: &mut Vec<String>) {
    match (theirs, ours) {
        (Value::Object(theirs), Value::Object(ours)) => {
            for (key, value) in theirs {
                *fields += 1;
                let here = format!("{at}.{key}");
                match ours.get(key) {
                    None | Some(Value::Null) => {
                        out.push(format!("{here}: missing from our decoded value"))
                    }
                    Some(mine) => same(value, mine, &here, fields, out),
                }
            }
        }
        (Value::Array(theirs), Value::Array(ours)) if theirs.len() == ours.len() => {
            for (value, mine) in theirs.iter().zip(ours) {
                same(value, mine, &format!("{at}[]"), fields, out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (theirs, ours) if theirs == ours => {}
        (theirs, ours) => out.push(format!("{at}: the SDK sends {theirs}, we decode {ours}")),
    }
}

/// The problems of one method's answer: `theirs` is the SDK's body, `decoded` our call's result.
fn check(
    api: &Api,
    response: &Response,
    theirs: &Value,
    decoded: Result<Value, String>,
    fields: &mut usize,
    paging_fields: &mut Vec<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    // What the SDK's body holds that the value we decode keeps, with the spec's type of it.
    let (expected, ty) = match (response, theirs) {
        (Response::Empty, Value::Null) => (Value::Null, None),
        (Response::Empty, body) => {
            out.push(format!(
                "the spec answers nothing, the SDK's model has a body: {body}"
            ));
            (Value::Null, None)
        }
        (_, Value::Null) => {
            out.push("the spec answers a body, the SDK's model has none".to_owned());
            (Value::Null, None)
        }
        (Response::Json(ty), body) => (body.clone(), Some(ty.clone())),
        (Response::List { item, paging }, body) => {
            let (items, total) = match paging {
                ListPaging::PageNumber { items, total, .. } => (items, total.as_ref()),
                ListPaging::Marker { items, .. } => (items, None),
            };
            let mut page = serde_json::Map::new();
            page.insert("items".to_owned(), body[items.as_str()].clone());
            if let Some(total) = total {
                page.insert("total".to_owned(), body[total.as_str()].clone());
            }
            let kept: Vec<&String> = [Some(items), total].into_iter().flatten().collect();
            if let Some(object) = body.as_object() {
                // What a page does not keep: links and markers, read to fetch the next page.
                let paging = object.keys().filter(|key| !kept.contains(key));
                paging_fields.extend(paging.cloned());
            }
            let at = format!("$.{items}");
            fit(
                api,
                &TypeRef::List(Box::new(item.clone())),
                &body[items.as_str()],
                &at,
                &mut out,
            );
            (Value::Object(page), None)
        }
        (Response::CursorPage { .. }, _) => unreachable!("ECS has no cursor pages"),
    };
    if let Some(ty) = &ty {
        fit(api, ty, &expected, "$", &mut out);
    }
    match decoded {
        Err(e) => out.push(format!("our call failed: {e}")),
        Ok(ours) => same(&expected, &ours, "$", fields, &mut out),
    }
    let unique: BTreeSet<String> = out.into_iter().collect();
    unique.into_iter().collect()
}

#[tokio::test]
async fn our_client_decodes_every_answer_of_the_official_sdk() {
    if !official_sdk_available() {
        return;
    }
    let answers = wire::sdk_answers();
    let api = spec::load();
    // Answers each call with its operation's sample, as the wire test's server does.
    let server = wire::capture_server().await;
    let client = Client::builder()
        .access_key(AK, SK)
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .build()
        .expect("client");
    let (mut checked, mut fields, mut skipped) = (0, 0, Vec::new());
    let mut paging_fields = Vec::new();
    let mut failures = BTreeMap::new();
    for (name, method) in spec::methods(&api) {
        let Some(operation) = &method.operation else {
            // Nova's reboot, start and stop actions: no SDK operation; `202` without a body.
            skipped.push(name);
            continue;
        };
        let Some(body) = answers.get(operation) else {
            failures.insert(name, vec![format!("the SDK has no operation {operation}")]);
            continue;
        };
        let case = format!("{name}/required");
        let (_, call) = CASES
            .iter()
            .find(|(n, _)| *n == case)
            .unwrap_or_else(|| panic!("no case {case}"));
        let mut paging = Vec::new();
        let decoded = call(&client).await;
        let problems = check(
            &api,
            &method.response,
            body,
            decoded,
            &mut fields,
            &mut paging,
        );
        if !paging.is_empty() {
            paging_fields.push(format!("{operation} ({})", paging.join(", ")));
        }
        checked += 1;
        if !problems.is_empty() {
            failures.insert(
                name,
                problems
                    .into_iter()
                    .map(|p| format!("{operation}: {p}"))
                    .collect(),
            );
        }
    }
    println!(
        "ECS responses: {checked} operations checked against the official SDK's models, \
         {fields} fields compared; skipped without an SDK operation (Nova actions answering \
         `202` without a body): {}; page fields read for paging, not kept by a page: {}; \
         failed: {}",
        skipped.join(", "),
        paging_fields.join("; "),
        failures.len()
    );
    assert!(failures.is_empty(), "answers that failed: {:#?}", failures);
    let readme = include_str!("../../README.md").replace('\n', " ");
    for claim in [
        format!("**{checked} operations**"),
        format!("**{fields} fields**"),
    ] {
        assert!(readme.contains(&claim), "README.md should say {claim}");
    }
}

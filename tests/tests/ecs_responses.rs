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
//!   page is compared by its items (and its total), which are what a `ListPage` keeps;
//! - no field the spec requires is one the SDK's models leave optional (`ecs_responses.py
//!   --optional`; below the response model's own attributes, which the SDK makes all optional);
//! - the same holds for the SDK's smallest answers (`--smallest`: nested objects with their
//!   required attributes only), which must decode too.
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
            for field in fields {
                if !field.optional && !field.nullable && !object.contains_key(&field.wire) {
                    out.push(format!(
                        "{at}.{}: required by {name}, optional in the SDK's model",
                        field.wire
                    ));
                }
            }
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

/// The fields below `at` of the SDK's `value` (of the spec's type `ty`) that the spec requires
/// and the SDK's models leave optional (`optional`, their paths in the answer).
fn required_only_by_us(
    api: &Api,
    ty: &TypeRef,
    value: &Value,
    at: &str,
    optional: &BTreeSet<String>,
    out: &mut Vec<String>,
) {
    match (ty, value) {
        (TypeRef::Nullable(inner), _) => required_only_by_us(api, inner, value, at, optional, out),
        (TypeRef::List(inner), Value::Array(items)) => {
            for item in items {
                required_only_by_us(api, inner, item, &format!("{at}[]"), optional, out);
            }
        }
        (TypeRef::Map(inner), Value::Object(entries)) => {
            for item in entries.values() {
                required_only_by_us(api, inner, item, &format!("{at}{{}}"), optional, out);
            }
        }
        (TypeRef::Named(name), _) => {
            let decl = api.types.iter().find(|t| &t.rust == name);
            match (decl.map(|d| &d.kind), value) {
                (Some(TypeKind::Object(fields)), Value::Object(object)) => {
                    for field in fields {
                        let here = format!("{at}.{}", field.wire);
                        if !field.optional && !field.nullable && optional.contains(&here) {
                            out.push(format!(
                                "{here}: required by {name}, optional in the SDK's model"
                            ));
                        }
                        if let Some(inner) = object.get(&field.wire) {
                            required_only_by_us(api, &field.ty, inner, &here, optional, out);
                        }
                    }
                }
                (Some(TypeKind::Map { value: inner, .. }), Value::Object(entries)) => {
                    for item in entries.values() {
                        required_only_by_us(api, inner, item, &format!("{at}{{}}"), optional, out);
                    }
                }
                _ => {}
            }
        }
        _ => {}
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
    optional: &BTreeSet<String>,
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
            let (at, list) = (format!("$.{items}"), TypeRef::List(Box::new(item.clone())));
            fit(api, &list, &body[items.as_str()], &at, &mut out);
            let items = &body[items.as_str()];
            required_only_by_us(api, &list, items, &at, optional, &mut out);
            (Value::Object(page), None)
        }
        (Response::CursorPage { .. }, _) => unreachable!("ECS has no cursor pages"),
        (Response::Bytes | Response::Text, _) => unreachable!("ECS answers JSON only"),
    };
    if let Some(ty) = &ty {
        fit(api, ty, &expected, "$", &mut out);
        required_only_by_us(api, ty, &expected, "$", optional, &mut out);
    }
    match decoded {
        Err(e) => out.push(format!("our call failed: {e}")),
        Ok(ours) => same(&expected, &ours, "$", fields, &mut out),
    }
    let unique: BTreeSet<String> = out.into_iter().collect();
    unique.into_iter().collect()
}

/// What a run over every method of the spec found.
#[derive(Default)]
struct Run {
    /// Operations whose answer was checked.
    checked: usize,
    /// Fields of the SDK's answers compared with our decoded values.
    fields: usize,
    /// Methods without an SDK operation.
    skipped: Vec<String>,
    /// Per operation, the page fields a page does not keep.
    paging_fields: Vec<String>,
    /// Problems, by method.
    failures: BTreeMap<String, Vec<String>>,
}

/// Makes the `/required` call of every method of the spec naming an SDK operation, answered by
/// `server` with that operation's body in `answers`, and checks what our client decodes.
async fn run(answers: &BTreeMap<String, Value>, server: &wiremock::MockServer) -> Run {
    // Where each answer holds a field the SDK's models leave optional.
    let optional: BTreeMap<String, BTreeSet<String>> = serde_json::from_value(Value::Object(
        wire::sdk_answers(&["--optional"]).into_iter().collect(),
    ))
    .expect("paths by operation");
    let api = spec::load();
    let client = Client::builder()
        .access_key(AK, SK)
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .build()
        .expect("client");
    let mut run = Run::default();
    for (name, method) in spec::methods(&api) {
        let Some(operation) = &method.operation else {
            // Nova's reboot, start and stop actions: no SDK operation; `202` without a body.
            run.skipped.push(name);
            continue;
        };
        let Some(body) = answers.get(operation) else {
            let problem = format!("the SDK has no operation {operation}");
            run.failures.insert(name, vec![problem]);
            continue;
        };
        let case = format!("{name}/required");
        let (_, call) = CASES
            .iter()
            .find(|(n, _)| *n == case)
            .unwrap_or_else(|| panic!("no case {case}"));
        let mut paging = Vec::new();
        let decoded = call(&client).await;
        let optional = optional.get(operation).cloned().unwrap_or_default();
        let problems = check(
            &api,
            &method.response,
            body,
            &optional,
            decoded,
            &mut run.fields,
            &mut paging,
        );
        if !paging.is_empty() {
            run.paging_fields
                .push(format!("{operation} ({})", paging.join(", ")));
        }
        run.checked += 1;
        if !problems.is_empty() {
            let problems = problems.into_iter().map(|p| format!("{operation}: {p}"));
            run.failures.insert(name, problems.collect());
        }
    }
    run
}

#[tokio::test]
async fn our_client_decodes_every_answer_of_the_official_sdk() {
    if !sdk_tests::official_sdk_available() {
        return;
    }
    // Each call is answered with its operation's sample by the wire test's own server.
    let server = wire::capture_server().await;
    let run = run(&wire::sdk_answers(&[]), &server).await;
    let Run {
        checked, fields, ..
    } = run;
    println!(
        "ECS responses: {checked} operations checked against the official SDK's models, \
         {fields} fields compared; skipped without an SDK operation (Nova actions answering \
         `202` without a body): {}; page fields read for paging, not kept by a page: {}; \
         failed: {}",
        run.skipped.join(", "),
        run.paging_fields.join("; "),
        run.failures.len()
    );
    assert!(
        run.failures.is_empty(),
        "answers that failed: {:#?}",
        run.failures
    );
    let readme = include_str!("../../README.md").replace('\n', " ");
    for claim in [
        format!("**{checked} operations**"),
        format!("**{fields} fields**"),
    ] {
        assert!(readme.contains(&claim), "README.md should say {claim}");
    }
}

/// The same with the SDK's smallest answers: nested objects hold only the attributes the SDK's
/// models require, so a field the spec requires and the SDK does not is found.
#[tokio::test]
async fn our_client_decodes_the_smallest_answers_of_the_official_sdk() {
    if !sdk_tests::official_sdk_available() {
        return;
    }
    let answers = wire::sdk_answers(&["--smallest"]);
    let server = wire::answering(&answers).await;
    let run = run(&answers, &server).await;
    println!(
        "ECS smallest responses: {} operations checked, {} fields compared; failed: {}",
        run.checked,
        run.fields,
        run.failures.len()
    );
    assert!(
        run.failures.is_empty(),
        "answers that failed: {:#?}",
        run.failures
    );
    let readme = include_str!("../../README.md").replace('\n', " ");
    let claim = format!("**{} fields**", run.fields);
    assert!(readme.contains(&claim), "README.md should say {claim}");
}

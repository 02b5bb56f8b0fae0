//! `spec/ecs.yaml` as the generator reads it: its methods, the case names each needs, and what a
//! captured request of a case must carry (every input for `all`, only required ones for
//! `required`), so that a case cannot silently leave an input out.

use super::cases::PROJECT_ID;
use generator::model::{self, Api, Input, InputKind, Method, TypeKind, TypeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use wiremock::Request;

/// The model of `spec/ecs.yaml`.
pub fn load() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/ecs.yaml");
    let text = std::fs::read_to_string(path).expect("spec/ecs.yaml");
    let file = generator::spec::load("spec/ecs.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    model::resolve(&file).unwrap_or_else(|e| panic!("{e}"))
}

/// Every method of the spec by `resource.method`, as case names start.
pub fn methods(api: &Api) -> BTreeMap<String, &Method> {
    let mut methods = BTreeMap::new();
    model::visit_methods(&api.resources, &mut |resource, method| {
        let name = format!("{}.{}", resource.path, method.rust);
        assert!(
            methods.insert(name.clone(), method).is_none(),
            "{name} twice"
        );
    });
    methods
}

/// Whether the caller may leave out some input of `method`.
fn has_optional_inputs(method: &Method) -> bool {
    method.inputs().any(|input| !input.required)
}

/// Problems of the case table: each method of the spec has a `required` case, and an `all`
/// case when it has optional inputs; each case names a method of the spec; no name twice.
pub fn table_problems(api: &Api, names: &[&str]) -> Vec<String> {
    let methods = methods(api);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(*name) {
            problems.push(format!("{name}: listed twice"));
        }
        match name.split_once('/') {
            Some((method, _)) if methods.contains_key(method) => {}
            _ => problems.push(format!("{name}: not `<method of spec/ecs.yaml>/<variant>`")),
        }
    }
    for (name, method) in &methods {
        if !seen.contains(format!("{name}/required").as_str()) {
            problems.push(format!("{name}: no `{name}/required` case"));
        }
        let all = seen.contains(format!("{name}/all").as_str());
        match (has_optional_inputs(method), all) {
            (true, false) => problems.push(format!("{name}: no `{name}/all` case")),
            (false, true) => problems.push(format!("{name}/all: the method has no optional input")),
            _ => {}
        }
    }
    problems
}

/// Whether `path` (as sent) fills `template`: the project id, and one non-empty segment a
/// placeholder.
fn fills(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| match *t {
            "{project_id}" => *p == PROJECT_ID,
            t if t.starts_with('{') => !p.is_empty(),
            t => t == *p,
        })
}

/// The fields of `value` (of type `ty`) that `ty` declares and `value` lacks, at any depth,
/// named by their path from `at`; every element of a list and value of a map counts.
fn missing_fields(api: &Api, ty: &TypeRef, value: &Value, at: &str, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => {
            let Some(decl) = api.types.iter().find(|t| &t.rust == name) else {
                return;
            };
            if let TypeKind::Object(fields) = &decl.kind {
                let Some(object) = value.as_object() else {
                    return out.push(format!("{at}: not an object"));
                };
                for field in fields {
                    let here = format!("{at}.{}", field.wire);
                    match object.get(&field.wire) {
                        None => out.push(here),
                        Some(inner) => missing_fields(api, &field.ty, inner, &here, out),
                    }
                }
            }
        }
        TypeRef::List(inner) => match value.as_array() {
            Some(items) if !items.is_empty() => {
                for item in items {
                    missing_fields(api, inner, item, &format!("{at}[]"), out);
                }
            }
            _ => out.push(format!("{at}: an empty list")),
        },
        TypeRef::Map(inner) => match value.as_object() {
            Some(entries) if !entries.is_empty() => {
                for item in entries.values() {
                    missing_fields(api, inner, item, &format!("{at}{{}}"), out);
                }
            }
            _ => out.push(format!("{at}: an empty map")),
        },
        _ => {}
    }
}

/// Whether `request` carries `input`.
fn carries(request: &Request, body: Option<&Value>, input: &Input) -> bool {
    match input.kind {
        InputKind::Path | InputKind::Body | InputKind::RawBody => true,
        InputKind::Query => request.url.query_pairs().any(|(k, _)| k == input.wire),
        InputKind::Header => request.headers.contains_key(input.wire.as_str()),
        InputKind::BodyField => body
            .and_then(Value::as_object)
            .is_some_and(|o| o.contains_key(&input.wire)),
    }
}

/// What is wrong with `request` (the SDK's) as the case `variant` of `method`: another verb or
/// path than the spec's; for `all`, an input or a nested body field left out; for `required`,
/// an optional input sent.
pub fn request_problems(
    api: &Api,
    method: &Method,
    variant: &str,
    request: &Request,
) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method.as_str() != method.http.as_str() {
        problems.push(format!(
            "the SDK sends {}, the spec says {}",
            request.method,
            method.http.as_str()
        ));
    }
    if !fills(&method.path, request.url.path()) {
        problems.push(format!(
            "the SDK's path {} does not fill the spec's {}",
            request.url.path(),
            method.path
        ));
    }
    let body: Option<Value> = serde_json::from_slice(&request.body).ok();
    // The object holding the body fields: under the wrapping key, if any.
    let fields = match (&body, &method.wrap) {
        (Some(body), Some(wrap)) => body.get(wrap),
        (body, _) => body.as_ref(),
    };
    for input in method.inputs() {
        let sent = carries(request, fields, input);
        match variant {
            "all" if !sent => problems.push(format!(
                "`all` does not send {:?} {}",
                input.kind, input.wire
            )),
            "required" if sent && !input.required => problems.push(format!(
                "`required` sends the optional {:?} {}",
                input.kind, input.wire
            )),
            _ => {}
        }
        if variant == "all" {
            let value = match input.kind {
                InputKind::BodyField => fields.and_then(|f| f.get(&input.wire)),
                InputKind::Body => body.as_ref(),
                _ => None,
            };
            if let Some(value) = value {
                let mut missing = Vec::new();
                missing_fields(api, &input.ty, value, &input.wire, &mut missing);
                problems.extend(missing.into_iter().map(|m| format!("`all` leaves out {m}")));
            }
        }
    }
    problems
}

//! Re-importing into an existing spec: the API's change comes from the new document, and the
//! edits the spec format allows a maintainer survive. What survives (spec/README.md says the
//! same):
//!
//! - every `rust:` name: of types, their fields and enum values, of resources, methods and
//!   their parameters and body fields;
//! - the resource each operation is under and its method's name, matched by `operation:` (so
//!   moving a method to another resource, or renaming its key, is kept);
//! - the docs of resources the maintainer wrote where the document has none;
//! - the top-level keys the importer does not write or that a maintainer sets for the SDK:
//!   `name`, `title`, `base_url`, `base_url_env`, `url_params`, `client_params` (whose names are
//!   then not path parameters), `auth`, `errors`, `waiters`, `resource_features`,
//!   `unprocessed_statuses`, `idempotency_key_prefix`.
//!
//! Descriptions of types, fields and methods come from the new document: edit them upstream.

use super::doc::Doc;
use super::yaml::Node;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Top-level keys taken from the existing spec when it has them.
const KEPT: [&str; 12] = [
    "name",
    "title",
    "base_url",
    "base_url_env",
    "url_params",
    "client_params",
    "auth",
    "errors",
    "waiters",
    "resource_features",
    "unprocessed_statuses",
    "idempotency_key_prefix",
];

/// A YAML value read with serde as a [`Node`] (mapping keys in serde_json's order).
pub fn from_json(value: &Value) -> Node {
    match value {
        Value::Null => Node::Plain("null".into()),
        Value::Bool(b) => Node::bool(*b),
        Value::Number(n) => Node::Plain(n.to_string()),
        Value::String(s) => Node::str(s.clone()),
        Value::Array(items) => Node::Seq(items.iter().map(from_json).collect()),
        Value::Object(map) => {
            Node::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

/// [`from_json`], with mapping keys in the order `like` has them (the fresh import's order, so
/// that an import into its own output changes nothing), others after them.
fn from_json_like(value: &Value, like: Option<&Node>) -> Node {
    match (value, like) {
        (Value::Object(map), Some(Node::Map(template))) => {
            let mut entries: Vec<(String, Node)> = template
                .iter()
                .filter_map(|(k, t)| Some((k.clone(), from_json_like(map.get(k)?, Some(t)))))
                .collect();
            for (k, v) in map {
                if !template.iter().any(|(t, _)| t == k) {
                    entries.push((k.clone(), from_json(v)));
                }
            }
            Node::Map(entries)
        }
        (Value::Array(items), Some(Node::Seq(template))) => Node::Seq(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| from_json_like(v, template.get(i).or(template.first())))
                .collect(),
        ),
        _ => from_json(value),
    }
}

/// Applies the edits of the `existing` spec to the freshly imported `meta` (top-level keys),
/// `types` and `resources`.
pub fn apply(
    doc: &Doc,
    existing: &str,
    (meta, types, resources): (&mut Node, &mut [(String, Node)], &mut Node),
) -> Result<(), String> {
    let old: Value = serde_saphyr::from_str(existing)
        .map_err(|e| format!("the existing spec is not YAML: {}", e.without_snippet()))?;
    let Some(old_top) = old.as_object() else {
        return Err("the existing spec is not a mapping".into());
    };
    if let Node::Map(entries) = meta {
        for key in KEPT {
            let Some(value) = old_top.get(key) else {
                continue;
            };
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, slot)) => *slot = from_json_like(value, Some(&*slot)),
                None => entries.push((key.to_owned(), from_json(value))),
            }
        }
    }
    let old_types = old.get("types").and_then(Value::as_object);
    for (name, def) in types.iter_mut() {
        if let Some(old_def) = old_types.and_then(|t| t.get(name)) {
            keep_type_names(def, old_def);
        }
    }
    let client_params: HashSet<String> = old
        .get("client_params")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let old_resources = old.get("resources").cloned().unwrap_or(Value::Null);
    *resources = regroup(doc, resources, &old_resources, &client_params);
    Ok(())
}

/// Copies `rust:` from `old` to `new` in a type: the type's, its fields' and its enum values'.
fn keep_type_names(new: &mut Node, old: &Value) {
    copy_key(new, old, "rust");
    for part in ["fields", "enum", "int_enum"] {
        let Some(old_items) = old.get(part).and_then(Value::as_object) else {
            continue;
        };
        if let Some(Node::Map(items)) = child_mut(new, part) {
            for (name, item) in items.iter_mut() {
                if let Some(old_item) = old_items.get(name) {
                    copy_key(item, old_item, "rust");
                }
            }
        }
    }
}

/// Sets `key` of the mapping `new` to `old`'s, if `old` has it.
fn copy_key(new: &mut Node, old: &Value, key: &str) {
    let Some(value) = old.get(key) else {
        return;
    };
    if let Node::Map(entries) = new {
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = from_json_like(value, Some(&*slot)),
            None => entries.push((key.to_owned(), from_json(value))),
        }
    }
}

fn child_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match node {
        Node::Map(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Where each method of the existing spec is, by `operation:`: resource path, method key and
/// the method.
fn old_places(
    resources: &Value,
    path: &mut Vec<String>,
    out: &mut HashMap<String, (Vec<String>, String, Value)>,
) {
    for (name, resource) in resources.as_object().into_iter().flatten() {
        path.push(name.clone());
        for (key, method) in resource
            .get("methods")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(operation) = method.get("operation").and_then(Value::as_str) {
                out.insert(
                    operation.to_owned(),
                    (path.clone(), key.clone(), method.clone()),
                );
            }
        }
        if let Some(children) = resource.get("resources") {
            old_places(children, path, out);
        }
        path.pop();
    }
}

/// The imported resources rebuilt with each method where the existing spec has it, and the
/// existing resources' names and docs.
fn regroup(doc: &Doc, new: &Node, old: &Value, client_params: &HashSet<String>) -> Node {
    let mut places = HashMap::new();
    old_places(old, &mut Vec::new(), &mut places);
    let mut tree = Node::map();
    let Node::Map(new_resources) = new else {
        return new.clone();
    };
    for (resource_name, resource) in new_resources {
        let new_doc = match resource {
            Node::Map(e) => e.iter().find(|(k, _)| k == "doc").map(|(_, v)| v.clone()),
            _ => None,
        };
        let Some(Node::Map(methods)) = (match resource {
            Node::Map(e) => e.iter().find(|(k, _)| k == "methods").map(|(_, v)| v),
            _ => None,
        }) else {
            continue;
        };
        for (method_name, method) in methods {
            let mut method = method.clone();
            let operation = match &method {
                Node::Map(e) => {
                    e.iter()
                        .find(|(k, _)| k == "operation")
                        .and_then(|(_, v)| match v {
                            Node::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                }
                _ => None,
            };
            let (path, key) = match operation.as_ref().and_then(|o| places.get(o)) {
                Some((path, key, old_method)) => {
                    keep_method_names(&mut method, old_method);
                    (path.clone(), key.clone())
                }
                None => (vec![resource_name.clone()], method_name.clone()),
            };
            drop_client_params(&mut method, client_params);
            let slot = resource_at(&mut tree, &path, old, new_doc.as_ref());
            if let Node::Map(entries) = slot {
                if !entries.iter().any(|(k, _)| k == "methods") {
                    entries.push(("methods".into(), Node::map()));
                }
                if let Some(Node::Map(methods)) = entries
                    .iter_mut()
                    .find(|(k, _)| k == "methods")
                    .map(|(_, v)| v)
                {
                    if methods.iter().any(|(k, _)| *k == key) {
                        doc.note(
                            "/paths",
                            format!(
                                "two operations under the method `{key}` of `{}`",
                                path.join(".")
                            ),
                            "the second keeps its imported name",
                        );
                        methods.push((method_name.clone(), method));
                    } else {
                        methods.push((key, method));
                    }
                }
            }
        }
    }
    tree
}

/// Copies the method's and its parameters' `rust:` names from the existing spec.
fn keep_method_names(new: &mut Node, old: &Value) {
    copy_key(new, old, "rust");
    copy_key(new, old, "params_name");
    for part in ["path_params", "query", "headers"] {
        let Some(old_params) = old.get(part).and_then(Value::as_object) else {
            continue;
        };
        if let Some(Node::Map(params)) = child_mut(new, part) {
            for (name, param) in params.iter_mut() {
                if let Some(old_param) = old_params.get(name) {
                    copy_key(param, old_param, "rust");
                }
            }
        }
    }
    let old_fields = old
        .get("body")
        .and_then(|b| b.get("fields"))
        .and_then(Value::as_object);
    if let (Some(old_fields), Some(body)) = (old_fields, child_mut(new, "body"))
        && let Some(Node::Map(fields)) = child_mut(body, "fields")
    {
        for (name, field) in fields.iter_mut() {
            if let Some(old_field) = old_fields.get(name) {
                copy_key(field, old_field, "rust");
            }
        }
    }
}

/// Removes the path parameters the client fills in from its `client_params`.
fn drop_client_params(method: &mut Node, client_params: &HashSet<String>) {
    let empty = if let Some(Node::Map(params)) = child_mut(method, "path_params") {
        params.retain(|(name, _)| !client_params.contains(name));
        params.is_empty()
    } else {
        false
    };
    if empty && let Node::Map(entries) = method {
        entries.retain(|(k, _)| k != "path_params");
    }
}

/// The resource at `path` in `tree` (made, with the existing spec's `rust:` and doc, or the
/// imported doc, if missing).
fn resource_at<'a>(
    tree: &'a mut Node,
    path: &[String],
    old: &Value,
    new_doc: Option<&Node>,
) -> &'a mut Node {
    let Some((first, rest)) = path.split_first() else {
        return tree;
    };
    let old_resource = old.get(first).cloned().unwrap_or(Value::Null);
    let Node::Map(entries) = tree else {
        return tree;
    };
    let index = match entries.iter().position(|(k, _)| k == first) {
        Some(index) => index,
        None => {
            let mut resource = Node::map();
            copy_key(&mut resource, &old_resource, "rust");
            let doc = old_resource.get("doc").map(from_json).or_else(|| {
                if rest.is_empty() {
                    new_doc.cloned()
                } else {
                    None
                }
            });
            resource.set_some("doc", doc);
            entries.push((first.clone(), resource));
            entries.len() - 1
        }
    };
    let resource = &mut entries[index].1;
    if rest.is_empty() {
        return resource;
    }
    let Node::Map(fields) = resource else {
        return resource;
    };
    let children = match fields.iter().position(|(k, _)| k == "resources") {
        Some(index) => index,
        None => {
            fields.push(("resources".into(), Node::map()));
            fields.len() - 1
        }
    };
    let old_children = old_resource
        .get("resources")
        .cloned()
        .unwrap_or(Value::Null);
    resource_at(&mut fields[children].1, rest, &old_children, new_doc)
}

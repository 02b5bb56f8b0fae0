//! OpenStack-style action endpoints: a POST whose JSON body is a `oneOf` of objects with one
//! property each (`{"reboot": {...}}`, `{"os-start": null}`) becomes a method per action, named
//! after its key, sending `wrap: <key>` with the key's value (inline fields, a type, `{}`, or
//! `wrap_null`), and answering with the answer's members marked as that action's.

use super::doc::{Doc, join};
use super::names;
use super::ops::{json_body, json_media};
use super::schema::{Schemas, description};
use super::yaml::Node;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::HashSet;

/// One action of a POST whose body is one of several one-key objects (`{"reboot": {...}}`,
/// `{"os-start": null}`), as OpenStack's `/action` endpoints take.
pub(super) struct Action {
    /// The key, which names the action.
    pub key: String,
    /// The schema of the key's value (a `oneOf` of each member's where several give the key).
    value: Value,
    /// Where that schema is.
    at: String,
    /// The action's description.
    pub doc: Option<String>,
}

/// The actions of an operation whose JSON body is a `oneOf` of objects with one property each
/// (members that are themselves such a `oneOf`, microversions of one action, are looked into),
/// with at least two keys; none otherwise.
pub(super) fn actions(doc: &Doc, operation: &Value, at: &str) -> Vec<Action> {
    let Some(body) = operation.get("requestBody") else {
        return Vec::new();
    };
    let (body, body_at) = doc.deref(body, &join(at, "requestBody"));
    let Some((media, media_type)) = body
        .get("content")
        .and_then(Value::as_object)
        .and_then(json_media)
    else {
        return Vec::new();
    };
    let Some(schema) = media_type.get("schema") else {
        return Vec::new();
    };
    let schema_at = join(&join(&join(&body_at, "content"), media), "schema");
    let (schema, schema_at) = doc.deref(schema, &schema_at);
    let Some(members) = schema.get("oneOf").and_then(Value::as_array) else {
        return Vec::new();
    };
    // Key -> (where its value is, the top member's pointer, the description).
    let mut keys: IndexMap<String, Vec<(String, String, Option<String>)>> = IndexMap::new();
    for (i, member) in members.iter().enumerate() {
        let (member, member_at) =
            doc.deref(member, &join(&join(&schema_at, "oneOf"), &i.to_string()));
        let mut leaves = Vec::new();
        if !one_key_objects(doc, member, &member_at, 0, &mut leaves) {
            return Vec::new();
        }
        let top_doc = description(member);
        for (key, value_at, leaf_doc) in leaves {
            keys.entry(key).or_default().push((
                value_at,
                member_at.clone(),
                top_doc.clone().or(leaf_doc),
            ));
        }
    }
    // One key is an action only where the document says the members are actions.
    let declared = schema
        .get("x-openstack")
        .and_then(|x| x.get("discriminator"))
        .is_some_and(|d| d == "action");
    if keys.len() < 2 && !declared {
        return Vec::new();
    }
    keys.into_iter()
        .map(|(key, values)| {
            let reference = |pointer: &str| serde_json::json!({ "$ref": format!("#{pointer}") });
            let (value, value_at) = match values.as_slice() {
                [(value_at, _, _)] => (reference(value_at), value_at.clone()),
                _ => (
                    serde_json::json!({
                        "oneOf": values.iter().map(|(v, _, _)| reference(v)).collect::<Vec<_>>(),
                        "x-openstack": {"discriminator": "microversion"},
                    }),
                    values[0].1.clone(),
                ),
            };
            let doc = values.iter().rev().find_map(|(_, _, d)| d.clone());
            Action {
                key,
                value,
                at: value_at,
                doc,
            }
        })
        .collect()
}

/// The operation as one action sees it: where an answer is a `oneOf` whose members say which
/// action they answer (`x-openstack: {action-name: ...}`), only this action's members, and no
/// body where none is this action's. Answers without such members are left as they are (a
/// reference that leads nowhere is noted where the answer is read, at its own pointer).
pub(super) fn action_operation(doc: &Doc, operation: &Value, key: &str) -> Value {
    let mut own = operation.clone();
    let Some(responses) = own.get_mut("responses").and_then(Value::as_object_mut) else {
        return own;
    };
    let action_of = |m: &Value| {
        doc.peek(m)
            .get("x-openstack")
            .and_then(|x| x.get("action-name"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for response in responses.values_mut() {
        let mut narrowed = doc.peek(response).clone();
        let Some(content) = narrowed.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        let mut changed = false;
        for media in content.values_mut() {
            let Some(schema) = media.get("schema").map(|s| doc.peek(s).clone()) else {
                continue;
            };
            let Some(members) = schema.get("oneOf").and_then(Value::as_array) else {
                continue;
            };
            if members.iter().all(|m| action_of(m).is_none()) {
                continue;
            }
            changed = true;
            let mine: Vec<Value> = members
                .iter()
                .filter(|m| action_of(m).as_deref() == Some(key))
                .cloned()
                .collect();
            match mine.as_slice() {
                [] => {
                    if let Some(media) = media.as_object_mut() {
                        media.remove("schema");
                    }
                }
                [one] => media["schema"] = one.clone(),
                _ => {
                    let mut versions = schema.clone();
                    versions["oneOf"] = Value::Array(mine);
                    // One action's answers differ by microversion only.
                    versions["x-openstack"] = serde_json::json!({"discriminator": "microversion"});
                    media["schema"] = versions;
                }
            }
        }
        if !changed {
            continue;
        }
        content.retain(|_, media| media.get("schema").is_some());
        let no_content = content.is_empty();
        if let (true, Some(r)) = (no_content, narrowed.as_object_mut()) {
            r.remove("content");
        }
        *response = narrowed;
    }
    own
}

/// Collects the `(key, pointer to its value, description)` of `schema` if it is an object with
/// exactly one property, or of each member if it is a `oneOf` of such; whether it is.
fn one_key_objects(
    doc: &Doc,
    schema: &Value,
    at: &str,
    depth: usize,
    out: &mut Vec<(String, String, Option<String>)>,
) -> bool {
    if let Some(members) = schema.get("oneOf").and_then(Value::as_array) {
        return depth < 3
            && schema.get("properties").is_none()
            && members.iter().enumerate().all(|(i, m)| {
                let (m, m_at) = doc.deref(m, &join(&join(at, "oneOf"), &i.to_string()));
                one_key_objects(doc, m, &m_at, depth + 1, out)
            });
    }
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return false;
    };
    let is_object = schema.get("type").is_none_or(|t| {
        t == "object"
            || t.as_array()
                .is_some_and(|l| l.iter().any(|x| x == "object"))
    });
    let [(key, _)] = properties.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    if !is_object || schema.get("anyOf").is_some() || schema.get("allOf").is_some() {
        return false;
    }
    out.push((
        key.clone(),
        join(&join(at, "properties"), key),
        description(schema),
    ));
    true
}

/// The body of an action: its value wrapped in its key, as inline fields, a type, `{}` for a
/// value that may be anything or an object without properties, or `null` where it must be.
pub(super) fn action_body(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    action: &Action,
    hint: &str,
    names_used: &HashSet<String>,
) -> Node {
    let mut node = Node::map();
    node.set("wrap", Node::str(action.key.clone()));
    let (value, value_at) = doc.deref(&action.value, &action.at);
    let value = value.clone();
    let Some(object) = value.as_object() else {
        return node;
    };
    let only_null = object
        .get("type")
        .is_some_and(|t| t == "null" || t == &serde_json::json!(["null"]))
        || object.get("const") == Some(&Value::Null)
        || object.get("enum") == Some(&serde_json::json!([null]));
    let unconstrained = object.keys().all(|k| {
        [
            "description",
            "title",
            "type",
            "additionalProperties",
            "x-openstack",
        ]
        .contains(&k.as_str())
    }) && object
        .get("additionalProperties")
        .is_none_or(|a| a == true || a == false)
        && object.get("type").is_none_or(|t| t == "object");
    if only_null {
        node.set("wrap_null", Node::bool(true));
    } else if !unconstrained {
        json_body(
            doc,
            schemas,
            (&value, &value_at),
            hint,
            names_used,
            &mut node,
        );
    }
    node
}

/// The method name of an action: the key in snake case without OpenStack's `os-` prefix
/// (`os-start` is `start`), after the words of the endpoint's own name before `action`
/// (`migrations_action` gives `migrations_force_complete`).
pub(super) fn action_method_name(endpoint: &str, key: &str) -> String {
    let key = key
        .strip_prefix("os-")
        .or_else(|| key.strip_prefix("OS-"))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(key);
    let key = names::snake(key);
    match endpoint.strip_suffix("action") {
        Some("") => key,
        Some(prefix) if prefix.ends_with('_') => format!("{prefix}{key}"),
        _ => format!("{endpoint}_{key}"),
    }
}

//! Resource and method names of imported operations: a resource per tag (or first path
//! segment), a method named from its `operationId` without the resource's words, and for
//! OpenStack's path-shaped ids (`servers/server_id/tags:get`) the names a hand-written SDK would
//! give them: no `os-`, no words the resource's name says already, `list` or `get` by what the
//! path holds.

use super::doc::Doc;
use super::names;
use super::ops::METHODS;
use serde_json::Value;
use std::collections::HashSet;

/// The resource an operation goes under: its first tag, or the first path segment that is
/// neither a version (`v1`, `v2.1`) nor a placeholder.
pub(super) fn group_of(operation: &Value, path: &str) -> String {
    if let Some(tag) = operation
        .get("tags")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(Value::as_str)
    {
        return names::snake(tag);
    }
    let segment = path
        .split('/')
        .find(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s));
    names::snake(segment.unwrap_or("root"))
}

/// Every operation's [`group_of`], to tell whether a tidied name is another resource's.
pub(super) fn raw_groups(doc: &Doc, paths: &serde_json::Map<String, Value>) -> HashSet<String> {
    paths
        .iter()
        .filter_map(|(path, item)| Some((path, doc.peek(item).as_object()?)))
        .flat_map(|(path, item)| {
            item.iter()
                .filter(|(verb, _)| METHODS.contains(&verb.as_str()))
                .map(move |(_, operation)| group_of(operation, path))
        })
        .collect()
}

/// The resource name of an operation whose id is its path (OpenStack's): a tag that says its
/// name twice (`quota-sets-os-quota-sets`) says it once, and the `os-` of an API extension
/// goes (`os-keypairs` is `keypairs`) unless another resource already has that name. Other
/// documents' names are their tags'.
pub(super) fn tidy_group(operation: &Value, group: &str, groups: &HashSet<String>) -> String {
    if !path_shaped_id(operation) {
        return group.to_owned();
    }
    let words: Vec<&str> = group.split('_').collect();
    let half = words.len() / 2;
    let once = if words.len() % 2 == 1 && words[half] == "os" && words[..half] == words[half + 1..]
    {
        words[..half].join("_")
    } else {
        group.to_owned()
    };
    let bare = without_extension_prefix(&once);
    if bare != once && groups.contains(bare) {
        once
    } else {
        bare.to_owned()
    }
}

/// Whether an operation's id is its path (`servers/server_id/tags:get`), as OpenStack's are.
pub(super) fn path_shaped_id(operation: &Value) -> bool {
    operation
        .get("operationId")
        .and_then(Value::as_str)
        .is_some_and(|id| id.contains('/') || id.contains(':'))
}

fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// The method's name: the `operationId` in snake case without the resource's words at its
/// start or end (`instance_list` under `instances` is `list`), or the verb and path without one.
pub(super) fn method_name(
    operation: &Value,
    verb: &str,
    path: &str,
    group: &str,
    lists: bool,
) -> String {
    let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
        let segments: Vec<&str> = path
            .split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s))
            .collect();
        return names::snake(&format!("{verb} {}", segments.join(" ")));
    };
    if path_shaped_id(operation) {
        return rest_name(verb, path, group, lists, true);
    }
    let name = names::snake(id);
    let words: Vec<&str> = name.split('_').collect();
    let group_words: Vec<&str> = group.split('_').collect();
    let singular: Vec<String> = group_words
        .iter()
        .map(|w| w.strip_suffix('s').unwrap_or(w).to_owned())
        .collect();
    for candidate in [
        group_words
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>(),
        singular,
    ] {
        let n = candidate.len();
        if words.len() > n && words[..n] == candidate[..] {
            return words[n..].join("_");
        }
        if words.len() > n && words[words.len() - n..] == candidate[..] {
            return words[..words.len() - n].join("_");
        }
    }
    name
}

/// A name for an operation whose id is its path (`flavors/flavor_id/os-extra_specs:get`, as
/// OpenStack's documents have them): what the verb does to the path (`list` when the path ends
/// with a collection whose answer is a list, `get` for one thing, `create`, `update`,
/// `replace`, `delete`), then the path's fixed segments after those the resource's name
/// covers, without OpenStack's `os-` (`list_extra_specs` under `flavors`, plain `list` for
/// `servers/{server_id}/tags` under `server_tags`); `action` for a POST to `/action`. Said
/// `in_short`, the leading segments whose every word is in the resource's name are left out
/// (`servers/{server_id}/tags` under `server_tags` is plain `list`); otherwise only a leading
/// segment that is the resource's whole name.
pub(super) fn rest_name(
    verb: &str,
    path: &str,
    group: &str,
    lists: bool,
    in_short: bool,
) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !is_version(s))
        .collect();
    let item = segments.last().is_some_and(|s| s.starts_with('{'));
    let group_words: Vec<&str> = group.split('_').map(singular).collect();
    let fixed: Vec<String> = segments
        .iter()
        .filter(|s| !s.starts_with('{'))
        .map(|s| without_extension_prefix(&names::snake(s)).to_owned())
        .skip_while(|s| {
            if in_short {
                s.split('_').all(|w| group_words.contains(&singular(w)))
            } else {
                s == group
            }
        })
        .collect();
    if verb == "post" && fixed.last().is_some_and(|s| s == "action") {
        let rest = &fixed[..fixed.len() - 1];
        return if rest.is_empty() {
            "action".into()
        } else {
            format!("{}_action", rest.join("_"))
        };
    }
    let action = match (verb, item) {
        ("get", false) if lists => "list",
        ("get", _) => "get",
        ("post", _) => "create",
        ("put" | "patch", true) => "update",
        ("put" | "patch", false) => "replace",
        ("delete", true) => "delete",
        _ if fixed.is_empty() => "delete_all",
        _ => "delete",
    };
    if fixed.is_empty() {
        action.to_owned()
    } else {
        format!("{action}_{}", fixed.join("_"))
    }
}

/// A word without a plural `s` (`servers` is `server`; `status` stays).
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') && !stem.ends_with('u') => stem,
        _ => word,
    }
}

/// An OpenStack name without the `os_` that marks an API extension (`os_keypairs` is
/// `keypairs`); a name that is only `os` stays.
fn without_extension_prefix(name: &str) -> &str {
    name.strip_prefix("os_")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
}

/// Whether a GET of `path` lists: the document has an item path under it (`path/{id}`), or
/// its JSON answer (or one of its variants) is an array or an object of arrays only
/// (`{"servers": [...], "servers_links": [...]}`), or it says nothing of its answer. An answer
/// with one thing in it (`{"quota_set": {...}}`, `{"state": .., "cpu_details": [..]}`) under
/// a path with no items is one thing.
pub(super) fn lists_at(
    doc: &Doc,
    paths: &serde_json::Map<String, Value>,
    path: &str,
    operation: &Value,
) -> bool {
    let has_items = paths.keys().any(|p| {
        p.strip_prefix(path)
            .and_then(|rest| rest.strip_prefix("/{"))
            .is_some_and(|rest| rest.ends_with('}') && !rest.contains('/'))
    });
    let mut schemas = operation
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(_, response)| doc.peek(response).get("content")?.as_object())
        .flat_map(|content| content.iter())
        .filter(|(media, _)| media.contains("json"))
        .filter_map(|(_, media)| media.get("schema"))
        .peekable();
    has_items || schemas.peek().is_none() || schemas.any(|schema| lists(doc, doc.peek(schema), 0))
}

fn lists(doc: &Doc, schema: &Value, depth: usize) -> bool {
    let is_array = |s: &Value| {
        let s = doc.peek(s);
        s.get("type").is_some_and(|t| {
            t == "array" || t.as_array().is_some_and(|l| l.iter().any(|t| t == "array"))
        }) || s.get("items").is_some()
    };
    if is_array(schema) {
        return true;
    }
    if depth < 4 {
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(members) = schema.get(key).and_then(Value::as_array)
                && members.iter().any(|m| lists(doc, doc.peek(m), depth + 1))
            {
                return true;
            }
        }
    }
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty() && p.values().all(is_array))
}

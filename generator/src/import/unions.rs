//! `oneOf`/`anyOf` (and 3.1 type lists) as the spec's unions: with a discriminator where the
//! document gives one, or where every member is an object fixing the same property to a value
//! of its own (`{"type": {"enum": ["ip"]}}`, a `const`); otherwise untagged, members in the
//! document's order with the stricter text formats first.

use super::doc::{join, schema_ref};
use super::names;
use super::schema::{Schemas, Ty};
use super::yaml::Node;
use serde_json::{Map, Value};

/// The union of `members` (index in the document's list, schema) of the schema `object` at
/// `at`, named `name` (as given for a component).
pub fn union(
    schemas: &mut Schemas<'_>,
    (object, at): (&Map<String, Value>, &str),
    members: &[(usize, Value)],
    (name, component): (&str, bool),
    depth: usize,
) -> Ty {
    if let Some(values) = string_values(schemas, at, members) {
        // `oneOf` string enums (each value with its own description): one enum.
        let type_name = schemas.name_for(name, component);
        let mut variants = Node::map();
        for (value, doc) in values {
            let mut variant = Node::map();
            variant.set_some("doc", doc.map(Node::str));
            variants.set(value, variant);
        }
        let mut node = Node::map();
        node.set_some(
            "doc",
            super::schema::description(&Value::Object(object.clone())).map(Node::str),
        );
        node.set("enum", variants);
        schemas.defs.insert(type_name.clone(), node);
        return Ty {
            expr: type_name,
            nullable: false,
            doc: None,
            format: None,
            pattern: None,
        };
    }
    // A request body sent in the newest microversion the document describes: one shape the
    // caller fills, where a union of versions would be a choice whose older members' bodies
    // the document's `oneOf` often takes by several members at once.
    // The versions oldest first, by the `min-ver` each gives (the document lists them by name,
    // where `2.102` comes before `2.55`).
    let by_version: Vec<(usize, Value)>;
    let members = if is_microversions(object) {
        let mut sorted = members.to_vec();
        sorted.sort_by_key(|(i, m)| (min_version(schemas, m, &join(at, &i.to_string())), *i));
        by_version = sorted;
        &by_version[..]
    } else {
        members
    };
    if let (true, Some((i, newest))) = (
        is_microversions(object) && schemas.in_request,
        members.last(),
    ) {
        let listed: Vec<String> = members[..members.len() - 1]
            .iter()
            .map(|(i, m)| {
                super::doc::schema_ref(m).map_or_else(|| format!("member {i}"), str::to_owned)
            })
            .collect();
        schemas.doc().note(
            at,
            format!(
                "a request body that differs by microversion ({} older)",
                listed.join(", ")
            ),
            "typed as the newest microversion's body (the highest `min-ver`)",
        );
        return schemas.ty(newest, &join(at, &i.to_string()), name, depth + 1);
    }
    // OpenStack lists a body's microversions oldest first; the newest is tried first, so that
    // the members an older one would take every value of are the ones left out.
    let newest_first: Vec<(usize, Value)>;
    let members = if is_microversions(object) {
        newest_first = members.iter().rev().cloned().collect();
        &newest_first[..]
    } else {
        members
    };
    if let Some(hoisted) = one_key_versions(schemas, object, at, members) {
        // `oneOf: [{"flavor": v1}, {"flavor": v2}]` is `{"flavor": oneOf [v1, v2]}`.
        let parent = at
            .strip_suffix("/oneOf")
            .or_else(|| at.strip_suffix("/anyOf"))
            .unwrap_or(at);
        let ty = schemas.named_or_expr(&hoisted, parent, name, depth + 1, component);
        // The union of the values is where no document pointer leads: its notes go to the
        // versions' `oneOf`.
        let key = hoisted["properties"]
            .as_object()
            .and_then(|p| p.keys().next())
            .cloned()
            .unwrap_or_default();
        let made_up = join(&join(parent, "properties"), &key);
        for pointer in schemas.pointers.values_mut() {
            if pointer.starts_with(&made_up) {
                *pointer = at.to_owned();
            }
        }
        return ty;
    }
    let type_name = schemas.name_for(name, component);
    // Taken before the members are made, for a member that refers back to the union.
    schemas.defs.insert(type_name.clone(), Node::map());
    let def = match tagged(schemas, object, at, members) {
        Some((property, tags)) => {
            let mut listed = Node::map();
            for (tag, schema, member_at) in tags {
                let member_name = format!("{type_name}{}", names::type_name(&tag));
                let member =
                    schemas.object_without(&schema, &member_at, &member_name, &property, depth + 1);
                listed.set(tag, Node::str(member));
            }
            let mut union = Node::map();
            union.set("discriminator", Node::str(property));
            union.set("members", listed);
            union
        }
        None => {
            let mut exprs: Vec<String> = Vec::new();
            for (i, member) in members {
                let hint = format!("{type_name}{}", member_hint(schemas, member, *i));
                let ty = schemas.ty(member, &join(at, &i.to_string()), &hint, depth + 1);
                if !exprs.contains(&ty.item()) {
                    exprs.push(ty.item());
                }
            }
            exprs.sort_by_key(|e| strictness(e));
            if let [only] = exprs.as_slice() {
                // Members that are one type here (`ipv4` and `ipv6` strings): that type.
                schemas.defs.shift_remove(&type_name);
                let (expr, nullable) = match only.strip_suffix('?') {
                    Some(inner) => (inner.to_owned(), true),
                    None => (only.clone(), false),
                };
                return Ty {
                    expr,
                    nullable,
                    doc: None,
                    format: None,
                    pattern: None,
                };
            }
            Node::Seq(exprs.into_iter().map(Node::str).collect())
        }
    };
    schemas.pointers.insert(type_name.clone(), at.to_owned());
    let mut node = Node::map();
    node.set_some(
        "doc",
        super::schema::description(&Value::Object(object.clone())).map(Node::str),
    );
    node.set("union", def);
    schemas.defs.insert(type_name.clone(), node);
    Ty {
        expr: type_name,
        nullable: false,
        doc: None,
        format: None,
        pattern: None,
    }
}

/// Versions of one body that each are an object of the same single property (OpenStack's
/// `{"server_group": {...}}` in each microversion), as one object of that property whose value
/// is the union of the versions' values (still newest first); `None` if they are not.
fn one_key_versions(
    schemas: &Schemas<'_>,
    object: &Map<String, Value>,
    at: &str,
    members: &[(usize, Value)],
) -> Option<Value> {
    if !is_microversions(object) || members.len() < 2 {
        return None;
    }
    let mut key: Option<String> = None;
    let mut values = Vec::new();
    let mut all_require = true;
    for (i, member) in members {
        let (resolved, member_at) = schemas.doc().deref(member, &join(at, &i.to_string()));
        let properties = resolved.get("properties")?.as_object()?;
        let [(k, _)] = properties.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let allowed = [
            "type",
            "properties",
            "required",
            "additionalProperties",
            "description",
            "title",
            "x-openstack",
            "summary",
        ];
        if resolved
            .as_object()?
            .keys()
            .any(|x| !allowed.contains(&x.as_str()))
        {
            return None;
        }
        if key.get_or_insert_with(|| k.clone()) != k {
            return None;
        }
        all_require &= resolved
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|n| n == k));
        values.push(serde_json::json!({
            "$ref": format!("#{}", join(&join(&member_at, "properties"), k))
        }));
    }
    let key = key?;
    // In the document's order again: the union of the values puts the newest first itself.
    values.reverse();
    let mut hoisted = serde_json::json!({
        "type": "object",
        "properties": {
            key.clone(): {"oneOf": values, "x-openstack": {"discriminator": "microversion"}},
        },
    });
    if all_require {
        hoisted["required"] = serde_json::json!([key]);
    }
    if let Some(d) = object.get("description") {
        hoisted["description"] = d.clone();
    }
    Some(hoisted)
}

/// The `x-openstack: {min-ver: "2.55"}` of a member as `(2, 55)`; `(0, 0)` without one.
fn min_version(schemas: &Schemas<'_>, member: &Value, at: &str) -> (u64, u64) {
    let (resolved, _) = schemas.doc().deref(member, at);
    let text = resolved
        .get("x-openstack")
        .and_then(|x| x.get("min-ver"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// Whether the members are versions of one value (`x-openstack: {discriminator: microversion}`).
fn is_microversions(object: &Map<String, Value>) -> bool {
    object
        .get("x-openstack")
        .and_then(|x| x.get("discriminator"))
        .is_some_and(|d| d == "microversion")
}

/// The values and descriptions of members that are all string enums (or `const` strings), in
/// order without repeats, if they are.
fn string_values(
    schemas: &Schemas<'_>,
    at: &str,
    members: &[(usize, Value)],
) -> Option<Vec<(String, Option<String>)>> {
    let mut values: Vec<(String, Option<String>)> = Vec::new();
    for (i, member) in members {
        let (schema, _) = schemas.doc().deref(member, &join(at, &i.to_string()));
        let doc = super::schema::description(schema);
        let listed: Vec<&Value> = match (schema.get("enum"), schema.get("const")) {
            (Some(Value::Array(values)), _) => values.iter().collect(),
            (None, Some(value)) => vec![value],
            _ => return None,
        };
        for value in listed {
            let text = value.as_str()?.to_owned();
            if !values.iter().any(|(v, _)| *v == text) {
                values.push((text, doc.clone()));
            }
        }
    }
    (!values.is_empty()).then_some(values)
}

/// A name for an untagged member: its component's name; for a part of a component that is an
/// OpenStack microversion, that version (`241` for `min-ver: "2.41"`, as the document's own
/// names say it); or its position.
fn member_hint(schemas: &Schemas<'_>, member: &Value, index: usize) -> String {
    if let Some(name) = schema_ref(member) {
        return names::type_name(name);
    }
    let version = member
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .and_then(|r| r.split('/').next())
        .and_then(|component| schemas.doc().at(&join("/components/schemas", component)))
        .and_then(|component| component.get("x-openstack")?.get("min-ver")?.as_str())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    match version {
        Some(v) => v.replace('.', ""),
        None => format!("Variant{}", index + 1),
    }
}

/// Where an untagged member goes: stricter text formats before plain text, integers before
/// other numbers, anything before `json` (the spec's union rules: an earlier member must not take
/// every value of a later one). The sort is stable: the document's order otherwise.
fn strictness(expr: &str) -> u8 {
    match expr.trim_end_matches('?') {
        "datetime" | "date" | "decimal" => 0,
        "int32" | "int64" | "uint32" | "uint64" => 1,
        "string" | "float64" | "bool" => 2,
        "json" | "list<json>" | "map<json>" => 4,
        _ => 3,
    }
}

/// A member of a union with a discriminator: its value, schema and pointer.
type Tagged = (String, Value, String);

/// The property telling the members apart and each member's value for it, schema and pointer,
/// if every member is an object with one.
fn tagged(
    schemas: &mut Schemas<'_>,
    object: &Map<String, Value>,
    at: &str,
    members: &[(usize, Value)],
) -> Option<(String, Vec<Tagged>)> {
    let doc = schemas.doc();
    let declared = object
        .get("discriminator")
        .and_then(|d| d.get("propertyName"))
        .and_then(Value::as_str);
    let mapping: Vec<(String, String)> = object
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(tag, target)| Some((tag.clone(), target.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let resolved: Vec<(Value, String, Option<String>)> = members
        .iter()
        .map(|(i, member)| {
            let (schema, member_at) = doc.deref(member, &join(at, &i.to_string()));
            let reference = member
                .get("$ref")
                .and_then(Value::as_str)
                .map(str::to_owned);
            (schema.clone(), member_at, reference)
        })
        .collect();
    let candidates: Vec<String> = match declared {
        Some(property) => vec![property.to_owned()],
        None => fixed_properties(&resolved[0].0),
    };
    'property: for property in candidates {
        let mut tags = Vec::new();
        for (schema, member_at, reference) in &resolved {
            let tag = fixed_value(schema, &property).or_else(|| {
                // A declared discriminator names a member by mapping, else by component name.
                declared?;
                let reference = reference.as_deref()?;
                mapping
                    .iter()
                    .find(|(_, target)| target == reference)
                    .map(|(tag, _)| tag.clone())
                    .or_else(|| reference.rsplit('/').next().map(str::to_owned))
            });
            let Some(tag) = tag else {
                continue 'property;
            };
            if tags
                .iter()
                .any(|(t, _, _): &(String, Value, String)| *t == tag)
            {
                continue 'property;
            }
            tags.push((tag, schema.clone(), member_at.clone()));
        }
        return Some((property, tags));
    }
    if declared.is_some() {
        doc.note(
            at,
            "a discriminator whose members do not each have a value of their own",
            "read as a union without one, its members tried in order",
        );
    }
    None
}

/// The properties an object schema requires and fixes to one string.
fn fixed_properties(schema: &Value) -> Vec<String> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    required
        .into_iter()
        .filter(|p| fixed_value(schema, p).is_some())
        .map(str::to_owned)
        .collect()
}

/// The one string value an object schema's required `property` may have.
fn fixed_value(schema: &Value, property: &str) -> Option<String> {
    let required = schema
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|p| p == property));
    let field = schema.get("properties")?.get(property)?;
    if !required {
        return None;
    }
    if let Some(Value::String(value)) = field.get("const") {
        return Some(value.clone());
    }
    match field
        .get("enum")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([Value::String(value)]) => Some(value.clone()),
        _ => None,
    }
}

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
                let hint = format!("{type_name}{}", member_hint(member, *i));
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

/// A name for an untagged member: its component's name, or its position.
fn member_hint(member: &Value, index: usize) -> String {
    match schema_ref(member) {
        Some(name) => names::type_name(name),
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

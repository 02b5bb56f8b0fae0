//! OpenAPI schemas as the spec's types: each schema becomes a type expression (`string`,
//! `list<Instance>`, `map<int64?>`...), and the schemas that need a name (objects, enums,
//! unions) become entries of `types:`, named once: a component by its own name, an inline schema
//! after where it is used (`InstanceCreateBody`, `DiskSource`).

use super::doc::{Doc, join, schema_ref};
use super::names;
use super::yaml::Node;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A schema as the spec refers to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ty {
    /// The type expression (`list<Instance>`).
    pub expr: String,
    /// Whether the value may be `null`.
    pub nullable: bool,
    /// The schema's description, if it has one (for the field or parameter using it).
    pub doc: Option<String>,
    /// The text format of its strings (`uuid`...), if it is a string or a list or map of them.
    pub format: Option<String>,
    /// The regular expression its strings match, likewise.
    pub pattern: Option<String>,
}

impl Ty {
    fn plain(expr: impl Into<String>) -> Ty {
        Ty {
            expr: expr.into(),
            nullable: false,
            doc: None,
            format: None,
            pattern: None,
        }
    }

    /// The expression as a list item or map value: `T?` when it may be null.
    pub fn item(&self) -> String {
        if self.nullable {
            format!("{}?", self.expr)
        } else {
            self.expr.clone()
        }
    }
}

/// The named types made so far, in the order they are written.
pub struct Schemas<'d> {
    doc: &'d Doc,
    /// Spec type name -> definition (`{fields: ...}`, `{enum: ...}`, ...).
    pub defs: IndexMap<String, Node>,
    /// Component schema name -> the spec type it became (`None` while being made, or for a
    /// component that is not a named type, its expression).
    components: HashMap<String, Option<Ty>>,
    /// Names taken, lowercased without `_` (the generator's Rust names must not collide).
    taken: HashSet<String>,
    /// The JSON pointer each union was made from, for the notes of [`super::repair`].
    pub pointers: HashMap<String, String>,
    /// Whether a request body is being read: its versions by microversion are the newest one
    /// ([`super::unions`]).
    pub in_request: bool,
}

/// What [`Schemas::finish`] gives.
pub struct Made {
    /// The types, in the order they were made.
    pub types: Vec<(String, Node)>,
    /// The JSON pointer each union was made from.
    pub pointers: HashMap<String, String>,
    /// The names of the types that are the document's component schemas.
    pub components: HashSet<String>,
}

/// The deepest nesting of inline schemas followed; deeper ones are read as `json`.
const MAX_DEPTH: usize = 48;

impl<'d> Schemas<'d> {
    /// No types yet.
    pub fn new(doc: &'d Doc) -> Self {
        Schemas {
            doc,
            defs: IndexMap::new(),
            components: HashMap::new(),
            taken: HashSet::new(),
            pointers: HashMap::new(),
            in_request: false,
        }
    }

    /// Every component schema, in document order, so that each has its type even if no
    /// operation uses it.
    pub fn all_components(&mut self) {
        let names: Vec<String> = self
            .doc
            .at("/components/schemas")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for name in names {
            self.component(&name);
        }
    }

    /// A unique type name from `wanted` (made a valid name first).
    pub fn fresh(&mut self, wanted: &str) -> String {
        let base = names::type_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(names::key(&name)) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// `name` itself for a component (allocated already), else a fresh name from it.
    pub fn name_for(&mut self, name: &str, component: bool) -> String {
        if component {
            name.to_owned()
        } else {
            self.fresh(name)
        }
    }

    /// The doc the importer reads from.
    pub fn doc(&self) -> &'d Doc {
        self.doc
    }

    /// The type of the component schema `name`.
    pub fn component(&mut self, name: &str) -> Ty {
        match self.components.get(name) {
            Some(Some(ty)) => return ty.clone(),
            // Being made: a recursive reference, to the name it is getting.
            Some(None) => return Ty::plain(self.component_name(name)),
            None => {}
        }
        self.components.insert(name.to_owned(), None);
        let pointer = join("/components/schemas", name);
        let schema = self.doc.at(&pointer).cloned().unwrap_or(Value::Null);
        let type_name = self.component_name(name);
        let ty = self.named_or_expr(&schema, &pointer, &type_name, 0, true);
        self.components.insert(name.to_owned(), Some(ty.clone()));
        ty
    }

    /// The spec name of component `name`, allocated on first use.
    fn component_name(&mut self, name: &str) -> String {
        let key = format!("\u{0}component:{name}");
        if let Some(Node::Str(given)) = self.defs.get(&key) {
            return given.clone();
        }
        let given = self.fresh(name);
        // A placeholder keeps the name (removed when the definitions are written).
        self.defs.insert(key, Node::str(given.clone()));
        given
    }

    /// The definitions to write under `types:`, in order.
    pub fn finish(self) -> Made {
        let components = self
            .defs
            .iter()
            .filter(|(name, _)| name.starts_with("\u{0}component:"))
            .filter_map(|(_, given)| match given {
                Node::Str(given) => Some(given.clone()),
                _ => None,
            })
            .collect();
        let types = self
            .defs
            .into_iter()
            .filter(|(name, _)| !name.starts_with('\u{0}'))
            .collect();
        Made {
            types,
            pointers: self.pointers,
            components,
        }
    }

    /// The type of `schema` at `pointer`; `hint` names it if it needs a name.
    pub fn ty(&mut self, schema: &Value, pointer: &str, hint: &str, depth: usize) -> Ty {
        if let Some(name) = schema_ref(schema) {
            let mut ty = if self.doc.at(&join("/components/schemas", name)).is_some() {
                self.component(name)
            } else {
                self.doc.deref(schema, pointer);
                Ty::plain("json")
            };
            // 3.1 allows a description (and nothing else) next to a reference; the type's own
            // is on the type.
            ty.doc = description(schema);
            return ty;
        }
        let (schema, pointer) = self.doc.deref(schema, pointer);
        let schema = schema.clone();
        self.named_or_expr(&schema, &pointer, hint, depth, false)
    }

    /// The type of an inline or component `schema`; for a component, `name` is its allocated
    /// name and any type it needs gets that name.
    pub(super) fn named_or_expr(
        &mut self,
        schema: &Value,
        pointer: &str,
        name: &str,
        depth: usize,
        component: bool,
    ) -> Ty {
        if depth > MAX_DEPTH {
            self.doc.note(
                pointer,
                "schemas nested deeper than the importer follows",
                "read as any JSON value",
            );
            return Ty::plain("json");
        }
        let Some(object) = schema.as_object() else {
            if schema != &Value::Bool(true) {
                self.doc.note(
                    pointer,
                    "a schema that is not an object",
                    "read as any JSON value",
                );
            }
            return Ty::plain("json");
        };
        let doc = description(schema);
        let mut nullable = object.get("nullable") == Some(&Value::Bool(true));
        // An inline schema's title is the name its author gave it.
        let titled = object
            .get("title")
            .and_then(Value::as_str)
            .filter(|t| !component && !t.trim().is_empty());
        let name = titled.unwrap_or(name);
        let mut ty = self.shape(schema, pointer, name, depth, component, &mut nullable);
        ty.nullable |= nullable;
        ty.doc = doc.or(ty.doc);
        ty
    }

    /// The schema's shape, with what makes it nullable removed (and `nullable` set).
    fn shape(
        &mut self,
        schema: &Value,
        pointer: &str,
        name: &str,
        depth: usize,
        component: bool,
        nullable: &mut bool,
    ) -> Ty {
        let mut object = schema.as_object().cloned().unwrap_or_default();
        // A reference with siblings (3.1, or 3.0 documents that rely on it).
        if let Some(target) = schema_ref(schema) {
            let mut ty = self.component(target);
            if !component {
                return ty;
            }
            // A component that is another one under a new name: an alias is not a type of
            // the format, so it is the same type.
            ty.doc = description(schema).or(ty.doc);
            return ty;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(members)) = object.get(key) {
                let at = join(pointer, key);
                // `anyOf: [{required: [a]}, {required: [b]}]` next to the properties: which of
                // them must be there, a rule on the values and not another shape.
                // `anyOf: [{required: [a]}, {required: [b]}]` next to the properties, or
                // `oneOf: [{format: ipv4}, {format: ipv6}]` next to `type: string`: rules on
                // the values of the one shape the schema gives, not other shapes.
                const RULES: [&str; 10] = [
                    "required",
                    "description",
                    "title",
                    "format",
                    "pattern",
                    "minLength",
                    "maxLength",
                    "minimum",
                    "maximum",
                    "example",
                ];
                let only_rules = |m: &Value| {
                    m.as_object()
                        .is_some_and(|m| m.keys().all(|k| RULES.contains(&k.as_str())))
                };
                let shaped = object.contains_key("properties") || object.contains_key("type");
                if shaped && members.iter().all(only_rules) {
                    // One of the formats (`ipv4` of `ipv4 | ipv6`) for the examples: a value of
                    // it is a value of the schema.
                    let first_format = members.first().and_then(|m| m.get("format")).cloned();
                    if let (false, Some(format)) = (object.contains_key("format"), first_format) {
                        object.insert("format".into(), format);
                    }
                    self.doc.note(
                        &at,
                        "members that only add rules on the values (required properties, formats)",
                        "read as the schema's own type; the rules are the API's to check",
                    );
                    break;
                }
                let mut kept = Vec::new();
                for (i, member) in members.iter().enumerate() {
                    let (resolved, _) = self.doc.deref(member, &join(&at, &i.to_string()));
                    if is_null(resolved) {
                        *nullable = true;
                    } else {
                        kept.push((i, member.clone()));
                    }
                }
                return match kept.as_slice() {
                    [] => Ty::plain("json"),
                    [(i, only)] if !has_own_shape(&object) => {
                        self.part(only, &join(&at, &i.to_string()), (name, component), depth)
                    }
                    _ => {
                        super::unions::union(self, (&object, &at), &kept, (name, component), depth)
                    }
                };
            }
        }
        if let Some(Value::Array(parts)) = object.get("allOf") {
            let at = join(pointer, "allOf");
            if parts.len() == 1 && !has_own_shape(&object) {
                return self.part(&parts[0], &join(&at, "0"), (name, component), depth);
            }
            return self.object(
                &merge_all_of(self.doc, &object, &at),
                pointer,
                name,
                depth,
                component,
            );
        }
        if let Some(value) = object.get("const") {
            return self.enumeration(
                std::slice::from_ref(value),
                pointer,
                (name, component),
                nullable,
            );
        }
        if let Some(Value::Array(values)) = object.get("enum") {
            return self.enumeration(values, pointer, (name, component), nullable);
        }
        let types: Vec<String> = match object.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        if types.iter().any(|t| t == "null") {
            *nullable = true;
        }
        let types: Vec<&str> = types
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect();
        match types.as_slice() {
            [] if object.contains_key("properties")
                || object.contains_key("additionalProperties") =>
            {
                self.object(&object, pointer, name, depth, component)
            }
            [] if object.contains_key("items") => self.array(&object, pointer, name, depth),
            [] => Ty::plain("json"),
            ["object"] => self.object(&object, pointer, name, depth, component),
            ["array"] => self.array(&object, pointer, name, depth),
            [single] => {
                let mut ty = Ty::plain(self.scalar(single, &object, pointer));
                if ty.expr == "string" {
                    ty.format = string_format(self.doc, &object, pointer);
                    ty.pattern = object
                        .get("pattern")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                }
                ty
            }
            several => {
                let members: Vec<Value> = several
                    .iter()
                    .map(|t| {
                        let mut member = object.clone();
                        member.insert("type".into(), Value::String((*t).to_owned()));
                        member.remove("description");
                        Value::Object(member)
                    })
                    .collect();
                let kept: Vec<(usize, Value)> = members.into_iter().enumerate().collect();
                super::unions::union(self, (&object, pointer), &kept, (name, component), depth)
            }
        }
    }

    /// The one member of a `oneOf` or `allOf` that is the whole schema: a reference, or an
    /// inline schema named as the schema would be.
    fn part(
        &mut self,
        part: &Value,
        at: &str,
        (name, component): (&str, bool),
        depth: usize,
    ) -> Ty {
        if schema_ref(part).is_some() {
            return self.ty(part, at, name, depth + 1);
        }
        let (part, at) = self.doc.deref(part, at);
        let part = part.clone();
        self.named_or_expr(&part, &at, name, depth + 1, component)
    }

    /// A scalar type's expression.
    fn scalar(
        &mut self,
        ty: &str,
        object: &serde_json::Map<String, Value>,
        pointer: &str,
    ) -> String {
        let format = object.get("format").and_then(Value::as_str).unwrap_or("");
        match (ty, format) {
            ("string", "date-time") => "datetime".into(),
            ("string", "date") => "date".into(),
            ("string", "decimal") => "decimal".into(),
            ("string", _) => "string".into(),
            ("boolean", _) => "bool".into(),
            ("integer", "int32" | "int16" | "int8") => "int32".into(),
            ("integer", "uint32" | "uint16" | "uint8") => "uint32".into(),
            ("integer", "uint64" | "uint") => "uint64".into(),
            ("integer", _) => "int64".into(),
            ("number", _) => "float64".into(),
            (other, _) => {
                self.doc.note(
                    pointer,
                    format!("the type `{other}`"),
                    "read as any JSON value",
                );
                "json".into()
            }
        }
    }

    fn array(
        &mut self,
        object: &serde_json::Map<String, Value>,
        pointer: &str,
        name: &str,
        depth: usize,
    ) -> Ty {
        if object.contains_key("prefixItems") {
            self.doc.note(
                pointer,
                "a tuple (`prefixItems`)",
                "read as a list of any JSON values",
            );
            return Ty::plain("list<json>");
        }
        let Some(items) = object.get("items") else {
            return Ty::plain("list<json>");
        };
        let item_name = format!("{}Item", name);
        let item = self.ty(items, &join(pointer, "items"), &item_name, depth + 1);
        Ty {
            format: item.format.clone(),
            pattern: item.pattern.clone(),
            ..Ty::plain(format!("list<{}>", item.item()))
        }
    }

    /// An object schema: a named type with fields, or a map, or any JSON object.
    fn object(
        &mut self,
        object: &serde_json::Map<String, Value>,
        pointer: &str,
        name: &str,
        depth: usize,
        component: bool,
    ) -> Ty {
        let properties = object.get("properties").and_then(Value::as_object);
        let additional = object.get("additionalProperties");
        let pattern = object.get("patternProperties").and_then(Value::as_object);
        if properties.is_none_or(|p| p.is_empty()) {
            let value = match (additional, pattern) {
                (Some(Value::Bool(false)), _) => return Ty::plain("json"),
                (Some(schema @ Value::Object(_)), _) => {
                    Some((schema.clone(), join(pointer, "additionalProperties")))
                }
                (_, Some(patterns)) if patterns.len() == 1 => patterns
                    .iter()
                    .next()
                    .map(|(k, v)| (v.clone(), join(&join(pointer, "patternProperties"), k))),
                (Some(Value::Bool(true)), _) => None,
                _ => return Ty::plain("json"),
            };
            let (value, format, pattern) = match value {
                Some((schema, at)) => {
                    let ty = self.ty(&schema, &at, &format!("{name}Value"), depth + 1);
                    (ty.item(), ty.format, ty.pattern)
                }
                None => ("json".into(), None, None),
            };
            return Ty {
                format,
                pattern,
                ..Ty::plain(format!("map<{value}>"))
            };
        }
        if additional.is_some_and(|a| a != &Value::Bool(false)) || pattern.is_some() {
            self.doc.note(
                pointer,
                "an object with both named and other properties",
                "only the named properties are kept",
            );
        }
        let type_name = self.name_for(name, component);
        self.structure(object, pointer, type_name, depth)
    }

    /// A union member told apart by `property`: its object schema without that property, as
    /// an object type named from `name`.
    pub fn object_without(
        &mut self,
        schema: &Value,
        pointer: &str,
        name: &str,
        property: &str,
        depth: usize,
    ) -> String {
        let mut object = schema.as_object().cloned().unwrap_or_default();
        if object.contains_key("allOf") {
            object = merge_all_of(self.doc, &object, &join(pointer, "allOf"));
        }
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.remove(property);
        }
        if let Some(Value::Array(required)) = object.get_mut("required") {
            required.retain(|r| r != property);
        }
        let type_name = self.fresh(name);
        self.structure(&object, pointer, type_name, depth).expr
    }

    /// An object type named `type_name` with a field per property of `object`.
    fn structure(
        &mut self,
        object: &serde_json::Map<String, Value>,
        pointer: &str,
        type_name: String,
        depth: usize,
    ) -> Ty {
        let properties = object.get("properties").and_then(Value::as_object);
        // The name is taken before the fields are made, so that a field of the same type
        // refers to it.
        self.defs.insert(type_name.clone(), Node::map());
        let required: HashSet<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut fields = Node::map();
        for (wire, schema) in properties.into_iter().flatten() {
            let at = join(&join(pointer, "properties"), wire);
            let hint = format!("{type_name}{}", names::type_name(wire));
            let ty = self.ty(schema, &at, &hint, depth + 1);
            let mut field = Node::map();
            field.set("type", Node::str(ty.expr.clone()));
            if !required.contains(wire.as_str()) {
                field.set("optional", Node::bool(true));
            }
            if ty.nullable {
                field.set("nullable", Node::bool(true));
            }
            field.set_some("format", ty.format.clone().map(Node::str));
            field.set_some("pattern", ty.pattern.clone().map(Node::str));
            let doc = with_default(ty.doc.clone(), schema);
            field.set_some("doc", doc.map(Node::str));
            fields.set(wire.clone(), field);
        }
        let mut def = Node::map();
        def.set_some("doc", description_of(object).map(Node::str));
        def.set("fields", fields);
        Ty::plain(self.define(type_name, def))
    }

    /// Defines the type `name`, or, if a type of the name it was made from (`ReportResult`
    /// for `ReportResult2`) has the same definition, removes `name` and gives that one: the
    /// same inline schema in several places is one type.
    fn define(&mut self, name: String, def: Node) -> String {
        let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if base != name
            && self.defs.get(base) == Some(&def)
            && !format!("{def:?}").contains(&format!("\"{name}"))
        {
            self.defs.shift_remove(&name);
            return base.to_owned();
        }
        self.defs.insert(name.clone(), def);
        name
    }

    /// A string or integer enum (a `const` is an enum of one value).
    fn enumeration(
        &mut self,
        values: &[Value],
        pointer: &str,
        (name, component): (&str, bool),
        nullable: &mut bool,
    ) -> Ty {
        let values: Vec<&Value> = values
            .iter()
            .filter(|v| {
                let null = v.is_null();
                *nullable |= null;
                !null
            })
            .collect();
        if values.iter().all(|v| v.is_string()) && !values.is_empty() {
            let type_name = self.name_for(name, component);
            let mut variants = Node::map();
            for value in &values {
                variants.set(value.as_str().unwrap_or_default(), Node::map());
            }
            let mut def = Node::map();
            def.set("enum", variants);
            self.defs.insert(type_name.clone(), def);
            return Ty::plain(type_name);
        }
        if values.iter().all(|v| v.is_i64()) && !values.is_empty() {
            let type_name = self.name_for(name, component);
            let mut variants = Node::map();
            for value in &values {
                let n = value.as_i64().unwrap_or_default();
                let mut variant = Node::map();
                let rust = if n < 0 {
                    format!("Minus{}", n.unsigned_abs())
                } else {
                    format!("Value{n}")
                };
                variant.set("rust", Node::str(rust));
                variants.set(n.to_string(), variant);
            }
            let mut def = Node::map();
            def.set("int_enum", variants);
            self.defs.insert(type_name.clone(), def);
            return Ty::plain(type_name);
        }
        // Values of several JSON types (`[true, "yes", 1]`): the union of those types.
        let kinds: Vec<&str> = [
            ("bool", values.iter().any(|v| v.is_boolean())),
            ("int64", values.iter().any(|v| v.is_i64() || v.is_u64())),
            ("float64", values.iter().any(|v| v.is_f64())),
            ("string", values.iter().any(|v| v.is_string())),
        ]
        .into_iter()
        .filter_map(|(kind, any)| any.then_some(kind))
        .collect();
        let only_scalars = values
            .iter()
            .all(|v| v.is_boolean() || v.is_number() || v.is_string());
        if !only_scalars || kinds.len() < 2 {
            self.doc.note(
                pointer,
                "an enum of values that are not all strings or all integers",
                "read as any JSON value",
            );
            return Ty::plain("json");
        }
        self.doc.note(
            pointer,
            "an enum of values of several JSON types",
            format!(
                "read as a union of {}; which values are allowed is the API's to check",
                kinds.join(", ")
            ),
        );
        let type_name = self.name_for(name, component);
        let mut def = Node::map();
        def.set(
            "union",
            Node::Seq(kinds.iter().map(|k| Node::str(*k)).collect()),
        );
        Ty::plain(self.define(type_name, def))
    }
}

/// The `format` of a string schema, as the spec's `format:` takes it (lowercase letters,
/// digits, `-`, `_`), unless it is one the type says already (`date-time`...).
fn string_format(
    doc: &Doc,
    object: &serde_json::Map<String, Value>,
    pointer: &str,
) -> Option<String> {
    let format = object.get("format")?.as_str()?;
    if ["date-time", "date", "decimal", ""].contains(&format) {
        return None;
    }
    let lower = format.to_ascii_lowercase();
    let valid = lower
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if valid {
        Some(lower)
    } else {
        doc.note(
            pointer,
            format!("the format `{format}`"),
            "not kept: a format is named by letters, digits, `-` and `_`",
        );
        None
    }
}

/// Whether a schema (resolved) allows only `null`.
fn is_null(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|v| v.iter().all(Value::is_null) && !v.is_empty())
}

/// Whether a schema with `oneOf`/`allOf` also says something of its own (properties, a type).
fn has_own_shape(object: &serde_json::Map<String, Value>) -> bool {
    object.contains_key("properties") || object.contains_key("enum")
}

/// The schema's `description`.
pub fn description(schema: &Value) -> Option<String> {
    schema.as_object().and_then(description_of)
}

fn description_of(object: &serde_json::Map<String, Value>) -> Option<String> {
    let text = object.get("description").and_then(Value::as_str)?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A field's docs with the schema's `default` said in them: the format has no defaults, and the
/// server applies them anyway.
pub fn with_default(doc: Option<String>, schema: &Value) -> Option<String> {
    let Some(default) = schema.get("default") else {
        return doc;
    };
    let said = format!("Default: `{default}`.");
    Some(match doc {
        Some(doc) => format!("{doc}\n\n{said}"),
        None => said,
    })
}

/// The properties and required names of every part of an `allOf` (and of the schema itself),
/// as one object schema.
fn merge_all_of(
    doc: &Doc,
    object: &serde_json::Map<String, Value>,
    at: &str,
) -> serde_json::Map<String, Value> {
    let mut merged = object.clone();
    merged.remove("allOf");
    let mut properties = object
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut required: Vec<Value> = object
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let parts = object
        .get("allOf")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, part) in parts.iter().enumerate() {
        let (part, part_at) = doc.deref(part, &join(at, &i.to_string()));
        let part = part.as_object().cloned().unwrap_or_default();
        let part = if part.contains_key("allOf") {
            merge_all_of(doc, &part, &join(&part_at, "allOf"))
        } else {
            part
        };
        if part.contains_key("oneOf") || part.contains_key("anyOf") {
            doc.note(
                &part_at,
                "a union inside `allOf`",
                "its members' fields are not merged in",
            );
        }
        for (k, v) in part
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            properties.entry(k.clone()).or_insert_with(|| v.clone());
        }
        required.extend(
            part.get("required")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        );
        if merged.get("description").is_none()
            && let Some(d) = part.get("description")
        {
            merged.insert("description".into(), d.clone());
        }
    }
    merged.insert("type".into(), Value::String("object".into()));
    merged.insert("properties".into(), Value::Object(properties));
    merged.insert("required".into(), Value::Array(required));
    merged
}

//! OpenAPI operations as the spec's resources and methods: a resource per tag (or, without
//! tags, per first path segment), a method per operation named from its `operationId` without
//! the resource's own words, its parameters, body and answer, and the page it returns where the
//! shape is one the spec's pagination knows.

use super::actions::{Action, action_body, action_method_name, action_operation, actions};
use super::doc::{Doc, join};
use super::method_names::{
    group_of, lists_at, method_name, path_shaped_id, raw_groups, rest_name, tidy_group,
};
use super::names;
use super::schema::{Schemas, Ty, description, with_default};
use super::yaml::Node;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::HashSet;

/// The HTTP methods of the spec format, as OpenAPI spells them.
pub(super) const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// A resource being filled: its docs and methods by name.
#[derive(Default)]
struct Resource {
    doc: Option<String>,
    methods: IndexMap<String, Node>,
    /// Names taken, as [`names::key`] sees them.
    taken: HashSet<String>,
}

impl Resource {
    /// `wanted` if no method has it, else `in_full`, else `wanted_2`, `wanted_3`...
    fn free_name(&self, wanted: &str, in_full: Option<&str>) -> String {
        let free = |name: &str| !self.taken.contains(&names::key(name));
        if free(wanted) {
            return wanted.to_owned();
        }
        if let Some(full) = in_full.filter(|f| free(f)) {
            return full.to_owned();
        }
        let mut n = 2;
        loop {
            let name = format!("{wanted}_{n}");
            if free(&name) {
                return name;
            }
            n += 1;
        }
    }

    fn add(&mut self, name: String, method: Node) {
        self.taken.insert(names::key(&name));
        self.methods.insert(name, method);
    }
}

/// Every operation of the document, as the `resources:` of the spec.
pub fn resources(doc: &Doc, schemas: &mut Schemas<'_>) -> Node {
    let mut resources: IndexMap<String, Resource> = IndexMap::new();
    let tag_docs = tag_docs(doc);
    let mut operation_ids = HashSet::new();
    let paths = doc
        .at("/paths")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let groups = raw_groups(doc, &paths);
    for (path, item) in &paths {
        let item_at = join("/paths", path);
        let (item, item_at) = doc.deref(item, &item_at);
        let Some(item) = item.as_object().cloned() else {
            continue;
        };
        for (verb, operation) in &item {
            let at = join(&item_at, verb);
            if !METHODS.contains(&verb.as_str()) {
                if ["head", "options", "trace"].contains(&verb.as_str()) {
                    doc.note(
                        &at,
                        format!("a `{}` operation", verb.to_uppercase()),
                        "left out: the spec format has GET, POST, PUT, PATCH and DELETE",
                    );
                }
                continue;
            }
            let inherited = item.get("parameters").cloned().unwrap_or(Value::Null);
            let raw_group = group_of(operation, path);
            let group = tidy_group(operation, &raw_group, &groups);
            let lists = verb == "get" && lists_at(doc, &paths, path, operation);
            let wanted = method_name(operation, verb, path, &group, lists);
            let place = (path.as_str(), verb.as_str(), operation, at.as_str());
            // An action endpoint becomes a method per action; any other operation, one method.
            let actions = if verb == "post" {
                actions(doc, operation, &at)
            } else {
                Vec::new()
            };
            // An OpenStack name that another method of the resource has already is said in full
            // (`versions/{id}` under `version` is `get_versions` when `get` is taken).
            let in_full = (actions.is_empty() && path_shaped_id(operation))
                .then(|| rest_name(verb, path, &group, lists, false));
            let resource = resources.entry(group.clone()).or_default();
            if resource.doc.is_none() {
                resource.doc = tag_docs
                    .iter()
                    .find(|(t, _)| names::snake(t) == raw_group)
                    .map(|(_, d)| d.clone());
            }
            // OpenStack's inline types are named after the method (`ServersRebootType`), not
            // after the path-shaped id (`ServersIdActionPostRebootType`).
            let hint = |name: &str| path_shaped_id(operation).then(|| format!("{group} {name}"));
            // One method, or one per action, each named before it is made.
            let parts: Vec<Option<&Action>> = if actions.is_empty() {
                vec![None]
            } else {
                actions.iter().map(Some).collect()
            };
            for action in parts {
                let name = match action {
                    None => resource.free_name(&wanted, in_full.as_deref()),
                    Some(a) => resource.free_name(&action_method_name(&wanted, &a.key), None),
                };
                let own = action.map(|a| action_operation(doc, operation, &a.key));
                let place = (place.0, place.1, own.as_ref().unwrap_or(operation), place.3);
                let hint = hint(&name);
                let made = method(
                    doc,
                    schemas,
                    place,
                    &inherited,
                    &mut operation_ids,
                    action,
                    hint,
                );
                if let Some(m) = made {
                    resource.add(name, m);
                }
            }
        }
    }
    let mut node = Node::map();
    for (name, resource) in resources {
        let mut r = Node::map();
        r.set_some("doc", resource.doc.map(Node::str));
        r.set("methods", Node::Map(resource.methods.into_iter().collect()));
        node.set(name, r);
    }
    node
}

/// Each tag's description, by tag name.
fn tag_docs(doc: &Doc) -> Vec<(String, String)> {
    doc.at("/tags")
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter_map(|t| {
                    Some((
                        t.get("name")?.as_str()?.to_owned(),
                        t.get("description")?.as_str()?.trim().to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One operation (or one of its actions) as a method, or `None` (noted) if the format cannot
/// express it.
fn method(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    (path, verb, operation, at): (&str, &str, &Value, &str),
    inherited: &Value,
    operation_ids: &mut HashSet<String>,
    action: Option<&Action>,
    hint: Option<String>,
) -> Option<Node> {
    let mut method = Node::map();
    let method_doc = action
        .and_then(|a| a.doc.clone())
        .or_else(|| operation_doc(operation));
    method.set_some("doc", method_doc.map(Node::str));
    if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
        let id = match action {
            Some(a) => format!("{id}_{}", names::type_name(&a.key)),
            None => id.to_owned(),
        };
        let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid && operation_ids.insert(id.clone()) {
            method.set("operation", Node::str(id));
        }
    }
    method.set("method", Node::str(verb.to_uppercase()));
    method.set("path", Node::str(path));
    let hint = hint.unwrap_or_else(|| {
        let hint = operation
            .get("operationId")
            .and_then(Value::as_str)
            .map_or_else(|| format!("{verb} {path}"), str::to_owned);
        match action {
            Some(a) => format!("{hint} {}", a.key),
            None => hint,
        }
    });
    let params = parameters(doc, schemas, operation, inherited, at, &hint);
    let mut path_params = Node::map();
    let mut query = Node::map();
    let mut headers = Node::map();
    let mut names_used = HashSet::new();
    for (place, name, node) in params {
        match place.as_str() {
            "path" => path_params.set(name, node),
            "query" => {
                names_used.insert(names::key(&name));
                query.set(name, node)
            }
            _ => {
                names_used.insert(names::key(&name));
                headers.set(name, node)
            }
        }
    }
    // Placeholders the parameters do not declare.
    for placeholder in path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
        let declared = matches!(&path_params, Node::Map(entries) if entries.iter().any(|(k, _)| k == placeholder));
        if !declared {
            doc.note(
                at,
                format!("the path placeholder `{{{placeholder}}}` has no parameter"),
                "declared as a string",
            );
            let mut param = Node::map();
            param.set("type", Node::str("string"));
            path_params.set(placeholder, param);
        }
    }
    for (key, value) in [
        ("path_params", path_params),
        ("query", query.clone()),
        ("headers", headers),
    ] {
        if !value.is_empty() {
            method.set(key, value);
        }
    }
    if let Some(a) = action {
        method.set("body", action_body(doc, schemas, a, &hint, &names_used));
    } else if let Some(body) = operation.get("requestBody") {
        if verb == "get" {
            doc.note(
                &join(at, "requestBody"),
                "a GET with a request body",
                "the operation is left out: the spec format sends GET requests without a body",
            );
            return None;
        }
        let body = request_body(
            doc,
            schemas,
            body,
            &join(at, "requestBody"),
            &hint,
            &names_used,
        )?;
        // A body with no media type is noted, and none is sent.
        if !body.is_empty() {
            method.set("body", body);
        }
    }
    let answer = response(doc, schemas, operation, at, &hint)?;
    // Whether the answer is a page is read once the unions are repaired ([`pages`]).
    method.set_some("response", answer.map(Node::str));
    Some(method)
}

/// The summary and description of an operation (and that it is deprecated).
fn operation_doc(operation: &Value) -> Option<String> {
    let parts: Vec<String> = ["summary", "description"]
        .iter()
        .filter_map(|k| operation.get(*k).and_then(Value::as_str))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let mut parts: Vec<String> = parts.into_iter().fold(Vec::new(), |mut kept, part| {
        if !kept.contains(&part) {
            kept.push(part);
        }
        kept
    });
    if operation.get("deprecated") == Some(&Value::Bool(true)) {
        parts.push("Deprecated.".into());
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The operation's path, query and header parameters (the operation's own over those of the
/// path they share a name and place with): place, name, spec parameter.
fn parameters(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    operation: &Value,
    inherited: &Value,
    at: &str,
    hint: &str,
) -> Vec<(String, String, Node)> {
    let mut seen: IndexMap<(String, String), (Value, String)> = IndexMap::new();
    let lists = [
        (
            inherited,
            join(&at[..at.rfind('/').unwrap_or(0)], "parameters"),
        ),
        (
            operation.get("parameters").unwrap_or(&Value::Null),
            join(at, "parameters"),
        ),
    ];
    for (list, list_at) in lists {
        for (i, param) in list.as_array().into_iter().flatten().enumerate() {
            let (param, param_at) = doc.deref(param, &join(&list_at, &i.to_string()));
            let name = param
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let place = param
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            seen.insert((place, name), (param.clone(), param_at));
        }
    }
    let mut out = Vec::new();
    for ((place, name), (param, param_at)) in seen {
        if name.is_empty() {
            continue;
        }
        match place.as_str() {
            "path" | "query" | "header" => {}
            "cookie" => {
                doc.note(
                    &param_at,
                    format!("the cookie parameter `{name}`"),
                    "left out: the spec format sends no cookies",
                );
                continue;
            }
            other => {
                doc.note(&param_at, format!("a parameter in `{other}`"), "left out");
                continue;
            }
        }
        if place == "header"
            && ["content-type", "accept", "content-length"]
                .contains(&name.to_ascii_lowercase().as_str())
        {
            doc.note(
                &param_at,
                format!("the header parameter `{name}`"),
                "left out: the client sets it",
            );
            continue;
        }
        let Some(schema) = param.get("schema") else {
            doc.note(
                &param_at,
                format!("the parameter `{name}` has no `schema` (a `content` one)"),
                "read as a string",
            );
            let mut node = Node::map();
            node.set("type", Node::str("string"));
            out.push((place, name, node));
            continue;
        };
        let type_hint = format!("{hint} {name}");
        let mut ty: Ty = schemas.ty(schema, &join(&param_at, "schema"), &type_hint, 0);
        let is_list = ty.expr.starts_with("list<");
        // `type: [integer, string]`: a query value is text either way, so the first (strictest)
        // of the scalar types it may be.
        if let Some(members) = scalar_union(schemas, &ty.expr) {
            doc.note(
                &param_at,
                format!(
                    "the {place} parameter `{name}` may be any of {}",
                    members.join(", ")
                ),
                format!("sent as `{}`, the first", members[0]),
            );
            ty.expr = members[0].clone();
        }
        // A path segment or header is text: what is not a scalar (a header: or a list of
        // them) there is sent as the text the caller gives.
        let item = ty
            .expr
            .strip_prefix("list<")
            .and_then(|i| i.strip_suffix('>'))
            .filter(|_| place == "header")
            .unwrap_or(&ty.expr);
        if place != "query" && !is_scalar(schemas, item) {
            doc.note(
                &param_at,
                format!(
                    "the {place} parameter `{name}` is not a scalar (`{}`)",
                    ty.expr
                ),
                "sent as the text the caller gives (`string`)",
            );
            ty.expr = "string".to_owned();
        }
        if place == "query" && !is_list && !is_scalar(schemas, &ty.expr) {
            doc.note(
                &param_at,
                format!("the query parameter `{name}` is an object (`{}`)", ty.expr),
                "left out: the spec format sends scalars and lists in queries",
            );
            continue;
        }
        let mut node = Node::map();
        node.set("type", Node::str(ty.expr.clone()));
        let required = place == "path" || param.get("required") == Some(&Value::Bool(true));
        if required && place != "path" {
            node.set("required", Node::bool(true));
        }
        // A query or header value cannot be `null` on the wire: a nullable one is optional.
        node.set_some("format", ty.format.clone().map(Node::str));
        node.set_some("pattern", ty.pattern.clone().map(Node::str));
        if place == "query" && is_list && param.get("explode") == Some(&Value::Bool(false)) {
            node.set("explode", Node::bool(false));
        }
        if place == "header" && is_secret(&name) {
            node.set("secret", Node::bool(true));
        }
        let doc_text = param
            .get("description")
            .and_then(Value::as_str)
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .or(ty.doc.clone());
        node.set_some("doc", with_default(doc_text, schema).map(Node::str));
        out.push((place, name, node));
    }
    out
}

/// Whether a header carries a credential (shown as `***`).
fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "authorization",
        "token",
        "key",
        "secret",
        "password",
        "cookie",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a type expression is a scalar or an enum (what a query can carry).
/// The members of the union type `expr` if every one is a scalar or an enum.
fn scalar_union(schemas: &Schemas<'_>, expr: &str) -> Option<Vec<String>> {
    let Some(Node::Map(entries)) = schemas.defs.get(expr) else {
        return None;
    };
    let (_, Node::Seq(members)) = entries.iter().find(|(k, _)| k == "union")? else {
        return None;
    };
    let members: Vec<String> = members
        .iter()
        .map(|m| match m {
            Node::Str(m) => Some(m.clone()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let scalar = |m: &String| !m.ends_with('?') && !m.starts_with("list<") && is_scalar(schemas, m);
    (!members.is_empty() && members.iter().all(scalar)).then_some(members)
}

fn is_scalar(schemas: &Schemas<'_>, expr: &str) -> bool {
    match schemas.defs.get(expr) {
        Some(Node::Map(entries)) => entries.iter().any(|(k, _)| k == "enum" || k == "int_enum"),
        Some(_) => false,
        None => !expr.starts_with("map<") && expr != "json",
    }
}

/// The media type a body or answer is read as JSON from, if it has one.
pub(super) fn json_media(content: &serde_json::Map<String, Value>) -> Option<(&String, &Value)> {
    content.iter().find(|(media, _)| {
        let media = media
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        media == "application/json" || media.ends_with("+json")
    })
}

/// The request body, or `None` (noted) if the operation cannot be a method.
fn request_body(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    body: &Value,
    at: &str,
    hint: &str,
    names_used: &HashSet<String>,
) -> Option<Node> {
    let (body, at) = doc.deref(body, at);
    let content = body
        .get("content")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let content_at = join(&at, "content");
    if body.get("required") == Some(&Value::Bool(false)) {
        doc.note(&at, "an optional request body", "always sent");
    }
    let mut node = Node::map();
    if let Some((media, media_type)) = json_media(&content) {
        let schema = media_type
            .get("schema")
            .cloned()
            .unwrap_or(Value::Bool(true));
        let schema_at = join(&join(&content_at, media), "schema");
        json_body(
            doc,
            schemas,
            (&schema, &schema_at),
            hint,
            names_used,
            &mut node,
        );
        return Some(node);
    }
    // The first key that is a media type (`type/subtype`), as the spec format takes it.
    let Some((media, media_type)) = content
        .iter()
        .find(|(media, _)| crate::spec::is_media_type(media))
    else {
        doc.note(&at, "a request body with no media type", "no body is sent");
        return Some(Node::map());
    };
    let media_at = join(&content_at, media);
    let media_lower = media.to_ascii_lowercase();
    if media_lower.starts_with("application/x-www-form-urlencoded") {
        let schema = media_type.get("schema").cloned().unwrap_or(Value::Null);
        let (resolved, _) = doc.deref(&schema, &join(&media_at, "schema"));
        node.set("form", Node::bool(true));
        node.set(
            "fields",
            inline_fields(schemas, resolved, &join(&media_at, "schema"), hint),
        );
        return Some(node);
    }
    if media_lower.starts_with("multipart/") {
        doc.note(
            &media_at,
            format!("a `{media}` request body"),
            "the operation is left out: the spec format has no multipart bodies",
        );
        return None;
    }
    if content.len() > 1 {
        doc.note(
            &content_at,
            "a request body of several media types",
            format!("sent as `{media}`"),
        );
    }
    node.set("raw", Node::str(media.clone()));
    Some(node)
}

/// A JSON body of `schema` into `node`: its properties as inline `fields:` where that reads
/// well, otherwise its `type:`.
pub(super) fn json_body(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    (schema, schema_at): (&Value, &str),
    hint: &str,
    names_used: &HashSet<String>,
    node: &mut Node,
) {
    let outside = std::mem::replace(&mut schemas.in_request, true);
    json_request_body(doc, schemas, (schema, schema_at), hint, names_used, node);
    schemas.in_request = outside;
}

/// [`json_body`], with `schemas` reading a request body.
fn json_request_body(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    (schema, schema_at): (&Value, &str),
    hint: &str,
    names_used: &HashSet<String>,
    node: &mut Node,
) {
    let (resolved, _) = doc.deref(schema, schema_at);
    let inline_object = schema.get("$ref").is_none()
        && resolved
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
        && resolved.get("oneOf").is_none()
        && resolved.get("anyOf").is_none()
        && resolved.get("allOf").is_none();
    let clash = resolved
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| p.keys().any(|k| names_used.contains(&names::key(k))));
    // A field that must be sent and may be `null` is for a named type: inline fields are
    // arguments and setters, where `null` means "not sent".
    let null_required = resolved
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| {
            p.iter().any(|(k, v)| {
                let required = resolved
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|n| n == k));
                required && may_be_null(doc, v)
            })
        });
    if inline_object && !clash && !null_required {
        node.set("fields", inline_fields(schemas, resolved, schema_at, hint));
    } else {
        let ty = schemas.ty(schema, schema_at, &format!("{hint} body"), 0);
        node.set("type", Node::str(ty.expr));
    }
}

/// Whether a property's schema lets it be `null` (3.0 `nullable`, a 3.1 type list, a `null`
/// member or value): a cheap look that may say yes where the type says no, never the reverse.
fn may_be_null(doc: &Doc, schema: &Value) -> bool {
    let target = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| doc.at(pointer))
        .unwrap_or(schema);
    target.to_string().contains("null")
}

/// The properties of an object schema as inline body fields.
fn inline_fields(schemas: &mut Schemas<'_>, schema: &Value, at: &str, hint: &str) -> Node {
    let schema = schema.clone();
    let required: HashSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields = Node::map();
    for (wire, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let property_at = join(&join(at, "properties"), wire);
        let ty = schemas.ty(property, &property_at, &format!("{hint} {wire}"), 0);
        let mut field = Node::map();
        field.set("type", Node::str(ty.expr.clone()));
        if required.contains(wire.as_str()) {
            field.set("required", Node::bool(true));
        }
        if ty.nullable {
            field.set("nullable", Node::bool(true));
        }
        field.set_some("format", ty.format.clone().map(Node::str));
        field.set_some("pattern", ty.pattern.clone().map(Node::str));
        field.set_some(
            "doc",
            with_default(ty.doc.clone().or_else(|| description(property)), property).map(Node::str),
        );
        fields.set(wire.clone(), field);
    }
    fields
}

/// The type of the success answer (`Some(None)` for none), or `None` (noted) if the operation
/// cannot be a method.
fn response(
    doc: &Doc,
    schemas: &mut Schemas<'_>,
    operation: &Value,
    at: &str,
    hint: &str,
) -> Option<Option<String>> {
    let responses = operation
        .get("responses")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let responses_at = join(at, "responses");
    if responses.contains_key("101") {
        doc.note(
            &join(&responses_at, "101"),
            "a protocol upgrade (101, a WebSocket)",
            "the operation is left out",
        );
        return None;
    }
    let mut success: Vec<&String> = responses.keys().filter(|c| c.starts_with('2')).collect();
    success.sort();
    if success.is_empty() {
        if responses.keys().any(|c| c.starts_with('3')) {
            doc.note(
                &responses_at,
                "only a redirect as success",
                "no answer is read; the redirect is not followed with credentials",
            );
            return Some(None);
        }
        success = responses.keys().filter(|c| *c == "default").collect();
    }
    let mut chosen: Option<(String, String)> = None;
    let mut empty = Vec::new();
    for code in success {
        let code_at = join(&responses_at, code);
        let (answer, answer_at) = doc.deref(&responses[code], &code_at);
        let content = answer
            .get("content")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let content_at = join(&answer_at, "content");
        let expr = if let Some((media, media_type)) = json_media(&content) {
            let schema = media_type
                .get("schema")
                .cloned()
                .unwrap_or(Value::Bool(true));
            let ty = schemas.ty(
                &schema,
                &join(&join(&content_at, media), "schema"),
                &format!("{hint} response"),
                0,
            );
            if ty.nullable {
                doc.note(
                    &code_at,
                    "an answer that may be `null`",
                    "read as the type itself: a `null` answer fails to decode",
                );
            }
            ty.expr
        } else if let Some(media) = content.keys().next() {
            if media.to_ascii_lowercase().starts_with("text/") {
                "text".to_owned()
            } else {
                "bytes".to_owned()
            }
        } else {
            empty.push(code.clone());
            continue;
        };
        match &chosen {
            None => chosen = Some((code.clone(), expr)),
            Some((first, kept)) if *kept != expr => doc.note(
                &code_at,
                format!("a {code} answer of another type than the {first} one"),
                format!("read as the {first} one's `{kept}`"),
            ),
            Some(_) => {}
        }
    }
    if let Some((code, expr)) = &chosen
        && !empty.is_empty()
    {
        doc.note(
            &responses_at,
            format!(
                "answers without a body ({}) besides the {code} one",
                empty.join(", ")
            ),
            format!("the method returns `{expr}`; an answer without a body fails to decode"),
        );
    }
    Some(chosen.map(|(_, expr)| expr))
}

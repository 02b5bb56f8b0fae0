//! The grammar of random specs shared by the property tests (`fuzz.rs`: never panics, accepted
//! specs give Rust) and the compiling test (`compile_accepted.rs`: accepted specs build, lint,
//! document and pass their tests). It reaches every class of awkward input found so far: names
//! that are keywords, std traits and their methods, or items the generated code defines or
//! imports; recursion through fields, lists, maps and unions; descriptions with code fences,
//! URLs, brackets, HTML and carriage returns; many path parameters; non-ASCII literal paths;
//! nullable and optional fields, lists and maps of nullable items; unions of scalars and objects,
//! untagged or with a discriminator.

#![allow(dead_code)]

use proptest::prelude::*;

/// Names that trip generators: keywords, digits, punctuation, case twins, std and runtime
/// names, names of trait methods, unicode; mostly plain names so many specs are valid.
pub fn awkward_name() -> impl Strategy<Value = String> {
    let awkward = proptest::sample::select(vec![
        "type",
        "self",
        "Self",
        "match",
        "async",
        "fn",
        "crate",
        "super",
        "5m",
        "OS-EXT-STS:vm_state",
        "us-sva-2",
        "Result",
        "String",
        "Client",
        "ClientBuilder",
        "Unknown",
        "HARD",
        "hard",
        "_",
        "é",
        "Into",
        "From",
        "Default",
        "Clone",
        "Option",
        "Box",
        "Vec",
        "Error",
        "Call",
        "Request",
        "Response",
        "Method",
        "Secret",
        "clone",
        "new",
        "cmp",
        "into",
        "from",
        "default",
        "eq",
        "hash",
        "wait",
        "wait_with",
        "auth",
        "settings",
        "error",
        "result",
        "secret",
        "client",
        "request",
        "call",
        "method",
        "runtime",
        "transport",
        "builder",
        "build",
        "send",
        "items",
        "params",
    ]);
    prop_oneof![
        awkward.prop_map(str::to_owned),
        "[a-z][a-z0-9_]{1,8}",
        "[a-z][a-z0-9_]{1,8}",
        "[a-z][a-z0-9_]{1,8}",
        "[A-Z][a-zA-Z0-9]{1,8}",
        "[a-zA-Z][a-zA-Z0-9_-]{0,8}",
    ]
}

/// Descriptions as real API documents write them: code fences (untagged and `rust`), bare
/// URLs, generic types and brackets, HTML, lists followed by plain lines, carriage returns.
pub fn awkward_doc() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::sample::select(vec![
        "Plain words.",
        "See https://example.com/docs_v2?a=1 for details.",
        "Returns List<String> and Map<String, Int>.",
        "[required] The id. [optional] Another.",
        "<b>Bold</b> and <br> a break.",
        "```\npanic!(\"ran\")\n```",
        "```rust\nfn main() { panic!(\"ran\") }\n```",
        "- one\n- two\nfollowed by a line",
        "Line one.\r\nLine two.\rLine three.",
        "Quotes \" and backslashes \\ and `ticks`.",
        "Tabs\tand a bell \u{7}.",
    ]))
    .prop_map(|d| d.map(str::to_owned))
}

fn type_expr(names: Vec<String>) -> impl Strategy<Value = String> {
    let scalar = proptest::sample::select(vec![
        "string", "bool", "int32", "int64", "float64", "datetime", "date", "decimal", "json",
    ])
    .prop_map(str::to_owned);
    let named = proptest::sample::select(names);
    let base = prop_oneof![scalar, named];
    (base, 0..6u8).prop_map(|(t, wrap)| match wrap {
        0 | 1 => t,
        2 => format!("list<{t}>"),
        3 => format!("map<{t}>"),
        // Items that may be null.
        4 => format!("list<{t}?>"),
        _ => format!("map<{t}?>"),
    })
}

/// One type of a random spec: its kind, fields (name, type, optional, nullable, doc), enum
/// values and doc.
type TypeParts = (
    u8,
    Vec<(String, String, bool, bool, Option<String>)>,
    Vec<String>,
    Option<String>,
);

/// One method: name, path parameters, literal segment, verb, type, paginated, doc.
type MethodParts = (
    String,
    Vec<String>,
    String,
    &'static str,
    String,
    bool,
    Option<String>,
);

fn yaml(text: &str) -> String {
    format!("{text:?}")
}

/// Writes type `name`; `objects` are the spec's object types (a union with a discriminator
/// names some as its members).
fn push_type(
    out: &mut String,
    name: &str,
    (kind, fields, values, doc): &TypeParts,
    objects: &[&String],
) {
    out.push_str(&format!("  {}:\n", yaml(name)));
    if let Some(doc) = doc {
        out.push_str(&format!("    doc: {}\n", yaml(doc)));
    }
    match kind {
        0..=2 => {
            out.push_str("    fields:\n");
            if fields.is_empty() {
                out.push_str("      {}\n");
            }
            for (field, ty, optional, nullable, doc) in fields {
                let doc = doc
                    .as_ref()
                    .map(|d| format!(", doc: {}", yaml(d)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "      {}: {{type: {}, optional: {optional}, nullable: {nullable}{doc}}}\n",
                    yaml(field),
                    yaml(ty)
                ));
            }
        }
        3 => {
            out.push_str("    enum:\n");
            if values.is_empty() {
                out.push_str("      {}\n");
            }
            for value in values {
                out.push_str(&format!("      {}:\n", yaml(value)));
            }
        }
        4 => {
            let ty = fields.first().map_or("string", |f| f.1.as_str());
            out.push_str(&format!("    map: {}\n", yaml(ty)));
        }
        5 => {
            let members: Vec<String> = fields.iter().map(|f| yaml(&f.1)).collect();
            out.push_str(&format!("    union: [{}]\n", members.join(", ")));
        }
        _ => {
            // A discriminator named like a field (often one of the members' own), and awkward
            // tags, each naming an object type.
            let field = fields.first().map_or("kind", |f| f.0.as_str());
            out.push_str(&format!(
                "    union:\n      discriminator: {}\n      members:\n",
                yaml(field)
            ));
            if values.is_empty() || objects.is_empty() {
                out.push_str("        {}\n");
            }
            for (tag, object) in values.iter().zip(objects.iter().cycle()) {
                out.push_str(&format!("        {}: {}\n", yaml(tag), yaml(object)));
            }
        }
    }
}

fn push_method(out: &mut String, parts: &MethodParts) {
    let (method, params, literal, verb, ty, paginate, doc) = parts;
    let placeholders: String = params.iter().map(|p| format!("/{{{p}}}")).collect();
    out.push_str(&format!(
        "      {}:\n        method: {verb}\n",
        yaml(method)
    ));
    out.push_str(&format!(
        "        path: {}\n",
        yaml(&format!("/v1/{literal}{placeholders}"))
    ));
    if let Some(doc) = doc {
        out.push_str(&format!("        doc: {}\n", yaml(doc)));
    }
    if !params.is_empty() {
        out.push_str("        path_params:\n");
        for param in params {
            out.push_str(&format!("          {}: {{type: string}}\n", yaml(param)));
        }
    }
    out.push_str("        query:\n          cursor: {type: string}\n          q: {type: string, required: true, positional: true}\n");
    if *verb != "GET" && *verb != "DELETE" {
        out.push_str(&format!(
            "        body:\n          fields:\n            value: {{type: {}}}\n",
            yaml(ty)
        ));
    }
    if *paginate {
        out.push_str(&format!(
            "        pagination: {{style: cursor, item: {}}}\n",
            yaml(ty)
        ));
    } else {
        out.push_str(&format!("        response: {}\n", yaml(ty)));
    }
}

/// A random spec in the format's grammar, as YAML text, for the API module `name`.
pub fn random_spec_named(name: String) -> impl Strategy<Value = String> {
    proptest::collection::vec(awkward_name(), 1..6)
        .prop_flat_map(|type_names| {
            let field = (
                awkward_name(),
                type_expr(type_names.clone()),
                any::<bool>(),
                any::<bool>(),
                awkward_doc(),
            );
            let fields = proptest::collection::vec(field, 0..5);
            let kinds = proptest::collection::vec(
                (
                    0..7u8,
                    fields,
                    proptest::collection::vec(awkward_name(), 0..4),
                    awkward_doc(),
                ),
                type_names.len(),
            );
            let method = (
                awkward_name(),
                proptest::collection::vec("[a-z][a-z0-9_]{0,6}", 0..8),
                proptest::sample::select(vec!["things", "café", "ünï-code", "a.b"])
                    .prop_map(str::to_owned),
                proptest::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
                type_expr(type_names.clone()),
                any::<bool>(),
                awkward_doc(),
            );
            let methods = proptest::collection::vec(method, 0..4);
            let resources = proptest::collection::vec((awkward_name(), methods), 1..3);
            (Just(type_names), kinds, resources, awkward_doc())
        })
        .prop_map(move |(type_names, kinds, resources, api_doc)| {
            let mut text = format!(
                "name: {name}\ntitle: \"Fuzz \\\"{name}\\\" API\"\nbase_url: https://fuzz.example.com\nauth:\n  - scheme: bearer\n    setter: api_key\n"
            );
            if let Some(doc) = api_doc {
                text.push_str(&format!("doc: {}\n", yaml(&doc)));
            }
            text.push_str("types:\n");
            let objects: Vec<&String> = type_names
                .iter()
                .zip(&kinds)
                .filter(|(_, parts)| parts.0 <= 2)
                .map(|(name, _)| name)
                .collect();
            for (type_name, parts) in type_names.iter().zip(&kinds) {
                push_type(&mut text, type_name, parts, &objects);
            }
            text.push_str("resources:\n");
            for (resource, methods) in &resources {
                text.push_str(&format!("  {}:\n    methods:\n", yaml(resource)));
                if methods.is_empty() {
                    text.push_str("      {}\n");
                }
                for method in methods {
                    push_method(&mut text, method);
                }
            }
            text
        })
}

/// A random spec for the API module `fuzz`.
pub fn random_spec() -> impl Strategy<Value = String> {
    random_spec_named("fuzz".to_owned())
}

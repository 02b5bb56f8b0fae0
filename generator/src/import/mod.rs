//! `generator import`: an OpenAPI 3.0 or 3.1 document (JSON or YAML) as a spec of this
//! project's format, written as a person would write it, and checked by the same reader and
//! resolver as a hand-written one. What the format cannot say is never dropped silently: each
//! such construct is a [`Note`] with its JSON pointer and what was done instead.
//!
//! Steps: `doc` reads the document and follows `$ref`s; `schema` and `unions` make the types;
//! `ops` the resources and methods (`method_names` names them); `same` makes identical types
//! one; `repair` makes what `check` refuses into what it takes; `pages` reads which answers
//! are pages once the unions are repaired; this file the API's metadata (title, servers,
//! security) and the check; `yaml` writes the text.

mod actions;
mod doc;
pub mod merge;
mod method_names;
mod names;
mod ops;
mod pages;
mod repair;
mod same;
mod schema;
mod unions;
pub mod yaml;

pub use doc::Note;
use doc::{Doc, join};
use serde_json::Value;
use yaml::Node;

/// An imported spec.
pub struct Imported {
    /// The spec's YAML text.
    pub yaml: String,
    /// What could not be carried over, sorted by JSON pointer.
    pub notes: Vec<Note>,
}

/// What went wrong with an import.
#[derive(Debug)]
pub enum Failure {
    /// The document is not an OpenAPI 3.0/3.1 document.
    Document(String),
    /// The spec made from it does not pass `check` (a bug of the importer): the spec and the
    /// problems found in it.
    Check {
        /// The spec's YAML text.
        yaml: String,
        /// The problems, as `check` prints them.
        problems: String,
    },
}

/// Imports the document `text` read from `source` (shown in the spec's header) as the API
/// module `name`.
pub fn import(source: &str, text: &str, name: &str) -> Result<Imported, Failure> {
    import_into(source, text, name, None)
}

/// [`import`], keeping the edits of the `existing` spec text the format allows (`merge.rs`
/// lists them) when there is one.
pub fn import_into(
    source: &str,
    text: &str,
    name: &str,
    existing: Option<&str>,
) -> Result<Imported, Failure> {
    let doc = Doc::read(text).map_err(Failure::Document)?;
    let mut schemas = schema::Schemas::new(&doc);
    let mut resources = ops::resources(&doc, &mut schemas);
    schemas.all_components();
    let mut spec = Node::map();
    spec.set("name", Node::str(names::snake(name)));
    let info = doc.at("/info").cloned().unwrap_or(Value::Null);
    let title = info
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or(name)
        .trim()
        .to_owned();
    spec.set(
        "title",
        Node::str(if title.is_empty() {
            name.to_owned()
        } else {
            title
        }),
    );
    spec.set_some("doc", schema::description(&info).map(Node::str));
    spec.set("base_url", Node::str(base_url(&doc)));
    spec.set("auth", auth(&doc));
    let schema::Made {
        mut types,
        mut pointers,
        components,
    } = schemas.finish();
    // Of the types no method reaches, none gives its name to a merged one; and merging comes
    // before the existing spec's edits are applied, so that a `rust:` name given to a merged
    // type is found under the same name on the next import.
    repair::unused(&doc, &mut types, &resources);
    same::merge((&mut types, &mut resources), &mut pointers, &components);
    if let Some(existing) = existing {
        merge::apply(&doc, existing, (&mut spec, &mut types, &mut resources))
            .map_err(Failure::Document)?;
    }
    let version = doc
        .at("/openapi")
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .unwrap_or_default();
    let header = format!(
        "# Imported from `{source}` (OpenAPI {version}) by `generator import`; format: spec/README.md.\n"
    );
    let render = |types: &[(String, Node)], resources: &Node| {
        let mut whole = spec.clone();
        whole.set("types", Node::Map(types.to_vec()));
        whole.set("resources", resources.clone());
        format!("{header}{}", whole.to_yaml())
    };
    let mut text = render(&types, &resources);
    // What `check` refuses in the unions is repaired, a round at a time (a repair may show the
    // next problem); anything else it refuses is a bug of the importer.
    for round in 0..MAX_REPAIRS {
        let Err(problems) = check(&text) else {
            break;
        };
        if round + 1 == MAX_REPAIRS
            || !repair::unions(
                &doc,
                (&mut types, &mut resources),
                &pointers,
                &text,
                &problems,
                round,
            )
        {
            return Err(Failure::Check {
                yaml: text,
                problems: crate::diag::Diagnostics(problems).to_string(),
            });
        }
        text = render(&types, &resources);
    }
    pages::pages(&types, &mut resources);
    // Repairs make some types alike (unions read as `json`): one type for each again.
    same::merge((&mut types, &mut resources), &mut pointers, &components);
    repair::unused(&doc, &mut types, &resources);
    text = render(&types, &resources);
    check(&text).map_err(|problems| Failure::Check {
        yaml: text.clone(),
        problems: crate::diag::Diagnostics(problems).to_string(),
    })?;
    let notes = doc.notes();
    Ok(Imported { yaml: text, notes })
}

/// How many rounds of repairs an import may take.
const MAX_REPAIRS: usize = 8;

/// The problems `check` finds in the spec text, if any.
fn check(yaml: &str) -> Result<(), Vec<crate::diag::Diagnostic>> {
    let source = crate::SpecSource {
        path: "imported.yaml".into(),
        text: yaml.to_owned(),
    };
    match crate::models(std::slice::from_ref(&source)) {
        Ok(_) => Ok(()),
        Err(crate::Error::Spec(problems)) => Err(problems.0),
        Err(other) => Err(vec![crate::diag::Diagnostic::new(
            crate::diag::Loc {
                file: "imported.yaml".into(),
                line: 0,
                column: 0,
            },
            other.to_string(),
        )]),
    }
}

/// The first server's URL with each variable at its default; `http://localhost` without one.
fn base_url(doc: &Doc) -> String {
    let Some(server) = doc.at("/servers/0") else {
        doc.note("/servers", "no server", "the base URL is `http://localhost`: set the API's with the client builder's `base_url`");
        return "http://localhost".into();
    };
    let mut url = server
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_owned();
    for (name, variable) in server
        .get("variables")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let default = variable
            .get("default")
            .and_then(Value::as_str)
            .unwrap_or_default();
        doc.note(
            &join("/servers/0/variables", name),
            format!("the server variable `{name}`"),
            format!("fixed to its default `{default}`"),
        );
        url = url.replace(&format!("{{{name}}}"), default);
    }
    if url.starts_with('/') {
        doc.note(
            "/servers/0/url",
            format!("a server URL relative to the document (`{url}`)"),
            format!("the base URL is `http://localhost{url}`"),
        );
        url = format!("http://localhost{}", url.trim_end_matches('/'));
    }
    url
}

/// The security schemes the format has: bearer tokens (HTTP bearer, OAuth 2 and OpenID Connect
/// access tokens) and API keys in a header.
fn auth(doc: &Doc) -> Node {
    let mut schemes = Vec::new();
    let mut setters = std::collections::HashSet::new();
    let found = doc
        .at("/components/securitySchemes")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (name, scheme) in &found {
        let at = join("/components/securitySchemes", name);
        let (scheme, at) = doc.deref(scheme, &at);
        let kind = scheme
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let http = scheme
            .get("scheme")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let mut node = Node::map();
        let setter = match (kind, http.as_str()) {
            ("http", "bearer") | ("oauth2" | "openIdConnect", _) => {
                node.set("scheme", Node::str("bearer"));
                if kind != "http" {
                    doc.note(
                        &at,
                        format!("the `{kind}` scheme `{name}`"),
                        "the caller gets the access token; it is sent as a bearer token",
                    );
                }
                "bearer_token"
            }
            ("apiKey", _) if scheme.get("in").and_then(Value::as_str) == Some("header") => {
                let header = scheme
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("Authorization");
                node.set("scheme", Node::str("header"));
                node.set("header", Node::str(header));
                "api_key"
            }
            ("apiKey", _) if scheme.get("in").and_then(Value::as_str) == Some("query") => {
                let param = scheme
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|p| !p.is_empty())
                    .unwrap_or("api_key");
                node.set("scheme", Node::str("query"));
                node.set("param", Node::str(param));
                "api_key"
            }
            _ => {
                doc.note(
                    &at,
                    format!("the security scheme `{name}` ({kind} {http})"),
                    "left out: set its header with the client's `configure_http`",
                );
                continue;
            }
        };
        let mut unique = setter.to_owned();
        let mut n = 2;
        while !setters.insert(unique.clone()) {
            unique = format!("{setter}_{n}");
            n += 1;
        }
        node.set("setter", Node::str(unique));
        node.set_some("doc", schema::description(scheme).map(Node::str));
        schemes.push(node);
    }
    Node::Seq(schemes)
}

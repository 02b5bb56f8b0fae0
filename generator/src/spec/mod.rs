//! The spec layer: the YAML format as serde structs that keep source positions, and
//! [`load`], the one place YAML is read. Nothing here knows about Rust; `spec/README.md` at the
//! workspace root documents the format.

use crate::diag::{Diagnostic, Loc};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

mod halves;

/// A value with the position it was read from.
pub type S<T> = Spanned<T>;

/// Keyed entries in source order.
pub type Map<V> = IndexMap<S<String>, V>;

/// A spec as read from one file.
#[derive(Debug)]
pub struct SpecFile {
    /// The path the spec was loaded from, as given.
    pub path: String,
    /// The parsed document.
    pub api: Api,
}

impl SpecFile {
    /// The location of a spanned value in this file.
    pub fn loc<T>(&self, value: &S<T>) -> Loc {
        loc_in(&self.path, value)
    }
}

/// The location of a spanned value in `file`.
pub fn loc_in<T>(file: &str, value: &S<T>) -> Loc {
    Loc {
        file: file.to_owned(),
        line: value.referenced.line(),
        column: value.referenced.column(),
    }
}

/// The most YAML nodes (mappings, sequences, scalars) a spec may have: ten times serde-saphyr's
/// default, room for about 30,000 endpoints (Nirvana's
/// 134 endpoints and 113 types take about 10,000). The limit stays so that
/// a runaway alias cannot take all memory.
pub const MAX_NODES: usize = 2_500_000;

/// The YAML reader's limits: serde-saphyr's defaults, with `max_nodes` nodes (ten times the
/// default in [`load`]) and four events a node.
fn options(max_nodes: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = max_nodes;
    budget.max_events = 4 * max_nodes;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Reads a spec from YAML text. `path` is used in diagnostics only.
pub fn load(path: &str, text: &str) -> Result<SpecFile, Diagnostic> {
    load_limited(path, text, MAX_NODES)
}

/// [`load`], reading at most `max_nodes` YAML nodes. A spec of [`halves::MIN_BYTES`] or more is
/// read in two halves on two threads where that gives the same result (`halves.rs`).
fn load_limited(path: &str, text: &str, max_nodes: usize) -> Result<SpecFile, Diagnostic> {
    if text.len() >= halves::MIN_BYTES {
        load_in_halves(path, text, max_nodes)
    } else {
        load_whole(path, text, max_nodes)
    }
}

/// [`load_limited`] through [`halves`], or in one pass where the halves cannot be read.
fn load_in_halves(path: &str, text: &str, max_nodes: usize) -> Result<SpecFile, Diagnostic> {
    let read = halves::cut(text)
        .and_then(|(first, second)| halves::read(&first, &second, || options(max_nodes / 2)));
    match read {
        Some(api) => Ok(SpecFile {
            path: path.to_owned(),
            api,
        }),
        None => load_whole(path, text, max_nodes),
    }
}

/// [`load_limited`] in one pass.
fn load_whole(path: &str, text: &str, max_nodes: usize) -> Result<SpecFile, Diagnostic> {
    match serde_saphyr::from_str_with_options::<Api>(text, options(max_nodes)) {
        Ok(api) => Ok(SpecFile {
            path: path.to_owned(),
            api,
        }),
        Err(error) => {
            let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
            if let serde_saphyr::Error::Budget { breach, .. } = error.without_snippet() {
                return Err(too_large(path, line, column, breach, max_nodes));
            }
            let message = error.without_snippet().to_string();
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            // The position is shown once, on the `-->` line.
            let message = message
                .strip_suffix(&format!(" at line {line}, column {column}"))
                .unwrap_or(message);
            // Advice meant for programs that call the parser, not for spec authors.
            let message = message
                .strip_suffix(", set DuplicateKeyPolicy in Options if acceptable")
                .unwrap_or(message);
            let message = spec_words(message);
            let help = yaml_help(&message);
            Err(Diagnostic::new(
                Loc {
                    file: path.to_owned(),
                    line,
                    column,
                },
                message,
            )
            .help(help))
        }
    }
}

/// A spec over the reader's limits (`options`), which only a runaway alias or a machine-made
/// spec reaches.
fn too_large(
    path: &str,
    line: u64,
    column: u64,
    breach: &serde_saphyr::budget::BudgetBreach,
    max_nodes: usize,
) -> Diagnostic {
    Diagnostic::new(
        Loc {
            file: path.to_owned(),
            line,
            column,
        },
        format!("the spec is larger than the generator reads: it stopped here ({breach:?})"),
    )
    .help(format!(
        "a spec may have up to {max_nodes} YAML nodes (the Nirvana spec, 134 endpoints and 113 \
         types, has about 10,000): look for an alias (`*name`) that repeats a large part, or \
         split the API into several specs"
    ))
}

/// The parser's message in the words of a spec author: serde's advice to programs
/// (`cannot deserialize null into string; use Option<String>`) becomes what the spec says.
fn spec_words(message: &str) -> String {
    match message.strip_prefix("cannot deserialize null into ") {
        Some(rest) => {
            let expected = rest.split(';').next().unwrap_or(rest).trim();
            let expected = if expected == "string" {
                "text"
            } else {
                expected
            };
            format!("YAML reads this as null, but {expected} belongs here")
        }
        None => message.to_owned(),
    }
}

/// The hint for a YAML or shape error: the closest expected key for an unknown one, the
/// quoting rule when a flow mapping's value held a `, `.
fn yaml_help(message: &str) -> String {
    let general = "spec/README.md describes the format";
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        return format!("a key appears once per mapping: rename or remove this `{key}`");
    }
    if message.starts_with("YAML reads this as null") {
        return "an unquoted `null` or `~` (or nothing) is YAML's null: to mean the text, quote \
                it, e.g. `\"null\": {}`"
            .to_owned();
    }
    if message.starts_with("unknown variant") {
        return format!("use one of the values listed; {general}");
    }
    if message.contains("flow mapping") || message.contains("flow sequence") {
        return "a `{...}` or `[...]` above is not closed: look for a missing `}`, `]` or `,`"
            .to_owned();
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return format!("fix the YAML at this position; {general}");
    };
    let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let expected: Vec<&str> = expected
        .split_once("expected ")
        .map(|(_, list)| list.trim_start_matches("one of "))
        .unwrap_or("")
        .split([',', ' '])
        .map(|name| name.trim_matches('`'))
        .filter(|name| !name.is_empty() && *name != "or")
        .collect();
    if field.contains(' ') {
        return "in a flow mapping `{...}`, `, ` starts a new key: quote a value that holds a \
                comma, e.g. `doc: \"a, b\"`"
            .to_owned();
    }
    match crate::diag::closest(field, expected.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? {general}"),
        None => format!(
            "the keys allowed here are: {}; if `{field}` belongs to the value before it, quote \
             that value (in `{{...}}`, `, ` starts a new key)",
            expected.join(", ")
        ),
    }
}

/// The whole API description.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Module name of the generated API (`nirvana`).
    pub name: S<String>,
    /// Human name (`Nirvana Labs API`).
    pub title: String,
    /// Description, Markdown.
    #[serde(default)]
    pub doc: Option<String>,
    /// Default base URL; may hold `{placeholders}` named in `url_params`.
    pub base_url: S<String>,
    /// Environment variable that overrides the base URL.
    #[serde(default)]
    pub base_url_env: Option<String>,
    /// Variables of the base URL template, such as `region`.
    #[serde(default)]
    pub url_params: Map<ClientParam>,
    /// Values set once on the client and used by every request, such as `project_id`.
    #[serde(default)]
    pub client_params: Map<ClientParam>,
    /// How requests are authenticated; the first scheme the caller configures is used.
    pub auth: Vec<AuthScheme>,
    /// Named types.
    #[serde(default)]
    pub types: Map<TypeDef>,
    /// The resource tree.
    #[serde(default)]
    pub resources: Map<Resource>,
    /// Where the API puts error details.
    #[serde(default)]
    pub errors: Option<Errors>,
    /// Long-running work: for a type some methods return, how to wait until it is finished.
    #[serde(default)]
    pub waiters: Map<Waiter>,
    /// One cargo feature per top-level resource, so that a build compiles only the resources
    /// it uses (for large APIs).
    #[serde(default)]
    pub resource_features: bool,
    /// Statuses with which the server says it did nothing, besides 429 and 503: a request that
    /// is not idempotent is retried after them too.
    #[serde(default)]
    pub unprocessed_statuses: Vec<S<i64>>,
    /// Put before the UUID of every generated idempotency key (none by default: a bare
    /// lowercase UUID); a method's own `idempotency_key_prefix` wins.
    #[serde(default)]
    pub idempotency_key_prefix: Option<S<String>>,
}

/// Where an API puts the details of an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    /// Response headers carrying a request id, in order of preference.
    #[serde(default)]
    pub request_id_headers: Vec<S<String>>,
    /// JSON error body shapes, tried in order.
    #[serde(default)]
    pub shapes: Vec<ErrorShape>,
}

/// An error body shape: JSON pointers to the code and the message (`*` matches any key).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorShape {
    /// Pointer to the error code, e.g. `/error/code`.
    pub code: S<String>,
    /// Pointer to the message, e.g. `/error/message`.
    pub message: S<String>,
}

/// How to wait for the long-running work a value of the keyed type stands for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// The method that fetches the current state, as `resource.path.method`; it takes one
    /// path parameter, the id.
    pub poll: S<String>,
    /// The field of the keyed type that holds that id.
    pub id: S<String>,
    /// The field of the polled type that holds the state.
    pub state: S<String>,
    /// States that mean the work succeeded.
    pub success: Vec<S<String>>,
    /// States that mean the work failed.
    pub failure: Vec<S<String>>,
    /// Delay before the first poll, in milliseconds (default 1000).
    #[serde(default)]
    pub initial_delay_ms: Option<u64>,
    /// Factor by which each delay grows (default 1.5).
    #[serde(default)]
    pub multiplier: Option<f64>,
    /// Longest delay between polls, in milliseconds (default 10000).
    #[serde(default)]
    pub max_delay_ms: Option<u64>,
    /// How long to wait in all, in seconds (default 600).
    #[serde(default)]
    pub timeout_s: Option<u64>,
}

/// A value configured on the client.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientParam {
    /// What the value is.
    #[serde(default)]
    pub doc: Option<String>,
    /// Environment variable `from_env` reads it from.
    #[serde(default)]
    pub env: Option<String>,
    /// Header that carries it on every request, if any.
    #[serde(default)]
    pub header: Option<S<String>>,
    /// Rust name of its builder method (and getter), when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
}

/// Kinds of authentication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// A token in a header of its own (`header:` names it).
    Header,
    /// A key in a query parameter of its own (`param:` names it).
    Query,
    /// Huawei Cloud AK/SK request signing; the setter takes the access key and the secret key.
    SdkHmacSha256,
}

/// One authentication scheme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthScheme {
    /// The kind of scheme.
    pub scheme: S<AuthKind>,
    /// Name of the client builder method that sets the credential (`api_key`).
    pub setter: S<String>,
    /// The header, for `scheme: header`.
    #[serde(default)]
    pub header: Option<S<String>>,
    /// The query parameter, for `scheme: query`.
    #[serde(default)]
    pub param: Option<S<String>>,
    /// Environment variable `from_env` reads the credential (the access key) from.
    #[serde(default)]
    pub env: Option<String>,
    /// For `sdk_hmac_sha256`: environment variable holding the secret key.
    #[serde(default)]
    pub secret_env: Option<String>,
    /// What the credential is.
    #[serde(default)]
    pub doc: Option<String>,
}

/// A named type. Exactly one of `fields`, `enum`, `int_enum`, `union` and `map` is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust name, when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
    /// An object: fields by wire name.
    #[serde(default)]
    pub fields: Option<Map<Field>>,
    /// A string enum: values by wire value.
    #[serde(default, rename = "enum")]
    pub string_enum: Option<Map<Option<EnumValue>>>,
    /// An integer enum: values by number.
    #[serde(default)]
    pub int_enum: Option<IndexMap<S<i64>, Option<EnumValue>>>,
    /// A union: types tried in order, or object types told apart by a field.
    #[serde(default)]
    pub union: Option<UnionDef>,
    /// A map from string keys to values of this type.
    #[serde(default)]
    pub map: Option<S<String>>,
}

/// A union's members.
#[derive(Debug)]
pub enum UnionDef {
    /// `[string, Port]`: type expressions tried in order, the first that decodes wins.
    Untagged(Vec<S<String>>),
    /// `{discriminator: kind, members: {circle: Circle}}`: object types named by a field.
    Tagged(TaggedUnion),
}

/// A union whose members are object types, each named by the value of one field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaggedUnion {
    /// The field (wire name) whose string value names the member (`kind`).
    pub discriminator: S<String>,
    /// The members: the field's value (`circle`) to an object type (`Circle`).
    pub members: Map<S<String>>,
}

/// A list of member types or a mapping with a discriminator, told apart by the YAML node
/// itself (not `#[serde(untagged)]`, which would lose the positions inside).
impl<'de> Deserialize<'de> for UnionDef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UnionDef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a list of member types, or a mapping `{discriminator: <field>, members: \
                     {<value>: <object type>}}`",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<UnionDef, A::Error> {
                let access = serde::de::value::SeqAccessDeserializer::new(seq);
                Vec::deserialize(access).map(UnionDef::Untagged)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<UnionDef, A::Error> {
                let access = serde::de::value::MapAccessDeserializer::new(map);
                TaggedUnion::deserialize(access).map(UnionDef::Tagged)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A field of an object type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The field's type expression.
    #[serde(rename = "type")]
    pub ty: S<String>,
    /// The field may be absent.
    #[serde(default)]
    pub optional: bool,
    /// The field may be `null`.
    #[serde(default)]
    pub nullable: bool,
    /// The text format of its string values (`uuid`, `ipv4`, `uri`...: OpenAPI's `format`):
    /// the generated tests' example values follow it; the Rust type stays `String`.
    #[serde(default)]
    pub format: Option<S<String>>,
    /// A regular expression its string values match (OpenAPI's `pattern`): the generated tests'
    /// example values follow it where it can be read (no look-around).
    #[serde(default)]
    pub pattern: Option<S<String>>,
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust name, when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
}

/// One enum value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust variant name, when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
}

/// A node of the resource tree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust name of its accessor, when the derived one is not wanted; the handle type's name
    /// is derived from it.
    #[serde(default)]
    pub rust: Option<S<String>>,
    /// Sub-resources.
    #[serde(default)]
    pub resources: Map<Resource>,
    /// Methods.
    #[serde(default)]
    pub methods: Map<Method>,
}

/// HTTP methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[allow(missing_docs)]
pub enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
}

/// One API call.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust name of the method, when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
    /// The operation's name in the vendor's API reference and SDKs (`ListServersDetails`),
    /// unique in the spec.
    #[serde(default)]
    pub operation: Option<S<String>>,
    /// HTTP method.
    pub method: S<HttpMethod>,
    /// Path template (`/v1/vms/{vm_id}`).
    pub path: S<String>,
    /// Path parameters by name (each must appear in `path`).
    #[serde(default)]
    pub path_params: Map<Param>,
    /// Query parameters by name.
    #[serde(default)]
    pub query: Map<Param>,
    /// Header parameters by header name.
    #[serde(default)]
    pub headers: Map<Param>,
    /// JSON request body.
    #[serde(default)]
    pub body: Option<Body>,
    /// Response type; absent for an empty response (202/204). `bytes` and `text` are the body
    /// as it came (raw bytes, or UTF-8 text) rather than a JSON type.
    #[serde(default)]
    pub response: Option<S<String>>,
    /// Pagination; the response is then a page of `item`.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// Rust name of the parameters struct, when the derived one is not wanted.
    #[serde(default)]
    pub params_name: Option<S<String>>,
    /// A header that makes the call idempotent (`Idempotency-Key`): unless the caller sets it,
    /// the client generates a key and sends the same one on every retry.
    #[serde(default)]
    pub idempotency_key: Option<S<String>>,
    /// Put before the UUID of a generated idempotency key (the API's prefix otherwise).
    #[serde(default)]
    pub idempotency_key_prefix: Option<S<String>>,
    /// A `POST` or `PATCH` that is safe to send twice: it is retried like a `GET`.
    #[serde(default)]
    pub idempotent: Option<S<bool>>,
}

/// A query, header, path or inline body parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Type expression.
    #[serde(rename = "type")]
    pub ty: S<String>,
    /// The caller must give it (path parameters always are).
    #[serde(default)]
    pub required: bool,
    /// Taken as a method argument rather than a field of the parameters struct.
    #[serde(default)]
    pub positional: bool,
    /// An optional body field the caller may set to `null` (to clear a value).
    #[serde(default)]
    pub nullable: bool,
    /// A header whose value is a secret: never shown in logs or `Debug` output.
    #[serde(default)]
    pub secret: Option<S<bool>>,
    /// `false` on a list query parameter: sent as one comma-separated value (`ids=a,b`)
    /// rather than repeated (`ids=a&ids=b`, the default), as OpenAPI's `explode: false`.
    #[serde(default)]
    pub explode: Option<S<bool>>,
    /// The text format of its string values (`uuid`, `ipv4`, `uri`...: OpenAPI's `format`):
    /// the generated tests' example values follow it; the Rust type stays `String`.
    #[serde(default)]
    pub format: Option<S<String>>,
    /// A regular expression its string values match (OpenAPI's `pattern`): the generated tests'
    /// example values follow it where it can be read (no look-around).
    #[serde(default)]
    pub pattern: Option<S<String>>,
    /// Description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Rust name, when the derived one is not wanted.
    #[serde(default)]
    pub rust: Option<S<String>>,
}

/// A request body: JSON (a named type, or inline fields; optionally wrapped in a one-key
/// object), inline fields form-encoded, or raw bytes of a content type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// A named type sent as the whole body.
    #[serde(default, rename = "type")]
    pub ty: Option<S<String>>,
    /// Inline fields.
    #[serde(default)]
    pub fields: Option<Map<Param>>,
    /// Key the body is wrapped under (`reboot` gives `{"reboot": {...}}`).
    #[serde(default)]
    pub wrap: Option<String>,
    /// The wrapped value is `null` (`{"reserve": null}`), not an object: with `wrap:` only.
    #[serde(default)]
    pub wrap_null: Option<S<bool>>,
    /// The inline fields are sent as `application/x-www-form-urlencoded`, not JSON.
    #[serde(default)]
    pub form: Option<S<bool>>,
    /// The body is bytes the caller gives, sent as they are with this content type
    /// (`application/octet-stream`).
    #[serde(default)]
    pub raw: Option<S<String>>,
}

/// Pagination styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageStyle {
    /// `{items, pagination: {next_cursor, ...}}`, next page via a cursor query parameter.
    Cursor,
    /// Page numbers from 1 in a query parameter; a field may count all items.
    PageNumber,
    /// The next page starts after the last item's id, sent as a marker query parameter.
    Marker,
}

/// How a list method pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The style.
    pub style: S<PageStyle>,
    /// The item type.
    pub item: S<String>,
    /// The query parameter that carries the cursor (default `cursor`).
    #[serde(default)]
    pub cursor_param: Option<S<String>>,
    /// `page_number`, `marker`: the response field holding the items (default `items`).
    #[serde(default)]
    pub items: Option<String>,
    /// `page_number`: the query parameter carrying the page number (default `page`).
    #[serde(default)]
    pub page_param: Option<S<String>>,
    /// `page_number`, `marker`: the query parameter carrying the page size (default `limit`).
    #[serde(default)]
    pub limit_param: Option<S<String>>,
    /// `page_number`: the response field counting all items, if any.
    #[serde(default)]
    pub total: Option<String>,
    /// `marker`: the query parameter carrying the marker (default `marker`).
    #[serde(default)]
    pub marker_param: Option<S<String>>,
    /// `marker`: the item field whose last value is the next marker (default `id`).
    #[serde(default)]
    pub marker_field: Option<S<String>>,
    /// `marker`: the response field (a dot-separated path such as `page_info.next_marker`)
    /// holding the next marker, instead of the last item's `marker_field`.
    #[serde(default)]
    pub next_marker: Option<S<String>>,
    /// `marker`: the response field holding `[{"rel": "next", ...}]` links, if any.
    #[serde(default)]
    pub links: Option<String>,
}

/// Whether `text` is a media type as a `Content-Type` header carries it: `type/subtype`, each
/// an RFC 9110 token, then optional `; parameters` of visible ASCII.
pub fn is_media_type(text: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    let (essence, parameters) = text.split_once(';').unwrap_or((text, ""));
    let Some((kind, subtype)) = essence.trim().split_once('/') else {
        return false;
    };
    token(kind)
        && token(subtype)
        && parameters
            .bytes()
            .all(|b| b == b' ' || b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec over the node limit gets a diagnostic saying so, where the reader stopped and
    /// what to do, instead of the parser's own wording. (The real limit takes a spec of about
    /// 30,000 endpoints to reach; a low one stands in for it.)
    #[test]
    fn a_spec_over_the_node_limit_is_refused_as_too_large() {
        let text = "name: x\ntitle: X\nbase_url: https://x.example\nauth: []\ntypes:\n  A:\n    \
                    fields:\n      a: {type: string}\n      b: {type: string}\n      c: {type: string}\n";
        assert!(load_limited("x.yaml", text, 1000).is_ok());
        let Err(d) = load_limited("x.yaml", text, 12) else {
            panic!("a spec over the limit was accepted");
        };
        assert!(
            d.message
                .starts_with("the spec is larger than the generator reads"),
            "{d}"
        );
        assert_eq!(d.loc.file, "x.yaml");
        assert!(d.loc.line >= 5, "points where the reader stopped: {d}");
        let rendered = d.to_string();
        assert!(rendered.contains("up to 12 YAML nodes"), "{rendered}");
        assert!(
            rendered.contains("split the API into several specs"),
            "{rendered}"
        );
    }
}

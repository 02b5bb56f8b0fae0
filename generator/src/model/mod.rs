//! The model: a validated, resolved description of one API with every Rust name allocated.
//! It knows nothing of YAML (the spec layer feeds it through [`resolve`]; an OpenAPI importer can
//! feed it the same way) and nothing of tokens (the emitters read it).

mod features;
mod recursion;
mod resolve;
mod smallest;
mod typeref;
mod unions;

use features::assign as assign_features;
pub use features::{FeatureGroup, ResourceFeatures};
pub use recursion::{MAX_SMALLEST, MAX_SMALLEST_DEPTH};
pub use resolve::resolve;
pub use typeref::TypeRef;

pub use crate::doc_text::Doc;
use std::collections::BTreeSet;

/// One API, ready to emit.
#[derive(Clone, Debug)]
pub struct Api {
    /// Module name (`nirvana`), also the cargo feature name.
    pub module: String,
    /// Where the module name is declared.
    pub module_loc: crate::diag::Loc,
    /// Human name.
    pub title: String,
    /// Description.
    pub doc: Option<Doc>,
    /// The spec file, as the generator was given it (for file headers).
    pub spec_file: String,
    /// Default base URL template.
    pub base_url: String,
    /// Environment variable overriding the base URL.
    pub base_url_env: Option<String>,
    /// Base URL template variables.
    pub url_params: Vec<ClientValue>,
    /// Values set once on the client.
    pub client_params: Vec<ClientValue>,
    /// Authentication schemes, in order of preference.
    pub auth: Vec<AuthScheme>,
    /// Named types.
    pub types: Vec<TypeDecl>,
    /// Top-level resources.
    pub resources: Vec<Resource>,
    /// Where the API puts error details.
    pub errors: ErrorFormat,
    /// Waiters, one per type that stands for long-running work.
    pub waiters: Vec<Waiter>,
    /// A cargo feature per top-level resource, if the spec asks for them.
    pub features: Option<ResourceFeatures>,
    /// The top-level resource (by index) that alone uses each type, through its methods' inputs
    /// and answers and the types those contain; a type several resources use, or none, is
    /// shared and not in here. Its module holds the type.
    pub owners: std::collections::BTreeMap<String, usize>,
    /// The named types a caller builds: those reachable from any method's inputs (each object
    /// among them gets `new` and setters).
    pub requests: BTreeSet<String>,
    /// Statuses with which the server says it did nothing, besides 429 and 503: a request that
    /// is not idempotent is retried after them too.
    pub unprocessed_statuses: Vec<u16>,
    /// The crate the API's module is generated into, which its doctests and tests name.
    pub krate: Krate,
}

/// The crate being generated: its package name and the directory of its specs, which its
/// manifest, docs, doctests, tests and file headers name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Krate {
    /// The package name (`generated-sdk`).
    pub name: String,
    /// The directory the specs are read from, relative to the repository (`spec`).
    pub spec_dir: String,
}

impl Krate {
    /// A crate named `name` (letters, digits, `-` and `_`, starting with a letter), generated
    /// from the specs in `spec_dir` (a relative path of plain characters, without a trailing `/`).
    pub fn new(name: &str, spec_dir: &str) -> Result<Krate, String> {
        let name_ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return Err(format!(
                "`{name}` is not a crate name: letters, digits, `-` and `_`, starting with a letter"
            ));
        }
        let dir_ok = !spec_dir.is_empty()
            && !spec_dir.starts_with('/')
            && !spec_dir.ends_with('/')
            && spec_dir
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        if !dir_ok {
            return Err(format!(
                "`{spec_dir}` is not a spec directory: a relative path of letters, digits, `-`, `_`, `.` and `/`"
            ));
        }
        Ok(Krate {
            name: name.to_owned(),
            spec_dir: spec_dir.to_owned(),
        })
    }

    /// The crate as Rust code names it (`generated_sdk`).
    pub fn ident(&self) -> String {
        self.name.replace('-', "_")
    }
}

impl Default for Krate {
    /// The checked-in `generated-sdk`, from `spec/`.
    fn default() -> Krate {
        Krate {
            name: "generated-sdk".to_owned(),
            spec_dir: "spec".to_owned(),
        }
    }
}

/// Calls `f` for every method of `resources` and their sub-resources, depth first in spec order.
pub fn visit_methods<'a>(resources: &'a [Resource], f: &mut impl FnMut(&'a Resource, &'a Method)) {
    for resource in resources {
        for method in &resource.methods {
            f(resource, method);
        }
        visit_methods(&resource.children, f);
    }
}

impl Api {
    /// The named types reachable from any method's inputs ([`Api::requests`]).
    pub fn request_types(&self) -> BTreeSet<String> {
        let mut roots = BTreeSet::new();
        visit_methods(&self.resources, &mut |_, method| {
            for input in method.inputs() {
                input.ty.collect_named(&mut roots);
            }
        });
        self.reachable(roots)
    }

    /// The named types in `roots` and every type they contain, however deep.
    pub fn reachable(&self, roots: BTreeSet<String>) -> BTreeSet<String> {
        let declared: std::collections::HashMap<&str, &TypeDecl> =
            self.types.iter().map(|t| (t.rust.as_str(), t)).collect();
        let mut seen = BTreeSet::new();
        let mut pending: Vec<String> = roots.into_iter().collect();
        while let Some(ty) = pending.pop() {
            let Some(decl) = declared.get(ty.as_str()) else {
                continue;
            };
            if !seen.insert(ty) {
                continue;
            }
            let mut inner = BTreeSet::new();
            match &decl.kind {
                TypeKind::Object(fields) => {
                    fields.iter().for_each(|f| f.ty.collect_named(&mut inner))
                }
                TypeKind::Union(members) => {
                    members.iter().for_each(|m| m.ty.collect_named(&mut inner))
                }
                TypeKind::Map { value, .. } => value.collect_named(&mut inner),
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
            }
            pending.extend(inner.into_iter().filter(|t| !seen.contains(t)));
        }
        seen
    }

    /// The cargo feature the API's module is compiled under: the API's own (`nirvana`), or with a
    /// feature per resource the client's (`nirvana-client`), which each resource's turns on.
    pub fn module_feature(&self) -> &str {
        self.features.as_ref().map_or(&self.module, |f| &f.base)
    }

    /// The top-level resource that alone uses type `ty`, whose module holds it.
    pub fn owner(&self, ty: &str) -> Option<usize> {
        self.owners.get(ty).copied()
    }

    /// The feature `ty` is compiled under, if the API has a feature per resource and only one
    /// resource uses the type.
    pub fn type_feature(&self, ty: &str) -> Option<&str> {
        self.features.as_ref()?.of_type(ty)
    }

    /// The feature of the group `resource` belongs to, if the API has a feature per resource.
    pub fn resource_feature(&self, resource: &Resource) -> Option<&str> {
        self.features.as_ref()?.of_resource(&resource.path)
    }
}

/// Where an API puts error details.
#[derive(Clone, Debug, Default)]
pub struct ErrorFormat {
    /// Headers carrying a request id (empty: the runtime's defaults).
    pub request_id_headers: Vec<String>,
    /// `(code pointer, message pointer)` pairs, tried in order.
    pub shapes: Vec<(String, String)>,
}

/// How to wait for the work a value of `waited` stands for.
#[derive(Clone, Debug)]
pub struct Waiter {
    /// The type methods return (`Operation`, `ServerJobRef`).
    pub waited: String,
    /// Its field holding the id to poll with.
    pub id_field: String,
    /// Accessor names from the client to the poll method's resource (`["operations"]`).
    pub poll_resource: Vec<String>,
    /// The poll method.
    pub poll_method: String,
    /// `METHOD /path` of the poll method, for docs.
    pub poll_route: String,
    /// The type the poll method returns (`Operation`, `Job`).
    pub polled: String,
    /// Its field holding the state.
    pub state_field: String,
    /// States meaning success.
    pub success: Vec<String>,
    /// States meaning failure.
    pub failure: Vec<String>,
    /// Delay before the first poll, in milliseconds.
    pub initial_delay_ms: u64,
    /// Growth factor of the delay.
    pub multiplier: f64,
    /// Longest delay, in milliseconds.
    pub max_delay_ms: u64,
    /// Time limit, in seconds.
    pub timeout_s: u64,
}

/// A value configured on the client (a base URL variable or a client-level parameter).
#[derive(Clone, Debug)]
pub struct ClientValue {
    /// Name in the spec (`project_id`), also the path placeholder name.
    pub wire: String,
    /// Builder method and field name.
    pub rust: String,
    /// Description.
    pub doc: Option<Doc>,
    /// Environment variable.
    pub env: Option<String>,
    /// Header sent with every request.
    pub header: Option<String>,
}

/// How a credential is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthKind {
    /// `Authorization: Bearer`.
    Bearer,
    /// A header of its own.
    Header(String),
    /// A query parameter of its own.
    Query(String),
    /// Every request signed with an access key and secret key (`SDK-HMAC-SHA256`).
    SdkHmacSha256 {
        /// Environment variable holding the secret key (`env` holds the access key).
        secret_env: Option<String>,
    },
}

/// One authentication scheme.
#[derive(Clone, Debug)]
pub struct AuthScheme {
    /// How the credential is sent.
    pub kind: AuthKind,
    /// Builder method and field name.
    pub setter: String,
    /// Environment variable.
    pub env: Option<String>,
    /// Description.
    pub doc: Option<Doc>,
}

/// A named type.
#[derive(Clone, Debug)]
pub struct TypeDecl {
    /// Rust name.
    pub rust: String,
    /// Description.
    pub doc: Option<Doc>,
    /// What it is.
    pub kind: TypeKind,
    /// How many values (objects, union variants, scalars, empty lists and maps) its smallest
    /// value holds: optional fields left out, nullable ones `null`, each union its smallest
    /// member. At most [`MAX_SMALLEST`]: the model rejects larger types, and types no finite
    /// value fits.
    pub smallest: usize,
}

/// The kinds of named type.
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// A struct.
    Object(Vec<FieldDecl>),
    /// An open string enum.
    StringEnum(Vec<Variant<String>>),
    /// An open integer enum.
    IntEnum(Vec<Variant<i64>>),
    /// A union of several types.
    Union(Union),
    /// A string-keyed map.
    Map {
        /// The type of its values.
        value: TypeRef,
        /// A newtype struct around the map rather than a type alias: the map contains itself
        /// through named maps only (`Tree: {map: Tree}`), which an alias cannot.
        newtype: bool,
    },
}

/// A struct field.
#[derive(Clone, Debug)]
pub struct FieldDecl {
    /// JSON name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Name of its setter, for an optional field: the field's, unless one of the type's own
    /// methods has it (`new`, `clone`, `wait`...: then `new_`).
    pub setter: String,
    /// Name of its setter of `null`, for a field that is optional and nullable (`clear_<setter>`).
    pub clear: Option<String>,
    /// Type.
    pub ty: TypeRef,
    /// May be absent.
    pub optional: bool,
    /// May be `null`.
    pub nullable: bool,
    /// The text format of its string values (`uuid`...), for example values.
    pub format: Option<String>,
    /// A regular expression its string values match, for example values.
    pub pattern: Option<String>,
    /// Held in a `Box`: the field's type contains the field's owner inline again, through
    /// fields and union members (a recursive type).
    pub boxed: bool,
    /// Description.
    pub doc: Option<Doc>,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant<V> {
    /// Rust name.
    pub rust: String,
    /// Wire value.
    pub value: V,
    /// Description.
    pub doc: Option<Doc>,
}

/// A union: its members tried in order (untagged), or named by a field (a discriminator).
#[derive(Clone, Debug)]
pub struct Union {
    /// The field whose value names the member (`kind`), if the union has one. Every member is
    /// then an object type, with a `tag`.
    pub discriminator: Option<String>,
    /// The members, in spec order.
    pub members: Vec<UnionMember>,
}

impl Union {
    /// The members, in spec order.
    pub fn iter(&self) -> std::slice::Iter<'_, UnionMember> {
        self.members.iter()
    }

    /// The first member (the one examples use).
    pub fn first(&self) -> Option<&UnionMember> {
        self.members.first()
    }
}

impl<'a> IntoIterator for &'a Union {
    type Item = &'a UnionMember;
    type IntoIter = std::slice::Iter<'a, UnionMember>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

/// A member of a union.
#[derive(Clone, Debug)]
pub struct UnionMember {
    /// Rust variant name.
    pub rust: String,
    /// Type.
    pub ty: TypeRef,
    /// Held in a `Box`: the member's type contains the union inline again, through fields and
    /// union members (a recursive type).
    pub boxed: bool,
    /// With a discriminator: the field's value naming this member (`circle`).
    pub tag: Option<String>,
    /// Where the member is given.
    pub loc: crate::diag::Loc,
}

/// A node of the resource tree.
#[derive(Clone, Debug)]
pub struct Resource {
    /// Accessor method name on the parent (`vms`).
    pub accessor: String,
    /// Handle struct name (`ComputeVms`).
    pub rust: String,
    /// Dotted path in the spec (`compute.vms`).
    pub path: String,
    /// Description.
    pub doc: Option<Doc>,
    /// Sub-resources.
    pub children: Vec<Resource>,
    /// Methods.
    pub methods: Vec<Method>,
    /// For a top-level resource, the module of the API module that holds its handles, methods,
    /// parameters and the types only it uses (`compute`); empty for a sub-resource.
    pub module: String,
}

/// HTTP methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    /// The verb as written on the wire (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// Where an input goes in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A path segment.
    Path,
    /// A query parameter.
    Query,
    /// A header.
    Header,
    /// A field of the JSON body object.
    BodyField,
    /// The whole JSON body.
    Body,
    /// The whole body as bytes the caller gives (`body: impl Into<bytes::Bytes>`), sent as they
    /// are with the method's [`Method::raw_body`] content type. Its `ty` is `string`: the
    /// examples pass text.
    RawBody,
}

/// One value the caller passes to a method.
#[derive(Clone, Debug)]
pub struct Input {
    /// Name on the wire (placeholder, query key, header name, body field).
    pub wire: String,
    /// Rust argument or field name.
    pub rust: String,
    /// Name of its setter, for an optional field of a parameters struct: the field's, unless
    /// one of the struct's own methods has it (`new`, `default`, `clone`...: then `new_`).
    pub setter: String,
    /// Type.
    pub ty: TypeRef,
    /// Must be given.
    pub required: bool,
    /// An optional body field that can be sent as `null` (to clear a value).
    pub nullable: bool,
    /// Where it goes.
    pub kind: InputKind,
    /// A header whose value is a secret: kept out of logs and `Debug` output.
    pub secret: bool,
    /// The text format of its string values (`uuid`...), for example values.
    pub format: Option<String>,
    /// A regular expression its string values match, for example values.
    pub pattern: Option<String>,
    /// A list query parameter sent as one comma-separated value (`ids=a,b`, the spec's
    /// `explode: false`) rather than repeated.
    pub joined: bool,
    /// Description.
    pub doc: Option<Doc>,
}

/// The struct that carries a method's non-positional inputs.
#[derive(Clone, Debug)]
pub struct ParamsStruct {
    /// Rust name.
    pub rust: String,
    /// Its fields.
    pub fields: Vec<Input>,
}

/// What a method returns.
#[derive(Clone, Debug)]
pub enum Response {
    /// No body (`202 Accepted`, `204 No Content`).
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// The body as it came, as bytes (`response: bytes`).
    Bytes,
    /// The body as UTF-8 text (`response: text`).
    Text,
    /// A cursor page of this item type.
    CursorPage {
        /// Item type.
        item: TypeRef,
        /// Query parameter carrying the cursor.
        cursor_param: String,
    },
    /// A page of a list paginated by page number or marker.
    List {
        /// Item type.
        item: TypeRef,
        /// How it pages.
        paging: ListPaging,
    },
}

/// How a list pages (the runtime's `Paging`).
#[derive(Clone, Debug)]
pub enum ListPaging {
    /// Page numbers.
    PageNumber {
        /// Response field holding the items.
        items: String,
        /// Query parameter carrying the page number.
        page_param: String,
        /// Query parameter carrying the page size.
        limit_param: String,
        /// Response field counting all items.
        total: Option<String>,
    },
    /// Markers.
    Marker {
        /// Response field holding the items.
        items: String,
        /// Query parameter carrying the marker.
        marker_param: String,
        /// Where the next marker comes from.
        next_marker: NextMarker,
        /// Query parameter carrying the page size.
        limit_param: String,
        /// Response field holding the links.
        links: Option<String>,
    },
}

/// Where a marker list's next marker comes from (the runtime's `NextMarker`).
#[derive(Clone, Debug)]
pub enum NextMarker {
    /// This field of the last item.
    ItemField(String),
    /// The response field at this dot-separated path.
    ResponseField(String),
}

/// One API call.
#[derive(Clone, Debug)]
pub struct Method {
    /// Name in the spec (`get`), by which a waiter's `poll` finds it.
    pub name: String,
    /// Rust method name.
    pub rust: String,
    /// Description.
    pub doc: Option<Doc>,
    /// The operation's name in the vendor's API reference and SDKs, if the spec gives it.
    pub operation: Option<String>,
    /// HTTP method.
    pub http: HttpMethod,
    /// Path template.
    pub path: String,
    /// Client-level values that fill path placeholders (`project_id`), by wire name.
    pub client_path_params: Vec<String>,
    /// Method arguments, in order: path parameters, then other positional inputs.
    pub args: Vec<Input>,
    /// The parameters struct, when some inputs are not positional.
    pub params: Option<ParamsStruct>,
    /// Key the JSON body is wrapped under.
    pub wrap: Option<String>,
    /// The wrapped value is `null` rather than an object (`{"reserve": null}`).
    pub wrap_null: bool,
    /// The body fields are sent form-encoded (`application/x-www-form-urlencoded`), not as
    /// JSON.
    pub form: bool,
    /// The content type of a raw body (the [`InputKind::RawBody`] argument), if the method
    /// takes one.
    pub raw_body: Option<String>,
    /// Header that carries a generated idempotency key when the caller sets none.
    pub idempotency_header: Option<String>,
    /// Put before the UUID of a generated idempotency key (empty: a bare UUID).
    pub idempotency_prefix: String,
    /// A `POST` or `PATCH` the spec declares safe to send twice (retried like a `GET`).
    pub idempotent: bool,
    /// The response.
    pub response: Response,
}

impl Method {
    /// Every input, positional or not.
    pub fn inputs(&self) -> impl Iterator<Item = &Input> {
        self.args
            .iter()
            .chain(self.params.iter().flat_map(|p| p.fields.iter()))
    }
}

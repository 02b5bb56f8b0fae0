//! Spec to model: checks every reference and constraint, allocates every Rust name, and
//! collects all problems rather than stopping at the first.

use super::*;
use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::naming::{Kind, Scope, camel, check_given, derived, scopes, snake, unraw};
use crate::spec::{self, S, SpecFile};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where a resource sits: its parent's dotted spec path (`compute.vms`) and the segments its
/// handle's name is made from (`compute_vms`); both empty at the top.
struct Parent<'a> {
    path: &'a str,
    segments: &'a str,
}

/// The names of one resource (see `Resolver::resource_names`).
struct ResourceNames {
    path: String,
    segments: String,
    accessor: String,
    rust: String,
}

struct Resolver<'a> {
    file: &'a SpecFile,
    errors: Vec<Diagnostic>,
    /// Spec type name to Rust name.
    named: HashMap<String, String>,
    /// Items of the API module (types and parameter structs).
    items: Scope,
    /// Rust names of the enum types, which can be sent as text.
    enums: HashSet<String>,
    /// Rust names of the integer enums.
    int_enums: HashSet<String>,
}

/// Validates and resolves a spec into the model.
pub fn resolve(file: &SpecFile) -> Result<Api, Diagnostics> {
    let mut r = Resolver {
        file,
        errors: Vec::new(),
        named: HashMap::new(),
        enums: HashSet::new(),
        int_enums: HashSet::new(),
        items: scopes::module_items(&file.api.name.value),
    };
    let api = r.api();
    if r.errors.is_empty() {
        Ok(api)
    } else {
        Err(Diagnostics(r.errors))
    }
}

impl Resolver<'_> {
    fn loc<T>(&self, value: &S<T>) -> Loc {
        self.file.loc(value)
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// The Rust name for a spec name: the one given with `rust:`, or one derived from it.
    fn name(&mut self, given: Option<&S<String>>, derived: String, upper: bool) -> String {
        match given {
            Some(given) => {
                let loc = self.loc(given);
                check_given(&given.value, upper, &loc).unwrap_or_else(|d| {
                    self.report(d);
                    derived
                })
            }
            None => derived,
        }
    }

    /// Allocates the Rust name of the spec item `origin` (at `loc`) in each of `scopes`: the
    /// one given with `rust:`, checked, or the derived `base`, changed as its `kind` says if
    /// the generator reserves it in one of them. Collisions are reported, naming both places.
    fn allocate(
        &mut self,
        scopes: &mut [&mut Scope],
        given: Option<&S<String>>,
        (base, kind): (String, Kind),
        origin: &str,
        loc: &Loc,
    ) -> String {
        let checked = given.and_then(|g| {
            let given_loc = self.loc(g);
            check_given(&g.value, kind.upper(), &given_loc)
                .map_err(|d| self.report(d))
                .ok()
                .map(|rust| (rust, given_loc))
        });
        let (rust, loc) = match checked {
            Some((rust, given_loc)) => (rust, given_loc),
            None => {
                let shared: Vec<&Scope> = scopes.iter().map(|s| &**s).collect();
                (derived(&shared, &base, kind), loc.clone())
            }
        };
        for scope in scopes.iter_mut() {
            self.claim(scope, &rust, origin, &loc);
        }
        rust
    }

    fn claim(&mut self, scope: &mut Scope, rust: &str, origin: &str, loc: &Loc) {
        if let Err(d) = scope.claim(rust, origin, loc) {
            self.report(d);
        }
    }

    fn type_ref(&mut self, text: &S<String>) -> TypeRef {
        let loc = self.loc(text);
        TypeRef::parse(&text.value, &self.named, &loc).unwrap_or_else(|d| {
            self.report(d);
            TypeRef::Json
        })
    }

    fn api(&mut self) -> Api {
        let spec = &self.file.api;
        let module_loc = self.loc(&spec.name);
        let module = check_given(&spec.name.value, false, &module_loc).unwrap_or_else(|d| {
            self.report(d);
            snake(&spec.name.value)
        });

        let mut builder = scopes::builder();
        let mut accessors = scopes::client_methods();
        let url_params = self.client_values(&spec.url_params, &mut [&mut builder]);
        // Each client parameter also has a getter on `Client`, beside the resource accessors,
        // and a local in `ClientBuilder::build`.
        let mut locals = scopes::build_locals();
        let client_params = self.client_values(
            &spec.client_params,
            &mut [&mut builder, &mut accessors, &mut locals],
        );
        let auth = self.auth(&spec.auth, &mut builder);
        let placeholders = placeholders(&spec.base_url.value);
        for name in &placeholders {
            if !url_params.iter().any(|p| &p.wire == name) {
                let loc = self.loc(&spec.base_url);
                self.report(
                    Diagnostic::new(
                        loc,
                        format!("base URL placeholder `{{{name}}}` is not declared"),
                    )
                    .help(format!("declare it under `url_params:` as `{name}:`")),
                );
            }
        }

        // Declare every type name first, so fields can refer to types declared later.
        for (name, def) in &spec.types {
            let loc = self.loc(name);
            let mut items = std::mem::replace(&mut self.items, Scope::new(""));
            let rust = self.allocate(
                &mut [&mut items],
                def.rust.as_ref(),
                (camel(&name.value), Kind::Type),
                &name.value,
                &loc,
            );
            self.items = items;
            if def.string_enum.is_some() || def.int_enum.is_some() {
                self.enums.insert(rust.clone());
            }
            if def.int_enum.is_some() {
                self.int_enums.insert(rust.clone());
            }
            self.named.insert(name.value.clone(), rust);
        }
        let types = spec
            .types
            .iter()
            .filter_map(|(name, def)| self.type_decl(name, def))
            .collect::<Vec<_>>();
        let types = self.recursion(types);
        let spec_names = self
            .named
            .iter()
            .map(|(s, r)| (r.clone(), s.clone()))
            .collect();
        self.errors
            .extend(super::unions::check(&types, &spec_names));

        let mut handles = scopes::handle_types();
        let client_names: Vec<String> = client_params.iter().map(|p| p.wire.clone()).collect();
        let resources = spec
            .resources
            .iter()
            .map(|(name, res)| {
                let parent = Parent {
                    path: "",
                    segments: "",
                };
                self.resource(
                    name,
                    res,
                    &parent,
                    &mut accessors,
                    &mut handles,
                    &client_names,
                )
            })
            .collect::<Vec<_>>();
        let errors = self.errors(spec.errors.as_ref());
        let waiters = spec
            .waiters
            .iter()
            .filter_map(|(name, waiter)| self.waiter(name, waiter, &types, &resources))
            .collect();

        let mut api = Api {
            module,
            module_loc,
            title: spec.title.clone(),
            doc: spec.doc.as_deref().and_then(|text| {
                // The module's docs: its types are in scope there.
                Doc::with_links(text, &|name| types.iter().any(|t| t.rust == name))
            }),
            spec_file: self.file.path.clone(),
            base_url: spec.base_url.value.clone(),
            base_url_env: spec.base_url_env.clone(),
            url_params,
            client_params,
            auth,
            types,
            resources,
            errors,
            waiters,
            features: None,
            unprocessed_statuses: self.unprocessed_statuses(&spec.unprocessed_statuses),
        };
        if spec.resource_features {
            api.features = Some(self.features(&api));
        }
        api
    }

    /// The feature of each top-level resource (`<module>-<resource>`, kebab case), and which
    /// types and waiters each one compiles. A resource whose feature would be the client's own
    /// (`<module>-client`) is reported.
    fn features(&mut self, api: &Api) -> ResourceFeatures {
        let feature =
            |r: &Resource| format!("{}-{}", api.module, unraw(&r.accessor).replace('_', "-"));
        let features = assign_features(api, feature);
        for ((name, _), resource) in self.file.api.resources.iter().zip(&api.resources) {
            let taken = feature(resource);
            if taken == features.base {
                let loc = self.loc(name);
                self.report(
                    Diagnostic::new(
                        loc,
                        format!(
                            "with `resource_features: true`, resource `{}` would get the feature \
                             `{taken}`, which is the client's",
                            name.value
                        ),
                    )
                    .help(
                        "rename the resource, or give it another Rust name with `rust:` (its \
                         feature follows it), or leave out `resource_features`",
                    ),
                );
            }
        }
        features
    }

    /// The spec's `unprocessed_statuses`, each checked: an error status (400 to 599), listed
    /// once, and not 429 or 503, which are retried anyway.
    fn unprocessed_statuses(&mut self, given: &[S<i64>]) -> Vec<u16> {
        let mut statuses = Vec::new();
        for status in given {
            let loc = self.loc(status);
            let problem = match u16::try_from(status.value) {
                Ok(code) if !(400..=599).contains(&code) => Some((
                    format!("`{code}` is not an error status"),
                    "list statuses from 400 to 599 with which the server says it did nothing",
                )),
                Err(_) => Some((
                    format!("`{}` is not an HTTP status", status.value),
                    "list statuses from 400 to 599 with which the server says it did nothing",
                )),
                Ok(429 | 503) => Some((
                    format!("`{}` is retried whatever the API says", status.value),
                    "remove it: 429 and 503 always mean the server did nothing",
                )),
                Ok(code) if statuses.contains(&code) => {
                    Some((format!("`{code}` is listed twice"), "list each status once"))
                }
                Ok(code) => {
                    statuses.push(code);
                    None
                }
            };
            if let Some((message, help)) = problem {
                self.report(Diagnostic::new(loc, message).help(help));
            }
        }
        statuses
    }

    fn errors(&mut self, errors: Option<&spec::Errors>) -> ErrorFormat {
        let Some(errors) = errors else {
            return ErrorFormat::default();
        };
        for header in &errors.request_id_headers {
            self.check_header_name(header);
        }
        for shape in &errors.shapes {
            for pointer in [&shape.code, &shape.message] {
                if !pointer.value.starts_with('/') {
                    let loc = self.loc(pointer);
                    self.report(
                        Diagnostic::new(loc, format!("`{}` is not a JSON pointer", pointer.value))
                            .help(
                                "write it from the root, e.g. `/error/code`; `*` matches any key",
                            ),
                    );
                }
            }
        }
        ErrorFormat {
            request_id_headers: errors
                .request_id_headers
                .iter()
                .map(|h| h.value.to_ascii_lowercase())
                .collect(),
            shapes: errors
                .shapes
                .iter()
                .map(|s| (s.code.value.clone(), s.message.value.clone()))
                .collect(),
        }
    }

    /// The fields of the object type `rust`, or a diagnostic at `loc`.
    fn object_fields<'t>(
        &mut self,
        types: &'t [TypeDecl],
        rust: &str,
        loc: &Loc,
        role: &str,
    ) -> Option<&'t [FieldDecl]> {
        let found = types
            .iter()
            .find(|t| t.rust == rust)
            .and_then(|t| match &t.kind {
                TypeKind::Object(fields) => Some(fields.as_slice()),
                _ => None,
            });
        if found.is_none() {
            self.report(
                Diagnostic::new(
                    loc.clone(),
                    format!("{role} `{rust}` is not an object type"),
                )
                .help("a waiter needs object types with the id and state fields"),
            );
        }
        found
    }

    fn waiter(
        &mut self,
        name: &S<String>,
        waiter: &spec::Waiter,
        types: &[TypeDecl],
        resources: &[Resource],
    ) -> Option<Waiter> {
        let loc = self.loc(name);
        let Some(waited) = self.named.get(&name.value).cloned() else {
            self.report(
                Diagnostic::new(loc, format!("waiter for unknown type `{}`", name.value))
                    .help("key each waiter by a type declared under `types:`"),
            );
            return None;
        };
        let waited_fields = self.object_fields(types, &waited, &loc, "waited type")?;
        let id_loc = self.loc(&waiter.id);
        let id_field = match waited_fields.iter().find(|f| f.wire == waiter.id.value) {
            Some(f) if f.ty == TypeRef::String && !f.optional && !f.nullable => f.rust.clone(),
            Some(_) => {
                self.report(
                    Diagnostic::new(
                        id_loc,
                        format!(
                            "`{}` must be a required string field to poll with",
                            waiter.id.value
                        ),
                    )
                    .help("name the field that holds the id the poll method takes"),
                );
                return None;
            }
            None => {
                self.report(
                    Diagnostic::new(
                        id_loc,
                        format!("`{waited}` has no field `{}`", waiter.id.value),
                    )
                    .help("name the field that holds the id the poll method takes"),
                );
                return None;
            }
        };

        let poll_loc = self.loc(&waiter.poll);
        let (resource_path, method_name) = waiter
            .poll
            .value
            .rsplit_once('.')
            .unwrap_or(("", &waiter.poll.value));
        let mut accessors = Vec::new();
        let method = find_method(resources, resource_path, method_name, &mut accessors);
        let Some(method) = method else {
            let mut known = Vec::new();
            method_paths(resources, &mut known);
            self.report(
                Diagnostic::new(
                    poll_loc,
                    format!("no method `{}` to poll with", waiter.poll.value),
                )
                .help(format!(
                    "write it as `resource.path.method`; the methods are: {}",
                    known.join(", ")
                )),
            );
            return None;
        };
        let polled = match (&method.response, method.args.as_slice(), &method.params) {
            (Response::Json(TypeRef::Named(polled)), [arg], None) if arg.ty == TypeRef::String => {
                polled.clone()
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        poll_loc,
                        format!(
                            "`{}` cannot poll: it must take only the id and return a named type",
                            waiter.poll.value
                        ),
                    )
                    .help(
                        "use a `get`-style method with one string path parameter and a `response:`",
                    ),
                );
                return None;
            }
        };
        let polled_fields = self.object_fields(types, &polled, &poll_loc, "polled type")?;
        let state_loc = self.loc(&waiter.state);
        let Some(state) = polled_fields.iter().find(|f| f.wire == waiter.state.value) else {
            self.report(
                Diagnostic::new(
                    state_loc,
                    format!("`{polled}` has no field `{}`", waiter.state.value),
                )
                .help("name the field of the polled type that holds the state"),
            );
            return None;
        };
        let known_states: Option<Vec<String>> = match &state.ty {
            TypeRef::String => None,
            TypeRef::Named(enum_name) => {
                match types.iter().find(|t| &t.rust == enum_name).map(|t| &t.kind) {
                    Some(TypeKind::StringEnum(variants)) => {
                        Some(variants.iter().map(|v| v.value.clone()).collect())
                    }
                    _ => {
                        self.report(
                            Diagnostic::new(
                                state_loc,
                                format!(
                                    "the state field `{}` must be a string or a string enum",
                                    waiter.state.value
                                ),
                            )
                            .help("waiters compare the state with the listed values"),
                        );
                        return None;
                    }
                }
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        state_loc,
                        format!(
                            "the state field `{}` must be a string or a string enum",
                            waiter.state.value
                        ),
                    )
                    .help("waiters compare the state with the listed values"),
                );
                return None;
            }
        };
        if state.optional || state.nullable {
            self.report(
                Diagnostic::new(
                    state_loc,
                    format!("the state field `{}` may be absent", waiter.state.value),
                )
                .help("a waiter needs a required state field"),
            );
            return None;
        }
        let mut states = |list: &[S<String>], what: &str| -> Vec<String> {
            if list.is_empty() {
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!("waiter `{}` lists no {what} states", name.value),
                    )
                    .help(format!("list the states that mean {what} under `{what}:`")),
                );
            }
            for value in list {
                if let Some(known) = &known_states
                    && !known.contains(&value.value)
                {
                    let value_loc = self.loc(value);
                    self.report(
                        Diagnostic::new(
                            value_loc,
                            format!("`{}` is not a value of the state's enum", value.value),
                        )
                        .help(format!("use one of: {}", known.join(", "))),
                    );
                }
            }
            list.iter().map(|v| v.value.clone()).collect()
        };
        let success = states(&waiter.success, "success");
        let failure = states(&waiter.failure, "failure");
        Some(Waiter {
            waited,
            id_field,
            poll_resource: accessors,
            poll_method: method.rust.clone(),
            poll_route: format!("{} {}", method.http.as_str(), method.path),
            polled,
            state_field: state.rust.clone(),
            success,
            failure,
            initial_delay_ms: waiter.initial_delay_ms.unwrap_or(1000),
            multiplier: waiter.multiplier.unwrap_or(1.5),
            max_delay_ms: waiter.max_delay_ms.unwrap_or(10_000),
            timeout_s: waiter.timeout_s.unwrap_or(600),
        })
    }

    /// Boxes the references of recursive types, makes recursive named maps newtypes, and
    /// reports types no value fits or whose smallest value is too large (`recursion.rs`).
    fn recursion(&mut self, mut types: Vec<TypeDecl>) -> Vec<TypeDecl> {
        // Rust type name to its spec definition, to point at the type or one of its fields.
        let defs: HashMap<&str, (&S<String>, &spec::TypeDef)> = self
            .file
            .api
            .types
            .iter()
            .filter_map(|(name, def)| Some((self.named.get(&name.value)?.as_str(), (name, def))))
            .collect();
        let locate = |owner: &str, field: Option<&str>| {
            let (name, def) = defs.get(owner)?;
            Some(match field {
                None => self.loc(name),
                Some(wire) => self.loc(def.fields.as_ref()?.keys().find(|k| k.value == wire)?),
            })
        };
        let problems = super::recursion::analyse(&mut types, &locate);
        self.errors.extend(problems);
        types
    }

    /// Client values, each named in every one of `scopes`.
    fn client_values(
        &mut self,
        values: &spec::Map<spec::ClientParam>,
        scopes: &mut [&mut Scope],
    ) -> Vec<ClientValue> {
        values
            .iter()
            .map(|(name, param)| {
                let loc = self.loc(name);
                let rust = self.allocate(
                    scopes,
                    param.rust.as_ref(),
                    (snake(&name.value), Kind::Snake),
                    &name.value,
                    &loc,
                );
                if let Some(header) = &param.header {
                    self.check_header_name(header);
                }
                ClientValue {
                    wire: name.value.clone(),
                    rust,
                    doc: Doc::from_option(param.doc.as_deref()),
                    env: param.env.clone(),
                    header: param.header.as_ref().map(|h| h.value.clone()),
                }
            })
            .collect()
    }

    fn auth(&mut self, schemes: &[spec::AuthScheme], builder: &mut Scope) -> Vec<AuthScheme> {
        schemes
            .iter()
            .map(|scheme| {
                let loc = self.loc(&scheme.setter);
                let setter = check_given(&scheme.setter.value, false, &loc).unwrap_or_else(|d| {
                    self.report(d);
                    snake(&scheme.setter.value)
                });
                if let Err(d) = builder.claim_with(&setter, &scheme.setter.value, &loc, "`setter:`")
                {
                    self.report(d);
                }
                let kind = match (scheme.scheme.value, &scheme.header) {
                    (spec::AuthKind::Bearer, None) => AuthKind::Bearer,
                    (spec::AuthKind::Header, Some(header)) => {
                        self.check_header_name(header);
                        AuthKind::Header(header.value.clone())
                    }
                    (spec::AuthKind::SdkHmacSha256, None) => AuthKind::SdkHmacSha256 {
                        secret_env: scheme.secret_env.clone(),
                    },
                    (spec::AuthKind::Bearer | spec::AuthKind::SdkHmacSha256, Some(header)) => {
                        let loc = self.loc(header);
                        self.report(
                            Diagnostic::new(loc, "this scheme always uses `Authorization`")
                                .help("remove `header:`, or use `scheme: header`"),
                        );
                        AuthKind::Bearer
                    }
                    (spec::AuthKind::Header, None) => {
                        let loc = self.loc(&scheme.scheme);
                        self.report(
                            Diagnostic::new(loc, "`scheme: header` needs the header's name")
                                .help("add `header: X-Auth-Token` (or the API's header)"),
                        );
                        AuthKind::Header(String::new())
                    }
                };
                if scheme.secret_env.is_some() && !matches!(kind, AuthKind::SdkHmacSha256 { .. }) {
                    let loc = self.loc(&scheme.setter);
                    self.report(
                        Diagnostic::new(loc, "`secret_env` is only for `scheme: sdk_hmac_sha256`")
                            .help("remove `secret_env:`"),
                    );
                }
                AuthScheme {
                    kind,
                    setter,
                    env: scheme.env.clone(),
                    doc: Doc::from_option(scheme.doc.as_deref()),
                }
            })
            .collect()
    }

    fn type_decl(&mut self, name: &S<String>, def: &spec::TypeDef) -> Option<TypeDecl> {
        let rust = self.named.get(&name.value)?.clone();
        let loc = self.loc(name);
        let given: Vec<&str> = [
            def.fields.as_ref().map(|_| "fields"),
            def.string_enum.as_ref().map(|_| "enum"),
            def.int_enum.as_ref().map(|_| "int_enum"),
            def.union.as_ref().map(|_| "union"),
            def.map.as_ref().map(|_| "map"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            let message = if given.is_empty() {
                format!("type `{}` says neither what it is", name.value)
            } else {
                format!(
                    "type `{}` has {}: a type is only one of them",
                    name.value,
                    given.join(", ")
                )
            };
            self.report(
                Diagnostic::new(loc, message)
                    .help("give exactly one of `fields:`, `enum:`, `int_enum:`, `union:`, `map:`"),
            );
            return None;
        }
        let kind = if let Some(fields) = &def.fields {
            TypeKind::Object(self.fields(&rust, fields))
        } else if let Some(values) = &def.string_enum {
            if values.is_empty() {
                self.report(
                    Diagnostic::new(loc.clone(), format!("enum `{}` has no values", name.value))
                        .help("list its values under `enum:`, or make the field a `string`"),
                );
            }
            TypeKind::StringEnum(self.string_variants(&rust, values))
        } else if let Some(values) = &def.int_enum {
            if values.is_empty() {
                self.report(
                    Diagnostic::new(loc.clone(), format!("enum `{}` has no values", name.value))
                        .help("list its values under `int_enum:`, or make the field an `int64`"),
                );
            }
            let mut scope = scopes::enum_variants(&rust);
            let variants = values
                .iter()
                .map(|(value, meta)| {
                    let derived = format!("V{}", value.value).replace('-', "Minus");
                    let rust =
                        self.name(meta.as_ref().and_then(|m| m.rust.as_ref()), derived, true);
                    let loc = self.loc(value);
                    self.claim(&mut scope, &rust, &value.value.to_string(), &loc);
                    Variant {
                        rust,
                        value: value.value,
                        doc: Doc::from_option(meta.as_ref().and_then(|m| m.doc.as_deref())),
                    }
                })
                .collect();
            TypeKind::IntEnum(variants)
        } else if let Some(union) = &def.union {
            TypeKind::Union(self.union(name, &rust, union))
        } else {
            let value = def.map.as_ref()?;
            let loc = self.loc(value);
            let value = TypeRef::parse_item(&value.value, &self.named, &loc).unwrap_or_else(|d| {
                self.report(d);
                TypeRef::Json
            });
            TypeKind::Map {
                value,
                newtype: false,
            }
        };
        Some(TypeDecl {
            rust,
            doc: Doc::from_option(def.doc.as_deref()),
            kind,
            smallest: 1,
        })
    }

    /// A union's members and their variant names: from the member types (`String`, `Port`),
    /// or with a discriminator from the values naming them (`circle` gives `Circle`).
    fn union(&mut self, name: &S<String>, rust: &str, def: &spec::UnionDef) -> Union {
        let (discriminator, members) = match def {
            spec::UnionDef::Untagged(spans) => {
                // Names from the member types, told apart by construction (`Int32`, `Int64`).
                let types: Vec<TypeRef> = spans.iter().map(|m| self.type_ref(m)).collect();
                let members = union_variant_names(&types)
                    .into_iter()
                    .zip(types)
                    .zip(spans)
                    .map(|((rust, ty), span)| UnionMember {
                        rust,
                        ty,
                        boxed: false,
                        tag: None,
                        loc: self.loc(span),
                    })
                    .collect::<Vec<_>>();
                self.check_union_members(&members, spans);
                (None, members)
            }
            spec::UnionDef::Tagged(tagged) => {
                let mut scope = scopes::enum_variants(rust);
                let members = tagged
                    .members
                    .iter()
                    .map(|(tag, ty)| {
                        // Derived names are told apart, not reported: `circle`, `Circle` give
                        // `Circle`, `Circle2`; `unknown` gives `Unknown2`.
                        let base = camel(&tag.value);
                        let loc = self.loc(tag);
                        let rust = std::iter::once(base.clone())
                            .chain((2..).map(|n| format!("{base}{n}")))
                            .find(|c| scope.claim(c, &tag.value, &loc).is_ok())
                            .unwrap_or(base);
                        UnionMember {
                            rust,
                            ty: self.type_ref(ty),
                            boxed: false,
                            tag: Some(tag.value.clone()),
                            loc: self.loc(ty),
                        }
                    })
                    .collect::<Vec<_>>();
                (Some(tagged.discriminator.value.clone()), members)
            }
        };
        let least = if discriminator.is_some() { 1 } else { 2 };
        if members.len() < least {
            let loc = self.loc(name);
            let (count, example) = if discriminator.is_some() {
                ("one member", "`members: {circle: Circle}`")
            } else {
                ("two members", "`union: [string, float64]`")
            };
            self.report(
                Diagnostic::new(
                    loc,
                    format!("union `{}` needs at least {count}", name.value),
                )
                .help(format!("list the member types, e.g. {example}")),
            );
        }
        Union {
            discriminator,
            members,
        }
    }

    /// Variant names for a string enum's values. Derived names that collide are told apart by
    /// the case of their values (`HARD` `Hard` `hard` give `HardUpper`, `Hard`, `HardLower`);
    /// a value named like the catch-all `Unknown` becomes `UnknownValue`. Names given with
    /// `rust:` are taken as they are, and collide with an error.
    fn string_variants(
        &mut self,
        owner: &str,
        values: &spec::Map<Option<spec::EnumValue>>,
    ) -> Vec<Variant<String>> {
        let mut scope = scopes::enum_variants(owner);
        // Values already in the case their variant name has claim that name first.
        let mut order: Vec<_> = values.iter().collect();
        order.sort_by_key(|(value, meta)| {
            let given = meta.as_ref().is_some_and(|m| m.rust.is_some());
            (
                !given && camel(&value.value) != value.value,
                value.referenced.line(),
            )
        });
        let mut named = HashMap::new();
        for (value, meta) in order {
            let loc = self.loc(value);
            let given = meta.as_ref().and_then(|m| m.rust.as_ref());
            let rust = match given {
                Some(_) => self.name(given, camel(&value.value), true),
                None => {
                    let base = camel(&value.value);
                    let letters = || value.value.chars().filter(|c| c.is_alphabetic());
                    let case = if letters().all(char::is_uppercase) {
                        "Upper"
                    } else if letters().all(char::is_lowercase) {
                        "Lower"
                    } else {
                        "Mixed"
                    };
                    let mut candidates = vec![base.clone()];
                    if base == "Unknown" {
                        candidates.push("UnknownValue".to_owned());
                    }
                    candidates.push(format!("{base}{case}"));
                    let free = candidates
                        .into_iter()
                        .chain((2..).map(|n| format!("{base}{n}")));
                    free.into_iter()
                        .find(|c| scope.claim(c, &value.value, &loc).is_ok())
                        .unwrap_or(base)
                }
            };
            if given.is_some() {
                self.claim(&mut scope, &rust, &value.value, &loc);
            }
            named.insert(value.value.clone(), rust);
        }
        values
            .iter()
            .map(|(value, meta)| Variant {
                rust: named.get(&value.value).cloned().unwrap_or_default(),
                value: value.value.clone(),
                doc: Doc::from_option(meta.as_ref().and_then(|m| m.doc.as_deref())),
            })
            .collect()
    }

    /// Whether every JSON value `later` accepts is accepted by `earlier` too, so that `later`,
    /// tried after it in an untagged union, can never be decoded.
    fn covers(&self, earlier: &TypeRef, later: &TypeRef) -> bool {
        let string_like = |t: &TypeRef| match t {
            TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal => true,
            TypeRef::Named(n) => self.enums.contains(n) && !self.int_enums.contains(n),
            _ => false,
        };
        let integer_like = |t: &TypeRef| match t {
            TypeRef::Int32 | TypeRef::Int64 => true,
            TypeRef::Named(n) => self.int_enums.contains(n),
            _ => false,
        };
        // Open enums accept any string (or integer), like the plain scalar.
        let accepts_all_strings = |t: &TypeRef| match t {
            TypeRef::String => true,
            TypeRef::Named(n) => self.enums.contains(n) && !self.int_enums.contains(n),
            _ => false,
        };
        earlier == later
            || *earlier == TypeRef::Json
            || (accepts_all_strings(earlier) && string_like(later))
            || (*earlier == TypeRef::Float64 && integer_like(later))
            // An `int64` or an open integer enum takes any integer; an `int32` only some.
            || (integer_like(earlier) && *earlier != TypeRef::Int32 && integer_like(later))
            || match (earlier, later) {
                // `list<string>` takes every `list<decimal>`; `list<T?>` every `list<T>`.
                (TypeRef::List(a), TypeRef::List(b)) | (TypeRef::Map(a), TypeRef::Map(b)) => {
                    self.covers(a, b)
                }
                (TypeRef::Nullable(a), TypeRef::Nullable(b)) => self.covers(a, b),
                (TypeRef::Nullable(a), b) => self.covers(a, b),
                _ => false,
            }
    }

    /// Reports union members that an earlier member always wins over.
    fn check_union_members(&mut self, members: &[UnionMember], spans: &[S<String>]) {
        for (j, later) in members.iter().enumerate() {
            let Some(i) = (0..j).find(|&i| self.covers(&members[i].ty, &later.ty)) else {
                continue;
            };
            let Some(span) = spans.get(j) else { continue };
            let loc = self.loc(span);
            let earlier = spans.get(i).map_or("?", |s| s.value.as_str());
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "union member `{}` can never be decoded: the earlier member `{earlier}` \
                         accepts every value it could hold",
                        span.value
                    ),
                )
                .help("members are tried in order: put the more specific one first, or drop one"),
            );
        }
    }

    /// The fields of object type `owner`, each with the name of its setter (the field's, unless
    /// one of the type's own methods has it).
    fn fields(&mut self, owner: &str, fields: &spec::Map<spec::Field>) -> Vec<FieldDecl> {
        let mut scope = Scope::new(format!("fields of `{owner}`"));
        let mut methods = scopes::type_methods(owner);
        fields
            .iter()
            .map(|(wire, field)| {
                let rust = self.name(field.rust.as_ref(), snake(&wire.value), false);
                let loc = self.loc(wire);
                self.claim(&mut scope, &rust, &wire.value, &loc);
                let setter = if field.optional {
                    let origin = format!("{} (its setter)", wire.value);
                    self.allocate(
                        &mut [&mut methods],
                        None,
                        (rust.clone(), Kind::Snake),
                        &origin,
                        &loc,
                    )
                } else {
                    rust.clone()
                };
                // An optional nullable field has a second setter, of `null`.
                let clear = (field.optional && field.nullable).then(|| {
                    let base = format!("clear_{}", crate::naming::unraw(&setter));
                    let origin = format!("{} (its setter of null)", wire.value);
                    self.allocate(
                        &mut [&mut methods],
                        None,
                        (base, Kind::Snake),
                        &origin,
                        &loc,
                    )
                });
                FieldDecl {
                    wire: wire.value.clone(),
                    rust,
                    setter,
                    clear,
                    ty: self.type_ref(&field.ty),
                    optional: field.optional,
                    nullable: field.nullable,
                    boxed: false,
                    doc: Doc::from_option(field.doc.as_deref()),
                }
            })
            .collect()
    }

    fn resource(
        &mut self,
        name: &S<String>,
        res: &spec::Resource,
        parent: &Parent<'_>,
        accessors: &mut Scope,
        handles: &mut Scope,
        client_params: &[String],
    ) -> Resource {
        let ResourceNames {
            path,
            segments,
            accessor,
            rust,
        } = self.resource_names(name, res, parent, (accessors, handles));
        if res.methods.is_empty() && res.resources.is_empty() {
            let loc = self.loc(name);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("the resource `{path}` has no methods and no resources"),
                )
                .help("add a method under `methods:`, or remove the resource"),
            );
        }
        let mut members = scopes::handle_methods(&path);
        let here = Parent {
            path: &path,
            segments: &segments,
        };
        let children = res
            .resources
            .iter()
            .map(|(child, child_res)| {
                self.resource(
                    child,
                    child_res,
                    &here,
                    &mut members,
                    handles,
                    client_params,
                )
            })
            .collect();
        let methods = res
            .methods
            .iter()
            .map(|(method_name, method)| {
                let loc = self.loc(method_name);
                let rust_method = self.allocate(
                    &mut [&mut members],
                    method.rust.as_ref(),
                    (snake(&method_name.value), Kind::Snake),
                    &method_name.value,
                    &loc,
                );
                self.method(
                    &rust,
                    &path,
                    method_name,
                    rust_method,
                    method,
                    client_params,
                )
            })
            .collect();
        Resource {
            accessor,
            rust,
            path,
            doc: Doc::from_option(res.doc.as_deref()),
            children,
            methods,
        }
    }

    /// The names of a resource: its dotted path, its accessor (in the parent's `accessors`)
    /// and its handle type (among the `handles`), named after the path with the Rust names
    /// given with `rust:` in it.
    fn resource_names(
        &mut self,
        name: &S<String>,
        res: &spec::Resource,
        parent: &Parent<'_>,
        (accessors, handles): (&mut Scope, &mut Scope),
    ) -> ResourceNames {
        let loc = self.loc(name);
        let join = |parent: &str, segment: &str, sep: char| {
            if parent.is_empty() {
                segment.to_owned()
            } else {
                format!("{parent}{sep}{segment}")
            }
        };
        let path = join(parent.path, &name.value, '.');
        let reported = self.errors.len();
        let accessor = self.allocate(
            &mut [accessors],
            res.rust.as_ref(),
            (snake(&name.value), Kind::Snake),
            &path,
            &loc,
        );
        let segment = match &res.rust {
            Some(_) => unraw(&accessor).to_owned(),
            None => name.value.clone(),
        };
        let segments = join(parent.segments, &segment, '_');
        // Named like another resource's accessor, the handle would be too: reported once.
        let mut unrelated = Scope::new("");
        let handles = if self.errors.len() > reported {
            &mut unrelated
        } else {
            handles
        };
        let rust = self.allocate(
            &mut [handles],
            None,
            (camel(&segments), Kind::Handle),
            &path,
            &loc,
        );
        ResourceNames {
            path,
            segments,
            accessor,
            rust,
        }
    }

    /// Reports `name` unless it is a valid HTTP header name (an RFC 9110 token).
    fn check_header_name(&mut self, name: &S<String>) {
        let valid = !name.value.is_empty()
            && name
                .value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            let loc = self.loc(name);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{}` is not a valid HTTP header name", name.value),
                )
                .help("use letters, digits and `-`, e.g. `X-Auth-Token`"),
            );
        }
    }

    /// Whether a value of `ty` can be sent as text (a path segment, a query value, a header).
    fn is_text(&self, ty: &TypeRef, allow_list: bool) -> bool {
        match ty {
            TypeRef::Json | TypeRef::Map(_) | TypeRef::Nullable(_) => false,
            TypeRef::List(inner) => allow_list && self.is_text(inner, false),
            TypeRef::Named(name) => self.enums.contains(name),
            _ => true,
        }
    }

    fn input(
        &mut self,
        wire: &S<String>,
        param: &spec::Param,
        kind: InputKind,
        required: bool,
    ) -> Input {
        let input = self.make_input(wire, param, kind, required);
        if param.nullable && (input.kind != InputKind::BodyField || required || param.positional) {
            let loc = self.loc(wire);
            self.report(
                Diagnostic::new(loc, format!("`{}` cannot be nullable here", wire.value))
                    .help("only optional, non-positional body fields can be sent as `null`"),
            );
        }
        if let Some(secret) = &param.secret
            && input.kind != InputKind::Header
        {
            let loc = self.loc(secret);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{}` cannot be secret: it is not a header", wire.value),
                )
                .help("only parameters under `headers:` can be `secret`; remove `secret:`"),
            );
        }
        let (what, allow_list) = match input.kind {
            InputKind::Path => ("a path parameter", false),
            InputKind::Query => ("a query parameter", true),
            InputKind::Header => ("a header", true),
            InputKind::BodyField | InputKind::Body => return input,
        };
        if !self.is_text(&input.ty, allow_list) {
            let loc = self.loc(&param.ty);
            let lists = if allow_list {
                ", or a list of them"
            } else {
                ""
            };
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "`{}` cannot be sent as {what}: its type `{}` is not text",
                        wire.value, param.ty.value
                    ),
                )
                .help(format!(
                    "use a scalar type or an enum{lists}; send structured values in the body"
                )),
            );
        }
        if input.kind == InputKind::Header {
            self.check_header_name(wire);
        }
        input
    }

    /// A method argument, named in the method's `arguments`: a derived name the generator
    /// reserves there (`params`, `body`) gets a `_`.
    fn argument(
        &mut self,
        mut input: Input,
        param: &spec::Param,
        arguments: &mut Scope,
        loc: &Loc,
    ) -> Input {
        if param.rust.is_none() {
            input.rust = derived(&[arguments], &input.rust, Kind::Snake);
        }
        self.claim(arguments, &input.rust, &input.wire, loc);
        input
    }

    /// A field of a parameters struct, named among its `fields`, with its setter (and clearing
    /// setter) among its `methods`.
    fn params_field(
        &mut self,
        mut input: Input,
        (fields, methods): (&mut Scope, &mut Scope),
        loc: &Loc,
    ) -> Input {
        self.claim(fields, &input.rust, &input.wire, loc);
        if input.required {
            return input;
        }
        let origin = format!("{} (its setter)", input.wire);
        input.setter = derived(&[methods], &input.rust, Kind::Snake);
        self.claim(methods, &input.setter, &origin, loc);
        if input.nullable {
            let clear = format!("clear_{}", unraw(&input.rust));
            let origin = format!("{} (its clearing setter)", input.wire);
            self.claim(methods, &clear, &origin, loc);
        }
        input
    }

    fn make_input(
        &mut self,
        wire: &S<String>,
        param: &spec::Param,
        kind: InputKind,
        required: bool,
    ) -> Input {
        let rust = self.name(param.rust.as_ref(), snake(&wire.value), false);
        Input {
            wire: wire.value.clone(),
            setter: rust.clone(),
            rust,
            ty: self.type_ref(&param.ty),
            required,
            nullable: param.nullable,
            kind,
            secret: param.secret.as_ref().is_some_and(|s| s.value),
            doc: Doc::from_option(param.doc.as_deref()),
        }
    }

    /// A path is text, sent percent-encoded (`/v1/café` as `/v1/caf%C3%A9`): what cannot be
    /// meant as text is refused (a query or fragment, an already encoded `%XX`, a `.` or `..`
    /// segment, which the URL parser would remove, a control character).
    fn check_path_text(&mut self, path: &S<String>) {
        let text = &path.value;
        let problem = if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
            Some((
                format!("path `{text}` holds `{c}`, which would end the path"),
                "declare query parameters under `query:`; the path is only the path",
            ))
        } else if text.contains('%') {
            Some((
                format!("path `{text}` holds `%`"),
                "write the path as text (`/v1/café`, not `/v1/caf%C3%A9`); the client encodes it",
            ))
        } else if text.chars().any(char::is_control) {
            Some((
                format!("path {text:?} holds a control character"),
                "remove it; a path is printable text",
            ))
        } else if text.split('/').any(|s| s == "." || s == "..") {
            Some((
                format!("path `{text}` has a `.` or `..` segment, which URL parsing removes"),
                "write the path without it, as the server sees it",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            let loc = self.loc(path);
            self.report(Diagnostic::new(loc, message).help(help));
        }
    }

    fn method(
        &mut self,
        handle: &str,
        resource_path: &str,
        name: &S<String>,
        rust: String,
        m: &spec::Method,
        client_params: &[String],
    ) -> Method {
        let origin = format!("{resource_path}.{}", name.value);
        let path_loc = self.loc(&m.path);
        if !m.path.value.starts_with('/') {
            self.report(
                Diagnostic::new(
                    path_loc.clone(),
                    format!("path `{}` does not start with `/`", m.path.value),
                )
                .help("write the path from the root, e.g. `/v1/vms/{vm_id}`"),
            );
        }
        self.check_path_text(&m.path);
        let template = placeholders(&m.path.value);
        let mut args = Vec::new();
        let mut fields = Vec::new();
        let mut arg_names = scopes::method_arguments(&origin);
        let mut field_names = Scope::new(format!("fields of the parameters of `{origin}`"));
        let mut setters = scopes::params_methods(&origin);

        for (wire, param) in &m.path_params {
            let loc = self.loc(wire);
            if !template.contains(&wire.value) {
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!(
                            "path parameter `{}` is not in the path `{}`",
                            wire.value, m.path.value
                        ),
                    )
                    .help(format!(
                        "add `{{{}}}` to the path, or remove the parameter",
                        wire.value
                    )),
                );
            }
            if client_params.contains(&wire.value) {
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!(
                            "`{}` is a client parameter; it cannot also be a method parameter",
                            wire.value
                        ),
                    )
                    .help("remove it from `path_params:`; the client fills it in"),
                );
            }
            let input = self.input(wire, param, InputKind::Path, true);
            args.push(self.argument(input, param, &mut arg_names, &loc));
        }
        let mut client_path_params = Vec::new();
        for placeholder in &template {
            if client_params.contains(placeholder) {
                client_path_params.push(placeholder.clone());
            } else if !m.path_params.keys().any(|k| &k.value == placeholder) {
                self.report(
                    Diagnostic::new(
                        path_loc.clone(),
                        format!("path placeholder `{{{placeholder}}}` is not declared"),
                    )
                    .help(format!(
                        "{}declare it under `path_params:` as `{placeholder}: {{type: string}}`",
                        crate::diag::did_you_mean(
                            placeholder,
                            m.path_params.keys().map(|k| k.value.as_str())
                        )
                    )),
                );
            }
        }

        let mut others: Vec<(&S<String>, &spec::Param, InputKind)> = Vec::new();
        others.extend(m.query.iter().map(|(k, p)| (k, p, InputKind::Query)));
        others.extend(m.headers.iter().map(|(k, p)| (k, p, InputKind::Header)));
        let mut wrap = None;
        if m.body.is_some() && matches!(m.method.value, spec::HttpMethod::GET) {
            let loc = self.loc(&m.method);
            self.report(
                Diagnostic::new(loc, format!("`{origin}` is a GET with a body"))
                    .help("GET requests carry no body: send the values as `query:` parameters"),
            );
        }
        if let Some(body) = &m.body {
            wrap = body.wrap.clone();
            match (&body.ty, &body.fields) {
                (Some(ty), None) => {
                    // `body` is reserved among the arguments: no input can take it.
                    args.push(Input {
                        wire: "body".into(),
                        rust: "body".into(),
                        setter: "body".into(),
                        ty: self.type_ref(ty),
                        required: true,
                        nullable: false,
                        kind: InputKind::Body,
                        secret: false,
                        doc: Some(Doc::trusted("The request body.")),
                    });
                }
                (None, Some(body_fields)) => {
                    others.extend(
                        body_fields
                            .iter()
                            .map(|(k, p)| (k, p, InputKind::BodyField)),
                    );
                }
                (None, None) if wrap.is_some() => {}
                _ => {
                    self.report(
                        Diagnostic::new(
                            path_loc.clone(),
                            format!(
                                "the body of `{origin}` needs exactly one of `type:` and `fields:`"
                            ),
                        )
                        .help("name a type with `type:`, or list inline `fields:`"),
                    );
                }
            }
        }
        for (wire, param, kind) in others {
            let loc = self.loc(wire);
            let input = self.input(wire, param, kind, param.required);
            if param.positional {
                args.push(self.argument(input, param, &mut arg_names, &loc));
            } else {
                let scopes = (&mut field_names, &mut setters);
                fields.push(self.params_field(input, scopes, &loc));
            }
        }

        let params = if fields.is_empty() {
            if let Some(given) = &m.params_name {
                let loc = self.loc(given);
                self.report(
                    Diagnostic::new(
                        loc,
                        "`params_name` is given but the method has no parameters struct",
                    )
                    .help("remove `params_name:`"),
                );
            }
            None
        } else {
            let base = format!("{handle}{}Params", camel(&name.value));
            let rust_name = match &m.params_name {
                Some(_) => self.name(m.params_name.as_ref(), base, true),
                None => derived(&[&self.items], &base, Kind::Type),
            };
            let loc = m
                .params_name
                .as_ref()
                .map_or_else(|| self.loc(name), |n| self.loc(n));
            let origin = format!("parameters of {origin}");
            if let Err(d) = self
                .items
                .claim_with(&rust_name, &origin, &loc, "`params_name:`")
            {
                self.report(d);
            }
            Some(ParamsStruct {
                rust: rust_name,
                fields,
            })
        };

        let response = match (&m.pagination, &m.response) {
            (Some(_), Some(response)) => {
                let loc = self.loc(response);
                self.report(
                    Diagnostic::new(loc, "a paginated method's response is the page; `response:` cannot be given too")
                        .help("remove `response:`; `pagination.item` names the item type"),
                );
                Response::Empty
            }
            (Some(page), None) => {
                let item = self.type_ref(&page.item);
                self.paginated(m, page, item)
            }
            (None, Some(response)) => Response::Json(self.type_ref(response)),
            (None, None) => Response::Empty,
        };

        Method {
            name: name.value.clone(),
            rust,
            doc: Doc::from_option(m.doc.as_deref()),
            http: match m.method.value {
                spec::HttpMethod::GET => HttpMethod::Get,
                spec::HttpMethod::POST => HttpMethod::Post,
                spec::HttpMethod::PUT => HttpMethod::Put,
                spec::HttpMethod::PATCH => HttpMethod::Patch,
                spec::HttpMethod::DELETE => HttpMethod::Delete,
            },
            path: m.path.value.clone(),
            client_path_params,
            args,
            params,
            wrap,
            idempotency_header: m.idempotency_key.as_ref().map(|h| {
                self.check_header_name(h);
                h.value.clone()
            }),
            idempotency_prefix: self.idempotency_prefix(&origin, m),
            idempotent: self.idempotent(&origin, m),
            response,
        }
    }

    /// The prefix of the method's generated idempotency keys: its own, else the API's, else
    /// none. It must be header text (visible ASCII), and a method's own needs an
    /// `idempotency_key`.
    fn idempotency_prefix(&mut self, origin: &str, m: &spec::Method) -> String {
        if let (Some(own), None) = (&m.idempotency_key_prefix, &m.idempotency_key) {
            let loc = self.loc(own);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{origin}` has an `idempotency_key_prefix` but no `idempotency_key`"),
                )
                .help("name the header with `idempotency_key:`, or remove the prefix"),
            );
        }
        let api = self.file.api.idempotency_key_prefix.as_ref();
        let Some(given) = m.idempotency_key_prefix.as_ref().or(api) else {
            return String::new();
        };
        if !given.value.bytes().all(|b| b.is_ascii_graphic()) {
            let loc = self.loc(given);
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "the idempotency key prefix {:?} is not header text",
                        given.value
                    ),
                )
                .help("use visible ASCII characters without spaces, e.g. `sdk-`"),
            );
        }
        given.value.clone()
    }

    /// Whether the spec marks the method `idempotent`; reported on a method that is idempotent
    /// already, by its HTTP method or its idempotency key.
    fn idempotent(&mut self, origin: &str, m: &spec::Method) -> bool {
        let Some(given) = &m.idempotent else {
            return false;
        };
        let loc = self.loc(given);
        let verb = match m.method.value {
            spec::HttpMethod::GET => Some("GET"),
            spec::HttpMethod::PUT => Some("PUT"),
            spec::HttpMethod::DELETE => Some("DELETE"),
            spec::HttpMethod::POST | spec::HttpMethod::PATCH => None,
        };
        if let Some(verb) = verb {
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{origin}` is a {verb}, which is idempotent already"),
                )
                .help("remove `idempotent:`; it is for a POST or PATCH that is safe to send twice"),
            );
            return false;
        }
        if let Some(key) = &m.idempotency_key {
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "`{origin}` is idempotent already: every attempt carries its `{}` key",
                        key.value
                    ),
                )
                .help("remove `idempotent:`, or `idempotency_key:` if the API takes no key"),
            );
            return false;
        }
        given.value
    }
}

impl Resolver<'_> {
    /// The query parameter `given` (or `default`), reported unless the method declares it.
    fn page_param(
        &mut self,
        m: &spec::Method,
        page: &spec::Pagination,
        given: Option<&S<String>>,
        default: &str,
        what: &str,
    ) -> String {
        let name = given.map_or_else(|| default.to_owned(), |g| g.value.clone());
        if !m.query.keys().any(|k| k.value == name) {
            let loc = given.map_or_else(|| self.loc(&page.style), |g| self.loc(g));
            self.report(
                Diagnostic::new(loc, format!("{what} needs the query parameter `{name}`"))
                    .help(format!("declare `{name}` under `query:`")),
            );
        }
        name
    }

    /// Reports a marker-paginated item type without the field the next marker comes from.
    fn check_marker_field(&mut self, page: &spec::Pagination, item: &TypeRef, field: &str) {
        let loc = self.loc(&page.item);
        let fields = match item {
            TypeRef::Named(rust) => self.file.api.types.iter().find_map(|(name, def)| {
                (self.named.get(&name.value) == Some(rust))
                    .then_some(def.fields.as_ref())
                    .flatten()
            }),
            _ => None,
        };
        let Some(fields) = fields else {
            self.report(
                Diagnostic::new(loc, "marker pagination needs an object item type")
                    .help("the next marker is a field of the last item: name an object type"),
            );
            return;
        };
        if !fields.keys().any(|k| k.value == field) {
            let names: Vec<&str> = fields.keys().map(|k| k.value.as_str()).collect();
            self.report(
                Diagnostic::new(
                    loc,
                    format!("the item type has no field `{field}` to take the next marker from"),
                )
                .help(format!(
                    "{}set `marker_field:` to the item's id field",
                    crate::diag::did_you_mean(field, names.iter().copied())
                )),
            );
        }
    }

    /// The response of a paginated method.
    fn paginated(&mut self, m: &spec::Method, page: &spec::Pagination, item: TypeRef) -> Response {
        let items = || page.items.clone().unwrap_or_else(|| "items".to_owned());
        match page.style.value {
            spec::PageStyle::Cursor => {
                let cursor_param = self.page_param(
                    m,
                    page,
                    page.cursor_param.as_ref(),
                    "cursor",
                    "cursor pagination",
                );
                Response::CursorPage { item, cursor_param }
            }
            spec::PageStyle::PageNumber => {
                let page_param = self.page_param(
                    m,
                    page,
                    page.page_param.as_ref(),
                    "page",
                    "page-number pagination",
                );
                let limit_param = self.page_param(
                    m,
                    page,
                    page.limit_param.as_ref(),
                    "limit",
                    "page-number pagination",
                );
                Response::List {
                    item,
                    paging: ListPaging::PageNumber {
                        items: items(),
                        page_param,
                        limit_param,
                        total: page.total.clone(),
                    },
                }
            }
            spec::PageStyle::Marker => {
                let marker_field = page.marker_field.clone().unwrap_or_else(|| "id".to_owned());
                self.check_marker_field(page, &item, &marker_field);
                let marker_param = self.page_param(
                    m,
                    page,
                    page.marker_param.as_ref(),
                    "marker",
                    "marker pagination",
                );
                let limit_param = self.page_param(
                    m,
                    page,
                    page.limit_param.as_ref(),
                    "limit",
                    "marker pagination",
                );
                Response::List {
                    item,
                    paging: ListPaging::Marker {
                        items: items(),
                        marker_param,
                        marker_field,
                        limit_param,
                        links: page.links.clone(),
                    },
                }
            }
        }
    }
}

/// The method at `resource_path` (dotted spec path) named `method` in the spec, collecting
/// the accessor names that lead to it.
fn find_method<'r>(
    resources: &'r [Resource],
    resource_path: &str,
    method: &str,
    accessors: &mut Vec<String>,
) -> Option<&'r Method> {
    for resource in resources {
        if resource_path == resource.path
            || resource_path.starts_with(&format!("{}.", resource.path))
        {
            accessors.push(resource.accessor.clone());
            if resource.path == resource_path {
                return resource.methods.iter().find(|m| m.name == method);
            }
            return find_method(&resource.children, resource_path, method, accessors);
        }
    }
    None
}

/// Every method as `resource.path.method`, for hints.
fn method_paths(resources: &[Resource], into: &mut Vec<String>) {
    for resource in resources {
        for method in &resource.methods {
            into.push(format!("{}.{}", resource.path, method.name));
        }
        method_paths(&resource.children, into);
    }
}

/// The variant names of a union's members: each member's short name (`String`, `Integer`),
/// or where two members share one, their precise names (`Int32`, `Int64`), numbered if even
/// those are shared. Derived from the members alone, so they never collide.
fn union_variant_names(members: &[TypeRef]) -> Vec<String> {
    let short: Vec<String> = members.iter().map(TypeRef::variant_name).collect();
    let mut names: Vec<String> = members
        .iter()
        .zip(&short)
        .map(|(ty, name)| {
            if short.iter().filter(|n| *n == name).count() > 1 {
                ty.precise_variant_name()
            } else {
                name.clone()
            }
        })
        .collect();
    let mut taken = HashSet::new();
    for name in &mut names {
        let base = name.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            *name = format!("{base}{n}");
            n += 1;
        }
    }
    names
}

/// The `{placeholder}` names in a template, in order.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        names.insert(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    names
}

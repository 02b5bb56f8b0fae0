//! Spec to model: checks every reference and constraint, allocates every Rust name, and
//! collects all problems rather than stopping at the first.

use super::*;
use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::naming::{Kind, Scope, camel, check_given, derived, scopes, snake, unraw};
use crate::spec::{self, S, SpecFile};
use std::collections::{BTreeSet, HashMap, HashSet};

mod client;
mod methods;
mod pagination;
mod resources;
mod types;
mod waiters;

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
    /// The vendor's operation names given so far, with the method that gave each.
    operations: HashMap<String, String>,
}

/// Validates and resolves a spec into the model.
pub fn resolve(file: &SpecFile) -> Result<Api, Diagnostics> {
    let mut r = Resolver {
        file,
        errors: Vec::new(),
        named: HashMap::new(),
        enums: HashSet::new(),
        int_enums: HashSet::new(),
        operations: HashMap::new(),
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

    /// A `format:` of string values of type `ty` (through lists, maps and `?`): a name of
    /// lowercase letters, digits, `-` and `_`, on a string type.
    fn format(&mut self, format: Option<&S<String>>, ty: &TypeRef) -> Option<String> {
        let format = format?;
        let mut inner = ty;
        while let TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Nullable(t) = inner {
            inner = t;
        }
        let name = &format.value;
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        let loc = self.loc(format);
        if !valid {
            self.report(
                Diagnostic::new(loc, format!("`{name}` is not a format name"))
                    .help("a format is lowercase letters, digits, `-` and `_`: `uuid`, `ipv4`, `uri`, `email`..."),
            );
            return None;
        }
        if *inner != TypeRef::String {
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`format: {name}` is for strings, and this is not one"),
                )
                .help("give `format:` on `string` (or a list or map of them), or remove it"),
            );
            return None;
        }
        Some(name.clone())
    }

    /// A `pattern:` of string values of type `ty` (through lists, maps and `?`).
    fn pattern(&mut self, pattern: Option<&S<String>>, ty: &TypeRef) -> Option<String> {
        let pattern = pattern?;
        let mut inner = ty;
        while let TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Nullable(t) = inner {
            inner = t;
        }
        if *inner != TypeRef::String {
            let loc = self.loc(pattern);
            self.report(
                Diagnostic::new(loc, "`pattern:` is for strings, and this is not one")
                    .help("give `pattern:` on `string` (or a list or map of them), or remove it"),
            );
            return None;
        }
        Some(pattern.value.clone())
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
        let mut accessors = scopes::client_methods();
        let (url_params, client_params, auth) = self.client_side(&mut accessors);
        self.declare_types();
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
        let top = Parent {
            path: "",
            segments: "",
        };
        let resources = spec
            .resources
            .iter()
            .map(|(name, res)| {
                let scopes = (&mut accessors, &mut handles);
                self.resource(name, res, &top, scopes, &client_names)
            })
            .collect::<Vec<_>>();
        let resources = self.resource_modules(resources);
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
            owners: std::collections::BTreeMap::new(),
            requests: BTreeSet::new(),
            unprocessed_statuses: self.unprocessed_statuses(&spec.unprocessed_statuses),
            krate: super::Krate::default(),
        };
        api.owners = super::features::owners(&api);
        api.requests = api.request_types();
        if spec.resource_features {
            api.features = Some(self.features(&api));
        }
        api
    }

    /// Names the module of each top-level resource after its accessor; one named like a module
    /// every API module has (`client`, `types`...) gets `_` (`client_`).
    fn resource_modules(&mut self, mut resources: Vec<Resource>) -> Vec<Resource> {
        let mut modules = scopes::api_modules();
        let mut accessors = HashSet::new();
        for (resource, (name, _)) in resources.iter_mut().zip(&self.file.api.resources) {
            let loc = self.loc(name);
            let module = derived(&[&modules], &resource.accessor, Kind::Snake);
            // Two resources with one accessor are reported there already.
            if accessors.insert(resource.accessor.clone()) {
                let origin = format!("{} (its module)", name.value);
                self.claim(&mut modules, &module, &origin, &loc);
            }
            resource.module = module;
        }
        resources
    }

    /// The values set on the client: base URL variables and client parameters (each with a
    /// builder setter; a client parameter also has a getter among `accessors` and a local in
    /// `ClientBuilder::build`), and the auth schemes. Every base URL placeholder must be a
    /// declared URL parameter.
    fn client_side(
        &mut self,
        accessors: &mut Scope,
    ) -> (Vec<ClientValue>, Vec<ClientValue>, Vec<AuthScheme>) {
        let spec = &self.file.api;
        let mut builder = scopes::builder();
        let url_params = self.client_values(&spec.url_params, &mut [&mut builder]);
        let mut locals = scopes::build_locals();
        let client_params = self.client_values(
            &spec.client_params,
            &mut [&mut builder, accessors, &mut locals],
        );
        let auth = self.auth(&spec.auth, &mut builder);
        for name in &placeholders(&spec.base_url.value) {
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
        (url_params, client_params, auth)
    }

    /// Allocates every type's Rust name before any type is resolved, so that fields can refer
    /// to types declared later.
    fn declare_types(&mut self) {
        for (name, def) in &self.file.api.types {
            let loc = self.loc(name);
            let keyword = ["bytes", "text"].contains(&name.value.as_str());
            if keyword || super::typeref::SCALARS.contains(&name.value.as_str()) {
                let (what, help) = if keyword {
                    (
                        "`response:` reads it as the body as it came",
                        "rename the type (`rust:` does not help: the spec name is what \
                         `response:` reads)",
                    )
                } else {
                    (
                        "type expressions read it as the scalar",
                        "rename the type; a field or parameter naming it gets the scalar",
                    )
                };
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!("a type cannot be named `{}`: {what}", name.value),
                    )
                    .help(help),
                );
            }
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

//! Waiters: the waited and polled types, the poll method (found by its spec name), the state
//! field and its values.

use super::*;

impl Resolver<'_> {
    /// The fields of the object type `rust`, or a diagnostic at `loc`.
    pub(super) fn object_fields<'t>(
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

    /// The waiter keyed by type `name`: its id field, the method it polls and the polled
    /// type's state field, each checked; `None` (reported) if any is missing or unfit.
    pub(super) fn waiter(
        &mut self,
        name: &S<String>,
        waiter: &spec::Waiter,
        types: &[TypeDecl],
        resources: &[Resource],
    ) -> Option<Waiter> {
        let (waited, id_field) = self.waited_id(name, waiter, types)?;
        let (method, poll_resource, polled) = self.poll_method(waiter, resources)?;
        let poll_loc = self.loc(&waiter.poll);
        let polled_fields = self.object_fields(types, &polled, &poll_loc, "polled type")?;
        let (state_field, known) = self.state_field(waiter, &polled, polled_fields, types)?;
        let success = self.states(name, &waiter.success, "success", known.as_deref());
        let failure = self.states(name, &waiter.failure, "failure", known.as_deref());
        Some(Waiter {
            waited,
            id_field,
            poll_resource,
            poll_method: method.rust.clone(),
            poll_route: format!("{} {}", method.http.as_str(), method.path),
            polled,
            state_field,
            success,
            failure,
            initial_delay_ms: waiter.initial_delay_ms.unwrap_or(1000),
            multiplier: waiter.multiplier.unwrap_or(1.5),
            max_delay_ms: waiter.max_delay_ms.unwrap_or(10_000),
            timeout_s: waiter.timeout_s.unwrap_or(600),
        })
    }

    /// The waited type (Rust name) and its field holding the id, which must be a required
    /// string.
    fn waited_id(
        &mut self,
        name: &S<String>,
        waiter: &spec::Waiter,
        types: &[TypeDecl],
    ) -> Option<(String, String)> {
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
        let problem = match waited_fields.iter().find(|f| f.wire == waiter.id.value) {
            Some(f) if f.ty == TypeRef::String && !f.optional && !f.nullable => {
                return Some((waited, f.rust.clone()));
            }
            Some(_) => format!(
                "`{}` must be a required string field to poll with",
                waiter.id.value
            ),
            None => format!("`{waited}` has no field `{}`", waiter.id.value),
        };
        self.report(
            Diagnostic::new(id_loc, problem)
                .help("name the field that holds the id the poll method takes"),
        );
        None
    }

    /// The method `waiter.poll` names (`resource.path.method`), the accessors leading to it,
    /// and the type it returns; it must take only the id.
    fn poll_method<'r>(
        &mut self,
        waiter: &spec::Waiter,
        resources: &'r [Resource],
    ) -> Option<(&'r Method, Vec<String>, String)> {
        let poll_loc = self.loc(&waiter.poll);
        let (resource_path, method_name) = waiter
            .poll
            .value
            .rsplit_once('.')
            .unwrap_or(("", &waiter.poll.value));
        let mut accessors = Vec::new();
        let Some(method) = find_method(resources, resource_path, method_name, &mut accessors)
        else {
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
        match (&method.response, method.args.as_slice(), &method.params) {
            (Response::Json(TypeRef::Named(polled)), [arg], None)
                if arg.ty == TypeRef::String && arg.kind != InputKind::RawBody =>
            {
                Some((method, accessors, polled.clone()))
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
                None
            }
        }
    }

    /// The polled type's state field (Rust name), which must be a required string or string
    /// enum, and the enum's values if it is one.
    fn state_field(
        &mut self,
        waiter: &spec::Waiter,
        polled: &str,
        polled_fields: &[FieldDecl],
        types: &[TypeDecl],
    ) -> Option<(String, Option<Vec<String>>)> {
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
        let known = match &state.ty {
            TypeRef::String => Some(None),
            TypeRef::Named(enum_name) => {
                match types.iter().find(|t| &t.rust == enum_name).map(|t| &t.kind) {
                    Some(TypeKind::StringEnum(variants)) => {
                        Some(Some(variants.iter().map(|v| v.value.clone()).collect()))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(known) = known else {
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
        Some((state.rust.clone(), known))
    }

    /// The states of waiter `name` that mean `what` (`success`, `failure`): at least one, each
    /// a value of the state's enum if it has one.
    fn states(
        &mut self,
        name: &S<String>,
        list: &[S<String>],
        what: &str,
        known: Option<&[String]>,
    ) -> Vec<String> {
        if list.is_empty() {
            let loc = self.loc(name);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("waiter `{}` lists no {what} states", name.value),
                )
                .help(format!("list the states that mean {what} under `{what}:`")),
            );
        }
        for value in list {
            if let Some(known) = known
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

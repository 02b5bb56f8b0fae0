//! Resources: their names (accessor, handle type, dotted spec path), their methods and their
//! children, recursively.

use super::*;

impl Resolver<'_> {
    /// The resource `name` under `parent`: its accessor among the parent's `accessors`, its
    /// handle type among the `handles`, and its methods and children.
    pub(super) fn resource(
        &mut self,
        name: &S<String>,
        res: &spec::Resource,
        parent: &Parent<'_>,
        (accessors, handles): (&mut Scope, &mut Scope),
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
                let scopes = (&mut members, &mut *handles);
                self.resource(child, child_res, &here, scopes, client_params)
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
            module: String::new(),
        }
    }

    /// The names of a resource: its dotted path, its accessor (in the parent's `accessors`)
    /// and its handle type (among the `handles`), named after the path with the Rust names
    /// given with `rust:` in it.
    pub(super) fn resource_names(
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
}

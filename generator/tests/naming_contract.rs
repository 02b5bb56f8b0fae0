//! The naming contract (`generator/src/naming.rs`), held to the code the emitters write: every
//! name a generated file defines or imports next to spec names is one the naming module
//! reserves in that scope, so no spec name can take it. Adding an item to an emitter without
//! reserving its name fails here, not in a user's build.

use generator::SpecSource;
use generator::naming::{Scope, scopes};
use std::collections::BTreeMap;

/// The generated crate for one spec (`fixtures/<name>.yaml`), by path.
fn generate(name: &str) -> BTreeMap<String, String> {
    let file = format!("{}/tests/fixtures/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let source = SpecSource {
        path: format!("fixtures/{name}.yaml"),
        text,
    };
    generator::generate(&[source]).unwrap_or_else(|e| panic!("{e}"))
}

fn parse(path: &str, text: &str) -> syn::File {
    syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every name a `use` item brings into scope, with the path it comes from (`super::Call`).
fn imports(tree: &syn::UseTree, prefix: String, into: &mut Vec<(String, String)>) {
    match tree {
        syn::UseTree::Path(p) => imports(&p.tree, format!("{prefix}{}::", p.ident), into),
        syn::UseTree::Name(n) => into.push((n.ident.to_string(), format!("{prefix}{}", n.ident))),
        syn::UseTree::Rename(r) => {
            into.push((r.rename.to_string(), format!("{prefix}{}", r.ident)))
        }
        syn::UseTree::Glob(_) => into.push(("*".into(), format!("{prefix}*"))),
        syn::UseTree::Group(g) => g
            .items
            .iter()
            .for_each(|t| imports(t, prefix.clone(), into)),
    }
}

/// Files that hold spec names import only the API module's items (`super::X`, or
/// `crate::<api>::X` in a resource's module; the test support's `super::support::*`), modules (lower case) and traits as `_`: nothing a spec
/// name could meet. `client.rs` holds no spec name and may import anything.
#[test]
fn files_with_spec_names_import_only_module_items_and_modules() {
    for fixture in ["std_names", "edge_names", "waiter_job", "list_pagination"] {
        for (path, text) in generate(fixture) {
            let in_api = path.starts_with("src/") && !path.starts_with("src/runtime/");
            // `mod.rs` re-exports (`module_reexports_are_reserved`); `lib.rs` holds modules.
            // An API module's `resources.rs` only re-exports each resource's handles.
            let reexports = path.matches('/').count() == 2 && path.ends_with("/resources.rs");
            let own = path.ends_with("/client.rs") || path.ends_with("/mod.rs") || reexports;
            let checked = (in_api && !own && path != "src/lib.rs") || path.starts_with("tests/");
            if !checked || !path.ends_with(".rs") {
                continue;
            }
            for item in parse(&path, &text).items {
                let syn::Item::Use(u) = item else { continue };
                let mut names = Vec::new();
                imports(&u.tree, String::new(), &mut names);
                // A resource's module imports them through the API module's path.
                let api = format!("crate::{fixture}::");
                for (name, from) in names {
                    let item_of = |prefix: &str| {
                        from.strip_prefix(prefix)
                            .is_some_and(|rest| !rest.contains("::"))
                    };
                    let module_item = item_of("super::") || item_of(&api);
                    let lower = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                    let allowed = module_item
                        || lower
                        || name == "_"
                        || from == "super::support::*"
                        || from == "self";
                    assert!(allowed, "{fixture}: {path} imports `{from}` as `{name}`");
                }
            }
        }
    }
}

/// The inherent methods (and fields) of `ty` in `file`.
fn members(file: &syn::File, ty: &str) -> Vec<String> {
    let mut names = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let syn::Type::Path(p) = &*i.self_ty else {
                    continue;
                };
                if p.path.segments.last().is_some_and(|s| s.ident == ty) {
                    for member in &i.items {
                        match member {
                            syn::ImplItem::Fn(f) => names.push(f.sig.ident.to_string()),
                            syn::ImplItem::Const(c) => names.push(c.ident.to_string()),
                            _ => {}
                        }
                    }
                }
            }
            syn::Item::Struct(s) if s.ident == ty => names.extend(
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(|i| i.to_string())),
            ),
            _ => {}
        }
    }
    names
}

/// Asserts that every one of `names` but the `spec` ones is reserved in `scope`.
#[track_caller]
fn assert_reserved(scope: &Scope, what: &str, names: &[String], spec: &[&str]) {
    assert!(!names.is_empty(), "{what}: nothing found");
    for name in names {
        let upper_const = name.chars().all(|c| c.is_ascii_uppercase() || c == '_');
        assert!(
            spec.contains(&name.as_str()) || upper_const || scope.is_reserved(name),
            "{what}: `{name}` is generated but not reserved in naming.rs"
        );
    }
}

/// What `client.rs`, `types.rs`, `params.rs`, `waiters.rs` and the test helpers define is
/// reserved where spec names land beside it. `waiter_job` has an auth setter, no client
/// parameters, a waiter, parameters structs and types callers build.
#[test]
fn generated_members_are_reserved_where_spec_names_land() {
    let files = generate("waiter_job");
    let file = |name: &str| {
        let path = format!("src/waiter_job/{name}.rs");
        parse(&path, &files[&path])
    };
    let client = file("client");
    let builder = members(&client, "ClientBuilder");
    assert_reserved(
        &scopes::builder(),
        "ClientBuilder",
        &builder,
        &["auth_token"],
    );
    let accessors = ["servers", "jobs"];
    let client_members = members(&client, "Client");
    let (fields, methods): (Vec<String>, Vec<String>) = client_members
        .into_iter()
        .partition(|name| name == "transport");
    assert_reserved(&scopes::builder(), "Client's fields", &fields, &[]);
    assert_reserved(&scopes::client_methods(), "Client", &methods, &accessors);

    let waiters = members(&file("waiters"), "JobRef");
    assert_reserved(
        &scopes::type_methods("JobRef"),
        "a waited type",
        &waiters,
        &[],
    );

    let support = "tests/waiter_job_endpoints/support.rs";
    let mut helpers = Vec::new();
    for item in parse(support, &files[support]).items {
        match item {
            syn::Item::Fn(f) => helpers.push(f.sig.ident.to_string()),
            syn::Item::Use(u) => {
                let mut names = Vec::new();
                imports(&u.tree, String::new(), &mut names);
                helpers.extend(names.into_iter().map(|(name, _)| name));
            }
            _ => {}
        }
    }
    assert_reserved(&scopes::tests(), "test helpers", &helpers, &[]);

    // Constructors of types and parameters structs, in whichever module holds them.
    let std_names = generate("std_names");
    let defining = |ty: &str| -> syn::File {
        std_names
            .iter()
            .filter(|(path, _)| path.starts_with("src/std_names/") && path.ends_with(".rs"))
            .map(|(path, text)| parse(path, text))
            .find(|file| {
                file.items
                    .iter()
                    .any(|item| matches!(item, syn::Item::Struct(s) if s.ident == ty))
            })
            .unwrap_or_else(|| panic!("no file defines `{ty}`"))
    };
    let built = members(&defining("Job"), "Job");
    let setters = ["id", "status", "wait_", "wait_with_"];
    assert_reserved(&scopes::type_methods("Job"), "Job", &built, &setters);
    let params = members(&defining("ThingsSetParams"), "ThingsSetParams");
    let setters = [
        "new",
        "default",
        "clone",
        "add",
        "wait",
        "new_",
        "default_",
        "clone_",
        "add_",
        "clear_wait",
    ];
    assert_reserved(
        &scopes::params_methods("things.set"),
        "params",
        &params,
        &setters,
    );
}

/// What every API module re-exports is reserved among its items.
#[test]
fn module_reexports_are_reserved() {
    let files = generate("std_names");
    let path = "src/std_names/mod.rs";
    let scope = scopes::module_items("std_names");
    for item in parse(path, &files[path]).items {
        let syn::Item::Use(u) = item else { continue };
        let mut names = Vec::new();
        imports(&u.tree, String::new(), &mut names);
        for (name, from) in names {
            assert!(
                name == "*" || scope.is_reserved(&name),
                "{path} re-exports `{from}`, which is not reserved in naming.rs"
            );
        }
    }
}

//! Emits the crate around the API modules: `Cargo.toml` with one feature per API, `lib.rs`,
//! each API's `mod.rs`, and the runtime copied from `generator/runtime/src`.

use super::util::{ident, module_doc};
use crate::doc_text::{code, inline, toml_string};
use crate::model::{Api, Krate};
use proc_macro2::TokenStream;
use quote::quote;

/// The runtime sources, copied verbatim into `src/runtime/`.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    ("call.rs", include_str!("../../runtime/src/call.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("signing.rs", include_str!("../../runtime/src/signing.rs")),
    ("waiter.rs", include_str!("../../runtime/src/waiter.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    (
        "pagination.rs",
        include_str!("../../runtime/src/pagination.rs"),
    ),
    ("redirect.rs", include_str!("../../runtime/src/redirect.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("secret.rs", include_str!("../../runtime/src/secret.rs")),
    ("tagged.rs", include_str!("../../runtime/src/tagged.rs")),
    (
        "transport.rs",
        include_str!("../../runtime/src/transport.rs"),
    ),
    ("types.rs", include_str!("../../runtime/src/types.rs")),
];

/// The generated crate's `Cargo.toml`.
pub fn cargo_toml(krate: &Krate, apis: &[Api]) -> String {
    let names: Vec<String> = apis.iter().map(|a| toml_string(&a.module)).collect();
    let features: String = apis.iter().map(api_features).collect();
    let titles: Vec<&str> = apis.iter().map(|a| a.title.as_str()).collect();
    let description = toml_string(&format!(
        "Rust clients for {}, generated from {}/*.yaml",
        titles.join(" and "),
        krate.spec_dir
    ));
    format!(
        r#"[package]
name = {name}
version = "0.1.0"
description = {description}
edition = {edition}
rust-version = {rust_version}
license = {license}
publish = false

[features]
default = [{default}]
{features}
[dependencies]
{dependencies}
[dev-dependencies]
{dev_dependencies}"#,
        name = toml_string(&krate.name),
        default = names.join(", "),
        edition = package_setting("edition"),
        rust_version = package_setting("rust-version"),
        license = package_setting("license"),
        dependencies = dependencies(),
        dev_dependencies = dev_dependencies(),
    )
}

/// The workspace's manifest: the one place the versions and features of the runtime's
/// dependencies are written.
const WORKSPACE_MANIFEST: &str = include_str!("../../../Cargo.toml");

/// The runtime crate's manifest: which of them the runtime uses, so the generated crate too.
const RUNTIME_MANIFEST: &str = include_str!("../../runtime/Cargo.toml");

/// What the generated tests use besides the runtime's dependencies: the test macros and
/// runtime of tokio, and wiremock.
const TEST_DEPENDENCIES: &[(&str, &[&str])] =
    &[("tokio", &["macros", "rt-multi-thread"]), ("wiremock", &[])];

/// The `key = value` lines of table `[section]` of a manifest, without comments.
pub(crate) fn entries<'a>(manifest: &'a str, section: &str) -> Vec<(&'a str, &'a str)> {
    let header = format!("[{section}]");
    manifest
        .lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), value.trim()))
        .collect()
}

/// The workspace's entry for dependency `name` (`"1"`, `{ version = "1", features = [..] }`).
fn workspace_entry(name: &str) -> &'static str {
    entries(WORKSPACE_MANIFEST, "workspace.dependencies")
        .into_iter()
        .find(|(key, _)| *key == name)
        .map_or("\"*\"", |(_, value)| value)
}

/// The version requirement of a dependency entry (`"1"` of `{ version = "1", .. }`).
fn version_of(entry: &str) -> &str {
    match entry.split_once("version") {
        Some((_, rest)) => rest
            .trim_start_matches([' ', '='])
            .split([',', ' ', '}'])
            .next()
            .unwrap_or(entry),
        None => entry,
    }
}

/// The generated crate's `[dependencies]`: the runtime's, as the workspace declares them.
fn dependencies() -> String {
    let mut names: Vec<&str> = entries(RUNTIME_MANIFEST, "dependencies")
        .into_iter()
        .filter_map(|(key, _)| key.strip_suffix(".workspace"))
        .collect();
    names.sort_unstable();
    names
        .into_iter()
        .map(|name| format!("{name} = {}\n", workspace_entry(name)))
        .collect()
}

/// The workspace's package setting `key` (`edition`, `rust-version`, `license`), as TOML.
fn package_setting(key: &str) -> &'static str {
    entries(WORKSPACE_MANIFEST, "workspace.package")
        .into_iter()
        .find(|(k, _)| *k == key)
        .map_or("\"\"", |(_, value)| value)
}

/// The generated crate's `[dev-dependencies]`, at the workspace's versions.
fn dev_dependencies() -> String {
    TEST_DEPENDENCIES
        .iter()
        .map(|(name, features)| {
            let version = version_of(workspace_entry(name));
            if features.is_empty() {
                format!("{name} = {version}\n")
            } else {
                let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
                format!(
                    "{name} = {{ version = {version}, features = [{}] }}\n",
                    features.join(", ")
                )
            }
        })
        .collect()
}

/// The `[features]` lines of one API: its feature, and with a feature per resource, the
/// client's and each resource's (which turns on the client's and those it needs for waiting).
fn api_features(api: &Api) -> String {
    let Some(features) = &api.features else {
        return format!("{} = []\n", toml_key(&api.module));
    };
    let all: Vec<String> = std::iter::once(&features.base)
        .chain(features.groups.iter().map(|g| &g.feature))
        .map(|f| toml_string(f))
        .collect();
    let mut lines = format!(
        "{} = [{}]\n{} = []\n",
        toml_key(&api.module),
        all.join(", "),
        toml_key(&features.base)
    );
    for group in &features.groups {
        let needs: Vec<String> = std::iter::once(&features.base)
            .chain(&group.requires)
            .map(|f| toml_string(f))
            .collect();
        lines.push_str(&format!(
            "{} = [{}]\n",
            toml_key(&group.feature),
            needs.join(", ")
        ));
    }
    lines
}

/// A TOML key: bare if it can be, else a quoted string.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// The generated crate's `lib.rs`.
pub fn lib_rs(krate: &Krate, apis: &[Api]) -> TokenStream {
    let mut text = format!(
        "Rust clients generated from the API descriptions in `{}/`.\n\nOne module per API, each behind a cargo feature of the same name (all on by default):\n",
        krate.spec_dir
    );
    for api in apis {
        text.push_str(&format!(
            "\n- [`{0}`] (feature `{0}`): the {1}.",
            api.module,
            inline(&api.title)
        ));
        if let Some(features) = &api.features {
            let groups: Vec<String> = features
                .groups
                .iter()
                .map(|g| format!("`{}`", g.feature))
                .collect();
            text.push_str(&format!(
                " It has a feature per resource, so a build can compile only those it uses: \
                 `{}` is the client alone, and {} each add a resource.",
                features.base,
                groups.join(", ")
            ));
        }
    }
    text.push_str(
        "\n\nEvery call returns [`Result`]; [`Error`] tells HTTP status errors (with status, headers \
         and the raw body), timeouts, connection failures and undecodable bodies apart.",
    );
    let docs = module_doc(&text);
    let modules = apis.iter().map(|api| {
        let name = ident(&api.module);
        let feature = api.module_feature();
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #name;
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod runtime;
        #(#modules)*

        pub use runtime::{Error, Result};
        /// The HTTP client underneath, re-exported so its types (`StatusCode`, `HeaderMap`,
        /// `ClientBuilder` for `ClientBuilder::configure_http`) need no separate dependency.
        pub use reqwest;
    }
}

/// An API module's `mod.rs`, given which of its concept files exist and which resource modules
/// have items besides their handles.
pub fn api_mod_rs(api: &Api, files: &[&str], reexported: &[bool]) -> TokenStream {
    let mut text = format!("The {}.", inline(&api.title));
    if let Some(d) = &api.doc {
        text.push_str("\n\n");
        text.push_str(d);
    }
    text.push_str(&format!(
        "\n\nStart with [`Client::builder`] or [`Client::from_env`]. Generated from {}.",
        code(&api.spec_file)
    ));
    let guide = super::guide::guide(api);
    if !guide.is_empty() {
        text.push_str("\n\n");
        text.push_str(&guide);
    }
    let docs = module_doc(&text);
    let private = files
        .iter()
        .filter(|f| **f != "resources" && **f != "client")
        .map(|f| {
            let m = ident(f);
            quote!(mod #m;)
        });
    // Concept files whose items are used by name; `waiters` holds only `impl` blocks.
    let reexports = files
        .iter()
        .filter(|f| !matches!(**f, "resources" | "client" | "waiters"))
        .map(|f| {
            let m = ident(f);
            quote!(pub use #m::*;)
        });
    // A module per top-level resource, its feature named once, on its `mod` line; its types
    // and parameters are used through this module, like the shared ones.
    let resources_modules = api.resources.iter().zip(reexported).map(|(r, items)| {
        let m = ident(&r.module);
        let cfg = super::util::cfg(api.resource_feature(r));
        let reexport = items.then(|| quote!(#cfg pub use #m::*;));
        quote! {
            #cfg
            mod #m;
            #reexport
        }
    });
    // The naming module reserves these names in every API module.
    let runtime = crate::naming::reserved::RUNTIME_REEXPORTS
        .iter()
        .map(|name| ident(name));
    let resources = files.contains(&"resources").then(|| {
        quote!(
            pub mod resources;
        )
    });
    quote! {
        #docs
        mod client;
        #resources
        #(#private)*
        #(#resources_modules)*

        pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
        #(#reexports)*
        pub use crate::runtime::{#(#runtime),*};
    }
}

/// The `mod.rs` of the module of top-level resource `index`, given which of its concept files
/// exist: the handles stay in `resources` (re-exported by the API module's `resources`), the
/// rest is re-exported to the API module.
pub fn resource_mod_rs(api: &Api, index: usize, files: &[&str]) -> TokenStream {
    let resource = &api.resources[index];
    let docs = module_doc(&format!(
        "The {} resource: its handles (in [`resources`](super::resources)), their methods, \
         their parameters and the types only it uses.",
        code(&resource.path)
    ));
    let handles = files.contains(&"resources").then(|| {
        quote!(
            pub(super) mod resources;
        )
    });
    let private = files.iter().filter(|f| **f != "resources").map(|f| {
        let m = ident(f);
        quote!(mod #m;)
    });
    let reexports = files.iter().filter(|f| **f != "resources").map(|f| {
        let m = ident(f);
        quote!(pub use #m::*;)
    });
    quote! {
        #docs
        #handles
        #(#private)*

        #(#reexports)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated crate's manifest takes every version from the workspace's: each name it
    /// needs is there, so none falls back to a placeholder.
    #[test]
    fn every_dependency_and_setting_comes_from_the_workspace_manifest() {
        let workspace = entries(WORKSPACE_MANIFEST, "workspace.dependencies");
        let runtime = entries(RUNTIME_MANIFEST, "dependencies");
        assert!(runtime.len() > 10, "{runtime:?}");
        for (key, _) in &runtime {
            let name = key.strip_suffix(".workspace").unwrap_or(key);
            assert!(
                workspace.iter().any(|(k, _)| *k == name),
                "the runtime's `{name}` is not in [workspace.dependencies]"
            );
        }
        for (name, _) in TEST_DEPENDENCIES {
            assert!(workspace.iter().any(|(k, _)| k == name), "{name}");
        }
        for key in ["edition", "rust-version", "license"] {
            assert_ne!(package_setting(key), "\"\"", "{key}");
        }
    }

    #[test]
    fn versions_are_read_from_plain_and_table_entries() {
        assert_eq!(version_of("\"0.3\""), "\"0.3\"");
        assert_eq!(
            version_of("{ version = \"1\", features = [\"derive\"] }"),
            "\"1\""
        );
        assert_eq!(version_of("{ version = \"0.12\" }"), "\"0.12\"");
    }
}

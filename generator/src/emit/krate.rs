//! Emits the crate around the API modules: `Cargo.toml` with one feature per API, `lib.rs`,
//! each API's `mod.rs`, and the runtime copied from `generator/runtime/src`.

use super::util::{Uses, ident, module_doc};
use crate::doc_text::{code, inline, toml_string};
use crate::model::{Api, TypeKind};
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
pub fn cargo_toml(apis: &[Api]) -> String {
    let names: Vec<String> = apis.iter().map(|a| toml_string(&a.module)).collect();
    let features: String = apis.iter().map(api_features).collect();
    let titles: Vec<&str> = apis.iter().map(|a| a.title.as_str()).collect();
    let description = toml_string(&format!(
        "Rust clients for {}, generated from spec/*.yaml",
        titles.join(" and ")
    ));
    format!(
        r#"[package]
name = "generated-sdk"
version = "0.1.0"
description = {description}
edition = "2024"
rust-version = "1.89"
license = "MIT OR Apache-2.0"
publish = false

[features]
default = [{default}]
{features}
[dependencies]
bytes = "1"
fastrand = "2"
futures = "0.3"
hmac = "0.13"
httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "http2"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
sha2 = "0.11"
time = {{ version = "0.3", features = ["parsing", "formatting", "macros"] }}
tokio = {{ version = "1", features = ["time"] }}
tracing = "0.1"
uuid = {{ version = "1", features = ["v4"] }}

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
wiremock = "0.6"
"#,
        default = names.join(", "),
    )
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
pub fn lib_rs(apis: &[Api]) -> TokenStream {
    let mut text = String::from(
        "Rust clients generated from the API descriptions in `spec/`.\n\nOne module per API, each behind a cargo feature of the same name (all on by default):\n",
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

/// With a feature per resource, the `#[cfg(...)]` of the re-export of concept file `name`:
/// every item in it may be compiled only under some feature, and an empty file's re-export
/// would be an unused import.
fn reexport_cfg(api: &Api, name: &str) -> TokenStream {
    if api.features.is_none() {
        return TokenStream::new();
    }
    let mut uses = Uses::default();
    match name {
        "params" => crate::model::visit_methods(&api.resources, &mut |resource, method| {
            if method.params.is_some() {
                uses.add(name, api.resource_feature(resource));
            }
        }),
        _ => {
            for decl in &api.types {
                let file = match decl.kind {
                    TypeKind::Object(_) | TypeKind::Map { .. } => "types",
                    TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => "enums",
                    TypeKind::Union(_) => "unions",
                };
                if file == name {
                    uses.add(name, api.type_feature(&decl.rust));
                }
            }
        }
    }
    uses.cfg_of(name)
}

/// An API module's `mod.rs`, given which of its concept files exist.
pub fn api_mod_rs(api: &Api, files: &[&str]) -> TokenStream {
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
            let cfg = reexport_cfg(api, f);
            quote!(#cfg pub use #m::*;)
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

        pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
        #(#reexports)*
        pub use crate::runtime::{#(#runtime),*};
    }
}

//! The emit layer: model in, token streams out, one file per concept. Emitters read only the
//! model; they never see YAML.

mod auth;
mod client;
mod enums;
mod examples;
mod guide;
mod krate;
mod params;
mod resources;
mod tests;
mod types;
mod unions;
mod util;
mod waiters;

pub use krate::RUNTIME_FILES;

use crate::model::Api;
use proc_macro2::TokenStream;

/// What a generated file holds before formatting.
pub enum Content {
    /// Rust tokens, formatted by prettyplease.
    Rust(TokenStream),
    /// Rust source copied as it is (the runtime).
    Verbatim(&'static str),
    /// Any other text (`Cargo.toml`).
    Text(String),
}

/// A file to write, relative to the generated crate's root.
pub struct EmittedFile {
    /// Path relative to the crate root (`src/nirvana/types.rs`).
    pub path: String,
    /// The spec it comes from, for its header (`None` for crate-level files).
    pub source: Option<String>,
    /// Content.
    pub content: Content,
}

/// Every file of the generated crate for these APIs.
pub fn crate_files(apis: &[Api]) -> Vec<EmittedFile> {
    let mut files = vec![
        EmittedFile {
            path: "Cargo.toml".into(),
            source: None,
            content: Content::Text(krate::cargo_toml(apis)),
        },
        EmittedFile {
            path: "src/lib.rs".into(),
            source: None,
            content: Content::Rust(krate::lib_rs(apis)),
        },
    ];
    for (name, text) in RUNTIME_FILES {
        files.push(EmittedFile {
            path: format!("src/runtime/{name}"),
            source: Some(format!(
                "generator/runtime/src/{}",
                if *name == "mod.rs" { "lib.rs" } else { name }
            )),
            content: Content::Verbatim(text),
        });
    }
    for api in apis {
        files.extend(api_files(api));
        if let Some(tests) = tests::file(api) {
            files.push(EmittedFile {
                path: format!("tests/{}_endpoints.rs", api.module),
                source: Some(api.spec_file.clone()),
                content: Content::Rust(tests::root(api)),
            });
            files.push(EmittedFile {
                path: format!("tests/{}_endpoints/tests.rs", api.module),
                source: Some(api.spec_file.clone()),
                content: Content::Rust(tests),
            });
        }
    }
    files
}

/// The files of one API module.
pub fn api_files(api: &Api) -> Vec<EmittedFile> {
    let concepts: [(&str, Option<TokenStream>); 7] = [
        ("client", Some(client::file(api))),
        (
            "resources",
            (!api.resources.is_empty()).then(|| resources::file(api)),
        ),
        ("types", types::file(api)),
        ("enums", enums::file(api)),
        ("unions", unions::file(api)),
        ("params", params::file(api)),
        ("waiters", waiters::file(api)),
    ];
    let present: Vec<&str> = concepts
        .iter()
        .filter(|(_, t)| t.is_some())
        .map(|(n, _)| *n)
        .collect();
    let mut files = vec![EmittedFile {
        path: format!("src/{}/mod.rs", api.module),
        source: Some(api.spec_file.clone()),
        content: Content::Rust(krate::api_mod_rs(api, &present)),
    }];
    for (name, tokens) in concepts {
        if let Some(tokens) = tokens {
            files.push(EmittedFile {
                path: format!("src/{}/{name}.rs", api.module),
                source: Some(api.spec_file.clone()),
                content: Content::Rust(tokens),
            });
        }
    }
    files
}

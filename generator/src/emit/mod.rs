//! The emit layer: model in, token streams out, one file per concept. Emitters read only the
//! model; they never see YAML.

mod auth;
mod client;
mod enums;
mod examples;
mod guide;
mod krate;
mod params;
mod pattern;
mod resources;
mod round_trips;
mod tests;
mod types;
mod unions;
mod util;
mod waiters;

pub use krate::RUNTIME_FILES;
pub(crate) use krate::entries as manifest_entries;

use crate::model::{Api, Krate};
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
    /// What it comes from, for its header: the spec, the runtime's file, or for files of the
    /// whole crate the directory of the specs (ending in `/`).
    pub source: Option<String>,
    /// Content.
    pub content: Content,
}

impl EmittedFile {
    fn new(path: String, source: Option<&str>, content: Content) -> Self {
        EmittedFile {
            path,
            source: source.map(str::to_owned),
            content,
        }
    }
}

/// One file of the generated crate, not yet emitted. Token streams are not `Send`, so a job is
/// emitted and formatted on one thread, and the jobs of a crate run on as many threads as there
/// are cores (`write::render_jobs`).
pub struct Job<'a> {
    emit: Box<dyn Fn() -> Option<EmittedFile> + Send + Sync + 'a>,
}

impl Job<'_> {
    /// Emits the file, or `None` if it would be empty (an API without enums has no `enums.rs`).
    pub fn run(&self) -> Option<EmittedFile> {
        (self.emit)()
    }
}

fn job<'a>(emit: impl Fn() -> Option<EmittedFile> + Send + Sync + 'a) -> Job<'a> {
    Job {
        emit: Box::new(emit),
    }
}

/// Which part of an API module a file belongs to: the files at its root (the client, the
/// waiters, the handles' re-exports and the types several resources share), or the module of
/// one top-level resource (by index), which holds its handles, methods, parameters and the
/// types only it uses, and whose `mod` line is the only place its feature is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The API module's own files.
    Shared,
    /// The module of `api.resources[i]`.
    Resource(usize),
}

impl Part {
    /// Whether type `ty` is emitted here: in its owner's module, or shared.
    pub fn holds(self, api: &Api, ty: &str) -> bool {
        match self {
            Part::Shared => api.owner(ty).is_none(),
            Part::Resource(i) => api.owner(ty) == Some(i),
        }
    }

    /// The feature an item is gated by: none inside a resource's module, whose `mod` line is.
    pub fn gate(self, feature: Option<&str>) -> Option<&str> {
        match self {
            Part::Shared => feature,
            Part::Resource(_) => None,
        }
    }

    /// The path the part's files import the API module's items from.
    pub fn api_path(self, api: &Api) -> TokenStream {
        match self {
            Part::Shared => quote::quote!(super),
            Part::Resource(_) => {
                let module = util::ident(&api.module);
                quote::quote!(crate::#module)
            }
        }
    }

    /// The directory of the part's files (`src/nirvana`, `src/nirvana/compute`).
    pub fn dir(self, api: &Api) -> String {
        match self {
            Part::Shared => format!("src/{}", crate::naming::unraw(&api.module)),
            Part::Resource(i) => format!(
                "src/{}/{}",
                crate::naming::unraw(&api.module),
                crate::naming::unraw(&api.resources[i].module)
            ),
        }
    }
}

/// The concept files of a part of an API module, in the order its `mod.rs` declares them, and
/// how each is emitted (`None`: nothing to put in it).
type Concept = (&'static str, fn(&Api, Part) -> Option<TokenStream>);
const CONCEPTS: [Concept; 8] = [
    ("client", |api, part| {
        (part == Part::Shared).then(|| client::file(api))
    }),
    ("resources", resources::file),
    ("requests", types::requests),
    ("types", types::file),
    ("enums", enums::file),
    ("unions", unions::file),
    ("params", params::file),
    ("waiters", |api, part| {
        if part == Part::Shared {
            waiters::file(api)
        } else {
            None
        }
    }),
];

/// The parts of an API module: its root, then a module per top-level resource.
fn parts(api: &Api) -> impl Iterator<Item = Part> {
    std::iter::once(Part::Shared).chain((0..api.resources.len()).map(Part::Resource))
}

/// Every file of the generated crate except each API's `mod.rs` (which declares the concept
/// files that turn out not to be empty: [`api_mod`]). Roughly the largest first, so that the
/// threads running them finish together: the concept files (`params.rs` and `resources.rs`
/// hold the most code), then the test files, then the small and the copied ones.
pub fn jobs<'a>(krate: &'a Krate, apis: &'a [Api]) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    for api in apis {
        for part in parts(api) {
            for (name, emit) in CONCEPTS {
                jobs.push(job(move || {
                    emit(api, part).map(|tokens| {
                        EmittedFile::new(
                            format!("{}/{name}.rs", part.dir(api)),
                            Some(&api.spec_file),
                            Content::Rust(tokens),
                        )
                    })
                }));
            }
        }
    }
    for api in apis {
        test_jobs(api, &mut jobs);
    }
    // Files of the whole crate name the directory of its specs as their source.
    let specs = format!("{}/", krate.spec_dir);
    let lib_source = specs.clone();
    jobs.push(job(move || {
        Some(EmittedFile::new(
            "src/lib.rs".into(),
            Some(&lib_source),
            Content::Rust(krate::lib_rs(krate, apis)),
        ))
    }));
    jobs.push(job(move || {
        Some(EmittedFile::new(
            "Cargo.toml".into(),
            Some(&specs),
            Content::Text(krate::cargo_toml(krate, apis)),
        ))
    }));
    for (name, text) in RUNTIME_FILES {
        jobs.push(job(move || {
            let source = format!(
                "generator/runtime/src/{}",
                if *name == "mod.rs" { "lib.rs" } else { name }
            );
            Some(EmittedFile::new(
                format!("src/runtime/{name}"),
                Some(&source),
                Content::Verbatim(text),
            ))
        }));
    }
    jobs
}

/// The per-endpoint test files of `api`: the root of the test target, the shared helpers and a
/// file per top-level resource. None if it has no methods.
fn test_jobs<'a>(api: &'a Api, jobs: &mut Vec<Job<'a>>) {
    let source = Some(api.spec_file.as_str());
    let (shared, groups) = tests::groups(api);
    if groups.is_empty() {
        return;
    }
    let dir = format!("tests/{}_endpoints", api.module);
    jobs.push(job(move || {
        let (shared, groups) = tests::groups(api);
        Some(EmittedFile::new(
            format!("tests/{}_endpoints.rs", api.module),
            source,
            Content::Rust(tests::root(api, &shared, &groups)),
        ))
    }));
    let support = shared.support;
    if let Some(module) = shared.round_trips {
        let path = format!("{dir}/{module}.rs");
        let support = support.clone();
        jobs.push(job(move || {
            round_trips::file(api, &support)
                .map(|tokens| EmittedFile::new(path.clone(), source, Content::Rust(tokens)))
        }));
    }
    let support_path = format!("{dir}/{support}.rs");
    jobs.push(job(move || {
        Some(EmittedFile::new(
            support_path.clone(),
            source,
            Content::Rust(tests::support(api)),
        ))
    }));
    for group in groups {
        let path = format!("{dir}/{}.rs", crate::naming::unraw(&group.module));
        let support = support.clone();
        jobs.push(job(move || {
            Some(EmittedFile::new(
                path.clone(),
                source,
                Content::Rust(tests::group(api, &support, &group)),
            ))
        }));
    }
}

/// The `mod.rs` files of `api`'s module and of each resource module, declaring the concept
/// files that were `emitted` (a test of a file's path).
pub fn api_mods<'a>(api: &'a Api, emitted: &dyn Fn(&str) -> bool) -> Vec<Job<'a>> {
    let present: Vec<(Part, Vec<&'static str>)> = parts(api)
        .map(|part| {
            let files = CONCEPTS
                .into_iter()
                .map(|(name, _)| name)
                .filter(|name| emitted(&format!("{}/{name}.rs", part.dir(api))))
                .collect();
            (part, files)
        })
        .collect();
    // A resource module with more than handles has items the API module re-exports.
    let reexported: std::sync::Arc<Vec<bool>> = std::sync::Arc::new(
        present
            .iter()
            .skip(1)
            .map(|(_, files)| files.iter().any(|f| *f != "resources"))
            .collect(),
    );
    present
        .into_iter()
        .map(|(part, files)| {
            let reexported = std::sync::Arc::clone(&reexported);
            job(move || {
                let tokens = match part {
                    Part::Shared => krate::api_mod_rs(api, &files, &reexported),
                    Part::Resource(i) => krate::resource_mod_rs(api, i, &files),
                };
                Some(EmittedFile::new(
                    format!("{}/mod.rs", part.dir(api)),
                    Some(&api.spec_file),
                    Content::Rust(tokens),
                ))
            })
        })
        .collect()
}

/// Every file of the generated crate for these APIs, emitted one after the other.
pub fn crate_files(krate: &Krate, apis: &[Api]) -> Vec<EmittedFile> {
    let mut files: Vec<EmittedFile> = jobs(krate, apis).iter().filter_map(Job::run).collect();
    for api in apis {
        let modules = api_mods(api, &|path| files.iter().any(|f| f.path == path));
        files.extend(modules.iter().filter_map(Job::run));
    }
    files
}

//! Every Rust name the generator emits is made here: case conversion, keyword escaping, and
//! one [`Scope`] per namespace that reports two spec names landing on the same Rust name as a
//! spec error with both locations.

use crate::diag::{Diagnostic, Loc};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashMap;

/// Strict and reserved keywords (2024 edition) that need escaping as identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword (and so needs escaping to be an identifier).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Keywords that cannot be raw identifiers; they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

fn fix_start(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.trim_end_matches('_').to_owned(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// Keeps ASCII letters and digits; everything else separates words. Generated identifiers are
/// ASCII, so any spec name gives a valid one.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A `snake_case` identifier for a field, method, module or argument, escaped if it is a
/// keyword (`type` becomes `r#type`).
pub fn snake(name: &str) -> String {
    escape(fix_start(words(name).to_snake_case(), "n_"))
}

/// An `UpperCamelCase` identifier for a type or variant.
pub fn camel(name: &str) -> String {
    escape(fix_start(words(name).to_upper_camel_case(), "V"))
}

/// Escapes a keyword: raw identifier where Rust allows one, trailing `_` otherwise.
pub fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The name without a raw-identifier prefix (`r#type` gives `type`).
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Checks that a name given in the spec is a usable Rust identifier of the given case.
pub fn check_given(name: &str, upper: bool, loc: &Loc) -> Result<String, Diagnostic> {
    let plain = unraw(name);
    let valid_chars = plain
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let right_case = if upper {
        plain.chars().next().is_some_and(|c| c.is_ascii_uppercase())
    } else {
        !plain.chars().any(|c| c.is_ascii_uppercase())
    };
    if valid_chars && right_case {
        Ok(escape(plain.to_owned()))
    } else {
        let case = if upper {
            "UpperCamelCase"
        } else {
            "snake_case"
        };
        Err(Diagnostic::new(
            loc.clone(),
            format!("`{name}` is not a {case} Rust identifier"),
        )
        .help(format!("use ASCII letters, digits and `_`, in {case}")))
    }
}

/// The names generated code gives a meaning to, by the scope they land in. The resolver
/// allocates every spec name in one of these scopes, so a spec name never takes one of them:
/// a derived name is changed (see [`derived`]), a name given in the spec is an error.
///
/// Generated files that hold or import spec names import nothing but the API module's own items
/// (`use super::{..}`) and modules (`std::fmt`, `crate::runtime::{call, pagination, request}`),
/// and write every other item through its path (`serde::Serialize`, `reqwest::Method::GET`), so
/// the only names they use unqualified are Rust's prelude and the API module's items, both
/// listed here. `client.rs` holds no spec name (it writes handles `super::resources::X`) and
/// imports freely.
pub mod reserved {
    /// A reserved name and what it is, as diagnostics say it.
    pub type Reserved = (&'static str, &'static str);

    /// Type-namespace names of Rust's prelude (2024 edition) and the derives generated code
    /// uses: a spec type or resource handle of that name would shadow them in the files that
    /// import it.
    pub const PRELUDE: &[&str] = &[
        "AsMut",
        "AsRef",
        "AsyncFn",
        "AsyncFnMut",
        "AsyncFnOnce",
        "Box",
        "Clone",
        "Copy",
        "Debug",
        "Default",
        "DoubleEndedIterator",
        "Drop",
        "Eq",
        "Err",
        "ExactSizeIterator",
        "Extend",
        "Fn",
        "FnMut",
        "FnOnce",
        "From",
        "FromIterator",
        "Future",
        "Hash",
        "Into",
        "IntoFuture",
        "IntoIterator",
        "Iterator",
        "None",
        "Ok",
        "Option",
        "Ord",
        "PartialEq",
        "PartialOrd",
        "Result",
        "Send",
        "Sized",
        "Some",
        "String",
        "Sync",
        "ToOwned",
        "ToString",
        "TryFrom",
        "TryInto",
        "Unpin",
        "Vec",
    ];

    /// What the API module's `mod.rs` re-exports from the runtime, besides its own items; the
    /// emitter writes the re-export from this list.
    pub const RUNTIME_REEXPORTS: &[&str] = &[
        "ApiError",
        "Call",
        "CursorPage",
        "CursorPagination",
        "Date",
        "DateTime",
        "Decimal",
        "Error",
        "ListPage",
        "RedirectError",
        "RedirectReason",
        "Response",
        "Result",
        "RetryPolicy",
        "TimeoutError",
        "UnknownInt",
        "UnknownMember",
        "UnknownValue",
        "WaitFailure",
        "WaitOptions",
    ];

    /// Items of every API module besides the runtime's: `client.rs`'s, and the concept
    /// modules (lower case, so only a `rust:` name could meet them).
    pub const MODULE_ITEMS: &[Reserved] = &[
        ("Client", "the generated client"),
        ("ClientBuilder", "the generated client builder"),
        ("DEFAULT_BASE_URL", "the default base URL"),
    ];

    /// The concept modules every API module has (beside a module per top-level resource).
    pub const API_MODULES: &[Reserved] = &[
        ("client", "the client module"),
        ("resources", "the module of the resource handles"),
        ("types", "the module of the shared types"),
        ("requests", "the module of the shared types requests take"),
        ("enums", "the module of the shared enums"),
        ("unions", "the module of the shared unions"),
        ("params", "a module of parameters structs"),
        ("waiters", "the module of the waiters"),
    ];

    /// Names of the crate's root besides the API modules.
    pub const CRATE_ITEMS: &[Reserved] = &[
        ("runtime", "the runtime module"),
        ("reqwest", "the re-exported HTTP client crate"),
        // An API module holds these: one of its name would be `unions::unions`, which clippy
        // rejects (`module_inception`).
        ("client", "a module inside every API module"),
        ("resources", "a module inside every API module"),
        ("types", "a module inside every API module"),
        ("requests", "a module inside every API module"),
        ("enums", "a module inside every API module"),
        ("unions", "a module inside every API module"),
        ("params", "a module inside every API module"),
        ("waiters", "a module inside every API module"),
    ];

    /// Methods every value of a generated type has through std and that method-call syntax
    /// picks over an inherent method of the same name (`into` takes `self` by value), or
    /// that clippy asks to be a trait's (`should_implement_trait`, `new_ret_no_self`).
    pub const TRAIT_METHODS: &[Reserved] = &[
        ("clone", "`Clone::clone`"),
        (
            "cmp",
            "`Ord::cmp`, which clippy wants implemented as the trait",
        ),
        ("into", "`Into::into`, which method calls would pick"),
        (
            "try_into",
            "`TryInto::try_into`, which method calls would pick",
        ),
        ("new", "a constructor's name (clippy: `new_ret_no_self`)"),
    ];

    /// Methods of a type with setters (objects, parameters structs, `ClientBuilder`) besides
    /// its setters, and setter names clippy takes for operators (`fn add(self, value) -> Self`
    /// is `should_implement_trait`).
    pub const SETTER_METHODS: &[Reserved] = &[
        ("new", "the constructor"),
        ("default", "`Default::default`, which examples call"),
        (
            "add",
            "`Add::add`, which clippy wants implemented as the trait",
        ),
        (
            "sub",
            "`Sub::sub`, which clippy wants implemented as the trait",
        ),
        (
            "mul",
            "`Mul::mul`, which clippy wants implemented as the trait",
        ),
        (
            "div",
            "`Div::div`, which clippy wants implemented as the trait",
        ),
        (
            "rem",
            "`Rem::rem`, which clippy wants implemented as the trait",
        ),
        (
            "shl",
            "`Shl::shl`, which clippy wants implemented as the trait",
        ),
        (
            "shr",
            "`Shr::shr`, which clippy wants implemented as the trait",
        ),
        (
            "bitand",
            "`BitAnd::bitand`, which clippy wants implemented as the trait",
        ),
        (
            "bitor",
            "`BitOr::bitor`, which clippy wants implemented as the trait",
        ),
        (
            "bitxor",
            "`BitXor::bitxor`, which clippy wants implemented as the trait",
        ),
    ];

    /// The methods a waiter gives the waited type (every object type reserves them, so that
    /// adding a waiter renames nothing).
    pub const WAITER_METHODS: &[Reserved] = &[
        ("wait", "a waiter method"),
        ("wait_with", "a waiter method"),
    ];

    /// `Client`'s own methods: a resource accessor or client parameter getter cannot take them.
    pub const CLIENT_METHODS: &[Reserved] = &[
        ("base_url", "a method of every client"),
        ("builder", "a method of every client"),
        ("from_env", "a method of every client"),
    ];

    /// `ClientBuilder`'s own methods and fields: a client value or credential setter (a
    /// method and a field of its own) cannot take them. `Client`'s field `transport` too: a
    /// client parameter is a field there as well.
    pub const BUILDER_ITEMS: &[Reserved] = &[
        ("allow_insecure_http", "a method every builder has"),
        ("base_url", "a method every builder has"),
        ("build", "a method every builder has"),
        ("configure_http", "a method every builder has"),
        ("deadline", "a method every builder has"),
        ("from_env", "a method every builder has"),
        ("max_response_size", "a method every builder has"),
        ("max_retries", "a method every builder has"),
        ("retry_budget", "a method every builder has"),
        ("retry_policy", "a method every builder has"),
        ("timeout", "a method every builder has"),
        ("with_env", "a method every builder has"),
        ("options", "a field every builder has"),
        ("transport", "a field of `Client`"),
    ];

    /// Locals of `ClientBuilder::build`, where each client parameter is a local too.
    pub const BUILD_LOCALS: &[Reserved] = &[
        ("auth", "a local of `ClientBuilder::build`"),
        ("base_url", "a local of `ClientBuilder::build`"),
        ("transport", "a local of `ClientBuilder::build`"),
    ];

    /// Variants every enum has, and its associated items of a variant's case.
    pub const ENUM_VARIANTS: &[Reserved] = &[
        ("Unknown", "the variant for values this SDK does not know"),
        ("VALUES", "the list of known values"),
    ];

    /// Arguments every method may have besides its inputs.
    pub const METHOD_ARGUMENTS: &[Reserved] = &[
        ("params", "the parameters struct argument"),
        ("body", "the request body argument"),
    ];

    /// What each per-endpoint test file imports from the shared helpers (`use support::*`):
    /// a test named like one would shadow it.
    pub const TEST_ITEMS: &[Reserved] = &[
        ("api", "the API under test"),
        ("client", "the test client"),
        ("expect_body", "a test helper"),
        ("expect_header", "a test helper"),
        ("expect_json", "a test helper"),
        ("expect_query", "a test helper"),
        ("only_request", "a test helper"),
        ("record_request", "a test helper"),
        ("serve", "a test helper"),
    ];
}

/// One namespace of Rust names, such as the fields of a struct or the items of a module.
#[derive(Debug)]
pub struct Scope {
    what: String,
    /// Rust name (unraw) to what took it, and where, if a spec item did (none: the generator).
    taken: HashMap<String, (String, Option<Loc>)>,
}

impl Scope {
    /// A new, empty namespace; `what` names it in diagnostics ("fields of `Operation`").
    pub fn new(what: impl Into<String>) -> Self {
        Scope {
            what: what.into(),
            taken: HashMap::new(),
        }
    }

    /// A namespace with the generator's `names` reserved in it.
    pub fn reserving(what: impl Into<String>, names: &[reserved::Reserved]) -> Self {
        let mut scope = Scope::new(what);
        scope.reserve_all(names);
        scope
    }

    /// Reserves each of `names` (with what it is).
    pub fn reserve_all(&mut self, names: &[reserved::Reserved]) {
        for (name, why) in names {
            self.reserve(name, why);
        }
    }

    /// Claims `base`, or the first free of `base_2`, `base_3`…, and returns it: for names the
    /// generator makes up itself, whose clashes are resolved rather than reported.
    pub fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.taken.contains_key(unraw(&name)) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.reserve(&name, &format!("`{name}`"));
        name
    }

    /// Reserves a name the generator itself uses, so spec names cannot take it.
    pub fn reserve(&mut self, rust: &str, why: &str) {
        self.taken
            .insert(unraw(rust).to_owned(), (why.to_owned(), None));
    }

    /// Whether the generator reserved `rust` here (a spec item taking it does not count).
    pub fn is_reserved(&self, rust: &str) -> bool {
        self.taken
            .get(unraw(rust))
            .is_some_and(|(_, loc)| loc.is_none())
    }

    /// Claims `rust` for the spec item `origin` at `loc`; fails if it is already taken. The
    /// hint says to rename with `rust:`; [`Scope::claim_with`] names another key.
    pub fn claim(&mut self, rust: &str, origin: &str, loc: &Loc) -> Result<(), Diagnostic> {
        self.claim_with(rust, origin, loc, "`rust:`")
    }

    /// Claims `rust` for the spec item `origin` at `loc`, whose Rust name the spec sets with
    /// `key` (`` `rust:` ``, `` `setter:` ``...); fails, naming both places, if it is taken.
    pub fn claim_with(
        &mut self,
        rust: &str,
        origin: &str,
        loc: &Loc,
        key: &str,
    ) -> Result<(), Diagnostic> {
        let name = unraw(rust).to_owned();
        match self.taken.get(&name) {
            None => {
                self.taken
                    .insert(name, (format!("`{origin}`"), Some(loc.clone())));
                Ok(())
            }
            Some((why, None)) => Err(Diagnostic::new(
                loc.clone(),
                if origin == name {
                    format!(
                        "the Rust name `{rust}` is taken: in the {}, that is {why}",
                        self.what
                    )
                } else {
                    format!(
                        "`{origin}` cannot have the Rust name `{rust}`: in the {}, that is {why}",
                        self.what
                    )
                },
            )
            .help(format!("give it another Rust name with {key}"))),
            Some((other, Some(other_loc))) => Err(Diagnostic::new(
                loc.clone(),
                format!(
                    "`{origin}` and {other} both become the Rust name `{rust}` in the {} (the \
                     other is at {other_loc})",
                    self.what
                ),
            )
            .help(format!(
                "rename one of them in the spec, or give it another Rust name with {key}"
            ))),
        }
    }
}

/// The scopes spec names land in, each with what the generator reserves in it.
pub mod scopes {
    use super::Scope;
    use super::reserved::*;

    fn with(what: String, tables: &[&[Reserved]]) -> Scope {
        let mut scope = Scope::new(what);
        for table in tables {
            scope.reserve_all(table);
        }
        scope
    }

    /// The modules of an API module: its concept modules, and a module per top-level
    /// resource.
    pub fn api_modules() -> Scope {
        with("modules of the API module".into(), &[API_MODULES])
    }

    /// The API modules at the crate's root.
    pub fn crate_items() -> Scope {
        with("API modules of the generated crate".into(), &[CRATE_ITEMS])
    }

    /// The items of API module `module`: types and parameters structs, beside the client,
    /// the runtime's re-exports and Rust's prelude.
    pub fn module_items(module: &str) -> Scope {
        let mut scope = with(format!("items of module `{module}`"), &[MODULE_ITEMS]);
        for name in RUNTIME_REEXPORTS {
            scope.reserve(name, "a runtime item every API module re-exports");
        }
        for name in PRELUDE {
            scope.reserve(name, "a name of Rust's prelude");
        }
        scope
    }

    /// The resource handle types (module `resources`), which use the prelude unqualified.
    pub fn handle_types() -> Scope {
        let mut scope = Scope::new("resource handle types");
        for name in PRELUDE {
            scope.reserve(name, "a name of Rust's prelude");
        }
        scope
    }

    /// The methods of `Client`: accessors of top-level resources and client parameter getters.
    pub fn client_methods() -> Scope {
        with(
            "methods of `Client`".into(),
            &[TRAIT_METHODS, CLIENT_METHODS],
        )
    }

    /// The methods and fields of `ClientBuilder` (and the fields of `Client`).
    pub fn builder() -> Scope {
        with(
            "methods and fields of `ClientBuilder`".into(),
            &[TRAIT_METHODS, SETTER_METHODS, BUILDER_ITEMS],
        )
    }

    /// The locals of `ClientBuilder::build`, one per client parameter.
    pub fn build_locals() -> Scope {
        with("locals of `ClientBuilder::build`".into(), &[BUILD_LOCALS])
    }

    /// The methods of the handle of resource `path`: sub-resource accessors and API methods.
    pub fn handle_methods(path: &str) -> Scope {
        with(format!("methods of resource `{path}`"), &[TRAIT_METHODS])
    }

    /// The methods of object type `owner`: its constructor, setters and waiter methods.
    pub fn type_methods(owner: &str) -> Scope {
        with(
            format!("methods of `{owner}`"),
            &[TRAIT_METHODS, SETTER_METHODS, WAITER_METHODS],
        )
    }

    /// The methods of the parameters struct of `origin`: its constructor and setters.
    pub fn params_methods(origin: &str) -> Scope {
        with(
            format!("methods of the parameters of `{origin}`"),
            &[TRAIT_METHODS, SETTER_METHODS],
        )
    }

    /// The variants of enum `owner`.
    pub fn enum_variants(owner: &str) -> Scope {
        with(format!("variants of `{owner}`"), &[ENUM_VARIANTS])
    }

    /// The arguments of method `origin`.
    pub fn method_arguments(origin: &str) -> Scope {
        with(format!("arguments of `{origin}`"), &[METHOD_ARGUMENTS])
    }

    /// The items of one per-endpoint test file: its tests, beside the shared helpers.
    pub fn tests() -> Scope {
        with("tests".into(), &[TEST_ITEMS])
    }
}

/// The name for a derived (not spec-given) Rust name `base` that lands in every one of
/// `scopes`: `base` itself, or if the generator reserves it in one of them, `base` with the
/// suffix of its [`Kind`] (`clone` becomes `clone_`, `Result` becomes `ResultModel`). Deterministic: it
/// depends on the reserved names only, never on other spec names.
pub fn derived(scopes: &[&Scope], base: &str, kind: Kind) -> String {
    if scopes.iter().any(|s| s.is_reserved(base)) {
        format!("{}{}", unraw(base), kind.suffix())
    } else {
        base.to_owned()
    }
}

/// What a Rust name names, which decides its case and what a derived one the generator
/// reserves becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A field, method, argument or module: `snake_case`; a reserved one gets `_` (`clone_`),
    /// as keywords that cannot be raw do (`self_`).
    Snake,
    /// A type: `UpperCamelCase`; a reserved one gets `Model` (`ResultModel`).
    Type,
    /// A resource handle type: `UpperCamelCase`; a reserved one gets `Resource`
    /// (`OptionResource`).
    Handle,
}

impl Kind {
    /// Whether names of this kind are `UpperCamelCase`.
    pub fn upper(self) -> bool {
        self != Kind::Snake
    }

    /// What a derived name the generator reserves gets appended.
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Snake => "_",
            Kind::Type => "Model",
            Kind::Handle => "Resource",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u64) -> Loc {
        Loc {
            file: "spec.yaml".into(),
            line,
            column: 3,
        }
    }

    #[test]
    fn cases_and_keywords() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("OS-EXT-STS:vm_state"), "os_ext_sts_vm_state");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "n_2fa");
        assert_eq!(camel("nks_node_pool"), "NksNodePool");
        assert_eq!(camel("SOFT"), "Soft");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("100"), "V100");
        assert_eq!(snake("naïve²"), "na_ve");
        assert_eq!(snake("🚀"), "n");
        assert_eq!(camel("x-🚀-y"), "XY");
    }

    #[test]
    fn collisions_name_both_places() {
        let mut scope = Scope::new("fields of `Server`");
        scope.claim("vm_state", "vm-state", &loc(4)).unwrap();
        let error = scope.claim("vm_state", "vm_state", &loc(9)).unwrap_err();
        assert_eq!(error.loc.line, 9);
        assert!(error.message.contains("spec.yaml:4:3"), "{}", error.message);
    }

    #[test]
    fn reserved_names_cannot_be_claimed() {
        let mut scope = Scope::new("items of module `nirvana`");
        scope.reserve("Client", "the client type");
        assert!(scope.claim("Client", "client", &loc(1)).is_err());
    }

    #[test]
    fn derived_names_the_generator_reserves_get_the_suffix_of_their_kind() {
        let methods = scopes::handle_methods("things");
        let builder = scopes::builder();
        assert_eq!(derived(&[&methods], "clone", Kind::Snake), "clone_");
        assert_eq!(derived(&[&methods], "list", Kind::Snake), "list");
        // Reserved in any of the scopes the name lands in.
        assert_eq!(
            derived(&[&methods, &builder], "timeout", Kind::Snake),
            "timeout_"
        );
        let items = scopes::module_items("api");
        assert_eq!(derived(&[&items], "Into", Kind::Type), "IntoModel");
        assert_eq!(derived(&[&items], "Call", Kind::Type), "CallModel");
        assert_eq!(derived(&[&items], "Request", Kind::Type), "Request");
        let handles = scopes::handle_types();
        assert_eq!(
            derived(&[&handles], "Option", Kind::Handle),
            "OptionResource"
        );
    }

    #[test]
    fn a_given_name_the_generator_reserves_says_what_has_it_and_which_key_to_change() {
        let mut builder = scopes::builder();
        let error = builder
            .claim_with("build", "build", &loc(7), "`setter:`")
            .unwrap_err();
        assert!(builder.is_reserved("build"));
        assert!(
            error.message.contains("a method every builder has"),
            "{}",
            error.message
        );
        assert_eq!(
            error.help.as_deref(),
            Some("give it another Rust name with `setter:`")
        );
        // A spec item's claim is not a reservation.
        builder.claim("region", "region", &loc(8)).unwrap();
        assert!(!builder.is_reserved("region"));
    }

    #[test]
    fn given_names_are_checked() {
        assert_eq!(check_given("op_type", false, &loc(1)).unwrap(), "op_type");
        assert_eq!(check_given("type", false, &loc(1)).unwrap(), "r#type");
        assert!(check_given("Bad-Name", true, &loc(1)).is_err());
        assert!(check_given("lower", true, &loc(1)).is_err());
    }
}

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

/// One namespace of Rust names, such as the fields of a struct or the items of a module.
#[derive(Debug)]
pub struct Scope {
    what: String,
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

    /// Claims `rust` for the spec item `origin` at `loc`; fails if it is already taken.
    pub fn claim(&mut self, rust: &str, origin: &str, loc: &Loc) -> Result<(), Diagnostic> {
        let key = unraw(rust).to_owned();
        if let Some((other, other_loc)) = self.taken.get(&key) {
            let mut message = format!(
                "`{origin}` and {other} both become the Rust name `{rust}` in the {}",
                self.what
            );
            if let Some(other_loc) = other_loc {
                message.push_str(&format!(" (the other is at {other_loc})"));
            }
            return Err(Diagnostic::new(loc.clone(), message).help(
                "rename one of them in the spec, or give it another Rust name with `rust:`",
            ));
        }
        self.taken
            .insert(key, (format!("`{origin}`"), Some(loc.clone())));
        Ok(())
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
    fn given_names_are_checked() {
        assert_eq!(check_given("op_type", false, &loc(1)).unwrap(), "op_type");
        assert_eq!(check_given("type", false, &loc(1)).unwrap(), "r#type");
        assert!(check_given("Bad-Name", true, &loc(1)).is_err());
        assert!(check_given("lower", true, &loc(1)).is_err());
    }
}

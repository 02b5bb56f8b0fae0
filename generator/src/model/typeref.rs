//! Type expressions (`string`, `list<string>`, `map<OperationFieldDiff>`, `Operation`,
//! `list<string?>`) parsed and resolved against the named types.

use crate::diag::{Diagnostic, Loc};
use std::collections::HashMap;

/// A resolved type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// UTF-8 string.
    String,
    /// Boolean.
    Bool,
    /// 32-bit integer.
    Int32,
    /// 64-bit integer.
    Int64,
    /// Unsigned 32-bit integer.
    UInt32,
    /// Unsigned 64-bit integer.
    UInt64,
    /// 64-bit float.
    Float64,
    /// RFC 3339 timestamp.
    DateTime,
    /// Calendar date.
    Date,
    /// Decimal carried as a string.
    Decimal,
    /// Any JSON value.
    Json,
    /// A list.
    List(Box<TypeRef>),
    /// A string-keyed map.
    Map(Box<TypeRef>),
    /// A named type, by Rust name.
    Named(String),
    /// A list item or map value that may be `null` (`list<string?>`): `Option<T>`.
    Nullable(Box<TypeRef>),
}

/// The scalar names a type expression may use.
pub const SCALARS: &[&str] = &[
    "string", "bool", "int32", "int64", "uint32", "uint64", "float64", "datetime", "date",
    "decimal", "json",
];

/// How many lists and maps one type may nest (`list<map<...>>`): every pass over a type recurses
/// once per level, so a deeper one is refused rather than risk the stack. Real APIs nest two or
/// three.
pub const MAX_NESTING: usize = 32;

impl TypeRef {
    /// Parses `text`, resolving names through `named` (spec name to Rust name).
    pub fn parse(
        text: &str,
        named: &HashMap<String, String>,
        loc: &Loc,
    ) -> Result<TypeRef, Diagnostic> {
        Self::parse_in(text, named, loc, false, 0)
    }

    /// [`TypeRef::parse`] for the values of a named map (`map: string?`), which may be `null`.
    pub fn parse_item(
        text: &str,
        named: &HashMap<String, String>,
        loc: &Loc,
    ) -> Result<TypeRef, Diagnostic> {
        Self::parse_in(text, named, loc, true, 0)
    }

    /// [`TypeRef::parse`]; `item` says whether `text` is a list item or map value, the only
    /// places where `T?` (may be `null`) is allowed; `depth` is how many lists and maps it is in.
    fn parse_in(
        text: &str,
        named: &HashMap<String, String>,
        loc: &Loc,
        item: bool,
        depth: usize,
    ) -> Result<TypeRef, Diagnostic> {
        let text = text.trim();
        if depth > MAX_NESTING {
            return Err(Diagnostic::new(
                loc.clone(),
                format!("the type nests lists and maps more than {MAX_NESTING} deep"),
            )
            .help("declare an inner part as a type of its own under `types:` and name it here"));
        }
        if let Some(inner) = text.strip_suffix('?') {
            if !item {
                return Err(Diagnostic::new(
                    loc.clone(),
                    format!(
                        "`{text}`: only a list item or a map value can be marked `?` (may be null)"
                    ),
                )
                .help(format!(
                    "write `{}` and, on a field that may be null, `nullable: true`; `?` is for \
                     items, as in `list<{text}>`",
                    inner.trim()
                )));
            }
            let inner = Self::parse_in(inner, named, loc, false, depth)?;
            return Ok(TypeRef::Nullable(Box::new(inner)));
        }
        let wrapped = |prefix: &str| {
            text.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('>'))
        };
        if let Some(inner) = wrapped("list<") {
            return Ok(TypeRef::List(Box::new(Self::parse_in(
                inner,
                named,
                loc,
                true,
                depth + 1,
            )?)));
        }
        if let Some(inner) = wrapped("map<") {
            return Ok(TypeRef::Map(Box::new(Self::parse_in(
                inner,
                named,
                loc,
                true,
                depth + 1,
            )?)));
        }
        Ok(match text {
            "string" => TypeRef::String,
            "bool" => TypeRef::Bool,
            "int32" => TypeRef::Int32,
            "int64" => TypeRef::Int64,
            "uint32" => TypeRef::UInt32,
            "uint64" => TypeRef::UInt64,
            "float64" => TypeRef::Float64,
            "datetime" => TypeRef::DateTime,
            "date" => TypeRef::Date,
            "decimal" => TypeRef::Decimal,
            "json" => TypeRef::Json,
            name => match named.get(name) {
                Some(rust) => TypeRef::Named(rust.clone()),
                None => {
                    let mut known: Vec<&str> = named.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    return Err(Diagnostic::new(
                        loc.clone(),
                        format!("unknown type `{name}`"),
                    )
                    .help(format!(
                        "{}use a scalar ({}), list<T>, map<T> (`list<T?>`, `map<T?>` for items that may be null), or a type declared under `types:` ({})",
                        crate::diag::did_you_mean(name, SCALARS.iter().copied().chain(named.keys().map(String::as_str))),
                        SCALARS.join(", "),
                        if known.is_empty() { "none declared".to_owned() } else { known.join(", ") }
                    )));
                }
            },
        })
    }

    /// The integers a value of this type can hold, as an inclusive range, for an integer
    /// scalar (`int32`, `int64`, `uint32`, `uint64`).
    pub fn integer_range(&self) -> Option<(i128, i128)> {
        match self {
            TypeRef::Int32 => Some((i32::MIN.into(), i32::MAX.into())),
            TypeRef::Int64 => Some((i64::MIN.into(), i64::MAX.into())),
            TypeRef::UInt32 => Some((0, u32::MAX.into())),
            TypeRef::UInt64 => Some((0, u64::MAX.into())),
            _ => None,
        }
    }

    /// Whether the Rust type is `String` (taken as `&str` in arguments).
    pub fn is_string(&self) -> bool {
        matches!(self, TypeRef::String)
    }

    /// Adds the named types in this reference (`list<Vm>` names `Vm`) to `into`.
    pub fn collect_named(&self, into: &mut std::collections::BTreeSet<String>) {
        match self {
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.collect_named(into)
            }
            TypeRef::Named(name) => {
                into.insert(name.clone());
            }
            _ => {}
        }
    }

    /// A short name used to derive union variant names (`StringList`, `Number`...).
    pub fn variant_name(&self) -> String {
        match self {
            TypeRef::String => "String".into(),
            TypeRef::Bool => "Bool".into(),
            TypeRef::Int32 | TypeRef::Int64 | TypeRef::UInt32 | TypeRef::UInt64 => "Integer".into(),
            TypeRef::Float64 => "Number".into(),
            TypeRef::DateTime => "DateTime".into(),
            TypeRef::Date => "Date".into(),
            TypeRef::Decimal => "Decimal".into(),
            TypeRef::Json => "Json".into(),
            TypeRef::List(inner) => format!("{}List", inner.variant_name()),
            TypeRef::Map(inner) => format!("{}Map", inner.variant_name()),
            TypeRef::Named(name) => name.clone(),
            TypeRef::Nullable(inner) => format!("Nullable{}", inner.variant_name()),
        }
    }

    /// [`TypeRef::variant_name`] telling the integer widths apart (`Int32`, `Int64List`), for
    /// union members whose short names are the same.
    pub fn precise_variant_name(&self) -> String {
        match self {
            TypeRef::Int32 => "Int32".into(),
            TypeRef::Int64 => "Int64".into(),
            TypeRef::UInt32 => "UInt32".into(),
            TypeRef::UInt64 => "UInt64".into(),
            TypeRef::List(inner) => format!("{}List", inner.precise_variant_name()),
            TypeRef::Map(inner) => format!("{}Map", inner.precise_variant_name()),
            TypeRef::Nullable(inner) => format!("Nullable{}", inner.precise_variant_name()),
            other => other.variant_name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Loc {
        Loc {
            file: "x.yaml".into(),
            line: 1,
            column: 1,
        }
    }

    #[test]
    fn parses_nested_expressions() {
        let named = HashMap::from([("Operation".to_owned(), "Operation".to_owned())]);
        assert_eq!(
            TypeRef::parse("map<list<Operation>>", &named, &loc()).unwrap(),
            TypeRef::Map(Box::new(TypeRef::List(Box::new(TypeRef::Named(
                "Operation".into()
            )))))
        );
        let error = TypeRef::parse("list<Operaton>", &named, &loc()).unwrap_err();
        assert!(error.message.contains("`Operaton`"));
        assert!(error.help.unwrap().contains("Operation"));
    }

    #[test]
    fn items_may_be_null_and_nothing_else() {
        let named = HashMap::new();
        let nullable = |inner| TypeRef::Nullable(Box::new(inner));
        assert_eq!(
            TypeRef::parse("list<string?>", &named, &loc()).unwrap(),
            TypeRef::List(Box::new(nullable(TypeRef::String)))
        );
        assert_eq!(
            TypeRef::parse("map< list<int64 ?> ?>", &named, &loc()).unwrap(),
            TypeRef::Map(Box::new(nullable(TypeRef::List(Box::new(nullable(
                TypeRef::Int64
            ))))))
        );
        for bad in ["string?", "list<string>?", "list<string??>"] {
            let error = TypeRef::parse(bad, &named, &loc()).unwrap_err();
            assert!(error.message.contains("marked `?`"), "{bad}: {error}");
        }
        let help = TypeRef::parse("string?", &named, &loc())
            .unwrap_err()
            .help
            .unwrap();
        assert!(
            help.contains("`string`") && help.contains("nullable: true"),
            "{help}"
        );
    }
}

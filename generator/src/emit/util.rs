//! Small pieces every emitter uses: identifiers, doc attributes, Rust types for type
//! references, and the `use super::{..}` line a file needs.

use crate::model::TypeRef;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Whether `name` is a plain ASCII identifier (what the naming module hands out).
fn is_ident(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

/// An identifier from a name the naming module allocated (`r#type` stays raw). Names come
/// from `naming`, so they are valid; should one not be, it is cleaned rather than allowed to
/// panic the generator.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) if is_ident(raw) && !matches!(raw, "crate" | "self" | "Self" | "super") => {
            Ident::new_raw(raw, Span::call_site())
        }
        None if is_ident(name) && !crate::naming::is_keyword(name) => {
            Ident::new(name, Span::call_site())
        }
        _ => {
            let cleaned = crate::naming::snake(name);
            match cleaned.strip_prefix("r#") {
                Some(raw) => Ident::new_raw(raw, Span::call_site()),
                None => Ident::new(&cleaned, Span::call_site()),
            }
        }
    }
}

/// `#[doc = ...]` lines for an item. `text` is Markdown the generator wrote, around spec text
/// made safe by [`crate::doc_text`]; the first line's indentation is kept (it may be a spec's).
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(trim).filter(|t| !t.is_empty()) else {
        return TokenStream::new();
    };
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#[doc = ...]` lines from a description, or `fallback` when there is none.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text.map(trim).filter(|t| !t.is_empty()) {
        Some(text) => doc(Some(text)),
        None => doc(Some(fallback)),
    }
}

/// `//!` module docs.
pub fn module_doc(text: &str) -> TokenStream {
    let lines = doc_lines(trim(text));
    quote!(#(#![doc = #lines])*)
}

/// `text` without leading blank lines and trailing white space.
fn trim(text: &str) -> &str {
    text.trim_end().trim_start_matches('\n')
}

/// The lines of a doc comment, each after a space (empty lines empty). Any character a comment
/// cannot hold (a carriage return, another control character) is left out, so no text can make
/// the file fail to compile.
fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line: String = line
                .chars()
                .filter(|c| {
                    !c.is_control()
                        && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                })
                .collect();
            let line = line.trim_end();
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// A path template as the client sends it: the literal text percent-encoded (UTF-8) except
/// for the characters a path may hold as they are (RFC 3986 unreserved and sub-delims, `:`, `@`
/// and `/`), so `/v1/café` is sent as `/v1/caf%C3%A9` and a `?` or `#` stays in the path;
/// `{placeholders}` are kept for the runtime to fill.
pub fn path_template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        if c == '{'
            && let Some(end) = rest.find('}')
        {
            out.push_str(&rest[..=end]);
            rest = &rest[end + 1..];
            continue;
        }
        let kept = c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c);
        push_char(&mut out, c, kept);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A path parameter as the runtime puts it in the path: every byte but the RFC 3986
/// unreserved characters percent-encoded.
pub fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        push_char(&mut out, c, c.is_ascii_alphanumeric() || "-._~".contains(c));
    }
    out
}

fn push_char(out: &mut String, c: char, kept: bool) {
    if kept {
        out.push(c);
    } else {
        let mut bytes = [0; 4];
        for byte in c.encode_utf8(&mut bytes).bytes() {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// The Rust type for a type reference.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    rust_type_in(ty, &BTreeSet::new(), &quote!(super))
}

/// The Rust type for a type reference in a module where the names in `shadowed` mean something
/// else (a resource handle named like a type): those are written through `api`, the API
/// module's path (`super::Name`, `crate::nirvana::Name`).
pub fn rust_type_in(ty: &TypeRef, shadowed: &BTreeSet<String>, api: &TokenStream) -> TokenStream {
    let rust_type = |ty: &TypeRef| rust_type_in(ty, shadowed, api);
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        TypeRef::UInt32 => quote!(u32),
        TypeRef::UInt64 => quote!(u64),
        TypeRef::Float64 => quote!(f64),
        TypeRef::DateTime => quote!(crate::runtime::DateTime),
        TypeRef::Date => quote!(crate::runtime::Date),
        TypeRef::Decimal => quote!(crate::runtime::Decimal),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(Option<#inner>)
        }
        TypeRef::Named(name) if shadowed.contains(name) => {
            let name = ident(name);
            quote!(#api::#name)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `#[cfg(...)]` for an item compiled only under `features` (all of them): nothing when empty.
pub fn cfg<'a>(features: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let features: BTreeSet<&str> = features.into_iter().collect();
    match features.len() {
        0 => TokenStream::new(),
        1 => {
            let feature = features.first();
            quote!(#[cfg(feature = #feature)])
        }
        _ => {
            let features = features.iter();
            quote!(#[cfg(all(#(feature = #features),*))])
        }
    }
}

/// `#[cfg(...)]` for an item compiled under any of `features`: nothing when empty.
fn any(features: &BTreeSet<String>) -> TokenStream {
    match features.len() {
        0 => TokenStream::new(),
        1 => cfg(features.iter().map(String::as_str)),
        _ => {
            let features = features.iter();
            quote!(#[cfg(any(#(feature = #features),*))])
        }
    }
}

/// The names a file imports, each with the features of the items that use it: an item
/// compiled only under a feature makes its imports conditional too, or they would be unused
/// without it.
#[derive(Default)]
pub struct Uses(BTreeMap<String, Option<BTreeSet<String>>>);

impl Uses {
    /// `name`, used by an item compiled under `feature` (`None`: always).
    pub fn add(&mut self, name: &str, feature: Option<&str>) {
        let entry = self
            .0
            .entry(name.to_owned())
            .or_insert_with(|| Some(BTreeSet::new()));
        match (entry.as_mut(), feature) {
            (Some(features), Some(feature)) => {
                features.insert(feature.to_owned());
            }
            _ => *entry = None,
        }
    }

    /// The named types in `ty`, used by an item compiled under `feature`.
    pub fn add_type(&mut self, ty: &TypeRef, feature: Option<&str>) {
        let mut names = BTreeSet::new();
        ty.collect_named(&mut names);
        for name in names {
            self.add(&name, feature);
        }
    }

    /// The `#[cfg(...)]` under which `name` is used: nothing if an item always compiled uses it.
    pub fn cfg_of(&self, name: &str) -> TokenStream {
        match self.0.get(name) {
            Some(Some(features)) => any(features),
            _ => TokenStream::new(),
        }
    }

    /// `use <from>::{A, B};` for the names used but not `defined` in the file, in one `use` per
    /// set of features (`#[cfg(any(...))]` when only some items use them).
    pub fn tokens(&self, from: TokenStream, defined: &BTreeSet<String>) -> TokenStream {
        let mut by_features: BTreeMap<Option<&BTreeSet<String>>, Vec<Ident>> = BTreeMap::new();
        for (name, features) in &self.0 {
            if !defined.contains(name) {
                let names = by_features.entry(features.as_ref()).or_default();
                // `self` (the module itself) goes first, as rustfmt puts it.
                match name.as_str() {
                    "self" => names.insert(0, Ident::new("self", Span::call_site())),
                    _ => names.push(ident(name)),
                }
            }
        }
        let uses = by_features.into_iter().map(|(features, names)| {
            let cfg = features.map(any).unwrap_or_default();
            match names.as_slice() {
                [name] => quote!(#cfg use #from::#name;),
                _ => quote!(#cfg use #from::{#(#names),*};),
            }
        });
        quote!(#(#uses)*)
    }
}

#[cfg(test)]
mod tests {
    use super::{path_segment, path_template};

    #[test]
    fn literal_path_text_is_percent_encoded_and_placeholders_kept() {
        assert_eq!(path_template("/v1/café/{id}"), "/v1/caf%C3%A9/{id}");
        assert_eq!(
            path_template("/v1/a b/x|y^z\\w/{id}:run@x"),
            "/v1/a%20b/x%7Cy%5Ez%5Cw/{id}:run@x"
        );
        assert_eq!(path_template("/v1/{unclosed"), "/v1/%7Bunclosed");
        assert_eq!(
            path_template("/v1.1/{project_id}/servers"),
            "/v1.1/{project_id}/servers"
        );
    }

    #[test]
    fn path_parameters_keep_only_unreserved_characters() {
        assert_eq!(path_segment("vm-1_a.b~c"), "vm-1_a.b~c");
        assert_eq!(path_segment("a/b c?é"), "a%2Fb%20c%3F%C3%A9");
    }
}

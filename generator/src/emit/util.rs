//! Small pieces every emitter uses: identifiers, doc attributes, Rust types for type
//! references, and the `use super::{..}` line a file needs.

use crate::model::TypeRef;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

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

/// `#[doc = ...]` lines for an item, from an optional spec description.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return TokenStream::new();
    };
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#[doc = ...]` lines from a description, or `fallback` when there is none.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => doc(Some(text)),
        None => doc(Some(fallback)),
    }
}

/// `//!` module docs.
pub fn module_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// The Rust type for a type reference.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    rust_type_in(ty, &BTreeSet::new())
}

/// The Rust type for a type reference in a module where the names in `shadowed` mean something
/// else (a resource handle named like a type): those are written `super::Name`.
pub fn rust_type_in(ty: &TypeRef, shadowed: &BTreeSet<String>) -> TokenStream {
    let rust_type = |ty: &TypeRef| rust_type_in(ty, shadowed);
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
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
        TypeRef::Named(name) if shadowed.contains(name) => {
            let name = ident(name);
            quote!(super::#name)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// Adds the named types `ty` refers to.
pub fn collect_named(ty: &TypeRef, into: &mut BTreeSet<String>) {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) => collect_named(inner, into),
        TypeRef::Named(name) => {
            into.insert(name.clone());
        }
        _ => {}
    }
}

/// `use super::{A, B};` for the named types a file uses but does not define.
pub fn use_super(used: &BTreeSet<String>, defined: &BTreeSet<String>) -> TokenStream {
    let names: Vec<Ident> = used.difference(defined).map(|n| ident(n)).collect();
    if names.is_empty() {
        TokenStream::new()
    } else {
        quote!(use super::{#(#names),*};)
    }
}

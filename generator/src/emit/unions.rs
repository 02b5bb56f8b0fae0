//! Emits unions: untagged ones, where the first member that decodes wins in spec order, and
//! those with a discriminator, where a field's value names the member.

use super::util::{Uses, cfg, doc_or, ident, rust_type};
use crate::model::{Api, TypeDecl, TypeKind, TypeRef, Union, UnionMember};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `unions.rs` file of an API module, or `None` if it has no unions.
pub fn file(api: &Api, part: super::Part) -> Option<TokenStream> {
    let mut uses = Uses::default();
    let mut defined = BTreeSet::new();
    let mut items = Vec::new();
    for decl in api.types.iter().filter(|d| part.holds(api, &d.rust)) {
        let TypeKind::Union(union) = &decl.kind else {
            continue;
        };
        let feature = part.gate(api.type_feature(&decl.rust));
        for member in union {
            uses.add_type(&member.ty, feature);
        }
        defined.insert(decl.rust.clone());
        items.push(match &union.discriminator {
            Some(field) => tagged(decl, union, field, &cfg(feature)),
            None => untagged(decl, union, &cfg(feature)),
        });
    }
    if items.is_empty() {
        return None;
    }
    let uses = uses.tokens(part.api_path(api), &defined);
    Some(quote! {
        #![doc = " Unions: a value is decoded as the first member type that fits, or as the member its discriminator field names."]
        #uses
        #(#items)*
    })
}

/// A member's type, in a `Box` where the union contains itself through it.
fn member_type(member: &UnionMember) -> TokenStream {
    let ty = rust_type(&member.ty);
    if member.boxed { quote!(Box<#ty>) } else { ty }
}

/// A union without a discriminator: serde's untagged enum, members tried in order. The model
/// has checked that an earlier member never takes a later member's value.
fn untagged(decl: &TypeDecl, union: &Union, cfg: &TokenStream) -> TokenStream {
    let name = ident(&decl.rust);
    let docs = doc_or(decl.doc.as_deref(), &format!("The `{}` type.", decl.rust));
    let variants = union.iter().map(|m| {
        let variant = ident(&m.rust);
        let ty = member_type(m);
        let text = format!(" The value as {}.", describe(&m.ty));
        let number = (m.ty == TypeRef::Float64)
            .then(|| quote!(#[serde(serialize_with = "crate::runtime::types::serialize_f64")]));
        quote!(#[doc = #text] #number #variant(#ty),)
    });
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// A union with a discriminator: the field's value names the member, which is decoded without
/// it and written back with it; a value this SDK does not know is kept in `Unknown`.
fn tagged(decl: &TypeDecl, union: &Union, field: &str, cfg: &TokenStream) -> TokenStream {
    let name = ident(&decl.rust);
    let docs = doc_or(
        decl.doc.as_deref(),
        &format!(
            "The `{}` type, told apart by its `{}` field.",
            decl.rust,
            code(field)
        ),
    );
    let idents: Vec<_> = union.iter().map(|m| ident(&m.rust)).collect();
    let tags: Vec<&str> = union
        .iter()
        .map(|m| m.tag.as_deref().unwrap_or_default())
        .collect();
    let variants = union.iter().zip(&idents).map(|(m, variant)| {
        let ty = member_type(m);
        let text = format!(
            " `{}` is `{}`: the value as {}.",
            code(field),
            code(m.tag.as_deref().unwrap_or_default()),
            describe(&m.ty)
        );
        quote!(#[doc = #text] #variant(#ty),)
    });
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the SDK does not know; it is sent back unchanged.
            Unknown(crate::runtime::UnknownMember),
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = crate::runtime::tagged::Tagged::read(deserializer, #field)?;
                match value.tag() {
                    #(#tags => value.member().map(Self::#idents),)*
                    _ => Ok(Self::Unknown(value.into_unknown())),
                }
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(value) => {
                        crate::runtime::tagged::serialize(serializer, #field, #tags, value)
                    })*
                    Self::Unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
    }
}

/// A wire value shown between backticks in docs: escaped, and without backticks of its own.
fn code(value: &str) -> String {
    let escaped = format!("{value:?}");
    let inner = &escaped[1..escaped.len() - 1];
    inner.replace('`', "'")
}

fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Bool => "a boolean".into(),
        TypeRef::Int32 | TypeRef::Int64 => "an integer".into(),
        TypeRef::UInt32 | TypeRef::UInt64 => "an integer of at least 0".into(),
        TypeRef::Float64 => "a number".into(),
        TypeRef::DateTime => "an RFC 3339 date-time".into(),
        TypeRef::Date => "a date".into(),
        TypeRef::Decimal => "a decimal string".into(),
        TypeRef::Json => "any JSON value".into(),
        TypeRef::List(inner) => format!("a list of {}", plural(inner)),
        TypeRef::Map(inner) => format!("a map of {}", plural(inner)),
        TypeRef::Named(name) => format!("[`{name}`]"),
        TypeRef::Nullable(inner) => format!("{} or null", describe(inner)),
    }
}

fn plural(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("[`{name}`] values"),
        TypeRef::Nullable(inner) => format!("{} (or null)", plural(inner)),
        other => format!(
            "{} values",
            describe(other)
                .trim_start_matches("a ")
                .trim_start_matches("an ")
        ),
    }
}

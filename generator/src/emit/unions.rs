//! Emits untagged unions: the first member that decodes wins, in spec order.

use super::util::{Uses, cfg, doc_or, ident, rust_type};
use crate::model::{Api, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `unions.rs` file of an API module, or `None` if it has no unions.
pub fn file(api: &Api) -> Option<TokenStream> {
    let mut uses = Uses::default();
    let mut defined = BTreeSet::new();
    let mut items = Vec::new();
    for decl in &api.types {
        let TypeKind::Union(members) = &decl.kind else {
            continue;
        };
        let feature = api.type_feature(&decl.rust);
        let cfg = cfg(feature);
        defined.insert(decl.rust.clone());
        let name = ident(&decl.rust);
        let docs = doc_or(decl.doc.as_deref(), &format!("The `{}` type.", decl.rust));
        let variants = members.iter().map(|m| {
            uses.add_type(&m.ty, feature);
            let variant = ident(&m.rust);
            let ty = rust_type(&m.ty);
            let ty = if m.boxed { quote!(Box<#ty>) } else { ty };
            let text = format!(" The value as {}.", describe(&m.ty));
            let number = (m.ty == TypeRef::Float64)
                .then(|| quote!(#[serde(serialize_with = "crate::runtime::types::serialize_f64")]));
            quote!(#[doc = #text] #number #variant(#ty),)
        });
        items.push(quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        });
    }
    if items.is_empty() {
        return None;
    }
    let uses = uses.tokens(quote!(super), &defined);
    Some(quote! {
        #![doc = " Untagged unions: a value is decoded as the first member type that fits."]
        #uses
        #(#items)*
    })
}

fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Bool => "a boolean".into(),
        TypeRef::Int32 | TypeRef::Int64 => "an integer".into(),
        TypeRef::Float64 => "a number".into(),
        TypeRef::DateTime => "an RFC 3339 date-time".into(),
        TypeRef::Date => "a date".into(),
        TypeRef::Decimal => "a decimal string".into(),
        TypeRef::Json => "any JSON value".into(),
        TypeRef::List(inner) => format!("a list of {}", plural(inner)),
        TypeRef::Map(inner) => format!("a map of {}", plural(inner)),
        TypeRef::Named(name) => format!("[`{name}`]"),
    }
}

fn plural(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("[`{name}`] values"),
        other => format!(
            "{} values",
            describe(other)
                .trim_start_matches("a ")
                .trim_start_matches("an ")
        ),
    }
}

//! Emits object types as structs and map types as aliases.

use super::util::{collect_named, doc_or, ident, rust_type, use_super};
use crate::model::{Api, FieldDecl, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `types.rs` file of an API module, or `None` if it has no objects or maps.
pub fn file(api: &Api) -> Option<TokenStream> {
    let mut used = BTreeSet::new();
    let mut defined = BTreeSet::new();
    let mut items = Vec::new();
    for decl in &api.types {
        let name = ident(&decl.rust);
        let docs = doc_or(decl.doc.as_deref(), &format!("The `{}` type.", decl.rust));
        match &decl.kind {
            TypeKind::Object(fields) => {
                let fields = fields.iter().map(|f| {
                    collect_named(&f.ty, &mut used);
                    field(f)
                });
                items.push(quote! {
                    #docs
                    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
                    pub struct #name {
                        #(#fields)*
                    }
                });
            }
            TypeKind::Map(value) => {
                collect_named(value, &mut used);
                let value = rust_type(value);
                items.push(quote! {
                    #docs
                    pub type #name = std::collections::BTreeMap<String, #value>;
                });
            }
            _ => continue,
        }
        defined.insert(decl.rust.clone());
    }
    if items.is_empty() {
        return None;
    }
    let uses = use_super(&used, &defined);
    Some(quote! {
        #![doc = " Object and map types."]
        #uses
        use serde::{Deserialize, Serialize};
        #(#items)*
    })
}

fn field(f: &FieldDecl) -> TokenStream {
    let docs = doc_or(f.doc.as_deref(), &format!("`{}`", f.wire));
    let name = ident(&f.rust);
    let mut ty = rust_type(&f.ty);
    if f.optional || f.nullable {
        ty = quote!(Option<#ty>);
    }
    let rename = (crate::naming::unraw(&f.rust) != f.wire).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let number = (f.ty == crate::model::TypeRef::Float64).then(|| {
        if f.optional || f.nullable {
            quote!(#[serde(serialize_with = "crate::runtime::types::serialize_f64_opt")])
        } else {
            quote!(#[serde(serialize_with = "crate::runtime::types::serialize_f64")])
        }
    });
    let skip = f
        .optional
        .then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
    quote! {
        #docs
        #rename
        #number
        #skip
        pub #name: #ty,
    }
}

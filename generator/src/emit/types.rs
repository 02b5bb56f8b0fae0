//! Emits object types as structs and map types as aliases (or, for a map that contains itself,
//! as a newtype struct: an alias cannot be defined by itself).

use super::util::{Uses, cfg, doc_or, ident, rust_type};
use crate::doc_text::code;
use crate::model::{Api, FieldDecl, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// `new` taking the required fields (or `Default` when none is) and a setter per optional
/// field, for an object type callers build.
fn builder(name: &proc_macro2::Ident, fields: &[FieldDecl]) -> (TokenStream, TokenStream) {
    let required: Vec<&FieldDecl> = fields.iter().filter(|f| !f.optional).collect();
    let setters = fields.iter().filter(|f| f.optional).map(|f| {
        let field = ident(&f.rust);
        let setter = ident(&f.setter);
        let ty = field_type(f);
        let docs = doc_or(None, &format!("Sets {}.", code(&f.wire)));
        if let Some(clear) = &f.clear {
            let clear = ident(clear);
            let clear_docs = doc_or(None, &format!("Sets {} to `null`.", code(&f.wire)));
            return quote! {
                #docs
                pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                    self.#field = Some(Some(value.into()));
                    self
                }

                #clear_docs
                pub fn #clear(mut self) -> Self {
                    self.#field = Some(None);
                    self
                }
            };
        }
        quote! {
            #docs
            pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                self.#field = Some(value.into());
                self
            }
        }
    });
    if required.is_empty() {
        let tokens = quote! {
            impl #name {
                #(#setters)*
            }
        };
        return (quote!(Default,), tokens);
    }
    let args = required.iter().map(|f| {
        let field = ident(&f.rust);
        let mut ty = field_type(f);
        if f.nullable {
            ty = quote!(Option<#ty>);
        }
        quote!(#field: impl Into<#ty>)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.rust);
        if f.optional {
            quote!(#field: None,)
        } else {
            quote!(#field: #field.into(),)
        }
    });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let tokens = quote! {
        impl #name {
            /// A value with the required fields set and every optional one unset.
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }

            #(#setters)*
        }
    };
    (TokenStream::new(), tokens)
}

/// The `types.rs` file of a part of an API module: its objects and maps that no request
/// takes (what answers hold), or `None` if it has none.
pub fn file(api: &Api, part: super::Part) -> Option<TokenStream> {
    of_part(api, part, false)
}

/// The `requests.rs` file of a part of an API module: its objects and maps a request takes,
/// which callers build (each with `new` and setters), or `None` if it has none.
pub fn requests(api: &Api, part: super::Part) -> Option<TokenStream> {
    of_part(api, part, true)
}

fn of_part(api: &Api, part: super::Part, requests: bool) -> Option<TokenStream> {
    let built = &api.requests;
    let mut uses = Uses::default();
    let mut defined = BTreeSet::new();
    let mut items = Vec::new();
    let here = api
        .types
        .iter()
        .filter(|d| part.holds(api, &d.rust) && built.contains(&d.rust) == requests);
    for decl in here {
        let name = ident(&decl.rust);
        let docs = doc_or(decl.doc.as_deref(), &format!("The `{}` type.", decl.rust));
        let feature = part.gate(api.type_feature(&decl.rust));
        let cfg = cfg(feature);
        match &decl.kind {
            TypeKind::Object(fields) => {
                // Setters are named apart from the constructor (`new_` for a field `new`).
                let (default, methods) = if built.contains(&decl.rust) {
                    let (default, methods) = builder(&name, fields);
                    (default, quote!(#cfg #methods))
                } else {
                    (TokenStream::new(), TokenStream::new())
                };
                let fields = fields.iter().map(|f| {
                    uses.add_type(&f.ty, feature);
                    field(f)
                });
                items.push(quote! {
                    #docs
                    #cfg
                    #[derive(Clone, Debug, #default PartialEq, serde::Serialize, serde::Deserialize)]
                    pub struct #name {
                        #(#fields)*
                    }

                    #methods
                });
            }
            TypeKind::Map { value, newtype } => {
                uses.add_type(value, feature);
                items.push(map(&name, value, *newtype, docs, cfg));
            }
            _ => continue,
        }
        defined.insert(decl.rust.clone());
    }
    if items.is_empty() {
        return None;
    }
    let uses = uses.tokens(part.api_path(api), &defined);
    let doc = if requests {
        " Object and map types requests take: build them with `new` and the setters."
    } else {
        " Object and map types the answers hold."
    };
    Some(quote! {
        #![doc = #doc]
        #uses
        #(#items)*
    })
}

/// A named map: a type alias, or a newtype struct if the map contains itself through named
/// maps only (an alias cannot be defined by itself).
fn map(
    name: &proc_macro2::Ident,
    value: &crate::model::TypeRef,
    newtype: bool,
    docs: TokenStream,
    cfg: TokenStream,
) -> TokenStream {
    let value = rust_type(value);
    if !newtype {
        return quote! {
            #docs
            #cfg
            pub type #name = std::collections::BTreeMap<String, #value>;
        };
    }
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(
            #[doc = " The entries, by key."]
            pub std::collections::BTreeMap<String, #value>,
        );
    }
}

/// The field's value type, boxed where the type is recursive.
fn field_type(f: &FieldDecl) -> TokenStream {
    let ty = rust_type(&f.ty);
    if f.boxed { quote!(Box<#ty>) } else { ty }
}

fn field(f: &FieldDecl) -> TokenStream {
    let docs = doc_or(f.doc.as_deref(), &code(&f.wire));
    let name = ident(&f.rust);
    let mut ty = field_type(f);
    if f.optional || f.nullable {
        ty = quote!(Option<#ty>);
    }
    // Absent, null or a value: `null` is kept, not turned into absent.
    let three_state = f.optional && f.nullable;
    if three_state {
        ty = quote!(Option<#ty>);
    }
    let rename = (crate::naming::unraw(&f.rust) != f.wire).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let number = (f.ty == crate::model::TypeRef::Float64).then(|| {
        let with = match (f.optional, f.nullable) {
            (true, true) => "crate::runtime::types::serialize_f64_nullable",
            (false, false) => "crate::runtime::types::serialize_f64",
            _ => "crate::runtime::types::serialize_f64_opt",
        };
        quote!(#[serde(serialize_with = #with)])
    });
    let skip = match (f.optional, three_state) {
        (true, true) => Some(quote! {
            #[serde(
                default,
                deserialize_with = "crate::runtime::types::deserialize_nullable",
                skip_serializing_if = "Option::is_none"
            )]
        }),
        (true, false) => Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")])),
        (false, _) => None,
    };
    let states = three_state.then(|| {
        quote! {
            #[doc = ""]
            #[doc = " `None`: absent; `Some(None)`: `null`; `Some(Some(value))`: a value."]
        }
    });
    quote! {
        #docs
        #states
        #rename
        #number
        #skip
        pub #name: #ty,
    }
}

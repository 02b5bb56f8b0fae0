//! Emits the parameters struct of each method that has non-positional inputs: public fields,
//! `new` taking the required ones (or `Default` when none is required), and a chainable setter
//! per optional field.

use super::util::{Uses, cfg, doc, doc_or, ident, rust_type};
use crate::doc_text::code;
use crate::model::{Api, Input, Method, ParamsStruct, Resource, visit_methods};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `params.rs` file of an API module, or `None` if no method has a parameters struct.
pub fn file(api: &Api, part: super::Part) -> Option<TokenStream> {
    let super::Part::Resource(index) = part else {
        return None;
    };
    let mut uses = Uses::default();
    let mut defined = BTreeSet::new();
    let mut items = Vec::new();
    visit_methods(
        std::slice::from_ref(&api.resources[index]),
        &mut |resource, method| {
            if let Some(params) = &method.params {
                let feature = part.gate(api.resource_feature(resource));
                defined.insert(params.rust.clone());
                for field in &params.fields {
                    uses.add_type(&field.ty, feature);
                }
                items.push(params_struct(
                    &api.module,
                    resource,
                    method,
                    params,
                    &cfg(feature),
                ));
            }
        },
    );
    if items.is_empty() {
        return None;
    }
    let uses = uses.tokens(part.api_path(api), &defined);
    Some(quote! {
        #![doc = " Parameters of the methods that take more than their path parameters."]
        #uses
        #(#items)*
    })
}

fn params_struct(
    module: &str,
    resource: &Resource,
    method: &Method,
    params: &ParamsStruct,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&params.rust);
    let method_name = crate::naming::unraw(&method.rust);
    // Linked through the API module's public `resources`, wherever this file sits.
    let summary = format!(
        " Parameters of [`{0}::{1}`](crate::{2}::resources::{0}::{1}).",
        resource.rust, method_name, module,
    );
    let fields = params.fields.iter().map(field_decl);
    let required: Vec<_> = params.fields.iter().filter(|f| f.required).collect();
    let setters = params.fields.iter().filter(|f| !f.required).map(|f| {
        let field = ident(&f.rust);
        let setter = ident(&f.setter);
        let ty = rust_type(&f.ty);
        let docs = doc(Some(&format!("Sets {}.", code(&f.wire))));
        if f.nullable {
            let clear = ident(&format!("clear_{}", crate::naming::unraw(&f.rust)));
            let clear_docs = doc(Some(&format!(
                "Sends {} as `null`, clearing its value.",
                code(&f.wire)
            )));
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
    let (derive_default, constructor) = if required.is_empty() {
        (quote!(Default,), TokenStream::new())
    } else {
        let args = required.iter().map(|f| {
            let field = ident(&f.rust);
            let ty = rust_type(&f.ty);
            quote!(#field: impl Into<#ty>)
        });
        let inits = params.fields.iter().map(|f| {
            let field = ident(&f.rust);
            if f.required {
                quote!(#field: #field.into(),)
            } else {
                quote!(#field: None,)
            }
        });
        // Every required value is an argument, however many there are.
        let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let constructor = quote! {
            /// Parameters with the required values set and every optional one unset.
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        };
        (TokenStream::new(), constructor)
    };
    let debug = redacting_debug(params, cfg);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    quote! {
        #[doc = #summary]
        #cfg
        #[derive(Clone, #derive_debug #derive_default PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        #cfg
        impl #name {
            #constructor
            #(#setters)*
        }

        #debug
    }
}

/// The declaration of one field of a parameters struct, with its docs.
fn field_decl(f: &Input) -> TokenStream {
    let docs = doc_or(f.doc.as_deref(), &code(&f.wire));
    let secret = f
        .secret
        .then(|| quote!(#[doc = ""] #[doc = " A secret: `Debug` output and logs show `***`."]));
    let field = ident(&f.rust);
    let ty = rust_type(&f.ty);
    let ty = match (f.required, f.nullable) {
        (true, _) => ty,
        (false, false) => quote!(Option<#ty>),
        // Unset, set to null, or set to a value.
        (false, true) => quote!(Option<Option<#ty>>),
    };
    quote!(#docs #secret pub #field: #ty,)
}

/// A `Debug` implementation that shows `***` for the value of each secret header, if the
/// parameters hold one (else `Debug` is derived).
fn redacting_debug(params: &ParamsStruct, cfg: &TokenStream) -> Option<TokenStream> {
    if !params.fields.iter().any(|f| f.secret) {
        return None;
    }
    let name = ident(&params.rust);
    let label = crate::naming::unraw(&params.rust);
    let fields = params.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let label = crate::naming::unraw(&f.rust);
        match (f.secret, f.required) {
            (false, _) => quote!(.field(#label, &self.#field)),
            (true, true) => quote!(.field(#label, &"***")),
            (true, false) => quote!(.field(#label, &self.#field.as_ref().map(|_| "***"))),
        }
    });
    Some(quote! {
        #cfg
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    })
}

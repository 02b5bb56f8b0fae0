//! Emits the resource handles (`client.compute().vms()`) and their methods. Each method is a
//! straight chain: build the request from its inputs, hand it to the runtime.

use super::util::{collect_named, doc, ident, rust_type_in, use_super};
use crate::model::{Api, HttpMethod, Input, InputKind, Method, Resource, Response};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `resources.rs` file of an API module.
pub fn file(api: &Api) -> TokenStream {
    let mut handle_names = BTreeSet::new();
    collect_handles(&api.resources, &mut handle_names);
    let mut used = BTreeSet::new();
    let mut items = Vec::new();
    handles(&api.resources, &mut items, &mut used, &handle_names);
    used.insert("Client".to_owned());
    // Types named like a handle are written `super::Name` instead of being imported.
    let uses = use_super(&used, &handle_names);
    let runtime_page = contains_page(&api.resources).then(|| {
        quote!(
            use crate::runtime::CursorPage;
        )
    });
    let runtime = has_methods(&api.resources).then(|| {
        quote! {
            use crate::runtime::Result;
            use crate::runtime::request::Request;
            use reqwest::Method;
        }
    });
    quote! {
        #![doc = " Resource handles. Get one from [`Client`] and call its methods."]
        #uses
        #runtime_page
        #runtime
        #(#items)*
    }
}

fn collect_handles(resources: &[Resource], into: &mut BTreeSet<String>) {
    for resource in resources {
        into.insert(resource.rust.clone());
        collect_handles(&resource.children, into);
    }
}

fn has_methods(resources: &[Resource]) -> bool {
    resources
        .iter()
        .any(|r| !r.methods.is_empty() || has_methods(&r.children))
}

fn contains_page(resources: &[Resource]) -> bool {
    resources.iter().any(|r| {
        r.methods
            .iter()
            .any(|m| matches!(m.response, Response::CursorPage { .. }))
            || contains_page(&r.children)
    })
}

/// A method of a parent (the client or a resource) that returns the handle of `child`.
pub fn accessor(child: &Resource, lifetime: TokenStream, client: TokenStream) -> TokenStream {
    let name = ident(&child.accessor);
    let handle = ident(&child.rust);
    let text = match child.doc.as_deref() {
        Some(d) => d.to_owned(),
        None => format!("The `{}` resource.", child.path),
    };
    let docs = doc(Some(&text));
    quote! {
        #docs
        pub fn #name(&self) -> #handle<#lifetime> {
            #handle { client: #client }
        }
    }
}

fn handles(
    resources: &[Resource],
    items: &mut Vec<TokenStream>,
    used: &mut BTreeSet<String>,
    shadowed: &BTreeSet<String>,
) {
    for resource in resources {
        let name = ident(&resource.rust);
        let docs = doc(Some(
            resource
                .doc
                .as_deref()
                .unwrap_or(&format!("The `{}` resource.", resource.path)),
        ));
        let children = resource
            .children
            .iter()
            .map(|c| accessor(c, quote!('a), quote!(self.client)));
        let methods = resource.methods.iter().map(|m| method(m, used, shadowed));
        items.push(quote! {
            #docs
            #[derive(Clone, Copy, Debug)]
            pub struct #name<'a> {
                pub(crate) client: &'a Client,
            }

            impl<'a> #name<'a> {
                #(#children)*
                #(#methods)*
            }
        });
        handles(&resource.children, items, used, shadowed);
    }
}

/// How an argument is declared and how its value is passed to the request builder.
fn argument(
    input: &Input,
    used: &mut BTreeSet<String>,
    shadowed: &BTreeSet<String>,
) -> (TokenStream, TokenStream) {
    let rust_type = |ty: &crate::model::TypeRef| rust_type_in(ty, shadowed);
    collect_named(&input.ty, used);
    let name = ident(&input.rust);
    let by_ref = input.ty.is_string() || input.kind == InputKind::Body;
    let ty = match (&input.kind, input.ty.is_string(), input.required) {
        (InputKind::Body, _, _) => {
            let ty = rust_type(&input.ty);
            quote!(&#ty)
        }
        (_, true, true) => quote!(&str),
        (_, true, false) => quote!(Option<&str>),
        (_, false, true) => rust_type(&input.ty),
        (_, false, false) => {
            let ty = rust_type(&input.ty);
            quote!(Option<#ty>)
        }
    };
    let value = if (by_ref && input.required) || input.kind == InputKind::Path {
        quote!(#name)
    } else {
        quote!(&#name)
    };
    (quote!(#name: #ty), value)
}

/// The builder call that puts one input into the request.
fn put(input: &Input, value: TokenStream) -> TokenStream {
    let wire = &input.wire;
    match input.kind {
        InputKind::Path if input.ty.is_string() => quote!(.path_param(#wire, #value)),
        InputKind::Path => quote!(.path_param(#wire, &#value.to_string())),
        InputKind::Query => quote!(.query(#wire, #value)),
        InputKind::Header => quote!(.header(#wire, #value)),
        InputKind::BodyField if input.required => quote!(.body_field(#wire, #value)),
        InputKind::BodyField => quote!(.body_field_opt(#wire, #value)),
        InputKind::Body => quote!(.json(#value)),
    }
}

fn method(m: &Method, used: &mut BTreeSet<String>, shadowed: &BTreeSet<String>) -> TokenStream {
    let rust_type = |ty: &crate::model::TypeRef| rust_type_in(ty, shadowed);
    let name = ident(&m.rust);
    let verb = match m.http {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
    };
    let verb_ident = ident(verb);
    let path = &m.path;
    let mut text = m.doc.clone().unwrap_or_default();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!("Sends `{verb} {path}`."));
    let docs = doc(Some(&text));

    let mut params = Vec::new();
    let mut calls = Vec::new();
    for client_param in &m.client_path_params {
        let field = ident(&crate::naming::snake(client_param));
        calls.push(quote!(.path_param(#client_param, &self.client.#field)));
    }
    for input in &m.args {
        let (param, value) = argument(input, used, shadowed);
        params.push(param);
        calls.push(put(input, value));
    }
    if let Some(p) = &m.params {
        let ty = rust_type(&crate::model::TypeRef::Named(p.rust.clone()));
        used.insert(p.rust.clone());
        params.push(quote!(params: #ty));
        for field in &p.fields {
            collect_named(&field.ty, used);
            let f = ident(&field.rust);
            calls.push(put(field, quote!(&params.#f)));
        }
    }
    if let Some(key) = &m.wrap {
        calls.push(quote!(.wrap_body(#key)));
    }
    let (output, send) = match &m.response {
        Response::Empty => (
            quote!(()),
            quote!(self.client.transport.send_empty(request).await),
        ),
        Response::Json(ty) => {
            collect_named(ty, used);
            let ty = rust_type(ty);
            (ty, quote!(self.client.transport.send(request).await))
        }
        Response::CursorPage { item, cursor_param } => {
            collect_named(item, used);
            let item = rust_type(item);
            (
                quote!(CursorPage<#item>),
                quote!(CursorPage::fetch(self.client.transport.clone(), request, #cursor_param).await),
            )
        }
    };
    quote! {
        #docs
        pub async fn #name(&self, #(#params),*) -> Result<#output> {
            let request = Request::new(Method::#verb_ident, #path)
                #(#calls)*;
            #send
        }
    }
}

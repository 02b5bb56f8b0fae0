//! Emits the resource handles (`client.compute().vms()`) and their methods. Each method is a
//! straight chain: build the request from its inputs, hand it to the runtime.

use super::Part;
use super::util::{Uses, cfg, doc, ident, rust_type_in};
use crate::doc_text::code;
use crate::model::{Api, Input, InputKind, ListPaging, Method, NextMarker, Resource, Response};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `resources.rs` file of a part of an API module: in a resource's module, the handles of
/// the resource and its sub-resources with their methods; at the API module's root, the
/// re-export of every resource's handles (`nirvana::resources::ComputeVms`). `None` if the API
/// has no resources.
pub fn file(api: &Api, part: Part) -> Option<TokenStream> {
    let Part::Resource(index) = part else {
        return reexports(api);
    };
    let resources = std::slice::from_ref(&api.resources[index]);
    let mut emitter = Emitter {
        from: part.api_path(api),
        shadowed: BTreeSet::new(),
        waitable: api.waiters.iter().map(|w| w.waited.clone()).collect(),
        uses: Uses::default(),
        runtime: Uses::default(),
    };
    collect_handles(resources, &mut emitter.shadowed);
    let mut items = Vec::new();
    emitter.handles(resources, &mut items);
    // Items of the API module named like a handle are written with the module's path instead
    // of being imported; the runtime's other items through their modules (`call::json`).
    let uses = emitter.uses.tokens(emitter.from.clone(), &emitter.shadowed);
    let runtime = emitter
        .runtime
        .tokens(quote!(crate::runtime), &BTreeSet::new());
    let docs = format!(
        " The handles of the {} resource. Get one from [`Client`] and call its methods.",
        code(&api.resources[index].path)
    );
    Some(quote! {
        #![doc = #docs]
        #uses
        #runtime
        #(#items)*
    })
}

/// The API module's `resources`: every resource's handles, from its module.
fn reexports(api: &Api) -> Option<TokenStream> {
    if api.resources.is_empty() {
        return None;
    }
    let modules = api.resources.iter().map(|r| {
        let module = ident(&r.module);
        let cfg = cfg(api.resource_feature(r));
        quote!(#cfg pub use super::#module::resources::*;)
    });
    Some(quote! {
        #![doc = " Resource handles. Get one from [`Client`](super::Client) and call its methods."]
        #(#modules)*
    })
}

/// What emitting the handles needs to know and collects.
struct Emitter {
    /// The API module's path, which items are imported from.
    from: TokenStream,
    /// Handle names: types of the same name are written through `from`.
    shadowed: BTreeSet<String>,
    /// Types that have a waiter.
    waitable: BTreeSet<String>,
    /// Names the file uses from the API module.
    uses: Uses,
    /// Runtime modules it uses (`call`, `pagination`, `request`).
    runtime: Uses,
}

fn collect_handles(resources: &[Resource], into: &mut BTreeSet<String>) {
    for resource in resources {
        into.insert(resource.rust.clone());
        collect_handles(&resource.children, into);
    }
}

/// The runtime `Paging` value of a list.
fn paging_tokens(paging: &ListPaging) -> TokenStream {
    let option = |value: &Option<String>| match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    match paging {
        ListPaging::PageNumber {
            items,
            page_param,
            limit_param,
            total,
        } => {
            let total = option(total);
            quote!(pagination::Paging::PageNumber {
                items: #items,
                page_param: #page_param,
                limit_param: #limit_param,
                total: #total,
            })
        }
        ListPaging::Marker {
            items,
            marker_param,
            next_marker,
            limit_param,
            links,
        } => {
            let links = option(links);
            let next_marker = match next_marker {
                NextMarker::ItemField(field) => {
                    quote!(pagination::NextMarker::ItemField(#field))
                }
                NextMarker::ResponseField(path) => {
                    quote!(pagination::NextMarker::ResponseField(#path))
                }
            };
            quote!(pagination::Paging::Marker {
                items: #items,
                marker_param: #marker_param,
                next_marker: #next_marker,
                limit_param: #limit_param,
                links: #links,
            })
        }
    }
}

/// A method of a parent (the client or a resource) that returns the handle of `child`, whose
/// type is written `handles::Name` (`handles` is empty inside `resources.rs`).
pub fn accessor(
    child: &Resource,
    lifetime: TokenStream,
    client: TokenStream,
    handles: TokenStream,
) -> TokenStream {
    let name = ident(&child.accessor);
    let handle = ident(&child.rust);
    let handle = quote!(#handles #handle);
    let text = match child.doc.as_deref() {
        Some(d) => d.to_owned(),
        None => format!("The {} resource.", code(&child.path)),
    };
    let docs = doc(Some(&text));
    quote! {
        #docs
        pub fn #name(&self) -> #handle<#lifetime> {
            #handle { client: #client }
        }
    }
}

impl Emitter {
    fn rust_type(&self, ty: &crate::model::TypeRef) -> TokenStream {
        rust_type_in(ty, &self.shadowed, &self.from)
    }

    /// Records that the current resource's code uses the runtime module `module`.
    fn runtime(&mut self, module: &str) {
        self.runtime.add(module, None);
    }

    /// An item of the API module (`Client`, `Call`...) as the file names it: imported, or
    /// `super::Name` where a handle has its name.
    fn module_item(&mut self, name: &str) -> TokenStream {
        let item = ident(name);
        if self.shadowed.contains(name) {
            let from = &self.from;
            quote!(#from::#item)
        } else {
            self.uses.add(name, None);
            quote!(#item)
        }
    }

    fn handles(&mut self, resources: &[Resource], items: &mut Vec<TokenStream>) {
        for resource in resources {
            let client = self.module_item("Client");
            let name = ident(&resource.rust);
            let docs =
                doc(Some(resource.doc.as_deref().unwrap_or(&format!(
                    "The {} resource.",
                    code(&resource.path)
                ))));
            let children = resource
                .children
                .iter()
                .map(|c| accessor(c, quote!('a), quote!(self.client), TokenStream::new()));
            let methods: Vec<_> = resource.methods.iter().map(|m| self.method(m)).collect();
            items.push(quote! {
                #docs
                #[derive(Clone, Copy, Debug)]
                pub struct #name<'a> {
                    pub(crate) client: &'a #client,
                }

                impl<'a> #name<'a> {
                    #(#children)*
                    #(#methods)*
                }
            });
            self.handles(&resource.children, items);
        }
    }

    /// How an argument is declared and how its value is passed to the request builder.
    fn argument(&mut self, input: &Input) -> (TokenStream, TokenStream) {
        let name = ident(&input.rust);
        if input.kind == InputKind::RawBody {
            // Bytes, a `Vec<u8>`, a `String` or a `&'static str`, held without a copy.
            return (quote!(#name: impl Into<bytes::Bytes>), quote!(#name));
        }
        self.uses.add_type(&input.ty, None);
        let by_ref = input.ty.is_string() || input.kind == InputKind::Body;
        let ty = match (&input.kind, input.ty.is_string(), input.required) {
            (InputKind::Body, _, _) => {
                let ty = self.rust_type(&input.ty);
                quote!(&#ty)
            }
            (_, true, true) => quote!(&str),
            (_, true, false) => quote!(Option<&str>),
            (_, false, true) => self.rust_type(&input.ty),
            (_, false, false) => {
                let ty = self.rust_type(&input.ty);
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
}

/// The builder call that puts one input into the request; `raw_body` is the method's raw
/// body content type, if it has one.
fn put(input: &Input, value: TokenStream, raw_body: Option<&str>) -> TokenStream {
    let wire = &input.wire;
    match input.kind {
        InputKind::Query if input.joined => quote!(.query_joined(#wire, #value)),
        InputKind::Path if input.ty.is_string() => quote!(.path_param(#wire, #value)),
        InputKind::Path => quote!(.path_param(#wire, &#value.to_string())),
        InputKind::Query => quote!(.query(#wire, #value)),
        InputKind::Header if input.secret => quote!(.secret_header(#wire, #value)),
        InputKind::Header => quote!(.header(#wire, #value)),
        InputKind::BodyField if input.required => quote!(.body_field(#wire, #value)),
        InputKind::BodyField => quote!(.body_field_opt(#wire, #value)),
        InputKind::Body => quote!(.json(#value)),
        InputKind::RawBody => {
            let content_type = raw_body.unwrap_or("application/octet-stream");
            quote!(.raw(#content_type, #value))
        }
    }
}

impl Emitter {
    /// The doc comment of a method: the spec's text, the route (and the vendor's name for the
    /// operation), whether it is idempotent, and how to wait for the work it starts.
    fn method_doc(&self, m: &Method) -> TokenStream {
        let mut text = m.doc.as_deref().unwrap_or_default().to_owned();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let route = format!("{} {}", m.http.as_str(), m.path);
        text.push_str(&format!("Sends {}", code(&route)));
        match &m.operation {
            // The name to look for in the vendor's API reference and SDKs.
            Some(operation) => text.push_str(&format!(" (operation {}).", code(operation))),
            None => text.push('.'),
        }
        if let Some(content_type) = &m.raw_body {
            text.push_str(&format!(
                " `body` is sent as it is given, as {}.",
                code(content_type)
            ));
        }
        if m.form {
            text.push_str(" The body is a form (`application/x-www-form-urlencoded`).");
        }
        match m.response {
            Response::Bytes => text.push_str(" Answers the body's bytes as they came."),
            Response::Text => {
                text.push_str(" Answers the body as text (UTF-8, else `Error::Text`).")
            }
            _ => {}
        }
        if let Some(header) = &m.idempotency_header {
            text.push_str(&format!(
                " Idempotent: unless `{header}` is given, a key is generated and every retry sends it."
            ));
        } else if m.idempotent {
            text.push_str(" Idempotent: safe to send twice, so it is retried like a `GET`.");
        }
        if let Response::Json(crate::model::TypeRef::Named(ty)) = &m.response
            && self.waitable.contains(ty)
        {
            // A link through the API module's path: the handles may sit in a resource's module.
            let api = self.from.to_string().replace(' ', "");
            text.push_str(&format!(
                "\n\nWait for the work to finish with [`{ty}::wait`]({api}::{ty}::wait)."
            ));
        }
        doc(Some(&text))
    }

    fn method(&mut self, m: &Method) -> TokenStream {
        let call = self.module_item("Call");
        self.runtime("request");
        let name = ident(&m.rust);
        let verb_ident = ident(m.http.as_str());
        let path = super::util::path_template(&m.path);
        let docs = self.method_doc(m);

        let mut params = Vec::new();
        let mut calls = Vec::new();
        if m.inputs().any(|input| input.kind == InputKind::BodyField) {
            // An all-optional body is `{}` when nothing is set, not absent.
            calls.push(quote!(.json_object()));
        }
        for client_param in &m.client_path_params {
            let field = ident(&crate::naming::snake(client_param));
            calls.push(quote!(.path_param(#client_param, &self.client.#field)));
        }
        for input in &m.args {
            let (param, value) = self.argument(input);
            params.push(param);
            calls.push(put(input, value, m.raw_body.as_deref()));
        }
        if let Some(p) = &m.params {
            let ty = self.rust_type(&crate::model::TypeRef::Named(p.rust.clone()));
            self.uses.add(&p.rust, None);
            params.push(quote!(params: #ty));
            // Field types are named in params.rs; here only the struct is.
            for field in &p.fields {
                let f = ident(&field.rust);
                calls.push(put(field, quote!(&params.#f), None));
            }
        }
        match &m.wrap {
            Some(key) if m.wrap_null => calls.push(quote!(.wrap_null(#key))),
            Some(key) => calls.push(quote!(.wrap_body(#key))),
            None => {}
        }
        if m.form {
            calls.push(quote!(.form()));
        }
        if let Some(header) = &m.idempotency_header {
            calls.push(quote!(.idempotency_key_header(#header)));
            let prefix = &m.idempotency_prefix;
            if !prefix.is_empty() {
                calls.push(quote!(.idempotency_key_prefix(#prefix)));
            }
        }
        if m.idempotent {
            calls.push(quote!(.idempotent()));
        }
        let (output, decoder) = self.output(m, &mut calls);
        // Every path parameter is an argument, however many there are.
        let many = (params.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #docs
            #many
            pub fn #name(&self, #(#params),*) -> #call<#output> {
                let request = request::Request::new(reqwest::Method::#verb_ident, #path)
                    #(#calls)*;
                #call::new(self.client.transport.clone(), request, #decoder)
            }
        }
    }

    /// The type a method's call yields and the decoder that makes it, adding the paging
    /// settings of a list to `calls`.
    fn output(&mut self, m: &Method, calls: &mut Vec<TokenStream>) -> (TokenStream, TokenStream) {
        match &m.response {
            Response::Empty => {
                self.runtime("call");
                (quote!(()), quote!(call::empty))
            }
            Response::Json(ty) => {
                self.runtime("call");
                self.uses.add_type(ty, None);
                (self.rust_type(ty), quote!(call::json))
            }
            // Any content type will do: the default `Accept: application/json` is replaced.
            Response::Bytes => {
                self.runtime("call");
                calls.push(quote!(.header("accept", "*/*")));
                (quote!(bytes::Bytes), quote!(call::bytes))
            }
            Response::Text => {
                self.runtime("call");
                calls.push(quote!(.header("accept", "*/*")));
                (quote!(String), quote!(call::text))
            }
            Response::List { item, paging } => {
                self.runtime("pagination");
                let page = self.module_item("ListPage");
                self.uses.add_type(item, None);
                let paging = paging_tokens(paging);
                calls.push(quote!(.paging(#paging)));
                let item = self.rust_type(item);
                (quote!(#page<#item>), quote!(pagination::list_page))
            }
            Response::CursorPage { item, cursor_param } => {
                self.runtime("pagination");
                let page = self.module_item("CursorPage");
                self.uses.add_type(item, None);
                calls.push(quote!(.cursor_param(#cursor_param)));
                let item = self.rust_type(item);
                (quote!(#page<#item>), quote!(pagination::cursor_page))
            }
        }
    }
}

//! Emits `Client` and `ClientBuilder`: credentials, base URL (with its template variables),
//! client-level parameters, environment variables, and the top-level resource accessors.

use super::resources::accessor;
use super::util::{cfg, doc, ident};
use crate::doc_text::{Doc, code, inline};
use crate::model::{Api, ClientValue};
use proc_macro2::TokenStream;
use quote::quote;

/// The `client.rs` file of an API module.
pub fn file(api: &Api) -> TokenStream {
    let base_url = &api.base_url;
    let needs_error = !api.auth.is_empty() || !api.client_params.is_empty();
    let runtime_items = [
        needs_error.then(|| quote!(Error)),
        Some(quote!(Result)),
        (!api.auth.is_empty()).then(|| quote!(Secret)),
    ];
    let runtime_items = runtime_items.iter().flatten();
    let client = client_item(api);
    let builder = builder_item(api);
    quote! {
        #![doc = " The client: configuration, credentials, and the entry points to every resource."]
        use crate::runtime::retry::RetryPolicy;
        use crate::runtime::transport::{Auth, BaseUrl, Options, Settings, Transport, render_base_url};
        use crate::runtime::{#(#runtime_items),*};
        use std::sync::Arc;
        use std::time::Duration;

        /// The default base URL.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        #client
        #builder
    }
}

/// `Client`: its doc with an example, the struct, the constructors, the getters of client
/// parameters and the accessors of the top-level resources.
fn client_item(api: &Api) -> TokenStream {
    let accessors = api.resources.iter().map(|r| {
        let cfg = cfg(api.resource_feature(r));
        // Handles are written with their path: this file imports no spec name.
        let accessor = accessor(r, quote!('_), quote!(self), quote!(super::resources::));
        quote!(#cfg #accessor)
    });
    let client_fields = api.client_params.iter().map(|p| {
        let name = ident(&p.rust);
        quote!(pub(crate) #name: String,)
    });
    let client_getters = api.client_params.iter().map(|p| {
        let name = ident(&p.rust);
        let docs = doc(Some(&format!(
            "The {} this client sends with every request.",
            code(&p.wire)
        )));
        quote!(#docs pub fn #name(&self) -> &str { &self.#name })
    });
    let client_doc = doc(Some(&format!(
        "A client for the {}. Cheap to clone; clones share connections.",
        inline(&api.title)
    )));
    let example_lines = example(api);
    let example_lines = example_lines.lines().map(|l| quote!(#[doc = #l]));
    quote! {
        #client_doc
        ///
        #(#example_lines)*
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) transport: Arc<Transport>,
            #(#client_fields)*
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A client configured from the environment variables alone.
            pub fn from_env() -> Result<Self> {
                ClientBuilder::from_env().build()
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.transport.base_url()
            }

            #(#client_getters)*
            #(#accessors)*
        }
    }
}

/// The doctest in the docs of `Client`: a client built with example credentials and values.
fn example(api: &Api) -> String {
    let mut example = String::from("let client = Client::builder()");
    if let Some(call) = super::auth::example_call(api, "my") {
        example.push_str(&format!("\n     {call}"));
    }
    for value in api.url_params.iter().chain(&api.client_params) {
        // `{:?}`: a Rust string literal, whatever characters the spec's name holds.
        example.push_str(&format!(
            "\n     .{}({:?})",
            value.rust,
            format!("my-{}", value.wire.replace('_', "-"))
        ));
    }
    example.push_str("\n     .build()?;");
    format!(
        " ```\n # fn main() -> Result<(), {krate}::Error> {{\n use {krate}::{}::Client;\n\n {example}\n # let _ = client;\n # Ok(())\n # }}\n ```",
        api.module,
        krate = api.krate.ident(),
    )
}

/// `ClientBuilder`: the struct and its methods.
fn builder_item(api: &Api) -> TokenStream {
    let values: Vec<&ClientValue> = api.url_params.iter().chain(&api.client_params).collect();
    let value_fields = values.iter().map(|v| {
        let name = ident(&v.rust);
        quote!(#name: Option<String>,)
    });
    let value_setters = values.iter().map(|v| {
        let name = ident(&v.rust);
        let docs = doc(Some(&setter_doc(
            v.doc.as_ref(),
            &code(&v.wire),
            v.env.as_deref(),
        )));
        quote! {
            #docs
            pub fn #name(mut self, value: impl Into<String>) -> Self {
                self.#name = Some(value.into());
                self
            }
        }
    });
    let value_envs = values.iter().filter_map(|v| {
        let name = ident(&v.rust);
        let env = v.env.as_ref()?;
        Some(quote!(if let Ok(value) = std::env::var(#env) { self.#name = Some(value); }))
    });
    let auth = super::auth::parts(api);
    let (auth_fields, auth_setters, auth_envs) = (&auth.fields, &auth.setters, &auth.from_env);
    let base_url_env = api.base_url_env.as_ref().map(
        |env| quote!(if let Ok(value) = std::env::var(#env) { self.base_url = Some(BaseUrl::from(value)); }),
    );
    let env_note = env_summary(api);
    let with_env_self = if env_note.is_empty() {
        quote!(self)
    } else {
        quote!(mut self)
    };
    let builder_doc = doc(Some(&format!(
        "Configures a [`Client`] for the {}.{env_note}",
        inline(&api.title)
    )));
    let options = option_setters(api);
    let build = build_fn(api, &auth.choose);
    quote! {
        #builder_doc
        #[derive(Clone, Debug, Default)]
        pub struct ClientBuilder {
            #(#auth_fields)*
            base_url: Option<BaseUrl>,
            #(#value_fields)*
            options: Options,
        }

        impl ClientBuilder {
            /// A builder with every value found in the environment already set.
            pub fn from_env() -> Self {
                Self::default().with_env()
            }

            /// Sets every value found in the environment, replacing values set before.
            pub fn with_env(#with_env_self) -> Self {
                #(#auth_envs)*
                #base_url_env
                #(#value_envs)*
                self
            }

            #(#auth_setters)*

            /// Sends requests to this base URL instead of the default one. It must not carry a
            /// user name or password; `Debug` output never shows them.
            pub fn base_url(mut self, value: impl Into<String>) -> Self {
                self.base_url = Some(BaseUrl::from(value.into()));
                self
            }

            #(#value_setters)*
            #options
            #build
        }
    }
}

/// `ClientBuilder::build`: the base URL, the credentials, the required values, the settings.
fn build_fn(api: &Api, choose_auth: &TokenStream) -> TokenStream {
    let template_vars = api.url_params.iter().map(|p| {
        let wire = &p.wire;
        let name = ident(&p.rust);
        let hint = match &p.env {
            Some(env) => format!("call `.{}(..)` or set {env}", p.rust),
            None => format!("call `.{}(..)`", p.rust),
        };
        quote!((#wire, self.#name.as_deref(), #hint))
    });
    let required_values = api.client_params.iter().map(|p| {
        let name = ident(&p.rust);
        let how = match &p.env {
            Some(env) => format!("`{}` is required: call `.{}(..)` or set {env}", p.wire, p.rust),
            None => format!("`{}` is required: call `.{}(..)`", p.wire, p.rust),
        };
        quote!(let #name = self.#name.filter(|v| !v.is_empty()).ok_or_else(|| Error::Config(#how.to_owned()))?;)
    });
    let default_headers = api.client_params.iter().filter_map(|p| {
        let name = ident(&p.rust);
        let header = p.header.as_ref()?;
        Some(quote!((#header, #name.clone())))
    });
    let client_inits = api.client_params.iter().map(|p| ident(&p.rust));
    let errors = error_format(api);
    let statuses = api
        .unprocessed_statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
    quote! {
        /// Builds the client, checking the base URL, the credentials, the required values and
        /// the options.
        pub fn build(self) -> Result<Client> {
            let base_url = match self.base_url {
                Some(url) => url.into_string(),
                None => render_base_url(DEFAULT_BASE_URL, &[#(#template_vars),*])?,
            };
            #choose_auth
            #(#required_values)*
            let transport = Transport::new(Settings {
                base_url,
                auth,
                default_headers: vec![#(#default_headers),*],
                user_agent: USER_AGENT.to_owned(),
                errors: #errors,
                unprocessed_statuses: &[#(#statuses),*],
                options: self.options,
            })?;
            Ok(Client { transport: Arc::new(transport), #(#client_inits),* })
        }
    }
}

/// What is retried, as the docs of the retry setters say: the runtime's rule, with the API's
/// `unprocessed_statuses`.
fn retry_rule(api: &Api) -> String {
    let mut statuses = vec![429, 503];
    statuses.extend(&api.unprocessed_statuses);
    statuses.sort_unstable();
    let mut listed: Vec<String> = statuses.iter().map(u16::to_string).collect();
    let last = listed.pop().unwrap_or_default();
    format!(
        "A request that is idempotent (`GET`, `PUT`, `DELETE`, or a `POST` or `PATCH` the API \
         marks idempotent or that carries an idempotency key) is retried after connection \
         errors, timeouts, 408, 409, 429 and 5xx. Any other request is retried only when it \
         never reached the server (a connect or DNS failure) or the server answered {} or \
         {last}, saying it did nothing; never after a timeout or a reset, which may have left \
         it half done. A server's `x-should-retry: true` or `false` overrides both.",
        listed.join(", ")
    )
}

/// `text` with line breaks between words, so that no line is longer than `width` (unless one
/// word is).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// The setters of the options every builder has: timeouts, retries, limits, HTTP client.
fn option_setters(api: &Api) -> TokenStream {
    let retries_doc = doc(Some(&format!(
        "How many times a failed call is retried (default 2).\n\n{}",
        wrap(&retry_rule(api), 92)
    )));
    quote! {
        /// The time one attempt may take, from sending to reading the whole response
        /// (default 60 seconds). A timed-out attempt is retried only if the request is
        /// idempotent (see [`ClientBuilder::max_retries`]).
        pub fn timeout(mut self, value: Duration) -> Self {
            self.options.timeout = Some(value);
            self
        }

        /// A time limit for every call as a whole: its attempts and the backoffs between them
        /// together (none by default). When it passes, the call ends with
        /// [`Error::DeadlineExceeded`](crate::Error::DeadlineExceeded), or with the last
        /// attempt's error when a retry could not start in time; attempt timeouts are cut to
        /// fit. [`Call::deadline`](crate::runtime::Call::deadline) sets one for a single call.
        pub fn deadline(mut self, value: Duration) -> Self {
            self.options.deadline = Some(value);
            self
        }

        /// The largest response body accepted, in bytes (default 32 MiB). A larger one ends the
        /// call with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge).
        pub fn max_response_size(mut self, bytes: u64) -> Self {
            self.options.max_response_size = Some(bytes);
            self
        }

        #retries_doc
        pub fn max_retries(mut self, value: u32) -> Self {
            self.options.retry.max_retries = value;
            self
        }

        /// The whole retry policy: retries, backoff (0.5 s doubling up to 8 s, minus up to
        /// 25% jitter) and the cap on server-requested delays (60 s). Which failures are
        /// retried is fixed: see [`ClientBuilder::max_retries`].
        pub fn retry_policy(mut self, value: RetryPolicy) -> Self {
            self.options.retry = value;
            self
        }

        /// The size of the client-wide retry budget (default 500 tokens; a retry costs 5,
        /// or 10 after a timeout; a success gives 1 back). An empty budget stops retries,
        /// so an outage does not multiply the load this client sends.
        pub fn retry_budget(mut self, tokens: u32) -> Self {
            self.options.retry_budget = Some(tokens);
            self
        }

        /// Allows credentials to go over plain `http://` to a host other than this machine
        /// (default `false`: [`ClientBuilder::build`] refuses such a base URL). `localhost`
        /// and loopback addresses are always allowed.
        pub fn allow_insecure_http(mut self, allow: bool) -> Self {
            self.options.allow_insecure_http = allow;
            self
        }

        /// Adjusts the underlying `reqwest::ClientBuilder` before the HTTP client is built:
        /// proxies, TLS roots, connection pool... The transport applies its own settings
        /// after it: redirects are always followed by the transport (same origin only), never
        /// by the HTTP client.
        pub fn configure_http(
            mut self,
            configure: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
        ) -> Self {
            self.options.configure_http = Some(Arc::new(configure));
            self
        }
    }
}

/// The `ErrorFormat` the spec declares, or the runtime's default.
fn error_format(api: &Api) -> TokenStream {
    let format = &api.errors;
    if format.request_id_headers.is_empty() && format.shapes.is_empty() {
        return quote!(crate::runtime::ErrorFormat::default());
    }
    let headers = if format.request_id_headers.is_empty() {
        quote!(crate::runtime::ErrorFormat::default().request_id_headers)
    } else {
        let headers = &format.request_id_headers;
        quote!(&[#(#headers),*])
    };
    let shapes = format.shapes.iter().map(
        |(code, message)| quote!(crate::runtime::ErrorShape { code: #code, message: #message }),
    );
    quote!(crate::runtime::ErrorFormat {
        request_id_headers: #headers,
        shapes: &[#(#shapes),*],
    })
}

fn setter_doc(doc: Option<&Doc>, what: &str, env: Option<&str>) -> String {
    let mut text = match doc {
        Some(d) if d.begins_with_paragraph() => format!("Sets {what}: {d}"),
        Some(d) => format!("Sets {what}.\n\n{d}"),
        None => format!("Sets {what}."),
    };
    if let Some(env) = env {
        text.push_str(&format!(
            "\n\n[`ClientBuilder::from_env`] reads it from {}.",
            code(env)
        ));
    }
    text
}

fn env_summary(api: &Api) -> String {
    let mut vars: Vec<String> = api.auth.iter().filter_map(|a| a.env.clone()).collect();
    vars.extend(api.base_url_env.clone());
    vars.extend(
        api.url_params
            .iter()
            .chain(&api.client_params)
            .filter_map(|v| v.env.clone()),
    );
    if vars.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = vars.iter().map(|v| code(v)).collect();
        format!(
            "\n\nEnvironment variables read by [`ClientBuilder::from_env`]: {}.",
            list.join(", ")
        )
    }
}

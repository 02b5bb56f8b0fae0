//! Emits `Client` and `ClientBuilder`: credentials, base URL (with its template variables),
//! client-level parameters, environment variables, and the top-level resource accessors.

use super::resources::accessor;
use super::util::{Uses, cfg, doc, ident};
use crate::model::{Api, ClientValue};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `client.rs` file of an API module.
pub fn file(api: &Api) -> TokenStream {
    let module = &api.module;
    let base_url = &api.base_url;
    let mut handles = Uses::default();
    for resource in &api.resources {
        handles.add(&resource.rust, api.resource_feature(resource));
    }
    let use_handles = handles.tokens(quote!(super::resources), &BTreeSet::new());
    let accessors = api.resources.iter().map(|r| {
        let cfg = cfg(api.resource_feature(r));
        let accessor = accessor(r, quote!('_), quote!(self));
        quote!(#cfg #accessor)
    });

    let values: Vec<&ClientValue> = api.url_params.iter().chain(&api.client_params).collect();
    let value_fields = values.iter().map(|v| {
        let name = ident(&v.rust);
        quote!(#name: Option<String>,)
    });
    let value_setters = values.iter().map(|v| {
        let name = ident(&v.rust);
        let docs = doc(Some(&setter_doc(
            v.doc.as_deref(),
            &format!("`{}`", v.wire),
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

    let super::auth::AuthParts {
        fields: auth_fields,
        setters: auth_setters,
        from_env: auth_envs,
        choose: choose_auth,
    } = super::auth::parts(api);
    let needs_error = !api.auth.is_empty() || !api.client_params.is_empty();
    let runtime_items = [
        needs_error.then(|| quote!(Error)),
        Some(quote!(Result)),
        (!api.auth.is_empty()).then(|| quote!(Secret)),
    ];
    let runtime_items = runtime_items.iter().flatten();
    let runtime_use = quote!(use crate::runtime::{#(#runtime_items),*};);

    let base_url_env = api
        .base_url_env
        .as_ref()
        .map(|env| quote!(if let Ok(value) = std::env::var(#env) { self.base_url = Some(value); }));
    let template_vars = api.url_params.iter().map(|p| {
        let wire = &p.wire;
        let name = ident(&p.rust);
        let hint = match &p.env {
            Some(env) => format!("call `.{}(..)` or set {env}", p.rust),
            None => format!("call `.{}(..)`", p.rust),
        };
        quote!((#wire, self.#name.as_deref(), #hint))
    });

    let client_fields = api.client_params.iter().map(|p| {
        let name = ident(&p.rust);
        quote!(pub(crate) #name: String,)
    });
    let client_getters = api.client_params.iter().map(|p| {
        let name = ident(&p.rust);
        let docs = doc(Some(&format!(
            "The `{}` this client sends with every request.",
            p.wire
        )));
        quote!(#docs pub fn #name(&self) -> &str { &self.#name })
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
    let title = &api.title;
    let client_doc = doc(Some(&format!(
        "A client for the {title}. Cheap to clone; clones share connections."
    )));
    let env_note = env_summary(api);
    let with_env_self = if env_note.is_empty() {
        quote!(self)
    } else {
        quote!(mut self)
    };
    let builder_doc = doc(Some(&format!(
        "Configures a [`Client`] for the {title}.{env_note}"
    )));
    let mut example = String::from("let client = Client::builder()");
    if let Some(call) = super::auth::example_call(api, "my") {
        example.push_str(&format!("\n     {call}"));
    }
    for value in &values {
        example.push_str(&format!(
            "\n     .{}(\"my-{}\")",
            crate::naming::unraw(&value.rust),
            value.wire.replace('_', "-")
        ));
    }
    example.push_str("\n     .build()?;");
    let example_doc = format!(
        " ```\n # fn main() -> Result<(), generated_sdk::Error> {{\n use generated_sdk::{module}::Client;\n\n {example}\n # let _ = client;\n # Ok(())\n # }}\n ```"
    );
    let example_lines = example_doc.lines().map(|l| quote!(#[doc = #l]));

    quote! {
        #![doc = " The client: configuration, credentials, and the entry points to every resource."]
        #use_handles
        use crate::runtime::retry::{DEFAULT_BUDGET, RetryPolicy};
        use crate::runtime::transport::{Auth, DEFAULT_TIMEOUT, Settings, Transport, render_base_url};
        #runtime_use
        use std::sync::Arc;
        use std::time::Duration;

        /// The default base URL.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

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

        #builder_doc
        #[derive(Clone, Debug, Default)]
        pub struct ClientBuilder {
            #(#auth_fields)*
            base_url: Option<String>,
            #(#value_fields)*
            timeout: Option<Duration>,
            retry: RetryPolicy,
            retry_budget: Option<u32>,
            http_client: Option<reqwest::Client>,
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

            /// Sends requests to this base URL instead of the default one.
            pub fn base_url(mut self, value: impl Into<String>) -> Self {
                self.base_url = Some(value.into());
                self
            }

            #(#value_setters)*

            /// The time one attempt may take, from sending to reading the whole response
            /// (default 60 seconds). A timed-out attempt is retried like a connection error.
            pub fn timeout(mut self, value: Duration) -> Self {
                self.timeout = Some(value);
                self
            }

            /// How many times a failed call is retried (default 2): connection errors,
            /// timeouts, 408, 409, 429 and 5xx, unless the server says `x-should-retry: false`.
            pub fn max_retries(mut self, value: u32) -> Self {
                self.retry.max_retries = value;
                self
            }

            /// The whole retry policy: retries, backoff (0.5 s doubling up to 8 s, minus up to
            /// 25% jitter) and the cap on server-requested delays (60 s).
            pub fn retry_policy(mut self, value: RetryPolicy) -> Self {
                self.retry = value;
                self
            }

            /// The size of the client-wide retry budget (default 500 tokens; a retry costs 5,
            /// or 10 after a timeout; a success gives 1 back). An empty budget stops retries,
            /// so an outage does not multiply the load this client sends.
            pub fn retry_budget(mut self, tokens: u32) -> Self {
                self.retry_budget = Some(tokens);
                self
            }

            /// Uses a preconfigured `reqwest::Client` (proxies, TLS roots...).
            pub fn http_client(mut self, value: reqwest::Client) -> Self {
                self.http_client = Some(value);
                self
            }

            /// Builds the client, checking that the credentials and required values are set.
            pub fn build(self) -> Result<Client> {
                let base_url = match self.base_url {
                    Some(url) => url,
                    None => render_base_url(DEFAULT_BASE_URL, &[#(#template_vars),*])?,
                };
                #choose_auth
                #(#required_values)*
                let transport = Transport::new(Settings {
                    base_url,
                    auth,
                    default_headers: vec![#(#default_headers),*],
                    user_agent: USER_AGENT.to_owned(),
                    timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                    retry: self.retry,
                    retry_budget: self.retry_budget.unwrap_or(DEFAULT_BUDGET),
                    errors: #errors,
                    http_client: self.http_client,
                })?;
                Ok(Client { transport: Arc::new(transport), #(#client_inits),* })
            }
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

fn setter_doc(doc: Option<&str>, what: &str, env: Option<&str>) -> String {
    let mut text = match doc {
        Some(d) => format!("Sets {what}: {}", d.trim()),
        None => format!("Sets {what}."),
    };
    if let Some(env) = env {
        text.push_str(&format!(
            "\n\n[`ClientBuilder::from_env`] reads it from `{env}`."
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
        let list: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
        format!(
            "\n\nEnvironment variables read by [`ClientBuilder::from_env`]: {}.",
            list.join(", ")
        )
    }
}

//! Emits the credential parts of `ClientBuilder`: one field and one setter per auth scheme the
//! spec declares, reading them from the environment, and choosing the `Auth` the runtime uses.

use super::util::{doc, ident};
use crate::doc_text::code;
use crate::model::{Api, AuthKind, AuthScheme};
use proc_macro2::TokenStream;
use quote::quote;

/// The pieces `client.rs` puts into the builder.
pub struct AuthParts {
    /// Builder fields.
    pub fields: Vec<TokenStream>,
    /// Builder setters.
    pub setters: Vec<TokenStream>,
    /// Statements of `with_env`.
    pub from_env: Vec<TokenStream>,
    /// The statement of `build` that picks the credentials (`let auth = ...;`).
    pub choose: TokenStream,
}

fn env_note(env: &[&String]) -> String {
    match env {
        [] => String::new(),
        [one] => format!(
            "\n\n[`ClientBuilder::from_env`] reads it from {}.",
            code(one)
        ),
        many => {
            let names: Vec<String> = many.iter().map(|e| code(e)).collect();
            format!(
                "\n\n[`ClientBuilder::from_env`] reads them from {}.",
                names.join(" and ")
            )
        }
    }
}

fn setter(scheme: &AuthScheme) -> TokenStream {
    let name = ident(&scheme.setter);
    let about = match &scheme.doc {
        Some(d) if d.begins_with_paragraph() => format!(": {d}"),
        Some(d) => format!(".\n\n{d}"),
        None => ".".to_owned(),
    };
    match &scheme.kind {
        AuthKind::SdkHmacSha256 { secret_env } => {
            let envs: Vec<&String> = scheme.env.iter().chain(secret_env).collect();
            let text = format!(
                "Signs every request with this access key and secret key (`SDK-HMAC-SHA256`){about}{}",
                env_note(&envs)
            );
            let docs = doc(Some(&text));
            quote! {
                #docs
                pub fn #name(mut self, access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
                    self.#name = Some((access_key.into(), Secret::new(secret_key)));
                    self
                }
            }
        }
        kind => {
            let how = match kind {
                AuthKind::Header(header) => format!("sent in the {} header", code(header)),
                AuthKind::Query(param) => format!(
                    "sent as the {} query parameter of every request (and left out of the URLs errors and logs show)",
                    code(param)
                ),
                _ => "sent as `Authorization: Bearer <value>`".to_owned(),
            };
            let envs: Vec<&String> = scheme.env.iter().collect();
            let text = format!("Sets the credential, {how}{about}{}", env_note(&envs));
            let docs = doc(Some(&text));
            quote! {
                #docs
                pub fn #name(mut self, value: impl Into<String>) -> Self {
                    self.#name = Some(Secret::new(value));
                    self
                }
            }
        }
    }
}

/// The builder call that sets example credentials of the first scheme, as code text:
/// `.api_key("my-key")`, `.access_key("my-access-key", "my-secret-key")`; `prefix` replaces `my`.
pub fn example_call(api: &Api, prefix: &str) -> Option<String> {
    let scheme = api.auth.first()?;
    // Code, so a keyword stays raw (`.r#type(..)`).
    let setter = &scheme.setter;
    Some(match scheme.kind {
        AuthKind::SdkHmacSha256 { .. } => {
            format!(".{setter}(\"{prefix}-access-key\", \"{prefix}-secret-key\")")
        }
        _ => format!(".{setter}(\"{prefix}-key\")"),
    })
}

/// The query pair the credentials of [`example_call`] add to every request, when the first
/// scheme is a query key: `("api_key", "my-key")`.
pub fn example_query_pair(api: &Api, prefix: &str) -> Option<(String, String)> {
    match &api.auth.first()?.kind {
        AuthKind::Query(param) => Some((param.clone(), format!("{prefix}-key"))),
        _ => None,
    }
}

/// The builder's credential parts for `api`.
pub fn parts(api: &Api) -> AuthParts {
    let fields = api
        .auth
        .iter()
        .map(|a| {
            let name = ident(&a.setter);
            match &a.kind {
                AuthKind::SdkHmacSha256 { .. } => quote!(#name: Option<(String, Secret)>,),
                _ => quote!(#name: Option<Secret>,),
            }
        })
        .collect();
    let setters = api.auth.iter().map(setter).collect();
    let from_env = api
        .auth
        .iter()
        .filter_map(|a| {
            let name = ident(&a.setter);
            let env = a.env.as_ref()?;
            Some(match &a.kind {
                AuthKind::SdkHmacSha256 { secret_env } => {
                    let secret_env = secret_env.as_ref()?;
                    quote! {
                        if let (Ok(access_key), Ok(secret_key)) = (std::env::var(#env), std::env::var(#secret_env)) {
                            self.#name = Some((access_key, Secret::new(secret_key)));
                        }
                    }
                }
                _ => quote!(if let Ok(value) = std::env::var(#env) { self.#name = Some(Secret::new(value)); }),
            })
        })
        .collect();
    let choices = api.auth.iter().map(|a| {
        let name = ident(&a.setter);
        match &a.kind {
            AuthKind::Bearer => quote!(if let Some(secret) = self.#name { Auth::Bearer(secret) } else),
            AuthKind::Header(header) => {
                quote!(if let Some(secret) = self.#name { Auth::Header { name: #header, value: secret } } else)
            }
            AuthKind::Query(param) => {
                quote!(if let Some(secret) = self.#name { Auth::Query { name: #param, value: secret } } else)
            }
            AuthKind::SdkHmacSha256 { .. } => quote! {
                if let Some((access_key, secret_key)) = self.#name {
                    Auth::SdkHmacSha256 { access_key, secret_key }
                } else
            },
        }
    });
    let how = api
        .auth
        .iter()
        .map(|a| {
            let envs: Vec<&String> = match &a.kind {
                AuthKind::SdkHmacSha256 { secret_env } => a.env.iter().chain(secret_env).collect(),
                _ => a.env.iter().collect(),
            };
            let names: Vec<&str> = envs.iter().map(|e| e.as_str()).collect();
            match names.as_slice() {
                [] => format!("call `.{}(..)`", a.setter),
                _ => format!("call `.{}(..)` or set {}", a.setter, names.join(" and ")),
            }
        })
        .collect::<Vec<_>>()
        .join(", or ");
    let no_auth = format!("no credentials: {how}");
    let choose = if api.auth.is_empty() {
        quote!(let auth = Auth::None;)
    } else {
        quote! {
            let auth = #(#choices)* {
                return Err(Error::Config(#no_auth.to_owned()));
            };
        }
    };
    AuthParts {
        fields,
        setters,
        from_env,
        choose,
    }
}

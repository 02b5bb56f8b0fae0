//! Emits waiters: for each type that stands for long-running work, `wait` and `wait_with`
//! methods that poll until the work succeeds or fails, as the spec's `waiters:` declares.

use super::util::{Uses, cfg, doc, ident};
use crate::doc_text::code;
use crate::model::{Api, Waiter};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The `waiters.rs` file of an API module, or `None` if it declares no waiter.
pub fn file(api: &Api) -> Option<TokenStream> {
    if api.waiters.is_empty() {
        return None;
    }
    // The API module's items, and the runtime's `waiter` module for the rest.
    let (mut uses, mut waiter_module) = (Uses::default(), Uses::default());
    // One state reader per polled type and field, however many waiters poll it.
    let mut readers = BTreeMap::new();
    let mut reader_uses = Uses::default();
    let items: Vec<_> = api
        .waiters
        .iter()
        .map(|w| {
            let feature = feature(api, w);
            for name in ["Client", "Result", "WaitOptions", &w.waited, &w.polled] {
                uses.add(name, feature);
            }
            waiter_module.add("waiter", feature);
            let (name, reader) = state_reader(w);
            reader_uses.add(&name, feature);
            readers.entry(name).or_insert(reader);
            waiter(w, &cfg(feature))
        })
        .collect();
    let readers = readers.into_iter().map(|(name, reader)| {
        let cfg = reader_uses.cfg_of(&name);
        quote!(#cfg #reader)
    });
    let none = BTreeSet::new();
    let uses = [
        uses.tokens(quote!(super), &none),
        waiter_module.tokens(quote!(crate::runtime), &none),
    ];
    Some(quote! {
        #![doc = " Waiters: poll long-running work until it succeeds or fails."]
        #(#uses)*
        #(#readers)*
        #(#items)*
    })
}

/// The feature a waiter is compiled under, if the API has one per resource: that of the waited
/// type if only one resource returns it (that resource's feature turns on the poll method's),
/// else that of the poll method's resource.
fn feature<'a>(api: &'a Api, w: &Waiter) -> Option<&'a str> {
    let poll = || {
        let accessor = w.poll_resource.first()?;
        let resource = api.resources.iter().find(|r| &r.accessor == accessor)?;
        api.resource_feature(resource)
    };
    api.type_feature(&w.waited).or_else(poll)
}

fn quoted(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| code(v)).collect();
    quoted.join(" or ")
}

/// The name of the function that reads a waiter's state, and the function.
fn state_reader(w: &Waiter) -> (String, TokenStream) {
    let name = format!(
        "{}_{}",
        crate::naming::snake(&w.polled),
        crate::naming::unraw(&w.state_field)
    );
    let state_fn = ident(&name);
    let polled = ident(&w.polled);
    let state_field = ident(&w.state_field);
    let docs = doc(Some(&format!(
        "The state a waiter reads from a [`{}`].",
        w.polled
    )));
    let tokens = quote! {
        #docs
        fn #state_fn(value: &#polled) -> &str {
            value.#state_field.as_str()
        }
    };
    (name, tokens)
}

/// The doc comments of a waiter's `WAIT_OPTIONS`, `wait` and `wait_with`.
fn docs(w: &Waiter) -> [TokenStream; 3] {
    let settings = doc(Some(&format!(
        "Polling settings of [`{0}::wait`]: the first poll after {1} ms, each delay {2}× the \
         previous up to {3} ms, giving up after {4} s.",
        w.waited, w.initial_delay_ms, w.multiplier, w.max_delay_ms, w.timeout_s
    )));
    let wait = doc(Some(&format!(
        "Waits until the work is finished, polling {route} until `{state}` is {success}.\n\n\
         Returns the final [`{polled}`]. If it ends {failure}, fails with \
         [`Error::WaitFailed`](crate::Error::WaitFailed), which carries the [`{polled}`] \
         (`failure.resource::<{polled}>()`). [`{waited}::WAIT_OPTIONS`]`.timeout` is a \
         deadline: every delay and every poll (its attempts and retries) is cut to the time \
         left, so the wait ends with [`Error::WaitTimeout`](crate::Error::WaitTimeout) within \
         the limit, not a poll's timeout after it. Dropping the future stops the polling.",
        route = code(&w.poll_route),
        state = w.state_field.trim_start_matches("r#"),
        success = quoted(&w.success),
        failure = quoted(&w.failure),
        polled = w.polled,
        waited = w.waited,
    )));
    let with = doc(Some(&format!(
        "[`{0}::wait`] with other polling settings, e.g. \
         `{0}::WAIT_OPTIONS.timeout(Duration::from_secs(60))`.",
        w.waited
    )));
    [settings, wait, with]
}

fn waiter(w: &Waiter, cfg: &TokenStream) -> TokenStream {
    let waited = ident(&w.waited);
    let polled = ident(&w.polled);
    let state_fn = ident(&state_reader(w).0);
    let id_field = ident(&w.id_field);
    let accessors = w.poll_resource.iter().map(|a| ident(a));
    let poll = ident(&w.poll_method);
    let (success, failure) = (&w.success, &w.failure);
    let lit = proc_macro2::Literal::u64_unsuffixed;
    let (initial, multiplier, max, timeout) = (
        lit(w.initial_delay_ms),
        proc_macro2::Literal::f64_unsuffixed(w.multiplier),
        lit(w.max_delay_ms),
        lit(w.timeout_s),
    );
    let first = if w.waited == w.polled {
        quote!(Some(self.clone()))
    } else {
        quote!(None)
    };
    let [settings, wait_doc, with_doc] = docs(w);
    quote! {
        #cfg
        impl #waited {
            #settings
            pub const WAIT_OPTIONS: WaitOptions = WaitOptions {
                initial_delay: std::time::Duration::from_millis(#initial),
                multiplier: #multiplier,
                max_delay: std::time::Duration::from_millis(#max),
                timeout: std::time::Duration::from_secs(#timeout),
            };

            #wait_doc
            pub async fn wait(&self, client: &Client) -> Result<#polled> {
                self.wait_with(client, Self::WAIT_OPTIONS).await
            }

            #with_doc
            pub async fn wait_with(&self, client: &Client, options: WaitOptions) -> Result<#polled> {
                let acceptors = waiter::Acceptors {
                    state: #state_fn,
                    success: &[#(#success),*],
                    failure: &[#(#failure),*],
                };
                // Each poll's call is bounded by the wait's deadline.
                waiter::wait_until(#first, options, acceptors, |deadline| {
                    client.#(#accessors()).*.#poll(&self.#id_field).deadline_at(deadline).send()
                })
                .await
            }
        }
    }
}

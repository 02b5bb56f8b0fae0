//! Emits the per-endpoint tests of each API, as the Stainless SDKs ship them: a file per
//! top-level resource, each test calling the client against a local mock server (wiremock) and
//! asserting the method, path, query, headers and body it sent (JSON, a form byte for byte, or
//! raw bytes, with its content type), then decoding an example answer built from the model and
//! checking it encodes back to the same JSON (or, for bytes and text answers, that it is the
//! body sent). Methods with optional inputs get a second test with only the required ones.

use super::examples::{Example, Examples, text, wire_texts};
use super::util::{cfg, ident, path_segment, path_template};
use crate::doc_text::{code, inline};
use crate::model::{Api, Input, InputKind, ListPaging, Method, Resource, Response, TypeRef};
use crate::naming::{Scope, unraw};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value, json};

/// One test file of an API: the tests of a top-level resource and everything under it, in
/// `tests/<api>_endpoints/<module>.rs`, so the tests read as the resources do (and the files are
/// generated in parallel).
pub struct Group<'a> {
    /// The module and file name (`compute`), unique among the API's test modules.
    pub module: String,
    /// The top-level resource.
    pub resource: &'a Resource,
}

/// The module names of the test files every API may have: the shared helpers and the
/// round-trip tests of its types.
pub struct Shared {
    /// The shared helpers (`support`, unless a resource takes it).
    pub support: String,
    /// The round-trip tests (`round_trips`), if the API has types they cover.
    pub round_trips: Option<String>,
}

/// The test files of `api`: the shared ones, then one per top-level resource with methods.
pub fn groups(api: &Api) -> (Shared, Vec<Group<'_>>) {
    let mut names = Scope::new("test modules");
    let support = names.fresh("support");
    let round_trips = super::round_trips::needed(api).then(|| names.fresh("round_trips"));
    let groups = api
        .resources
        .iter()
        .filter(|resource| has_methods(resource))
        .map(|resource| Group {
            module: names.fresh(&crate::naming::snake(unraw(&resource.accessor))),
            resource,
        })
        .collect();
    let shared = Shared {
        support,
        round_trips,
    };
    (shared, groups)
}

fn has_methods(resource: &Resource) -> bool {
    !resource.methods.is_empty() || resource.children.iter().any(has_methods)
}

/// The tests of the methods of `group` and its sub-resources.
pub fn group(api: &Api, support: &str, group: &Group<'_>) -> TokenStream {
    let examples = Examples::new(api);
    let mut names = crate::naming::scopes::tests();
    let mut tests = Vec::new();
    crate::model::visit_methods(
        std::slice::from_ref(group.resource),
        &mut |resource, method| {
            // From the allocated Rust names: the spec's own names may hold any character.
            let base = crate::naming::snake(&format!("{}_{}", resource.rust, unraw(&method.rust)));
            tests.push(test(
                api,
                &examples,
                resource,
                method,
                &names.fresh(&base),
                true,
            ));
            if method.inputs().any(|i| !i.required) {
                let name = names.fresh(&format!("{base}_required_only"));
                tests.push(test(api, &examples, resource, method, &name, false));
            }
        },
    );
    let support = ident(support);
    let doc = format!(
        " The tests of {} and the resources under it: the request the client sends and the decoding of an example answer.",
        code(&group.resource.path)
    );
    quote! {
        #![doc = #doc]

        use super::#support::*;

        #(#tests)*
    }
}

/// Whether `method` is a `POST`, `PUT` or `PATCH` that sends no body: it must say so with
/// `Content-Length: 0`.
fn sends_no_body_where_one_is_defined(method: &Method) -> bool {
    use crate::model::HttpMethod;
    matches!(
        method.http,
        HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch
    ) && method.wrap.is_none()
        && !method.form
        && !method.inputs().any(|i| {
            matches!(
                i.kind,
                InputKind::Body | InputKind::BodyField | InputKind::RawBody
            )
        })
}

/// Whether `method` sends a body that is not JSON (raw bytes or a form): its test checks the
/// bytes and the content type.
fn sends_bytes(method: &Method) -> bool {
    method.form || method.raw_body.is_some()
}

/// Whether `method` answers with a body that is not JSON (bytes or text).
fn answers_bytes(method: &Method) -> bool {
    matches!(method.response, Response::Bytes | Response::Text)
}

/// The example answer of a method that answers bytes or text: not UTF-8 for bytes (the
/// client must not read them as text), and text beyond ASCII.
fn raw_answer(method: &Method) -> Option<(&'static [u8], &'static str)> {
    match method.response {
        Response::Bytes => Some((b"\x00\x01bytes\xff\n", "application/octet-stream")),
        Response::Text => Some((
            "text answer: caf\u{e9}\n".as_bytes(),
            "text/plain; charset=utf-8",
        )),
        _ => None,
    }
}

/// The helpers the tests share: the client aimed at the mock server, and the checks of what it
/// received. A check no test of the API calls is left out.
pub fn support(api: &Api) -> TokenStream {
    let (mut uses_headers, mut uses_json) = (false, false);
    let (mut uses_bytes, mut uses_raw_answer, mut uses_joined) = (false, false, false);
    let (mut uses_serve, mut uses_body) = (false, false);
    crate::model::visit_methods(&api.resources, &mut |_, method| {
        // The same conditions under which `test` calls `expect_header`, `expect_json`,
        // `expect_bytes`, `serve_raw` and `expect_query_text`.
        uses_headers |= method.idempotency_header.is_some()
            || method.inputs().any(|i| i.kind == InputKind::Header)
            || sends_no_body_where_one_is_defined(method)
            || sends_bytes(method);
        uses_json |= !matches!(
            method.response,
            Response::Empty | Response::Bytes | Response::Text
        );
        uses_bytes |= sends_bytes(method);
        uses_body |= !sends_bytes(method);
        uses_serve |= !answers_bytes(method);
        uses_raw_answer |= answers_bytes(method);
        uses_joined |= method.inputs().any(|i| i.joined);
    });
    let module = ident(&api.module);
    let krate = ident(&api.krate.ident());
    let doc = format!(
        " What the tests of the {} share: a client aimed at the mock server, and the checks of the request it received.",
        inline(&api.title)
    );
    let client = client_fn(api);
    let json_fn = uses_json.then(|| {
        quote! {
            /// Checks that `value` encodes to the JSON `expected`: the example answer decoded and
            /// encoded back unchanged.
            pub fn expect_json<T: serde::Serialize>(value: &T, expected: &str) {
                let actual = serde_json::to_value(value).expect("the value encodes");
                let expected: serde_json::Value =
                    serde_json::from_str(expected).expect("expected JSON");
                assert_eq!(actual, expected, "decoded answer");
            }
        }
    });
    let header_fn = uses_headers.then(|| {
        quote! {
            /// Checks header `name` of `request`: `Some(value)` exactly, `None` present and
            /// non-empty (a generated value).
            pub fn expect_header(request: &wiremock::Request, name: &str, expected: Option<&str>) {
                let actual = request.headers.get(name).and_then(|v| v.to_str().ok());
                match expected {
                    Some(expected) => assert_eq!(actual, Some(expected), "header {name}"),
                    None => assert!(actual.is_some_and(|v| !v.is_empty()), "header {name} is set"),
                }
            }
        }
    });
    let serve_fn = uses_serve.then(|| {
        quote! {
        /// A mock server that answers one `method` request for `path` with `status` and, if
        /// given, the JSON `body`.
        pub async fn serve(
            method: &str,
            path: &str,
            status: u16,
            body: Option<&str>,
        ) -> wiremock::MockServer {
            let server = wiremock::MockServer::start().await;
            let mut answer = wiremock::ResponseTemplate::new(status);
            if let Some(body) = body {
                answer = answer.set_body_raw(body, "application/json");
            }
            wiremock::Mock::given(wiremock::matchers::method(method))
                .and(wiremock::matchers::path(path))
                .respond_with(answer)
                .expect(1)
                .mount(&server)
                .await;
            server
        }
        }
    });
    let body_fn = uses_body.then(|| {
        quote! {
        /// Checks the body of `request`: this JSON value, or no body at all.
        pub fn expect_body(request: &wiremock::Request, expected: Option<&str>) {
            let actual: Option<serde_json::Value> = (!request.body.is_empty())
                .then(|| serde_json::from_slice(&request.body).expect("the body is JSON"));
            let expected = expected.map(|text| serde_json::from_str(text).expect("expected JSON"));
            assert_eq!(actual, expected, "body");
        }
        }
    });
    let bytes_fn = uses_bytes.then(|| {
        quote! {
            /// Checks the body of `request` byte for byte (a raw or form body).
            pub fn expect_bytes(request: &wiremock::Request, expected: &[u8]) {
                assert_eq!(
                    String::from_utf8_lossy(&request.body),
                    String::from_utf8_lossy(expected),
                    "body"
                );
                assert_eq!(request.body, expected, "body bytes");
            }
        }
    });
    let raw_answer_fn = uses_raw_answer.then(|| {
        quote! {
            /// Checks a bytes or text answer: exactly the bytes the server sent.
            pub fn expect_answer(value: impl AsRef<[u8]>, expected: &[u8]) {
                assert_eq!(
                    String::from_utf8_lossy(value.as_ref()),
                    String::from_utf8_lossy(expected),
                    "answer"
                );
                assert_eq!(value.as_ref(), expected, "answer bytes");
            }

            /// A mock server that answers one `method` request for `path` with `200` and `body`
            /// as it is, of `content_type`.
            pub async fn serve_raw(
                method: &str,
                path: &str,
                body: &[u8],
                content_type: &str,
            ) -> wiremock::MockServer {
                let server = wiremock::MockServer::start().await;
                let answer = wiremock::ResponseTemplate::new(200).set_body_raw(body, content_type);
                wiremock::Mock::given(wiremock::matchers::method(method))
                    .and(wiremock::matchers::path(path))
                    .respond_with(answer)
                    .expect(1)
                    .mount(&server)
                    .await;
                server
            }
        }
    });
    let joined_fn = uses_joined.then(|| {
        quote! {
            /// Checks that the query of `request`, as sent (not decoded), holds the pair `pair`.
            pub fn expect_query_text(request: &wiremock::Request, pair: &str) {
                let query = request.url.query().unwrap_or_default();
                assert!(query.split('&').any(|p| p == pair), "{pair} in {query}");
            }
        }
    });
    quote! {
        #![doc = #doc]

        /// The API under test, as the test files name it.
        pub use #krate::#module as api;

        #client

        #serve_fn

        /// The one request the server received (recorded if `SDK_RECORD_REQUESTS` is set).
        pub async fn only_request(server: &wiremock::MockServer) -> wiremock::Request {
            let mut requests = server.received_requests().await.expect("requests are recorded");
            assert_eq!(requests.len(), 1, "expected exactly one request");
            record_request(&requests[0]);
            requests.remove(0)
        }

        /// If `SDK_RECORD_REQUESTS` names a file, appends `request` to it as one JSON line
        /// (the test, method, path, raw query, headers and the body in base64), for replaying
        /// against the API's published description (`tests/prism/validate.py`).
        pub fn record_request(request: &wiremock::Request) {
            const BASE64: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            #[derive(serde::Serialize)]
            struct Recorded<'a> {
                test: Option<&'a str>,
                method: &'a str,
                path: &'a str,
                query: Option<&'a str>,
                headers: Vec<(String, String)>,
                body_base64: String,
            }
            let Some(file) = std::env::var_os("SDK_RECORD_REQUESTS") else {
                return;
            };
            let mut body = String::new();
            for chunk in request.body.chunks(3) {
                let bits = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |bits, (i, byte)| bits | (u32::from(*byte) << (16 - 8 * i)));
                for i in 0..4 {
                    body.push(if i <= chunk.len() {
                        char::from(BASE64[((bits >> (18 - 6 * i)) & 63) as usize])
                    } else {
                        '='
                    });
                }
            }
            let headers: Vec<(String, String)> = request
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.to_string(), value)
                })
                .collect();
            let thread = std::thread::current();
            let line = Recorded {
                test: thread.name(),
                method: request.method.as_str(),
                path: request.url.path(),
                query: request.url.query(),
                headers,
                body_base64: body,
            };
            let line = serde_json::to_string(&line).expect("the request encodes");
            // One write of the whole line: tests run in parallel, and appends do not interleave.
            let mut out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&file)
                .expect("SDK_RECORD_REQUESTS names a file that can be appended to");
            std::io::Write::write_all(&mut out, format!("{line}\n").as_bytes())
                .expect("the request is recorded");
        }


        /// Checks the query of `request`: exactly these pairs, in any order.
        pub fn expect_query(request: &wiremock::Request, expected: &[(&str, &str)]) {
            let mut actual: Vec<(String, String)> = request
                .url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            actual.sort();
            let mut expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            expected.sort();
            assert_eq!(actual, expected, "query");
        }

        #body_fn

        #json_fn

        #header_fn

        #bytes_fn

        #raw_answer_fn

        #joined_fn
    }
}

/// The root of the test target: the feature gate, and the helpers and each test file (under
/// its resource's feature, if it has one) as modules that `cargo fmt` leaves alone (`#[rustfmt::skip]` on a `mod` works on stable, unlike an inner
/// attribute).
pub fn root(api: &Api, shared: &Shared, groups: &[Group<'_>]) -> TokenStream {
    let feature = api.module_feature();
    let doc = format!(
        " One test per endpoint of the {}, a file per resource in `{}_endpoints/`.",
        inline(&api.title),
        api.module
    );
    let support = std::iter::once((shared.support.as_str(), None));
    let round_trips = shared.round_trips.iter().map(|m| (m.as_str(), None));
    let groups = groups
        .iter()
        .map(|g| (g.module.as_str(), api.resource_feature(g.resource)));
    let modules = support
        .chain(round_trips)
        .chain(groups)
        .map(|(module, feature)| {
            // A keyword module (`mod r#type;`) lives in `type.rs`.
            let path = format!("{}_endpoints/{}.rs", api.module, unraw(module));
            let module = ident(module);
            let cfg = cfg(feature);
            quote! {
                #cfg
                #[rustfmt::skip]
                #[path = #path]
                mod #module;
            }
        });
    quote! {
        #![doc = #doc]
        #![cfg(feature = #feature)]

        #(#modules)*
    }
}

/// `fn client(server)`: a client with test credentials and client values, aimed at `server`.
fn client_fn(api: &Api) -> TokenStream {
    let auth =
        super::auth::example_call(api, "test").and_then(|call| call.parse::<TokenStream>().ok());
    // `example_call` writes a keyword setter raw (`.r#type(..)`), so it parses.
    let values = api.client_params.iter().map(|p| {
        let setter = ident(&p.rust);
        let value = text(&p.wire);
        quote!(.#setter(#value))
    });
    quote! {
        /// A client for `server`.
        pub fn client(server: &wiremock::MockServer) -> api::Client {
            api::Client::builder()
                #auth
                #(#values)*
                .base_url(server.uri())
                .build()
                .expect("the client builds")
        }
    }
}

/// The example response: status, body JSON (if any).
/// The example answer: the JSON the server sends, and the JSON the decoded value encodes to
/// (the same, except for list pages, which the client reshapes).
fn response(examples: &Examples<'_>, method: &Method) -> Option<(Value, Value)> {
    match &method.response {
        Response::Empty | Response::Bytes | Response::Text => None,
        Response::Json(ty) => {
            let json = examples.value(ty, "value").json;
            Some((json.clone(), json))
        }
        Response::CursorPage { item, .. } => {
            let json = json!({
                "items": [examples.value(item, "item").json],
                "pagination": {"next_cursor": null, "previous_cursor": null, "total_count": 1}
            });
            Some((json.clone(), json))
        }
        Response::List { item, paging } => {
            let item = examples.value(item, "item").json;
            let (items, total, links) = match paging {
                ListPaging::PageNumber { items, total, .. } => (items, total.as_ref(), None),
                ListPaging::Marker { items, links, .. } => (items, None, links.as_ref()),
            };
            let mut wire = Map::new();
            wire.insert(items.clone(), json!([item.clone()]));
            if let Some(total) = total {
                wire.insert(total.clone(), json!(1));
            }
            if let Some(links) = links {
                wire.insert(links.clone(), json!([]));
            }
            let encoded = json!({"items": [item], "total": total.map(|_| 1)});
            Some((Value::Object(wire), encoded))
        }
    }
}

/// A raw string literal holding `text` (JSON), so generated tests show it as written.
pub(super) fn raw(text: &str) -> proc_macro2::Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// One test.
fn test(
    api: &Api,
    examples: &Examples<'_>,
    resource: &Resource,
    method: &Method,
    name: &str,
    all: bool,
) -> TokenStream {
    let test_name = ident(name);
    let verb = method.http.as_str();
    let included = |input: &Input| all || input.required;

    // Path: as the client sends it, client values and path arguments filled with their
    // example texts, each percent-encoded as the runtime encodes it.
    let mut path = path_template(&method.path);
    for client_param in &method.client_path_params {
        path = path.replace(
            &format!("{{{client_param}}}"),
            &path_segment(&text(client_param)),
        );
    }
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut body = Map::new();
    let mut whole_body = None;
    let mut raw_body = None;
    let mut joined = Vec::new();
    let mut record = |input: &Input, value: &Example| match input.kind {
        InputKind::Path => {
            let texts = wire_texts(&value.json);
            let segment = texts.first().cloned().unwrap_or_default();
            path = path.replace(&format!("{{{}}}", input.wire), &path_segment(&segment));
        }
        InputKind::Query if input.joined => {
            let texts = wire_texts(&value.json);
            // Decoded, the pair holds the items joined; as sent, each item is encoded on its own
            // and the commas stay literal.
            query.push((input.wire.clone(), texts.join(",")));
            let encoded: Vec<String> = texts.iter().map(|t| path_segment(t)).collect();
            joined.push(format!(
                "{}={}",
                path_segment(&input.wire),
                encoded.join(",")
            ));
        }
        InputKind::Query => {
            for t in wire_texts(&value.json) {
                query.push((input.wire.clone(), t));
            }
        }
        InputKind::Header => headers.push((input.wire.clone(), wire_texts(&value.json).join(","))),
        InputKind::BodyField => {
            body.insert(input.wire.clone(), value.json.clone());
        }
        InputKind::Body => whole_body = Some(value.json.clone()),
        InputKind::RawBody => raw_body = wire_texts(&value.json).first().cloned(),
    };

    // Arguments.
    let mut args = Vec::new();
    for input in &method.args {
        let value = input_example(examples, input);
        let present = included(input);
        if present {
            record(input, &value);
        }
        args.push(argument(input, &value, present));
    }
    if let Some(params) = &method.params {
        let ty = ident(&params.rust);
        let required: Vec<TokenStream> = params
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| {
                let value = input_example(examples, f);
                record(f, &value);
                value.rust
            })
            .collect();
        let setters: Vec<TokenStream> = params
            .fields
            .iter()
            .filter(|f| !f.required && all)
            .map(|f| {
                let value = input_example(examples, f);
                record(f, &value);
                let setter = ident(&f.setter);
                let rust = value.rust;
                quote!(.#setter(#rust))
            })
            .collect();
        let has_required = params.fields.iter().any(|f| f.required);
        args.push(if has_required {
            quote!(api::#ty::new(#(#required),*)#(#setters)*)
        } else {
            quote!(api::#ty::default()#(#setters)*)
        });
    }

    let form_body = method.form.then(|| form_text(&body));
    let mut expected_body = match whole_body {
        Some(value) => Some(value),
        None if method.inputs().any(|i| i.kind == InputKind::BodyField) => {
            Some(Value::Object(body))
        }
        None => None,
    };
    if let Some(key) = &method.wrap {
        let empty = if method.wrap_null {
            Value::Null
        } else {
            json!({})
        };
        let inner = expected_body.take().unwrap_or(empty);
        expected_body = Some(json!({ key.clone(): inner }));
    }
    let body_check = match (&method.raw_body, form_body) {
        (Some(content_type), _) => {
            let bytes = proc_macro2::Literal::byte_string(raw_body.unwrap_or_default().as_bytes());
            quote! {
                expect_bytes(&request, #bytes);
                expect_header(&request, "content-type", Some(#content_type));
            }
        }
        (None, Some(form)) => {
            let bytes = proc_macro2::Literal::byte_string(form.as_bytes());
            quote! {
                expect_bytes(&request, #bytes);
                expect_header(&request, "content-type", Some("application/x-www-form-urlencoded"));
            }
        }
        (None, None) => {
            let expected_body = match &expected_body {
                Some(value) => {
                    let text = raw(&value.to_string());
                    quote!(Some(#text))
                }
                None => quote!(None),
            };
            quote!(expect_body(&request, #expected_body);)
        }
    };
    let joined_checks = joined
        .iter()
        .map(|pair| quote!(expect_query_text(&request, #pair);));

    // The test client's credentials, when the API reads them from the query.
    query.extend(super::auth::example_query_pair(api, "test"));
    query.sort();
    let query_pairs = query.iter().map(|(k, v)| quote!((#k, #v)));
    let mut header_checks: Vec<TokenStream> = headers
        .iter()
        .map(|(name, value)| quote!(expect_header(&request, #name, Some(#value));))
        .collect();
    if sends_no_body_where_one_is_defined(method) {
        header_checks.push(quote!(expect_header(&request, "content-length", Some("0"));));
    }
    if let Some(idempotency) = &method.idempotency_header
        && !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(idempotency))
    {
        // Not given: the client generates one.
        header_checks.push(quote!(expect_header(&request, #idempotency, None);));
    }

    let example = response(examples, method);
    let serve = match (&example, raw_answer(method)) {
        (_, Some((bytes, content_type))) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(serve_raw(#verb, #path, #bytes, #content_type))
        }
        (Some((json, _)), None) => {
            let text = raw(&json.to_string());
            quote!(serve(#verb, #path, 200, Some(#text)))
        }
        (None, None) => quote!(serve(#verb, #path, 204, None)),
    };
    let accessors = accessor_chain(api, resource);
    let method_name = ident(&method.rust);
    let call = quote!(client #(.#accessors())* .#method_name(#(#args),*));
    let check_value = match (&example, raw_answer(method)) {
        (_, Some((bytes, _))) => {
            // Bytes are the body itself; text its characters, which are the same bytes.
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote! {
                let value = #call.await.expect("the call succeeds");
                expect_answer(value, #bytes);
            }
        }
        (Some((_, json)), None) => {
            let text = raw(&json.to_string());
            quote! {
                let value = #call.await.expect("the call succeeds");
                expect_json(&value, #text);
            }
        }
        (None, None) => quote! {
            #call.await.expect("the call succeeds");
        },
    };
    let doc = format!(
        " {} with {}.",
        code(&format!("{verb} {}", method.path)),
        if all {
            "every parameter set"
        } else {
            "only the required parameters"
        }
    );
    quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #test_name() {
            let server = #serve.await;
            let client = client(&server);
            #check_value
            let request = only_request(&server).await;
            expect_query(&request, &[#(#query_pairs),*]);
            #(#joined_checks)*
            #body_check
            #(#header_checks)*
        }
    }
}

/// The argument expression for a positional input.
fn argument(input: &Input, value: &Example, present: bool) -> TokenStream {
    let rust = &value.rust;
    let literal = match &value.json {
        Value::String(s) if input.ty.is_string() => Some(quote!(#s)),
        _ => None,
    };
    match (
        input.kind == InputKind::Body,
        literal,
        input.required,
        present,
    ) {
        (true, _, _, _) => quote!(&#rust),
        (false, Some(s), true, _) => s,
        (false, Some(s), false, true) => quote!(Some(#s)),
        (false, None, true, _) => quote!(#rust),
        (false, None, false, true) => quote!(Some(#rust)),
        (false, _, false, false) => quote!(None),
    }
}

/// The accessor names from the client down to `target`.
fn accessor_chain(api: &Api, target: &Resource) -> Vec<proc_macro2::Ident> {
    fn walk(resources: &[Resource], target: &str, chain: &mut Vec<String>) -> bool {
        for resource in resources {
            chain.push(resource.accessor.clone());
            if resource.path == target || walk(&resource.children, target, chain) {
                return true;
            }
            chain.pop();
        }
        false
    }
    let mut chain = Vec::new();
    walk(&api.resources, &target.path, &mut chain);
    chain.iter().map(|a| ident(a)).collect()
}

/// The example of an input: its type's, except that a list sent as one value (`explode:
/// false`) holds two items, so the test sees the comma between them; a second string item
/// holds a comma and a space, which are sent encoded.
fn input_example(examples: &Examples<'_>, input: &Input) -> Example {
    let rule = super::examples::TextRule {
        format: input.format.as_deref(),
        pattern: input.pattern.as_deref(),
    };
    let value = examples.value_in(&input.ty, &input.wire, rule);
    if !input.joined || input.format.is_some() || input.pattern.is_some() {
        return value;
    }
    let (TypeRef::List(item), Value::Array(items)) = (&input.ty, &value.json) else {
        return value;
    };
    if items.is_empty() {
        return value;
    }
    let first = examples.value(item, &input.wire);
    let second = match (&**item, &first.json) {
        (TypeRef::String, Value::String(text)) => {
            let text = format!("{text}, 2");
            Example {
                rust: quote!(String::from(#text)),
                json: Value::String(text),
            }
        }
        _ => first.clone(),
    };
    let (a, b) = (&first.rust, &second.rust);
    Example {
        rust: quote!(vec![#a, #b]),
        json: Value::Array(vec![first.json, second.json]),
    }
}

/// The fields of a form body as the runtime encodes them: by name (as serde_json's map orders
/// them), a list as the name repeated, `null` left out, names and values encoded as WHATWG's
/// `application/x-www-form-urlencoded` (a space as `+`).
fn form_text(fields: &Map<String, Value>) -> String {
    fn encode(text: &str) -> String {
        let mut out = String::new();
        for byte in text.bytes() {
            match byte {
                b' ' => out.push('+'),
                b'*' | b'-' | b'.' | b'_' => out.push(char::from(byte)),
                b if b.is_ascii_alphanumeric() => out.push(char::from(b)),
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    let mut sorted: Vec<(&String, &Value)> = fields.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut pairs = Vec::new();
    for (name, value) in sorted {
        for text in wire_texts(value) {
            pairs.push(format!("{}={}", encode(name), encode(&text)));
        }
    }
    pairs.join("&")
}

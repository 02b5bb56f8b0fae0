//! The capture server both clients send to (answering every call with the official SDK's sample
//! answer of its operation, as the response test `ecs_responses.rs` checks our client decodes),
//! what a captured request holds, and the two signers run over exactly what was sent.

use super::cases::{AK, SK};
use generated_sdk::runtime::signing::{Signable, authorization};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/huawei_sdk.py");

/// The script building the official SDK's sample answers (`ecs_responses.py`).
pub const ANSWERS_SCRIPT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/ecs_responses.py");

/// The official SDK's sample answer of each of its operations, by operation name: the body its
/// response model serialises to with every attribute set, `null` for an answer without one
/// (`args`: `--smallest` sets only the required attributes of nested models).
pub fn sdk_answers(args: &[&str]) -> BTreeMap<String, Value> {
    let out = Command::new("python3")
        .arg(ANSWERS_SCRIPT)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "ecs_responses.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("ecs_responses.py prints a JSON object")
}

/// The answer carrying `body`: `200` with the JSON, or `204` without a body for `null`.
pub fn answer_with(body: &Value) -> ResponseTemplate {
    match body {
        Value::Null => ResponseTemplate::new(204),
        body => ResponseTemplate::new(200).set_body_raw(body.to_string(), "application/json"),
    }
}

/// Answers every call with the official SDK's sample answer of its operation
/// ([`sdk_answers`]), found by the spec's method and path template; Nova's actions, which have
/// no SDK operation, answer `202` without a body.
pub struct Answers {
    /// Each method of the spec: HTTP method, path template split at `/`, and its answer.
    routes: Vec<(String, Vec<String>, ResponseTemplate)>,
}

impl Answers {
    /// The answers `answers` (by SDK operation) for the methods of the spec.
    pub fn new(answers: &BTreeMap<String, Value>) -> Self {
        let api = super::spec::load();
        let routes = super::spec::methods(&api)
            .into_values()
            .map(|method| {
                let answer = match &method.operation {
                    None => ResponseTemplate::new(202),
                    Some(operation) => answer_with(
                        answers
                            .get(operation)
                            .unwrap_or_else(|| panic!("the SDK has no operation {operation}")),
                    ),
                };
                let segments = method.path.split('/').map(str::to_owned).collect();
                (method.http.as_str().to_owned(), segments, answer)
            })
            .collect();
        Self { routes }
    }
}

impl Respond for Answers {
    /// The answer of the route with the most literal segments that fits the request.
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path: Vec<&str> = request.url.path().split('/').collect();
        self.routes
            .iter()
            .filter(|(method, template, _)| {
                *method == request.method.as_str()
                    && template.len() == path.len()
                    && template
                        .iter()
                        .zip(&path)
                        .all(|(t, p)| t.starts_with('{') || t == p)
            })
            .max_by_key(|(_, template, _)| template.iter().filter(|t| !t.starts_with('{')).count())
            .map(|(_, _, answer)| answer.clone())
            .unwrap_or_else(|| {
                ResponseTemplate::new(404).set_body_string("no method of spec/ecs.yaml")
            })
    }
}

/// A server answering every method of the spec with the official SDK's sample answer.
pub async fn capture_server() -> MockServer {
    answering(&sdk_answers(&[])).await
}

/// A server answering every method of the spec with its SDK operation's answer in `answers`.
pub async fn answering(answers: &BTreeMap<String, Value>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(Answers::new(answers))
        .mount(&server)
        .await;
    server
}

/// Header `name` of `request` as text, if sent.
pub fn header_opt<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Header `name` of `request` as text.
pub fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    header_opt(request, name).unwrap_or_else(|| panic!("no {name} header"))
}

/// The `SignedHeaders=` list of an `Authorization` value.
fn signed_header_names(authorization: &str) -> Vec<String> {
    authorization
        .split(", ")
        .find_map(|part| part.strip_prefix("SignedHeaders="))
        .unwrap_or_else(|| panic!("no SignedHeaders in {authorization}"))
        .split(';')
        .map(str::to_owned)
        .collect()
}

/// The headers `request` signed, with their values as sent.
pub fn signed_headers(request: &Request) -> BTreeMap<String, String> {
    signed_header_names(header(request, "authorization"))
        .into_iter()
        .map(|name| {
            let value = header(request, &name).to_owned();
            (name, value)
        })
        .collect()
}

/// The decoded query pairs, in the order sent.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The decoded query pairs, sorted.
pub fn query(request: &Request) -> Vec<(String, String)> {
    let mut pairs = query_pairs(request);
    pairs.sort();
    pairs
}

/// The query pairs exactly as encoded on the wire, sorted (the SDK sends them sorted).
pub fn raw_query(request: &Request) -> Vec<String> {
    let mut pairs: Vec<String> = request
        .url
        .query()
        .map(|q| q.split('&').map(str::to_owned).collect())
        .unwrap_or_default();
    pairs.sort();
    pairs
}

/// The JSON body, if any.
pub fn body(request: &Request) -> Result<Option<Value>, String> {
    if request.body.is_empty() {
        return Ok(None);
    }
    serde_json::from_slice(&request.body)
        .map(Some)
        .map_err(|e| format!("the body is not JSON ({e}): {:?}", request.body))
}

/// Our signer over exactly what `request` sent.
pub fn our_signature(request: &Request) -> String {
    let query = query_pairs(request);
    let headers: Vec<(String, String)> = signed_headers(request).into_iter().collect();
    let signable = Signable {
        method: request.method.as_str(),
        path: request.url.path(),
        query: &query,
        headers: &headers,
        body: &request.body,
    };
    authorization(AK, SK, header(request, "x-sdk-date"), &signable)
}

/// The official SDK's signer over exactly what each of `requests` sent, in one run.
pub fn official_signatures(requests: &[&Request]) -> Vec<String> {
    let captured: Vec<Value> = requests
        .iter()
        .map(|request| {
            json!({
                "method": request.method.as_str(),
                "host": header(request, "host"),
                "path": request.url.path(),
                "query": query_pairs(request),
                "headers": signed_headers(request),
                "body": String::from_utf8(request.body.clone()).expect("UTF-8 body"),
            })
        })
        .collect();
    let mut child = Command::new("python3")
        .args([SCRIPT, "sign"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(Value::Array(captured).to_string().as_bytes())
        .expect("requests written");
    let out = child.wait_with_output().expect("signer finishes");
    assert!(
        out.status.success(),
        "official signer: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), requests.len(), "one signature per request");
    lines
}

/// Runs the driver with `args`; its standard output, one line a name.
pub fn driver(args: &[&str]) -> Vec<String> {
    let out = Command::new("python3")
        .arg(SCRIPT)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "huawei_sdk.py {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

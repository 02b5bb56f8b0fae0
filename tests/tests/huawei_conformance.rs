//! Wire conformance with Huawei Cloud's official Python SDK (`huaweicloudsdkcore`,
//! `huaweicloudsdkecs` 3.1.219, installed by `.ci/run`). A local capture server receives the
//! same logical calls from the official SDK and from our generated client (AK/SK, the same
//! project id, a fixed `X-Sdk-Date`), and the test checks that:
//! - both send the same method, path, query and JSON body (bodies compared as values, since the
//!   two serialize JSON differently);
//! - our signer, given exactly the request the official SDK sent (its signed headers and body
//!   bytes), computes the `Authorization` the SDK sent;
//! - the SDK's signer, given exactly the request our client sent, computes the `Authorization`
//!   our client sent.
//!
//! Without the Python packages the test is skipped with a message, except under CI, where it
//! fails.

use generated_sdk::runtime::signing::{Signable, authorization};
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const AK: &str = "AccessKeyExample";
const SK: &str = "SecretKeyExample";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const SDK_DATE: &str = "20250101T000000Z";
const SERVER_ID: &str = "616fb98f-46ca-475e-917e-2563e5a8cd19";
const JOB_ID: &str = "ff80808288d41e1b018990260955686a";

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/huawei_sdk.py");

/// Whether the official SDK can be imported; outside CI a missing SDK skips the test.
fn official_sdk_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import huaweicloudsdkcore, huaweicloudsdkecs"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install huaweicloudsdkcore and huaweicloudsdkecs (see .ci/run)"
        );
        eprintln!(
            "skipped: `pip install huaweicloudsdkcore==3.1.219 huaweicloudsdkecs==3.1.219` to run"
        );
    }
    found
}

/// Answers every call with a body both clients accept.
struct Canned;

impl Respond for Canned {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path();
        let body = if path.contains("/jobs/") {
            json!({
                "status": "SUCCESS", "job_id": JOB_ID, "job_type": "deleteVMs",
                "begin_time": "2025-01-01T00:00:00.000Z", "end_time": "2025-01-01T00:01:00.000Z",
                "entities": {}, "error_code": null, "fail_reason": null
            })
        } else if path.ends_with("/cloudservers/detail") {
            json!({"count": 0, "servers": []})
        } else if path.ends_with("/cloudservers") {
            json!({"job_id": JOB_ID, "serverIds": [SERVER_ID]})
        } else if request.method.as_str() == "GET" {
            json!({"server": server_detail()})
        } else {
            json!({"job_id": JOB_ID})
        };
        ResponseTemplate::new(200).set_body_raw(body.to_string(), "application/json")
    }
}

/// A server as the native API describes it (section 1.4 of the ECS reference).
fn server_detail() -> Value {
    serde_json::from_str(include_str!("../fixtures/ecs_server_detail.json")).expect("fixture")
}

async fn capture_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(Canned)
        .mount(&server)
        .await;
    server
}

/// Header `name` of `request` as text.
fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
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
fn signed_headers(request: &Request) -> Vec<(String, String)> {
    signed_header_names(header(request, "authorization"))
        .into_iter()
        .map(|name| {
            let value = header(request, &name).to_owned();
            (name, value)
        })
        .collect()
}

fn query(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// The query pairs exactly as encoded on the wire, sorted (the SDK sends them sorted).
fn raw_query(request: &Request) -> Vec<String> {
    let mut pairs: Vec<String> = request
        .url
        .query()
        .map(|q| q.split('&').map(str::to_owned).collect())
        .unwrap_or_default();
    pairs.sort();
    pairs
}

fn body(request: &Request) -> Option<Value> {
    (!request.body.is_empty()).then(|| serde_json::from_slice(&request.body).expect("JSON body"))
}

/// Our signer over exactly what `request` sent.
fn our_signature(request: &Request) -> String {
    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let headers = signed_headers(request);
    let signable = Signable {
        method: request.method.as_str(),
        path: request.url.path(),
        query: &query,
        headers: &headers,
        body: &request.body,
    };
    authorization(AK, SK, header(request, "x-sdk-date"), &signable)
}

/// The official SDK's signer over exactly what `request` sent.
fn official_signature(request: &Request) -> String {
    let headers: serde_json::Map<String, Value> = signed_headers(request)
        .into_iter()
        .map(|(name, value)| (name, Value::String(value)))
        .collect();
    let captured = json!({
        "method": request.method.as_str(),
        "host": header(request, "host"),
        "path": request.url.path(),
        "query": request.url.query_pairs().map(|(k, v)| vec![k.into_owned(), v.into_owned()]).collect::<Vec<_>>(),
        "headers": headers,
        "body": String::from_utf8(request.body.clone()).expect("UTF-8 body"),
    });
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
        .write_all(captured.to_string().as_bytes())
        .expect("request written");
    let out = child.wait_with_output().expect("signer finishes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// The official SDK's eight calls, made through our client with the same credentials, project
/// id and `X-Sdk-Date`.
async fn rust_calls(base_url: &str) {
    use generated_sdk::ecs::*;
    let client = Client::builder()
        .access_key(AK, SK)
        .project_id(PROJECT_ID)
        .base_url(base_url)
        .build()
        .expect("client");
    let servers = || vec![ServerId::new(SERVER_ID)];
    let list = CloudServersListDetailsParams::default()
        .offset(1)
        .limit(25)
        .name("web 01")
        .status(ServerStatus::Active);
    let page = client
        .cloud_servers()
        .list_details(list)
        .header("X-Sdk-Date", SDK_DATE)
        .await;
    assert_eq!(page.expect("list").total, Some(0));
    let shown = client
        .cloud_servers()
        .get(SERVER_ID)
        .header("X-Sdk-Date", SDK_DATE)
        .await;
    assert_eq!(shown.expect("show").server.name, "web-01");
    let server = PostPaidServer::new(
        "image-1",
        "s6.small.1",
        "web-01",
        "vpc-1",
        vec![CreateServerNic::default().subnet_id("subnet-1")],
        CreateServerRootVolume::new(VolumeType::Ssd).size(40),
    )
    .count(2);
    let created = client
        .cloud_servers()
        .create_post_paid(CloudServersCreatePostPaidParams::new(server))
        .header("X-Sdk-Date", SDK_DATE)
        .await
        .expect("create");
    assert_eq!(created.job_id, JOB_ID);
    let delete = CloudServersDeleteParams::new(servers())
        .delete_publicip(false)
        .delete_volume(true);
    let calls = [
        client.cloud_servers().delete(delete),
        client
            .cloud_servers()
            .batch_start(CloudServersBatchStartParams::new(servers())),
        client
            .cloud_servers()
            .batch_stop(CloudServersBatchStopParams::new(servers()).stop_type(StopType::Hard)),
        client
            .cloud_servers()
            .batch_reboot(CloudServersBatchRebootParams::new(
                servers(),
                RebootType::Soft,
            )),
    ];
    for call in calls {
        let job = call
            .header("X-Sdk-Date", SDK_DATE)
            .await
            .expect("job started");
        assert_eq!(job.job_id, JOB_ID);
    }
    let job = client
        .jobs()
        .get(JOB_ID)
        .header("X-Sdk-Date", SDK_DATE)
        .await
        .expect("job");
    assert_eq!(job.status, JobStatus::Success);
}

/// What names a request in failure messages.
fn describe(request: &Request) -> String {
    format!("{} {}", request.method, request.url)
}

#[tokio::test]
async fn our_client_and_the_official_sdk_send_the_same_signed_requests() {
    if !official_sdk_available() {
        return;
    }
    // The official SDK's calls.
    let server = capture_server().await;
    let out = Command::new("python3")
        .args([SCRIPT, "calls", &server.uri()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "official SDK: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let official = server.received_requests().await.expect("recorded");

    // The same calls through our client.
    let ours_server = capture_server().await;
    rust_calls(&ours_server.uri()).await;
    let ours = ours_server.received_requests().await.expect("recorded");

    assert_eq!(official.len(), 8, "the official SDK made 8 calls");
    assert_eq!(
        ours.len(),
        official.len(),
        "our client made the same number of calls"
    );
    for (theirs, mine) in official.iter().zip(&ours) {
        let what = describe(theirs);
        assert_eq!(mine.method, theirs.method, "{what}: method");
        assert_eq!(mine.url.path(), theirs.url.path(), "{what}: path");
        assert_eq!(query(mine), query(theirs), "{what}: query");
        assert_eq!(raw_query(mine), raw_query(theirs), "{what}: query encoding");
        assert_eq!(body(mine), body(theirs), "{what}: JSON body");
        assert_eq!(
            header(mine, "x-project-id"),
            PROJECT_ID,
            "{what}: X-Project-Id"
        );
        assert_eq!(header(mine, "x-sdk-date"), SDK_DATE, "{what}: X-Sdk-Date");

        assert_eq!(
            our_signature(theirs),
            header(theirs, "authorization"),
            "{what}: our signer disagrees with the SDK's signature"
        );
        assert_eq!(
            official_signature(mine),
            header(mine, "authorization"),
            "{}: the SDK's signer disagrees with our signature",
            describe(mine)
        );
    }
}

//! Tests of the generated ECS client against a wiremock server: the reboot action's request
//! (path, headers, exact JSON body from seed 002), its empty `202` answer, Nova and native error
//! bodies, and the builder's configuration checks.

use generated_sdk::Error;
use generated_sdk::ecs::{Client, RebootType};
use sdk_tests::fixture_json;
use serde_json::{Value, json};
use wiremock::matchers::{any, body_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEw";
const PROJECT_ID: &str = "0a3b8c1e2f9d4e5f6a7b8c9d0e1f2a3b";
const SERVER_ID: &str = "6d7f3a2e-1b4c-4d5e-8f9a-0b1c2d3e4f5a";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .auth_token(TOKEN)
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

fn action_path() -> String {
    format!("/v2.1/{PROJECT_ID}/servers/{SERVER_ID}/action")
}

fn sdk_user_agent(request: &Request) -> bool {
    request
        .headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| ua.starts_with("generated-sdk/"))
}

/// A mock for the reboot action that only matches requests with every header ECS needs.
fn reboot_action() -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(action_path()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(header("x-auth-token", TOKEN))
        .and(header("x-project-id", PROJECT_ID))
        .and(sdk_user_agent)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Sends a reboot of `reboot_type` and checks the body is `expected`, as JSON and as text.
async fn check_reboot(reboot_type: RebootType, expected: Value, expected_text: &str) {
    let server = MockServer::start().await;
    reboot_action()
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;

    let result = client(&server)
        .servers()
        .reboot(SERVER_ID, reboot_type)
        .await;
    assert!(matches!(result, Ok(())), "{result:?}");

    let request = only_request(&server).await;
    let sent: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
    assert_eq!(sent, expected);
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8"),
        expected_text
    );
    assert_eq!(request.url.query(), None, "reboot takes no query");
    assert!(
        request.headers.get("authorization").is_none(),
        "ECS authenticates with X-Auth-Token only"
    );
    server.verify().await;
}

#[tokio::test]
async fn soft_reboot_sends_the_seed_example_body_and_accepts_an_empty_202() {
    let expected = fixture_json("ecs_reboot_soft.json");
    assert_eq!(expected, json!({"reboot": {"type": "SOFT"}}));
    check_reboot(RebootType::Soft, expected, r#"{"reboot":{"type":"SOFT"}}"#).await;
}

#[tokio::test]
async fn hard_reboot_sends_the_hard_body_and_accepts_an_empty_202() {
    check_reboot(
        RebootType::Hard,
        json!({"reboot": {"type": "HARD"}}),
        r#"{"reboot":{"type":"HARD"}}"#,
    )
    .await;
}

#[tokio::test]
async fn an_unknown_reboot_type_is_sent_as_given() {
    check_reboot(
        RebootType::from("GRACEFUL"),
        json!({"reboot": {"type": "GRACEFUL"}}),
        r#"{"reboot":{"type":"GRACEFUL"}}"#,
    )
    .await;
}

#[tokio::test]
async fn a_body_sent_with_a_success_status_is_ignored() {
    let server = MockServer::start().await;
    reboot_action()
        .respond_with(ResponseTemplate::new(200).set_body_string("not json at all"))
        .expect(1)
        .mount(&server)
        .await;

    let result = client(&server)
        .servers()
        .reboot(SERVER_ID, RebootType::Soft)
        .await;

    assert!(matches!(result, Ok(())), "{result:?}");
    server.verify().await;
}

#[tokio::test]
async fn a_nova_error_body_gives_code_message_and_compute_request_id() {
    let server = MockServer::start().await;
    let body = r#"{"itemNotFound":{"code":404,"message":"Instance x could not be found."}}"#;
    reboot_action()
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-compute-request-id", "req-5e1f2a3b-9c8d")
                .set_body_raw(body, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .servers()
        .reboot(SERVER_ID, RebootType::Soft)
        .await
        .expect_err("404 must be an error");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.request_id(), Some("req-5e1f2a3b-9c8d"));
    let api = error.as_api_error().expect("an API error");
    assert_eq!(api.code.as_deref(), Some("404"));
    assert_eq!(
        api.message.as_deref(),
        Some("Instance x could not be found.")
    );
    assert_eq!(api.request_id.as_deref(), Some("req-5e1f2a3b-9c8d"));
    assert_eq!(api.body, body.as_bytes());
    server.verify().await;
}

#[tokio::test]
async fn a_native_ecs_error_body_gives_code_and_message() {
    let server = MockServer::start().await;
    let body = r#"{"error":{"code":"Ecs.0114","message":"The ECS does not exist."}}"#;
    reboot_action()
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "0b8f7e6d5c4b3a29")
                .set_body_raw(body, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .servers()
        .reboot(SERVER_ID, RebootType::Hard)
        .await
        .expect_err("404 must be an error");

    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.code.as_deref(), Some("Ecs.0114"));
    assert_eq!(api.message.as_deref(), Some("The ECS does not exist."));
    assert_eq!(api.request_id.as_deref(), Some("0b8f7e6d5c4b3a29"));
    assert_eq!(api.body_text(), body);
    let shown = error.to_string();
    assert!(
        shown.contains("Ecs.0114") && shown.contains("The ECS does not exist."),
        "{shown}"
    );
    server.verify().await;
}

/// The API gateway in front of ECS answers with its own shape (e.g. a signature too old):
/// `{"error_code", "error_msg", "request_id"}`. It is a 401, so it is not retried.
#[tokio::test]
async fn an_api_gateway_error_body_gives_code_and_message() {
    let server = MockServer::start().await;
    let body = r#"{"error_msg":"Incorrect IAM authentication information: x-sdk-date is expired","error_code":"APIGW.0303","request_id":"a1b2c3"}"#;
    reboot_action()
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("X-Request-Id", "a1b2c3")
                .set_body_raw(body, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .servers()
        .reboot(SERVER_ID, RebootType::Soft)
        .await
        .expect_err("401 must be an error");

    let api = error.as_api_error().expect("an API error");
    assert_eq!(api.status.as_u16(), 401);
    assert_eq!(api.code.as_deref(), Some("APIGW.0303"));
    assert_eq!(
        api.message.as_deref(),
        Some("Incorrect IAM authentication information: x-sdk-date is expired")
    );
    assert_eq!(error.request_id(), Some("a1b2c3"));
    assert!(!error.is_retryable());
    server.verify().await;
}

#[tokio::test]
async fn the_server_id_is_percent_encoded_and_an_empty_one_is_rejected() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let empty = client.servers().reboot("", RebootType::Soft).await;
    assert!(
        matches!(&empty, Err(Error::InvalidRequest(m)) if m.contains("server_id")),
        "{empty:?}"
    );
    client
        .servers()
        .reboot("../x y", RebootType::Soft)
        .await
        .expect("reboot succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        format!("/v2.1/{PROJECT_ID}/servers/..%2Fx%20y/action")
    );
    server.verify().await;
}

#[tokio::test]
async fn debug_output_does_not_contain_the_token() {
    let server = MockServer::start().await;
    let client = client(&server);
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "token leaked: {debug}");
    assert!(debug.contains(PROJECT_ID), "project id missing: {debug}");
}

#[test]
fn building_without_a_project_id_is_a_config_error() {
    let missing = Client::builder()
        .auth_token(TOKEN)
        .region("cn-north-4")
        .build();
    match missing {
        Err(Error::Config(message)) => assert!(message.contains("project_id"), "{message}"),
        other => panic!("expected Error::Config, got {other:?}"),
    }
    let empty = Client::builder()
        .auth_token(TOKEN)
        .region("cn-north-4")
        .project_id("")
        .build();
    assert!(matches!(empty, Err(Error::Config(_))), "{empty:?}");
}

#[test]
fn building_without_a_token_is_a_config_error() {
    let result = Client::builder()
        .project_id(PROJECT_ID)
        .region("cn-north-4")
        .build();
    match result {
        Err(Error::Config(message)) => assert!(message.contains("auth_token"), "{message}"),
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

#[test]
fn the_region_fills_in_the_base_url() {
    let client = Client::builder()
        .auth_token("t")
        .project_id("p")
        .region("cn-north-4")
        .build()
        .expect("builds");
    assert_eq!(
        client.base_url(),
        "https://ecs.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(client.project_id(), "p");
}

#[test]
fn without_region_or_base_url_the_build_is_a_config_error() {
    let result = Client::builder().auth_token("t").project_id("p").build();
    match result {
        Err(Error::Config(message)) => assert!(message.contains("region"), "{message}"),
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

/// A successful response and an error read the request id from the same spec-declared
/// headers, in the spec's order (`X-Request-Id`, `x-compute-request-id`,
/// `x-openstack-request-id`): with the last two present, both pick the compute id.
#[tokio::test]
async fn responses_and_errors_read_the_request_id_from_the_same_headers_in_order() {
    for status in [202, 409] {
        let server = MockServer::start().await;
        reboot_action()
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("x-openstack-request-id", "req-openstack")
                    .insert_header("x-compute-request-id", "req-compute"),
            )
            .expect(1)
            .mount(&server)
            .await;
        let call = client(&server)
            .servers()
            .reboot(SERVER_ID, RebootType::Soft)
            .max_retries(0)
            .with_response()
            .await;
        let request_id = match &call {
            Ok(response) => response.request_id().map(str::to_owned),
            Err(error) => error.request_id().map(str::to_owned),
        };
        assert_eq!(call.is_ok(), status == 202, "{call:?}");
        assert_eq!(
            request_id.as_deref(),
            Some("req-compute"),
            "status {status}"
        );
    }
}

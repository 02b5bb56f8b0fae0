//! Tests of the generated Nirvana Labs client against a wiremock server: the requests it sends
//! (method, path, headers, query), decoding of the seed examples, cursor pagination, and errors.

use futures::StreamExt;
use generated_sdk::Error;
use generated_sdk::nirvana::{
    Client, CursorPage, Operation, OperationFieldDiffFrom, OperationFieldDiffTo, OperationKind,
    OperationStatus, OperationType, OperationsListParams,
};
use sdk_tests::{fixture_json, fixture_text};
use serde_json::{Value, json};
use wiremock::matchers::{any, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "nv-test-key-4f1c";
/// Streams are cut off after this many items, so a client that never stops fails instead of hanging.
const STREAM_BOUND: usize = 20;
const EXAMPLE_ID: &str = "123e4567-e89b-12d3-a456-426614174000";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

fn sdk_user_agent(request: &Request) -> bool {
    request
        .headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| ua.starts_with("generated-sdk/"))
}

/// A mock for `method path` that only matches requests carrying the SDK's standard headers.
fn sdk_request(verb: &str, route: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(route))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(header("accept", "application/json"))
        .and(sdk_user_agent)
}

fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

/// The query pairs the server saw, sorted so the order the client writes them in does not matter.
fn sorted_query(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    pairs.sort();
    pairs
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Checks the values of the seed example operation.
fn assert_is_seed_example(operation: &Operation) {
    assert_eq!(operation.id, EXAMPLE_ID);
    assert_eq!(operation.project_id, EXAMPLE_ID);
    assert_eq!(operation.resource_id, EXAMPLE_ID);
    assert_eq!(operation.kind, OperationKind::Vm);
    assert_eq!(operation.status, OperationStatus::Pending);
    assert_eq!(operation.r#type, OperationType::Create);
    assert_eq!(operation.created_at.to_string(), "2025-01-01T00:00:00Z");
    assert_eq!(
        operation.updated_at.into_inner().unix_timestamp(),
        1_735_689_600
    );
    let changes = &operation.details.as_ref().expect("details").changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes["foo"].from,
        OperationFieldDiffFrom::String("string".into())
    );
    assert_eq!(
        changes["foo"].to,
        OperationFieldDiffTo::String("string".into())
    );
}

/// The seed example operation with another id.
fn operation_json(id: &str) -> Value {
    let mut operation = fixture_json("nirvana_get_operation.json");
    operation["id"] = json!(id);
    operation
}

fn page_json(ids: &[&str], next_cursor: Option<&str>) -> Value {
    json!({
        "items": ids.iter().map(|id| operation_json(id)).collect::<Vec<_>>(),
        "pagination": {"next_cursor": next_cursor, "previous_cursor": null, "total_count": 5}
    })
}

// ---------------------------------------------------------------------------------------------
// Requests and example responses

#[tokio::test]
async fn restart_vm_sends_post_and_decodes_the_example() {
    let server = MockServer::start().await;
    sdk_request("POST", "/v1/compute/vms/vm_123/restart")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(fixture_text("nirvana_restart_vm.json"), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let operation = client(&server)
        .compute()
        .vms()
        .restart("vm_123")
        .await
        .expect("restart succeeds");

    assert_is_seed_example(&operation);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None, "restart takes no query");
    server.verify().await;
}

#[tokio::test]
async fn get_operation_sends_get_and_decodes_the_example() {
    let server = MockServer::start().await;
    sdk_request("GET", "/v1/operations/op_42")
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            fixture_text("nirvana_get_operation.json"),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let operation = client(&server)
        .operations()
        .get("op_42")
        .await
        .expect("get succeeds");

    assert_is_seed_example(&operation);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None, "get takes no query");
    assert!(request.body.is_empty(), "GET must not send a body");
    server.verify().await;
}

#[tokio::test]
async fn list_operations_sends_the_query_and_decodes_the_example() {
    let server = MockServer::start().await;
    sdk_request("GET", "/v1/operations")
        .and(query_param("project_id", "proj_1"))
        .and(query_param("limit", "20"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            fixture_text("nirvana_list_operations.json"),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .operations()
        .list(OperationsListParams::new("proj_1").limit(20))
        .await
        .expect("list succeeds");

    assert_eq!(page.items.len(), 1);
    assert_is_seed_example(&page.items[0]);
    assert_eq!(
        page.pagination.next_cursor.as_deref(),
        Some("RhwniMT4B74siYZcPF8TnCdGI1l9rpPvg")
    );
    assert_eq!(
        page.pagination.previous_cursor.as_deref(),
        Some("ARhwnmi1hA7wEbHbMjdYQlOB_ZusP4fYvw")
    );
    assert_eq!(page.pagination.total_count, Some(125));
    assert!(page.has_next_page());

    let request = only_request(&server).await;
    assert_eq!(
        sorted_query(&request),
        pairs(&[("project_id", "proj_1"), ("limit", "20")])
    );
    server.verify().await;
}

#[tokio::test]
async fn list_operations_sends_a_given_cursor_and_only_the_params_set() {
    let server = MockServer::start().await;
    sdk_request("GET", "/v1/operations")
        .and(query_param("project_id", "proj 1/&"))
        .and(query_param("cursor", "abc+/="))
        .respond_with(json_response(200, &page_json(&["op_1"], None)))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .operations()
        .list(OperationsListParams::new("proj 1/&").cursor("abc+/="))
        .await
        .expect("list succeeds");

    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, "op_1");
    assert!(!page.has_next_page());
    let request = only_request(&server).await;
    assert_eq!(
        sorted_query(&request),
        pairs(&[("project_id", "proj 1/&"), ("cursor", "abc+/=")]),
        "no `limit` may be sent when it is unset"
    );
    server.verify().await;
}

// ---------------------------------------------------------------------------------------------
// Pagination

/// Mounts three pages: no cursor -> `c2`, `cursor=c2` -> `c3`, `cursor=c3` -> last page.
async fn mount_three_pages(server: &MockServer) {
    let list = || {
        sdk_request("GET", "/v1/operations")
            .and(query_param("project_id", "proj_1"))
            .and(query_param("limit", "2"))
    };
    list()
        .and(query_param_is_missing("cursor"))
        .respond_with(json_response(
            200,
            &page_json(&["op_1", "op_2"], Some("c2")),
        ))
        .expect(1)
        .mount(server)
        .await;
    list()
        .and(query_param("cursor", "c2"))
        .respond_with(json_response(
            200,
            &page_json(&["op_3", "op_4"], Some("c3")),
        ))
        .expect(1)
        .mount(server)
        .await;
    list()
        .and(query_param("cursor", "c3"))
        .respond_with(json_response(200, &page_json(&["op_5"], None)))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn into_stream_yields_every_item_of_three_pages_in_order() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;

    let first = client(&server)
        .operations()
        .list(OperationsListParams::new("proj_1").limit(2))
        .await
        .expect("first page");
    let ids: Vec<String> = first
        .into_stream()
        .take(STREAM_BOUND)
        .map(|item| item.expect("every page decodes").id)
        .collect()
        .await;

    assert_eq!(ids, ["op_1", "op_2", "op_3", "op_4", "op_5"]);
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 3);
    // Every `cursor` value each request carried: none on the first, exactly one afterwards.
    let cursors: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .filter(|(k, _)| k == "cursor")
                .map(|(_, v)| v.into_owned())
                .collect()
        })
        .collect();
    assert_eq!(cursors, [vec![], vec!["c2"], vec!["c3"]]);
    for request in &requests {
        let query = sorted_query(request);
        assert!(
            query.contains(&("project_id".into(), "proj_1".into()))
                && query.contains(&("limit".into(), "2".into())),
            "params lost on a later page: {}",
            request.url
        );
    }
    server.verify().await;
}

#[tokio::test]
async fn next_page_walks_the_pages_and_stops_on_a_null_cursor() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;

    let first = client(&server)
        .operations()
        .list(OperationsListParams::new("proj_1").limit(2))
        .await
        .expect("first page");
    assert!(first.has_next_page());
    let second = first
        .next_page()
        .await
        .expect("second page loads")
        .expect("second page exists");
    assert_eq!(ids(&second), ["op_3", "op_4"]);
    assert!(second.has_next_page());
    let third = second
        .next_page()
        .await
        .expect("third page loads")
        .expect("third page exists");
    assert_eq!(ids(&third), ["op_5"]);
    assert_eq!(third.pagination.next_cursor, None);
    assert!(!third.has_next_page());
    assert!(
        third.next_page().await.expect("no error").is_none(),
        "the last page must not have a next page"
    );

    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        3
    );
    server.verify().await;
}

fn ids(page: &CursorPage<Operation>) -> Vec<&str> {
    page.items.iter().map(|op| op.id.as_str()).collect()
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream_with_a_pagination_error() {
    let server = MockServer::start().await;
    let list = || sdk_request("GET", "/v1/operations").and(query_param("project_id", "proj_1"));
    list()
        .and(query_param_is_missing("cursor"))
        .respond_with(json_response(200, &page_json(&["op_1"], Some("loop"))))
        .expect(1)
        .mount(&server)
        .await;
    list()
        .and(query_param("cursor", "loop"))
        .respond_with(json_response(200, &page_json(&["op_2"], Some("loop"))))
        .expect(1)
        .mount(&server)
        .await;

    let first = client(&server)
        .operations()
        .list(OperationsListParams::new("proj_1"))
        .await
        .expect("first page");
    let results: Vec<_> = first.into_stream().take(STREAM_BOUND).collect().await;

    assert_eq!(results.len(), 3, "two items then one error: {results:?}");
    assert_eq!(results[0].as_ref().expect("item 1").id, "op_1");
    assert_eq!(results[1].as_ref().expect("item 2").id, "op_2");
    match &results[2] {
        Err(Error::Pagination(message)) => assert!(message.contains("loop"), "{message}"),
        other => panic!("expected Error::Pagination, got {other:?}"),
    }
    server.verify().await;
}

#[tokio::test]
async fn an_error_on_a_later_page_ends_the_stream_with_that_error() {
    let server = MockServer::start().await;
    let list = || sdk_request("GET", "/v1/operations").and(query_param("project_id", "proj_1"));
    list()
        .and(query_param_is_missing("cursor"))
        .respond_with(json_response(200, &page_json(&["op_1"], Some("c2"))))
        .expect(1)
        .mount(&server)
        .await;
    list()
        .and(query_param("cursor", "c2"))
        .respond_with(json_response(503, &json!({"message": "try later"})))
        .expect(1)
        .mount(&server)
        .await;

    // Per-call options travel with the pages: no retry of the 503 on page 2 either.
    let first = client(&server)
        .operations()
        .list(OperationsListParams::new("proj_1"))
        .max_retries(0)
        .await
        .expect("first page");
    let results: Vec<_> = first.into_stream().take(STREAM_BOUND).collect().await;

    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().expect("item 1").id, "op_1");
    let error = results[1].as_ref().expect_err("the second page fails");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    server.verify().await;
}

// ---------------------------------------------------------------------------------------------
// Errors

#[tokio::test]
async fn not_found_is_an_api_error_keeping_the_raw_body_and_request_id() {
    let server = MockServer::start().await;
    // Odd spacing, an escape and a trailing newline: the body must be kept byte for byte.
    let body: &[u8] =
        b"{\"code\" : \"not_found\",\n  \"message\":\"Operation \\u00e9 not found\"}\n";
    sdk_request("GET", "/v1/operations/missing")
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req-7f3a")
                .set_body_raw(body, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .operations()
        .get("missing")
        .await
        .expect_err("404 must be an error");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.request_id(), Some("req-7f3a"));
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.body, body);
    assert_eq!(api.request_id.as_deref(), Some("req-7f3a"));
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.message.as_deref(), Some("Operation é not found"));
    assert_eq!(
        api.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let shown = error.to_string();
    assert!(
        shown.contains("404") && shown.contains("req-7f3a"),
        "{shown}"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error_keeping_the_raw_body() {
    let server = MockServer::start().await;
    let body = r#"{"id": "op_1", "kind": "vm", "status": "#;
    sdk_request("GET", "/v1/operations/op_1")
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .operations()
        .get("op_1")
        .await
        .expect_err("a truncated body must not decode");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    let Error::Decode(decode) = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(decode.body, body.as_bytes());
    assert_eq!(decode.body_text(), body);
    assert!(decode.source.is_eof(), "{}", decode.source);
    server.verify().await;
}

#[tokio::test]
async fn a_well_formed_body_of_the_wrong_shape_is_a_decode_error() {
    let server = MockServer::start().await;
    let mut body = fixture_json("nirvana_restart_vm.json");
    body.as_object_mut().expect("object").remove("created_at");
    sdk_request("POST", "/v1/compute/vms/vm_1/restart")
        .respond_with(json_response(200, &body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .compute()
        .vms()
        .restart("vm_1")
        .await
        .expect_err("a body without created_at must not decode");

    let Error::Decode(decode) = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(decode.body, body.to_string().as_bytes());
    assert!(
        decode.source.to_string().contains("created_at"),
        "{}",
        decode.source
    );
    server.verify().await;
}

#[tokio::test]
async fn ids_are_percent_encoded_inside_their_one_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            fixture_text("nirvana_get_operation.json"),
            "application/json",
        ))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);

    client
        .operations()
        .get("a/b?c#d")
        .await
        .expect("get succeeds");
    client
        .compute()
        .vms()
        .restart("a/b?c#d")
        .await
        .expect("restart succeeds");

    let requests = server.received_requests().await.expect("recording is on");
    let seen: Vec<(String, &str, Option<&str>)> = requests
        .iter()
        .map(|r| (r.method.to_string(), r.url.path(), r.url.query()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".to_owned(), "/v1/operations/a%2Fb%3Fc%23d", None),
            (
                "POST".to_owned(),
                "/v1/compute/vms/a%2Fb%3Fc%23d/restart",
                None
            ),
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn an_empty_id_is_rejected_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);

    let get = client.operations().get("").await;
    assert!(
        matches!(&get, Err(Error::InvalidRequest(m)) if m.contains("operation_id")),
        "{get:?}"
    );
    let restart = client.compute().vms().restart("").await;
    assert!(
        matches!(&restart, Err(Error::InvalidRequest(m)) if m.contains("vm_id")),
        "{restart:?}"
    );

    assert!(
        server
            .received_requests()
            .await
            .expect("recording")
            .is_empty()
    );
    server.verify().await;
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[tokio::test]
async fn debug_output_does_not_contain_the_api_key() {
    let server = MockServer::start().await;
    let client = client(&server);
    let debug = format!("{client:?}");
    assert!(!debug.contains(API_KEY), "API key leaked: {debug}");
    assert!(debug.contains(&server.uri()), "base URL missing: {debug}");
    let builder = format!("{:?}", Client::builder().api_key(API_KEY));
    assert!(
        !builder.contains(API_KEY),
        "API key leaked by the builder: {builder}"
    );
}

#[test]
fn building_without_an_api_key_is_a_config_error() {
    let result = Client::builder().base_url("http://127.0.0.1:9").build();
    match result {
        Err(Error::Config(message)) => assert!(message.contains("api_key"), "{message}"),
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

#[test]
fn the_default_base_url_is_the_documented_one() {
    let client = Client::builder().api_key(API_KEY).build().expect("builds");
    assert_eq!(client.base_url(), "https://api.nirvanalabs.io");
}

#[test]
fn a_base_url_that_is_not_a_url_is_a_config_error() {
    let result = Client::builder()
        .api_key(API_KEY)
        .base_url("not a url")
        .build();
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

/// Nullable request fields have three states: unset (left out), cleared (`null`), or a value.
#[tokio::test]
async fn clearing_a_nullable_field_sends_null_and_unset_fields_are_left_out() {
    use generated_sdk::nirvana::OrganizationsAddressUpdateParams;
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1/organizations/org_1/address"))
        .respond_with(json_response(
            200,
            &json!({
                "id": "addr_1", "city": "Lisbon", "country": "PT",
                "created_at": "2025-01-01T00:00:00Z", "line1": "Rua 1", "line2": null,
                "organization_id": "org_1", "postal_code": "1000-001", "state": null,
                "tax_id": "PT123", "tax_id_type": null, "updated_at": "2025-01-02T00:00:00Z"
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let params = OrganizationsAddressUpdateParams::default()
        .clear_line2()
        .tax_id("PT123")
        .city("Lisbon");
    let address = client(&server)
        .organizations()
        .address()
        .update("org_1", params)
        .await
        .expect("updated");
    assert_eq!(address.line2, None);
    let request = only_request(&server).await;
    let body: Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(
        body,
        json!({"line2": null, "tax_id": "PT123", "city": "Lisbon"}),
        "state and tax_id_type were not set, so they are not sent"
    );
}

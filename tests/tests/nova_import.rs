//! The Nova client imported from Nova's own OpenAPI document (`imported/nova.yaml`) and the ECS
//! spec's hand-written Nova actions send the same requests: `reboot` (both types), `os-start` and
//! `os-stop`, each to its own local server, compared header by header and byte by byte. Nova's
//! document has no project in its paths (optional since microversion 2.18), so that one
//! segment is the only difference allowed.

use generated_sdk::ecs;
use imported_sdk::nova;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEw";
const PROJECT_ID: &str = "0a3b8c1e2f9d4e5f6a7b8c9d0e1f2a3b";
const SERVER_ID: &str = "6d7f3a2e-1b4c-4d5e-8f9a-0b1c2d3e4f5a";

/// A server that answers every request with an empty `202`, as Nova answers actions.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// The headers both clients must agree on.
const SAME_HEADERS: [&str; 4] = ["content-type", "content-length", "accept", "x-auth-token"];

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[derive(Clone, Copy, Debug)]
enum Action {
    RebootSoft,
    RebootHard,
    Start,
    Stop,
}

async fn send_ecs(action: Action, server: &MockServer) {
    let client = ecs::Client::builder()
        .auth_token(TOKEN)
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .build()
        .expect("client builds");
    let servers = client.servers();
    let result = match action {
        Action::RebootSoft => servers.reboot(SERVER_ID, ecs::RebootType::Soft).await,
        Action::RebootHard => servers.reboot(SERVER_ID, ecs::RebootType::Hard).await,
        Action::Start => servers.start(SERVER_ID).await,
        Action::Stop => {
            servers
                .stop(SERVER_ID, ecs::ServersStopParams::default())
                .await
        }
    };
    assert!(result.is_ok(), "{action:?}: {result:?}");
}

async fn send_nova(action: Action, server: &MockServer) {
    let client = nova::Client::builder()
        .api_key(TOKEN)
        .base_url(server.uri())
        .build()
        .expect("client builds");
    let servers = client.servers();
    let reboot = |t| nova::ServersRebootParams::new(t);
    let result = match action {
        Action::RebootSoft => {
            let soft = nova::RebootType::SoftUpper;
            servers.reboot(SERVER_ID, reboot(soft)).await
        }
        Action::RebootHard => {
            let hard = nova::RebootType::HardUpper;
            servers.reboot(SERVER_ID, reboot(hard)).await
        }
        Action::Start => servers.start(SERVER_ID).await,
        Action::Stop => servers.stop(SERVER_ID).await,
    };
    assert!(result.is_ok(), "{action:?}: {result:?}");
}

#[tokio::test]
async fn imported_nova_actions_send_what_the_hand_written_ecs_actions_send() {
    for (action, body) in [
        (Action::RebootSoft, r#"{"reboot":{"type":"SOFT"}}"#),
        (Action::RebootHard, r#"{"reboot":{"type":"HARD"}}"#),
        (Action::Start, r#"{"os-start":{}}"#),
        (Action::Stop, r#"{"os-stop":{}}"#),
    ] {
        let (ecs_server, nova_server) = (server().await, server().await);
        send_ecs(action, &ecs_server).await;
        send_nova(action, &nova_server).await;
        let (ecs, nova) = (
            only_request(&ecs_server).await,
            only_request(&nova_server).await,
        );
        assert_eq!(ecs.method, nova.method, "{action:?}");
        assert_eq!(nova.method.as_str(), "POST", "{action:?}");
        assert_eq!(
            ecs.url.path(),
            format!("/v2.1/{PROJECT_ID}/servers/{SERVER_ID}/action"),
            "{action:?}"
        );
        assert_eq!(
            nova.url.path(),
            format!("/v2.1/servers/{SERVER_ID}/action"),
            "{action:?}"
        );
        assert_eq!(ecs.url.query(), nova.url.query(), "{action:?}");
        assert_eq!(
            String::from_utf8_lossy(&ecs.body),
            String::from_utf8_lossy(&nova.body),
            "{action:?}"
        );
        assert_eq!(String::from_utf8_lossy(&nova.body), body, "{action:?}");
        for name in SAME_HEADERS {
            assert_eq!(
                header(&ecs, name),
                header(&nova, name),
                "{action:?}: {name}"
            );
            assert!(header(&nova, name).is_some(), "{action:?}: {name} is sent");
        }
    }
}

/// Two pages of a Nova list named `key` (`servers`, `images`): the first, asked for without a
/// marker, holds `a` and `b` and a `next` link; the second, asked for with `marker=b`, holds
/// `c` and no link.
async fn two_pages(key: &str) -> MockServer {
    use serde_json::{Value, json};
    use wiremock::matchers::{method, query_param, query_param_is_missing};
    let page = |ids: &[&str], next: bool| {
        let items: Vec<Value> = ids
            .iter()
            .map(|id| json!({"id": id, "name": id, "links": []}))
            .collect();
        let links = if next {
            json!([{"rel": "next", "href": format!("http://nova.example/{key}?marker=b")}])
        } else {
            json!([])
        };
        let mut body = serde_json::Map::new();
        body.insert(key.to_owned(), Value::Array(items));
        body.insert(format!("{key}_links"), links);
        ResponseTemplate::new(200).set_body_json(Value::Object(body))
    };
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("marker", "b"))
        .respond_with(page(&["c"], false))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("marker"))
        .respond_with(page(&["a", "b"], true))
        .mount(&server)
        .await;
    server
}

/// The queries a server received, each sorted.
async fn queries(server: &MockServer) -> Vec<Vec<(String, String)>> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|r| {
            let mut pairs: Vec<(String, String)> = r.url.query_pairs().into_owned().collect();
            pairs.retain(|(k, _)| k != "project_id");
            pairs.sort();
            pairs
        })
        .collect()
}

/// The imported Nova `servers().list()`, recognised as OpenStack's marker list (the next
/// marker is the last item's `id`, `servers_links` says whether a page follows), walks pages
/// as the ECS spec's hand-written Nova `servers().list()` does: the same items, and the same
/// queries (the caller's limit, then the marker).
#[tokio::test]
async fn an_imported_nova_list_pages_as_the_hand_written_one() {
    use futures::TryStreamExt;
    let ecs_server = two_pages("servers").await;
    let ecs_ids: Vec<String> = ecs::Client::builder()
        .auth_token(TOKEN)
        .project_id(PROJECT_ID)
        .base_url(ecs_server.uri())
        .build()
        .expect("client builds")
        .servers()
        .list(ecs::ServersListParams {
            limit: Some(2),
            ..Default::default()
        })
        .items()
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .expect("every page");
    let nova_server = two_pages("servers").await;
    let nova_ids: Vec<String> = nova::Client::builder()
        .api_key(TOKEN)
        .base_url(nova_server.uri())
        .build()
        .expect("client builds")
        .servers()
        .list(nova::ServersListParams {
            limit: Some(2),
            ..Default::default()
        })
        .items()
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ecs_ids, ["a", "b", "c"]);
    assert_eq!(nova_ids, ecs_ids);
    let ecs_queries = queries(&ecs_server).await;
    assert_eq!(
        ecs_queries,
        [
            vec![("limit".to_owned(), "2".to_owned())],
            vec![
                ("limit".to_owned(), "2".to_owned()),
                ("marker".to_owned(), "b".to_owned())
            ],
        ]
    );
    assert_eq!(queries(&nova_server).await, ecs_queries);
}

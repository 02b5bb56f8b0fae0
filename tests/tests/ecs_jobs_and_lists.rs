//! The ECS client's asynchronous jobs and list pagination against a local server: a batch
//! action's job waited on until `SUCCESS` (the job with its entities) or `FAIL` (a typed error
//! carrying the job's `error_code` and `fail_reason`), the reference's job example decoding
//! unchanged, and the native page-number list and the marker lists (the last item's id, or the
//! answer's `page_info.next_marker`) streaming every item.

use futures::TryStreamExt;
use generated_sdk::Error;
use generated_sdk::ecs::{
    Client, CloudServersBatchRebootParams, CloudServersListDetailsParams, Job, JobRef, JobStatus,
    LaunchTemplatesListParams, RebootType, ServerId, ServersListDetailsParams,
};
use serde_json::{Value, json};
use std::sync::Mutex;
use std::time::Duration;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const PROJECT_ID: &str = "0a3b8c1e2f9d4e5f6a7b8c9d0e1f2a3b";
const JOB_ID: &str = "2c9eb2c5544cbf6101544f0602af2b4f";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .auth_token("token")
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

/// The ShowJob example of the ECS reference, section 1.9.
fn job_example() -> Value {
    json!({"status":"SUCCESS","entities":{"sub_jobs_total":1,"sub_jobs":[{"status":"SUCCESS",
     "entities":{"server_id":"bae51750-0089-41a1-9b18-5c777978ff6d"},"job_id":"2c9eb2c5544cbf6101544f0635672b60",
     "job_type":"createSingleServer","begin_time":"2016-04-25T20:04:47.591Z","end_time":"2016-04-25T20:08:21.328Z",
     "error_code":null,"fail_reason":null}]},"job_id":"2c9eb2c5544cbf6101544f0602af2b4f","job_type":"createServer",
     "begin_time":"2016-04-25T20:04:34.604Z","end_time":"2016-04-25T20:08:41.593Z","error_code":null,"fail_reason":null})
}

fn job(status: &str) -> Value {
    let mut job = job_example();
    job["status"] = json!(status);
    job
}

/// Serves the given answers in order, then repeats the last.
struct Sequence(Mutex<Vec<Value>>);

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut answers = self.0.lock().expect("lock");
        let answer = if answers.len() > 1 {
            answers.remove(0)
        } else {
            answers[0].clone()
        };
        ResponseTemplate::new(200).set_body_json(answer)
    }
}

fn fast() -> generated_sdk::ecs::WaitOptions {
    JobRef::WAIT_OPTIONS
        .initial_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(5))
}

#[test]
fn the_reference_job_example_round_trips() {
    let decoded: Job = serde_json::from_value(job_example()).expect("decodes");
    assert_eq!(decoded.status, JobStatus::Success);
    let entities = decoded.entities.as_ref().expect("entities");
    assert_eq!(entities.sub_jobs_total, Some(1));
    assert_eq!(
        serde_json::to_value(&decoded).expect("encodes"),
        job_example()
    );
    let pending: Job = serde_json::from_value(job("PENDING_PAYMENT")).expect("decodes");
    assert_eq!(pending.status, JobStatus::PendingPayment);
}

#[tokio::test]
async fn a_batch_reboot_job_is_waited_on_until_success() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v1/{PROJECT_ID}/cloudservers/action")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"job_id": JOB_ID})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/{PROJECT_ID}/jobs/{JOB_ID}")))
        .respond_with(Sequence(Mutex::new(vec![
            job("INIT"),
            job("RUNNING"),
            job("SUCCESS"),
        ])))
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    let servers = vec![ServerId::new("bae51750-0089-41a1-9b18-5c777978ff6d")];
    let started = client
        .cloud_servers()
        .batch_reboot(CloudServersBatchRebootParams::new(
            servers,
            RebootType::Soft,
        ))
        .await
        .expect("job started");
    let finished = started
        .wait_with(&client, fast())
        .await
        .expect("job succeeds");
    assert_eq!(finished.status, JobStatus::Success);
    let sub_jobs = finished
        .entities
        .and_then(|e| e.sub_jobs)
        .expect("sub-jobs");
    assert_eq!(sub_jobs.len(), 1);
    server.verify().await;
}

#[tokio::test]
async fn a_failed_job_is_a_typed_error_with_its_code_and_reason() {
    let server = MockServer::start().await;
    let mut failed = job("FAIL");
    failed["error_code"] = json!("Ecs.0010");
    failed["fail_reason"] = json!("The private IP address is already in use.");
    Mock::given(method("GET"))
        .and(path(format!("/v1/{PROJECT_ID}/jobs/{JOB_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(failed))
        .expect(1)
        .mount(&server)
        .await;
    let started = JobRef {
        job_id: JOB_ID.to_owned(),
    };
    match started.wait_with(&client(&server), fast()).await {
        Err(Error::WaitFailed(failure)) => {
            assert_eq!(failure.state, "FAIL");
            let job = failure.resource::<Job>().expect("the job");
            assert_eq!(job.error_code.as_deref(), Some("Ecs.0010"));
            assert_eq!(
                job.fail_reason.as_deref(),
                Some("The private IP address is already in use.")
            );
        }
        other => panic!("expected WaitFailed, got {other:?}"),
    }
}

fn server(id: &str) -> Value {
    serde_json::from_str::<Value>(include_str!("../fixtures/ecs_server_detail.json"))
        .map(|mut s| {
            s["id"] = json!(id);
            s
        })
        .expect("fixture")
}

#[tokio::test]
async fn the_native_list_pages_by_number_until_the_total() {
    let server_mock = MockServer::start().await;
    let list = format!("/v1/{PROJECT_ID}/cloudservers/detail");
    for (page, ids) in [(1, ["a", "b"].as_slice()), (2, &["c", "d"]), (3, &["e"])] {
        let servers: Vec<Value> = ids.iter().map(|id| server(id)).collect();
        let matcher = Mock::given(method("GET"))
            .and(path(list.as_str()))
            .and(query_param("limit", "2"));
        let matcher = if page == 1 {
            matcher.and(query_param_is_missing("offset"))
        } else {
            matcher.and(query_param("offset", page.to_string().as_str()))
        };
        matcher
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"count": 5, "servers": servers})),
            )
            .expect(1)
            .mount(&server_mock)
            .await;
    }
    let all: Vec<_> = client(&server_mock)
        .cloud_servers()
        .list_details(CloudServersListDetailsParams::default().limit(2))
        .items()
        .try_collect()
        .await
        .expect("every page");
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    server_mock.verify().await;
}

#[tokio::test]
async fn the_nova_list_follows_markers_until_there_is_no_next_link() {
    let server_mock = MockServer::start().await;
    let list = format!("/v2.1/{PROJECT_ID}/servers/detail");
    let nova = |id: &str| {
        json!({"id": id, "name": format!("vm-{id}"), "status": "ACTIVE", "tenant_id": PROJECT_ID,
        "user_id": "u", "metadata": {}, "hostId": "h", "image": "", "flavor": {"id": "f", "links": []},
        "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z", "addresses": {},
        "accessIPv4": "", "accessIPv6": "", "links": []})
    };
    let next = json!([{"rel": "next", "href": "http://x/servers/detail?marker=b"}]);
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .and(query_param_is_missing("marker"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"servers": [nova("a"), nova("b")], "servers_links": next})),
        )
        .expect(1)
        .mount(&server_mock)
        .await;
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .and(query_param("marker", "b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"servers": [nova("c")]})))
        .expect(1)
        .mount(&server_mock)
        .await;
    let all: Vec<_> = client(&server_mock)
        .servers()
        .list_details(ServersListDetailsParams::default().limit(2))
        .items()
        .try_collect()
        .await
        .expect("every page");
    let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["vm-a", "vm-b", "vm-c"]);
    server_mock.verify().await;
}

/// A v3 list (launch templates) takes its next marker from `page_info.next_marker`, not from
/// the last item: here the markers are not item ids, a short page still leads on, an empty
/// page that carries a marker leads on, and a page without one ends the list.
#[tokio::test]
async fn the_v3_list_follows_page_info_next_marker() {
    let server_mock = MockServer::start().await;
    let list = format!("/v3/{PROJECT_ID}/launch-templates");
    let template = |id: &str| json!({"id": id, "description": "", "updated_at": "2025-01-01T00:00:00Z", "latest_version": 1});
    let pages = [
        (
            None,
            json!({"launch_templates": [template("lt-a")], "page_info": {"next_marker": "m1"}}),
        ),
        (
            Some("m1"),
            json!({"launch_templates": [], "page_info": {"next_marker": "m2"}}),
        ),
        (
            Some("m2"),
            json!({"launch_templates": [template("lt-b")], "page_info": {}}),
        ),
    ];
    for (marker, body) in pages {
        let mock = Mock::given(method("GET")).and(path(list.as_str()));
        let mock = match marker {
            Some(marker) => mock.and(query_param("marker", marker)),
            None => mock.and(query_param_is_missing("marker")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server_mock)
            .await;
    }
    let all: Vec<_> = client(&server_mock)
        .launch_templates()
        .list(LaunchTemplatesListParams::default().limit(5))
        .items()
        .try_collect()
        .await
        .expect("every page");
    let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["lt-a", "lt-b"]);
    server_mock.verify().await;
}

/// Every attempt is signed on its own: a retried request carries its own `X-Sdk-Date` and an
/// `Authorization` that verifies over exactly what that attempt sent.
#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    use generated_sdk::runtime::signing::{Signable, authorization};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/{PROJECT_ID}/jobs/{JOB_ID}")))
        .respond_with(SequenceStatus(Mutex::new(vec![503, 200])))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_key("ak-example", "sk-example")
        .project_id(PROJECT_ID)
        .base_url(server.uri())
        .retry_policy(generated_sdk::ecs::RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .expect("client");
    client
        .jobs()
        .get(JOB_ID)
        .await
        .expect("second attempt succeeds");
    let attempts = server.received_requests().await.expect("recorded");
    assert_eq!(attempts.len(), 2);
    for attempt in &attempts {
        let header = |name: &str| attempt.headers[name].to_str().expect("text").to_owned();
        let sent = header("authorization");
        let names: Vec<String> = sent
            .split("SignedHeaders=")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .expect("signed headers")
            .split(';')
            .map(str::to_owned)
            .collect();
        assert!(names.contains(&"x-sdk-date".to_owned()) && names.contains(&"host".to_owned()));
        let signed: Vec<(String, String)> = names.iter().map(|n| (n.clone(), header(n))).collect();
        let signable = Signable {
            method: "GET",
            path: attempt.url.path(),
            query: &[],
            headers: &signed,
            body: b"",
        };
        assert_eq!(
            authorization("ak-example", "sk-example", &header("x-sdk-date"), &signable),
            sent
        );
    }
}

/// Answers with the given statuses in order (a job body with the 200s).
struct SequenceStatus(Mutex<Vec<u16>>);

impl Respond for SequenceStatus {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut statuses = self.0.lock().expect("lock");
        let status = if statuses.len() > 1 {
            statuses.remove(0)
        } else {
            statuses[0]
        };
        ResponseTemplate::new(status).set_body_json(job("SUCCESS"))
    }
}

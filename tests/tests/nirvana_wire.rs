//! The Nirvana client on the wire, against a raw TCP server (`sdk_tests::raw`, no HTTP library
//! on the server side), for every method whose request carries no data beyond its path and
//! query: (a) a JSON body made only of optional fields, all unset, is sent as exactly `{}` with
//! `content-type: application/json` and `content-length: 2`; (b) a POST, PUT or PATCH without a
//! body in the spec is sent with `content-length: 0`, no body and no content type; (c) a GET or
//! DELETE without a body is sent with no body, no content type and no content length.
//!
//! [`CALLS`] holds one call per such method, and `the_table_covers_every_method_of_each_class`
//! holds it to `spec/nirvana.yaml`: a method of the spec missing from it, or an entry naming a
//! method that is not in its class, fails the test. Each wire test also checks the method and
//! path the server read against the spec, so an entry cannot call another method than it names.

use futures::future::BoxFuture;
use generated_sdk::nirvana::{
    Call, Client, ComputeVmsListParams, ComputeVolumesListParams,
    NetworkingConnectConnectionsListParams, NetworkingVpcsListParams, NksClustersListParams,
    OperationsListParams, RetryPolicy, RpcNodesDedicatedListParams, RpcNodesFlexListParams,
};
use generator::model::{self, HttpMethod, InputKind, Method};
use sdk_tests::raw::{RawServer, Seen, json};
use std::collections::BTreeMap;
use std::time::Duration;

/// What a method sends when every optional input is unset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// (a) A JSON body whose fields are all optional: `{}`.
    EmptyObject,
    /// (b) A POST, PUT or PATCH without a body: `content-length: 0`.
    NoBody,
    /// (c) A GET or DELETE without a body: no body, no framing.
    Read,
}

use Class::{EmptyObject, NoBody, Read};

/// Sends one call with every optional input unset.
type Caller = fn(&Client) -> BoxFuture<'static, ()>;

/// Sends `call` and drops its result: only the request matters here.
fn send<T: Send + 'static>(call: Call<T>) -> BoxFuture<'static, ()> {
    Box::pin(async move {
        let _ = call.await;
    })
}

/// One call per method of classes (a), (b) and (c), named `resource.path.method` as in the
/// spec. Each path parameter is given its own placeholder name as value (`vm_id`), so that the
/// expected path is the template without braces. One line per method (hence no rustfmt), so
/// that the table reads as a list.
#[rustfmt::skip]
const CALLS: &[(Class, &str, Caller)] = &[
    // (a) JSON bodies made only of optional fields, all unset.
    (EmptyObject, "api_keys.update", |c| send(c.api_keys().update("api_key_id", Default::default()))),
    (EmptyObject, "compute.vms.update", |c| send(c.compute().vms().update("vm_id", Default::default()))),
    (EmptyObject, "compute.vms.availability.update", |c| send(c.compute().vms().availability().update("vm_id", Default::default()))),
    (EmptyObject, "compute.vms.cost.update", |c| send(c.compute().vms().cost().update("vm_id", Default::default()))),
    (EmptyObject, "compute.volumes.update", |c| send(c.compute().volumes().update("volume_id", Default::default()))),
    (EmptyObject, "compute.volumes.availability.update", |c| send(c.compute().volumes().availability().update("volume_id", Default::default()))),
    (EmptyObject, "compute.volumes.cost.update", |c| send(c.compute().volumes().cost().update("volume_id", Default::default()))),
    (EmptyObject, "networking.vpcs.update", |c| send(c.networking().vpcs().update("vpc_id", Default::default()))),
    (EmptyObject, "networking.vpcs.availability.update", |c| send(c.networking().vpcs().availability().update("vpc_id", Default::default()))),
    (EmptyObject, "networking.vpcs.cost.update", |c| send(c.networking().vpcs().cost().update("vpc_id", Default::default()))),
    (EmptyObject, "networking.firewall_rules.update", |c| send(c.networking().firewall_rules().update("vpc_id", "firewall_rule_id", Default::default()))),
    (EmptyObject, "networking.connect.connections.update", |c| send(c.networking().connect().connections().update("connection_id", Default::default()))),
    (EmptyObject, "networking.connect.connections.cost.update", |c| send(c.networking().connect().connections().cost().update("connection_id", Default::default()))),
    (EmptyObject, "nks.clusters.update", |c| send(c.nks().clusters().update("cluster_id", Default::default()))),
    (EmptyObject, "nks.clusters.availability.update", |c| send(c.nks().clusters().availability().update("cluster_id", Default::default()))),
    (EmptyObject, "nks.clusters.cost.update", |c| send(c.nks().clusters().cost().update("cluster_id", Default::default()))),
    (EmptyObject, "nks.clusters.pools.update", |c| send(c.nks().clusters().pools().update("cluster_id", "pool_id", Default::default()))),
    (EmptyObject, "nks.clusters.pools.availability.update", |c| send(c.nks().clusters().pools().availability().update("cluster_id", "pool_id", Default::default()))),
    (EmptyObject, "nks.clusters.pools.cost.update", |c| send(c.nks().clusters().pools().cost().update("cluster_id", "pool_id", Default::default()))),
    (EmptyObject, "organizations.update", |c| send(c.organizations().update("organization_id", Default::default()))),
    (EmptyObject, "organizations.address.update", |c| send(c.organizations().address().update("organization_id", Default::default()))),
    (EmptyObject, "projects.update", |c| send(c.projects().update("project_id", Default::default()))),
    (EmptyObject, "rpc_nodes.flex.update", |c| send(c.rpc_nodes().flex().update("node_id", Default::default()))),
    (EmptyObject, "user.security.update", |c| send(c.user().security().update(Default::default()))),
    // (b) POST, PUT and PATCH without a body in the spec.
    (NoBody, "compute.vms.restart", |c| send(c.compute().vms().restart("vm_id"))),
    (NoBody, "compute.volumes.detach", |c| send(c.compute().volumes().detach("volume_id"))),
    (NoBody, "organizations.leave", |c| send(c.organizations().leave("organization_id"))),
    (NoBody, "organizations.billing.recharge", |c| send(c.organizations().billing().recharge("organization_id", Default::default()))),
    // (c) GET and DELETE without a body.
    (Read, "api_keys.list", |c| send(c.api_keys().list(Default::default()))),
    (Read, "api_keys.delete", |c| send(c.api_keys().delete("api_key_id"))),
    (Read, "api_keys.get", |c| send(c.api_keys().get("api_key_id"))),
    (Read, "audit_logs.list", |c| send(c.audit_logs().list(Default::default()))),
    (Read, "audit_logs.get", |c| send(c.audit_logs().get("audit_log_id"))),
    (Read, "compute.vms.list", |c| send(c.compute().vms().list(ComputeVmsListParams::new("project_id")))),
    (Read, "compute.vms.delete", |c| send(c.compute().vms().delete("vm_id"))),
    (Read, "compute.vms.get", |c| send(c.compute().vms().get("vm_id"))),
    (Read, "compute.vms.volumes.list", |c| send(c.compute().vms().volumes().list("vm_id", Default::default()))),
    (Read, "compute.vms.os_images.list", |c| send(c.compute().vms().os_images().list(Default::default()))),
    (Read, "compute.vms.metrics.list", |c| send(c.compute().vms().metrics().list("vm_id", Default::default()))),
    (Read, "compute.vms.metric_descriptors.list", |c| send(c.compute().vms().metric_descriptors().list())),
    (Read, "compute.volumes.list", |c| send(c.compute().volumes().list(ComputeVolumesListParams::new("project_id")))),
    (Read, "compute.volumes.delete", |c| send(c.compute().volumes().delete("volume_id"))),
    (Read, "compute.volumes.get", |c| send(c.compute().volumes().get("volume_id"))),
    (Read, "instance_types.list", |c| send(c.instance_types().list(Default::default()))),
    (Read, "instance_types.get", |c| send(c.instance_types().get("region".into(), "name"))),
    (Read, "networking.vpcs.list", |c| send(c.networking().vpcs().list(NetworkingVpcsListParams::new("project_id")))),
    (Read, "networking.vpcs.delete", |c| send(c.networking().vpcs().delete("vpc_id"))),
    (Read, "networking.vpcs.get", |c| send(c.networking().vpcs().get("vpc_id"))),
    (Read, "networking.firewall_rules.list", |c| send(c.networking().firewall_rules().list("vpc_id", Default::default()))),
    (Read, "networking.firewall_rules.delete", |c| send(c.networking().firewall_rules().delete("vpc_id", "firewall_rule_id"))),
    (Read, "networking.firewall_rules.get", |c| send(c.networking().firewall_rules().get("vpc_id", "firewall_rule_id"))),
    (Read, "networking.connect.connections.list", |c| send(c.networking().connect().connections().list(NetworkingConnectConnectionsListParams::new("project_id")))),
    (Read, "networking.connect.connections.delete", |c| send(c.networking().connect().connections().delete("connection_id"))),
    (Read, "networking.connect.connections.get", |c| send(c.networking().connect().connections().get("connection_id"))),
    (Read, "networking.connect.routes.list", |c| send(c.networking().connect().routes().list(Default::default()))),
    (Read, "nks.kubernetes_versions.list", |c| send(c.nks().kubernetes_versions().list(Default::default()))),
    (Read, "nks.clusters.list", |c| send(c.nks().clusters().list(NksClustersListParams::new("project_id")))),
    (Read, "nks.clusters.delete", |c| send(c.nks().clusters().delete("cluster_id"))),
    (Read, "nks.clusters.get", |c| send(c.nks().clusters().get("cluster_id"))),
    (Read, "nks.clusters.persistent_volume_claims.list", |c| send(c.nks().clusters().persistent_volume_claims().list("cluster_id", Default::default()))),
    (Read, "nks.clusters.persistent_volume_claims.get", |c| send(c.nks().clusters().persistent_volume_claims().get("cluster_id", "persistent_volume_claim_id"))),
    (Read, "nks.clusters.kubeconfig.get", |c| send(c.nks().clusters().kubeconfig().get("cluster_id"))),
    (Read, "nks.clusters.controllers.list", |c| send(c.nks().clusters().controllers().list("cluster_id", Default::default()))),
    (Read, "nks.clusters.controllers.get", |c| send(c.nks().clusters().controllers().get("cluster_id", "controller_id"))),
    (Read, "nks.clusters.controllers.volumes.list", |c| send(c.nks().clusters().controllers().volumes().list("cluster_id", "controller_id", Default::default()))),
    (Read, "nks.clusters.controllers.volumes.get", |c| send(c.nks().clusters().controllers().volumes().get("cluster_id", "controller_id", "volume_id"))),
    (Read, "nks.clusters.load_balancers.list", |c| send(c.nks().clusters().load_balancers().list("cluster_id", Default::default()))),
    (Read, "nks.clusters.load_balancers.get", |c| send(c.nks().clusters().load_balancers().get("cluster_id", "load_balancer_id"))),
    (Read, "nks.clusters.pools.list", |c| send(c.nks().clusters().pools().list("cluster_id", Default::default()))),
    (Read, "nks.clusters.pools.delete", |c| send(c.nks().clusters().pools().delete("cluster_id", "pool_id"))),
    (Read, "nks.clusters.pools.get", |c| send(c.nks().clusters().pools().get("cluster_id", "pool_id"))),
    (Read, "nks.clusters.pools.nodes.list", |c| send(c.nks().clusters().pools().nodes().list("cluster_id", "pool_id", Default::default()))),
    (Read, "nks.clusters.pools.nodes.delete", |c| send(c.nks().clusters().pools().nodes().delete("cluster_id", "pool_id", "node_id"))),
    (Read, "nks.clusters.pools.nodes.get", |c| send(c.nks().clusters().pools().nodes().get("cluster_id", "pool_id", "node_id"))),
    (Read, "nks.clusters.pools.nodes.volumes.list", |c| send(c.nks().clusters().pools().nodes().volumes().list("cluster_id", "pool_id", "node_id", Default::default()))),
    (Read, "nks.clusters.pools.nodes.volumes.get", |c| send(c.nks().clusters().pools().nodes().volumes().get("cluster_id", "pool_id", "node_id", "volume_id"))),
    (Read, "nks.clusters.pools.volumes.list", |c| send(c.nks().clusters().pools().volumes().list("cluster_id", "pool_id", Default::default()))),
    (Read, "operations.get", |c| send(c.operations().get("operation_id"))),
    (Read, "operations.list", |c| send(c.operations().list(OperationsListParams::new("project_id")))),
    (Read, "organizations.list", |c| send(c.organizations().list(Default::default()))),
    (Read, "organizations.get", |c| send(c.organizations().get("organization_id"))),
    (Read, "organizations.memberships.list", |c| send(c.organizations().memberships().list("organization_id", Default::default()))),
    (Read, "organizations.memberships.get", |c| send(c.organizations().memberships().get("organization_id", "membership_id"))),
    (Read, "organizations.address.get", |c| send(c.organizations().address().get("organization_id"))),
    (Read, "organizations.billing.cost", |c| send(c.organizations().billing().cost("organization_id", Default::default()))),
    (Read, "organizations.billing.history", |c| send(c.organizations().billing().history("organization_id", Default::default()))),
    (Read, "organizations.billing.statements", |c| send(c.organizations().billing().statements("organization_id", Default::default()))),
    (Read, "organizations.billing.summary", |c| send(c.organizations().billing().summary("organization_id"))),
    (Read, "organizations.billing.recharge_policy.get", |c| send(c.organizations().billing().recharge_policy().get("organization_id"))),
    (Read, "projects.list", |c| send(c.projects().list(Default::default()))),
    (Read, "projects.delete", |c| send(c.projects().delete("project_id"))),
    (Read, "projects.get", |c| send(c.projects().get("project_id"))),
    (Read, "quotas.list", |c| send(c.quotas().list())),
    (Read, "quotas.get", |c| send(c.quotas().get("region".into()))),
    (Read, "regions.list", |c| send(c.regions().list(Default::default()))),
    (Read, "regions.get", |c| send(c.regions().get("name"))),
    (Read, "rpc_nodes.flex.list", |c| send(c.rpc_nodes().flex().list(RpcNodesFlexListParams::new("project_id")))),
    (Read, "rpc_nodes.flex.delete", |c| send(c.rpc_nodes().flex().delete("node_id"))),
    (Read, "rpc_nodes.flex.get", |c| send(c.rpc_nodes().flex().get("node_id"))),
    (Read, "rpc_nodes.flex.blockchains.list", |c| send(c.rpc_nodes().flex().blockchains().list(Default::default()))),
    (Read, "rpc_nodes.dedicated.list", |c| send(c.rpc_nodes().dedicated().list(RpcNodesDedicatedListParams::new("project_id")))),
    (Read, "rpc_nodes.dedicated.get", |c| send(c.rpc_nodes().dedicated().get("node_id"))),
    (Read, "rpc_nodes.dedicated.blockchains.list", |c| send(c.rpc_nodes().dedicated().blockchains().list(Default::default()))),
    (Read, "usage.list", |c| send(c.usage().list(Default::default()))),
    (Read, "usage.get", |c| send(c.usage().get("resource_id"))),
    (Read, "user.get", |c| send(c.user().get())),
    (Read, "user.security.get", |c| send(c.user().security().get())),
];

/// The class of `method`, `Ok(None)` for a method with a required body field (out of scope
/// here), or why it fits no class this test knows.
fn class_of(method: &Method) -> Result<Option<Class>, String> {
    let whole_body = method.inputs().any(|i| i.kind == InputKind::Body);
    let fields: Vec<_> = method
        .inputs()
        .filter(|i| i.kind == InputKind::BodyField)
        .collect();
    let reads = matches!(method.http, HttpMethod::Get | HttpMethod::Delete);
    if whole_body {
        return Err("takes its whole body as one input".to_owned());
    }
    if fields.is_empty() {
        return Ok(Some(if reads { Read } else { NoBody }));
    }
    if reads {
        return Err(format!("is a {} with a body", method.http.as_str()));
    }
    if fields.iter().any(|f| f.required) {
        return Ok(None);
    }
    if let Some(wrap) = &method.wrap {
        return Err(format!("wraps its all-optional body under {wrap:?}"));
    }
    Ok(Some(EmptyObject))
}

/// A method of the spec, as far as this test cares.
struct SpecMethod {
    http: HttpMethod,
    /// The path template (`/v1/compute/vms/{vm_id}`).
    path: String,
    /// See [`class_of`].
    class: Result<Option<Class>, String>,
}

/// Every method of `spec/nirvana.yaml` by `resource.path.method`.
fn spec_methods() -> BTreeMap<String, SpecMethod> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/nirvana.yaml");
    let text = std::fs::read_to_string(path).expect("spec/nirvana.yaml");
    let file = generator::spec::load("spec/nirvana.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let api = model::resolve(&file).unwrap_or_else(|e| panic!("{e}"));
    let mut methods = BTreeMap::new();
    model::visit_methods(&api.resources, &mut |resource, method| {
        let name = format!("{}.{}", resource.path, method.rust);
        let entry = SpecMethod {
            http: method.http,
            path: method.path.clone(),
            class: class_of(method),
        };
        assert!(
            methods.insert(name.clone(), entry).is_none(),
            "{name} twice"
        );
    });
    methods
}

/// The table names each method of classes (a), (b) and (c) once, in its class, and nothing
/// else; every method of the spec fits a class this test knows or has a required body field.
#[test]
fn the_table_covers_every_method_of_each_class() {
    let methods = spec_methods();
    let mut problems = Vec::new();
    let mut listed = BTreeMap::new();
    for (class, name, _) in CALLS {
        if listed.insert(*name, *class).is_some() {
            problems.push(format!("{name}: listed twice"));
        }
        match methods.get(*name) {
            None => problems.push(format!("{name}: no such method in the spec")),
            Some(SpecMethod {
                class: Ok(Some(actual)),
                ..
            }) if actual == class => {}
            Some(SpecMethod { class: found, .. }) => problems.push(format!(
                "{name}: listed as {class:?}, the spec says {found:?}"
            )),
        }
    }
    let mut counts = BTreeMap::new();
    for (name, method) in &methods {
        match &method.class {
            Err(why) => problems.push(format!("{name} {why}: a case this test does not cover")),
            Ok(None) => {}
            Ok(Some(class)) => {
                *counts.entry(format!("{class:?}")).or_insert(0) += 1;
                if !listed.contains_key(name.as_str()) {
                    problems.push(format!("{name} ({class:?}) is missing from CALLS"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // For the log (`--nocapture`): how many methods each class holds.
    println!("{counts:?} of {} methods", methods.len());
}

/// Every value of the header `name` (lowercase) the server read.
fn all<'a>(seen: &'a Seen, name: &str) -> Vec<&'a str> {
    seen.headers
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Sends every call of `class`, each to a server of its own, and returns what is wrong with
/// each request the servers read: its method and path against the spec, and its framing as
/// `check` says.
async fn problems_of(class: Class, check: impl Fn(&Seen) -> Vec<String>) -> Vec<String> {
    let methods = spec_methods();
    let mut problems = Vec::new();
    for (_, name, caller) in CALLS.iter().filter(|(c, _, _)| *c == class) {
        let Some(SpecMethod {
            http,
            path: template,
            ..
        }) = methods.get(*name)
        else {
            problems.push(format!("{name}: no such method in the spec"));
            continue;
        };
        let server = RawServer::start(|_, _| json(200, &serde_json::json!({}))).await;
        let client = Client::builder()
            .api_key("nv-wire-test-key")
            .base_url(server.url())
            .retry_policy(RetryPolicy {
                initial_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(1),
                ..RetryPolicy::default()
            })
            .build()
            .expect("client");
        caller(&client).await;
        let seen = server.seen();
        let [request] = seen.as_slice() else {
            problems.push(format!("{name}: {} requests read, not 1", seen.len()));
            continue;
        };
        let path = request.target.split('?').next().unwrap_or_default();
        let expected = template.replace(['{', '}'], "");
        if request.method != http.as_str() || path != expected {
            problems.push(format!(
                "{name}: sent {} {path}, the spec says {} {expected}",
                request.method,
                http.as_str()
            ));
        }
        for problem in check(request) {
            problems.push(format!("{name} ({} {path}): {problem}", request.method));
        }
    }
    problems
}

/// What is wrong with the framing of a request whose body should be `body`, announced by
/// `content_length` (`None`: no `Content-Length` at all) and typed `content_type`.
fn framing(
    seen: &Seen,
    body: &[u8],
    content_length: Option<&str>,
    content_type: Option<&str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if seen.body != body {
        problems.push(format!(
            "body {:?}, expected {:?}",
            String::from_utf8_lossy(&seen.body),
            String::from_utf8_lossy(body)
        ));
    }
    let lengths = all(seen, "content-length");
    if lengths != content_length.into_iter().collect::<Vec<_>>() {
        problems.push(format!(
            "content-length {lengths:?}, expected {content_length:?}"
        ));
    }
    let types = all(seen, "content-type");
    if types != content_type.into_iter().collect::<Vec<_>>() {
        problems.push(format!("content-type {types:?}, expected {content_type:?}"));
    }
    let encodings = all(seen, "transfer-encoding");
    if !encodings.is_empty() {
        problems.push(format!("transfer-encoding {encodings:?}, expected none"));
    }
    problems
}

/// (a) Every all-optional JSON body, with every field unset, is exactly `{}`, typed and sized.
#[tokio::test]
async fn all_optional_bodies_are_sent_as_an_empty_object() {
    let problems = problems_of(EmptyObject, |seen| {
        framing(seen, b"{}", Some("2"), Some("application/json"))
    })
    .await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// (b) Every POST, PUT and PATCH without a body says so with `content-length: 0`, and sends
/// no content type.
#[tokio::test]
async fn bodyless_writes_send_content_length_zero() {
    let problems = problems_of(NoBody, |seen| framing(seen, b"", Some("0"), None)).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// (c) Every GET and DELETE without a body sends none, and no content type; nor a content
/// length, which RFC 9110 (8.6) asks a client not to send when the method expects no body.
#[tokio::test]
async fn reads_and_deletes_send_no_body() {
    let problems = problems_of(Read, |seen| framing(seen, b"", None, None)).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// (b) for PUT and PATCH, which neither spec has without a body: the runtime's transport sends
/// each body-less write (POST, PUT, PATCH) with `content-length: 0`, no body and no content
/// type, and a body-less DELETE with no framing at all.
#[tokio::test]
async fn the_transport_frames_every_bodyless_write_with_content_length_zero() {
    use generated_sdk::reqwest::Method as Http;
    use generated_sdk::runtime::request::Request;
    use generated_sdk::runtime::transport::{Auth, CallOptions, Settings, Transport};

    let server = RawServer::start(|_, _| json(200, &serde_json::json!({}))).await;
    let transport = Transport::new(Settings::new(server.url(), Auth::None)).expect("transport");
    let options = CallOptions {
        max_retries: Some(0),
        ..CallOptions::default()
    };
    let cases = [
        (Http::POST, Some("0")),
        (Http::PUT, Some("0")),
        (Http::PATCH, Some("0")),
        (Http::DELETE, None),
    ];
    let mut problems = Vec::new();
    for (method, content_length) in &cases {
        transport
            .execute(&Request::new(method.clone(), "/v1/things/1"), &options)
            .await
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let seen = server.seen().pop().expect("a request");
        assert_eq!(seen.method, method.as_str());
        for problem in framing(&seen, b"", *content_length, None) {
            problems.push(format!("{method}: {problem}"));
        }
    }
    assert_eq!(server.seen().len(), cases.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

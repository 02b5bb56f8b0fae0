//! The capture server both clients send to, what a captured request holds, and the two signers
//! run over exactly what was sent.

use super::cases::{AK, JOB_ID, PROJECT_ID, SERVER_ID, SK};
use generated_sdk::runtime::signing::{Signable, authorization};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/huawei_sdk.py");

/// Answers every call with what the API answers (status and body), so both clients succeed.
struct Canned;

impl Respond for Canned {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path();
        let method = request.method.as_str();
        let body = if path.ends_with("/detail") && method == "GET" {
            json!({"count": 0, "servers": [], "servers_links": []})
        } else if path.contains("/instance-scheduled-events") {
            match method {
                "GET" => json!({
                    "events": [{"id": "0ce2ffa7-ab60-4f34-8ed6-cd2b62d9d8e9", "type": "instance_redeploy", "state": "inquiring"}],
                    "page_info": {"next_marker": null}
                }),
                _ => return ResponseTemplate::new(204),
            }
        } else if path.contains("/launch-template") {
            match method {
                "POST" => json!({"launch_template_id": "lt-0123456789abcdef"}),
                "DELETE" => return ResponseTemplate::new(204),
                _ if path.ends_with("/launch-templates") => json!({
                    "launch_templates": [{"id": "lt-0123456789abcdef", "description": "", "updated_at": "2025-01-01T00:00:00Z", "latest_version": 1}],
                    "page_info": {"next_marker": null}
                }),
                _ => {
                    json!({"launch_template_versions": [{"version_number": 1, "template_data": {"flavor_id": "s6.small.1"}}], "page_info": {}})
                }
            }
        } else if method == "POST" && path.ends_with("/servers") {
            json!({"server": {"id": SERVER_ID, "adminPass": "Secret-Passw0rd", "security_groups": [{"name": "default"}]}})
        } else if path == "/" {
            json!({"versions": [{"id": "v2.1", "status": "CURRENT", "version": "2.60", "min_version": "2.1"}]})
        } else if path == "/v2.1" {
            json!({"version": {"id": "v2.1", "status": "CURRENT"}})
        } else if path.starts_with("/v1.0/") || path.ends_with("/serial-console-options") {
            return ResponseTemplate::new(204);
        } else if path.ends_with("/actions/serial-console") {
            json!({"serial_console": {"url": "wss://console.example/serial"}})
        } else if path.ends_with("/console-output") {
            json!({"output": "login:"})
        } else if path.ends_with("/server-name") {
            json!({"response": [{"id": SERVER_ID}]})
        } else if path.ends_with("/trigger-crash-dump")
            || path.ends_with("/update-auto-terminate-time")
        {
            return ResponseTemplate::new(204);
        } else if method == "PUT"
            && path.matches('/').count() == 4
            && path.contains("/cloudservers/")
        {
            json!({"server": {"id": SERVER_ID, "name": "web-01", "flavor": {"id": "s6.small.1"}}})
        } else if path.contains("/block_device") {
            let device = json!({"id": "v-1", "volumeId": "v-1", "serverId": SERVER_ID, "device": "/dev/vda", "bootIndex": 0});
            match method {
                "PUT" => return ResponseTemplate::new(204),
                _ if path.ends_with("/block_device") => json!({
                    "attachableQuantity": {"free_scsi": 20, "free_blk": 10, "free_disk": 30},
                    "volumeAttachments": [device]
                }),
                _ => json!({"volumeAttachment": device}),
            }
        } else if path.ends_with("/os-volume_attachments") {
            json!({"volumeAttachments": [{"id": "v-1", "device": "/dev/vda", "serverId": SERVER_ID, "volumeId": "v-1"}]})
        } else if path.ends_with("/appendvolumequota") {
            json!({"free_scsi": 20, "free_blk": 10, "count": 30})
        } else if path.contains("/recycle-bin") {
            match method {
                "DELETE" => return ResponseTemplate::new(204),
                "GET" if path.ends_with("/cloudservers") => json!({"servers": [server_detail()]}),
                "GET" => json!({
                    "project_id": PROJECT_ID, "switch": "on",
                    "policy": {"recycle_threshold_day": 7, "retention_hour": 48}
                }),
                _ => return ResponseTemplate::new(204),
            }
        } else if path.ends_with("/availability-zones") {
            json!({"availability_zones": [{"availability_zone_id": "cn-north-4a", "type": "Core"}]})
        } else if path.ends_with("/os-availability-zone") {
            json!({"availabilityZoneInfo": [{"zoneName": "cn-north-4a", "zoneState": {"available": true}, "hosts": null}]})
        } else if path.ends_with("/cloudservers/limits") {
            json!({"absolute": {"maxTotalInstances": -1, "totalInstancesUsed": 3, "limit_by_flavor": []}})
        } else if path.ends_with("/os-server-password") {
            match method {
                "DELETE" => return ResponseTemplate::new(204),
                _ => json!({"password": "c2VjcmV0"}),
            }
        } else if path.ends_with("/os-resetpwd-flag") {
            json!({"resetpwd_flag": "True"})
        } else if path.ends_with("/os-reset-password") {
            return ResponseTemplate::new(204);
        } else if path.ends_with("/os-reset-passwords") {
            json!({"response": [{"id": SERVER_ID}]})
        } else if path.ends_with("/remote_console") {
            json!({"remote_console": {"protocol": "vnc", "type": "novnc", "url": "https://console.example/vnc"}})
        } else if path.contains("flavor") {
            let flavor =
                json!({"id": "s6.small.1", "name": "s6.small.1", "vcpus": "1", "ram": 1024});
            if path.ends_with("/os-extra_specs") {
                json!({"extra_specs": {"ecs:performancetype": "normal"}})
            } else if path.ends_with("/resources") {
                json!({"resources": [{"region_id": "cn-north-4", "availability_zone": "cn-north-4a", "prefer": true}]})
            } else if path.ends_with("/flavor-sell-policies") {
                json!({"count": 1, "sell_policies": [{"id": 17, "flavor_id": "s6.small.1", "sell_status": "available"}]})
            } else {
                json!({"flavors": [flavor]})
            }
        } else if path.contains("/os-keypairs") {
            let keypair = json!({"name": "deploy-key", "fingerprint": "f", "public_key": "k"});
            match method {
                "DELETE" => return ResponseTemplate::new(202),
                "GET" if path.ends_with("/os-keypairs") => {
                    json!({"keypairs": [{"keypair": keypair}]})
                }
                _ => json!({"keypair": keypair}),
            }
        } else if path.contains("/os-interface") {
            let fixed_ips = json!([{"ip_address": "192.168.0.20", "subnet_id": "s-1"}]);
            let nic = json!({
                "fixed_ips": fixed_ips, "mac_addr": "fa:16:3e:00:00:01", "net_id": "n-1",
                "port_id": "p-1", "port_state": "ACTIVE"
            });
            if path.starts_with("/v2.1/") {
                json!({"interfaceAttachment": nic})
            } else if method == "PUT" {
                return ResponseTemplate::new(204);
            } else if path.ends_with("/change-network-interface") {
                json!({"id": "p-1", "subnet_id": "s-2", "ip_address": "192.168.1.30", "ipv6_address": "2001:db8::30"})
            } else if path.ends_with("/os-interface_extension") {
                json!({"attachableQuantity": {"free_nic": 3, "free_efi_nic": 0, "free_scsi": 20, "free_blk": 20, "free_disk": 20}, "interfaceAttachments": [nic]})
            } else {
                json!({"attachableQuantity": {"free_nic": 3}, "interfaceAttachments": [nic]})
            }
        } else if path.contains("/cloudservers/nics/") {
            json!({"port_id": "p-1"})
        } else if path.ends_with("/os-security-groups") {
            json!({"security_groups": [{
                "description": "default group", "id": "sg-1", "name": "default",
                "tenant_id": PROJECT_ID,
                "rules": [{
                    "from_port": 22, "group": {}, "id": "r-1", "ip_protocol": "tcp",
                    "ip_range": {"cidr": "0.0.0.0/0"}, "parent_group_id": "sg-1", "to_port": 22
                }]
            }]})
        } else if path.starts_with("/v2.1/") && path.ends_with("/servers") && method == "GET" {
            json!({"servers": [{"id": SERVER_ID, "name": "web-01", "links": []}], "servers_links": []})
        } else if path.starts_with("/v2.1/") {
            match method {
                "POST" => return ResponseTemplate::new(202),
                "DELETE" => return ResponseTemplate::new(204),
                _ => json!({"server": nova_server()}),
            }
        } else if path.contains("/os-server-groups") {
            let group = json!({
                "id": "3d5e3a4d-2f1b-4a8e-9c5d-1e2f3a4b5c6d", "name": "group-1",
                "members": [SERVER_ID], "metadata": {}, "policies": ["anti-affinity"]
            });
            match method {
                "DELETE" => return ResponseTemplate::new(204),
                "GET" if path.ends_with("/os-server-groups") => {
                    json!({"server_groups": [group], "page_info": {"next_marker": null}})
                }
                "POST" if path.ends_with("/action") => return ResponseTemplate::new(200),
                "POST" if path.ends_with("_members") => json!({
                    "status": "SUCCESS",
                    "servers": [{"server_id": SERVER_ID, "status": "SUCCESS"}]
                }),
                _ => json!({"server_group": group}),
            }
        } else if path.contains("/tags") || path.ends_with("/resource_instances/action") {
            match method {
                "POST" if path.ends_with("/tags/action") => return ResponseTemplate::new(204),
                "POST" => json!({
                    "resources": [{
                        "resource_id": SERVER_ID, "resource_detail": "", "resource_name": "web-01",
                        "tags": [{"key": "env", "value": "prod"}]
                    }],
                    "total_count": 1
                }),
                _ if path.ends_with("/cloudservers/tags") => {
                    json!({"tags": [{"key": "env", "values": ["prod", "test"]}]})
                }
                _ => json!({"tags": [{"key": "env", "value": "prod"}]}),
            }
        } else if path.contains("/metadata") {
            match method {
                "DELETE" | "PUT" => return ResponseTemplate::new(204),
                "GET" => json!({"http_endpoint": "enabled", "http_tokens": "optional"}),
                _ => json!({"metadata": {"env": "prod"}}),
            }
        } else if path.contains("/jobs/") {
            json!({
                "status": "SUCCESS", "job_id": JOB_ID, "job_type": "deleteVMs",
                "begin_time": "2025-01-01T00:00:00.000Z", "end_time": "2025-01-01T00:01:00.000Z",
                "entities": {}, "error_code": null, "fail_reason": null
            })
        } else if path.ends_with("/cloudservers") {
            json!({"job_id": JOB_ID, "serverIds": [SERVER_ID]})
        } else if method == "GET" {
            json!({"server": server_detail()})
        } else {
            json!({"job_id": JOB_ID})
        };
        ResponseTemplate::new(200).set_body_raw(body.to_string(), "application/json")
    }
}

/// A server as the native API describes it (section 1.4 of the ECS reference).
fn server_detail() -> Value {
    serde_json::from_str(include_str!("../../fixtures/ecs_server_detail.json")).expect("fixture")
}

/// A Nova server with the fields every microversion returns.
fn nova_server() -> Value {
    json!({
        "id": SERVER_ID, "name": "web-01", "status": "ACTIVE", "tenant_id": PROJECT_ID,
        "user_id": "u-1", "metadata": {}, "hostId": "h-1", "image": "",
        "flavor": {"id": "s6.small.1", "links": []}, "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-01T00:00:00Z", "addresses": {}, "accessIPv4": "", "accessIPv6": "",
        "links": [], "key_name": null, "config_drive": ""
    })
}

pub async fn capture_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(Canned)
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

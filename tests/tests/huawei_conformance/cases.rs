//! Our client's side of the cases of `tests/conformance/huawei_cases.py`: for each case name, the
//! same call through `generated_sdk::ecs` with the same values, in the same order. The values
//! are the driver's; keep the two files in step.

use futures::future::BoxFuture;
use generated_sdk::ecs::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

pub const AK: &str = "AccessKeyExample";
pub const SK: &str = "SecretKeyExample";
pub const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
pub const SDK_DATE: &str = "20250101T000000Z";
pub const SERVER_ID: &str = "616fb98f-46ca-475e-917e-2563e5a8cd19";
const OTHER_SERVER_ID: &str = "7c4c4c8a-0d3f-4c55-9a39-1d7e0f3b5b11";
pub const JOB_ID: &str = "ff80808288d41e1b018990260955686a";
const SERVER_GROUP_ID: &str = "3d5e3a4d-2f1b-4a8e-9c5d-1e2f3a4b5c6d";
const KEYPAIR: &str = "deploy-key";
const FLAVOR: &str = "s6.small.1";
const VOLUME_ID: &str = "a3c2c4c8-6b0f-4a6e-8d1b-5f2e9c7d1a20";
const EVENT_ID: &str = "0ce2ffa7-ab60-4f34-8ed6-cd2b62d9d8e9";
const IMAGE_ID: &str = "67f433d8-ed0e-4321-a8a2-a71838539e09";
const PUBLIC_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKexample deploy@example";
const PORT_ID: &str = "5e9b7c2a-8f3d-4b1e-a6c4-2d7f0e9a1b3c";
const SUBNET_ID: &str = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const SECURITY_GROUP_ID: &str = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
const LAUNCH_TEMPLATE_ID: &str = "lt-0123456789abcdef";
const CLIENT_TOKEN: &str = "6fa459ea-ee8a-3ca4-894e-db77e160355e";
/// An id needing every kind of escape in a path segment (see the driver).
const ESCAPED_ID: &str = "web 01/a%2Fb+c?d#e:f@g~h_i.j-服务器é";
/// Repeated query values whose order changes with percent-encoding (see the driver).
const REORDERED: [&str; 4] = ["é", "aZ", "z", "a["];
const MICROVERSION: &str = "compute 2.60";
/// A query value with every character a query must escape (see the driver).
const RESERVED_QUERY: &str = "a&b=c+d%2F e/?#";
const NON_ASCII_NAME: &str = "服务器-é";
const NON_ASCII_TEXT: &str = "Serveur « é » \"quoted\" \\ / tab\there\nline 😀";
/// The `Content-Type` the SDK sends with a JSON body.
pub const SDK_JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";

/// Sends one call of a case: the decoded answer as JSON (`null` for an empty one, `{items,
/// total}` for a page), or the client's error message.
pub type Caller = fn(&Client) -> BoxFuture<'static, Result<Value, String>>;

/// Sends `call` with the driver's `X-Sdk-Date` and no retry (each case is one request).
fn send<T: Serialize + Send + 'static>(call: Call<T>) -> BoxFuture<'static, Result<Value, String>> {
    let call = call.header("X-Sdk-Date", SDK_DATE).max_retries(0);
    Box::pin(async move {
        let answer = call.await.map_err(|e| e.to_string())?;
        serde_json::to_value(answer).map_err(|e| format!("the answer does not encode: {e}"))
    })
}

fn servers(ids: &[&str]) -> Vec<ServerId> {
    ids.iter().map(|id| ServerId::new(*id)).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Every filter the two Nova lists share (the driver's `NOVA_LIST_FILTERS`), set on `params`
/// (their parameter types differ; the list without details adds `host`).
macro_rules! nova_list_filters {
    ($params:expr) => {
        $params
            .changes_since("2025-01-01T00:00:00Z")
            .flavor("s6.small.1")
            .image("image-1")
            .ip("192.168.0.")
            .limit(50)
            .marker(SERVER_ID)
            .name("web 01")
            .not_tags("k2")
            .reservation_id("r-0123")
            .sort_key(NovaSortKey::DisplayName)
            .status(ServerStatus::Active)
            .tags("k1")
            .open_stack_api_version(MICROVERSION)
    };
}

/// The cases, in the driver's order: `<resource>.<method>/<variant>`.
#[rustfmt::skip]
pub const CASES: &[(&str, Caller)] = &[
    ("cloud_servers.list_details/all", |c| send(c.cloud_servers().list_details(list_details_all()))),
    ("cloud_servers.list_details/required", |c| send(c.cloud_servers().list_details(Default::default()))),
    ("cloud_servers.list_details/per_call_query", |c| send(
        c.cloud_servers().list_details(CloudServersListDetailsParams::default().tags("aZ"))
            .query("tags", "a[").query("tags", "é"),
    )),
    ("cloud_servers.list/all", |c| send(c.cloud_servers().list(list_all()))),
    ("cloud_servers.list/required", |c| send(c.cloud_servers().list(Default::default()))),
    ("cloud_servers.list/repeated_query_order", |c| send(
        c.cloud_servers().list(CloudServersListParams::default().expect_fields(strings(&REORDERED))),
    )),
    ("cloud_servers.list/reserved_query", |c| send(
        c.cloud_servers().list(CloudServersListParams::default().name(RESERVED_QUERY)),
    )),
    ("cloud_servers.get/required", |c| send(c.cloud_servers().get(SERVER_ID))),
    ("cloud_servers.get/escaped_id", |c| send(c.cloud_servers().get(ESCAPED_ID))),
    ("cloud_servers.create/all", |c| send(c.cloud_servers().create(
        CloudServersCreateParams::new(prepaid_all()).x_client_token(CLIENT_TOKEN).dry_run(true),
    ))),
    ("cloud_servers.create/required", |c| send(c.cloud_servers().create(
        CloudServersCreateParams::new(prepaid_required("web-01")),
    ))),
    ("cloud_servers.create/client_token", |c| send(c.cloud_servers().create(
        CloudServersCreateParams::new(prepaid_required("web-01")).x_client_token(CLIENT_TOKEN),
    ))),
    ("cloud_servers.create/non_ascii_body", |c| send(c.cloud_servers().create(
        CloudServersCreateParams::new(
            prepaid_required(NON_ASCII_NAME)
                .description(NON_ASCII_TEXT)
                .metadata(map(&[("propriétaire", "équipe 服务器")])),
        ),
    ))),
    ("cloud_servers.create_post_paid/all", |c| send(c.cloud_servers().create_post_paid(
        CloudServersCreatePostPaidParams::new(postpaid_all())
            .dry_run(false)
            .x_client_token(CLIENT_TOKEN),
    ))),
    ("cloud_servers.create_post_paid/required", |c| send(c.cloud_servers().create_post_paid(
        CloudServersCreatePostPaidParams::new(PostPaidServer::new(
            "image-1", "s6.small.1", "web-01", "vpc-1",
            vec![CreateServerNic::default().subnet_id("subnet-1")],
            CreateServerRootVolume::new(VolumeType::Ssd),
        )),
    ))),
    ("cloud_servers.delete/all", |c| send(c.cloud_servers().delete(
        CloudServersDeleteParams::new(servers(&[SERVER_ID, OTHER_SERVER_ID]))
            .delete_publicip(false)
            .delete_volume(true),
    ))),
    ("cloud_servers.delete/required", |c| send(c.cloud_servers().delete(
        CloudServersDeleteParams::new(servers(&[SERVER_ID])),
    ))),
    ("cloud_servers.batch_start/required", |c| send(c.cloud_servers().batch_start(
        CloudServersBatchStartParams::new(servers(&[SERVER_ID, OTHER_SERVER_ID])),
    ))),
    ("cloud_servers.batch_stop/all", |c| send(c.cloud_servers().batch_stop(
        CloudServersBatchStopParams::new(servers(&[SERVER_ID])).stop_type(StopType::Hard),
    ))),
    ("cloud_servers.batch_stop/required", |c| send(c.cloud_servers().batch_stop(
        CloudServersBatchStopParams::new(servers(&[SERVER_ID])),
    ))),
    ("cloud_servers.batch_reboot/required", |c| send(c.cloud_servers().batch_reboot(
        CloudServersBatchRebootParams::new(servers(&[SERVER_ID]), RebootType::Soft),
    ))),
    ("cloud_servers.batch_reboot/per_call_content_type", |c| send(
        c.cloud_servers()
            .batch_reboot(CloudServersBatchRebootParams::new(servers(&[SERVER_ID]), RebootType::Hard))
            .header("Content-Type", SDK_JSON_CONTENT_TYPE),
    )),
    ("servers.reboot/required", |c| send(c.servers().reboot(SERVER_ID, RebootType::Hard))),
    ("servers.reboot/escaped_id", |c| send(c.servers().reboot(ESCAPED_ID, RebootType::Soft))),
    ("servers.start/required", |c| send(c.servers().start(SERVER_ID))),
    ("servers.stop/all", |c| send(c.servers().stop(SERVER_ID, ServersStopParams::default().stop_type(StopType::Hard)))),
    ("servers.stop/required", |c| send(c.servers().stop(SERVER_ID, Default::default()))),
    ("servers.delete/required", |c| send(c.servers().delete(SERVER_ID))),
    ("servers.delete/escaped_id", |c| send(c.servers().delete(ESCAPED_ID))),
    ("servers.get/required", |c| send(c.servers().get(SERVER_ID))),
    // The SDK declares OpenStack-API-Version here; the spec's doc says to set it per call.
    ("servers.get/microversion_header", |c| send(c.servers().get(SERVER_ID).header("OpenStack-API-Version", MICROVERSION))),
    ("servers.list_details/all", |c| send(c.servers().list_details(nova_list_all()))),
    ("servers.list_details/required", |c| send(c.servers().list_details(Default::default()))),
    ("server_groups.create/required", |c| send(c.server_groups().create(
        ServerGroupsCreateParams::new(NON_ASCII_NAME, strings(&["anti-affinity"])),
    ))),
    ("server_groups.list/all", |c| send(c.server_groups().list(
        ServerGroupsListParams::default().limit(20).marker(SERVER_GROUP_ID),
    ))),
    ("server_groups.list/required", |c| send(c.server_groups().list(Default::default()))),
    ("server_groups.get/required", |c| send(c.server_groups().get(SERVER_GROUP_ID))),
    ("server_groups.get/escaped_id", |c| send(c.server_groups().get(ESCAPED_ID))),
    ("server_groups.delete/required", |c| send(c.server_groups().delete(SERVER_GROUP_ID))),
    ("server_groups.add_member/required", |c| send(c.server_groups().add_member(
        SERVER_GROUP_ID,
        ServerGroupsAddMemberParams::new(ServerGroupMember::new(SERVER_ID)),
    ))),
    ("server_groups.remove_member/required", |c| send(c.server_groups().remove_member(
        SERVER_GROUP_ID,
        ServerGroupsRemoveMemberParams::new(ServerGroupMember::new(SERVER_ID)),
    ))),
    ("server_groups.add_members/required", |c| send(c.server_groups().add_members(
        SERVER_GROUP_ID,
        ServerGroupsAddMembersParams::new(strings(&[SERVER_ID, OTHER_SERVER_ID])),
    ))),
    ("server_groups.remove_members/required", |c| send(c.server_groups().remove_members(
        SERVER_GROUP_ID,
        ServerGroupsRemoveMembersParams::new(strings(&[OTHER_SERVER_ID])),
    ))),
    ("keypairs.create/all", |c| send(c.keypairs().create(
        KeypairsCreateParams::new(NON_ASCII_NAME)
            .open_stack_api_version(MICROVERSION)
            .public_key(PUBLIC_KEY)
            .key_type("ssh")
            .user_id("u-1"),
    ))),
    ("keypairs.create/required", |c| send(c.keypairs().create(KeypairsCreateParams::new(KEYPAIR)))),
    ("keypairs.list/all", |c| send(c.keypairs().list(
        KeypairsListParams::default().limit(10).marker(KEYPAIR).open_stack_api_version(MICROVERSION),
    ))),
    ("keypairs.list/required", |c| send(c.keypairs().list(Default::default()))),
    ("keypairs.get/all", |c| send(c.keypairs().get(
        KEYPAIR,
        KeypairsGetParams::default().open_stack_api_version(MICROVERSION),
    ))),
    ("keypairs.get/required", |c| send(c.keypairs().get(KEYPAIR, Default::default()))),
    ("keypairs.get/escaped_id", |c| send(c.keypairs().get(ESCAPED_ID, Default::default()))),
    ("keypairs.delete/required", |c| send(c.keypairs().delete(NON_ASCII_NAME))),
    ("flavors.list/all", |c| send(c.flavors().list(
        FlavorsListParams::default()
            .availability_zone("cn-north-4a")
            .flavor_id(FLAVOR)
            .limit(100)
            .marker("c6.large.2"),
    ))),
    ("flavors.list/required", |c| send(c.flavors().list(Default::default()))),
    ("flavors.list_for_resize/all", |c| send(c.flavors().list_for_resize(
        FlavorsListForResizeParams::default()
            .instance_uuid(SERVER_ID)
            .limit(50)
            .marker("c6.large.2")
            .sort_dir("desc")
            .sort_key("memory_mb")
            .source_flavor_id(FLAVOR)
            .source_flavor_name(NON_ASCII_NAME),
    ))),
    ("flavors.list_for_resize/required", |c| send(c.flavors().list_for_resize(Default::default()))),
    ("flavors.extra_specs/required", |c| send(c.flavors().extra_specs(FLAVOR))),
    ("flavors.extra_specs/escaped_id", |c| send(c.flavors().extra_specs(ESCAPED_ID))),
    ("flavors.capacity/all", |c| send(c.flavors().capacity(
        FLAVOR,
        FlavorsCapacityParams::default().count("3").region_ids("cn-north-4,cn-east-3"),
    ))),
    ("flavors.capacity/required", |c| send(c.flavors().capacity(FLAVOR, Default::default()))),
    ("flavors.sell_policies/all", |c| send(c.flavors().sell_policies(
        FlavorsSellPoliciesParams::default()
            .flavor_id(FLAVOR)
            .sell_status("available")
            .sell_mode("spot")
            .availability_zone_id("cn-north-4a")
            .longest_spot_duration_hours_gt(1)
            .largest_spot_duration_count_gt(2)
            .longest_spot_duration_hours(3)
            .largest_spot_duration_count(4)
            .interruption_policy("immediate")
            .limit(10)
            .marker("17"),
    ))),
    ("flavors.sell_policies/required", |c| send(c.flavors().sell_policies(Default::default()))),
    ("server_passwords.get/required", |c| send(c.server_passwords().get(SERVER_ID))),
    ("server_passwords.get/escaped_id", |c| send(c.server_passwords().get(ESCAPED_ID))),
    ("server_passwords.clear/required", |c| send(c.server_passwords().clear(SERVER_ID))),
    ("server_passwords.reset_supported/required", |c| send(c.server_passwords().reset_supported(SERVER_ID))),
    ("server_passwords.reset/all", |c| send(c.server_passwords().reset(
        SERVER_ID,
        ServerPasswordsResetParams::new(NON_ASCII_TEXT).is_check_password(false),
    ))),
    ("server_passwords.reset/required", |c| send(c.server_passwords().reset(
        SERVER_ID,
        ServerPasswordsResetParams::new("Pa55word!"),
    ))),
    ("server_passwords.reset_many/all", |c| send(c.server_passwords().reset_many(
        ServerPasswordsResetManyParams::new("Pa55word!", servers(&[SERVER_ID, OTHER_SERVER_ID])).dry_run(true),
    ))),
    ("server_passwords.reset_many/required", |c| send(c.server_passwords().reset_many(
        ServerPasswordsResetManyParams::new("Pa55word!", servers(&[SERVER_ID])),
    ))),
    ("server_consoles.remote/required", |c| send(c.server_consoles().remote(
        SERVER_ID,
        ServerConsolesRemoteParams::new("vnc", "novnc"),
    ))),
    ("availability_zones.list/required", |c| send(c.availability_zones().list())),
    ("availability_zones.list_nova/required", |c| send(c.availability_zones().list_nova())),
    ("limits.get/required", |c| send(c.limits().get())),
    ("recycle_bin.get/required", |c| send(c.recycle_bin().get())),
    ("recycle_bin.update/required", |c| send(c.recycle_bin().update(RecycleBinUpdateParams::new("on")))),
    ("recycle_bin.update_policy/all", |c| send(c.recycle_bin().update_policy(
        RecycleBinUpdatePolicyParams::default().retention_hour(48).recycle_threshold_day(7),
    ))),
    ("recycle_bin.update_policy/required", |c| send(c.recycle_bin().update_policy(Default::default()))),
    ("recycle_bin.list_servers/all", |c| send(c.recycle_bin().list_servers(
        RecycleBinListServersParams::default()
            .all_tenants("True")
            .availability_zone("cn-north-4a")
            .expect_fields("launched_at,key_name")
            .ip_address("192.168.0.10")
            .name(NON_ASCII_NAME)
            .tags(strings(&["k1=v1", "k2=v2"]))
            .tags_key(strings(&["k1", "k2"]))
            .limit(25)
            .offset("1")
            .marker(SERVER_ID),
    ))),
    ("recycle_bin.list_servers/required", |c| send(c.recycle_bin().list_servers(Default::default()))),
    ("recycle_bin.delete_server/required", |c| send(c.recycle_bin().delete_server(SERVER_ID))),
    ("recycle_bin.restore_server/required", |c| send(c.recycle_bin().restore_server(SERVER_ID))),
    ("recycle_bin.restore_server/escaped_id", |c| send(c.recycle_bin().restore_server(ESCAPED_ID))),
    ("server_tags.create/required", |c| send(c.server_tags().create(
        SERVER_ID,
        ServerTagsCreateParams::new(
            TagAction::Create,
            vec![Tag::new("env").value("prod"), Tag::new(NON_ASCII_NAME)],
        ),
    ))),
    ("server_tags.delete/required", |c| send(c.server_tags().delete(
        SERVER_ID,
        ServerTagsDeleteParams::new(TagAction::Delete, vec![Tag::new("env").value("prod")]),
    ))),
    ("server_tags.get/required", |c| send(c.server_tags().get(SERVER_ID))),
    ("server_tags.get/escaped_id", |c| send(c.server_tags().get(ESCAPED_ID))),
    ("server_tags.list/required", |c| send(c.server_tags().list())),
    ("server_tags.list_servers/all", |c| send(c.server_tags().list_servers(
        ServerTagsListServersParams::new(TagQueryAction::Filter)
            .limit("10")
            .offset("20")
            .tags(vec![TagFilter::new("env", strings(&["prod", "test"]))])
            .not_tags(vec![TagFilter::new("tier", strings(&["db"]))])
            .matches(vec![TagMatch::new("resource_name", NON_ASCII_NAME)]),
    ))),
    ("server_tags.list_servers/required", |c| send(c.server_tags().list_servers(
        ServerTagsListServersParams::new(TagQueryAction::Count),
    ))),
    ("server_metadata.update/required", |c| send(c.server_metadata().update(
        SERVER_ID,
        ServerMetadataUpdateParams::new(map(&[("env", "prod"), ("propriétaire", NON_ASCII_TEXT)])),
    ))),
    ("server_metadata.delete/required", |c| send(c.server_metadata().delete(SERVER_ID, "env"))),
    ("server_metadata.delete/escaped_id", |c| send(c.server_metadata().delete(ESCAPED_ID, ESCAPED_ID))),
    ("server_metadata.get_options/required", |c| send(c.server_metadata().get_options(SERVER_ID))),
    ("server_metadata.update_options/all", |c| send(c.server_metadata().update_options(
        SERVER_ID,
        ServerMetadataUpdateOptionsParams::default().http_endpoint("enabled").http_tokens("required"),
    ))),
    ("server_metadata.update_options/required", |c| send(c.server_metadata().update_options(
        SERVER_ID,
        Default::default(),
    ))),
    ("server_volumes.attach/all", |c| send(c.server_volumes().attach(
        SERVER_ID,
        ServerVolumesAttachParams::new(
            VolumeToAttach::new(VOLUME_ID)
                .device("/dev/sdb")
                .volume_type("SSD")
                .count(1)
                .passthrough("true"),
        )
        .dry_run(false),
    ))),
    ("server_volumes.attach/required", |c| send(c.server_volumes().attach(
        SERVER_ID,
        ServerVolumesAttachParams::new(VolumeToAttach::new(VOLUME_ID)),
    ))),
    ("server_volumes.detach/all", |c| send(c.server_volumes().detach(
        SERVER_ID,
        VOLUME_ID,
        ServerVolumesDetachParams::default().delete_flag("1"),
    ))),
    ("server_volumes.detach/required", |c| send(c.server_volumes().detach(SERVER_ID, VOLUME_ID, Default::default()))),
    ("server_volumes.detach/escaped_id", |c| send(c.server_volumes().detach(ESCAPED_ID, ESCAPED_ID, Default::default()))),
    ("server_volumes.list/required", |c| send(c.server_volumes().list(SERVER_ID))),
    ("server_volumes.quota/required", |c| send(c.server_volumes().quota(SERVER_ID))),
    ("server_volumes.list_block_devices/required", |c| send(c.server_volumes().list_block_devices(SERVER_ID))),
    ("server_volumes.block_device/required", |c| send(c.server_volumes().block_device(SERVER_ID, VOLUME_ID))),
    ("server_volumes.update_block_device/required", |c| send(c.server_volumes().update_block_device(
        SERVER_ID,
        VOLUME_ID,
        ServerVolumesUpdateBlockDeviceParams::new(true),
    ))),
    ("shared_volumes.attach/required", |c| send(c.shared_volumes().attach(
        VOLUME_ID,
        SharedVolumesAttachParams::new(vec![
            SharedVolumeTarget::new(SERVER_ID).device("/dev/sdc"),
            SharedVolumeTarget::new(OTHER_SERVER_ID),
        ]),
    ))),
    ("shared_volumes.detach/required", |c| send(c.shared_volumes().detach(
        VOLUME_ID,
        SharedVolumesDetachParams::new(strings(&[SERVER_ID, OTHER_SERVER_ID])),
    ))),
    ("cloud_servers.update/all", |c| send(c.cloud_servers().update(
        SERVER_ID,
        CloudServersUpdateParams::default()
            .name(NON_ASCII_NAME)
            .description(NON_ASCII_TEXT)
            .hostname("web-01")
            .user_data("IyEvYmluL2Jhc2gK")
            .security_options(SecurityOptions::default().secure_boot_enabled(true).tpm_enabled(false)),
    ))),
    ("cloud_servers.update/required", |c| send(c.cloud_servers().update(SERVER_ID, Default::default()))),
    ("cloud_servers.rename_many/all", |c| send(c.cloud_servers().rename_many(
        CloudServersRenameManyParams::new("web", servers(&[SERVER_ID, OTHER_SERVER_ID])).dry_run(true),
    ))),
    ("cloud_servers.rename_many/required", |c| send(c.cloud_servers().rename_many(
        CloudServersRenameManyParams::new("web", servers(&[SERVER_ID])),
    ))),
    ("cloud_servers.migrate/all", |c| send(c.cloud_servers().migrate(
        SERVER_ID,
        CloudServersMigrateParams::default().dedicated_host_id("dh-1"),
    ))),
    ("cloud_servers.migrate/required", |c| send(c.cloud_servers().migrate(SERVER_ID, Default::default()))),
    ("cloud_servers.update_auto_terminate_time/required", |c| send(c.cloud_servers().update_auto_terminate_time(
        SERVER_ID,
        CloudServersUpdateAutoTerminateTimeParams::new("2030-09-25T12:05:00Z"),
    ))),
    ("cloud_servers.trigger_crash_dump/required", |c| send(c.cloud_servers().trigger_crash_dump(SERVER_ID))),
    ("cloud_servers.redeploy/required", |c| send(c.cloud_servers().redeploy(SERVER_ID))),
    ("cloud_servers.redeploy/escaped_id", |c| send(c.cloud_servers().redeploy(ESCAPED_ID))),
    ("server_consoles.serial/required", |c| send(c.server_consoles().serial(SERVER_ID))),
    ("server_consoles.update_serial_options/required", |c| send(c.server_consoles().update_serial_options(
        SERVER_ID,
        ServerConsolesUpdateSerialOptionsParams::new(true),
    ))),
    ("server_consoles.output/all", |c| send(c.server_consoles().output(
        SERVER_ID,
        ServerConsolesOutputParams::default().length(50),
    ))),
    ("server_consoles.output/required", |c| send(c.server_consoles().output(SERVER_ID, Default::default()))),
    ("api_versions.list/required", |c| send(c.api_versions().list())),
    ("api_versions.get/required", |c| send(c.api_versions().get("v2.1"))),
    ("server_monitoring.register/required", |c| send(c.server_monitoring().register(
        SERVER_ID,
        ServerMonitoringRegisterParams::new(""),
    ))),
    ("scheduled_events.list/all", |c| send(c.scheduled_events().list(
        ScheduledEventsListParams::default()
            .id(EVENT_ID)
            .instance_id(strings(&[SERVER_ID, OTHER_SERVER_ID]))
            .event_type(strings(&["instance_redeploy", "localdisk_recovery"]))
            .state(strings(&["inquiring"]))
            .publish_since("2025-01-01T00:00:00Z")
            .publish_until("2025-02-01T00:00:00Z")
            .limit(20)
            .marker(EVENT_ID),
    ))),
    ("scheduled_events.list/required", |c| send(c.scheduled_events().list(Default::default()))),
    ("scheduled_events.update/required", |c| send(c.scheduled_events().update(
        EVENT_ID,
        ScheduledEventsUpdateParams::new("2030-01-01T00:00:00Z"),
    ))),
    ("scheduled_events.accept/all", |c| send(c.scheduled_events().accept(
        EVENT_ID,
        ScheduledEventsAcceptParams::default().not_before("2030-01-01T00:00:00Z"),
    ))),
    ("scheduled_events.accept/required", |c| send(c.scheduled_events().accept(EVENT_ID, Default::default()))),
    ("server_resize.resize/all", |c| send(c.server_resize().resize(
        SERVER_ID,
        ServerResizeResizeParams::new(
            ResizeOptions::new("c6.large.2")
                .dedicated_host_id("dh-1")
                .extendparam(ResizeExtendParam::default().is_auto_pay("true"))
                .mode("withStopServer")
                .cpu_options(CpuOptions::default().hw_cpu_threads(1)),
        )
        .dry_run(false),
    ))),
    ("server_resize.resize/required", |c| send(c.server_resize().resize(
        SERVER_ID,
        ServerResizeResizeParams::new(ResizeOptions::new("c6.large.2")),
    ))),
    ("server_resize.resize_post_paid/all", |c| send(c.server_resize().resize_post_paid(
        SERVER_ID,
        ServerResizeResizePostPaidParams::new(
            ResizePostPaidOptions::new("c6.large.2")
                .mode("withStopServer")
                .cpu_options(CpuOptions::default().hw_cpu_threads(2)),
        )
        .dry_run(true),
    ))),
    ("server_resize.resize_post_paid/required", |c| send(c.server_resize().resize_post_paid(
        SERVER_ID,
        ServerResizeResizePostPaidParams::new(ResizePostPaidOptions::new("c6.large.2")),
    ))),
    ("server_resize.resize_many/all", |c| send(c.server_resize().resize_many(
        ServerResizeResizeManyParams::new("c6.large.2", servers(&[SERVER_ID, OTHER_SERVER_ID]))
            .cpu_options(CpuOptions::default().hw_cpu_threads(1))
            .mode("withStopServer")
            .promotion(Promotion::new("coupon", "p-1")),
    ))),
    ("server_resize.resize_many/required", |c| send(c.server_resize().resize_many(
        ServerResizeResizeManyParams::new("c6.large.2", servers(&[SERVER_ID])),
    ))),
    ("server_billing.change_charge_mode/all", |c| send(c.server_billing().change_charge_mode(
        ServerBillingChangeChargeModeParams::new(strings(&[SERVER_ID]), "prePaid")
            .prepaid_options(
                ChargeModePrepaidOptions::new("month", "3")
                    .include_data_disks(true)
                    .include_publicips(false)
                    .auto_pay(true)
                    .auto_renew(false),
            )
            .dry_run(true),
    ))),
    ("server_billing.change_charge_mode/required", |c| send(c.server_billing().change_charge_mode(
        ServerBillingChangeChargeModeParams::new(strings(&[SERVER_ID, OTHER_SERVER_ID]), "prePaid"),
    ))),
    ("server_nics.add/required", |c| send(c.server_nics().add(
        SERVER_ID,
        ServerNicsAddParams::new(vec![
            AddServerNic::default()
                .subnet_id(SUBNET_ID)
                .port_id(PORT_ID)
                .security_groups(vec![NicSecurityGroup::new(SECURITY_GROUP_ID)])
                .ip_address("192.168.0.20")
                .ipv6_enable(true)
                .ipv6_bandwidth(Ipv6Bandwidth::default().id("bw-1"))
                .efi_enable(false),
            AddServerNic::default().subnet_id(SUBNET_ID),
        ]),
    ))),
    ("server_nics.delete/required", |c| send(c.server_nics().delete(
        SERVER_ID,
        ServerNicsDeleteParams::new(vec![NicId::new(PORT_ID)]),
    ))),
    ("server_nics.list/required", |c| send(c.server_nics().list(SERVER_ID))),
    ("server_nics.list/escaped_id", |c| send(c.server_nics().list(ESCAPED_ID))),
    ("server_nics.attachable/required", |c| send(c.server_nics().attachable(SERVER_ID))),
    ("server_nics.update/required", |c| send(c.server_nics().update(
        SERVER_ID,
        PORT_ID,
        ServerNicsUpdateParams::new(
            InterfaceAttachment::default()
                .fixed_ips(vec![InterfaceFixedIp::default().ip_address("192.168.0.20").subnet_id(SUBNET_ID)])
                .mac_addr("fa:16:3e:00:00:01")
                .net_id(SUBNET_ID)
                .port_id(PORT_ID)
                .port_state("ACTIVE")
                .delete_on_termination(true)
                .driver_mode("virtio")
                .min_rate(100)
                .multiqueue_num(4)
                .pci_address("0000:00:05.0"),
        ),
    ))),
    ("server_nics.change_network/all", |c| send(c.server_nics().change_network(
        SERVER_ID,
        PORT_ID,
        ServerNicsChangeNetworkParams::default()
            .subnet_id(SUBNET_ID)
            .ip_address("192.168.1.30")
            .ipv6_address("2001:db8::30"),
    ))),
    ("server_nics.change_network/required", |c| send(c.server_nics().change_network(
        SERVER_ID,
        PORT_ID,
        Default::default(),
    ))),
    ("server_nics.bind_virtual_ip/all", |c| send(c.server_nics().bind_virtual_ip(
        PORT_ID,
        ServerNicsBindVirtualIpParams::new(SUBNET_ID, "192.168.0.100").reverse_binding(true),
    ))),
    ("server_nics.bind_virtual_ip/required", |c| send(c.server_nics().bind_virtual_ip(
        PORT_ID,
        ServerNicsBindVirtualIpParams::new(SUBNET_ID, "192.168.0.100"),
    ))),
    ("server_nics.unbind_virtual_ip/all", |c| send(c.server_nics().unbind_virtual_ip(
        PORT_ID,
        ServerNicsUnbindVirtualIpParams::new("", "").reverse_binding(false),
    ))),
    ("server_nics.unbind_virtual_ip/required", |c| send(c.server_nics().unbind_virtual_ip(
        PORT_ID,
        ServerNicsUnbindVirtualIpParams::new("", ""),
    ))),
    ("server_nics.attach/all", |c| send(c.server_nics().attach(
        SERVER_ID,
        ServerNicsAttachParams::default()
            .fixed_ips(vec![NovaFixedIp::default().ip_address("192.168.0.40")])
            .net_id(SUBNET_ID)
            .port_id(PORT_ID),
    ))),
    ("server_nics.attach/required", |c| send(c.server_nics().attach(SERVER_ID, Default::default()))),
    ("server_nics.get_nova/required", |c| send(c.server_nics().get_nova(SERVER_ID, PORT_ID))),
    ("server_nics.change_vpc/required", |c| send(c.server_nics().change_vpc(
        SERVER_ID,
        ServerNicsChangeVpcParams::new(
            "vpc-2",
            ChangeVpcNic::default()
                .port_id(PORT_ID)
                .subnet_id(SUBNET_ID)
                .security_groups(vec![NicSecurityGroup::new(SECURITY_GROUP_ID)])
                .ip_address("10.0.0.8"),
        ),
    ))),
    ("server_security_groups.list/required", |c| send(c.server_security_groups().list(SERVER_ID))),
    ("server_security_groups.add/required", |c| send(c.server_security_groups().add(SERVER_ID, NON_ASCII_NAME))),
    ("server_security_groups.add/escaped_id", |c| send(c.server_security_groups().add(ESCAPED_ID, "default"))),
    ("server_security_groups.remove/required", |c| send(c.server_security_groups().remove(SERVER_ID, SECURITY_GROUP_ID))),
    ("server_os.change/all", |c| send(c.server_os().change(
        SERVER_ID,
        ServerOsChangeParams::new(IMAGE_ID)
            .adminpass("Pa55word!")
            .keyname("deploy-key")
            .userid("u-1")
            .mode("withStopServer")
            .is_auto_pay("true")
            .metadata(
                OsMetadata::default()
                    .system_encrypted("1")
                    .system_cmk_id("cmk-1")
                    .user_data("IyEvYmluL2Jhc2gK")
                    .byol("true"),
            ),
    ))),
    ("server_os.change/required", |c| send(c.server_os().change(SERVER_ID, ServerOsChangeParams::new(IMAGE_ID)))),
    ("server_os.change_without_cloud_init/all", |c| send(c.server_os().change_without_cloud_init(
        SERVER_ID,
        ServerOsChangeWithoutCloudInitParams::new(IMAGE_ID)
            .adminpass(NON_ASCII_TEXT)
            .keyname("deploy-key")
            .userid("u-1")
            .mode("withStopServer")
            .is_auto_pay("false")
            .metadata(OsMetadataWithoutCloudInit::default().system_encrypted("0").system_cmk_id("cmk-1").byol("false")),
    ))),
    ("server_os.change_without_cloud_init/required", |c| send(c.server_os().change_without_cloud_init(
        SERVER_ID,
        ServerOsChangeWithoutCloudInitParams::new(IMAGE_ID),
    ))),
    ("server_os.reinstall/all", |c| send(c.server_os().reinstall(
        SERVER_ID,
        ServerOsReinstallParams::default()
            .adminpass("Pa55word!")
            .keyname("deploy-key")
            .userid("u-1")
            .mode("withStopServer")
            .metadata(
                OsMetadata::default()
                    .system_encrypted("1")
                    .system_cmk_id("cmk-1")
                    .user_data("IyEvYmluL2Jhc2gK")
                    .byol("true"),
            ),
    ))),
    ("server_os.reinstall/required", |c| send(c.server_os().reinstall(SERVER_ID, Default::default()))),
    ("server_os.reinstall_without_cloud_init/all", |c| send(c.server_os().reinstall_without_cloud_init(
        SERVER_ID,
        ServerOsReinstallWithoutCloudInitParams::default()
            .adminpass("Pa55word!")
            .keyname("deploy-key")
            .userid("u-1")
            .mode("withStopServer")
            .metadata(OsMetadataWithoutCloudInit::default().system_encrypted("0").system_cmk_id("cmk-1").byol("false")),
    ))),
    ("server_os.reinstall_without_cloud_init/required", |c| send(c.server_os().reinstall_without_cloud_init(
        SERVER_ID,
        Default::default(),
    ))),
    ("servers.list/all", |c| send(c.servers().list(
        nova_list_filters!(ServersListParams::default()).host("host-1"),
    ))),
    ("servers.list/required", |c| send(c.servers().list(Default::default()))),
    ("launch_templates.create/all", |c| send(c.launch_templates().create(
        LaunchTemplatesCreateParams::new(
            LaunchTemplateSpec::new("web")
                .description("web servers")
                .version_description("first")
                .template_data(launch_template_data_all()),
        )
        .dry_run(true),
    ))),
    ("launch_templates.create/required", |c| send(c.launch_templates().create(
        LaunchTemplatesCreateParams::new(LaunchTemplateSpec::new("web")),
    ))),
    ("launch_templates.delete/required", |c| send(c.launch_templates().delete(LAUNCH_TEMPLATE_ID))),
    ("launch_templates.list/all", |c| send(c.launch_templates().list(
        LaunchTemplatesListParams::default()
            .limit(20)
            .marker(LAUNCH_TEMPLATE_ID)
            .launch_template_id(strings(&[LAUNCH_TEMPLATE_ID, "lt-2"]))
            .name(strings(&REORDERED)),
    ))),
    ("launch_templates.list/required", |c| send(c.launch_templates().list(Default::default()))),
    ("launch_templates.list_versions/all", |c| send(c.launch_templates().list_versions(
        LaunchTemplatesListVersionsParams::default()
            .limit(20)
            .marker("ver-1")
            .launch_template_id(LAUNCH_TEMPLATE_ID)
            .image_id(IMAGE_ID)
            .flavor_id(FLAVOR)
            .version(strings(&["1", "2"])),
    ))),
    ("launch_templates.list_versions/required", |c| send(c.launch_templates().list_versions(Default::default()))),
    ("servers.create/all", |c| send(c.servers().create(
        ServersCreateParams::new(nova_server_all())
            .open_stack_api_version(MICROVERSION)
            .scheduler_hints(
                NovaSchedulerHints::default()
                    .group(SERVER_GROUP_ID)
                    .different_host(strings(&[OTHER_SERVER_ID]))
                    .same_host(strings(&[SERVER_ID]))
                    .cidr("192.168.0.0/24")
                    .build_near_host_ip("192.168.0.10")
                    .tenancy("dedicated")
                    .dedicated_host_id("dh-1"),
            ),
    ))),
    ("servers.create/required", |c| send(c.servers().create(ServersCreateParams::new(
        NovaServerToCreate::new(FLAVOR, vec![NovaServerNetwork::default().uuid(SUBNET_ID)]),
    )))),
    ("jobs.get/required", |c| send(c.jobs().get(JOB_ID))),
    ("jobs.get/escaped_id", |c| send(c.jobs().get(ESCAPED_ID))),
];

fn list_details_all() -> CloudServersListDetailsParams {
    CloudServersListDetailsParams::default()
        .enterprise_project_id("all_granted_eps")
        .flavor("s6.small.1")
        .ip("192.168.0.")
        .limit(50)
        .name("web 01 & é+")
        .not_tags("__type_baremetal")
        .offset(2)
        .reservation_id("r-0123")
        .status(ServerStatus::Active)
        .tags("env.prod")
        .ip_eq("192.168.0.10")
        .server_id(format!("{SERVER_ID},{OTHER_SERVER_ID}"))
        .marker(SERVER_ID)
}

fn list_all() -> CloudServersListParams {
    CloudServersListParams::default()
        .id(SERVER_ID)
        .name(NON_ASCII_NAME)
        .status(ServerStatus::Shutoff)
        .in_recycle_bin(true)
        .spod_id("spod-1")
        .flavor_name("s6.small.1")
        .image_id("image-1")
        .metadata("key=value")
        .metadata_key("key")
        .tags("k1.v1")
        .not_tags("k2.v2")
        .availability_zone("cn-north-4")
        .availability_zone_eq("cn-north-4a")
        .charging_mode("postPaid")
        .key_name("kp-1")
        .launched_since("2013-06-09T06:42:18Z")
        .enterprise_project_id("0")
        .expect_fields(strings(&["launched_at", "key_name", "locked"]))
        .limit(10)
        .marker(SERVER_ID)
}

fn nova_list_all() -> ServersListDetailsParams {
    nova_list_filters!(ServersListDetailsParams::default())
}

/// Only what spec/ecs.yaml requires, plus the NIC's subnet (the API needs it though neither
/// schema requires it).
fn prepaid_required(name: &str) -> PrePaidServer {
    PrePaidServer::new(
        "image-1",
        "s6.small.1",
        name,
        "vpc-1",
        vec![CreateServerNic::default().subnet_id("subnet-1")],
        CreateServerRootVolume::new(VolumeType::Ssd),
    )
}

fn volume_extendparam() -> CreateServerVolumeExtendParam {
    CreateServerVolumeExtendParam::default()
        .resource_spec_code("SSD")
        .resource_type("3")
        .snapshot_id("snap-1")
}

fn volume_metadata() -> CreateServerVolumeMetadata {
    CreateServerVolumeMetadata::default()
        .system_encrypted("1")
        .system_cmkid("cmk-0123")
}

fn nic_all() -> CreateServerNic {
    CreateServerNic::default()
        .subnet_id("subnet-1")
        .port_id("port-1")
        .ip_address("192.168.0.10")
        .ipv6_enable(true)
        .ipv6_bandwidth(Ipv6Bandwidth::default().id("bw-v6"))
        .allowed_address_pairs(vec![
            AllowedAddressPair::default()
                .ip_address("10.0.0.0/24")
                .mac_address("fa:16:3e:00:00:01"),
        ])
        .efi_enable(false)
}

fn root_volume_all() -> CreateServerRootVolume {
    CreateServerRootVolume::new(VolumeType::Gpssd2)
        .size(40)
        .iops(3000)
        .throughput(125)
        .extendparam(volume_extendparam())
        .metadata(volume_metadata())
        .cluster_type("DSS")
        .cluster_id("pool-1")
        .hw_passthrough(true)
}

fn data_volume_all() -> CreateServerDataVolume {
    CreateServerDataVolume::new(VolumeType::Essd, 100)
        .iops(5000)
        .throughput(250)
        .shareable(false)
        .multiattach(true)
        .data_image_id("data-image-1")
        .delete_on_termination(true)
        .extendparam(volume_extendparam())
        .metadata(volume_metadata())
        .cluster_type("DSS")
        .cluster_id("pool-1")
        .hw_passthrough(true)
}

fn publicip_all() -> CreateServerPublicIp {
    let bandwidth = CreateServerEipBandwidth::new(BandwidthShareType::Per)
        .size(10)
        .chargemode("traffic")
        .id("bw-1");
    CreateServerPublicIp::default()
        .id("eip-1")
        .eip(CreateServerEip::new("5_bgp", bandwidth).extendparam(
            CreateServerEipExtendParam::default().charging_mode(ChargingMode::PrePaid),
        ))
        .delete_on_termination(true)
}

/// A server of type `$server` with every field set; both server types have the same setters.
macro_rules! every_server_field {
    ($server:ident, $extendparam:expr) => {
        $server::new(
            "image-1",
            "s6.small.1",
            "web-01",
            "vpc-1",
            vec![nic_all()],
            root_volume_all(),
        )
        .auto_terminate_time("2030-01-19T03:30:52Z")
        .user_data("IyEvYmluL2Jhc2gKZWNobyBoaQo=")
        .admin_pass("Passw0rd!")
        .key_name("kp-1")
        .publicip(publicip_all())
        .count(2)
        .is_auto_rename(false)
        .data_volumes(vec![data_volume_all()])
        .security_groups(vec![CreateServerSecurityGroup::default().id("sg-1")])
        .availability_zone("cn-north-4a")
        .batch_create_in_multi_az(false)
        .extendparam($extendparam)
        .metadata(map(&[
            ("agency_name", "agency-1"),
            ("op_svc_userid", "user-1"),
        ]))
        .os_scheduler_hints(
            CreateServerSchedulerHints::default()
                .group("group-1")
                .tenancy("dedicated")
                .dedicated_host_id("dh-1"),
        )
        .tags(strings(&["key1.value1", "key2.value2"]))
        .server_tags(vec![ServerTag::new("env", "prod")])
        .description("web server")
        .cpu_options(CpuOptions::default().hw_cpu_threads(1))
        .security_options(
            SecurityOptions::default()
                .secure_boot_enabled(true)
                .tpm_enabled(false),
        )
        .serial_console_options(SerialConsoleOptions::default().enabled(true))
        .metadata_options(
            MetadataOptions::default()
                .http_endpoint("enabled")
                .http_tokens("required"),
        )
        .enclave_options(EnclaveOptions::default().enabled(false))
    };
}

fn prepaid_all() -> PrePaidServer {
    let extendparam = PrePaidServerExtendParam::default()
        .charging_mode(ChargingMode::PrePaid)
        .region_id("cn-north-4")
        .period_type(PeriodType::Month)
        .period_num(3)
        .is_auto_renew("true")
        .is_auto_pay("false")
        .enterprise_project_id("0")
        .support_auto_recovery(true)
        .market_type("spot")
        .spot_price("0.25")
        .disk_prior("true")
        .spot_duration_hours(6)
        .interruption_policy("immediate")
        .cb_csbs_backup(r#"{"policy_id": "p-1", "vault_id": "v-1"}"#)
        .spot_duration_count(2);
    every_server_field!(PrePaidServer, extendparam)
}

fn postpaid_all() -> PostPaidServer {
    let extendparam = PostPaidServerExtendParam::default()
        .charging_mode(0)
        .region_id("cn-north-4")
        .support_auto_recovery(true)
        .enterprise_project_id("0")
        .market_type("spot")
        .spot_price("0.25")
        .disk_prior("true")
        .spot_duration_hours(6)
        .interruption_policy("immediate")
        .spot_duration_count(2)
        .cb_csbs_backup(r#"{"policy_id": "p-1", "vault_id": "v-1"}"#);
    every_server_field!(PostPaidServer, extendparam)
}

fn launch_template_data_all() -> LaunchTemplateData {
    let disk = LaunchTemplateDisk::default()
        .source_id(IMAGE_ID)
        .source_type("image")
        .encrypted(true)
        .cmk_id("cmk-0123")
        .volume_type(VolumeType::Ssd)
        .volume_size(40)
        .attachment(
            LaunchTemplateDiskAttachment::default()
                .boot_index(0)
                .delete_on_termination(true),
        );
    let publicip = LaunchTemplatePublicIp::default()
        .publicip_type("5_bgp")
        .charging_mode("postPaid")
        .bandwidth(
            LaunchTemplateBandwidth::default()
                .share_type(BandwidthShareType::Per)
                .size(10)
                .charge_mode("traffic")
                .id("bw-1"),
        )
        .delete_on_termination(true);
    LaunchTemplateData::default()
        .flavor_id(FLAVOR)
        .name(NON_ASCII_NAME)
        .description(NON_ASCII_TEXT)
        .availability_zone_id("cn-north-4a")
        .enterprise_project_id("0")
        .auto_recovery(true)
        .os_profile(
            LaunchTemplateOsProfile::default()
                .key_name(KEYPAIR)
                .user_data("IyEvYmluL2Jhc2g=")
                .iam_agency_name("ecs-agency")
                .enable_monitoring_service(true),
        )
        .security_group_ids(strings(&[SECURITY_GROUP_ID]))
        .network_interfaces(vec![
            LaunchTemplateNic::default()
                .virsubnet_id(SUBNET_ID)
                .attachment(LaunchTemplateNicAttachment::default().device_index(0)),
        ])
        .block_device_mappings(vec![disk])
        .market_options(
            LaunchTemplateMarketOptions::default()
                .market_type("spot")
                .spot_options(
                    LaunchTemplateSpotOptions::default()
                        .spot_price(0.25)
                        .block_duration_minutes(60)
                        .instance_interruption_behavior("immediate"),
                ),
        )
        .internet_access(LaunchTemplateInternetAccess::default().publicip(publicip))
        .metadata(map(&[("owner", "team-a")]))
        .tag_options(vec![
            LaunchTemplateTagOptions::default()
                .tags(vec![LaunchTemplateTag::default().key("env").value("prod")]),
        ])
}

fn nova_server_all() -> NovaServerToCreate {
    let disk = NovaBlockDeviceMapping::new("image")
        .destination_type("volume")
        .guest_format("ext4")
        .device_name("/dev/vda")
        .delete_on_termination(true)
        .boot_index("0")
        .uuid(IMAGE_ID)
        .volume_size(40)
        .volume_type("SSD");
    let network = NovaServerNetwork::default()
        .port(PORT_ID)
        .uuid(SUBNET_ID)
        .fixed_ip("192.168.0.20");
    NovaServerToCreate::new(FLAVOR, vec![network])
        .auto_terminate_time("2030-01-01T00:00:00Z")
        .image_ref(IMAGE_ID)
        .name(NON_ASCII_NAME)
        .metadata(map(&[("owner", "team-a")]))
        .admin_pass("Secret-Passw0rd")
        .block_device_mapping_v2(vec![disk])
        .config_drive("true")
        .security_groups(vec![NovaSecurityGroupName::default().name("default")])
        .key_name(KEYPAIR)
        .user_data("IyEvYmluL2Jhc2g=")
        .availability_zone("cn-north-4a")
        .return_reservation_id(true)
        .min_count(1)
        .max_count(2)
        .os_dcf_disk_config("AUTO")
        .description(NON_ASCII_TEXT)
}

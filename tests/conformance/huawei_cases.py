"""The cases of the wire-conformance test (tests/tests/huawei_conformance.rs), made with
Huawei Cloud's official Python SDK; huawei_sdk.py runs them. Our client's side of each case is
in tests/tests/huawei_conformance/cases.rs, with the same values: keep the two in step.

A case makes exactly one request. Its name is `<resource>.<method>/<variant>`, the method as
spec/ecs.yaml names it; `all` sets every input the SDK has for the operation (nested bodies
with every field, checked by `full`), `required` only what spec/ecs.yaml requires.

The SDK has no Nova reboot, os-start or os-stop operation (only add/remove security group use
/v2.1/{project_id}/servers/{server_id}/action), and no per-call query option: those cases go
through the SDK's generic `EcsClient.call_api`, which builds, signs and sends the request with
the same code as the typed operations (path encoding, query canonicalization, JSON body), with
the Content-Type the SDK's generated code gives POST bodies.
"""

AK = "AccessKeyExample"
SK = "SecretKeyExample"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
SDK_DATE = "20250101T000000Z"
SERVER_ID = "616fb98f-46ca-475e-917e-2563e5a8cd19"
OTHER_SERVER_ID = "7c4c4c8a-0d3f-4c55-9a39-1d7e0f3b5b11"
JOB_ID = "ff80808288d41e1b018990260955686a"
CLIENT_TOKEN = "6fa459ea-ee8a-3ca4-894e-db77e160355e"
# An id needing every kind of escape in a path segment: a space, `/` (kept one segment on the
# wire as %2F; the signers decode the path first, so it splits the canonical URI in two), a
# literal `%2F` (sent %252F), `+`, `?`, `#`, `:`, `@`, and non-ASCII. The SDK fills it with
# `quote(v, safe='')`, so only `A-Z a-z 0-9 - _ . ~` stay as they are. (An empty id, `.` or
# `..` the SDK sends too, as an empty or dot segment that HTTP libraries may remove; our client
# refuses them before sending, so they are not cases.)
ESCAPED_ID = "web 01/a%2Fb+c?d#e:f@g~h_i.j-服务器é"
# Repeated query values whose order changes with percent-encoding: decoded, `aZ` < `a[` < `z`
# < `é` (by code point); encoded, `%C3%A9` < `a%5B` < `aZ` < `z`. Signers sort decoded pairs.
REORDERED = ["é", "aZ", "z", "a["]
MICROVERSION = "compute 2.60"
RESERVED_QUERY = "a&b=c+d%2F e/?#"
# Non-ASCII, quotes, backslash, control characters and a character outside the BMP: the SDK
# writes them as \uXXXX escapes (surrogate pairs for the emoji), our client as raw UTF-8.
NON_ASCII_NAME = "服务器-é"
NON_ASCII_TEXT = 'Serveur « é » "quoted" \\ / tab\there\nline 😀'

CASES = []


def case(name):
    """Registers a case; the order of definition is the order of the calls."""

    def register(function):
        CASES.append((name, function))
        return function

    return register


def ecs():
    import huaweicloudsdkecs.v2 as module

    return module


def full(value, where="request"):
    """Asserts that every attribute of an SDK model (and of the models it holds) is set, so an
    `all` case cannot miss an input the SDK has. Returns `value`."""
    types = getattr(value, "openapi_types", None)
    if types is None:
        return value
    for attr in types:
        inner = getattr(value, attr)
        assert inner is not None, "%s.%s is not set" % (where, attr)
        items = inner if isinstance(inner, list) else [inner]
        assert items, "%s.%s is an empty list" % (where, attr)
        for item in items:
            full(item, "%s.%s" % (where, attr))
    return value


def servers(*ids):
    return [ecs().ServerId(id=i) for i in ids]


def json_content_type():
    from huaweicloudsdkcore.utils import http_utils

    return http_utils.select_header_content_type(["application/json;charset=UTF-8"])


# --- Bodies of the create calls ------------------------------------------------------------
# The PrePaid* and PostPaid* classes have the same attributes except the extendparam of the
# server, so one builder makes both (`kind` is "PrePaid" or "PostPaid").


def model(kind, suffix, **fields):
    return getattr(ecs(), kind + suffix)(**fields)


def volume_extras(kind, part):
    return {
        "extendparam": model(
            kind,
            part + "ExtendParam",
            resource_spec_code="SSD",
            resource_type="3",
            snapshot_id="snap-1",
        ),
        "metadata": model(
            kind, part + "Metadata", system__encrypted="1", system__cmkid="cmk-0123"
        ),
        "cluster_type": "DSS",
        "cluster_id": "pool-1",
        "hwpassthrough": True,
    }


def every_server_field(kind, extendparam, name="web-01", description="web server"):
    m = ecs()
    return model(
        kind,
        "Server",
        image_ref="image-1",
        flavor_ref="s6.small.1",
        name=name,
        vpcid="vpc-1",
        nics=[
            model(
                kind,
                "ServerNic",
                subnet_id="subnet-1",
                port_id="port-1",
                ip_address="192.168.0.10",
                ipv6_enable=True,
                ipv6_bandwidth=model(kind, "ServerIpv6Bandwidth", id="bw-v6"),
                allowed_address_pairs=[
                    m.CreateServerNicAllowedAddressPairs(
                        ip_address="10.0.0.0/24", mac_address="fa:16:3e:00:00:01"
                    )
                ],
                efi_enable=False,
            )
        ],
        root_volume=model(
            kind,
            "ServerRootVolume",
            volumetype="GPSSD2",
            size=40,
            iops=3000,
            throughput=125,
            **volume_extras(kind, "ServerRootVolume")
        ),
        auto_terminate_time="2030-01-19T03:30:52Z",
        user_data="IyEvYmluL2Jhc2gKZWNobyBoaQo=",
        admin_pass="Passw0rd!",
        key_name="kp-1",
        publicip=model(
            kind,
            "ServerPublicip",
            id="eip-1",
            eip=model(
                kind,
                "ServerEip",
                iptype="5_bgp",
                bandwidth=model(
                    kind,
                    "ServerEipBandwidth",
                    size=10,
                    sharetype="PER",
                    chargemode="traffic",
                    id="bw-1",
                ),
                extendparam=model(kind, "ServerEipExtendParam", charging_mode="prePaid"),
            ),
            delete_on_termination=True,
        ),
        count=2,
        is_auto_rename=False,
        data_volumes=[
            model(
                kind,
                "ServerDataVolume",
                volumetype="ESSD",
                size=100,
                iops=5000,
                throughput=250,
                shareable=False,
                multiattach=True,
                data_image_id="data-image-1",
                delete_on_termination=True,
                **volume_extras(kind, "ServerDataVolume")
            )
        ],
        security_groups=[model(kind, "ServerSecurityGroup", id="sg-1")],
        availability_zone="cn-north-4a",
        batch_create_in_multi_az=False,
        extendparam=extendparam,
        metadata={"agency_name": "agency-1", "op_svc_userid": "user-1"},
        osscheduler_hints=model(
            kind,
            "ServerSchedulerHints",
            group="group-1",
            tenancy="dedicated",
            dedicated_host_id="dh-1",
        ),
        tags=["key1.value1", "key2.value2"],
        server_tags=[model(kind, "ServerTag", key="env", value="prod")],
        description=description,
        cpu_options=m.CpuOptions(hwcpu_threads=1),
        security_options=m.SecurityOptions(secure_boot_enabled=True, tpm_enabled=False),
        serial_console_options=m.SerialConsoleOptions(enabled=True),
        metadata_options=m.UpdateServerMetadataOptionsRequestBody(
            http_endpoint="enabled", http_tokens="required"
        ),
        enclave_options=m.EnclaveOptions(enabled=False),
    )


def prepaid_extendparam():
    return ecs().PrePaidServerExtendParam(
        charging_mode="prePaid",
        region_id="cn-north-4",
        period_type="month",
        period_num=3,
        is_auto_renew="true",
        is_auto_pay="false",
        enterprise_project_id="0",
        support_auto_recovery=True,
        market_type="spot",
        spot_price="0.25",
        disk_prior="true",
        spot_duration_hours=6,
        interruption_policy="immediate",
        cb_csbs_backup='{"policy_id": "p-1", "vault_id": "v-1"}',
        spot_duration_count=2,
    )


def postpaid_extendparam():
    return ecs().PostPaidServerExtendParam(
        charging_mode=0,
        region_id="cn-north-4",
        support_auto_recovery=True,
        enterprise_project_id="0",
        market_type="spot",
        spot_price="0.25",
        disk_prior="true",
        spot_duration_hours=6,
        interruption_policy="immediate",
        spot_duration_count=2,
        cb_csbs_backup='{"policy_id": "p-1", "vault_id": "v-1"}',
    )


def required_server(kind, name="web-01"):
    """Only what spec/ecs.yaml requires, plus the NIC's subnet, which the API needs though
    neither schema requires it, and the root volume type."""
    return model(
        kind,
        "Server",
        image_ref="image-1",
        flavor_ref="s6.small.1",
        name=name,
        vpcid="vpc-1",
        nics=[model(kind, "ServerNic", subnet_id="subnet-1")],
        root_volume=model(kind, "ServerRootVolume", volumetype="SSD"),
    )


# --- cloud_servers (native v1 / v1.1) -------------------------------------------------------


@case("cloud_servers.list_details/all")
def _(client):
    client.list_servers_details(
        full(
            ecs().ListServersDetailsRequest(
                enterprise_project_id="all_granted_eps",
                flavor="s6.small.1",
                ip="192.168.0.",
                limit=50,
                name="web 01 & é+",
                not_tags="__type_baremetal",
                offset=2,
                reservation_id="r-0123",
                status="ACTIVE",
                tags="env.prod",
                ip_eq="192.168.0.10",
                server_id=SERVER_ID + "," + OTHER_SERVER_ID,
                marker=SERVER_ID,
            )
        )
    )


@case("cloud_servers.list_details/required")
def _(client):
    client.list_servers_details(ecs().ListServersDetailsRequest())


@case("cloud_servers.list_details/per_call_query")
def _(client):
    # Our client adds `tags` twice more with the call's `.query()`; the SDK has no per-call
    # query, so its generic call_api sends the three pairs.
    client.call_api(
        resource_path="/v1/{project_id}/cloudservers/detail",
        method="GET",
        query_params=[("tags", "aZ"), ("tags", "a["), ("tags", "é")],
        header_params={"Content-Type": "application/json"},
        response_type="ListServersDetailsResponse",
    )


@case("cloud_servers.list/all")
def _(client):
    client.list_cloud_servers(
        full(
            ecs().ListCloudServersRequest(
                id=SERVER_ID,
                name=NON_ASCII_NAME,
                status="SHUTOFF",
                in_recycle_bin=True,
                spod_id="spod-1",
                flavor_name="s6.small.1",
                image_id="image-1",
                metadata="key=value",
                metadata_key="key",
                tags="k1.v1",
                not_tags="k2.v2",
                availability_zone="cn-north-4",
                availability_zone_eq="cn-north-4a",
                charging_mode="postPaid",
                key_name="kp-1",
                launched_since="2013-06-09T06:42:18Z",
                enterprise_project_id="0",
                expect_fields=["launched_at", "key_name", "locked"],
                limit=10,
                marker=SERVER_ID,
            )
        )
    )


@case("cloud_servers.list/required")
def _(client):
    client.list_cloud_servers(ecs().ListCloudServersRequest())


@case("cloud_servers.list/repeated_query_order")
def _(client):
    # A list parameter: the SDK's core sends one pair per value ('multi'), though the operation
    # declares the 'csv' collection format for it.
    client.list_cloud_servers(ecs().ListCloudServersRequest(expect_fields=REORDERED))


@case("cloud_servers.list/reserved_query")
def _(client):
    # A query value with the characters that must be escaped in a query: `&`, `=`, `+`, `%`
    # (before `2F`), a space, `/`, `?` and `#`.
    client.list_cloud_servers(ecs().ListCloudServersRequest(name=RESERVED_QUERY))


@case("cloud_servers.get/required")
def _(client):
    client.show_server(ecs().ShowServerRequest(server_id=SERVER_ID))


@case("cloud_servers.get/escaped_id")
def _(client):
    client.show_server(ecs().ShowServerRequest(server_id=ESCAPED_ID))


@case("cloud_servers.create/all")
def _(client):
    m = ecs()
    client.create_servers(
        full(
            m.CreateServersRequest(
                x_client_token=CLIENT_TOKEN,
                body=m.CreateServersRequestBody(
                    dry_run=True,
                    server=every_server_field("PrePaid", prepaid_extendparam()),
                ),
            )
        )
    )


@case("cloud_servers.create/required")
def _(client):
    m = ecs()
    client.create_servers(
        m.CreateServersRequest(
            body=m.CreateServersRequestBody(server=required_server("PrePaid"))
        )
    )


@case("cloud_servers.create/client_token")
def _(client):
    m = ecs()
    client.create_servers(
        m.CreateServersRequest(
            x_client_token=CLIENT_TOKEN,
            body=m.CreateServersRequestBody(server=required_server("PrePaid")),
        )
    )


@case("cloud_servers.create/non_ascii_body")
def _(client):
    m = ecs()
    server = required_server("PrePaid", name=NON_ASCII_NAME)
    server.description = NON_ASCII_TEXT
    server.metadata = {"propriétaire": "équipe 服务器"}
    client.create_servers(
        m.CreateServersRequest(body=m.CreateServersRequestBody(server=server))
    )


@case("cloud_servers.create_post_paid/all")
def _(client):
    m = ecs()
    client.create_post_paid_servers(
        full(
            m.CreatePostPaidServersRequest(
                x_client_token=CLIENT_TOKEN,
                body=m.CreatePostPaidServersRequestBody(
                    dry_run=False,
                    server=every_server_field("PostPaid", postpaid_extendparam()),
                ),
            )
        )
    )


@case("cloud_servers.create_post_paid/required")
def _(client):
    m = ecs()
    client.create_post_paid_servers(
        m.CreatePostPaidServersRequest(
            body=m.CreatePostPaidServersRequestBody(server=required_server("PostPaid"))
        )
    )


@case("cloud_servers.delete/all")
def _(client):
    m = ecs()
    client.delete_servers(
        full(
            m.DeleteServersRequest(
                body=m.DeleteServersRequestBody(
                    servers=servers(SERVER_ID, OTHER_SERVER_ID),
                    delete_publicip=False,
                    delete_volume=True,
                )
            )
        )
    )


@case("cloud_servers.delete/required")
def _(client):
    m = ecs()
    client.delete_servers(
        m.DeleteServersRequest(body=m.DeleteServersRequestBody(servers=servers(SERVER_ID)))
    )


@case("cloud_servers.batch_start/required")
def _(client):
    m = ecs()
    client.batch_start_servers(
        full(
            m.BatchStartServersRequest(
                body=m.BatchStartServersRequestBody(
                    os_start=m.BatchStartServersOption(servers=servers(SERVER_ID, OTHER_SERVER_ID))
                )
            )
        )
    )


@case("cloud_servers.batch_stop/all")
def _(client):
    m = ecs()
    client.batch_stop_servers(
        full(
            m.BatchStopServersRequest(
                body=m.BatchStopServersRequestBody(
                    os_stop=m.BatchStopServersOption(servers=servers(SERVER_ID), type="HARD")
                )
            )
        )
    )


@case("cloud_servers.batch_stop/required")
def _(client):
    m = ecs()
    client.batch_stop_servers(
        m.BatchStopServersRequest(
            body=m.BatchStopServersRequestBody(
                os_stop=m.BatchStopServersOption(servers=servers(SERVER_ID))
            )
        )
    )


@case("cloud_servers.batch_reboot/required")
def _(client):
    m = ecs()
    client.batch_reboot_servers(
        full(
            m.BatchRebootServersRequest(
                body=m.BatchRebootServersRequestBody(
                    reboot=m.BatchRebootSeversOption(servers=servers(SERVER_ID), type="SOFT")
                )
            )
        )
    )


@case("cloud_servers.batch_reboot/per_call_content_type")
def _(client):
    # Our client sets the SDK's Content-Type with the call's `.header()`; the test checks that
    # it is the one sent (a per-call header replaces the client's own).
    m = ecs()
    client.batch_reboot_servers(
        m.BatchRebootServersRequest(
            body=m.BatchRebootServersRequestBody(
                reboot=m.BatchRebootSeversOption(servers=servers(SERVER_ID), type="HARD")
            )
        )
    )


# --- servers (Nova v2.1) ------------------------------------------------------------------


def nova_action(client, server_id, body):
    client.call_api(
        resource_path="/v2.1/{project_id}/servers/{server_id}/action",
        method="POST",
        path_params={"server_id": server_id},
        header_params={"Content-Type": json_content_type()},
        body=body,
        # The answer model of the SDK's other operation on this path: 202, no body.
        response_type="NovaAssociateSecurityGroupResponse",
    )


@case("servers.reboot/required")
def _(client):
    nova_action(client, SERVER_ID, {"reboot": {"type": "HARD"}})


@case("servers.reboot/escaped_id")
def _(client):
    nova_action(client, ESCAPED_ID, {"reboot": {"type": "SOFT"}})


@case("servers.start/required")
def _(client):
    # Huawei's documentation: `{"os-start": {}}`.
    nova_action(client, SERVER_ID, {"os-start": {}})


@case("servers.stop/all")
def _(client):
    nova_action(client, SERVER_ID, {"os-stop": {"type": "HARD"}})


@case("servers.stop/required")
def _(client):
    nova_action(client, SERVER_ID, {"os-stop": {}})


@case("servers.delete/required")
def _(client):
    client.nova_delete_server(ecs().NovaDeleteServerRequest(server_id=SERVER_ID))


@case("servers.delete/escaped_id")
def _(client):
    client.nova_delete_server(ecs().NovaDeleteServerRequest(server_id=ESCAPED_ID))


@case("servers.get/required")
def _(client):
    client.nova_show_server(ecs().NovaShowServerRequest(server_id=SERVER_ID))


@case("servers.get/microversion_header")
def _(client):
    # The SDK declares OpenStack-API-Version on this operation; spec/ecs.yaml does not (its doc
    # says to send it with the call's `.header()`, which our side does).
    client.nova_show_server(
        full(
            ecs().NovaShowServerRequest(
                server_id=SERVER_ID, open_stack_api_version=MICROVERSION
            )
        )
    )


# Every filter the two Nova lists share (the list without details adds `host`).
NOVA_LIST_FILTERS = dict(
    changes_since="2025-01-01T00:00:00Z",
    flavor="s6.small.1",
    image="image-1",
    ip="192.168.0.",
    limit=50,
    marker=SERVER_ID,
    name="web 01",
    not_tags="k2",
    reservation_id="r-0123",
    sort_key="display_name",
    status="ACTIVE",
    tags="k1",
    open_stack_api_version=MICROVERSION,
)


@case("servers.list_details/all")
def _(client):
    client.nova_list_servers_details(
        full(ecs().NovaListServersDetailsRequest(**NOVA_LIST_FILTERS))
    )


@case("servers.list_details/required")
def _(client):
    client.nova_list_servers_details(ecs().NovaListServersDetailsRequest())


# --- server groups --------------------------------------------------------------------------

SERVER_GROUP_ID = "3d5e3a4d-2f1b-4a8e-9c5d-1e2f3a4b5c6d"


@case("server_groups.create/required")
def _(client):
    client.create_server_group(
        ecs().CreateServerGroupRequest(
            body=ecs().CreateServerGroupRequestBody(
                server_group=ecs().CreateServerGroupOption(
                    name=NON_ASCII_NAME, policies=["anti-affinity"]
                )
            )
        )
    )


@case("server_groups.list/all")
def _(client):
    client.list_server_groups(ecs().ListServerGroupsRequest(limit=20, marker=SERVER_GROUP_ID))


@case("server_groups.list/required")
def _(client):
    client.list_server_groups(ecs().ListServerGroupsRequest())


@case("server_groups.get/required")
def _(client):
    client.show_server_group(ecs().ShowServerGroupRequest(server_group_id=SERVER_GROUP_ID))


@case("server_groups.get/escaped_id")
def _(client):
    client.show_server_group(ecs().ShowServerGroupRequest(server_group_id=ESCAPED_ID))


@case("server_groups.delete/required")
def _(client):
    client.delete_server_group(ecs().DeleteServerGroupRequest(server_group_id=SERVER_GROUP_ID))


@case("server_groups.add_member/required")
def _(client):
    client.add_server_group_member(
        ecs().AddServerGroupMemberRequest(
            server_group_id=SERVER_GROUP_ID,
            body=ecs().AddServerGroupMemberRequestBody(
                add_member=ecs().ServerGroupMember(instance_uuid=SERVER_ID)
            ),
        )
    )


@case("server_groups.remove_member/required")
def _(client):
    client.delete_server_group_member(
        ecs().DeleteServerGroupMemberRequest(
            server_group_id=SERVER_GROUP_ID,
            body=ecs().DeleteServerGroupMemberRequestBody(
                remove_member=ecs().ServerGroupMember(instance_uuid=SERVER_ID)
            ),
        )
    )


@case("server_groups.add_members/required")
def _(client):
    client.batch_add_server_group_member(
        ecs().BatchAddServerGroupMemberRequest(
            server_group_id=SERVER_GROUP_ID,
            body=ecs().BatchAddServerGroupMemberReq(server_ids=[SERVER_ID, OTHER_SERVER_ID]),
        )
    )


@case("server_groups.remove_members/required")
def _(client):
    client.batch_delete_server_group_member(
        ecs().BatchDeleteServerGroupMemberRequest(
            server_group_id=SERVER_GROUP_ID,
            body=ecs().BatchDeleteServerGroupMemberReq(server_ids=[OTHER_SERVER_ID]),
        )
    )


# --- key pairs (Nova) -----------------------------------------------------------------------

KEYPAIR = "deploy-key"
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKexample deploy@example"


@case("keypairs.create/all")
def _(client):
    client.nova_create_keypair(
        ecs().NovaCreateKeypairRequest(
            open_stack_api_version=MICROVERSION,
            body=ecs().NovaCreateKeypairRequestBody(
                keypair=ecs().NovaCreateKeypairOption(
                    name=NON_ASCII_NAME, public_key=PUBLIC_KEY, type="ssh", user_id="u-1"
                )
            ),
        )
    )


@case("keypairs.create/required")
def _(client):
    client.nova_create_keypair(
        ecs().NovaCreateKeypairRequest(
            body=ecs().NovaCreateKeypairRequestBody(
                keypair=ecs().NovaCreateKeypairOption(name=KEYPAIR)
            )
        )
    )


@case("keypairs.list/all")
def _(client):
    client.nova_list_keypairs(
        ecs().NovaListKeypairsRequest(limit=10, marker=KEYPAIR, open_stack_api_version=MICROVERSION)
    )


@case("keypairs.list/required")
def _(client):
    client.nova_list_keypairs(ecs().NovaListKeypairsRequest())


@case("keypairs.get/all")
def _(client):
    client.nova_show_keypair(
        ecs().NovaShowKeypairRequest(keypair_name=KEYPAIR, open_stack_api_version=MICROVERSION)
    )


@case("keypairs.get/required")
def _(client):
    client.nova_show_keypair(ecs().NovaShowKeypairRequest(keypair_name=KEYPAIR))


@case("keypairs.get/escaped_id")
def _(client):
    client.nova_show_keypair(ecs().NovaShowKeypairRequest(keypair_name=ESCAPED_ID))


@case("keypairs.delete/required")
def _(client):
    client.nova_delete_keypair(ecs().NovaDeleteKeypairRequest(keypair_name=NON_ASCII_NAME))


# --- flavors --------------------------------------------------------------------------------

FLAVOR = "s6.small.1"


@case("flavors.list/all")
def _(client):
    client.list_flavors(
        ecs().ListFlavorsRequest(
            availability_zone="cn-north-4a", flavor_id=FLAVOR, limit=100, marker="c6.large.2"
        )
    )


@case("flavors.list/required")
def _(client):
    client.list_flavors(ecs().ListFlavorsRequest())


@case("flavors.list_for_resize/all")
def _(client):
    client.list_resize_flavors(
        ecs().ListResizeFlavorsRequest(
            instance_uuid=SERVER_ID,
            limit=50,
            marker="c6.large.2",
            sort_dir="desc",
            sort_key="memory_mb",
            source_flavor_id=FLAVOR,
            source_flavor_name=NON_ASCII_NAME,
        )
    )


@case("flavors.list_for_resize/required")
def _(client):
    client.list_resize_flavors(ecs().ListResizeFlavorsRequest())


@case("flavors.extra_specs/required")
def _(client):
    client.nova_show_flavor_extra_specs(ecs().NovaShowFlavorExtraSpecsRequest(flavor_id=FLAVOR))


@case("flavors.extra_specs/escaped_id")
def _(client):
    client.nova_show_flavor_extra_specs(
        ecs().NovaShowFlavorExtraSpecsRequest(flavor_id=ESCAPED_ID)
    )


@case("flavors.capacity/all")
def _(client):
    client.show_flavor_capacity(
        ecs().ShowFlavorCapacityRequest(flavor_id=FLAVOR, count="3", region_ids="cn-north-4,cn-east-3")
    )


@case("flavors.capacity/required")
def _(client):
    client.show_flavor_capacity(ecs().ShowFlavorCapacityRequest(flavor_id=FLAVOR))


@case("flavors.sell_policies/all")
def _(client):
    client.list_flavor_sell_policies(
        ecs().ListFlavorSellPoliciesRequest(
            flavor_id=FLAVOR,
            sell_status="available",
            sell_mode="spot",
            availability_zone_id="cn-north-4a",
            longest_spot_duration_hours_gt=1,
            largest_spot_duration_count_gt=2,
            longest_spot_duration_hours=3,
            largest_spot_duration_count=4,
            interruption_policy="immediate",
            limit=10,
            marker="17",
        )
    )


@case("flavors.sell_policies/required")
def _(client):
    client.list_flavor_sell_policies(ecs().ListFlavorSellPoliciesRequest())


# --- passwords and consoles ------------------------------------------------------------------


@case("server_passwords.get/required")
def _(client):
    client.show_server_password(ecs().ShowServerPasswordRequest(server_id=SERVER_ID))


@case("server_passwords.get/escaped_id")
def _(client):
    client.show_server_password(ecs().ShowServerPasswordRequest(server_id=ESCAPED_ID))


@case("server_passwords.clear/required")
def _(client):
    client.delete_server_password(ecs().DeleteServerPasswordRequest(server_id=SERVER_ID))


@case("server_passwords.reset_supported/required")
def _(client):
    client.show_reset_password_flag(ecs().ShowResetPasswordFlagRequest(server_id=SERVER_ID))


@case("server_passwords.reset/all")
def _(client):
    client.reset_server_password(
        ecs().ResetServerPasswordRequest(
            server_id=SERVER_ID,
            body=ecs().ResetServerPasswordRequestBody(
                reset_password=ecs().ResetServerPasswordOption(
                    new_password=NON_ASCII_TEXT, is_check_password=False
                )
            ),
        )
    )


@case("server_passwords.reset/required")
def _(client):
    client.reset_server_password(
        ecs().ResetServerPasswordRequest(
            server_id=SERVER_ID,
            body=ecs().ResetServerPasswordRequestBody(
                reset_password=ecs().ResetServerPasswordOption(new_password="Pa55word!")
            ),
        )
    )


@case("server_passwords.reset_many/all")
def _(client):
    client.batch_reset_servers_password(
        ecs().BatchResetServersPasswordRequest(
            body=ecs().BatchResetServersPasswordRequestBody(
                new_password="Pa55word!", dry_run=True, servers=servers(SERVER_ID, OTHER_SERVER_ID)
            )
        )
    )


@case("server_passwords.reset_many/required")
def _(client):
    client.batch_reset_servers_password(
        ecs().BatchResetServersPasswordRequest(
            body=ecs().BatchResetServersPasswordRequestBody(
                new_password="Pa55word!", servers=servers(SERVER_ID)
            )
        )
    )


@case("server_consoles.remote/required")
def _(client):
    client.show_server_remote_console(
        ecs().ShowServerRemoteConsoleRequest(
            server_id=SERVER_ID,
            body=ecs().ShowServerRemoteConsoleRequestBody(
                remote_console=ecs().GetServerRemoteConsoleOption(protocol="vnc", type="novnc")
            ),
        )
    )


# --- availability zones and limits ----------------------------------------------------------


@case("availability_zones.list/required")
def _(client):
    client.list_server_az_info(ecs().ListServerAzInfoRequest())


@case("availability_zones.list_nova/required")
def _(client):
    client.nova_list_availability_zones(ecs().NovaListAvailabilityZonesRequest())


@case("limits.get/required")
def _(client):
    client.show_server_limits(ecs().ShowServerLimitsRequest())


# --- recycle bin ----------------------------------------------------------------------------


@case("recycle_bin.get/required")
def _(client):
    client.show_recycle_bin(ecs().ShowRecycleBinRequest())


@case("recycle_bin.update/required")
def _(client):
    client.update_recycle_bin(
        ecs().UpdateRecycleBinRequest(
            body=ecs().UpdateRecycleBinReq(recycle_bin=ecs().UpdateRecycleBinOption(switch="on"))
        )
    )


@case("recycle_bin.update_policy/all")
def _(client):
    client.update_recycle_bin_policy(
        ecs().UpdateRecycleBinPolicyRequest(
            body=ecs().UpdateRecycleBinPolicyReq(
                policy=ecs().UpdateRecycleBinPolicyOption(retention_hour=48, recycle_threshold_day=7)
            )
        )
    )


@case("recycle_bin.update_policy/required")
def _(client):
    client.update_recycle_bin_policy(
        ecs().UpdateRecycleBinPolicyRequest(
            body=ecs().UpdateRecycleBinPolicyReq(policy=ecs().UpdateRecycleBinPolicyOption())
        )
    )


@case("recycle_bin.list_servers/all")
def _(client):
    client.list_recycle_bin_servers(
        ecs().ListRecycleBinServersRequest(
            all_tenants="True",
            availability_zone="cn-north-4a",
            expect_fields="launched_at,key_name",
            ip_address="192.168.0.10",
            name=NON_ASCII_NAME,
            tags=["k1=v1", "k2=v2"],
            tags_key=["k1", "k2"],
            limit=25,
            offset="1",
            marker=SERVER_ID,
        )
    )


@case("recycle_bin.list_servers/required")
def _(client):
    client.list_recycle_bin_servers(ecs().ListRecycleBinServersRequest())


@case("recycle_bin.delete_server/required")
def _(client):
    client.delete_recycle_bin_server(ecs().DeleteRecycleBinServerRequest(server_id=SERVER_ID))


@case("recycle_bin.restore_server/required")
def _(client):
    client.revert_recycle_bin_server(ecs().RevertRecycleBinServerRequest(server_id=SERVER_ID))


@case("recycle_bin.restore_server/escaped_id")
def _(client):
    client.revert_recycle_bin_server(ecs().RevertRecycleBinServerRequest(server_id=ESCAPED_ID))


# --- server tags ----------------------------------------------------------------------------


@case("server_tags.create/required")
def _(client):
    m = ecs()
    client.batch_create_server_tags(
        m.BatchCreateServerTagsRequest(
            server_id=SERVER_ID,
            body=m.BatchCreateServerTagsRequestBody(
                action="create",
                tags=[
                    m.BatchAddServerTag(key="env", value="prod"),
                    m.BatchAddServerTag(key=NON_ASCII_NAME),
                ],
            ),
        )
    )


@case("server_tags.delete/required")
def _(client):
    m = ecs()
    client.batch_delete_server_tags(
        m.BatchDeleteServerTagsRequest(
            server_id=SERVER_ID,
            body=m.BatchDeleteServerTagsRequestBody(
                action="delete", tags=[m.ServerTag(key="env", value="prod")]
            ),
        )
    )


@case("server_tags.get/required")
def _(client):
    client.show_server_tags(ecs().ShowServerTagsRequest(server_id=SERVER_ID))


@case("server_tags.get/escaped_id")
def _(client):
    client.show_server_tags(ecs().ShowServerTagsRequest(server_id=ESCAPED_ID))


@case("server_tags.list/required")
def _(client):
    client.list_server_tags(ecs().ListServerTagsRequest())


@case("server_tags.list_servers/all")
def _(client):
    m = ecs()
    body = full(
        m.ListServersByTagRequestBody(
            action="filter",
            limit="10",
            offset="20",
            tags=[m.ServerTags(key="env", values=["prod", "test"])],
            not_tags=[m.ServerTags(key="tier", values=["db"])],
            matches=[m.ServerTagMatch(key="resource_name", value=NON_ASCII_NAME)],
        )
    )
    client.list_servers_by_tag(m.ListServersByTagRequest(body=body))


@case("server_tags.list_servers/required")
def _(client):
    m = ecs()
    client.list_servers_by_tag(
        m.ListServersByTagRequest(body=m.ListServersByTagRequestBody(action="count"))
    )


# --- server metadata ------------------------------------------------------------------------


@case("server_metadata.update/required")
def _(client):
    m = ecs()
    client.update_server_metadata(
        m.UpdateServerMetadataRequest(
            server_id=SERVER_ID,
            body=m.UpdateServerMetadataRequestBody(
                metadata={"env": "prod", "propriétaire": NON_ASCII_TEXT}
            ),
        )
    )


@case("server_metadata.delete/required")
def _(client):
    client.delete_server_metadata(ecs().DeleteServerMetadataRequest(key="env", server_id=SERVER_ID))


@case("server_metadata.delete/escaped_id")
def _(client):
    client.delete_server_metadata(
        ecs().DeleteServerMetadataRequest(key=ESCAPED_ID, server_id=ESCAPED_ID)
    )


@case("server_metadata.get_options/required")
def _(client):
    client.show_metadata_options(ecs().ShowMetadataOptionsRequest(server_id=SERVER_ID))


@case("server_metadata.update_options/all")
def _(client):
    m = ecs()
    client.update_metadata_options(
        m.UpdateMetadataOptionsRequest(
            server_id=SERVER_ID,
            body=full(
                m.UpdateServerMetadataOptionsRequestBody(
                    http_endpoint="enabled", http_tokens="required"
                )
            ),
        )
    )


@case("server_metadata.update_options/required")
def _(client):
    m = ecs()
    client.update_metadata_options(
        m.UpdateMetadataOptionsRequest(
            server_id=SERVER_ID, body=m.UpdateServerMetadataOptionsRequestBody()
        )
    )


# --- volumes attached to ECSs ---------------------------------------------------------------

VOLUME_ID = "a3c2c4c8-6b0f-4a6e-8d1b-5f2e9c7d1a20"


@case("server_volumes.attach/all")
def _(client):
    client.attach_server_volume(
        ecs().AttachServerVolumeRequest(
            server_id=SERVER_ID,
            body=ecs().AttachServerVolumeRequestBody(
                volume_attachment=ecs().AttachServerVolumeOption(
                    volume_id=VOLUME_ID,
                    device="/dev/sdb",
                    volume_type="SSD",
                    count=1,
                    hwpassthrough="true",
                ),
                dry_run=False,
            ),
        )
    )


@case("server_volumes.attach/required")
def _(client):
    client.attach_server_volume(
        ecs().AttachServerVolumeRequest(
            server_id=SERVER_ID,
            body=ecs().AttachServerVolumeRequestBody(
                volume_attachment=ecs().AttachServerVolumeOption(volume_id=VOLUME_ID)
            ),
        )
    )


@case("server_volumes.detach/all")
def _(client):
    client.detach_server_volume(
        ecs().DetachServerVolumeRequest(server_id=SERVER_ID, volume_id=VOLUME_ID, delete_flag="1")
    )


@case("server_volumes.detach/required")
def _(client):
    client.detach_server_volume(
        ecs().DetachServerVolumeRequest(server_id=SERVER_ID, volume_id=VOLUME_ID)
    )


@case("server_volumes.detach/escaped_id")
def _(client):
    client.detach_server_volume(
        ecs().DetachServerVolumeRequest(server_id=ESCAPED_ID, volume_id=ESCAPED_ID)
    )


@case("server_volumes.list/required")
def _(client):
    client.list_server_volume_attachments(
        ecs().ListServerVolumeAttachmentsRequest(server_id=SERVER_ID)
    )


@case("server_volumes.quota/required")
def _(client):
    client.show_appendable_volume_quota(ecs().ShowAppendableVolumeQuotaRequest(server_id=SERVER_ID))


@case("server_volumes.list_block_devices/required")
def _(client):
    client.list_server_block_devices(ecs().ListServerBlockDevicesRequest(server_id=SERVER_ID))


@case("server_volumes.block_device/required")
def _(client):
    client.show_server_block_device(
        ecs().ShowServerBlockDeviceRequest(server_id=SERVER_ID, volume_id=VOLUME_ID)
    )


@case("server_volumes.update_block_device/required")
def _(client):
    client.update_server_block_device(
        ecs().UpdateServerBlockDeviceRequest(
            server_id=SERVER_ID,
            volume_id=VOLUME_ID,
            body=ecs().UpdateServerBlockDeviceReq(
                block_device=ecs().UpdateServerBlockDeviceOption(delete_on_termination=True)
            ),
        )
    )


@case("shared_volumes.attach/required")
def _(client):
    client.batch_attach_sharable_volumes(
        ecs().BatchAttachSharableVolumesRequest(
            volume_id=VOLUME_ID,
            body=ecs().BatchAttachSharableVolumesRequestBody(
                serverinfo=[
                    ecs().BatchAttachSharableVolumesOption(server_id=SERVER_ID, device="/dev/sdc"),
                    ecs().BatchAttachSharableVolumesOption(server_id=OTHER_SERVER_ID),
                ]
            ),
        )
    )


@case("shared_volumes.detach/required")
def _(client):
    client.batch_detach_volumes(
        ecs().BatchDetachVolumesRequest(
            volume_id=VOLUME_ID,
            body=ecs().VolumeBatchDetachRequest(serverinfo=[SERVER_ID, OTHER_SERVER_ID]),
        )
    )


# --- changing ECSs --------------------------------------------------------------------------


@case("cloud_servers.update/all")
def _(client):
    client.update_server(
        ecs().UpdateServerRequest(
            server_id=SERVER_ID,
            body=ecs().UpdateServerRequestBody(
                server=ecs().UpdateServerOption(
                    name=NON_ASCII_NAME,
                    description=NON_ASCII_TEXT,
                    hostname="web-01",
                    user_data="IyEvYmluL2Jhc2gK",
                    security_options=ecs().SecurityOptions(
                        secure_boot_enabled=True, tpm_enabled=False
                    ),
                )
            ),
        )
    )


@case("cloud_servers.update/required")
def _(client):
    client.update_server(
        ecs().UpdateServerRequest(
            server_id=SERVER_ID,
            body=ecs().UpdateServerRequestBody(server=ecs().UpdateServerOption()),
        )
    )


@case("cloud_servers.rename_many/all")
def _(client):
    client.batch_update_servers_name(
        ecs().BatchUpdateServersNameRequest(
            body=ecs().BatchUpdateServersNameRequestBody(
                name="web", dry_run=True, servers=servers(SERVER_ID, OTHER_SERVER_ID)
            )
        )
    )


@case("cloud_servers.rename_many/required")
def _(client):
    client.batch_update_servers_name(
        ecs().BatchUpdateServersNameRequest(
            body=ecs().BatchUpdateServersNameRequestBody(name="web", servers=servers(SERVER_ID))
        )
    )


@case("cloud_servers.migrate/all")
def _(client):
    client.migrate_server(
        ecs().MigrateServerRequest(
            server_id=SERVER_ID,
            body=ecs().MigrateServerRequestBody(
                migrate=ecs().MigrateServerOption(dedicated_host_id="dh-1")
            ),
        )
    )


@case("cloud_servers.migrate/required")
def _(client):
    client.migrate_server(
        ecs().MigrateServerRequest(
            server_id=SERVER_ID,
            body=ecs().MigrateServerRequestBody(migrate=ecs().MigrateServerOption()),
        )
    )


@case("cloud_servers.update_auto_terminate_time/required")
def _(client):
    client.update_server_auto_terminate_time(
        ecs().UpdateServerAutoTerminateTimeRequest(
            server_id=SERVER_ID,
            body=ecs().UpdateServerAutoTerminateTimeRequestBody(
                auto_terminate_time="2030-09-25T12:05:00Z"
            ),
        )
    )


@case("cloud_servers.trigger_crash_dump/required")
def _(client):
    client.execute_server_dump(ecs().ExecuteServerDumpRequest(server_id=SERVER_ID))


@case("cloud_servers.redeploy/required")
def _(client):
    client.execute_server_redeploy(ecs().ExecuteServerRedeployRequest(server_id=SERVER_ID))


@case("cloud_servers.redeploy/escaped_id")
def _(client):
    client.execute_server_redeploy(ecs().ExecuteServerRedeployRequest(server_id=ESCAPED_ID))


# --- consoles, API versions, monitoring ----------------------------------------------------


@case("server_consoles.serial/required")
def _(client):
    client.show_serial_console_actions(ecs().ShowSerialConsoleActionsRequest(server_id=SERVER_ID))


@case("server_consoles.update_serial_options/required")
def _(client):
    client.update_serial_console_options(
        ecs().UpdateSerialConsoleOptionsRequest(
            server_id=SERVER_ID,
            body=ecs().UpdateSerialConsoleOptionsRequestBody(
                serial_console_options=ecs().UpdateSerialConsoleOptionsOption(enabled=True)
            ),
        )
    )


@case("server_consoles.output/all")
def _(client):
    client.show_server_console_output(
        ecs().ShowServerConsoleOutputRequest(server_id=SERVER_ID, length=50)
    )


@case("server_consoles.output/required")
def _(client):
    client.show_server_console_output(ecs().ShowServerConsoleOutputRequest(server_id=SERVER_ID))


@case("api_versions.list/required")
def _(client):
    client.nova_list_versions(ecs().NovaListVersionsRequest())


@case("api_versions.get/required")
def _(client):
    client.nova_show_version(ecs().NovaShowVersionRequest(api_version="v2.1"))


@case("server_monitoring.register/required")
def _(client):
    client.register_server_monitor(
        ecs().RegisterServerMonitorRequest(
            server_id=SERVER_ID,
            body=ecs().RegisterServerMonitorRequestBody(monitor_metrics=""),
        )
    )


# --- scheduled events -----------------------------------------------------------------------

EVENT_ID = "0ce2ffa7-ab60-4f34-8ed6-cd2b62d9d8e9"


@case("scheduled_events.list/all")
def _(client):
    client.list_scheduled_events(
        ecs().ListScheduledEventsRequest(
            id=EVENT_ID,
            instance_id=[SERVER_ID, OTHER_SERVER_ID],
            type=["instance_redeploy", "localdisk_recovery"],
            state=["inquiring"],
            publish_since="2025-01-01T00:00:00Z",
            publish_until="2025-02-01T00:00:00Z",
            limit=20,
            marker=EVENT_ID,
        )
    )


@case("scheduled_events.list/required")
def _(client):
    client.list_scheduled_events(ecs().ListScheduledEventsRequest())


@case("scheduled_events.update/required")
def _(client):
    client.update_scheduled_event(
        ecs().UpdateScheduledEventRequest(
            id=EVENT_ID, body=ecs().ScheduledEventUpdateBody(not_before="2030-01-01T00:00:00Z")
        )
    )


@case("scheduled_events.accept/all")
def _(client):
    client.accept_scheduled_event(
        ecs().AcceptScheduledEventRequest(
            id=EVENT_ID, body=ecs().ScheduledEventAcceptBody(not_before="2030-01-01T00:00:00Z")
        )
    )


@case("scheduled_events.accept/required")
def _(client):
    client.accept_scheduled_event(
        ecs().AcceptScheduledEventRequest(id=EVENT_ID, body=ecs().ScheduledEventAcceptBody())
    )


# --- resizing and billing -------------------------------------------------------------------


@case("server_resize.resize/all")
def _(client):
    client.resize_server(
        ecs().ResizeServerRequest(
            server_id=SERVER_ID,
            body=ecs().ResizeServerRequestBody(
                resize=ecs().ResizePrePaidServerOption(
                    flavor_ref="c6.large.2",
                    dedicated_host_id="dh-1",
                    extendparam=ecs().ResizeServerExtendParam(is_auto_pay="true"),
                    mode="withStopServer",
                    cpu_options=ecs().CpuOptions(hwcpu_threads=1),
                ),
                dry_run=False,
            ),
        )
    )


@case("server_resize.resize/required")
def _(client):
    client.resize_server(
        ecs().ResizeServerRequest(
            server_id=SERVER_ID,
            body=ecs().ResizeServerRequestBody(
                resize=ecs().ResizePrePaidServerOption(flavor_ref="c6.large.2")
            ),
        )
    )


@case("server_resize.resize_post_paid/all")
def _(client):
    client.resize_post_paid_server(
        ecs().ResizePostPaidServerRequest(
            server_id=SERVER_ID,
            body=ecs().ResizePostPaidServerRequestBody(
                resize=ecs().ResizePostPaidServerOption(
                    flavor_ref="c6.large.2",
                    mode="withStopServer",
                    cpu_options=ecs().CpuOptions(hwcpu_threads=2),
                ),
                dry_run=True,
            ),
        )
    )


@case("server_resize.resize_post_paid/required")
def _(client):
    client.resize_post_paid_server(
        ecs().ResizePostPaidServerRequest(
            server_id=SERVER_ID,
            body=ecs().ResizePostPaidServerRequestBody(
                resize=ecs().ResizePostPaidServerOption(flavor_ref="c6.large.2")
            ),
        )
    )


@case("server_resize.resize_many/all")
def _(client):
    client.batch_resize_servers(
        ecs().BatchResizeServersRequest(
            body=ecs().BatchResizeServersReq(
                resize=ecs().BatchResizeServersOption(
                    flavor_ref="c6.large.2",
                    servers=servers(SERVER_ID, OTHER_SERVER_ID),
                    cpu_options=ecs().CpuOptions(hwcpu_threads=1),
                    mode="withStopServer",
                    promotion=ecs().Promotion(type="coupon", id="p-1"),
                )
            )
        )
    )


@case("server_resize.resize_many/required")
def _(client):
    client.batch_resize_servers(
        ecs().BatchResizeServersRequest(
            body=ecs().BatchResizeServersReq(
                resize=ecs().BatchResizeServersOption(
                    flavor_ref="c6.large.2", servers=servers(SERVER_ID)
                )
            )
        )
    )


@case("server_billing.change_charge_mode/all")
def _(client):
    client.change_server_charge_mode(
        ecs().ChangeServerChargeModeRequest(
            body=ecs().ChangeServerChargeModeRequestBody(
                server_ids=[SERVER_ID],
                charge_mode="prePaid",
                prepaid_options=ecs().ChangeServerChargeModePrepaidOption(
                    include_data_disks=True,
                    include_publicips=False,
                    period_type="month",
                    period_num="3",
                    auto_pay=True,
                    auto_renew=False,
                ),
                dry_run=True,
            )
        )
    )


@case("server_billing.change_charge_mode/required")
def _(client):
    client.change_server_charge_mode(
        ecs().ChangeServerChargeModeRequest(
            body=ecs().ChangeServerChargeModeRequestBody(
                server_ids=[SERVER_ID, OTHER_SERVER_ID], charge_mode="prePaid"
            )
        )
    )


# --- server NICs ----------------------------------------------------------------------------

PORT_ID = "5e9b7c2a-8f3d-4b1e-a6c4-2d7f0e9a1b3c"
SUBNET_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
SECURITY_GROUP_ID = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"


@case("server_nics.add/required")
def _(client):
    m = ecs()
    client.batch_add_server_nics(
        m.BatchAddServerNicsRequest(
            server_id=SERVER_ID,
            body=m.BatchAddServerNicsRequestBody(
                nics=[
                    full(
                        m.BatchAddServerNicOption(
                            subnet_id=SUBNET_ID,
                            port_id=PORT_ID,
                            security_groups=[m.ServerNicSecurityGroup(id=SECURITY_GROUP_ID)],
                            ip_address="192.168.0.20",
                            ipv6_enable=True,
                            ipv6_bandwidth=m.Ipv6Bandwidth(id="bw-1"),
                            efi_enable=False,
                        )
                    ),
                    m.BatchAddServerNicOption(subnet_id=SUBNET_ID),
                ]
            ),
        )
    )


@case("server_nics.delete/required")
def _(client):
    m = ecs()
    client.batch_delete_server_nics(
        m.BatchDeleteServerNicsRequest(
            server_id=SERVER_ID,
            body=m.BatchDeleteServerNicsRequestBody(nics=[m.BatchDeleteServerNicOption(id=PORT_ID)]),
        )
    )


@case("server_nics.list/required")
def _(client):
    client.list_server_interfaces(ecs().ListServerInterfacesRequest(server_id=SERVER_ID))


@case("server_nics.list/escaped_id")
def _(client):
    client.list_server_interfaces(ecs().ListServerInterfacesRequest(server_id=ESCAPED_ID))


@case("server_nics.attachable/required")
def _(client):
    client.show_server_attachable_nic_num(
        ecs().ShowServerAttachableNicNumRequest(server_id=SERVER_ID)
    )


@case("server_nics.update/required")
def _(client):
    m = ecs()
    attachment = full(
        m.InterfaceAttachment(
            fixed_ips=[m.ServerInterfaceFixedIp(ip_address="192.168.0.20", subnet_id=SUBNET_ID)],
            mac_addr="fa:16:3e:00:00:01",
            net_id=SUBNET_ID,
            port_id=PORT_ID,
            port_state="ACTIVE",
            delete_on_termination=True,
            driver_mode="virtio",
            min_rate=100,
            multiqueue_num=4,
            pci_address="0000:00:05.0",
        )
    )
    client.update_server_interface(
        m.UpdateServerInterfaceRequest(
            server_id=SERVER_ID,
            port_id=PORT_ID,
            body=m.UpdateNicInfoRequestBody(interface_attachment=attachment),
        )
    )


@case("server_nics.change_network/all")
def _(client):
    m = ecs()
    client.change_server_network_interface(
        m.ChangeServerNetworkInterfaceRequest(
            server_id=SERVER_ID,
            port_id=PORT_ID,
            body=full(
                m.ChangeServerNetworkInterfaceRequestBody(
                    subnet_id=SUBNET_ID, ip_address="192.168.1.30", ipv6_address="2001:db8::30"
                )
            ),
        )
    )


@case("server_nics.change_network/required")
def _(client):
    m = ecs()
    client.change_server_network_interface(
        m.ChangeServerNetworkInterfaceRequest(
            server_id=SERVER_ID,
            port_id=PORT_ID,
            body=m.ChangeServerNetworkInterfaceRequestBody(),
        )
    )


@case("server_nics.bind_virtual_ip/all")
def _(client):
    m = ecs()
    client.associate_server_virtual_ip(
        m.AssociateServerVirtualIpRequest(
            nic_id=PORT_ID,
            body=m.AssociateServerVirtualIpRequestBody(
                nic=full(
                    m.AssociateServerVirtualIpOption(
                        subnet_id=SUBNET_ID, ip_address="192.168.0.100", reverse_binding=True
                    )
                )
            ),
        )
    )


@case("server_nics.bind_virtual_ip/required")
def _(client):
    m = ecs()
    client.associate_server_virtual_ip(
        m.AssociateServerVirtualIpRequest(
            nic_id=PORT_ID,
            body=m.AssociateServerVirtualIpRequestBody(
                nic=m.AssociateServerVirtualIpOption(subnet_id=SUBNET_ID, ip_address="192.168.0.100")
            ),
        )
    )


@case("server_nics.unbind_virtual_ip/all")
def _(client):
    m = ecs()
    client.disassociate_server_virtual_ip(
        m.DisassociateServerVirtualIpRequest(
            nic_id=PORT_ID,
            body=m.DisassociateServerVirtualIpRequestBody(
                nic=full(
                    m.DisassociateServerVirtualIpOption(
                        subnet_id="", ip_address="", reverse_binding=False
                    )
                )
            ),
        )
    )


@case("server_nics.unbind_virtual_ip/required")
def _(client):
    m = ecs()
    client.disassociate_server_virtual_ip(
        m.DisassociateServerVirtualIpRequest(
            nic_id=PORT_ID,
            body=m.DisassociateServerVirtualIpRequestBody(
                nic=m.DisassociateServerVirtualIpOption(subnet_id="", ip_address="")
            ),
        )
    )


@case("server_nics.attach/all")
def _(client):
    m = ecs()
    client.nova_attach_interface(
        m.NovaAttachInterfaceRequest(
            server_id=SERVER_ID,
            body=m.NovaAttachInterfaceRequestBody(
                interface_attachment=full(
                    m.NovaAttachInterfaceOption(
                        fixed_ips=[m.NovaAttachInterfaceFixedIp(ip_address="192.168.0.40")],
                        net_id=SUBNET_ID,
                        port_id=PORT_ID,
                    )
                )
            ),
        )
    )


@case("server_nics.attach/required")
def _(client):
    m = ecs()
    client.nova_attach_interface(
        m.NovaAttachInterfaceRequest(
            server_id=SERVER_ID,
            body=m.NovaAttachInterfaceRequestBody(
                interface_attachment=m.NovaAttachInterfaceOption()
            ),
        )
    )


@case("server_nics.get_nova/required")
def _(client):
    client.nova_show_server_interface(
        ecs().NovaShowServerInterfaceRequest(server_id=SERVER_ID, port_id=PORT_ID)
    )


@case("server_nics.change_vpc/required")
def _(client):
    m = ecs()
    nic = full(
        m.ChangeVpcNicBody(
            port_id=PORT_ID,
            subnet_id=SUBNET_ID,
            security_groups=[m.ChangeVpcSecurityGroups(id=SECURITY_GROUP_ID)],
            ip_address="10.0.0.8",
        )
    )
    client.change_vpc(
        m.ChangeVpcRequest(
            server_id=SERVER_ID,
            body=m.ChangeVpcRequestBody(vpc_id="vpc-2", nic=nic),
        )
    )


# --- server security groups -----------------------------------------------------------------


@case("server_security_groups.list/required")
def _(client):
    client.nova_list_server_security_groups(
        ecs().NovaListServerSecurityGroupsRequest(server_id=SERVER_ID)
    )


@case("server_security_groups.add/required")
def _(client):
    m = ecs()
    client.nova_associate_security_group(
        m.NovaAssociateSecurityGroupRequest(
            server_id=SERVER_ID,
            body=m.NovaAssociateSecurityGroupRequestBody(
                add_security_group=m.NovaAddSecurityGroupOption(name=NON_ASCII_NAME)
            ),
        )
    )


@case("server_security_groups.add/escaped_id")
def _(client):
    m = ecs()
    client.nova_associate_security_group(
        m.NovaAssociateSecurityGroupRequest(
            server_id=ESCAPED_ID,
            body=m.NovaAssociateSecurityGroupRequestBody(
                add_security_group=m.NovaAddSecurityGroupOption(name="default")
            ),
        )
    )


@case("server_security_groups.remove/required")
def _(client):
    m = ecs()
    client.nova_disassociate_security_group(
        m.NovaDisassociateSecurityGroupRequest(
            server_id=SERVER_ID,
            body=m.NovaDisassociateSecurityGroupRequestBody(
                remove_security_group=m.NovaRemoveSecurityGroupOption(name=SECURITY_GROUP_ID)
            ),
        )
    )


# --- operating systems ----------------------------------------------------------------------

IMAGE_ID = "67f433d8-ed0e-4321-a8a2-a71838539e09"


@case("server_os.change/all")
def _(client):
    m = ecs()
    client.change_server_os_with_cloud_init(
        m.ChangeServerOsWithCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ChangeServerOsWithCloudInitRequestBody(
                os_change=m.ChangeServerOsWithCloudInitOption(
                    imageid=IMAGE_ID,
                    adminpass="Pa55word!",
                    keyname="deploy-key",
                    userid="u-1",
                    mode="withStopServer",
                    is_auto_pay="true",
                    metadata=m.ChangeSeversOsMetadata(
                        system__encrypted="1",
                        system__cmkid="cmk-1",
                        user_data="IyEvYmluL2Jhc2gK",
                        byol="true",
                    ),
                )
            ),
        )
    )


@case("server_os.change/required")
def _(client):
    m = ecs()
    client.change_server_os_with_cloud_init(
        m.ChangeServerOsWithCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ChangeServerOsWithCloudInitRequestBody(
                os_change=m.ChangeServerOsWithCloudInitOption(imageid=IMAGE_ID)
            ),
        )
    )


@case("server_os.change_without_cloud_init/all")
def _(client):
    m = ecs()
    client.change_server_os_without_cloud_init(
        m.ChangeServerOsWithoutCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ChangeServerOsWithoutCloudInitRequestBody(
                os_change=m.ChangeServerOsWithoutCloudInitOption(
                    imageid=IMAGE_ID,
                    adminpass=NON_ASCII_TEXT,
                    keyname="deploy-key",
                    userid="u-1",
                    mode="withStopServer",
                    is_auto_pay="false",
                    metadata=m.ChangeSeversOsMetadataWithoutCloudInitOption(
                        system__encrypted="0", system__cmkid="cmk-1", byol="false"
                    ),
                )
            ),
        )
    )


@case("server_os.change_without_cloud_init/required")
def _(client):
    m = ecs()
    client.change_server_os_without_cloud_init(
        m.ChangeServerOsWithoutCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ChangeServerOsWithoutCloudInitRequestBody(
                os_change=m.ChangeServerOsWithoutCloudInitOption(imageid=IMAGE_ID)
            ),
        )
    )


@case("server_os.reinstall/all")
def _(client):
    m = ecs()
    client.reinstall_server_with_cloud_init(
        m.ReinstallServerWithCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ReinstallServerWithCloudInitRequestBody(
                os_reinstall=m.ReinstallServerWithCloudInitOption(
                    adminpass="Pa55word!",
                    keyname="deploy-key",
                    userid="u-1",
                    mode="withStopServer",
                    metadata=m.ReinstallSeverMetadata(
                        system__encrypted="1",
                        system__cmkid="cmk-1",
                        user_data="IyEvYmluL2Jhc2gK",
                        byol="true",
                    ),
                )
            ),
        )
    )


@case("server_os.reinstall/required")
def _(client):
    m = ecs()
    client.reinstall_server_with_cloud_init(
        m.ReinstallServerWithCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ReinstallServerWithCloudInitRequestBody(
                os_reinstall=m.ReinstallServerWithCloudInitOption()
            ),
        )
    )


@case("server_os.reinstall_without_cloud_init/all")
def _(client):
    m = ecs()
    client.reinstall_server_without_cloud_init(
        m.ReinstallServerWithoutCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ReinstallServerWithoutCloudInitRequestBody(
                os_reinstall=m.ReinstallServerWithoutCloudInitOption(
                    adminpass="Pa55word!",
                    keyname="deploy-key",
                    userid="u-1",
                    mode="withStopServer",
                    metadata=m.ReinstallSeverMetadataWithoutCloudInitOption(
                        system__encrypted="0", system__cmkid="cmk-1", byol="false"
                    ),
                )
            ),
        )
    )


@case("server_os.reinstall_without_cloud_init/required")
def _(client):
    m = ecs()
    client.reinstall_server_without_cloud_init(
        m.ReinstallServerWithoutCloudInitRequest(
            server_id=SERVER_ID,
            body=m.ReinstallServerWithoutCloudInitRequestBody(
                os_reinstall=m.ReinstallServerWithoutCloudInitOption()
            ),
        )
    )


# --- Nova list without details --------------------------------------------------------------


@case("servers.list/all")
def _(client):
    client.nova_list_servers(
        full(ecs().NovaListServersRequest(host="host-1", **NOVA_LIST_FILTERS))
    )


@case("servers.list/required")
def _(client):
    client.nova_list_servers(ecs().NovaListServersRequest())


# --- launch_templates -------------------------------------------------------------------------

LAUNCH_TEMPLATE_ID = "lt-0123456789abcdef"


def every_launch_template_field():
    m = ecs()
    return m.TemplateData(
        flavor_id="s6.small.1",
        name=NON_ASCII_NAME,
        description=NON_ASCII_TEXT,
        availability_zone_id="cn-north-4a",
        enterprise_project_id="0",
        auto_recovery=True,
        os_profile=m.TemplateOsProfile(
            key_name=KEYPAIR,
            user_data="IyEvYmluL2Jhc2g=",
            iam_agency_name="ecs-agency",
            enable_monitoring_service=True,
        ),
        security_group_ids=[SECURITY_GROUP_ID],
        network_interfaces=[
            m.TemplateNetworkInterfaceOption(
                virsubnet_id=SUBNET_ID,
                attachment=m.TemplateNetworkInterfaceAttachmentOption(device_index=0),
            )
        ],
        block_device_mappings=[
            m.TemplateBlockDeviceMappingOption(
                source_id=IMAGE_ID,
                source_type="image",
                encrypted=True,
                cmk_id="cmk-0123",
                volume_type="SSD",
                volume_size=40,
                attachment=m.TemplateBlockDeviceMappingAttachmentOption(
                    boot_index=0, delete_on_termination=True
                ),
            )
        ],
        market_options=m.TemplateMarketOptions(
            market_type="spot",
            spot_options=m.TemplateSpotOptions(
                spot_price=0.25,
                block_duration_minutes=60,
                instance_interruption_behavior="immediate",
            ),
        ),
        internet_access=m.TemplateInternetAccessOption(
            publicip=m.TemplatePublicIpOption(
                publicip_type="5_bgp",
                charging_mode="postPaid",
                bandwidth=m.TemplateBandwidthOption(
                    share_type="PER", size=10, charge_mode="traffic", id="bw-1"
                ),
                delete_on_termination=True,
            )
        ),
        metadata={"owner": "team-a"},
        tag_options=[m.TemplateTagOptions(tags=[m.TemplateTag(key="env", value="prod")])],
    )


@case("launch_templates.create/all")
def _(client):
    m = ecs()
    client.create_launch_template(
        full(
            m.CreateLaunchTemplateRequest(
                body=m.CreateLaunchTemplateRequestBody(
                    launch_template=m.LaunchTemplateOption(
                        name="web",
                        description="web servers",
                        version_description="first",
                        template_data=every_launch_template_field(),
                    ),
                    dry_run=True,
                )
            )
        )
    )


@case("launch_templates.create/required")
def _(client):
    m = ecs()
    client.create_launch_template(
        m.CreateLaunchTemplateRequest(
            body=m.CreateLaunchTemplateRequestBody(
                launch_template=m.LaunchTemplateOption(name="web")
            )
        )
    )


@case("launch_templates.delete/required")
def _(client):
    client.delete_launch_templates(
        ecs().DeleteLaunchTemplatesRequest(launch_template_id=LAUNCH_TEMPLATE_ID)
    )


@case("launch_templates.list/all")
def _(client):
    client.list_templates(
        full(
            ecs().ListTemplatesRequest(
                limit=20,
                marker=LAUNCH_TEMPLATE_ID,
                launch_template_id=[LAUNCH_TEMPLATE_ID, "lt-2"],
                name=REORDERED,
            )
        )
    )


@case("launch_templates.list/required")
def _(client):
    client.list_templates(ecs().ListTemplatesRequest())


@case("launch_templates.list_versions/all")
def _(client):
    client.list_launch_template_versions(
        full(
            ecs().ListLaunchTemplateVersionsRequest(
                limit=20,
                marker="ver-1",
                launch_template_id=LAUNCH_TEMPLATE_ID,
                image_id=IMAGE_ID,
                flavor_id="s6.small.1",
                version=["1", "2"],
            )
        )
    )


@case("launch_templates.list_versions/required")
def _(client):
    client.list_launch_template_versions(ecs().ListLaunchTemplateVersionsRequest())


# --- servers.create (Nova) ------------------------------------------------------------------


@case("servers.create/all")
def _(client):
    m = ecs()
    client.nova_create_servers(
        full(
            m.NovaCreateServersRequest(
                open_stack_api_version=MICROVERSION,
                body=m.NovaCreateServersRequestBody(
                    server=m.NovaCreateServersOption(
                        auto_terminate_time="2030-01-01T00:00:00Z",
                        image_ref=IMAGE_ID,
                        flavor_ref="s6.small.1",
                        name=NON_ASCII_NAME,
                        metadata={"owner": "team-a"},
                        admin_pass="Secret-Passw0rd",
                        block_device_mapping_v2=[
                            m.NovaServerBlockDeviceMapping(
                                source_type="image",
                                destination_type="volume",
                                guest_format="ext4",
                                device_name="/dev/vda",
                                delete_on_termination=True,
                                boot_index="0",
                                uuid=IMAGE_ID,
                                volume_size=40,
                                volume_type="SSD",
                            )
                        ],
                        config_drive="true",
                        security_groups=[m.NovaServerSecurityGroup(name="default")],
                        networks=[
                            m.NovaServerNetwork(port=PORT_ID, uuid=SUBNET_ID, fixed_ip="192.168.0.20")
                        ],
                        key_name=KEYPAIR,
                        user_data="IyEvYmluL2Jhc2g=",
                        availability_zone="cn-north-4a",
                        return_reservation_id=True,
                        min_count=1,
                        max_count=2,
                        os_dc_fdisk_config="AUTO",
                        description=NON_ASCII_TEXT,
                    ),
                    osscheduler_hints=m.NovaCreateServersSchedulerHint(
                        group=SERVER_GROUP_ID,
                        different_host=[OTHER_SERVER_ID],
                        same_host=[SERVER_ID],
                        cidr="192.168.0.0/24",
                        build_near_host_ip="192.168.0.10",
                        tenancy="dedicated",
                        dedicated_host_id="dh-1",
                    ),
                ),
            )
        )
    )


@case("servers.create/required")
def _(client):
    m = ecs()
    client.nova_create_servers(
        m.NovaCreateServersRequest(
            body=m.NovaCreateServersRequestBody(
                server=m.NovaCreateServersOption(
                    flavor_ref="s6.small.1", networks=[m.NovaServerNetwork(uuid=SUBNET_ID)]
                )
            )
        )
    )


# --- jobs -----------------------------------------------------------------------------------


@case("jobs.get/required")
def _(client):
    client.show_job(ecs().ShowJobRequest(job_id=JOB_ID))


@case("jobs.get/escaped_id")
def _(client):
    client.show_job(ecs().ShowJobRequest(job_id=ESCAPED_ID))

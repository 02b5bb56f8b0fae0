"""Drives Huawei Cloud's official Python SDK (huaweicloudsdkcore, huaweicloudsdkecs) for the
wire-conformance test in tests/tests/huawei_conformance.rs.

    python3 huawei_sdk.py calls <endpoint>   makes the logical calls against <endpoint>
    python3 huawei_sdk.py sign               signs the request read as JSON from stdin

`calls` uses AK/SK credentials, the project id and a fixed X-Sdk-Date, so the signatures it
sends can be recomputed. `sign` prints the Authorization the SDK's own signer computes for a
request another client sent: {"method", "host", "path", "query": [[k, v]...],
"headers": {name: value}, "body": text}.
"""

import json
import sys

AK = "AccessKeyExample"
SK = "SecretKeyExample"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
SDK_DATE = "20250101T000000Z"
SERVER_ID = "616fb98f-46ca-475e-917e-2563e5a8cd19"
JOB_ID = "ff80808288d41e1b018990260955686a"


def fix_sdk_date():
    """Makes the SDK's signer stamp every request with SDK_DATE."""
    from datetime import datetime

    import huaweicloudsdkcore.signer.signer as signer

    class FixedDatetime(datetime):
        @classmethod
        def utcnow(cls):
            return datetime.strptime(SDK_DATE, "%Y%m%dT%H%M%SZ")

    signer.datetime = FixedDatetime


def calls(endpoint):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkecs.v2 import (
        BatchRebootServersRequest, BatchRebootServersRequestBody, BatchRebootSeversOption,
        BatchStartServersOption, BatchStartServersRequest, BatchStartServersRequestBody,
        BatchStopServersOption, BatchStopServersRequest, BatchStopServersRequestBody,
        CreatePostPaidServersRequest, CreatePostPaidServersRequestBody, DeleteServersRequest,
        DeleteServersRequestBody, EcsClient, ListServersDetailsRequest, PostPaidServer,
        PostPaidServerNic, PostPaidServerRootVolume, ServerId, ShowJobRequest,
        ShowServerRequest,
    )

    fix_sdk_date()
    client = (
        EcsClient.new_builder()
        .with_credentials(BasicCredentials(AK, SK, PROJECT_ID))
        .with_endpoint(endpoint)
        .build()
    )
    servers = [ServerId(id=SERVER_ID)]
    client.list_servers_details(
        ListServersDetailsRequest(offset=1, limit=25, name="web 01", status="ACTIVE")
    )
    client.show_server(ShowServerRequest(server_id=SERVER_ID))
    server = PostPaidServer(
        image_ref="image-1",
        flavor_ref="s6.small.1",
        name="web-01",
        vpcid="vpc-1",
        nics=[PostPaidServerNic(subnet_id="subnet-1")],
        root_volume=PostPaidServerRootVolume(volumetype="SSD", size=40),
        count=2,
    )
    client.create_post_paid_servers(
        CreatePostPaidServersRequest(body=CreatePostPaidServersRequestBody(server=server))
    )
    client.delete_servers(
        DeleteServersRequest(
            body=DeleteServersRequestBody(servers=servers, delete_publicip=False, delete_volume=True)
        )
    )
    client.batch_start_servers(
        BatchStartServersRequest(
            body=BatchStartServersRequestBody(os_start=BatchStartServersOption(servers=servers))
        )
    )
    client.batch_stop_servers(
        BatchStopServersRequest(
            body=BatchStopServersRequestBody(
                os_stop=BatchStopServersOption(servers=servers, type="HARD")
            )
        )
    )
    client.batch_reboot_servers(
        BatchRebootServersRequest(
            body=BatchRebootServersRequestBody(
                reboot=BatchRebootSeversOption(servers=servers, type="SOFT")
            )
        )
    )
    client.show_job(ShowJobRequest(job_id=JOB_ID))


def sign():
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    captured = json.load(sys.stdin)
    request = SdkRequest(
        method=captured["method"],
        schema="http",
        host=captured["host"],
        resource_path=captured["path"],
        query_params=[tuple(pair) for pair in captured["query"]],
        header_params=dict(captured["headers"]),
        body=captured["body"].encode("utf-8"),
    )
    Signer(BasicCredentials(AK, SK, PROJECT_ID)).sign(request)
    print(request.header_params["Authorization"])


if __name__ == "__main__":
    if sys.argv[1:2] == ["calls"]:
        calls(sys.argv[2])
    elif sys.argv[1:2] == ["sign"]:
        sign()
    else:
        sys.exit(__doc__)

"""Drives Huawei Cloud's official Python SDK (huaweicloudsdkcore, huaweicloudsdkecs 3.1.219) for
the wire-conformance test in tests/tests/huawei_conformance.rs.

    python3 huawei_sdk.py list                       prints the case names, in order
    python3 huawei_sdk.py calls <endpoint> [NAME...] runs every case (or the named ones) in
                                                     order against <endpoint>, printing each name
    python3 huawei_sdk.py sign                       signs the requests read as JSON from stdin

The cases are in huawei_cases.py. `calls` uses AK/SK credentials, the project id and a fixed
X-Sdk-Date, so the signatures it sends can be recomputed. `sign` prints, one per line, the
Authorization the SDK's own signer computes for each request of a JSON array another client
sent: [{"method", "host", "path", "query": [[k, v]...], "headers": {name: value},
"body": text}...].
"""

import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the sources

from huawei_cases import AK, CASES, PROJECT_ID, SDK_DATE, SK, ecs

# --- Commands -------------------------------------------------------------------------------


def fix_sdk_date():
    """Makes the SDK's signer stamp every request with SDK_DATE."""
    from datetime import datetime

    import huaweicloudsdkcore.signer.signer as signer

    class FixedDatetime(datetime):
        @classmethod
        def utcnow(cls):
            return datetime.strptime(SDK_DATE, "%Y%m%dT%H%M%SZ")

    signer.datetime = FixedDatetime


def calls(endpoint, names):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials

    known = [name for name, _ in CASES]
    unknown = [name for name in names if name not in known]
    if unknown:
        sys.exit("unknown cases: %s" % ", ".join(unknown))
    fix_sdk_date()
    client = (
        ecs()
        .EcsClient.new_builder()
        .with_credentials(BasicCredentials(AK, SK, PROJECT_ID))
        .with_endpoint(endpoint)
        .build()
    )
    for name, run in CASES:
        if names and name not in names:
            continue
        run(client)
        print(name, flush=True)


def sign():
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    signer = Signer(BasicCredentials(AK, SK, PROJECT_ID))
    for captured in json.load(sys.stdin):
        request = SdkRequest(
            method=captured["method"],
            schema="http",
            host=captured["host"],
            resource_path=captured["path"],
            query_params=[tuple(pair) for pair in captured["query"]],
            header_params=dict(captured["headers"]),
            body=captured["body"].encode("utf-8"),
        )
        signer.sign(request)
        print(request.header_params["Authorization"])


if __name__ == "__main__":
    command = sys.argv[1:2]
    if command == ["list"]:
        for name, _ in CASES:
            print(name)
    elif command == ["calls"] and len(sys.argv) >= 3:
        calls(sys.argv[2], sys.argv[3:])
    elif command == ["sign"]:
        sign()
    else:
        sys.exit(__doc__)

"""Lists the operations of Huawei Cloud's official ECS SDK (huaweicloudsdkecs 3.1.219), read
from the installed package's own metadata, as the table tests/data/ecs-sdk-operations.tsv.

    python3 ecs_operations.py            prints the table (tab-separated, header first)

Each row is one operation of `EcsClient`: its name (as the SDK's request class names it, without
`Request`: `ListServersDetails`), HTTP method, path template, the wire names
of its path, query and header parameters (query names marked `[]` or `[csv]` where the SDK
declares a list's collection format as `multi` or `csv`; what it sends for either, repeated
pairs, is checked by the conformance test), the model of its request body and the
model of its response. The method, path and parameter names come from what the client's
`_<operation>_http_info` builds for a request with every attribute present; the body and
response models from the request class's declared types. Nothing here is copied text: only
names the SDK's code uses on the wire.
"""

import inspect
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the sources

COLUMNS = ["operation", "method", "path", "path_params", "query", "headers", "body", "response"]


def camel(snake):
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def rows():
    from huaweicloudsdkecs.v2 import ecs_client
    import huaweicloudsdkecs.v2 as models

    client = ecs_client.EcsClient
    for name, member in sorted(inspect.getmembers(client)):
        if not (name.startswith("_") and name.endswith("_http_info")):
            continue
        operation = name[1 : -len("_http_info")]
        request_class = getattr(models, camel(operation) + "Request")
        request = request_class()
        info = member(request)
        formats = info.get("collection_formats") or {}
        query = []
        for key, _ in info["query_params"]:
            marker = {"multi": "[]", "csv": "[csv]"}.get(formats.get(key), "")
            if key + marker not in query:
                query.append(key + marker)
        headers = [h for h in info["header_params"] if h.lower() != "content-type"]
        body = request_class.openapi_types.get("body", "")
        yield [
            camel(operation),
            info["method"],
            info["resource_path"],
            ",".join(info["path_params"]),
            ",".join(query),
            ",".join(headers),
            body,
            info["response_type"],
        ]


def main():
    print("\t".join(COLUMNS))
    for row in rows():
        print("\t".join(row))


if __name__ == "__main__":
    main()

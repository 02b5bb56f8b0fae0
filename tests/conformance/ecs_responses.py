"""Builds a sample answer for every operation of Huawei Cloud's official ECS SDK
(huaweicloudsdkecs 3.1.219) with the SDK's own response models, for the response test
tests/tests/ecs_responses.rs (and the canned answers of the wire test).

    python3 ecs_responses.py             prints {"<operation>": <body or null>, ...} as JSON
    python3 ecs_responses.py --smallest  the same, nested models with their required attributes
                                         only
    python3 ecs_responses.py --optional  {"<operation>": [<JSON path>, ...]}: where the answer
                                         holds a field the SDK's model leaves optional

The operations are the rows of tests/data/ecs-sdk-operations.tsv; column `response` names the
SDK's response class. Each response model is built with every attribute set, recursively: a
string is its attribute's name, an integer the length of that name, a float that plus a half,
a boolean true, a list holds one item, a map one entry (keyed `<name>_key`), a date-time is a
fixed instant in UTC. Attributes the SDK reads from response headers (the `response_headers`
of `EcsClient._<operation>_http_info`, e.g. `X-Request-Id`) are left out. The model is then
turned into JSON by the SDK's own serialiser (`huaweicloudsdkcore.utils.http_utils.
sanitize_for_serialization`), which writes each attribute under its wire name; an answer with
no body attribute is null. The output is deterministic: only data, nothing copied.

With --smallest, a model below the response's own holds only its required attributes: those its
`__init__` sets unconditionally (an optional one is set under `if <name> is not None`). The
response model keeps every attribute: the SDK makes each attribute of a response class
optional, so the smallest answers would otherwise all be empty. --optional lists, for the same
reason below the response's own attributes, the fields the models leave optional, by their path
in the answer (`$.server.security_groups[].name`: `[]` an item of a list, `{}` a value of a map).
"""

import csv
import datetime
import inspect
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the sources

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "ecs-sdk-operations.tsv")
# Deeper than any model of the SDK nests; a bound in case a model refers to itself.
MAX_DEPTH = 12
SMALLEST = "--smallest" in sys.argv[1:]
OPTIONAL = "--optional" in sys.argv[1:]


def snake(camel):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", camel).lower()


def value(models, kind, name, depth):
    """A value of the SDK type `kind` (as `openapi_types` writes it) for the attribute `name`."""
    if kind == "str":
        return name
    if kind == "int":
        return len(name)
    if kind == "float":
        return len(name) + 0.5
    if kind == "bool":
        return True
    if kind == "datetime":
        return datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    if kind == "date":
        return datetime.date(2025, 1, 2)
    if kind == "object":
        return {name + "_key": name}
    inner = re.fullmatch(r"list\[(.+)\]", kind)
    if inner:
        return [value(models, inner.group(1), name, depth)]
    inner = re.fullmatch(r"dict\(str, (.+)\)", kind)
    if inner:
        return {name + "_key": value(models, inner.group(1), name, depth)}
    return model(models, getattr(models, kind), depth + 1, ())


def required(cls, attr):
    """Whether the model class `cls` sets `attr` unconditionally in `__init__`."""
    source = inspect.getsource(cls.__init__)
    # A method's body is indented by eight spaces; a conditional set is indented further.
    return re.search(r"^        self\.%s = %s$" % (attr, attr), source, re.M) is not None


def model(models, cls, depth, skip):
    """An instance of the model class `cls` with every attribute set but those in `skip` (and,
    with --smallest, below the top level, but those not required)."""
    if depth > MAX_DEPTH:
        raise SystemExit("%s nests deeper than %d models" % (cls.__name__, MAX_DEPTH))
    values = {
        attr: value(models, kind, attr, depth)
        for attr, kind in cls.openapi_types.items()
        if attr not in skip and (not SMALLEST or depth == 0 or required(cls, attr))
    }
    return cls(**values)


def optional_paths(models, kind, at, depth, out):
    """Adds to `out` the paths below `at`, of a value of the SDK type `kind`, of the attributes
    the SDK's models leave optional (below the response model's own)."""
    inner = re.fullmatch(r"list\[(.+)\]", kind)
    if inner:
        return optional_paths(models, inner.group(1), at + "[]", depth, out)
    inner = re.fullmatch(r"dict\(str, (.+)\)", kind)
    if inner:
        return optional_paths(models, inner.group(1), at + "{}", depth, out)
    cls = getattr(models, kind, None)
    if cls is None or not hasattr(cls, "openapi_types") or depth > MAX_DEPTH:
        return
    for attr, attr_kind in cls.openapi_types.items():
        here = "%s.%s" % (at, cls.attribute_map[attr])
        if not required(cls, attr):
            out.add(here)
        optional_paths(models, attr_kind, here, depth + 1, out)


def header_attributes(cls, http_info):
    """The attributes of the response class `cls` read from response headers."""
    headers = {h.lower() for h in http_info.get("response_headers") or []}
    return {attr for attr, wire in cls.attribute_map.items() if wire.lower() in headers}


def samples():
    import huaweicloudsdkecs.v2 as models
    from huaweicloudsdkecs.v2 import ecs_client
    from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization

    out = {}
    with open(TABLE, newline="") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            operation = row["operation"]
            request = getattr(models, operation + "Request")()
            http_info = getattr(ecs_client.EcsClient, "_%s_http_info" % snake(operation))(request)
            cls = getattr(models, row["response"])
            skip = header_attributes(cls, http_info)
            if OPTIONAL:
                paths = set()
                for attr, kind in cls.openapi_types.items():
                    if attr not in skip:
                        at = "$." + cls.attribute_map[attr]
                        optional_paths(models, kind, at, 1, paths)
                out[operation] = sorted(paths)
                continue
            body = sanitize_for_serialization(model(models, cls, 0, skip))
            out[operation] = body or None
    return out


def main():
    json.dump(samples(), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()

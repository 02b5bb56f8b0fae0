#!/usr/bin/env python3
"""Checks recorded SDK requests against an API's original OpenAPI document with Prism.

    validate.py --prism PRISM --document DOC --requests FILE.jsonl

FILE.jsonl holds the requests the generated endpoint tests sent, one JSON line each
(`SDK_RECORD_REQUESTS`, written by `record_request` in the tests' `support.rs`): test, method,
path, raw query, headers and the body in base64. The script starts `prism mock --errors` on DOC,
replays every request to it byte for byte (the same method, path, query, headers in order and
body; only `Host` names Prism's address), and fails listing each request Prism rejects, with
Prism's violation messages.

So that a pass means something, it also sends corrupted copies of the recorded requests, made
from DOC's operation of each request: a required header parameter removed, a required body
property removed, a body property given a value of another JSON type. Every corrupted copy must
be rejected, and there must be at least one.

Where Prism itself does not validate something DOC says (a gap of the validator, not of the
client), `--gaps FILE` lists it: one tab-separated line per corrupted copy Prism is known to
accept (document file name, method, path, what was corrupted, why). A listed gap is reported but
does not fail; a listed gap Prism now closes does fail, so the list cannot hide anything.

Where DOC itself takes no body an operation can send (a `oneOf` whose members all take the
same bodies, so that every body matches several and none matches exactly one), the same file
lists each recorded request DOC refuses that way, with `body matches several oneOf members (test
NAME)` as what: Prism must refuse it, and the `jsonschema` package, checking the body against each
member of the body's `oneOf` alone, must find at least two that take it (so the body is valid by
the document's own members); a listed request Prism accepts fails too.

Exit status: 0 all recorded requests accepted and all corrupted copies rejected, 1 otherwise,
2 a wrong command line or an unusable input. `.ci/run` runs it for each imported API.
"""

import argparse
import base64
import copy
import http.client
import json
import re
import socket
import subprocess
import sys
import tempfile
import time

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_document(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith(".json"):
            return json.load(f)
        import yaml  # PyYAML, for YAML documents only

        # libyaml's loader if PyYAML has it: Nova's document is 3 MB.
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def resolve(document, node):
    """Follows local `$ref`s (`#/components/...`) until a node that is not a reference."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            return node
        seen.add(ref)
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def operation_of(document, method, path):
    """DOC's operation for a request: (path item, operation) whose template matches, or None.
    Literal templates win over templated ones, as in Prism."""
    matches = []
    for template, item in document.get("paths", {}).items():
        operation = item.get(method.lower()) if method.lower() in METHODS else None
        if operation is None:
            continue
        pattern = "".join(
            "[^/]+" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]*\})", template)
        )
        if re.fullmatch(pattern, path):
            matches.append((template.count("{"), item, operation))
    matches.sort(key=lambda m: m[0])
    return (matches[0][1], matches[0][2]) if matches else None


def one_of_members_taking(document, request):
    """The indexes of the members of the `oneOf` of DOC's JSON request body schema that take
    the request's body, each checked on its own by the `jsonschema` package (JSON Schema
    2020-12 for OpenAPI 3.1, draft 4 otherwise; formats not asserted). None if the body or the
    schema is not of that shape."""
    import jsonschema  # only for documents with listed flaws

    found = operation_of(document, request["method"], request["path"])
    if found is None:
        return None
    _, operation = found
    content = resolve(document, operation.get("requestBody", {})).get("content", {})
    schema = resolve(document, content.get("application/json", {}).get("schema", {}))
    members = schema.get("oneOf")
    if not isinstance(members, list):
        return None
    try:
        body = json.loads(base64.b64decode(request["body_base64"]))
    except ValueError:
        return None
    openapi_31 = str(document.get("openapi", "")).startswith("3.1")
    validator = jsonschema.Draft202012Validator if openapi_31 else jsonschema.Draft4Validator
    taking = []
    for i, member in enumerate(members):
        # The document is the root, so that its `#/components/...` references resolve.
        root = {k: v for k, v in document.items() if k in ("components", "paths")}
        root["$ref"] = member["$ref"] if "$ref" in member else None
        if root["$ref"] is None:
            root = dict(root, **{k: v for k, v in member.items()})
            del root["$ref"]
        if validator(root).is_valid(body):
            taking.append(i)
    return taking


def wrong_type_value(schema):
    """A JSON value of another type than `schema` says, or None if it says no single type."""
    kind = schema.get("type")
    return {
        "string": 12345,
        "integer": "not a number",
        "number": "not a number",
        "boolean": "not a boolean",
        "object": "not an object",
        "array": "not an array",
    }.get(kind) if isinstance(kind, str) else None


def corruptions(document, request):
    """Copies of `request` that DOC says are invalid, each with what was done to it."""
    found = operation_of(document, request["method"], request["path"])
    if found is None:
        return []
    item, operation = found
    out = []
    parameters = [resolve(document, p) for p in item.get("parameters", [])]
    parameters += [resolve(document, p) for p in operation.get("parameters", [])]
    names = [h[0].lower() for h in request["headers"]]
    for parameter in parameters:
        name = parameter.get("name", "").lower()
        if parameter.get("in") == "header" and parameter.get("required") and name in names:
            bad = copy.deepcopy(request)
            bad["headers"] = [h for h in bad["headers"] if h[0].lower() != name]
            out.append((f"required header {parameter['name']} removed", bad))
    content = resolve(document, operation.get("requestBody", {})).get("content", {})
    json_media = [m for m in content if m.split(";")[0].strip().lower() == "application/json"]
    schema = resolve(document, content.get(json_media[0], {}).get("schema", {})) if json_media else {}
    try:
        body = json.loads(base64.b64decode(request["body_base64"]))
    except ValueError:
        return out
    if not isinstance(body, dict):
        return out
    for field in schema.get("required", []):
        if field in body:
            bad_body = {k: v for k, v in body.items() if k != field}
            out.append((f"required body property {field} removed", with_body(request, bad_body)))
            break
    for field, property_schema in schema.get("properties", {}).items():
        value = wrong_type_value(resolve(document, property_schema))
        if field in body and value is not None:
            bad_body = dict(body, **{field: value})
            out.append((f"body property {field} set to {value!r}", with_body(request, bad_body)))
            break
    return out


def with_body(request, body):
    """`request` with this JSON body, its `Content-Length` following."""
    bad = copy.deepcopy(request)
    raw = json.dumps(body, separators=(",", ":")).encode()
    bad["body_base64"] = base64.b64encode(raw).decode()
    bad["headers"] = [
        [name, str(len(raw)) if name.lower() == "content-length" else value]
        for name, value in bad["headers"]
    ]
    return bad


def send(port, request):
    """Sends `request` to Prism as recorded; returns (status, violation messages)."""
    target = request["path"]
    if request["query"] is not None:
        target += "?" + request["query"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(request["method"], target, skip_host=True, skip_accept_encoding=True)
    for name, value in request["headers"]:
        connection.putheader(name, f"127.0.0.1:{port}" if name.lower() == "host" else value)
    connection.endheaders(base64.b64decode(request["body_base64"]) or None)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    violations = response.getheader("sl-violations")
    connection.close()
    errors = []
    if violations:
        errors += [describe(v) for v in json.loads(violations) if v.get("severity") == "Error"]
    if response.status >= 400:
        try:
            problem = json.loads(text)
            details = [describe(v) for v in problem.get("validation") or []]
            errors += details or [f"{problem.get('title')}: {problem.get('detail')}"]
        except (ValueError, AttributeError):
            errors.append(text[:500])
    return response.status, errors


def describe(violation):
    location = ".".join(str(p) for p in violation.get("location", []))
    return f"{location}: {violation.get('message')} ({violation.get('severity')})"


def rejected(status, errors):
    """Prism rejects a request with a 4xx status (422 a violation, 404 no such path, 405 no
    such method, 401 no credentials...), or with a violation of severity `Error` in the request.
    A 5xx with violations of the response only is Prism failing to make up an answer (a
    `pattern` it cannot generate, a body of a media type it does not mock) for a request it
    found valid."""
    return 400 <= status < 500 or any(e.startswith("request") for e in errors)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_prism(prism, document, port, log):
    """Starts `prism mock` on `document`; its output goes to the file `log` (a pipe nobody
    reads would fill up and stall it)."""
    process = subprocess.Popen(
        [prism, "mock", "--errors", "-h", "127.0.0.1", "-p", str(port), document],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"prism exited ({process.returncode}):\n{log.read().decode(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("prism did not start listening within 120 s")


def load_gaps(path, document):
    """The listed gaps of DOC: (method, path, what) -> why."""
    gaps = {}
    if not path:
        return gaps
    name = document.rsplit("/", 1)[-1]
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                raise SystemExit(f"error: {path}: not 5 tab-separated fields: {line!r}")
            if fields[0] == name:
                gaps[(fields[1], fields[2], fields[3])] = fields[4]
    return gaps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prism", required=True, help="the prism executable")
    parser.add_argument("--document", required=True, help="the original OpenAPI document")
    parser.add_argument("--requests", required=True, help="the recorded requests (JSON lines)")
    parser.add_argument("--gaps", help="corrupted copies Prism is known to accept (TSV)")
    args = parser.parse_args()
    gaps = load_gaps(args.gaps, args.document)
    with open(args.requests, encoding="utf-8") as f:
        requests = [json.loads(line) for line in f if line.strip()]
    if not requests:
        print(f"error: no requests recorded in {args.requests}", file=sys.stderr)
        return 2
    document = load_document(args.document)
    port = free_port()
    log = tempfile.TemporaryFile()
    prism = start_prism(args.prism, args.document, port, log)
    failures = []
    flaws = 0
    try:
        for request in requests:
            status, messages = send(port, request)
            what = f"body matches several oneOf members (test {request['test']})"
            flaw = gaps.pop((request["method"], request["path"], what), None)
            if flaw is not None:
                # Listed: DOC's `oneOf` takes the body by more than one member, so it takes
                # none. jsonschema, checking each member alone, must find two or more that
                # take it (so the body is valid by the document's own members).
                taking = one_of_members_taking(document, request)
                if not rejected(status, messages):
                    failures.append(
                        f"listed flaw closed: {request['method']} {request['path']} with {what} "
                        f"is accepted now: remove its line from {args.gaps}"
                    )
                elif taking is None or len(taking) < 2:
                    failures.append(
                        f"{request['method']} {request['path']} ({what}): the body is taken by "
                        f"oneOf members {taking}, not by several\n    " + "\n    ".join(messages)
                    )
                else:
                    flaws += 1
                    print(
                        f"known document flaw: {request['method']} {request['path']} {what}: "
                        f"oneOf members {taking} all take it: {flaw}"
                    )
                continue
            if rejected(status, messages):
                where = f"{request['method']} {request['path']} (test {request['test']})"
                failures.append(f"{where}: Prism answered {status}\n    " + "\n    ".join(messages))
        checked = 0
        for request in requests:
            for what, bad in corruptions(document, request):
                checked += 1
                status, messages = send(port, bad)
                gap = gaps.pop((request["method"], request["path"], what), None)
                if gap is not None:
                    if rejected(status, messages):
                        failures.append(
                            f"listed gap closed: {request['method']} {request['path']} with {what} "
                            f"is rejected now: remove its line from {args.gaps}"
                        )
                    else:
                        print(f"known Prism gap: {request['method']} {request['path']} with {what}: {gap}")
                    continue
                if not rejected(status, messages):
                    failures.append(
                        f"negative check: {request['method']} {request['path']} with {what} "
                        f"was accepted (status {status}): the validation proves nothing"
                    )
        for (method, path, what) in gaps:
            failures.append(f"listed gap never tried: {method} {path} with {what} (no such corrupted copy)")
        if checked == 0:
            failures.append("negative check: no recorded request could be corrupted into one DOC forbids")
    finally:
        prism.terminate()
        prism.wait(timeout=30)
    if failures:
        print(f"{len(failures)} problem(s) against {args.document}:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(
        f"{len(requests) - flaws} recorded request(s) valid against {args.document}, "
        f"{flaws} refused by a listed flaw of the document; {checked} corrupted cop(y/ies) rejected"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

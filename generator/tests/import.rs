//! `generator import` on published OpenAPI documents nobody here wrote (`../shared/specs/`):
//! each imports to a spec that passes `check` (the import runs it), what the format cannot say
//! is a note with its JSON pointer, and random structural edits of the documents never make the
//! importer panic or write a spec that fails `check`.

use generator::import::{Failure, import, import_into};
use proptest::prelude::*;
use serde_json::Value;

/// A document of `../shared/specs/`.
fn document(name: &str) -> String {
    let path = format!("{}/../../shared/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The imported spec's text, failing the test with the problems if it does not pass `check`.
fn imported(name: &str, module: &str) -> generator::import::Imported {
    match import(&format!("../shared/specs/{name}"), &document(name), module) {
        Ok(imported) => imported,
        Err(Failure::Document(message)) => panic!("{name}: {message}"),
        Err(Failure::Check { yaml, problems }) => panic!("{problems}\n---\n{yaml}"),
    }
}

/// How many methods a spec text declares (`method: GET`..., in a block or on one line).
fn methods(yaml: &str) -> usize {
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .iter()
        .map(|m| {
            yaml.matches(&format!("method: {m}\n")).count()
                + yaml.matches(&format!("method: {m},")).count()
        })
        .sum()
}

#[test]
fn keeper_imports_every_operation() {
    let keeper = imported("progenitor-sample-keeper.json", "keeper");
    assert_eq!(methods(&keeper.yaml), 6);
    // The inline answers titled `ReportResult` in three operations are one type.
    assert_eq!(keeper.yaml.matches("response: ReportResult\n").count(), 3);
    assert_eq!(keeper.yaml.matches("\n  ReportResult:\n").count(), 1);
    // The `Authorization` header parameter is a secret.
    assert_eq!(keeper.yaml.matches("secret: true").count(), 6);
    insta::assert_snapshot!("keeper", keeper.yaml);
}

#[test]
fn propolis_imports_all_but_what_the_format_cannot_send_and_says_so() {
    let propolis = imported("progenitor-sample-propolis-server.json", "propolis");
    assert_eq!(methods(&propolis.yaml), 4);
    let left_out: Vec<&str> = propolis
        .notes
        .iter()
        .filter(|n| n.instead.contains("left out") && n.pointer.starts_with("/paths"))
        .map(|n| n.pointer.as_str())
        .collect();
    assert_eq!(
        left_out,
        [
            "/paths/~1instance~1migrate~1status/get/requestBody",
            "/paths/~1instance~1serial/get/responses/101",
            "/paths/~1instance~1state-monitor/get/requestBody",
        ]
    );
    // A `oneOf` whose members each fix `type` to a value of their own has a discriminator.
    assert!(propolis.yaml.contains("      discriminator: type\n"));
}

/// Nova's OpenAPI 3.1 document (3.3 MB, 209 operations, microversions as `oneOf` members no
/// field tells apart) imports with every operation: its `/action` endpoints as a method per
/// action, request bodies as their newest microversion, and the answers that cannot be decoded
/// in order as objects with every member's fields, each said in a note.
#[test]
fn nova_imports_every_operation() {
    let nova = imported("nova-compute-v2.104.openapi.yaml", "nova");
    let spec: Value = serde_saphyr::from_str(&nova.yaml).expect("YAML");
    let document: Value =
        serde_saphyr::from_str(&document("nova-compute-v2.104.openapi.yaml")).expect("YAML");
    // Every operation but the action endpoints is a method, and each of those a method per
    // key of its body's `oneOf` (its members, or their microversions' members).
    let paths = document["paths"].as_object().expect("paths");
    let mut operations = 0;
    let mut actions = 0;
    for item in paths.values() {
        for (verb, operation) in item.as_object().expect("path item") {
            if !["get", "put", "post", "delete", "patch"].contains(&verb.as_str()) {
                continue;
            }
            let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            let schema = resolve(&document, schema);
            if schema["x-openstack"]["discriminator"] == "action" {
                let mut keys = std::collections::BTreeSet::new();
                collect_keys(&document, schema, &mut keys);
                actions += keys.len();
            } else {
                operations += 1;
            }
        }
    }
    assert!(actions > 50, "{actions}");
    assert_eq!(methods(&nova.yaml), operations + actions);
    let servers = &spec["resources"]["servers"]["methods"];
    assert_eq!(servers["reboot"]["body"]["wrap"], "reboot");
    assert_eq!(
        servers["start"]["body"],
        serde_json::json!({"wrap": "os-start"})
    );
    assert_eq!(
        servers["stop"]["body"],
        serde_json::json!({"wrap": "os-stop"})
    );
    // Their answer is the `202` without a body: no other action's answer is theirs.
    assert!(
        servers["reboot"].get("response").is_none(),
        "{}",
        servers["reboot"]
    );
    assert_eq!(
        spec["resources"]["fixed_ips"]["methods"]["reserve"]["body"],
        serde_json::json!({"wrap": "reserve", "wrap_null": true})
    );
    // A request body is its newest microversion's, by `min-ver`: the document lists flavor
    // creation as 2.0, 2.1, 2.102, 2.55 (by name), and 2.102 is the newest.
    assert_eq!(
        spec["resources"]["flavors"]["methods"]["create"]["body"]["type"],
        "FlavorsCreate2102"
    );
    // `limit: {type: [integer, string]}` is a query parameter still, sent as an integer.
    assert_eq!(
        spec["resources"]["flavors"]["methods"]["list"]["query"]["limit"]["type"],
        "int64"
    );
    let newest = nova
        .notes
        .iter()
        .filter(|n| {
            n.what
                .starts_with("a request body that differs by microversion")
        })
        .count();
    assert!(newest > 20, "{newest}");
    let merged = nova
        .notes
        .iter()
        .filter(|n| {
            n.what
                .starts_with("a union whose object members no field tells apart")
        })
        .count();
    // (Fewer than the unions the document has: the identical ones are one type first.)
    assert!(merged > 40, "{merged}");
    // Names read as written by hand: OpenStack's `os-` extension prefix and the tag that says
    // its name twice are gone, a sub-collection's name leaves out the words of its resource,
    // a GET of one thing is `get` and of a collection `list`, and a name another method of the
    // resource has is said in full.
    let names = |resource: &str| -> Vec<String> {
        spec["resources"][resource]["methods"]
            .as_object()
            .unwrap_or_else(|| panic!("no resource {resource}"))
            .keys()
            .cloned()
            .collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(names("server_tags")),
        ["delete", "delete_all", "get", "list", "replace", "update"]
    );
    assert_eq!(
        sorted(names("quota_sets")),
        ["delete", "get", "get_defaults", "get_detail", "update"]
    );
    assert_eq!(names("limits"), ["get"]);
    assert_eq!(sorted(names("version")), ["get", "get_versions"]);
    assert_eq!(
        sorted(names("keypairs")),
        ["create", "delete", "get", "list"]
    );
    assert_eq!(
        sorted(names("server_migrations")),
        ["delete", "force_complete", "get", "list"]
    );
    for name in ["list_extra_specs", "get_extra_specs", "list_flavor_access"] {
        assert!(names("flavors").contains(&name.to_owned()), "{name}");
    }
    for name in [
        "list_metadata",
        "get_metadata",
        "list_ips",
        "get_diagnostics",
        "list_interface",
        "delete_server_password",
        "list_volume_attachments",
    ] {
        assert!(names("servers").contains(&name.to_owned()), "{name}");
    }
    // Inline types are named after the method, not the path-shaped id
    // (`ServersIdActionPostUnshelveBody`); the parts of a microversion union after their
    // version; and a type several places share after the words their names end with alike
    // (`Aggregate241` for the add-host, remove-host and set-metadata answers' 2.41 aggregate).
    assert_eq!(servers["unshelve"]["body"]["type"], "ServersUnshelveBody");
    assert_eq!(
        spec["types"]["AggregatesAddHostResponseAggregate"]["union"],
        serde_json::json!(["Aggregate241", "Aggregate21"])
    );
    // OpenStack's marker lists page where their items are one type: the next marker is the
    // last item's `id`, and `images_links` says whether another page follows.
    assert_eq!(
        spec["resources"]["images"]["methods"]["list"]["pagination"],
        serde_json::json!({
            "style": "marker",
            "item": "ImagesIndexResponse21ImagesItem",
            "items": "images",
            "marker_param": "marker",
            "limit_param": "limit",
            "marker_field": "id",
            "links": "images_links"
        })
    );
    // Lists whose microversions list their own version of the item are one list of an object
    // with every version's fields, and page too; a migration's marker is its `uuid`.
    let flavors = &spec["resources"]["flavors"]["methods"]["list"]["pagination"];
    assert_eq!(flavors["item"], "FlavorsListResponseFlavorsItem");
    assert_eq!(flavors["links"], "flavors_links");
    // Servers too, whose 2.69 items are a union of a whole and a partial server.
    let servers_page = &spec["resources"]["servers"]["methods"]["list"]["pagination"];
    assert_eq!(servers_page["item"], "ServersListResponseServersItem");
    assert_eq!(servers_page["links"], "servers_links");
    let migrations = &spec["resources"]["migrations"]["methods"]["list"]["pagination"];
    assert_eq!(migrations["marker_field"], "uuid");
    // The legacy `os-volumes_boot` repeats `servers`' schemas: one type for both.
    for resource in ["servers", "volumes_boot"] {
        assert_eq!(
            spec["resources"][resource]["methods"]["reboot"]["body"]["fields"]["type"]["type"],
            "RebootType"
        );
    }
    let types = spec["types"].as_object().expect("types");
    // Nova's types, the repeated ones made one (550 when each place had its own): a change in
    // this count is a change in how types are shared, to be read in the diff of nova.yaml.
    assert_eq!(types.len(), 401);
    assert!(
        !types.keys().any(|t| t.contains("IdActionPost")),
        "{:?}",
        types
            .keys()
            .filter(|t| t.contains("IdActionPost"))
            .collect::<Vec<_>>()
    );
    let resources = spec["resources"].as_object().expect("resources");
    assert!(
        resources.keys().all(|r| !r.starts_with("os_")),
        "{:?}",
        resources.keys().collect::<Vec<_>>()
    );
    // Every note points into the document (but the one saying it has no `servers`).
    for note in nova.notes.iter().filter(|n| n.pointer != "/servers") {
        assert!(document.pointer(&note.pointer).is_some(), "{note:?}");
    }
}

/// An import into its own fresh output changes nothing, for every sample document: what the
/// re-import keeps of the existing spec is written as the fresh import writes it. And no two
/// of its types are defined alike.
#[test]
fn importing_into_its_own_output_changes_nothing() {
    for (name, module) in [
        ("progenitor-sample-keeper.json", "keeper"),
        ("progenitor-sample-propolis-server.json", "propolis"),
        ("progenitor-sample-buildomat.json", "buildomat"),
        ("progenitor-sample-nexus.json", "nexus"),
        ("nova-compute-v2.104.openapi.yaml", "nova"),
    ] {
        let fresh = imported(name, module).yaml;
        let path = format!("../shared/specs/{name}");
        let again = match import_into(&path, &document(name), module, Some(&fresh)) {
            Ok(imported) => imported.yaml,
            Err(Failure::Document(message)) => panic!("{name}: {message}"),
            Err(Failure::Check { problems, .. }) => panic!("{name}: {problems}"),
        };
        if let Some((line, (a, b))) = fresh
            .lines()
            .zip(again.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!("{name} line {}: fresh `{a}`, re-imported `{b}`", line + 1);
        }
        assert_eq!(fresh.len(), again.len(), "{name}");
        // No two inline types are defined alike: a schema the document repeats is one type.
        // (The document's components are types it named apart, the members of a tagged union
        // are named by their tags, and objects without fields are nothing alike.)
        let spec: Value = serde_saphyr::from_str(&fresh).expect("YAML");
        let document: Value = serde_saphyr::from_str(&document(name)).expect("document");
        let squash = |n: &str| n.replace(['_', '-', '.'], "").to_lowercase();
        let components: std::collections::HashSet<String> = document["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(n, _)| squash(n))
            .collect();
        let types = spec["types"].as_object().expect("types");
        let tagged: Vec<&Value> = types
            .values()
            .filter_map(|d| d["union"]["members"].as_object())
            .flat_map(|m| m.values())
            .collect();
        let mut seen: std::collections::HashMap<String, &String> = Default::default();
        for (type_name, def) in types {
            if components.contains(&squash(type_name))
                || tagged.iter().any(|t| *t == type_name)
                || def["fields"].as_object().is_some_and(|f| f.is_empty())
            {
                continue;
            }
            if let Some(first) = seen.insert(def.to_string(), type_name) {
                panic!("{name}: {first} and {type_name} are defined alike: {def}");
            }
        }
    }
}

/// Security schemes: bearer (and OAuth's tokens sent as bearer), an API key in a header or in
/// the query; one in a cookie is left out with a note saying what to do.
#[test]
fn security_schemes_become_auth() {
    let document = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Keys", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {"/things": {"get": {
            "operationId": "things_list",
            "responses": {"204": {"description": "none"}}
        }}},
        "components": {"securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "header_key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            "query_key": {"type": "apiKey", "in": "query", "name": "key"},
            "cookie_key": {"type": "apiKey", "in": "cookie", "name": "session"}
        }}
    });
    let imported = match import("keys.json", &document.to_string(), "keys") {
        Ok(imported) => imported,
        Err(Failure::Document(m)) => panic!("{m}"),
        Err(Failure::Check { problems, yaml }) => panic!("{problems}\n{yaml}"),
    };
    let spec: Value = serde_saphyr::from_str(&imported.yaml).expect("YAML");
    assert_eq!(
        spec["auth"],
        serde_json::json!([
            {"scheme": "bearer", "setter": "bearer_token"},
            {"scheme": "header", "header": "X-Api-Key", "setter": "api_key"},
            {"scheme": "query", "param": "key", "setter": "api_key_2"},
        ])
    );
    let cookie: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| n.pointer == "/components/securitySchemes/cookie_key")
        .collect();
    assert_eq!(cookie.len(), 1, "{:?}", imported.notes);
    assert!(cookie[0].instead.starts_with("left out"), "{:?}", cookie[0]);
}

/// A local `$ref` followed (one level at a time) to what it names.
fn resolve<'a>(document: &'a Value, mut schema: &'a Value) -> &'a Value {
    while let Some(pointer) = schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        schema = document
            .pointer(pointer)
            .expect("a reference into the document");
    }
    schema
}

/// The property names of the one-property members of `schema`'s `oneOf`, looking into members
/// that are themselves a `oneOf`.
fn collect_keys(document: &Value, schema: &Value, keys: &mut std::collections::BTreeSet<String>) {
    for member in schema["oneOf"].as_array().into_iter().flatten() {
        let member = resolve(document, member);
        match member["properties"].as_object() {
            Some(properties) => keys.extend(properties.keys().cloned()),
            None => collect_keys(document, member, keys),
        }
    }
}

/// A maintainer edits an imported spec (a `rust:` name on a type, a field, a method and a
/// parameter; a method moved to another resource under another name; a client parameter that
/// fills a path placeholder; `errors:`; a new title), then imports a newer version of the
/// document (an operation and a field more): every edit survives, the API's change comes in,
/// and the result passes `check`.
#[test]
fn re_importing_a_newer_document_keeps_the_hand_edits() {
    let v1 = document("progenitor-sample-keeper.json");
    let base = import("keeper.json", &v1, "keeper").expect("v1 imports");
    let mut edited: Value = serde_saphyr::from_str(&base.yaml).expect("the spec is YAML");
    let set = |value: &mut Value, pointer: &str, key: &str, new: Value| {
        value
            .pointer_mut(pointer)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("{pointer}"))
            .insert(key.to_owned(), new);
    };
    set(&mut edited, "", "title", "Keeper".into());
    set(&mut edited, "/types/ReportId", "rust", "ReportKey".into());
    set(
        &mut edited,
        "/types/ReportId/fields/pid",
        "rust",
        "process_id".into(),
    );
    set(
        &mut edited,
        "/resources/report/methods/finish",
        "rust",
        "complete".into(),
    );
    set(
        &mut edited,
        "/resources/report/methods/finish/headers/Authorization",
        "rust",
        "authorization_header".into(),
    );
    // `ping` moves under `global`, as `health`.
    let ping = edited
        .pointer("/resources/ping/methods/ping")
        .cloned()
        .expect("ping");
    set(&mut edited, "/resources/global/methods", "health", ping);
    edited
        .pointer_mut("/resources")
        .and_then(Value::as_object_mut)
        .expect("resources")
        .remove("ping");
    set(
        &mut edited,
        "",
        "errors",
        serde_json::json!({"shapes": [{"code": "/error_code", "message": "/message"}]}),
    );
    let existing = generator::import::merge::from_json(&edited).to_yaml();
    assert!(generator::import::import_into("x", &v1, "keeper", Some(&existing)).is_ok());
    // Upstream adds a field and an operation.
    let mut v2: Value = serde_json::from_str(&v1).expect("JSON");
    set(
        &mut v2,
        "/components/schemas/ReportId/properties",
        "exit_signal",
        serde_json::json!({"type": "string"}),
    );
    let mut jobs = v2.pointer("/paths/~1global~1jobs").cloned().expect("jobs");
    set(
        &mut jobs,
        "/get",
        "operationId",
        "global_jobs_detail".into(),
    );
    set(&mut v2, "/paths", "/global/jobs/detail", jobs);
    let after = match import_into("keeper.json", &v2.to_string(), "keeper", Some(&existing)) {
        Ok(after) => after.yaml,
        Err(Failure::Check { yaml, problems }) => panic!(
            "{problems}
---
{yaml}"
        ),
        Err(Failure::Document(message)) => panic!("{message}"),
    };
    let spec: Value = serde_saphyr::from_str(&after).expect("YAML");
    let at = |pointer: &str| spec.pointer(pointer).cloned();
    assert_eq!(at("/title"), Some("Keeper".into()));
    assert_eq!(at("/types/ReportId/rust"), Some("ReportKey".into()));
    assert_eq!(
        at("/types/ReportId/fields/pid/rust"),
        Some("process_id".into())
    );
    assert!(
        at("/types/ReportId/fields/exit_signal").is_some(),
        "{after}"
    );
    assert_eq!(
        at("/resources/report/methods/finish/rust"),
        Some("complete".into())
    );
    assert_eq!(
        at("/resources/report/methods/finish/headers/Authorization/rust"),
        Some("authorization_header".into())
    );
    assert_eq!(
        at("/resources/global/methods/health/operation"),
        Some("ping".into())
    );
    assert!(at("/resources/ping").is_none(), "{after}");
    assert!(
        at("/resources/global/methods/jobs_detail").is_some(),
        "{after}"
    );
    assert_eq!(at("/errors/shapes/0/code"), Some("/error_code".into()));
}

/// A client parameter the maintainer adds fills its placeholder in every path: on re-import,
/// it is no longer a path parameter of the methods.
#[test]
fn re_importing_leaves_client_parameters_out_of_the_paths() {
    let text = document("progenitor-sample-propolis-server.json");
    let base = import("propolis.json", &text, "propolis").expect("imports");
    let mut edited: Value = serde_saphyr::from_str(&base.yaml).expect("YAML");
    let method = "/resources/instance/methods/issue_crucible_snapshot_request";
    assert!(
        edited
            .pointer(&format!("{method}/path_params/id"))
            .is_some(),
        "{}",
        base.yaml
    );
    edited.as_object_mut().expect("mapping").insert(
        "client_params".into(),
        serde_json::json!({"id": {"doc": "The instance."}}),
    );
    let existing = generator::import::merge::from_json(&edited).to_yaml();
    let after = import_into("propolis.json", &text, "propolis", Some(&existing))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let spec: Value = serde_saphyr::from_str(&after.yaml).expect("YAML");
    assert!(
        spec.pointer(&format!("{method}/path_params/id")).is_none(),
        "{}",
        after.yaml
    );
    assert!(
        spec.pointer(&format!("{method}/path_params/snapshot_id"))
            .is_some()
    );
    assert!(spec.pointer("/client_params/id").is_some());
}

#[test]
fn what_is_not_an_openapi_3_document_is_refused() {
    for text in ["{}", r#"{"swagger": "2.0"}"#, "openapi: 2.0\n", "[1, 2", ""] {
        assert!(
            matches!(import("x.json", text, "x"), Err(Failure::Document(_))),
            "{text}"
        );
    }
}

/// Random structural edits of a JSON document: a value replaced (by another JSON value of any
/// kind), a key removed, a key added, picked by walking the tree with `path`.
fn edit(value: &mut Value, path: &[usize], how: u8, replacement: &Value) {
    let (step, rest) = match path.split_first() {
        Some(split) => split,
        None => return,
    };
    let child = match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(step % map.len())
                .cloned()
                .unwrap_or_default();
            if rest.is_empty() || how.is_multiple_of(7) {
                match how % 3 {
                    0 => {
                        map.remove(&key);
                    }
                    1 => {
                        map.insert(key, replacement.clone());
                    }
                    _ => {
                        map.insert(format!("{key}x"), replacement.clone());
                    }
                }
                return;
            }
            map.get_mut(&key)
        }
        Value::Array(items) if !items.is_empty() => {
            let i = step % items.len();
            if rest.is_empty() || how.is_multiple_of(7) {
                items[i] = replacement.clone();
                return;
            }
            items.get_mut(i)
        }
        _ => {
            *value = replacement.clone();
            return;
        }
    };
    if let Some(child) = child {
        edit(child, rest, how, replacement);
    }
}

/// JSON values that schemas and operations meet: wrong kinds, references that lead nowhere or
/// round in circles, nulls, the schema keywords.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(serde_json::json!(true)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!("")),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"$ref": "#/components/schemas/Nowhere"})),
        Just(serde_json::json!({"$ref": "#/paths"})),
        Just(serde_json::json!({"$ref": "#"})),
        Just(serde_json::json!({"type": ["null", "integer", "string"]})),
        Just(
            serde_json::json!({"oneOf": [{"type": "string"}, {"type": "string", "format": "date-time"}]})
        ),
        Just(
            serde_json::json!({"anyOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "object"}]})
        ),
        Just(
            serde_json::json!({"allOf": [{"$ref": "#/components/schemas/Nowhere"}, {"type": "integer"}]})
        ),
        Just(serde_json::json!({"enum": [1, "a", null]})),
        Just(serde_json::json!({"type": "object", "additionalProperties": {"type": "array"}})),
        Just(
            serde_json::json!({"type": "string", "enum": ["", " ", "null", "Unknown", "unknown", "a-b", "a_b"]})
        ),
        Just(serde_json::json!({"name": "type", "in": "query", "schema": {"type": "object"}})),
        Just(serde_json::json!({"content": {"multipart/form-data": {}}})),
        "[a-z{}/_ -]{0,12}".prop_map(Value::String),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the edit, the importer returns a spec that passes `check` or says the document
    /// is not one it reads: it never panics, and never writes a spec that fails `check`.
    #[test]
    fn edited_documents_import_or_are_refused(
        which in 0usize..2,
        path in proptest::collection::vec(any::<usize>(), 1..8),
        how in any::<u8>(),
        replacement in replacement(),
    ) {
        let name = ["progenitor-sample-keeper.json", "progenitor-sample-propolis-server.json"][which];
        let mut value: Value = serde_json::from_str(&document(name)).expect("the document is JSON");
        edit(&mut value, &path, how, &replacement);
        let text = value.to_string();
        match import("edited.json", &text, "edited") {
            Ok(_) | Err(Failure::Document(_)) => {}
            Err(Failure::Check { yaml, problems }) => {
                return Err(TestCaseError::fail(format!("{problems}\n---\n{yaml}\n--- from\n{text}")));
            }
        }
    }
}

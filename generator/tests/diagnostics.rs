//! Bad specs give precise errors, never a panic: each test asserts the file, line and column a
//! diagnostic points at and a fragment of its message. A `# <- line:column` comment in each spec
//! marks the place the diagnostic is expected to point at.

use generator::{Diagnostic, Error, SpecSource};

/// The path every spec here is loaded under.
const FILE: &str = "fixtures/x.yaml";

/// Every diagnostic `models` reports for `text`; fails if the spec is accepted.
#[track_caller]
fn errors(text: &str) -> Vec<Diagnostic> {
    let source = SpecSource {
        path: FILE.to_owned(),
        text: text.to_owned(),
    };
    match generator::models(&[source]) {
        Err(Error::Spec(diagnostics)) => diagnostics.0,
        Err(other) => panic!("expected spec diagnostics, got: {other}"),
        Ok(_) => panic!("the spec was accepted"),
    }
}

/// The one diagnostic `models` reports for `text`.
#[track_caller]
fn error(text: &str) -> Diagnostic {
    let mut all = errors(text);
    assert_eq!(all.len(), 1, "expected one diagnostic, got {all:#?}");
    all.remove(0)
}

/// Asserts where `d` points and that its message contains `fragment`.
#[track_caller]
fn assert_at(d: &Diagnostic, line: u64, column: u64, fragment: &str) {
    assert_eq!(
        (d.loc.file.as_str(), d.loc.line, d.loc.column),
        (FILE, line, column),
        "wrong place:\n{d}"
    );
    assert!(
        d.message.contains(fragment),
        "message lacks {fragment:?}:\n{d}"
    );
}

/// The help text of `d`, which every diagnostic has.
#[track_caller]
fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or_else(|| panic!("no help:\n{d}"))
}

#[test]
fn unknown_type_in_a_field_names_it_and_lists_the_declared_types() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Operation:
    fields:
      id: {type: string}
      kind: {type: OperationKnd}  # <- 11:20
  OperationKind:
    enum: {vm: , volume: }
  OperationStatus:
    enum: {pending: , done: }
"#,
    );
    assert_at(&d, 11, 20, "unknown type `OperationKnd`");
    let help = help(&d);
    assert!(
        help.contains("(Operation, OperationKind, OperationStatus)"),
        "{help}"
    );
    assert!(
        help.contains("string"),
        "the help lists the scalars: {help}"
    );
}

#[test]
fn unknown_type_inside_list_names_the_inner_type() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Tag:
    fields:
      key: {type: string}
  Server:
    fields:
      tags:
        type: list<Tagg>  # <- 14:15
"#,
    );
    assert_at(&d, 14, 15, "unknown type `Tagg`");
    assert!(help(&d).contains("Server, Tag"), "{d}");
}

#[test]
fn yaml_syntax_error_points_where_the_parser_stopped() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Server:
    fields:
      id: {type: string
      name: {type: string}  # <- 11:11
"#,
    );
    assert_at(&d, 11, 11, "did not find expected ',' or '}'");
    assert!(
        !d.message.contains("at line"),
        "the position is given once, on the `-->` line:\n{d}"
    );
    assert!(help(&d).contains("above is not closed"), "{d}");
}

#[test]
fn unknown_key_is_rejected_with_the_keys_allowed_there() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Server:
    fields:
      description: {type: string, optinal: true}  # <- 10:35
"#,
    );
    assert_at(&d, 10, 35, "unknown field `optinal`");
    assert!(d.message.contains("optional"), "{d}");
}

#[test]
fn bad_http_method_lists_the_methods() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      list:
        method: FETCH  # <- 11:17
        path: /v1/vms
"#,
    );
    assert_at(&d, 11, 17, "unknown variant `FETCH`");
    assert!(d.message.contains("GET, POST, PUT, PATCH, DELETE"), "{d}");
}

#[test]
fn two_fields_on_one_rust_name_name_both_places() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Server:
    fields:
      vm-state: {type: string}  # <- 10:7
      vm_state: {type: string}  # <- 11:7
"#,
    );
    assert_at(&d, 11, 7, "both become the Rust name `vm_state`");
    assert!(d.message.contains("`vm-state`"), "{d}");
    assert!(d.message.contains("fields of `Server`"), "{d}");
    assert!(
        d.message.contains("the other is at fixtures/x.yaml:10:7"),
        "{d}"
    );
    assert!(help(&d).contains("rust:"), "{d}");
}

#[test]
fn enum_values_whose_names_collide_get_distinct_variants() {
    let text = r#"name: ok
title: OK API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Status:
    enum:
      done:
      unknown:
  RebootType:
    enum: {HARD: , Hard: , SOFT: , Soft: , hard: , soft: }
"#;
    let source = SpecSource {
        path: FILE.to_owned(),
        text: text.to_owned(),
    };
    let apis = generator::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let variants = |name: &str| -> Vec<(String, String)> {
        let decl = apis[0].types.iter().find(|t| t.rust == name).expect("type");
        match &decl.kind {
            generator::model::TypeKind::StringEnum(v) => v
                .iter()
                .map(|v| (v.value.clone(), v.rust.clone()))
                .collect(),
            _ => panic!("not an enum"),
        }
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    // `Unknown` is the catch-all for values the SDK does not know.
    assert_eq!(
        variants("Status"),
        pairs(&[("done", "Done"), ("unknown", "UnknownValue")])
    );
    // The value already in the variant's case keeps the plain name.
    assert_eq!(
        variants("RebootType"),
        pairs(&[
            ("HARD", "HardUpper"),
            ("Hard", "Hard"),
            ("SOFT", "SoftUpper"),
            ("Soft", "Soft"),
            ("hard", "HardLower"),
            ("soft", "SoftLower"),
        ])
    );
}

#[test]
fn path_placeholder_must_be_declared() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      get:
        method: GET
        path: /v1/vms/{vm_id}  # <- 12:15
"#,
    );
    assert_at(&d, 12, 15, "path placeholder `{vm_id}` is not declared");
    assert!(help(&d).contains("path_params:"), "{d}");
}

#[test]
fn declared_path_param_must_be_in_the_path() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      delete:
        method: DELETE
        path: /v1/vms
        path_params:
          vm_id: {type: string}  # <- 14:11
"#,
    );
    assert_at(
        &d,
        14,
        11,
        "path parameter `vm_id` is not in the path `/v1/vms`",
    );
    assert!(help(&d).contains("{vm_id}"), "{d}");
}

#[test]
fn type_with_fields_and_enum_is_rejected() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  State:  # <- 8:3
    fields:
      id: {type: string}
    enum:
      active:
"#,
    );
    assert_at(&d, 8, 3, "type `State` has fields, enum");
    assert!(help(&d).contains("exactly one of"), "{d}");
}

#[test]
fn cursor_pagination_needs_the_cursor_query_param() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      list:
        method: GET
        path: /v1/vms
        query:
          limit: {type: int64}
        pagination:
          style: cursor  # <- 16:18
          item: string
"#,
    );
    assert_at(&d, 16, 18, "needs the query parameter `cursor`");
    assert!(help(&d).contains("under `query:`"), "{d}");
}

#[test]
fn custom_cursor_param_must_be_a_query_param() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      list:
        method: GET
        path: /v1/vms
        query:
          cursor: {type: string}
        pagination:
          style: cursor
          item: string
          cursor_param: page_token  # <- 18:25
"#,
    );
    assert_at(&d, 18, 25, "needs the query parameter `page_token`");
}

#[test]
fn every_error_in_a_spec_is_reported_in_order() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Server:
    fields:
      vm-state: {type: string}
      vm_state: {type: string}  # <- 11:7
      image: {type: Imagee}  # <- 12:21
  Status:  # <- 13:3
    enum: {}
resources:
  vms:
    methods:
      get:
        method: GET
        path: /v1/vms/{vm_id}  # <- 20:15
        response: Server
"#,
    );
    let found: Vec<(u64, u64)> = all.iter().map(|d| (d.loc.line, d.loc.column)).collect();
    assert_eq!(found, [(11, 7), (12, 21), (13, 3), (20, 15)], "{all:#?}");
    assert_at(&all[0], 11, 7, "`vm_state`");
    assert_at(&all[1], 12, 21, "`Imagee`");
    assert_at(&all[2], 13, 3, "has no values");
    assert_at(&all[3], 20, 15, "`{vm_id}`");
}

#[test]
fn errors_of_several_specs_are_reported_together_each_with_its_file() {
    let spec = |name: &str, ty: &str| SpecSource {
        path: format!("spec/{name}.yaml"),
        text: format!(
            r#"name: {name}
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Server:
    fields:
      id: {{type: {ty}}}  # <- 10:18
"#
        ),
    };
    let Err(Error::Spec(diagnostics)) =
        generator::models(&[spec("a", "Strin"), spec("b", "string"), spec("c", "Boo")])
    else {
        panic!("specs a and c are wrong");
    };
    let places: Vec<String> = diagnostics.0.iter().map(|d| d.loc.to_string()).collect();
    assert_eq!(places, ["spec/a.yaml:10:18", "spec/c.yaml:10:18"]);
    assert!(diagnostics.0[0].message.contains("`Strin`"));
    assert!(diagnostics.0[1].message.contains("`Boo`"));
}

#[test]
fn display_reads_like_a_compiler_error() {
    let text = r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Operation:
    fields:
      kind: {type: OperationKnd}
"#;
    let source = SpecSource {
        path: FILE.to_owned(),
        text: text.to_owned(),
    };
    let Err(error) = generator::models(&[source]) else {
        panic!("the spec was accepted");
    };
    let shown = error.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 6, "{shown}");
    assert_eq!(lines[0], "error: unknown type `OperationKnd`");
    assert_eq!(lines[1], "  --> fixtures/x.yaml:10:20");
    assert_eq!(lines[2], "   |");
    assert_eq!(lines[3], "10 |       kind: {type: OperationKnd}");
    assert_eq!(lines[4], "   |                    ^^^^^^^^^^^^");
    assert!(
        lines[5].starts_with("   = help: did you mean `Operation`? use a scalar ("),
        "{shown}"
    );
    assert!(
        lines[5].ends_with("or a type declared under `types:` (Operation)"),
        "{shown}"
    );
}

/// Inputs that are not a spec at all still give a diagnostic with a position, not a panic.
#[test]
fn malformed_documents_give_diagnostics() {
    let cases: &[(&str, &str, u64, u64)] = &[
        ("", "unexpected end of input", 1, 1),
        ("42\n", "expected mapping", 1, 1),
        ("- a\n- b\n", "expected mapping", 1, 1),
        (
            "name: a\nname: b\ntitle: t\nbase_url: u\nauth: []\n",
            "duplicate mapping key: name",
            2,
            1,
        ),
        (
            "name: a\nbase_url: u\nauth: []\n",
            "missing field `title`",
            3,
            1,
        ),
        (
            "name: a\ntitle: t\nbase_url: u\nauth:\n  - scheme: basic\n    setter: x\n",
            "unknown variant `basic`",
            5,
            13,
        ),
        (
            "name: a\ntitle: t\nbase_url: u\nauth: []\ntypes:\n  Size:\n    int_enum: {small: }\n",
            "invalid i64",
            7,
            16,
        ),
    ];
    for (text, fragment, line, column) in cases {
        let d = error(text);
        assert_at(&d, *line, *column, fragment);
    }
}

/// A spec with an `Operation` type, an `operations.get` poll method and the given `waiters:`
/// and `errors:` sections (already indented).
fn waiter_spec(sections: &str) -> String {
    format!(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Operation:
    fields:
      id: {{type: string}}
      status: {{type: OperationStatus}}
      note: {{type: string, optional: true}}
  OperationStatus:
    enum: {{pending: , done: , failed: }}
resources:
  operations:
    methods:
      get:
        method: GET
        path: /v1/operations/{{operation_id}}
        path_params:
          operation_id: {{type: string}}
        response: Operation
{sections}"#
    )
}

#[test]
fn a_waiter_with_an_unknown_poll_method_names_it() {
    // Lines 1-23 are the common part; the sections start on line 24.
    let d = error(&waiter_spec(
        r#"waiters:
  Operation:
    poll: operations.fetch  # <- 26:11
    id: id
    state: status
    success: [done]
    failure: [failed]
"#,
    ));
    assert_at(&d, 26, 11, "no method `operations.fetch`");
    assert!(help(&d).contains("operations.get"), "{d}");
}

#[test]
fn a_waiter_state_value_not_in_the_enum_lists_the_values() {
    let d = error(&waiter_spec(
        r#"waiters:
  Operation:
    poll: operations.get
    id: id
    state: status
    success: [done]
    failure: [errored]  # <- 30:15
"#,
    ));
    assert_at(&d, 30, 15, "`errored` is not a value");
    assert!(help(&d).contains("pending, done, failed"), "{d}");
}

#[test]
fn a_waiter_needs_existing_required_id_and_state_fields() {
    let d = error(&waiter_spec(
        r#"waiters:
  Operation:
    poll: operations.get
    id: operation_id  # <- 27:9
    state: status
    success: [done]
    failure: [failed]
"#,
    ));
    assert_at(&d, 27, 9, "`Operation` has no field `operation_id`");

    let d = error(&waiter_spec(
        r#"waiters:
  Operation:
    poll: operations.get
    id: id
    state: note  # <- 28:12
    success: [done]
    failure: [failed]
"#,
    ));
    assert_at(&d, 28, 12, "may be absent");
}

#[test]
fn a_waiter_for_an_unknown_type_and_without_states_is_reported() {
    let all = errors(&waiter_spec(
        r#"waiters:
  Operaton:  # <- 25:3
    poll: operations.get
    id: id
    state: status
    success: [done]
    failure: [failed]
  Operation:  # <- 31:3
    poll: operations.get
    id: id
    state: status
    success: []
    failure: [failed]
"#,
    ));
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], 25, 3, "waiter for unknown type `Operaton`");
    assert_at(&all[1], 31, 3, "lists no success states");
}

#[test]
fn error_shapes_must_be_json_pointers_and_headers_valid() {
    let all = errors(&waiter_spec(
        r#"errors:
  request_id_headers: ["x request id"]  # <- 25:24
  shapes:
    - {code: error.code, message: /error/message}  # <- 27:14
"#,
    ));
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], 25, 24, "not a valid HTTP header name");
    assert_at(&all[1], 27, 14, "`error.code` is not a JSON pointer");
}

#[test]
fn an_idempotency_header_must_be_a_header_name() {
    let d = error(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  billing:
    methods:
      top_up:
        method: POST
        path: /v1/topup
        idempotency_key: "Idempotency Key"  # <- 13:26
"#,
    );
    assert_at(&d, 13, 26, "not a valid HTTP header name");
}

#[test]
fn unprocessed_statuses_are_error_statuses_listed_once() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth: []
unprocessed_statuses:
  - 425
  - 302      # <- 7:5
  - 70000    # <- 8:5
  - -1       # <- 9:5
  - 429      # <- 10:5
  - 425      # <- 11:5
  - 599
"#,
    );
    assert_eq!(all.len(), 5, "{all:#?}");
    assert_at(&all[0], 7, 5, "`302` is not an error status");
    assert_at(&all[1], 8, 5, "`70000` is not an HTTP status");
    assert_at(&all[2], 9, 5, "`-1` is not an HTTP status");
    assert_at(&all[3], 10, 5, "`429` is retried whatever the API says");
    assert_at(&all[4], 11, 5, "`425` is listed twice");
}

#[test]
fn idempotent_is_for_post_and_patch_and_secret_for_headers() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth: []
resources:
  vms:
    methods:
      replace:
        method: PUT
        path: /v1/vms/{id}
        path_params:
          id: {type: string, secret: false}   # <- 12:38
        idempotent: false                     # <- 13:21
      delete:
        method: DELETE
        path: /v1/vms
        idempotent: true                      # <- 17:21
      create:
        method: POST
        path: /v1/vms
        idempotent: true
        headers:
          X-Token: {type: string, secret: true}
        body:
          fields:
            name: {type: string, secret: true}  # <- 26:42
"#,
    );
    assert_eq!(all.len(), 4, "{all:#?}");
    assert_at(&all[0], 12, 38, "`id` cannot be secret: it is not a header");
    assert_at(
        &all[1],
        13,
        21,
        "`vms.replace` is a PUT, which is idempotent already",
    );
    assert_at(&all[2], 17, 21, "`vms.delete` is a DELETE");
    assert_at(&all[3], 26, 42, "`name` cannot be secret");
}

/// Every name the builder or the client defines is taken: a client parameter, URL parameter,
/// credential setter or resource given one of them (`rust:`, `setter:`) is reported, not
/// emitted twice, and so are two spec names landing on one Rust name.
#[test]
fn builder_and_client_names_are_reserved() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://{max_retries}.example.com
url_params:
  max_retries: {rust: max_retries}   # <- 5:23
client_params:
  options: {rust: options}           # <- 7:19
  builder: {rust: builder}           # <- 8:19
  project: {}
auth:
  - scheme: bearer
    setter: configure_http           # <- 12:13
resources:
  clone: {rust: clone, methods: {get: {method: GET, path: /v1/c}}}   # <- 14:17
  project: {methods: {get: {method: GET, path: /v1/p}}}              # <- 15:3
"#,
    );
    assert_eq!(all.len(), 6, "{all:#?}");
    assert_at(&all[0], 5, 23, "fields of `ClientBuilder`");
    assert_at(&all[1], 7, 19, "a field every builder has");
    assert_at(&all[2], 8, 19, "a method of every client");
    assert_eq!(help(&all[2]), "give it another Rust name with `rust:`");
    assert_at(&all[3], 12, 13, "a method every builder has");
    assert_eq!(help(&all[3]), "give it another Rust name with `setter:`");
    assert_at(&all[4], 14, 17, "`Clone::clone`");
    assert_at(&all[5], 15, 3, "methods of `Client`");
}

/// The same names derived from spec names are not errors: they get a `_` (types `Model`,
/// handles `Resource`), whatever else the spec declares.
#[test]
fn derived_names_the_generator_reserves_get_a_suffix() {
    let source = SpecSource {
        path: FILE.to_owned(),
        text: r#"name: fine
title: Fine API
base_url: https://{max_retries}.example.com
url_params:
  max_retries: {}
client_params:
  options: {}
  auth: {}
auth: []
types:
  Into: {fields: {new: {type: string, optional: true}, wait: {type: string, optional: true}}}
resources:
  clone: {methods: {into: {method: GET, path: /v1/x}}}
  option: {methods: {get: {method: GET, path: /v1/o}}}
"#
        .to_owned(),
    };
    let apis = generator::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let api = &apis[0];
    let names = |values: &[generator::model::ClientValue]| -> Vec<String> {
        values.iter().map(|v| v.rust.clone()).collect()
    };
    assert_eq!(names(&api.url_params), ["max_retries_"]);
    assert_eq!(names(&api.client_params), ["options_", "auth_"]);
    assert_eq!(api.types[0].rust, "IntoModel");
    let generator::model::TypeKind::Object(fields) = &api.types[0].kind else {
        panic!("an object")
    };
    let setters: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.rust.as_str(), f.setter.as_str()))
        .collect();
    assert_eq!(setters, [("new", "new_"), ("wait", "wait_")]);
    assert_eq!(api.resources[0].accessor, "clone_");
    assert_eq!(api.resources[0].methods[0].rust, "into_");
    assert_eq!(
        (
            api.resources[1].accessor.as_str(),
            api.resources[1].rust.as_str()
        ),
        ("option", "OptionResource")
    );
}

#[test]
fn idempotency_key_prefixes_are_header_text_and_need_a_key() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth: []
idempotency_key_prefix: "my prefix "   # <- 5:25
resources:
  vms:
    methods:
      create:
        method: POST
        path: /v1/vms
        idempotency_key: X-Client-Token
      restart:
        method: POST
        path: /v1/vms/restart
        idempotency_key_prefix: vm-     # <- 16:33
"#,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], 5, 25, "is not header text");
    assert_at(
        &all[1],
        16,
        33,
        "has an `idempotency_key_prefix` but no `idempotency_key`",
    );
}

/// A waiter's `poll` names the method as the spec does, whatever its Rust name (`new` is
/// `new_` in Rust, `get-job` is `get_job`).
#[test]
fn a_waiter_finds_its_poll_method_by_the_spec_name() {
    let source = SpecSource {
        path: FILE.to_owned(),
        text: r#"name: fine
title: Fine API
base_url: https://api.example.com
auth: []
waiters:
  Job: {poll: jobs.new, id: id, state: status, success: [done], failure: [failed]}
  Task: {poll: tasks.get-task, id: id, state: status, success: [done], failure: [failed]}
types:
  Job: {fields: {id: {type: string}, status: {type: string}}}
  Task: {fields: {id: {type: string}, status: {type: string}}}
resources:
  jobs:
    methods:
      new: {method: GET, path: "/v1/jobs/{id}", path_params: {id: {type: string}}, response: Job}
  tasks:
    methods:
      get-task:
        method: GET
        path: "/v1/tasks/{id}"
        path_params: {id: {type: string}}
        response: Task
"#
        .to_owned(),
    };
    let apis = generator::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
    let polls: Vec<&str> = apis[0]
        .waiters
        .iter()
        .map(|w| w.poll_method.as_str())
        .collect();
    assert_eq!(polls, ["new_", "get_task"]);
}

/// A resource with nothing in it would be a handle nobody can use (and dead code).
#[test]
fn an_empty_resource_is_reported() {
    let all = errors(
        "name: bad\ntitle: Bad API\nbase_url: https://api.example.com\nauth: []\nresources:\n  \
         empty: {}\n",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_at(
        &all[0],
        6,
        3,
        "the resource `empty` has no methods and no resources",
    );
}

#[test]
fn an_object_too_wide_to_write_is_rejected_with_a_hint_to_group_its_fields() {
    // A struct literal names every field, set or not: 5,000 optional fields are a value of
    // 5,001 parts, which every generated test of the type would write out.
    let mut text = String::from(
        "name: bad\ntitle: Bad API\nbase_url: https://api.example.com\nauth:\n  - scheme: bearer\n    setter: api_key\ntypes:\n  Wide:\n    fields:\n",
    );
    for i in 0..5000 {
        text.push_str(&format!("      f{i}: {{type: string, optional: true}}\n"));
    }
    text.push_str("resources:\n  things:\n    methods:\n      get:\n        method: GET\n        path: /v1/things\n        response: Wide\n");
    let d = error(&text);
    assert_at(&d, 8, 3, "holds at least 5001 values");
    assert!(
        help(&d).contains("`Wide` has 5000 fields") && help(&d).contains("nested object types"),
        "{d}"
    );
}

#[test]
fn a_type_nested_past_the_limit_is_rejected_not_recursed_into() {
    // 100,000 levels would overflow the stack of any pass that recursed once per level.
    let depth = 100_000;
    let ty = format!("{}string{}", "list<".repeat(depth), ">".repeat(depth));
    let text = format!(
        "name: bad\ntitle: Bad API\nbase_url: https://api.example.com\nauth:\n  - scheme: bearer\n    setter: api_key\ntypes:\n  Deep:\n    fields:\n      x: {{type: \"{ty}\"}}\nresources:\n  things:\n    methods:\n      get: {{method: GET, path: /v1/things, response: Deep}}\n"
    );
    let d = error(&text);
    assert_at(&d, 10, 17, "nests lists and maps more than 32 deep");
    assert!(help(&d).contains("a type of its own"), "{d}");
    // The source line is shown around the column, not whole.
    assert!(d.to_string().len() < 1000, "{}", d.to_string().len());
}

#[test]
fn an_operation_name_is_a_name_and_belongs_to_one_method() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
resources:
  vms:
    methods:
      get:
        operation: Show Vm  # <- 11:20
        method: GET
        path: /v1/vms
      list:
        operation: ListVms
        method: GET
        path: /v1/vms
      list_all:
        operation: ListVms  # <- 19:20
        method: GET
        path: /v1/vms/all
"#,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], 11, 20, "`vms.get` names the operation \"Show Vm\"");
    assert!(help(&all[0]).contains("ListServersDetails"), "{}", all[0]);
    assert_at(
        &all[1],
        19,
        20,
        "`vms.list_all` names the operation `ListVms`, which `vms.list` names already",
    );
}

#[test]
fn a_marker_comes_from_the_last_item_or_the_answer_not_both() {
    let all = errors(
        r#"name: bad
title: Bad API
base_url: https://api.example.com
auth:
  - scheme: bearer
    setter: api_key
types:
  Vm:
    fields:
      id: {type: string}
resources:
  vms:
    methods:
      list:
        method: GET
        path: /v1/vms
        query: {marker: {type: string}, limit: {type: int32}}
        pagination:
          style: marker
          item: Vm
          marker_field: id  # <- 21:25
          next_marker: page_info.next_marker
      list_all:
        method: GET
        path: /v1/vms/all
        query: {marker: {type: string}, limit: {type: int32}}
        pagination:
          style: marker
          item: Vm
          next_marker: page_info..next  # <- 30:24
"#,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(
        &all[0],
        21,
        25,
        "`marker_field:` and `next_marker:` both say where the next marker comes from",
    );
    assert_at(&all[1], 30, 24, "`page_info..next` is not a field path");
    assert!(
        help(&all[1]).contains("page_info.next_marker"),
        "{}",
        all[1]
    );
}

/// Where `needle` first starts in `text` (line and column from 1), so the tests of the
/// additions below point at what they mean without counting columns by hand.
#[track_caller]
fn place(text: &str, needle: &str) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the spec"));
    let line = text[..at].matches('\n').count() as u64 + 1;
    let column = (at - text[..at].rfind('\n').map_or(0, |n| n + 1)) as u64 + 1;
    (line, column)
}

/// Asserts that `d` points at the first `needle` of `text` and its message holds `fragment`.
#[track_caller]
fn assert_on(d: &Diagnostic, text: &str, needle: &str, fragment: &str) {
    let (line, column) = place(text, needle);
    assert_at(d, line, column, fragment);
}

/// A spec with one resource `things` whose methods are `methods` (indented by six spaces),
/// and the types `types` (indented by two).
fn methods_spec(types: &str, methods: &str) -> String {
    format!(
        "name: bad\ntitle: Bad API\nbase_url: https://api.example.com\nauth: []\ntypes:\n  \
         Thing:\n    fields:\n      id: {{type: string}}\n{types}resources:\n  things:\n    \
         methods:\n{methods}"
    )
}

/// `explode:` is for list query parameters only: on a scalar query parameter, a header or a
/// path parameter it is reported at the key's value, saying what to do.
#[test]
fn explode_is_for_list_query_parameters() {
    let text = methods_spec(
        "",
        r#"      get:
        method: GET
        path: /v1/things/{id}
        path_params:
          id: {type: string, explode: false}
        query:
          limit: {type: int32, explode: false}
          ids: {type: list<string>, explode: false}
        headers:
          X-Ids: {type: list<string>, explode: true}
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "false}\n        query",
        "`id` is a path parameter",
    );
    assert!(help(&all[0]).contains("remove `explode:`"), "{}", all[0]);
    assert_on(
        &all[1],
        &text,
        "false}\n          ids",
        "`limit` has the type `int32`",
    );
    assert!(help(&all[1]).contains("`list<...>`"), "{}", all[1]);
    assert_on(&all[2], &text, "true}", "`X-Ids` is a header");
}

/// A raw body is the bytes the caller gives: `type:`, `fields:`, `wrap:` and `form:` beside
/// it are reported, and so is a content type that is not a media type.
#[test]
fn a_wrapped_null_body_needs_its_key_and_nothing_else() {
    let text = methods_spec(
        "",
        r#"      unkeyed:
        method: POST
        path: /v1/things/a
        body: {wrap_null: true}
      filled:
        method: POST
        path: /v1/things/b
        body: {wrap: reserve, wrap_null: true, type: Thing}
      ok:
        method: POST
        path: /v1/things/c
        body: {wrap: unreserve, wrap_null: true}
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "true}\n      filled",
        "the body of `things.unkeyed` has `wrap_null: true` but no `wrap:`",
    );
    assert!(help(&all[0]).contains("add `wrap: <key>`"), "{}", all[0]);
    assert_on(
        &all[1],
        &text,
        "true, type",
        "the wrapped `null` body of `things.filled` cannot also have `type:` or `fields:`",
    );
}

#[test]
fn a_raw_body_stands_alone_and_names_a_media_type() {
    let text = methods_spec(
        "",
        r#"      upload:
        method: PUT
        path: /v1/things/a
        body: {raw: application/octet-stream, type: Thing, wrap: x}
      note:
        method: POST
        path: /v1/things/b
        body:
          raw: plain text
      ok:
        method: POST
        path: /v1/things/c
        body: {raw: "text/plain; charset=utf-8"}
        response: text
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "application/octet-stream",
        "the raw body of `things.upload` cannot also have `type:`, `wrap:`",
    );
    assert!(
        help(&all[0]).contains("remove the other keys"),
        "{}",
        all[0]
    );
    assert_on(
        &all[1],
        &text,
        "plain text",
        "`plain text` is not a content type",
    );
    assert!(
        help(&all[1]).contains("application/octet-stream"),
        "{}",
        all[1]
    );
}

/// A form body sends its inline fields: with `type:` or `wrap:`, without `fields:`, with a
/// field that is not text or one that may be `null`, it is reported.
#[test]
fn a_form_body_sends_text_fields() {
    let text = methods_spec(
        "",
        r#"      named:
        method: POST
        path: /v1/things/a
        body: {form: true, type: Thing}
      empty:
        method: POST
        path: /v1/things/b
        body: {form: true}
      fields:
        method: POST
        path: /v1/things/c
        body:
          form: true
          fields:
            thing: {type: Thing}
            names: {type: list<string>}
            note: {type: string, nullable: true}
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 4, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "true, type",
        "the form body of `things.named` cannot also have `type:`",
    );
    assert_on(&all[1], &text, "true}\n      fields", "has no `fields:`");
    assert!(help(&all[1]).contains("under `fields:`"), "{}", all[1]);
    assert_on(
        &all[2],
        &text,
        "Thing}\n            names",
        "form field `thing`",
    );
    assert!(help(&all[2]).contains("JSON body"), "{}", all[2]);
    assert_on(
        &all[3],
        &text,
        "note:",
        "form field `note` cannot be nullable",
    );
}

/// `bytes` and `text` are the answer as it came in `response:`, and the scalar names are
/// the scalars: a type cannot take any of them.
#[test]
fn types_cannot_be_named_like_answer_kinds_or_scalars() {
    let text = methods_spec(
        "  bytes:\n    fields:\n      a: {type: string}\n  uint64:\n    fields:\n      b: {type: string}\n",
        r#"      get:
        method: GET
        path: /v1/things
        response: bytes
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_on(&all[0], &text, "bytes:", "a type cannot be named `bytes`");
    assert!(help(&all[0]).contains("rename the type"), "{}", all[0]);
    assert_on(&all[1], &text, "uint64:", "a type cannot be named `uint64`");
}

/// An unsigned and a signed integer each hold values the other does not, so either may come
/// first in a union; a type that takes every value of a later one may not: `int64` takes
/// every `uint32`, `uint64` every `uint32`.
#[test]
fn unions_order_unsigned_integers_by_the_values_they_take() {
    let text = methods_spec(
        r#"  Mixed:
    union: [uint64, int64, uint32, int32]
  Wide:
    union: [int64, uint32]
  Wider:
    union: [uint64, int32, uint32]
"#,
        r#"      get:
        method: GET
        path: /v1/things
        response: Mixed
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 4, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "uint32, int32]",
        "the earlier member `uint64`",
    );
    assert_on(
        &all[1],
        &text,
        "int32]\n  Wide",
        "the earlier member `int64`",
    );
    assert_on(
        &all[2],
        &text,
        "uint32]\n  Wider",
        "the earlier member `int64`",
    );
    assert_on(
        &all[3],
        &text,
        "uint32]\nresources",
        "the earlier member `uint64`",
    );
    assert!(
        help(&all[3]).contains("put the more specific one first"),
        "{}",
        all[3]
    );
}

/// `format:` and `pattern:` are for strings (or lists and maps of them), and a format is a
/// lowercase name: each mistake is reported at the key's value.
#[test]
fn format_and_pattern_are_for_strings() {
    let text = methods_spec(
        "  Box:\n    fields:\n      size: {type: int64, format: uuid}\n      tags: {type: list<string>, format: uuid, pattern: '^[a-z]+$'}\n",
        r#"      get:
        method: GET
        path: /v1/things/{id}
        path_params:
          id: {type: string, format: UUID}
        query:
          limit: {type: int32, pattern: '^\d+$'}
        response: Box
"#,
    );
    let all = errors(&text);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_on(
        &all[0],
        &text,
        "uuid}\n      tags",
        "`format: uuid` is for strings",
    );
    assert_on(&all[1], &text, "UUID}", "`UUID` is not a format name");
    assert_on(&all[2], &text, "'^\\d+$'}", "`pattern:` is for strings");
}

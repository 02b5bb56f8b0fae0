//! `cargo xtask synth-spec N`: a deterministic synthetic spec with N endpoints and N/2 types, in
//! the real spec format, for benchmarking the generator and the build of what it generates.
//!
//! The spec exercises the constructs real specs use: objects with scalar, list, map, named and
//! enum fields (required, optional and nullable), string enums, named maps, resources nested
//! three levels deep, path, query, header and body parameters (inline, named and wrapped),
//! cursor pagination, idempotency keys, empty responses, and an `Operation` type that most
//! mutating methods return and whose waiter polls `operations.get`. No randomness: the text is a
//! pure function of N. `generator/benches/generate.rs` includes this file, so the benchmark and
//! `cargo xtask synth-spec` generate the same text.
//!
//! Types refer to each other within blocks of ten, so no type nests more than three objects
//! deep, as in real APIs. `--chain` instead makes each object refer to the one before it (a
//! chain as deep as there are objects): a stress test of how the generator's output grows with
//! nesting depth (`BENCHMARKS.md`, findings).

use std::fmt::Write as _;

/// How many entity resources go under one top-level group resource.
const ENTITIES_PER_GROUP: usize = 10;

/// Values of the synthetic string enums: a mix of spellings the naming layer must handle.
const ENUM_VALUES: &[&str] = &[
    "active",
    "inactive",
    "pending-delete",
    "in_review",
    "ARCHIVED",
    "v2",
    "read-only",
];

/// What a synthetic type is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Object,
    Enum,
    Map,
}

/// The synthetic types, by index: most are objects, every fifth an enum, every twentieth a
/// named map.
fn kind(index: usize) -> Kind {
    match index % 20 {
        3 | 8 | 13 | 18 => Kind::Enum,
        19 => Kind::Map,
        _ => Kind::Object,
    }
}

fn type_name(index: usize) -> String {
    match kind(index) {
        Kind::Object => format!("Model{index:04}"),
        Kind::Enum => format!("Status{index:04}"),
        Kind::Map => format!("Labels{index:04}"),
    }
}

/// The nearest type of `wanted` kind below `index`, if any (references only point backwards, so
/// the types form no cycle).
fn below(index: usize, wanted: Kind) -> Option<usize> {
    (0..index).rev().find(|&i| kind(i) == wanted)
}

/// Types per block: objects refer only to objects of their own block.
const BLOCK: usize = 10;

/// The object an object's optional `parent` field holds: the first object of its block (which
/// refers to no object), or with `chain` the object just before it.
fn parent_of(index: usize, chain: bool) -> Option<usize> {
    if chain {
        below(index, Kind::Object)
    } else {
        let first = index - index % BLOCK;
        (index != first).then_some(first)
    }
}

/// The object an object's optional `children` list holds: the second object of its block (whose
/// parent is the first), or with `chain` the parent's parent.
fn child_of(index: usize, chain: bool) -> Option<usize> {
    if chain {
        parent_of(index, true).and_then(|p| below(p, Kind::Object))
    } else {
        let second = index - index % BLOCK + 1;
        (index > second).then_some(second)
    }
}

/// The value type of a named map: the first object of its block, or with `chain` the object just
/// before it.
fn map_value_of(index: usize, chain: bool) -> Option<usize> {
    if chain {
        below(index, Kind::Object)
    } else {
        Some(index - index % BLOCK)
    }
}

/// The object type with the `n`th index among objects, wrapping around.
fn nth_object(objects: &[usize], n: usize) -> usize {
    objects[n % objects.len()]
}

/// The spec of a synthetic API with `endpoints` endpoints and `endpoints / 2` types (at least
/// the two `Operation` types), nested at most three objects deep.
pub fn synth_spec(endpoints: usize) -> String {
    synth_spec_with(endpoints, false)
}

/// [`synth_spec`], or with `chain` objects that nest as deep as there are objects.
pub fn synth_spec_with(endpoints: usize, chain: bool) -> String {
    let endpoints = endpoints.max(1);
    // `Operation` and `OperationStatus` are two of the types.
    let synthetic_types = (endpoints / 2).saturating_sub(2).max(1);
    let mut out = String::with_capacity(endpoints * 900 + synthetic_types * 900);
    let w = &mut out;
    let _ = writeln!(
        w,
        "# A synthetic API for benchmarks: {endpoints} endpoints, {} types. Made by \
         `cargo xtask synth-spec {endpoints}{}`; do not edit.",
        synthetic_types + 2,
        if chain { " --chain" } else { "" }
    );
    w.push_str(
        "name: synth
title: Synthetic API
doc: |
  A synthetic API that exercises every construct of the spec format at scale, for benchmarks.
base_url: https://api.synth.example
base_url_env: SYNTH_BASE_URL
auth:
  - scheme: bearer
    setter: api_key
    env: SYNTH_API_KEY
    doc: the API key.

errors:
  request_id_headers: [x-request-id]

# A cargo feature per group: synth-group000, ...
resource_features: true

waiters:
  Operation:
    poll: operations.get
    id: id
    state: status
    success: [done]
    failure: [failed]

types:
  Operation:
    doc: Long-running work on a resource.
    fields:
      id: {type: string, doc: Unique identifier of the operation.}
      status: {type: OperationStatus, doc: Where the work is.}
      resource_id: {type: string, doc: The resource the operation acts on.}
      created_at: {type: datetime, doc: When the operation was created.}
      error: {type: string, optional: true, nullable: true, doc: Why the operation failed.}

  OperationStatus:
    doc: Status of an operation.
    enum:
      pending: {doc: Not started yet.}
      running: {doc: In progress.}
      done: {doc: Finished.}
      failed: {doc: Finished with an error.}
",
    );

    let objects: Vec<usize> = (0..synthetic_types)
        .filter(|&i| kind(i) == Kind::Object)
        .collect();
    for index in 0..synthetic_types {
        write_type(w, index, chain);
    }

    w.push_str(
        "
resources:
  operations:
    doc: Long-running operations.
    methods:
      get:
        doc: Get an operation.
        method: GET
        path: /v1/operations/{operation_id}
        path_params:
          operation_id: {type: string, doc: ID of the operation.}
        response: Operation
",
    );
    let mut left = endpoints - 1;
    let mut entity = 0;
    while left > 0 {
        if entity % ENTITIES_PER_GROUP == 0 {
            let group = entity / ENTITIES_PER_GROUP;
            let _ = write!(
                w,
                "
  group{group:03}:
    doc: Group {group} of synthetic resources.
    resources:
"
            );
        }
        left -= write_entity(w, entity, &objects, synthetic_types, left);
        entity += 1;
    }
    out
}

/// Writes one type declaration.
fn write_type(w: &mut String, index: usize, chain: bool) {
    let name = type_name(index);
    let _ = writeln!(w, "\n  {name}:");
    match kind(index) {
        Kind::Enum => {
            let _ = writeln!(w, "    doc: State of a synthetic resource ({index}).");
            w.push_str("    enum:\n");
            let count = 3 + index % 4;
            for value in ENUM_VALUES.iter().take(count) {
                let _ = writeln!(w, "      {value}: {{doc: The {value} state.}}");
            }
        }
        Kind::Map => {
            let _ = writeln!(
                w,
                "    doc: Named values of a synthetic resource ({index})."
            );
            match map_value_of(index, chain) {
                Some(object) => {
                    let _ = writeln!(w, "    map: {}", type_name(object));
                }
                None => w.push_str("    map: string\n"),
            }
        }
        Kind::Object => {
            let _ = writeln!(w, "    doc: A synthetic resource ({index}).");
            w.push_str("    fields:\n");
            w.push_str("      id: {type: string, doc: Unique identifier.}\n");
            w.push_str("      name: {type: string, doc: Display name.}\n");
            w.push_str(
                "      description: {type: string, optional: true, nullable: true, doc: Free text.}\n",
            );
            w.push_str("      created_at: {type: datetime, doc: When it was created.}\n");
            w.push_str(
                "      updated_at: {type: datetime, optional: true, doc: When it last changed.}\n",
            );
            w.push_str("      size: {type: int64, doc: Size in bytes.}\n");
            w.push_str("      replicas: {type: int32, optional: true, doc: Number of copies.}\n");
            w.push_str("      enabled: {type: bool, doc: Whether it serves traffic.}\n");
            w.push_str("      tags: {type: list<string>, doc: Tags.}\n");
            w.push_str(
                "      labels: {type: map<string>, optional: true, doc: Key-value labels.}\n",
            );
            if index.is_multiple_of(3) {
                w.push_str("      ratio: {type: float64, optional: true, doc: A fraction.}\n");
                w.push_str("      price: {type: decimal, optional: true, doc: Monthly price.}\n");
                w.push_str("      day: {type: date, optional: true, doc: Billing day.}\n");
                w.push_str("      extra: {type: json, optional: true, doc: Anything else.}\n");
            }
            if let Some(status) = below(index, Kind::Enum) {
                let _ = writeln!(
                    w,
                    "      status: {{type: {}, doc: Current state.}}",
                    type_name(status)
                );
            }
            if let Some(parent) = parent_of(index, chain) {
                let _ = writeln!(
                    w,
                    "      parent: {{type: {}, optional: true, doc: The resource this one belongs to.}}",
                    type_name(parent)
                );
            }
            if let Some(child) = child_of(index, chain) {
                let _ = writeln!(
                    w,
                    "      children: {{type: 'list<{}>', optional: true, doc: Resources under this one.}}",
                    type_name(child)
                );
            }
            // The first object of a block refers to no other object (maps hold first objects).
            let first = index.is_multiple_of(BLOCK);
            if let Some(map) = below(index, Kind::Map).filter(|_| chain || !first) {
                let _ = writeln!(
                    w,
                    "      attachments: {{type: {}, optional: true, nullable: true, doc: Attached resources by name.}}",
                    type_name(map)
                );
            }
        }
    }
}

/// Writes entity resource `entity` (under its group) with at most `budget` endpoints: list,
/// create, get, update, delete, an action, and a nested `snapshots` resource with list and get.
/// Returns how many endpoints it wrote.
fn write_entity(
    w: &mut String,
    entity: usize,
    objects: &[usize],
    synthetic_types: usize,
    budget: usize,
) -> usize {
    const METHODS: usize = 8;
    let count = budget.min(METHODS);
    let group = entity / ENTITIES_PER_GROUP;
    let name = format!("item{entity:04}");
    let id = format!("{name}_id");
    let collection = format!("/v1/group{group:03}/{name}s");
    let one = format!("{collection}/{{{id}}}");
    let item = type_name(nth_object(objects, entity));
    let config = type_name(nth_object(objects, entity * 7 + 3));
    let status = below(synthetic_types, Kind::Enum)
        .map(|last| {
            // Some enum at or below the last one, varying with the entity.
            let enums: Vec<usize> = (0..=last).filter(|&i| kind(i) == Kind::Enum).collect();
            type_name(enums[entity % enums.len()])
        })
        .unwrap_or_else(|| "OperationStatus".to_owned());

    let _ = write!(
        w,
        "      {name}:
        doc: Synthetic resource {entity}.
        methods:
"
    );
    let methods: [&dyn Fn(&mut String); METHODS - 2] = [
        &|w| {
            let _ = write!(
                w,
                "          list:
            doc: List the {name}s.
            method: GET
            path: {collection}
            query:
              cursor: {{type: string, doc: Cursor of the page to fetch.}}
              limit: {{type: int64, doc: Items per page.}}
              name: {{type: string, doc: Filter by name.}}
              status: {{type: {status}, doc: Filter by state.}}
              tags: {{type: list<string>, doc: Filter by tags; repeated.}}
              created_after: {{type: datetime, doc: Only those created after this instant.}}
            pagination:
              style: cursor
              item: {item}
"
            );
        },
        &|w| {
            let _ = write!(
                w,
                "          create:
            doc: Create a {name}.
            method: POST
            path: {collection}
            headers:
              Idempotency-Key: {{type: string, doc: Makes retries safe.}}
            idempotency_key: Idempotency-Key
            body:
              fields:
                name: {{type: string, required: true, doc: Display name.}}
                size: {{type: int64, required: true, doc: Size in bytes.}}
                description: {{type: string, doc: Free text.}}
                tags: {{type: list<string>, doc: Tags.}}
                labels: {{type: map<string>, doc: Key-value labels.}}
                status: {{type: {status}, doc: Initial state.}}
                config: {{type: {config}, doc: Configuration.}}
            response: Operation
"
            );
        },
        &|w| {
            let _ = write!(
                w,
                "          get:
            doc: Get a {name}.
            method: GET
            path: {one}
            path_params:
              {id}: {{type: string, doc: ID of the {name}.}}
            response: {item}
"
            );
        },
        &|w| {
            if entity.is_multiple_of(2) {
                let _ = write!(
                    w,
                    "          update:
            doc: Change a {name}.
            method: PATCH
            path: {one}
            path_params:
              {id}: {{type: string, doc: ID of the {name}.}}
            body:
              fields:
                name: {{type: string, doc: Display name.}}
                description: {{type: string, nullable: true, doc: Free text; null clears it.}}
                tags: {{type: list<string>, doc: Replaces the tags.}}
                enabled: {{type: bool, doc: Whether it serves traffic.}}
            response: {item}
"
                );
            } else {
                let _ = write!(
                    w,
                    "          replace:
            doc: Replace a {name}.
            method: PUT
            path: {one}
            path_params:
              {id}: {{type: string, doc: ID of the {name}.}}
            body: {{type: {item}}}
            response: {item}
"
                );
            }
        },
        &|w| {
            let response = if entity.is_multiple_of(3) {
                ""
            } else {
                "            response: Operation\n"
            };
            let _ = write!(
                w,
                "          delete:
            doc: Delete a {name}.
            method: DELETE
            path: {one}
            path_params:
              {id}: {{type: string, doc: ID of the {name}.}}
{response}"
            );
        },
        &|w| {
            let _ = write!(
                w,
                "          restart:
            doc: Restart a {name}.
            method: POST
            path: {one}/action
            path_params:
              {id}: {{type: string, doc: ID of the {name}.}}
            body:
              wrap: restart
              fields:
                mode: {{type: {status}, required: true, positional: true, doc: How to restart.}}
                force: {{type: bool, doc: Skip the graceful shutdown.}}
            response: Operation
"
            );
        },
    ];
    let own = count.min(methods.len());
    for method in &methods[..own] {
        method(w);
    }
    if count > own {
        let snapshot = type_name(nth_object(objects, entity + 1));
        let _ = write!(
            w,
            "        resources:
          snapshots:
            doc: Snapshots of a {name}.
            methods:
              list:
                doc: List the snapshots of a {name}.
                method: GET
                path: {one}/snapshots
                path_params:
                  {id}: {{type: string, doc: ID of the {name}.}}
                query:
                  cursor: {{type: string, doc: Cursor of the page to fetch.}}
                  limit: {{type: int32, doc: Items per page.}}
                pagination:
                  style: cursor
                  item: {snapshot}
"
        );
        if count > own + 1 {
            let _ = write!(
                w,
                "              get:
                doc: Get a snapshot of a {name}.
                method: GET
                path: {one}/snapshots/{{snapshot_id}}
                path_params:
                  {id}: {{type: string, doc: ID of the {name}.}}
                  snapshot_id: {{type: string, doc: ID of the snapshot.}}
                response: {snapshot}
"
            );
        }
    }
    count
}

//! Round-trip tests of the generated types: every example from the seed pages decodes into its
//! type and encodes back to equal JSON, open enums keep unknown values, the
//! `OperationFieldDiffFrom`/`To` unions pick the right member, and a field that may be absent or
//! `null` is written back as it came.

use generated_sdk::ecs::{RebootType, ServerDetail};
use generated_sdk::nirvana::{
    CursorPage, Operation, OperationFieldDiff, OperationFieldDiffFrom, OperationFieldDiffTo,
    OperationKind, OperationStatus, OperationType,
};
use sdk_tests::{fixture_json, fixture_text};
use serde_json::{Value, json};

/// Decodes an `Operation` from JSON text and checks that it encodes back to the same JSON value.
fn operation_round_trip(text: &str) -> Operation {
    let expected: Value = serde_json::from_str(text).expect("test input is JSON");
    let operation: Operation = serde_json::from_str(text).expect("decodes as Operation");
    let encoded = serde_json::to_value(&operation).expect("encodes");
    assert_eq!(encoded, expected, "Operation did not round-trip");
    operation
}

/// Decodes an `OperationFieldDiff` and checks that it encodes back to the same JSON value.
fn diff_round_trip(value: Value) -> OperationFieldDiff {
    let diff: OperationFieldDiff =
        serde_json::from_value(value.clone()).expect("decodes as OperationFieldDiff");
    let encoded = serde_json::to_value(&diff).expect("encodes");
    assert_eq!(encoded, value, "OperationFieldDiff did not round-trip");
    diff
}

/// The seed example operation with `field` replaced by `value`.
fn example_operation_with(field: &str, value: Value) -> String {
    let mut operation = fixture_json("nirvana_get_operation.json");
    operation[field] = value;
    operation.to_string()
}

/// Checks the values every seed example operation carries.
fn assert_is_seed_example(operation: &Operation) {
    assert_eq!(operation.id, "123e4567-e89b-12d3-a456-426614174000");
    assert_eq!(operation.project_id, "123e4567-e89b-12d3-a456-426614174000");
    assert_eq!(
        operation.resource_id,
        "123e4567-e89b-12d3-a456-426614174000"
    );
    assert_eq!(operation.kind, OperationKind::Vm);
    assert_eq!(operation.status, OperationStatus::Pending);
    assert_eq!(operation.r#type, OperationType::Create);
    assert_eq!(operation.created_at.to_string(), "2025-01-01T00:00:00Z");
    assert_eq!(
        operation.created_at.into_inner().unix_timestamp(),
        1_735_689_600
    );
    assert_eq!(
        operation.updated_at.into_inner().unix_timestamp(),
        1_735_689_600
    );
    let changes = &operation.details.as_ref().expect("details").changes;
    assert_eq!(changes.keys().collect::<Vec<_>>(), ["foo"]);
    assert_eq!(
        changes["foo"].from,
        OperationFieldDiffFrom::String("string".into())
    );
    assert_eq!(
        changes["foo"].to,
        OperationFieldDiffTo::String("string".into())
    );
}

#[test]
fn restart_vm_example_round_trips() {
    let operation = operation_round_trip(&fixture_text("nirvana_restart_vm.json"));
    assert_is_seed_example(&operation);
}

#[test]
fn get_operation_example_round_trips() {
    let operation = operation_round_trip(&fixture_text("nirvana_get_operation.json"));
    assert_is_seed_example(&operation);
}

#[test]
fn list_operations_example_round_trips() {
    let text = fixture_text("nirvana_list_operations.json");
    let page: CursorPage<Operation> = serde_json::from_str(&text).expect("decodes as a page");
    assert_eq!(
        serde_json::to_value(&page).expect("encodes"),
        fixture_json("nirvana_list_operations.json")
    );
    assert_eq!(page.items.len(), 1);
    assert_is_seed_example(&page.items[0]);
    assert_eq!(
        page.pagination.next_cursor.as_deref(),
        Some("RhwniMT4B74siYZcPF8TnCdGI1l9rpPvg")
    );
    assert_eq!(
        page.pagination.previous_cursor.as_deref(),
        Some("ARhwnmi1hA7wEbHbMjdYQlOB_ZusP4fYvw")
    );
    assert_eq!(page.pagination.total_count, Some(125));
}

#[test]
fn last_page_with_null_cursors_round_trips() {
    let value = json!({
        "items": [],
        "pagination": {"next_cursor": null, "previous_cursor": "prev", "total_count": 3}
    });
    let page: CursorPage<Operation> = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(page.pagination.next_cursor, None);
    assert!(!page.has_next_page());
    assert_eq!(serde_json::to_value(&page).expect("encodes"), value);
}

#[test]
fn ecs_reboot_example_body_is_expressible() {
    let body = fixture_json("ecs_reboot_soft.json");
    let reboot_type: RebootType =
        serde_json::from_value(body["reboot"]["type"].clone()).expect("decodes as RebootType");
    assert_eq!(reboot_type, RebootType::Soft);
    assert_eq!(json!({"reboot": {"type": reboot_type}}), body);
}

#[test]
fn unknown_enum_values_are_kept_and_sent_back() {
    let mut value = fixture_json("nirvana_get_operation.json");
    value["kind"] = json!("gpu_cluster");
    value["status"] = json!("paused");
    value["type"] = json!("resize");
    let operation = operation_round_trip(&value.to_string());
    assert!(
        matches!(&operation.kind, OperationKind::Unknown(v) if v.as_str() == "gpu_cluster"),
        "{:?}",
        operation.kind
    );
    assert!(
        matches!(&operation.status, OperationStatus::Unknown(v) if v.as_str() == "paused"),
        "{:?}",
        operation.status
    );
    assert!(
        matches!(&operation.r#type, OperationType::Unknown(v) if v.as_str() == "resize"),
        "{:?}",
        operation.r#type
    );
    assert_eq!(operation.kind.as_str(), "gpu_cluster");
    assert_eq!(operation.status.to_string(), "paused");
    assert_eq!(operation.r#type.as_str(), "resize");
    assert_eq!(
        OperationKind::from("gpu_cluster"),
        operation.kind,
        "From<&str> and serde disagree"
    );

    let reboot: RebootType = serde_json::from_value(json!("REBOOT_LATER")).expect("decodes");
    assert!(matches!(&reboot, RebootType::Unknown(v) if v.as_str() == "REBOOT_LATER"));
    assert_eq!(
        serde_json::to_value(&reboot).expect("encodes"),
        json!("REBOOT_LATER")
    );
}

#[test]
fn enum_values_are_case_sensitive() {
    // `VM` is not `vm`: it must be kept as it came, not folded into the named variant.
    let kind: OperationKind = serde_json::from_value(json!("VM")).expect("decodes");
    assert!(matches!(&kind, OperationKind::Unknown(v) if v.as_str() == "VM"));
    let reboot: RebootType = serde_json::from_value(json!("soft")).expect("decodes");
    assert!(matches!(&reboot, RebootType::Unknown(v) if v.as_str() == "soft"));
}

/// Decodes `$wire` as the type of `$expected` and encodes it back, checking the variant and the
/// text. (A macro rather than a generic function so the crate needs no `serde` dependency.)
macro_rules! check_enum {
    ($wire:expr, $expected:expr) => {{
        let wire: &str = $wire;
        let expected = $expected;
        let decoded = serde_json::from_value(json!(wire)).expect("decodes");
        assert_eq!(expected, decoded, "{wire:?} decoded to the wrong variant");
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            json!(wire)
        );
    }};
}

#[test]
fn known_operation_kinds_map_to_named_variants() {
    let table = [
        ("vm", OperationKind::Vm),
        ("volume", OperationKind::Volume),
        ("vpc", OperationKind::Vpc),
        ("firewall_rule", OperationKind::FirewallRule),
        // Not in the seed page, but returned by the API (reference section 1.4).
        ("connect_connection", OperationKind::ConnectConnection),
        ("nks_cluster", OperationKind::NksCluster),
        ("nks_node_pool", OperationKind::NksNodePool),
        ("nks_load_balancer", OperationKind::NksLoadBalancer),
        ("nks_node", OperationKind::NksNode),
    ];
    let wires: Vec<&str> = table.iter().map(|(wire, _)| *wire).collect();
    assert_eq!(OperationKind::VALUES, wires.as_slice());
    for (wire, variant) in table {
        assert_eq!(variant.as_str(), wire);
        check_enum!(wire, variant);
    }
}

#[test]
fn known_operation_statuses_map_to_named_variants() {
    let table = [
        ("pending", OperationStatus::Pending),
        ("running", OperationStatus::Running),
        ("done", OperationStatus::Done),
        ("failed", OperationStatus::Failed),
        // The documented value `unknown` is a named variant, not the catch-all.
        ("unknown", OperationStatus::UnknownStatus),
    ];
    let wires: Vec<&str> = table.iter().map(|(wire, _)| *wire).collect();
    assert_eq!(OperationStatus::VALUES, wires.as_slice());
    for (wire, variant) in table {
        assert_eq!(variant.as_str(), wire);
        check_enum!(wire, variant);
    }
}

#[test]
fn known_operation_types_map_to_named_variants() {
    let table = [
        ("create", OperationType::Create),
        ("update", OperationType::Update),
        ("delete", OperationType::Delete),
        ("restart", OperationType::Restart),
    ];
    let wires: Vec<&str> = table.iter().map(|(wire, _)| *wire).collect();
    assert_eq!(OperationType::VALUES, wires.as_slice());
    for (wire, variant) in table {
        assert_eq!(variant.as_str(), wire);
        check_enum!(wire, variant);
    }
}

#[test]
fn known_reboot_types_map_to_named_variants() {
    assert_eq!(RebootType::VALUES, ["SOFT", "HARD"]);
    check_enum!("SOFT", RebootType::Soft);
    check_enum!("HARD", RebootType::Hard);
}

#[test]
fn union_string_member() {
    let diff = diff_round_trip(json!({"from": "e2-small", "to": ""}));
    assert_eq!(diff.from, OperationFieldDiffFrom::String("e2-small".into()));
    assert_eq!(diff.to, OperationFieldDiffTo::String(String::new()));
}

#[test]
fn union_string_that_looks_like_a_number_stays_a_string() {
    let diff = diff_round_trip(json!({"from": "42", "to": "true"}));
    assert_eq!(diff.from, OperationFieldDiffFrom::String("42".into()));
    assert_eq!(diff.to, OperationFieldDiffTo::String("true".into()));
}

#[test]
fn union_number_member() {
    let diff = diff_round_trip(json!({"from": 1.5, "to": -0.25}));
    assert_eq!(diff.from, OperationFieldDiffFrom::Number(1.5));
    assert_eq!(diff.to, OperationFieldDiffTo::Number(-0.25));
}

/// Whole numbers go back without a fraction (`2`, not `2.0`), as the server wrote them.
#[test]
fn union_integral_number_member_round_trips_unchanged() {
    let diff = diff_round_trip(json!({"from": 2, "to": 4}));
    assert_eq!(diff.from, OperationFieldDiffFrom::Number(2.0));
    assert_eq!(diff.to, OperationFieldDiffTo::Number(4.0));
}

#[test]
fn union_bool_member() {
    let diff = diff_round_trip(json!({"from": false, "to": true}));
    assert_eq!(diff.from, OperationFieldDiffFrom::Bool(false));
    assert_eq!(diff.to, OperationFieldDiffTo::Bool(true));
}

#[test]
fn union_string_list_member() {
    let diff = diff_round_trip(json!({"from": [], "to": ["10.0.0.0/24", "10.0.1.0/24"]}));
    assert_eq!(diff.from, OperationFieldDiffFrom::StringList(vec![]));
    assert_eq!(
        diff.to,
        OperationFieldDiffTo::StringList(vec!["10.0.0.0/24".into(), "10.0.1.0/24".into()])
    );
}

#[test]
fn union_members_can_differ_between_from_and_to() {
    let diff = diff_round_trip(json!({"from": "none", "to": ["a"]}));
    assert_eq!(diff.from, OperationFieldDiffFrom::String("none".into()));
    assert_eq!(diff.to, OperationFieldDiffTo::StringList(vec!["a".into()]));
}

#[test]
fn union_rejects_values_outside_its_members() {
    for bad in [json!({"a": 1}), json!([1, 2])] {
        let result = serde_json::from_value::<OperationFieldDiff>(json!({"from": bad, "to": "x"}));
        assert!(result.is_err(), "{bad} was accepted as a union member");
    }
}

#[test]
fn operation_with_every_union_member_round_trips() {
    let text = example_operation_with(
        "details",
        json!({"changes": {
            "name": {"from": "old", "to": "new"},
            "cpu_ratio": {"from": 0.5, "to": 1.25},
            "public_ip_enabled": {"from": true, "to": false},
            "tags": {"from": ["a"], "to": ["a", "b"]},
        }}),
    );
    let operation = operation_round_trip(&text);
    let changes = &operation.details.as_ref().expect("details").changes;
    assert_eq!(changes.len(), 4);
    assert_eq!(
        changes["name"].to,
        OperationFieldDiffTo::String("new".into())
    );
    assert_eq!(
        changes["cpu_ratio"].from,
        OperationFieldDiffFrom::Number(0.5)
    );
    assert_eq!(
        changes["public_ip_enabled"].to,
        OperationFieldDiffTo::Bool(false)
    );
    assert_eq!(
        changes["tags"].to,
        OperationFieldDiffTo::StringList(vec!["a".into(), "b".into()])
    );
}

#[test]
fn empty_changes_map_round_trips() {
    let operation =
        operation_round_trip(&example_operation_with("details", json!({"changes": {}})));
    assert!(
        operation
            .details
            .as_ref()
            .expect("details")
            .changes
            .is_empty()
    );
}

#[test]
fn non_utc_timestamps_keep_their_offset() {
    let operation = operation_round_trip(&example_operation_with(
        "updated_at",
        json!("2025-01-01T08:30:00.5+08:00"),
    ));
    assert_eq!(
        operation.updated_at.into_inner().unix_timestamp(),
        1_735_691_400
    );
}

#[test]
fn a_bad_timestamp_is_rejected() {
    let text = example_operation_with("created_at", json!("yesterday"));
    let error = serde_json::from_str::<Operation>(&text).expect_err("must not decode");
    assert!(error.to_string().contains("yesterday"), "{error}");
}

/// `details` is nullable (the TypeScript SDK types it `OperationDetails | null`): `null` decodes
/// to `None` and is written back as `null`.
#[test]
fn null_details_round_trip() {
    let operation = operation_round_trip(&example_operation_with("details", Value::Null));
    assert_eq!(operation.details, None);
}

/// The ECS seed server sends `"OS-EXT-SRV-ATTR:user_data": null` (optional and nullable): it
/// decodes as `Some(None)` and is written back as `null`, not dropped; absent stays absent, and
/// a value stays a value.
#[test]
fn ecs_server_detail_keeps_null_apart_from_absent() {
    let fixture = fixture_json("ecs_server_detail.json");
    let three = |value: &Value| -> (ServerDetail, Value) {
        let server: ServerDetail = serde_json::from_value(value.clone()).expect("decodes");
        let encoded = serde_json::to_value(&server).expect("encodes");
        assert_eq!(&encoded, value, "ServerDetail did not round-trip");
        (server, encoded)
    };
    let (null, _) = three(&fixture);
    assert_eq!(null.os_ext_srv_attr_user_data, Some(None));
    assert_eq!(
        null.os_ext_sts_task_state, None,
        "required nullable: plain Option"
    );

    let mut absent = fixture.clone();
    absent
        .as_object_mut()
        .expect("an object")
        .remove("OS-EXT-SRV-ATTR:user_data");
    let (absent, encoded) = three(&absent);
    assert_eq!(absent.os_ext_srv_attr_user_data, None);
    assert!(encoded.get("OS-EXT-SRV-ATTR:user_data").is_none());

    let mut set = fixture;
    set["OS-EXT-SRV-ATTR:user_data"] = json!("IyEvYmluL2Jhc2g=");
    let (set, _) = three(&set);
    assert_eq!(
        set.os_ext_srv_attr_user_data.flatten().as_deref(),
        Some("IyEvYmluL2Jhc2g=")
    );
}

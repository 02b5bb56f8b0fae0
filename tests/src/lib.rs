//! Shared helpers for the integration tests of `generated_sdk`: loading the JSON fixtures that
//! were copied verbatim from the seed API pages (`../shared/seeds/`, beside the repository).
//!
//! Fixtures live in `tests/fixtures/` next to this crate's `Cargo.toml`:
//!
//! - `nirvana_restart_vm.json`: the example response of `POST /v1/compute/vms/{vm_id}/restart`
//!   (seed 000).
//! - `nirvana_get_operation.json`: the example response of `GET /v1/operations/{operation_id}`
//!   (seed 001).
//! - `nirvana_list_operations.json`: the example response of `GET /v1/operations` (seed 001).
//! - `ecs_reboot_soft.json`: the example request body of the ECS reboot action (seed 002).

pub mod bench;
pub mod raw;

use std::path::PathBuf;

/// The path of the fixture `name` (e.g. `"nirvana_get_operation.json"`).
pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The text of the fixture `name`, byte for byte as stored.
///
/// # Panics
///
/// If the file cannot be read; tests want a loud failure, not an error to thread through.
pub fn fixture_text(name: &str) -> String {
    let path = fixture_path(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// The fixture `name` parsed as JSON.
///
/// # Panics
///
/// If the file cannot be read or is not valid JSON.
pub fn fixture_json(name: &str) -> serde_json::Value {
    let text = fixture_text(name);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}

/// A Nirvana `Operation` as the API sends it, with the given id and status.
pub fn operation(id: &str, status: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "created_at": "2025-01-01T00:00:00Z",
        "details": {"changes": {}},
        "kind": "vm",
        "project_id": "proj",
        "resource_id": "vm_1",
        "status": status,
        "type": "restart",
        "updated_at": "2025-01-01T00:00:01Z"
    })
}

/// Whether Huawei's official Python SDK (`huaweicloudsdkcore`, `huaweicloudsdkecs`) can be
/// imported, for the tests that drive it. Outside CI a missing SDK skips those tests (this says
/// how to install it); under `CI` it fails them, since `.ci/run` installs it.
pub fn official_sdk_available() -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", "import huaweicloudsdkcore, huaweicloudsdkecs"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install huaweicloudsdkcore and huaweicloudsdkecs (see .ci/run)"
        );
        eprintln!(
            "skipped: `pip install huaweicloudsdkcore==3.1.219 huaweicloudsdkecs==3.1.219` to run"
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_a_fixture_as_text_and_json() {
        let text = fixture_text("ecs_reboot_soft.json");
        assert!(text.contains("\"SOFT\""), "{text}");
        assert_eq!(
            fixture_json("ecs_reboot_soft.json"),
            serde_json::json!({"reboot": {"type": "SOFT"}})
        );
    }

    #[test]
    #[should_panic(expected = "cannot read fixture")]
    fn a_missing_fixture_panics_with_its_path() {
        fixture_text("no_such_fixture.json");
    }
}

/// The README's example, compiled as a doctest so that it keeps compiling.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;

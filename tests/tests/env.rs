//! `Client::from_env()` reads the environment variables each spec names. Every case runs in a
//! child process with its own environment, so tests running in parallel never share variables.

use generated_sdk::{Error, ecs, nirvana};
use std::process::Command;

const CASE: &str = "SDK_TESTS_ENV_CASE";

/// Every variable any case sets, removed from the child's environment first.
const VARIABLES: &[&str] = &[
    "NIRVANA_LABS_API_KEY",
    "NIRVANA_LABS_BASE_URL",
    "HUAWEICLOUD_SDK_AUTH_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_SDK_REGION",
    "HUAWEICLOUD_SDK_ECS_ENDPOINT",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
];

/// Runs this test binary again, for one case, with exactly `vars` set.
fn run_case(case: &str, vars: &[(&str, &str)]) {
    let exe = std::env::current_exe().expect("test binary path");
    let mut command = Command::new(exe);
    command.args(["--exact", "from_env", "--nocapture", "--test-threads=1"]);
    for name in VARIABLES {
        command.env_remove(name);
    }
    command.env(CASE, case).envs(vars.iter().copied());
    let output = command.output().expect("child test runs");
    assert!(
        output.status.success(),
        "case {case} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The checks of one case, run inside the child.
fn check(case: &str) {
    match case {
        "nirvana" => {
            let client = nirvana::Client::from_env().expect("client from env");
            assert_eq!(client.base_url(), "http://127.0.0.1:9/prefix");
            assert!(!format!("{client:?}").contains("key-from-env"));
        }
        "nirvana-default-url" => {
            let client = nirvana::Client::from_env().expect("client from env");
            assert_eq!(client.base_url(), "https://api.nirvanalabs.io");
        }
        "nirvana-no-key" => match nirvana::Client::from_env() {
            Err(Error::Config(message)) => assert!(
                message.contains("NIRVANA_LABS_API_KEY"),
                "the message names the variable: {message}"
            ),
            other => panic!("expected a configuration error, got {other:?}"),
        },
        "ecs" => {
            let client = ecs::Client::from_env().expect("client from env");
            assert_eq!(
                client.base_url(),
                "https://ecs.ap-southeast-1.myhuaweicloud.com"
            );
            assert_eq!(client.project_id(), "0123456789abcdef");
        }
        "ecs-builder-wins" => {
            // Values set after `from_env` replace the environment's.
            let client = ecs::ClientBuilder::from_env()
                .project_id("from-code")
                .build()
                .expect("client");
            assert_eq!(client.project_id(), "from-code");
        }
        "ecs-no-project" => match ecs::Client::from_env() {
            Err(Error::Config(message)) => assert!(
                message.contains("HUAWEICLOUD_SDK_PROJECT_ID"),
                "the message names the variable: {message}"
            ),
            other => panic!("expected a configuration error, got {other:?}"),
        },
        "ecs-no-region" => match ecs::Client::from_env() {
            Err(Error::Config(message)) => assert!(
                message.contains("HUAWEICLOUD_SDK_REGION"),
                "the message names the variable: {message}"
            ),
            other => panic!("expected a configuration error, got {other:?}"),
        },
        "ecs-aksk" => {
            let client = ecs::Client::from_env().expect("client from AK/SK");
            let debug = format!("{client:?}");
            assert!(debug.contains("SdkHmacSha256"), "{debug}");
            assert!(
                !debug.contains("sk-from-env"),
                "the secret key leaked: {debug}"
            );
        }
        other => panic!("unknown case {other}"),
    }
}

#[test]
fn from_env() {
    if let Ok(case) = std::env::var(CASE) {
        check(&case);
        return;
    }
    let ecs_vars = [
        ("HUAWEICLOUD_SDK_AUTH_TOKEN", "token-from-env"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "0123456789abcdef"),
        ("HUAWEICLOUD_SDK_REGION", "ap-southeast-1"),
    ];
    run_case(
        "nirvana",
        &[
            ("NIRVANA_LABS_API_KEY", "key-from-env"),
            ("NIRVANA_LABS_BASE_URL", "http://127.0.0.1:9/prefix"),
        ],
    );
    run_case("nirvana-default-url", &[("NIRVANA_LABS_API_KEY", "k")]);
    run_case("nirvana-no-key", &[]);
    run_case("ecs", &ecs_vars);
    run_case("ecs-builder-wins", &ecs_vars);
    run_case("ecs-no-project", &[ecs_vars[0], ecs_vars[2]]);
    run_case("ecs-no-region", &ecs_vars[..2]);
    run_case(
        "ecs-aksk",
        &[
            ("HUAWEICLOUD_SDK_AK", "ak-from-env"),
            ("HUAWEICLOUD_SDK_SK", "sk-from-env"),
            ("HUAWEICLOUD_SDK_PROJECT_ID", "0123456789abcdef"),
            ("HUAWEICLOUD_SDK_REGION", "cn-north-4"),
        ],
    );
}

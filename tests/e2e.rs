//! Independent clients against the real server.

use crate::harness::*;
use crate::util::*;

/// The Python interpreter of the e2e venv that tests/run.sh installs.
pub fn python() -> String {
    std::env::var("MCPAUTH_TEST_PYTHON").unwrap_or_else(|_| {
        let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-venv/bin/python");
        assert!(
            std::path::Path::new(venv).exists(),
            "the end-to-end tests need their Python venv: run the suite with 'bash tests/run.sh'"
        );
        venv.to_owned()
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn authlib_registers_signs_in_and_refreshes() {
    let srv = TestServer::start().await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/authlib_flow.py");
    let out = tokio::process::Command::new(python())
        .args([script, &srv.url, ADMIN, PASSWORD])
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "authlib flow failed:\n{stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["email"], ADMIN);
    assert_eq!(summary["scope"], "mcp:read mcp:write offline_access");
    assert_eq!(summary["reuse_status"], 400);
    assert_eq!(summary["reuse_error"], "invalid_grant");
    assert_eq!(srv.env.audit("refresh.reuse_detected").len(), 1);
}

//! The JSON shape of `doctor`.

use serde::Serialize;

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct DatabaseJson {
    pub(crate) kind: &'static str,
    pub(crate) location: String,
    pub(crate) location_source: &'static str,
    pub(crate) schema_version: Option<usize>,
    pub(crate) latest_schema_version: usize,
    pub(crate) ok: bool,
    pub(crate) problem: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct SettingJson {
    pub(crate) key: String,
    pub(crate) value: String,
    pub(crate) source: &'static str,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct SessionJson {
    pub(crate) logged_in: bool,
    pub(crate) email: Option<String>,
    pub(crate) org: Option<String>,
    pub(crate) permission_set: Option<String>,
    pub(crate) expires_at: Option<String>,
    pub(crate) token_from_environment: bool,
    pub(crate) problem: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct ConfigFileJson {
    pub(crate) path: Option<String>,
    pub(crate) source: &'static str,
    pub(crate) exists: bool,
    pub(crate) ok: bool,
    pub(crate) problems: Vec<crate::mail::ConfigProblem>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct EmailJson {
    pub(crate) transport: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) ok: bool,
    pub(crate) checked: Option<String>,
    pub(crate) problem: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct TestEmailJson {
    pub(crate) to: String,
    pub(crate) status: &'static str,
    pub(crate) outbox_id: Option<i64>,
    pub(crate) error: Option<String>,
}

/// `doctor`: every check and what to fix.
#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct DoctorJson {
    pub(crate) ok: bool,
    pub(crate) database: DatabaseJson,
    pub(crate) settings: Vec<SettingJson>,
    pub(crate) session: SessionJson,
    pub(crate) config_file: ConfigFileJson,
    pub(crate) email: EmailJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) test_email: Option<TestEmailJson>,
    pub(crate) problems: Vec<String>,
}

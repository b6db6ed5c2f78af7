//! OAuth error responses (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 8707 §2).

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::db;

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("{0}")]
    InvalidRequest(String),
    #[error("{0}")]
    InvalidClient(String),
    #[error("{0}")]
    InvalidGrant(String),
    #[error("{0}")]
    UnauthorizedClient(String),
    #[error("{0}")]
    UnsupportedGrantType(String),
    #[error("{0}")]
    InvalidScope(String),
    #[error("{0}")]
    InvalidTarget(String),
    #[error("{0}")]
    InvalidRedirectUri(String),
    #[error("{0}")]
    InvalidClientMetadata(String),
    #[error("too many requests from this address; try again later")]
    RateLimited,
    #[error("the request body is too large")]
    TooLarge,
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Db(#[from] db::Error),
    #[error("{0}")]
    Internal(String),
}

impl OAuthError {
    pub fn request(msg: impl Into<String>) -> Self {
        Self::InvalidRequest(msg.into())
    }

    pub fn client(msg: impl Into<String>) -> Self {
        Self::InvalidClient(msg.into())
    }

    pub fn grant(msg: impl Into<String>) -> Self {
        Self::InvalidGrant(msg.into())
    }

    /// The RFC error code and HTTP status; internal failures are logged, never shown.
    fn parts(&self) -> (StatusCode, &'static str, String) {
        let shown = |code| (StatusCode::BAD_REQUEST, code, self.to_string());
        match self {
            Self::InvalidRequest(_) => shown("invalid_request"),
            Self::InvalidClient(_) => {
                (StatusCode::UNAUTHORIZED, "invalid_client", self.to_string())
            }
            Self::InvalidGrant(_) => shown("invalid_grant"),
            Self::UnauthorizedClient(_) => shown("unauthorized_client"),
            Self::UnsupportedGrantType(_) => shown("unsupported_grant_type"),
            Self::InvalidScope(_) => shown("invalid_scope"),
            Self::InvalidTarget(_) => shown("invalid_target"),
            Self::InvalidRedirectUri(_) => shown("invalid_redirect_uri"),
            Self::InvalidClientMetadata(_) => shown("invalid_client_metadata"),
            Self::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "slow_down", self.to_string()),
            Self::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "invalid_request",
                self.to_string(),
            ),
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                self.to_string(),
            ),
            Self::Db(e) => {
                tracing::error!(error = %e, "database failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    "internal error".into(),
                )
            }
            Self::Internal(e) => {
                tracing::error!(error = %e, "internal failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    "internal error".into(),
                )
            }
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let (status, code, description) = self.parts();
        let mut response = (
            status,
            Json(json!({ "error": code, "error_description": description })),
        )
            .into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"mcpauth\""),
            );
        }
        response
    }
}

impl From<FormRejection> for OAuthError {
    fn from(e: FormRejection) -> Self {
        match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge,
            _ => Self::InvalidRequest(format!("malformed form body: {}", e.body_text())),
        }
    }
}

impl From<JsonRejection> for OAuthError {
    fn from(e: JsonRejection) -> Self {
        match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge,
            _ => Self::InvalidClientMetadata(format!("malformed JSON body: {}", e.body_text())),
        }
    }
}

//! stdio upstreams: bridged to Streamable HTTP.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::db::upstreams::Upstream;
use crate::server::AppState;

pub async fn forward(_state: AppState, upstream: Arc<Upstream>, _req: Request) -> Response {
    (
        StatusCode::NOT_IMPLEMENTED,
        format!(
            "'{}' is a stdio server; this build serves HTTP upstreams only",
            upstream.name
        ),
    )
        .into_response()
}

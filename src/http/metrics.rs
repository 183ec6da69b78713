//! The metrics listener's router: `/metrics` only. It is served on
//! `LATCHKEY_METRICS_BIND` by [`crate::app::Application::run_until`] and is
//! never merged into the public router.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use super::AppState;

/// `/metrics` in the OpenMetrics text format (Prometheus scrapes it as is).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics_get))
        .with_state(state)
}

async fn metrics_get(State(state): State<AppState>) -> impl IntoResponse {
    crate::metrics::db_pools(&state.repos.maintenance.pool_stats());
    (
        [
            (header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        crate::metrics::render(),
    )
}

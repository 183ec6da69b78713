//! Prometheus metrics: one process-wide registry and named helpers that the
//! rest of the code calls (`metrics::signin("password", "success")`, …).
//!
//! The registry is served in the OpenMetrics text format at `/metrics` on
//! `LATCHKEY_METRICS_BIND` only (see [`crate::http::metrics`]), never on the
//! public listener. Label values are static strings or matched route
//! templates, so the number of series stays bounded: never pass user input,
//! client ids or raw paths as a label.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

use crate::db::PoolStats;

/// The content type of [`render`]'s output.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SigninLabels {
    method: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct GrantLabels {
    grant: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EmailLabels {
    kind: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolNameLabels {
    pool: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
    commit: &'static str,
}

/// Latency buckets in seconds: 1 ms to 10 s (argon2 sits near 50–500 ms).
fn latency_histogram() -> Histogram {
    Histogram::new([
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    ])
}

struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    signins: Family<SigninLabels, Counter>,
    tokens: Family<GrantLabels, Counter>,
    refresh_reuse: Counter,
    lockouts: Counter,
    emails: Family<EmailLabels, Counter>,
    backchannel_logouts: Family<OutcomeLabels, Counter>,
    pool_connections: Family<PoolLabels, Gauge>,
    pool_max: Family<PoolNameLabels, Gauge>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("latchkey");
    let requests = Family::<RequestLabels, Counter>::default();
    registry.register(
        "http_requests",
        "HTTP requests by method, matched route and status",
        requests.clone(),
    );
    let latency: Family<RouteLabels, Histogram, fn() -> Histogram> =
        Family::new_with_constructor(latency_histogram);
    registry.register_with_unit(
        "http_request_duration",
        "Time to answer an HTTP request, by method and matched route",
        Unit::Seconds,
        latency.clone(),
    );
    let signins = Family::<SigninLabels, Counter>::default();
    registry.register(
        "signins",
        "Sign-in attempts by method (password, passkey) and outcome",
        signins.clone(),
    );
    let tokens = Family::<GrantLabels, Counter>::default();
    registry.register(
        "tokens_issued",
        "Token responses issued by grant type",
        tokens.clone(),
    );
    let refresh_reuse = Counter::default();
    registry.register(
        "refresh_token_reuse_detected",
        "Rotated refresh tokens presented again (the token family was revoked)",
        refresh_reuse.clone(),
    );
    let lockouts = Counter::default();
    registry.register(
        "lockouts",
        "Accounts locked after repeated failed sign-ins",
        lockouts.clone(),
    );
    let emails = Family::<EmailLabels, Counter>::default();
    registry.register(
        "emails",
        "E-mails by kind (invite, recovery) and outcome (sent, failed)",
        emails.clone(),
    );
    let backchannel_logouts = Family::<OutcomeLabels, Counter>::default();
    registry.register(
        "backchannel_logout",
        "Back-channel logout attempts by outcome (delivered, failed: will retry, gave_up)",
        backchannel_logouts.clone(),
    );
    let pool_connections = Family::<PoolLabels, Gauge>::default();
    registry.register(
        "db_pool_connections",
        "Database connections by pool and state (idle, in_use)",
        pool_connections.clone(),
    );
    let pool_max = Family::<PoolNameLabels, Gauge>::default();
    registry.register(
        "db_pool_max_connections",
        "Largest size of each database pool",
        pool_max.clone(),
    );
    let build = Family::<BuildLabels, Gauge>::default();
    build
        .get_or_create(&BuildLabels {
            version: env!("CARGO_PKG_VERSION"),
            commit: env!("LATCHKEY_COMMIT"),
        })
        .set(1);
    registry.register("build_info", "Version and commit of this build", build);
    Metrics {
        registry,
        requests,
        latency,
        signins,
        tokens,
        refresh_reuse,
        lockouts,
        emails,
        backchannel_logouts,
        pool_connections,
        pool_max,
    }
});

/// Records one answered HTTP request. `route` is the matched route template
/// (`/invite/{token}`), never the raw path.
pub fn http_request(method: &axum::http::Method, route: &str, status: u16, latency: Duration) {
    let method = method_label(method);
    let m = &*METRICS;
    m.requests
        .get_or_create(&RequestLabels {
            method,
            route: route.to_owned(),
            status,
        })
        .inc();
    m.latency
        .get_or_create(&RouteLabels {
            method,
            route: route.to_owned(),
        })
        .observe(latency.as_secs_f64());
}

fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// A sign-in attempt finished. `method`: `"password"` or `"passkey"`;
/// `outcome`: e.g. `"success"`, `"failure"`, `"locked"`, `"throttled"`.
pub fn signin(method: &'static str, outcome: &'static str) {
    METRICS
        .signins
        .get_or_create(&SigninLabels { method, outcome })
        .inc();
}

/// The token endpoint issued tokens for `grant` (`"authorization_code"`,
/// `"refresh_token"`, `"client_credentials"`,
/// `"urn:ietf:params:oauth:grant-type:device_code"`).
pub fn token_issued(grant: &'static str) {
    METRICS.tokens.get_or_create(&GrantLabels { grant }).inc();
}

/// A rotated refresh token was presented again and its family revoked.
pub fn refresh_reuse_detected() {
    METRICS.refresh_reuse.inc();
}

/// An account was locked after repeated failed sign-ins.
pub fn lockout() {
    METRICS.lockouts.inc();
}

/// An e-mail of `kind` (`"invite"`, `"recovery"`) was sent (`outcome`
/// `"sent"`) or failed (`"failed"`).
pub fn email(kind: &'static str, outcome: &'static str) {
    METRICS
        .emails
        .get_or_create(&EmailLabels { kind, outcome })
        .inc();
}

/// A back-channel logout attempt ended: `outcome` is `"delivered"`,
/// `"failed"` (a retry follows) or `"gave_up"`.
pub fn backchannel_logout(outcome: &'static str) {
    METRICS
        .backchannel_logouts
        .get_or_create(&OutcomeLabels { outcome })
        .inc();
}

/// Publishes the current database pool usage.
pub fn db_pools(stats: &[PoolStats]) {
    let m = &*METRICS;
    for s in stats {
        let idle = i64::from(s.idle);
        let in_use = i64::from(s.size.saturating_sub(s.idle));
        m.pool_connections
            .get_or_create(&PoolLabels {
                pool: s.pool,
                state: "idle",
            })
            .set(idle);
        m.pool_connections
            .get_or_create(&PoolLabels {
                pool: s.pool,
                state: "in_use",
            })
            .set(in_use);
        m.pool_max
            .get_or_create(&PoolNameLabels { pool: s.pool })
            .set(i64::from(s.max));
    }
}

/// Every metric in the OpenMetrics text format ([`CONTENT_TYPE`]).
#[must_use]
pub fn render() -> String {
    let mut out = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &METRICS.registry) {
        tracing::warn!(error = %e, "encoding metrics failed");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(text: &str, prefix: &str) -> f64 {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    }

    #[test]
    fn helpers_move_their_counters() {
        let line = r#"latchkey_lockouts_total "#;
        let before = sample(&render(), line);
        lockout();
        assert_eq!(sample(&render(), line), before + 1.0);
    }

    #[test]
    fn pool_gauges_split_idle_and_in_use() {
        db_pools(&[PoolStats {
            pool: "unit",
            size: 5,
            idle: 2,
            max: 8,
        }]);
        let text = render();
        assert!(text.contains(r#"latchkey_db_pool_connections{pool="unit",state="in_use"} 3"#));
        assert!(text.contains(r#"latchkey_db_pool_connections{pool="unit",state="idle"} 2"#));
        assert!(text.contains(r#"latchkey_db_pool_max_connections{pool="unit"} 8"#));
        assert!(text.ends_with("# EOF\n"));
    }
}

//! Cross-cutting layers: request ids, one log event per request, metrics,
//! deadlines, body limits, compression and strict security headers.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, Response, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponseParts, ResponseParts};
use tower::util::MapResponseLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;

/// Largest request body accepted (forms, JSON, WebAuthn payloads).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The Content-Security-Policy of every response: nothing but our own
/// scripts, styles and images; no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(Clone, Copy, Default)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::crypto::random_token(12))
            .ok()
            .map(RequestId::new)
    }
}

/// The client a request acted for, logged with the request. Handlers that
/// know it (the token endpoint, `/authorize`) return it as a response part:
/// `(LogClientId(client_id), response)`. Never put a secret here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogClientId(pub String);

impl IntoResponseParts for LogClientId {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// The route a request matched, as its template (`/invite/{token}`): what logs
/// and metrics name, so that secrets in paths never reach them.
fn route_of<B>(request: &Request<B>) -> &str {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
}

/// The route label of requests no route matched (404s, probes).
pub const UNMATCHED: &str = "(unmatched)";

/// Counts the request and observes its latency, per matched route.
async fn track_metrics(request: Request<Body>, next: Next) -> Response<Body> {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let response = next.run(request).await;
    crate::metrics::http_request(
        &method,
        route.as_ref().map_or(UNMATCHED, MatchedPath::as_str),
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// The span of one request: id, method and matched route; never the query
/// string (codes and tokens travel there) nor a path with secrets in it.
/// While traces are exported, `trace_id` and `span_id` are recorded too
/// ([`super::otel::server_span`]).
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        route = %route_of(request),
        trace_id = tracing::field::Empty,
        span_id = tracing::field::Empty,
    )
}

/// The one event logged per request.
fn log_response<B>(response: &Response<B>, latency: Duration, _span: &tracing::Span) {
    let client_id = response
        .extensions()
        .get::<LogClientId>()
        .map(|c| c.0.as_str());
    let status = response.status().as_u16();
    let latency_ms = latency.as_secs_f64() * 1000.0;
    if response.status().is_server_error() {
        tracing::error!(status, latency_ms, client_id, "request");
    } else {
        tracing::info!(status, latency_ms, client_id, "request");
    }
}

/// Sets the strict headers every response carries (one pass, one layer).
/// A handler's own `Content-Security-Policy` or `Cache-Control` is kept.
fn security_headers(mut response: Response<Body>, hsts: bool) -> Response<Body> {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // same-origin, not no-referrer: with no-referrer browsers send
    // `Origin: null` on form posts, which the CSRF check refuses.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Wraps `router` in every cross-cutting layer.
pub fn layered(router: Router, settings: &Settings) -> Router {
    // Failures are already logged by `log_response` (one event per request).
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<Body>| request_span(request))
        .on_request(())
        .on_response(|response: &Response<_>, latency, span: &tracing::Span| {
            log_response(response, latency, span);
        })
        .on_failure(());
    let hsts = settings.is_https();
    let router = router.layer(MapResponseLayer::new(move |response: Response<Body>| {
        security_headers(response, hsts)
    }));
    let router = router
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            settings.request_timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(track_metrics));
    // The trace's server span, inside the log span (whose ids it records)
    // and around everything that shapes the answer; absent when traces
    // are off.
    let router = if crate::telemetry::is_exporting() {
        router.layer(middleware::from_fn(super::otel::server_span))
    } else {
        router
    };
    router
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(trace)
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), RandomRequestId))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// One JSON event per request, naming the route template and the client
    /// a handler reported, never the raw path or query.
    #[test]
    fn one_event_per_request_with_route_and_client_id() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_writer(move || writer.clone())
            .finish();
        let settings = Settings::for_tests("http://localhost:1", "sqlite://unused.db").unwrap();
        let app = layered(
            Router::new().route(
                "/thing/{secret}",
                get(|| async { (LogClientId("client-7".into()), "ok") }),
            ),
            &settings,
        );
        tracing::subscriber::with_default(subscriber, || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let res = app
                    .oneshot(
                        Request::get("/thing/hunter2?code=abc123")
                            .body(Body::empty())
                            .unwrap(),
                    )
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200);
            });
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let events: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(events.len(), 1, "{text}");
        let e = &events[0];
        assert_eq!(e["message"], "request");
        assert_eq!(e["status"], 200);
        assert_eq!(e["client_id"], "client-7");
        assert!(e["latency_ms"].as_f64().is_some());
        assert_eq!(e["span"]["route"], "/thing/{secret}");
        assert_eq!(e["span"]["method"], "GET");
        assert!(e["span"]["request_id"].as_str().unwrap().len() >= 12);
        assert!(
            !text.contains("hunter2") && !text.contains("abc123"),
            "{text}"
        );
    }
}

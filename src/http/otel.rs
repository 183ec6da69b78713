//! The OpenTelemetry server span of each request (only while traces are
//! exported, [`crate::telemetry::is_exporting`]).
//!
//! Named and described by the HTTP semantic conventions: `GET /authorize`
//! (the matched route template, never the path as sent, which may carry a
//! token), `http.request.method`, `http.route`,
//! `http.response.status_code`, and an error status on 5xx answers. Never
//! recorded: the query string, headers, cookies, bodies, the client's
//! address. An incoming W3C `traceparent` makes the span a child of the
//! caller's span and nothing more: its `tracestate` is dropped, and it
//! decides nothing but where the trace continues (and, with the default
//! parent-based sampler, whether it is sampled).

use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{Method, Request, Response};
use axum::middleware::Next;
use opentelemetry::propagation::TextMapPropagator;
use opentelemetry::trace::{SpanContext, TraceContextExt, TraceState};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use tracing::Instrument;
use tracing::field::Empty;
use tracing_opentelemetry::OpenTelemetrySpanExt;

use super::headers::LogClientId;

static PROPAGATOR: LazyLock<TraceContextPropagator> = LazyLock::new(TraceContextPropagator::new);

/// The method as the conventions name it: one of the standard methods, or
/// `_OTHER` (an arbitrary method is caller-chosen text).
fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::CONNECT => "CONNECT",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::PATCH => "PATCH",
        _ => "_OTHER",
    }
}

/// The caller's span from a valid `traceparent`, as a parent only: trace
/// id, span id and sampled flag, nothing of `tracestate`.
fn remote_parent<B>(request: &Request<B>) -> Option<opentelemetry::Context> {
    let extracted = PROPAGATOR.extract(&opentelemetry_http::HeaderExtractor(request.headers()));
    let remote = extracted.span().span_context().clone();
    remote.is_valid().then(|| {
        opentelemetry::Context::new().with_remote_span_context(SpanContext::new(
            remote.trace_id(),
            remote.span_id(),
            remote.trace_flags(),
            true,
            TraceState::default(),
        ))
    })
}

/// Middleware: runs the request inside its server span, and writes the
/// span's trace and span ids into the request's log span (`trace_id`,
/// `span_id`), so that every log line of the request names its trace.
pub async fn server_span(request: Request<Body>, next: Next) -> Response<Body> {
    let method = method_name(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let name = match &route {
        Some(route) => format!("{method} {route}"),
        None => method.to_owned(),
    };
    let span = tracing::info_span!(
        target: "otel",
        "request",
        otel.name = %name,
        otel.kind = "server",
        otel.status_code = Empty,
        http.request.method = method,
        http.route = route.as_deref(),
        http.response.status_code = Empty,
        error.type = Empty,
        latchkey.client_id = Empty,
    );
    if let Some(parent) = remote_parent(&request) {
        let _ = span.set_parent(parent);
    }
    let context = span.context().span().span_context().clone();
    if context.is_valid() {
        let log = tracing::Span::current();
        log.record("trace_id", tracing::field::display(context.trace_id()));
        log.record("span_id", tracing::field::display(context.span_id()));
    }
    let response = next.run(request).instrument(span.clone()).await;
    let status = response.status();
    span.record("http.response.status_code", status.as_u16());
    if status.is_server_error() {
        span.record("otel.status_code", "ERROR");
        span.record("error.type", status.as_str());
    }
    if let Some(client) = response.extensions().get::<LogClientId>() {
        span.record("latchkey.client_id", client.0.as_str());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_valid_traceparent_is_a_parent_and_tracestate_is_dropped() {
        let with = |value: &str| {
            Request::get("/")
                .header("traceparent", value)
                .header("tracestate", "vendor=secret")
                .body(())
                .unwrap()
        };
        let parent = remote_parent(&with(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ))
        .unwrap();
        let span = parent.span();
        let context = span.span_context();
        assert_eq!(
            context.trace_id().to_string(),
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
        assert_eq!(context.span_id().to_string(), "00f067aa0ba902b7");
        assert!(context.is_remote() && context.is_sampled());
        assert_eq!(context.trace_state().header(), "");
        for bad in [
            "",
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        ] {
            assert!(remote_parent(&with(bad)).is_none(), "{bad}");
        }
        assert!(remote_parent(&Request::get("/").body(()).unwrap()).is_none());
    }

    #[test]
    fn unusual_methods_are_not_recorded_as_sent() {
        assert_eq!(method_name(&Method::POST), "POST");
        let odd = Method::from_bytes(b"SECRET-TOKEN").unwrap();
        assert_eq!(method_name(&odd), "_OTHER");
    }
}

//! Logging and tracing setup, and a `spawn_blocking` that keeps the caller's span.
//!
//! Logs go to standard error (text or JSON). Traces go to an OpenTelemetry
//! collector over OTLP only when the standard `OTEL_EXPORTER_OTLP_*`
//! variables name one ([`otlp`]); otherwise no exporter exists and the
//! spans made only for traces (target [`TARGET`]: database, hashing and
//! signing spans, the HTTP server span) are disabled at their call sites,
//! which costs one cached check each.

pub mod otlp;

use std::sync::atomic::{AtomicBool, Ordering};

use tracing_subscriber::Layer;
use tracing_subscriber::filter::{EnvFilter, FilterExt, filter_fn};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::LogFormat;

/// The target of spans made only for traces (never logged): write
/// `tracing::info_span!(target: "otel", …)` or
/// `#[tracing::instrument(target = "otel", …)]`. The log layer never sees
/// them, so logs read the same with tracing on or off; the trace layer sees
/// nothing else.
pub const TARGET: &str = "otel";

/// Whether spans are exported (set once by [`init`]).
static EXPORTING: AtomicBool = AtomicBool::new(false);

/// Whether traces are exported: the HTTP layers add the server span and
/// read `traceparent` only then.
#[must_use]
pub fn is_exporting() -> bool {
    EXPORTING.load(Ordering::Relaxed)
}

/// What [`init`] set up that must be shut down: the tracer provider, whose
/// batch of finished spans is flushed by [`Telemetry::shutdown`].
#[derive(Debug, Default)]
#[must_use = "call shutdown() before exiting, or the last spans are lost"]
pub struct Telemetry {
    provider: Option<opentelemetry_sdk::trace::SdkTracerProvider>,
    /// How long the last export may take (the exporter's timeout).
    timeout: std::time::Duration,
}

impl Telemetry {
    /// Flushes the spans not yet exported and stops the exporter, waiting
    /// at most the export timeout (`OTEL_EXPORTER_OTLP_TIMEOUT`, 10 s by
    /// default) and a second. Runs off the async runtime: the provider
    /// blocks until its batch thread has sent the last batch, which it does
    /// through this runtime.
    pub async fn shutdown(self) {
        let Some(provider) = self.provider else {
            return;
        };
        let timeout = self.timeout + std::time::Duration::from_secs(1);
        let done =
            tokio::task::spawn_blocking(move || provider.shutdown_with_timeout(timeout)).await;
        match done {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "flushing the last spans failed"),
            Err(e) => tracing::warn!(error = %e, "flushing the last spans failed"),
        }
    }
}

/// Installs the global subscriber writing logs to stderr, without traces.
/// Safe to call twice (the second call does nothing), so tests may call it
/// freely.
pub fn init(filter: &str, format: LogFormat) {
    let _ = install(filter, format, None);
}

/// As [`init`], and exports traces when the environment asks for them
/// ([`otlp::Config::from_env`]); must run inside the Tokio runtime, on which
/// the exporter sends its batches. A wrong `OTEL_*` value is an error.
pub fn init_with_traces(filter: &str, format: LogFormat) -> Result<Telemetry, otlp::OtlpError> {
    let Some(config) = otlp::Config::from_env(|name| std::env::var(name).ok())? else {
        init(filter, format);
        return Ok(Telemetry::default());
    };
    let provider = otlp::provider(&config)?;
    if install(filter, format, Some(&provider)) {
        EXPORTING.store(true, Ordering::Relaxed);
        tracing::info!(
            endpoint = %config.endpoint_description(),
            protocol = config.protocol.as_str(),
            "exporting traces over OTLP"
        );
        Ok(Telemetry {
            provider: Some(provider),
            timeout: config.timeout,
        })
    } else {
        // A subscriber was already installed (tests): no trace layer.
        let _ = provider.shutdown();
        Ok(Telemetry::default())
    }
}

/// Builds and installs the subscriber; false when one was already installed.
fn install(
    filter: &str,
    format: LogFormat,
    traces: Option<&opentelemetry_sdk::trace::SdkTracerProvider>,
) -> bool {
    let env_filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // Trace-only spans never reach the log: logs read the same with
    // tracing on or off.
    let log_filter = env_filter.and(filter_fn(|meta| meta.target() != TARGET));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, never into a file or journal.
        .with_ansi(ansi)
        .with_span_events(FmtSpan::NONE);
    let logs = match format {
        LogFormat::Json => fmt
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_filter(log_filter)
            .boxed(),
        LogFormat::Pretty => fmt.compact().with_filter(log_filter).boxed(),
    };
    let traces = traces.map(|provider| {
        use opentelemetry::trace::TracerProvider as _;
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("latchkey"))
            // Only the spans made for traces: log events stay in the log.
            .with_filter(filter_fn(|meta| meta.target() == TARGET && meta.is_span()))
    });
    tracing_subscriber::registry()
        .with(logs)
        .with(traces)
        .try_init()
        .is_ok()
}

/// Runs CPU-heavy work (argon2, RSA) on the blocking pool inside the current span.
pub async fn spawn_blocking_in_span<F, R>(f: F) -> Result<R, tokio::task::JoinError>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(f)).await
}

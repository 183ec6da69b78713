//! The OTLP trace exporter, configured by the standard `OTEL_*` variables.
//!
//! Off unless `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
//! `OTEL_EXPORTER_OTLP_ENDPOINT` is set (and `OTEL_SDK_DISABLED` is not
//! `true`, and `OTEL_TRACES_EXPORTER` is not `none`). Protocols:
//! `http/protobuf` (the default; `http://` or `https://` through the
//! server's own HTTP client) and `grpc` (plain `http://` only). Headers,
//! compression, timeouts, the sampler, the resource and the batch processor
//! (`OTEL_BSP_*`) follow the specification; the SDK reads most of them
//! itself, and [`Config::from_env`] checks the ones a typo would silently
//! change, so that a wrong value stops startup with its name.
//!
//! Finished spans are batched on the SDK's own thread; each batch is sent
//! on the Tokio runtime ([`OnRuntime`]), where the HTTP and gRPC clients
//! live. The batch still pending at shutdown is flushed by
//! [`super::Telemetry::shutdown`].

use std::sync::Arc;
use std::time::Duration;

use opentelemetry::KeyValue;
use opentelemetry_otlp::{Protocol, WithExportConfig, WithHttpConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::{OTelSdkError, OTelSdkResult};
use opentelemetry_sdk::trace::{SdkTracerProvider, SpanData, SpanExporter};

/// A wrong or unsupported `OTEL_*` value, or an exporter that could not be built.
#[derive(Debug, thiserror::Error)]
pub enum OtlpError {
    /// A variable holds a value Latchkey cannot use; names the variable.
    #[error("{name}: {message}")]
    Invalid { name: &'static str, message: String },
    /// The exporter library refused the configuration.
    #[error("OTLP trace exporter: {0}")]
    Build(#[from] opentelemetry_otlp::ExporterBuildError),
    /// Called outside a Tokio runtime.
    #[error("OTLP trace exporter: not inside the Tokio runtime")]
    NoRuntime,
}

fn invalid(name: &'static str, message: impl Into<String>) -> OtlpError {
    OtlpError::Invalid {
        name,
        message: message.into(),
    }
}

/// How spans travel to the collector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceProtocol {
    /// Protobuf in an HTTP POST to `…/v1/traces` (`http/protobuf`).
    HttpProtobuf,
    /// OTLP/gRPC (`grpc`), without TLS.
    Grpc,
}

impl TraceProtocol {
    /// The value of `OTEL_EXPORTER_OTLP_PROTOCOL` naming it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HttpProtobuf => "http/protobuf",
            Self::Grpc => "grpc",
        }
    }
}

/// The export settings Latchkey decides on itself; the exporter library
/// reads the rest (endpoint path, headers, compression) from the same
/// variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub protocol: TraceProtocol,
    /// The signal-specific endpoint, used as is, if set.
    pub traces_endpoint: Option<String>,
    /// The base endpoint (`/v1/traces` appended for HTTP), if set.
    pub endpoint: Option<String>,
    /// How long one export may take (`OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT`, ms).
    pub timeout: Duration,
    /// Whether the environment names the service; `latchkey` otherwise.
    pub service_named: bool,
    /// Whether `OTEL_RESOURCE_ATTRIBUTES` sets `service.version`; the
    /// package version otherwise.
    pub version_named: bool,
}

/// The default export timeout of the specification.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Samplers of the specification that the SDK implements.
const SAMPLERS: [&str; 6] = [
    "always_on",
    "always_off",
    "traceidratio",
    "parentbased_always_on",
    "parentbased_always_off",
    "parentbased_traceidratio",
];

impl Config {
    /// Reads the variables through `var` (the process environment in
    /// production). `None` when traces are off.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, OtlpError> {
        let set = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        if let Some(disabled) = set("OTEL_SDK_DISABLED") {
            match disabled.to_ascii_lowercase().as_str() {
                "true" => return Ok(None),
                "false" => {}
                _ => return Err(invalid("OTEL_SDK_DISABLED", "expected true or false")),
            }
        }
        match set("OTEL_TRACES_EXPORTER").as_deref() {
            None | Some("otlp") => {}
            Some("none") => return Ok(None),
            Some(other) => {
                return Err(invalid(
                    "OTEL_TRACES_EXPORTER",
                    format!("{other:?} is not supported; use otlp or none"),
                ));
            }
        }
        let traces_endpoint = set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        let endpoint = set("OTEL_EXPORTER_OTLP_ENDPOINT");
        let Some(effective) = traces_endpoint.clone().or_else(|| endpoint.clone()) else {
            return Ok(None);
        };
        let (protocol_var, protocol) = match set("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") {
            Some(p) => ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", Some(p)),
            None => (
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                set("OTEL_EXPORTER_OTLP_PROTOCOL"),
            ),
        };
        let protocol = match protocol.as_deref() {
            None | Some("http/protobuf") => TraceProtocol::HttpProtobuf,
            Some("grpc") => TraceProtocol::Grpc,
            Some(other) => {
                return Err(invalid(
                    protocol_var,
                    format!("{other:?} is not supported; use http/protobuf or grpc"),
                ));
            }
        };
        if protocol == TraceProtocol::Grpc {
            let insecure = [
                "OTEL_EXPORTER_OTLP_TRACES_INSECURE",
                "OTEL_EXPORTER_OTLP_INSECURE",
            ]
            .iter()
            .find_map(|name| set(name))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let plain =
                effective.starts_with("http://") || (!effective.contains("://") && insecure);
            if !plain {
                return Err(invalid(
                    protocol_var,
                    "grpc is built without TLS: give an http:// endpoint (a collector beside \
                     Latchkey), or use http/protobuf, which also speaks https://",
                ));
            }
        }
        let timeout = match [
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
            "OTEL_EXPORTER_OTLP_TIMEOUT",
        ]
        .into_iter()
        .find_map(|name| set(name).map(|v| (name, v)))
        {
            Some((name, v)) => v
                .parse::<u64>()
                .ok()
                .filter(|ms| *ms > 0)
                .map(Duration::from_millis)
                .ok_or_else(|| invalid(name, "expected a number of milliseconds"))?,
            None => DEFAULT_TIMEOUT,
        };
        check_sampler(&set)?;
        let resource_keys: Vec<String> = set("OTEL_RESOURCE_ATTRIBUTES")
            .map(|attrs| {
                attrs
                    .split(',')
                    .filter_map(|pair| pair.split_once('=').map(|(k, _)| k.trim().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Some(Self {
            protocol,
            traces_endpoint,
            endpoint,
            timeout,
            service_named: set("OTEL_SERVICE_NAME").is_some()
                || resource_keys.iter().any(|k| k == "service.name"),
            version_named: resource_keys.iter().any(|k| k == "service.version"),
        }))
    }

    /// Where spans go, for the startup log line (without any credentials a
    /// URL might carry).
    #[must_use]
    pub fn endpoint_description(&self) -> String {
        let raw = self
            .traces_endpoint
            .as_deref()
            .or(self.endpoint.as_deref())
            .unwrap_or_default();
        match url::Url::parse(raw) {
            Ok(url) => format!(
                "{}://{}{}",
                url.scheme(),
                url.host_str().unwrap_or_default(),
                url.port().map(|p| format!(":{p}")).unwrap_or_default()
            ),
            Err(_) => "(endpoint)".to_owned(),
        }
    }
}

/// Checks `OTEL_TRACES_SAMPLER` and its argument (the SDK would fall back
/// to sampling everything on a typo).
fn check_sampler(set: &impl Fn(&str) -> Option<String>) -> Result<(), OtlpError> {
    let Some(sampler) = set("OTEL_TRACES_SAMPLER") else {
        return Ok(());
    };
    if !SAMPLERS.contains(&sampler.as_str()) {
        return Err(invalid(
            "OTEL_TRACES_SAMPLER",
            format!(
                "{sampler:?} is not supported; use one of {}",
                SAMPLERS.join(", ")
            ),
        ));
    }
    if sampler.ends_with("traceidratio") {
        let ratio = set("OTEL_TRACES_SAMPLER_ARG").and_then(|a| a.parse::<f64>().ok());
        if !ratio.is_some_and(|r| (0.0..=1.0).contains(&r)) {
            return Err(invalid(
                "OTEL_TRACES_SAMPLER_ARG",
                "expected a ratio between 0 and 1",
            ));
        }
    }
    Ok(())
}

/// Builds the tracer provider: the exporter for `config`, a batch span
/// processor (configured by `OTEL_BSP_*`), the sampler (`OTEL_TRACES_SAMPLER`)
/// and the resource. Must run inside the Tokio runtime.
pub fn provider(config: &Config) -> Result<SdkTracerProvider, OtlpError> {
    let handle = tokio::runtime::Handle::try_current().map_err(|_| OtlpError::NoRuntime)?;
    let exporter = match config.protocol {
        TraceProtocol::HttpProtobuf => opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_protocol(Protocol::HttpBinary)
            .with_timeout(config.timeout)
            .with_http_client(Client::new(config.timeout)?)
            .build()?,
        TraceProtocol::Grpc => {
            // The gRPC channel is made here, inside the runtime it runs on.
            let _entered = handle.enter();
            opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .with_protocol(Protocol::Grpc)
                .with_timeout(config.timeout)
                .build()?
        }
    };
    let mut resource = Resource::builder();
    if !config.service_named {
        resource = resource.with_service_name("latchkey");
    }
    if !config.version_named {
        resource =
            resource.with_attribute(KeyValue::new("service.version", env!("CARGO_PKG_VERSION")));
    }
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(OnRuntime {
            inner: Arc::new(exporter),
            handle,
        })
        .with_resource(resource.build())
        .build())
}

/// Runs a span exporter's work on the Tokio runtime. The SDK's batch
/// processor calls exporters from its own thread, where the async HTTP and
/// gRPC clients (which need the runtime's reactor) cannot run.
#[derive(Debug)]
pub struct OnRuntime<E> {
    inner: Arc<E>,
    handle: tokio::runtime::Handle,
}

impl<E: SpanExporter + 'static> SpanExporter for OnRuntime<E> {
    fn export(
        &self,
        batch: Vec<SpanData>,
    ) -> impl std::future::Future<Output = OTelSdkResult> + Send {
        let inner = self.inner.clone();
        let task = self.handle.spawn(async move { inner.export(batch).await });
        async move {
            task.await
                .unwrap_or_else(|e| Err(OTelSdkError::InternalFailure(e.to_string())))
        }
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        // Called while building, when no export holds a second reference.
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.set_resource(resource);
        }
    }
}

/// Largest collector answer read (the collector answers with a small
/// status message; the SDK's own clients use the same bound).
const MAX_RESPONSE: usize = 4 * 1024 * 1024;

/// The OTLP/HTTP client: the server's reqwest (native TLS, the system's
/// roots), with the export timeout.
#[derive(Debug, Clone)]
pub struct Client(reqwest::Client);

impl Client {
    fn new(timeout: Duration) -> Result<Self, OtlpError> {
        reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map(Self)
            .map_err(|e| invalid("OTEL_EXPORTER_OTLP_ENDPOINT", format!("HTTP client: {e}")))
    }
}

#[async_trait::async_trait]
impl opentelemetry_http::HttpClient for Client {
    async fn send_bytes(
        &self,
        request: opentelemetry_http::Request<opentelemetry_http::Bytes>,
    ) -> Result<
        opentelemetry_http::Response<opentelemetry_http::Bytes>,
        opentelemetry_http::HttpError,
    > {
        let request = reqwest::Request::try_from(request)?;
        let mut response = self.0.execute(request).await?;
        let mut answer = opentelemetry_http::Response::builder().status(response.status());
        if let Some(headers) = answer.headers_mut() {
            *headers = std::mem::take(response.headers_mut());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > MAX_RESPONSE {
                return Err("the collector's answer is too large".into());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(answer.body(body.into())?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Option<Config>, OtlpError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_env(|name| vars.get(name).cloned())
    }

    fn refused(vars: &[(&str, &str)]) -> String {
        config(vars).unwrap_err().to_string()
    }

    #[test]
    fn off_unless_an_endpoint_is_set() {
        assert_eq!(config(&[]).unwrap(), None);
        assert_eq!(config(&[("OTEL_SERVICE_NAME", "idp")]).unwrap(), None);
        assert_eq!(
            config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", " ")]).unwrap(),
            None
        );
        let on = config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")])
            .unwrap()
            .unwrap();
        assert_eq!(on.protocol, TraceProtocol::HttpProtobuf);
        assert_eq!(on.timeout, DEFAULT_TIMEOUT);
        assert!(!on.service_named && !on.version_named);
        let traces_only = config(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://t/v1/traces")])
            .unwrap()
            .unwrap();
        assert_eq!(traces_only.endpoint_description(), "https://t");
        for off in [
            ("OTEL_SDK_DISABLED", "TRUE"),
            ("OTEL_TRACES_EXPORTER", "none"),
        ] {
            assert_eq!(
                config(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), off]).unwrap(),
                None
            );
        }
    }

    #[test]
    fn standard_variables_are_read_and_checked() {
        let e = ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317");
        let c = config(&[
            e,
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
            ("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
            ("OTEL_TRACES_SAMPLER_ARG", "0.25"),
            (
                "OTEL_RESOURCE_ATTRIBUTES",
                "deployment.environment=prod, service.name=idp",
            ),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(c.protocol, TraceProtocol::Grpc);
        assert_eq!(c.timeout, Duration::from_millis(2500));
        assert!(c.service_named && !c.version_named);

        assert!(
            refused(&[e, ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")])
                .starts_with("OTEL_EXPORTER_OTLP_PROTOCOL:")
        );
        assert!(
            refused(&[e, ("OTEL_TRACES_EXPORTER", "zipkin")]).starts_with("OTEL_TRACES_EXPORTER:")
        );
        assert!(
            refused(&[e, ("OTEL_EXPORTER_OTLP_TIMEOUT", "10s")])
                .starts_with("OTEL_EXPORTER_OTLP_TIMEOUT:")
        );
        assert!(
            refused(&[e, ("OTEL_TRACES_SAMPLER", "sometimes")]).starts_with("OTEL_TRACES_SAMPLER:")
        );
        assert!(
            refused(&[
                e,
                ("OTEL_TRACES_SAMPLER", "traceidratio"),
                ("OTEL_TRACES_SAMPLER_ARG", "2")
            ])
            .starts_with("OTEL_TRACES_SAMPLER_ARG:")
        );
        assert!(refused(&[e, ("OTEL_SDK_DISABLED", "yes")]).starts_with("OTEL_SDK_DISABLED:"));
    }

    #[test]
    fn grpc_needs_a_plain_endpoint() {
        let grpc = ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        assert!(
            refused(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "https://c:4317"), grpc])
                .contains("without TLS")
        );
        assert!(
            refused(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "c:4317"), grpc]).contains("without TLS")
        );
        assert!(
            config(&[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "c:4317"),
                grpc,
                ("OTEL_EXPORTER_OTLP_INSECURE", "true")
            ])
            .unwrap()
            .is_some()
        );
    }

    #[test]
    fn the_startup_line_names_no_credentials() {
        let c = config(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://user:secret@collector.example:4318/otlp?token=abc",
        )])
        .unwrap()
        .unwrap();
        assert_eq!(c.endpoint_description(), "https://collector.example:4318");
    }
}

//! Logging: `RUST_LOG` filters (default `info`), written to standard error, as text or, with
//! `RAPPORT_LOG_FORMAT=json`, one JSON object a line (each request's lines carry its
//! `request_id` in their `span`).

use std::io::IsTerminal;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// For people (the default).
    Text,
    /// One JSON object a line, for log collectors.
    Json,
}

impl LogFormat {
    /// Reads `RAPPORT_LOG_FORMAT` (`text` or `json`, any case; unset means text). Anything else
    /// is refused with a message.
    pub fn parse(value: Option<&str>) -> Result<Self, String> {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => Err(format!(
                "RAPPORT_LOG_FORMAT={other:?} is not a log format: use text or json"
            )),
        }
    }
}

/// A JSON subscriber writing to `writer`: the event's fields at the top level beside
/// `timestamp`, `level`, `target` and `message`, and the current span's fields under `span`.
pub fn json_subscriber<W>(
    filter: EnvFilter,
    writer: W,
) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_env_filter(filter)
        .with_writer(writer)
        .finish()
}

/// Installs the global subscriber once; later calls do nothing. Answers an error for a
/// `RAPPORT_LOG_FORMAT` it does not know (logging as text meanwhile).
pub fn init() -> Result<(), String> {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let format = LogFormat::parse(std::env::var("RAPPORT_LOG_FORMAT").ok().as_deref());
    let _ = match format {
        Ok(LogFormat::Json) => json_subscriber(filter(), std::io::stderr)
            .try_init()
            .map_err(|e| e.to_string()),
        Ok(LogFormat::Text) | Err(_) => tracing_subscriber::fmt()
            .with_env_filter(filter())
            .with_writer(std::io::stderr)
            .with_ansi(std::io::stderr().is_terminal())
            .try_init()
            .map_err(|e| e.to_string()),
    };
    format.map(drop)
}

#[cfg(test)]
#[path = "telemetry_tests.rs"]
mod tests;

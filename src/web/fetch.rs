//! One HTTP GET: redirects followed, gzip, deflate and brotli undone, a timeout, a size cap,
//! and an error that names the URL, the HTTP status or the network failure, and the fix.
//!
//! The client is `ureq` (blocking, 30-odd crates with rustls, against about 130 for
//! `reqwest`'s blocking client with its async runtime underneath).

use std::io::Read;
use std::time::Duration;
use ureq::ResponseExt;

/// Environment variable that sets the timeout of one fetch, in seconds (default 30).
pub const TIMEOUT_ENV: &str = "GAZETTE_HTTP_TIMEOUT";

/// Environment variable that sets the largest body fetched, in bytes (default 32 MiB).
pub const MAX_BYTES_ENV: &str = "GAZETTE_HTTP_MAX_BYTES";

const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
const DEFAULT_MAX_BYTES: u64 = 32 << 20;
const MAX_REDIRECTS: u32 = 10;

/// A fetched document.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The address after redirects.
    pub final_url: String,
}

fn timeout() -> Duration {
    let seconds = std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    Duration::from_secs_f64(seconds)
}

fn max_bytes() -> u64 {
    std::env::var(MAX_BYTES_ENV)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_MAX_BYTES)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout()))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("gazette/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Fetches `url`; the error says what failed and what to do (without the URL, which the
/// caller names).
pub fn get(url: &str) -> Result<Fetched, String> {
    let mut response = agent()
        .get(url)
        .header("Accept-Encoding", "gzip, deflate, br")
        .call()
        .map_err(|error| network_message(&error))?;
    let status = response.status();
    if !status.is_success() {
        return Err(status_message(status.as_u16(), status.canonical_reason()));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let deflated = header("content-encoding").is_some_and(|e| e.eq_ignore_ascii_case("deflate"));
    let final_url = response.get_uri().to_string();
    let cap = max_bytes();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(cap)
        .read_to_vec()
        .map_err(|error| match error {
            ureq::Error::BodyExceedsLimit(_) => format!(
                "larger than the {} cap on a fetched page; save it and give the file instead",
                size(cap)
            ),
            other => network_message(&other),
        })?;
    let bytes = if deflated {
        inflate(&bytes, cap)?
    } else {
        bytes
    };
    Ok(Fetched {
        bytes,
        content_type,
        final_url,
    })
}

/// A `deflate` body: zlib-wrapped as the standard says, or raw as some servers send it.
fn inflate(bytes: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(bytes)
        .take(cap + 1)
        .read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        flate2::read::DeflateDecoder::new(bytes)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("the server sent a broken deflate body ({e}); try again"))?;
    }
    if out.len() as u64 > cap {
        return Err(format!(
            "larger than the {} cap on a fetched page",
            size(cap)
        ));
    }
    Ok(out)
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

fn status_message(code: u16, reason: Option<&str>) -> String {
    let reason = reason.map(|r| format!(" {r}")).unwrap_or_default();
    let fix = match code {
        404 | 410 => "the page is not there; check the address",
        401 | 403 => "the server refuses it; save the page from a browser and give the file",
        429 => "too many requests; try again later",
        500..=599 => "the server failed; try again later (--refresh)",
        _ => "check the address",
    };
    format!("HTTP {code}{reason}: {fix}")
}

fn network_message(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "timed out after {} s; try again later, or set {TIMEOUT_ENV} to wait longer",
            timeout().as_secs_f64()
        ),
        ureq::Error::HostNotFound => {
            "host not found; check the address and your connection".to_owned()
        }
        ureq::Error::TooManyRedirects => {
            format!("more than {MAX_REDIRECTS} redirects; check the address")
        }
        ureq::Error::BadUri(detail) => format!("not a valid address ({detail}); check it"),
        other => format!("network failure ({other}); check the address and your connection"),
    }
}

//! The HTTP client: one blocking GET a call, with retries and backoff on
//! 429 and 5xx, a timeout, and the whole body or an error.

use std::time::Duration;

use super::{Call, FetchError, Settings, Source};

/// Tries of one call on 429 or 5xx before giving up.
const TRIES: u32 = 4;
/// The first wait after a 429 or 5xx without Retry-After; doubled each time.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest Retry-After obeyed: a longer one is an error to show.
const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(120);
/// Responses larger than this are not data we can use whole.
const BODY_LIMIT: u64 = 512 * 1024 * 1024;

/// Plain `http://` only for this machine (tests, a local mirror): anything
/// else goes over TLS.
pub(super) fn check_base(base: &str) -> Result<(), String> {
    if base.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = base.strip_prefix("http://") else {
        return Err(format!(
            "'{base}' is not an http(s) URL (expected https://…, or http:// on a loopback address)"
        ));
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        Err(format!(
            "'{base}': plain http:// is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https://"
        ))
    }
}

pub(super) struct Client {
    agent: ureq::Agent,
    comtrade_key: Option<String>,
    source: Source,
}

impl Client {
    pub(super) fn new(settings: &Settings, source: Source) -> Self {
        let loopback = settings.base.starts_with("http://");
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            // Statuses are read here: a 429 is retried, an error body quoted.
            .http_status_as_error(false)
            .user_agent(concat!("eurasia-dash/", env!("CARGO_PKG_VERSION")))
            // A proxy cannot be between this machine and itself.
            .proxy(if loopback {
                None
            } else {
                ureq::Proxy::try_from_env()
            })
            .build();
        Self {
            agent: config.into(),
            comtrade_key: settings.comtrade_key.clone(),
            source,
        }
    }

    /// The body of a 2xx response, after retrying 429 and 5xx.
    pub(super) fn get(&self, call: &Call) -> Result<Vec<u8>, FetchError> {
        let mut backoff = FIRST_BACKOFF;
        let mut tries = 0;
        loop {
            tries += 1;
            let mut request = self.agent.get(&call.url);
            request = match self.source {
                Source::Imf => {
                    request.header("Accept", "application/vnd.sdmx.data+csv;version=2.0.0")
                }
                _ => request,
            };
            if let (Source::Comtrade, Some(key)) = (self.source, &self.comtrade_key) {
                request = request.header("Ocp-Apim-Subscription-Key", key);
            }
            let mut response = request.call().map_err(|error| unreachable(call, &error))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let body = response
                .body_mut()
                .with_config()
                .limit(BODY_LIMIT)
                .read_to_vec()
                .map_err(|error| FetchError::NotData {
                    what: call.what.clone(),
                    url: call.url.clone(),
                    reason: format!("the response was cut off or unreadable: {error}"),
                })?;
            if (200..300).contains(&status) {
                return Ok(body);
            }
            let retry = status == 429 || (500..600).contains(&status);
            let wait = retry_after.unwrap_or(backoff);
            if !retry || tries >= TRIES || wait > LONGEST_RETRY_AFTER {
                let mut said = super::response::gist(&body);
                if retry {
                    said.push_str(&format!(" (after {tries} tries)"));
                }
                return Err(FetchError::Status {
                    what: call.what.clone(),
                    url: call.url.clone(),
                    status,
                    said,
                });
            }
            std::thread::sleep(wait);
            backoff *= 2;
        }
    }
}

fn unreachable(call: &Call, error: &ureq::Error) -> FetchError {
    let reason = match error {
        ureq::Error::Timeout(_) => "no answer within the timeout (--timeout)".to_string(),
        ureq::Error::HostNotFound => "no such host".to_string(),
        ureq::Error::ConnectionFailed => "the connection was refused or failed".to_string(),
        other => other.to_string(),
    };
    FetchError::Unreachable {
        url: call.url.clone(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::check_base;

    #[test]
    fn plain_http_is_only_for_loopback() {
        assert!(check_base("https://comtradeapi.un.org").is_ok());
        assert!(check_base("http://127.0.0.1:8080").is_ok());
        assert!(check_base("http://[::1]:8080/x").is_ok());
        assert!(check_base("http://localhost:9").is_ok());
        assert!(check_base("http://comtradeapi.un.org").is_err());
        assert!(check_base("http://10.0.0.1:80").is_err());
        assert!(check_base("ftp://127.0.0.1").is_err());
    }
}

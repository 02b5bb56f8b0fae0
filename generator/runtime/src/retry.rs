//! When and how long to wait before retrying: which failures are retried, exponential backoff
//! with jitter, the server's `Retry-After-Ms` / `Retry-After`, and a client-wide retry budget.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

/// How a client retries failed attempts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2, so at most 3 attempts).
    pub max_retries: u32,
    /// Delay before the first retry (default 0.5 s); doubles with each retry.
    pub initial_backoff: Duration,
    /// Longest computed delay (default 8 s).
    pub max_backoff: Duration,
    /// Longest delay a server's `Retry-After-Ms` / `Retry-After` can ask for (default 60 s);
    /// a longer request is cut to this.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The delay before retry number `retry` (0 for the first retry): `min(initial × 2^retry,
    /// max)`, minus up to 25% jitter (`jitter` in `[0, 1)`).
    /// Any values are accepted: durations too long to represent are cut to [`MAX_DELAY`].
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let base = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_backoff)
            .min(MAX_DELAY);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        base.mul_f64(1.0 - 0.25 * jitter)
    }

    /// The delay before the next retry: what the server asked for (capped), else the backoff.
    pub fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Duration {
        match headers.and_then(|h| retry_after(h, SystemTime::now())) {
            Some(asked) => asked.min(self.max_retry_after).min(MAX_DELAY),
            None => self.backoff(retry, fastrand::f64()),
        }
    }
}

/// The longest delay any policy computes (a day): far beyond any useful wait, and small enough
/// that no arithmetic on it overflows.
pub const MAX_DELAY: Duration = Duration::from_secs(24 * 3600);

/// The delay a response asks for: `Retry-After-Ms` (milliseconds, may be fractional) first,
/// then `Retry-After` (seconds, may be fractional, or an HTTP date). Negative values mean now.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let seconds = |value: f64| Duration::try_from_secs_f64(value.max(0.0)).ok();
    if let Some(ms) = text("retry-after-ms").and_then(|t| t.parse::<f64>().ok())
        && ms.is_finite()
    {
        return seconds(ms / 1000.0);
    }
    let value = text("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return secs.is_finite().then(|| seconds(secs)).flatten();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Whether a response status is worth retrying: the server's `x-should-retry: true|false`
/// decides when present; otherwise 408, 409, 429 and every 5xx are retried.
pub fn should_retry_status(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// Whether a failed attempt that got an answer is retried. The server's `x-should-retry:
/// true|false` decides when present. Otherwise a request that is `idempotent` (by its method,
/// the spec, or an idempotency key) is retried after the statuses [`should_retry_status`]
/// names; any other request only after a status saying the server did nothing with it: 429,
/// 503, and the API's `unprocessed` statuses.
pub fn retry_status(
    status: StatusCode,
    headers: &HeaderMap,
    idempotent: bool,
    unprocessed: &[u16],
) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    let did_nothing =
        matches!(status.as_u16(), 429 | 503) || unprocessed.contains(&status.as_u16());
    did_nothing || (idempotent && should_retry_status(status, headers))
}

/// A client-wide retry budget (a token bucket, as smithy-rs has): each retry spends tokens and
/// each success returns one, so during an outage a client stops retrying instead of
/// multiplying the load it sends. First attempts never need tokens.
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

/// Tokens a retry after an error response or connection failure costs.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs.
pub const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a successful response returns.
pub const SUCCESS_REFUND: u32 = 1;
/// Tokens a new budget holds.
pub const DEFAULT_BUDGET: u32 = 500;

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::new(DEFAULT_BUDGET)
    }
}

impl RetryBudget {
    /// A full budget of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        RetryBudget {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// Takes `cost` tokens if the budget has them.
    pub fn try_spend(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Gives back `amount` tokens, up to the capacity.
    pub fn refund(&self, amount: u32) {
        let capacity = self.capacity;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(amount).min(capacity))
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_at_most_a_quarter_off() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(0, 0.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(3, 0.0), Duration::from_secs(4));
        assert_eq!(policy.backoff(4, 0.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(30, 0.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(0, 0.5), Duration::from_micros(437_500));
        let most_jitter = policy.backoff(0, 0.999_999);
        assert!(
            most_jitter > Duration::from_millis(375) && most_jitter < Duration::from_millis(376)
        );
        assert_eq!(policy.backoff(u32::MAX, 0.5), Duration::from_secs(7));
    }

    #[test]
    fn retry_after_ms_wins_over_retry_after() {
        let now = SystemTime::now();
        let both = headers(&[("retry-after-ms", "250.5"), ("retry-after", "30")]);
        assert_eq!(
            retry_after(&both, now),
            Some(Duration::from_micros(250_500))
        );
        let seconds = headers(&[("retry-after", "0.1")]);
        assert_eq!(retry_after(&seconds, now), Some(Duration::from_millis(100)));
        let negative = headers(&[("retry-after", "-3")]);
        assert_eq!(retry_after(&negative, now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "NaN")]), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_http_date_is_relative_to_now() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let later = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:05 GMT")]);
        assert_eq!(retry_after(&later, now), Some(Duration::from_secs(5)));
        let past = headers(&[("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT")]);
        assert_eq!(retry_after(&past, now), Some(Duration::ZERO));
    }

    #[test]
    fn server_asked_delay_is_capped() {
        let policy = RetryPolicy::default();
        let long = headers(&[("retry-after", "3600")]);
        assert_eq!(policy.delay(0, Some(&long)), Duration::from_secs(60));
    }

    #[test]
    fn which_statuses_are_retried() {
        let none = HeaderMap::new();
        for code in [408, 409, 429, 500, 502, 503, 504] {
            assert!(
                should_retry_status(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        for code in [400, 401, 403, 404, 422] {
            assert!(
                !should_retry_status(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        let forbid = headers(&[("x-should-retry", "false")]);
        assert!(!should_retry_status(
            StatusCode::INTERNAL_SERVER_ERROR,
            &forbid
        ));
        let force = headers(&[("x-should-retry", "true")]);
        assert!(should_retry_status(StatusCode::BAD_REQUEST, &force));
    }

    #[test]
    fn requests_that_are_not_idempotent_are_retried_only_when_nothing_happened() {
        let none = HeaderMap::new();
        let status = |code| StatusCode::from_u16(code).unwrap();
        for code in [500, 502, 504, 408, 409] {
            assert!(retry_status(status(code), &none, true, &[]), "{code}");
            assert!(!retry_status(status(code), &none, false, &[]), "{code}");
        }
        for code in [429, 503] {
            assert!(retry_status(status(code), &none, false, &[]), "{code}");
        }
        assert!(retry_status(status(409), &none, false, &[409]));
        assert!(!retry_status(status(400), &none, true, &[]));
        let force = headers(&[("x-should-retry", "true")]);
        assert!(retry_status(status(500), &force, false, &[]));
        let forbid = headers(&[("x-should-retry", "false")]);
        assert!(!retry_status(status(503), &forbid, false, &[]));
    }

    #[test]
    fn extreme_policies_never_panic() {
        let policy = RetryPolicy {
            max_retries: u32::MAX,
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            max_retry_after: Duration::MAX,
        };
        for retry in [0, 1, 31, 32, u32::MAX] {
            for jitter in [0.0, 0.5, 1.0, f64::NAN, f64::INFINITY, -1.0] {
                assert!(policy.backoff(retry, jitter) <= MAX_DELAY);
            }
        }
        let far = headers(&[("retry-after", "1e300")]);
        assert!(policy.delay(0, Some(&far)) <= MAX_DELAY);
    }

    #[test]
    fn budget_runs_dry_and_refills_up_to_capacity() {
        let budget = RetryBudget::new(12);
        assert!(budget.try_spend(RETRY_COST));
        assert!(budget.try_spend(RETRY_COST));
        assert!(!budget.try_spend(RETRY_COST), "2 tokens left");
        assert_eq!(budget.available(), 2);
        budget.refund(100);
        assert_eq!(budget.available(), 12);
    }
}

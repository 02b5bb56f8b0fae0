//! Waiting for a long-running operation: poll until the resource reaches a success state
//! (return it) or a failure state ([`Error::WaitFailed`] carrying it), with growing delays and
//! a time limit that is a deadline: every sleep and every poll (its attempts and retries) is
//! cut to the time left, so the wait ends with [`Error::WaitTimeout`] at the limit, not a
//! poll's timeout later. Dropping the future stops the polling.

use super::error::{Error, Result, WaitFailure};
use serde::Serialize;
use std::future::Future;
use std::time::{Duration, Instant};

/// How a waiter polls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaitOptions {
    /// Delay before the first poll (default 1 s).
    pub initial_delay: Duration,
    /// Each delay is the previous one times this (default 1.5).
    pub multiplier: f64,
    /// Longest delay between polls (default 10 s).
    pub max_delay: Duration,
    /// Give up after this long (default 10 minutes) with [`Error::WaitTimeout`].
    pub timeout: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            initial_delay: Duration::from_secs(1),
            multiplier: 1.5,
            max_delay: Duration::from_secs(10),
            timeout: Duration::from_secs(600),
        }
    }
}

impl WaitOptions {
    /// Sets the delay before the first poll.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Sets the factor by which the delay grows.
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = multiplier;
        self
    }

    /// Sets the longest delay between polls.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets how long to wait in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The delay after `delay`. Any option values are accepted: a multiplier below 1 (or not
    /// a number) keeps the delay, an infinite one jumps to `max_delay`.
    fn next(&self, delay: Duration) -> Duration {
        let factor = if self.multiplier.is_nan() {
            1.0
        } else {
            self.multiplier.max(1.0)
        };
        Duration::try_from_secs_f64(delay.as_secs_f64() * factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }
}

/// What a waiter looks for, as the spec declares it.
#[derive(Clone, Copy, Debug)]
pub struct Acceptors<T: 'static> {
    /// The state of a polled resource.
    pub state: fn(&T) -> &str,
    /// States that end the wait successfully.
    pub success: &'static [&'static str],
    /// States that end the wait with [`Error::WaitFailed`].
    pub failure: &'static [&'static str],
}

/// Polls with `poll` until the resource is in a success or failure state. `first` is the
/// resource as already known (checked before any poll), if the waited-on call returned it.
/// `poll` gets the wait's deadline, to pass to its call
/// ([`Call::deadline_at`](super::Call::deadline_at)): a poll that runs into it ends the wait
/// with [`Error::WaitTimeout`].
pub async fn wait_until<T, F, Fut>(
    first: Option<T>,
    options: WaitOptions,
    acceptors: Acceptors<T>,
    mut poll: F,
) -> Result<T>
where
    T: Serialize + Send + Sync + 'static,
    F: FnMut(Instant) -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let started = Instant::now();
    let deadline = super::transport::deadline_after(options.timeout);
    let mut delay = options.initial_delay;
    let mut current = first;
    let mut last_state = "not yet polled".to_owned();
    let timed_out = |last_state: String| Error::WaitTimeout {
        elapsed: started.elapsed(),
        last_state,
    };
    loop {
        if let Some(resource) = current.take() {
            let state = (acceptors.state)(&resource);
            if acceptors.success.contains(&state) {
                return Ok(resource);
            }
            if acceptors.failure.contains(&state) {
                let state = state.to_owned();
                return Err(Error::WaitFailed(Box::new(WaitFailure::new(
                    &state, resource,
                ))));
            }
            last_state = state.to_owned();
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(last_state));
        }
        tracing::debug!(state = %last_state, delay_ms = delay.as_millis() as u64, "waiting");
        tokio::time::sleep(delay.min(left)).await;
        if Instant::now() >= deadline {
            return Err(timed_out(last_state));
        }
        delay = options.next(delay);
        // The poll's call honours the deadline; the wait enforces it anyway.
        let polled = tokio::time::timeout_at(deadline.into(), poll(deadline)).await;
        match polled {
            Ok(Ok(resource)) => current = Some(resource),
            Err(_) | Ok(Err(Error::DeadlineExceeded { .. })) => return Err(timed_out(last_state)),
            // The poll's last error came after the deadline had passed (a retry that could
            // not start in time): the wait is over either way.
            Ok(Err(_)) if Instant::now() >= deadline => return Err(timed_out(last_state)),
            Ok(Err(error)) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn fast() -> WaitOptions {
        WaitOptions::default()
            .initial_delay(Duration::from_millis(1))
            .max_delay(Duration::from_millis(2))
            .timeout(Duration::from_secs(5))
    }

    const ACCEPT: Acceptors<String> = Acceptors {
        state: String::as_str,
        success: &["done"],
        failure: &["failed"],
    };

    #[tokio::test]
    async fn polls_until_done() {
        let polls = AtomicUsize::new(0);
        let states = ["pending", "running", "done"];
        let result = wait_until(Some("pending".to_owned()), fast(), ACCEPT, |_| async {
            let n = polls.fetch_add(1, Ordering::SeqCst);
            Ok(states[n.min(2)].to_owned())
        })
        .await;
        assert_eq!(result.unwrap(), "done");
        assert_eq!(polls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_resource_already_done_needs_no_poll() {
        let result = wait_until(Some("done".to_owned()), fast(), ACCEPT, |_| async {
            panic!("polled")
        })
        .await;
        assert_eq!(result.unwrap(), "done");
    }

    #[tokio::test]
    async fn failure_carries_the_resource() {
        let result = wait_until(None, fast(), ACCEPT, |_| async { Ok("failed".to_owned()) }).await;
        match result {
            Err(Error::WaitFailed(failure)) => {
                assert_eq!(failure.state, "failed");
                assert_eq!(failure.resource::<String>().unwrap(), "failed");
            }
            other => panic!("expected WaitFailed, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn gives_up_after_the_timeout() {
        let options = fast().timeout(Duration::from_millis(20));
        let result = wait_until(None, options, ACCEPT, |_| async {
            Ok("running".to_owned())
        })
        .await;
        match result {
            Err(Error::WaitTimeout { last_state, .. }) => assert_eq!(last_state, "running"),
            other => panic!("expected WaitTimeout, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_poll_that_never_answers_is_cut_at_the_deadline() {
        let options = fast().timeout(Duration::from_millis(50));
        let started = Instant::now();
        let result = wait_until(Some("running".to_owned()), options, ACCEPT, |_| {
            futures::future::pending::<Result<String>>()
        })
        .await;
        assert!(
            matches!(result, Err(Error::WaitTimeout { .. })),
            "{result:?}"
        );
        assert!(started.elapsed() < Duration::from_millis(500));
    }

    #[tokio::test]
    async fn extreme_options_never_panic_and_the_limit_still_holds() {
        for multiplier in [f64::INFINITY, f64::NAN, 1e300, -1.0, 0.0] {
            let options = WaitOptions {
                initial_delay: Duration::MAX,
                multiplier,
                max_delay: Duration::MAX,
                timeout: Duration::from_millis(20),
            };
            let result = wait_until(None, options, ACCEPT, |_| async {
                Ok("running".to_owned())
            });
            let result = tokio::time::timeout(Duration::from_secs(2), result).await;
            assert!(
                matches!(result, Ok(Err(Error::WaitTimeout { .. }))),
                "{multiplier}"
            );
            assert_eq!(options.next(Duration::MAX), Duration::MAX);
            assert!(options.next(Duration::from_secs(1)) >= Duration::from_secs(1));
        }
        let forever = WaitOptions::default().timeout(Duration::MAX);
        assert!(super::super::transport::deadline_after(forever.timeout) > Instant::now());
    }

    #[test]
    fn delays_grow_to_the_cap() {
        let options = WaitOptions::default();
        assert_eq!(
            options.next(Duration::from_secs(1)),
            Duration::from_millis(1500)
        );
        assert_eq!(
            options.next(Duration::from_secs(8)),
            Duration::from_secs(10)
        );
    }
}

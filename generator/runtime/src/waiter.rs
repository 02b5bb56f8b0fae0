//! Waiting for a long-running operation: poll until the resource reaches a success state
//! (return it) or a failure state ([`Error::WaitFailed`] carrying it), with growing delays and
//! a time limit. Dropping the future stops the polling.

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

    /// The delay after `delay`.
    fn next(&self, delay: Duration) -> Duration {
        let grown = delay.mul_f64(self.multiplier.max(1.0));
        grown.min(self.max_delay)
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
pub async fn wait_until<T, F, Fut>(
    first: Option<T>,
    options: WaitOptions,
    acceptors: Acceptors<T>,
    mut poll: F,
) -> Result<T>
where
    T: Serialize + Send + Sync + 'static,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let started = Instant::now();
    let mut delay = options.initial_delay;
    let mut current = first;
    let mut last_state = "not yet polled".to_owned();
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
        let elapsed = started.elapsed();
        if elapsed + delay > options.timeout {
            return Err(Error::WaitTimeout {
                elapsed,
                last_state,
            });
        }
        tracing::debug!(state = %last_state, delay_ms = delay.as_millis() as u64, "waiting");
        tokio::time::sleep(delay).await;
        delay = options.next(delay);
        current = Some(poll().await?);
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
        let result = wait_until(Some("pending".to_owned()), fast(), ACCEPT, || async {
            let n = polls.fetch_add(1, Ordering::SeqCst);
            Ok(states[n.min(2)].to_owned())
        })
        .await;
        assert_eq!(result.unwrap(), "done");
        assert_eq!(polls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_resource_already_done_needs_no_poll() {
        let result = wait_until(Some("done".to_owned()), fast(), ACCEPT, || async {
            panic!("polled")
        })
        .await;
        assert_eq!(result.unwrap(), "done");
    }

    #[tokio::test]
    async fn failure_carries_the_resource() {
        let result = wait_until(None, fast(), ACCEPT, || async { Ok("failed".to_owned()) }).await;
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
        let result = wait_until(None, options, ACCEPT, || async { Ok("running".to_owned()) }).await;
        match result {
            Err(Error::WaitTimeout { last_state, .. }) => assert_eq!(last_state, "running"),
            other => panic!("expected WaitTimeout, got {other:?}"),
        }
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

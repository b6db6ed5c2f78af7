//! Fixed-window counters keyed by client address or account, for rate limits and sign-in
//! throttling. In memory: a restart forgets them, which only ever helps a legitimate user.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Past this many keys, expired windows are swept before a new key is added.
const SWEEP_AT: usize = 10_000;

pub struct Limiter {
    max: u32,
    window: Duration,
    hits: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Limiter {
        Limiter {
            max,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one event for `key`; `false` once the key is over its limit for this window.
    pub fn hit(&self, key: &str) -> bool {
        let now = Instant::now();
        let mut hits = self
            .hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if hits.len() >= SWEEP_AT && !hits.contains_key(key) {
            hits.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1 <= self.max
    }

    /// Whether `key` has used up this window, without counting an event.
    pub fn is_exhausted(&self, key: &str) -> bool {
        let hits = self
            .hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        hits.get(key)
            .is_some_and(|(start, n)| start.elapsed() < self.window && *n >= self.max)
    }

    pub fn reset(&self, key: &str) {
        self.hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }
}

/// The server's limits.
pub struct Limits {
    /// Client registrations per address.
    pub register: Limiter,
    /// Token requests per address.
    pub token: Limiter,
    /// Failed sign-ins per address.
    pub login_ip: Limiter,
    /// Failed sign-ins per account.
    pub login_account: Limiter,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            register: Limiter::new(20, Duration::from_secs(3600)),
            token: Limiter::new(300, Duration::from_secs(60)),
            login_ip: Limiter::new(20, Duration::from_secs(900)),
            login_account: Limiter::new(5, Duration::from_secs(900)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_limited_within_its_window_only() {
        let l = Limiter::new(2, Duration::from_millis(50));
        assert!(l.hit("a") && l.hit("a"));
        assert!(l.is_exhausted("a"));
        assert!(!l.hit("a"));
        assert!(l.hit("b"), "keys are independent");
        std::thread::sleep(Duration::from_millis(60));
        assert!(!l.is_exhausted("a"));
        assert!(l.hit("a"), "a new window starts afresh");
        l.reset("b");
        assert!(!l.is_exhausted("b"));
    }
}

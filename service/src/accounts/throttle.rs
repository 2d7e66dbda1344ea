//! Failed sign-ins counted per account and per address.

use crate::error::Result;
use kheo_domain::i18n::Problem;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Counts failed sign-ins per account and per address over a sliding window.
/// Kept in memory: a restart forgives, and each instance counts its own.
#[derive(Clone, Default)]
pub struct Throttle {
    failures: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
}

/// The sliding window failures are counted over.
pub const THROTTLE_WINDOW: Duration = Duration::from_secs(300);
/// Failures allowed per account within the window.
pub const PER_ACCOUNT: usize = 5;
/// Failures allowed per address within the window (a hall shares one address).
pub const PER_ADDRESS: usize = 30;

impl Throttle {
    fn keys(account: &str, ip: &str) -> [(String, usize); 2] {
        [(format!("u:{account}"), PER_ACCOUNT), (format!("ip:{ip}"), PER_ADDRESS)]
    }

    /// Refuses while either the account or the address is over its limit.
    pub fn check(&self, account: &str, ip: &str) -> Result<()> {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("throttle lock");
        let mut wait = Duration::ZERO;
        for (key, limit) in Self::keys(account, ip) {
            if let Some(q) = map.get_mut(&key) {
                while q.front().is_some_and(|t| now.duration_since(*t) > THROTTLE_WINDOW) {
                    q.pop_front();
                }
                if q.len() >= limit {
                    let oldest = q[q.len() - limit];
                    wait = wait.max(THROTTLE_WINDOW.saturating_sub(now.duration_since(oldest)));
                }
            }
        }
        if wait > Duration::ZERO {
            return Err(Problem::TooManyAttempts { retry_after_secs: wait.as_secs().max(1) }.into());
        }
        Ok(())
    }

    /// Records a failure.
    pub fn fail(&self, account: &str, ip: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("throttle lock");
        for (key, limit) in Self::keys(account, ip) {
            let q = map.entry(key).or_default();
            q.push_back(now);
            while q.len() > limit {
                q.pop_front();
            }
        }
        if map.len() > 100_000 {
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < THROTTLE_WINDOW));
        }
    }

    /// Forgets an account's failures after a good sign-in.
    pub fn succeed(&self, account: &str) {
        self.failures.lock().expect("throttle lock").remove(&format!("u:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn throttle_blocks_after_a_burst_per_account() {
        let t = Throttle::default();
        for _ in 0..PER_ACCOUNT {
            assert!(t.check("gk1", "1.2.3.4").is_ok());
            t.fail("gk1", "1.2.3.4");
        }
        assert!(matches!(t.check("gk1", "5.6.7.8"), Err(Error::Problem(Problem::TooManyAttempts { .. }))));
        assert!(t.check("gk2", "1.2.3.4").is_ok(), "another account from the same hall still signs in");
        t.succeed("gk1");
        assert!(t.check("gk1", "1.2.3.4").is_ok());
    }

    #[test]
    fn throttle_blocks_an_address_spraying_accounts() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.fail(&format!("user{i}"), "9.9.9.9");
        }
        assert!(t.check("fresh", "9.9.9.9").is_err());
        assert!(t.check("fresh", "8.8.8.8").is_ok());
    }
}

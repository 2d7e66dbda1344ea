//! Failed sign-ins counted per account and per address.

use crate::error::Result;
use kheo_domain::i18n::Problem;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Counts failed sign-ins per account and per address over a sliding window.
/// Kept in memory: a restart forgives, and each instance counts its own.
///
/// Guessing is slowed for strangers without letting a stranger lock the
/// hall out (OWASP's "device cookies"): a browser that has signed in to an
/// account before carries a device cookie, and for that account it is held
/// only to its own count, not to the account's nor the address's. A hall's
/// whole Wi-Fi shares one address, and anyone who knows a judge's user name
/// could otherwise lock him out before his round.
#[derive(Clone, Default)]
pub struct Throttle {
    failures: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
    /// Device cookie → the accounts that signed in with it.
    devices: Arc<Mutex<HashMap<String, HashSet<String>>>>,
}

/// The sliding window failures are counted over.
pub const THROTTLE_WINDOW: Duration = Duration::from_secs(300);
/// Failures allowed per account within the window, from unknown browsers.
pub const PER_ACCOUNT: usize = 5;
/// Failures allowed per address within the window (a hall shares one address).
pub const PER_ADDRESS: usize = 30;
/// Failures allowed to a browser that signed in to the account before.
pub const PER_KNOWN_DEVICE: usize = 10;

impl Throttle {
    fn known(&self, account: &str, device: Option<&str>) -> Option<String> {
        let device = device?;
        let devices = self.devices.lock().expect("throttle lock");
        devices.get(device).is_some_and(|a| a.contains(account)).then(|| format!("d:{device}:{account}"))
    }

    fn keys(&self, account: &str, ip: &str, device: Option<&str>) -> Vec<(String, usize)> {
        match self.known(account, device) {
            Some(key) => vec![(key, PER_KNOWN_DEVICE)],
            None => vec![(format!("u:{account}"), PER_ACCOUNT), (format!("ip:{ip}"), PER_ADDRESS)],
        }
    }

    /// Refuses while what this attempt is counted against is over its limit.
    pub fn check(&self, account: &str, ip: &str, device: Option<&str>) -> Result<()> {
        self.check_keys(self.keys(account, ip, device))
    }

    /// Records a failure.
    pub fn fail(&self, account: &str, ip: &str, device: Option<&str>) {
        self.fail_keys(self.keys(account, ip, device));
    }

    /// `check` for a secret guessed on its own, such as a tablet pass's PIN:
    /// counted per secret only, never per address.
    pub fn check_secret(&self, key: &str) -> Result<()> {
        self.check_keys(vec![(format!("s:{key}"), PER_ACCOUNT)])
    }

    /// `fail` for a secret guessed on its own.
    pub fn fail_secret(&self, key: &str) {
        self.fail_keys(vec![(format!("s:{key}"), PER_ACCOUNT)]);
    }

    /// Forgets a secret's failures after it was given right.
    pub fn succeed_secret(&self, key: &str) {
        self.failures.lock().expect("throttle lock").remove(&format!("s:{key}"));
    }

    fn check_keys(&self, keys: Vec<(String, usize)>) -> Result<()> {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("throttle lock");
        let mut wait = Duration::ZERO;
        for (key, limit) in keys {
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

    fn fail_keys(&self, keys: Vec<(String, usize)>) {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("throttle lock");
        for (key, limit) in keys {
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

    /// After a good sign-in: forgets the account's failures from this
    /// browser and remembers the browser for the account.
    pub fn succeed(&self, account: &str, device: Option<&str>) {
        let mut map = self.failures.lock().expect("throttle lock");
        map.remove(&format!("u:{account}"));
        if let Some(device) = device {
            map.remove(&format!("d:{device}:{account}"));
            let mut devices = self.devices.lock().expect("throttle lock");
            if devices.len() > 100_000 {
                devices.clear();
            }
            devices.entry(device.to_string()).or_default().insert(account.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn refused(r: Result<()>) -> bool {
        matches!(r, Err(Error::Problem(Problem::TooManyAttempts { .. })))
    }

    #[test]
    fn throttle_blocks_after_a_burst_per_account() {
        let t = Throttle::default();
        for _ in 0..PER_ACCOUNT {
            assert!(t.check("gk1", "1.2.3.4", None).is_ok());
            t.fail("gk1", "1.2.3.4", None);
        }
        assert!(refused(t.check("gk1", "5.6.7.8", None)));
        assert!(t.check("gk2", "1.2.3.4", None).is_ok(), "another account from the same hall still signs in");
        t.succeed("gk1", None);
        assert!(t.check("gk1", "1.2.3.4", None).is_ok());
    }

    #[test]
    fn throttle_blocks_an_address_spraying_accounts() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.fail(&format!("user{i}"), "9.9.9.9", None);
        }
        assert!(refused(t.check("fresh", "9.9.9.9", None)));
        assert!(t.check("fresh", "8.8.8.8", None).is_ok());
    }

    #[test]
    fn a_stranger_cannot_lock_a_judge_out_of_his_own_tablet() {
        let t = Throttle::default();
        // The judge signed in on his tablet yesterday.
        t.succeed("gk1", Some("tablet-of-gk1"));
        // Someone in the hall, on the same Wi-Fi, tries his name and then
        // every name he can think of.
        for _ in 0..PER_ACCOUNT {
            t.fail("gk1", "10.0.0.1", Some("phone-of-stranger"));
        }
        for i in 0..PER_ADDRESS {
            t.fail(&format!("guess{i}"), "10.0.0.1", None);
        }
        assert!(refused(t.check("gk1", "10.0.0.1", Some("phone-of-stranger"))));
        assert!(refused(t.check("gk1", "10.0.0.1", None)));
        assert!(t.check("gk1", "10.0.0.1", Some("tablet-of-gk1")).is_ok(), "his tablet still signs in");
        // Guessing from his tablet is still slowed, on its own count.
        for _ in 0..PER_KNOWN_DEVICE {
            t.fail("gk1", "10.0.0.1", Some("tablet-of-gk1"));
        }
        assert!(refused(t.check("gk1", "10.0.0.1", Some("tablet-of-gk1"))));
        // A device known for one account is a stranger to the others.
        assert!(refused(t.check("gk2", "10.0.0.1", Some("tablet-of-gk1"))));
    }
}

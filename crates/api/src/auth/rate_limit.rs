//! Log-in attempt limits, per account and per client address (in memory, per instance).

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// Keys kept before old entries are swept.
const SWEEP_AT: usize = 10_000;

/// Counts log-in attempts.
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl LoginLimiter {
    /// Allows `per_account` attempts a minute for one account and `per_address` for one client.
    pub fn new(per_account: u32, per_address: u32) -> Self {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            per_account: RateLimiter::keyed(quota(per_account)),
            per_address: RateLimiter::keyed(quota(per_address)),
            clock: DefaultClock::default(),
        }
    }

    /// Records an attempt; refuses it with 429 and `Retry-After` when either limit is reached.
    pub fn check(&self, account: &str, address: &str) -> Result<(), ApiError> {
        for (limiter, key) in [(&self.per_address, address), (&self.per_account, account)] {
            if limiter.len() > SWEEP_AT {
                limiter.retain_recent();
            }
            if let Err(not_until) = limiter.check_key(&key.to_owned()) {
                let wait = not_until.wait_time_from(self.clock.now());
                return Err(ApiError::rate_limited(wait.as_secs() + 1));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_whatever_the_address() {
        let limiter = LoginLimiter::new(3, 100);
        for i in 0..3 {
            assert!(limiter.check("mia@x.io", &format!("10.0.0.{i}")).is_ok());
        }
        let refused = limiter.check("mia@x.io", "10.0.0.9").unwrap_err();
        assert_eq!(refused.code(), crate::error::ErrorCode::RateLimited);
        assert!(limiter.check("sam@x.io", "10.0.0.9").is_ok());
    }

    #[test]
    fn an_address_is_limited_whatever_the_account() {
        let limiter = LoginLimiter::new(100, 2);
        assert!(limiter.check("a@x.io", "10.0.0.1").is_ok());
        assert!(limiter.check("b@x.io", "10.0.0.1").is_ok());
        assert!(limiter.check("c@x.io", "10.0.0.1").is_err());
        assert!(limiter.check("c@x.io", "10.0.0.2").is_ok());
    }
}

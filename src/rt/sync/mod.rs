//! Coroutine synchronisation built on the scheduler's one primitive (park, then
//! a wake-up): channels, wait groups, locks, barriers and waiter sets.
#![forbid(unsafe_code)]

pub mod barrier;
pub mod channel;
pub mod lock;
pub mod wait_group;
pub mod waiters;

/// Why a wait ended without success (Swoole's channel error codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitError {
    /// The deadline passed (`errCode` -1).
    Timeout,
    /// The channel was closed (`errCode` -2).
    Closed,
    /// The coroutine was canceled (`errCode` -3).
    Canceled,
    /// The call would wait but runs outside a coroutine.
    NotInCoroutine,
}

impl WaitError {
    /// Swoole's `SWOOLE_CHANNEL_*` code.
    pub fn code(self) -> i64 {
        match self {
            WaitError::Timeout => -1,
            WaitError::Closed => -2,
            WaitError::Canceled => -3,
            WaitError::NotInCoroutine => -1,
        }
    }
}

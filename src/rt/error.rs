//! Errors of the runtime core, mapped once to PHP exceptions in `php/error.rs`.
#![forbid(unsafe_code)]

use std::fmt;

/// What went wrong in a runtime call.
#[derive(Debug)]
pub enum Error {
    /// The call needs a coroutine and was made outside one.
    NotInCoroutine,
    /// `max_coroutine` live coroutines already exist.
    TooManyCoroutines(usize),
    /// No coroutine with that id is alive.
    NoSuchCoroutine(u64),
    /// The coroutine cannot be resumed in its present state.
    NotResumable(u64),
    /// The coroutine is not in a wait that can be canceled.
    NotCancelable(u64),
    /// Another coroutine already waits on this socket in the same direction.
    Busy {
        /// The file descriptor.
        fd: i32,
        /// The coroutine that holds it.
        holder: u64,
    },
    /// A scheduler is already running (nested `run()`).
    AlreadyRunning,
    /// An operating-system error (stack mapping, epoll).
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotInCoroutine => write!(f, "API must be called in the coroutine"),
            Error::TooManyCoroutines(n) => {
                write!(f, "exceed max number of coroutine {n}")
            }
            Error::NoSuchCoroutine(c) => write!(f, "coroutine #{c} does not exist"),
            Error::NotResumable(c) => write!(
                f,
                "cannot resume coroutine #{c}: it is not suspended by yield()"
            ),
            Error::NotCancelable(c) => write!(
                f,
                "coroutine #{c} cannot be canceled: it is not in a cancelable wait"
            ),
            Error::Busy { fd, holder } => write!(
                f,
                "socket #{fd} is already in use by coroutine #{holder}: one connection cannot be used by two coroutines at once"
            ),
            Error::AlreadyRunning => write!(f, "an event loop is already running"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

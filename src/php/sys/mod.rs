//! PHP's C layouts, fenced: the only place for copies of PHP's (and its
//! extensions') C structs that ext-php-rs does not bind, and for `extern "C"`
//! blocks declaring engine functions and globals.
//!
//! Owns: `#[repr(C)]` mirrors of PHP 8.2 structs (whole or a head of one, as
//! each says), and the prototypes of the Zend/main/ext functions we call
//! beyond ext-php-rs's bindings.
//! Invariants: every struct copy is checked at compile time (`layout!`)
//! against the size and field offsets of PHP 8.2 on x86_64, as measured with
//! `sizeof`/`offsetof` on the installed headers; every prototype matches its
//! PHP 8.2 declaration, quoted in its doc line.
//! May not: hold logic or state. Code outside `sys` may not declare its own
//! copy of a PHP struct or an `extern` block.

/// Compile-time checks of a struct copy against PHP 8.2 on x86_64: its size
/// and the offset of each listed field.
macro_rules! layout {
    ($t:ty, size = $n:expr $(, $f:ident = $o:expr)* $(,)?) => {
        #[cfg(target_arch = "x86_64")]
        const _: () = {
            assert!(std::mem::size_of::<$t>() == $n);
            $(assert!(std::mem::offset_of!($t, $f) == $o);)*
        };
    };
}

pub mod curl;
pub mod output;
pub mod proc;
pub mod sockets;
pub mod stream;
pub mod zend;

//! The file descriptor behind a PHP value, for the calls that take "a socket"
//! as Swoole does (`System::waitEvent`, `Event::add`): an int fd, a stream
//! resource, an ext-sockets `Socket`, or an object with an int `$fd`
//! (`Coroutine\Socket`) or `$sock`/`$pipe` (Swoole's clients and processes).

use std::os::fd::RawFd;
use std::os::raw::{c_int, c_void};

use ext_php_rs::types::Zval;

use super::sys::sockets::PhpSocket;
use super::sys::stream::_php_stream_cast;

/// Why a value has no fd, in Swoole's warning words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFd {
    /// A negative int.
    Negative(i64),
    /// A resource that is not a stream, or a stream without an fd.
    NotStream,
    /// An ext-sockets `Socket` already closed.
    ClosedSocket,
    /// Anything else.
    Invalid,
}

impl NoFd {
    /// Swoole's warning text for it.
    pub fn text(self) -> String {
        match self {
            NoFd::Negative(n) => format!("invalid file descriptor#{n} passed"),
            NoFd::NotStream => {
                "fd argument must be either valid PHP stream or valid PHP socket resource".into()
            }
            NoFd::ClosedSocket => "contains a closed socket".into(),
            NoFd::Invalid => "invalid file descriptor passed".into(),
        }
    }
}

/// The php_socket behind `z` when it is an ext-sockets `Socket`.
pub fn php_socket_of(z: &Zval) -> Option<*mut PhpSocket> {
    let obj = z.object()?;
    if !obj.get_class_name().ok()?.eq_ignore_ascii_case("Socket") {
        return None;
    }
    // SAFETY: an instance of ext-sockets' final class `Socket` is the `std`
    // member of a php_socket (PhpSocket mirrors its layout).
    Some(unsafe {
        let std = obj as *const ext_php_rs::types::ZendObject as *const u8;
        std.sub(std::mem::offset_of!(PhpSocket, std)) as *mut PhpSocket
    })
}

/// A new ext-sockets `Socket` over a duplicate of `fd` (Swoole's
/// `getSocket()`): the object owns the copy and closes it when freed. None
/// without ext-sockets or when `fd` cannot be duplicated.
pub fn socket_object(fd: RawFd) -> Option<Zval> {
    let ce = ext_php_rs::zend::ClassEntry::try_find("Socket")?;
    // SAFETY: dup(2) of an fd we were given.
    let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if copy < 0 {
        return None;
    }
    let mut z = Zval::new();
    // SAFETY: ext-sockets' class; its create_object makes a php_socket.
    unsafe { super::sys::zend::object_init_ex(&mut z, ce as *const _ as *mut _) };
    let Some(sock) = php_socket_of(&z) else {
        // SAFETY: closing our own duplicate.
        unsafe { libc::close(copy) };
        return None;
    };
    // SAFETY: the fresh php_socket of the object just made (what ext-sockets'
    // socket_import_file_descriptor fills: fd, family, blocking mode).
    unsafe {
        let mut st: libc::sockaddr_storage = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        let family = if libc::getsockname(
            copy,
            (&mut st as *mut libc::sockaddr_storage).cast(),
            &mut len,
        ) == 0
        {
            c_int::from(st.ss_family)
        } else {
            libc::AF_UNIX
        };
        let flags = libc::fcntl(copy, libc::F_GETFL);
        (*sock).bsd_socket = copy;
        (*sock).type_ = family;
        (*sock).error = 0;
        (*sock).blocking = c_int::from(flags >= 0 && flags & libc::O_NONBLOCK == 0);
    }
    Some(z)
}

/// The fd of `z`.
pub fn fd_of(z: &Zval) -> Result<RawFd, NoFd> {
    if let Some(n) = z.long() {
        return if n < 0 {
            Err(NoFd::Negative(n))
        } else {
            RawFd::try_from(n).map_err(|_| NoFd::Invalid)
        };
    }
    if let Some(res) = z.resource() {
        return stream_fd(res).ok_or(NoFd::NotStream);
    }
    if let Some(obj) = z.object() {
        if let Some(sock) = php_socket_of(z) {
            // SAFETY: a live Socket object's php_socket.
            let fd = unsafe { (*sock).bsd_socket };
            return if fd < 0 {
                Err(NoFd::ClosedSocket)
            } else {
                Ok(fd)
            };
        }
        for prop in ["fd", "sock", "pipe"] {
            if let Ok(Some(v)) = obj.get_property::<Option<i64>>(prop) {
                return RawFd::try_from(v)
                    .ok()
                    .filter(|fd| *fd >= 0)
                    .ok_or(NoFd::Invalid);
            }
        }
        return Err(NoFd::Invalid);
    }
    Err(NoFd::Invalid)
}

/// The fd of a stream resource (as `stream_select` gets it).
/// The fd of a stream resource (None for other resources, or a stream
/// without one).
pub fn stream_fd(res: *mut ext_php_rs::ffi::zend_resource) -> Option<RawFd> {
    // SAFETY: a live resource (the zval holding it is borrowed); the cast only asks a stream for its fd (a
    // non-stream resource fails the type check first).
    unsafe {
        let t = (*res).type_;
        if t != ext_php_rs::ffi::php_file_le_stream()
            && t != super::sys::stream::php_file_le_pstream()
        {
            return None;
        }
        let mut fd: c_int = -1;
        let ret = &mut fd as *mut c_int as *mut *mut c_void;
        // PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL
        (_php_stream_cast(
            (*res).ptr as *mut ext_php_rs::ffi::php_stream,
            3 | 0x2000_0000,
            ret,
            0,
        ) == 0
            && fd >= 0)
            .then_some(fd)
    }
}

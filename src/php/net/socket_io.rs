//! `Swoole\Coroutine\Socket`'s data calls: peek, recv/recvAll/recvLine/
//! recvWithBuffer/recvPacket, send/sendAll, read/writeVector(+All),
//! sendFile, recvfrom/sendto.

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::{throw_socket_exception, warn_docref};
use super::super::runtime::propagate;
use super::super::zarray::str_zval;
use super::socket::{fail, open, ret_read, set_err, set_err_msg, SocketObj, E_WARNING};
use super::{Kind, Vm};
use crate::rt::net::framing::{FrameError, Framing, ReadError};
use crate::rt::net::{Deadline, NetError, Socket};
use std::os::fd::AsRawFd;

/// How much one plain recv allocates at most (the kernel rarely hands
/// more to one read; the rest stays for the next call).
const RECV_CAP: usize = 1 << 20;

handler!(
    /// `peek(int $length = 65536): string|false` — what is readable now,
    /// without waiting or consuming it.
    peek(ex, rv) {
        let Ok(n) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::peek", "length", Some(65536)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let n = if n <= 0 { 65536 } else { (n as usize).min(RECV_CAP) };
        let pending = o.rbuf.borrow().pending().len();
        if pending > 0 {
            let b = o.rbuf.borrow().pending()[..pending.min(n)].to_vec();
            set_err(ex, 0);
            rv.set_binary(b);
            return;
        }
        let mut buf = vec![0u8; n];
        let r = s.peek(&mut buf).map(|k| {
            buf.truncate(k);
            buf
        });
        ret_read(ex, rv, r.map_err(NetError::Io));
    }
);

/// What each recv flavour does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recv {
    Some,
    All,
    Line,
    WithBuffer,
}

fn recv_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, how: Recv) {
    let f = format!("Swoole\\Coroutine\\Socket::{name}");
    let Ok(n) = args::long(ex, 0, &f, "length", Some(65536)) else {
        return;
    };
    let Ok(t) = args::double(ex, 1, &f, "timeout", Some(0.0)) else {
        return;
    };
    let Some((o, s)) = open(ex, rv) else {
        return;
    };
    let n = if n <= 0 { 65536 } else { n as usize };
    let dl = o.timeouts().deadline(Kind::Read, t);
    let mut partial_err = None;
    let r = match how {
        Recv::Some => o.with_rbuf(|b| {
            if !b.pending().is_empty() {
                return Ok(b.take(n));
            }
            let mut buf = vec![0u8; n.min(RECV_CAP)];
            s.read_some(&Vm, &mut buf, dl).map(|k| {
                buf.truncate(k);
                buf
            })
        }),
        Recv::All => o.with_rbuf(|b| {
            let mut out = b.take(n);
            let mut res = Ok(());
            while out.len() < n {
                let old = out.len();
                let want = (n - old).min(RECV_CAP);
                out.resize(old + want, 0);
                match s.read_some(&Vm, &mut out[old..], dl) {
                    Ok(k) => {
                        out.truncate(old + k);
                        if k == 0 {
                            break;
                        }
                    }
                    Err(e) => {
                        out.truncate(old);
                        res = Err(e);
                        break;
                    }
                }
            }
            // As Swoole: what came before an error is returned, and the
            // error stays in errCode.
            match res {
                Err(e) if out.is_empty() => Err(e),
                Err(e) => {
                    partial_err = Some(e.errno());
                    Ok(out)
                }
                Ok(()) => Ok(out),
            }
        }),
        Recv::Line => o.with_rbuf(|b| b.read_line(&s, &Vm, n, dl)),
        Recv::WithBuffer => o.with_rbuf(|b| b.read_with_buffer(&s, &Vm, n, dl)),
    };
    drop(s);
    propagate();
    ret_read(ex, rv, r);
    if let Some(code) = partial_err {
        set_err(ex, code);
    }
}

handler!(
    /// `recv(int $length = 65536, float $timeout = 0): string|false`.
    recv(ex, rv) { recv_impl(ex, rv, "recv", Recv::Some); }
);

handler!(
    /// `recvAll(int $length = 65536, float $timeout = 0): false|string`.
    recv_all(ex, rv) { recv_impl(ex, rv, "recvAll", Recv::All); }
);

handler!(
    /// `recvLine(int $length = 65536, float $timeout = 0): string|false`.
    recv_line(ex, rv) { recv_impl(ex, rv, "recvLine", Recv::Line); }
);

handler!(
    /// `recvWithBuffer(int $length = 65536, float $timeout = 0): string|false`.
    recv_with_buffer(ex, rv) { recv_impl(ex, rv, "recvWithBuffer", Recv::WithBuffer); }
);

/// A user's package_length_func on the buffered bytes: > 0 the packet's
/// length, 0 more bytes needed, < 0 (or a throw) malformed.
fn call_length_func(
    f: &mut super::super::value::Callback,
    buf: &[u8],
) -> Result<Option<usize>, FrameError> {
    f.set_args([str_zval(buf)]);
    let mut ret = Zval::new();
    let ok = f.call(&mut ret);
    f.clear_args();
    if !ok || super::super::vm::has_exception() {
        return Err(FrameError::BadLength);
    }
    match ret
        .long()
        .or_else(|| ret.double().map(|d| d as i64))
        .unwrap_or(-1)
    {
        n if n < 0 => Err(FrameError::BadLength),
        0 => Ok(None),
        n => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
    }
}

/// One packet by `o`'s framing: Ok(None) at the end of the stream,
/// Err(errCode) on a failure.
pub fn read_packet(
    o: &SocketObj,
    s: &Socket,
    dl: Deadline,
) -> Result<Option<Vec<u8>>, (i32, Option<NetError>)> {
    let p = o.protocol();
    let func = o.length_func.borrow_mut().take();
    let r = match (func, &p.framing) {
        (Some(mut f), Framing::Length(_)) => {
            let r = o.with_rbuf(|b| {
                b.read_packet_by(
                    s,
                    &Vm,
                    p.max_length,
                    |buf| call_length_func(&mut f, buf),
                    dl,
                )
            });
            *o.length_func.borrow_mut() = Some(f);
            r
        }
        (f, _) => {
            if f.is_some() {
                *o.length_func.borrow_mut() = f;
            }
            o.with_rbuf(|b| b.read_packet(s, &Vm, &p, dl))
        }
    };
    r.map_err(|e| match e {
        ReadError::Net(e) => (e.errno(), Some(e)),
        ReadError::Frame(f) => (f.code(), None),
    })
}

handler!(
    /// `recvPacket(float $timeout = 0): false|string` — one packet by
    /// setProtocol's framing ('' at the end of the stream, or when the
    /// length field is malformed).
    recv_packet(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Swoole\\Coroutine\\Socket::recvPacket", "timeout", Some(0.0)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let dl = o.timeouts().deadline(Kind::Read, t);
        let r = read_packet(o, &s, dl);
        drop(s);
        propagate();
        match r {
            Ok(Some(p)) => {
                set_err(ex, 0);
                rv.set_binary(p);
            }
            Ok(None) => {
                set_err(ex, 0);
                rv.set_binary(Vec::<u8>::new());
            }
            // A length that cannot be read is '' with the error, as Swoole.
            Err((code, None)) if code == 1202 => {
                set_err(ex, code);
                rv.set_binary(Vec::<u8>::new());
            }
            Err((code, e)) => {
                match e {
                    Some(e) => fail(ex, &e),
                    None => set_err(ex, code),
                }
                ret_bool(rv, false);
            }
        }
    }
);

fn send_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, all: bool) {
    let f = format!("Swoole\\Coroutine\\Socket::{name}");
    let Ok(data) = args::string(ex, 0, &f, "data").map(|c| c.into_owned()) else {
        return;
    };
    let Ok(t) = args::double(ex, 1, &f, "timeout", Some(0.0)) else {
        return;
    };
    let Some((o, s)) = open(ex, rv) else {
        return;
    };
    let dl = o.timeouts().deadline(Kind::Write, t);
    let r = if all {
        match s.write_all(&Vm, &data, dl) {
            (n, Ok(())) => Ok(n),
            (n, Err(e)) if n > 0 => Err((n, e)),
            (_, Err(e)) => Err((0, e)),
        }
    } else {
        s.write_some(&Vm, &data, dl).map_err(|e| (0, e))
    };
    drop(s);
    propagate();
    match r {
        Ok(n) => {
            set_err(ex, 0);
            ret_long(rv, n as i64);
        }
        // sendAll: what went before an error is reported.
        Err((n, e)) => {
            fail(ex, &e);
            if n > 0 {
                ret_long(rv, n as i64)
            } else {
                ret_bool(rv, false)
            }
        }
    }
}

handler!(
    /// `send(string $data, float $timeout = 0): int|false`.
    send(ex, rv) { send_impl(ex, rv, "send", false); }
);

handler!(
    /// `sendAll(string $data, float $timeout = 0): int|false`.
    send_all(ex, rv) { send_impl(ex, rv, "sendAll", true); }
);

/// The vector argument's items, checked as Swoole does (throwing its
/// exception for a bad item).
fn vector_items(ex: &mut ExecuteData, f: &str, ints: bool) -> Option<Vec<Zval>> {
    let z = args::get(ex, 0)?;
    let Some(ht) = z.array() else {
        let given = args::type_name(z);
        super::super::error::throw_type_error(&format!(
            "{f}(): Argument #1 ($io_vector) must be of type array, {given} given"
        ));
        return None;
    };
    let mut out = Vec::with_capacity(ht.len());
    for (i, (_, v)) in ht.iter().enumerate() {
        if ints {
            match v.long() {
                Some(n) if n < 0 => {
                    throw_socket_exception(
                        &format!("Item #[{i}] must be greater than 0"),
                        libc::EINVAL,
                    );
                    return None;
                }
                Some(_) => {}
                None => {
                    throw_socket_exception(
                        &format!(
                            "Item #[{i}] must be of type int, {} given",
                            args::type_name(v)
                        ),
                        libc::EINVAL,
                    );
                    return None;
                }
            }
        } else {
            match v.str() {
                Some("") => {
                    throw_socket_exception(
                        &format!("Item #[{i}] cannot be empty string"),
                        libc::EINVAL,
                    );
                    return None;
                }
                Some(_) => {}
                None if v.zend_str().is_some() => {}
                None => {
                    throw_socket_exception(
                        &format!(
                            "Item #[{i}] must be of type string, {} given",
                            args::type_name(v)
                        ),
                        libc::EINVAL,
                    );
                    return None;
                }
            }
        }
        out.push(v.shallow_clone());
    }
    Some(out)
}

/// The arguments and socket of a read/writeVector call, Swoole's checks
/// done (items of the right type, at most IOV_MAX of them).
fn vector_call(
    ex: &mut ExecuteData,
    rv: &mut Zval,
    name: &str,
    ints: bool,
) -> Option<(f64, Vec<Zval>, &'static SocketObj, std::rc::Rc<Socket>)> {
    let f = format!("Swoole\\Coroutine\\Socket::{name}");
    let t = args::double(ex, 1, &f, "timeout", Some(0.0)).ok()?;
    let items = vector_items(ex, &f, ints)?;
    let (o, s) = open(ex, rv)?;
    if items.len() > libc::UIO_MAXIOV as usize {
        set_err_msg(
            ex,
            libc::EINVAL,
            &format!("The maximum of iov count is {}", libc::UIO_MAXIOV),
        );
        ret_bool(rv, false);
        return None;
    }
    Some((t, items, o, s))
}

fn write_vector_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, all: bool) {
    let Some((t, items, o, s)) = vector_call(ex, rv, name, false) else {
        return;
    };
    let parts: Vec<&[u8]> = items
        .iter()
        .filter_map(|z| z.zend_str().map(|s| s.as_bytes()))
        .collect();
    let dl = o.timeouts().deadline(Kind::Write, t);
    let (n, res) = s.write_vectored(&Vm, &parts, all, dl);
    drop(parts);
    drop(s);
    propagate();
    match res {
        Ok(()) => {
            set_err(ex, 0);
            ret_long(rv, n as i64);
        }
        Err(e) => {
            fail(ex, &e);
            if n > 0 {
                ret_long(rv, n as i64)
            } else {
                ret_bool(rv, false)
            }
        }
    }
}

handler!(
    /// `writeVector(array $io_vector, float $timeout = 0): false|int`.
    write_vector(ex, rv) { write_vector_impl(ex, rv, "writeVector", false); }
);

handler!(
    /// `writeVectorAll(array $io_vector, float $timeout = 0): false|int`.
    write_vector_all(ex, rv) { write_vector_impl(ex, rv, "writeVectorAll", true); }
);

fn read_vector_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, all: bool) {
    let Some((t, items, o, s)) = vector_call(ex, rv, name, true) else {
        return;
    };
    let lens: Vec<usize> = items
        .iter()
        .map(|z| z.long().unwrap_or(0) as usize)
        .collect();
    let total = lens.iter().fold(0usize, |a, b| a.saturating_add(*b));
    if total > (64 << 20) {
        set_err(ex, libc::ENOMEM);
        ret_bool(rv, false);
        return;
    }
    let dl = o.timeouts().deadline(Kind::Read, t);
    let r = o.with_rbuf(|b| {
        let mut buf = b.take(total);
        let old = buf.len();
        if old == total && total > 0 {
            return Ok(buf);
        }
        buf.resize(total, 0);
        if all {
            match s.read_exact(&Vm, &mut buf[old..], dl) {
                (k, Ok(())) => {
                    buf.truncate(old + k);
                    Ok(buf)
                }
                (k, Err(e)) if old + k > 0 => {
                    let _ = e;
                    buf.truncate(old + k);
                    Ok(buf)
                }
                (_, Err(e)) => Err(e),
            }
        } else if old > 0 {
            buf.truncate(old);
            Ok(buf)
        } else {
            s.read_some(&Vm, &mut buf, dl).map(|k| {
                buf.truncate(k);
                buf
            })
        }
    });
    drop(s);
    propagate();
    match r {
        Ok(data) => {
            set_err(ex, 0);
            let mut arr = super::super::zarray::Arr::new(lens.len() as u32);
            let mut at = 0usize;
            for (i, l) in lens.into_iter().enumerate() {
                if at >= data.len() {
                    break;
                }
                let end = (at + l).min(data.len());
                arr.set(i.to_string().as_bytes(), str_zval(&data[at..end]));
                at = end;
            }
            *rv = arr.into_zval();
        }
        Err(e) => {
            fail(ex, &e);
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `readVector(array $io_vector, float $timeout = 0): false|array`.
    read_vector(ex, rv) { read_vector_impl(ex, rv, "readVector", false); }
);

handler!(
    /// `readVectorAll(array $io_vector, float $timeout = 0): false|array`.
    read_vector_all(ex, rv) { read_vector_impl(ex, rv, "readVectorAll", true); }
);

/// Sends `length` bytes (0: to the end) of file `path` from `offset`.
pub fn send_file(
    o: &SocketObj,
    s: &Socket,
    path: &[u8],
    offset: i64,
    length: i64,
) -> Result<(), i32> {
    use std::os::unix::ffi::OsStrExt;
    let file = std::fs::File::open(std::ffi::OsStr::from_bytes(path))
        .map_err(|e| e.raw_os_error().unwrap_or(libc::ENOENT))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let offset = u64::try_from(offset).map_err(|_| libc::EINVAL)?;
    if offset > size {
        return Err(libc::EINVAL);
    }
    let len = match length {
        l if l <= 0 => size - offset,
        l => (l as u64).min(size - offset),
    };
    let dl = o.timeouts().deadline(Kind::Write, 0.0);
    let (_, r) = s.send_file(&Vm, file.as_raw_fd(), offset, len, dl);
    r.map_err(|e| e.errno())
}

handler!(
    /// `sendFile(string $file, int $offset = 0, int $length = 0): bool`.
    send_file_m(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::sendFile";
        let Ok(path) = args::string(ex, 0, f, "file").map(|c| c.into_owned()) else { return };
        let Ok(offset) = args::long(ex, 1, f, "offset", Some(0)) else { return };
        let Ok(length) = args::long(ex, 2, f, "length", Some(0)) else { return };
        if path.is_empty() {
            warn_docref(E_WARNING, "file to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some((o, s)) = open(ex, rv) else { return };
        let r = send_file(o, &s, &path, offset, length);
        drop(s);
        propagate();
        set_err(ex, r.err().unwrap_or(0));
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `recvfrom(mixed &$peername, float $timeout = 0): string|false`.
    recvfrom(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::recvfrom";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(t) = args::double(ex, 1, f, "timeout", Some(0.0)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let dl = o.timeouts().deadline(Kind::Read, t);
        let mut buf = vec![0u8; 65536];
        let r = s.recv_from(&Vm, &mut buf, dl);
        drop(s);
        propagate();
        match r {
            Ok((n, from)) => {
                set_err(ex, 0);
                if n > 0 {
                    if let Some(z) = args::get(ex, 0) {
                        *z = super::addr_array(&from);
                    }
                }
                buf.truncate(n);
                rv.set_binary(buf);
            }
            Err(e) => {
                fail(ex, &e);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `sendto(string $addr, int $port, string $data): int|false`.
    sendto(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::sendto";
        let Ok(host) = args::string(ex, 0, f, "addr").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", None) else { return };
        let Ok(data) = args::string(ex, 2, f, "data").map(|c| c.into_owned()) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let dl = o.timeouts().deadline(Kind::Write, 0.0);
        let r = super::resolve(o.domain.get(), &host, port.clamp(0, 65535) as u16)
            .and_then(|a| s.send_to(&Vm, &data, &a, dl).map_err(|e| e.errno()));
        drop(s);
        propagate();
        match r {
            Ok(n) => {
                set_err(ex, 0);
                ret_long(rv, n as i64);
            }
            Err(code) => {
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

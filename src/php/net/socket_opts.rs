//! `Swoole\Coroutine\Socket`'s settings: getOption/setOption (SO_LINGER,
//! SO_RCVTIMEO/SO_SNDTIMEO as the socket's own timeouts, integers), and
//! setProtocol's length/EOF framing (shared with Coroutine\Client::set).

use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::warn_docref;
use super::super::runtime::propagate;
use super::super::value::zval_long;
use super::socket::{open, set_err, SocketObj, E_WARNING};
use super::{err_text, Kind};
use crate::rt::net::framing::{self, Framing, LengthField, Protocol};
use crate::rt::net::NetError;

fn tv_array(b: &[u8]) -> Zval {
    let mut tv: libc::timeval = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    if b.len() >= std::mem::size_of::<libc::timeval>() {
        // SAFETY: b holds a timeval the kernel wrote; read unaligned.
        tv = unsafe { std::ptr::read_unaligned(b.as_ptr().cast()) };
    }
    let mut a = super::super::zarray::Arr::new(2);
    a.set(b"sec", zval_long(tv.tv_sec));
    a.set(b"usec", zval_long(tv.tv_usec));
    a.into_zval()
}

handler!(
    /// `getOption(int $level, int $opt_name): mixed` — an int, or for
    /// SO_LINGER `['l_onoff', 'l_linger']`, for SO_RCVTIMEO/SO_SNDTIMEO
    /// `['sec', 'usec']` (the socket's own timeouts).
    get_option(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::getOption";
        let Ok(level) = args::long(ex, 0, f, "level", None) else { return };
        let Ok(name) = args::long(ex, 1, f, "opt_name", None) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let (level, name) = (level as i32, name as i32);
        if level == libc::SOL_SOCKET && (name == libc::SO_RCVTIMEO || name == libc::SO_SNDTIMEO) {
            let k = if name == libc::SO_RCVTIMEO { Kind::Read } else { Kind::Write };
            let t = o.timeouts().0[k as usize].max(0.0);
            let mut a = super::super::zarray::Arr::new(2);
            a.set(b"sec", zval_long(t.trunc() as i64));
            a.set(b"usec", zval_long((t.fract() * 1e6) as i64));
            *rv = a.into_zval();
            return;
        }
        if level == libc::SOL_SOCKET && name == libc::SO_LINGER {
            match s.option_raw(level, name, std::mem::size_of::<libc::linger>()) {
                Ok(b) if b.len() >= 8 => {
                    let on = i32::from_ne_bytes([b[0], b[1], b[2], b[3]]);
                    let secs = i32::from_ne_bytes([b[4], b[5], b[6], b[7]]);
                    let mut a = super::super::zarray::Arr::new(2);
                    a.set(b"l_onoff", zval_long(i64::from(on)));
                    a.set(b"l_linger", zval_long(i64::from(secs)));
                    *rv = a.into_zval();
                }
                Ok(b) => *rv = tv_array(&b),
                Err(e) => {
                    set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
                    ret_bool(rv, false);
                }
            }
            return;
        }
        match s.option(level, name) {
            Ok(v) => ret_long(rv, i64::from(v)),
            Err(e) => {
                set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
                ret_bool(rv, false);
            }
        }
    }
);

fn arr_long(ht: &ZendHashTable, k: &str) -> Option<i64> {
    ht.get(k).map(|v| {
        v.long()
            .unwrap_or_else(|| v.double().map_or(0, |d| d as i64))
    })
}

handler!(
    /// `setOption(int $level, int $opt_name, mixed $opt_value): bool`.
    set_option(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::setOption";
        let Ok(level) = args::long(ex, 0, f, "level", None) else { return };
        let Ok(name) = args::long(ex, 1, f, "opt_name", None) else { return };
        if args::need(ex, 3, f).is_err() { return; }
        let Some((o, s)) = open(ex, rv) else { return };
        let (level, name) = (level as i32, name as i32);
        let Some(v) = args::get(ex, 2).map(|z| z.shallow_clone()) else { return };
        if level == libc::SOL_SOCKET && (name == libc::SO_RCVTIMEO || name == libc::SO_SNDTIMEO) {
            let Some(ht) = v.array() else {
                warn_docref(E_WARNING, "expected an array with keys 'sec' and 'usec'");
                ret_bool(rv, false);
                return;
            };
            let (Some(sec), Some(usec)) = (arr_long(ht, "sec"), arr_long(ht, "usec")) else {
                warn_docref(E_WARNING, "no key \"sec\" passed in optval");
                ret_bool(rv, false);
                return;
            };
            let t = sec as f64 + usec as f64 / 1e6;
            o.set_timeout(if name == libc::SO_RCVTIMEO { Kind::Read } else { Kind::Write }, t);
            ret_bool(rv, true);
            return;
        }
        let r = if level == libc::SOL_SOCKET && name == libc::SO_LINGER {
            let Some(ht) = v.array() else {
                warn_docref(E_WARNING, "expected an array with keys 'l_onoff' and 'l_linger'");
                ret_bool(rv, false);
                return;
            };
            let on = arr_long(ht, "l_onoff").unwrap_or(0) as i32;
            let secs = arr_long(ht, "l_linger").unwrap_or(0) as i32;
            let mut b = on.to_ne_bytes().to_vec();
            b.extend_from_slice(&secs.to_ne_bytes());
            s.set_option_raw(level, name, &b)
        } else {
            let n = v.long().or_else(|| v.double().map(|d| d as i64)).or_else(|| v.bool().map(i64::from)).unwrap_or(0);
            s.set_option(level, name, n as i32)
        };
        match r {
            Ok(()) => ret_bool(rv, true),
            Err(e) => {
                let code = e.raw_os_error().unwrap_or(libc::EINVAL);
                set_err(ex, code);
                warn_docref(E_WARNING, &format!("setsockopt({}) failed, Error: {}[{code}]", s.fd(), err_text(code)));
                ret_bool(rv, false);
            }
        }
    }
);

/// Takes `package_length_func` from the settings, when given and callable.
pub fn set_length_func(o: &SocketObj, ht: &ZendHashTable) {
    if let Some(f) = ht.get("package_length_func") {
        if let Ok(cb) = super::super::value::Callback::new(f, Vec::new()) {
            *o.length_func.borrow_mut() = Some(cb);
        }
    }
}

/// Reads Swoole's protocol settings out of `ht` onto `base`: Err when one
/// is invalid (warned about).
pub fn parse_protocol(ht: &ZendHashTable, base: &Protocol) -> Result<Protocol, ()> {
    let truthy = |k: &str| ht.get(k).map(|v| v.coerce_to_bool());
    let mut ok = true;
    let mut p = base.clone();
    let (mut eof_on, mut eof) = match &p.framing {
        Framing::Eof(e) => (true, e.clone()),
        _ => (false, b"\r\n".to_vec()),
    };
    let (mut len_on, mut field) = match &p.framing {
        Framing::Length(f) => (true, *f),
        _ => (
            false,
            LengthField {
                ty: b'N',
                offset: 0,
                body_offset: 0,
            },
        ),
    };
    if let Some(b) = truthy("open_eof_check") {
        eof_on = b;
    }
    if truthy("open_eof_split") == Some(true) {
        eof_on = true;
    }
    if let Some(v) = ht.get("package_eof") {
        let s = v.coerce_to_string().unwrap_or_default().into_bytes();
        if s.is_empty() {
            warn_docref(E_WARNING, "package_eof cannot be an empty string");
            ok = false;
        } else if s.len() > 8 {
            warn_docref(E_WARNING, "package_eof max length is 8");
            ok = false;
        } else {
            eof = s;
        }
    }
    if let Some(b) = truthy("open_length_check") {
        len_on = b;
    }
    if let Some(v) = ht.get("package_length_type") {
        let s = v.coerce_to_string().unwrap_or_default();
        let ty = s.bytes().next().unwrap_or(0);
        if framing::length_size(ty).is_none() {
            warn_docref(
                E_WARNING,
                &format!(
                    "Unknown package_length_type name '{}', see pack(). Link: https://php.net/pack",
                    ty as char
                ),
            );
            ok = false;
        } else {
            field.ty = ty;
        }
    }
    if let Some(v) = arr_long(ht, "package_length_offset") {
        field.offset = v.clamp(0, 65535) as usize;
    }
    if let Some(v) = arr_long(ht, "package_body_offset") {
        field.body_offset = v.clamp(0, 65535) as usize;
    }
    p.max_length = match arr_long(ht, "package_max_length") {
        Some(v) => v.clamp(0, i64::from(u32::MAX)) as usize,
        None => framing::DEFAULT_MAX_LENGTH,
    };
    let mqtt_on = match truthy("open_mqtt_protocol") {
        Some(b) => b,
        None => p.framing == Framing::Mqtt,
    };
    let fcgi_on = match truthy("open_fastcgi_protocol") {
        Some(b) => b,
        None => p.framing == Framing::FastCgi,
    };
    p.framing = if fcgi_on {
        // Swoole's FastCGI length function takes the length check's place.
        Framing::FastCgi
    } else if len_on {
        Framing::Length(field)
    } else if eof_on {
        Framing::Eof(eof)
    } else if mqtt_on {
        Framing::Mqtt
    } else {
        Framing::None
    };
    if ok {
        Ok(p)
    } else {
        Err(())
    }
}

handler!(
    /// `setProtocol(array $settings): bool`.
    set_protocol(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::setProtocol";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(ht) = z.array() else {
            super::super::error::throw_type_error(&format!("{f}(): Argument #1 ($settings) must be of type array, {} given", args::type_name(&z)));
            return;
        };
        let Some((o, _s)) = open(ex, rv) else { return };
        if ht.is_empty() {
            ret_bool(rv, false);
            return;
        }
        let mut ok = true;
        if ht.get("open_ssl").is_some_and(|v| v.coerce_to_bool()) && !o.tls_enabled() {
            o.enable_tls(Default::default());
        }
        if o.tls_enabled() {
            let mut cfg = o.tls_config();
            ok = super::tls::apply_settings(ht, &mut cfg);
            o.enable_tls(cfg);
        }
        match parse_protocol(ht, &o.protocol()) {
            Ok(p) => {
                o.set_protocol(p);
                set_length_func(o, ht);
                ret_bool(rv, ok);
            }
            Err(()) => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `sslHandshake(): bool` — the TLS handshake now (the server side on
    /// an accepted connection of a listening `open_ssl` socket). As
    /// Swoole's, it leaves errCode/errMsg alone.
    ssl_handshake(ex, rv) {
        let Some((o, s)) = open(ex, rv) else { return };
        if !o.tls_enabled() {
            o.enable_tls(Default::default());
        }
        let dl = o.timeouts().deadline(super::Kind::Read, 0.0);
        let r = o.tls_handshake(&s, None, dl);
        drop(s);
        propagate();
        if let Err(NetError::Busy { .. }) = r {
            if let Err(e) = &r {
                super::socket::fail(ex, e);
            }
        }
        ret_bool(rv, r.is_ok());
    }
);

//! rt::net against real sockets: socketpairs and loopback TCP, with
//! coroutines of the pure-Rust runtime (deadlines, cancel, close while
//! waiting, framing split at every point).
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::framing::{
    FrameError, Framing, LengthField, Protocol, ReadBuffer, ReadError, DEFAULT_MAX_LENGTH,
};
use super::*;
use crate::rt::tests::rt;

fn run() {
    rt(|r| r.run(&mut |_, _| {})).unwrap();
}

fn go(f: impl FnOnce() + 'static) -> crate::rt::Cid {
    rt(|r| r.spawn(f)).unwrap()
}

#[test]
fn deadline_conventions() {
    assert_eq!(Deadline::from_secs(0.0), Deadline::NEVER);
    assert_eq!(Deadline::from_secs(-1.0), Deadline::NEVER);
    assert_eq!(Deadline::from_secs(f64::NAN), Deadline::NEVER);
    assert!(Deadline::NEVER.remaining().is_none());
    let d = Deadline::from_secs(0.5);
    assert!(d.remaining().unwrap() <= Duration::from_millis(500));
    assert!(!d.expired());
    assert!(Deadline::after(Duration::ZERO).expired());
}

#[test]
fn reader_wakes_when_peer_writes_and_sees_eof() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    go(move || {
        let mut buf = [0u8; 64];
        loop {
            let n = rt(|r| a.read_some(r, &mut buf, Deadline::from_secs(5.0))).unwrap();
            if n == 0 {
                break;
            }
            g.borrow_mut().extend_from_slice(&buf[..n]);
        }
        rt(|r| a.close(r));
    });
    go(move || {
        for part in [&b"he"[..], b"llo"] {
            rt(|r| r.sleep(Duration::from_millis(5))).unwrap();
            let (n, res) = rt(|r| b.write_all(r, part, Deadline::NEVER));
            assert_eq!(n, part.len());
            res.unwrap();
        }
        rt(|r| b.close(r));
    });
    run();
    assert_eq!(&*got.borrow(), b"hello");
}

#[test]
fn read_deadline_times_out() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let out = Rc::new(RefCell::new(None));
    let o = out.clone();
    go(move || {
        let mut buf = [0u8; 8];
        let t = Instant::now();
        let e = rt(|r| a.read_some(r, &mut buf, Deadline::from_secs(0.03))).unwrap_err();
        *o.borrow_mut() = Some((e.errno(), t.elapsed()));
        rt(|r| a.close(r));
    });
    run();
    let (code, took) = out.borrow_mut().take().unwrap();
    assert_eq!(code, libc::ETIMEDOUT);
    assert!(took >= Duration::from_millis(29), "{took:?}");
    rt(|r| b.close(r));
}

#[test]
fn close_and_cancel_wake_a_waiting_reader() {
    let (a, _b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let (c, _d) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let a = Rc::new(RefCell::new(Some(a)));
    let codes = Rc::new(RefCell::new(Vec::new()));
    let (a1, k1) = (a.clone(), codes.clone());
    go(move || {
        let fd_sock = a1.borrow();
        let s = fd_sock.as_ref().unwrap();
        let mut buf = [0u8; 8];
        let e = rt(|r| s.read_some(r, &mut buf, Deadline::NEVER)).unwrap_err();
        k1.borrow_mut().push(("close", e.errno()));
    });
    let k2 = codes.clone();
    let waiter = go(move || {
        let mut buf = [0u8; 8];
        let e = rt(|r| c.read_some(r, &mut buf, Deadline::NEVER)).unwrap_err();
        k2.borrow_mut().push(("cancel", e.errno()));
        rt(|r| c.close(r));
    });
    // Another coroutine ends both waits: one by closing, one by canceling.
    let fd = a.borrow().as_ref().unwrap().fd();
    go(move || {
        rt(|r| r.sleep(Duration::from_millis(5))).unwrap();
        rt(|r| r.forget(fd));
        rt(|r| r.cancel(waiter)).unwrap();
    });
    run();
    let mut got = codes.borrow().clone();
    got.sort();
    assert_eq!(
        got,
        vec![("cancel", libc::ECANCELED), ("close", libc::ECANCELED)]
    );
    let s = a.borrow_mut().take();
    if let Some(s) = s {
        rt(|r| s.close(r));
    }
}

#[test]
fn a_second_reader_is_refused_naming_the_first() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let a = Rc::new(a);
    let a2 = a.clone();
    let first = go(move || {
        let mut buf = [0u8; 8];
        let _ = rt(|r| a2.read_some(r, &mut buf, Deadline::from_secs(1.0)));
    });
    let a3 = a.clone();
    let refused = Rc::new(RefCell::new(None));
    let r2 = refused.clone();
    go(move || {
        let mut buf = [0u8; 8];
        // No hint yet: the read tries first, gets EAGAIN, then must wait.
        *r2.borrow_mut() = Some(rt(|r| a3.read_some(r, &mut buf, Deadline::from_secs(1.0))));
        rt(|r| b.write_all(r, b"x", Deadline::NEVER)).1.unwrap();
        rt(|r| b.close(r));
    });
    run();
    match refused.borrow_mut().take().unwrap() {
        Err(NetError::Busy { holder }) => assert_eq!(holder, first.0),
        other => panic!("{other:?}"),
    }
    if let Ok(s) = Rc::try_unwrap(a) {
        rt(|r| s.close(r));
    }
}

#[test]
fn tcp_loopback_connect_accept_and_a_megabyte_each_way() {
    let l = Socket::new(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
    l.set_option(libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)
        .unwrap();
    l.bind(&SockAddr::literal(libc::AF_INET, "127.0.0.1", 0).unwrap())
        .unwrap();
    l.listen(16).unwrap();
    let port = l.local_addr().unwrap().host_port().1;
    assert!(port > 0);
    let data: Vec<u8> = (0..1 << 20).map(|i| (i * 7 % 251) as u8).collect();
    let d2 = data.clone();
    let peer_seen = Rc::new(RefCell::new(String::new()));
    let p2 = peer_seen.clone();
    go(move || {
        let (c, peer) = rt(|r| l.accept(r, Deadline::from_secs(5.0))).unwrap();
        *p2.borrow_mut() = peer.host_port().0;
        let mut buf = vec![0u8; d2.len()];
        let (n, res) = rt(|r| c.read_exact(r, &mut buf, Deadline::from_secs(5.0)));
        res.unwrap();
        assert_eq!(n, d2.len());
        assert!(buf == d2);
        let (n, res) = rt(|r| c.write_all(r, &buf, Deadline::from_secs(5.0)));
        res.unwrap();
        assert_eq!(n, buf.len());
        rt(|r| c.close(r));
        rt(|r| l.close(r));
    });
    let back = Rc::new(RefCell::new(Vec::new()));
    let b2 = back.clone();
    go(move || {
        let s = Socket::new(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
        let to = SockAddr::literal(libc::AF_INET, "localhost", port).unwrap();
        rt(|r| s.connect(r, &to, Deadline::from_secs(2.0))).unwrap();
        assert_eq!(
            s.peer_addr().unwrap().host_port(),
            ("127.0.0.1".into(), port)
        );
        assert!(s.is_alive());
        let (n, res) = rt(|r| s.write_all(r, &data, Deadline::from_secs(5.0)));
        res.unwrap();
        assert_eq!(n, data.len());
        let mut buf = vec![0u8; data.len()];
        let (n, res) = rt(|r| s.read_exact(r, &mut buf, Deadline::from_secs(5.0)));
        res.unwrap();
        assert_eq!(n, data.len());
        // The peer closed after echoing: the next read is the end.
        let mut one = [0u8; 1];
        assert_eq!(
            rt(|r| s.read_some(r, &mut one, Deadline::from_secs(5.0))).unwrap(),
            0
        );
        assert!(!s.is_alive());
        *b2.borrow_mut() = buf;
        rt(|r| s.close(r));
    });
    run();
    assert_eq!(back.borrow().len(), 1 << 20);
    assert_eq!(&*peer_seen.borrow(), "127.0.0.1");
}

#[test]
fn connect_to_a_closed_port_is_refused() {
    // A port that was just free: bind, read it, close.
    let probe = Socket::new(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
    probe
        .bind(&SockAddr::literal(libc::AF_INET, "127.0.0.1", 0).unwrap())
        .unwrap();
    let port = probe.local_addr().unwrap().host_port().1;
    rt(|r| probe.close(r));
    let out = Rc::new(RefCell::new(0));
    let o = out.clone();
    go(move || {
        let s = Socket::new(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
        let to = SockAddr::literal(libc::AF_INET, "127.0.0.1", port).unwrap();
        *o.borrow_mut() = rt(|r| s.connect(r, &to, Deadline::from_secs(2.0)))
            .unwrap_err()
            .errno();
        rt(|r| s.close(r));
    });
    run();
    assert_eq!(*out.borrow(), libc::ECONNREFUSED);
}

#[test]
fn outside_coroutines_waits_block_with_poll() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let mut buf = [0u8; 4];
    let t = Instant::now();
    let e = rt(|r| a.read_some(r, &mut buf, Deadline::from_secs(0.02))).unwrap_err();
    assert!(matches!(e, NetError::TimedOut));
    assert!(t.elapsed() >= Duration::from_millis(19));
    rt(|r| b.write_all(r, b"ok", Deadline::NEVER)).1.unwrap();
    assert_eq!(
        rt(|r| a.read_some(r, &mut buf, Deadline::NEVER)).unwrap(),
        2
    );
    rt(|r| a.close(r));
    rt(|r| b.close(r));
}

#[test]
fn udp_send_to_and_recv_from() {
    let a = Socket::new(libc::AF_INET, libc::SOCK_DGRAM, 0).unwrap();
    a.bind(&SockAddr::literal(libc::AF_INET, "127.0.0.1", 0).unwrap())
        .unwrap();
    let to = a.local_addr().unwrap();
    let b = Socket::new(libc::AF_INET, libc::SOCK_DGRAM, 0).unwrap();
    b.bind(&SockAddr::literal(libc::AF_INET, "127.0.0.1", 0).unwrap())
        .unwrap();
    let from_port = b.local_addr().unwrap().host_port().1;
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    go(move || {
        let mut buf = [0u8; 100];
        for _ in 0..2 {
            let (n, from) = rt(|r| a.recv_from(r, &mut buf, Deadline::from_secs(2.0))).unwrap();
            g.borrow_mut().push((buf[..n].to_vec(), from.host_port().1));
        }
        rt(|r| a.close(r));
    });
    go(move || {
        rt(|r| b.send_to(r, b"one", &to, Deadline::NEVER)).unwrap();
        rt(|r| b.send_to(r, b"two!", &to, Deadline::NEVER)).unwrap();
        rt(|r| b.close(r));
    });
    run();
    assert_eq!(
        *got.borrow(),
        vec![(b"one".to_vec(), from_port), (b"two!".to_vec(), from_port)]
    );
}

#[test]
fn unix_addresses_round_trip() {
    let a = SockAddr::unix(b"/tmp/x.sock").unwrap();
    assert_eq!(a.host_port(), ("/tmp/x.sock".into(), 0));
    assert!(SockAddr::unix(&[b'a'; 200]).is_none());
    assert!(SockAddr::literal(libc::AF_INET, "::1", 1).is_none());
    assert!(SockAddr::literal(libc::AF_INET6, "[::1]", 1).is_some());
    assert!(addr::needs_resolve(libc::AF_INET, "example.invalid"));
    assert!(!addr::needs_resolve(libc::AF_INET, "localhost"));
}

fn length_proto(ty: u8, offset: usize, body_offset: usize, max: usize) -> Protocol {
    Protocol {
        framing: Framing::Length(LengthField {
            ty,
            offset,
            body_offset,
        }),
        max_length: max,
    }
}

#[test]
fn packet_lengths_from_hostile_headers() {
    let p = length_proto(b'N', 0, 4, 100);
    assert_eq!(p.packet_len(b"\0\0"), Ok(None));
    assert_eq!(p.packet_len(b"\0\0\0\x03ab"), Ok(None));
    assert_eq!(p.packet_len(b"\0\0\0\x03abcd"), Ok(Some(7)));
    assert_eq!(
        p.packet_len(b"\xff\xff\xff\xff"),
        Err(FrameError::TooLarge(Some(0xffff_ffff + 4)))
    );
    // A signed field that is negative.
    let s = length_proto(b'l', 0, 4, 100);
    assert_eq!(
        s.packet_len(&(-5i32).to_ne_bytes()),
        Err(FrameError::BadLength)
    );
    // An offset far past anything: waits for bytes, never overflows.
    let far = length_proto(b'n', usize::MAX - 1, 0, 100);
    assert_eq!(far.packet_len(b"abc"), Err(FrameError::BadLength));
    let bad = length_proto(b'x', 0, 0, 100);
    assert_eq!(bad.packet_len(b"abcd"), Err(FrameError::BadLength));
    // Zero total: the header alone is a packet.
    let z = length_proto(b'C', 0, 0, 100);
    assert_eq!(z.packet_len(b"\0rest"), Ok(Some(1)));
    let eof = Protocol {
        framing: Framing::Eof(b"\r\n".to_vec()),
        max_length: 8,
    };
    assert_eq!(eof.packet_len(b"ab\r\ncd"), Ok(Some(4)));
    assert_eq!(eof.packet_len(b"abc"), Ok(None));
    assert_eq!(eof.packet_len(b"abcdefgh"), Err(FrameError::TooLarge(None)));
}

#[test]
fn length_framed_packets_both_ways_split_anywhere() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let p = length_proto(b'N', 0, 4, 1 << 20);
    let mut wire = Vec::new();
    let bodies: Vec<Vec<u8>> = (0..50)
        .map(|i| vec![b'a' + (i % 26) as u8; i * 37])
        .collect();
    for body in &bodies {
        wire.extend_from_slice(&(body.len() as u32).to_be_bytes());
        wire.extend_from_slice(body);
    }
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    let p2 = p.clone();
    go(move || {
        let mut rb = ReadBuffer::default();
        while let Some(pkt) = rt(|r| rb.read_packet(&a, r, &p2, Deadline::from_secs(5.0))).unwrap()
        {
            g.borrow_mut().push(pkt[4..].to_vec());
        }
        rt(|r| a.close(r));
    });
    go(move || {
        // Odd-sized writes with yields between: headers split across reads.
        for chunk in wire.chunks(13) {
            rt(|r| b.write_all(r, chunk, Deadline::NEVER)).1.unwrap();
            rt(|r| r.sleep(Duration::ZERO)).unwrap();
        }
        rt(|r| b.close(r));
    });
    run();
    assert_eq!(*got.borrow(), bodies);
}

#[test]
fn too_large_packet_and_lines() {
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let out = Rc::new(RefCell::new(Vec::new()));
    let o = out.clone();
    go(move || {
        let mut rb = ReadBuffer::default();
        let line = rt(|r| rb.read_line(&a, r, 100, Deadline::from_secs(2.0))).unwrap();
        o.borrow_mut()
            .push(format!("{:?}", String::from_utf8(line).unwrap()));
        let cut = rt(|r| rb.read_line(&a, r, 3, Deadline::from_secs(2.0))).unwrap();
        o.borrow_mut()
            .push(format!("{:?}", String::from_utf8(cut).unwrap()));
        let p = length_proto(b'n', 0, 2, 10);
        match rt(|r| rb.read_packet(&a, r, &p, Deadline::from_secs(2.0))) {
            Err(ReadError::Frame(e)) => o.borrow_mut().push(format!("{}", e.code())),
            other => o.borrow_mut().push(format!("{other:?}")),
        }
        rt(|r| a.close(r));
    });
    go(move || {
        rt(|r| b.write_all(r, b"GET / x\nlonger line\n\xff\xffbody", Deadline::NEVER))
            .1
            .unwrap();
        rt(|r| b.close(r));
    });
    run();
    // The oversized length is refused (1201); the rest of the stream is dropped.
    assert_eq!(*out.borrow(), vec!["\"GET / x\\n\"", "\"lon\"", "1201"]);
}

#[test]
fn mqtt_remaining_lengths() {
    let p = Protocol {
        framing: Framing::Mqtt,
        max_length: 1 << 20,
    };
    // PINGREQ: type byte, remaining length 0.
    assert_eq!(p.packet_len(b"\xc0"), Ok(None));
    assert_eq!(p.packet_len(b"\xc0\x00rest"), Ok(Some(2)));
    // 321 = 0xC1 0x02: two length bytes, 324 in all.
    let mut pkt = vec![0x30, 0xc1, 0x02];
    pkt.resize(324, b'x');
    assert_eq!(p.packet_len(&pkt[..100]), Ok(None));
    assert_eq!(p.packet_len(&pkt), Ok(Some(324)));
    // Four continuation bytes and a fifth: not MQTT.
    assert_eq!(
        p.packet_len(b"\x30\xff\xff\xff\xff\x01"),
        Err(FrameError::BadLength)
    );
    // The largest length MQTT allows is over this limit.
    assert_eq!(
        p.packet_len(b"\x30\xff\xff\xff\x7f"),
        Err(FrameError::TooLarge(Some(268_435_455 + 5)))
    );
}

#[test]
fn fastcgi_records() {
    let p = Protocol {
        framing: Framing::FastCgi,
        max_length: DEFAULT_MAX_LENGTH,
    };
    // An END_REQUEST record: 8 content bytes, no padding.
    let end = b"\x01\x03\x00\x01\x00\x08\x00\x00\0\0\0\0\0\0\0\0";
    assert_eq!(p.packet_len(&end[..7]), Ok(None));
    assert_eq!(p.packet_len(&end[..15]), Ok(None));
    assert_eq!(p.packet_len(end), Ok(Some(16)));
    // The largest record (65535 content bytes, 255 padding) is legal.
    let mut big = vec![1u8, 6, 0, 1, 0xff, 0xff, 0xff, 0];
    big.resize(8 + 65535 + 255, b'x');
    assert_eq!(p.packet_len(&big[..65000]), Ok(None));
    assert_eq!(p.packet_len(&big), Ok(Some(65798)));
    // package_max_length still bounds it.
    let small = Protocol {
        framing: Framing::FastCgi,
        max_length: 1024,
    };
    assert_eq!(
        small.packet_len(&big[..8]),
        Err(FrameError::TooLarge(Some(65798)))
    );
}

/// A self-signed certificate and key for `localhost` in one PEM file.
fn self_signed_pem() -> String {
    use openssl::{asn1::Asn1Time, ec, hash::MessageDigest, nid::Nid, pkey::PKey, x509};
    let group = ec::EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
    let key = PKey::from_ec_key(ec::EcKey::generate(&group).unwrap()).unwrap();
    let mut name = x509::X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut b = x509::X509Builder::new().unwrap();
    b.set_version(2).unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(&name).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    b.set_not_after(&Asn1Time::days_from_now(2).unwrap())
        .unwrap();
    let san = x509::extension::SubjectAlternativeName::new()
        .dns("localhost")
        .build(&b.x509v3_context(None, None))
        .unwrap();
    b.append_extension(san).unwrap();
    b.sign(&key, MessageDigest::sha256()).unwrap();
    let mut pem = b.build().to_pem().unwrap();
    pem.extend(key.private_key_to_pem_pkcs8().unwrap());
    let path = std::env::temp_dir().join(format!("corust-tls-{}.pem", std::process::id()));
    std::fs::write(&path, pem).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn tls_handshake_echo_verify_and_eof() {
    use super::tls::{TlsConfig, TlsContext};
    let pem = self_signed_pem();
    let server_cfg = TlsConfig {
        cert_file: Some(pem.clone()),
        key_file: Some(pem.clone()),
        ..TlsConfig::default()
    };
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let out = Rc::new(RefCell::new(Vec::<String>::new()));
    let o = out.clone();
    go(move || {
        let ctx = TlsContext::new(&server_cfg, true).unwrap();
        rt(|r| a.tls_handshake(r, &ctx, None, Deadline::from_secs(5.0))).unwrap();
        let mut buf = [0u8; 5];
        let (n, res) = rt(|r| a.read_exact(r, &mut buf, Deadline::from_secs(5.0)));
        res.unwrap();
        let reply = [&buf[..n], b"!"].concat();
        rt(|r| a.write_all(r, &reply, Deadline::NEVER)).1.unwrap();
        rt(|r| a.close(r));
    });
    go(move || {
        // Verification on: the self-signed leaf fails unless allowed.
        let cfg = TlsConfig {
            verify_peer: true,
            host_name: Some("localhost".into()),
            ..TlsConfig::default()
        };
        let ctx = TlsContext::new(&cfg, false).unwrap();
        rt(|r| b.tls_handshake(r, &ctx, Some("localhost"), Deadline::from_secs(5.0))).unwrap();
        assert!(b.tls_ready());
        let e = b.tls_verify(false).unwrap_err();
        assert_eq!(e.errno(), 1014, "{e}");
        b.tls_verify(true).unwrap();
        assert!(String::from_utf8(b.tls_peer_cert().unwrap())
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----"));
        rt(|r| b.write_all(r, b"hello", Deadline::NEVER)).1.unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 64];
        loop {
            let n = rt(|r| b.read_some(r, &mut buf, Deadline::from_secs(5.0))).unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        o.borrow_mut().push(String::from_utf8(got).unwrap());
        rt(|r| b.close(r));
    });
    run();
    let _ = std::fs::remove_file(&pem);
    assert_eq!(*out.borrow(), ["hello!"]);
}

#[test]
fn tls_handshake_with_a_plain_peer_fails_with_swoole_code() {
    use super::tls::{TlsConfig, TlsContext};
    let (a, b) = Socket::pair(libc::SOCK_STREAM).unwrap();
    let code = Rc::new(RefCell::new(0));
    let c = code.clone();
    go(move || {
        let mut buf = [0u8; 512];
        let _ = rt(|r| a.read_some(r, &mut buf, Deadline::from_secs(5.0)));
        rt(|r| a.write_all(r, b"HTTP/1.0 400 Bad Request\r\n\r\n", Deadline::NEVER))
            .1
            .unwrap();
        rt(|r| a.close(r));
    });
    go(move || {
        let ctx = TlsContext::new(&TlsConfig::default(), false).unwrap();
        let e = rt(|r| b.tls_handshake(r, &ctx, None, Deadline::from_secs(5.0))).unwrap_err();
        *c.borrow_mut() = e.errno();
        rt(|r| b.close(r));
    });
    run();
    assert_eq!(*code.borrow(), 1018);
}

#[test]
fn tls_config_errors_do_not_panic() {
    use super::tls::{alpn_pick, TlsConfig, TlsContext};
    for cfg in [
        TlsConfig {
            cert_file: Some("/nonexistent\0x".into()),
            ..TlsConfig::default()
        },
        TlsConfig {
            cafile: Some("/nonexistent".into()),
            verify_peer: true,
            ..TlsConfig::default()
        },
        TlsConfig {
            ciphers: Some("NOT-A-CIPHER".into()),
            ..TlsConfig::default()
        },
        TlsConfig {
            protocols: super::tls::proto::DTLS,
            ..TlsConfig::default()
        },
    ] {
        assert_eq!(TlsContext::new(&cfg, false).unwrap_err().code, 1019);
    }
    assert_eq!(
        alpn_pick(b"\x02h2\x08http/1.1", b"\x08http/1.1\x02h2"),
        Some(&b"h2"[..])
    );
    assert_eq!(alpn_pick(b"\x02h2", b"\x08http/1.1\xff"), None);
}

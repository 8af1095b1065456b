//! Scenario tests of the runtime core with pure-Rust coroutines.
#![allow(clippy::unwrap_used)]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::*;

thread_local! {
    static RT: Runtime<()> = Runtime::new();
}

pub(crate) fn rt<R>(f: impl FnOnce(&Runtime<()>) -> R) -> R {
    RT.with(f)
}

fn log() -> Rc<RefCell<Vec<String>>> {
    Rc::new(RefCell::new(Vec::new()))
}

#[test]
fn spawn_runs_at_once_and_yield_returns_to_creator() {
    let l = log();
    let l2 = l.clone();
    let cid = rt(|r| {
        r.spawn(move || {
            l2.borrow_mut().push("a1".into());
            rt(|r| r.park(WaitKind::Yield, None)).unwrap();
            l2.borrow_mut().push("a2".into());
        })
    })
    .unwrap();
    l.borrow_mut().push("main".into());
    assert!(rt(|r| r.exists(cid)));
    rt(|r| r.resume(cid)).unwrap();
    assert_eq!(*l.borrow(), vec!["a1", "main", "a2"]);
    assert!(!rt(|r| r.exists(cid)));
}

#[test]
fn nested_spawn_records_parent() {
    let seen = Rc::new(RefCell::new(None));
    let s2 = seen.clone();
    let outer = rt(|r| {
        r.spawn(move || {
            let me = rt(|r| r.current());
            rt(|r| {
                r.spawn(move || {
                    let c = rt(|r| r.current());
                    *s2.borrow_mut() = Some((rt(|r| r.parent(c)).unwrap(), me));
                    rt(|r| r.detach());
                    assert_eq!(rt(|r| r.parent(c)), Some(Cid::MAIN));
                })
            })
            .unwrap();
        })
    })
    .unwrap();
    let (parent, me) = seen.borrow().unwrap();
    assert_eq!(parent, me);
    assert_eq!(me, outer);
    assert_eq!(rt(|r| r.current()), Cid::MAIN);
}

#[test]
fn sleeps_overlap_and_wake_in_deadline_order() {
    let l = log();
    let start = Instant::now();
    for ms in [30u64, 10, 20] {
        let l = l.clone();
        rt(|r| {
            r.spawn(move || {
                let w = rt(|r| r.sleep(Duration::from_millis(ms))).unwrap();
                assert_eq!(w, Wakeup::TimedOut);
                l.borrow_mut().push(ms.to_string());
            })
        })
        .unwrap();
    }
    rt(|r| r.run(&mut |_, _| {})).unwrap();
    assert_eq!(*l.borrow(), vec!["10", "20", "30"]);
    // Three sleeps of up to 30 ms ran concurrently, not one after another.
    assert!(start.elapsed() < Duration::from_millis(60));
    assert_eq!(rt(|r| r.count()), 0);
}

#[test]
fn unpark_wakes_before_timeout() {
    let got = Rc::new(RefCell::new(None));
    let g2 = got.clone();
    let cid = rt(|r| {
        r.spawn(move || {
            let w = rt(|r| r.park(WaitKind::Other("test"), Some(Duration::from_secs(5))));
            *g2.borrow_mut() = Some(w.unwrap());
        })
    })
    .unwrap();
    assert!(rt(|r| r.unpark(cid, Wakeup::Ready)));
    assert!(!rt(|r| r.unpark(cid, Wakeup::Ready)));
    let t = Instant::now();
    rt(|r| r.run(&mut |_, _| {})).unwrap();
    assert_eq!(*got.borrow(), Some(Wakeup::Ready));
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[test]
fn user_timers_fire_and_tick_until_cleared() {
    let fired = Rc::new(RefCell::new(Vec::new()));
    let f2 = fired.clone();
    let tick = rt(|r| r.add_timer(Duration::from_millis(2), Some(Duration::from_millis(2))));
    let once = rt(|r| r.add_timer(Duration::from_millis(1), None));
    let mut n = 0;
    rt(|r| {
        r.run(&mut |id, is_tick| {
            f2.borrow_mut().push(id);
            if is_tick {
                n += 1;
                if n == 3 {
                    RT.with(|r| assert!(r.clear_timer(id)));
                }
            }
        })
    })
    .unwrap();
    assert_eq!(*fired.borrow(), vec![once, tick, tick, tick]);
    assert!(!rt(|r| r.timer_exists(tick)));
}

#[test]
fn resume_rejects_non_yielded() {
    let cid = rt(|r| {
        r.spawn(|| {
            rt(|r| r.sleep(Duration::from_millis(1))).unwrap();
        })
    })
    .unwrap();
    assert!(matches!(rt(|r| r.resume(cid)), Err(Error::NotResumable(_))));
    assert!(matches!(
        rt(|r| r.resume(Cid(999_999))),
        Err(Error::NoSuchCoroutine(_))
    ));
    assert!(matches!(
        rt(|r| r.park(WaitKind::Yield, None)),
        Err(Error::NotInCoroutine)
    ));
    rt(|r| r.run(&mut |_, _| {})).unwrap();
}

#[test]
fn max_coroutine_is_enforced_and_reset_all_frees() {
    rt(|x| x.set_max(100_000));
    for _ in 0..3 {
        rt(|x| {
            x.spawn(|| {
                rt(|r| r.park(WaitKind::Yield, None)).unwrap();
            })
        })
        .unwrap();
    }
    let live = rt(|r| r.count());
    assert!(live >= 3);
    rt(|x| x.set_max(live));
    assert!(matches!(
        rt(|x| x.spawn(|| {})),
        Err(Error::TooManyCoroutines(_))
    ));
    let n = rt(|x| x.reset_all(&mut |_, _, _| {}));
    assert_eq!(n, live);
    assert_eq!(rt(|r| r.count()), 0);
    rt(|x| x.set_max(scheduler::DEFAULT_MAX_COROUTINE));
}

#[test]
fn many_coroutines_alive_at_once() {
    // Enough to exceed what one VMA per stack would allow on a stock kernel
    // only in the PHP tests (100,000); here a quick 20,000 with small stacks.
    let n = 20_000;
    for _ in 0..n {
        rt(|x| {
            x.spawn(|| {
                rt(|r| r.park(WaitKind::Yield, None)).unwrap();
            })
        })
        .unwrap();
    }
    assert!(rt(|r| r.count()) >= n);
    for cid in rt(|r| r.list()) {
        rt(|r| r.resume(Cid(cid))).unwrap();
    }
    assert_eq!(rt(|r| r.count()), 0);
}

mod sync_tests {
    use super::*;
    use crate::rt::sync::channel::Channel;
    use crate::rt::sync::wait_group::{Misuse, WaitGroup};
    use crate::rt::sync::WaitError;

    #[test]
    fn channel_ping_pong_and_fifo() {
        let ch: Rc<Channel<u32>> = Rc::new(Channel::new(1));
        let got = log();
        for name in ["c1", "c2"] {
            let (ch, got) = (ch.clone(), got.clone());
            rt(|x| {
                x.spawn(move || {
                    let v = rt(|r| ch.pop(r, None)).unwrap();
                    got.borrow_mut().push(format!("{name}:{v}"));
                })
            })
            .unwrap();
        }
        assert_eq!(ch.consumer_num(), 2);
        let ch2 = ch.clone();
        rt(|x| {
            x.spawn(move || {
                rt(|r| ch2.push(r, 1, None)).unwrap();
                rt(|r| ch2.push(r, 2, None)).unwrap();
            })
        })
        .unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(*got.borrow(), vec!["c1:1", "c2:2"]);
    }

    #[test]
    fn channel_full_push_waits_and_timeouts() {
        let ch: Rc<Channel<u32>> = Rc::new(Channel::new(1));
        let out = Rc::new(RefCell::new(Vec::new()));
        let (c, o) = (ch.clone(), out.clone());
        rt(|x| {
            x.spawn(move || {
                rt(|r| c.push(r, 1, None)).unwrap();
                let e = rt(|r| c.push(r, 2, Some(Duration::from_millis(5))));
                o.borrow_mut().push(e);
                let e = rt(|r| c.pop(r, None));
                o.borrow_mut().push(e.map(|_| ()).map_err(|e| (e, 0)));
                let e = rt(|r| c.pop(r, Some(Duration::from_millis(5))));
                o.borrow_mut().push(e.map(|_| ()).map_err(|e| (e, 0)));
            })
        })
        .unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(
            *out.borrow(),
            vec![
                Err((WaitError::Timeout, 2)),
                Ok(()),
                Err((WaitError::Timeout, 0))
            ]
        );
    }

    #[test]
    fn channel_close_wakes_everyone() {
        let ch: Rc<Channel<u32>> = Rc::new(Channel::new(1));
        let got = Rc::new(RefCell::new(Vec::new()));
        for _ in 0..3 {
            let (ch, got) = (ch.clone(), got.clone());
            rt(|x| {
                x.spawn(move || {
                    let r = rt(|r| ch.pop(r, None));
                    got.borrow_mut().push(r.err());
                })
            })
            .unwrap();
        }
        assert!(rt(|r| ch.close(r)));
        assert!(!rt(|r| ch.close(r)));
        assert_eq!(*got.borrow(), vec![Some(WaitError::Closed); 3]);
        assert!(matches!(
            rt(|r| ch.push(r, 1, None)),
            Err((WaitError::Closed, 1))
        ));
        assert!(matches!(
            rt(|r| ch.pop(r, None)),
            Err(WaitError::NotInCoroutine) | Err(WaitError::Closed)
        ));
    }

    #[test]
    fn wait_group_waits_and_reports_misuse() {
        let wg = Rc::new(WaitGroup::new(0).unwrap());
        let done = log();
        for ms in [3u64, 1] {
            rt(|r| wg.add(r, 1)).unwrap();
            let (wg, done) = (wg.clone(), done.clone());
            rt(|x| {
                x.spawn(move || {
                    rt(|r| r.sleep(Duration::from_millis(ms))).unwrap();
                    done.borrow_mut().push(ms.to_string());
                    rt(|r| wg.add(r, -1)).unwrap();
                })
            })
            .unwrap();
        }
        let (w2, d2) = (wg.clone(), done.clone());
        rt(|x| {
            x.spawn(move || {
                assert_eq!(rt(|r| w2.wait(r, None)), Ok(Ok(())));
                d2.borrow_mut().push("waited".into());
            })
        })
        .unwrap();
        let w3 = wg.clone();
        rt(|x| {
            x.spawn(move || {
                assert_eq!(rt(|r| w3.wait(r, None)), Err(Misuse::ConcurrentWait));
            })
        })
        .unwrap();
        assert_eq!(rt(|r| wg.add(r, 1)), Err(Misuse::AddWhileWaiting));
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(*done.borrow(), vec!["1", "3", "waited"]);
        assert_eq!(rt(|r| wg.add(r, -1)), Err(Misuse::Negative));
    }

    #[test]
    fn cancel_wakes_sleep_and_channel_but_not_yield() {
        let ch: Rc<Channel<u32>> = Rc::new(Channel::new(1));
        let got = Rc::new(RefCell::new(Vec::new()));
        let g = got.clone();
        let sleeper = rt(|x| {
            x.spawn(move || {
                let w = rt(|r| r.sleep(Duration::from_secs(10))).unwrap();
                g.borrow_mut()
                    .push(format!("{w:?} {}", rt(|r| r.is_canceled())));
            })
        })
        .unwrap();
        let (c, g) = (ch.clone(), got.clone());
        let popper = rt(|x| {
            x.spawn(move || {
                let r = rt(|r| c.pop(r, None));
                g.borrow_mut().push(format!("{:?}", r.err()));
            })
        })
        .unwrap();
        let yielder = rt(|x| {
            x.spawn(|| {
                // As in Swoole 6.2: a yielded coroutine can be canceled too.
                assert_eq!(
                    rt(|r| r.park(WaitKind::Yield, None)).unwrap(),
                    Wakeup::Canceled
                );
            })
        })
        .unwrap();
        let t = Instant::now();
        rt(|r| r.cancel(sleeper)).unwrap();
        rt(|r| r.cancel(popper)).unwrap();
        rt(|r| r.cancel(yielder)).unwrap();
        assert!(matches!(
            rt(|r| r.cancel(rt(|x| x.current()))),
            Err(Error::NotCancelable(_))
        ));
        assert!(matches!(
            rt(|r| r.cancel(Cid(77_777))),
            Err(Error::NoSuchCoroutine(_))
        ));
        assert_eq!(ch.consumer_num(), 0);
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert!(t.elapsed() < Duration::from_secs(1));
        assert_eq!(*got.borrow(), vec!["Canceled true", "Some(Canceled)"]);
    }
}

mod io_tests {
    use super::*;
    use crate::rt::driver::io::Dir;
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;

    #[test]
    fn background_waits_do_not_hold_the_loop_and_are_no_deadlock() {
        let (a, mut b) = UnixStream::pair().unwrap();
        a.set_nonblocking(true).unwrap();
        let fd = a.as_raw_fd();
        let woke = Rc::new(RefCell::new(0));
        let w2 = woke.clone();
        let cid = rt(|x| {
            x.spawn(move || loop {
                match rt(|r| r.wait_fd_background(fd, "listener")) {
                    Ok(Wakeup::Ready) => *w2.borrow_mut() += 1,
                    _ => return,
                }
                let mut buf = [0u8; 8];
                let _ = (&a).read(&mut buf);
            })
        })
        .unwrap();
        // Nothing else to do: the loop ends at once, and nobody is stuck.
        let t = Instant::now();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert!(t.elapsed() < Duration::from_secs(1));
        assert!(rt(|r| r.parked()).is_empty());
        // While the loop runs for something else, the listener is served.
        b.write_all(b"x").unwrap();
        rt(|r| r.add_timer(Duration::from_millis(20), None));
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(*woke.borrow(), 1);
        rt(|r| r.cancel(cid)).unwrap();
    }

    #[test]
    fn wait_fd_wakes_reader_when_peer_writes() {
        let (a, b) = UnixStream::pair().unwrap();
        a.set_nonblocking(true).unwrap();
        b.set_nonblocking(true).unwrap();
        let got = Rc::new(RefCell::new(String::new()));
        let g = got.clone();
        let a = Rc::new(RefCell::new(a));
        let a2 = a.clone();
        rt(|x| {
            x.spawn(move || {
                let fd = a2.borrow().as_raw_fd();
                let w = rt(|r| r.wait_fd(fd, Dir::Read, Some(Duration::from_secs(5)))).unwrap();
                assert_eq!(w, Wakeup::Ready);
                let mut buf = [0u8; 16];
                let n = a2.borrow_mut().read(&mut buf).unwrap();
                g.borrow_mut()
                    .push_str(std::str::from_utf8(&buf[..n]).unwrap());
            })
        })
        .unwrap();
        // A second reader on the same fd is refused, naming the holder.
        let fd = a.borrow().as_raw_fd();
        let busy = rt(|x| {
            x.spawn(move || {
                let e = rt(|r| r.wait_fd(fd, Dir::Read, None));
                assert!(matches!(e, Err(Error::Busy { .. })));
            })
        });
        assert!(busy.is_ok());
        let mut b2 = b.try_clone().unwrap();
        rt(|x| {
            x.spawn(move || {
                rt(|r| r.sleep(Duration::from_millis(5))).unwrap();
                b2.write_all(b"ping").unwrap();
            })
        })
        .unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(&*got.borrow(), "ping");
    }

    #[test]
    fn kept_registration_does_not_sleep_through_an_edge_nobody_waited_for() {
        // Edge-triggered, registered once: data that arrives while the
        // coroutine is busy elsewhere produces one edge; the next wait on the
        // fd must not sleep until a second one (a listener with several
        // connections queued, a reader that waits before trying).
        let (a, mut b) = UnixStream::pair().unwrap();
        a.set_nonblocking(true).unwrap();
        let fd = a.as_raw_fd();
        let out = Rc::new(RefCell::new(Vec::new()));
        let o = out.clone();
        rt(|x| {
            x.spawn(move || {
                // First wait registers the fd and sees the data already there.
                let w = rt(|r| r.wait_owned_fd(fd, Dir::Read, Some(Duration::from_secs(5))));
                o.borrow_mut().push(w.unwrap());
                // Busy elsewhere (a sleep: the loop polls, the edge of the
                // second write lands with nobody waiting on the fd).
                rt(|r| r.sleep(Duration::from_millis(20))).unwrap();
                let t = Instant::now();
                let w = rt(|r| r.wait_owned_fd(fd, Dir::Read, Some(Duration::from_secs(5))));
                o.borrow_mut().push(w.unwrap());
                assert!(t.elapsed() < Duration::from_secs(1));
                rt(|r| r.close_fd(fd));
            })
        })
        .unwrap();
        b.write_all(b"one").unwrap();
        rt(|x| {
            x.spawn(move || {
                rt(|r| r.sleep(Duration::from_millis(5))).unwrap();
                b.write_all(b"two").unwrap();
            })
        })
        .unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(*out.borrow(), vec![Wakeup::Ready, Wakeup::Ready]);
        drop(a);
    }

    #[test]
    fn wait_fd_times_out() {
        let (a, _b) = UnixStream::pair().unwrap();
        let fd = a.as_raw_fd();
        let out = Rc::new(RefCell::new(None));
        let o = out.clone();
        rt(|x| {
            x.spawn(move || {
                *o.borrow_mut() = Some(
                    rt(|r| r.wait_fd(fd, Dir::Read, Some(Duration::from_millis(10)))).unwrap(),
                );
            })
        })
        .unwrap();
        let t = Instant::now();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(*out.borrow(), Some(Wakeup::TimedOut));
        assert!(t.elapsed() >= Duration::from_millis(9));
        drop(a);
    }
}

mod blocking_tests {
    use super::*;

    #[test]
    fn blocking_calls_run_off_thread_and_overlap() {
        let results = Rc::new(RefCell::new(Vec::new()));
        let start = Instant::now();
        for i in 0..4u64 {
            let r = results.clone();
            rt(|x| {
                x.spawn(move || {
                    let v = rt(|rt| {
                        rt.run_blocking(move || {
                            std::thread::sleep(Duration::from_millis(50));
                            (i * 10, std::thread::current().name().map(str::to_owned))
                        })
                    })
                    .unwrap();
                    r.borrow_mut().push(v);
                })
            })
            .unwrap();
        }
        let ticked = Rc::new(Cell::new(false));
        let t = ticked.clone();
        rt(|x| x.spawn(move || t.set(true))).unwrap();
        assert!(
            ticked.get(),
            "other coroutines run while blocking calls wait"
        );
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        let mut got = results.borrow().clone();
        got.sort();
        assert_eq!(
            got.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            vec![0, 10, 20, 30]
        );
        assert!(got.iter().all(|(_, n)| n
            .as_deref()
            .is_some_and(|n| n.starts_with("corust-blocking"))));
        assert!(start.elapsed() < Duration::from_millis(180));
        // Outside coroutines the call simply runs here.
        assert_eq!(rt(|r| r.run_blocking(|| 7)).unwrap(), 7);
    }

    #[test]
    fn pool_threads_block_every_signal() {
        let got = Rc::new(Cell::new(0));
        let g = got.clone();
        rt(|x| {
            x.spawn(move || {
                let blocked = rt(|r| {
                    r.run_blocking(|| {
                        // SAFETY: reading this thread's own mask into our set.
                        unsafe {
                            let mut cur: libc::sigset_t = std::mem::zeroed();
                            libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut cur);
                            [libc::SIGTERM, libc::SIGCHLD, libc::SIGUSR1]
                                .iter()
                                .filter(|s| libc::sigismember(&cur, **s) == 1)
                                .count()
                        }
                    })
                })
                .unwrap();
                g.set(blocked);
            })
        })
        .unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(got.get(), 3);
    }
}

#[test]
fn renew_gives_a_fresh_id_and_the_task_still_ends_cleanly() {
    let ids = Rc::new(RefCell::new(Vec::new()));
    let i2 = ids.clone();
    let before = rt(|r| r.count());
    let first = rt(|r| {
        r.spawn(move || {
            i2.borrow_mut().push(rt(|r| r.current()));
            let (new, _old_local) = rt(|r| r.renew()).unwrap();
            assert_eq!(rt(|r| r.current()), new);
            assert_eq!(rt(|r| r.parent(new)), Some(Cid::MAIN));
            i2.borrow_mut().push(new);
            // Parks and is resumed under the new id.
            rt(|r| r.park(WaitKind::Yield, None)).unwrap();
            i2.borrow_mut().push(rt(|r| r.current()));
        })
    })
    .unwrap();
    let (a, b) = (ids.borrow()[0], ids.borrow()[1]);
    assert_eq!(a, first);
    assert!(b.0 > a.0);
    assert!(!rt(|r| r.exists(a)));
    assert!(rt(|r| r.exists(b)));
    assert_eq!(rt(|r| r.count()), before + 1);
    rt(|r| r.resume(b)).unwrap();
    assert_eq!(ids.borrow()[2], b);
    // Finished under its new id: removed, nothing left behind.
    assert!(!rt(|r| r.exists(b)));
    assert_eq!(rt(|r| r.count()), before);
    assert!(rt(|r| r.renew()).is_err());
}

/// Hooks that hold work for `pending` turns and count the points they see.
struct CountingHooks {
    pending: usize,
    before: usize,
    after: usize,
    timers: Vec<u64>,
}

impl crate::rt::LoopHooks for CountingHooks {
    fn timer(&mut self, id: u64, _tick: bool) {
        self.timers.push(id);
    }
    fn before_wait(&mut self) {
        self.before += 1;
    }
    fn after_turn(&mut self) -> bool {
        self.after += 1;
        if self.pending > 0 {
            self.pending -= 1;
            true
        } else {
            false
        }
    }
}

#[test]
fn loop_hooks_hold_the_loop_open_and_run_once_takes_one_turn() {
    let mut h = CountingHooks {
        pending: 3,
        before: 0,
        after: 0,
        timers: Vec::new(),
    };
    rt(|r| r.run(&mut h)).unwrap();
    // Three turns with work pending (no blocking), then one that ends the loop.
    assert_eq!((h.after, h.before), (4, 3));

    let id = rt(|r| r.add_timer(Duration::from_millis(5), None));
    let mut h = CountingHooks {
        pending: 0,
        before: 0,
        after: 0,
        timers: Vec::new(),
    };
    let t = Instant::now();
    rt(|r| r.run_once(&mut h)).unwrap();
    // The one wait lasted until the timer was due; armed in this round, it
    // fires in the next turn (Swoole's dispatch does the same).
    assert!(t.elapsed() >= Duration::from_millis(4));
    assert!(h.timers.is_empty());
    assert_eq!(h.before, 1);
    rt(|r| r.run_once(&mut h)).unwrap();
    assert_eq!(h.timers, vec![id]);
    // Nothing left: a turn returns at once.
    let t = Instant::now();
    rt(|r| r.run_once(&mut h)).unwrap();
    assert!(t.elapsed() < Duration::from_millis(50));
    assert_eq!(h.timers, vec![id]);
}

#[test]
fn shared_word_and_futex_work_across_fork() {
    use std::sync::atomic::Ordering;
    let w: crate::rt::sys::SharedU32 = crate::rt::sys::Shared::new().unwrap();
    // The value differs: FUTEX_WAIT returns at once.
    w.store(5, Ordering::SeqCst);
    assert!(crate::rt::sys::futex_wait(&w, 0, Some(Duration::from_millis(50))).is_err());
    w.store(0, Ordering::SeqCst);
    // SAFETY: the child only touches the shared word and exits.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0);
    if pid == 0 {
        std::thread::sleep(Duration::from_millis(50));
        w.store(1, Ordering::SeqCst);
        let _ = crate::rt::sys::futex_wake(&w, 1);
        // SAFETY: leaving the forked child without running the test harness.
        unsafe { libc::_exit(0) };
    }
    let t = Instant::now();
    while w.load(Ordering::SeqCst) == 0 && t.elapsed() < Duration::from_secs(5) {
        let _ = crate::rt::sys::futex_wait(&w, 0, Some(Duration::from_secs(1)));
    }
    assert_eq!(w.load(Ordering::SeqCst), 1);
    let mut status = 0;
    // SAFETY: reaping our own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
}

#[test]
fn preempted_spinners_yield_to_timers_and_others() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static FLAG: AtomicBool = AtomicBool::new(false);
    // The host's safe point (PHP: the VM's interrupt check).
    fn safe_point() -> bool {
        if FLAG.swap(false, Ordering::SeqCst) && rt(|r| r.slice_expired()) {
            rt(|r| r.preempt()).unwrap();
            return true;
        }
        false
    }
    scheduler::preempt::start(&FLAG).unwrap();
    let l = log();
    let stop = Rc::new(Cell::new(false));
    let (l2, stop2) = (l.clone(), stop.clone());
    let start = Instant::now();
    rt(|r| {
        r.spawn(move || {
            let mut preempted = 0;
            while !stop2.get() {
                preempted += usize::from(safe_point());
                assert!(start.elapsed() < Duration::from_secs(5), "never stopped");
            }
            assert!(preempted >= 2, "preempted {preempted} times");
            l2.borrow_mut().push("spinner".into());
        })
    })
    .unwrap();
    // The spinner gave the CPU back to its creator within a slice or two.
    assert!(start.elapsed() < Duration::from_millis(500));
    l.borrow_mut().push("main".into());
    let l3 = l.clone();
    rt(|r| {
        r.spawn(move || {
            // A timer has to fire while the spinner spins.
            rt(|r| r.sleep(Duration::from_millis(40))).unwrap();
            l3.borrow_mut().push("sleeper".into());
            stop.set(true);
        })
    })
    .unwrap();
    rt(|r| r.run(&mut |_, _| {})).unwrap();
    scheduler::preempt::stop();
    assert!(!scheduler::preempt::running());
    assert_eq!(*l.borrow(), vec!["main", "sleeper", "spinner"]);
}

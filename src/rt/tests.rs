//! Scenario tests of the runtime core with pure-Rust coroutines.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::*;

thread_local! {
    static RT: Runtime<()> = Runtime::new();
}

fn rt<R>(f: impl FnOnce(&Runtime<()>) -> R) -> R {
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

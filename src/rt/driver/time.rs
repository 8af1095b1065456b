//! Timers: coroutine wake-ups (sleep, timeouts) and user timers (`Timer::after/tick`).
//!
//! Owns: a binary heap of (deadline, id) with lazy cancellation: cancelling
//! removes the id from `live`, and stale heap entries are skipped when popped.
//! Ids are unique for the process lifetime and only grow, starting at 1.
//! Equal deadlines fire in creation order. As Swoole's timer, firing goes in
//! rounds (one per turn of the event loop): a timer armed (or a tick
//! re-armed) in the current round waits for the next one, so a callback that
//! arms a timer never sees it fire in the same pass.
//! May not: read the clock itself (callers pass `now`).
#![forbid(unsafe_code)]

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

use crate::rt::coroutine::Cid;
use crate::rt::idmap::IdMap;

/// A timer's id (shared by wake-ups and user timers, as in Swoole).
pub type TimerId = u64;

/// What a timer does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerKind {
    /// Wake a parked coroutine with `Wakeup::TimedOut`.
    Wake(Cid),
    /// A user timer, re-armed every `interval` when it is a tick.
    User {
        /// Some(period) for `tick`, None for `after`.
        interval: Option<Duration>,
    },
}

/// The timer set.
#[derive(Debug, Default)]
pub struct Timers {
    /// Min-heap of (deadline, id); may hold cancelled ids.
    heap: BinaryHeap<Reverse<(Instant, TimerId)>>,
    /// Live timers by id, with the round each was armed in.
    live: IdMap<TimerId, (TimerKind, u64)>,
    /// The current round.
    round: u64,
    /// Last id handed out.
    last_id: TimerId,
    /// Number of live user timers.
    users: usize,
}

impl Timers {
    /// Arms a timer that fires at `deadline`.
    pub fn add(&mut self, deadline: Instant, kind: TimerKind) -> TimerId {
        self.last_id += 1;
        let id = self.last_id;
        self.heap.push(Reverse((deadline, id)));
        if matches!(kind, TimerKind::User { .. }) {
            self.users += 1;
        }
        self.live.insert(id, (kind, self.round));
        id
    }

    /// Ends the current round: timers armed in it may fire from now on.
    pub fn end_round(&mut self) {
        self.round = self.round.wrapping_add(1);
    }

    /// Disarms a timer; false when it was not armed.
    pub fn cancel(&mut self, id: TimerId) -> bool {
        match self.live.remove(&id) {
            Some((kind, _)) => {
                if matches!(kind, TimerKind::User { .. }) {
                    self.users -= 1;
                }
                if self.live.is_empty() {
                    self.heap.clear();
                }
                true
            }
            None => false,
        }
    }

    /// True when `id` is armed.
    pub fn exists(&self, id: TimerId) -> bool {
        self.live.contains_key(&id)
    }

    /// The kind of an armed timer.
    pub fn kind(&self, id: TimerId) -> Option<TimerKind> {
        self.live.get(&id).map(|e| e.0)
    }

    /// Ids of armed user timers, in creation order.
    pub fn user_ids(&self) -> Vec<TimerId> {
        let mut v: Vec<TimerId> = self
            .live
            .iter()
            .filter(|(_, k)| matches!(k.0, TimerKind::User { .. }))
            .map(|(id, _)| *id)
            .collect();
        v.sort_unstable();
        v
    }

    /// Number of armed timers of any kind.
    pub fn len(&self) -> usize {
        self.live.len()
    }

    /// True when no timer is armed.
    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// Number of armed user timers.
    pub fn user_count(&self) -> usize {
        self.users
    }

    /// The earliest deadline of an armed timer.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(Reverse((at, id))) = self.heap.peek().copied() {
            if self.live.contains_key(&id) {
                return Some(at);
            }
            self.heap.pop();
        }
        None
    }

    /// Takes the next timer due at `now`. A tick is re-armed (same id) before
    /// it is returned; an `after` or a wake-up is disarmed.
    pub fn pop_due(&mut self, now: Instant) -> Option<(TimerId, TimerKind)> {
        loop {
            let Reverse((at, id)) = *self.heap.peek()?;
            let Some((kind, armed)) = self.live.get(&id).copied() else {
                self.heap.pop();
                continue;
            };
            if at > now || armed == self.round {
                return None;
            }
            self.heap.pop();
            match kind {
                TimerKind::User {
                    interval: Some(every),
                } => {
                    let mut next = at + every;
                    if next <= now {
                        next = now + every;
                    }
                    self.heap.push(Reverse((next, id)));
                    self.live.insert(id, (kind, self.round));
                }
                _ => {
                    self.cancel(id);
                }
            }
            return Some((id, kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_in_deadline_then_creation_order() {
        let mut t = Timers::default();
        let base = Instant::now();
        let a = t.add(
            base + Duration::from_millis(20),
            TimerKind::User { interval: None },
        );
        let b = t.add(
            base + Duration::from_millis(10),
            TimerKind::User { interval: None },
        );
        let c = t.add(
            base + Duration::from_millis(10),
            TimerKind::User { interval: None },
        );
        let later = base + Duration::from_millis(30);
        // Armed in this round: nothing fires before the round ends.
        assert_eq!(t.pop_due(later), None);
        t.end_round();
        let order: Vec<_> = std::iter::from_fn(|| t.pop_due(later).map(|x| x.0)).collect();
        assert_eq!(order, vec![b, c, a]);
        assert!(t.is_empty());
    }

    #[test]
    fn cancel_and_tick() {
        let mut t = Timers::default();
        let base = Instant::now();
        let every = Duration::from_millis(5);
        let tick = t.add(
            base + every,
            TimerKind::User {
                interval: Some(every),
            },
        );
        let gone = t.add(base + every, TimerKind::User { interval: None });
        assert!(t.cancel(gone));
        assert!(!t.cancel(gone));
        t.end_round();
        assert_eq!(t.pop_due(base + every).map(|x| x.0), Some(tick));
        assert!(t.exists(tick));
        assert_eq!(t.pop_due(base + every), None);
        // Re-armed in this round: not again before it ends, even when due.
        assert_eq!(t.pop_due(base + every * 3), None);
        t.end_round();
        assert_eq!(t.pop_due(base + every * 3).map(|x| x.0), Some(tick));
        assert_eq!(t.next_deadline(), Some(base + every * 4));
        assert_eq!(t.user_ids(), vec![tick]);
    }
}

//! A System V message queue (msgget/msgsnd/msgrcv), as `Swoole\Process`'s
//! `useQueue`/`push`/`pop` and `Process\Pool`'s SWOOLE_IPC_MSGQUEUE use
//! it: messages typed by the receiving worker (`id + 1`) or taken by
//! whoever asks first (type 0), at most `MSGMAX` bytes each, and a queue
//! that outlives its processes until someone removes it.

use std::io;

use crate::syscall;

/// Largest message (Swoole's SW_MSGMAX).
pub const MSGMAX: usize = 65536;

/// One queue, by its key.
#[derive(Debug)]
pub struct MsgQueue {
    id: i32,
    key: libc::key_t,
    /// IPC_NOWAIT: push/pop fail with EAGAIN/ENOMSG instead of waiting.
    nowait: bool,
}

/// The message buffer msgsnd/msgrcv take: a type, then the bytes.
#[repr(C)]
struct Message {
    mtype: libc::c_long,
    data: [u8; MSGMAX],
}

impl MsgQueue {
    /// Opens (creating if needed, mode 0666) the queue of `key`.
    pub fn open(key: libc::key_t) -> io::Result<MsgQueue> {
        // SAFETY: msgget(2) with plain integer arguments.
        let id = unsafe { syscall!(msgget(key, libc::IPC_CREAT | 0o666)) }?;
        Ok(MsgQueue {
            id,
            key,
            nowait: false,
        })
    }

    /// The queue's id (`msgQueueId`).
    pub fn id(&self) -> i32 {
        self.id
    }

    /// Its key (`msgQueueKey`).
    pub fn key(&self) -> libc::key_t {
        self.key
    }

    /// Whether push/pop wait (the default) or fail at once.
    pub fn set_blocking(&mut self, blocking: bool) {
        self.nowait = !blocking;
    }

    fn flags(&self) -> i32 {
        if self.nowait {
            libc::IPC_NOWAIT
        } else {
            0
        }
    }

    /// Sends `data` (at most MSGMAX - 1 bytes, as Swoole) as type `mtype`.
    pub fn push(&self, mtype: i64, data: &[u8]) -> io::Result<()> {
        if data.len() >= MSGMAX {
            return Err(io::Error::from_raw_os_error(libc::E2BIG));
        }
        let mut m = Box::new(Message {
            mtype: mtype as libc::c_long,
            data: [0; MSGMAX],
        });
        m.data[..data.len()].copy_from_slice(data);
        loop {
            // SAFETY: msgsnd(2) of a message buffer whose text is at least
            // `data.len()` bytes.
            match unsafe {
                syscall!(msgsnd(
                    self.id,
                    (&*m as *const Message).cast(),
                    data.len(),
                    self.flags()
                ))
            } {
                Ok(_) => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Receives one message of type `mtype` (0: any), at most `max` bytes.
    pub fn pop(&self, mtype: i64, max: usize) -> io::Result<Vec<u8>> {
        let max = max.clamp(1, MSGMAX);
        let mut m = Box::new(Message {
            mtype: 0,
            data: [0; MSGMAX],
        });
        // SAFETY: msgrcv(2) into a buffer whose text holds `max` bytes.
        let n = unsafe {
            syscall!(msgrcv(
                self.id,
                (&mut *m as *mut Message).cast(),
                max,
                mtype as libc::c_long,
                self.flags()
            ))
        }?;
        Ok(m.data[..(n as usize).min(max)].to_vec())
    }

    /// (messages queued, bytes queued).
    pub fn stat(&self) -> io::Result<(u64, u64)> {
        // SAFETY: a zeroed msqid_ds is a valid buffer for IPC_STAT to fill.
        let mut st: libc::msqid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: msgctl(2) IPC_STAT into our buffer.
        unsafe { syscall!(msgctl(self.id, libc::IPC_STAT, &mut st)) }?;
        Ok((st.msg_qnum as u64, st.__msg_cbytes as u64))
    }

    /// Sets the most bytes the queue holds (`msg_qbytes`).
    pub fn set_capacity(&self, bytes: u64) -> io::Result<()> {
        // SAFETY: a zeroed msqid_ds is a valid buffer for IPC_STAT to fill.
        let mut st: libc::msqid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: msgctl(2) IPC_STAT then IPC_SET with our buffer.
        unsafe { syscall!(msgctl(self.id, libc::IPC_STAT, &mut st)) }?;
        st.msg_qbytes = bytes as libc::msglen_t;
        // SAFETY: as above.
        unsafe { syscall!(msgctl(self.id, libc::IPC_SET, &mut st)) }.map(drop)
    }

    /// Removes the queue from the system.
    pub fn destroy(self) -> io::Result<()> {
        // SAFETY: msgctl(2) IPC_RMID takes no buffer.
        unsafe { syscall!(msgctl(self.id, libc::IPC_RMID, std::ptr::null_mut())) }.map(drop)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn typed_and_any_messages_round_trip() {
        let q = MsgQueue::open(libc::IPC_PRIVATE).unwrap();
        q.push(2, b"for two").unwrap();
        q.push(1, b"for one").unwrap();
        assert_eq!(q.stat().unwrap().0, 2);
        assert_eq!(q.pop(1, 100).unwrap(), b"for one");
        assert_eq!(
            q.pop(0, 3).map_err(|e| e.raw_os_error()),
            Err(Some(libc::E2BIG))
        );
        assert_eq!(q.pop(0, 100).unwrap(), b"for two");
        let mut q = q;
        q.set_blocking(false);
        assert_eq!(
            q.pop(0, 100).map_err(|e| e.raw_os_error()),
            Err(Some(libc::ENOMSG))
        );
        assert!(q.push(1, &vec![0; MSGMAX]).is_err());
        q.destroy().unwrap();
    }
}

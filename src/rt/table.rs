//! `Swoole\Table`'s store: fixed-schema rows in one anonymous shared
//! mapping made before fork, so every process of a server sees the same
//! rows. A hash table of `size` buckets (a power of two) whose collisions
//! chain through an overflow pool of `size * conflict_proportion` rows.
//!
//! Locking, as Swoole's: each bucket's first row carries a spinlock word
//! (the owner's pid) that guards its whole chain; the overflow pool has one
//! of its own. A lock whose owner process no longer exists (killed while
//! writing) is taken over, with a warning, so a dead writer cannot wedge
//! the others; the row it was writing may then be half updated.
//!
//! Layout: a 64-byte header, then `rows` rows of `ROW_HEAD + item_size`
//! bytes (rounded to 8): lock (i32 pid), next (u32: index+1 in the chain,
//! 0 = end), active (u8), key_len (u8), key (64 bytes), then the columns.
//! Every access goes through `at()`, which checks the offset.

use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering::*};

/// Longest key plus one (Swoole's `SW_TABLE_KEY_SIZE`): longer keys are cut.
pub const KEY_SIZE: usize = 64;
/// Bytes before a row's columns.
const ROW_HEAD: usize = 16 + KEY_SIZE;
/// Bytes of the table header (the word at 56 is set once any process destroyed it).
const HEAD: usize = 64;
/// Swoole's smallest table (2^6 rows) and largest.
const MIN_ROWS: u64 = 64;
const MAX_ROWS: u64 = 0x8000_0000;

/// A column's kind (`Table::TYPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// 64-bit signed integer.
    Int,
    /// 64-bit float.
    Float,
    /// Bytes, at most this many.
    Str(usize),
}

/// One column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub ty: ColType,
    /// Where it sits in a row's data.
    offset: usize,
}

/// A column's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An int column's.
    Int(i64),
    /// A float column's.
    Float(f64),
    /// A string column's.
    Str(Vec<u8>),
}

/// A column's value read in place (see `Table::get_each`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    /// An int column's.
    Int(i64),
    /// A float column's.
    Float(f64),
    /// A string column's bytes, in the shared row.
    Str(&'a [u8]),
}

/// Why a write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// Not created yet (or destroyed).
    NotCreated,
    /// No free row left for a new key (the overflow pool is used up).
    Full,
    /// No such column.
    NoColumn,
    /// incr/decr on a string column.
    NotNumeric,
}

/// Counters for `stats()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Rows in use.
    pub num: u64,
    /// Keys that landed in a used bucket.
    pub conflict_count: u64,
    /// Longest chain seen.
    pub conflict_max_level: u64,
    /// New rows.
    pub insert_count: u64,
    /// Updated rows.
    pub update_count: u64,
    /// Deleted rows.
    pub delete_count: u64,
    /// Overflow rows still free.
    pub available_slice_num: u64,
    /// Overflow rows in all.
    pub total_slice_num: u64,
}

/// A position of an iteration: bucket and depth in its chain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    bucket: usize,
    depth: usize,
}

/// The table.
pub struct Table {
    size: usize,
    overflow: usize,
    columns: Vec<Column>,
    item_size: usize,
    row_size: usize,
    map: Option<crate::rt::sys::SharedBytes>,
}

/// PHP's string hash (DJBX33A, as `zend_string_hash_val`), so rows come
/// out of an iteration in the order Swoole's do.
fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 5381;
    for &b in key {
        h = h.wrapping_mul(33).wrapping_add(u64::from(b));
    }
    h | 0x8000_0000_0000_0000
}

/// Takes a spinlock word (holding the owner's pid), taking over one whose
/// owner died.
fn lock(word: &AtomicI32) {
    let me = crate::rt::sys::pid();
    let mut spins = 0u32;
    loop {
        let cur = word.load(Relaxed);
        if cur == 0 && word.compare_exchange_weak(0, me, Acquire, Relaxed).is_ok() {
            return;
        }
        spins += 1;
        if spins.is_multiple_of(64) {
            if cur != 0
                && !crate::rt::sys::process_alive(cur)
                && word.compare_exchange(cur, me, Acquire, Relaxed).is_ok()
            {
                eprintln!("corust: WARNING Table: lock process[{cur}] not exists, force unlock");
                return;
            }
            std::thread::yield_now();
        } else {
            std::hint::spin_loop();
        }
    }
}

fn unlock(word: &AtomicI32) {
    word.store(0, Release);
}

impl Table {
    /// A table of about `size` rows (rounded up to a power of two, at least
    /// 64) with `conflict` (0.2 … 1.0) more for collisions; no columns yet.
    pub fn new(size: i64, conflict: f64) -> Table {
        let want = u64::try_from(size).unwrap_or(0);
        let size = if want >= MAX_ROWS {
            MAX_ROWS
        } else {
            want.max(MIN_ROWS).next_power_of_two()
        } as usize;
        let conflict = if conflict.is_nan() {
            0.2
        } else {
            conflict.clamp(0.2, 1.0)
        };
        Table {
            size,
            overflow: (size as f64 * conflict) as usize,
            columns: Vec::new(),
            item_size: 0,
            row_size: ROW_HEAD,
            map: None,
        }
    }

    /// Rows (buckets) of the table (`getSize`).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Bytes the table takes (`getMemorySize`; 0 before create).
    pub fn memory_size(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }

    /// True once created, and until any process destroyed it.
    pub fn ready(&self) -> bool {
        self.map.is_some() && self.head_u32(56).load(Relaxed) == 0
    }

    /// The columns, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The position of the column `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Adds a column (before `create`); a new one of a name replaces it.
    pub fn add_column(&mut self, name: &str, ty: ColType) -> bool {
        if self.map.is_some() {
            return false;
        }
        let width = match ty {
            ColType::Int | ColType::Float => 8,
            // 4-byte length, then the bytes, 8-aligned.
            ColType::Str(n) => (n.saturating_add(4)).div_ceil(8).saturating_mul(8),
        };
        if let Some(i) = self.column(name) {
            self.columns.remove(i);
            self.relayout();
        }
        self.columns.push(Column {
            name: name.to_string(),
            ty,
            offset: self.item_size,
        });
        self.item_size = self.item_size.saturating_add(width);
        true
    }

    fn relayout(&mut self) {
        let mut off = 0usize;
        for c in &mut self.columns {
            c.offset = off;
            off += match c.ty {
                ColType::Int | ColType::Float => 8,
                ColType::Str(n) => (n + 4).div_ceil(8) * 8,
            };
        }
        self.item_size = off;
    }

    /// Allocates the shared rows.
    pub fn create(&mut self) -> std::io::Result<()> {
        if self.map.is_some() {
            return Ok(());
        }
        self.row_size = (ROW_HEAD + self.item_size).div_ceil(8) * 8;
        let rows = self.size + self.overflow;
        let len = rows
            .checked_mul(self.row_size)
            .and_then(|n| n.checked_add(HEAD))
            .ok_or_else(|| std::io::Error::other("table too large"))?;
        self.map = Some(crate::rt::sys::SharedBytes::new(len)?);
        // The overflow rows form the free list.
        for i in 0..self.overflow {
            let idx = self.size + i;
            let next = if i + 1 < self.overflow {
                (idx + 2) as u32
            } else {
                0
            };
            self.set_next(idx, next);
        }
        self.head_u32(4).store(
            if self.overflow > 0 {
                (self.size + 1) as u32
            } else {
                0
            },
            Relaxed,
        );
        self.head_u32(48).store(self.overflow as u32, Relaxed);
        Ok(())
    }

    /// `destroy`: marks the table gone for every process that shares it
    /// (their calls then fail, as Swoole's), and frees this process's view.
    pub fn destroy(&mut self) {
        if self.map.is_some() {
            self.head_u32(56).store(1, Relaxed);
        }
        self.map = None;
    }

    /// A pointer `off` bytes into the mapping, for `n` bytes.
    fn at(&self, off: usize, n: usize) -> *mut u8 {
        let m = self.map.as_ref().expect("table created");
        assert!(
            off.checked_add(n).is_some_and(|e| e <= m.len()),
            "table offset out of range"
        );
        // SAFETY: checked just above to lie inside the mapping.
        unsafe { m.as_ptr().add(off) }
    }

    fn head_u32(&self, off: usize) -> &AtomicU32 {
        // SAFETY: 4-aligned (the mapping is page-aligned, off a multiple of 4)
        // and inside the header; shared memory is only accessed atomically here.
        unsafe { &*(self.at(off, 4) as *const AtomicU32) }
    }

    fn head_u64(&self, off: usize) -> &AtomicU64 {
        // SAFETY: as head_u32, 8-aligned.
        unsafe { &*(self.at(off, 8) as *const AtomicU64) }
    }

    fn pool_lock(&self) -> &AtomicI32 {
        // SAFETY: as head_u32.
        unsafe { &*(self.at(0, 4) as *const AtomicI32) }
    }

    fn row(&self, idx: usize) -> usize {
        HEAD + idx * self.row_size
    }

    fn row_lock(&self, idx: usize) -> &AtomicI32 {
        // SAFETY: a row starts 8-aligned; its first word is the lock.
        unsafe { &*(self.at(self.row(idx), 4) as *const AtomicI32) }
    }

    fn next(&self, idx: usize) -> Option<usize> {
        // SAFETY: inside the row header (read under its bucket's lock).
        let n = unsafe { std::ptr::read(self.at(self.row(idx) + 4, 4) as *const u32) };
        (n != 0).then(|| n as usize - 1)
    }

    fn set_next(&self, idx: usize, next: u32) {
        // SAFETY: inside the row header (written under its bucket's lock).
        unsafe { std::ptr::write(self.at(self.row(idx) + 4, 4) as *mut u32, next) };
    }

    fn active(&self, idx: usize) -> bool {
        // SAFETY: inside the row header.
        unsafe { *self.at(self.row(idx) + 8, 1) != 0 }
    }

    fn set_active(&self, idx: usize, on: bool) {
        // SAFETY: inside the row header.
        unsafe { *self.at(self.row(idx) + 8, 1) = u8::from(on) };
    }

    fn key(&self, idx: usize) -> Vec<u8> {
        self.key_slice(idx).to_vec()
    }

    /// The row's key in place (read under its bucket's lock).
    fn key_slice(&self, idx: usize) -> &[u8] {
        // SAFETY: key_len (≤ 63) and the key bytes lie inside the row header;
        // the mapping outlives &self.
        unsafe {
            let n = usize::from(*self.at(self.row(idx) + 9, 1)).min(KEY_SIZE - 1);
            std::slice::from_raw_parts(self.at(self.row(idx) + 16, n), n)
        }
    }

    fn set_key(&self, idx: usize, key: &[u8]) {
        let n = key.len().min(KEY_SIZE - 1);
        // SAFETY: inside the row header; n < KEY_SIZE.
        unsafe {
            *self.at(self.row(idx) + 9, 1) = n as u8;
            std::ptr::copy_nonoverlapping(key.as_ptr(), self.at(self.row(idx) + 16, n), n);
        }
    }

    fn data(&self, idx: usize) -> *mut u8 {
        self.at(self.row(idx) + ROW_HEAD, self.item_size)
    }

    fn clear_data(&self, idx: usize) {
        // SAFETY: the row's data, item_size bytes.
        unsafe { std::ptr::write_bytes(self.data(idx), 0, self.item_size) };
    }

    fn read(&self, idx: usize, c: &Column) -> Value {
        // SAFETY: the column lies inside the row's data (offsets from relayout).
        unsafe {
            let p = self.data(idx).add(c.offset);
            match c.ty {
                ColType::Int => Value::Int(std::ptr::read_unaligned(p as *const i64)),
                ColType::Float => Value::Float(std::ptr::read_unaligned(p as *const f64)),
                ColType::Str(max) => {
                    let n = (std::ptr::read_unaligned(p as *const u32) as usize).min(max);
                    Value::Str(std::slice::from_raw_parts(p.add(4), n).to_vec())
                }
            }
        }
    }

    /// Writes `v` to column `c`; false when a string had to be cut.
    fn write(&self, idx: usize, c: &Column, v: &Value) -> bool {
        // SAFETY: the column lies inside the row's data.
        unsafe {
            let p = self.data(idx).add(c.offset);
            match (c.ty, v) {
                (ColType::Int, Value::Int(i)) => std::ptr::write_unaligned(p as *mut i64, *i),
                (ColType::Int, Value::Float(f)) => {
                    std::ptr::write_unaligned(p as *mut i64, *f as i64)
                }
                (ColType::Float, Value::Float(f)) => std::ptr::write_unaligned(p as *mut f64, *f),
                (ColType::Float, Value::Int(i)) => {
                    std::ptr::write_unaligned(p as *mut f64, *i as f64)
                }
                (ColType::Str(max), Value::Str(s)) => {
                    let n = s.len().min(max);
                    std::ptr::write_unaligned(p as *mut u32, n as u32);
                    std::ptr::copy_nonoverlapping(s.as_ptr(), p.add(4), n);
                    return n == s.len();
                }
                _ => {}
            }
        }
        true
    }

    fn bucket(&self, key: &[u8]) -> usize {
        (hash(key) as usize) & (self.size - 1)
    }

    /// Finds `key` in bucket `b`'s chain (its lock held).
    fn find(&self, b: usize, key: &[u8]) -> Option<usize> {
        if !self.active(b) {
            return None;
        }
        let mut i = Some(b);
        while let Some(idx) = i {
            if self.key_slice(idx) == key {
                return Some(idx);
            }
            i = self.next(idx);
        }
        None
    }

    fn alloc(&self) -> Option<usize> {
        lock(self.pool_lock());
        let head = self.head_u32(4).load(Relaxed);
        let got = (head != 0).then(|| head as usize - 1);
        if let Some(idx) = got {
            let n = self.next(idx).map_or(0, |n| n as u32 + 1);
            self.head_u32(4).store(n, Relaxed);
            self.head_u32(48).fetch_sub(1, Relaxed);
            self.set_next(idx, 0);
        }
        unlock(self.pool_lock());
        got
    }

    fn free(&self, idx: usize) {
        lock(self.pool_lock());
        let head = self.head_u32(4).load(Relaxed);
        self.set_active(idx, false);
        self.set_next(idx, head);
        self.head_u32(4).store(idx as u32 + 1, Relaxed);
        self.head_u32(48).fetch_add(1, Relaxed);
        unlock(self.pool_lock());
    }

    /// Runs `f` on `key`'s row, creating it (cleared) if `create`; `f` gets
    /// (row, is_new). Err(Full) when a new row has no room.
    fn with_row<R>(
        &self,
        key: &[u8],
        create: bool,
        f: impl FnOnce(usize, bool) -> R,
    ) -> Result<Option<R>, TableError> {
        if !self.ready() {
            return Err(TableError::NotCreated);
        }
        let key = &key[..key.len().min(KEY_SIZE - 1)];
        let b = self.bucket(key);
        lock(self.row_lock(b));
        let out = (|| {
            if let Some(idx) = self.find(b, key) {
                if create {
                    self.head_u64(24).fetch_add(1, Relaxed);
                }
                return Ok(Some(f(idx, false)));
            }
            if !create {
                return Ok(None);
            }
            let idx = if !self.active(b) {
                self.set_next(b, 0);
                b
            } else {
                let Some(idx) = self.alloc() else {
                    return Err(TableError::Full);
                };
                // Append at the chain's end.
                let mut last = b;
                let mut depth = 1u64;
                while let Some(n) = self.next(last) {
                    last = n;
                    depth += 1;
                }
                self.set_next(last, idx as u32 + 1);
                self.head_u64(40).fetch_add(1, Relaxed);
                self.head_u32(12).fetch_max(depth as u32, Relaxed);
                idx
            };
            self.set_key(idx, key);
            self.clear_data(idx);
            self.set_active(idx, true);
            self.head_u32(8).fetch_add(1, Relaxed);
            self.head_u64(16).fetch_add(1, Relaxed);
            Ok(Some(f(idx, true)))
        })();
        unlock(self.row_lock(b));
        out
    }

    /// `set()`: the given columns of `key`'s row (a new row starts with all
    /// columns cleared). Ok(names of strings that were cut).
    pub fn set(&self, key: &[u8], values: &[(usize, Value)]) -> Result<Vec<String>, TableError> {
        self.with_row(key, true, |idx, _| {
            let mut cut = Vec::new();
            for (c, v) in values {
                if let Some(col) = self.columns.get(*c) {
                    if !self.write(idx, col, v) {
                        cut.push(col.name.clone());
                    }
                }
            }
            cut
        })
        .map(Option::unwrap_or_default)
    }

    /// `get()`: every column of `key`'s row, in column order.
    pub fn get(&self, key: &[u8]) -> Option<Vec<Value>> {
        self.with_row(key, false, |idx, _| {
            self.columns.iter().map(|c| self.read(idx, c)).collect()
        })
        .ok()
        .flatten()
    }

    /// `get()` without copies: `f` sees each column of `key`'s row in order,
    /// read in place under the row's lock (strings borrowed from shared
    /// memory). False when there is no such row.
    pub fn get_each(&self, key: &[u8], mut f: impl FnMut(usize, ValueRef<'_>)) -> bool {
        self.with_row(key, false, |idx, _| {
            for (i, c) in self.columns.iter().enumerate() {
                f(i, self.read_ref(idx, c));
            }
        })
        .ok()
        .flatten()
        .is_some()
    }

    fn read_ref(&self, idx: usize, c: &Column) -> ValueRef<'_> {
        // SAFETY: the column lies inside the row's data (offsets from
        // relayout); a string's length is capped at its column's size.
        unsafe {
            let p = self.data(idx).add(c.offset);
            match c.ty {
                ColType::Int => ValueRef::Int(std::ptr::read_unaligned(p as *const i64)),
                ColType::Float => ValueRef::Float(std::ptr::read_unaligned(p as *const f64)),
                ColType::Str(max) => {
                    let n = (std::ptr::read_unaligned(p as *const u32) as usize).min(max);
                    ValueRef::Str(std::slice::from_raw_parts(p.add(4), n))
                }
            }
        }
    }

    /// `exists()`.
    pub fn exists(&self, key: &[u8]) -> bool {
        matches!(self.with_row(key, false, |_, _| ()), Ok(Some(())))
    }

    /// `incr()`/`decr()`: adds `by` to a numeric column (the row is made if
    /// missing); the new value.
    pub fn incr(&self, key: &[u8], col: usize, by: &Value) -> Result<Value, TableError> {
        // As Swoole's: the row is found (or made) before the column is checked.
        let c = self.columns.get(col).cloned();
        self.with_row(key, true, |idx, _| {
            let c = c.ok_or(TableError::NoColumn)?;
            if matches!(c.ty, ColType::Str(_)) {
                return Err(TableError::NotNumeric);
            }
            let v = match (self.read(idx, &c), by) {
                (Value::Int(a), Value::Int(b)) => Value::Int(a.wrapping_add(*b)),
                (Value::Int(a), Value::Float(b)) => Value::Int(a.wrapping_add(*b as i64)),
                (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
                (Value::Float(a), Value::Int(b)) => Value::Float(a + *b as f64),
                (v, _) => v,
            };
            self.write(idx, &c, &v);
            Ok(v)
        })?
        .ok_or(TableError::Full)?
    }

    /// `del()`: true when the key was there.
    pub fn del(&self, key: &[u8]) -> bool {
        if !self.ready() {
            return false;
        }
        let key = &key[..key.len().min(KEY_SIZE - 1)];
        let b = self.bucket(key);
        lock(self.row_lock(b));
        let found = self.find(b, key);
        if let Some(idx) = found {
            if idx == b {
                match self.next(b) {
                    // The bucket's first row takes over the next one's content.
                    Some(n) => {
                        let k = self.key(n);
                        self.set_key(b, &k);
                        // SAFETY: two distinct rows' data, item_size bytes each.
                        unsafe {
                            std::ptr::copy_nonoverlapping(
                                self.data(n),
                                self.data(b),
                                self.item_size,
                            )
                        };
                        let nn = self.next(n).map_or(0, |x| x as u32 + 1);
                        self.set_next(b, nn);
                        self.free(n);
                    }
                    None => self.set_active(b, false),
                }
            } else {
                let mut prev = b;
                while let Some(n) = self.next(prev) {
                    if n == idx {
                        break;
                    }
                    prev = n;
                }
                let after = self.next(idx).map_or(0, |x| x as u32 + 1);
                self.set_next(prev, after);
                self.free(idx);
            }
            self.head_u32(8).fetch_sub(1, Relaxed);
            self.head_u64(32).fetch_add(1, Relaxed);
        }
        unlock(self.row_lock(b));
        found.is_some()
    }

    /// Rows in use.
    pub fn count(&self) -> u64 {
        if self.ready() {
            u64::from(self.head_u32(8).load(Relaxed))
        } else {
            0
        }
    }

    /// The counters of `stats()`.
    pub fn stats(&self) -> Stats {
        if !self.ready() {
            return Stats::default();
        }
        Stats {
            num: self.count(),
            conflict_count: self.head_u64(40).load(Relaxed),
            conflict_max_level: u64::from(self.head_u32(12).load(Relaxed)),
            insert_count: self.head_u64(16).load(Relaxed),
            update_count: self.head_u64(24).load(Relaxed),
            delete_count: self.head_u64(32).load(Relaxed),
            available_slice_num: u64::from(self.head_u32(48).load(Relaxed)),
            total_slice_num: self.overflow as u64,
        }
    }

    /// The row at `cur` or the next one after it (moving `cur` there):
    /// (key, values); None at the end.
    pub fn row_at(&self, cur: &mut Cursor) -> Option<(Vec<u8>, Vec<Value>)> {
        if !self.ready() {
            return None;
        }
        while cur.bucket < self.size {
            let b = cur.bucket;
            lock(self.row_lock(b));
            let mut found = None;
            if self.active(b) {
                let mut i = Some(b);
                let mut d = 0;
                while let Some(idx) = i {
                    if d == cur.depth {
                        found = Some((
                            self.key(idx),
                            self.columns.iter().map(|c| self.read(idx, c)).collect(),
                        ));
                        break;
                    }
                    d += 1;
                    i = self.next(idx);
                }
            }
            unlock(self.row_lock(b));
            if found.is_some() {
                return found;
            }
            cur.bucket += 1;
            cur.depth = 0;
        }
        None
    }

    /// Moves `cur` past its row.
    pub fn advance(cur: &mut Cursor) {
        cur.depth += 1;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn table(size: i64) -> Table {
        let mut t = Table::new(size, 0.2);
        t.add_column("id", ColType::Int);
        t.add_column("score", ColType::Float);
        t.add_column("name", ColType::Str(8));
        t.create().unwrap();
        t
    }

    #[test]
    fn set_get_update_incr_del() {
        let t = table(100);
        assert_eq!(t.size(), 128);
        assert_eq!(
            t.set(
                b"a",
                &[(0, Value::Int(7)), (2, Value::Str(b"alice".to_vec()))]
            )
            .unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            t.get(b"a").unwrap(),
            vec![
                Value::Int(7),
                Value::Float(0.0),
                Value::Str(b"alice".to_vec())
            ]
        );
        // An update changes only the columns given; a long string is cut.
        assert_eq!(
            t.set(b"a", &[(2, Value::Str(b"too long name".to_vec()))])
                .unwrap(),
            vec!["name".to_string()]
        );
        assert_eq!(t.get(b"a").unwrap()[2], Value::Str(b"too long".to_vec()));
        assert_eq!(t.incr(b"a", 0, &Value::Int(5)).unwrap(), Value::Int(12));
        assert_eq!(
            t.incr(b"new", 1, &Value::Float(1.5)).unwrap(),
            Value::Float(1.5)
        );
        assert_eq!(t.incr(b"a", 2, &Value::Int(1)), Err(TableError::NotNumeric));
        assert_eq!(t.count(), 2);
        assert!(t.del(b"a"));
        assert!(!t.del(b"a"));
        assert!(!t.exists(b"a"));
        assert_eq!(t.count(), 1);
        let s = t.stats();
        // Updates count incr calls on an existing row, even a refused one (as Swoole).
        assert_eq!((s.insert_count, s.update_count, s.delete_count), (2, 3, 1));
    }

    #[test]
    fn fills_up_then_frees_and_iterates_everything() {
        let t = table(64);
        let cap = 64 + 12;
        let mut stored = 0;
        for i in 0..200 {
            if t.set(format!("key{i}").as_bytes(), &[(0, Value::Int(i))])
                .is_ok()
            {
                stored += 1;
            }
        }
        // Never more rows than buckets + overflow; a full table refuses.
        assert!(stored <= cap && stored >= 64, "stored {stored}");
        assert_eq!(t.count(), stored as u64);
        let mut cur = Cursor::default();
        let mut seen = 0;
        while let Some((k, v)) = t.row_at(&mut cur) {
            let i: i64 = std::str::from_utf8(&k[3..]).unwrap().parse().unwrap();
            assert_eq!(v[0], Value::Int(i));
            seen += 1;
            Table::advance(&mut cur);
        }
        assert_eq!(seen, stored);
        for i in 0..200 {
            t.del(format!("key{i}").as_bytes());
        }
        assert_eq!(t.count(), 0);
        assert_eq!(t.stats().available_slice_num, 12);
        // Keys are cut at 63 bytes, as Swoole's.
        let long = [b'k'; 100];
        t.set(&long, &[(0, Value::Int(1))]).unwrap();
        assert!(t.exists(&long[..63]));
    }

    #[test]
    #[allow(unsafe_code)]
    fn shared_across_fork_and_survives_a_dead_lock_holder() {
        let t = table(64);
        // SAFETY: fork in a test; the child only touches the table and _exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            for i in 0..1000 {
                t.incr(b"n", 0, &Value::Int(1)).unwrap();
                let _ = i;
            }
            // Die holding the lock of key "stuck"'s bucket.
            let b = t.bucket(b"stuck");
            lock(t.row_lock(b));
            // SAFETY: leave the forked test process at once.
            unsafe { libc::_exit(0) };
        }
        for _ in 0..1000 {
            t.incr(b"n", 0, &Value::Int(1)).unwrap();
        }
        let mut st = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut st, 0) };
        assert_eq!(t.get(b"n").unwrap()[0], Value::Int(2000));
        // The dead holder's lock is taken over.
        t.set(b"stuck", &[(0, Value::Int(3))]).unwrap();
        assert_eq!(t.get(b"stuck").unwrap()[0], Value::Int(3));
    }
}

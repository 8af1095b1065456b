//! `Swoole\Table`: the PHP face of `rt::table` (rows in memory shared with
//! the processes forked after `create()`), with Swoole's warnings and
//! return values; iterable (`Iterator`) and `Countable`.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool, ret_long};
use super::error::{throw_error, warn_docref, E_WARNING};
use super::object::{this, this_obj, Native};
use super::value::zval_long;
use crate::rt::table::{ColType, Cursor, Table, TableError, Value, ValueRef, KEY_SIZE};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Table`, set at MINIT.
pub static TABLE_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// `Table::TYPE_*`.
pub const TYPE_INT: i64 = 1;
/// A float column.
pub const TYPE_FLOAT: i64 = 2;
/// A string column.
pub const TYPE_STRING: i64 = 3;

/// Rust side of a Table.
#[derive(Default)]
pub struct TableObj {
    t: RefCell<Option<Table>>,
    cur: Cell<Cursor>,
}

impl Native for TableObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

fn set_prop(ex: &ExecuteData, name: &std::ffi::CStr, v: Zval) {
    super::object::update_prop(&TABLE_CE, this_obj(ex), name, v);
}

/// The table of `$this`, constructed (else Swoole's error).
fn table_of(ex: &ExecuteData) -> Option<&'static TableObj> {
    let o = this::<TableObj>(ex)?;
    if o.t.borrow().is_none() {
        throw_error("must call constructor first");
        return None;
    }
    Some(o)
}

/// The table of `$this`, created (else Swoole's fatal error, as an Error).
fn ready_of(ex: &ExecuteData) -> Option<&'static TableObj> {
    let o = table_of(ex)?;
    if !o.t.borrow().as_ref().is_some_and(Table::ready) {
        throw_error("table is not created or has been destroyed");
        return None;
    }
    Some(o)
}

fn value_zval(v: Value) -> Zval {
    let mut z = Zval::new();
    match v {
        Value::Int(i) => z.set_long(i),
        Value::Float(f) => z.set_double(f),
        Value::Str(s) => z.set_binary(s),
    }
    z
}

fn value_ref_zval(v: ValueRef<'_>) -> Zval {
    let mut z = Zval::new();
    match v {
        ValueRef::Int(i) => z.set_long(i),
        ValueRef::Float(f) => z.set_double(f),
        ValueRef::Str(s) => return super::zarray::str_zval(s),
    }
    z
}

fn row_array(t: &Table, vals: Vec<Value>) -> Zval {
    let mut ht = ZendHashTable::new();
    for (c, v) in t.columns().iter().zip(vals) {
        let _ = ht.insert(c.name.as_str(), value_zval(v));
    }
    let mut z = Zval::new();
    z.set_hashtable(ht);
    z
}

/// The `$key` argument, borrowed from the call frame without a copy (a
/// non-string converted on the fly is owned).
fn key_arg<'a>(ex: &mut ExecuteData, f: &str) -> Option<std::borrow::Cow<'a, [u8]>> {
    Some(match args::string(ex, 0, f, "key").ok()? {
        std::borrow::Cow::Borrowed(b) => {
            let key: *const [u8] = b;
            // SAFETY: the key points into the argument zval's string, which
            // the caller's frame keeps alive until this internal function
            // returns; nothing here writes to the arguments.
            std::borrow::Cow::Borrowed(unsafe { &*key })
        }
        std::borrow::Cow::Owned(v) => std::borrow::Cow::Owned(v),
    })
}

handler!(
    /// `__construct(int $table_size, float $conflict_proportion = 0.2)`.
    construct(ex, _rv) {
        let f = "Swoole\\Table::__construct";
        let Ok(size) = args::long(ex, 0, f, "table_size", None) else { return };
        let Ok(conflict) = args::double(ex, 1, f, "conflict_proportion", Some(0.2)) else { return };
        let Some(o) = this::<TableObj>(ex) else { return };
        if o.t.borrow().is_some() {
            throw_error("Constructor of Swoole\\Table can only be called once");
            return;
        }
        *o.t.borrow_mut() = Some(Table::new(size, conflict));
    }
);

handler!(
    /// `column(string $name, int $type, int $size = 0): bool`.
    column(ex, rv) {
        let f = "Swoole\\Table::column";
        let Ok(name) = args::string(ex, 0, f, "name").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(ty) = args::long(ex, 1, f, "type", None) else { return };
        let Ok(size) = args::long(ex, 2, f, "size", Some(0)) else { return };
        let Some(o) = table_of(ex) else { return };
        let ty = match ty {
            TYPE_STRING => {
                if size < 1 {
                    warn_docref(E_WARNING, "the length of string type values has to be more than zero");
                    ret_bool(rv, false);
                    return;
                }
                // Swoole rounds a string column up to 8 bytes.
                ColType::Str((size as usize).div_ceil(8) * 8)
            }
            TYPE_FLOAT => ColType::Float,
            _ => ColType::Int,
        };
        let mut t = o.t.borrow_mut();
        let Some(t) = t.as_mut() else { return };
        if t.ready() {
            warn_docref(E_WARNING, "unable to add column after table has been created");
            ret_bool(rv, false);
            return;
        }
        ret_bool(rv, t.add_column(&name, ty));
    }
);

handler!(
    /// `create(): bool` — the rows, shared with processes forked after it.
    create(ex, rv) {
        let Some(o) = table_of(ex) else { return };
        let made = o.t.borrow_mut().as_mut().map(Table::create);
        match made {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                throw_error(&format!("unable to allocate memory: {e}"));
                return;
            }
            None => return,
        }
        let (size, mem) = o.t.borrow().as_ref().map_or((0, 0), |t| (t.size(), t.memory_size()));
        set_prop(ex, c"size", zval_long(size as i64));
        set_prop(ex, c"memorySize", zval_long(mem as i64));
        ret_bool(rv, true);
    }
);

handler!(
    /// `destroy(): bool`.
    destroy(ex, rv) {
        let Some(o) = ready_of(ex) else { return };
        // As Swoole: gone for every process; this object is as if never
        // constructed afterwards.
        if let Some(mut t) = o.t.borrow_mut().take() {
            t.destroy();
        }
        ret_bool(rv, true);
    }
);

/// The value of column `c` of kind `ty` from a PHP value (Swoole's
/// conversions: `zval_get_long`/`_double`/`_string`).
fn to_value(ty: ColType, z: &Zval) -> Value {
    match ty {
        ColType::Int => Value::Int(
            z.long()
                .or_else(|| z.double().map(|f| f as i64))
                .or_else(|| z.bool().map(i64::from))
                .or_else(|| z.str().and_then(|s| s.trim().parse().ok()))
                .unwrap_or(0),
        ),
        ColType::Float => Value::Float(
            z.double()
                .or_else(|| z.long().map(|i| i as f64))
                .or_else(|| z.bool().map(|b| f64::from(u8::from(b))))
                .or_else(|| z.str().and_then(|s| s.trim().parse().ok()))
                .unwrap_or(0.0),
        ),
        ColType::Str(_) => Value::Str(
            z.binary::<u8>()
                .or_else(|| z.coerce_to_string().map(String::into_bytes))
                .unwrap_or_default(),
        ),
    }
}

handler!(
    /// `set(string $key, array $value): bool` — a new row takes the given
    /// columns (others cleared); an existing one changes only those given.
    set(ex, rv) {
        let f = "Swoole\\Table::set";
        if args::need(ex, 2, f).is_err() { return; }
        let Some(key) = key_arg(ex, f) else { return };
        let Some(arr) = args::get(ex, 1).and_then(|z| z.array()).map(|a| a as *const ZendHashTable) else {
            super::error::throw_type_error(&format!("{}(): Argument #2 ($value) must be of type array", args::name_of(ex, f)));
            return;
        };
        // SAFETY: the argument's array lives until this call returns and
        // nothing below writes to it (read in place, not copied per call).
        let arr = unsafe { &*arr };
        let Some(o) = ready_of(ex) else { return };
        let t = o.t.borrow();
        let Some(t) = t.as_ref() else { return };
        if key.len() >= KEY_SIZE {
            warn_docref(E_WARNING, &format!("key[{}] is too long", String::from_utf8_lossy(&key)));
        }
        let mut values = Vec::new();
        for (i, c) in t.columns().iter().enumerate() {
            if let Some(z) = arr.get(c.name.as_str()).filter(|z| !z.is_null()) {
                values.push((i, to_value(c.ty, z)));
            }
        }
        match t.set(&key, &values) {
            Ok(cut) => {
                for c in cut {
                    eprintln!("corust: WARNING Table: [key={},field={c}]string value is too long", String::from_utf8_lossy(&key));
                }
                ret_bool(rv, true);
            }
            Err(_) => {
                warn_docref(E_WARNING, &format!("failed to set('{}'), unable to allocate memory", String::from_utf8_lossy(&key)));
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `get(string $key, ?string $field = null): array|false|string|float|int`.
    get(ex, rv) {
        let f = "Swoole\\Table::get";
        let Some(key) = key_arg(ex, f) else { return };
        let field = args::get(ex, 1).filter(|z| !z.is_null()).and_then(|z| z.coerce_to_string());
        let Some(o) = ready_of(ex) else { return };
        let t = o.t.borrow();
        let Some(t) = t.as_ref() else { return };
        // Values go from the shared row straight into zvals (no copies in between).
        let found = match field {
            Some(name) => match t.column(&name) {
                Some(want) => t.get_each(&key, |i, v| {
                    if i == want {
                        *rv = value_ref_zval(v);
                    }
                }),
                // Swoole's get() of a field that is no column: false, silently.
                None => false,
            },
            None => {
                let cols = t.columns();
                let mut ht = ZendHashTable::with_capacity(cols.len() as u32);
                let found = t.get_each(&key, |i, v| {
                    let _ = ht.insert(cols[i].name.as_str(), value_ref_zval(v));
                });
                if found {
                    rv.set_hashtable(ht);
                }
                found
            }
        };
        if !found {
            ret_bool(rv, false);
        }
    }
);

handler!(
    /// `exists(string $key): bool`.
    exists(ex, rv) {
        let Some(key) = key_arg(ex, "Swoole\\Table::exists") else { return };
        let Some(o) = ready_of(ex) else { return };
        ret_bool(rv, o.t.borrow().as_ref().is_some_and(|t| t.exists(&key)));
    }
);

handler!(
    /// `del(string $key): bool`.
    del(ex, rv) {
        let Some(key) = key_arg(ex, "Swoole\\Table::del") else { return };
        let Some(o) = ready_of(ex) else { return };
        ret_bool(rv, o.t.borrow().as_ref().is_some_and(|t| t.del(&key)));
    }
);

fn incr_by(ex: &mut ExecuteData, rv: &mut Zval, f: &str, sign: i64) {
    if args::need(ex, 2, f).is_err() {
        return;
    }
    let Some(key) = key_arg(ex, f) else { return };
    let Ok(col) =
        args::string(ex, 1, f, "column").map(|c| String::from_utf8_lossy(&c).into_owned())
    else {
        return;
    };
    let by = match args::get(ex, 2) {
        None => Value::Int(sign),
        Some(z) => match z.double() {
            Some(d) => Value::Float(d * sign as f64),
            None => Value::Int(to_value(ColType::Int, z).as_int().wrapping_mul(sign)),
        },
    };
    let Some(o) = ready_of(ex) else { return };
    let t = o.t.borrow();
    let Some(t) = t.as_ref() else { return };
    let what = if sign > 0 { "incr" } else { "decr" };
    let Some(c) = t.column(&col) else {
        warn_docref(E_WARNING, &format!("column[{col}] does not exist"));
        ret_bool(rv, false);
        return;
    };
    match t.incr(&key, c, &by) {
        Ok(v) => *rv = value_zval(v),
        Err(TableError::NotNumeric) => {
            warn_docref(
                E_WARNING,
                &format!("can't execute '{what}' on a string type column"),
            );
            ret_bool(rv, false);
        }
        Err(_) => {
            warn_docref(E_WARNING, "unable to allocate memory");
            ret_bool(rv, false);
        }
    }
}

trait AsInt {
    fn as_int(&self) -> i64;
}

impl AsInt for Value {
    fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Float(f) => *f as i64,
            Value::Str(_) => 0,
        }
    }
}

handler!(
    /// `incr(string $key, string $column, int|float $incrby = 1): float|int`.
    incr(ex, rv) {
        incr_by(ex, rv, "Swoole\\Table::incr", 1);
    }
);

handler!(
    /// `decr(string $key, string $column, int|float $incrby = 1): float|int`.
    decr(ex, rv) {
        incr_by(ex, rv, "Swoole\\Table::decr", -1);
    }
);

handler!(
    /// `count(): int` (`COUNT_RECURSIVE`: rows × columns, as Swoole's).
    count(ex, rv) {
        let mode = args::get(ex, 0).and_then(|z| z.long()).unwrap_or(0);
        let n = this::<TableObj>(ex).and_then(|o| o.t.borrow().as_ref().map(|t| (t.count(), t.columns().len() as u64))).unwrap_or((0, 0));
        ret_long(rv, if mode == 1 { (n.0 * n.1) as i64 } else { n.0 as i64 });
    }
);

handler!(
    /// `getSize(): int`.
    get_size(ex, rv) {
        let n = this::<TableObj>(ex).and_then(|o| o.t.borrow().as_ref().map(Table::size)).unwrap_or(0);
        ret_long(rv, n as i64);
    }
);

handler!(
    /// `getMemorySize(): int`.
    get_memory_size(ex, rv) {
        let n = this::<TableObj>(ex).and_then(|o| o.t.borrow().as_ref().map(Table::memory_size)).unwrap_or(0);
        ret_long(rv, n as i64);
    }
);

handler!(
    /// `stats(): false|array`.
    stats(ex, rv) {
        let Some(s) = this::<TableObj>(ex).and_then(|o| o.t.borrow().as_ref().map(Table::stats)) else { ret_bool(rv, false); return };
        let mut ht = ZendHashTable::new();
        for (k, v) in [
            ("num", s.num),
            ("conflict_count", s.conflict_count),
            ("conflict_max_level", s.conflict_max_level),
            ("insert_count", s.insert_count),
            ("update_count", s.update_count),
            ("delete_count", s.delete_count),
            ("available_slice_num", s.available_slice_num),
            ("total_slice_num", s.total_slice_num),
        ] {
            let _ = ht.insert(k, v as i64);
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `rewind(): void`.
    rewind(ex, _rv) {
        let Some(o) = ready_of(ex) else { return };
        o.cur.set(Cursor::default());
    }
);

handler!(
    /// `next(): void`.
    next(ex, _rv) {
        let Some(o) = ready_of(ex) else { return };
        let mut c = o.cur.get();
        if let Some(t) = o.t.borrow().as_ref() {
            // Settle on the current row first, then step past it.
            let _ = t.row_at(&mut c);
        }
        Table::advance(&mut c);
        o.cur.set(c);
    }
);

fn current_row(o: &TableObj) -> Option<(Vec<u8>, Zval)> {
    let t = o.t.borrow();
    let t = t.as_ref()?;
    let mut c = o.cur.get();
    let (k, vals) = t.row_at(&mut c)?;
    o.cur.set(c);
    Some((k, row_array(t, vals)))
}

handler!(
    /// `valid(): bool`.
    valid(ex, rv) {
        let Some(o) = ready_of(ex) else { return };
        ret_bool(rv, current_row(o).is_some());
    }
);

handler!(
    /// `current(): mixed` — the row as an array (null at the end).
    current(ex, rv) {
        let Some(o) = ready_of(ex) else { return };
        if let Some((_, row)) = current_row(o) {
            *rv = row;
        }
    }
);

handler!(
    /// `key(): mixed` — the row's key (null at the end).
    key(ex, rv) {
        let Some(o) = ready_of(ex) else { return };
        if let Some((k, _)) = current_row(o) {
            rv.set_binary(k);
        }
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("column", column),
    ("create", create),
    ("set", set),
    ("get", get),
    ("del", del),
    ("delete", del),
    ("exists", exists),
    ("exist", exists),
    ("incr", incr),
    ("decr", decr),
    ("count", count),
    ("destroy", destroy),
    ("getSize", get_size),
    ("getMemorySize", get_memory_size),
    ("stats", stats),
    ("rewind", rewind),
    ("next", next),
    ("current", current),
    ("key", key),
    ("valid", valid),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $table_size, float $conflict_proportion = 0.2)",
    "column(string $name, int $type, int $size = 0): bool",
    "create(): bool",
    "set(string $key, array $value): bool",
    "get(string $key, ?string $field = null): array|false|string|float|int",
    "del(string $key): bool",
    "delete(string $key): bool",
    "exists(string $key): bool",
    "exist(string $key): bool",
    "incr(string $key, string $column, int|float $incrby = 1): float|int",
    "decr(string $key, string $column, int|float $incrby = 1): float|int",
    "count(): int",
    "destroy(): bool",
    "getSize(): int",
    "getMemorySize(): int",
    "stats(): false|array",
    "rewind(): void",
    "next(): void",
    "current(): mixed",
    "key(): mixed",
    "valid(): bool",
];

/// The class (`Corust\Table`; `Swoole\Table` at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::DataType;
    use ext_php_rs::flags::{ConstantFlags, MethodFlags};
    let mut cb = ClassBuilder::new("Corust\\Table")
        .flags(ext_php_rs::flags::ClassFlags::Final)
        .implements((ext_php_rs::zend::ce::iterator, "Iterator"))
        .implements((ext_php_rs::zend::ce::countable, "Countable"));
    for (n, h) in METHODS {
        // The interfaces' methods need their return types at registration.
        let fb = match *n {
            "rewind" | "next" => FunctionBuilder::new(*n, *h).returns(DataType::Void, false, false),
            "valid" => FunctionBuilder::new(*n, *h).returns(DataType::Bool, false, false),
            "count" => FunctionBuilder::new(*n, *h).returns(DataType::Long, false, false),
            "current" | "key" => FunctionBuilder::new(*n, *h).returns(DataType::Mixed, false, true),
            _ => FunctionBuilder::new(*n, *h),
        };
        cb = cb.method(fb, MethodFlags::Public);
    }
    for (name, v) in [
        ("TYPE_INT", TYPE_INT),
        ("TYPE_STRING", TYPE_STRING),
        ("TYPE_FLOAT", TYPE_FLOAT),
    ] {
        cb = match cb.constant(name, v, &[], ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Table"),
        };
    }
    for p in ["size", "memorySize"] {
        cb = cb.property(super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        TABLE_CE.store(c, Ordering::Relaxed);
        super::classes::native::<TableObj>(c, a);
    })
}

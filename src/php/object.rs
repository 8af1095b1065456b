//! PHP objects that carry Rust data (`Corust\Channel`, `WaitGroup`, `Barrier`).
//!
//! Owns: the memory layout `NativeObject<T> { data: T, std: zend_object }` (the
//! zend_object last, because declared properties trail it), the per-class
//! handler tables (offset, free, no clone), and the conversion from `$this`.
//! Subclasses written in PHP inherit `create_object`, so `class MyChannel
//! extends Corust\Channel` works.

use std::mem::{offset_of, ManuallyDrop};
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::{
    _emalloc, object_properties_init, std_object_handlers, zend_class_entry, zend_object,
    zend_object_handlers, zend_object_std_dtor, zend_object_std_init, zval,
};
use ext_php_rs::zend::ExecuteData;

/// `ZEND_ACC_USE_GUARDS`.
const ACC_USE_GUARDS: u32 = 1 << 11;

/// Rust data embedded in a PHP object.
pub trait Native: Default + 'static {
    /// The handler table of this class (set up at MINIT).
    fn handlers() -> &'static AtomicPtr<zend_object_handlers>;
    /// Called by `dtor_obj` (when the last reference goes), before free.
    fn on_destroy(&self) {}
}

/// The allocation behind each such object.
#[repr(C)]
pub struct NativeObject<T> {
    /// The Rust data.
    pub data: ManuallyDrop<T>,
    /// The engine's object header; must stay last.
    pub std: zend_object,
}

/// `create_object` handler for `T`'s class (and subclasses).
///
/// # Safety
/// Called by the engine with a class entry whose `create_object` is this.
pub unsafe extern "C" fn create<T: Native>(ce: *mut zend_class_entry) -> *mut zend_object {
    // SAFETY: we allocate header + data + the class's declared property slots
    // (zend_object_properties_size), initialise them as the engine does for
    // its own objects, and install T's handler table.
    unsafe {
        let mut props = (*ce).default_properties_count as usize;
        // zend_object already ends in one slot (unless guards need it).
        if (*ce).ce_flags & ACC_USE_GUARDS == 0 && props > 0 {
            props -= 1;
        }
        let size = std::mem::size_of::<NativeObject<T>>() + props * std::mem::size_of::<zval>();
        let p = _emalloc(size) as *mut NativeObject<T>;
        ptr::write(&raw mut (*p).data, ManuallyDrop::new(T::default()));
        let obj = &raw mut (*p).std;
        zend_object_std_init(obj, ce);
        object_properties_init(obj, ce);
        (*obj).handlers = T::handlers().load(Ordering::Relaxed);
        obj
    }
}

unsafe extern "C" fn free<T: Native>(obj: *mut zend_object) {
    // SAFETY: obj was made by create::<T>; the engine calls free once, then
    // efree()s the block at `obj - offset`. A panic in T's drop is fenced
    // (logged); the engine's part of the object is freed either way.
    unsafe {
        let p = from_obj::<T>(obj);
        super::fence::quiet("object free", (), || ManuallyDrop::drop(&mut (*p).data));
        zend_object_std_dtor(obj);
    }
}

unsafe extern "C" fn destroy<T: Native>(obj: *mut zend_object) {
    // SAFETY: obj was made by create::<T> and is still alive (dtor runs before free).
    unsafe {
        let data = &(*from_obj::<T>(obj)).data;
        super::fence::quiet("object destructor", (), || data.on_destroy());
        if let Some(std_dtor) = std_object_handlers.dtor_obj {
            std_dtor(obj);
        }
    }
}

/// The engine object around `data`, which must be the data of a
/// `NativeObject<T>` (every `T` handed out by `from_obj`/`this` is).
pub fn obj_of<T: Native>(data: &T) -> *mut zend_object {
    // SAFETY: `data` sits at the start of its `NativeObject<T>` (repr(C),
    // `ManuallyDrop<T>` first); the header is `offset_of!(.., std)` after it.
    unsafe {
        (data as *const T as *const u8)
            .add(offset_of!(NativeObject<T>, std))
            .cast_mut()
            .cast()
    }
}

/// Builds T's handler table (at MINIT): the standard handlers plus our offset,
/// free and destroy, and no cloning.
pub fn install_handlers<T: Native>() {
    // SAFETY: copying the engine's immutable standard table at MINIT.
    let mut h: zend_object_handlers = unsafe { ptr::read(&raw const std_object_handlers) };
    h.offset = offset_of!(NativeObject<T>, std) as i32;
    h.free_obj = Some(free::<T>);
    h.dtor_obj = Some(destroy::<T>);
    h.clone_obj = None;
    T::handlers().store(Box::leak(Box::new(h)), Ordering::Relaxed);
}

/// The NativeObject around an engine object of T's class.
///
/// # Safety
/// `obj` must have been created by `create::<T>`.
pub unsafe fn from_obj<T: Native>(obj: *mut zend_object) -> *mut NativeObject<T> {
    // SAFETY: the std header sits at a fixed offset inside NativeObject<T>.
    unsafe { (obj as *mut u8).sub(offset_of!(NativeObject<T>, std)) as *mut NativeObject<T> }
}

/// The data of `$this` in a method of T's class, if `$this` is one of ours.
pub fn this<T: Native>(ex: &ExecuteData) -> Option<&'static T> {
    native_of(&ex.This)
}

/// The data of the object in `z`, if it is one of T's class.
pub fn native_of<T: Native>(z: &ext_php_rs::types::Zval) -> Option<&'static T> {
    // SAFETY: a zval of type IS_OBJECT holds an object pointer; we check
    // that its handler table is T's before casting.
    unsafe {
        // IS_OBJECT = 8 (low byte of type_info).
        if z.u1.type_info & 0xff != 8 {
            return None;
        }
        let obj = z.value.obj;
        if obj.is_null() || !ptr::eq((*obj).handlers, T::handlers().load(Ordering::Relaxed)) {
            return None;
        }
        Some(&(*from_obj::<T>(obj)).data)
    }
}

/// `$this` as an engine object pointer.
pub fn this_obj(ex: &ExecuteData) -> *mut zend_object {
    // SAFETY: reading the object pointer of `This` (callers checked it via `this`).
    unsafe { ex.This.value.obj }
}

/// Slot `n` of the declared properties of `obj` (OBJ_PROP_NUM).
///
/// # Safety
/// `obj` must be live and have more than `n` declared properties.
pub unsafe fn prop_slot(obj: *mut zend_object, n: usize) -> *mut zval {
    // SAFETY: properties_table trails the object with one zval per declared property.
    unsafe { (&raw mut (*obj).properties_table).cast::<zval>().add(n) }
}

/// Writes declared property `name` of `obj`, an object of the class `ce`
/// holds (nothing before that class is registered), through the engine's
/// property write (visibility checked against that class).
pub fn update_prop(
    ce: &AtomicPtr<ext_php_rs::zend::ClassEntry>,
    obj: *mut zend_object,
    name: &std::ffi::CStr,
    mut v: ext_php_rs::types::Zval,
) {
    let ce = ce.load(Ordering::Relaxed);
    if ce.is_null() || obj.is_null() {
        return;
    }
    // SAFETY: `obj` is a live object of `ce`'s class (the callers pass their
    // own objects) and `name` a property that class declares.
    unsafe {
        super::sys::zend::zend_update_property(
            ce.cast(),
            obj,
            name.as_ptr(),
            name.count_bytes(),
            &mut v,
        );
    }
}

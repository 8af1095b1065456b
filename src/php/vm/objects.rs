//! The engine's object store (`EG(objects_store)`) and resource list, read
//! for Swoole's introspection helpers (`swoole_get_objects`,
//! `swoole_get_object_by_handle`, `swoole_get_vm_status`).

use ext_php_rs::ffi::{zend_array_count, zend_object};

/// `OBJ_BUCKET_INVALID`: a free slot of the store holds a tagged pointer.
const BUCKET_INVALID: usize = 1;

/// The live object in store slot `i`, as Swoole counts them (a valid
/// pointer with handlers that can name its class).
fn slot(i: u32) -> Option<*mut zend_object> {
    // SAFETY: EG(objects_store) is the engine's; `i` is below its top, so
    // the bucket exists; a valid bucket is a live object.
    unsafe {
        let store = &(*super::eg()).objects_store;
        if i >= store.top || store.object_buckets.is_null() {
            return None;
        }
        let obj = *store.object_buckets.add(i as usize);
        let valid = !obj.is_null()
            && (obj as usize) & BUCKET_INVALID == 0
            && !(*obj).handlers.is_null()
            && (*(*obj).handlers).get_class_name.is_some();
        valid.then_some(obj)
    }
}

fn top() -> u32 {
    // SAFETY: reading one field of the executor globals.
    unsafe { (*super::eg()).objects_store.top }
}

/// Every live object, in handle order.
pub fn live() -> Vec<*mut zend_object> {
    (0..top()).filter_map(slot).collect()
}

/// The live object with handle `handle`.
pub fn by_handle(handle: i64) -> Option<*mut zend_object> {
    u32::try_from(handle).ok().and_then(slot)
}

/// (live objects, resources) now.
pub fn vm_status() -> (usize, usize) {
    // SAFETY: counting the engine's resource list, a live HashTable.
    let resources = unsafe { zend_array_count(&raw mut (*super::eg()).regular_list) };
    (live().len(), resources as usize)
}

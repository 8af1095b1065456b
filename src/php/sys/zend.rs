//! Zend and main/ functions ext-php-rs does not bind. Each matches its
//! PHP 8.2 prototype (Zend/zend_API.h, Zend/zend_builtin_functions.h,
//! Zend/zend_list.h, Zend/zend_exceptions.h, Zend/zend_compile.h,
//! Zend/zend_map_ptr.h, main/php.h), quoted in its doc line.

use std::os::raw::{c_char, c_int};

use ext_php_rs::ffi::{
    zend_class_entry, zend_function, zend_object, zend_resource, zend_string, zval,
};

unsafe extern "C" {
    /// `PHPAPI void php_register_variable_ex(const char *var, zval *val,
    /// zval *track_vars_array)` (main/php_variables.h): files `val` (taken
    /// over) under the name `var`, parsed as PHP parses `$_POST` names.
    pub fn php_register_variable_ex(
        var: *const c_char,
        val: *mut zval,
        track_vars_array: *mut zval,
    );
    /// `extern ZEND_API HashTable module_registry` (Zend/zend_API.h): the
    /// loaded modules by lower-case name.
    pub static mut module_registry: ext_php_rs::ffi::HashTable;
    /// `extern PHPAPI zend_class_entry *spl_ce_BadMethodCallException` (ext/spl/spl_exceptions.h).
    pub static mut spl_ce_BadMethodCallException: *mut zend_class_entry;
    /// `extern PHPAPI zend_class_entry *spl_ce_InvalidArgumentException` (ext/spl/spl_exceptions.h).
    pub static mut spl_ce_InvalidArgumentException: *mut zend_class_entry;
    /// `ZEND_API const char *zend_get_executed_filename(void)` (Zend/zend_execute.h).
    pub fn zend_get_executed_filename() -> *const c_char;
    /// `zend_result object_init_ex(zval *arg, zend_class_entry *class_type)`.
    pub fn object_init_ex(arg: *mut zval, class_type: *mut zend_class_entry) -> c_int;
    /// `void zend_update_property(zend_class_entry *scope, zend_object *object,
    /// const char *name, size_t name_length, zval *value)`.
    pub fn zend_update_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut zval,
    );
    /// `zend_class_entry *zend_get_exception_base(zend_object *object)`.
    pub fn zend_get_exception_base(object: *mut zend_object) -> *mut zend_class_entry;
    /// `void zend_exception_set_previous(zend_object *exception, zend_object *add_previous)`.
    pub fn zend_exception_set_previous(exception: *mut zend_object, add_previous: *mut zend_object);
    /// `zend_result zend_eval_stringl(const char *str, size_t str_len, zval *retval_ptr,
    /// const char *string_name)`.
    pub fn zend_eval_stringl(
        str_: *const c_char,
        str_len: usize,
        retval_ptr: *mut zval,
        string_name: *const c_char,
    ) -> c_int;
    /// `ZEND_API zend_ulong ZEND_FASTCALL zend_hash_func(const char *str, size_t len)`
    /// (Zend/zend_string.h; FASTCALL is the plain ABI on x86-64).
    pub fn zend_hash_func(str_: *const c_char, len: usize) -> u64;
    /// `zend_result zend_list_close(zend_resource *res)`.
    pub fn zend_list_close(res: *mut zend_resource) -> c_int;
    /// `const char *zend_rsrc_list_get_rsrc_type(zend_resource *res)`.
    pub fn zend_rsrc_list_get_rsrc_type(res: *mut zend_resource) -> *const c_char;
    /// `zval *zend_get_constant_str(const char *name, size_t name_len)`.
    pub fn zend_get_constant_str(name: *const c_char, name_len: usize) -> *mut zval;
    /// `zend_string *zend_trace_to_string(HashTable *trace, bool include_main)`.
    pub fn zend_trace_to_string(
        trace: *mut ext_php_rs::ffi::HashTable,
        include_main: bool,
    ) -> *mut ext_php_rs::ffi::zend_string;
    /// `void zend_fetch_debug_backtrace(zval *return_value, int skip_last, int options, int limit)`.
    pub fn zend_fetch_debug_backtrace(
        return_value: *mut zval,
        skip_last: c_int,
        options: c_int,
        limit: c_int,
    );
    /// `void php_error_docref(const char *docref, int type, const char *format, ...)`.
    pub fn php_error_docref(docref: *const c_char, ty: c_int, format: *const c_char, ...);
    /// `void zend_set_function_arg_flags(zend_function *func)` (Zend/zend_compile.h).
    pub fn zend_set_function_arg_flags(func: *mut zend_function);
    /// `void zend_alloc_ce_cache(zend_string *type_name)` (Zend/zend_map_ptr.h).
    pub fn zend_alloc_ce_cache(type_name: *mut zend_string);
}

//! libcurl's C API, as much as the native-curl hook drives: the multi-socket
//! functions, resolved at run time from the libcurl that ext/curl loaded (so
//! corust.so does not link libcurl and works without ext/curl).
//!
//! Values and prototypes are libcurl 7.56+'s (`curl/multi.h`, `curl/curl.h`),
//! unchanged through 8.x.

use std::ffi::{c_char, c_int, c_long, c_void, CStr};

/// `CURL` (an easy handle) and `CURLM` (a multi handle), opaque.
pub type Curl = c_void;
pub type CurlM = c_void;
/// `CURLcode`, `CURLMcode`.
pub type CurlCode = c_int;
pub type CurlMCode = c_int;

pub const CURLE_OK: CurlCode = 0;
pub const CURLE_FAILED_INIT: CurlCode = 2;
pub const CURLE_ABORTED_BY_CALLBACK: CurlCode = 42;
pub const CURLM_OK: CurlMCode = 0;
pub const CURLM_BAD_HANDLE: CurlMCode = 1;

/// `CURLMOPT_SOCKETFUNCTION` (FUNCTIONPOINT + 1), `CURLMOPT_SOCKETDATA`
/// (OBJECTPOINT + 2).
pub const CURLMOPT_SOCKETFUNCTION: c_int = 20001;
pub const CURLMOPT_SOCKETDATA: c_int = 10002;

/// The socket callback's `what`.
pub const CURL_POLL_IN: c_int = 1;
pub const CURL_POLL_OUT: c_int = 2;
pub const CURL_POLL_INOUT: c_int = 3;
pub const CURL_POLL_REMOVE: c_int = 4;
/// `CURL_SOCKET_TIMEOUT`: socket_action's "the timer expired".
pub const CURL_SOCKET_TIMEOUT: c_int = -1;
/// socket_action's event bits.
pub const CURL_CSELECT_IN: c_int = 1;
pub const CURL_CSELECT_OUT: c_int = 2;
pub const CURL_CSELECT_ERR: c_int = 4;
/// `CURLMSG_DONE`.
pub const CURLMSG_DONE: c_int = 1;

/// `struct CURLMsg` (the `data` union read as its `result` member).
#[repr(C)]
pub struct CurlMsg {
    pub msg: c_int,
    pub easy_handle: *mut Curl,
    pub result: CurlCode,
}

layout!(CurlMsg, size = 24, msg = 0, easy_handle = 8, result = 16);

/// `curl_socket_callback`.
pub type SocketCallback =
    unsafe extern "C" fn(*mut Curl, c_int, c_int, *mut c_void, *mut c_void) -> c_int;

/// The libcurl functions the hook calls.
pub struct Lib {
    /// `CURLcode curl_easy_perform(CURL *)`.
    pub easy_perform: unsafe extern "C" fn(*mut Curl) -> CurlCode,
    /// `void curl_easy_cleanup(CURL *)`.
    pub easy_cleanup: unsafe extern "C" fn(*mut Curl),
    /// `CURLM *curl_multi_init(void)`.
    pub multi_init: unsafe extern "C" fn() -> *mut CurlM,
    /// `CURLMcode curl_multi_setopt(CURLM *, CURLMoption, ...)` (one pointer).
    pub multi_setopt: unsafe extern "C" fn(*mut CurlM, c_int, *mut c_void) -> CurlMCode,
    /// `CURLMcode curl_multi_add_handle(CURLM *, CURL *)`.
    pub multi_add_handle: unsafe extern "C" fn(*mut CurlM, *mut Curl) -> CurlMCode,
    /// `CURLMcode curl_multi_remove_handle(CURLM *, CURL *)`.
    pub multi_remove_handle: unsafe extern "C" fn(*mut CurlM, *mut Curl) -> CurlMCode,
    /// `CURLMcode curl_multi_socket_action(CURLM *, curl_socket_t, int, int *)`.
    pub multi_socket_action:
        unsafe extern "C" fn(*mut CurlM, c_int, c_int, *mut c_int) -> CurlMCode,
    /// `CURLMcode curl_multi_socket_all(CURLM *, int *)`.
    pub multi_socket_all: unsafe extern "C" fn(*mut CurlM, *mut c_int) -> CurlMCode,
    /// `CURLMsg *curl_multi_info_read(CURLM *, int *)`.
    pub multi_info_read: unsafe extern "C" fn(*mut CurlM, *mut c_int) -> *mut CurlMsg,
    /// `CURLMcode curl_multi_timeout(CURLM *, long *)`.
    pub multi_timeout: unsafe extern "C" fn(*mut CurlM, *mut c_long) -> CurlMCode,
    /// `CURLMcode curl_multi_cleanup(CURLM *)`.
    pub multi_cleanup: unsafe extern "C" fn(*mut CurlM) -> CurlMCode,
    /// `CURLMcode curl_multi_perform(CURLM *, int *)`.
    pub multi_perform: unsafe extern "C" fn(*mut CurlM, *mut c_int) -> CurlMCode,
    /// `CURLMcode curl_multi_wait(CURLM *, struct curl_waitfd *, unsigned, int, int *)`.
    pub multi_wait:
        unsafe extern "C" fn(*mut CurlM, *mut c_void, u32, c_int, *mut c_int) -> CurlMCode,
}

/// A symbol's address as the function pointer type `F`.
///
/// # Safety
/// `p` is the address of a function whose prototype is `F`.
unsafe fn fn_ptr<F: Copy>(p: *mut c_void) -> F {
    const { assert!(std::mem::size_of::<F>() == std::mem::size_of::<*mut c_void>()) };
    // SAFETY: same size (checked above); the caller vouches for the prototype.
    unsafe { std::mem::transmute_copy(&p) }
}

impl Lib {
    /// The functions of the loaded libcurl that holds `known` (the address of
    /// one of its functions), or of the one named `libcurl.so.4`; None when
    /// no libcurl is loaded or a function is missing.
    pub fn load(known: usize) -> Option<Lib> {
        // SAFETY: dladdr/dlopen(RTLD_NOLOAD)/dlsym only look up objects that
        // are already loaded; each symbol is cast to its documented prototype.
        unsafe {
            let mut info: libc::Dl_info = std::mem::zeroed();
            let mut handle = std::ptr::null_mut();
            if known != 0
                && libc::dladdr(known as *const c_void, &mut info) != 0
                && !info.dli_fname.is_null()
            {
                let name = CStr::from_ptr(info.dli_fname);
                if name.to_bytes().windows(7).any(|w| w == b"libcurl") {
                    handle = libc::dlopen(info.dli_fname, libc::RTLD_NOW | libc::RTLD_NOLOAD);
                }
            }
            if handle.is_null() {
                handle = libc::dlopen(c"libcurl.so.4".as_ptr(), libc::RTLD_NOW | libc::RTLD_NOLOAD);
            }
            if handle.is_null() {
                return None;
            }
            let sym = |n: &CStr| {
                let p = libc::dlsym(handle, n.as_ptr() as *const c_char);
                (!p.is_null()).then_some(p)
            };
            macro_rules! f {
                ($n:literal) => {
                    fn_ptr(sym($n)?)
                };
            }
            let lib = Lib {
                easy_perform: f!(c"curl_easy_perform"),
                easy_cleanup: f!(c"curl_easy_cleanup"),
                multi_init: f!(c"curl_multi_init"),
                multi_setopt: f!(c"curl_multi_setopt"),
                multi_add_handle: f!(c"curl_multi_add_handle"),
                multi_remove_handle: f!(c"curl_multi_remove_handle"),
                multi_socket_action: f!(c"curl_multi_socket_action"),
                multi_socket_all: f!(c"curl_multi_socket_all"),
                multi_info_read: f!(c"curl_multi_info_read"),
                multi_timeout: f!(c"curl_multi_timeout"),
                multi_cleanup: f!(c"curl_multi_cleanup"),
                multi_perform: f!(c"curl_multi_perform"),
                multi_wait: f!(c"curl_multi_wait"),
            };
            // The loader keeps libcurl mapped for ext/curl; our reference
            // from dlopen stays open with it.
            Some(lib)
        }
    }
}

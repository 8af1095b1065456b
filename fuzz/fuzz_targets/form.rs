//! Query strings, form bodies and cookie headers: never more than
//! `max_vars` pairs, names and values never longer than their input, the
//! split stops exactly at the limit.
#![no_main]
use corust::http::form::{split, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, input)) = data.split_first() else {
        return;
    };
    let kind = if ctl & 1 == 0 { Kind::Form } else { Kind::Cookie };
    let max = usize::from(ctl >> 1);
    let seps: &[u8] = if ctl & 0x80 == 0 { b"&" } else { b"&;" };
    let mut n = 0;
    let r = split(input, kind, seps, max, |name, value| {
        n += 1;
        assert!(name.len() + value.len() <= input.len());
    });
    assert!(n <= max);
    if r.is_err() {
        assert_eq!(n, max);
    }
});

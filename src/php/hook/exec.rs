//! Hooked `shell_exec`, `exec`, `system`, `passthru` (HOOK_BLOCKING_FUNCTION,
//! as Swoole 6.1 had them): inside a coroutine the command's output is read
//! in the reactor and its exit awaited there, so other coroutines run while
//! it works.
//!
//! The command runs as popen runs it (`/bin/sh -c`, stdin and stderr
//! inherited, the process environment and working directory), and the
//! results follow PHP's exec.c: lines split at "\n" with trailing whitespace
//! stripped (`exec`'s array and last line, `system`'s return value),
//! `system`/`passthru` print the output as it arrives, the result code is
//! the exit status (the raw wait status when the command was killed), and
//! `shell_exec` gives null for no output. Outside coroutines, or for
//! arguments the original rejects (empty, NUL bytes: its errors are PHP's),
//! the original runs.

use std::process::Stdio;

use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::error::{warn_docref, E_WARNING};
use super::super::runtime::rt;
use super::super::system::run_shell;
use super::super::zarray::str_zval;
use super::functions;

/// How the output is delivered (PHP's php_exec types).
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// `system`: printed line by line, last line returned.
    Print,
    /// `exec`: collected into lines, last line returned.
    Lines,
    /// `passthru`: printed raw.
    Raw,
    /// `shell_exec`: returned whole.
    Whole,
}

fn write_out(b: &[u8]) {
    // SAFETY: our bytes through the engine's output layer (buffers apply).
    unsafe { ext_php_rs::ffi::php_output_write(b.as_ptr().cast(), b.len()) };
}

/// `isspace` as C has it.
fn strip_end(line: &[u8]) -> &[u8] {
    let mut n = line.len();
    while n > 0
        && matches!(
            line[n - 1],
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'
        )
    {
        n -= 1;
    }
    &line[..n]
}

/// The command argument, when the hook takes the call.
fn command(ex: &mut ExecuteData) -> Option<Vec<u8>> {
    if rt(|r| r.current()).is_main() || args::count(ex) < 1 {
        return None;
    }
    let z = args::get(ex, 0)?;
    if !z.is_string() {
        return None;
    }
    let cmd = args::bytes(ex, 0)?.into_owned();
    (!cmd.is_empty() && !cmd.contains(&0)).then_some(cmd)
}

/// The output as PHP's exec.c takes it in, for one mode.
struct Collector {
    mode: Mode,
    /// `shell_exec`'s whole output.
    whole: Vec<u8>,
    /// `exec`'s lines.
    lines: Vec<Vec<u8>>,
    /// The last complete line, stripped.
    last: Option<Vec<u8>>,
    /// The line being read (without its end yet).
    partial: Vec<u8>,
}

impl Collector {
    fn feed(&mut self, chunk: &[u8]) {
        match self.mode {
            Mode::Raw => write_out(chunk),
            Mode::Whole => self.whole.extend_from_slice(chunk),
            Mode::Print | Mode::Lines => {
                let mut rest = chunk;
                while let Some(i) = rest.iter().position(|&c| c == b'\n') {
                    self.partial.extend_from_slice(&rest[..=i]);
                    self.end_line();
                    rest = &rest[i + 1..];
                }
                self.partial.extend_from_slice(rest);
            }
        }
    }

    /// The line in `partial` is complete (or the output ended).
    fn end_line(&mut self) {
        if self.mode == Mode::Print {
            write_out(&self.partial);
        }
        let line = strip_end(&self.partial).to_vec();
        if self.mode == Mode::Lines {
            self.lines.push(line.clone());
        }
        self.last = Some(line);
        self.partial.clear();
    }
}

/// Runs `cmd`; returns (last line or whole output, lines, result code), or
/// None when it could not start (warned).
fn run(cmd: &[u8], mode: Mode) -> Option<(Vec<u8>, Vec<Vec<u8>>, i64)> {
    let mut c = Collector {
        mode,
        whole: Vec::new(),
        lines: Vec::new(),
        last: None,
        partial: Vec::new(),
    };
    let done = match run_shell(cmd, Stdio::inherit(), false, &mut |chunk| c.feed(chunk)) {
        Ok(d) => d,
        Err(msg) => {
            warn_docref(
                E_WARNING,
                &format!("Unable to fork [{}]: {msg}", String::from_utf8_lossy(cmd)),
            );
            return None;
        }
    };
    if !c.partial.is_empty() {
        c.end_line();
    }
    // PHP's result code: the exit status, or the raw status of a killed child.
    let code = match done {
        Some((_, sig)) if sig != 0 => sig,
        Some((code, _)) => code,
        None => -1,
    };
    let out = if mode == Mode::Whole {
        c.whole
    } else {
        c.last.unwrap_or_default()
    };
    Some((out, c.lines, code))
}

/// Sets by-reference argument `i` (if passed) to `v`.
fn set_ref(ex: &mut ExecuteData, i: usize, v: Zval) {
    if let Some(z) = args::get(ex, i) {
        *z = v;
    }
}

fn long(v: i64) -> Zval {
    let mut z = Zval::new();
    z.set_long(v);
    z
}

handler!(
    /// `shell_exec(string $command): string|false|null`.
    hooked_shell_exec(ex, rv) {
        let Some(cmd) = command(ex) else {
            functions::original(functions::SHELL_EXEC, ex, rv);
            return;
        };
        match run(&cmd, Mode::Whole) {
            Some((out, _, _)) if !out.is_empty() => *rv = str_zval(&out),
            Some(_) => rv.set_null(),
            None => rv.set_bool(false),
        }
    }
);

handler!(
    /// `exec(string $command, &$output = null, &$result_code = null): string|false`.
    hooked_exec(ex, rv) {
        let Some(cmd) = command(ex) else {
            functions::original(functions::EXEC, ex, rv);
            return;
        };
        let Some((last, lines, code)) = run(&cmd, Mode::Lines) else {
            rv.set_bool(false);
            return;
        };
        if let Some(z) = args::get(ex, 1) {
            // Appended to an array given; anything else becomes one.
            if let Some(arr) = z.array_mut() {
                for l in lines {
                    let _ = arr.push(str_zval(&l));
                }
            } else {
                let mut arr = ZendHashTable::new();
                for l in lines {
                    let _ = arr.push(str_zval(&l));
                }
                z.set_hashtable(arr);
            }
        }
        set_ref(ex, 2, long(code));
        *rv = str_zval(&last);
    }
);

/// `system` and `passthru`: print as the output arrives, set the result
/// code; `system` returns the last line, `passthru` null.
fn printing(ex: &mut ExecuteData, rv: &mut Zval, i: usize, mode: Mode) {
    let Some(cmd) = command(ex) else {
        functions::original(i, ex, rv);
        return;
    };
    let Some((last, _, code)) = run(&cmd, mode) else {
        rv.set_bool(false);
        return;
    };
    set_ref(ex, 1, long(code));
    if mode == Mode::Print {
        *rv = str_zval(&last);
    } else {
        rv.set_null();
    }
}

handler!(
    /// `system(string $command, &$result_code = null): string|false`.
    hooked_system(ex, rv) { printing(ex, rv, functions::SYSTEM, Mode::Print); }
);

handler!(
    /// `passthru(string $command, &$result_code = null): false|null`.
    hooked_passthru(ex, rv) { printing(ex, rv, functions::PASSTHRU, Mode::Raw); }
);

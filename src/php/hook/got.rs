//! Import-slot patching: makes one loaded shared object call our function
//! where it called a library's (its GOT slot for that symbol), and puts the
//! library's back; and `write_word`, the same store into a word of a
//! read-only `const` table of the PHP binary.
//!
//! Why: ext/curl calls libcurl's blocking `curl_easy_perform` and
//! `curl_multi_wait` from inside its own functions, between work we must keep
//! (its handlers, buffers and error bookkeeping). Pointing just those imports
//! of curl.so at ours changes nothing else in the process: libcurl itself,
//! and every other library that links it, still see the real functions.
//!
//! Invariants: only slots the object's own relocation table names
//! (`R_X86_64_JUMP_SLOT` or `R_X86_64_GLOB_DAT` of that symbol) are written;
//! a slot in the RELRO range is made writable for the store and read-only
//! again right after. Used on the PHP thread only.

use std::ffi::{c_int, c_void, CStr};

/// `PT_DYNAMIC`, `PT_LOAD`, `PT_GNU_RELRO`.
const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_GNU_RELRO: u32 = 0x6474_e552;
/// Dynamic tags.
const DT_NULL: i64 = 0;
const DT_PLTRELSZ: i64 = 2;
const DT_STRTAB: i64 = 5;
const DT_SYMTAB: i64 = 6;
const DT_RELA: i64 = 7;
const DT_RELASZ: i64 = 8;
const DT_JMPREL: i64 = 23;
/// x86_64 relocation types that fill a GOT slot with a symbol's address.
const R_X86_64_GLOB_DAT: u64 = 6;
const R_X86_64_JUMP_SLOT: u64 = 7;

/// `Elf64_Dyn`.
#[repr(C)]
struct Dyn {
    tag: i64,
    val: u64,
}

/// `Elf64_Rela`.
#[repr(C)]
struct Rela {
    offset: u64,
    info: u64,
    addend: i64,
}

/// `Elf64_Sym`.
#[repr(C)]
struct Sym {
    name: u32,
    info: u8,
    other: u8,
    shndx: u16,
    value: u64,
    size: u64,
}

/// One import slot of one object.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    addr: *mut usize,
    relro: bool,
}

impl Slot {
    /// What the slot points at now.
    pub fn get(&self) -> usize {
        // SAFETY: `addr` is a GOT slot of a loaded object (found in its
        // relocation table), aligned and readable while it stays loaded.
        unsafe { std::ptr::read_volatile(self.addr) }
    }

    /// Points the slot at `target`.
    pub fn set(&self, target: usize) -> bool {
        if self.get() == target {
            return true;
        }
        let page = (self.addr as usize) & !4095;
        // SAFETY: changing the protection of the one page that holds the
        // slot (part of the object's own mapping) and storing one aligned
        // word into it; RELRO pages go back to read-only at once.
        unsafe {
            if libc::mprotect(
                page as *mut c_void,
                4096,
                libc::PROT_READ | libc::PROT_WRITE,
            ) != 0
            {
                return false;
            }
            std::ptr::write_volatile(self.addr, target);
            if self.relro {
                libc::mprotect(page as *mut c_void, 4096, libc::PROT_READ);
            }
        }
        true
    }
}

/// Stores `value` into the word at `addr`, in a page that may be read-only
/// (a `const` struct of the PHP binary, relocated and then protected): the
/// page is made writable for the store and given back its protection from
/// /proc/self/maps.
pub fn write_word(addr: *mut usize, value: usize) -> bool {
    let a = addr as usize;
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return false;
    };
    let prot = maps.lines().find_map(|l| {
        let (range, rest) = l.split_once(' ')?;
        let (lo, hi) = range.split_once('-')?;
        let (lo, hi) = (
            usize::from_str_radix(lo, 16).ok()?,
            usize::from_str_radix(hi, 16).ok()?,
        );
        if !(lo..hi).contains(&a) {
            return None;
        }
        let perms = rest.as_bytes();
        let mut p = 0;
        if perms.first() == Some(&b'r') {
            p |= libc::PROT_READ;
        }
        if perms.get(1) == Some(&b'w') {
            p |= libc::PROT_WRITE;
        }
        if perms.get(2) == Some(&b'x') {
            p |= libc::PROT_EXEC;
        }
        Some(p)
    });
    let Some(prot) = prot else { return false };
    let page = a & !4095;
    // SAFETY: the word lies in a mapping of this process (found above); its
    // page becomes writable for one aligned store, then gets its protection
    // back.
    unsafe {
        if prot & libc::PROT_WRITE == 0
            && libc::mprotect(page as *mut c_void, 4096, prot | libc::PROT_WRITE) != 0
        {
            return false;
        }
        std::ptr::write_volatile(addr, value);
        if prot & libc::PROT_WRITE == 0 {
            libc::mprotect(page as *mut c_void, 4096, prot);
        }
    }
    true
}

/// What the search of `dl_iterate_phdr` looks for and finds.
struct Search<'a> {
    inside: usize,
    names: &'a [&'a str],
    found: Vec<Option<Slot>>,
    seen: bool,
}

/// The import slots, in `names` order, of the loaded object that contains
/// address `inside` (for example one of its functions).
pub fn find(inside: usize, names: &[&str]) -> Option<Vec<Option<Slot>>> {
    let mut s = Search {
        inside,
        names,
        found: vec![None; names.len()],
        seen: false,
    };
    // SAFETY: the callback only reads the program headers the loader hands
    // it and the dynamic tables they point at, during the iteration.
    unsafe { libc::dl_iterate_phdr(Some(visit), &mut s as *mut Search as *mut c_void) };
    s.seen.then_some(s.found)
}

unsafe extern "C" fn visit(
    info: *mut libc::dl_phdr_info,
    _size: libc::size_t,
    data: *mut c_void,
) -> c_int {
    crate::php::fence::quiet("got::visit", 1, || {
        // SAFETY: `data` is our Search; `info` the loader's entry for one
        // object, valid during this call.
        unsafe { visit_one(&*info, &mut *(data as *mut Search)) }
    })
}

/// # Safety
/// `info` describes a loaded object.
unsafe fn visit_one(info: &libc::dl_phdr_info, s: &mut Search) -> c_int {
    let base = info.dlpi_addr as usize;
    // SAFETY: the loader's program header array of this object.
    let phdrs = unsafe { std::slice::from_raw_parts(info.dlpi_phdr, info.dlpi_phnum as usize) };
    let contains = phdrs.iter().any(|p| {
        p.p_type == PT_LOAD && {
            let start = base + p.p_vaddr as usize;
            (start..start + p.p_memsz as usize).contains(&s.inside)
        }
    });
    if !contains {
        return 0;
    }
    s.seen = true;
    let relro = phdrs.iter().find(|p| p.p_type == PT_GNU_RELRO).map(|p| {
        let start = base + p.p_vaddr as usize;
        start..start + p.p_memsz as usize
    });
    let Some(dynamic) = phdrs.iter().find(|p| p.p_type == PT_DYNAMIC) else {
        return 1;
    };
    // The loader relocates most pointers of the dynamic section in place;
    // one it left as an offset is below the load address.
    let at = |v: u64| {
        let v = v as usize;
        if v < base {
            base + v
        } else {
            v
        }
    };
    let (mut strtab, mut symtab) = (0usize, 0usize);
    let mut tables = [(0usize, 0usize); 2];
    let mut d = (base + dynamic.p_vaddr as usize) as *const Dyn;
    // SAFETY: the dynamic section is an array of Dyn ended by DT_NULL.
    unsafe {
        while (*d).tag != DT_NULL {
            match (*d).tag {
                DT_STRTAB => strtab = at((*d).val),
                DT_SYMTAB => symtab = at((*d).val),
                DT_JMPREL => tables[0].0 = at((*d).val),
                DT_PLTRELSZ => tables[0].1 = (*d).val as usize,
                DT_RELA => tables[1].0 = at((*d).val),
                DT_RELASZ => tables[1].1 = (*d).val as usize,
                _ => {}
            }
            d = d.add(1);
        }
    }
    if strtab == 0 || symtab == 0 {
        return 1;
    }
    for (table, bytes) in tables {
        if table == 0 {
            continue;
        }
        let n = bytes / std::mem::size_of::<Rela>();
        // SAFETY: the object's relocation table, `bytes` long.
        let relas = unsafe { std::slice::from_raw_parts(table as *const Rela, n) };
        for r in relas {
            let kind = r.info & 0xffff_ffff;
            if kind != R_X86_64_JUMP_SLOT && kind != R_X86_64_GLOB_DAT {
                continue;
            }
            let sym_index = (r.info >> 32) as usize;
            // SAFETY: the symbol the relocation names, in the object's own
            // symbol table; its name is a NUL-terminated string of strtab.
            let name = unsafe {
                let sym = &*(symtab as *const Sym).add(sym_index);
                CStr::from_ptr((strtab + sym.name as usize) as *const libc::c_char)
            };
            let Ok(name) = name.to_str() else { continue };
            if let Some(i) = s.names.iter().position(|n| *n == name) {
                let addr = base + r.offset as usize;
                s.found[i] = Some(Slot {
                    addr: addr as *mut usize,
                    relro: relro.as_ref().is_some_and(|rr| rr.contains(&addr)),
                });
            }
        }
    }
    1
}

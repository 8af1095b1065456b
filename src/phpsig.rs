//! PHP signature declarations, as written in a stub file
//! (`push(mixed $data, float $timeout = -1): bool`), parsed into names,
//! types, flags and default literals. The binding turns them into the
//! engine's arginfo (`php/sig.rs`); parsing lives here, PHP-free, so it is
//! tested without PHP.
//!
//! Grammar (what Swoole's stubs use): `name(params)[: type]`; a param is
//! `[type] [&][...]$name [= default]`; a type is `?T` or `T|T|…` where each
//! `T` is a builtin (`int`, `float`, `string`, `bool`, `false`, `true`,
//! `null`, `array`, `object`, `callable`, `iterable`, `mixed`, `void`,
//! `static`, `never`, `resource`) or a class name (a leading `\` dropped).
//! Defaults are kept as written (the engine evaluates them for reflection).
#![forbid(unsafe_code)]

/// One builtin type, as a `MAY_BE_*` bit of the engine's type mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Builtin {
    Null,
    False,
    True,
    Int,
    Float,
    String,
    Array,
    Object,
    Resource,
    Callable,
    Iterable,
    Void,
    Static,
    Never,
}

impl Builtin {
    /// The engine's `MAY_BE_*` mask for it (PHP 8.2, `zend_type_info.h`).
    pub fn mask(self) -> u32 {
        match self {
            Builtin::Null => 1 << 1,
            Builtin::False => 1 << 2,
            Builtin::True => 1 << 3,
            Builtin::Int => 1 << 4,
            Builtin::Float => 1 << 5,
            Builtin::String => 1 << 6,
            Builtin::Array => 1 << 7,
            Builtin::Object => 1 << 8,
            Builtin::Resource => 1 << 9,
            Builtin::Callable => 1 << 12,
            // 8.2 keeps `iterable` as array plus its own bit.
            Builtin::Iterable => (1 << 7) | (1 << 21),
            Builtin::Void => 1 << 14,
            Builtin::Static => 1 << 15,
            Builtin::Never => 1 << 17,
        }
    }
}

/// `mixed`: every value type (`MAY_BE_ANY`).
pub const MAY_BE_ANY: u32 = 0x3fe;

/// A declared type: builtin bits plus at most the class names listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Type {
    /// `MAY_BE_*` bits.
    pub mask: u32,
    /// Class names, as written (without a leading `\`).
    pub classes: Vec<String>,
}

impl Type {
    /// True when `null` is accepted.
    pub fn nullable(&self) -> bool {
        self.mask & Builtin::Null.mask() != 0
    }
}

/// One parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name without `$`.
    pub name: String,
    /// Declared type (None: untyped).
    pub ty: Option<Type>,
    /// Passed by reference (`&$x`).
    pub by_ref: bool,
    /// Variadic (`...$x`).
    pub variadic: bool,
    /// Default value as written (`-1`, `null`, `[]`, `SWOOLE_HOOK_ALL`).
    pub default: Option<String>,
}

/// A parsed declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sig {
    /// Function or method name.
    pub name: String,
    /// Parameters in order.
    pub params: Vec<Param>,
    /// Declared return type (None: none).
    pub ret: Option<Type>,
}

impl Sig {
    /// Parameters a caller must pass: those before the first optional or
    /// variadic one.
    pub fn required(&self) -> usize {
        self.params
            .iter()
            .position(|p| p.default.is_some() || p.variadic)
            .unwrap_or(self.params.len())
    }
}

/// Parses a type (`?int`, `int|false`, `Swoole\Coroutine\Channel`).
pub fn parse_type(s: &str) -> Result<Type, String> {
    let s = s.trim();
    let (nullable, body) = match s.strip_prefix('?') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut t = Type::default();
    for part in body.split('|') {
        let part = part.trim();
        if part.is_empty() {
            return Err(format!("empty type in '{s}'"));
        }
        let b = match part.to_ascii_lowercase().as_str() {
            "null" => Some(Builtin::Null),
            "false" => Some(Builtin::False),
            "true" => Some(Builtin::True),
            "bool" => {
                t.mask |= Builtin::False.mask() | Builtin::True.mask();
                continue;
            }
            "int" => Some(Builtin::Int),
            "float" => Some(Builtin::Float),
            "string" => Some(Builtin::String),
            "array" => Some(Builtin::Array),
            "object" => Some(Builtin::Object),
            "resource" => Some(Builtin::Resource),
            "callable" => Some(Builtin::Callable),
            "iterable" => Some(Builtin::Iterable),
            "void" => Some(Builtin::Void),
            "static" => Some(Builtin::Static),
            "never" => Some(Builtin::Never),
            "mixed" => {
                t.mask |= MAY_BE_ANY;
                continue;
            }
            _ => None,
        };
        match b {
            Some(b) => t.mask |= b.mask(),
            None => {
                let name = part.trim_start_matches('\\');
                if !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\\')
                {
                    return Err(format!("bad type name '{part}'"));
                }
                t.classes.push(name.to_string());
            }
        }
    }
    if nullable {
        t.mask |= Builtin::Null.mask();
    }
    Ok(t)
}

/// Splits at top-level commas (not inside brackets, parentheses or quotes).
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '[' | '(' => depth += 1,
                ']' | ')' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(&s[start..]);
    }
    out
}

fn parse_param(p: &str) -> Result<Param, String> {
    let (decl, default) = match p.split_once('=') {
        Some((d, v)) => (d.trim(), Some(v.trim().to_string())),
        None => (p.trim(), None),
    };
    let dollar = decl
        .find('$')
        .ok_or_else(|| format!("no parameter name in '{p}'"))?;
    let (before, name) = decl.split_at(dollar);
    let name = name[1..].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("bad parameter name in '{p}'"));
    }
    let mut before = before.trim();
    let variadic = before.ends_with("...");
    if variadic {
        before = before[..before.len() - 3].trim_end();
    }
    let by_ref = before.ends_with('&');
    if by_ref {
        before = before[..before.len() - 1].trim_end();
    }
    let ty = if before.is_empty() {
        None
    } else {
        Some(parse_type(before)?)
    };
    Ok(Param {
        name: name.to_string(),
        ty,
        by_ref,
        variadic,
        default,
    })
}

/// Parses `name(params)[: type]`.
pub fn parse(s: &str) -> Result<Sig, String> {
    let s = s.trim();
    let open = s.find('(').ok_or_else(|| format!("no '(' in '{s}'"))?;
    let close = s.rfind(')').ok_or_else(|| format!("no ')' in '{s}'"))?;
    if close < open {
        return Err(format!("bad parentheses in '{s}'"));
    }
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("bad function name in '{s}'"));
    }
    let params = split_top(&s[open + 1..close])
        .into_iter()
        .map(parse_param)
        .collect::<Result<Vec<_>, _>>()?;
    let rest = s[close + 1..].trim();
    let ret = match rest.strip_prefix(':') {
        Some(t) => Some(parse_type(t)?),
        None if rest.is_empty() => None,
        None => return Err(format!("junk after ')' in '{s}'")),
    };
    if let Some(i) = params.iter().position(|p| p.variadic) {
        if i + 1 != params.len() {
            return Err(format!("variadic parameter not last in '{s}'"));
        }
    }
    Ok(Sig {
        name: name.to_string(),
        params,
        ret,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn swoole_style_declarations() {
        let s = parse("push(mixed $data, float $timeout = -1): bool").unwrap();
        assert_eq!(s.name, "push");
        assert_eq!(s.params.len(), 2);
        assert_eq!(s.params[0].ty.as_ref().unwrap().mask, MAY_BE_ANY);
        assert_eq!(s.params[1].default.as_deref(), Some("-1"));
        assert_eq!(s.required(), 1);
        assert_eq!(s.ret.unwrap().mask, 0b1100);

        let s = parse("create(callable $func, mixed ...$param): int|false").unwrap();
        assert!(s.params[1].variadic);
        assert_eq!(s.required(), 1);
        assert_eq!(s.ret.unwrap().mask, (1 << 4) | (1 << 2));

        let s = parse("wait(\\Swoole\\Coroutine\\Barrier &$barrier, float $timeout = -1): void")
            .unwrap();
        let p = &s.params[0];
        assert!(p.by_ref);
        assert_eq!(
            p.ty.as_ref().unwrap().classes,
            ["Swoole\\Coroutine\\Barrier"]
        );

        let s = parse("set(array $settings = [], ?string $x = null, $untyped = 'a,b'): static")
            .unwrap();
        assert_eq!(s.params.len(), 3);
        assert!(s.params[1].ty.as_ref().unwrap().nullable());
        assert_eq!(s.params[2].ty, None);
        assert_eq!(s.params[2].default.as_deref(), Some("'a,b'"));
        assert_eq!(s.required(), 0);

        let s = parse("getIterator(): Swoole\\Coroutine\\Iterator|false").unwrap();
        let r = s.ret.unwrap();
        assert_eq!((r.mask, r.classes.len()), (1 << 2, 1));
        assert_eq!(parse("stats()").unwrap().ret, None);
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "f",
            "f(int)",
            "f(int $a",
            "f(...$a, $b)",
            "f(): in t",
            "f() junk",
            "f(int||x $a)",
            "1 f()",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}

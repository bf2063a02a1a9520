//! Shrinks what wasm-bindgen writes: short import names, in the module and
//! in its JavaScript glue alike ([`shorten`]), and a glue without comments
//! or indentation ([`trim`]).
//!
//! wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and puts
//! it in the module `./soviets_bg.js`. The names are spelled twice, once
//! in the wasm import section and once as a key of the glue's import
//! object, and the hashes do not compress: about 6 KB gzipped for the
//! page. Here each import becomes `_<n>` in the module `a`, and the glue's
//! keys follow. Nothing else refers to these names: the glue hands the
//! object to `WebAssembly.instantiate` and never reads it by name.

use crate::Result;
use soviets::codec::{put_varint, take_varint};

/// The wasm import module's new name.
const MODULE: &str = "a";

/// Rewrites `wasm` and `js` (the glue wasm-bindgen wrote for it) so that
/// every import has a short name. Fails, changing nothing, if the module
/// is not one it understands or a name is not found exactly once in the
/// glue.
pub fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String)> {
    let sections = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    let mut renames = Vec::new();
    let mut module = None;
    for (id, body) in sections {
        let body = if id == 2 {
            let (new, old_module, names) = rename_imports(body)?;
            module = old_module;
            renames = names;
            new
        } else {
            body.to_vec()
        };
        out.push(id);
        write_leb(&mut out, body.len());
        out.extend_from_slice(&body);
    }
    let mut glue = js.to_string();
    for (i, old) in renames.iter().enumerate() {
        glue = replace_key(&glue, old, &short(i))?;
    }
    if let Some(old) = module {
        let (from, to) = (
            format!("\"{old}\": import0"),
            format!("\"{MODULE}\": import0"),
        );
        if glue.matches(&from).count() != 1 {
            return Err(format!("the glue does not name the import module {old:?} once").into());
        }
        glue = glue.replacen(&from, &to, 1);
    }
    Ok((out, glue))
}

/// The glue without its comment lines and indentation. Only whole lines
/// are dropped, so a `//` inside a string is never taken for a comment;
/// a line that may continue a template literal (after a line with an odd
/// number of backticks) is kept as it is, since its spaces are text.
pub fn trim(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let (mut in_doc, mut in_template) = (false, false);
    for line in js.lines() {
        let t = line.trim_start();
        if in_template {
            out.push_str(line);
        } else if in_doc || t.starts_with("/*") {
            in_doc = !t.ends_with("*/");
            continue;
        } else if t.starts_with("//") {
            continue;
        } else {
            out.push_str(t);
        }
        out.push('\n');
        in_template ^= line.matches('`').count() % 2 == 1;
    }
    out
}

/// The `i`th short name: `_0` … `_9`, `_a` … `_z`, `_10` …
fn short(mut i: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(DIGITS[i % 36]);
        i /= 36;
        if i == 0 {
            break;
        }
    }
    s.push(b'_');
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Replaces the object key `old:` (at the start of a line, after
/// indentation) with `new:`, requiring exactly one such key and no other
/// mention of `old`.
fn replace_key(js: &str, old: &str, new: &str) -> Result<String> {
    if js.matches(old).count() != 1 {
        return Err(format!("the glue does not mention the import {old} exactly once").into());
    }
    let key = format!("{old}: function(");
    let Some(at) = js.find(&key) else {
        return Err(format!("the glue has no function for the import {old}").into());
    };
    let line_start = js[..at].rfind('\n').map_or(0, |i| i + 1);
    if !js[line_start..at].bytes().all(|b| b == b' ') {
        return Err(format!("the import {old} is not an object key").into());
    }
    Ok(format!("{}{new}{}", &js[..at], &js[at + old.len()..]))
}

/// The module's sections, `(id, body)`, after checking its header.
fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" || wasm[4..8] != [1, 0, 0, 0] {
        return Err("not a version 1 wasm module".into());
    }
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (len, body_at) = read_leb(wasm, at + 1)?;
        let end = body_at
            .checked_add(len)
            .filter(|&e| e <= wasm.len())
            .ok_or("a section runs past the end of the module")?;
        out.push((id, &wasm[body_at..end]));
        at = end;
    }
    Ok(out)
}

/// The import section with every name shortened, the one import module's
/// old name, and the old names in order.
fn rename_imports(body: &[u8]) -> Result<(Vec<u8>, Option<String>, Vec<String>)> {
    let (count, mut at) = read_leb(body, 0)?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    let mut module: Option<String> = None;
    let mut names = Vec::with_capacity(count);
    for i in 0..count {
        let (m, next) = read_name(body, at)?;
        let (name, next) = read_name(body, next)?;
        match &module {
            Some(old) if old != m => return Err("imports from more than one module".into()),
            _ => module = Some(m.to_string()),
        }
        let kind = *body.get(next).ok_or("an import ends early")?;
        if kind != 0 {
            return Err(format!("the import {name} is not a function").into());
        }
        let (_, end) = read_leb(body, next + 1)?;
        write_name(&mut out, MODULE);
        write_name(&mut out, &short(i));
        out.extend_from_slice(&body[next..end]);
        names.push(name.to_string());
        at = end;
    }
    if at != body.len() {
        return Err("the import section has trailing bytes".into());
    }
    Ok((out, module, names))
}

fn read_name(b: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, start) = read_leb(b, at)?;
    let end = start
        .checked_add(len)
        .filter(|&e| e <= b.len())
        .ok_or("a name runs past its section")?;
    let s = std::str::from_utf8(&b[start..end]).map_err(|_| "a name is not UTF-8")?;
    Ok((s, end))
}

fn write_name(out: &mut Vec<u8>, s: &str) {
    write_leb(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// An unsigned LEB128 number of at most 32 bits and where it ends.
fn read_leb(b: &[u8], mut at: usize) -> Result<(usize, usize)> {
    let n = take_varint(b, &mut at).ok_or("a number runs past the end or is too long")?;
    let n = u32::try_from(n).map_err(|_| "a number is longer than 32 bits")?;
    Ok((n as usize, at))
}

fn write_leb(out: &mut Vec<u8>, n: usize) {
    put_varint(out, n as u64);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions from `./m.js`, with a type
    /// section before and an export section after.
    fn module(names: &[&str], from: &str) -> Vec<u8> {
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        let types = [1u8, 0x60, 0, 0];
        w.push(1);
        write_leb(&mut w, types.len());
        w.extend_from_slice(&types);
        let mut imports = Vec::new();
        write_leb(&mut imports, names.len());
        for n in names {
            write_name(&mut imports, from);
            write_name(&mut imports, n);
            imports.extend_from_slice(&[0, 0]);
        }
        w.push(2);
        write_leb(&mut w, imports.len());
        w.extend_from_slice(&imports);
        let exports = [1u8, 1, b'f', 0, 0];
        w.push(7);
        write_leb(&mut w, exports.len());
        w.extend_from_slice(&exports);
        w
    }

    const GLUE: &str = "const import0 = {\n    __proto__: null,\n    __wbg_log_0123456789abcdef: function(arg0) {\n        console.log(arg0);\n    },\n    __wbindgen_init: function() {\n    },\n};\nreturn { \"./m.js\": import0 };\n";

    #[test]
    fn renames_in_module_and_glue() {
        let names = ["__wbg_log_0123456789abcdef", "__wbindgen_init"];
        let (wasm, js) = shorten(&module(&names, "./m.js"), GLUE).unwrap();
        assert_eq!(wasm, module(&["_0", "_1"], "a"));
        assert_eq!(
            js,
            "const import0 = {\n    __proto__: null,\n    _0: function(arg0) {\n        console.log(arg0);\n    },\n    _1: function() {\n    },\n};\nreturn { \"a\": import0 };\n"
        );
    }

    #[test]
    fn refuses_a_glue_that_does_not_match() {
        let names = ["__wbg_missing_0123456789abcdef"];
        let err = shorten(&module(&names, "./m.js"), GLUE).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the glue does not mention the import __wbg_missing_0123456789abcdef exactly once"
        );
        let err = shorten(b"\0asm\x02\0\0\0", GLUE).unwrap_err();
        assert_eq!(err.to_string(), "not a version 1 wasm module");
        let mut cut = module(&["__wbindgen_init"], "./m.js");
        cut.truncate(cut.len() - 2);
        let err = shorten(&cut, GLUE).unwrap_err();
        assert_eq!(err.to_string(), "a section runs past the end of the module");
    }

    #[test]
    fn trims_comments_and_indentation() {
        let js = "/**\n * Doc.\n * @returns {boolean}\n */\nexport function f() {\n    // Cast intrinsic for `F64`.\n    return \"a // b\";\n}\n/* one line */\n";
        assert_eq!(trim(js), "export function f() {\nreturn \"a // b\";\n}\n");
        let tpl = "function g() {\n    return `x\n    y`;\n}\n";
        assert_eq!(trim(tpl), "function g() {\nreturn `x\n    y`;\n}\n");
        let one = "    throw new Error(`failed: ${e}`);\n    x();\n";
        assert_eq!(trim(one), "throw new Error(`failed: ${e}`);\nx();\n");
    }

    #[test]
    fn short_names_are_unique() {
        let names: Vec<String> = (0..2000).map(short).collect();
        assert_eq!(&names[..3], ["_0", "_1", "_2"]);
        assert_eq!(names[36], "_10");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}

//! A small JSON writer, so the report needs no serialisation framework: the
//! command line and the page write the same bytes with very little code.
//!
//! Every element takes the key it has in its object, or `None` inside an
//! array (and at the top level).

/// Writes one JSON document, optionally indented by two spaces per level.
#[derive(Debug)]
pub struct Json {
    out: String,
    pretty: bool,
    /// Per open container: whether it has no element yet.
    empty: Vec<bool>,
}

impl Json {
    pub fn new(pretty: bool) -> Json {
        Json {
            out: String::new(),
            pretty,
            empty: Vec::new(),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// What is written so far, handed over and cleared, so a long document
    /// can be written out as it is produced; the writer goes on where it was.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.empty.len() {
                self.out.push_str("  ");
            }
        }
    }

    /// Separator, indentation and key of the next element.
    fn element(&mut self, key: Option<&str>) {
        if let Some(empty) = self.empty.last_mut() {
            let was_empty = *empty;
            *empty = false;
            if !was_empty {
                self.out.push(',');
            }
            self.newline();
        }
        if let Some(k) = key {
            self.quoted(k);
            self.out.push(':');
            if self.pretty {
                self.out.push(' ');
            }
        }
    }

    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let n = u32::from(c) as usize;
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[n >> 4]));
                    self.out.push(char::from(HEX[n & 15]));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn close(&mut self, c: char) {
        let empty = self.empty.pop().unwrap_or(true);
        if !empty {
            self.newline();
        }
        self.out.push(c);
    }

    pub fn begin_object(&mut self, key: Option<&str>) -> &mut Self {
        self.element(key);
        self.out.push('{');
        self.empty.push(true);
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.close('}');
        self
    }

    pub fn begin_array(&mut self, key: Option<&str>) -> &mut Self {
        self.element(key);
        self.out.push('[');
        self.empty.push(true);
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.close(']');
        self
    }

    /// A string, or `null`.
    pub fn str(&mut self, key: Option<&str>, v: Option<&str>) -> &mut Self {
        self.element(key);
        match v {
            Some(s) => self.quoted(s),
            None => self.out.push_str("null"),
        }
        self
    }

    /// A whole number, or `null`.
    pub fn num(&mut self, key: Option<&str>, v: Option<i64>) -> &mut Self {
        self.element(key);
        match v {
            Some(n) => {
                use std::fmt::Write;
                let _ = write!(self.out, "{n}");
            }
            None => self.out.push_str("null"),
        }
        self
    }

    pub fn bool(&mut self, key: Option<&str>, v: bool) -> &mut Self {
        self.element(key);
        self.out.push_str(if v { "true" } else { "false" });
        self
    }

    pub fn null(&mut self, key: Option<&str>) -> &mut Self {
        self.element(key);
        self.out.push_str("null");
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn compact_and_pretty() {
        let write = |pretty| {
            let mut j = Json::new(pretty);
            j.begin_object(None)
                .str(Some("a"), Some("x\"y\n\u{1}"))
                .num(Some("n"), Some(-3))
                .begin_array(Some("list"))
                .bool(None, true)
                .null(None)
                .end_array()
                .begin_array(Some("empty"))
                .end_array()
                .end_object();
            j.finish()
        };
        assert_eq!(
            write(false),
            r#"{"a":"x\"y\n\u0001","n":-3,"list":[true,null],"empty":[]}"#
        );
        let mut j = Json::new(false);
        j.begin_array(None).num(None, Some(1));
        let head = j.take();
        j.num(None, Some(2)).end_array();
        assert_eq!(head + &j.finish(), "[1,2]");
        assert_eq!(
            write(true),
            "{\n  \"a\": \"x\\\"y\\n\\u0001\",\n  \"n\": -3,\n  \"list\": [\n    true,\n    null\n  ],\n  \"empty\": []\n}"
        );
    }
}

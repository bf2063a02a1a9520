//! CSV cells: the one writer of a cell for every CSV the project makes (the
//! `extract` command's and the page's exports), below both `report` and
//! `charts`.

/// Writes one CSV field: quoted when it needs it (RFC 4180), and, when it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, neutralised
/// against formula injection (OWASP): a `'` is put before it and the field
/// is quoted, so a spreadsheet shows it as text. Every CSV the project
/// writes (the `extract` command's and the page's exports) goes through here.
pub fn field(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula || s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_that_a_spreadsheet_would_run_are_neutralised() {
        let cell = |v: &str| {
            let mut s = String::new();
            field(&mut s, v);
            s
        };
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for v in ["+1", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(v), format!("\"'{v}\""), "{v:?}");
        }
        // Only the first character counts.
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("1-2"), "1-2");
    }
}

//! Reading the SVG the charts draw: attributes of one tag, and the texts.

/// The value of attribute `name` in `tag` (the text of one element).
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Attribute `name` of `tag` as a number; panics, naming both, if absent.
pub fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} in {tag}"))
}

/// Every `<text>` element's content, trimmed and unescaped.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(body.trim().replace("&amp;", "&").replace("&apos;", "'"))
        })
        .collect()
}

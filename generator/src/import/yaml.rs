//! The YAML the importer writes: a small tree of mappings, sequences and scalars, printed in the
//! hand-kept style of `spec/*.yaml` (block mappings, short mappings of scalars on one line in
//! `{...}`, multi-line text as `|` blocks) with every scalar quoted where YAML would read it as
//! something else.

use std::fmt::Write as _;

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Keys in order.
    Map(Vec<(String, Node)>),
    /// Items in order.
    Seq(Vec<Node>),
    /// Text, quoted if needed.
    Str(String),
    /// A bool or number, written as is.
    Plain(String),
}

impl Node {
    /// Text.
    pub fn str(text: impl Into<String>) -> Node {
        Node::Str(text.into())
    }

    /// `true` or `false`.
    pub fn bool(value: bool) -> Node {
        Node::Plain(value.to_string())
    }

    /// An integer.
    pub fn int(value: i64) -> Node {
        Node::Plain(value.to_string())
    }

    /// An empty mapping.
    pub fn map() -> Node {
        Node::Map(Vec::new())
    }

    /// Adds `key: value` to a mapping (nothing on another kind of node).
    pub fn set(&mut self, key: impl Into<String>, value: Node) {
        if let Node::Map(entries) = self {
            entries.push((key.into(), value));
        }
    }

    /// Adds `key: value` when `value` is `Some`.
    pub fn set_some(&mut self, key: &str, value: Option<Node>) {
        if let Some(value) = value {
            self.set(key, value);
        }
    }

    /// Whether the node is an empty mapping or sequence.
    pub fn is_empty(&self) -> bool {
        match self {
            Node::Map(entries) => entries.is_empty(),
            Node::Seq(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The node as YAML text: a document of its own.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(entries) if !entries.is_empty() => block_map(&mut out, entries, 0),
            other => {
                out.push_str(&flow(other));
                out.push('\n');
            }
        }
        out
    }
}

/// The most characters a mapping written on one line (`{type: string, doc: ...}`) may take.
const FLOW_WIDTH: usize = 100;

fn block_map(out: &mut String, entries: &[(String, Node)], indent: usize) {
    let pad = " ".repeat(indent);
    for (key, value) in entries {
        let key = scalar(key);
        match value {
            Node::Map(inner) if !inner.is_empty() && !fits_on_a_line(value, indent + key.len()) => {
                let _ = writeln!(out, "{pad}{key}:");
                block_map(out, inner, indent + 2);
            }
            Node::Seq(items) if !items.is_empty() && !fits_on_a_line(value, indent + key.len()) => {
                let _ = writeln!(out, "{pad}{key}:");
                block_seq(out, items, indent + 2);
            }
            Node::Str(text) if text.contains('\n') => {
                let _ = write!(out, "{pad}{key}: ");
                literal(out, text, indent + 2);
            }
            other => {
                let _ = writeln!(out, "{pad}{key}: {}", flow(other));
            }
        }
    }
}

fn block_seq(out: &mut String, items: &[Node], indent: usize) {
    let pad = " ".repeat(indent);
    for item in items {
        match item {
            Node::Map(entries) if !entries.is_empty() && !fits_on_a_line(item, indent + 2) => {
                // `- key: value` with the other keys under the first.
                let mut first = String::new();
                block_map(&mut first, entries, indent + 2);
                let rest = first.get(indent + 2..).unwrap_or_default();
                let _ = write!(out, "{pad}- {rest}");
            }
            Node::Str(text) if text.contains('\n') => {
                let _ = write!(out, "{pad}- ");
                literal(out, text, indent + 2);
            }
            other => {
                let _ = writeln!(out, "{pad}- {}", flow(other));
            }
        }
    }
}

/// Whether `node` holds only scalars (nested one level at most) and fits after `used` columns.
fn fits_on_a_line(node: &Node, used: usize) -> bool {
    let simple = match node {
        Node::Map(entries) => entries.iter().all(|(_, v)| is_inline(v)),
        Node::Seq(items) => items.iter().all(is_inline),
        _ => true,
    };
    simple && used + 2 + flow(node).len() <= FLOW_WIDTH
}

/// A scalar on one line, or an empty collection.
fn is_inline(node: &Node) -> bool {
    match node {
        Node::Str(text) => !text.contains('\n'),
        Node::Plain(_) => true,
        Node::Map(_) | Node::Seq(_) => node.is_empty(),
    }
}

/// A node in flow style (`{a: b}`, `[a, b]`, a scalar).
fn flow(node: &Node) -> String {
    match node {
        Node::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar(k), flow(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Node::Seq(items) => {
            let inner: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", inner.join(", "))
        }
        Node::Str(text) => scalar(text),
        Node::Plain(text) => text.clone(),
    }
}

/// `text` as a `|` block at `indent`, or quoted if a block cannot hold it exactly.
fn literal(out: &mut String, text: &str, indent: usize) {
    let lines: Vec<&str> = text.lines().collect();
    let exact = lines.first().is_some_and(|l| !l.starts_with(' '))
        && lines
            .iter()
            .all(|l| !l.ends_with([' ', '\t']) && l.chars().all(|c| c == '\t' || !c.is_control()))
        && !text.contains('\r')
        && !text.ends_with("\n\n");
    if !exact {
        let _ = writeln!(out, "{}", quoted(text));
        return;
    }
    let pad = " ".repeat(indent);
    out.push_str(if text.ends_with('\n') { "|\n" } else { "|-\n" });
    for line in lines {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
}

/// A one-line scalar: plain where YAML reads it back as the same text, else double-quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// `text` double-quoted, with JSON's escapes (a JSON string is a YAML double-quoted scalar).
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// Whether `text` may be written without quotes and read back as the same string.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text != text.trim() || text.len() > 200 {
        return false;
    }
    // Indicators that may not start a plain scalar.
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    if text.chars().any(|c| c.is_control() || "{}[],".contains(c)) {
        return false;
    }
    // Words YAML reads as null, booleans or numbers.
    let lower = text.to_ascii_lowercase();
    let special = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
        ".nan",
    ];
    if special.contains(&lower.as_str()) {
        return false;
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || "+-._eExXoObB".contains(c) || c.is_ascii_hexdigit());
    !numeric || !text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde-saphyr (the spec reader) reads `yaml` as.
    fn read(yaml: &str) -> serde_json::Value {
        serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"))
    }

    fn json(node: &Node) -> serde_json::Value {
        match node {
            Node::Map(entries) => serde_json::Value::Object(
                entries.iter().map(|(k, v)| (k.clone(), json(v))).collect(),
            ),
            Node::Seq(items) => serde_json::Value::Array(items.iter().map(json).collect()),
            Node::Str(text) => serde_json::Value::String(text.clone()),
            Node::Plain(text) => read(text),
        }
    }

    #[test]
    fn texts_that_look_like_other_things_read_back_as_text() {
        let texts = [
            "",
            " lead",
            "trail ",
            "null",
            "Null",
            "~",
            "true",
            "no",
            "Yes",
            "off",
            "12",
            "1.5",
            "0x1F",
            "1e3",
            "-1",
            ".inf",
            "a: b",
            "a #b",
            "#c",
            "- x",
            "[x]",
            "{x}",
            "x,y",
            "*a",
            "&a",
            "!t",
            "|",
            ">",
            "'q'",
            "\"q\"",
            "%p",
            "@a",
            "`b`",
            "a\tb",
            "a\u{7}b",
            "é",
            "https://example.com/x?y=1#z",
            "list<string?>",
            "v1.2",
            "1.2.3",
            "2025-01-02",
            "a:b",
            "key:",
            "?",
            "-",
            "x\\y",
        ];
        for text in texts {
            let mut node = Node::map();
            node.set(text, Node::str(text));
            let yaml = node.to_yaml();
            assert_eq!(read(&yaml), json(&node), "{text:?} as\n{yaml}");
        }
    }

    #[test]
    fn multi_line_text_reads_back_exactly() {
        let texts = [
            "one\ntwo",
            "one\ntwo\n",
            "one\n\ntwo\n",
            "  indented first\nsecond",
            "trailing space \nx",
            "ends with blanks\n\n",
            "tab\tinside\nok",
            "crlf\r\nline",
            "- list\n- items\n",
            "# heading\ntext",
        ];
        for text in texts {
            let mut inner = Node::map();
            inner.set("doc", Node::str(text));
            inner.set("seq", Node::Seq(vec![Node::str(text), Node::int(3)]));
            let mut node = Node::map();
            node.set("outer", inner);
            let yaml = node.to_yaml();
            assert_eq!(read(&yaml), json(&node), "{text:?} as\n{yaml}");
        }
    }

    #[test]
    fn short_mappings_of_scalars_are_written_on_one_line() {
        let mut field = Node::map();
        field.set("type", Node::str("string"));
        field.set("optional", Node::bool(true));
        let mut fields = Node::map();
        fields.set("name", field);
        let mut long = Node::map();
        long.set("type", Node::str("string"));
        long.set("doc", Node::str("x".repeat(120)));
        fields.set("long", long);
        let yaml = fields.to_yaml();
        assert!(yaml.starts_with("name: {type: string, optional: true}\nlong:\n  type: string\n"));
        assert_eq!(read(&yaml), json(&fields));
    }
}

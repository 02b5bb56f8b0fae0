//! Every piece of documentation text taken from a spec is made here: a description becomes a
//! [`Doc`], Markdown that rustdoc shows as text and never compiles or runs, and that passes
//! `rustdoc -D warnings` and clippy's doc lints; [`inline`] and [`code`] do the same for a title
//! and for a name shown as code.
//!
//! A description is Markdown. It is read with the parser rustdoc and clippy use
//! (pulldown-cmark, with their options) and rewritten in place, keeping every byte that needs no
//! change, so an ordinary description reads and renders as written:
//!
//! - code blocks, fenced or indented, become ```` ```text ```` blocks, closed if the spec left
//!   them open; only a fence marked ```` ```rust,doctest ```` stays Rust, as a `rust,no_run`
//!   doctest (compiled, never run);
//! - bare `http(s)://` URLs become autolinks (`<https://...>`); inline links and autolinks to
//!   `http(s)` or `mailto` are kept, every other link, image, footnote and reference definition
//!   is shown as the text it was written as (`[required]` stays `[required]`, never a link);
//! - HTML is shown as text (`List<String>`, `<b>`);
//! - a list item's or a quote's lazy continuation line gets the indentation or the `>` that
//!   makes it plainly part of the item; a quote gets a space after its `>`;
//! - line ends (`\r\n`, `\r`, U+2028...) become `\n`, tabs become spaces, and other control and
//!   text-direction characters are removed; trailing spaces and the common indentation go.
//!
//! Each rewrite can expose another (escaping an HTML block turns its lines into a paragraph), so
//! the rewrite runs until nothing is left to change. A text it cannot settle within a few rounds
//! is shown whole as a text block: whatever the input, the result is safe.

mod rewrite;

use std::fmt;

/// How many rewrite rounds a description gets before it is shown whole as a text block. An
/// ordinary description needs one or two.
const MAX_ROUNDS: usize = 6;

/// The info string that marks a fenced example as Rust in a spec.
pub const RUST_EXAMPLE: &str = "rust,doctest";

/// What a marked example becomes: a doctest that is compiled and never run.
const RUST_DOCTEST: &str = "rust,no_run";

/// Documentation text made from a spec's description: Markdown every line of which can go
/// into a doc comment, in which nothing is compiled or run unless the spec marked it as a Rust
/// example, and whose blocks are all closed, so more text can follow it after a blank line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    text: String,
    begins_with_paragraph: bool,
}

impl Doc {
    /// The documentation for a spec description; `None` if it holds no text.
    pub fn from_spec(description: &str) -> Option<Doc> {
        Doc::with_links(description, &|_| false)
    }

    /// The documentation for a spec description where the items for which `items(name)` holds
    /// are in scope (a module's docs): `[Name]` and `` [`Name`] `` stay intra-doc links to them.
    pub fn with_links(description: &str, items: &dyn Fn(&str) -> bool) -> Option<Doc> {
        let normalized = normalize(description);
        if normalized.is_empty() {
            return None;
        }
        if is_plain_sentence(&normalized) {
            // What the rewrite would leave as it is, without parsing it three times: most
            // descriptions are one such line.
            return Some(Doc {
                text: normalized,
                begins_with_paragraph: true,
            });
        }
        Some(Doc::rewritten(normalized, items))
    }

    /// [`Doc::with_links`] for normalised text, through the Markdown rewrite whatever it holds.
    fn rewritten(normalized: String, items: &dyn Fn(&str) -> bool) -> Doc {
        let text = settle(normalized, items);
        let begins_with_paragraph = rewrite::begins_with_paragraph(&text);
        Doc {
            text,
            begins_with_paragraph,
        }
    }

    /// The documentation for an optional spec description.
    pub fn from_option(description: Option<&str>) -> Option<Doc> {
        description.and_then(Doc::from_spec)
    }

    /// Text the generator wrote (not from a spec), taken as it is.
    pub fn trusted(text: &str) -> Doc {
        Doc {
            text: text.to_owned(),
            begins_with_paragraph: true,
        }
    }

    /// The Markdown text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text starts with a plain paragraph, which can follow other words on the same
    /// line (`Sets the region: <doc>`); a list, heading or code block must start a line.
    pub fn begins_with_paragraph(&self) -> bool {
        self.begins_with_paragraph
    }
}

impl std::ops::Deref for Doc {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Doc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Rewrites `text` until nothing is left to change, marks Rust examples as doctests that are
/// not run, or shows the whole text as a text block if it does not settle.
fn settle(mut text: String, items: &dyn Fn(&str) -> bool) -> String {
    for _ in 0..MAX_ROUNDS {
        match rewrite::round(&text, RUST_EXAMPLE, items) {
            Ok(None) => return rewrite::mark_rust_examples(&text, RUST_EXAMPLE, RUST_DOCTEST),
            Ok(Some(next)) => text = next,
            Err(rewrite::Unsettled) => break,
        }
    }
    text_block(&text)
}

/// `text` whole as a fenced text block, with a fence longer than any run of backticks in it.
fn text_block(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Whether `c` changes the direction of the text around it; rustc refuses these in comments.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Line ends as `\n`, tabs as spaces (to the next multiple of 4), other control and
/// text-direction characters removed, trailing spaces, the indentation common to every line and
/// leading and trailing blank lines dropped.
fn normalize(text: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(line) = lines.last_mut() else {
            break;
        };
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => lines.push(String::new()),
            '\t' => {
                let width = line.chars().count();
                line.push_str(&" ".repeat(4 - width % 4));
            }
            c if c.is_control() || is_bidi_control(c) => {}
            c => line.push(c),
        }
    }
    let lines: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    dedented.join("\n").trim_matches('\n').to_owned()
}

/// Whether normalised `text` is one line of prose that Markdown reads as a plain paragraph
/// with nothing to rewrite: it starts with an ASCII letter (no block marker: heading, list,
/// quote, fence, HTML, rule), holds only ASCII letters, digits, spaces and punctuation with no
/// inline meaning, and no URL. The Markdown rewrite leaves such a text unchanged (a test checks
/// the two agree).
fn is_plain_sentence(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,;:'\"()/?%=+@$-".contains(c))
        && !text.contains("://")
        && !text.to_ascii_lowercase().contains("www.")
}

/// Characters that mean something inside a line of Markdown.
fn is_inline_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|')
}

/// Plain text from a spec (a title) for the middle of a line of documentation: on one line,
/// shown exactly as written (Markdown characters escaped), URLs as autolinks.
pub fn inline(text: &str) -> String {
    let flat = one_line(text);
    let mut out = String::with_capacity(flat.len());
    let mut rest = flat.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(url) = rewrite::url_at(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let entity = c == '&' && starts_entity(&rest[1..]);
        if is_inline_markup(c) || entity {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether `text` (after a `&`) reads as the rest of an HTML entity (`amp;`, `#38;`).
fn starts_entity(text: &str) -> bool {
    let name = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(text.len());
    name > 0 && text[name..].starts_with(';')
}

/// A name or value from a spec shown as inline code: `` `name` ``, with a longer fence (and
/// spaces) if it holds backticks, on one line.
pub fn code(text: &str) -> String {
    let flat = one_line(text);
    if flat.is_empty() {
        return "` `".to_owned();
    }
    let fence = "`".repeat(longest_run(&flat, '`') + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// `text` normalised on one line: every run of white space (line ends included) one space.
fn one_line(text: &str) -> String {
    normalize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TOML basic string (with its quotes) holding `text` exactly.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;

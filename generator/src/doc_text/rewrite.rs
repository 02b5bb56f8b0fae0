//! One round of rewriting a description: parse it as rustdoc does, and replace in place what
//! rustdoc would compile, link or lint (code blocks, links, HTML, bare URLs, brackets, lazy
//! continuation lines), leaving every other byte as it is.

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use std::ops::Range;

/// The options rustdoc and clippy read docs with, less smart punctuation, which changes the
/// text of quotes and dashes, never the structure.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// A text a round could not rewrite (a construct it has no safe form for).
#[derive(Debug)]
pub struct Unsettled;

/// The target the parser gives a `[Name]` link to an item in scope, kept as written.
const ITEM_LINK: &str = "item in scope";

/// One round over `text`: `None` if nothing needs changing (the text is safe), else the
/// rewritten text, which may need another round. `rust_info` is the info string of a fence kept
/// as Rust; `[Name]` and `` [`Name`] `` stay links if `items(Name)`.
pub fn round(
    text: &str,
    rust_info: &str,
    items: &dyn Fn(&str) -> bool,
) -> Result<Option<String>, Unsettled> {
    let callback = |link: BrokenLink<'_>| {
        let reference = link.reference.as_ref();
        let name = reference
            .strip_prefix('`')
            .and_then(|r| r.strip_suffix('`'))
            .unwrap_or(reference);
        let shortcut = matches!(
            link.link_type,
            LinkType::Shortcut
                | LinkType::ShortcutUnknown
                | LinkType::Collapsed
                | LinkType::CollapsedUnknown
        );
        (shortcut && items(name)).then_some((CowStr::Borrowed(ITEM_LINK), CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
    let definitions: Vec<Range<usize>> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| def.span.clone())
        .collect();
    let mut round = Round {
        src: text,
        events: parser.into_offset_iter().collect(),
        rust_info,
        edits: Vec::new(),
        containers: Vec::new(),
        links: Vec::new(),
        footnotes: 0,
        run: None,
    };
    for span in definitions {
        round.definition(span);
    }
    round.walk()?;
    Ok(apply(text, round.edits))
}

/// Whether `text` starts with a paragraph (so it can follow words on the same line).
pub fn begins_with_paragraph(text: &str) -> bool {
    matches!(
        Parser::new_ext(text, options()).next(),
        Some(Event::Start(Tag::Paragraph))
    )
}

/// `text` with the info string of every fence marked `from` replaced by `to`.
pub fn mark_rust_examples(text: &str, from: &str, to: &str) -> String {
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event
            && squeeze(&info) == from
            && let Some(fence) = Fence::at(text, range.start)
        {
            edits.push((fence.info, to.to_owned()));
        }
    }
    apply(text, edits).unwrap_or_else(|| text.to_owned())
}

/// `text` without white space.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `src` with `edits` applied, in order; an edit overlapping an earlier one is left for the next
/// round. `None` if there are none.
fn apply(src: &str, mut edits: Vec<(Range<usize>, String)>) -> Option<String> {
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(src.len() + 64);
    let mut at = 0;
    for (range, with) in edits {
        let Some(before) = src.get(at..range.start) else {
            continue;
        };
        if range.end > src.len() || !src.is_char_boundary(range.end) {
            continue;
        }
        out.push_str(before);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(src.get(at..).unwrap_or_default());
    Some(out)
}

/// The containers a line is in, for the prefix its continuation lines need.
#[derive(Clone, Copy)]
enum Container {
    Quote,
    /// A list item whose text starts this many columns after its marker.
    Item(usize),
}

/// The opening line of a fenced code block.
struct Fence {
    marker: char,
    length: usize,
    /// The info string after the marker, to the end of the line.
    info: Range<usize>,
    /// Where the opening line ends (its `\n`, or the end of the text).
    line_end: usize,
}

impl Fence {
    fn at(src: &str, start: usize) -> Option<Fence> {
        let rest = src.get(start..)?;
        let marker = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let length = rest.len() - rest.trim_start_matches(marker).len();
        let line_end = rest.find('\n').map_or(src.len(), |n| start + n);
        Some(Fence {
            marker,
            length,
            info: start + length..line_end,
            line_end,
        })
    }
}

/// The walk over one parse of the text, collecting edits.
struct Round<'a> {
    src: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    rust_info: &'a str,
    edits: Vec<(Range<usize>, String)>,
    containers: Vec<Container>,
    /// For each link or image the walk is in, whether it is kept as a link.
    links: Vec<bool>,
    footnotes: usize,
    /// Consecutive text events (and the escapes between them) not yet looked at.
    run: Option<Range<usize>>,
}

impl Round<'_> {
    fn walk(&mut self) -> Result<(), Unsettled> {
        let mut i = 0;
        while let Some((event, range)) = self.events.get(i).cloned() {
            if !matches!(event, Event::Text(_)) {
                self.flush();
            }
            match event {
                Event::Text(_) => self.extend_run(range),
                Event::Start(Tag::CodeBlock(kind)) => {
                    i = self.code_block(i, &kind, range)?;
                    continue;
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    self.quote(range.start);
                    self.containers.push(Container::Quote);
                }
                Event::Start(Tag::Item) => {
                    let indent = self.item_indent(i, &range);
                    self.containers.push(Container::Item(indent));
                }
                Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => {
                    self.containers.pop();
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    let keep = kept(link_type, &dest_url);
                    self.links.push(keep);
                    if !keep {
                        self.unlink(i, range);
                    }
                }
                Event::Start(Tag::Image { .. }) => {
                    self.links.push(false);
                    self.unlink(i, range);
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    self.links.pop();
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    self.footnotes += 1;
                    self.unlink(i, range);
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    self.footnotes = self.footnotes.saturating_sub(1);
                }
                Event::Html(_)
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_) => self.escape(range),
                Event::SoftBreak | Event::HardBreak => self.continuation(i, &range),
                _ => {}
            }
            i += 1;
        }
        self.flush();
        Ok(())
    }

    fn replace(&mut self, range: Range<usize>, with: String) {
        if self.src.get(range.clone()) != Some(with.as_str()) {
            self.edits.push((range, with));
        }
    }

    /// Shows `range` as the text it was written as.
    fn escape(&mut self, range: Range<usize>) {
        if let Some(slice) = self.src.get(range.clone()) {
            self.replace(range, escape_markup(slice));
        }
    }

    fn extend_run(&mut self, range: Range<usize>) {
        let joined = match &mut self.run {
            Some(run)
                if run.end <= range.start
                    && self.src[run.end..range.start].chars().all(|c| c == '\\') =>
            {
                run.end = range.end;
                true
            }
            _ => false,
        };
        if !joined {
            self.flush();
            let mut start = range.start;
            // An escape before the first text event is not in any event.
            if preceding_backslashes(self.src, start) % 2 == 1 {
                start -= 1;
            }
            self.run = Some(start..range.end);
        }
    }

    /// Escapes the brackets of the pending text run, and makes its bare URLs autolinks (not
    /// inside a link, which cannot hold another).
    fn flush(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        let in_link = self.links.iter().any(|kept| *kept);
        if let Some(slice) = self.src.get(run.clone()) {
            self.replace(run, escape_text(slice, !in_link));
        }
    }

    /// A reference definition (`[label]: target`), which rustdoc could resolve as an item path:
    /// its label escaped, so it reads as text.
    fn definition(&mut self, span: Range<usize>) {
        let Some(slice) = self.src.get(span.clone()) else {
            return;
        };
        let mut escaped = false;
        for (n, c) in slice.char_indices() {
            match c {
                '\\' => escaped = !escaped,
                ']' if !escaped => {
                    self.escape(span.start..span.start + n + 1);
                    return;
                }
                _ => escaped = false,
            }
        }
    }

    /// A link, image or footnote definition shown as text: its own syntax (everything around
    /// its children) escaped, the children left to the walk.
    fn unlink(&mut self, i: usize, range: Range<usize>) {
        let end = matching_end(&self.events, i);
        let children = self.events.get(i + 1..end).unwrap_or_default();
        match (children.first(), children.last()) {
            (Some((_, first)), Some((_, last)))
                if first.start >= range.start && last.end <= range.end =>
            {
                let (first, last) = (first.start, last.end);
                self.escape(range.start..first);
                self.escape(last..range.end);
            }
            _ => self.escape(range),
        }
    }

    /// A quote's `>` gets a space after it (rustdoc warns of `>text` as unportable).
    fn quote(&mut self, start: usize) {
        let rest = self.src.get(start..).unwrap_or_default();
        if rest.starts_with('>') && !rest[1..].starts_with([' ', '\n']) && rest.len() > 1 {
            self.edits.push((start + 1..start + 1, " ".to_owned()));
        }
    }

    /// How far a list item's text is from its marker, as clippy measures it.
    fn item_indent(&self, i: usize, item: &Range<usize>) -> usize {
        let Some((next, range)) = self.events.get(i + 1) else {
            return 0;
        };
        let mut start = match next {
            Event::End(TagEnd::Item) => range.end,
            _ => range.start,
        };
        if start > 0 && self.src.as_bytes().get(start - 1) == Some(&b'\\') {
            start -= 1;
        }
        start.saturating_sub(item.start)
    }

    /// The prefix a continuation line needs in the current containers.
    fn prefix(&self) -> String {
        self.containers
            .iter()
            .map(|c| match c {
                Container::Quote => "> ".to_owned(),
                Container::Item(indent) => " ".repeat(*indent),
            })
            .collect()
    }

    /// A line continuing a paragraph in a list item or quote gets exactly the indentation (or
    /// the `>`) of its container, so it is not a lazy continuation (clippy's
    /// `doc_lazy_continuation` and `doc_overindented_list_items`).
    fn continuation(&mut self, i: usize, range: &Range<usize>) {
        if self.containers.is_empty() || self.footnotes > 0 {
            return;
        }
        let Some((next, next_range)) = self.events.get(i + 1) else {
            return;
        };
        if matches!(next, Event::End(_)) || next_range.start < range.end {
            return;
        }
        let gap = &self.src[range.end..next_range.start];
        let lead = gap.len() - gap.trim_start_matches([' ', '>']).len();
        let lead = range.end..range.end + lead;
        let quotes = self
            .containers
            .iter()
            .filter(|c| matches!(c, Container::Quote))
            .count();
        // In a quote, clippy wants every `>`; in list items alone, exactly their indentation.
        let lazy = gap.matches('>').count() < quotes
            || (quotes == 0 && gap.matches(' ').count() != self.prefix().len());
        if lazy {
            self.replace(lead, self.prefix());
        }
    }

    /// A code block becomes a closed ```` ```text ```` block (or stays the spec's Rust example);
    /// returns the index of the event after it.
    fn code_block(
        &mut self,
        i: usize,
        kind: &CodeBlockKind<'_>,
        range: Range<usize>,
    ) -> Result<usize, Unsettled> {
        let end = matching_end(&self.events, i);
        let texts: Vec<Range<usize>> = self
            .events
            .get(i + 1..end)
            .unwrap_or_default()
            .iter()
            .map(|(_, r)| r.clone())
            .collect();
        match kind {
            CodeBlockKind::Fenced(info) => self.fenced(info, &range, &texts)?,
            CodeBlockKind::Indented => self.indented(&range, &texts)?,
        }
        Ok(end + 1)
    }

    fn fenced(
        &mut self,
        info: &str,
        range: &Range<usize>,
        texts: &[Range<usize>],
    ) -> Result<(), Unsettled> {
        let fence = Fence::at(self.src, range.start).ok_or(Unsettled)?;
        let wanted = if squeeze(info) == self.rust_info {
            self.rust_info
        } else {
            "text"
        };
        self.replace(fence.info.clone(), wanted.to_owned());
        let content_end = texts
            .last()
            .map_or((fence.line_end + 1).min(range.end), |t| t.end);
        let closed = self
            .src
            .get(content_end.min(range.end)..range.end)
            .is_some_and(|rest| rest.contains(fence.marker));
        if !closed {
            let prefix =
                container_prefix(&self.src[line_start(self.src, range.start)..range.start]);
            let marker = fence.marker.to_string().repeat(fence.length);
            self.close(range.end, &format!("{prefix}{marker}"));
        }
        Ok(())
    }

    /// An indented code block (which rustdoc would compile) fenced as text: a fence line before
    /// and after it, its lines out-dented by the 4 spaces that made it code.
    fn indented(&mut self, range: &Range<usize>, texts: &[Range<usize>]) -> Result<(), Unsettled> {
        let start = line_start(self.src, range.start);
        let lead = &self.src[start..range.start];
        let container = lead.strip_suffix("    ").ok_or(Unsettled)?;
        let prefix = container_prefix(container);
        let content = self.src.get(range.clone()).unwrap_or_default();
        let fence = "`".repeat(crate::doc_text::longest_run(content, '`').max(2) + 1);
        // The opening fence takes the place of the 4 spaces on the first line, after the
        // container's own prefix (a list marker stays where it is).
        self.edits.push((
            range.start - 4..range.start,
            format!("{fence}text\n{prefix}"),
        ));
        for text in texts.iter().filter(|t| t.start > range.start) {
            let line = line_start(self.src, text.start);
            if text.start >= line + 4
                && &self.src[text.start - 4..text.start] == "    "
                && self.src[line..text.start - 4]
                    .chars()
                    .all(|c| matches!(c, ' ' | '>'))
            {
                self.edits.push((text.start - 4..text.start, String::new()));
            }
        }
        self.close(range.end, &format!("{prefix}{fence}"));
        Ok(())
    }

    /// Adds the closing `line` of a block that ends at `end`.
    fn close(&mut self, end: usize, line: &str) {
        let text = if self.src[..end].ends_with('\n') {
            format!("{line}\n")
        } else {
            format!("\n{line}")
        };
        self.edits.push((end..end, text));
    }
}

/// Whether a link stays a link: an inline link or autolink to the web, or an e-mail autolink.
/// Anything else (a reference, a relative target, which rustdoc resolves as an item path, or
/// another scheme) is shown as text.
fn kept(link_type: LinkType, dest: &str) -> bool {
    let dest = dest.trim().to_ascii_lowercase();
    match link_type {
        LinkType::Inline | LinkType::Autolink => {
            dest.starts_with("https://")
                || dest.starts_with("http://")
                || dest.starts_with("mailto:")
        }
        LinkType::Email => true,
        LinkType::ShortcutUnknown | LinkType::CollapsedUnknown => dest == ITEM_LINK,
        _ => false,
    }
}

/// The index of the `End` event matching the `Start` at `i`.
fn matching_end(events: &[(Event<'_>, Range<usize>)], i: usize) -> usize {
    let mut depth = 0usize;
    for (n, (event, _)) in events.iter().enumerate().skip(i) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return n;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// Where the line holding byte `at` starts.
fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// The prefix of a line inside the same containers as `lead` (the text before a block on its
/// first line): quote markers kept, list markers as spaces.
fn container_prefix(lead: &str) -> String {
    lead.chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect()
}

/// How many backslashes come right before byte `at`.
fn preceding_backslashes(src: &str, at: usize) -> usize {
    src[..at].chars().rev().take_while(|c| *c == '\\').count()
}

/// `slice` with the characters that could start markup here (`[`, `]`, `<`) escaped; escapes
/// already there are kept.
fn escape_markup(slice: &str) -> String {
    escape(slice, false, &['[', ']', '<'])
}

/// Text: brackets escaped (so nothing is read as an intra-doc link) and, if `wrap_urls`, bare
/// URLs made autolinks.
fn escape_text(slice: &str, wrap_urls: bool) -> String {
    escape(slice, wrap_urls, &['[', ']'])
}

fn escape(slice: &str, wrap_urls: bool, special: &[char]) -> String {
    let mut out = String::with_capacity(slice.len() + 8);
    let mut rest = slice;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '\\'
            && let Some(next) = after.chars().next().filter(char::is_ascii_punctuation)
        {
            out.push(c);
            out.push(next);
            rest = &after[1..];
            continue;
        }
        if wrap_urls && let Some(url) = url_at(rest) {
            out.push('<');
            out.push_str(&unescape(url));
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
        rest = after;
    }
    out
}

/// Backslash escapes removed (inside an autolink they would be taken literally).
fn unescape(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut chars = url.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The `http://` or `https://` URL `text` starts with, up to white space or a character that
/// cannot be in an autolink, less trailing punctuation (and an unmatched `)`).
pub fn url_at(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let starts = |scheme: &[u8]| {
        bytes
            .get(..scheme.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(scheme))
    };
    let scheme = if starts(b"https://") {
        8
    } else if starts(b"http://") {
        7
    } else {
        return None;
    };
    let end = text
        .find(|c: char| c.is_whitespace() || c.is_control() || "<>\"`[]".contains(c))
        .unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let trimmed =
            url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~', '\\']);
        let unmatched =
            trimmed.ends_with(')') && trimmed.matches(')').count() > trimmed.matches('(').count();
        let trimmed = if unmatched {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > scheme).then_some(url)
}

//! Reading a large spec in two halves on two threads: the YAML parse is most of the time a
//! large spec takes to check, and it is one pass over the text. The text is cut between two
//! entries of `resources:`; each half keeps every line at its place (the other half's lines are
//! left empty), so lines and columns in the halves are the file's.
//!
//! The halves are only an optimisation. Whatever the halves cannot read (a cut that is not
//! safe, an alias in one half naming an anchor of the other, a resource in both halves, any
//! error at all, more nodes than half the budget), the caller reads the whole text in one pass
//! instead, so a spec is accepted, refused and reported exactly as the one-pass read would.

use super::{Api, Map, Resource};
use serde::Deserialize;

/// Specs shorter than this are read in one pass: a thread costs more than it saves.
pub const MIN_BYTES: usize = 256 * 1024;

/// The second half: entries of `resources:` only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Resources {
    resources: Map<Resource>,
}

/// Where to cut `text`, as the two halves' texts, or `None` if no cut is known to be safe.
///
/// A cut is safe when the document is a block mapping whose top-level keys each start a line
/// at column 0 (no `---`, `...`, directives, flow mapping or indented top-level keys), with one
/// `resources:` key holding a block mapping whose entries are at column 2; the cut is at the
/// start of such an entry. In block YAML, a line at the indentation of a mapping's entries that
/// starts with a plain key and `:` starts an entry of that mapping: block and plain scalars
/// continue only on lines indented deeper, and a flow collection or quoted scalar left open at
/// the cut makes the first half fail to read, which sends the caller to the one-pass read.
pub fn cut(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut header = None;
    let mut end = lines.len();
    let mut keys = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first == ' ' || first == '#' || line.trim().is_empty() {
            continue;
        }
        let key = top_level_key(line)?;
        if !keys.insert(key) {
            return None;
        }
        if header.is_some() && end == lines.len() {
            end = i;
        }
        if key == "resources" {
            if line.trim_end() != "resources:" {
                return None;
            }
            header = Some(i);
        }
    }
    let header = header?;
    let body = header + 1..end;
    let first_entry = lines[body.clone()]
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    if indentation(first_entry) != 2 {
        return None;
    }
    // The entry nearest the middle of the text (by bytes), not the first one.
    let total: usize = lines.iter().map(|l| l.len()).sum();
    let mut before = lines[..body.start].iter().map(|l| l.len()).sum::<usize>();
    let mut at = None;
    for i in body.clone() {
        if i > body.start && indentation(lines[i]) == 2 && entry_key(lines[i]) {
            at = Some(i);
            if before >= total / 2 {
                break;
            }
        }
        before += lines[i].len();
    }
    let at = at?;
    let (mut first, mut second) = (Half::default(), Half::default());
    for (i, line) in lines.iter().enumerate() {
        let in_second = i >= at && i < body.end;
        first.push(line, !in_second);
        second.push(line, in_second || i == header);
    }
    let (first, second) = (first.text, second.text);
    Some((first, second))
}

/// The text of one half: the file's lines that belong to it, and an empty line for each of
/// the others, so that lines and columns are the file's. The first line of each run of the
/// others is a `#` instead: at column 0, it ends whatever the line before it left open in block
/// style (a `|+` scalar would otherwise keep the empty lines).
#[derive(Default)]
struct Half {
    text: String,
    /// Whether the last line pushed was one of the others.
    other: bool,
}

impl Half {
    fn push(&mut self, line: &str, ours: bool) {
        if ours {
            self.text.push_str(line);
        } else {
            if !self.other {
                self.text.push('#');
            }
            self.text
                .push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
        }
        self.other = !ours;
    }
}

/// The key a top-level line starts, if it is a plain key followed by `:` and a space or the end
/// of the line.
fn top_level_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let ends = rest.is_empty() || rest.starts_with([' ', '\n', '\r']);
    (plain && ends && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())).then_some(key)
}

/// Whether a line (indentation already checked) starts a plain key followed by `:`.
fn entry_key(line: &str) -> bool {
    top_level_key(line.trim_start_matches(' ')).is_some()
}

/// The number of spaces a line starts with.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Reads the halves of a cut on two threads, each with half of `options`' node budget, and puts
/// them together. `None` if either half fails or a resource appears in both: the caller then
/// reads the whole text.
pub fn read(
    first: &str,
    second: &str,
    options: impl Fn() -> serde_saphyr::Options + Sync,
) -> Option<Api> {
    let (api, rest) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn_scoped(scope, || {
                serde_saphyr::from_str_with_options::<Resources>(second, options()).ok()
            })
            .ok()?;
        let api = serde_saphyr::from_str_with_options::<Api>(first, options()).ok();
        Some((api, other.join().ok()?))
    })?;
    let (mut api, rest) = (api?, rest?);
    // Keys are compared by name: a spanned key is equal only to one at the same place.
    let names: std::collections::HashSet<&str> =
        api.resources.keys().map(|k| k.value.as_str()).collect();
    if rest
        .resources
        .keys()
        .any(|k| names.contains(k.value.as_str()))
    {
        return None;
    }
    api.resources.extend(rest.resources);
    Some(api)
}

#[cfg(test)]
mod tests {
    use super::super::{load_in_halves, load_whole};
    use super::*;

    const NIRVANA: &str = include_str!("../../../spec/nirvana.yaml");
    const ECS: &str = include_str!("../../../spec/ecs.yaml");

    /// What `text` reads as, positions included, through the halves (when `halves`) or in one
    /// pass: the parsed spec's `Debug` text, or the diagnostic's.
    fn outcome(text: &str, halves: bool) -> String {
        let read = if halves {
            load_in_halves("spec/x.yaml", text, crate::spec::MAX_NODES)
        } else {
            load_whole("spec/x.yaml", text, crate::spec::MAX_NODES)
        };
        match read {
            Ok(file) => positions(&format!("{:?}", file.api)),
            Err(diagnostic) => format!("error: {diagnostic:?}"),
        }
    }

    /// A parsed spec's `Debug` text without byte offsets (`span: Span {..}`), which the halves
    /// do not keep: every value, line and column stays.
    fn positions(debug: &str) -> String {
        let mut out = String::with_capacity(debug.len());
        let mut rest = debug;
        while let Some(start) = rest.find("span: Span {") {
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let end = after.find('}').map_or(after.len(), |e| e + 1);
            rest = &after[end..];
        }
        out.push_str(rest);
        assert!(out.contains("line: ") && out.contains("column: "));
        out
    }

    /// Reads `text` through the halves, which must take it, and in one pass: the same spec,
    /// with the same positions.
    fn same_through_halves(text: &str) {
        let (first, second) = cut(text).expect("the spec is cut");
        assert_eq!(first.lines().count(), text.lines().count());
        assert_eq!(second.lines().count(), text.lines().count());
        let options = || crate::spec::options(crate::spec::MAX_NODES / 2);
        let halves = read(&first, &second, options).expect("both halves read");
        let whole =
            load_whole("spec/x.yaml", text, crate::spec::MAX_NODES).expect("the spec reads");
        assert_eq!(
            positions(&format!("{halves:?}")),
            positions(&format!("{:?}", whole.api))
        );
    }

    #[test]
    fn a_spec_reads_the_same_in_halves_and_in_one_pass() {
        same_through_halves(ECS);
    }

    /// Nirvana's resources repeat parameters through aliases (`*vm_id`) whose anchors are in
    /// the first half: the second half cannot read them, and the spec is read in one pass.
    #[test]
    fn aliases_across_the_cut_send_the_spec_to_the_one_pass_read() {
        let (first, second) = cut(NIRVANA).expect("the spec is cut");
        let options = || crate::spec::options(crate::spec::MAX_NODES / 2);
        assert!(read(&first, &second, options).is_none());
        assert_eq!(outcome(NIRVANA, true), outcome(NIRVANA, false));
        assert!(!outcome(NIRVANA, true).starts_with("error"));
    }

    #[test]
    fn the_cut_is_between_two_resources_near_the_middle() {
        let (first, second) = cut(NIRVANA).expect("the spec is cut");
        let at = second
            .lines()
            .position(|l| !["", "#", "resources:"].contains(&l))
            .expect("the second half has resources");
        let line = NIRVANA.lines().nth(at).expect("the line exists");
        assert!(line.starts_with("  ") && !line.starts_with("   "), "{line}");
        assert_eq!(first.lines().nth(at), Some("#"));
        let share = first.trim().len() as f64 / NIRVANA.len() as f64;
        assert!((0.3..0.7).contains(&share), "{share}");
    }

    /// Texts the halves must not cut: each is read in one pass.
    #[test]
    fn no_cut_where_a_line_at_column_two_may_not_start_a_resource() {
        let resources = "resources:\n  a:\n    doc: x\n  b:\n    doc: y\n";
        assert!(cut(&format!("name: x\n{resources}")).is_some());
        for text in [
            format!("---\nname: x\n{resources}"),
            format!("%YAML 1.2\n---\nname: x\n{resources}"),
            format!("name: x\n{resources}resources:\n  c: {{}}\n"),
            "name: x\nresources:\n    a:\n      doc: x\n    b:\n      doc: y\n".to_owned(),
            "name: x\nresources:\n a:\n  methods: {}\n b:\n  doc: y\n".to_owned(),
            "name: x\nresources: &all\n  a:\n    doc: x\n  b:\n    doc: y\n".to_owned(),
            "name: x\nresources: {a: {doc: x},\n  b: {doc: y}}\n".to_owned(),
            format!("{{name: x}}\n{resources}"),
            format!("\"name\": x\n{resources}"),
            format!("name: x\n\t{resources}"),
        ] {
            assert!(cut(&text).is_none(), "{text}");
        }
    }

    /// A spec with 40 `resources` entries of the form `rN: {doc: ...}` after `head`, then
    /// `middle`, 40 more, and `tail` as its last lines.
    fn big_spec(head: &str, middle: &str, tail: &str) -> String {
        let mut text = format!(
            "name: big\ntitle: Big\nbase_url: https://x.example\nauth: []\n{head}resources:\n"
        );
        for n in 0..40 {
            text.push_str(&format!("  r{n}:\n    doc: resource {n}\n"));
        }
        text.push_str(middle);
        for n in 0..40 {
            text.push_str(&format!("  s{n}:\n    doc: |+\n      resource {n}\n\n"));
        }
        text.push_str(tail);
        text
    }

    /// Whatever the halves cannot read is read in one pass: the same spec or the same
    /// diagnostic as without the halves.
    #[test]
    fn a_spec_the_halves_cannot_read_reads_as_in_one_pass() {
        let cases = [
            // An alias in the second half naming an anchor of the first.
            big_spec(
                "",
                "  anchored:\n    doc: &shared shared text\n",
                "  aliased:\n    doc: *shared\n",
            ),
            // A resource in both halves.
            big_spec("", "  twice:\n    doc: a\n", "  twice:\n    doc: b\n"),
            // A mistake in the second half.
            big_spec("", "", "  broken:\n    methods: [\n"),
            big_spec("", "", "  broken:\n    unknown_key: 1\n"),
            // A mistake in the first half.
            big_spec("types: {\n", "", ""),
            // Keys after `resources:`.
            big_spec("", "", "waiters: {}\n"),
            // Fine as it is.
            big_spec("types:\n  T: {fields: {a: {type: string}}}\n", "", ""),
        ];
        for text in &cases {
            assert_eq!(outcome(text, true), outcome(text, false));
        }
        // The ones that read through the halves did so (and the others did not).
        let through: Vec<bool> = cases
            .iter()
            .map(|text| {
                cut(text).is_some_and(|(a, b)| {
                    read(&a, &b, || crate::spec::options(crate::spec::MAX_NODES / 2)).is_some()
                })
            })
            .collect();
        assert_eq!(through, [false, false, false, false, false, true, true]);
    }

    /// The node budget holds for the spec as a whole: each half reads at most half of it, so a
    /// spec that needs all of it is read in one pass, and one that needs more is refused as in
    /// one pass.
    #[test]
    fn the_node_budget_is_the_whole_specs() {
        let text = big_spec("", "", "");
        let fits = |nodes| load_whole("spec/x.yaml", &text, nodes).is_ok();
        let least = (1..100_000)
            .find(|&n| fits(n))
            .expect("the spec fits a budget");
        let (first, second) = cut(&text).expect("the spec is cut");
        assert!(read(&first, &second, || crate::spec::options(least / 2)).is_none());
        assert!(load_in_halves("spec/x.yaml", &text, least).is_ok());
        let over = load_in_halves("spec/x.yaml", &text, least - 1);
        let whole = load_whole("spec/x.yaml", &text, least - 1);
        assert!(over.is_err());
        assert_eq!(format!("{:?}", over.err()), format!("{:?}", whole.err()));
    }
}

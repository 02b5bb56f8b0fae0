//! Example strings for a `pattern:`: the shortest string the regular expression matches, read
//! from its syntax tree (the first alternative, the fewest repetitions, the first letter or
//! digit of a class), so the generated tests send values a validator of the original document
//! accepts. A pattern with look-around or word boundaries gives none (the example stays the
//! name-derived one).

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A string `pattern` matches, if the pattern is one this can follow.
pub fn example(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut out = String::new();
    if !write(&hir, &mut out, 0) {
        return None;
    }
    if out.is_empty() {
        // An empty value is rarely meant (a `minLength` often goes with the pattern): each
        // repetition once instead.
        write(&hir, &mut out, 1);
    }
    Some(out)
}

/// Appends the shortest match of `hir` to `out`, each repetition at least `least` times;
/// `false` if it cannot be made.
fn write(hir: &Hir, out: &mut String, least: u32) -> bool {
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => {
                out.push_str(text);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(class)) => {
            let ranges: Vec<(char, char)> = class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect();
            pick(&ranges).map(|c| out.push(c)).is_some()
        }
        HirKind::Class(Class::Bytes(class)) => {
            let ranges: Vec<(char, char)> = class
                .ranges()
                .iter()
                .filter(|r| r.start() < 0x80)
                .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
                .collect();
            pick(&ranges).map(|c| out.push(c)).is_some()
        }
        HirKind::Look(look) => matches!(
            look,
            Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
        ),
        HirKind::Repetition(repetition) => {
            let times = repetition
                .min
                .max(least.min(repetition.max.unwrap_or(u32::MAX)));
            (0..times).all(|_| write(&repetition.sub, out, least))
        }
        HirKind::Capture(capture) => write(&capture.sub, out, least),
        HirKind::Concat(parts) => parts.iter().all(|part| write(part, out, least)),
        HirKind::Alternation(choices) => choices
            .first()
            .is_some_and(|first| write(first, out, least)),
    }
}

/// A character of a class: its first ASCII letter or digit, else its first printable
/// character.
fn pick(ranges: &[(char, char)]) -> Option<char> {
    let within = |c: char| ranges.iter().any(|(a, b)| *a <= c && c <= *b);
    ('a'..='z')
        .chain('0'..='9')
        .chain('A'..='Z')
        .find(|c| within(*c))
        .or_else(|| (' '..='~').find(|c| within(*c)))
        .or_else(|| ranges.iter().map(|(a, _)| *a).find(|c| !c.is_control()))
}

#[cfg(test)]
mod tests {
    use super::example;

    #[test]
    fn shortest_matches_of_the_patterns_of_published_documents() {
        assert_eq!(
            example(r"^\d+\.\d+\.\d+([\-\+].+)?$").as_deref(),
            Some("0.0.0")
        );
        assert_eq!(
            example(r"^(([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\.){3}([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])/([8-9]|1[0-9]|2[0-9]|3[0-2])$").as_deref(),
            Some("0.0.0.0/8")
        );
        assert_eq!(
            example("^[a-z][a-z0-9-]*[a-zA-Z0-9]$").as_deref(),
            Some("aa")
        );
        assert_eq!(example("^[^a-z]{2}x$").as_deref(), Some("00x"));
        assert_eq!(example("^(?:abc|d)+$").as_deref(), Some("abc"));
        // Not empty: each repetition once.
        assert_eq!(example("^.*$").as_deref(), Some("a"));
        assert_eq!(example("^[a-z]*(x)?$").as_deref(), Some("ax"));
        // Look-around is not read: no example.
        assert_eq!(example("^(?!x)[a-z]$"), None);
        assert_eq!(example(r"\bword\b"), None);
        assert_eq!(example("("), None);
    }
}

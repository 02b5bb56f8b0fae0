//! Tests of the conversion of spec descriptions into documentation text: each rule on its own,
//! and a property test that no input leaves anything rustdoc would compile, link or warn about.

use super::*;
use proptest::prelude::*;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

fn doc(text: &str) -> String {
    Doc::from_spec(text)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn plain_prose_is_kept_byte_for_byte() {
    for text in [
        "Restart a VM.",
        "The job failed; `error_code` and `fail_reason` say why.",
        "Usage dimension being priced (e.g. `compute_vcpu`, `storage_abs_gb`).",
        "First paragraph.\n\nSecond, with *emphasis*, **strong** and `code [x] <y>`.",
        "- one\n- two\n  continued\n\n1. first\n2. second",
        "# Heading\n\nText & more > less, 5 < 6.",
    ] {
        assert_eq!(doc(text), text);
    }
}

/// The shortcut for one line of plain prose gives what the full Markdown rewrite gives, for
/// every description in the project's specs and for random lines of the characters it accepts.
#[test]
fn plain_sentences_skip_the_rewrite_with_the_same_result() {
    let full = |text: &str| Doc::rewritten(normalize(text), &|_| false);
    let mut texts: Vec<String> = Vec::new();
    for spec in ["nirvana.yaml", "ecs.yaml"] {
        let path = format!("{}/../spec/{spec}", env!("CARGO_MANIFEST_DIR"));
        let yaml = std::fs::read_to_string(&path).expect("the project's specs");
        texts.extend(
            yaml.lines()
                .filter_map(|l| l.trim_start().strip_prefix("doc: "))
                .map(|d| d.trim_matches(['"', '\'']).to_owned()),
        );
    }
    let alphabet: Vec<char> = "aZ09 .,;:'\"()/?%=+@$-wh".chars().collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let len = 1 + (seed >> 58) as usize;
        let text: String = (0..len)
            .map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()])
            .collect();
        texts.push(format!("a{text}"));
    }
    texts.extend(
        [
            "a -- b",
            "Why: (see x) 1) b",
            "a  b",
            "Per cent: 50% = half",
            "x:/y",
        ]
        .map(String::from),
    );
    let mut plain = 0;
    for text in &texts {
        let normalized = normalize(text);
        if normalized.is_empty() || !is_plain_sentence(&normalized) {
            continue;
        }
        plain += 1;
        assert_eq!(
            Doc::from_spec(text),
            Some(full(text)),
            "the shortcut and the rewrite differ on {text:?}"
        );
    }
    assert!(plain > 10_000, "only {plain} plain texts were compared");
}

#[test]
fn empty_descriptions_give_no_doc() {
    assert_eq!(Doc::from_spec(""), None);
    assert_eq!(Doc::from_spec(" \r\n\t\n"), None);
    assert_eq!(Doc::from_option(None), None);
}

#[test]
fn code_blocks_become_text_blocks() {
    assert_eq!(
        doc("```\npanic!(\"ran\")\n```"),
        "```text\npanic!(\"ran\")\n```"
    );
    assert_eq!(
        doc("```rust\nfn main() {}\n```"),
        "```text\nfn main() {}\n```"
    );
    assert_eq!(doc("```json\n{}\n```"), "```text\n{}\n```");
    assert_eq!(doc("~~~ignore\n```\n~~~"), "~~~text\n```\n~~~");
    assert_eq!(
        doc("text\n\n````\n```\n````"),
        "text\n\n````text\n```\n````"
    );
}

#[test]
fn unclosed_code_blocks_are_closed() {
    assert_eq!(doc("```rust\nunclosed"), "```text\nunclosed\n```");
    assert_eq!(doc("```"), "```text\n```");
    assert_eq!(
        doc("- ```\n  in an item\nafter"),
        "- ```text\n  in an item\n  ```\nafter"
    );
    assert_eq!(doc("> ```\n> quoted"), "> ```text\n> quoted\n> ```");
}

#[test]
fn indented_code_becomes_a_text_block() {
    assert_eq!(
        doc("para\n\n    code line\n      more\n\nafter"),
        "para\n\n```text\ncode line\n  more\n```\n\nafter"
    );
    assert_eq!(
        doc("- item\n\n      code in item\n"),
        "- item\n\n  ```text\n  code in item\n  ```"
    );
    // A tab indents by 4, so a tab-indented line is code too.
    assert_eq!(doc("intro\n\n\tcode"), "intro\n\n```text\ncode\n```");
}

#[test]
fn only_a_marked_example_stays_rust_and_is_never_run() {
    assert_eq!(
        doc("```rust,doctest\nlet x = 1;\n```"),
        "```rust,no_run\nlet x = 1;\n```"
    );
    assert_eq!(
        doc("```rust, doctest\nlet x = 1;\n```"),
        "```rust,no_run\nlet x = 1;\n```"
    );
    for info in [
        "rust,no_run",
        "rust,should_panic",
        "doctest",
        "rust,doctest,ignore",
    ] {
        assert_eq!(doc(&format!("```{info}\nx\n```")), "```text\nx\n```");
    }
}

#[test]
fn bare_urls_become_autolinks() {
    assert_eq!(
        doc("See https://example.com/docs, or http://x.example/a_b."),
        "See <https://example.com/docs>, or <http://x.example/a_b>."
    );
    assert_eq!(
        doc("(see https://y.com/a) and (https://y.com/f(x))"),
        "(see <https://y.com/a>) and (<https://y.com/f(x)>)"
    );
    assert_eq!(doc("https://x.example/a\\_b"), "<https://x.example/a_b>");
    // Already links, or code: left alone.
    for text in [
        "<https://example.com>",
        "[the docs](https://example.com/docs)",
        "`https://example.com`",
        "[https://example.com](https://example.com)",
    ] {
        assert_eq!(doc(text), text);
    }
}

#[test]
fn brackets_and_html_are_text() {
    assert_eq!(doc("[required]"), "\\[required\\]");
    assert_eq!(doc("a \\[x\\] b"), "a \\[x\\] b");
    assert_eq!(doc("List<String>"), "List\\<String>");
    assert_eq!(doc("A <b>bold</b> word"), "A \\<b>bold\\</b> word");
    assert_eq!(doc("<!-- hidden -->"), "\\<!-- hidden -->");
    assert_eq!(doc("<div>\n[x]\n</div>"), "\\<div>\n\\[x\\]\n\\</div>");
    assert_eq!(doc("x [^1]\n\n[^1]: note"), "x \\[^1\\]\n\n\\[^1\\]: note");
}

#[test]
fn only_web_links_stay_links() {
    assert_eq!(doc("[b](Vec)"), "\\[b\\](Vec)");
    assert_eq!(doc("[a](#anchor)"), "\\[a\\](#anchor)");
    assert_eq!(doc("<javascript:alert(1)>"), "\\<javascript:alert(1)>");
    assert_eq!(doc("![chart](chart.png)"), "!\\[chart\\](chart.png)");
    assert_eq!(doc("<ops@example.com>"), "<ops@example.com>");
    assert_eq!(
        doc("[mail](mailto:ops@example.com)"),
        "[mail](mailto:ops@example.com)"
    );
    assert_eq!(
        doc("[foo]: http://x\n\nsee [a][foo]"),
        "\\[foo\\]: <http://x>\n\nsee \\[a\\]\\[foo\\]"
    );
}

#[test]
fn items_in_scope_stay_intra_doc_links() {
    let items = |name: &str| name == "Operation";
    let linked = |text: &str| Doc::with_links(text, &items).map(|d| d.to_string());
    assert_eq!(
        linked("An [`Operation`] or [Operation]."),
        Some("An [`Operation`] or [Operation].".to_owned())
    );
    assert_eq!(
        linked("Not [`Nope`], nor [text][`Operation`]."),
        Some("Not \\[`Nope`\\], nor \\[text\\]\\[`Operation`\\].".to_owned())
    );
    assert_eq!(doc("An [`Operation`]."), "An \\[`Operation`\\].");
}

#[test]
fn continuation_lines_get_their_containers_indentation() {
    assert_eq!(
        doc("- a list\nfollowed by a line"),
        "- a list\n  followed by a line"
    );
    assert_eq!(doc("1. one\n2. two\nmore"), "1. one\n2. two\n   more");
    assert_eq!(doc("- a\n  - b\n  c"), "- a\n  - b\n    c");
    assert_eq!(doc("- a\n        over-indented"), "- a\n  over-indented");
    assert_eq!(doc("> quote\nlazy"), "> quote\n> lazy");
    assert_eq!(doc(">quote"), "> quote");
}

#[test]
fn line_ends_tabs_and_control_characters_are_normalised() {
    assert_eq!(doc("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
    assert_eq!(doc("tab\there"), "tab here");
    assert_eq!(doc("x\u{202E}y\u{0}z\u{7}"), "xyz");
    assert_eq!(doc("trailing   \nspaces "), "trailing\nspaces");
    assert_eq!(doc("\n\n  indented\n  block\n\n"), "indented\nblock");
}

#[test]
fn whether_a_doc_can_follow_words_on_a_line() {
    let starts = |text: &str| Doc::from_spec(text).map(|d| d.begins_with_paragraph());
    assert_eq!(starts("the region."), Some(true));
    assert_eq!(starts("- a list"), Some(false));
    assert_eq!(starts("```\ncode\n```"), Some(false));
    assert_eq!(starts("# Heading"), Some(false));
}

#[test]
fn a_text_that_does_not_settle_is_shown_whole_as_text() {
    assert_eq!(text_block("a ``` b"), "````text\na ``` b\n````");
    assert_eq!(text_block("plain"), "```text\nplain\n```");
}

#[test]
fn titles_are_plain_text_on_one_line() {
    assert_eq!(inline("Nirvana Labs API"), "Nirvana Labs API");
    assert_eq!(inline("Doc \"Text\" \\ API"), "Doc \"Text\" \\\\ API");
    assert_eq!(inline("<b>API</b> [v2]"), "\\<b>API\\</b> \\[v2\\]");
    assert_eq!(inline("A\r\nB\tC"), "A B C");
    assert_eq!(inline("R&D &amp; co"), "R&D \\&amp; co");
    assert_eq!(
        inline("See https://example.com."),
        "See <https://example.com>."
    );
}

#[test]
fn names_are_code_spans() {
    assert_eq!(code("vm_id"), "`vm_id`");
    assert_eq!(code("a`b"), "``a`b``");
    assert_eq!(code("`x`"), "`` `x` ``");
    assert_eq!(code("GET /v1/a\nb"), "`GET /v1/a b`");
    assert_eq!(code(""), "` `");
}

#[test]
fn toml_strings_are_escaped() {
    assert_eq!(toml_string("plain"), "\"plain\"");
    assert_eq!(
        toml_string("Doc \"Text\" \\ API\n\u{1}"),
        "\"Doc \\\"Text\\\" \\\\ API\\n\\u0001\""
    );
}

/// What the property test checks of a converted doc.
fn check_safe(input: &str, out: &str) {
    assert!(
        !out.chars()
            .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)),
        "control character left in {out:?}"
    );
    // Nothing is left for another round to change: no code block but text (or the marked
    // example), no HTML, no bare URL, no bracket that rustdoc could resolve, no lazy line.
    let again = rewrite::round(out, RUST_DOCTEST, &|_| false);
    assert!(
        matches!(again, Ok(None)),
        "{input:?} gave {out:?}, which another round changes to {again:?}"
    );
    // Every block is closed: text after a blank line is a paragraph of its own.
    let followed = format!("{out}\n\nEND");
    let last: Vec<Event<'_>> = Parser::new(&followed).collect();
    assert!(
        matches!(
            last.as_slice(),
            [.., Event::Start(Tag::Paragraph), Event::Text(t), Event::End(_)] if t.as_ref() == "END"
        ),
        "{input:?} gave {out:?}, which swallows text after it"
    );
    for event in Parser::new(out) {
        if let Event::Start(Tag::CodeBlock(kind)) = event {
            let marked = input.contains("doctest");
            let ok = matches!(&kind, CodeBlockKind::Fenced(info)
                if info.as_ref() == "text" || (marked && info.as_ref() == RUST_DOCTEST));
            assert!(ok, "{input:?} gave a code block {kind:?} in {out:?}");
        }
    }
}

/// Markdown-heavy text: every character that starts a construct, line ends of every kind.
fn markdown() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "b ",
        " ",
        "  ",
        "    ",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\t",
        "`",
        "```",
        "~~~",
        "```rust",
        "```rust,doctest",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "> ",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "- ",
        "* ",
        "1. ",
        "# ",
        "|",
        "---",
        "\\",
        "_",
        "*",
        "!",
        "&amp;",
        "https://x.example/a_b",
        "http://y.io",
        "[x](Vec)",
        "[y](https://z.example)",
        "[^1]",
        "[^1]: ",
        "[r]: /u",
        "<https://a.example>",
        "\u{202E}",
        "\u{0}",
        "é",
        "{id}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_description_leaves_code_links_or_lints(input in markdown()) {
        if let Some(out) = Doc::from_spec(&input) {
            check_safe(&input, &out);
        }
    }

    #[test]
    fn no_text_at_all_breaks_the_conversion(input in any::<String>()) {
        if let Some(out) = Doc::from_spec(&input) {
            check_safe(&input, &out);
        }
        let title = inline(&input);
        prop_assert!(!title.contains('\n'));
        prop_assert!(!code(&input).contains('\n'));
    }
}

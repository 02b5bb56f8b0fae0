//! Diagnostics: an error about a spec, pointing at file, line and column, with a hint on
//! what to do about it.

use std::fmt;

/// A place in a spec file (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The spec file, as given to the loader.
    pub file: String,
    /// 1-based line; 0 when unknown.
    pub line: u64,
    /// 1-based column; 0 when unknown.
    pub column: u64,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The source line, when the spec text is at hand (see [`Diagnostics::with_sources`]).
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `loc`.
    pub fn new(loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            loc,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How many characters the token starting at `column` (1-based) of `line` spans.
fn token_width(line: &str, column: u64) -> usize {
    let start = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let rest: Vec<char> = line.chars().skip(start).collect();
    // A quoted scalar runs to its closing quote, spaces included.
    if let Some(quote) = rest.first().filter(|c| matches!(c, '"' | '\''))
        && let Some(end) = rest.iter().skip(1).position(|c| c == quote)
    {
        return end + 2;
    }
    let token: String = rest
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']' | '#'))
        .collect();
    // A mapping key's `:` is not part of the name.
    let token = token.strip_suffix(':').unwrap_or(&token);
    token.chars().count().max(1)
}

impl fmt::Display for Diagnostic {
    /// rustc's layout: the message, the place, the source line with a caret under the token,
    /// and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        let number = self.loc.line.to_string();
        let pad = " ".repeat(number.len());
        write!(f, "\n{pad}--> {}", self.loc)?;
        if let Some(line) = &self.snippet {
            let line = line.trim_end();
            let column = usize::try_from(self.loc.column.saturating_sub(1)).unwrap_or(0);
            let carets = token_width(line, self.loc.column);
            // A long line is shown around the column: at most `WIDTH` characters of it.
            const WIDTH: usize = 120;
            let chars: Vec<char> = line.chars().collect();
            let start = if chars.len() > WIDTH {
                column.saturating_sub(WIDTH / 4)
            } else {
                0
            };
            let end = chars.len().min(start + WIDTH);
            let shown: String = chars[start.min(end)..end].iter().collect();
            let (open, close) = (
                if start > 0 { "…" } else { "" },
                if end < chars.len() { "…" } else { "" },
            );
            let before: String = chars[start.min(column)..column.min(chars.len())]
                .iter()
                .map(|c| if *c == '\t' { '\t' } else { ' ' })
                .collect();
            let lead = if start > 0 { " " } else { "" };
            let carets = "^".repeat(carets.min(end.saturating_sub(column).max(1)));
            write!(
                f,
                "\n{pad} |\n{number} | {open}{shown}{close}\n{pad} | {lead}{before}{carets}"
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// The candidate closest to `name` (edit distance, ignoring case), if it is close enough to be
/// what was meant: for "did you mean ...?" hints.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut previous = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let substitution = previous + usize::from(ca != *cb);
                previous = row[j + 1];
                row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
            }
        }
        row[b.len()]
    }
    let wanted = name.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    let candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != name).collect();
    let by_distance = candidates
        .iter()
        .map(|c| (distance(&wanted, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c);
    // A name cut short (`int` for `int32`): the shortest candidate it starts.
    by_distance.or_else(|| {
        candidates
            .iter()
            .filter(|c| wanted.len() >= 2 && c.to_lowercase().starts_with(&wanted))
            .min_by_key(|c| (c.len(), **c))
            .copied()
    })
}

/// "did you mean `x`? " when a candidate is close to `name`, else "".
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates).map_or_else(String::new, |c| format!("did you mean `{c}`? "))
}

/// Several diagnostics, reported together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// Fills in each diagnostic's source line from the spec texts (`(path, text)` pairs).
    pub fn with_sources<'a>(
        mut self,
        sources: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Self {
        // Each file's lines, split once: many diagnostics may point into one large spec.
        let mut lines: std::collections::HashMap<&str, Vec<&str>> =
            std::collections::HashMap::new();
        for diagnostic in &mut self.0 {
            let file = diagnostic.loc.file.as_str();
            if !lines.contains_key(file) {
                let Some((path, text)) =
                    sources.clone().into_iter().find(|(path, _)| *path == file)
                else {
                    continue;
                };
                lines.insert(path, text.lines().collect());
            }
            let line = usize::try_from(diagnostic.loc.line).unwrap_or(0);
            diagnostic.snippet = lines
                .get(file)
                .filter(|_| line > 0)
                .and_then(|text| text.get(line - 1))
                .map(|line| (*line).to_owned());
        }
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_names_only() {
        let names = ["OperationKind", "OperationStatus", "Vm"];
        assert_eq!(closest("OperationKnd", names), Some("OperationKind"));
        assert_eq!(closest("operationkind", names), Some("OperationKind"));
        assert_eq!(closest("Volume", names), None);
        assert_eq!(closest("int", ["string", "int32", "int64"]), Some("int32"));
    }

    #[test]
    fn renders_a_caret_under_the_token() {
        let mut d = Diagnostic::new(
            Loc {
                file: "spec/x.yaml".into(),
                line: 12,
                column: 20,
            },
            "unknown type `OperationKnd`",
        )
        .help("did you mean `OperationKind`?");
        d.snippet = Some("      kind: {type: OperationKnd, doc: Kind.}".into());
        assert_eq!(
            d.to_string(),
            "error: unknown type `OperationKnd`\n  --> spec/x.yaml:12:20\n   |\n12 |       kind: {type: OperationKnd, doc: Kind.}\n   |                    ^^^^^^^^^^^^\n   = help: did you mean `OperationKind`?"
        );
    }
}

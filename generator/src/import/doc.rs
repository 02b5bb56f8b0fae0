//! An OpenAPI document as read: JSON or YAML text into a `serde_json::Value`, local `$ref`s
//! followed by JSON pointer, and the notes the importer leaves about what it could not carry
//! over, each at the JSON pointer of the construct.

use serde_json::Value;
use std::cell::RefCell;

/// Something the importer could not carry over exactly, and what it did instead.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// JSON pointer of the construct (`/paths/~1instances/get/requestBody`).
    pub pointer: String,
    /// What the document says that the spec format cannot.
    pub what: String,
    /// What the importer did instead.
    pub instead: String,
}

/// The document and the notes taken while reading it.
pub struct Doc {
    /// The whole document.
    pub root: Value,
    notes: RefCell<Vec<Note>>,
}

/// The deepest chain of `$ref`s followed before giving up (a cycle of references to
/// references).
const MAX_REF_CHAIN: usize = 64;

impl Doc {
    /// Reads `text` (JSON if it starts with `{`, else YAML) as an OpenAPI 3.0 or 3.1 document.
    pub fn read(text: &str) -> Result<Doc, String> {
        let root: Value = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?
        } else {
            let mut options = serde_saphyr::Options::default();
            let mut budget = serde_saphyr::Budget::default();
            budget.max_nodes = crate::spec::MAX_NODES;
            budget.max_events = 4 * crate::spec::MAX_NODES;
            options.budget = Some(budget);
            serde_saphyr::from_str_with_options(text, options)
                .map_err(|e| format!("not valid YAML: {}", e.without_snippet()))?
        };
        let version = match root.get("openapi") {
            Some(Value::String(v)) => v.clone(),
            Some(Value::Number(v)) => v.to_string(),
            _ => return Err("not an OpenAPI 3 document: no `openapi` version at the top level (Swagger 2.0 documents are not read; convert them to OpenAPI 3 first)".into()),
        };
        if !version.starts_with("3.0") && !version.starts_with("3.1") {
            return Err(format!(
                "OpenAPI {version} is not read: only 3.0.x and 3.1.x are"
            ));
        };
        if !root.is_object() {
            return Err("the document is not a mapping".into());
        }
        Ok(Doc {
            root,
            notes: RefCell::new(Vec::new()),
        })
    }

    /// Records that the construct at `pointer` could not be carried over.
    pub fn note(&self, pointer: &str, what: impl Into<String>, instead: impl Into<String>) {
        self.notes.borrow_mut().push(Note {
            pointer: pointer.to_owned(),
            what: what.into(),
            instead: instead.into(),
        });
    }

    /// The notes so far, sorted and without repeats.
    pub fn notes(&self) -> Vec<Note> {
        let mut notes = self.notes.borrow().clone();
        notes.sort();
        notes.dedup();
        notes
    }

    /// The value at a JSON pointer of this document.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.root.pointer(pointer)
    }

    /// `value` with local `$ref`s followed, quietly: a reference that leads nowhere is `value`
    /// itself (whoever reads it for real, with [`Doc::deref`], notes it).
    pub fn peek<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        for _ in 0..MAX_REF_CHAIN {
            let Some(target) = value
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|pointer| self.at(pointer))
            else {
                break;
            };
            value = target;
        }
        value
    }

    /// `value` with `$ref`s followed (a chain of them too), and the pointer of what it is.
    /// A reference that leads nowhere, outside the document or round in a circle is noted
    /// and read as `{}` (any value).
    pub fn deref<'a>(&'a self, value: &'a Value, pointer: &str) -> (&'a Value, String) {
        static EMPTY: std::sync::LazyLock<Value> =
            std::sync::LazyLock::new(|| Value::Object(Default::default()));
        let mut current = value;
        let mut at = pointer.to_owned();
        for _ in 0..MAX_REF_CHAIN {
            let Some(target) = current.get("$ref").and_then(Value::as_str) else {
                return (current, at);
            };
            let Some(local) = target.strip_prefix('#') else {
                self.note(
                    &at,
                    format!("a reference to another document (`{target}`)"),
                    "read as any JSON value; bundle the document into one file to import it",
                );
                return (&EMPTY, at);
            };
            let Some(found) = self.root.pointer(local) else {
                self.note(
                    &at,
                    format!("a reference to nothing (`{target}`)"),
                    "read as any JSON value",
                );
                return (&EMPTY, at);
            };
            current = found;
            at = local.to_owned();
        }
        self.note(
            &at,
            "a circle of references to references",
            "read as any JSON value",
        );
        (&EMPTY, at)
    }
}

/// `parent/key` as a JSON pointer (with `~` and `/` escaped).
pub fn join(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The name a `$ref` to `#/components/schemas/<name>` gives, if it is one.
pub fn schema_ref(value: &Value) -> Option<&str> {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .filter(|name| !name.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_followed_and_bad_ones_noted() {
        let doc = Doc::read(
            r##"{"openapi": "3.0.3", "components": {"schemas": {
                "A": {"$ref": "#/components/schemas/B"}, "B": {"type": "string"},
                "C": {"$ref": "#/components/schemas/C"}, "D": {"$ref": "other.json#/x"},
                "E": {"$ref": "#/nowhere"}}}}"##,
        )
        .expect("the document reads");
        let a = doc.at("/components/schemas/A").expect("A");
        let (b, at) = doc.deref(a, "/components/schemas/A");
        assert_eq!(b, &serde_json::json!({"type": "string"}));
        assert_eq!(at, "/components/schemas/B");
        for name in ["C", "D", "E"] {
            let pointer = format!("/components/schemas/{name}");
            let value = doc.at(&pointer).expect("present");
            assert_eq!(doc.deref(value, &pointer).0, &serde_json::json!({}));
        }
        assert_eq!(doc.notes().len(), 3);
    }

    #[test]
    fn only_openapi_3_0_and_3_1_are_read() {
        assert!(Doc::read(r#"{"openapi": "3.1.0"}"#).is_ok());
        assert!(Doc::read("openapi: 3.0.1\n").is_ok());
        assert!(Doc::read("openapi: 3.1\n").is_ok());
        for text in [
            r#"{"swagger": "2.0"}"#,
            r#"{"openapi": "4.0"}"#,
            "[1",
            "openapi: [x",
        ] {
            assert!(Doc::read(text).is_err(), "{text}");
        }
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(join("/paths", "/a/{b}~c"), "/paths/~1a~1{b}~0c");
    }
}

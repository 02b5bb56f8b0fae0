//! The names the importer gives in the spec: types in `UpperCamelCase`, resources and methods in
//! `snake_case`, each made of ASCII letters, digits and `_` and starting with a letter, so that
//! the generator derives the same Rust name from it.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A type name from any text (`instance-create.body` gives `InstanceCreateBody`).
pub fn type_name(text: &str) -> String {
    let name = clean(text).to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("T{name}")
    }
}

/// A resource or method name from any text (`listInstances` gives `list_instances`).
pub fn snake(text: &str) -> String {
    let name = clean(text).to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("n_{name}")
    }
}

/// What two names are told apart by once the generator has cased them: the letters and digits,
/// lowercased.
pub fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `text` with every character that is not an ASCII letter or digit a word break.
fn clean(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "unnamed".into()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ascii_words() {
        assert_eq!(type_name("instance-create.body"), "InstanceCreateBody");
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(type_name("été"), "T");
        assert_eq!(type_name(""), "Unnamed");
        assert_eq!(snake("listInstances"), "list_instances");
        assert_eq!(snake("os-startServer"), "os_start_server");
        assert_eq!(snake("{id}"), "id");
        assert_eq!(snake("3d"), "n_3d");
        assert_eq!(key("Disk_Source"), key("disksource"));
    }
}

//! Identical inline types made one type: a document that repeats an inline schema in several
//! places (Nova repeats `servers`' schemas under the legacy `os-volumes_boot`, and its reboot
//! type, disk-config enum and link objects in every answer that has them) gets one type for
//! it, as a hand-written spec would, and the generated crate one Rust type.
//!
//! Only inline schemas are merged: the document's component schemas are types it named apart
//! (buildomat's `WorkerBootstrapResult` and `TaskSubmitResult` are both `{id: string}`), and
//! the members of a tagged union are named by their tag. Objects without fields are left
//! alone too: nothing says two of them are one thing. The name kept is one said by the
//! members for a union of built-in types (`BoolOrString`), else the words the names end with
//! alike where two or more name a thing (`OsDcfDiskConfig`, `RebootType`), else the shortest
//! (the first of the shortest, in the document's order). Merging is repeated until nothing
//! changes, since objects whose fields were two types and are now one may become identical in
//! turn.

use super::repair::replace_all;
use super::yaml::Node;
use heck::ToUpperCamelCase;
use std::collections::{HashMap, HashSet};

/// How many rounds of merging at most (each round merges the types that became identical).
const MAX_ROUNDS: usize = 16;

/// Merges the identical definitions of `types`, rewriting every type expression in `types` and
/// `resources` that names a merged-away type, and moving the JSON pointers of `pointers` to
/// the kept names. `components` are the names of the document's component schemas.
pub fn merge(
    (types, resources): (&mut Vec<(String, Node)>, &mut Node),
    pointers: &mut HashMap<String, String>,
    components: &HashSet<String>,
) {
    for _ in 0..MAX_ROUNDS {
        let renames = round(types, components);
        if renames.is_empty() {
            return;
        }
        // Where a group's kept name is new (`BoolOrString`), the first member is renamed to it.
        for (from, to) in &renames {
            if let Some(pointer) = pointers.remove(from) {
                pointers.entry(to.clone()).or_insert(pointer);
            }
        }
        replace_all(types, resources, &renames);
        // Members that were two types and are now one are one member; a union left with one
        // member is that member.
        let single = dedupe_members(types);
        replace_all(types, resources, &single);
    }
}

/// Removes the repeated members of every untagged union of `types`, and gives the
/// `(union, its only member)` of those left with one.
fn dedupe_members(types: &mut [(String, Node)]) -> Vec<(String, String)> {
    let mut single = Vec::new();
    for (name, def) in types.iter_mut() {
        let Node::Map(entries) = def else {
            continue;
        };
        let Some((_, Node::Seq(members))) = entries.iter_mut().find(|(k, _)| k == "union") else {
            continue;
        };
        let mut seen = Vec::new();
        members.retain(|m| {
            let new = !seen.contains(m);
            if new {
                seen.push(m.clone());
            }
            new
        });
        if let [Node::Str(only) | Node::Plain(only)] = members.as_slice() {
            single.push((name.clone(), only.clone()));
        }
    }
    single
}

/// One round: the `(merged-away name, kept name)` pairs of the types whose definitions are
/// identical, with the kept one renamed in `types` where its name is new.
fn round(types: &mut [(String, Node)], components: &HashSet<String>) -> Vec<(String, String)> {
    // Alike in any order of keys: objects merged from several versions list their fields in
    // the order the versions gave them.
    let mut groups: Vec<(Node, Vec<usize>)> = Vec::new();
    let tagged = tagged_members(types);
    for (i, (name, def)) in types.iter().enumerate() {
        if components.contains(name) || tagged.contains(name.as_str()) || !mergeable(def) {
            continue;
        }
        let sorted = sorted(def);
        match groups.iter_mut().find(|(d, _)| *d == sorted) {
            Some((_, members)) => members.push(i),
            None => groups.push((sorted, vec![i])),
        }
    }
    let mut taken: HashSet<String> = types.iter().map(|(n, _)| key(n)).collect();
    let mut renames = Vec::new();
    let mut kept_names = Vec::new();
    for (_, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let def = &types[members[0]].1;
        let names: Vec<&str> = members.iter().map(|&i| types[i].0.as_str()).collect();
        let kept = kept_name(def, &names, &taken);
        taken.insert(key(&kept));
        for name in &names {
            if *name != kept {
                renames.push(((*name).to_owned(), kept.clone()));
            }
        }
        if !names.contains(&kept.as_str()) {
            kept_names.push((members[0], kept));
        }
    }
    // A new name goes to the group's first member (which the renames above then point to).
    for (i, kept) in kept_names {
        types[i].0 = kept;
    }
    renames
}

/// `enum: {"": {}}`.
fn empty_string_enum() -> Node {
    let mut values = Node::map();
    values.set("", Node::map());
    let mut def = Node::map();
    def.set("enum", values);
    def
}

/// `node` with the entries of every mapping sorted by key (a sequence keeps its order).
fn sorted(node: &Node) -> Node {
    match node {
        Node::Map(entries) => {
            let mut entries: Vec<(String, Node)> = entries
                .iter()
                .map(|(k, v)| (k.clone(), sorted(v)))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Node::Map(entries)
        }
        Node::Seq(items) => Node::Seq(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Whether a definition may be merged with its likes: not an object without fields, and not a
/// union still without its members (one whose members were all left out, which the repairs
/// deal with by name).
fn mergeable(def: &Node) -> bool {
    let Node::Map(entries) = def else {
        return false;
    };
    !entries.iter().any(|(k, v)| match (k.as_str(), v) {
        ("union", Node::Seq(members)) => members.len() < 2,
        ("fields", fields) => fields.is_empty(),
        _ => false,
    })
}

/// The types that are a member of a tagged union (`members: {tag: Type}`).
fn tagged_members(types: &[(String, Node)]) -> HashSet<&str> {
    let mut tagged = HashSet::new();
    for (_, def) in types {
        let Node::Map(entries) = def else { continue };
        let Some((_, Node::Map(union))) = entries.iter().find(|(k, _)| k == "union") else {
            continue;
        };
        let Some((_, Node::Map(members))) = union.iter().find(|(k, _)| k == "members") else {
            continue;
        };
        for (_, member) in members {
            if let Node::Str(m) | Node::Plain(m) = member {
                tagged.insert(m.as_str());
            }
        }
    }
    tagged
}

/// The name a group of identical types keeps (see the module's docs).
fn kept_name(def: &Node, names: &[&str], taken: &HashSet<String>) -> String {
    let free = |n: &String| !taken.contains(&key(n));
    if let Some(said) = said_by_members(def).filter(free) {
        return said;
    }
    if let Some(common) = common_words(names).filter(free) {
        return common;
    }
    // The one value `""` (what an optional text may be instead of an address, say).
    if sorted(def) == sorted(&empty_string_enum()) && free(&"EmptyString".to_owned()) {
        return "EmptyString".to_owned();
    }
    let shortest = names.iter().map(|n| n.len()).min().unwrap_or(0);
    names
        .iter()
        .find(|n| n.len() == shortest)
        .map_or_else(String::new, |n| (*n).to_owned())
}

/// The words the names end with alike, where they name a thing: `OsDcfDiskConfig` for
/// `ImageShowResponse21ImageOsDcfDiskConfig` and `ServersResizeOsDcfDiskConfig`, without the
/// leading words that only say where a schema stood (`Response`, `Item`, `Create`, a version
/// number);
/// `None` if fewer than two words are left.
fn common_words(names: &[&str]) -> Option<String> {
    const PLACE: [&str; 15] = [
        "Response", "Request", "Body", "Item", "Items", "Variant", "Detail", "Index", "Create",
        "Update", "Show", "Get", "List", "Delete", "Action",
    ];
    let split: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let shortest = split.iter().map(Vec::len).min()?;
    let mut common = 0;
    while common < shortest
        && split
            .iter()
            .all(|w| w[w.len() - 1 - common] == split[0][split[0].len() - 1 - common])
    {
        common += 1;
    }
    let first = &split[0];
    let mut words = &first[first.len() - common..];
    while let Some(word) = words.first() {
        if PLACE.contains(word) || word.starts_with(|c: char| c.is_ascii_digit()) {
            words = &words[1..];
        } else {
            break;
        }
    }
    (words.len() >= 2).then(|| words.concat())
}

/// The words of an `UpperCamelCase` name, digits a word of their own (`Response21Item` is
/// `Response`, `21`, `Item`).
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let bytes = name.as_bytes();
    for i in 1..bytes.len() {
        let (a, b) = (bytes[i - 1], bytes[i]);
        let boundary = b.is_ascii_uppercase() || (b.is_ascii_digit() != a.is_ascii_digit());
        if boundary {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// `BoolOrString` for a union of built-in types only (`union: [bool, string]`), with nothing
/// else said of it.
fn said_by_members(def: &Node) -> Option<String> {
    let Node::Map(entries) = def else {
        return None;
    };
    let [(k, Node::Seq(members))] = entries.as_slice() else {
        return None;
    };
    if k != "union" {
        return None;
    }
    let words: Vec<String> = members
        .iter()
        .map(|m| match m {
            Node::Str(s) | Node::Plain(s) => builtin_word(s),
            _ => None,
        })
        .collect::<Option<_>>()?;
    Some(words.join("Or"))
}

/// A built-in type expression as a word of a name (`list<string>` is `StringList`), or `None`
/// for a named type.
fn builtin_word(expr: &str) -> Option<String> {
    if let Some(item) = expr.strip_prefix("list<").and_then(|r| r.strip_suffix('>')) {
        return Some(format!("{}List", builtin_word(item)?));
    }
    if let Some(value) = expr.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
        return Some(format!("{}Map", builtin_word(value)?));
    }
    const BUILTIN: [&str; 12] = [
        "string", "bool", "int32", "int64", "uint32", "uint64", "float64", "decimal", "datetime",
        "date", "json", "bytes",
    ];
    BUILTIN.contains(&expr).then(|| {
        if expr == "json" {
            "Json".to_owned()
        } else {
            expr.to_upper_camel_case()
        }
    })
}

/// A name as the generator compares names (case and `_` aside).
fn key(name: &str) -> String {
    name.to_lowercase().replace('_', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn union(members: &[&str]) -> Node {
        let mut def = Node::map();
        def.set(
            "union",
            Node::Seq(members.iter().map(|m| Node::str(*m)).collect()),
        );
        def
    }

    fn object(field_type: &str) -> Node {
        let mut field = Node::map();
        field.set("type", Node::str(field_type));
        let mut fields = Node::map();
        fields.set("value", field);
        let mut def = Node::map();
        def.set("fields", fields);
        def
    }

    #[test]
    fn identical_types_become_one_and_their_parents_too() {
        let mut types = vec![
            ("ServersRebootType".to_owned(), union(&["HARD", "SOFT"])),
            ("VolumesBootRebootType".to_owned(), union(&["HARD", "SOFT"])),
            ("A".to_owned(), object("ServersRebootType")),
            ("Bee".to_owned(), object("VolumesBootRebootType")),
            ("Flag1".to_owned(), union(&["bool", "string"])),
            ("Flag2".to_owned(), union(&["bool", "string"])),
            ("Lone".to_owned(), union(&["int64", "string"])),
        ];
        let mut resources = Node::map();
        let mut method = Node::map();
        method.set("response", Node::str("list<Bee>"));
        resources.set("get", method);
        let mut pointers = HashMap::from([("Flag2".to_owned(), "/f2".to_owned())]);
        merge((&mut types, &mut resources), &mut pointers, &HashSet::new());
        let names: Vec<&str> = types.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["RebootType", "A", "BoolOrString", "Lone"]);
        assert_eq!(types[1].1, object("RebootType"));
        let Node::Map(r) = &resources else {
            panic!("resources")
        };
        assert_eq!(
            format!("{:?}", r[0].1),
            format!("{:?}", {
                let mut m = Node::map();
                m.set("response", Node::str("list<A>"));
                m
            })
        );
        assert_eq!(
            pointers.get("BoolOrString").map(String::as_str),
            Some("/f2")
        );
    }

    #[test]
    fn a_merged_type_is_named_by_the_words_its_names_end_with() {
        assert_eq!(
            common_words(&[
                "ImageShowResponse21ImageOsDcfDiskConfig",
                "ServersResizeOsDcfDiskConfig"
            ]),
            Some("OsDcfDiskConfig".to_owned())
        );
        assert_eq!(
            common_words(&[
                "AggregatesAddHostResponseAggregate241",
                "AggregatesSetMetadataResponseAggregate241"
            ]),
            Some("Aggregate241".to_owned())
        );
        assert_eq!(
            common_words(&["ServersListSortKey", "FlavorsListSortKey"]),
            Some("SortKey".to_owned())
        );
        assert_eq!(
            common_words(&["SnapshotStatus", "SnapshotsItemStatus"]),
            None
        );
        assert_eq!(
            common_words(&[
                "OsVolumesBootCreate294ServerBlockDeviceMappingV2Item",
                "ServersCreate294ServerBlockDeviceMappingV2Item"
            ]),
            Some("ServerBlockDeviceMappingV2Item".to_owned())
        );
        assert_eq!(camel_words("Response21Item"), ["Response", "21", "Item"]);
        let taken = HashSet::new();
        assert_eq!(
            kept_name(
                &empty_string_enum(),
                &["FlavorSwapVariant1", "AccessIPv4Variant1"],
                &taken
            ),
            "EmptyString"
        );
    }

    #[test]
    fn components_tagged_members_and_empty_objects_stay_apart() {
        let mut tagged = Node::map();
        let mut members = Node::map();
        members.set("a", Node::str("TagA"));
        members.set("b", Node::str("TagB"));
        let mut union = Node::map();
        union.set("discriminator", Node::str("type"));
        union.set("members", members);
        tagged.set("union", union);
        let mut empty = Node::map();
        empty.set("fields", Node::map());
        let mut types = vec![
            ("WorkerResult".to_owned(), object("string")),
            ("TaskResult".to_owned(), object("string")),
            ("Tagged".to_owned(), tagged),
            ("TagA".to_owned(), object("int64")),
            ("TagB".to_owned(), object("int64")),
            ("Empty1".to_owned(), empty.clone()),
            ("Empty2".to_owned(), empty),
        ];
        let before = types.clone();
        let mut resources = Node::map();
        merge(
            (&mut types, &mut resources),
            &mut HashMap::new(),
            &HashSet::from(["WorkerResult".to_owned(), "TaskResult".to_owned()]),
        );
        assert_eq!(types, before);
    }
}

//! Unions the spec's checks refuse, made into types they accept. OpenStack's documents list an
//! answer's microversions as `oneOf` members that no field tells apart; the format decodes a
//! union by trying members in order, so such a union would lose fields. Those become one object
//! with every member's fields (optional unless every member requires them); a union whose
//! members only stand in the wrong order is put in order; a union with a member that takes any
//! value is that member. Then the types no method reaches are left out. Each change is a note.

use super::doc::Doc;
use super::yaml::Node;
use crate::diag::Diagnostic;
use indexmap::IndexMap;
use std::collections::{BTreeSet, HashMap};

/// Repairs the unions of `types` that `problems` (found in the spec text `yaml`) are about.
/// Whether anything changed.
pub fn unions(
    doc: &Doc,
    (types, resources): (&mut Vec<(String, Node)>, &mut Node),
    pointers: &HashMap<String, String>,
    yaml: &str,
    problems: &[Diagnostic],
    round: usize,
) -> bool {
    let lines: Vec<&str> = yaml.lines().collect();
    let named: BTreeSet<String> = problems
        .iter()
        .filter_map(|p| type_at(&lines, usize::try_from(p.loc.line).ok()?))
        .collect();
    let mut changed = false;
    for name in named {
        let Some(index) = types.iter().position(|(n, _)| *n == name) else {
            continue;
        };
        let Some((doc_text, members)) = union_members(&types[index].1) else {
            continue;
        };
        let pointer = pointers.get(&name).cloned().unwrap_or_default();
        // A member that takes any value makes the union any value; one that takes any object
        // among objects, any object.
        let any = members.iter().any(|m| m.trim_end_matches('?') == "json");
        let any_object = members
            .iter()
            .any(|m| m.trim_end_matches('?') == "map<json>")
            && members.iter().all(|m| {
                let m = m.trim_end_matches('?');
                m.starts_with("map<") || fields_of(types, m).is_some()
            });
        if any || any_object {
            let expr = if any { "json" } else { "map<json>" };
            doc.note(
                &pointer,
                format!(
                    "a union with a member that takes any value ({})",
                    members.join(", ")
                ),
                format!("read as `{expr}`"),
            );
            replace(types, resources, &name, expr);
            changed = true;
            continue;
        }
        // Members an earlier one takes every value of can never be decoded: the earlier one
        // keeps them (its JSON is written back the same).
        let hidden: Vec<&String> = problems
            .iter()
            .filter(|p| p.message.contains("can never be decoded"))
            .filter_map(|p| p.message.split('`').nth(1))
            .filter_map(|m| members.iter().find(|x| *x == m))
            .collect();
        if !hidden.is_empty() {
            let kept: Vec<String> = members
                .iter()
                .filter(|m| !hidden.contains(m))
                .cloned()
                .collect();
            doc.note(
                &pointer,
                format!(
                    "union members an earlier one takes every value of ({})",
                    hidden
                        .iter()
                        .map(|h| h.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "left out of the union: the earlier member decodes them",
            );
            match kept.as_slice() {
                [only] => replace(types, resources, &name, only),
                _ => types[index].1 = union_def(doc_text, &kept),
            }
            changed = true;
            continue;
        }
        // Object members of the same shape as an earlier one (microversions that changed only
        // what the format does not check, such as a `format`): the earlier one is them.
        let mut shapes: Vec<Vec<(String, Node)>> = Vec::new();
        let same: Vec<&String> = members
            .iter()
            .filter(|m| {
                let Some(shape) = shape_of(types, m) else {
                    return false;
                };
                let seen = shapes.contains(&shape);
                shapes.push(shape);
                seen
            })
            .collect();
        if !same.is_empty() {
            let kept: Vec<String> = members
                .iter()
                .filter(|m| !same.contains(m))
                .cloned()
                .collect();
            doc.note(
                &pointer,
                format!(
                    "union members of the same shape as an earlier one ({})",
                    same.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "left out of the union: the earlier member sends and decodes the same JSON",
            );
            match kept.as_slice() {
                // The union's name stays, for the one shape (`IpRange`, not `Ipv4Range`).
                [only] => match types.iter().position(|(n, _)| n == only) {
                    Some(at) if only != &name => {
                        // The kept member's formats stay: its values are the union's too.
                        let mut def = types[at].1.clone();
                        if let Node::Map(entries) = &mut def {
                            entries.retain(|(k, _)| k != "doc");
                            if let Some(text) = doc_text {
                                entries.insert(0, ("doc".into(), Node::str(text)));
                            }
                        }
                        types[index].1 = def;
                        replace(types, resources, only, &name);
                    }
                    _ => replace(types, resources, &name, only),
                },
                _ => types[index].1 = union_def(doc_text, &kept),
            }
            changed = true;
            continue;
        }
        let (objects, others): (Vec<&String>, Vec<&String>) = members
            .iter()
            .partition(|m| fields_of(types, m.trim_end_matches('?')).is_some());
        if objects.len() >= 2 {
            let fields: Vec<IndexMap<String, Node>> = objects
                .iter()
                .filter_map(|m| fields_of(types, m.trim_end_matches('?')))
                .collect();
            let merged_fields = Node::Map(superset(types, &fields, &name, 0).into_iter().collect());
            let listed: Vec<&str> = objects.iter().map(|m| m.as_str()).collect();
            doc.note(
                &pointer,
                format!(
                    "a union whose object members no field tells apart ({})",
                    listed.join(", ")
                ),
                "one object with every member's fields, optional unless every member requires them",
            );
            if others.is_empty() {
                let mut merged = Node::map();
                merged.set_some("doc", doc_text.map(Node::str));
                merged.set("fields", merged_fields);
                types[index].1 = merged;
            } else {
                let mut merged = Node::map();
                merged.set("fields", merged_fields);
                let object_name = free_name(types, &format!("{name}Object"));
                let mut kept: Vec<String> = others.iter().map(|m| (*m).clone()).collect();
                kept.push(object_name.clone());
                kept.sort_by_key(|m| specificity(types, m));
                types[index].1 = union_def(doc_text, &kept);
                types.push((object_name, merged));
            }
            changed = true;
            continue;
        }
        let mut ordered = members.clone();
        ordered.sort_by_key(|m| specificity(types, m));
        if ordered != members && round == 0 {
            types[index].1 = union_def(doc_text, &ordered);
            doc.note(
                &pointer,
                "union members in an order that hides some",
                format!("tried in the order {}", ordered.join(", ")),
            );
            changed = true;
        } else if let Some(items) = list_items(types, &members) {
            // Lists of objects no field tells apart (an answer's microversions, each listing
            // its own version of the item): one list of an object with every item's fields.
            let fields: Vec<IndexMap<String, Node>> =
                items.iter().filter_map(|m| fields_of(types, m)).collect();
            let mut merged = Node::map();
            let item_name = free_name(types, &format!("{name}Item"));
            let merged_fields = superset(types, &fields, &item_name, 0);
            merged.set("fields", Node::Map(merged_fields.into_iter().collect()));
            doc.note(
                &pointer,
                format!(
                    "a union of lists whose items no field tells apart ({})",
                    members.join(", ")
                ),
                format!("one list of `{item_name}`, an object with every item's fields"),
            );
            types.push((item_name.clone(), merged));
            replace(types, resources, &name, &format!("list<{item_name}>"));
            changed = true;
        } else if round > 0 {
            // Nothing above applies: any value, which keeps every one.
            doc.note(
                &pointer,
                format!(
                    "a union whose members no field tells apart ({})",
                    members.join(", ")
                ),
                "read as `json`",
            );
            replace(types, resources, &name, "json");
            changed = true;
        }
    }
    changed
}

/// A union type of `members`, with its docs.
fn union_def(doc_text: Option<String>, members: &[String]) -> Node {
    let mut def = Node::map();
    def.set_some("doc", doc_text.map(Node::str));
    def.set(
        "union",
        Node::Seq(members.iter().map(|m| Node::str(m.clone())).collect()),
    );
    def
}

/// Removes the type `name` and writes `expr` wherever a type expression names it. An `expr`
/// that may be null (`Member?`, a union's only member left) is that where it is an item
/// (`list<Member?>`), and where it is a whole field's type, the bare type on a field that is
/// `nullable` (elsewhere, the bare type).
fn replace(types: &mut Vec<(String, Node)>, resources: &mut Node, name: &str, expr: &str) {
    if let Some(bare) = expr.strip_suffix('?') {
        for (_, def) in types.iter_mut() {
            bare_in_place(def, name, bare, false);
        }
        bare_in_place(resources, name, bare, false);
    }
    replace_all(types, resources, &[(name.to_owned(), expr.to_owned())]);
}

/// Writes `bare` for the type expressions in `node` that are `name` and nothing else, and marks
/// the fields among them `nullable` (`is_field`: `node` is a field's definition).
fn bare_in_place(node: &mut Node, name: &str, bare: &str, is_field: bool) {
    match node {
        Node::Map(entries) => {
            let mut whole_type = false;
            for (key, value) in entries.iter_mut() {
                match value {
                    Node::Str(t)
                        if t == name && matches!(key.as_str(), "type" | "response" | "item") =>
                    {
                        *t = bare.to_owned();
                        whole_type |= key == "type";
                    }
                    Node::Map(children) if key == "fields" => {
                        for (_, field) in children.iter_mut() {
                            bare_in_place(field, name, bare, true);
                        }
                    }
                    _ => bare_in_place(value, name, bare, false),
                }
            }
            if whole_type && is_field && !entries.iter().any(|(k, _)| k == "nullable") {
                entries.push(("nullable".to_owned(), Node::bool(true)));
            }
        }
        Node::Seq(items) => items
            .iter_mut()
            .for_each(|i| bare_in_place(i, name, bare, false)),
        _ => {}
    }
}

/// [`replace`] for each `(name, expr)` of `renames` at once: the types named are removed (a
/// type whose name is also an `expr` stays) and each type expression naming one is rewritten.
pub(super) fn replace_all(
    types: &mut Vec<(String, Node)>,
    resources: &mut Node,
    renames: &[(String, String)],
) {
    let map: HashMap<&str, &str> = renames
        .iter()
        .map(|(n, e)| (n.as_str(), e.as_str()))
        .collect();
    types.retain(|(n, _)| !map.contains_key(n.as_str()) || map.values().any(|e| e == n));
    for (_, def) in types.iter_mut() {
        rename(def, &map, false);
    }
    rename(resources, &map, false);
}

/// Rewrites the type expressions in `node` (values of `type`, `response`, `item`, `map`, union
/// members) that name a key of `map` to its value.
fn rename(node: &mut Node, map: &HashMap<&str, &str>, is_type: bool) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries.iter_mut() {
                let typed = matches!(key.as_str(), "type" | "response" | "item" | "map");
                match value {
                    Node::Seq(items) if key == "union" => {
                        items.iter_mut().for_each(|i| rename(i, map, true));
                    }
                    Node::Map(members) if key == "members" => {
                        members.iter_mut().for_each(|(_, m)| rename(m, map, true));
                    }
                    _ => rename(value, map, typed),
                }
            }
        }
        Node::Seq(items) => items.iter_mut().for_each(|i| rename(i, map, false)),
        Node::Str(text) if is_type => *text = replace_name(text, map),
        _ => {}
    }
}

/// `text` (a type expression) with each whole word that is a key of `map` replaced by its
/// value.
fn replace_name(text: &str, map: &HashMap<&str, &str>) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once('\u{0}')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        out.push_str(map.get(word.as_str()).copied().unwrap_or(&word));
        word.clear();
        if c != '\u{0}' {
            out.push(c);
        }
    }
    out
}

/// The type defined around line `line` (1-based) of the spec text, if it is under `types:`.
fn type_at(lines: &[&str], line: usize) -> Option<String> {
    let types = lines.iter().position(|l| *l == "types:")?;
    for l in lines[..line.min(lines.len())].iter().rev() {
        if l.is_empty() {
            // A blank line of a `|` block.
            continue;
        }
        if !l.starts_with(' ') {
            return None;
        }
        if let Some(name) = l.strip_prefix("  ").and_then(|r| r.strip_suffix(':'))
            && !name.starts_with(' ')
        {
            return (line > types).then(|| name.to_owned());
        }
    }
    None
}

/// An untagged union's docs and member expressions.
fn union_members(def: &Node) -> Option<(Option<String>, Vec<String>)> {
    let Node::Map(entries) = def else {
        return None;
    };
    let doc = entries
        .iter()
        .find(|(k, _)| k == "doc")
        .and_then(|(_, v)| match v {
            Node::Str(t) => Some(t.clone()),
            _ => None,
        });
    let (_, Node::Seq(members)) = entries.iter().find(|(k, _)| k == "union")? else {
        return None;
    };
    let members = members
        .iter()
        .map(|m| match m {
            Node::Str(t) => Some(t.clone()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((doc, members))
}

/// The fields of the object type `name`.
/// One of the field types `exprs` that holds the values of all: any of them if they are the
/// same shape under different names (each member's own `...Cores` union), or the string enum
/// with every value of the others (a value added in a later microversion).
fn common_type(defs: &[(String, Node)], exprs: &BTreeSet<String>) -> Option<String> {
    let shapes: Vec<Node> = exprs
        .iter()
        .map(|e| canonical(defs, &Node::Str(e.clone()), 0))
        .collect();
    if shapes.windows(2).all(|w| w[0] == w[1]) {
        return exprs.iter().next().cloned();
    }
    let values = |expr: &String| -> Option<Vec<String>> {
        let (_, Node::Map(def)) = defs.iter().find(|(n, _)| n == expr)? else {
            return None;
        };
        let (_, Node::Map(variants)) = def.iter().find(|(k, _)| k == "enum")? else {
            return None;
        };
        Some(variants.iter().map(|(v, _)| v.clone()).collect())
    };
    let all: Vec<(&String, Vec<String>)> = exprs
        .iter()
        .map(|e| Some((e, values(e)?)))
        .collect::<Option<_>>()?;
    all.iter()
        .find(|(_, widest)| {
            all.iter()
                .all(|(_, v)| v.iter().all(|x| widest.contains(x)))
        })
        .map(|(e, _)| (*e).clone())
}

/// A type expression or definition as the wire sees it: every type it names written out in
/// its place, without docs, formats and patterns (six levels deep at most).
fn canonical(defs: &[(String, Node)], node: &Node, depth: usize) -> Node {
    match node {
        Node::Map(entries) => Node::Map(
            entries
                .iter()
                .filter(|(k, _)| !["doc", "format", "pattern"].contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), canonical(defs, v, depth)))
                .collect(),
        ),
        Node::Seq(items) => Node::Seq(items.iter().map(|i| canonical(defs, i, depth)).collect()),
        Node::Str(text) => {
            let mut shape = text.clone();
            let mut named = Vec::new();
            for word in words(text) {
                if let Some((_, def)) = defs.iter().find(|(n, _)| *n == word) {
                    shape = shape.replacen(&word, "$", 1);
                    named.push(if depth < 6 {
                        canonical(defs, def, depth + 1)
                    } else {
                        Node::Str(word)
                    });
                }
            }
            if named.is_empty() {
                Node::Str(shape)
            } else {
                Node::Seq(std::iter::once(Node::Str(shape)).chain(named).collect())
            }
        }
        Node::Plain(text) => Node::Plain(text.clone()),
    }
}

/// The item types of union members that are all lists of object types (`list<A>`,
/// `list<B>`), if they are.
fn list_items(types: &[(String, Node)], members: &[String]) -> Option<Vec<String>> {
    members
        .iter()
        .map(|m| {
            let item = m.strip_prefix("list<")?.strip_suffix('>')?;
            fields_of(types, item).map(|_| item.to_owned())
        })
        .collect::<Option<Vec<_>>>()
        .filter(|items| items.len() >= 2)
}

/// The fields of object type `name` as the wire sees them ([`canonical`]).
fn shape_of(types: &[(String, Node)], name: &str) -> Option<Vec<(String, Node)>> {
    let fields = fields_of(types, name.trim_end_matches('?'))?;
    Some(
        fields
            .iter()
            .map(|(k, v)| (k.clone(), canonical(types, v, 0)))
            .collect(),
    )
}

fn fields_of(types: &[(String, Node)], name: &str) -> Option<IndexMap<String, Node>> {
    let (_, Node::Map(def)) = types.iter().find(|(n, _)| n == name)? else {
        return None;
    };
    let (_, Node::Map(fields)) = def.iter().find(|(k, _)| k == "fields")? else {
        return None;
    };
    Some(fields.iter().cloned().collect())
}

/// One field list with every field of `objects`: required (not `optional`) only if every
/// object requires it, of its type where they agree and `json` where they do not, nullable if
/// any says so.
fn superset(
    types: &mut Vec<(String, Node)>,
    objects: &[IndexMap<String, Node>],
    name: &str,
    depth: usize,
) -> IndexMap<String, Node> {
    let mut merged: IndexMap<String, Node> = IndexMap::new();
    let key = |field: &Node, k: &str| match field {
        Node::Map(e) => e.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()),
        _ => None,
    };
    let names: Vec<String> =
        objects
            .iter()
            .flat_map(|o| o.keys().cloned())
            .fold(Vec::new(), |mut all, n| {
                if !all.contains(&n) {
                    all.push(n);
                }
                all
            });
    for field_name in names {
        let present: Vec<&Node> = objects.iter().filter_map(|o| o.get(&field_name)).collect();
        let exprs: BTreeSet<String> = present
            .iter()
            .filter_map(|f| match key(f, "type") {
                Some(Node::Str(t)) => Some(t),
                _ => None,
            })
            .collect();
        let ty = match exprs.len() {
            1 => exprs.into_iter().next().unwrap_or_else(|| "json".into()),
            _ => common_type(types, &exprs)
                .or_else(|| {
                    let hint = format!("{name}{}", super::names::type_name(&field_name));
                    merged_objects(types, &exprs, &hint, depth)
                })
                .unwrap_or_else(|| "json".into()),
        };
        let required =
            present.len() == objects.len() && present.iter().all(|f| key(f, "optional").is_none());
        let nullable = present.iter().any(|f| key(f, "nullable").is_some());
        // The first member's format: its values are the union's too.
        let format = present.iter().find_map(|f| key(f, "format"));
        let pattern = present.iter().find_map(|f| key(f, "pattern"));
        let mut field = Node::map();
        field.set("type", Node::str(ty.clone()));
        if !required {
            field.set("optional", Node::bool(true));
        }
        if nullable {
            field.set("nullable", Node::bool(true));
        }
        if ty.starts_with("string") || ty.starts_with("list<string") || ty.starts_with("map<string")
        {
            field.set_some("format", format);
            field.set_some("pattern", pattern);
        }
        field.set_some("doc", present.iter().find_map(|f| key(f, "doc")));
        merged.insert(field_name, field);
    }
    merged
}

/// For fields whose members' types are all objects (`A`, `B`) or all lists of objects
/// (`list<A>`, `list<B>`) no field tells apart: a new object type `hint` (or `hint` + `Item`)
/// with every one's fields, and its expression; `None` otherwise, or four levels down.
fn merged_objects(
    types: &mut Vec<(String, Node)>,
    exprs: &BTreeSet<String>,
    hint: &str,
    depth: usize,
) -> Option<String> {
    if depth >= 4 {
        return None;
    }
    let listed: Option<Vec<&str>> = exprs
        .iter()
        .map(|e| e.strip_prefix("list<")?.strip_suffix('>'))
        .collect();
    let (items, in_list): (Vec<&str>, bool) = match listed {
        Some(items) => (items, true),
        None => (exprs.iter().map(String::as_str).collect(), false),
    };
    // An item that is itself a union of objects (Nova 2.69's servers: whole or partial) gives
    // its members' fields.
    let objects = |item: &str| -> Option<Vec<IndexMap<String, Node>>> {
        if let Some(fields) = fields_of(types, item) {
            return Some(vec![fields]);
        }
        let (_, def) = types.iter().find(|(n, _)| n == item)?;
        let (_, members) = union_members(def)?;
        members.iter().map(|m| fields_of(types, m)).collect()
    };
    let fields: Vec<IndexMap<String, Node>> = items
        .iter()
        .map(|i| objects(i))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let name = free_name(
        types,
        &if in_list {
            format!("{hint}Item")
        } else {
            hint.to_owned()
        },
    );
    // Claimed before its fields are merged, so that a nested merge names its types apart.
    types.push((name.clone(), Node::map()));
    let merged = superset(types, &fields, &name, depth + 1);
    let mut def = Node::map();
    def.set("fields", Node::Map(merged.into_iter().collect()));
    if let Some(slot) = types.iter_mut().find(|(n, _)| *n == name) {
        slot.1 = def;
    }
    Some(if in_list {
        format!("list<{name}>")
    } else {
        name
    })
}

/// `wanted`, or `wanted_`, `wanted__`... whichever no type has.
fn free_name(types: &[(String, Node)], wanted: &str) -> String {
    let mut name = wanted.to_owned();
    while types.iter().any(|(n, _)| *n == name) {
        name.push('_');
    }
    name
}

/// Where a member goes so that no earlier one takes its values: enums and strict text formats,
/// then numbers, objects, lists, then plain text and any value.
fn specificity(types: &[(String, Node)], member: &str) -> u8 {
    let bare = member.trim_end_matches('?');
    if let Some((_, Node::Map(def))) = types.iter().find(|(n, _)| n == bare) {
        return match def.first().map(|(k, _)| k.as_str()) {
            Some("enum" | "int_enum") => 0,
            Some("doc") if def.iter().any(|(k, _)| k == "enum" || k == "int_enum") => 0,
            _ if def.iter().any(|(k, _)| k == "fields") => 3,
            _ => 4,
        };
    }
    match bare {
        "datetime" | "date" | "decimal" => 1,
        "int32" | "int64" | "uint32" | "uint64" => 2,
        "float64" | "bool" => 5,
        "string" => 6,
        "json" => 8,
        _ if bare.starts_with("list<") => 4,
        _ => 7,
    }
}

/// Removes the types no method reaches (through its parameters, body, answer or page, and the
/// types those contain), with one note listing them: the schemas the document declares but
/// none of the imported operations uses, and the members of unions made one object.
pub fn unused(doc: &Doc, types: &mut Vec<(String, Node)>, resources: &Node) {
    let defined: HashMap<&str, &Node> = types.iter().map(|(n, d)| (n.as_str(), d)).collect();
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut pending = Vec::new();
    collect(resources, false, &mut pending);
    while let Some(expr) = pending.pop() {
        for word in words(&expr) {
            if let Some(def) = defined.get(word.as_str())
                && reached.insert(word)
            {
                collect(def, false, &mut pending);
            }
        }
    }
    let unused: Vec<String> = types
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| !reached.contains(n))
        .collect();
    if unused.is_empty() {
        return;
    }
    doc.note(
        "/components/schemas",
        format!(
            "{} schemas that no imported operation uses ({})",
            unused.len(),
            unused.join(", ")
        ),
        "left out of the spec",
    );
    types.retain(|(n, _)| reached.contains(n));
}

/// The type expressions in `node` (values of `type`, `response`, `item`, `map`, union members).
fn collect(node: &Node, is_type: bool, out: &mut Vec<String>) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                let typed = matches!(key.as_str(), "type" | "response" | "item" | "map");
                match value {
                    Node::Seq(items) if key == "union" => {
                        items.iter().for_each(|i| collect(i, true, out));
                    }
                    Node::Map(members) if key == "members" => {
                        members.iter().for_each(|(_, m)| collect(m, true, out));
                    }
                    _ => collect(value, typed, out),
                }
            }
        }
        Node::Seq(items) => items.iter().for_each(|i| collect(i, false, out)),
        Node::Str(text) if is_type => out.push(text.clone()),
        _ => {}
    }
}

/// The names in a type expression (`list<map<Foo?>>` gives `list`, `map`, `Foo`).
fn words(expr: &str) -> Vec<String> {
    expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

//! Whether a union's members can be told apart, so that decoding picks the member a value
//! belongs to and writing it back gives the same JSON.
//!
//! An untagged union tries its members in order and takes the first that decodes. Scalars are
//! strict (a `decimal` member takes only decimal text), so a value that two scalar members both
//! take is the same JSON either way, and a member that never decodes is reported by the resolver.
//! Objects are not strict: serde ignores fields a struct does not declare and fills the optional
//! ones it does with nothing, so an object member takes any object holding its required fields
//! and drops the rest. The rule here: an earlier member must reject every value of each later
//! one, and for objects that means the earlier object requires a field (neither optional nor
//! nullable) that the later one does not have, or has with another JSON kind. Maps, `json`,
//! lists of such types and unions inside unions follow from the same reasoning
//! ([`Checker::clash`]).
//!
//! A union with a discriminator needs none of this: its members must be object types that do not
//! declare the discriminator field themselves ([`check_tagged`]).

use super::{FieldDecl, TypeDecl, TypeKind, TypeRef, Union};
use crate::diag::Diagnostic;
use std::collections::HashMap;

/// JSON kinds a type accepts, as bits.
const NULL: u8 = 1;
const BOOL: u8 = 2;
const NUMBER: u8 = 4;
const STRING: u8 = 8;
const ARRAY: u8 = 16;
const OBJECT: u8 = 32;
const ANY: u8 = 63;

/// Steps of the pairwise check a spec may take (a step: a pair of types, or a pair of fields
/// compared): far above any real spec (Nirvana takes a few dozen; 500 unions of ten objects with
/// ten fields each take about 2,500,000), and a bound on the work an adversarial union of
/// thousands of objects can cause (well under a second).
const MAX_STEPS: usize = 50_000_000;

/// Reports the unions whose members cannot be told apart. `spec_names` maps the Rust name of a
/// type to its name in the spec, for messages.
pub fn check(types: &[TypeDecl], spec_names: &HashMap<String, String>) -> Vec<Diagnostic> {
    let mut checker = Checker::new(types, spec_names);
    let mut found = Vec::new();
    for decl in types {
        let TypeKind::Union(union) = &decl.kind else {
            continue;
        };
        let name = checker.show(&TypeRef::Named(decl.rust.clone()));
        match &union.discriminator {
            Some(field) => check_tagged(&checker, &name, union, field, &mut found),
            None => checker.check_untagged(&name, union, &mut found),
        }
    }
    found
}

/// A union with a discriminator: every member is an object type without the field itself.
fn check_tagged(
    checker: &Checker<'_>,
    union_name: &str,
    union: &Union,
    field: &str,
    found: &mut Vec<Diagnostic>,
) {
    for member in union {
        let shown = checker.show(&member.ty);
        match checker.fields(&member.ty) {
            None => found.push(
                Diagnostic::new(
                    member.loc.clone(),
                    format!(
                        "`{shown}` is not an object type, so `{union_name}` cannot read its \
                         discriminator `{field}` from it"
                    ),
                )
                .help(format!(
                    "list only types with `fields:` under `members:`; for other types drop \
                     `discriminator:` and write `union: [{shown}, ...]`"
                )),
            ),
            Some(fields) if fields.iter().any(|f| f.wire == field) => found.push(
                Diagnostic::new(
                    member.loc.clone(),
                    format!("`{shown}` has a field `{field}`, the discriminator of `{union_name}`"),
                )
                .help(format!(
                    "remove `{field}` from the fields of `{shown}`: `{union_name}` reads it to \
                     pick the member and writes it back from the member's name"
                )),
            ),
            Some(_) => {}
        }
    }
}

/// Why an earlier member may take a value of a later one.
#[derive(Clone, Debug)]
struct Clash {
    /// The type that takes the value (the earlier member, or a type inside it).
    earlier: TypeRef,
    /// The type the value belongs to.
    later: TypeRef,
    /// What goes wrong, in words.
    why: String,
}

/// The types of one API, and what the check has learnt about them.
struct Checker<'a> {
    types: HashMap<&'a str, &'a TypeDecl>,
    spec_names: &'a HashMap<String, String>,
    /// The JSON kinds each named type accepts.
    kinds: HashMap<&'a str, u8>,
    /// Pairs already checked, or being checked (`None` until known: a cycle adds no value).
    clashes: HashMap<(TypeRef, TypeRef), Option<Clash>>,
    steps: usize,
}

/// A named type seen through: what decoding it does.
enum Shape<'a> {
    Scalar,
    Json,
    List(&'a TypeRef),
    Map(&'a TypeRef),
    Nullable(&'a TypeRef),
    Object(&'a [FieldDecl]),
    Untagged(&'a Union),
    Tagged(&'a str),
}

/// A field the decoder insists on: neither optional nor nullable (serde fills a missing
/// `Option` field with `None`).
fn required(field: &FieldDecl) -> bool {
    !field.optional && !field.nullable
}

impl<'a> Checker<'a> {
    fn new(types: &'a [TypeDecl], spec_names: &'a HashMap<String, String>) -> Self {
        let mut checker = Checker {
            types: types.iter().map(|t| (t.rust.as_str(), t)).collect(),
            spec_names,
            kinds: HashMap::new(),
            clashes: HashMap::new(),
            steps: 0,
        };
        // Unions take the kinds of their members, which may be unions: grow to a fixed point.
        // Kinds only grow (two types claiming one name merge theirs), so each round adds a bit
        // or is the last: at most six rounds per type.
        loop {
            let mut changed = false;
            for decl in types {
                let old = checker.kinds.get(decl.rust.as_str()).copied().unwrap_or(0);
                let kinds = old | checker.kinds_of_decl(decl);
                checker.kinds.insert(&decl.rust, kinds);
                changed |= kinds != old;
            }
            if !changed {
                break;
            }
        }
        checker
    }

    fn kinds_of_decl(&self, decl: &TypeDecl) -> u8 {
        match &decl.kind {
            TypeKind::Object(_) | TypeKind::Map { .. } => OBJECT,
            TypeKind::StringEnum(_) => STRING,
            TypeKind::IntEnum(_) => NUMBER,
            TypeKind::Union(union) if union.discriminator.is_some() => OBJECT,
            TypeKind::Union(union) => union.iter().fold(0, |k, m| k | self.kinds(&m.ty)),
        }
    }

    /// The JSON kinds a value of `ty` may have.
    fn kinds(&self, ty: &TypeRef) -> u8 {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal => STRING,
            TypeRef::Bool => BOOL,
            TypeRef::Int32
            | TypeRef::Int64
            | TypeRef::UInt32
            | TypeRef::UInt64
            | TypeRef::Float64 => NUMBER,
            TypeRef::Json => ANY,
            TypeRef::List(_) => ARRAY,
            TypeRef::Map(_) => OBJECT,
            TypeRef::Nullable(inner) => NULL | self.kinds(inner),
            TypeRef::Named(name) => self.kinds.get(name.as_str()).copied().unwrap_or(0),
        }
    }

    /// The JSON kinds of a field's value when it is present.
    fn field_kinds(&self, field: &FieldDecl) -> u8 {
        self.kinds(&field.ty) | if field.nullable { NULL } else { 0 }
    }

    fn shape(&self, ty: &'a TypeRef) -> Shape<'a> {
        match ty {
            TypeRef::Json => Shape::Json,
            TypeRef::List(inner) => Shape::List(inner),
            TypeRef::Map(inner) => Shape::Map(inner),
            TypeRef::Nullable(inner) => Shape::Nullable(inner),
            TypeRef::Named(name) => match self.types.get(name.as_str()).map(|t| &t.kind) {
                Some(TypeKind::Object(fields)) => Shape::Object(fields),
                Some(TypeKind::Map { value, .. }) => Shape::Map(value),
                Some(TypeKind::Union(union)) => match &union.discriminator {
                    Some(field) => Shape::Tagged(field),
                    None => Shape::Untagged(union),
                },
                _ => Shape::Scalar,
            },
            _ => Shape::Scalar,
        }
    }

    /// The fields of an object type, or `None` if `ty` is not one.
    fn fields(&self, ty: &'a TypeRef) -> Option<&'a [FieldDecl]> {
        match self.shape(ty) {
            Shape::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// A type as the spec writes it (`list<Circle>`), for messages.
    fn show(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "string".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Int32 => "int32".into(),
            TypeRef::Int64 => "int64".into(),
            TypeRef::UInt32 => "uint32".into(),
            TypeRef::UInt64 => "uint64".into(),
            TypeRef::Float64 => "float64".into(),
            TypeRef::DateTime => "datetime".into(),
            TypeRef::Date => "date".into(),
            TypeRef::Decimal => "decimal".into(),
            TypeRef::Json => "json".into(),
            TypeRef::List(inner) => format!("list<{}>", self.show(inner)),
            TypeRef::Map(inner) => format!("map<{}>", self.show(inner)),
            TypeRef::Nullable(inner) => format!("{}?", self.show(inner)),
            TypeRef::Named(name) => self.spec_names.get(name).unwrap_or(name).clone(),
        }
    }
}

/// `json`, for the values of a `json` member.
static JSON: TypeRef = TypeRef::Json;

impl<'a> Checker<'a> {
    /// Reports each member that an earlier member may take a value of: once per member, for the
    /// first such earlier member.
    fn check_untagged(&mut self, union_name: &str, union: &'a Union, found: &mut Vec<Diagnostic>) {
        for (j, later) in union.iter().enumerate() {
            for earlier in &union.members[..j] {
                // The same type twice: reported as a member that can never be decoded.
                if earlier.ty == later.ty {
                    continue;
                }
                let clash = self.clash(&earlier.ty, &later.ty);
                if self.steps > MAX_STEPS {
                    found.push(
                        Diagnostic::new(
                            later.loc.clone(),
                            format!(
                                "union `{union_name}` has too many object members to check that \
                                 they can be told apart"
                            ),
                        )
                        .help(format!(
                            "give `{union_name}` a discriminator (`union: {{discriminator: \
                             <field>, members: {{...}}}}`), or split it into smaller unions"
                        )),
                    );
                    return;
                }
                if let Some(clash) = clash {
                    let help = self.hint(union_name, union, earlier, later, &clash);
                    let message = format!(
                        "union `{union_name}` cannot tell `{}` from the earlier member `{}`: {}",
                        self.show(&later.ty),
                        self.show(&earlier.ty),
                        clash.why
                    );
                    found.push(Diagnostic::new(later.loc.clone(), message).help(help));
                    break;
                }
            }
        }
    }

    /// Whether `earlier`, tried first, may take a value of `later` that is not its own (and lose
    /// what it does not declare): `None` if it rejects every value of `later`, or takes only
    /// values that write back the same.
    fn clash(&mut self, earlier: &'a TypeRef, later: &'a TypeRef) -> Option<Clash> {
        self.steps += 1;
        if self.kinds(earlier) & self.kinds(later) == 0 || self.steps > MAX_STEPS {
            return None;
        }
        let key = (earlier.clone(), later.clone());
        if let Some(known) = self.clashes.get(&key) {
            return known.clone();
        }
        self.clashes.insert(key.clone(), None);
        let found = self.clash_shapes(earlier, later);
        self.clashes.insert(key, found.clone());
        found
    }

    fn clash_shapes(&mut self, earlier: &'a TypeRef, later: &'a TypeRef) -> Option<Clash> {
        let (e, l) = (self.show(earlier), self.show(later));
        let why = match (self.shape(earlier), self.shape(later)) {
            (Shape::Nullable(a), _) => return self.clash(a, later),
            (_, Shape::Nullable(b)) => return self.clash(earlier, b),
            (Shape::Untagged(u), _) => return u.iter().find_map(|m| self.clash(&m.ty, later)),
            (_, Shape::Untagged(u)) => return u.iter().find_map(|m| self.clash(earlier, &m.ty)),
            // Scalars are strict and `json` keeps everything: what they take writes back the same.
            (Shape::Json | Shape::Scalar, _) | (_, Shape::Scalar) => return None,
            (Shape::List(a), Shape::List(b)) | (Shape::Map(a), Shape::Map(b)) => {
                return self.clash(a, b);
            }
            (Shape::List(a) | Shape::Map(a), Shape::Json) => return self.clash(a, &JSON),
            (Shape::Map(a), Shape::Object(fields)) => {
                if self.rejects(fields, self.kinds(a)) {
                    return None;
                }
                format!("a map takes any object whose values fit, so a `{l}` would decode as `{e}`")
            }
            (Shape::Object(fields), Shape::Map(b)) => {
                if self.rejects(fields, self.kinds(b)) {
                    return None;
                }
                format!(
                    "{}, so a `{l}` would decode as `{e}` and lose the keys `{e}` does not have",
                    self.takes(&e, fields, "a map with them")
                )
            }
            (Shape::Object(a), Shape::Object(b)) => {
                if self.apart(a, b) {
                    return None;
                }
                format!(
                    "{}, so a `{l}` would decode as `{e}` and lose the fields `{e}` does not have",
                    self.takes(&e, a, &format!("a `{l}` may have them too"))
                )
            }
            (Shape::Object(fields), Shape::Json) => format!(
                "{}, so a `json` object would decode as `{e}` and lose its other fields",
                self.takes(&e, fields, "any object may have them")
            ),
            (Shape::Object(fields), Shape::Tagged(_)) => format!(
                "{}, and `{l}` keeps objects of members this SDK does not know, whatever their \
                 fields: such an object would decode as `{e}`",
                self.takes(&e, fields, "any object may have them")
            ),
            (Shape::Tagged(field), Shape::Object(fields)) => {
                let tag = fields.iter().find(|f| f.wire == field);
                if tag.is_none_or(|f| self.field_kinds(f) & STRING == 0) {
                    return None;
                }
                format!("a `{l}` with a string `{field}` would decode as `{e}`, which takes any")
            }
            (Shape::Tagged(field), Shape::Map(b)) => {
                if self.kinds(b) & STRING == 0 {
                    return None;
                }
                format!("a `{l}` with a string `{field}` key would decode as `{e}`")
            }
            (Shape::Map(a), Shape::Tagged(_)) => {
                if self.kinds(a) & STRING == 0 {
                    return None;
                }
                format!("a map takes any object whose values fit, so a `{l}` would decode as `{e}`")
            }
            (Shape::Tagged(field), Shape::Json | Shape::Tagged(_)) => {
                format!("`{e}` takes any object with a string `{field}`, and a `{l}` may be one")
            }
            _ => return None,
        };
        Some(Clash {
            earlier: earlier.clone(),
            later: later.clone(),
            why,
        })
    }

    /// Whether an object (or map) with these fields rejects every value whose present fields
    /// have only the JSON kinds `kinds`: it requires a field of other kinds.
    fn rejects(&mut self, fields: &[FieldDecl], kinds: u8) -> bool {
        self.steps += fields.len();
        fields
            .iter()
            .any(|f| required(f) && self.field_kinds(f) & kinds == 0)
    }

    /// Whether object `a` rejects every value of object `b`: it requires a field that `b` does
    /// not have, or has with other JSON kinds.
    fn apart(&mut self, a: &[FieldDecl], b: &[FieldDecl]) -> bool {
        self.steps = self.steps.saturating_add(a.len().saturating_mul(b.len()));
        a.iter().filter(|f| required(f)).any(|r| {
            b.iter()
                .find(|f| f.wire == r.wire)
                .is_none_or(|f| self.field_kinds(r) & self.field_kinds(f) == 0)
        })
    }

    /// What object `name` takes: "`Circle` requires no field and takes any object", or
    /// "`Circle` requires only `radius`: <then>".
    fn takes(&self, name: &str, fields: &[FieldDecl], then: &str) -> String {
        let names: Vec<String> = fields
            .iter()
            .filter(|f| required(f))
            .map(|f| format!("`{}`", f.wire))
            .collect();
        if names.is_empty() {
            format!("`{name}` requires no field and takes any object")
        } else {
            format!("`{name}` requires only {} and {then}", names.join(", "))
        }
    }

    /// What the spec can do about a clash: each way that resolves it, best first.
    fn hint(
        &mut self,
        union_name: &str,
        union: &'a Union,
        earlier: &'a super::UnionMember,
        later: &'a super::UnionMember,
        clash: &Clash,
    ) -> String {
        let (e, l) = (self.show(&earlier.ty), self.show(&later.ty));
        let mut ways = Vec::new();
        if union.iter().all(|m| self.fields(&m.ty).is_some()) {
            // The first few members show the form; a long union is not spelt out in each hint.
            let mut members: Vec<String> = union
                .iter()
                .take(4)
                .map(|m| format!("<value>: {}", self.show(&m.ty)))
                .collect();
            if union.members.len() > members.len() {
                members.push("...".into());
            }
            ways.push(format!(
                "give `{union_name}` a discriminator, a field the server sets and no member \
                 declares: `union: {{discriminator: <field>, members: {{{}}}}}`",
                members.join(", ")
            ));
        }
        if let (Some(a), Some(b)) = (self.fields(&clash.earlier), self.fields(&clash.later)) {
            let only: Vec<String> = a
                .iter()
                .filter(|f| !required(f) && !b.iter().any(|g| g.wire == f.wire))
                .map(|f| format!("`{}`", f.wire))
                .collect();
            if !only.is_empty() {
                let (which, what) = match only.as_slice() {
                    [one] => (one.clone(), "a field"),
                    _ => (format!("one of {}", only.join(", ")), "fields"),
                };
                ways.push(format!(
                    "make {which} of `{}` required (neither `optional` nor `nullable`), {what} \
                     `{}` does not have",
                    self.show(&clash.earlier),
                    self.show(&clash.later),
                ));
            }
        }
        // Not before `json`, which would then take every value.
        if self.kinds(&later.ty) != ANY && self.clash(&later.ty, &earlier.ty).is_none() {
            ways.push(format!("list `{l}` before `{e}`"));
        }
        ways.push(format!("use `json` instead of `{union_name}`"));
        let last = ways.pop().unwrap_or_default();
        if ways.is_empty() {
            last
        } else {
            format!("{}, or {last}", ways.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::SpecSource;

    /// The diagnostics of a spec with these `types:` (YAML lines indented by two), one string
    /// each.
    fn problems(types: &[&str]) -> Vec<String> {
        let text = format!(
            "name: t\ntitle: T\nbase_url: https://x.example\nauth: []\ntypes:\n{}\n",
            types
                .iter()
                .map(|t| format!("  {t}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let source = SpecSource {
            path: "t.yaml".into(),
            text,
        };
        match crate::models(&[source]) {
            Ok(_) => Vec::new(),
            Err(crate::Error::Spec(d)) => d.0.iter().map(|d| d.message.clone()).collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    const CIRCLE: &str =
        "Circle: {fields: {radius: {type: float64}, label: {type: string, optional: true}}}";
    const SQUARE: &str =
        "Square: {fields: {side: {type: float64}, label: {type: string, optional: true}}}";
    const BLOB: &str = "Blob: {fields: {label: {type: string, optional: true}}}";

    #[test]
    fn objects_told_apart_by_a_required_field_the_later_ones_lack() {
        assert_eq!(
            problems(&[CIRCLE, SQUARE, BLOB, "S: {union: [Circle, Square, Blob]}"]),
            Vec::<String>::new()
        );
        let found = problems(&[CIRCLE, BLOB, "S: {union: [Blob, Circle]}"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("cannot tell `Circle` from the earlier member `Blob`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_shared_required_field_of_another_kind_tells_objects_apart() {
        let a = "A: {fields: {id: {type: int64}}}";
        let b = "B: {fields: {id: {type: string}}}";
        let c = "C: {fields: {id: {type: string, nullable: true}}}";
        assert!(problems(&[a, b, "U: {union: [A, B]}"]).is_empty());
        // A nullable field is not required: serde fills a missing one with `None`.
        assert!(!problems(&[a, c, "U: {union: [C, A]}"]).is_empty());
    }

    #[test]
    fn maps_json_and_tagged_unions_against_objects() {
        let label = "Label: {fields: {text: {type: string}}}";
        let count = "Count: {fields: {n: {type: int64}}}";
        assert!(!problems(&[label, "U: {union: [map<string>, Label]}"]).is_empty());
        assert!(!problems(&[label, "U: {union: [Label, map<string>]}"]).is_empty());
        // A required number is never a string value of the map, either way round.
        assert!(problems(&[count, "U: {union: [map<string>, Count]}"]).is_empty());
        assert!(problems(&[count, "U: {union: [Count, map<string>]}"]).is_empty());
        assert!(!problems(&[label, "U: {union: [Label, json]}"]).is_empty());
        let tagged = "T: {union: {discriminator: kind, members: {label: Label}}}";
        assert!(!problems(&[label, count, tagged, "U: {union: [Count, T]}"]).is_empty());
        assert!(problems(&[label, count, tagged, "U: {union: [T, Count]}"]).is_empty());
    }

    #[test]
    fn nested_lists_maps_and_unions_are_seen_through() {
        let circle = "Circle: {fields: {radius: {type: float64, optional: true}}}";
        assert!(
            !problems(&[circle, SQUARE, "U: {union: [list<Circle>, list<Square>]}"]).is_empty()
        );
        assert!(!problems(&[circle, SQUARE, "U: {union: [map<Circle?>, map<Square>]}"]).is_empty());
        assert!(problems(&[circle, SQUARE, "U: {union: [list<Square>, list<Circle>]}"]).is_empty());
        let inner = "I: {union: [string, Circle]}";
        assert!(!problems(&[circle, SQUARE, inner, "U: {union: [I, Square]}"]).is_empty());
        // Scalars are strict: a decimal member leaves other text to `string`.
        assert!(problems(&["U: {union: [decimal, date, datetime, string]}"]).is_empty());
    }

    #[test]
    fn types_claiming_one_name_end() {
        // `a-b` and `a_b` both become `AB`: reported, and the check still ends.
        let found = problems(&["a-b: {union: [string, int64]}", "a_b: {fields: {}}"]);
        assert!(found.iter().any(|p| p.contains("both become")), "{found:?}");
    }

    #[test]
    fn recursive_unions_end() {
        let found = problems(&[
            "A: {union: [list<B>, string]}",
            "B: {union: [list<A>, int64]}",
            "C: {union: [A, B]}",
        ]);
        assert!(
            found.iter().all(|p| !p.contains("cannot tell")),
            "{found:?}"
        );
    }

    #[test]
    fn tagged_members_are_objects_without_the_discriminator() {
        let with_kind = "K: {fields: {kind: {type: string}}}";
        let found = problems(&[
            CIRCLE,
            with_kind,
            "S: {union: {discriminator: kind, members: {circle: Circle, k: K, s: string}}}",
        ]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`K` has a field `kind`"), "{found:?}");
        assert!(
            found[1].contains("`string` is not an object type"),
            "{found:?}"
        );
    }
}

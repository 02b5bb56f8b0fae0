//! The smallest value of every type: optional fields left out, nullable ones `null`, lists and
//! maps empty, and each union its smallest member (the first of equals). The generated tests
//! build every example from it, and fill more only within a fixed budget; so a type whose
//! smallest value is infinite (no value fits), too large or too deep is a spec error, reported
//! here with the field to change.

use super::recursion::{Graph, Locate, MAX_SMALLEST, MAX_SMALLEST_DEPTH, components};
use super::{FieldDecl, TypeKind, TypeRef};
use crate::diag::Diagnostic;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The smallest value of each type (by index): how many values it holds ([`usize::MAX`] if no
/// finite value fits the type), and how many objects and unions deep it nests.
pub(super) struct Sizes {
    pub(super) size: Vec<usize>,
    depth: Vec<usize>,
}

/// Whether a field must hold a value (it may be neither absent nor `null`).
fn required(field: &FieldDecl) -> bool {
    !field.optional && !field.nullable
}

impl Graph<'_> {
    /// The smallest values, by Knuth's generalisation of Dijkstra's algorithm: a type's size is
    /// known once the sizes it is built from are (an object's required fields, a union's
    /// smallest member), and types are settled smallest first, so each is settled once.
    pub(super) fn smallest(&self) -> Sizes {
        let n = self.types.len();
        // For an object: how many required fields of named types are still unsettled, and the
        // size so far (itself, its nullable fields as `null`, its other required fields, and
        // its optional fields, each written as `None`: a literal names every field).
        let (mut pending, mut sum) = (vec![0usize; n], vec![1usize; n]);
        for (i, decl) in self.types.iter().enumerate() {
            if let TypeKind::Object(fields) = &decl.kind {
                sum[i] += fields.iter().filter(|f| f.optional).count();
            }
        }
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut heap = BinaryHeap::new();
        for (i, decl) in self.types.iter().enumerate() {
            match &decl.kind {
                TypeKind::Object(fields) => {
                    for field in fields.iter().filter(|f| !f.optional) {
                        match self.named(&field.ty).filter(|_| required(field)) {
                            Some(to) => {
                                pending[i] += 1;
                                users[to].push(i);
                            }
                            None => sum[i] += 1,
                        }
                    }
                    if pending[i] == 0 {
                        heap.push(Reverse((sum[i], i)));
                    }
                }
                TypeKind::Union(members) => {
                    for member in members {
                        match self.named(&member.ty) {
                            Some(to) => users[to].push(i),
                            None => heap.push(Reverse((2, i))),
                        }
                    }
                }
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Map { .. } => {
                    heap.push(Reverse((1, i)))
                }
            }
        }
        let mut size = vec![usize::MAX; n];
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse((settled, i))) = heap.pop() {
            if size[i] != usize::MAX {
                continue;
            }
            size[i] = settled;
            order.push(i);
            for &user in &users[i] {
                if size[user] != usize::MAX {
                    continue;
                }
                if let TypeKind::Union(_) = self.types[user].kind {
                    heap.push(Reverse((settled.saturating_add(1), user)));
                    continue;
                }
                pending[user] -= 1;
                sum[user] = sum[user].saturating_add(settled);
                if pending[user] == 0 {
                    heap.push(Reverse((sum[user], user)));
                }
            }
        }
        let depth = self.depths(&size, &order);
        Sizes { size, depth }
    }

    /// The size of the smallest value of `ty`, given those of the named types.
    fn size_of(&self, ty: &TypeRef, size: &[usize]) -> usize {
        self.named(ty).map_or(1, |to| size[to])
    }

    /// The named types the smallest value of type `i` holds directly: an object's required
    /// fields (with their index), a union's smallest member (the first of equals).
    fn parts(&self, i: usize, size: &[usize]) -> Vec<(Option<usize>, usize)> {
        match &self.types[i].kind {
            TypeKind::Object(fields) => fields
                .iter()
                .enumerate()
                .filter(|(_, f)| required(f))
                .filter_map(|(j, f)| self.named(&f.ty).map(|to| (Some(j), to)))
                .collect(),
            TypeKind::Union(members) => members
                .iter()
                .min_by_key(|m| self.size_of(&m.ty, size))
                .and_then(|m| self.named(&m.ty))
                .map(|to| vec![(None, to)])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// How many objects and unions deep the smallest value of each type nests, in the order
    /// the sizes were settled (every type after its parts).
    fn depths(&self, size: &[usize], order: &[usize]) -> Vec<usize> {
        let mut depth = vec![0; size.len()];
        for &i in order {
            if matches!(self.types[i].kind, TypeKind::Object(_) | TypeKind::Union(_)) {
                let deepest = self.parts(i, size).iter().map(|&(_, to)| depth[to]).max();
                depth[i] = 1 + deepest.unwrap_or(0);
            }
        }
        depth
    }

    /// Types no finite value fits, reported where they contain themselves: at each required
    /// field of an object on such a cycle (through other objects' required fields, and unions
    /// whose every member is on such a cycle).
    pub(super) fn unbuildable(&self, sizes: &Sizes, locate: &Locate<'_>) -> Vec<Diagnostic> {
        let infinite = |i: usize| sizes.size[i] == usize::MAX;
        let edges: Vec<Vec<usize>> = (0..self.types.len())
            .map(|i| match &self.types[i].kind {
                _ if !infinite(i) => Vec::new(),
                TypeKind::Object(fields) => fields
                    .iter()
                    .filter(|f| required(f))
                    .filter_map(|f| self.named(&f.ty))
                    .filter(|&to| infinite(to))
                    .collect(),
                TypeKind::Union(members) => {
                    members.iter().filter_map(|m| self.named(&m.ty)).collect()
                }
                _ => Vec::new(),
            })
            .collect();
        let component = components(&edges);
        let cyclic = |i: usize| edges[i].iter().any(|&to| component[to] == component[i]);
        // The first union on each cycle. A cycle of unions only is reported as such
        // (`union_cycles`).
        let mut union_of = vec![None; self.types.len()];
        for i in (0..self.types.len()).filter(|&i| cyclic(i)) {
            if let TypeKind::Union(_) = self.types[i].kind {
                union_of[component[i]].get_or_insert(self.types[i].rust.as_str());
            }
        }
        let mut problems = Vec::new();
        for i in (0..self.types.len()).filter(|&i| cyclic(i)) {
            let owner = &self.types[i].rust;
            let union = union_of[component[i]];
            let TypeKind::Object(fields) = &self.types[i].kind else {
                continue;
            };
            for field in fields.iter().filter(|f| required(f)) {
                let on_cycle = self
                    .named(&field.ty)
                    .is_some_and(|to| component[to] == component[i]);
                if !on_cycle {
                    continue;
                }
                if let Some(loc) = locate(owner, Some(&field.wire)) {
                    problems.push(required_cycle(loc, owner, union));
                }
            }
        }
        problems
    }
}

/// The problem of a required field on a cycle no value can close: through required fields
/// only, or through `union` too, whose every member is on such a cycle.
fn required_cycle(loc: crate::diag::Loc, owner: &str, union: Option<&str>) -> Diagnostic {
    match union {
        None => Diagnostic::new(
            loc,
            format!("`{owner}` contains itself through required fields, so no value can be built"),
        )
        .help("make one field of the cycle `optional: true` or `nullable: true`, or a list"),
        Some(union) => Diagnostic::new(
            loc,
            format!(
                "`{owner}` contains itself through required fields and the union `{union}`, \
                 whose every member contains it again, so no value can be built"
            ),
        )
        .help(format!(
            "make one field of the cycle `optional: true` or `nullable: true`, or a list; or \
             give `{union}` a member that does not contain `{owner}`, such as `string`"
        )),
    }
}

impl Graph<'_> {
    /// Types whose smallest value is over [`MAX_SMALLEST`] values or [`MAX_SMALLEST_DEPTH`]
    /// levels, each reported where it crosses the limit: at a type whose parts are all within
    /// it, so that the hint names fields to change. Types containing those are not reported:
    /// they shrink with them.
    pub(super) fn too_large(&self, sizes: &Sizes, locate: &Locate<'_>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for i in 0..self.types.len() {
            let (size, depth) = (sizes.size[i], sizes.depth[i]);
            let large = size != usize::MAX && size > MAX_SMALLEST;
            if !large && depth <= MAX_SMALLEST_DEPTH {
                continue;
            }
            let parts = self.parts(i, &sizes.size);
            let owner = &self.types[i].rust;
            let Some(loc) = locate(owner, None) else {
                continue;
            };
            if large && parts.iter().all(|&(_, to)| sizes.size[to] <= MAX_SMALLEST) {
                let message = format!(
                    "every value of `{owner}` holds at least {size} values, more than the \
                     {MAX_SMALLEST} allowed (the generated tests build a value of every type)"
                );
                let help = self.shrink_hint(i, &parts, &sizes.size, "values");
                problems.push(Diagnostic::new(loc.clone(), message).help(help));
            }
            if depth > MAX_SMALLEST_DEPTH
                && parts
                    .iter()
                    .all(|&(_, to)| sizes.depth[to] <= MAX_SMALLEST_DEPTH)
            {
                let message = format!(
                    "every value of `{owner}` nests at least {depth} objects deep, more than \
                     the {MAX_SMALLEST_DEPTH} allowed (the generated tests decode a value of \
                     every type)"
                );
                let help = self.shrink_hint(i, &parts, &sizes.depth, "levels deep");
                problems.push(Diagnostic::new(loc, message).help(help));
            }
        }
        problems
    }

    /// What to change in type `i` so that its smallest value shrinks: the largest of its
    /// `parts` by `measure` (named fields of an object, or a union's smallest member).
    fn shrink_hint(
        &self,
        i: usize,
        parts: &[(Option<usize>, usize)],
        measure: &[usize],
        unit: &str,
    ) -> String {
        let mut parts = parts.to_vec();
        parts.sort_by_key(|&(_, to)| Reverse(measure[to]));
        let TypeKind::Object(fields) = &self.types[i].kind else {
            let member = parts
                .first()
                .map_or("?", |&(_, to)| self.types[to].rust.as_str());
            return format!(
                "its smallest member `{member}` is too large: make required fields of `{member}` \
                 `optional: true` or `nullable: true`, or lists"
            );
        };
        if fields.len() >= MAX_SMALLEST / 2 {
            return format!(
                "`{}` has {} fields and a value names every one, even unset: group some of them \
                 into nested object types, or into a map (`map: string`)",
                self.types[i].rust,
                fields.len()
            );
        }
        let named: Vec<String> = parts
            .iter()
            .take(3)
            .filter_map(|&(j, to)| {
                let field = fields.get(j?)?;
                Some(format!(
                    "`{}` holds `{}`, {} {unit}",
                    field.wire, self.types[to].rust, measure[to]
                ))
            })
            .collect();
        let make = "make some of its required fields `optional: true` or `nullable: true`";
        if named.is_empty() {
            return format!(
                "{make}: it has {} of them",
                fields.iter().filter(|f| required(f)).count()
            );
        }
        format!("{make}, or lists ({})", named.join("; "))
    }
}

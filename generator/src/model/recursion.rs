//! Recursive types, through every container and union: which references are held in a `Box`
//! (a type that contains itself inline would have infinite size; a cycle through a union is
//! broken at the union's members), which named maps become newtype structs (a map that contains
//! itself through named maps only would be a cyclic type alias), and the smallest value of every
//! type, which the generated tests' examples are built from (`smallest.rs`). Types no finite
//! value fits are rejected, and so are types whose smallest value is too large or too deep for
//! the generated tests, each at the place to change.
//!
//! Every pass is linear in the number of types and references (Tarjan's components, and
//! Knuth's generalisation of Dijkstra's algorithm for the smallest values), with no recursion on
//! the spec's shape, so no spec can make this work grow faster than the spec.

use super::{TypeDecl, TypeKind, TypeRef};
use crate::diag::{Diagnostic, Loc};
use std::collections::{HashMap, HashSet};

/// The most values (objects, union variants, scalars, empty lists and maps, and optional fields
/// left `None`, which a struct literal names too) the smallest value of a type may hold. Every
/// generated test that takes or answers the type holds at least that many, so this bounds how
/// far a short spec can make the tests grow (a type with two required fields of a type with two
/// required fields..., twenty deep, would need a million objects) and makes what is generated
/// for each method bounded, so the generator's output grows linearly with the spec.
pub const MAX_SMALLEST: usize = 4096;

/// How many objects and unions deep the smallest value of a type may nest: the generated tests
/// decode their examples with `serde_json`, which refuses JSON nested 128 deep.
pub const MAX_SMALLEST_DEPTH: usize = 32;

/// Where a problem is: a type, or a field of an object type (by wire name).
pub type Locate<'a> = dyn Fn(&str, Option<&str>) -> Option<Loc> + 'a;

/// Marks the references to box and the named maps to emit as newtypes, records the smallest
/// value of every type, and returns the problems: types no finite value fits, and types whose
/// smallest value is over [`MAX_SMALLEST`] or [`MAX_SMALLEST_DEPTH`].
pub fn analyse(types: &mut [TypeDecl], locate: &Locate<'_>) -> Vec<Diagnostic> {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.rust.clone(), i))
        .collect();
    let graph = Graph {
        types,
        index: &index,
    };
    let boxed = graph.inline_cycles();
    let newtypes = graph.alias_cycles();
    let smallest = graph.smallest();
    let mut problems = graph.union_cycles(locate);
    problems.extend(graph.unbuildable(&smallest, locate));
    problems.extend(graph.too_large(&smallest, locate));
    for (i, decl) in types.iter_mut().enumerate() {
        decl.smallest = smallest.size[i];
        match &mut decl.kind {
            TypeKind::Object(fields) => {
                for (j, field) in fields.iter_mut().enumerate() {
                    field.boxed = boxed.contains(&(i, j));
                }
            }
            TypeKind::Union(members) => {
                for (j, member) in members.members.iter_mut().enumerate() {
                    member.boxed = boxed.contains(&(i, j));
                }
            }
            TypeKind::Map { newtype, .. } => *newtype = newtypes[i],
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
        }
    }
    problems
}

/// The named types, by index.
pub(super) struct Graph<'a> {
    pub(super) types: &'a [TypeDecl],
    pub(super) index: &'a HashMap<String, usize>,
}

impl Graph<'_> {
    /// The index of a reference's type, if it names a declared one.
    pub(super) fn named(&self, ty: &TypeRef) -> Option<usize> {
        match ty {
            TypeRef::Named(name) => self.index.get(name).copied(),
            _ => None,
        }
    }

    /// Whether a value of the type at `i` is held inline by whatever contains it (a struct or
    /// an enum), rather than on the heap (a map) or as a number (an enum of values).
    fn inline(&self, i: usize) -> bool {
        matches!(self.types[i].kind, TypeKind::Object(_) | TypeKind::Union(_))
    }

    /// `(type, field or member)` of the references to hold in a `Box`, so that no struct or
    /// enum contains itself inline (it would have infinite size). A cycle through a union is
    /// broken at the union's members on it (`Expr::BinOp(Box<BinOp>)`, as one writes it by
    /// hand); a cycle of structs only at each of its fields.
    fn inline_cycles(&self) -> HashSet<(usize, usize)> {
        // (field or member, held type, whether it is a union's member)
        let mut refs: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); self.types.len()];
        for (i, decl) in self.types.iter().enumerate() {
            let (held, member): (Vec<&TypeRef>, bool) = match &decl.kind {
                TypeKind::Object(fields) => (fields.iter().map(|f| &f.ty).collect(), false),
                TypeKind::Union(members) => (members.iter().map(|m| &m.ty).collect(), true),
                _ => (Vec::new(), false),
            };
            for (j, ty) in held.into_iter().enumerate() {
                if let Some(to) = self.named(ty).filter(|&to| self.inline(to)) {
                    refs[i].push((j, to, member));
                }
            }
        }
        let mut boxed = HashSet::new();
        // Union members first; then the fields of the cycles no boxed member breaks.
        for members in [true, false] {
            let edges: Vec<Vec<usize>> = (0..refs.len())
                .map(|i| {
                    refs[i]
                        .iter()
                        .filter(|&&(j, _, _)| !boxed.contains(&(i, j)))
                        .map(|&(_, to, _)| to)
                        .collect()
                })
                .collect();
            let component = components(&edges);
            for (i, refs) in refs.iter().enumerate() {
                for &(j, to, member) in refs {
                    if member == members && component[i] == component[to] {
                        boxed.insert((i, j));
                    }
                }
            }
        }
        boxed
    }

    /// Whether each type is a named map that contains itself through named maps only (in any
    /// list or map of its value type): as a type alias it would be defined by itself.
    fn alias_cycles(&self) -> Vec<bool> {
        let edges: Vec<Vec<usize>> = self
            .types
            .iter()
            .map(|decl| match &decl.kind {
                TypeKind::Map { value, .. } => {
                    let mut named = std::collections::BTreeSet::new();
                    value.collect_named(&mut named);
                    named
                        .iter()
                        .filter_map(|n| self.index.get(n).copied())
                        .filter(|&to| matches!(self.types[to].kind, TypeKind::Map { .. }))
                        .collect()
                }
                _ => Vec::new(),
            })
            .collect();
        let component = components(&edges);
        let mut members = vec![0usize; edges.len()];
        for &c in &component {
            members[c] += 1;
        }
        (0..edges.len())
            .map(|i| members[component[i]] > 1 || edges[i].contains(&i))
            .collect()
    }
}

impl Graph<'_> {
    /// Unions that are their own member through unions only (`A: [B, string]`, `B: [A, int64]`):
    /// decoding a value tries `A`, then `B`, then `A` again without reading anything, and never
    /// ends. Reported at each member on the cycle.
    fn union_cycles(&self, locate: &Locate<'_>) -> Vec<Diagnostic> {
        let union = |i: usize| matches!(self.types[i].kind, TypeKind::Union(_));
        let members = |i: usize| match &self.types[i].kind {
            TypeKind::Union(union) => union.members.as_slice(),
            _ => &[],
        };
        let edges: Vec<Vec<usize>> = (0..self.types.len())
            .map(|i| {
                members(i)
                    .iter()
                    .filter_map(|m| self.named(&m.ty))
                    .filter(|&to| union(to))
                    .collect()
            })
            .collect();
        let component = components(&edges);
        let mut problems = Vec::new();
        for i in 0..self.types.len() {
            let owner = &self.types[i].rust;
            for member in members(i) {
                let Some(to) = self.named(&member.ty) else {
                    continue;
                };
                if !union(to) || component[to] != component[i] {
                    continue;
                }
                let Some(loc) = locate(owner, None) else {
                    continue;
                };
                let via = &self.types[to].rust;
                problems.push(
                    Diagnostic::new(
                        loc,
                        format!(
                            "union `{owner}` contains itself through its member `{via}`, a \
                             union too: decoding a value that fits neither would never end"
                        ),
                    )
                    .help(format!(
                        "list the members of `{via}` in `{owner}` itself, or wrap `{via}` in an \
                         object type (a field holding it)"
                    )),
                );
            }
        }
        problems
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, with an explicit stack
/// so that no chain of types, however long, can overflow the thread's).
pub(super) fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut next, mut found) = (Vec::new(), 0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut calls = vec![(root, 0usize)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        while let Some(&mut (node, ref mut edge)) = calls.last_mut() {
            if let Some(&to) = edges[node].get(*edge) {
                *edge += 1;
                if order[to] == UNSEEN {
                    order[to] = next;
                    low[to] = next;
                    next += 1;
                    stack.push(to);
                    calls.push((to, 0));
                } else if component[to] == UNSEEN {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    component[member] = found;
                    if member == node {
                        break;
                    }
                }
                found += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_of_cycles_chains_and_self_loops() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = components(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}

//! Adversarial specs: families of specs built to make a generator's work explode (recursion
//! through every container and union, dense reference graphs, fan-out whose values grow as a
//! power of depth, deep nesting, long cycles that can never end). Each is a pure function of a
//! size. `generator/tests/bounded_work.rs` includes this file and checks that the generator's
//! heap stays far below 1 GiB on each; `cargo xtask bench-adversarial` times the release
//! generator on each and reads its peak memory (`BENCHMARKS.md`).

use std::fmt::Write as _;

/// One adversarial spec: its family's name and its text.
pub struct Adversary {
    /// The family, e.g. `union-cycle`.
    pub name: &'static str,
    /// What the family attacks.
    pub about: &'static str,
    /// The spec, as YAML text.
    pub text: String,
}

const HEADER: &str = "name: adversary\ntitle: Adversary API\nbase_url: https://api.example.com\nauth:\n  - scheme: bearer\n    setter: api_key\n";

/// A spec with `types` (YAML under `types:`) and one resource whose methods take and return
/// each of `used` (a GET returning it, a POST taking it as a body field), so that examples and
/// tests are built for them too.
fn spec(types: &str, used: &[String]) -> String {
    let mut text = String::from(HEADER);
    text.push_str("types:\n");
    text.push_str(types);
    text.push_str("resources:\n  things:\n    methods:\n");
    for (i, ty) in used.iter().enumerate() {
        let _ = write!(
            text,
            "      get{i}:\n        method: GET\n        path: /v1/get{i}\n        response: {ty}\n\
             \x20     put{i}:\n        method: POST\n        path: /v1/put{i}\n        body:\n          fields:\n            value: {{type: {ty}}}\n        response: {ty}\n"
        );
    }
    text
}

/// The example, widened: `n` unions each of an object, a scalar and the next union,
/// whose objects hold two required references to unions further on (every union reaches every
/// other).
fn union_cycle(n: usize) -> String {
    let mut types = String::new();
    for i in 0..n {
        let (a, b) = ((i + 1) % n, (i * 7 + 3) % n);
        let _ = writeln!(
            types,
            "  Expr{i}:\n    union: [BinOp{i}, string, list<Expr{a}>]"
        );
        let _ = writeln!(
            types,
            "  BinOp{i}:\n    fields:\n      op: {{type: string}}\n      left: {{type: Expr{a}}}\n      right: {{type: Expr{b}}}"
        );
    }
    spec(
        &types,
        &(0..n.min(40))
            .map(|i| format!("Expr{i}"))
            .collect::<Vec<_>>(),
    )
}

/// `n` objects, each with an optional field of every other object: `n * n` fields, every
/// type on a cycle with every other.
fn dense_graph(n: usize) -> String {
    let mut types = String::new();
    for i in 0..n {
        let _ = writeln!(types, "  Node{i}:\n    fields:\n      id: {{type: string}}");
        for j in 0..n {
            let _ = writeln!(types, "      to{j}: {{type: Node{j}, optional: true}}");
        }
    }
    spec(
        &types,
        &(0..n.min(40))
            .map(|i| format!("Node{i}"))
            .collect::<Vec<_>>(),
    )
}

/// Fan-out: level `d` has 8 required fields of level `d + 1`, `depth` levels deep. The smallest
/// value of the top holds `8^depth` values; nothing may build it.
fn fan_out(depth: usize) -> String {
    let mut types = String::new();
    for d in 0..depth {
        let _ = writeln!(types, "  Level{d}:\n    fields:");
        for f in 0..8 {
            if d + 1 < depth {
                let _ = writeln!(types, "      f{f}: {{type: Level{}}}", d + 1);
            } else {
                let _ = writeln!(types, "      f{f}: {{type: string}}");
            }
        }
    }
    spec(&types, &["Level0".to_owned()])
}

/// Containers nested `depth` deep around a recursive object, and a named map whose values
/// are the same nesting of itself (more than `MAX_NESTING`, 32, is rejected).
fn deep_nesting(depth: usize) -> String {
    // The outermost container is the last one wrapped: `list<` at even depths from inside.
    let open: String = (0..depth)
        .rev()
        .map(|d| if d % 2 == 0 { "list<" } else { "map<" })
        .collect();
    let nested = format!("{open}Deep{}", ">".repeat(depth));
    let types = format!(
        "  Deep:\n    fields:\n      id: {{type: string}}\n      more: {{type: \"{nested}\"}}\n  Tree:\n    map: \"{}\"\n",
        nested.replace("Deep", "Tree")
    );
    spec(&types, &["Deep".to_owned(), "Tree".to_owned()])
}

/// `n` unions with a discriminator whose `n` members each hold a required field of the next
/// union: tagged recursion through every member.
fn tagged_cycle(n: usize) -> String {
    let mut types = String::new();
    for i in 0..n {
        let _ = writeln!(
            types,
            "  Shape{i}:\n    union:\n      discriminator: kind\n      members:"
        );
        for m in 0..n {
            let _ = writeln!(types, "        m{m}: Part{i}x{m}");
        }
        for m in 0..n {
            let _ = writeln!(
                types,
                "  Part{i}x{m}:\n    fields:\n      size: {{type: float64}}\n      inner: {{type: Shape{}, optional: {}}}",
                (i + 1) % n,
                m % 2 == 0
            );
        }
    }
    spec(
        &types,
        &(0..n.min(40))
            .map(|i| format!("Shape{i}"))
            .collect::<Vec<_>>(),
    )
}

/// Named maps in a cycle of length `n`, each inside a union with a scalar.
fn map_cycle(n: usize) -> String {
    let mut types = String::new();
    for i in 0..n {
        let _ = writeln!(types, "  Tree{i}:\n    map: Tree{}", (i + 1) % n);
        let _ = writeln!(types, "  Leaf{i}:\n    union: [Tree{i}, string, int64]");
    }
    spec(
        &types,
        &(0..n.min(40))
            .map(|i| format!("Leaf{i}"))
            .collect::<Vec<_>>(),
    )
}

/// A cycle of `n` objects through required fields: no value can ever be built, which `check`
/// must say (located) rather than search for one.
fn endless_cycle(n: usize) -> String {
    let mut types = String::new();
    for i in 0..n {
        let _ = writeln!(
            types,
            "  Link{i}:\n    fields:\n      next: {{type: Link{}}}\n      other: {{type: Link{}}}",
            (i + 1) % n,
            (i * 13 + 5) % n
        );
    }
    spec(&types, &["Link0".to_owned()])
}

/// Untagged unions of `n` objects whose fields are all optional and disjoint, each with a field
/// of the next union: the disjointness check's worst case.
fn wide_unions(n: usize) -> String {
    let mut types = String::new();
    for u in 0..n {
        let members: Vec<String> = (0..n).map(|m| format!("Obj{u}x{m}")).collect();
        let _ = writeln!(types, "  Union{u}:\n    union: [{}]", members.join(", "));
        for m in 0..n {
            let _ = writeln!(
                types,
                "  Obj{u}x{m}:\n    fields:\n      only{m}: {{type: string}}\n      next{m}: {{type: Union{}, optional: true}}",
                (u + 1) % n
            );
        }
    }
    spec(
        &types,
        &(0..n.min(40))
            .map(|u| format!("Union{u}"))
            .collect::<Vec<_>>(),
    )
}

/// Every family at the sizes the checks use: far beyond any real API (Nirvana has 142 types).
pub fn adversaries() -> Vec<Adversary> {
    vec![
        Adversary {
            name: "union-cycle",
            about: "300 unions and 300 objects, each object two required references on",
            text: union_cycle(300),
        },
        Adversary {
            name: "dense-graph",
            about: "120 objects with an optional field of each other (14,400 fields)",
            text: dense_graph(120),
        },
        Adversary {
            name: "fan-out",
            about: "40 levels of 8 required fields: a smallest value of 8^40 values",
            text: fan_out(40),
        },
        Adversary {
            name: "deep-nesting",
            about: "lists and maps nested 32 deep (the most allowed) around a recursive object and map",
            text: deep_nesting(32),
        },
        Adversary {
            name: "too-deep",
            about: "lists and maps nested 10,000 deep: rejected, never recursed into",
            text: deep_nesting(10_000),
        },
        Adversary {
            name: "tagged-cycle",
            about: "40 unions with a discriminator of 40 members each, recursing",
            text: tagged_cycle(40),
        },
        Adversary {
            name: "map-cycle",
            about: "a cycle of 500 named maps, each in a union",
            text: map_cycle(500),
        },
        Adversary {
            name: "endless-cycle",
            about: "2,000 objects in required cycles: no value exists (rejected)",
            text: endless_cycle(2000),
        },
        Adversary {
            name: "wide-unions",
            about: "60 unions of 60 disjoint objects, recursing",
            text: wide_unions(60),
        },
    ]
}

//! Example values built from the model, each as a Rust expression and as the JSON it encodes
//! to, for the generated per-endpoint tests: request inputs and response bodies.

use super::util::ident;
use crate::model::{Api, FieldDecl, TypeDecl, TypeKind, TypeRef, Union, UnionMember};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::collections::HashMap;

/// How deep nested objects, lists and maps go before the rest is left at its smallest.
const MAX_DEPTH: usize = 12;

/// How many values one example may hold beyond the smallest value of its type (which the model
/// bounds by [`crate::model::MAX_SMALLEST`]). Every optional field filled, union member
/// preferred to a smaller one and list or map item is paid from it, and whatever it cannot pay
/// for is left at its smallest (optional fields out, nullable ones `null`, lists and maps empty,
/// each union its smallest member). So an example holds at most `smallest + EXTRA` values
/// however the types nest, fan out or recurse, and the tests grow linearly with the spec.
pub const EXTRA: usize = 256;

/// A value as Rust code (building it in a test) and as JSON (what goes on the wire).
#[derive(Clone)]
pub struct Example {
    /// An expression of the owned Rust type, e.g. `String::from("x")`, `api::VolumeType::Nvme`.
    pub rust: TokenStream,
    /// The JSON encoding.
    pub json: Value,
}

/// What an example is made from: its type, name, and its strings' format and pattern.
type MadeKey = (TypeRef, String, Option<String>, Option<String>);

/// Makes example values for the types of one API; generated code refers to them as `api::T`.
pub struct Examples<'a> {
    types: HashMap<&'a str, &'a TypeDecl>,
    /// The examples made so far, by type and hint: [`Examples::value`] depends on nothing
    /// else, and a file's tests ask for the same ones again and again (a response type shared
    /// by several methods, each tested twice). A clone shares the tokens (`Rc`).
    made: RefCell<HashMap<MadeKey, Example>>,
    /// Whether the Rust expressions are built: tests that only need the JSON (the round trips)
    /// skip them, and their `rust` is empty.
    tokens: bool,
}

/// What a string's example must be: of a text format (`uuid`...) and matching a pattern.
#[derive(Clone, Copy, Default)]
pub struct TextRule<'a> {
    /// OpenAPI's `format`.
    pub format: Option<&'a str>,
    /// A regular expression.
    pub pattern: Option<&'a str>,
}

/// The example text for a string named `hint` in the text `format` (OpenAPI's names): a value
/// of that format for the ones validators check, else [`text`].
pub fn formatted(hint: &str, format: Option<&str>) -> String {
    let name = text(hint);
    match format.unwrap_or_default() {
        "uuid" => {
            // A version-4 UUID of its own for each name, so that two values differ.
            let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!("00000000-0000-4000-8000-{:012x}", hash & 0xffff_ffff_ffff)
        }
        "ipv4" | "ip" => "192.0.2.1".into(),
        "ipv6" => "2001:db8::1".into(),
        "cidr" | "ipv4-net" | "ip-net" => "192.0.2.0/24".into(),
        "ipv6-net" => "2001:db8::/32".into(),
        "uri" | "url" | "uri-reference" | "iri" => format!("https://example.com/{name}"),
        "email" | "idn-email" => format!("{name}@example.com"),
        "hostname" | "idn-hostname" => format!("{name}.example.com"),
        "mac" | "mac-address" => "02:00:00:00:00:01".into(),
        "byte" | "base64" => "ZXhhbXBsZQ==".into(),
        "time" => "03:04:05Z".into(),
        "duration" => "PT1S".into(),
        "regex" => format!("^{name}$"),
        _ => name,
    }
}

/// The example text for a string named `hint`, safe in a path segment without encoding.
pub fn text(hint: &str) -> String {
    let cleaned: String = crate::naming::unraw(hint)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{}-1", cleaned.trim_matches('-'))
}

impl<'a> Examples<'a> {
    /// Examples for the types of `api`.
    pub fn new(api: &'a Api) -> Self {
        Examples {
            types: api.types.iter().map(|t| (t.rust.as_str(), t)).collect(),
            made: RefCell::new(HashMap::new()),
            tokens: true,
        }
    }

    /// Examples for the types of `api` as JSON only: the same JSON as [`Examples::new`]'s, with
    /// an empty `rust`.
    pub fn json_only(api: &'a Api) -> Self {
        Examples {
            tokens: false,
            ..Examples::new(api)
        }
    }

    /// `build()`, or nothing if this makes JSON only.
    fn rust(&self, build: impl FnOnce() -> TokenStream) -> TokenStream {
        if self.tokens {
            build()
        } else {
            TokenStream::new()
        }
    }

    /// An example of `ty`; `hint` names the value (strings are derived from it). It holds at
    /// most the smallest value of `ty` and [`EXTRA`] values more.
    pub fn value(&self, ty: &TypeRef, hint: &str) -> Example {
        self.value_in(ty, hint, TextRule::default())
    }

    /// [`Examples::value`] of a value whose strings follow `rule` (a format, a pattern).
    pub fn value_in(&self, ty: &TypeRef, hint: &str, rule: TextRule<'_>) -> Example {
        let key = (
            ty.clone(),
            hint.to_owned(),
            rule.format.map(str::to_owned),
            rule.pattern.map(str::to_owned),
        );
        if let Some(made) = self.made.borrow().get(&key) {
            return made.clone();
        }
        let mut extra = EXTRA;
        let example = self.at(ty, (hint, rule), 0, &mut extra);
        self.made.borrow_mut().insert(key, example.clone());
        example
    }

    /// How many values the smallest value of `ty` holds (`TypeDecl::smallest`).
    fn smallest(&self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => self.types.get(name.as_str()).map_or(1, |d| d.smallest),
            _ => 1,
        }
    }

    /// Takes `cost` values from `extra`, if it has them and `depth` is not past [`MAX_DEPTH`].
    fn afford(depth: usize, extra: &mut usize, cost: usize) -> bool {
        let fits = depth < MAX_DEPTH && cost <= *extra;
        if fits {
            *extra -= cost;
        }
        fits
    }

    /// An example of `ty` at nesting `depth`. Its smallest value is paid for; anything more
    /// comes out of `extra`.
    fn at(
        &self,
        ty: &TypeRef,
        (hint, rule): (&str, TextRule<'_>),
        depth: usize,
        extra: &mut usize,
    ) -> Example {
        if depth > 4 * (MAX_DEPTH + crate::model::MAX_SMALLEST_DEPTH) {
            // Only a type the model should have rejected could get here (its smallest values
            // end well before): stop rather than recurse forever.
            return Example {
                rust: quote!(unreachable!("example nested too deep")),
                json: Value::Null,
            };
        }
        match ty {
            TypeRef::List(inner) | TypeRef::Map(inner) => {
                // A container of nullable items holds a `null` too, paid with the item.
                let nulls = usize::from(matches!(**inner, TypeRef::Nullable(_)));
                if !Self::afford(depth, extra, self.smallest(inner) + nulls) {
                    return empty(ty);
                }
                let item = self.at(inner, (hint, rule), depth + 1, extra);
                let json = container_json(ty, item.json, nulls == 1);
                let rust = self.rust(|| container_rust(ty, item.rust, nulls == 1));
                Example { rust, json }
            }
            TypeRef::Nullable(inner) => {
                let value = self.at(inner, (hint, rule), depth, extra);
                let rust = value.rust;
                Example {
                    rust: self.rust(|| quote!(Some(#rust))),
                    json: value.json,
                }
            }
            TypeRef::Named(name) => self.named(name, hint, depth, extra),
            scalar => Self::scalar(scalar, hint, rule),
        }
    }

    /// A scalar's example; `hint` names it.
    fn scalar(ty: &TypeRef, hint: &str, rule: TextRule<'_>) -> Example {
        match ty {
            TypeRef::String => {
                let s = rule
                    .pattern
                    .and_then(super::pattern::example)
                    .unwrap_or_else(|| formatted(hint, rule.format));
                Example {
                    rust: quote!(String::from(#s)),
                    json: Value::String(s),
                }
            }
            TypeRef::Bool => Example {
                rust: quote!(true),
                json: json!(true),
            },
            TypeRef::Int32 | TypeRef::Int64 => Example {
                rust: quote!(7),
                json: json!(7),
            },
            // The largest values: what no signed type of the same width holds.
            TypeRef::UInt32 => Example {
                rust: quote!(4_294_967_295_u32),
                json: json!(u32::MAX),
            },
            TypeRef::UInt64 => Example {
                rust: quote!(18_446_744_073_709_551_615_u64),
                json: json!(u64::MAX),
            },
            TypeRef::Float64 => Example {
                rust: quote!(2.5),
                json: json!(2.5),
            },
            TypeRef::DateTime => Example {
                rust: quote!("2025-01-02T03:04:05Z".parse::<api::DateTime>().unwrap()),
                json: json!("2025-01-02T03:04:05Z"),
            },
            TypeRef::Date => Example {
                rust: quote!("2025-01-02".parse::<api::Date>().unwrap()),
                json: json!("2025-01-02"),
            },
            TypeRef::Decimal => Example {
                rust: quote!(api::Decimal::new("12.50").unwrap()),
                json: json!("12.50"),
            },
            TypeRef::Json => Example {
                rust: quote!(serde_json::json!({"key": "value"})),
                json: json!({"key": "value"}),
            },
            TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Named(_) | TypeRef::Nullable(_) => {
                Example {
                    rust: quote!(unreachable!("not a scalar")),
                    json: Value::Null,
                }
            }
        }
    }

    fn named(&self, name: &str, hint: &str, depth: usize, extra: &mut usize) -> Example {
        let Some(decl) = self.types.get(name) else {
            return Example {
                rust: quote!(unreachable!("unknown type")),
                json: Value::Null,
            };
        };
        let ty = ident(&decl.rust);
        match &decl.kind {
            TypeKind::StringEnum(variants) => match variants.first() {
                Some(first) => {
                    let variant = ident(&first.rust);
                    Example {
                        rust: quote!(api::#ty::#variant),
                        json: Value::String(first.value.clone()),
                    }
                }
                None => Example {
                    rust: quote!(api::#ty::from("value")),
                    json: json!("value"),
                },
            },
            TypeKind::IntEnum(variants) => match variants.first() {
                Some(first) => {
                    let variant = ident(&first.rust);
                    Example {
                        rust: quote!(api::#ty::#variant),
                        json: json!(first.value),
                    }
                }
                None => Example {
                    rust: quote!(api::#ty::from(1)),
                    json: json!(1),
                },
            },
            TypeKind::Union(union) => self.union(&ty, union, hint, depth, extra),
            TypeKind::Map { value, newtype } => {
                let map = self.at(
                    &TypeRef::Map(Box::new(value.clone())),
                    (hint, TextRule::default()),
                    depth,
                    extra,
                );
                if !newtype {
                    return map;
                }
                let rust = map.rust;
                Example {
                    rust: self.rust(|| quote!(api::#ty(#rust))),
                    json: map.json,
                }
            }
            TypeKind::Object(fields) => self.object(&ty, fields, depth, extra),
        }
    }

    /// A union's first member that `extra` can pay for beyond the smallest member's size: the
    /// smallest member itself (the first of equals) if none before it fits. A member of a union
    /// with a discriminator is its object with the discriminator field set.
    fn union(
        &self,
        ty: &proc_macro2::Ident,
        union: &Union,
        hint: &str,
        depth: usize,
        extra: &mut usize,
    ) -> Example {
        let floor = union.iter().map(|m| self.smallest(&m.ty)).min();
        let chosen = union.iter().find(|m| {
            let cost = self.smallest(&m.ty) - floor.unwrap_or(0);
            cost == 0 || Self::afford(depth, extra, cost)
        });
        let Some(member) = chosen else {
            return Example {
                rust: quote!(unreachable!("empty union")),
                json: Value::Null,
            };
        };
        self.member_at(ty, union, member, hint, depth, extra)
    }

    /// An example of the union `decl` as its member `member`, holding at most the member's
    /// smallest value and [`EXTRA`] values more.
    pub fn member(
        &self,
        decl: &TypeDecl,
        union: &Union,
        member: &UnionMember,
        hint: &str,
    ) -> Example {
        let mut extra = EXTRA;
        self.member_at(&ident(&decl.rust), union, member, hint, 0, &mut extra)
    }

    /// The union `ty` as `member` at nesting `depth`: for a union with a discriminator, the
    /// member's object with the discriminator field set.
    fn member_at(
        &self,
        ty: &proc_macro2::Ident,
        union: &Union,
        member: &UnionMember,
        hint: &str,
        depth: usize,
        extra: &mut usize,
    ) -> Example {
        let inner = self.at(&member.ty, (hint, TextRule::default()), depth + 1, extra);
        let rust = inner.rust;
        let rust = self.rust(|| {
            let variant = ident(&member.rust);
            let rust = if member.boxed {
                quote!(Box::new(#rust))
            } else {
                rust
            };
            quote!(api::#ty::#variant(#rust))
        });
        let mut json = inner.json;
        if let (Some(field), Some(tag), Value::Object(object)) =
            (&union.discriminator, &member.tag, &mut json)
        {
            object.insert(field.clone(), Value::String(tag.clone()));
        }
        Example { rust, json }
    }

    /// An object: required fields always, optional ones (and a value rather than `null` in
    /// nullable ones) while `extra` pays for them.
    fn object(
        &self,
        ty: &proc_macro2::Ident,
        fields: &[FieldDecl],
        depth: usize,
        extra: &mut usize,
    ) -> Example {
        let mut json = Map::new();
        let mut inits = Vec::with_capacity(fields.len());
        for f in fields {
            let cost = self.smallest(&f.ty);
            let filled = if f.optional {
                Self::afford(depth, extra, cost)
            } else if f.nullable {
                // Its smallest value, `null`, is paid for already.
                Self::afford(depth, extra, cost.saturating_sub(1))
            } else {
                true
            };
            if !filled {
                if !f.optional {
                    json.insert(f.wire.clone(), Value::Null);
                }
                if self.tokens {
                    let field = ident(&f.rust);
                    inits.push(quote!(#field: None,));
                }
                continue;
            }
            let rule = TextRule {
                format: f.format.as_deref(),
                pattern: f.pattern.as_deref(),
            };
            let value = self.at(&f.ty, (&f.wire, rule), depth + 1, extra);
            json.insert(f.wire.clone(), value.json);
            if self.tokens {
                let field = ident(&f.rust);
                let rust = value.rust;
                let rust = if f.boxed {
                    quote!(Box::new(#rust))
                } else {
                    rust
                };
                inits.push(match (f.optional, f.nullable) {
                    (true, true) => quote!(#field: Some(Some(#rust)),),
                    (false, false) => quote!(#field: #rust,),
                    _ => quote!(#field: Some(#rust),),
                });
            }
        }
        Example {
            rust: self.rust(|| quote!(api::#ty { #(#inits)* })),
            json: Value::Object(json),
        }
    }
}

/// An empty list or map of type `ty`.
fn empty(ty: &TypeRef) -> Example {
    match ty {
        TypeRef::List(_) => Example {
            rust: quote!(Vec::new()),
            json: json!([]),
        },
        _ => Example {
            rust: quote!(std::collections::BTreeMap::new()),
            json: json!({}),
        },
    }
}

/// A list or map (as `ty` is) holding `item`, and a `null` as well if `nulls`, as JSON.
fn container_json(ty: &TypeRef, item: Value, nulls: bool) -> Value {
    match (ty, nulls) {
        (TypeRef::List(_), false) => Value::Array(vec![item]),
        (TypeRef::List(_), true) => Value::Array(vec![Value::Null, item]),
        (_, false) => json!({ "key": item }),
        (_, true) => json!({ "key": item, "null": null }),
    }
}

/// [`container_json`] as a Rust expression.
fn container_rust(ty: &TypeRef, rust: TokenStream, nulls: bool) -> TokenStream {
    match (ty, nulls) {
        (TypeRef::List(_), false) => quote!(vec![#rust]),
        (TypeRef::List(_), true) => quote!(vec![None, #rust]),
        (_, false) => quote!(std::collections::BTreeMap::from([(String::from("key"), #rust)])),
        (_, true) => quote!(std::collections::BTreeMap::from([
            (String::from("key"), #rust),
            (String::from("null"), None),
        ])),
    }
}

/// The texts a value takes in a query string or header (a list gives one per item).
pub fn wire_texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(wire_texts).collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

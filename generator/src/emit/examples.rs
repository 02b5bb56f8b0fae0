//! Example values built from the model, each as a Rust expression and as the JSON it encodes
//! to, for the generated per-endpoint tests: request inputs and response bodies.

use super::util::ident;
use crate::model::{Api, TypeDecl, TypeKind, TypeRef, Union, UnionMember};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// How deep nested objects go before optional fields are left out (guards recursive types).
const MAX_DEPTH: usize = 12;

/// How many objects, lists and maps one example may fill before optional fields are left out
/// and lists and maps stay empty. Without it an example grows with the fan-out of the types to
/// the power of their depth (a type with two optional fields of types like itself, twelve deep,
/// is 4,096 objects); with it, the tests grow linearly with the spec. Required fields are
/// always filled: the model rejects required cycles, so they end.
const MAX_NODES: usize = 64;

/// A value as Rust code (building it in a test) and as JSON (what goes on the wire).
pub struct Example {
    /// An expression of the owned Rust type, e.g. `String::from("x")`, `api::VolumeType::Nvme`.
    pub rust: TokenStream,
    /// The JSON encoding.
    pub json: Value,
}

/// Makes example values for the types of one API; generated code refers to them as `api::T`.
pub struct Examples<'a> {
    types: HashMap<&'a str, &'a TypeDecl>,
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
        }
    }

    /// An example of `ty`; `hint` names the value (strings are derived from it).
    pub fn value(&self, ty: &TypeRef, hint: &str) -> Example {
        let mut budget = MAX_NODES;
        self.at(ty, hint, 0, &mut budget)
    }

    /// An example of `ty` at nesting `depth`, filling at most `budget` more containers.
    fn at(&self, ty: &TypeRef, hint: &str, depth: usize, budget: &mut usize) -> Example {
        if depth > 4 * MAX_DEPTH {
            // Only a recursive type the model let through could get here; stop rather than
            // recurse forever.
            return Example {
                rust: quote!(unreachable!("example nested too deep")),
                json: Value::Null,
            };
        }
        match ty {
            TypeRef::String => {
                let s = text(hint);
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
            TypeRef::List(_) if depth >= MAX_DEPTH || *budget == 0 => Example {
                rust: quote!(Vec::new()),
                json: json!([]),
            },
            TypeRef::Map(_) if depth >= MAX_DEPTH || *budget == 0 => Example {
                rust: quote!(std::collections::BTreeMap::new()),
                json: json!({}),
            },
            TypeRef::List(inner) | TypeRef::Map(inner) => {
                *budget -= 1;
                let item = self.at(inner, hint, depth + 1, budget);
                container(ty, item)
            }
            TypeRef::Nullable(inner) => {
                let value = self.at(inner, hint, depth, budget);
                let rust = value.rust;
                Example {
                    rust: quote!(Some(#rust)),
                    json: value.json,
                }
            }
            TypeRef::Named(name) => self.named(name, hint, depth, budget),
        }
    }

    fn named(&self, name: &str, hint: &str, depth: usize, budget: &mut usize) -> Example {
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
            TypeKind::Union(union) => match union.first() {
                Some(first) => self.member(decl, union, first, hint, depth, budget),
                None => Example {
                    rust: quote!(unreachable!("empty union")),
                    json: Value::Null,
                },
            },
            TypeKind::Map(value) => {
                self.at(&TypeRef::Map(Box::new(value.clone())), hint, depth, budget)
            }
            TypeKind::Object(fields) => {
                // Past the depth or the budget: required fields only. The object counts either way.
                let spent = depth >= MAX_DEPTH || *budget == 0;
                *budget = budget.saturating_sub(1);
                let mut json = Map::new();
                let inits = fields.iter().map(|f| {
                    let field = ident(&f.rust);
                    if spent && f.optional {
                        return quote!(#field: None,);
                    }
                    if spent && f.nullable {
                        json.insert(f.wire.clone(), Value::Null);
                        return quote!(#field: None,);
                    }
                    let value = self.at(&f.ty, &f.wire, depth + 1, budget);
                    json.insert(f.wire.clone(), value.json);
                    let rust = value.rust;
                    let rust = if f.boxed {
                        quote!(Box::new(#rust))
                    } else {
                        rust
                    };
                    match (f.optional, f.nullable) {
                        (true, true) => quote!(#field: Some(Some(#rust)),),
                        (false, false) => quote!(#field: #rust,),
                        _ => quote!(#field: Some(#rust),),
                    }
                });
                let inits: Vec<TokenStream> = inits.collect();
                Example {
                    rust: quote!(api::#ty { #(#inits)* }),
                    json: Value::Object(json),
                }
            }
        }
    }
}

/// A list or map holding `item`, and first a `null` if its items may be null.
fn container(ty: &TypeRef, item: Example) -> Example {
    let nulls = matches!(ty, TypeRef::List(inner) | TypeRef::Map(inner) if matches!(**inner, TypeRef::Nullable(_)));
    let rust = item.rust;
    match (ty, nulls) {
        (TypeRef::List(_), false) => Example {
            rust: quote!(vec![#rust]),
            json: Value::Array(vec![item.json]),
        },
        (TypeRef::List(_), true) => Example {
            rust: quote!(vec![None, #rust]),
            json: Value::Array(vec![Value::Null, item.json]),
        },
        (_, false) => Example {
            rust: quote!(std::collections::BTreeMap::from([(String::from("key"), #rust)])),
            json: json!({ "key": item.json }),
        },
        (_, true) => Example {
            rust: quote!(std::collections::BTreeMap::from([
                (String::from("key"), #rust),
                (String::from("null"), None),
            ])),
            json: json!({ "key": item.json, "null": null }),
        },
    }
}

impl Examples<'_> {
    /// An example of the union `decl` as its member `member`: for a union with a discriminator,
    /// the member's object with the discriminator field set.
    pub fn member(
        &self,
        decl: &TypeDecl,
        union: &Union,
        member: &UnionMember,
        hint: &str,
        depth: usize,
        budget: &mut usize,
    ) -> Example {
        let inner = self.at(&member.ty, hint, depth + 1, budget);
        let (ty, variant) = (ident(&decl.rust), ident(&member.rust));
        let rust = inner.rust;
        let mut json = inner.json;
        if let (Some(field), Some(tag), Value::Object(object)) =
            (&union.discriminator, &member.tag, &mut json)
        {
            object.insert(field.clone(), Value::String(tag.clone()));
        }
        Example {
            rust: quote!(api::#ty::#variant(#rust)),
            json,
        }
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

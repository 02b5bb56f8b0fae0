//! Emits the round-trip tests of an API's types (`tests/<api>_endpoints/round_trips.rs`): a
//! sample of every object type (every field set, `null` where it may be, and only the required
//! ones), decoded from JSON with the wire names and encoded back unchanged; every value of every
//! enum, decoded as its variant, and a value the SDK does not know, kept in `Unknown`; and a
//! sample of every union member, decoded as that member (and, for a union with a
//! discriminator, a member the SDK does not know). What the samples hold comes from the spec's
//! wire names and values, not from the generated serde code, so a rename or a variant that
//! does not match the wire fails here.

use super::examples::Examples;
use super::tests::raw;
use super::util::{Uses, cfg, ident};
use crate::model::{Api, FieldDecl, TypeDecl, TypeKind, TypeRef, Union, Variant};
use crate::naming::{Scope, snake};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use std::collections::HashMap;

/// The kind of each of an API's types, by Rust name.
type Kinds<'a> = HashMap<&'a str, &'a TypeKind>;

/// Whether `api` has a type these tests cover.
pub fn needed(api: &Api) -> bool {
    api.types.iter().any(covered)
}

/// Objects, enums and unions (a named map is a `BTreeMap` or a newtype around one).
fn covered(decl: &TypeDecl) -> bool {
    !matches!(decl.kind, TypeKind::Map { .. })
}

/// The test file, or `None` if no type needs one. `support` is the module holding `api`.
pub fn file(api: &Api, support: &str) -> Option<TokenStream> {
    let examples = Examples::json_only(api);
    let kinds: Kinds<'_> = api
        .types
        .iter()
        .map(|t| (t.rust.as_str(), &t.kind))
        .collect();
    let mut names = Scope::new("round-trip tests");
    names.reserve("round_trip", "the helper of the round-trip tests");
    let mut helper = Uses::default();
    let mut tests = Vec::new();
    for decl in api.types.iter().filter(|d| covered(d)) {
        let feature = api.type_feature(&decl.rust);
        helper.add("round_trip", feature);
        let name = ident(&names.fresh(&format!("{}_round_trips", snake(&decl.rust))));
        let checks = match &decl.kind {
            TypeKind::Union(union) => union_checks(&kinds, &examples, decl, union),
            TypeKind::Object(fields) => object_checks(&examples, decl, fields),
            TypeKind::StringEnum(variants) => string_enum_checks(decl, variants),
            TypeKind::IntEnum(variants) => int_enum_checks(decl, variants),
            TypeKind::Map { .. } => Vec::new(),
        };
        let cfg = cfg(feature);
        tests.push(quote! {
            #cfg
            #[test]
            fn #name() {
                #(#checks)*
            }
        });
    }
    if tests.is_empty() {
        return None;
    }
    let support = ident(support);
    let helper_cfg = helper.cfg_of("round_trip");
    Some(quote! {
        #![doc = " Round trips of every object, enum and union: each sample, written with the spec's wire names and values, decodes (as the variant or member it belongs to) and encodes back to the same JSON."]

        use super::#support::api;

        /// Decodes `text` as `T`, checks that it encodes back to the same JSON, and returns it.
        #helper_cfg
        fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
            let value: T = serde_json::from_str(text).expect("the sample decodes");
            let expected: serde_json::Value = serde_json::from_str(text).expect("the sample is JSON");
            let actual = serde_json::to_value(&value).expect("the value encodes");
            assert_eq!(actual, expected, "{text}");
            value
        }

        #(#tests)*
    })
}

/// A sample of each member, checked to decode as that member where no earlier member could
/// take the same JSON (scalars of one kind may, and then write it back the same); with a
/// discriminator, also a member the SDK does not know.
fn union_checks(
    api: &Kinds<'_>,
    examples: &Examples<'_>,
    decl: &TypeDecl,
    union: &Union,
) -> Vec<TokenStream> {
    let ty = ident(&decl.rust);
    let mut checks = Vec::new();
    for (i, member) in union.iter().enumerate() {
        let hint = member
            .tag
            .clone()
            .unwrap_or_else(|| member.rust.to_lowercase());
        let sample = examples.member(decl, union, member, &hint);
        let text = raw(&sample.json.to_string());
        let variant = ident(&member.rust);
        let earlier = &union.members[..i];
        if union.discriminator.is_some()
            || !earlier.iter().any(|e| may_take(api, &e.ty, &member.ty))
        {
            checks.push(quote! {
                let value = round_trip::<api::#ty>(#text);
                assert!(matches!(value, api::#ty::#variant(_)), "{value:?}");
            });
        } else {
            checks.push(quote!(round_trip::<api::#ty>(#text);));
        }
    }
    if let Some(field) = &union.discriminator {
        let mut tag = String::from("unknown-member");
        while union.iter().any(|m| m.tag.as_deref() == Some(tag.as_str())) {
            tag.push_str("-x");
        }
        let sample = serde_json::json!({ field.as_str(): tag, "extra": [1, null] });
        let text = raw(&sample.to_string());
        checks.push(quote! {
            let value = round_trip::<api::#ty>(#text);
            assert!(matches!(value, api::#ty::Unknown(_)), "{value:?}");
        });
    }
    checks
}

/// Whether a union member of type `earlier` may take the sample of a later member of type
/// `later`. Objects, maps and unions with a discriminator cannot take each other's (the model
/// rejects unions where they could), nor can a strict text format (`decimal`, `date`,
/// `datetime`) take the sample of a string; scalars of one JSON kind may.
fn may_take(api: &Kinds<'_>, earlier: &TypeRef, later: &TypeRef) -> bool {
    let (earlier, later) = (seen_through(api, earlier), seen_through(api, later));
    let strict = matches!(
        earlier,
        TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal
    );
    let text = kind(api, &later) == Some('s')
        && !matches!(later, TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal);
    match (&earlier, &later) {
        (TypeRef::List(a), TypeRef::List(b))
        | (TypeRef::Map(a), TypeRef::Map(b))
        | (TypeRef::Nullable(a), TypeRef::Nullable(b)) => may_take(api, a, b),
        (TypeRef::Nullable(a), b) => may_take(api, a, b),
        _ if strict && text => false,
        _ => match (kind(api, &earlier), kind(api, &later)) {
            (Some('o'), Some('o')) => false,
            (Some(a), Some(b)) => a == b,
            _ => true,
        },
    }
}

/// A named map type as the map it is; any other type as it is.
fn seen_through(api: &Kinds<'_>, ty: &TypeRef) -> TypeRef {
    if let TypeRef::Named(name) = ty
        && let Some(TypeKind::Map { value, .. }) = api.get(name.as_str())
    {
        return TypeRef::Map(Box::new(value.clone()));
    }
    ty.clone()
}

/// The JSON kind of every value of `ty` (`s`tring, `n`umber, `b`ool, `a`rray, `o`bject), or
/// `None` if it has several.
fn kind(api: &Kinds<'_>, ty: &TypeRef) -> Option<char> {
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal => Some('s'),
        TypeRef::Bool => Some('b'),
        TypeRef::Int32 | TypeRef::Int64 | TypeRef::UInt32 | TypeRef::UInt64 | TypeRef::Float64 => {
            Some('n')
        }
        TypeRef::List(_) => Some('a'),
        TypeRef::Map(_) => Some('o'),
        TypeRef::Json | TypeRef::Nullable(_) => None,
        TypeRef::Named(name) => match api.get(name.as_str()) {
            Some(TypeKind::StringEnum(_)) => Some('s'),
            Some(TypeKind::IntEnum(_)) => Some('n'),
            Some(TypeKind::Object(_) | TypeKind::Map { .. }) => Some('o'),
            Some(TypeKind::Union(union)) if union.discriminator.is_some() => Some('o'),
            _ => None,
        },
    }
}

/// The object's example, then with every field that may be `null` set to `null`, then with
/// every optional field absent.
fn object_checks(
    examples: &Examples<'_>,
    decl: &TypeDecl,
    fields: &[FieldDecl],
) -> Vec<TokenStream> {
    let ty = ident(&decl.rust);
    let full = examples
        .value(&TypeRef::Named(decl.rust.clone()), "value")
        .json;
    let mut nulls = full.clone();
    let mut required = full.clone();
    if let (Value::Object(nulls), Value::Object(required)) = (&mut nulls, &mut required) {
        for field in fields {
            if field.nullable {
                nulls.insert(field.wire.clone(), Value::Null);
            }
            if field.optional {
                required.remove(&field.wire);
            }
        }
    }
    let mut samples: Vec<String> = Vec::new();
    for sample in [full, nulls, required].map(|sample| sample.to_string()) {
        if !samples.contains(&sample) {
            samples.push(sample);
        }
    }
    samples
        .iter()
        .map(|sample| {
            let sample = raw(sample);
            quote!(round_trip::<api::#ty>(#sample);)
        })
        .collect()
}

/// Every value of a string enum decodes as its variant and encodes back; a value the spec does
/// not list is kept in `Unknown` and encoded back unchanged.
fn string_enum_checks(decl: &TypeDecl, variants: &[Variant<String>]) -> Vec<TokenStream> {
    let ty = ident(&decl.rust);
    let mut checks: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let text = raw(&Value::String(v.value.clone()).to_string());
            let variant = ident(&v.rust);
            quote!(assert_eq!(round_trip::<api::#ty>(#text), api::#ty::#variant);)
        })
        .collect();
    let mut unknown = String::from("value-this-sdk-does-not-know");
    while variants.iter().any(|v| v.value == unknown) {
        unknown.push_str("-x");
    }
    let text = raw(&Value::String(unknown).to_string());
    checks.push(quote! {
        let value = round_trip::<api::#ty>(#text);
        assert!(matches!(value, api::#ty::Unknown(_)), "{value:?}");
    });
    checks
}

/// As [`string_enum_checks`], for an integer enum.
fn int_enum_checks(decl: &TypeDecl, variants: &[Variant<i64>]) -> Vec<TokenStream> {
    let ty = ident(&decl.rust);
    let mut checks: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let text = raw(&v.value.to_string());
            let variant = ident(&v.rust);
            quote!(assert_eq!(round_trip::<api::#ty>(#text), api::#ty::#variant);)
        })
        .collect();
    // A value none of the variants has: one past the largest (or below the smallest).
    let largest = variants.iter().map(|v| v.value).max().unwrap_or(0);
    let unknown = largest.checked_add(1).unwrap_or_else(|| {
        variants
            .iter()
            .map(|v| v.value)
            .min()
            .unwrap_or(0)
            .saturating_sub(1)
    });
    if !variants.iter().any(|v| v.value == unknown) {
        let text = raw(&unknown.to_string());
        checks.push(quote! {
            let value = round_trip::<api::#ty>(#text);
            assert!(matches!(value, api::#ty::Unknown(_)), "{value:?}");
        });
    }
    checks
}

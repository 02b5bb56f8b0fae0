//! Emits string and integer enums. Every enum is open: a value the spec does not list decodes
//! into `Unknown` and encodes back unchanged.

use super::util::{Uses, cfg, doc_or, ident};
use crate::doc_text::code;
use crate::model::{Api, TypeKind, Variant};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `enums.rs` file of an API module, or `None` if it has no enums.
pub fn file(api: &Api, part: super::Part) -> Option<TokenStream> {
    let mut std = Uses::default();
    let items: Vec<TokenStream> = api
        .types
        .iter()
        .filter(|d| part.holds(api, &d.rust))
        .filter_map(|decl| {
            let docs = doc_or(decl.doc.as_deref(), &format!("The `{}` type.", decl.rust));
            let feature = part.gate(api.type_feature(&decl.rust));
            let cfg = cfg(feature);
            let item = match &decl.kind {
                TypeKind::StringEnum(variants) => string_enum(&decl.rust, docs, &cfg, variants),
                TypeKind::IntEnum(variants) => int_enum(&decl.rust, docs, &cfg, variants),
                _ => return None,
            };
            std.add("fmt", feature);
            Some(item)
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let std = std.tokens(quote!(std), &BTreeSet::new());
    Some(quote! {
        #![doc = " Enums. Each is open: values this SDK does not know are kept in `Unknown`."]
        #std
        #(#items)*
    })
}

fn variant_lines<V>(variants: &[Variant<V>], wire: impl Fn(&V) -> String) -> Vec<TokenStream> {
    variants
        .iter()
        .map(|v| {
            let docs = doc_or(v.doc.as_deref(), &code(&wire(&v.value)));
            let name = ident(&v.rust);
            quote!(#docs #name,)
        })
        .collect()
}

fn string_enum(
    rust: &str,
    docs: TokenStream,
    cfg: &TokenStream,
    variants: &[Variant<String>],
) -> TokenStream {
    let name = ident(rust);
    let lines = variant_lines(variants, |v| v.clone());
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&String> = variants.iter().map(|v| &v.value).collect();
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#lines)*
            /// A value this version of the SDK does not know; it is sent back unchanged.
            Unknown(crate::runtime::UnknownValue),
        }

        #cfg
        impl #name {
            /// Every value this SDK knows, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(crate::runtime::UnknownValue::new_unchecked(other.to_owned())),
                }
            }
        }

        #cfg
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        #cfg
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

fn int_enum(
    rust: &str,
    docs: TokenStream,
    cfg: &TokenStream,
    variants: &[Variant<i64>],
) -> TokenStream {
    let name = ident(rust);
    let lines = variant_lines(variants, i64::to_string);
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<proc_macro2::Literal> = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    quote! {
        #docs
        #cfg
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#lines)*
            /// A value this version of the SDK does not know; it is sent back unchanged.
            Unknown(crate::runtime::UnknownInt),
        }

        #cfg
        impl #name {
            /// Every value this SDK knows.
            pub const VALUES: &'static [i64] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value.value(),
                }
            }
        }

        #cfg
        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(crate::runtime::UnknownInt::new_unchecked(other)),
                }
            }
        }

        #cfg
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

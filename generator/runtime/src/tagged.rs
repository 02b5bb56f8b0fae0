//! Unions told apart by a field of their own (a discriminator, `{"kind": "circle", ...}`):
//! reading the tag, decoding the member it names, writing the tag back, and the raw value of a
//! member this SDK does not know.
//!
//! Generated unions with a discriminator implement `Deserialize` and `Serialize` with these
//! functions: the member types do not declare the tag field, the union reads and writes it.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{self, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// A tagged union's value, read but not yet decoded as a member.
#[derive(Debug)]
pub struct Tagged {
    field: &'static str,
    tag: String,
    object: Map<String, Value>,
}

impl Tagged {
    /// Reads an object whose string field `field` names its member.
    pub fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        field: &'static str,
    ) -> Result<Self, D::Error> {
        let object = Map::<String, Value>::deserialize(deserializer)?;
        match object.get(field) {
            Some(Value::String(tag)) => Ok(Tagged {
                field,
                tag: tag.clone(),
                object,
            }),
            Some(other) => Err(de::Error::custom(format!(
                "field `{field}` names the union member and must be a string, not {other}"
            ))),
            None => Err(de::Error::missing_field(field)),
        }
    }

    /// The tag: which member the value is.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Decodes the value as the member type `T`, without the tag field.
    pub fn member<T: DeserializeOwned, E: de::Error>(self) -> Result<T, E> {
        let mut object = self.object;
        object.remove(self.field);
        T::deserialize(Value::Object(object))
            .map_err(|e| E::custom(format!("invalid union member `{}`: {e}", self.tag)))
    }

    /// Keeps a value whose tag this SDK does not know, unchanged.
    pub fn into_unknown(self) -> UnknownMember {
        UnknownMember(Value::Object(self.object))
    }
}

/// Writes `member` as an object with `field` set to `tag`.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    field: &str,
    tag: &str,
    member: &T,
) -> Result<S::Ok, S::Error> {
    let Value::Object(mut object) = serde_json::to_value(member).map_err(ser::Error::custom)?
    else {
        return Err(ser::Error::custom(format!(
            "union member `{tag}` is not written as an object"
        )));
    };
    object.insert(field.to_owned(), Value::String(tag.to_owned()));
    object.serialize(serializer)
}

/// The raw value of a tagged union member this SDK version does not know: an object whose tag
/// is none of the members the spec lists. It is written back unchanged.
///
/// It cannot be built by hand, so `Unknown` never holds a value of a known member.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownMember(Value);

impl UnknownMember {
    /// The object as the server sent it, tag included.
    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

impl Serialize for UnknownMember {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl fmt::Display for UnknownMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Circle {
        radius: Option<f64>,
    }

    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(Circle),
        Unknown(UnknownMember),
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let tagged = Tagged::read(deserializer, "kind")?;
            match tagged.tag() {
                "circle" => tagged.member().map(Shape::Circle),
                _ => Ok(Shape::Unknown(tagged.into_unknown())),
            }
        }
    }

    impl Serialize for Shape {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Shape::Circle(value) => super::serialize(serializer, "kind", "circle", value),
                Shape::Unknown(value) => value.serialize(serializer),
            }
        }
    }

    fn round_trip(text: &str) -> Shape {
        let value: Shape = serde_json::from_str(text).unwrap();
        let back: Value = serde_json::to_value(&value).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
        value
    }

    #[test]
    fn members_are_read_by_tag_and_written_back_with_it() {
        let circle = round_trip(r#"{"kind":"circle","radius":2.5}"#);
        assert_eq!(circle, Shape::Circle(Circle { radius: Some(2.5) }));
        round_trip(r#"{"kind":"circle","radius":null}"#);
    }

    #[test]
    fn unknown_tags_are_kept() {
        let unknown = round_trip(r#"{"kind":"hexagon","side":1}"#);
        let Shape::Unknown(raw) = unknown else {
            panic!("{unknown:?}")
        };
        assert_eq!(raw.as_json()["side"], 1);
        assert_eq!(raw.to_string(), r#"{"kind":"hexagon","side":1}"#);
    }

    #[test]
    fn values_without_a_string_tag_are_refused() {
        for text in [r#"{"radius":2}"#, r#"{"kind":3}"#, r#""circle""#, "null"] {
            let error = serde_json::from_str::<Shape>(text).unwrap_err();
            assert!(!error.to_string().is_empty(), "{text}");
        }
        let error = serde_json::from_str::<Shape>(r#"{"kind":"circle","radius":"x"}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("union member `circle`"), "{error}");
    }
}

//! Scalar types that specs use beyond JSON's own: RFC 3339 date-times, calendar dates,
//! decimals carried as strings, and the raw value behind an unknown enum variant.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use time::format_description::well_known::Rfc3339;

/// An RFC 3339 timestamp (`2025-01-01T00:00:00Z`), keeping its UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub time::OffsetDateTime);

impl DateTime {
    /// Parses an RFC 3339 timestamp.
    pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
        time::OffsetDateTime::parse(text, &Rfc3339).map(DateTime)
    }

    /// The timestamp as a `time::OffsetDateTime`.
    pub fn into_inner(self) -> time::OffsetDateTime {
        self.0
    }
}

impl From<time::OffsetDateTime> for DateTime {
    fn from(value: time::OffsetDateTime) -> Self {
        DateTime(value)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl FromStr for DateTime {
    type Err = time::error::Parse;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse(&text).map_err(|e| {
            serde::de::Error::custom(format!("invalid RFC 3339 date-time {text:?}: {e}"))
        })
    }
}

const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A calendar date (`2025-01-31`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Parses a `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
        time::Date::parse(text, DATE_FORMAT).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(DATE_FORMAT) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl FromStr for Date {
    type Err = time::error::Parse;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .map_err(|e| serde::de::Error::custom(format!("invalid date {text:?}: {e}")))
    }
}

/// A decimal number carried as a JSON string (`"58.40"`), kept exactly as the server wrote it
/// so no precision is lost to floating point. Decoding checks the text as [`Decimal::new`]
/// does, so in a union a decimal member takes only decimal text and leaves the rest to the
/// members after it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Decimal(String);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::new(text).map_err(serde::de::Error::custom)
    }
}

impl FromStr for Decimal {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Decimal::new(text)
    }
}

impl Decimal {
    /// Makes a decimal from its text, checking that it is a plain decimal number
    /// (optional sign, digits, optional fraction).
    pub fn new(text: impl Into<String>) -> Result<Self, String> {
        let text = text.into();
        let digits = text.strip_prefix('-').unwrap_or(&text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || text.ends_with('.') {
            return Err(format!("{text:?} is not a decimal number"));
        }
        Ok(Decimal(text))
    }

    /// The decimal's text, exactly as sent or received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Largest integer an `f64` holds exactly (2^53).
const MAX_EXACT_F64_INT: f64 = 9_007_199_254_740_992.0;

/// Writes an `f64` as JSON producers such as Go's `encoding/json` do: a whole number without a
/// fraction (`2`, not `2.0`), so a number decoded from a server goes back exactly as it came.
/// Generated code uses it with `#[serde(serialize_with = ...)]` on every `float64` value.
pub fn serialize_f64<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < MAX_EXACT_F64_INT {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`serialize_f64`] for an optional value.
pub fn serialize_f64_opt<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize_f64(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// [`serialize_f64`] for an optional value that may be `null`: `None` is skipped by the field's
/// `skip_serializing_if`, `Some(None)` is written as `null`.
pub fn serialize_f64_nullable<S: Serializer>(
    value: &Option<Option<f64>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize_f64_opt(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Decodes a field that may be absent or `null` as three states: absent is `None` (with
/// `#[serde(default)]`), `null` is `Some(None)` and a value is `Some(Some(value))`. Serde alone
/// decodes `null` as `None`, so a `null` would be dropped when the value is written back.
/// Generated structs use it with `#[serde(default, deserialize_with = ...,
/// skip_serializing_if = "Option::is_none")]` on every field that is both optional and nullable.
pub fn deserialize_nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The raw value of an enum variant that this SDK version does not know.
///
/// Generated enums carry it in their `Unknown` variant and write it back unchanged. It cannot be
/// built by hand, so `Unknown` never holds a value that has a named variant: use the enum's
/// `From<&str>` to turn any string into the right variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Only generated `From` impls call this, after checking every known value.
    #[doc(hidden)]
    pub fn new_unchecked(value: String) -> Self {
        UnknownValue(value)
    }

    /// The value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The raw value of an integer enum variant that this SDK version does not know.
///
/// Like [`UnknownValue`], it cannot be built by hand: use the enum's `From<i64>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownInt(i64);

impl UnknownInt {
    /// Only generated `From` impls call this, after checking every known value.
    #[doc(hidden)]
    pub fn new_unchecked(value: i64) -> Self {
        UnknownInt(value)
    }

    /// The value as the server sent it.
    pub fn value(self) -> i64 {
        self.0
    }
}

impl fmt::Display for UnknownInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_round_trips_utc_and_offsets() {
        for text in [
            "2025-01-01T00:00:00Z",
            "2025-01-01T08:30:00+08:00",
            "2025-01-01T00:00:00.25Z",
        ] {
            let json = format!("\"{text}\"");
            let value: DateTime = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        assert!(serde_json::from_str::<DateTime>("\"yesterday\"").is_err());
    }

    #[test]
    fn date_round_trips() {
        let value: Date = serde_json::from_str("\"2025-01-31\"").unwrap();
        assert_eq!(value.to_string(), "2025-01-31");
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
    }

    #[test]
    fn whole_floats_are_written_without_a_fraction() {
        #[derive(Serialize)]
        struct Value {
            #[serde(serialize_with = "serialize_f64")]
            plain: f64,
            #[serde(serialize_with = "serialize_f64_opt")]
            maybe: Option<f64>,
        }
        let text = |plain, maybe| serde_json::to_string(&Value { plain, maybe }).unwrap();
        assert_eq!(text(2.0, Some(-4.0)), r#"{"plain":2,"maybe":-4}"#);
        assert_eq!(text(2.5, None), r#"{"plain":2.5,"maybe":null}"#);
        assert_eq!(text(1e300, Some(0.1)), r#"{"plain":1e+300,"maybe":0.1}"#);
    }

    #[test]
    fn decimal_keeps_its_text() {
        let value: Decimal = serde_json::from_str("\"58.40\"").unwrap();
        assert_eq!(value.as_str(), "58.40");
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"58.40\"");
        assert!(Decimal::new("12.5").is_ok());
        assert!(Decimal::new("-3").is_ok());
        for bad in ["", "1.", ".5", "1e3", "abc", "1.2.3"] {
            assert!(Decimal::new(bad).is_err(), "{bad} accepted");
            let json = serde_json::to_string(bad).unwrap();
            assert!(
                serde_json::from_str::<Decimal>(&json).is_err(),
                "{bad} decoded"
            );
        }
        assert_eq!("-0.5".parse::<Decimal>().unwrap().as_str(), "-0.5");
    }

    #[test]
    fn optional_nullable_fields_keep_null_and_absence() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Value {
            #[serde(
                default,
                deserialize_with = "deserialize_nullable",
                skip_serializing_if = "Option::is_none"
            )]
            note: Option<Option<String>>,
            #[serde(
                default,
                deserialize_with = "deserialize_nullable",
                serialize_with = "serialize_f64_nullable",
                skip_serializing_if = "Option::is_none"
            )]
            size: Option<Option<f64>>,
        }
        for (text, note, size) in [
            ("{}", None, None),
            (r#"{"note":null,"size":null}"#, Some(None), Some(None)),
            (
                r#"{"note":"x","size":2}"#,
                Some(Some("x".into())),
                Some(Some(2.0)),
            ),
        ] {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(value, Value { note, size });
            assert_eq!(serde_json::to_string(&value).unwrap(), text);
        }
    }
}

//! A request under construction: path parameters encoded per segment, query and header
//! parameters from any serializable value, and a body: JSON built whole or field by field, the
//! same fields form-encoded, or raw bytes with their content type.
//!
//! Building never fails on the spot: the first problem is kept and reported as
//! [`Error::InvalidRequest`](super::Error::InvalidRequest) when the request is sent, before any
//! byte goes out. That keeps generated methods a straight chain of calls.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::Serialize;
use serde_json::{Map, Value};

/// Bytes that stay unencoded in a path segment: RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The longest a path parameter may be once percent-encoded (8 KiB): longer ids are refused
/// before sending, as most servers refuse request lines of that size.
pub const MAX_PATH_PARAM: usize = 8 * 1024;

/// An HTTP request described by the generated code, ready for the transport.
#[derive(Clone)]
pub struct Request {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Vec<(String, String)>,
    /// Lists sent as one comma-separated value (`ids=a,b`, OpenAPI's `explode: false`): each
    /// item percent-encoded on its own, the commas between them literal.
    pub(super) joined_query: Vec<(String, Vec<String>)>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Option<Value>,
    /// The body fields are sent as `application/x-www-form-urlencoded` rather than JSON.
    pub(super) form: bool,
    /// A body sent as given, with its content type (instead of `body`).
    pub(super) raw: Option<(&'static str, bytes::Bytes)>,
    pub(super) problem: Option<String>,
    pub(super) idempotency_header: Option<&'static str>,
    pub(super) idempotency_prefix: &'static str,
    pub(super) idempotent: bool,
    pub(super) secret_headers: Vec<&'static str>,
    pub(super) cursor_param: Option<&'static str>,
    pub(super) paging: Option<super::pagination::Paging>,
}

impl Request {
    /// Starts a request for a path template such as `/v1/vms/{vm_id}/restart`.
    pub fn new(method: Method, template: &str) -> Self {
        Request {
            method,
            path: template.to_owned(),
            query: Vec::new(),
            joined_query: Vec::new(),
            headers: Vec::new(),
            body: None,
            form: false,
            raw: None,
            problem: None,
            idempotency_header: None,
            idempotency_prefix: "",
            idempotent: false,
            secret_headers: Vec::new(),
            cursor_param: None,
            paging: None,
        }
    }

    /// Marks the request as the first of a list paginated by page number or marker.
    pub fn paging(mut self, paging: super::pagination::Paging) -> Self {
        self.paging = Some(paging);
        self
    }

    /// Makes the request idempotent: unless the caller set the header `name`, every send
    /// generates a key for it (a lowercase UUID, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), and
    /// every retry of that send carries the same key. A key the caller gives is sent as given.
    pub fn idempotency_key_header(mut self, name: &'static str) -> Self {
        self.idempotency_header = Some(name);
        self
    }

    /// Puts `prefix` before the UUID of a generated idempotency key (`sdk-` gives
    /// `sdk-<uuid>`), for an API that wants one.
    pub fn idempotency_key_prefix(mut self, prefix: &'static str) -> Self {
        self.idempotency_prefix = prefix;
        self
    }

    /// Marks a `POST` or `PATCH` request as safe to send twice (the spec says so), so that it
    /// is retried like a `GET`.
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Whether sending the request twice has the effect of sending it once: its method is
    /// idempotent (RFC 9110: `GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`, `DELETE`) or the spec
    /// marks it so. (A request carrying an idempotency key is safe to resend too; the
    /// transport knows whether it carries one.)
    pub fn is_idempotent(&self) -> bool {
        self.idempotent || self.method.is_idempotent()
    }

    /// Marks the request as the first of a cursor-paginated list whose cursor travels in the
    /// query parameter `name`.
    pub fn cursor_param(mut self, name: &'static str) -> Self {
        self.cursor_param = Some(name);
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path with the parameters filled in so far.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query pairs, in the order they will be sent.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The lists sent as one comma-separated value each (`ids=a,b`), by name.
    pub fn joined_query(&self) -> &[(String, Vec<String>)] {
        &self.joined_query
    }

    /// The JSON body (or the fields of a form body), if any.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// The raw body and its content type, if the request has one.
    pub fn raw_body(&self) -> Option<(&'static str, &bytes::Bytes)> {
        self.raw
            .as_ref()
            .map(|(content_type, body)| (*content_type, body))
    }

    /// The content type of the body as sent, if there is a body.
    pub fn content_type(&self) -> Option<&'static str> {
        match (&self.raw, &self.body) {
            (Some((content_type, _)), _) => Some(content_type),
            (None, Some(_)) if self.form => Some(FORM),
            (None, Some(_)) => Some("application/json"),
            (None, None) => None,
        }
    }

    /// The body's bytes as every attempt sends them: the raw body (a cheap clone), the JSON
    /// body, or the form fields encoded. A form field that is not a scalar or a list of
    /// scalars is a problem, reported before sending.
    pub fn encoded_body(&self) -> Result<Option<bytes::Bytes>, String> {
        if let Some((_, raw)) = &self.raw {
            return Ok(Some(raw.clone()));
        }
        let Some(body) = &self.body else {
            return Ok(None);
        };
        if self.form {
            return form_encode(body).map(|text| Some(bytes::Bytes::from(text)));
        }
        serde_json::to_vec(body)
            .map(|bytes| Some(bytes::Bytes::from(bytes)))
            .map_err(|e| format!("body: {e}"))
    }

    fn fail(mut self, problem: String) -> Self {
        self.problem.get_or_insert(problem);
        self
    }

    /// Fills `{name}` in the path with `value`, percent-encoded so that it stays one segment.
    /// An empty value, `.` or `..` is rejected.
    pub fn path_param(mut self, name: &str, value: &str) -> Self {
        if value.is_empty() || value == "." || value == ".." {
            return self.fail(format!(
                "path parameter `{name}` must be a non-empty id, got {value:?}"
            ));
        }
        let placeholder = format!("{{{name}}}");
        let encoded = utf8_percent_encode(value, SEGMENT).to_string();
        if encoded.len() > MAX_PATH_PARAM {
            return self.fail(format!(
                "path parameter `{name}` is {} bytes encoded; the limit is {MAX_PATH_PARAM}",
                encoded.len()
            ));
        }
        self.path = self.path.replace(&placeholder, &encoded);
        self
    }

    /// Adds a query parameter. `None` adds nothing, a list repeats the parameter
    /// (`tags=a&tags=b`), and scalars are written as JSON would write them, without quotes.
    pub fn query<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match scalars(value) {
            Ok(values) => {
                self.query
                    .extend(values.into_iter().map(|v| (name.to_owned(), v)));
                self
            }
            Err(problem) => self.fail(format!("query parameter `{name}`: {problem}")),
        }
    }

    /// Adds a list query parameter sent as one value, its items joined with commas
    /// (`ids=a,b`; OpenAPI's `style: form, explode: false`). Each item is percent-encoded on
    /// its own, so a comma inside an item is sent as `%2C` and the server can split the value.
    /// `None` adds nothing; an empty list is sent as `ids=`.
    pub fn query_joined<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let absent = matches!(serde_json::to_value(value), Ok(Value::Null));
        match scalars(value) {
            Ok(_) if absent => self,
            Ok(values) => {
                self.joined_query.push((name.to_owned(), values));
                self
            }
            Err(problem) => self.fail(format!("query parameter `{name}`: {problem}")),
        }
    }

    /// Sets a header. `None` sets nothing; a list is joined with commas.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        match scalars(value) {
            Ok(values) if values.is_empty() => self,
            Ok(values) => {
                self.headers.push((name, values.join(",")));
                self
            }
            Err(problem) => self.fail(format!("header `{name}`: {problem}")),
        }
    }

    /// Sets a header that carries a secret: like [`Request::header`], but its value never
    /// appears in logs or `Debug` output.
    pub fn secret_header<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.secret_headers.push(name);
        self.header(name, value)
    }

    /// Starts the JSON body as an empty object, so that a method whose body fields are all
    /// optional sends `{}` when none is set (fields set later go into it).
    pub fn json_object(mut self) -> Self {
        self.body.get_or_insert_with(|| Value::Object(Map::new()));
        self
    }

    /// Uses `value` as the whole JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(body) => {
                self.body = Some(body);
                self
            }
            Err(e) => self.fail(format!("body: {e}")),
        }
    }

    /// Sends the body fields as `application/x-www-form-urlencoded` instead of JSON: a field
    /// per pair, a list as the field repeated, an unset or `null` field left out.
    pub fn form(mut self) -> Self {
        self.form = true;
        self
    }

    /// Uses `body` as the whole body, sent byte for byte with the content type given
    /// (`application/octet-stream`). Every attempt resends the same bytes.
    pub fn raw<B: Into<bytes::Bytes>>(mut self, content_type: &'static str, body: B) -> Self {
        self.raw = Some((content_type, body.into()));
        self
    }

    /// Sets one field of a JSON object body, starting the object if there is none yet.
    pub fn body_field<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(e) => return self.fail(format!("body field `{name}`: {e}")),
        };
        match self.body.get_or_insert_with(|| Value::Object(Map::new())) {
            Value::Object(map) => {
                map.insert(name.to_owned(), value);
                self
            }
            _ => self.fail(format!("body field `{name}` added to a non-object body")),
        }
    }

    /// Sets one field of a JSON object body when `value` is `Some`.
    pub fn body_field_opt<T: Serialize>(self, name: &str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.body_field(name, value),
            None => self,
        }
    }

    /// Wraps the body (an empty object if none was set) under `key`, as action endpoints
    /// expect: `{"reboot": {"type": "SOFT"}}`.
    pub fn wrap_body(mut self, key: &str) -> Self {
        let inner = self
            .body
            .take()
            .unwrap_or_else(|| Value::Object(Map::new()));
        let mut outer = Map::new();
        outer.insert(key.to_owned(), inner);
        self.body = Some(Value::Object(outer));
        self
    }

    /// Sets the body to `{"<key>": null}`, as actions without arguments whose value must be
    /// `null` expect (`{"reserve": null}`).
    pub fn wrap_null(mut self, key: &str) -> Self {
        let mut outer = Map::new();
        outer.insert(key.to_owned(), Value::Null);
        self.body = Some(Value::Object(outer));
        self
    }

    /// Checks that the request is complete: no recorded problem, no unfilled path parameter.
    pub(super) fn validate(&self) -> Result<(), String> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        if let Some(start) = self.path.find('{') {
            let rest = &self.path[start..];
            let end = rest.find('}').map_or(rest.len(), |i| i + 1);
            return Err(format!("path parameter {} was not filled in", &rest[..end]));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    *name,
                    super::transport::redact(name, value, &self.secret_headers),
                )
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("form", &self.form)
            .field(
                "raw",
                &self
                    .raw
                    .as_ref()
                    .map(|(content_type, body)| format!("{} bytes of {content_type}", body.len())),
            )
            .field("problem", &self.problem)
            .field("idempotent", &self.is_idempotent())
            .finish_non_exhaustive()
    }
}

/// The content type of a form body.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// Bytes that stay unencoded in a form value (WHATWG `application/x-www-form-urlencoded`:
/// alphanumerics and `*-._`; a space becomes `+`).
const FORM_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b' ');

/// One name or value of a form body, encoded.
fn form_text(text: &str) -> String {
    utf8_percent_encode(text, FORM_SET)
        .to_string()
        .replace(' ', "+")
}

/// The fields of a body object as a form: `name=value` pairs joined by `&`, a list as the name
/// repeated, `null` left out. A nested object or list cannot be sent in a form.
fn form_encode(body: &Value) -> Result<String, String> {
    let Value::Object(fields) = body else {
        return Err("a form body is a set of fields".to_owned());
    };
    let mut pairs = Vec::new();
    for (name, value) in fields {
        let values = scalars(value).map_err(|problem| format!("form field `{name}`: {problem}"))?;
        for value in values {
            pairs.push(format!("{}={}", form_text(name), form_text(&value)));
        }
    }
    Ok(pairs.join("&"))
}

/// Turns a value into the strings a query or header carries.
fn scalars<T: Serialize + ?Sized>(value: &T) -> Result<Vec<String>, String> {
    fn one(value: Value) -> Result<Option<String>, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Bool(b) => Ok(Some(b.to_string())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Array(_) | Value::Object(_) => {
                Err("nested lists and objects cannot be sent as text".to_owned())
            }
        }
    }
    match serde_json::to_value(value).map_err(|e| e.to_string())? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| one(item).transpose())
            .collect(),
        other => Ok(one(other)?.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_stay_in_their_segment() {
        let request =
            Request::new(Method::GET, "/v1/vms/{vm_id}/restart").path_param("vm_id", "a/b?c#d e");
        assert_eq!(request.path(), "/v1/vms/a%2Fb%3Fc%23d%20e/restart");
        assert!(request.validate().is_ok());
    }

    #[test]
    fn empty_and_dot_segments_are_rejected() {
        for bad in ["", ".", ".."] {
            let request = Request::new(Method::GET, "/v1/vms/{vm_id}").path_param("vm_id", bad);
            assert!(request.validate().is_err(), "{bad:?} accepted");
        }
        let missing = Request::new(Method::GET, "/v1/{project_id}/servers");
        assert_eq!(
            missing.validate().unwrap_err(),
            "path parameter {project_id} was not filled in"
        );
    }

    #[test]
    fn query_skips_none_and_repeats_lists() {
        let request = Request::new(Method::GET, "/v1/x")
            .query("limit", &Some(10))
            .query("cursor", &None::<String>)
            .query("tags", &vec!["a", "b"])
            .query("flag", &true);
        let pairs: Vec<_> = request
            .query_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(pairs, ["limit=10", "tags=a", "tags=b", "flag=true"]);
    }

    #[test]
    fn body_fields_and_wrapping() {
        let request = Request::new(Method::POST, "/x")
            .body_field("type", "SOFT")
            .body_field_opt("force", &None::<bool>)
            .wrap_body("reboot");
        assert_eq!(
            request.body().unwrap().to_string(),
            r#"{"reboot":{"type":"SOFT"}}"#
        );
        let unset = Request::new(Method::PATCH, "/x")
            .json_object()
            .body_field_opt("name", &None::<String>);
        assert_eq!(unset.body().unwrap().to_string(), "{}");
        let set = Request::new(Method::PATCH, "/x")
            .json_object()
            .body_field_opt("name", &Some("a"));
        assert_eq!(set.body().unwrap().to_string(), r#"{"name":"a"}"#);
        let empty = Request::new(Method::POST, "/x").wrap_body("os-start");
        assert_eq!(empty.body().unwrap().to_string(), r#"{"os-start":{}}"#);
        let null = Request::new(Method::POST, "/x").wrap_null("reserve");
        assert_eq!(null.body().unwrap().to_string(), r#"{"reserve":null}"#);
    }

    #[test]
    fn long_path_params_are_refused_before_sending() {
        let fits = "a".repeat(MAX_PATH_PARAM);
        let request = Request::new(Method::GET, "/x/{a}").path_param("a", &fits);
        assert!(request.validate().is_ok());
        let long = "a".repeat(MAX_PATH_PARAM + 1);
        let request = Request::new(Method::GET, "/x/{a}").path_param("a", &long);
        assert!(request.validate().unwrap_err().contains("limit"));
        // Encoding counts: 3 bytes per `/`.
        let slashes = "/".repeat(MAX_PATH_PARAM / 3 + 1);
        let request = Request::new(Method::GET, "/x/{a}").path_param("a", &slashes);
        assert!(request.validate().is_err());
    }

    #[test]
    fn idempotency_by_method_or_spec_and_secret_headers_hidden() {
        assert!(Request::new(Method::GET, "/x").is_idempotent());
        assert!(Request::new(Method::PUT, "/x").is_idempotent());
        assert!(Request::new(Method::DELETE, "/x").is_idempotent());
        assert!(!Request::new(Method::POST, "/x").is_idempotent());
        assert!(!Request::new(Method::PATCH, "/x").is_idempotent());
        assert!(
            Request::new(Method::POST, "/x")
                .idempotent()
                .is_idempotent()
        );
        let request = Request::new(Method::POST, "/x")
            .secret_header("X-Vault-Pass", "hunter2")
            .header("X-Auth-Token", "tok-123")
            .header("X-Trace", "visible");
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("hunter2") && !debug.contains("tok-123"),
            "{debug}"
        );
        assert!(debug.contains("visible"), "{debug}");
    }

    #[test]
    fn first_problem_is_kept() {
        let request = Request::new(Method::GET, "/x/{a}")
            .path_param("a", "")
            .query("q", &serde_json::json!({"nested": 1}));
        assert!(request.validate().unwrap_err().contains("`a`"));
    }

    #[test]
    fn joined_lists_keep_their_items_apart() {
        let request = Request::new(Method::GET, "/x")
            .query_joined("ids", &vec!["a", "b,c", "d e"])
            .query_joined("none", &None::<Vec<String>>)
            .query_joined("empty", &Vec::<String>::new())
            .query("tags", &vec!["x", "y"]);
        assert_eq!(
            request.joined_query(),
            [
                (
                    "ids".to_owned(),
                    vec!["a".to_owned(), "b,c".to_owned(), "d e".to_owned()]
                ),
                ("empty".to_owned(), Vec::new()),
            ]
        );
        assert_eq!(
            request.query_pairs().len(),
            2,
            "exploded lists stay repeated"
        );
        let nested = Request::new(Method::GET, "/x").query_joined("ids", &vec![vec![1]]);
        assert!(nested.validate().is_err());
    }

    #[test]
    fn form_bodies_encode_fields_lists_and_leave_out_unset_ones() {
        let request = Request::new(Method::POST, "/x")
            .json_object()
            .body_field("name", "a b&c=d")
            .body_field_opt("unset", &None::<String>)
            .body_field("ids", &vec![1, 2])
            .body_field("flag", &true)
            .body_field("utf", "é*-._~")
            .form();
        assert_eq!(request.content_type(), Some(FORM));
        let body = request.encoded_body().unwrap().unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            "flag=true&ids=1&ids=2&name=a+b%26c%3Dd&utf=%C3%A9*-._%7E"
        );
        let empty = Request::new(Method::POST, "/x").json_object().form();
        assert_eq!(&empty.encoded_body().unwrap().unwrap()[..], b"");
        let nested = Request::new(Method::POST, "/x")
            .body_field("o", &serde_json::json!({"a": 1}))
            .form();
        assert!(nested.encoded_body().unwrap_err().contains("`o`"));
    }

    #[test]
    fn raw_bodies_are_sent_as_given_with_their_type() {
        let bytes: &'static [u8] = &[0, 1, 0xff];
        let request = Request::new(Method::PUT, "/x").raw("application/octet-stream", bytes);
        assert_eq!(request.content_type(), Some("application/octet-stream"));
        let sent = request.encoded_body().unwrap().unwrap();
        assert_eq!(&sent[..], bytes);
        // Every attempt gets the same bytes.
        assert_eq!(request.clone().encoded_body().unwrap().unwrap(), sent);
        assert_eq!(
            request.raw_body().map(|(t, b)| (t, b.len())),
            Some(("application/octet-stream", 3))
        );
        let shown = format!("{request:?}");
        assert!(
            shown.contains("3 bytes of application/octet-stream"),
            "{shown}"
        );
        let text = Request::new(Method::POST, "/x").raw("text/plain", "hello".to_owned());
        assert_eq!(&text.encoded_body().unwrap().unwrap()[..], b"hello");
        assert_eq!(Request::new(Method::GET, "/x").content_type(), None);
        let json = Request::new(Method::POST, "/x").body_field("a", &1);
        assert_eq!(json.content_type(), Some("application/json"));
        assert_eq!(&json.encoded_body().unwrap().unwrap()[..], br#"{"a":1}"#);
    }
}

//! The one error type every generated method returns, keeping what the server sent.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::fmt;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Headers that carry a request id, in the order they are looked up.
const REQUEST_ID_HEADERS: [&str; 4] = [
    "x-request-id",
    "x-openstack-request-id",
    "x-compute-request-id",
    "request-id",
];

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-success status.
    Api(Box<ApiError>),
    /// The server answered with success, but the body did not match the expected type.
    Decode(Box<DecodeError>),
    /// The request did not finish within its timeout.
    Timeout(reqwest::Error),
    /// The request could not be sent or its response not read (DNS, TCP, TLS, ...).
    Connection(reqwest::Error),
    /// The request was rejected before anything was sent, e.g. an empty path parameter.
    InvalidRequest(String),
    /// The client could not be built from the configuration given.
    Config(String),
    /// The server broke the pagination contract, e.g. by repeating a cursor.
    Pagination(String),
}

impl Error {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The request id the server assigned, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The API error, when the server answered with a non-success status.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => write!(f, "request timed out: {e}"),
            Error::Connection(e) => write!(f, "connection error: {e}"),
            Error::InvalidRequest(msg) => write!(f, "invalid request: {msg}"),
            Error::Config(msg) => write!(f, "invalid client configuration: {msg}"),
            Error::Pagination(msg) => write!(f, "pagination stopped: {msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(&e.source),
            Error::Timeout(e) | Error::Connection(e) => Some(e),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(error)
        } else {
            Error::Connection(error)
        }
    }
}

/// A non-success HTTP answer, with everything the server sent.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw response body, exactly as received.
    pub body: Vec<u8>,
    /// The request id from the response headers, if any.
    pub request_id: Option<String>,
    /// The error code parsed from the body, if it has a recognised shape.
    pub code: Option<String>,
    /// The error message parsed from the body, if it has a recognised shape.
    pub message: Option<String>,
}

impl ApiError {
    /// Builds the error from a response, parsing the common JSON error shapes:
    /// `{"error_code", "error_msg"}`, `{"code", "message"}`, and either of those one level down
    /// (`{"error": {...}}`, `{"itemNotFound": {...}}`).
    pub fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        let request_id = REQUEST_ID_HEADERS.iter().find_map(|name| {
            headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        let (code, message) = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .map(|v| parse_error_body(&v))
            .unwrap_or_default();
        ApiError {
            status,
            headers,
            body,
            request_id,
            code,
            message,
        }
    }

    /// The raw body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn scalar_text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_error_body(value: &serde_json::Value) -> (Option<String>, Option<String>) {
    let Some(object) = value.as_object() else {
        return (None, None);
    };
    for (code_key, message_key) in [("error_code", "error_msg"), ("code", "message")] {
        let code = scalar_text(object.get(code_key));
        let message = scalar_text(object.get(message_key));
        if code.is_some() || message.is_some() {
            return (code, message);
        }
    }
    object
        .values()
        .filter(|v| v.is_object())
        .map(parse_error_body)
        .find(|(code, message)| code.is_some() || message.is_some())
        .unwrap_or_default()
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "server answered {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        match &self.message {
            Some(message) => write!(f, ": {message}")?,
            None if !self.body.is_empty() => write!(f, ": {}", self.body_text())?,
            None => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A success response whose body could not be decoded into the expected type.
#[derive(Debug)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The raw response body, exactly as received.
    pub body: Vec<u8>,
    /// What serde reported.
    pub source: serde_json::Error,
}

impl DecodeError {
    /// The raw body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the {} response body: {}",
            self.status, self.source
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn api_error(body: &str) -> ApiError {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        ApiError::new(StatusCode::BAD_REQUEST, headers, body.as_bytes().to_vec())
    }

    #[test]
    fn parses_native_gateway_and_nova_shapes() {
        let native = api_error(r#"{"error":{"code":"Ecs.0005","message":"bad value"}}"#);
        assert_eq!(native.code.as_deref(), Some("Ecs.0005"));
        assert_eq!(native.message.as_deref(), Some("bad value"));
        let gateway = api_error(r#"{"error_code":"APIGW.0303","error_msg":"skew"}"#);
        assert_eq!(gateway.code.as_deref(), Some("APIGW.0303"));
        let nova = api_error(r#"{"itemNotFound":{"code":404,"message":"gone"}}"#);
        assert_eq!(nova.code.as_deref(), Some("404"));
        assert_eq!(nova.message.as_deref(), Some("gone"));
        assert_eq!(nova.request_id.as_deref(), Some("req-1"));
    }

    #[test]
    fn keeps_a_body_it_cannot_parse() {
        let error = api_error("<html>bad gateway</html>");
        assert_eq!(error.code, None);
        assert_eq!(error.body_text(), "<html>bad gateway</html>");
        assert!(error.to_string().contains("<html>bad gateway</html>"));
    }
}

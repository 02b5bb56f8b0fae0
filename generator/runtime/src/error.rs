//! The one error type every generated method returns, keeping what the server sent.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::fmt;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where an API puts the details of an error, as its spec declares them.
#[derive(Clone, Copy, Debug)]
pub struct ErrorFormat {
    /// Headers that carry a request id, in the order they are looked up.
    pub request_id_headers: &'static [&'static str],
    /// JSON error bodies the API sends, tried in order.
    pub shapes: &'static [ErrorShape],
}

/// One JSON error body shape: JSON pointers (RFC 6901) to the code and the message. A `*`
/// segment matches any key, for bodies keyed by the error's name (`{"itemNotFound": {...}}`).
#[derive(Clone, Copy, Debug)]
pub struct ErrorShape {
    /// Pointer to the error code (a string or a number), e.g. `/error/code`.
    pub code: &'static str,
    /// Pointer to the message, e.g. `/error/message`.
    pub message: &'static str,
}

impl Default for ErrorFormat {
    /// No declared shapes (the common shapes are recognised anyway) and the usual request id
    /// headers.
    fn default() -> Self {
        ErrorFormat {
            request_id_headers: &["x-request-id", "request-id"],
            shapes: &[],
        }
    }
}

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
    /// A waiter saw its resource reach a failure state; the resource is kept.
    WaitFailed(Box<WaitFailure>),
    /// A waiter gave up: its resource had not reached a final state within the time limit.
    WaitTimeout {
        /// How long the waiter waited.
        elapsed: std::time::Duration,
        /// The state the resource was last seen in.
        last_state: String,
    },
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

    /// Whether trying the same call again may succeed: connection failures, timeouts, and the
    /// statuses the retry policy retries (408, 409, 429, 5xx, or as `x-should-retry` says).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => super::retry::should_retry_status(e.status, &e.headers),
            Error::Timeout(_) | Error::Connection(_) => true,
            _ => false,
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
            Error::WaitFailed(failure) => {
                write!(
                    f,
                    "the resource reached the failure state `{}`",
                    failure.state
                )
            }
            Error::WaitTimeout {
                elapsed,
                last_state,
            } => write!(
                f,
                "gave up waiting after {:.1} s; the resource was last `{last_state}`",
                elapsed.as_secs_f64()
            ),
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
    /// Builds the error from a response: the request id from the first of the format's headers
    /// present, code and message from the first declared shape that matches the body, else from
    /// the common shapes (`{"error_code", "error_msg"}`, `{"code", "message"}`, either one level
    /// down).
    pub fn new(
        status: StatusCode,
        headers: HeaderMap,
        body: Vec<u8>,
        format: &ErrorFormat,
    ) -> Self {
        let request_id = format.request_id_headers.iter().find_map(|name| {
            headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        let (code, message) = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .map(|v| {
                format
                    .shapes
                    .iter()
                    .map(|shape| (pointer(&v, shape.code), pointer(&v, shape.message)))
                    .find(|(code, message)| code.is_some() || message.is_some())
                    .unwrap_or_else(|| parse_error_body(&v))
            })
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

/// Follows a JSON pointer whose `*` segments match any key, to a string or number.
fn pointer(value: &serde_json::Value, path: &str) -> Option<String> {
    let mut rest = path.strip_prefix('/')?.splitn(2, '/');
    let (segment, tail) = (rest.next()?, rest.next());
    let segment = segment.replace("~1", "/").replace("~0", "~");
    let object = value.as_object()?;
    let next: Vec<&serde_json::Value> = if segment == "*" {
        object.values().collect()
    } else {
        object.get(&segment).into_iter().collect()
    };
    next.into_iter().find_map(|child| match tail {
        Some(tail) => pointer(child, &format!("/{tail}")),
        None => scalar_text(Some(child)),
    })
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

/// What a waiter saw when its resource reached a failure state.
pub struct WaitFailure {
    /// The failure state (e.g. `failed`, `FAIL`).
    pub state: String,
    /// The resource as last fetched, as JSON.
    pub json: serde_json::Value,
    resource: Box<dyn std::any::Any + Send + Sync>,
}

impl WaitFailure {
    /// Wraps the resource a waiter saw fail.
    pub fn new<T: serde::Serialize + Send + Sync + 'static>(state: &str, resource: T) -> Self {
        WaitFailure {
            state: state.to_owned(),
            json: serde_json::to_value(&resource).unwrap_or(serde_json::Value::Null),
            resource: Box::new(resource),
        }
    }

    /// The resource, as the type the waiter polled (e.g. `Operation`, `Job`).
    pub fn resource<T: 'static>(&self) -> Option<&T> {
        self.resource.downcast_ref()
    }
}

impl fmt::Debug for WaitFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitFailure")
            .field("state", &self.state)
            .field("json", &self.json)
            .finish_non_exhaustive()
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
        ApiError::new(
            StatusCode::BAD_REQUEST,
            headers,
            body.as_bytes().to_vec(),
            &ErrorFormat::default(),
        )
    }

    #[test]
    fn declared_shapes_and_request_id_headers_come_first() {
        const SHAPES: &[ErrorShape] = &[
            ErrorShape {
                code: "/fault/*/kind",
                message: "/fault/*/text",
            },
            ErrorShape {
                code: "/error_code",
                message: "/error_msg",
            },
        ];
        let format = ErrorFormat {
            request_id_headers: &["x-compute-request-id", "x-request-id"],
            shapes: SHAPES,
        };
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req-generic"));
        headers.insert("x-compute-request-id", HeaderValue::from_static("req-nova"));
        let body = br#"{"fault":{"quota":{"kind":"Q.1","text":"over quota"}},"code":"ignored"}"#;
        let error = ApiError::new(StatusCode::FORBIDDEN, headers, body.to_vec(), &format);
        assert_eq!(error.code.as_deref(), Some("Q.1"));
        assert_eq!(error.message.as_deref(), Some("over quota"));
        assert_eq!(error.request_id.as_deref(), Some("req-nova"));
    }

    #[test]
    fn retryable_errors() {
        let retryable = |status: u16| {
            Error::Api(Box::new(ApiError::new(
                StatusCode::from_u16(status).unwrap(),
                HeaderMap::new(),
                Vec::new(),
                &ErrorFormat::default(),
            )))
            .is_retryable()
        };
        assert!(retryable(429) && retryable(503) && retryable(408));
        assert!(!retryable(400) && !retryable(404));
        assert!(!Error::InvalidRequest("x".into()).is_retryable());
    }

    #[test]
    fn wait_failure_keeps_the_typed_resource() {
        let failure = WaitFailure::new("failed", vec!["a".to_owned()]);
        assert_eq!(failure.resource::<Vec<String>>().unwrap(), &["a"]);
        assert!(failure.resource::<String>().is_none());
        assert_eq!(failure.json, serde_json::json!(["a"]));
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

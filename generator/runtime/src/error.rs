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

impl ErrorFormat {
    /// The request id among `headers`: the first of [`ErrorFormat::request_id_headers`] that is
    /// present (as text). Errors and successful responses both read it here.
    pub fn request_id(&self, headers: &HeaderMap) -> Option<String> {
        self.request_id_headers.iter().find_map(|name| {
            headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
    }
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
    /// The server answered with success, but the text body it should have sent was not UTF-8.
    Text(Box<TextError>),
    /// An attempt did not finish within its timeout (the last one, after any retries).
    Timeout(Box<TimeoutError>),
    /// The call's deadline passed before it finished: attempts and backoff together took
    /// longer than [`Call::deadline`](super::Call::deadline) or the client's deadline allow.
    DeadlineExceeded {
        /// How long the call ran.
        elapsed: std::time::Duration,
        /// Attempts begun.
        attempts: u32,
    },
    /// The request could not be sent or its response not read (DNS, TCP, a reset, ...).
    Connection(reqwest::Error),
    /// The TLS handshake failed (an untrusted certificate, no common protocol version...).
    /// Never retried: trying again gives the same answer.
    Tls(reqwest::Error),
    /// A redirect that was not followed: to another origin (credentials never leave the
    /// origin they were given for), too many hops, or a loop. Never retried.
    Redirect(Box<RedirectError>),
    /// A success response's body was larger than the limit
    /// ([`DEFAULT_MAX_RESPONSE_SIZE`](super::transport::DEFAULT_MAX_RESPONSE_SIZE) unless set):
    /// it was refused unread (a larger `Content-Length`) or cut off at the limit. Never retried.
    ResponseTooLarge {
        /// The HTTP status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
        /// The `Content-Length` the server declared, if it declared one.
        content_length: Option<u64>,
    },
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
            Error::Text(e) => Some(e.status),
            Error::Redirect(e) => Some(e.status),
            Error::ResponseTooLarge { status, .. } => Some(*status),
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
    /// TLS failures, redirects, oversized bodies and requests refused before sending are not.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => super::retry::should_retry_status(e.status, &e.headers),
            Error::Timeout(_) | Error::Connection(_) | Error::DeadlineExceeded { .. } => true,
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

/// The largest index at most `limit` that is a character boundary of `text`.
fn boundary(text: &str, limit: usize) -> usize {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// At most [`DISPLAY_BODY_LIMIT`] bytes of `body` as text, cut at a character boundary, with
/// the size left out when it was cut.
fn body_excerpt(body: &[u8], size: Option<u64>) -> String {
    let text = String::from_utf8_lossy(body);
    let total = size.unwrap_or(body.len() as u64);
    if text.len() <= DISPLAY_BODY_LIMIT && total == body.len() as u64 {
        return text.into_owned();
    }
    let end = boundary(&text, DISPLAY_BODY_LIMIT);
    match size {
        Some(size) => format!("{}... ({size} bytes in all)", &text[..end]),
        None => format!("{}... (more than {} bytes)", &text[..end], body.len()),
    }
}

/// `text` as an error message may show it: whole up to [`DISPLAY_BODY_LIMIT`] bytes, else cut
/// there (at a character boundary) and saying how many bytes were left out. Every text a
/// server or caller controls (a code, a cursor, a state, a `Location`, serde's quote of a
/// value) goes through here before it reaches an error's `Display`.
pub(super) fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    clip_to(text, DISPLAY_BODY_LIMIT)
}

/// The most bytes an error's `Display` shows of an error code or a request id (short names;
/// the body's excerpt follows them).
const DISPLAY_ID_LIMIT: usize = 100;

/// [`clip`] at `limit` bytes.
fn clip_to(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= limit {
        return std::borrow::Cow::Borrowed(text);
    }
    let end = boundary(text, limit);
    std::borrow::Cow::Owned(format!(
        "{}... ({} more bytes)",
        &text[..end],
        text.len() - end
    ))
}

/// The most bytes of a body an error's `Display` shows.
pub const DISPLAY_BODY_LIMIT: usize = 500;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::Text(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => fmt::Display::fmt(e, f),
            Error::DeadlineExceeded { elapsed, attempts } => write!(
                f,
                "the call's deadline passed after {:.1} s and {attempts} attempt(s)",
                elapsed.as_secs_f64()
            ),
            Error::Connection(e) => write!(f, "connection error: {}", clip(&e.to_string())),
            Error::Tls(e) => write!(f, "TLS handshake failed: {}", clip(&e.to_string())),
            Error::Redirect(e) => fmt::Display::fmt(e, f),
            Error::ResponseTooLarge {
                status,
                limit,
                content_length,
            } => {
                write!(
                    f,
                    "the {status} response body is larger than the {limit}-byte limit"
                )?;
                match content_length {
                    Some(size) => write!(f, " ({size} bytes declared)"),
                    None => Ok(()),
                }
            }
            Error::InvalidRequest(msg) => write!(f, "invalid request: {}", clip(msg)),
            Error::Config(msg) => write!(f, "invalid client configuration: {}", clip(msg)),
            // The message quotes the cursor or marker clipped (`pagination.rs`).
            Error::Pagination(msg) => write!(f, "pagination stopped: {msg}"),
            Error::WaitFailed(failure) => {
                write!(
                    f,
                    "the resource reached the failure state `{}`",
                    clip(&failure.state)
                )
            }
            Error::WaitTimeout {
                elapsed,
                last_state,
            } => write!(
                f,
                "gave up waiting after {:.1} s; the resource was last `{}`",
                elapsed.as_secs_f64(),
                clip(last_state)
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(&e.source),
            Error::Text(e) => Some(&e.source),
            Error::Timeout(e) => e
                .source
                .as_ref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            Error::Connection(e) | Error::Tls(e) => Some(e),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(Box::new(TimeoutError {
                limit: None,
                source: Some(error),
            }))
        } else if is_tls_failure(&error) {
            Error::Tls(error)
        } else {
            Error::Connection(error)
        }
    }
}

/// Whether a connection failed in the TLS handshake: rustls reports its errors (an untrusted
/// certificate, a protocol mismatch, a server that does not speak TLS) as
/// `io::ErrorKind::InvalidData` during the connect.
fn is_tls_failure(error: &reqwest::Error) -> bool {
    fn invalid_data(cause: &(dyn std::error::Error + 'static)) -> bool {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // `io::Error::source` skips the error it wraps: look at that one first.
            return io.kind() == std::io::ErrorKind::InvalidData
                || io.get_ref().is_some_and(|inner| invalid_data(inner))
                || std::error::Error::source(io).is_some_and(invalid_data);
        }
        cause.source().is_some_and(invalid_data)
    }
    error.is_connect() && std::error::Error::source(error).is_some_and(invalid_data)
}

/// An attempt that did not finish in time.
#[derive(Debug)]
pub struct TimeoutError {
    /// The attempt's time limit, when the client set it (not the HTTP client).
    pub limit: Option<std::time::Duration>,
    source: Option<reqwest::Error>,
}

impl TimeoutError {
    /// An attempt that ran out of its `limit`.
    pub fn new(limit: std::time::Duration) -> Self {
        TimeoutError {
            limit: Some(limit),
            source: None,
        }
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.limit, &self.source) {
            (Some(limit), _) => write!(
                f,
                "request timed out: no complete answer within {:.1} s",
                limit.as_secs_f64()
            ),
            (None, Some(e)) => write!(f, "request timed out: {}", clip(&e.to_string())),
            (None, None) => write!(f, "request timed out"),
        }
    }
}

/// Why a redirect was not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectReason {
    /// It leads to another origin (scheme, host or port).
    CrossOrigin,
    /// It would be one hop more than
    /// [`MAX_REDIRECTS`](super::transport::MAX_REDIRECTS).
    TooMany,
    /// It leads to a request already sent in this attempt.
    Loop,
}

/// A redirect answer the client did not follow.
#[derive(Clone, Debug)]
pub struct RedirectError {
    /// The redirect's status (301, 302, 303, 307 or 308).
    pub status: StatusCode,
    /// Where it leads, resolved against the request's URL.
    pub location: String,
    /// Why it was not followed.
    pub reason: RedirectReason,
    /// Same-origin redirects followed before it.
    pub hops: u32,
    /// The redirect answer's headers.
    pub headers: HeaderMap,
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            RedirectReason::CrossOrigin => {
                "it leads to another origin; credentials stay with theirs"
            }
            RedirectReason::TooMany => "too many redirects",
            RedirectReason::Loop => "the redirects go round in a loop",
        };
        write!(
            f,
            "redirect {} to {} not followed ({} hops before it): {why}",
            self.status,
            clip(&self.location),
            self.hops
        )
    }
}

/// A non-success HTTP answer, with everything the server sent.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw response body, exactly as received, up to
    /// [`ERROR_BODY_LIMIT`](super::transport::ERROR_BODY_LIMIT) bytes.
    pub body: Vec<u8>,
    /// The size of the whole body when it is known (read to the end, or declared by
    /// `Content-Length`); larger than `body.len()` when `body` was cut.
    pub body_size: Option<u64>,
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
        let request_id = format.request_id(&headers);
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
        let body_size = Some(body.len() as u64);
        ApiError {
            status,
            headers,
            body,
            body_size,
            request_id,
            code,
            message,
        }
    }

    /// Records the size of the whole body, of which `body` may hold only the start (`None`:
    /// unknown).
    pub fn with_body_size(mut self, size: Option<u64>) -> Self {
        self.body_size = size;
        self
    }

    /// Whether `body` holds only the start of what the server sent.
    pub fn is_body_truncated(&self) -> bool {
        self.body_size != Some(self.body.len() as u64)
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
            write!(f, " [{}]", clip_to(code, DISPLAY_ID_LIMIT))?;
        }
        match &self.message {
            Some(message) => write!(
                f,
                ": {}",
                body_excerpt(message.as_bytes(), Some(message.len() as u64))
            )?,
            None if !self.body.is_empty() => {
                write!(f, ": {}", body_excerpt(&self.body, self.body_size))?
            }
            None => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {})", clip_to(id, DISPLAY_ID_LIMIT))?;
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
        // serde quotes an offending value whole: clip it, keeping where it was.
        let text = self.source.to_string();
        let place = format!(
            " at line {} column {}",
            self.source.line(),
            self.source.column()
        );
        let (what, place) = match text.strip_suffix(&place) {
            Some(what) if self.source.line() > 0 => (what, place.as_str()),
            _ => (text.as_str(), ""),
        };
        write!(
            f,
            "could not decode the {} response body: {}{place}",
            self.status,
            clip(what)
        )
    }
}

/// A success response whose body should have been text but was not valid UTF-8.
#[derive(Debug)]
pub struct TextError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The raw response body, exactly as received.
    pub body: Vec<u8>,
    /// Where the body stops being UTF-8.
    pub source: std::str::Utf8Error,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} response body is not UTF-8 text: {} ({} bytes)",
            self.status,
            self.source,
            self.body.len()
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
    fn clip_cuts_long_text_on_a_character_boundary_and_says_how_much() {
        assert_eq!(clip("short"), "short");
        let exact = "a".repeat(DISPLAY_BODY_LIMIT);
        assert_eq!(clip(&exact), exact);
        // A two-byte character straddles the limit: the cut falls before it.
        let text = format!(
            "{}é{}",
            "a".repeat(DISPLAY_BODY_LIMIT - 1),
            "b".repeat(1000)
        );
        let clipped = clip(&text);
        assert!(clipped.starts_with(&"a".repeat(DISPLAY_BODY_LIMIT - 1)));
        assert!(clipped.ends_with("... (1002 more bytes)"), "{clipped}");
    }

    /// Every text a server or caller controls is clipped in `Display`: an API error's code and
    /// request id, serde's quote of a value, a redirect's `Location`, a waiter's states, and
    /// configuration and request messages.
    #[test]
    fn display_is_bounded_whatever_the_server_sent() {
        let huge = "z".repeat(200_000);
        let mut api = api_error(&format!(r#"{{"code":"{huge}","message":"{huge}"}}"#));
        api.request_id = Some(huge.clone());
        let decode_source = serde_json::from_str::<u32>(&format!("\"{huge}\"")).unwrap_err();
        let errors = [
            Error::Api(Box::new(api)),
            Error::Decode(Box::new(DecodeError {
                status: StatusCode::OK,
                body: Vec::new(),
                source: decode_source,
            })),
            Error::Redirect(Box::new(RedirectError {
                status: StatusCode::FOUND,
                location: format!("https://other.example/{huge}"),
                reason: RedirectReason::CrossOrigin,
                hops: 0,
                headers: HeaderMap::new(),
            })),
            Error::WaitFailed(Box::new(WaitFailure::new(&huge, ()))),
            Error::WaitTimeout {
                elapsed: std::time::Duration::from_secs(1),
                last_state: huge.clone(),
            },
            Error::Config(huge.clone()),
            Error::InvalidRequest(huge.clone()),
        ];
        for error in errors {
            let shown = error.to_string();
            assert!(
                shown.len() < 2 * DISPLAY_BODY_LIMIT,
                "{} bytes",
                shown.len()
            );
            assert!(shown.contains("more bytes"), "{shown}");
        }
    }

    #[test]
    fn a_decode_error_keeps_where_the_value_was() {
        let source = serde_json::from_str::<u32>(&format!("\"{}\"", "q".repeat(5000))).unwrap_err();
        let shown = DecodeError {
            status: StatusCode::OK,
            body: Vec::new(),
            source,
        }
        .to_string();
        assert!(shown.ends_with(" at line 1 column 5002"), "{shown}");
        let short = serde_json::from_str::<u32>("\"x\"").unwrap_err();
        let shown = DecodeError {
            status: StatusCode::OK,
            body: Vec::new(),
            source: short,
        }
        .to_string();
        assert_eq!(
            shown,
            "could not decode the 200 OK response body: invalid type: string \"x\", expected u32 at line 1 column 3"
        );
    }

    #[test]
    fn keeps_a_body_it_cannot_parse() {
        let error = api_error("<html>bad gateway</html>");
        assert_eq!(error.code, None);
        assert_eq!(error.body_text(), "<html>bad gateway</html>");
        assert!(error.to_string().contains("<html>bad gateway</html>"));
    }
}

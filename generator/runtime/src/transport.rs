//! Sends a [`Request`] over HTTP: base URL, authentication, default and per-call headers, the
//! retry loop (backoff, `Retry-After`, retry budget, idempotency key), per-attempt timeouts,
//! status check and a `tracing` event per attempt.

use super::error::{ApiError, DecodeError, Error, ErrorFormat, Result};
use super::redirect::Hop;
use super::request::Request;
use super::retry::{
    RETRY_COST, RetryBudget, RetryPolicy, SUCCESS_REFUND, TIMEOUT_RETRY_COST, retry_status,
};
use super::secret::Secret;
use reqwest::Method;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue, LOCATION};
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::{Duration, Instant};

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Headers whose values never appear in logs or `Debug` output.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
    "x-subject-token",
    "x-security-token",
];

/// How requests are authenticated.
#[derive(Clone, Debug)]
pub enum Auth {
    /// No credentials: the API is public.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// A token in a header of its own, such as `X-Auth-Token: <token>`.
    Header {
        /// The header name.
        name: &'static str,
        /// The token.
        value: Secret,
    },
    /// A key in a query parameter of its own, such as `?api_key=<key>`: added to each request
    /// as it is sent (a same-origin redirect's too), and never in an error's or log's URL.
    Query {
        /// The query parameter's name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// Every attempt signed with `SDK-HMAC-SHA256` (Huawei Cloud AK/SK): an `X-Sdk-Date` and
    /// an `Authorization` computed over the method, path, query, headers and body.
    SdkHmacSha256 {
        /// The access key (AK), sent in the clear as `Access=`.
        access_key: String,
        /// The secret key (SK), never sent.
        secret_key: Secret,
    },
}

/// The default limit on the size of a response body (32 MiB).
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;

/// How much of an error response's body an [`ApiError`] keeps (64 KiB).
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// The most redirects one attempt follows (same origin only).
pub const MAX_REDIRECTS: u32 = 5;

/// A function that adjusts the HTTP client before it is built (proxies, TLS roots, ...).
/// The transport applies its own settings after it: redirects are always handled by the
/// transport, never by the HTTP client.
pub type HttpConfig =
    std::sync::Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

/// The options every generated client builder offers, whatever the API.
#[derive(Clone, Default)]
pub struct Options {
    /// Per-attempt timeout ([`DEFAULT_TIMEOUT`] when `None`).
    pub timeout: Option<Duration>,
    /// Time limit of a whole call: every attempt and every backoff together (none when `None`).
    pub deadline: Option<Duration>,
    /// Largest response body accepted ([`DEFAULT_MAX_RESPONSE_SIZE`] when `None`).
    pub max_response_size: Option<u64>,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Tokens of the client-wide retry budget ([`DEFAULT_BUDGET`](super::retry::DEFAULT_BUDGET)
    /// when `None`).
    pub retry_budget: Option<u32>,
    /// Allow credentials over plain `http://` to a host that is not the local machine.
    pub allow_insecure_http: bool,
    /// Adjusts the HTTP client before it is built.
    pub configure_http: Option<HttpConfig>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_response_size", &self.max_response_size)
            .field("retry", &self.retry)
            .field("retry_budget", &self.retry_budget)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field(
                "configure_http",
                &self.configure_http.as_ref().map(|_| "<fn>"),
            )
            .finish()
    }
}

/// Everything a [`Transport`] needs; generated client builders fill it in.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The base URL: `http` or `https`, an optional path prefix, no query, fragment or
    /// user name.
    pub base_url: String,
    /// Credentials.
    pub auth: Auth,
    /// Headers sent with every request (e.g. `X-Project-Id`).
    pub default_headers: Vec<(&'static str, String)>,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Where the API puts error details.
    pub errors: ErrorFormat,
    /// Statuses with which the server says it did nothing, beyond 429 and 503: a request that
    /// is not idempotent is retried after them (the spec's `unprocessed_statuses`).
    pub unprocessed_statuses: &'static [u16],
    /// The caller's options.
    pub options: Options,
}

impl Settings {
    /// Settings with no default headers, the default error format and options.
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Self {
        Settings {
            base_url: base_url.into(),
            auth,
            default_headers: Vec::new(),
            user_agent: concat!("sdk-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
            errors: ErrorFormat::default(),
            unprocessed_statuses: &[],
            options: Options::default(),
        }
    }
}

/// A base URL as a builder keeps it: its `Debug` never shows a user name or password.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL as given.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for BaseUrl {
    fn from(value: String) -> Self {
        BaseUrl(value)
    }
}

impl From<&str> for BaseUrl {
    fn from(value: &str) -> Self {
        BaseUrl(value.to_owned())
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&without_userinfo(&self.0), f)
    }
}

/// `url` with any `user:password@` replaced by `***@`.
fn without_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &url[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..authority_start], &rest[at..]),
        None => url.to_owned(),
    }
}

/// Options of one call that override the client's: extra headers and query parameters, the
/// per-attempt timeout, the deadline, the response size limit and the number of retries.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// Headers added to (or replacing those of) the request.
    pub headers: Vec<(String, String)>,
    /// Query parameters added to the request.
    pub query: Vec<(String, String)>,
    /// Per-attempt timeout for this call.
    pub timeout: Option<Duration>,
    /// Time limit of this call, from when it starts (every attempt and backoff together).
    pub deadline: Option<Duration>,
    /// The instant this call must be over by (the earlier of this and `deadline` applies).
    pub deadline_at: Option<Instant>,
    /// Largest response body accepted for this call.
    pub max_response_size: Option<u64>,
    /// Retries for this call.
    pub max_retries: Option<u32>,
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.redacted(&[]), f)
    }
}

impl CallOptions {
    /// These options for `Debug`, with credential headers and the headers named in `secret`
    /// (the request's spec-declared secret headers) shown as `***`.
    pub(super) fn redacted<'a>(&'a self, secret: &'a [&'a str]) -> impl fmt::Debug + 'a {
        RedactedOptions {
            options: self,
            secret,
        }
    }
}

struct RedactedOptions<'a> {
    options: &'a CallOptions,
    secret: &'a [&'a str],
}

impl fmt::Debug for RedactedOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.options;
        let headers: Vec<(&str, &str)> = o
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), redact(name, value, self.secret)))
            .collect();
        f.debug_struct("CallOptions")
            .field("headers", &headers)
            .field("query", &o.query)
            .field("timeout", &o.timeout)
            .field("deadline", &o.deadline)
            .field("deadline_at", &o.deadline_at)
            .field("max_response_size", &o.max_response_size)
            .field("max_retries", &o.max_retries)
            .finish()
    }
}

/// `value`, or `***` when the header `name` carries a credential (or is one of `secret`).
pub(super) fn redact<'a>(name: &str, value: &'a str, secret: &[&str]) -> &'a str {
    let sensitive = SENSITIVE_HEADERS
        .iter()
        .chain(secret)
        .any(|s| s.eq_ignore_ascii_case(name));
    if sensitive { "***" } else { value }
}

/// The raw parts of a success response.
#[derive(Clone, Debug)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// Sends requests for one client. Shared behind an `Arc` by the client and its clones.
pub struct Transport {
    http: reqwest::Client,
    base_url: String,
    auth: Auth,
    default_headers: Vec<(&'static str, String)>,
    user_agent: String,
    /// The headers every request starts from (user agent, `Accept`, credentials, client
    /// defaults), checked and built once.
    base_headers: HeaderMap,
    timeout: Duration,
    deadline: Option<Duration>,
    max_response_size: u64,
    retry: RetryPolicy,
    budget: RetryBudget,
    errors: ErrorFormat,
    unprocessed_statuses: &'static [u16],
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("default_headers", &self.default_headers)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_response_size", &self.max_response_size)
            .field("retry", &self.retry)
            .field("retry_budget", &self.budget.available())
            .finish_non_exhaustive()
    }
}

/// Header values for logs: sensitive ones replaced by `***`.
struct Redacted<'a>(&'a HeaderMap);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || SENSITIVE_HEADERS.contains(&name.as_str()) {
                map.entry(&name.as_str(), &"***");
            } else {
                map.entry(&name.as_str(), &value.to_str().unwrap_or("<binary>"));
            }
        }
        map.finish()
    }
}

/// Headers that frame the message: the HTTP client sets them, a caller or spec never does.
const FRAMING_HEADERS: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
];

/// The longest header value a request may carry (16 KiB).
pub const MAX_HEADER_VALUE: usize = 16 * 1024;

/// The longest URL (path and query) a request may have (32 KiB).
pub const MAX_URL_LENGTH: usize = 32 * 1024;

fn header_pair(name: &str, value: &str) -> std::result::Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{name:?} is not a valid header name"))?;
    if value.len() > MAX_HEADER_VALUE {
        return Err(format!(
            "the value of header {name} is {} bytes; the limit is {MAX_HEADER_VALUE}",
            value.len()
        ));
    }
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header {name} is not valid header text"))?;
    if SENSITIVE_HEADERS.contains(&name.as_str()) {
        value.set_sensitive(true);
    }
    Ok((name, value))
}

/// The headers every request of a client starts from: `User-Agent`, `Accept`, the credentials
/// (unless each attempt is signed) and the client's default headers.
fn base_headers(settings: &Settings) -> std::result::Result<HeaderMap, String> {
    let auth = match &settings.auth {
        Auth::None | Auth::SdkHmacSha256 { .. } | Auth::Query { .. } => None,
        Auth::Bearer(token) => Some(("authorization", format!("Bearer {}", token.expose()))),
        Auth::Header { name, value } => Some((*name, value.expose().to_owned())),
    };
    let fixed = [
        ("user-agent", settings.user_agent.clone()),
        ("accept", "application/json".to_owned()),
    ];
    let defaults = settings
        .default_headers
        .iter()
        .map(|(n, v)| (*n, v.clone()));
    let mut headers = HeaderMap::new();
    for (name, value) in fixed.into_iter().chain(auth).chain(defaults) {
        let (name, value) = header_pair(name, &value)?;
        headers.insert(name, value);
    }
    Ok(headers)
}

/// Whether `host` (as a URL writes it) is this machine: `localhost` (and its subdomains) or a
/// loopback address.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// Checks a base URL: `http` or `https`, a host, an optional path prefix, no query, fragment,
/// user name or surrounding whitespace. Returns it as the `url` crate normalises it (the form
/// every request URL takes: `127.000.000.001` becomes `127.0.0.1`, `/x/..` goes, a default port
/// is dropped), without a trailing slash.
fn check_base_url(given: &str) -> Result<(String, reqwest::Url)> {
    let config = |why: &str| Err(Error::Config(format!("base URL {given:?} {why}")));
    if given.trim() != given || given.is_empty() {
        return config("has surrounding whitespace or is empty; remove it");
    }
    let parsed = match reqwest::Url::parse(given) {
        Ok(url) => url,
        Err(e) => return config(&format!("is not a URL: {e}")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return config("must start with http:// or https://");
    }
    if parsed.host().is_none() {
        return config("has no host");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return config("must not carry a user name or password; use the client's credentials");
    }
    if parsed.query().is_some() {
        return config("must not have a query (`?...`): requests add their own");
    }
    if parsed.fragment().is_some() {
        return config("must not have a fragment (`#...`)");
    }
    Ok((parsed.as_str().trim_end_matches('/').to_owned(), parsed))
}

/// `now + duration`, or a far-off instant when that cannot be represented.
pub fn deadline_after(duration: Duration) -> Instant {
    let now = Instant::now();
    // About 30 years: later than any call can last, representable on every platform.
    const FAR: Duration = Duration::from_secs(30 * 365 * 24 * 3600);
    now.checked_add(duration.min(FAR)).unwrap_or(now)
}

impl Transport {
    /// Where this API puts error details and request ids.
    pub fn error_format(&self) -> &ErrorFormat {
        &self.errors
    }

    /// Builds a transport, checking the base URL, header values (credentials included) and
    /// options.
    pub fn new(settings: Settings) -> Result<Self> {
        let (base_url, parsed) = check_base_url(&settings.base_url)?;
        let options = &settings.options;
        let has_credentials = !matches!(settings.auth, Auth::None);
        if parsed.scheme() == "http"
            && has_credentials
            && !options.allow_insecure_http
            && !parsed.host_str().is_some_and(is_loopback)
        {
            return Err(Error::Config(format!(
                "base URL {base_url:?} would send credentials unencrypted over http:// to \
                 another machine; use https://, or allow it explicitly with \
                 `.allow_insecure_http(true)`"
            )));
        }
        let positive = |name: &str, value: Option<Duration>| match value {
            Some(d) if d.is_zero() => Err(Error::Config(format!("{name} must be more than zero"))),
            _ => Ok(()),
        };
        positive("the timeout", options.timeout)?;
        positive("the deadline", options.deadline)?;
        if options.max_response_size == Some(0) {
            return Err(Error::Config(
                "the maximum response size must be more than zero".to_owned(),
            ));
        }
        let base_headers = base_headers(&settings).map_err(Error::Config)?;
        let mut builder = reqwest::Client::builder();
        if let Some(configure) = &options.configure_http {
            builder = configure(builder);
        }
        // Redirects are followed by the transport, same origin only (see `execute`).
        let http = builder
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?;
        Ok(Transport {
            http,
            base_url,
            auth: settings.auth,
            default_headers: settings.default_headers,
            user_agent: settings.user_agent,
            base_headers,
            timeout: options.timeout.unwrap_or(DEFAULT_TIMEOUT),
            deadline: options.deadline,
            max_response_size: options
                .max_response_size
                .unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            retry: options.retry,
            budget: RetryBudget::new(options.retry_budget.unwrap_or(super::retry::DEFAULT_BUDGET)),
            errors: settings.errors,
            unprocessed_statuses: settings.unprocessed_statuses,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Tokens left in the client-wide retry budget.
    pub fn retry_budget(&self) -> u32 {
        self.budget.available()
    }

    /// Every header of an attempt: the client's (fixed ones, credentials, defaults), the
    /// request's, `Content-Type` when there is a body, then the call's, which replace any of
    /// those; last a generated idempotency key if the request wants one and has none. Framing
    /// headers and an empty idempotency key are refused.
    fn headers(&self, request: &Request, options: &CallOptions) -> Result<HeaderMap> {
        let mut headers = self.base_headers.clone();
        let request_headers = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
        let content_type = request.content_type().map(|t| ("content-type", t));
        let call_headers = options
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()));
        for (name, value) in request_headers.chain(content_type).chain(call_headers) {
            if FRAMING_HEADERS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
                return Err(Error::InvalidRequest(format!(
                    "the header {name} frames the message; the HTTP client sets it"
                )));
            }
            let (name, mut value) = header_pair(name, value).map_err(Error::InvalidRequest)?;
            if request
                .secret_headers
                .iter()
                .any(|s| s.eq_ignore_ascii_case(name.as_str()))
            {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        if let Some(name) = request.idempotency_header {
            match headers.get(name) {
                Some(given) if given.as_bytes().iter().all(u8::is_ascii_whitespace) => {
                    return Err(Error::InvalidRequest(format!(
                        "the idempotency key {name} is empty; give a key or leave it unset"
                    )));
                }
                Some(_) => {}
                None => {
                    let key = format!("{}{}", request.idempotency_prefix, uuid::Uuid::new_v4());
                    let (name, value) = header_pair(name, &key).map_err(Error::InvalidRequest)?;
                    headers.insert(name, value);
                }
            }
        }
        Ok(headers)
    }

    /// The headers of one attempt for a signing client: `headers` plus a fresh `X-Sdk-Date` and
    /// the `Authorization` over this attempt's request. `None` for any other client, which
    /// sends `headers` as they are.
    fn sign(
        &self,
        method: &reqwest::Method,
        url: &reqwest::Url,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Option<HeaderMap>> {
        let Auth::SdkHmacSha256 {
            access_key,
            secret_key,
        } = &self.auth
        else {
            return Ok(None);
        };
        let mut headers = headers.clone();
        // A date the caller set (e.g. to reproduce a signature) is kept, as the SDKs do.
        let date = match headers.get("x-sdk-date").and_then(|v| v.to_str().ok()) {
            Some(given) => given.to_owned(),
            None => {
                let now = super::signing::sdk_date(time::OffsetDateTime::now_utc());
                let value = HeaderValue::from_str(&now)
                    .map_err(|_| Error::InvalidRequest("bad X-Sdk-Date".to_owned()))?;
                headers.insert("x-sdk-date", value);
                now
            }
        };
        // The Host header reqwest sends: the host, and the port unless it is the default.
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => String::new(),
        };
        let mut signed: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| {
                let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), text)
            })
            .collect();
        signed.push(("host".to_owned(), host));
        let query: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let signable = super::signing::Signable {
            method: method.as_str(),
            path: url.path(),
            query: &query,
            headers: &signed,
            body,
        };
        let authorization =
            super::signing::authorization(access_key, secret_key.expose(), &date, &signable);
        let mut value = HeaderValue::from_str(&authorization)
            .map_err(|_| Error::InvalidRequest("the signature is not header text".to_owned()))?;
        value.set_sensitive(true);
        headers.insert(reqwest::header::AUTHORIZATION, value);
        Ok(Some(headers))
    }

    /// `url` with the key of [`Auth::Query`] added to its query, as each request is sent; `url`
    /// itself under other schemes.
    fn keyed(&self, url: &reqwest::Url) -> reqwest::Url {
        let mut url = url.clone();
        if let Auth::Query { name, value } = &self.auth {
            let encode = super::signing::encode;
            let pair = format!("{}={}", encode(name), encode(value.expose()));
            let query = match url.query() {
                Some(query) if !query.is_empty() => format!("{query}&{pair}"),
                _ => pair,
            };
            url.set_query(Some(&query));
        }
        url
    }

    /// `url` without the key of [`Auth::Query`] (a redirect's `Location` may carry it back).
    fn unkeyed(&self, url: &reqwest::Url) -> reqwest::Url {
        let mut url = url.clone();
        if let (Auth::Query { name, .. }, Some(query)) = (&self.auth, url.query()) {
            let kept = without_param(query, name);
            url.set_query((!kept.is_empty()).then_some(kept.as_str()));
        }
        url
    }

    /// A refused redirect's error without the query key: in its `Location` and in the
    /// `Location` header it keeps.
    fn unkeyed_failure(&self, failure: Failure) -> Failure {
        let Auth::Query { name, .. } = &self.auth else {
            return failure;
        };
        let Failure::Final(Error::Redirect(mut redirect)) = failure else {
            return failure;
        };
        if let Ok(location) = reqwest::Url::parse(&redirect.location) {
            redirect.location = self.unkeyed(&location).to_string();
        }
        let header = redirect.headers.get(LOCATION).and_then(|v| v.to_str().ok());
        if let Some((path, rest)) = header.and_then(|h| h.split_once('?')) {
            let (query, fragment) = rest
                .split_once('#')
                .map_or((rest, None), |(q, f)| (q, Some(f)));
            let kept = without_param(query, name);
            let mut text = path.to_owned();
            if !kept.is_empty() {
                text = format!("{text}?{kept}");
            }
            if let Some(fragment) = fragment {
                text = format!("{text}#{fragment}");
            }
            match HeaderValue::from_str(&text) {
                Ok(value) => redirect.headers.insert(LOCATION, value),
                Err(_) => redirect.headers.remove(LOCATION),
            };
        }
        Failure::Final(Error::Redirect(redirect))
    }

    /// The URL, headers and body bytes of `request` with `options`, checked: everything an
    /// attempt sends. Any problem is [`Error::InvalidRequest`], before anything is sent.
    fn prepare(&self, request: &Request, options: &CallOptions) -> Result<Prepared> {
        request.validate().map_err(Error::InvalidRequest)?;
        let mut url = reqwest::Url::parse(&format!("{}{}", self.base_url, request.path))
            .map_err(|e| Error::InvalidRequest(format!("bad URL: {e}")))?;
        if !request.query.is_empty()
            || !request.joined_query.is_empty()
            || !options.query.is_empty()
        {
            // `%20` for a space, never `+`: the query is sent as the signers canonicalize it.
            let encode = super::signing::encode;
            let mut query: Vec<String> = request
                .query
                .iter()
                .chain(&options.query)
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            // A list sent as one value: its items encoded one by one, the commas literal.
            query.extend(request.joined_query.iter().map(|(k, items)| {
                let items: Vec<String> = items.iter().map(|item| encode(item)).collect();
                format!("{}={}", encode(k), items.join(","))
            }));
            url.set_query(Some(&query.join("&")));
        }
        // What the request line carries (the base URL's path prefix included), measured on
        // the URL as sent: no arithmetic against the base URL's text.
        let sent = self.keyed(&url);
        let length = sent.path().len() + sent.query().map_or(0, |q| q.len() + 1);
        if length > MAX_URL_LENGTH {
            return Err(Error::InvalidRequest(format!(
                "the path and query are {length} bytes; the limit is {MAX_URL_LENGTH}"
            )));
        }
        let headers = self.headers(request, options)?;
        let body = request.encoded_body().map_err(Error::InvalidRequest)?;
        let idempotent = request.is_idempotent()
            || request
                .idempotency_header
                .is_some_and(|name| headers.contains_key(name));
        Ok(Prepared {
            method: request.method.clone(),
            url,
            headers,
            body,
            idempotent,
        })
    }

    /// The limits of one call: the call's options over the client's.
    fn limits(&self, options: &CallOptions) -> Limits {
        let relative = options.deadline.or(self.deadline).map(deadline_after);
        let deadline = match (relative, options.deadline_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Limits {
            timeout: options.timeout.unwrap_or(self.timeout),
            deadline,
            max_response_size: options.max_response_size.unwrap_or(self.max_response_size),
            max_retries: options.max_retries.unwrap_or(self.retry.max_retries),
        }
    }

    /// Sends `request`, retrying as the policy says, and returns the raw response if its
    /// status is a success; any other status becomes [`Error::Api`] with the body kept (up to
    /// [`ERROR_BODY_LIMIT`]).
    ///
    /// The request is serialized once; every attempt sends the same bytes and headers,
    /// including the same idempotency key. A request that is not idempotent is retried only
    /// when it certainly did not reach the server or the server says it did nothing. The
    /// deadline, when there is one, bounds every attempt and every backoff together.
    pub async fn execute(&self, request: &Request, options: &CallOptions) -> Result<RawResponse> {
        let started = Instant::now();
        let limits = self.limits(options);
        let prepared = self.prepare(request, options)?;
        let mut retries: u32 = 0;
        loop {
            let attempt = retries.saturating_add(1);
            let remaining = limits
                .deadline
                .map(|d| d.saturating_duration_since(Instant::now()));
            let (timeout, deadline_bound) = match remaining {
                Some(left) if left.is_zero() => {
                    return Err(deadline_exceeded(started, retries));
                }
                Some(left) if left <= limits.timeout => (left, true),
                _ => (limits.timeout, false),
            };
            let attempt_started = Instant::now();
            let outcome = tokio::time::timeout(
                timeout,
                self.attempt(&prepared, attempt, limits.max_response_size),
            )
            .await;
            let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
            let (error, retry, cost, headers) = match outcome {
                Err(_) if deadline_bound => return Err(deadline_exceeded(started, attempt)),
                Err(_) => {
                    let error = Error::Timeout(Box::new(super::error::TimeoutError::new(timeout)));
                    // The request may have been written: only an idempotent one is re-sent.
                    (error, prepared.idempotent, TIMEOUT_RETRY_COST, None)
                }
                Ok(Err(Failure::Final(error))) => return Err(error),
                Ok(Err(Failure::Transport(error))) => {
                    let never_sent = error.is_connect();
                    let error = Error::from(error);
                    let retry =
                        !matches!(error, Error::Tls(_)) && (prepared.idempotent || never_sent);
                    (error, retry, RETRY_COST, None)
                }
                Ok(Ok(answer)) if answer.status.is_success() => {
                    tracing::debug!(
                        method = %prepared.method, path = %request.path, attempt, elapsed_ms,
                        status = answer.status.as_u16(), "response received"
                    );
                    self.budget.refund(SUCCESS_REFUND);
                    return Ok(RawResponse {
                        status: answer.status,
                        headers: answer.headers,
                        body: answer.body,
                    });
                }
                Ok(Ok(answer)) => {
                    let retry = retry_status(
                        answer.status,
                        &answer.headers,
                        prepared.idempotent,
                        self.unprocessed_statuses,
                    );
                    let retry_after = answer.headers.clone();
                    let error =
                        ApiError::new(answer.status, answer.headers, answer.body, &self.errors)
                            .with_body_size(answer.body_size);
                    (
                        Error::Api(Box::new(error)),
                        retry,
                        RETRY_COST,
                        Some(retry_after),
                    )
                }
            };
            tracing::debug!(
                method = %prepared.method, path = %request.path, attempt, elapsed_ms,
                status = error.status().map(|s| s.as_u16()), error = %error, "attempt failed"
            );
            if !retry || retries >= limits.max_retries {
                return Err(error);
            }
            let delay = self.retry.delay(retries, headers.as_ref());
            let fits = limits.deadline.is_none_or(|d| Instant::now() + delay < d);
            // A retry that could not start before the deadline is not begun: the last
            // attempt's error says more than a deadline error would.
            if !fits || !self.budget.try_spend(cost) {
                return Err(error);
            }
            tracing::debug!(
                method = %prepared.method, path = %request.path, attempt,
                delay_ms = delay.as_millis() as u64, "retrying"
            );
            tokio::time::sleep(delay).await;
            retries += 1;
        }
    }

    /// One attempt: sends the request, follows same-origin redirects, and reads the answer's
    /// body within `limit` bytes (an error answer's up to [`ERROR_BODY_LIMIT`]).
    async fn attempt(
        &self,
        prepared: &Prepared,
        attempt: u32,
        limit: u64,
    ) -> std::result::Result<Answer, Failure> {
        let mut hop = Hop {
            method: prepared.method.clone(),
            url: prepared.url.clone(),
            headers: prepared.headers.clone(),
            body: prepared.body.clone(),
        };
        let mut visited = vec![(hop.method.clone(), hop.url.clone())];
        loop {
            let body = hop.body.as_deref().unwrap_or(b"");
            let signed = self
                .sign(&hop.method, &hop.url, &hop.headers, body)
                .map_err(Failure::Final)?;
            let mut sent = signed.unwrap_or_else(|| hop.headers.clone());
            if hop.body.is_none()
                && matches!(hop.method, Method::POST | Method::PUT | Method::PATCH)
            {
                // RFC 9110 §8.6: a client should send it for a method that defines a body.
                // Added after signing, as the SDKs' HTTP libraries add it: it is not signed.
                sent.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            tracing::trace!(
                method = %hop.method, url = %hop.url, attempt,
                headers = ?Redacted(&sent), "sending request"
            );
            let mut builder = self
                .http
                .request(hop.method.clone(), self.keyed(&hop.url))
                .headers(sent);
            if let Some(body) = &hop.body {
                builder = builder.body(body.clone());
            }
            // The URL an error shows is the one without the query key.
            let response = builder
                .send()
                .await
                .map_err(|e| Failure::Transport(e.with_url(hop.url.clone())))?;
            let next = super::redirect::next_hop(&hop, &response, &mut visited);
            match next.map_err(|failure| self.unkeyed_failure(failure))? {
                // A `Location` that repeats the query key does not send it twice.
                Some(next) => {
                    hop = Hop {
                        url: self.unkeyed(&next.url),
                        ..next
                    }
                }
                None => {
                    // A body that breaks off is an error about the URL without the key too.
                    let url = hop.url;
                    return read_answer(response, limit)
                        .await
                        .map_err(|failure| match failure {
                            Failure::Transport(e) => Failure::Transport(e.with_url(url)),
                            other => other,
                        });
                }
            }
        }
    }

    /// Sends `request` and decodes the JSON body as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: &Request) -> Result<T> {
        let response = self.execute(request, &CallOptions::default()).await?;
        decode(response)
    }
}

/// A raw query (`a=1&api_key=k`) without the pairs named `name`, written plainly or encoded.
fn without_param(query: &str, name: &str) -> String {
    let encoded = super::signing::encode(name);
    query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            key != name && key != encoded
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A request ready to send: what every attempt of one call sends.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<bytes::Bytes>,
    /// Whether sending it twice does no more than sending it once: the method is idempotent,
    /// the spec says so, or it carries an idempotency key.
    idempotent: bool,
}

/// The limits of one call.
struct Limits {
    timeout: Duration,
    deadline: Option<Instant>,
    max_response_size: u64,
    max_retries: u32,
}

/// What the server answered to one attempt.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    /// The body: whole for a success, at most [`ERROR_BODY_LIMIT`] bytes otherwise.
    body: Vec<u8>,
    /// The size of the whole body, when known.
    body_size: Option<u64>,
}

/// Why an attempt ended without an answer.
pub(super) enum Failure {
    /// The HTTP client failed (connection, TLS, ...): the retry rules decide what follows.
    Transport(reqwest::Error),
    /// An error no retry can mend (a redirect to another origin, a body over the limit...).
    Final(Error),
}

fn deadline_exceeded(started: Instant, attempts: u32) -> Error {
    Error::DeadlineExceeded {
        elapsed: started.elapsed(),
        attempts,
    }
}

/// Reads an answer's body: a success's whole body within `limit` bytes (a larger declared
/// `Content-Length` is refused unread, a longer stream is cut at the limit: both
/// [`Error::ResponseTooLarge`]); an error's first [`ERROR_BODY_LIMIT`] bytes.
async fn read_answer(
    mut response: reqwest::Response,
    limit: u64,
) -> std::result::Result<Answer, Failure> {
    let status = response.status();
    // Reading the body needs no headers: they are moved out, not copied.
    let headers = std::mem::take(response.headers_mut());
    let declared = response.content_length();
    let too_large = || {
        Failure::Final(Error::ResponseTooLarge {
            status,
            limit,
            content_length: declared,
        })
    };
    if status.is_success() {
        if declared.is_some_and(|size| size > limit) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(declared.unwrap_or(0).min(1 << 20) as usize);
        while let Some(chunk) = response.chunk().await.map_err(Failure::Transport)? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let body_size = Some(body.len() as u64);
        return Ok(Answer {
            status,
            headers,
            body,
            body_size,
        });
    }
    let keep = usize::try_from(limit).map_or(ERROR_BODY_LIMIT, |l| l.min(ERROR_BODY_LIMIT));
    let mut body = Vec::new();
    let mut complete = true;
    while let Some(chunk) = response.chunk().await.map_err(Failure::Transport)? {
        let room = keep - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            complete = false;
            break;
        }
        body.extend_from_slice(&chunk);
    }
    let body_size = if complete {
        Some(body.len() as u64)
    } else {
        declared
    };
    Ok(Answer {
        status,
        headers,
        body,
        body_size,
    })
}

/// Decodes a success response's JSON body, keeping the raw body on failure.
pub fn decode<T: DeserializeOwned>(response: RawResponse) -> Result<T> {
    serde_json::from_slice(&response.body).map_err(|source| {
        Error::Decode(Box::new(DecodeError {
            status: response.status,
            body: response.body,
            source,
        }))
    })
}

/// Fills a base URL template such as `https://ecs.{region}.myhuaweicloud.com`. Each variable
/// comes with a hint on how to set it, used in the error when it is missing. A value that goes
/// into the host must be a DNS label (letters, digits and inner hyphens, at most 63); one that
/// goes into the path is percent-encoded as one segment.
pub fn render_base_url(template: &str, vars: &[(&str, Option<&str>, &str)]) -> Result<String> {
    let authority_end = template
        .find("://")
        .map(|start| {
            let rest = &template[start + 3..];
            start + 3 + rest.find('/').unwrap_or(rest.len())
        })
        .unwrap_or(0);
    let mut url = template.to_owned();
    for (name, value, hint) in vars {
        let placeholder = format!("{{{name}}}");
        let Some(at) = template.find(&placeholder) else {
            continue;
        };
        let value = match value {
            Some(value) if !value.is_empty() => *value,
            _ => {
                return Err(Error::Config(format!(
                    "the base URL {template} needs `{name}`: {hint}, or give a base URL"
                )));
            }
        };
        let filled = if at < authority_end {
            if !is_dns_label(value) {
                return Err(Error::Config(format!(
                    "`{name}` {value:?} goes into the host name of {template}: it must be a DNS \
                     label (letters, digits and inner hyphens, at most 63 characters)"
                )));
            }
            value.to_owned()
        } else {
            percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        };
        url = url.replace(&placeholder, &filled);
    }
    Ok(url)
}

/// Whether `text` is one DNS label: 1 to 63 ASCII letters, digits and hyphens, not starting or
/// ending with a hyphen.
pub fn is_dns_label(text: &str) -> bool {
    (1..=63).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_url: &str) -> Settings {
        let mut settings = Settings::new(base_url, Auth::Bearer(Secret::new("sk-secret")));
        settings.user_agent = "test/0".into();
        settings
    }

    #[test]
    fn a_query_key_is_taken_out_written_plainly_or_encoded() {
        assert_eq!(without_param("a=1&api_key=k&b=2", "api_key"), "a=1&b=2");
        assert_eq!(without_param("api_key=k", "api_key"), "");
        assert_eq!(without_param("api%20key=k&c", "api key"), "c");
        assert_eq!(
            without_param("api_keyx=1&xapi_key=2", "api_key"),
            "api_keyx=1&xapi_key=2"
        );
        assert_eq!(without_param("api_key&api_key=", "api_key"), "");
    }

    #[test]
    fn base_url_templates() {
        let url = render_base_url(
            "https://ecs.{region}.myhuaweicloud.com",
            &[("region", Some("cn-north-4"), "call `.region(..)`")],
        )
        .unwrap();
        assert_eq!(url, "https://ecs.cn-north-4.myhuaweicloud.com");
        let missing = render_base_url(
            "https://ecs.{region}.example",
            &[("region", None, "call `.region(..)` or set REGION")],
        );
        assert!(
            matches!(missing, Err(Error::Config(m)) if m.contains("`region`: call `.region(..)` or set REGION"))
        );
    }

    #[test]
    fn debug_hides_credentials() {
        let transport = Transport::new(settings("http://127.0.0.1:1/")).unwrap();
        let debug = format!("{transport:?}");
        assert!(!debug.contains("sk-secret"), "{debug}");
        assert_eq!(transport.base_url(), "http://127.0.0.1:1");
    }

    #[test]
    fn bad_base_urls_are_config_errors() {
        for url in [
            "not a url",
            "ftp://example.com",
            "https://example.com/api?tenant=1",
            "https://example.com/api?",
            "https://example.com/#top",
            " https://example.com",
            "https://example.com\n",
            "https://user:pw@example.com",
            "https://user@example.com",
            "",
        ] {
            let result = Transport::new(settings(url));
            assert!(matches!(result, Err(Error::Config(_))), "{url:?}");
        }
        let prefixed = Transport::new(settings("https://example.com/api/v2/")).unwrap();
        assert_eq!(prefixed.base_url(), "https://example.com/api/v2");
    }

    /// A base URL is kept as the `url` crate normalises it, as every request URL is: a short
    /// request after a base URL that normalising shortens used to panic (the request line's
    /// length was the request URL's minus the base URL as typed).
    #[test]
    fn base_urls_are_kept_as_the_url_crate_normalises_them() {
        let dotted = format!("http://127.0.0.1:1{}", "/x/..".repeat(20));
        for (given, kept) in [
            ("http://127.000.000.001:1", "http://127.0.0.1:1"),
            ("http://127.0000000000.0.1:1/", "http://127.0.0.1:1"),
            ("http://0x7f.1:1/api/", "http://127.0.0.1:1/api"),
            (dotted.as_str(), "http://127.0.0.1:1"),
            ("https://example.com:443", "https://example.com"),
            (
                "HTTPS://EXAMPLE.com/api/./v2/",
                "https://example.com/api/v2",
            ),
        ] {
            let transport = Transport::new(settings(given)).unwrap();
            assert_eq!(transport.base_url(), kept, "{given}");
            let request = Request::new(reqwest::Method::GET, "/v").query("q", "1");
            let prepared = transport
                .prepare(&request, &CallOptions::default())
                .unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(prepared.url.as_str(), format!("{kept}/v?q=1"), "{given}");
        }
    }

    #[test]
    fn credentials_over_plain_http_need_loopback_or_an_opt_in() {
        for local in [
            "http://127.0.0.1:1",
            "http://127.8.9.10",
            "http://localhost:8080",
            "http://api.localhost",
            "http://[::1]:80",
        ] {
            assert!(Transport::new(settings(local)).is_ok(), "{local}");
        }
        for remote in [
            "http://example.com",
            "http://10.0.0.1",
            "http://localhost.example",
        ] {
            let refused = Transport::new(settings(remote));
            assert!(matches!(refused, Err(Error::Config(_))), "{remote}");
            let mut opted_in = settings(remote);
            opted_in.options.allow_insecure_http = true;
            assert!(Transport::new(opted_in).is_ok(), "{remote}");
            let mut public = settings(remote);
            public.auth = Auth::None;
            assert!(
                Transport::new(public).is_ok(),
                "{remote}: no credentials to leak"
            );
        }
    }

    #[test]
    fn zero_limits_are_config_errors_and_extremes_are_accepted() {
        let zero = Duration::ZERO;
        let cases: [fn(&mut Options); 3] = [
            |o| o.timeout = Some(Duration::ZERO),
            |o| o.deadline = Some(Duration::ZERO),
            |o| o.max_response_size = Some(0),
        ];
        for set in cases {
            let mut s = settings("https://example.com");
            set(&mut s.options);
            assert!(matches!(Transport::new(s), Err(Error::Config(_))));
        }
        let mut extreme = settings("https://example.com");
        extreme.options = Options {
            timeout: Some(Duration::MAX),
            deadline: Some(Duration::MAX),
            max_response_size: Some(u64::MAX),
            retry_budget: Some(u32::MAX),
            ..Options::default()
        };
        let transport = Transport::new(extreme).unwrap();
        let limits = transport.limits(&CallOptions {
            deadline: Some(Duration::MAX),
            timeout: Some(zero),
            ..CallOptions::default()
        });
        assert!(limits.deadline.is_some_and(|d| d > Instant::now()));
        assert!(deadline_after(Duration::MAX) > Instant::now());
    }

    #[test]
    fn the_earlier_deadline_wins() {
        let mut s = settings("https://example.com");
        s.options.deadline = Some(Duration::from_secs(60));
        let transport = Transport::new(s).unwrap();
        let soon = Instant::now() + Duration::from_secs(1);
        let limits = transport.limits(&CallOptions {
            deadline_at: Some(soon),
            ..CallOptions::default()
        });
        assert_eq!(limits.deadline, Some(soon));
        let limits = transport.limits(&CallOptions::default());
        assert!(limits.deadline.is_some_and(|d| d > soon));
    }

    #[test]
    fn urls_in_debug_output_lose_their_user_and_password() {
        let url = BaseUrl::from("https://alice:s3cret@example.com/api?x=1");
        assert_eq!(format!("{url:?}"), "\"https://***@example.com/api?x=1\"");
        assert_eq!(
            without_userinfo("https://example.com/a@b"),
            "https://example.com/a@b"
        );
        assert_eq!(without_userinfo("no scheme"), "no scheme");
    }

    #[test]
    fn host_variables_must_be_dns_labels_and_path_variables_are_encoded() {
        let template = "https://ecs.{region}.example.com/{tenant}";
        let fill = |region: &str, tenant: &str| {
            render_base_url(
                template,
                &[("region", Some(region), "r"), ("tenant", Some(tenant), "t")],
            )
        };
        assert_eq!(
            fill("cn-north-4", "a b/c").unwrap(),
            "https://ecs.cn-north-4.example.com/a%20b%2Fc"
        );
        for bad in [
            "x@attacker.example/",
            "a.b",
            "-a",
            "a-",
            "",
            "a:1",
            &"a".repeat(64),
        ] {
            assert!(matches!(fill(bad, "t"), Err(Error::Config(_))), "{bad:?}");
        }
    }

    #[test]
    fn framing_headers_and_empty_idempotency_keys_are_refused() {
        let transport = Transport::new(settings("http://127.0.0.1:1")).unwrap();
        for name in [
            "Content-Length",
            "transfer-encoding",
            "HOST",
            "Connection",
            "Upgrade",
        ] {
            let options = CallOptions {
                headers: vec![(name.into(), "1".into())],
                ..CallOptions::default()
            };
            let request = Request::new(reqwest::Method::POST, "/x");
            assert!(
                matches!(
                    transport.headers(&request, &options),
                    Err(Error::InvalidRequest(_))
                ),
                "{name}"
            );
        }
        for key in ["", "  "] {
            let request = Request::new(reqwest::Method::POST, "/x")
                .header("Idempotency-Key", key)
                .idempotency_key_header("Idempotency-Key");
            let result = transport.headers(&request, &CallOptions::default());
            assert!(matches!(result, Err(Error::InvalidRequest(_))), "{key:?}");
        }
        let long = Request::new(reqwest::Method::GET, "/x")
            .header("X-Long", &"a".repeat(MAX_HEADER_VALUE + 1));
        let result = transport.headers(&long, &CallOptions::default());
        assert!(matches!(result, Err(Error::InvalidRequest(_))));
    }

    #[test]
    fn a_keyed_or_marked_post_is_idempotent_and_a_bare_one_is_not() {
        let transport = Transport::new(settings("http://127.0.0.1:1")).unwrap();
        let none = CallOptions::default();
        let prepared = |request: Request| transport.prepare(&request, &none).unwrap().idempotent;
        assert!(!prepared(Request::new(reqwest::Method::POST, "/x")));
        assert!(prepared(
            Request::new(reqwest::Method::POST, "/x").idempotent()
        ));
        assert!(prepared(Request::new(reqwest::Method::GET, "/x")));
        assert!(prepared(
            Request::new(reqwest::Method::POST, "/x").idempotency_key_header("Idempotency-Key")
        ));
        let long_query =
            Request::new(reqwest::Method::GET, "/x").query("q", &"a".repeat(MAX_URL_LENGTH));
        assert!(matches!(
            transport.prepare(&long_query, &none),
            Err(Error::InvalidRequest(_))
        ));
    }

    /// Credentials and default headers are checked when the client is built, not on each
    /// request: a token with a line break is a configuration error, and so is a bad header name.
    #[test]
    fn bad_credentials_and_default_headers_are_config_errors() {
        let mut bad_token = settings("http://127.0.0.1:1");
        bad_token.auth = Auth::Bearer(Secret::new("sk-line\nbreak"));
        assert!(matches!(Transport::new(bad_token), Err(Error::Config(_))));
        let mut bad_header = settings("http://127.0.0.1:1");
        bad_header.default_headers = vec![("x bad", "v".into())];
        assert!(matches!(Transport::new(bad_header), Err(Error::Config(_))));
        let mut good = settings("http://127.0.0.1:1");
        good.default_headers = vec![("x-project-id", "p-1".into())];
        let transport = Transport::new(good).unwrap();
        let headers = transport
            .headers(
                &Request::new(reqwest::Method::GET, "/x"),
                &CallOptions::default(),
            )
            .unwrap();
        assert_eq!(headers["x-project-id"], "p-1");
        assert_eq!(headers["accept"], "application/json");
        assert_eq!(headers["user-agent"], "test/0");
        assert!(headers["authorization"].is_sensitive());
    }

    #[test]
    fn headers_are_layered_and_redacted_in_logs() {
        let transport = Transport::new(settings("http://127.0.0.1:1")).unwrap();
        let request = Request::new(reqwest::Method::POST, "/x")
            .header("x-trace", "from-request")
            .idempotency_key_header("Idempotency-Key")
            .body_field("a", &1);
        let options = CallOptions {
            headers: vec![("x-trace".into(), "from-call".into())],
            ..CallOptions::default()
        };
        let headers = transport.headers(&request, &options).unwrap();
        assert_eq!(headers["x-trace"], "from-call");
        assert_eq!(headers["content-type"], "application/json");
        let key = headers["idempotency-key"].to_str().unwrap();
        let parsed = uuid::Uuid::parse_str(key).unwrap();
        assert_eq!(
            key,
            parsed.hyphenated().to_string(),
            "a bare lowercase UUID"
        );
        let prefixed = request.clone().idempotency_key_prefix("sdk-");
        let headers_prefixed = transport.headers(&prefixed, &options).unwrap();
        let key = headers_prefixed["idempotency-key"].to_str().unwrap();
        assert!(
            key.strip_prefix("sdk-")
                .is_some_and(|u| uuid::Uuid::parse_str(u).is_ok())
        );
        // A call's Content-Type replaces the runtime's.
        let options_ct = CallOptions {
            headers: vec![("Content-Type".into(), "application/merge-patch+json".into())],
            ..CallOptions::default()
        };
        let replaced = transport.headers(&request, &options_ct).unwrap();
        assert_eq!(replaced["content-type"], "application/merge-patch+json");
        assert_eq!(replaced.get_all("content-type").iter().count(), 1);
        let logged = format!("{:?}", Redacted(&headers));
        assert!(logged.contains(r#""authorization": "***""#), "{logged}");
        assert!(!logged.contains("sk-secret"), "{logged}");

        let given = Request::new(reqwest::Method::POST, "/x")
            .header("Idempotency-Key", "mine")
            .idempotency_key_header("Idempotency-Key");
        let headers = transport.headers(&given, &CallOptions::default()).unwrap();
        assert_eq!(headers["idempotency-key"], "mine");
    }

    /// What an attempt sends for the new body kinds and for a list sent as one value: the
    /// content type of a raw or form body, its bytes, and the commas of a joined list literal
    /// between items encoded one by one.
    #[test]
    fn raw_and_form_bodies_and_joined_lists_as_sent() {
        let transport = Transport::new(settings("http://127.0.0.1:1")).unwrap();
        let none = CallOptions::default();
        let raw = Request::new(reqwest::Method::PUT, "/blob").raw("text/plain", "a b");
        let prepared = transport.prepare(&raw, &none).unwrap();
        assert_eq!(prepared.headers["content-type"], "text/plain");
        assert_eq!(prepared.body.as_deref(), Some(&b"a b"[..]));
        let form = Request::new(reqwest::Method::POST, "/token")
            .body_field("grant_type", "password")
            .form();
        let prepared = transport.prepare(&form, &none).unwrap();
        assert_eq!(
            prepared.headers["content-type"],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(prepared.body.as_deref(), Some(&b"grant_type=password"[..]));
        let listed = Request::new(reqwest::Method::GET, "/x")
            .query("limit", &2)
            .query_joined("ids", &vec!["a", "b,c", "d e"]);
        let prepared = transport.prepare(&listed, &none).unwrap();
        assert_eq!(prepared.url.query(), Some("limit=2&ids=a,b%2Cc,d%20e"));
        let bad_form = Request::new(reqwest::Method::POST, "/x")
            .body_field("o", &serde_json::json!({"a": 1}))
            .form();
        assert!(matches!(
            transport.prepare(&bad_form, &none),
            Err(Error::InvalidRequest(_))
        ));
    }
}

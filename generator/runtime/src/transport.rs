//! Sends a [`Request`] over HTTP: base URL, authentication, default and per-call headers, the
//! retry loop (backoff, `Retry-After`, retry budget, idempotency key), per-attempt timeouts,
//! status check and a `tracing` event per attempt.

use super::error::{ApiError, DecodeError, Error, ErrorFormat, Result};
use super::request::Request;
use super::retry::{
    RETRY_COST, RetryBudget, RetryPolicy, SUCCESS_REFUND, TIMEOUT_RETRY_COST, should_retry_status,
};
use super::secret::Secret;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
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
    /// Every attempt signed with `SDK-HMAC-SHA256` (Huawei Cloud AK/SK): an `X-Sdk-Date` and
    /// an `Authorization` computed over the method, path, query, headers and body.
    SdkHmacSha256 {
        /// The access key (AK), sent in the clear as `Access=`.
        access_key: String,
        /// The secret key (SK), never sent.
        secret_key: Secret,
    },
}

/// Everything a [`Transport`] needs; generated client builders fill it in.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The base URL, without a trailing slash.
    pub base_url: String,
    /// Credentials.
    pub auth: Auth,
    /// Headers sent with every request (e.g. `X-Project-Id`).
    pub default_headers: Vec<(&'static str, String)>,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Tokens of the client-wide retry budget.
    pub retry_budget: u32,
    /// Where the API puts error details.
    pub errors: ErrorFormat,
    /// A preconfigured HTTP client (proxies, TLS roots...); `None` builds a default one.
    pub http_client: Option<reqwest::Client>,
}

/// Options of one call that override the client's: extra headers and query parameters, the
/// per-attempt timeout and the number of retries.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    /// Headers added to (or replacing those of) the request.
    pub headers: Vec<(String, String)>,
    /// Query parameters added to the request.
    pub query: Vec<(String, String)>,
    /// Per-attempt timeout for this call.
    pub timeout: Option<Duration>,
    /// Retries for this call.
    pub max_retries: Option<u32>,
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
    retry: RetryPolicy,
    budget: RetryBudget,
    errors: ErrorFormat,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("default_headers", &self.default_headers)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
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

fn header_pair(name: &str, value: &str) -> std::result::Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{name:?} is not a valid header name"))?;
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
        Auth::None | Auth::SdkHmacSha256 { .. } => None,
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

impl Transport {
    /// Builds a transport, checking the base URL and header values (credentials included).
    pub fn new(settings: Settings) -> Result<Self> {
        let base_url = settings.base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {base_url:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL {base_url:?} must start with http:// or https://"
            )));
        }
        let base_headers = base_headers(&settings).map_err(Error::Config)?;
        let http = match settings.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?,
        };
        Ok(Transport {
            http,
            base_url,
            auth: settings.auth,
            default_headers: settings.default_headers,
            user_agent: settings.user_agent,
            base_headers,
            timeout: settings.timeout,
            retry: settings.retry,
            budget: RetryBudget::new(settings.retry_budget),
            errors: settings.errors,
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
    /// request's, a generated idempotency key if the request wants one and has none, then the
    /// call's.
    fn headers(&self, request: &Request, options: &CallOptions) -> Result<HeaderMap> {
        let mut headers = self.base_headers.clone();
        let request_headers = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
        let call_headers = options
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()));
        for (name, value) in request_headers.chain(call_headers) {
            let (name, value) = header_pair(name, value).map_err(Error::InvalidRequest)?;
            headers.insert(name, value);
        }
        if let Some(name) = request.idempotency_header
            && !headers.contains_key(name)
        {
            let key = format!("sdk-{}", uuid::Uuid::new_v4());
            let (name, value) = header_pair(name, &key).map_err(Error::InvalidRequest)?;
            headers.insert(name, value);
        }
        if request.body.is_some() {
            headers.insert(
                reqwest::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
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

    /// Sends `request`, retrying as the policy says, and returns the raw response if its
    /// status is a success; any other status becomes [`Error::Api`] with the body kept.
    ///
    /// The request is serialized once; every attempt sends the same bytes and headers,
    /// including the same idempotency key.
    pub async fn execute(&self, request: &Request, options: &CallOptions) -> Result<RawResponse> {
        request.validate().map_err(Error::InvalidRequest)?;
        let mut url = reqwest::Url::parse(&format!("{}{}", self.base_url, request.path))
            .map_err(|e| Error::InvalidRequest(format!("bad URL: {e}")))?;
        if !request.query.is_empty() || !options.query.is_empty() {
            // `%20` for a space, never `+`: the query is sent as the signers canonicalize it.
            let query: Vec<String> = request
                .query
                .iter()
                .chain(&options.query)
                .map(|(k, v)| {
                    format!(
                        "{}={}",
                        super::signing::encode(k),
                        super::signing::encode(v)
                    )
                })
                .collect();
            url.set_query(Some(&query.join("&")));
        }
        let headers = self.headers(request, options)?;
        let body = match &request.body {
            Some(body) => Some(
                serde_json::to_vec(body)
                    .map_err(|e| Error::InvalidRequest(format!("body: {e}")))?,
            ),
            None => None,
        };
        let max_retries = options.max_retries.unwrap_or(self.retry.max_retries);
        let timeout = options.timeout.unwrap_or(self.timeout);
        let mut retries = 0;
        loop {
            let attempt = retries + 1;
            let started = Instant::now();
            let signed = self.sign(
                &request.method,
                &url,
                &headers,
                body.as_deref().unwrap_or(b""),
            )?;
            let sent = signed.unwrap_or_else(|| headers.clone());
            tracing::trace!(
                method = %request.method, path = %request.path, attempt,
                headers = ?Redacted(&sent), "sending request"
            );
            let mut builder = self
                .http
                .request(request.method.clone(), url.clone())
                .headers(sent)
                .timeout(timeout);
            if let Some(body) = &body {
                builder = builder.body(body.clone());
            }
            let outcome = match builder.send().await {
                Ok(mut response) => {
                    let status = response.status();
                    // Reading the body needs no headers: they are moved out, not copied.
                    let response_headers = std::mem::take(response.headers_mut());
                    response
                        .bytes()
                        .await
                        .map(|bytes| (status, response_headers, bytes.to_vec()))
                }
                Err(error) => Err(error),
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let (status, response_headers, body) = match outcome {
                Ok(parts) => parts,
                Err(error) => {
                    let error = Error::from(error);
                    tracing::debug!(
                        method = %request.method, path = %request.path, attempt, elapsed_ms,
                        error = %error, "request failed"
                    );
                    let cost = match error {
                        Error::Timeout(_) => TIMEOUT_RETRY_COST,
                        _ => RETRY_COST,
                    };
                    if retries < max_retries && self.budget.try_spend(cost) {
                        tokio::time::sleep(self.retry.delay(retries, None)).await;
                        retries += 1;
                        continue;
                    }
                    return Err(error);
                }
            };
            tracing::debug!(
                method = %request.method, path = %request.path, attempt, elapsed_ms,
                status = status.as_u16(), "response received"
            );
            if status.is_success() {
                self.budget.refund(SUCCESS_REFUND);
                return Ok(RawResponse {
                    status,
                    headers: response_headers,
                    body,
                });
            }
            if retries < max_retries
                && should_retry_status(status, &response_headers)
                && self.budget.try_spend(RETRY_COST)
            {
                let delay = self.retry.delay(retries, Some(&response_headers));
                tracing::debug!(
                    method = %request.method, path = %request.path, attempt,
                    delay_ms = delay.as_millis() as u64, "retrying"
                );
                tokio::time::sleep(delay).await;
                retries += 1;
                continue;
            }
            let error = ApiError::new(status, response_headers, body, &self.errors);
            return Err(Error::Api(Box::new(error)));
        }
    }

    /// Sends `request` and decodes the JSON body as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: &Request) -> Result<T> {
        let response = self.execute(request, &CallOptions::default()).await?;
        decode(response)
    }
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
/// comes with a hint on how to set it, used in the error when it is missing.
pub fn render_base_url(template: &str, vars: &[(&str, Option<&str>, &str)]) -> Result<String> {
    let mut url = template.to_owned();
    for (name, value, hint) in vars {
        let placeholder = format!("{{{name}}}");
        if !url.contains(&placeholder) {
            continue;
        }
        match value {
            Some(value) if !value.is_empty() => url = url.replace(&placeholder, value),
            _ => {
                return Err(Error::Config(format!(
                    "the base URL {template} needs `{name}`: {hint}, or give a base URL"
                )));
            }
        }
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_url: &str) -> Settings {
        Settings {
            base_url: base_url.into(),
            auth: Auth::Bearer(Secret::new("sk-secret")),
            default_headers: vec![],
            user_agent: "test/0".into(),
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            retry_budget: 500,
            errors: ErrorFormat::default(),
            http_client: None,
        }
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
        for url in ["not a url", "ftp://example.com"] {
            let result = Transport::new(settings(url));
            assert!(matches!(result, Err(Error::Config(_))), "{url}");
        }
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
        assert!(
            headers["idempotency-key"]
                .to_str()
                .unwrap()
                .starts_with("sdk-")
        );
        let logged = format!("{:?}", Redacted(&headers));
        assert!(logged.contains(r#""authorization": "***""#), "{logged}");
        assert!(!logged.contains("sk-secret"), "{logged}");

        let given = Request::new(reqwest::Method::POST, "/x")
            .header("Idempotency-Key", "mine")
            .idempotency_key_header("Idempotency-Key");
        let headers = transport.headers(&given, &CallOptions::default()).unwrap();
        assert_eq!(headers["idempotency-key"], "mine");
    }
}

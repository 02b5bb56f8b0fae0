//! Sends a [`Request`] over HTTP: base URL, authentication, default headers, status check and
//! JSON decoding.

use super::error::{ApiError, DecodeError, Error, Result};
use super::request::Request;
use super::secret::Secret;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::Duration;

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

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
    /// Per-request timeout.
    pub timeout: Duration,
    /// A preconfigured HTTP client (proxies, TLS roots...); `None` builds a default one.
    pub http_client: Option<reqwest::Client>,
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

/// Sends requests for one client. Cheap to share behind an `Arc`.
pub struct Transport {
    http: reqwest::Client,
    base_url: String,
    auth: Auth,
    default_headers: Vec<(&'static str, String)>,
    user_agent: String,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("default_headers", &self.default_headers)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Builds a transport, checking the base URL and header values.
    pub fn new(settings: Settings) -> Result<Self> {
        let base_url = settings.base_url.trim_end_matches('/').to_owned();
        reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {base_url:?} is not a URL: {e}")))?;
        for (name, value) in &settings.default_headers {
            header_pair(name, value).map_err(Error::Config)?;
        }
        let http = match settings.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .timeout(settings.timeout)
                .build()
                .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?,
        };
        Ok(Transport {
            http,
            base_url,
            auth: settings.auth,
            default_headers: settings.default_headers,
            user_agent: settings.user_agent,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `request` and returns the raw response if its status is a success; any other
    /// status becomes [`Error::Api`] with the body kept.
    pub async fn execute(&self, request: Request) -> Result<RawResponse> {
        request.validate().map_err(Error::InvalidRequest)?;
        let mut url = reqwest::Url::parse(&format!("{}{}", self.base_url, request.path))
            .map_err(|e| Error::InvalidRequest(format!("bad URL: {e}")))?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        let mut headers = HeaderMap::new();
        let auth = match &self.auth {
            Auth::None => None,
            Auth::Bearer(token) => Some(("authorization", format!("Bearer {}", token.expose()))),
            Auth::Header { name, value } => Some((*name, value.expose().to_owned())),
        };
        let fixed = [
            ("user-agent", self.user_agent.clone()),
            ("accept", "application/json".to_owned()),
        ];
        for (name, value) in fixed
            .iter()
            .chain(&auth)
            .chain(&self.default_headers)
            .chain(&request.headers)
        {
            let (name, mut value) = header_pair(name, value).map_err(Error::InvalidRequest)?;
            if name == "authorization" || name.as_str().contains("token") {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        let mut builder = self.http.request(request.method, url).headers(headers);
        if let Some(body) = &request.body {
            let bytes = serde_json::to_vec(body)
                .map_err(|e| Error::InvalidRequest(format!("body: {e}")))?;
            builder = builder
                .header("content-type", "application/json")
                .body(bytes);
        }
        let response = builder.send().await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        if status.is_success() {
            Ok(RawResponse {
                status,
                headers,
                body,
            })
        } else {
            Err(Error::Api(Box::new(ApiError::new(status, headers, body))))
        }
    }

    /// Sends `request` and decodes the JSON body as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        let response = self.execute(request).await?;
        decode(response)
    }

    /// Sends `request` for an endpoint that answers without a body (e.g. `202 Accepted`).
    /// Whatever body the server sends anyway is ignored.
    pub async fn send_empty(&self, request: Request) -> Result<()> {
        self.execute(request).await.map(drop)
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

fn header_pair(name: &str, value: &str) -> std::result::Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{name:?} is not a valid header name"))?;
    let value = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header {name} is not valid header text"))?;
    Ok((name, value))
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
        let transport = Transport::new(Settings {
            base_url: "http://127.0.0.1:1/".into(),
            auth: Auth::Bearer(Secret::new("sk-secret")),
            default_headers: vec![],
            user_agent: "test/0".into(),
            timeout: DEFAULT_TIMEOUT,
            http_client: None,
        })
        .unwrap();
        let debug = format!("{transport:?}");
        assert!(!debug.contains("sk-secret"), "{debug}");
        assert_eq!(transport.base_url(), "http://127.0.0.1:1");
    }

    #[test]
    fn bad_base_url_is_a_config_error() {
        let result = Transport::new(Settings {
            base_url: "not a url".into(),
            auth: Auth::Bearer(Secret::new("k")),
            default_headers: vec![],
            user_agent: "test/0".into(),
            timeout: DEFAULT_TIMEOUT,
            http_client: None,
        });
        assert!(matches!(result, Err(Error::Config(_))));
    }
}

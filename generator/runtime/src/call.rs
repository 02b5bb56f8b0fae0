//! [`Call`]: what every generated method returns. Await it for the decoded value, or first set
//! per-call options (headers, query parameters, timeout, retries), or ask for the raw response
//! alongside the value with [`Call::with_response`].

use super::error::Result;
use super::pagination::{Page, page_stream};
use super::request::Request;
use super::transport::{CallOptions, RawResponse, Transport, decode};
use futures::future::BoxFuture;
use futures::{Stream, StreamExt};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

/// What a decoder gets besides the response: enough to build follow-up requests (next pages).
pub struct Context<'a> {
    /// The transport the call went through.
    pub transport: &'a Arc<Transport>,
    /// The request that was sent.
    pub request: &'a Request,
    /// The call's options.
    pub options: &'a CallOptions,
}

/// Turns a success response into the call's output.
pub type Decoder<T> = fn(RawResponse, &Context<'_>) -> Result<T>;

/// Decodes a JSON body.
pub fn json<T: DeserializeOwned>(response: RawResponse, _: &Context<'_>) -> Result<T> {
    decode(response)
}

/// The body as it came, for an endpoint that answers with bytes (`application/octet-stream`,
/// an image, an archive).
pub fn bytes(response: RawResponse, _: &Context<'_>) -> Result<bytes::Bytes> {
    Ok(bytes::Bytes::from(response.body))
}

/// The body as text, for an endpoint that answers with plain text. A body that is not UTF-8
/// is [`Error::Text`](super::Error::Text), which keeps the bytes.
pub fn text(response: RawResponse, _: &Context<'_>) -> Result<String> {
    String::from_utf8(response.body).map_err(|e| {
        let source = e.utf8_error();
        super::Error::Text(Box::new(super::error::TextError {
            status: response.status,
            body: e.into_bytes(),
            source,
        }))
    })
}

/// Ignores the body of an endpoint that answers without one (`202 Accepted`, `204`).
pub fn empty(_: RawResponse, _: &Context<'_>) -> Result<()> {
    Ok(())
}

/// A prepared API call. Awaiting it sends the request (with retries) and decodes the answer;
/// the builder methods set options for this call only.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    transport: Arc<Transport>,
    request: Request,
    options: CallOptions,
    decode: Decoder<T>,
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .field(
                "options",
                &self.options.redacted(&self.request.secret_headers),
            )
            .finish_non_exhaustive()
    }
}

/// A decoded value with the status and headers of the response it came from.
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The request id, read when the response arrived.
    request_id: Option<String>,
}

impl<T> Response<T> {
    /// The request id the server sent: the first of the headers the spec declares for it
    /// (`request_id_headers`, else `x-request-id` and `request-id`) that is present, looked
    /// up in the same order as for [`ApiError::request_id`](super::ApiError).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<T> Call<T> {
    /// A call of `request` through `transport`, decoded by `decode`. Generated methods build
    /// these; callers get them from those methods.
    pub fn new(transport: Arc<Transport>, request: Request, decode: Decoder<T>) -> Self {
        Call {
            transport,
            request,
            options: CallOptions::default(),
            decode,
        }
    }

    /// The request as it will be sent (before per-call options).
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Adds a header to this call, replacing a header of the same name. A framing header
    /// (`Content-Length`, `Transfer-Encoding`, `Host`, `Connection`...) is refused with
    /// [`Error::InvalidRequest`](super::Error::InvalidRequest) when the call is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter to this call.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.query.push((name.into(), value.into()));
        self
    }

    /// Sets the per-attempt timeout of this call (the client's applies otherwise).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sets a time limit for this whole call: every attempt and every backoff together (the
    /// client's deadline applies otherwise; none by default). When it passes, the call ends
    /// with [`Error::DeadlineExceeded`](super::Error::DeadlineExceeded), or with the last
    /// attempt's error when a retry could not start in time. Attempt timeouts are cut to fit.
    pub fn deadline(mut self, deadline: std::time::Duration) -> Self {
        self.options.deadline = Some(deadline);
        self
    }

    /// Like [`Call::deadline`], as an instant: several calls can share one deadline.
    pub fn deadline_at(mut self, deadline: std::time::Instant) -> Self {
        self.options.deadline_at = Some(deadline);
        self
    }

    /// Sets the largest response body this call accepts, in bytes (the client's applies
    /// otherwise, 32 MiB by default). A larger body is
    /// [`Error::ResponseTooLarge`](super::Error::ResponseTooLarge).
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.options.max_response_size = Some(bytes);
        self
    }

    /// Sets how many times this call is retried (the client's setting applies otherwise).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Sends the call and decodes the answer.
    pub async fn send(self) -> Result<T> {
        self.with_response().await.map(|r| r.value)
    }

    /// Sends the call and returns the decoded value with the response's status and headers.
    pub async fn with_response(self) -> Result<Response<T>> {
        let mut raw = self.transport.execute(&self.request, &self.options).await?;
        // Decoders read the status and body only: the headers move to the response uncopied.
        let (status, headers) = (raw.status, std::mem::take(&mut raw.headers));
        let context = Context {
            transport: &self.transport,
            request: &self.request,
            options: &self.options,
        };
        let value = (self.decode)(raw, &context)?;
        let request_id = self.transport.error_format().request_id(&headers);
        Ok(Response {
            value,
            status,
            headers,
            request_id,
        })
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<'static, Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<P: Page> Call<P> {
    /// Every item of every page, as a lazy stream: nothing is sent until it is polled, and each
    /// page is fetched when the previous one is used up.
    pub fn items(self) -> impl Stream<Item = Result<P::Item>> + Send {
        futures::stream::once(self.send())
            .map(|first| match first {
                Ok(page) => page_stream(page).left_stream(),
                Err(error) => futures::stream::once(async { Err(error) }).right_stream(),
            })
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::super::secret::Secret;
    use super::super::transport::{Auth, Settings};
    use super::*;

    /// A header the spec marks secret is hidden in a call's `Debug` however it is set: by its
    /// parameter, or with the call's own `.header()` (any case).
    #[test]
    fn debug_hides_secret_headers_set_per_call() {
        let settings = Settings::new("https://api.example", Auth::Bearer(Secret::new("sk")));
        let transport = Arc::new(Transport::new(settings).expect("transport"));
        let request = Request::new(reqwest::Method::GET, "/v1/vault")
            .secret_header("X-Vault-Token", &None::<String>);
        let call = Call::new(transport, request, empty)
            .header("x-vault-token", "hunter2")
            .header("X-Trace", "visible");
        let shown = format!("{call:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("visible"), "{shown}");
    }

    fn context_for(
        transport: &Arc<Transport>,
        request: &Request,
        check: impl FnOnce(&Context<'_>),
    ) {
        let options = CallOptions::default();
        let context = Context {
            transport,
            request,
            options: &options,
        };
        check(&context);
    }

    fn answer(body: &[u8]) -> RawResponse {
        RawResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: body.to_vec(),
        }
    }

    /// A bytes answer is the body as it came; a text answer is the body if it is UTF-8, else a
    /// typed error keeping every byte (never a panic, never a lossy string).
    #[test]
    fn bytes_and_text_answers() {
        let settings = Settings::new("https://api.example", Auth::Bearer(Secret::new("sk")));
        let transport = Arc::new(Transport::new(settings).expect("transport"));
        let request = Request::new(reqwest::Method::GET, "/v1/blob");
        context_for(&transport, &request, |context| {
            let raw = [0u8, 0xff, b'a', b'\n'];
            let got = bytes(answer(&raw), context).expect("bytes decode");
            assert_eq!(&got[..], &raw[..]);
            let got = text(answer("héllo\n".as_bytes()), context).expect("text decodes");
            assert_eq!(got, "héllo\n");
            let Err(super::super::Error::Text(error)) = text(answer(&raw), context) else {
                panic!("invalid UTF-8 was accepted as text");
            };
            assert_eq!(error.body, raw);
            assert_eq!(error.status, StatusCode::OK);
            assert_eq!(error.source.valid_up_to(), 1);
            let shown = super::super::Error::Text(error).to_string();
            assert!(shown.contains("not UTF-8"), "{shown}");
        });
    }
}

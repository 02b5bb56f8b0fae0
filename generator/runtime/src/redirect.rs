//! Redirects, followed by the transport itself (the HTTP client follows none): only to the
//! same origin (scheme, host and port), at most [`MAX_REDIRECTS`] hops, never in a loop.
//! 307 and 308 keep the method and body; 303 turns any method but `HEAD` into a body-less
//! `GET`, and 301 and 302 turn a `POST` into one, as RFC 9110 §15.4 allows. A redirect to
//! another origin is not followed: credentials stay with the origin they were given for, and
//! the caller gets [`Error::Redirect`] carrying the `Location`.

use super::error::{Error, RedirectError, RedirectReason};
use super::transport::{Failure, MAX_REDIRECTS};
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use reqwest::{Method, StatusCode, Url};

/// One request of an attempt: the first, or one a redirect leads to.
pub(super) struct Hop {
    pub(super) method: Method,
    pub(super) url: Url,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<bytes::Bytes>,
}

/// Whether two URLs share scheme, host and port (the port a scheme implies included).
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The request a redirect answer leads to, `None` when `response` is not a redirect to
/// follow (not 301/302/303/307/308, or without a usable `Location`: it is then an ordinary
/// error answer), or [`Error::Redirect`] when it must not be followed. `visited` holds the
/// requests sent so far in this attempt.
pub(super) fn next_hop(
    hop: &Hop,
    response: &reqwest::Response,
    visited: &mut Vec<(Method, Url)>,
) -> Result<Option<Hop>, Failure> {
    let status = response.status();
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok());
    let Some(mut target) = location.and_then(|l| hop.url.join(l).ok()) else {
        return Ok(None);
    };
    target.set_fragment(None);
    let refuse = |reason: RedirectReason, target: &Url| {
        Failure::Final(Error::Redirect(Box::new(RedirectError {
            status,
            location: target.to_string(),
            reason,
            hops: visited.len() as u32 - 1,
            headers: response.headers().clone(),
        })))
    };
    if !same_origin(&hop.url, &target) {
        return Err(refuse(RedirectReason::CrossOrigin, &target));
    }
    if visited.len() as u32 > MAX_REDIRECTS {
        return Err(refuse(RedirectReason::TooMany, &target));
    }
    let (method, keep_body) = rewrite(status, &hop.method);
    if visited.iter().any(|(m, u)| *m == method && *u == target) {
        return Err(refuse(RedirectReason::Loop, &target));
    }
    visited.push((method.clone(), target.clone()));
    let mut headers = hop.headers.clone();
    if !keep_body {
        headers.remove(CONTENT_TYPE);
    }
    Ok(Some(Hop {
        method,
        url: target,
        headers,
        body: if keep_body { hop.body.clone() } else { None },
    }))
}

/// The method of the request a redirect leads to, and whether it keeps the body.
fn rewrite(status: StatusCode, method: &Method) -> (Method, bool) {
    match status.as_u16() {
        303 if *method != Method::HEAD => (Method::GET, false),
        301 | 302 if *method == Method::POST => (Method::GET, false),
        _ => (method.clone(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert!(same_origin(
            &url("https://a.example/x"),
            &url("https://a.example:443/y?z")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("http://a.example/")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("https://b.example/")
        ));
        assert!(!same_origin(
            &url("http://127.0.0.1:80/"),
            &url("http://127.0.0.1:81/")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("https://a.example.evil/")
        ));
    }

    #[test]
    fn methods_change_as_rfc_9110_says() {
        let post = Method::POST;
        assert_eq!(
            rewrite(StatusCode::TEMPORARY_REDIRECT, &post),
            (Method::POST, true)
        );
        assert_eq!(
            rewrite(StatusCode::PERMANENT_REDIRECT, &post),
            (Method::POST, true)
        );
        assert_eq!(rewrite(StatusCode::SEE_OTHER, &post), (Method::GET, false));
        assert_eq!(rewrite(StatusCode::FOUND, &post), (Method::GET, false));
        assert_eq!(
            rewrite(StatusCode::MOVED_PERMANENTLY, &post),
            (Method::GET, false)
        );
        assert_eq!(
            rewrite(StatusCode::FOUND, &Method::PATCH),
            (Method::PATCH, true)
        );
        assert_eq!(
            rewrite(StatusCode::SEE_OTHER, &Method::HEAD),
            (Method::HEAD, true)
        );
        assert_eq!(
            rewrite(StatusCode::SEE_OTHER, &Method::DELETE),
            (Method::GET, false)
        );
    }
}

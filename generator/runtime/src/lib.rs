//! Runtime shared by every generated API module: HTTP transport, request building, errors,
//! pagination and the scalar types the specs use.
//!
//! These files are ordinary Rust, compiled and unit-tested in the `sdk-runtime` crate, and copied
//! verbatim into each generated crate as its `runtime` module. They refer to each other only
//! through `super::`, so they compile the same in both places.

pub mod call;
pub mod error;
pub mod pagination;
pub mod redirect;
pub mod request;
pub mod retry;
pub mod secret;
pub mod signing;
pub mod tagged;
pub mod transport;
pub mod types;
pub mod waiter;

pub use call::{Call, Response};
pub use error::{
    ApiError, DecodeError, Error, ErrorFormat, ErrorShape, RedirectError, RedirectReason, Result,
    TextError, TimeoutError, WaitFailure,
};
pub use pagination::{CursorPage, CursorPagination, ListPage, Paging};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use tagged::UnknownMember;
pub use types::{Date, DateTime, Decimal, UnknownInt, UnknownValue};
pub use waiter::WaitOptions;

/// The HTTP status type of [`ApiError::status`].
pub use reqwest::StatusCode;
/// The header map type of [`ApiError::headers`].
pub use reqwest::header::HeaderMap;

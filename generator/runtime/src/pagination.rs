//! Cursor pagination as the Nirvana API serves it: `{items, pagination: {next_cursor, ...}}`,
//! the next page being the same request with `cursor=<next_cursor>`.

use super::call::Context;
use super::error::{Error, Result};
use super::request::Request;
use super::transport::{CallOptions, RawResponse, Transport, decode};
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;

/// The `pagination` object of a cursor page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorPagination {
    /// The cursor of the next page; `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// The cursor of the previous page; `None` on the first page.
    #[serde(default)]
    pub previous_cursor: Option<String>,
    /// How many items all pages hold together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

/// What a page needs to fetch the one after it.
#[derive(Clone, Debug)]
struct NextPage {
    transport: Arc<Transport>,
    request: Request,
    options: CallOptions,
    cursor_param: &'static str,
}

/// One page of a cursor-paginated list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CursorPage<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Cursors for the neighbouring pages.
    pub pagination: CursorPagination,
    #[serde(skip)]
    next: Option<NextPage>,
}

impl<T: PartialEq> PartialEq for CursorPage<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.pagination == other.pagination
    }
}

/// The decoder of a cursor-paginated call: the page, remembering how to fetch the next one.
pub fn cursor_page<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
) -> Result<CursorPage<T>> {
    let mut page: CursorPage<T> = decode(response)?;
    page.next = Some(NextPage {
        transport: context.transport.clone(),
        request: context.request.clone(),
        options: context.options.clone(),
        cursor_param: context.request.cursor_param.unwrap_or("cursor"),
    });
    Ok(page)
}

impl<T: DeserializeOwned> CursorPage<T> {
    /// Whether a next page exists: this page has items and a non-empty `next_cursor`, and it was
    /// fetched by a client (a page decoded by hand cannot fetch anything).
    pub fn has_next_page(&self) -> bool {
        self.next.is_some() && !self.items.is_empty() && self.next_cursor().is_some()
    }

    fn next_cursor(&self) -> Option<&str> {
        self.pagination
            .next_cursor
            .as_deref()
            .filter(|cursor| !cursor.is_empty())
    }

    /// Fetches the next page with the same request, options included, or returns `None` on
    /// the last page.
    pub async fn next_page(&self) -> Result<Option<Self>> {
        match self.next_cursor() {
            Some(cursor) if !self.items.is_empty() => self.fetch_after(cursor).await,
            _ => Ok(None),
        }
    }

    async fn fetch_after(&self, cursor: &str) -> Result<Option<Self>> {
        let Some(next) = &self.next else {
            return Ok(None);
        };
        let mut request = next.request.clone();
        request.query.retain(|(name, _)| name != next.cursor_param);
        let request = request.query(next.cursor_param, cursor);
        let response = next.transport.execute(&request, &next.options).await?;
        let context = Context {
            transport: &next.transport,
            request: &request,
            options: &next.options,
        };
        cursor_page(response, &context).map(Some)
    }

    /// Every item of this page and the pages after it, fetched lazily one page at a time.
    /// The stream ends with [`Error::Pagination`] if the server sends a cursor it already sent.
    pub fn into_stream(self) -> impl Stream<Item = Result<T>> {
        struct State<T> {
            items: std::vec::IntoIter<T>,
            page: CursorPage<T>,
            had_items: bool,
            seen: HashSet<String>,
        }
        fn split<T>(mut page: CursorPage<T>, seen: HashSet<String>) -> State<T> {
            let items = std::mem::take(&mut page.items);
            State {
                had_items: !items.is_empty(),
                items: items.into_iter(),
                page,
                seen,
            }
        }
        let state = Some(split(self, HashSet::new()));
        futures::stream::unfold(state, |state| async move {
            let mut state = state?;
            if let Some(item) = state.items.next() {
                return Some((Ok(item), Some(state)));
            }
            let cursor = state
                .page
                .next_cursor()
                .filter(|_| state.had_items)?
                .to_owned();
            if !state.seen.insert(cursor.clone()) {
                let message = format!("the server sent the cursor {cursor:?} twice");
                return Some((Err(Error::Pagination(message)), None));
            }
            match state.page.fetch_after(&cursor).await {
                Ok(Some(page)) => {
                    let mut next = split(page, std::mem::take(&mut state.seen));
                    let item = next.items.next()?;
                    Some((Ok(item), Some(next)))
                }
                Ok(None) => None,
                Err(error) => Some((Err(error), None)),
            }
        })
    }
}

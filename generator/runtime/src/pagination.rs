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
    /// Items on this page when it arrived (the stream takes them out).
    on_page: usize,
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
        on_page: page.items.len(),
    });
    Ok(page)
}

impl<T: DeserializeOwned> CursorPage<T> {
    /// Whether a next page exists: this page had items and a non-empty `next_cursor`, and it
    /// was fetched by a client (a page decoded by hand cannot fetch anything).
    pub fn has_next_page(&self) -> bool {
        self.next.as_ref().is_some_and(|n| n.on_page > 0) && self.next_cursor().is_some()
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
        let (Some(next), Some(cursor)) = (&self.next, self.next_cursor()) else {
            return Ok(None);
        };
        if !self.has_next_page() {
            return Ok(None);
        }
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
    pub fn into_stream(self) -> impl Stream<Item = Result<T>>
    where
        T: Send + Sync + 'static,
    {
        page_stream(self)
    }
}

/// A page of any pagination style, as the item streams see it.
pub trait Page: Sized + Send + Sync + 'static {
    /// The item type.
    type Item: Send + 'static;
    /// Takes this page's items out (the page still knows how to fetch the next one).
    fn take_items(&mut self) -> Vec<Self::Item>;
    /// Where the next page starts (cursor or marker), if there is one; a key sent twice means
    /// the server is going round in circles.
    fn next_key(&self) -> Option<String>;
    /// Fetches the next page.
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send;
}

impl<T: DeserializeOwned + Send + Sync + 'static> Page for CursorPage<T> {
    type Item = T;
    fn take_items(&mut self) -> Vec<T> {
        std::mem::take(&mut self.items)
    }
    fn next_key(&self) -> Option<String> {
        self.has_next_page()
            .then(|| self.next_cursor().unwrap_or_default().to_owned())
    }
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send {
        self.next_page()
    }
}

/// Every item of `first` and the pages after it, fetched lazily: the next page is requested
/// only when the items before it are used up. A repeated key ends the stream with
/// [`Error::Pagination`].
pub fn page_stream<P: Page>(first: P) -> impl Stream<Item = Result<P::Item>> {
    struct State<P: Page> {
        items: std::vec::IntoIter<P::Item>,
        page: P,
        seen: HashSet<String>,
    }
    fn split<P: Page>(mut page: P, seen: HashSet<String>) -> State<P> {
        State {
            items: page.take_items().into_iter(),
            page,
            seen,
        }
    }
    futures::stream::unfold(Some(split(first, HashSet::new())), |state| async move {
        let mut state = state?;
        if let Some(item) = state.items.next() {
            return Some((Ok(item), Some(state)));
        }
        let key = state.page.next_key()?;
        if !state.seen.insert(key.clone()) {
            let message = format!("the server sent {key:?} twice as where the next page starts");
            return Some((Err(Error::Pagination(message)), None));
        }
        match state.page.fetch_next().await {
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

/// How a list that is not cursor-paginated pages, as the spec declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// Page numbers from 1 in the query parameter `page_param`; the field `total` (if any)
    /// counts the items of all pages. (ECS v1 `offset`/`limit`/`count`.)
    PageNumber {
        /// The response field holding the items.
        items: &'static str,
        /// The query parameter carrying the page number.
        page_param: &'static str,
        /// The query parameter carrying the page size.
        limit_param: &'static str,
        /// The response field counting every item, if the API sends one.
        total: Option<&'static str>,
    },
    /// The next page starts after the item whose `marker_field` is sent in `marker_param`;
    /// `links` (if any) holds `[{"rel": "next", "href": ...}]` while more pages exist.
    /// (ECS v1.1 and Nova `marker`/`limit`/`servers_links`.)
    Marker {
        /// The response field holding the items.
        items: &'static str,
        /// The query parameter carrying the marker.
        marker_param: &'static str,
        /// The item field whose value of the last item is the next marker.
        marker_field: &'static str,
        /// The query parameter carrying the page size.
        limit_param: &'static str,
        /// The response field holding the links, if the API sends them.
        links: Option<&'static str>,
    },
}

/// What a [`ListPage`] needs to fetch the one after it.
#[derive(Clone, Debug)]
struct NextList {
    transport: Arc<Transport>,
    request: Request,
    options: CallOptions,
    paging: Paging,
    /// Items on this page.
    on_page: u64,
    /// Items on this page and the pages before it.
    fetched: u64,
    /// The next marker (marker paging): the marker field of this page's last item.
    marker: Option<String>,
    /// Whether the response's links include `rel: next`.
    next_link: bool,
}

/// One page of a list paginated by page number or by marker.
#[derive(Clone, Debug, Serialize)]
pub struct ListPage<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items all pages hold together, when the API says.
    pub total: Option<i64>,
    #[serde(skip)]
    next: Option<NextList>,
}

impl<T: PartialEq> PartialEq for ListPage<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.total == other.total
    }
}

fn query_number(request: &Request, name: &str) -> Option<u64> {
    request
        .query
        .iter()
        .find(|(key, _)| key == name)
        .and_then(|(_, value)| value.parse().ok())
}

/// Decodes a page of a list, given how many items came before it.
fn decode_list<T: DeserializeOwned>(
    response: RawResponse,
    transport: &Arc<Transport>,
    request: &Request,
    options: &CallOptions,
    fetched_before: u64,
) -> Result<ListPage<T>> {
    let decode_error = |source: serde_json::Error, response: &RawResponse| {
        Error::Decode(Box::new(super::DecodeError {
            status: response.status,
            body: response.body.clone(),
            source,
        }))
    };
    let Some(paging) = request.paging else {
        return Err(Error::InvalidRequest(
            "a list request without paging".to_owned(),
        ));
    };
    let (items_field, links_field, marker_field, total_field) = match paging {
        Paging::PageNumber { items, total, .. } => (items, None, None, total),
        Paging::Marker {
            items,
            links,
            marker_field,
            ..
        } => (items, links, Some(marker_field), None),
    };
    let mut body: serde_json::Value =
        serde_json::from_slice(&response.body).map_err(|e| decode_error(e, &response))?;
    let raw_items = match body.get_mut(items_field).map(serde_json::Value::take) {
        Some(serde_json::Value::Array(items)) => items,
        Some(serde_json::Value::Null) | None => Vec::new(),
        Some(_) => {
            let message = format!("`{items_field}` is not a list");
            return Err(decode_error(serde::de::Error::custom(message), &response));
        }
    };
    let marker = marker_field.and_then(|field| {
        raw_items.last()?.get(field).and_then(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    });
    let next_link = links_field.is_some_and(|field| {
        body.get(field)
            .and_then(serde_json::Value::as_array)
            .is_some_and(|links| {
                links
                    .iter()
                    .any(|link| link.get("rel").and_then(|r| r.as_str()) == Some("next"))
            })
    });
    let total = total_field
        .and_then(|field| body.get(field))
        .and_then(serde_json::Value::as_i64);
    let items = raw_items
        .into_iter()
        .map(serde_json::from_value)
        .collect::<std::result::Result<Vec<T>, _>>()
        .map_err(|e| decode_error(e, &response))?;
    let on_page = items.len() as u64;
    let fetched = fetched_before + on_page;
    Ok(ListPage {
        items,
        total,
        next: Some(NextList {
            transport: transport.clone(),
            request: request.clone(),
            options: options.clone(),
            paging,
            on_page,
            fetched,
            marker,
            next_link,
        }),
    })
}

/// The decoder of a list paginated by page number or marker.
pub fn list_page<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
) -> Result<ListPage<T>> {
    decode_list(
        response,
        context.transport,
        context.request,
        context.options,
        0,
    )
}

impl<T: DeserializeOwned> ListPage<T> {
    /// Whether another page exists. An empty page is the last; otherwise the API's own signal
    /// decides: the total count (page numbers) or a `next` link (markers), and when the API
    /// gives neither, a page shorter than the requested size is the last.
    pub fn has_next_page(&self) -> bool {
        let Some(next) = &self.next else {
            return false;
        };
        if next.on_page == 0 {
            return false;
        }
        let short_page = |limit_param: &str| {
            query_number(&next.request, limit_param).is_some_and(|limit| next.on_page < limit)
        };
        match next.paging {
            Paging::PageNumber { limit_param, .. } => match self.total {
                Some(total) => next.fetched < u64::try_from(total).unwrap_or(0),
                None => !short_page(limit_param),
            },
            Paging::Marker {
                links, limit_param, ..
            } => {
                next.marker.is_some()
                    && if links.is_some() {
                        next.next_link
                    } else {
                        !short_page(limit_param)
                    }
            }
        }
    }

    /// The request for the next page.
    fn next_request(&self) -> Option<Request> {
        let next = self.next.as_ref()?;
        let mut request = next.request.clone();
        match next.paging {
            Paging::PageNumber { page_param, .. } => {
                let page = query_number(&request, page_param).unwrap_or(1).max(1);
                request.query.retain(|(name, _)| name != page_param);
                Some(request.query(page_param, &(page + 1)))
            }
            Paging::Marker { marker_param, .. } => {
                let marker = next.marker.as_ref()?;
                request.query.retain(|(name, _)| name != marker_param);
                Some(request.query(marker_param, marker))
            }
        }
    }

    /// Fetches the next page with the same request and options, or `None` after the last.
    pub async fn next_page(&self) -> Result<Option<Self>> {
        if !self.has_next_page() {
            return Ok(None);
        }
        let (Some(next), Some(request)) = (&self.next, self.next_request()) else {
            return Ok(None);
        };
        let response = next.transport.execute(&request, &next.options).await?;
        decode_list(
            response,
            &next.transport,
            &request,
            &next.options,
            next.fetched,
        )
        .map(Some)
    }

    /// Every item of this page and the pages after it, fetched lazily. The stream ends with
    /// [`Error::Pagination`] if the server sends the same marker twice.
    pub fn into_stream(self) -> impl Stream<Item = Result<T>>
    where
        T: Send + Sync + 'static,
    {
        page_stream(self)
    }
}

impl<T: DeserializeOwned + Send + Sync + 'static> Page for ListPage<T> {
    type Item = T;
    fn take_items(&mut self) -> Vec<T> {
        std::mem::take(&mut self.items)
    }
    fn next_key(&self) -> Option<String> {
        let next = self.next.as_ref()?;
        // Page numbers cannot repeat; markers can.
        let key = match next.paging {
            Paging::PageNumber { .. } => format!("page after {} items", next.fetched),
            Paging::Marker { .. } => next.marker.clone()?,
        };
        self.has_next_page().then_some(key)
    }
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send {
        self.next_page()
    }
}

#[cfg(test)]
mod tests {
    use super::super::transport::{Auth, Settings};
    use super::*;

    fn transport() -> Arc<Transport> {
        Arc::new(Transport::new(Settings::new("http://127.0.0.1:1", Auth::None)).unwrap())
    }

    const PAGES: Paging = Paging::PageNumber {
        items: "servers",
        page_param: "offset",
        limit_param: "limit",
        total: Some("count"),
    };

    const MARKERS: Paging = Paging::Marker {
        items: "servers",
        marker_param: "marker",
        marker_field: "id",
        limit_param: "limit",
        links: Some("servers_links"),
    };

    fn page(request: Request, body: serde_json::Value, before: u64) -> ListPage<serde_json::Value> {
        let response = RawResponse {
            status: reqwest::StatusCode::OK,
            headers: Default::default(),
            body: body.to_string().into_bytes(),
        };
        decode_list(
            response,
            &transport(),
            &request,
            &CallOptions::default(),
            before,
        )
        .unwrap()
    }

    fn list(paging: Paging) -> Request {
        Request::new(reqwest::Method::GET, "/servers")
            .query("limit", &2)
            .paging(paging)
    }

    #[test]
    fn page_numbers_follow_the_total() {
        let first = page(
            list(PAGES),
            serde_json::json!({"count": 3, "servers": [{"id": "a"}, {"id": "b"}]}),
            0,
        );
        assert_eq!(first.total, Some(3));
        assert!(first.has_next_page());
        let next = first.next_request().unwrap();
        assert!(
            next.query_pairs()
                .contains(&("offset".to_owned(), "2".to_owned()))
        );
        let last = page(
            next,
            serde_json::json!({"count": 3, "servers": [{"id": "c"}]}),
            2,
        );
        assert!(!last.has_next_page(), "3 of 3 fetched");
    }

    #[test]
    fn without_a_total_a_short_page_is_the_last() {
        let paging = Paging::PageNumber {
            items: "servers",
            page_param: "offset",
            limit_param: "limit",
            total: None,
        };
        let full = page(
            list(paging),
            serde_json::json!({"servers": [{"id": "a"}, {"id": "b"}]}),
            0,
        );
        assert!(full.has_next_page());
        let short = page(
            list(paging),
            serde_json::json!({"servers": [{"id": "a"}]}),
            0,
        );
        assert!(!short.has_next_page());
    }

    #[test]
    fn markers_follow_the_next_link() {
        let body = serde_json::json!({
            "servers": [{"id": "a"}, {"id": "b"}],
            "servers_links": [{"rel": "next", "href": "http://x/servers?marker=b"}]
        });
        let first = page(list(MARKERS), body, 0);
        assert!(first.has_next_page());
        let next = first.next_request().unwrap();
        assert!(
            next.query_pairs()
                .contains(&("marker".to_owned(), "b".to_owned()))
        );
        let last = page(
            next,
            serde_json::json!({"servers": [{"id": "c"}], "servers_links": []}),
            2,
        );
        assert!(!last.has_next_page(), "no next link");
    }

    #[test]
    fn an_empty_page_is_the_last_and_bad_items_keep_the_body() {
        let empty = page(list(MARKERS), serde_json::json!({"servers": []}), 0);
        assert!(!empty.has_next_page());
        let response = RawResponse {
            status: reqwest::StatusCode::OK,
            headers: Default::default(),
            body: br#"{"servers": {"id": "a"}}"#.to_vec(),
        };
        let error = decode_list::<serde_json::Value>(
            response,
            &transport(),
            &list(MARKERS),
            &CallOptions::default(),
            0,
        )
        .unwrap_err();
        match error {
            Error::Decode(e) => assert_eq!(e.body_text(), r#"{"servers": {"id": "a"}}"#),
            other => panic!("{other:?}"),
        }
    }
}

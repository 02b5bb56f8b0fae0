//! Pagination: cursor pages as the Nirvana API serves them (`{items, pagination: {next_cursor,
//! ...}}`, the next page being the same request with `cursor=<next_cursor>`), lists paginated by
//! page number or by marker (ECS, Nova), and [`page_stream`], the lazy stream of items across
//! pages.
//!
//! # Servers that go round in circles
//!
//! The pages of one list form a chain: the first page, fetched by the call, then each page
//! fetched from the one before it with a key (a cursor or a marker). Every page of a chain
//! shares one record of the keys followed so far, so that
//! [`CursorPage::next_page`], [`ListPage::next_page`] and the item streams (which only call
//! `next_page`) all detect a key the server sends again, and stop with
//! [`Error::Pagination`] instead of fetching the same pages forever. Cursor pages also stop
//! after a run of more than [`MAX_EMPTY_PAGES`] empty pages.

use super::call::Context;
use super::error::{Error, Result};
use super::request::Request;
use super::transport::{CallOptions, RawResponse, Transport, decode};
use futures::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// How many empty cursor pages in a row, each with a next cursor, are passed over before
/// [`CursorPage::next_page`] (and the item stream) gives up with [`Error::Pagination`].
///
/// A server may answer an empty page that still points further (a filter that matched nothing
/// in one stretch of the data), so an empty page with a cursor is not the last one. But every
/// such page carries a fresh cursor, which the repeat check cannot catch: a server that sends
/// empty pages forever would keep a caller busy forever. So a run of up to this many empty
/// pages is followed, and the page after such a run must have items or be the last.
///
/// The same holds for marker lists whose next marker is a field of the response
/// ([`NextMarker::ResponseField`]). Page-number lists and lists whose marker is the last item's
/// need no such bound: there an empty page is always the last (page numbers: the page past the
/// end; item markers: no last item, hence no next marker).
pub const MAX_EMPTY_PAGES: usize = 10;

/// The keys (cursors or markers) the pages of one chain were fetched with, each mapped to the
/// depth of the page it fetched (the first page is at depth 0; the key the first request was
/// sent with, if the caller gave one, is mapped to 0).
///
/// Every page of a chain holds the same map behind an `Arc`: one entry per page fetched, so a
/// chain of n pages costs O(n) memory however long it is, and no page copies it. A key mapped
/// to a different depth than the one it would now fetch is a repeat: the same request for
/// another place in the list, which can only go round in circles. A key mapped to the *same*
/// depth is a page fetched again (`next_page` called twice on one page, a stream and a loop
/// walking clones of one page, a retry after a failed fetch), which is fine.
#[derive(Clone)]
struct Chain {
    /// What the keys are, for messages: `cursor` or `marker`.
    kind: &'static str,
    /// Key -> depth of the page it fetched.
    fetched: Arc<Mutex<HashMap<String, usize>>>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys = self.lock().len();
        f.debug_struct("Chain")
            .field("kind", &self.kind)
            .field("keys", &keys)
            .finish()
    }
}

impl Chain {
    /// A new chain whose first request was sent with `first_keys` (the values of its key
    /// parameter, usually none or one; empty values are not keys).
    fn new<'a>(kind: &'static str, first_keys: impl IntoIterator<Item = &'a str>) -> Self {
        let fetched = first_keys
            .into_iter()
            .filter(|key| !key.is_empty())
            .map(|key| (key.to_owned(), 0))
            .collect();
        Chain {
            kind,
            fetched: Arc::new(Mutex::new(fetched)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
        // The map stays consistent even if a holder panicked: every update is one insert.
        self.fetched.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Checks that `key` may fetch the page at `depth`, and records that it does:
    /// [`Error::Pagination`] naming the key if it already fetched the page at another depth.
    fn check(&self, key: &str, depth: usize) -> Result<()> {
        let mut fetched = self.lock();
        match fetched.get(key) {
            Some(&before) if before != depth => Err(Error::Pagination(format!(
                "the server sent the {kind} {key} again: it already led to page {}, and now \
                 would lead to page {}, so following it would go round in circles",
                before + 1,
                depth + 1,
                kind = self.kind,
                key = super::error::clip(&format!("{key:?}")),
            ))),
            Some(_) => Ok(()),
            None => {
                fetched.insert(key.to_owned(), depth);
                Ok(())
            }
        }
    }
}

/// Where a page stands in its chain: the chain's shared record, the page's depth, and how many
/// empty pages in a row end at this page.
#[derive(Clone, Debug)]
struct Position {
    chain: Chain,
    depth: usize,
    /// Empty pages in a row up to and including this one (0 when this page has items).
    empty_run: usize,
}

impl Position {
    /// The first page of `chain`, holding `items` items.
    fn first(chain: Chain, items: usize) -> Self {
        Position {
            chain,
            depth: 0,
            empty_run: usize::from(items == 0),
        }
    }

    /// The page fetched from this one, holding `items` items.
    fn after(&self, items: usize) -> Self {
        Position {
            chain: self.chain.clone(),
            depth: self.depth + 1,
            empty_run: if items == 0 { self.empty_run + 1 } else { 0 },
        }
    }

    /// Checks that the page after this one may be fetched with `key`, recording the key:
    /// [`Error::Pagination`] if this page ends a run of more than [`MAX_EMPTY_PAGES`] empty
    /// pages, or if `key` is a repeat (see [`Chain`]).
    fn follow(&self, key: &str) -> Result<()> {
        if self.empty_run > MAX_EMPTY_PAGES {
            return Err(Error::Pagination(format!(
                "the server sent {} empty pages in a row, each with a next {}; at most \
                 {MAX_EMPTY_PAGES} are passed over",
                self.empty_run, self.chain.kind,
            )));
        }
        self.chain.check(key, self.depth + 1)
    }
}

/// Every value of the query parameter `name` a request goes out with: the request's own, then
/// the call's (the transport sends both, in that order).
fn sent_values<'a>(
    request: &'a Request,
    options: &'a CallOptions,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    request
        .query
        .iter()
        .chain(&options.query)
        .filter(move |(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The number in the query parameter `name` as sent (the call's value wins over the
/// request's, being the later one).
fn query_number(request: &Request, options: &CallOptions, name: &str) -> Option<u64> {
    sent_values(request, options, name)
        .last()
        .and_then(|value| value.parse().ok())
}

/// `request` and `options` with every value of the query parameter `name` (the request's and
/// a caller's per-call one alike) replaced by the single value `value`.
fn with_param<T: Serialize + ?Sized>(
    request: &Request,
    options: &CallOptions,
    name: &str,
    value: &T,
) -> (Request, CallOptions) {
    let mut request = request.clone();
    request.query.retain(|(key, _)| key != name);
    let mut options = options.clone();
    options.query.retain(|(key, _)| key != name);
    (request.query(name, value), options)
}

/// A decode error keeping the raw body.
fn decode_error(response: &RawResponse, source: serde_json::Error) -> Error {
    Error::Decode(Box::new(super::DecodeError {
        status: response.status,
        body: response.body.clone(),
        source,
    }))
}

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

/// What a cursor page needs to fetch the one after it.
#[derive(Clone, Debug)]
struct NextPage {
    transport: Arc<Transport>,
    request: Request,
    options: CallOptions,
    cursor_param: &'static str,
    position: Position,
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
/// The cursor the call was sent with, if any, counts as already followed.
pub fn cursor_page<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
) -> Result<CursorPage<T>> {
    decode_cursor(response, context, None)
}

/// Decodes a cursor page: the first of its chain (`previous` is `None`) or the one fetched
/// from the page at `previous`.
fn decode_cursor<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
    previous: Option<&Position>,
) -> Result<CursorPage<T>> {
    let mut page: CursorPage<T> = decode(response)?;
    let cursor_param = context.request.cursor_param.unwrap_or("cursor");
    let on_page = page.items.len();
    let position = match previous {
        Some(previous) => previous.after(on_page),
        None => {
            let sent = sent_values(context.request, context.options, cursor_param);
            Position::first(Chain::new("cursor", sent), on_page)
        }
    };
    page.next = Some(NextPage {
        transport: context.transport.clone(),
        request: context.request.clone(),
        options: context.options.clone(),
        cursor_param,
        position,
    });
    Ok(page)
}

impl<T: DeserializeOwned> CursorPage<T> {
    /// Whether a next page exists: the page has a non-empty `next_cursor`, and it was fetched
    /// by a client (a page decoded by hand cannot fetch anything). An empty page with a cursor
    /// has a next page too; whether the server may be followed there is
    /// [`next_page`](Self::next_page)'s to say.
    pub fn has_next_page(&self) -> bool {
        self.next.is_some() && self.next_cursor().is_some()
    }

    fn next_cursor(&self) -> Option<&str> {
        self.pagination
            .next_cursor
            .as_deref()
            .filter(|cursor| !cursor.is_empty())
    }

    /// Fetches the next page with the same request, options included, or returns `None` on
    /// the last page.
    ///
    /// Fails with [`Error::Pagination`], before sending anything, when the server goes round
    /// in circles: the next cursor already fetched another page of this list (the first
    /// request's cursor included), or this page ends a run of more than [`MAX_EMPTY_PAGES`]
    /// empty pages. Calling it twice on one page fetches the same page twice, which is no
    /// repeat.
    pub async fn next_page(&self) -> Result<Option<Self>> {
        let (Some(next), Some(cursor)) = (&self.next, self.next_cursor()) else {
            return Ok(None);
        };
        next.position.follow(cursor)?;
        let (request, options) =
            with_param(&next.request, &next.options, next.cursor_param, cursor);
        let response = next.transport.execute(&request, &options).await?;
        let context = Context {
            transport: &next.transport,
            request: &request,
            options: &options,
        };
        decode_cursor(response, &context, Some(&next.position)).map(Some)
    }

    /// Every item of this page and the pages after it, fetched lazily one page at a time
    /// (empty pages are passed over). The stream ends with the error of
    /// [`next_page`](Self::next_page) if there is one, [`Error::Pagination`] included.
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
    /// Fetches the page after this one, or `None` after the last. Noticing a server that goes
    /// round in circles is this method's job, not the stream's: the runtime's pages fail with
    /// [`Error::Pagination`] on a repeated cursor or marker and on a long run of empty pages.
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send;
}

impl<T: DeserializeOwned + Send + Sync + 'static> Page for CursorPage<T> {
    type Item = T;
    fn take_items(&mut self) -> Vec<T> {
        std::mem::take(&mut self.items)
    }
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send {
        self.next_page()
    }
}

/// Every item of `first` and the pages after it, fetched lazily: the next page is requested
/// only when the items before it are used up, and an empty page leads straight to the next.
/// The stream ends after the last page, or with the first error of
/// [`Page::fetch_next`] (which is where repeated keys and runs of empty pages are caught).
pub fn page_stream<P: Page>(first: P) -> impl Stream<Item = Result<P::Item>> {
    struct State<P: Page> {
        items: std::vec::IntoIter<P::Item>,
        page: P,
    }
    fn split<P: Page>(mut page: P) -> State<P> {
        State {
            items: page.take_items().into_iter(),
            page,
        }
    }
    futures::stream::unfold(Some(split(first)), |state| async move {
        let mut state = state?;
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), Some(state)));
            }
            match state.page.fetch_next().await {
                Ok(Some(page)) => state = split(page),
                Ok(None) => return None,
                Err(error) => return Some((Err(error), None)),
            }
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
    /// The next page is fetched with a marker sent in `marker_param`: the last item's field
    /// or a field of the response, as `next_marker` says. `links` (if any) holds
    /// `[{"rel": "next", "href": ...}]` while more pages exist. (ECS v1.1 and Nova
    /// `marker`/`limit`/`servers_links`; ECS v3 `marker`/`limit`/`page_info.next_marker`.)
    Marker {
        /// The response field holding the items.
        items: &'static str,
        /// The query parameter carrying the marker.
        marker_param: &'static str,
        /// Where the next marker comes from.
        next_marker: NextMarker,
        /// The query parameter carrying the page size.
        limit_param: &'static str,
        /// The response field holding the links, if the API sends them.
        links: Option<&'static str>,
    },
}

/// Where a marker list's next marker comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextMarker {
    /// This field of the page's last item (`id`): a page without items is the last.
    ItemField(&'static str),
    /// The response field at this dot-separated path (`page_info.next_marker`): absent, `null`
    /// or empty on the last page. An empty page that carries one leads on to the next, at
    /// most [`MAX_EMPTY_PAGES`] in a row.
    ResponseField(&'static str),
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
    /// The next marker (marker paging), from this page's last item or its response.
    marker: Option<String>,
    /// Whether the response's links include `rel: next`.
    next_link: bool,
    /// Where the page stands in its chain (markers are checked against repeats; page numbers
    /// are computed here, one more each time, and cannot repeat).
    position: Position,
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

/// Takes the list in the field `field` out of a response body: a missing field, `null` or
/// anything but a list is an error naming the field (never an empty page, which would end
/// the list early without a word).
fn take_items(
    body: &mut serde_json::Value,
    field: &str,
) -> std::result::Result<Vec<serde_json::Value>, serde_json::Error> {
    let problem = match body.get_mut(field).map(serde_json::Value::take) {
        Some(serde_json::Value::Array(items)) => return Ok(items),
        None => "is missing",
        Some(serde_json::Value::Null) => "is null",
        Some(_) => "is not a list",
    };
    Err(serde::de::Error::custom(format!(
        "the list field `{field}` {problem}"
    )))
}

/// The marker an item leaves for the next page: its field `field`, a string or a number.
fn marker_of(item: &serde_json::Value, field: &str) -> Option<String> {
    match item.get(field)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The marker at the dot-separated `path` of a response body: a non-empty string or a number.
fn marker_at(body: &serde_json::Value, path: &str) -> Option<String> {
    let value = path
        .split('.')
        .try_fold(body, |value, name| value.get(name))?;
    match value {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether the links in the field `field` include one with `rel: next`.
fn has_next_link(body: &serde_json::Value, field: &str) -> bool {
    body.get(field)
        .and_then(serde_json::Value::as_array)
        .is_some_and(|links| {
            links
                .iter()
                .any(|link| link.get("rel").and_then(|r| r.as_str()) == Some("next"))
        })
}

/// Decodes a page of a list: the first of its chain (`previous` is `None`) or the one
/// fetched from the page `previous` describes.
fn decode_list<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
    previous: Option<&NextList>,
) -> Result<ListPage<T>> {
    let Some(paging) = context.request.paging else {
        return Err(Error::InvalidRequest(
            "a list request without paging".to_owned(),
        ));
    };
    // `markers`: where the next marker comes from, and the query parameter carrying it.
    let (items_field, links_field, markers, total_field) = match paging {
        Paging::PageNumber { items, total, .. } => (items, None, None, total),
        Paging::Marker {
            items,
            links,
            next_marker,
            marker_param,
            ..
        } => (items, links, Some((next_marker, marker_param)), None),
    };
    let mut body: serde_json::Value =
        serde_json::from_slice(&response.body).map_err(|e| decode_error(&response, e))?;
    let raw_items = take_items(&mut body, items_field).map_err(|e| decode_error(&response, e))?;
    let next_marker = markers.and_then(|(source, _)| match source {
        NextMarker::ItemField(field) => marker_of(raw_items.last()?, field),
        NextMarker::ResponseField(path) => marker_at(&body, path),
    });
    let next_link = links_field.is_some_and(|field| has_next_link(&body, field));
    let total = total_field
        .and_then(|field| body.get(field))
        .and_then(serde_json::Value::as_i64);
    let items = raw_items
        .into_iter()
        .map(serde_json::from_value)
        .collect::<std::result::Result<Vec<T>, _>>()
        .map_err(|e| decode_error(&response, e))?;
    let position = match previous {
        Some(previous) => previous.position.after(items.len()),
        None => {
            let sent = markers
                .into_iter()
                .flat_map(|(_, param)| sent_values(context.request, context.options, param));
            Position::first(Chain::new("marker", sent), items.len())
        }
    };
    let on_page = items.len() as u64;
    Ok(ListPage {
        items,
        total,
        next: Some(NextList {
            transport: context.transport.clone(),
            request: context.request.clone(),
            options: context.options.clone(),
            paging,
            on_page,
            fetched: previous.map_or(0, |p| p.fetched) + on_page,
            marker: next_marker,
            next_link,
            position,
        }),
    })
}

/// The decoder of a list paginated by page number or marker. A response without its items
/// field, or with `null` there, is [`Error::Decode`] (with the body), not an empty page.
pub fn list_page<T: DeserializeOwned>(
    response: RawResponse,
    context: &Context<'_>,
) -> Result<ListPage<T>> {
    decode_list(response, context, None)
}

impl<T: DeserializeOwned> ListPage<T> {
    /// Whether another page exists. A marker the response carries decides on its own
    /// ([`NextMarker::ResponseField`]: the next page exists while there is one, even after an
    /// empty page). Otherwise an empty page is the last (page numbers: the page past the end;
    /// item markers: without a last item there is no next marker), and the API's own signal
    /// decides: the total count (page numbers) or a `next` link (markers), and when the API
    /// gives neither, a page shorter than the requested size is the last.
    pub fn has_next_page(&self) -> bool {
        let Some(next) = &self.next else {
            return false;
        };
        if let Paging::Marker {
            next_marker: NextMarker::ResponseField(_),
            ..
        } = next.paging
        {
            return next.marker.is_some();
        }
        if next.on_page == 0 {
            return false;
        }
        let short_page = |limit_param: &str| {
            query_number(&next.request, &next.options, limit_param)
                .is_some_and(|limit| next.on_page < limit)
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

    /// The request and options for the next page, with the marker it is fetched with (marker
    /// paging). The page number or marker replaces any the caller gave, per call included.
    fn next_request(&self) -> Option<(Request, CallOptions, Option<&str>)> {
        let next = self.next.as_ref()?;
        match next.paging {
            Paging::PageNumber { page_param, .. } => {
                let page = query_number(&next.request, &next.options, page_param)
                    .unwrap_or(1)
                    .max(1);
                let (request, options) =
                    with_param(&next.request, &next.options, page_param, &(page + 1));
                Some((request, options, None))
            }
            Paging::Marker { marker_param, .. } => {
                let marker = next.marker.as_deref()?;
                let (request, options) =
                    with_param(&next.request, &next.options, marker_param, marker);
                Some((request, options, Some(marker)))
            }
        }
    }

    /// Fetches the next page with the same request and options, or `None` after the last.
    ///
    /// With marker paging, fails with [`Error::Pagination`], before sending anything, when the
    /// next marker already fetched another page of this list (the first request's marker
    /// included). Calling it twice on one page fetches the same page twice, which is no
    /// repeat.
    pub async fn next_page(&self) -> Result<Option<Self>> {
        if !self.has_next_page() {
            return Ok(None);
        }
        let (Some(next), Some((request, options, marker))) = (&self.next, self.next_request())
        else {
            return Ok(None);
        };
        if let Some(marker) = marker {
            next.position.follow(marker)?;
        }
        let response = next.transport.execute(&request, &options).await?;
        let context = Context {
            transport: &next.transport,
            request: &request,
            options: &options,
        };
        decode_list(response, &context, Some(next)).map(Some)
    }

    /// Every item of this page and the pages after it, fetched lazily. The stream ends with
    /// the error of [`next_page`](Self::next_page) if there is one, [`Error::Pagination`]
    /// included.
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
    fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send {
        self.next_page()
    }
}

#[cfg(test)]
mod tests {
    use super::super::transport::{Auth, Settings};
    use super::*;
    use futures::StreamExt;
    use serde_json::{Value, json};

    fn transport() -> Arc<Transport> {
        Arc::new(Transport::new(Settings::new("http://127.0.0.1:1", Auth::None)).unwrap())
    }

    fn response(body: &str) -> RawResponse {
        RawResponse {
            status: reqwest::StatusCode::OK,
            headers: Default::default(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// Options that make a fetch against the refusing transport fail at once.
    fn no_retries() -> CallOptions {
        CallOptions {
            max_retries: Some(0),
            ..CallOptions::default()
        }
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
        next_marker: NextMarker::ItemField("id"),
        limit_param: "limit",
        links: Some("servers_links"),
    };

    fn decode_page(
        request: &Request,
        body: Value,
        previous: Option<&ListPage<Value>>,
    ) -> Result<ListPage<Value>> {
        let transport = transport();
        let options = no_retries();
        let context = Context {
            transport: &transport,
            request,
            options: &options,
        };
        let previous = previous.and_then(|page| page.next.as_ref());
        decode_list(response(&body.to_string()), &context, previous)
    }

    fn page(request: &Request, body: Value, previous: Option<&ListPage<Value>>) -> ListPage<Value> {
        decode_page(request, body, previous).unwrap()
    }

    fn list(paging: Paging) -> Request {
        Request::new(reqwest::Method::GET, "/servers")
            .query("limit", &2)
            .paging(paging)
    }

    fn operations() -> Request {
        Request::new(reqwest::Method::GET, "/v1/operations").cursor_param("cursor")
    }

    /// A cursor page answering `request` (sent with `options`), fetched from the page at
    /// `previous`, or the first page.
    fn cursor_page_of(
        request: &Request,
        options: &CallOptions,
        body: Value,
        previous: Option<&Position>,
    ) -> CursorPage<Value> {
        let transport = transport();
        let context = Context {
            transport: &transport,
            request,
            options,
        };
        decode_cursor(response(&body.to_string()), &context, previous).unwrap()
    }

    fn cursor_body(items: &[&str], next: Option<&str>) -> Value {
        json!({"items": items, "pagination": {"next_cursor": next}})
    }

    fn assert_pagination<T: std::fmt::Debug>(result: Result<T>, wanted: &str) {
        match result {
            Err(Error::Pagination(message)) => {
                assert!(message.contains(wanted), "{wanted:?} not in {message:?}");
            }
            other => panic!("expected Error::Pagination, got {other:?}"),
        }
    }

    // --- The repeat and empty-run checks ------------------------------------------------

    #[test]
    fn a_key_is_a_repeat_only_when_it_fetches_another_page() {
        let chain = Chain::new("cursor", ["c0", ""]);
        chain.check("a", 1).unwrap();
        chain.check("a", 1).expect("the same page fetched again");
        chain.check("b", 2).unwrap();
        assert_pagination(chain.check("a", 3), "cursor \"a\" again");
        assert_pagination(chain.check("c0", 1), "\"c0\"");
        chain.check("", 1).expect("an empty value is no key");
        assert_eq!(
            chain.lock().len(),
            4,
            "one entry per key: c0, a, b and \"\""
        );
    }

    /// A repeated 1 MiB cursor is quoted clipped: the error's `Display` stays short.
    #[test]
    fn a_repeated_huge_key_is_quoted_clipped() {
        let huge = "k".repeat(1 << 20);
        let chain = Chain::new("marker", [huge.as_str()]);
        let error = chain.check(&huge, 2).expect_err("a repeat");
        let shown = error.to_string();
        assert!(shown.len() < 700, "{} bytes", shown.len());
        assert!(
            shown.contains("more bytes") && shown.contains("marker"),
            "{shown}"
        );
    }

    #[test]
    fn at_most_max_empty_pages_in_a_row_are_passed_over() {
        let mut position = Position::first(Chain::new("cursor", []), 0);
        for n in 1..=MAX_EMPTY_PAGES {
            assert_eq!(position.empty_run, n);
            position.follow(&format!("k{n}")).expect("within the bound");
            position = position.after(0);
        }
        assert_pagination(position.follow("k11"), "11 empty pages in a row");
        let with_items = position.after(3);
        assert_eq!(with_items.empty_run, 0);
        with_items
            .follow("k12")
            .expect("a page with items ends the run");
    }

    // --- page_stream, over canned pages -------------------------------------------------

    /// Canned pages, `(items, next key)` each, served in order whatever the key, after the
    /// same checks as the runtime's pages.
    type Canned = Arc<Vec<(Vec<u32>, Option<String>)>>;

    struct Fake {
        pages: Canned,
        index: usize,
        items: Vec<u32>,
        position: Position,
    }

    impl Fake {
        fn first(pages: Vec<(Vec<u32>, Option<String>)>) -> Self {
            let pages: Canned = Arc::new(pages);
            let position = Position::first(Chain::new("cursor", []), pages[0].0.len());
            Fake::at(pages, 0, position)
        }

        fn at(pages: Canned, index: usize, position: Position) -> Self {
            let items = pages[index].0.clone();
            Fake {
                pages,
                index,
                items,
                position,
            }
        }

        fn next(&self) -> Result<Option<Fake>> {
            let Some(key) = &self.pages[self.index].1 else {
                return Ok(None);
            };
            self.position.follow(key)?;
            let index = self.index + 1;
            let position = self.position.after(self.pages[index].0.len());
            Ok(Some(Fake::at(self.pages.clone(), index, position)))
        }
    }

    impl Page for Fake {
        type Item = u32;
        fn take_items(&mut self) -> Vec<u32> {
            std::mem::take(&mut self.items)
        }
        fn fetch_next(&self) -> impl std::future::Future<Output = Result<Option<Self>>> + Send {
            std::future::ready(self.next())
        }
    }

    fn key(key: &str) -> Option<String> {
        Some(key.to_owned())
    }

    async fn stream(pages: Vec<(Vec<u32>, Option<String>)>) -> Vec<Result<u32>> {
        page_stream(Fake::first(pages)).take(1000).collect().await
    }

    fn items(results: &[Result<u32>]) -> Vec<u32> {
        results
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect()
    }

    #[tokio::test]
    async fn a_repeated_key_ends_the_stream_after_the_items_before_it() {
        let results = stream(vec![
            (vec![1, 2], key("a")),
            (vec![3], key("b")),
            (vec![4], key("a")),
            (vec![5], None),
        ])
        .await;
        assert_eq!(results.len(), 5, "{results:?}");
        assert_eq!(items(&results), [1, 2, 3, 4]);
        assert_pagination(results.into_iter().last().unwrap(), "\"a\"");
    }

    #[tokio::test]
    async fn fifty_identical_pages_stop_at_the_second() {
        let results = stream(vec![(vec![7], key("same")); 50]).await;
        assert_eq!(items(&results), [7, 7]);
        assert_eq!(results.len(), 3);
        assert_pagination(results.into_iter().last().unwrap(), "\"same\"");
    }

    #[tokio::test]
    async fn an_empty_page_with_a_next_key_leads_to_the_next_page() {
        let results = stream(vec![
            (vec![1], key("a")),
            (vec![], key("b")),
            (vec![], key("c")),
            (vec![2], None),
        ])
        .await;
        assert_eq!(items(&results), [1, 2]);
        assert_eq!(results.len(), 2, "no error: {results:?}");
        let first_empty = stream(vec![(vec![], key("a")), (vec![3], None)]).await;
        assert_eq!(items(&first_empty), [3]);
    }

    fn empty_run(empty: usize) -> Vec<(Vec<u32>, Option<String>)> {
        let mut pages = vec![(vec![1], key("k0"))];
        pages.extend((1..=empty).map(|n| (vec![], Some(format!("k{n}")))));
        pages.push((vec![2], None));
        pages
    }

    #[tokio::test]
    async fn ten_empty_pages_pass_and_eleven_end_the_stream() {
        let ten = stream(empty_run(MAX_EMPTY_PAGES)).await;
        assert_eq!(items(&ten), [1, 2]);
        assert_eq!(ten.len(), 2, "{ten:?}");
        let eleven = stream(empty_run(MAX_EMPTY_PAGES + 1)).await;
        assert_eq!(items(&eleven), [1]);
        assert_eq!(eleven.len(), 2);
        assert_pagination(
            eleven.into_iter().last().unwrap(),
            "11 empty pages in a row",
        );
    }

    #[tokio::test]
    async fn fetching_the_same_next_page_twice_is_no_repeat() {
        let first = Fake::first(vec![(vec![1], key("a")), (vec![2], None)]);
        let once = first.fetch_next().await.unwrap().expect("a second page");
        let twice = first
            .fetch_next()
            .await
            .unwrap()
            .expect("the same page again");
        assert_eq!(
            (once.items.clone(), twice.items.clone()),
            (vec![2], vec![2])
        );
        let rest: Vec<_> = page_stream(first).collect().await;
        assert_eq!(items(&rest), [1, 2], "{rest:?}");
    }

    // --- Cursor pages -------------------------------------------------------------------

    #[test]
    fn an_empty_cursor_page_with_a_cursor_has_a_next_page() {
        let options = CallOptions::default();
        let empty = cursor_page_of(&operations(), &options, cursor_body(&[], Some("c2")), None);
        assert!(empty.has_next_page());
        let blank = cursor_page_of(&operations(), &options, cursor_body(&["a"], Some("")), None);
        assert!(!blank.has_next_page(), "an empty cursor is no cursor");
        let by_hand: CursorPage<Value> =
            serde_json::from_value(cursor_body(&["a"], Some("c2"))).unwrap();
        assert!(
            !by_hand.has_next_page(),
            "a page decoded by hand fetches nothing"
        );
    }

    #[tokio::test]
    async fn next_page_refuses_the_cursor_the_first_request_was_sent_with() {
        let request = operations().query("cursor", "c1");
        let options = no_retries();
        let first = cursor_page_of(&request, &options, cursor_body(&["a"], Some("c1")), None);
        assert_pagination(first.next_page().await, "\"c1\"");
        // The same, with the cursor given as a per-call query parameter.
        let options = CallOptions {
            query: vec![("cursor".to_owned(), "c9".to_owned())],
            ..no_retries()
        };
        let first = cursor_page_of(
            &operations(),
            &options,
            cursor_body(&["a"], Some("c9")),
            None,
        );
        assert_pagination(first.next_page().await, "\"c9\"");
    }

    #[tokio::test]
    async fn next_page_twice_on_one_page_is_no_repeat() {
        let options = no_retries();
        let first = cursor_page_of(
            &operations(),
            &options,
            cursor_body(&["a"], Some("c2")),
            None,
        );
        for _ in 0..2 {
            // Both calls reach the transport, which refuses the connection.
            match first.next_page().await {
                Err(Error::Pagination(message)) => panic!("reported as a repeat: {message}"),
                Err(_) => {}
                Ok(page) => panic!("nothing listens on port 1: {page:?}"),
            }
        }
    }

    #[tokio::test]
    async fn next_page_gives_up_after_eleven_empty_pages_in_a_row() {
        let options = no_retries();
        let mut page = cursor_page_of(
            &operations(),
            &options,
            cursor_body(&["a"], Some("c0")),
            None,
        );
        for n in 1..=MAX_EMPTY_PAGES + 1 {
            let position = page.next.as_ref().map(|next| next.position.clone());
            let body = cursor_body(&[], Some(&format!("c{n}")));
            page = cursor_page_of(&operations(), &options, body, position.as_ref());
        }
        assert!(page.has_next_page(), "the server says there is more");
        assert_pagination(page.next_page().await, "11 empty pages in a row");
    }

    #[test]
    fn the_next_cursor_replaces_the_callers_everywhere() {
        let request = operations().query("cursor", "c1").query("limit", &2);
        let options = CallOptions {
            query: vec![("cursor".to_owned(), "c9".to_owned())],
            ..CallOptions::default()
        };
        let (request, options) = with_param(&request, &options, "cursor", "c2");
        let sent: Vec<&str> = sent_values(&request, &options, "cursor").collect();
        assert_eq!(sent, ["c2"]);
        assert_eq!(query_number(&request, &options, "limit"), Some(2));
    }

    // --- Page-number and marker lists ----------------------------------------------------

    #[test]
    fn page_numbers_follow_the_total() {
        let first = page(
            &list(PAGES),
            json!({"count": 3, "servers": [{"id": "a"}, {"id": "b"}]}),
            None,
        );
        assert_eq!(first.total, Some(3));
        assert!(first.has_next_page());
        let (next, options, marker) = first.next_request().unwrap();
        assert_eq!(marker, None);
        assert_eq!(query_number(&next, &options, "offset"), Some(2));
        let last = page(
            &next,
            json!({"count": 3, "servers": [{"id": "c"}]}),
            Some(&first),
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
            &list(paging),
            json!({"servers": [{"id": "a"}, {"id": "b"}]}),
            None,
        );
        assert!(full.has_next_page());
        let short = page(&list(paging), json!({"servers": [{"id": "a"}]}), None);
        assert!(!short.has_next_page());
    }

    #[test]
    fn markers_follow_the_next_link() {
        let body = json!({
            "servers": [{"id": "a"}, {"id": "b"}],
            "servers_links": [{"rel": "next", "href": "http://x/servers?marker=b"}]
        });
        let first = page(&list(MARKERS), body, None);
        assert!(first.has_next_page());
        let (next, _, marker) = first.next_request().unwrap();
        assert_eq!(marker, Some("b"));
        assert!(
            next.query_pairs()
                .contains(&("marker".to_owned(), "b".to_owned()))
        );
        let last = page(
            &next,
            json!({"servers": [{"id": "c"}], "servers_links": []}),
            Some(&first),
        );
        assert!(!last.has_next_page(), "no next link");
    }

    #[tokio::test]
    async fn a_marker_the_list_started_from_is_a_repeat() {
        let request = list(MARKERS).query("marker", "b");
        let body = json!({
            "servers": [{"id": "a"}, {"id": "b"}],
            "servers_links": [{"rel": "next", "href": "http://x/servers?marker=b"}]
        });
        let first = page(&request, body, None);
        assert!(first.has_next_page());
        assert_pagination(first.next_page().await, "marker \"b\" again");
    }

    /// ECS v3 lists: the next marker is `page_info.next_marker`.
    const V3_MARKERS: Paging = Paging::Marker {
        items: "launch_templates",
        marker_param: "marker",
        next_marker: NextMarker::ResponseField("page_info.next_marker"),
        limit_param: "limit",
        links: None,
    };

    fn v3_body(ids: &[&str], next: Value) -> Value {
        let items: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
        json!({"launch_templates": items, "page_info": {"next_marker": next}})
    }

    #[test]
    fn a_response_marker_is_followed_until_it_is_absent_null_or_empty() {
        // A short page with a marker is not the last: the server's marker decides.
        let first = page(&list(V3_MARKERS), v3_body(&["a"], json!("m1")), None);
        assert!(first.has_next_page());
        let (next, options, marker) = first.next_request().unwrap();
        assert_eq!(marker, Some("m1"));
        assert_eq!(
            sent_values(&next, &options, "marker").collect::<Vec<_>>(),
            ["m1"]
        );
        let by_number = page(&next, v3_body(&["b"], json!(42)), Some(&first));
        assert_eq!(by_number.next_request().unwrap().2, Some("42"));
        for last in [json!(null), json!(""), json!({})] {
            let body = v3_body(&["c"], last.clone());
            assert!(!page(&next, body, Some(&first)).has_next_page(), "{last}");
        }
        let without_page_info = json!({"launch_templates": [{"id": "c"}]});
        assert!(!page(&next, without_page_info, Some(&first)).has_next_page());
    }

    #[tokio::test]
    async fn an_empty_page_with_a_response_marker_leads_on_but_not_forever() {
        let mut current = page(&list(V3_MARKERS), v3_body(&[], json!("m0")), None);
        assert!(
            current.has_next_page(),
            "an empty page that carries a marker"
        );
        for n in 1..=MAX_EMPTY_PAGES {
            let body = v3_body(&[], json!(format!("m{n}")));
            current = page(&list(V3_MARKERS), body, Some(&current));
        }
        assert!(current.has_next_page());
        assert_pagination(current.next_page().await, "empty pages in a row");
    }

    #[tokio::test]
    async fn a_repeated_response_marker_is_a_repeat() {
        let request = list(V3_MARKERS).query("marker", "m1");
        let first = page(&request, v3_body(&["a"], json!("m1")), None);
        assert_pagination(first.next_page().await, "marker \"m1\" again");
    }

    #[test]
    fn an_empty_page_is_the_last_and_bad_items_keep_the_body() {
        let empty = page(&list(MARKERS), json!({"servers": []}), None);
        assert!(!empty.has_next_page());
        let empty = page(&list(PAGES), json!({"count": 9, "servers": []}), None);
        assert!(!empty.has_next_page(), "the page past the end");
        let bodies = [
            (json!({"servers": {"id": "a"}}), "`servers` is not a list"),
            (json!({"count": 3}), "`servers` is missing"),
            (json!({"count": 3, "servers": null}), "`servers` is null"),
        ];
        for (body, wanted) in bodies {
            for paging in [MARKERS, PAGES] {
                match decode_page(&list(paging), body.clone(), None) {
                    Err(Error::Decode(e)) => {
                        assert_eq!(e.body_text(), body.to_string());
                        assert!(e.source.to_string().contains(wanted), "{}", e.source);
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }
}

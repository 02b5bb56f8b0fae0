//! What the client benchmark (`tests/benches/client.rs`, `BENCHMARKS.md`) needs: a local HTTP/1.1
//! server that answers the Nirvana operations endpoints with canned bytes (no routing tables,
//! no matching, no JSON work per request), and a minimal hand-written reqwest + serde client
//! that does the same work as the generated one, to compare against.

use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The API key both clients send.
pub const API_KEY: &str = "bench-key";

/// One operation as the Nirvana API returns it; every fourth carries field diffs.
pub fn operation_json(n: usize) -> String {
    let details = if n.is_multiple_of(4) {
        r#"{"changes":{"cpu":{"from":2,"to":4},"name":{"from":"old","to":"new"},"tags":{"from":["a"],"to":["a","b"]}}}"#
    } else {
        "null"
    };
    format!(
        r#"{{"id":"op_{n:06}","created_at":"2025-06-01T12:00:00Z","details":{details},"kind":"vm","project_id":"p","resource_id":"vm_{n:06}","status":"done","type":"update","updated_at":"2025-06-01T12:00:03.250Z"}}"#
    )
}

/// Page `index` of `pages` pages of `per_page` operations, with the cursor of the next page.
pub fn page_json(index: usize, pages: usize, per_page: usize) -> String {
    let items: Vec<String> = (0..per_page)
        .map(|i| operation_json(index * per_page + i))
        .collect();
    let next = if index + 1 < pages {
        format!(r#""c{}""#, index + 1)
    } else {
        "null".to_owned()
    };
    let previous = if index > 0 {
        format!(r#""c{}""#, index - 1)
    } else {
        "null".to_owned()
    };
    format!(
        r#"{{"items":[{}],"pagination":{{"next_cursor":{next},"previous_cursor":{previous},"total_count":{}}}}}"#,
        items.join(","),
        pages * per_page
    )
}

fn response(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-request-id: req_bench\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Every answer, rendered once.
struct Answers {
    operation: Vec<u8>,
    pages: Vec<Vec<u8>>,
    not_found: Vec<u8>,
}

impl Answers {
    /// The answer to a request line's target: `/v1/operations/{id}` gets the operation,
    /// `/v1/operations?...` the page its `cursor` names (`c3` is page 3; none is page 0).
    fn to(&self, target: &[u8]) -> &[u8] {
        let (path, query) = match target.iter().position(|&b| b == b'?') {
            Some(i) => (&target[..i], &target[i + 1..]),
            None => (target, &b""[..]),
        };
        if path.starts_with(b"/v1/operations/") && path.len() > b"/v1/operations/".len() {
            return &self.operation;
        }
        if path != b"/v1/operations" {
            return &self.not_found;
        }
        let cursor = query
            .split(|&b| b == b'&')
            .find_map(|pair| pair.strip_prefix(b"cursor=c"));
        let index = match cursor {
            None => Some(0),
            Some(digits) => std::str::from_utf8(digits)
                .ok()
                .and_then(|d| d.parse::<usize>().ok()),
        };
        match index.and_then(|i| self.pages.get(i)) {
            Some(page) => page,
            None => &self.not_found,
        }
    }
}

/// A local HTTP/1.1 server with canned answers, bound to 127.0.0.1 only. Stops when dropped.
///
/// [`Server::start`] runs it on a thread and single-threaded runtime of its own;
/// [`Server::spawn`] runs it as tasks of the caller's runtime, so that on a single-threaded
/// runtime client and server take turns on one thread and a round trip costs only CPU work, with
/// no wake-up of an idle core in it.
pub struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    task: Option<tokio::task::AbortHandle>,
}

fn answers(pages: usize, per_page: usize) -> Arc<Answers> {
    Arc::new(Answers {
        operation: response("200 OK", &operation_json(1)),
        pages: (0..pages)
            .map(|i| response("200 OK", &page_json(i, pages, per_page)))
            .collect(),
        not_found: response(
            "404 Not Found",
            r#"{"error":{"code":"not_found","message":"no such route"}}"#,
        ),
    })
}

fn bind() -> (std::net::TcpListener, SocketAddr) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("local address");
    (listener, addr)
}

/// Accepts connections until the listener fails, serving each on a task of its own.
async fn accept(listener: std::net::TcpListener, answers: Arc<Answers>) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(serve(stream, answers.clone()));
    }
}

impl Server {
    /// Starts a server, on its own thread, whose operations list has `pages` pages of
    /// `per_page` operations.
    pub fn start(pages: usize, per_page: usize) -> Server {
        let answers = answers(pages, per_page);
        let (listener, addr) = bind();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                tokio::select! {
                    _ = stopped => {}
                    _ = accept(listener, answers) => {}
                }
            });
        });
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
            task: None,
        }
    }

    /// Like [`Server::start`], but as tasks of the current tokio runtime (call it inside one).
    pub fn spawn(pages: usize, per_page: usize) -> Server {
        let (listener, addr) = bind();
        let task = tokio::spawn(accept(listener, answers(pages, per_page)));
        Server {
            addr,
            stop: None,
            thread: None,
            task: Some(task.abort_handle()),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The `Content-Length` of a request head, 0 if none.
fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .find_map(|line| {
            let line = std::str::from_utf8(line).ok()?;
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// Answers the requests of one keep-alive connection, in order.
async fn serve(mut stream: TcpStream, answers: Arc<Answers>) {
    let _ = stream.set_nodelay(true);
    let mut buffer: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(end) = find(&buffer, b"\r\n\r\n") {
                break end + 4;
            }
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        let request_end = head_end + content_length(&buffer[..head_end]);
        while buffer.len() < request_end {
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
        // `GET /target HTTP/1.1`
        let line_end = find(&buffer, b"\r\n").unwrap_or(head_end);
        let target = buffer[..line_end]
            .split(|&b| b == b' ')
            .nth(1)
            .unwrap_or(b"/");
        let answer = answers.to(target);
        if stream.write_all(answer).await.is_err() {
            return;
        }
        buffer.drain(..request_end);
    }
}

/// A cursor page as the hand-written client reads it.
#[derive(Debug, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// The cursors.
    pub pagination: PageInfo,
}

/// The `pagination` object of a page.
#[derive(Debug, Deserialize)]
pub struct PageInfo {
    /// The next page's cursor, `None` on the last page.
    pub next_cursor: Option<String>,
}

/// What goes wrong for the hand-written client.
pub type HandError = Box<dyn std::error::Error + Send + Sync>;

/// The minimal hand-written client: reqwest and serde, the same headers and the same models as
/// the generated client, and none of its machinery (no retries, no timeouts per attempt, no path
/// encoding, no tracing, no error shapes).
#[derive(Clone)]
pub struct HandClient {
    http: reqwest::Client,
    base_url: String,
    authorization: String,
}

impl HandClient {
    /// A client of the server at `base_url`.
    pub fn new(base_url: &str) -> HandClient {
        HandClient {
            http: reqwest::Client::new(),
            base_url: base_url.to_owned(),
            authorization: format!("Bearer {API_KEY}"),
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        query: &[(&str, &str)],
    ) -> Result<T, HandError> {
        let response = self
            .http
            .get(url)
            .query(query)
            .header("authorization", &self.authorization)
            .header("accept", "application/json")
            .header("user-agent", "hand-written/0")
            .send()
            .await?
            .error_for_status()?;
        let body = response.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /v1/operations/{id}`.
    pub async fn get_operation<T: serde::de::DeserializeOwned>(
        &self,
        id: &str,
    ) -> Result<T, HandError> {
        self.get(&format!("{}/v1/operations/{id}", self.base_url), &[])
            .await
    }

    /// `GET /v1/operations?project_id=..&limit=..[&cursor=..]`.
    pub async fn list_operations<T: serde::de::DeserializeOwned>(
        &self,
        project_id: &str,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<T>, HandError> {
        let limit = limit.to_string();
        let mut query = vec![("project_id", project_id), ("limit", limit.as_str())];
        if let Some(cursor) = cursor {
            query.push(("cursor", cursor));
        }
        self.get(&format!("{}/v1/operations", self.base_url), &query)
            .await
    }

    /// Every operation of every page, following `next_cursor`, handed to `each`; returns how
    /// many there were.
    pub async fn for_each_operation<T: serde::de::DeserializeOwned>(
        &self,
        project_id: &str,
        limit: u32,
        mut each: impl FnMut(T),
    ) -> Result<usize, HandError> {
        let mut count = 0;
        let mut cursor: Option<String> = None;
        loop {
            let page: Page<T> = self
                .list_operations(project_id, limit, cursor.as_deref())
                .await?;
            count += page.items.len();
            page.items.into_iter().for_each(&mut each);
            match page.pagination.next_cursor {
                Some(next) if !next.is_empty() => cursor = Some(next),
                _ => return Ok(count),
            }
        }
    }
}

/// The generated Nirvana client, pointed at `base_url`.
pub fn generated_client(base_url: &str) -> generated_sdk::nirvana::Client {
    generated_sdk::nirvana::Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .build()
        .expect("generated client")
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;
    use generated_sdk::nirvana::{Operation, OperationsListParams};

    /// Both clients get the same answers from the canned server, through pages and errors,
    /// whether it runs on its own thread or on the test's runtime.
    #[tokio::test]
    async fn both_clients_read_the_canned_server_alike() {
        check_clients(Server::start(3, 5)).await;
        check_clients(Server::spawn(3, 5)).await;
    }

    async fn check_clients(server: Server) {
        let generated = generated_client(&server.base_url());
        let hand = HandClient::new(&server.base_url());

        let a = generated.operations().get("op_1").await.unwrap();
        let b: Operation = hand.get_operation("op_1").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a.id, "op_000001");

        let page = generated
            .operations()
            .list(OperationsListParams::new("p").limit(5))
            .await
            .unwrap();
        let hand_page: Page<Operation> = hand.list_operations("p", 5, None).await.unwrap();
        assert_eq!(page.items, hand_page.items);
        assert_eq!(page.items.len(), 5);
        assert!(page.items[0].details.is_some() && page.items[1].details.is_none());

        let all: Vec<Operation> = generated
            .operations()
            .list(OperationsListParams::new("p").limit(5))
            .items()
            .try_collect()
            .await
            .unwrap();
        let mut hand_all = Vec::new();
        let count = hand
            .for_each_operation("p", 5, |op: Operation| hand_all.push(op))
            .await
            .unwrap();
        assert_eq!(count, 15);
        assert_eq!(all, hand_all);
        assert_eq!(all.last().unwrap().id, "op_000014");

        let error = generated.compute().vms().get("x").await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    }

    #[test]
    fn requests_are_routed_by_target() {
        let answers = Answers {
            operation: b"op".to_vec(),
            pages: vec![b"p0".to_vec(), b"p1".to_vec()],
            not_found: b"404".to_vec(),
        };
        assert_eq!(answers.to(b"/v1/operations/op_1"), b"op");
        assert_eq!(answers.to(b"/v1/operations?project_id=p&limit=100"), b"p0");
        assert_eq!(answers.to(b"/v1/operations?cursor=c1&limit=2"), b"p1");
        assert_eq!(answers.to(b"/v1/operations?cursor=c2"), b"404");
        assert_eq!(answers.to(b"/v1/operations/"), b"404");
        assert_eq!(
            content_length(b"GET / HTTP/1.1\r\nContent-Length: 12\r\n\r\n"),
            12
        );
    }
}

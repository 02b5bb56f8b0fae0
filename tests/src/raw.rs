//! Raw TCP servers that misbehave on purpose, for the client-safety tests
//! (`tests/hostile_server.rs`): no HTTP library on the server side, so nothing smooths over
//! what the client does. Each server records every request it read, counts the connections it
//! accepted and the body bytes it managed to write, and answers as a handler says: bytes, no
//! answer at all, a closed connection, or a body that never ends.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

/// A request as the server read it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The method (`GET`).
    pub method: String,
    /// The request target, path and query (`/v1/operations?cursor=a`).
    pub target: String,
    /// Every header, names lowercased, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body, as many bytes as `Content-Length` said.
    pub body: Vec<u8>,
}

impl Seen {
    /// The value of the header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the server answers one request.
pub enum Reply {
    /// Writes these bytes, then closes the connection.
    Raw(Vec<u8>),
    /// Never answers; keeps the connection open until the client goes away.
    Stall,
    /// Closes the connection without answering.
    Close,
    /// Writes `head`, then body bytes until the client stops reading (the bytes written are
    /// counted, see [`RawServer::written`]).
    Endless {
        /// The status line and headers, up to and including the empty line.
        head: Vec<u8>,
        /// Frame the body in chunks (`Transfer-Encoding: chunked` must be in `head`).
        chunked: bool,
    },
}

/// The handler: the request and its index (0 for the first request the server read).
pub type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

#[derive(Default)]
struct State {
    seen: Mutex<Vec<Seen>>,
    connections: AtomicUsize,
    written: AtomicU64,
}

/// A server on 127.0.0.1, stopped when dropped.
pub struct RawServer {
    /// Where it listens.
    pub addr: SocketAddr,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A listener with a small send buffer, so that what the server counts as written is close to
/// what the client took.
fn listener() -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_send_buffer_size(32 * 1024)?;
    socket.bind("127.0.0.1:0".parse().expect("address"))?;
    socket.listen(128)
}

impl RawServer {
    /// Starts a server answering as `handler` says, one request per connection.
    pub async fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = listener().expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(State::default());
        let handler: Arc<Handler> = Arc::new(handler);
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, shared.clone(), handler.clone()));
            }
        });
        RawServer { addr, state, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request read so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().expect("lock").clone()
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    /// Body bytes written so far by [`Reply::Endless`] answers.
    pub fn written(&self) -> u64 {
        self.state.written.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, state: Arc<State>, handler: Arc<Handler>) {
    let Some(seen) = read_request(&mut stream).await else {
        return;
    };
    let index = {
        let mut all = state.seen.lock().expect("lock");
        all.push(seen.clone());
        all.len() - 1
    };
    match handler(&seen, index) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Close => drop(stream),
        Reply::Stall => {
            let mut buf = [0u8; 1024];
            while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
        }
        Reply::Endless { head, chunked } => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            let data = vec![b'x'; 16 * 1024];
            let frame = if chunked {
                let mut frame = format!("{:x}\r\n", data.len()).into_bytes();
                frame.extend_from_slice(&data);
                frame.extend_from_slice(b"\r\n");
                frame
            } else {
                data.clone()
            };
            while stream.write_all(&frame).await.is_ok() {
                state.written.fetch_add(data.len() as u64, Ordering::SeqCst);
            }
        }
    }
}

/// Reads one request: head up to the empty line, then `Content-Length` bytes of body.
async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buffer.len() > 4 << 20 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, target) = (start.next()?.to_owned(), start.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

/// A whole answer: status line, the headers given, `Content-Length` and `Connection: close`,
/// then the body.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status} Status\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A JSON answer.
pub fn json(status: u16, body: &serde_json::Value) -> Reply {
    Reply::Raw(response(
        status,
        &[("content-type", "application/json")],
        body.to_string().as_bytes(),
    ))
}

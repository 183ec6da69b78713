//! A minimal keep-alive HTTP/1.1 client on hyper's connection API: one TCP
//! connection per task, requests sent one after another on it.

use std::net::{IpAddr, SocketAddr};

use anyhow::{Context, Result, anyhow};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpSocket, TcpStream};

/// One keep-alive connection to the server.
pub struct Conn {
    addr: SocketAddr,
    /// The local address to connect from (any loopback address works).
    source: Option<IpAddr>,
    host: HeaderValue,
    sender: Option<SendRequest<Full<Bytes>>>,
}

/// What came back.
pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub body: Bytes,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Result<serde_json::Value> {
        serde_json::from_slice(&self.body).context("the response body is not JSON")
    }
}

async fn open(addr: SocketAddr, source: Option<IpAddr>) -> Result<SendRequest<Full<Bytes>>> {
    let stream = match source {
        None => TcpStream::connect(addr).await?,
        Some(ip) => {
            let socket = if ip.is_ipv4() {
                TcpSocket::new_v4()?
            } else {
                TcpSocket::new_v6()?
            };
            socket.bind(SocketAddr::new(ip, 0))?;
            socket.connect(addr).await?
        }
    };
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

impl Conn {
    /// A connection to `addr`, opened lazily.
    pub fn new(addr: SocketAddr) -> Result<Self> {
        Ok(Self {
            addr,
            source: None,
            host: HeaderValue::from_str(&addr.to_string())?,
            sender: None,
        })
    }

    /// A connection to `addr` from the local address `source`, opened lazily.
    pub fn from_source(addr: SocketAddr, source: IpAddr) -> Result<Self> {
        let mut conn = Self::new(addr)?;
        conn.source = Some(source);
        Ok(conn)
    }

    /// Sends one request and reads the whole answer. A broken connection is
    /// dropped (and reopened by the next request) and reported as an error.
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(HeaderName, HeaderValue)],
        body: Option<Bytes>,
    ) -> Result<Reply> {
        let result = self.try_send(method, path, headers, body).await;
        if result.is_err() {
            self.sender = None;
        }
        result
    }

    async fn try_send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(HeaderName, HeaderValue)],
        body: Option<Bytes>,
    ) -> Result<Reply> {
        let sender = match &mut self.sender {
            Some(s) if !s.is_closed() => s,
            _ => self.sender.insert(open(self.addr, self.source).await?),
        };
        sender.ready().await?;
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(hyper::header::HOST, self.host.clone());
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request = builder.body(Full::new(body.unwrap_or_default()))?;
        let response = sender.send_request(request).await?;
        let status = response.status();
        let location = response
            .headers()
            .get(hyper::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let set_cookies = response
            .headers()
            .get_all(hyper::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| anyhow!("reading the body: {e}"))?
            .to_bytes();
        Ok(Reply {
            status,
            location,
            set_cookies,
            body,
        })
    }

    /// GET `path`.
    pub async fn get(
        &mut self,
        path: &str,
        headers: &[(HeaderName, HeaderValue)],
    ) -> Result<Reply> {
        self.send(Method::GET, path, headers, None).await
    }

    /// POST a form to `path`.
    pub async fn post_form(
        &mut self,
        path: &str,
        headers: &[(HeaderName, HeaderValue)],
        form: String,
    ) -> Result<Reply> {
        let mut all = Vec::with_capacity(headers.len() + 1);
        all.push((
            hyper::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        ));
        all.extend_from_slice(headers);
        self.send(Method::POST, path, &all, Some(Bytes::from(form)))
            .await
    }
}

/// Fails unless the status is `want`.
pub fn expect(reply: &Reply, want: StatusCode, what: &str) -> Result<()> {
    if reply.status == want {
        return Ok(());
    }
    let body = String::from_utf8_lossy(&reply.body);
    // A page's alert says more than its first 200 bytes.
    let alert = body
        .split_once("role=\"alert\">")
        .and_then(|(_, rest)| rest.split_once('<'))
        .map(|(text, _)| text.trim())
        .filter(|text| !text.is_empty());
    let shown: String = match alert {
        Some(text) => text.to_owned(),
        None => body.chars().take(200).collect(),
    };
    Err(anyhow!("{what}: status {} ({shown})", reply.status))
}

/// Percent-encodes a form value.
pub fn enc(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// `Authorization: Basic` for a client (RFC 6749 §2.3.1 form-encodes each part).
pub fn basic(id: &str, secret: &str) -> Result<HeaderValue> {
    use base64::Engine;
    let text = format!("{}:{}", enc(id), enc(secret));
    Ok(HeaderValue::from_str(&format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(text)
    ))?)
}

/// `Authorization: Bearer`.
pub fn bearer(token: &str) -> Result<HeaderValue> {
    Ok(HeaderValue::from_str(&format!("Bearer {token}"))?)
}

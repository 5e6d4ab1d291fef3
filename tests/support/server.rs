//! A small HTTP server on 127.0.0.1 for the tests of fetching: fixed routes, served on a
//! thread until the server is dropped. Nothing here contacts any other address.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// What a route answers.
#[derive(Clone)]
pub enum Reply {
    /// Status, headers and body.
    Page(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// A redirect to another path on this server.
    Redirect(&'static str),
    /// An answer that starts only after a wait.
    Slow(Duration),
}

/// An HTML page with a content type (no charset: pages declare their own).
pub fn html(body: &str) -> Reply {
    Reply::Page(
        200,
        vec![("Content-Type", "text/html".to_owned())],
        body.as_bytes().to_vec(),
    )
}

/// A running server; stopped when dropped.
pub struct Server {
    listener: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Serves `routes` (path → reply) on a free port of 127.0.0.1.
    pub fn start(routes: Vec<(&'static str, Reply)>) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a free port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let routes: HashMap<&'static str, Reply> = routes.into_iter().collect();
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let reply = routes.get(request.url()).cloned();
                std::thread::spawn(move || answer(request, reply));
            }
        });
        Server {
            listener: server,
            thread: Some(thread),
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn answer(request: tiny_http::Request, reply: Option<Reply>) {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
    };
    match reply {
        None => {
            let _ = request
                .respond(tiny_http::Response::from_string("no such page").with_status_code(404));
        }
        Some(Reply::Page(status, headers, body)) => {
            let mut response = tiny_http::Response::from_data(body).with_status_code(status);
            for (name, value) in headers {
                response.add_header(header(name, &value));
            }
            let _ = request.respond(response);
        }
        Some(Reply::Redirect(to)) => {
            let response = tiny_http::Response::empty(302).with_header(header("Location", to));
            let _ = request.respond(response);
        }
        Some(Reply::Slow(wait)) => {
            std::thread::sleep(wait);
            let _ = request.respond(tiny_http::Response::from_string("late"));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.listener.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `bytes`, gzip-compressed.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

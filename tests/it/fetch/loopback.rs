//! The loopback server: each route answers its recorded replies in turn.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One recorded answer.
#[derive(Clone)]
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
    /// Waits this long before answering.
    pub(super) delay: Duration,
    /// Sends only this many bytes of the body, having announced all of it.
    pub(super) cut_to: Option<usize>,
}

impl Reply {
    pub(super) fn ok(body: Vec<u8>) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body,
            delay: Duration::ZERO,
            cut_to: None,
        }
    }

    pub(super) fn status(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            ..Self::ok(body)
        }
    }
}

/// Routes: a request whose path contains the text gets the route's next
/// reply (the last one repeats).
pub(super) struct Server {
    pub(super) base: String,
    requests: Arc<Mutex<Vec<String>>>,
    /// Each request's header lines, lower-cased.
    pub(super) heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub(super) fn start(routes: Vec<(&'static str, Vec<Reply>)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = (Arc::clone(&requests), Arc::clone(&heads));
        let routes = Arc::new(Mutex::new(routes));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (paths, heads) = (Arc::clone(&seen.0), Arc::clone(&seen.1));
                let routes = Arc::clone(&routes);
                std::thread::spawn(move || answer(stream, (&paths, &heads), &routes));
            }
        });
        Self {
            base,
            requests,
            heads,
        }
    }

    pub(super) fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn answer(
    stream: TcpStream,
    (seen, heads): (&Mutex<Vec<String>>, &Mutex<Vec<String>>),
    routes: &Mutex<Vec<(&'static str, Vec<Reply>)>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    heads.lock().unwrap().push(head);
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    seen.lock().unwrap().push(path.clone());
    let reply = {
        let mut routes = routes.lock().unwrap();
        match routes.iter_mut().find(|(part, _)| path.contains(part)) {
            Some((_, replies)) if replies.len() > 1 => replies.remove(0),
            Some((_, replies)) => replies[0].clone(),
            None => Reply::status(404, format!("no route for {path}").into_bytes()),
        }
    };
    std::thread::sleep(reply.delay);
    let mut stream = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let body = &reply.body[..reply.cut_to.unwrap_or(reply.body.len())];
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = reader.read(&mut [0; 1]);
}

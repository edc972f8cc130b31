//! Load on the realtime socket, from outside the server (scripts/bench.sh runs it against a
//! release `rapport`): a brand and a connected creator, one conversation, and N WebSockets signed
//! in as the brand (every one of them a subscriber of the conversation). The creator sends
//! messages over the REST API; each socket's arrival time minus the time the request was sent is
//! one delivery's latency (so it includes storing the message).
//!
//! Two phases: a burst (messages one after another, each waiting until every socket has it) and a
//! sustained run (a fixed rate for some seconds, without waiting). With `--server-pid`, the
//! server's resident memory before and after the sockets open gives the memory per idle socket.
//! Publishing to one server and subscribing on another (two `rapport` on one PostgreSQL)
//! measures delivery across instances.
//!
//! usage: realtime_bench PUBLISH_URL SUBSCRIBE_URL [--clients N] [--messages M] [--rate R]
//!        [--seconds S] [--server-pid PID]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as Frame;

type Failure = Box<dyn std::error::Error + Send + Sync>;

struct Options {
    publish: String,
    subscribe: String,
    clients: usize,
    messages: usize,
    rate: u64,
    seconds: u64,
    server_pid: Option<u32>,
}

fn options() -> Result<Options, Failure> {
    let mut args = std::env::args().skip(1);
    let publish = args.next().ok_or("PUBLISH_URL missing")?;
    let subscribe = args.next().ok_or("SUBSCRIBE_URL missing")?;
    let mut options = Options {
        publish,
        subscribe,
        clients: 1_000,
        messages: 50,
        rate: 20,
        seconds: 30,
        server_pid: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--clients" => options.clients = value.parse()?,
            "--messages" => options.messages = value.parse()?,
            "--rate" => options.rate = value.parse()?,
            "--seconds" => options.seconds = value.parse()?,
            "--server-pid" => options.server_pid = Some(value.parse()?),
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    Ok(options)
}

struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> Result<Value, Failure> {
        let mut request = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base))
            .json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {text}").into());
        }
        Ok(if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)?
        })
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Result<Value, Failure> {
        self.call(reqwest::Method::POST, path, token, body).await
    }

    async fn get(&self, path: &str, token: &str) -> Result<Value, Failure> {
        self.call(reqwest::Method::GET, path, Some(token), Value::Null)
            .await
    }
}

fn text_of(value: &Value, pointer: &str) -> Result<String, Failure> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{pointer} missing in {value}").into())
}

/// A brand, a creator connected to it and their conversation: (brand's token, creator's token,
/// conversation id).
async fn set_up(api: &Api) -> Result<(String, String, String), Failure> {
    let run = std::process::id();
    let password = "bench-password-bench";
    let brand = api
        .post(
            "/auth/signup",
            None,
            json!({"email": format!("brand-{run}@bench.example"), "password": password, "name": "Bench Brand", "team_name": "Bench"}),
        )
        .await?;
    let brand_token = text_of(&brand, "/access_token")?;
    let team = text_of(&api.get("/me", &brand_token).await?, "/teams/0/id")?;
    let creator = api
        .post(
            "/auth/signup",
            None,
            json!({"email": format!("creator-{run}@bench.example"), "password": password, "name": "Bench Creator", "kind": "creator"}),
        )
        .await?;
    let creator_token = text_of(&creator, "/access_token")?;
    let profile = text_of(&api.get("/creator", &creator_token).await?, "/id")?;
    let invite = api
        .post(
            &format!("/teams/{team}/connection-invites"),
            Some(&brand_token),
            json!({"creator_id": profile}),
        )
        .await?;
    let invite = text_of(&invite, "/id")?;
    api.post(
        &format!("/creator/connection-invites/{invite}/accept"),
        Some(&creator_token),
        json!({}),
    )
    .await?;
    let connections = api
        .get(&format!("/teams/{team}/connections"), &brand_token)
        .await?;
    let influencer = text_of(&connections, "/items/0/influencer_id")?;
    let conversation = api
        .post(
            &format!("/teams/{team}/conversations"),
            Some(&brand_token),
            json!({"influencer_id": influencer}),
        )
        .await?;
    Ok((brand_token, creator_token, text_of(&conversation, "/id")?))
}

/// A message's number and the time a socket had it.
type Arrival = (usize, Instant);

/// Opens a socket, signs it in and waits for "ready"; then reports each bench message's arrival.
async fn subscribe(
    url: String,
    token: String,
    arrivals: mpsc::UnboundedSender<Arrival>,
) -> Result<tokio::task::JoinHandle<()>, Failure> {
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await?;
    socket
        .send(Frame::text(
            json!({"type": "auth", "token": token}).to_string(),
        ))
        .await?;
    loop {
        match socket.next().await {
            Some(Ok(Frame::Text(text))) if text.contains("\"ready\"") => break,
            Some(Ok(_)) => continue,
            _ => return Err("the socket closed before it was ready".into()),
        }
    }
    Ok(tokio::spawn(async move {
        while let Some(Ok(frame)) = socket.next().await {
            let Frame::Text(text) = frame else { continue };
            let at = Instant::now();
            let Ok(event) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            if event["type"] != "message_created" {
                continue;
            }
            let number = event["message"]["text"]
                .as_str()
                .and_then(|t| t.strip_prefix("bench "))
                .and_then(|n| n.parse().ok());
            if let Some(number) = number {
                if arrivals.send((number, at)).is_err() {
                    break;
                }
            }
        }
    }))
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

fn report(label: &str, mut latencies: Vec<Duration>, expected: usize) {
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "   {label}: {} of {expected} deliveries; p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0),
    );
}

/// Who writes where, and how many sockets listen.
struct Chat {
    api: Api,
    token: String,
    conversation: String,
    clients: usize,
}

/// Sends `count` messages, at `rate` per second (0: each after every socket has the one before),
/// and reports the latencies.
async fn run(
    label: &str,
    chat: &Chat,
    (first, count): (usize, usize),
    rate: u64,
    arrivals: &mut mpsc::UnboundedReceiver<Arrival>,
) -> Result<(), Failure> {
    let Chat {
        api,
        token,
        conversation,
        clients,
    } = chat;
    let clients = *clients;
    let sent: Arc<Mutex<HashMap<usize, Instant>>> = Arc::default();
    let mut latencies = Vec::with_capacity(clients * count);
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rate.max(1)));
    let mut got = 0usize;
    let collect =
        |arrival: Arrival, latencies: &mut Vec<Duration>, sent: &Mutex<HashMap<usize, Instant>>| {
            if let Some(at) = sent.lock().ok().and_then(|s| s.get(&arrival.0).copied()) {
                latencies.push(arrival.1.saturating_duration_since(at));
            }
        };
    for number in first..first + count {
        if rate > 0 {
            tick.tick().await;
        }
        if let Ok(mut sent) = sent.lock() {
            sent.insert(number, Instant::now());
        }
        api.post(
            &format!("/conversations/{conversation}/messages"),
            Some(token),
            json!({"text": format!("bench {number}")}),
        )
        .await?;
        if rate == 0 {
            let deadline = Instant::now() + Duration::from_secs(5);
            while got < clients * (number - first + 1) {
                match tokio::time::timeout_at(deadline.into(), arrivals.recv()).await {
                    Ok(Some(arrival)) => {
                        got += 1;
                        collect(arrival, &mut latencies, &sent);
                    }
                    _ => break,
                }
            }
        }
        while let Ok(arrival) = arrivals.try_recv() {
            got += 1;
            collect(arrival, &mut latencies, &sent);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while got < clients * count {
        match tokio::time::timeout_at(deadline.into(), arrivals.recv()).await {
            Ok(Some(arrival)) => {
                got += 1;
                collect(arrival, &mut latencies, &sent);
            }
            _ => break,
        }
    }
    report(label, latencies, clients * count);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let options = options()?;
    let publish = Api {
        client: reqwest::Client::new(),
        base: options.publish.clone(),
    };
    let (brand, creator, conversation) = set_up(&publish).await?;
    let url = format!(
        "{}/api/v1/realtime",
        options.subscribe.replacen("http", "ws", 1)
    );
    let before = options.server_pid.and_then(resident_kib);
    let (arrivals_in, mut arrivals) = mpsc::unbounded_channel();
    let opening = Instant::now();
    let mut readers = Vec::with_capacity(options.clients);
    // Open in waves of 50 (a browser's reconnects arrive spread out, not all in one instant).
    for wave in (0..options.clients).collect::<Vec<_>>().chunks(50) {
        let opened = futures_util::future::join_all(
            wave.iter()
                .map(|_| subscribe(url.clone(), brand.clone(), arrivals_in.clone())),
        )
        .await;
        for socket in opened {
            readers.push(socket?);
        }
    }
    println!(
        "   {} sockets signed in in {:.1} s",
        readers.len(),
        opening.elapsed().as_secs_f64()
    );
    if let (Some(pid), Some(before)) = (options.server_pid, before) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if let Some(after) = resident_kib(pid) {
            println!(
                "   server memory: {:.1} MiB before, {:.1} MiB with the sockets open: {:.1} KiB per idle socket",
                before as f64 / 1024.0,
                after as f64 / 1024.0,
                after.saturating_sub(before) as f64 / options.clients as f64
            );
        }
    }
    let chat = Chat {
        api: publish,
        token: creator,
        conversation,
        clients: options.clients,
    };
    run(
        &format!("burst, {} messages one after another", options.messages),
        &chat,
        (0, options.messages),
        0,
        &mut arrivals,
    )
    .await?;
    let sustained = (options.rate * options.seconds) as usize;
    run(
        &format!(
            "sustained, {} messages a second for {} s",
            options.rate, options.seconds
        ),
        &chat,
        (options.messages, sustained),
        options.rate,
        &mut arrivals,
    )
    .await?;
    for reader in readers {
        reader.abort();
    }
    Ok(())
}

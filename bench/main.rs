//! mcpauth's benchmark: everything measured in one run, against a baseline measured alongside.
//!
//! `bench` (run by bench/run.sh) starts a minimal MCP responder (this program with
//! `responder PORT DELAY_MS`) and `mcpauth serve` with the responder mounted as upstreams,
//! signs in through the real OAuth flow, then drives `tools/call` load on loopback and prints
//! requests/s, latency percentiles, CPU per request and the ratios the design targets.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "benchmark password";
const SECONDS: u64 = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rt = tokio::runtime::Runtime::new()?;
    match args.get(1).map(String::as_str) {
        Some("responder") => rt.block_on(responder(args[2].parse()?, args[3].parse()?)),
        Some("bare-proxy") => rt.block_on(bare_proxy(args[2].parse()?, args[3].parse()?)),
        _ => rt.block_on(run()),
    }
}

/// The baseline: the least an MCP server over HTTP can do for a `tools/call`.
async fn responder(port: u16, delay_ms: u64) -> Result<(), Box<dyn std::error::Error>> {
    let handle = move |body: Bytes| async move {
        if delay_ms > 0 {
            // Tokio's timer rounds up to whole milliseconds, which would turn a small delay
            // added in front of the responder into a whole extra millisecond for some calls.
            let wait = Duration::from_millis(delay_ms);
            let _ = tokio::task::spawn_blocking(move || std::thread::sleep(wait)).await;
        }
        let Ok(message) = serde_json::from_slice::<Value>(&body) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        let result = match message["method"].as_str() {
            Some("initialize") => json!({ "protocolVersion": message["params"]["protocolVersion"],
                "capabilities": { "tools": {} }, "serverInfo": { "name": "responder", "version": "1" } }),
            Some("tools/list") => {
                json!({ "tools": [{ "name": "ping", "inputSchema": { "type": "object" },
                "annotations": { "readOnlyHint": true } }] })
            }
            Some("tools/call") => json!({ "content": [{ "type": "text", "text": "pong" }] }),
            _ => return StatusCode::ACCEPTED.into_response(),
        };
        axum::Json(json!({ "jsonrpc": "2.0", "id": message["id"], "result": result }))
            .into_response()
    };
    let app = axum::Router::new().route(
        "/mcp",
        axum::routing::post(handle).delete(|| async { StatusCode::OK }),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The floor for any proxy: forwards each request as it is to the responder with hyper's pooled
/// client, and its answer back. No token, no scope, no audit.
async fn bare_proxy(port: u16, upstream: u16) -> Result<(), Box<dyn std::error::Error>> {
    type Client = hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        axum::body::Body,
    >;
    let client: Client =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let target: axum::http::Uri = format!("http://127.0.0.1:{upstream}/mcp").parse()?;
    let forward = move |req: axum::extract::Request| {
        let (client, target) = (client.clone(), target.clone());
        async move {
            let (mut parts, body) = req.into_parts();
            parts.uri = target;
            parts.headers.remove(axum::http::header::HOST);
            match client
                .request(axum::http::Request::from_parts(parts, body))
                .await
            {
                Ok(answer) => answer.map(axum::body::Body::new).into_response(),
                Err(_) => StatusCode::BAD_GATEWAY.into_response(),
            }
        }
    };
    let app = axum::Router::new().route("/mcp", axum::routing::post(forward));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Cpu {
    /// User and system CPU time process `pid` has used, from /proc.
    fn of(pid: u32) -> Cpu {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        // USER_HZ is 100 on Linux.
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Cpu {
            user: ticks(11) / 100.0,
            system: ticks(12) / 100.0,
        }
    }

    /// Microseconds per request: (total, user, system).
    fn per(self, requests: u64) -> (f64, f64, f64) {
        let n = requests.max(1) as f64;
        (
            (self.user + self.system) * 1e6 / n,
            self.user * 1e6 / n,
            self.system * 1e6 / n,
        )
    }
}

/// CPU seconds, in user space and in the kernel (which, on loopback, includes delivering what
/// the process sends to the receiving socket).
#[derive(Clone, Copy, Default)]
struct Cpu {
    user: f64,
    system: f64,
}

impl std::ops::Add for Cpu {
    type Output = Cpu;

    fn add(self, other: Cpu) -> Cpu {
        Cpu {
            user: self.user + other.user,
            system: self.system + other.system,
        }
    }
}

impl std::ops::Sub for Cpu {
    type Output = Cpu;

    fn sub(self, earlier: Cpu) -> Cpu {
        Cpu {
            user: self.user - earlier.user,
            system: self.system - earlier.system,
        }
    }
}

async fn wait_for(port: u16) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listens on port {port}");
}

fn mcpauth(bin: &Path, db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("--db").arg(db).arg("-q").args(args);
    cmd
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let exe = std::env::current_exe()?;
    let bin: PathBuf = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("mcpauth"))
        .ok_or("no target dir")?;
    let dir = std::env::temp_dir().join(format!("mcpauth-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("mcpauth.db");

    let (fast_port, slow_port, port) = (free_port(), free_port(), free_port());
    let fast = Proc(
        Command::new(&exe)
            .args(["responder", &fast_port.to_string(), "0"])
            .spawn()?,
    );
    let bare_port = free_port();
    let bare = Proc(
        Command::new(&exe)
            .args(["bare-proxy", &bare_port.to_string(), &fast_port.to_string()])
            .spawn()?,
    );
    let _slow = Proc(
        Command::new(&exe)
            .args(["responder", &slow_port.to_string(), "5"])
            .spawn()?,
    );
    let slow_bare_port = free_port();
    let _slow_bare = Proc(
        Command::new(&exe)
            .args([
                "bare-proxy",
                &slow_bare_port.to_string(),
                &slow_port.to_string(),
            ])
            .spawn()?,
    );
    let issuer = format!("http://127.0.0.1:{port}");
    let mut init = mcpauth(
        &bin,
        &db,
        &[
            "init",
            "--yes",
            "--admin",
            EMAIL,
            "--password-stdin",
            "--issuer",
            &issuer,
        ],
    )
    .stdin(Stdio::piped())
    .spawn()?;
    use std::io::Write;
    init.stdin
        .take()
        .ok_or("stdin")?
        .write_all(format!("{PASSWORD}\n").as_bytes())?;
    init.wait()?;
    for (name, p) in [("fast", fast_port), ("slow", slow_port)] {
        mcpauth(
            &bin,
            &db,
            &[
                "upstream",
                "add",
                name,
                "--url",
                &format!("http://127.0.0.1:{p}/mcp"),
            ],
        )
        .status()?;
    }
    let server = Proc(
        mcpauth(
            &bin,
            &db,
            &["serve", "--listen", &format!("127.0.0.1:{port}")],
        )
        .env("RUST_LOG", "warn")
        .stderr(Stdio::null())
        .spawn()?,
    );
    for p in [fast_port, slow_port, port, bare_port, slow_bare_port] {
        wait_for(p).await;
    }

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let builtin_token = token(&http, &issuer, &format!("{issuer}/mcp")).await?;
    let fast_token = token(&http, &issuer, &format!("{issuer}/mcp/fast")).await?;
    let slow_token = token(&http, &issuer, &format!("{issuer}/mcp/slow")).await?;
    let direct_fast = format!("http://127.0.0.1:{fast_port}/mcp");
    let direct_slow = format!("http://127.0.0.1:{slow_port}/mcp");
    let through_bare = format!("http://127.0.0.1:{bare_port}/mcp");

    println!(
        "mcpauth benchmark: {SECONDS} s per target, in {TURNS} turns taken in rotation with the others of its group; loopback, {} cores\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Warm up connections, caches and the upstreams' tool annotations.
    load(
        &format!("{issuer}/mcp/fast"),
        Some(&fast_token),
        "ping",
        4,
        Duration::from_secs(1),
    )
    .await;
    load(
        &format!("{issuer}/mcp"),
        Some(&builtin_token),
        "whoami",
        4,
        Duration::from_secs(1),
    )
    .await;

    let (mcp_builtin, mcp_fast, mcp_slow) = (
        format!("{issuer}/mcp"),
        format!("{issuer}/mcp/fast"),
        format!("{issuer}/mcp/slow"),
    );
    let through_slow_bare = format!("http://127.0.0.1:{slow_bare_port}/mcp");
    let target = |url: &str, token: Option<&str>, tool: &'static str, watch: &[&Proc]| Target {
        url: url.to_owned(),
        token: token.map(str::to_owned),
        tool,
        watch: watch.iter().map(|p| p.0.id()).collect(),
    };
    let [direct, builtin, proxied, bare_proxied] = interleaved(
        [
            target(&direct_fast, None, "ping", &[&fast]),
            target(&mcp_builtin, Some(&builtin_token), "whoami", &[]),
            target(&mcp_fast, Some(&fast_token), "ping", &[&server, &fast]),
            target(&through_bare, None, "ping", &[&bare]),
        ],
        32,
    )
    .await;
    // With an upstream that waits, at a concurrency that leaves the two cores room (the load
    // generator runs on them too), then at one that saturates them.
    let [slow_direct, slow_proxied, slow_bare] = interleaved(
        [
            target(&direct_slow, None, "ping", &[]),
            target(&mcp_slow, Some(&slow_token), "ping", &[]),
            target(&through_slow_bare, None, "ping", &[]),
        ],
        16,
    )
    .await;
    let [busy_direct, busy_proxied] = interleaved(
        [
            target(&direct_slow, None, "ping", &[]),
            target(&mcp_slow, Some(&slow_token), "ping", &[]),
        ],
        64,
    )
    .await;
    let [one_direct, one_proxied, one_bare] = interleaved(
        [
            target(&direct_fast, None, "ping", &[]),
            target(&mcp_fast, Some(&fast_token), "ping", &[&server]),
            target(&through_bare, None, "ping", &[&bare]),
        ],
        1,
    )
    .await;
    let (cpu_direct, cpu_proxy, cpu_responder_proxied, cpu_bare) = (
        direct.cpu[0],
        proxied.cpu[0],
        proxied.cpu[1],
        bare_proxied.cpu[0],
    );
    let (cpu_one_proxy, cpu_one_bare) = (one_proxied.cpu[0], one_bare.cpu[0]);
    let [direct, builtin, proxied, bare_proxied] =
        [direct, builtin, proxied, bare_proxied].map(|m| m.stats);
    let [
        slow_direct,
        slow_proxied,
        slow_bare,
        busy_direct,
        busy_proxied,
    ] = [
        slow_direct,
        slow_proxied,
        slow_bare,
        busy_direct,
        busy_proxied,
    ]
    .map(|m| m.stats);
    let [one_direct, one_proxied, one_bare] = [one_direct, one_proxied, one_bare].map(|m| m.stats);

    let row = |name: &str, r: &Stats| {
        println!(
            "{name:<44} {:>9.0} req/s   p50 {:>7.3} ms   p99 {:>7.3} ms   ({} requests, {} failed)",
            r.rps,
            r.p50 * 1e3,
            r.p99 * 1e3,
            r.ok,
            r.failed
        )
    };
    row("direct responder (c=32)", &direct);
    row("mcpauth built-in tools/call (c=32)", &builtin);
    row("mcpauth -> responder (c=32)", &proxied);
    row("bare proxy -> responder (c=32)", &bare_proxied);
    row("direct responder, 5 ms per call (c=16)", &slow_direct);
    row("mcpauth -> responder, 5 ms per call (c=16)", &slow_proxied);
    row("bare proxy -> responder, 5 ms per call (c=16)", &slow_bare);
    row("direct responder, 5 ms per call (c=64)", &busy_direct);
    row("mcpauth -> responder, 5 ms per call (c=64)", &busy_proxied);
    row("direct responder (c=1)", &one_direct);
    row("mcpauth -> responder (c=1)", &one_proxied);
    row("bare proxy -> responder (c=1)", &one_bare);

    let (responder_cpu, responder_user, responder_system) = cpu_direct.per(direct.ok);
    let (proxy_cpu, proxy_user, proxy_system) = cpu_proxy.per(proxied.ok);
    println!("\nCPU per request (user + system):");
    println!(
        "  responder, direct run     {responder_cpu:>6.1} µs = {responder_user:.1} + {responder_system:.1}"
    );
    println!(
        "  responder, proxied run    {:>6.1} µs",
        cpu_responder_proxied.per(proxied.ok).0
    );
    println!(
        "  mcpauth proxy             {proxy_cpu:>6.1} µs = {proxy_user:.1} + {proxy_system:.1}"
    );
    let (bare_cpu, bare_user, bare_system) = cpu_bare.per(bare_proxied.ok);
    println!("  bare proxy                {bare_cpu:>6.1} µs = {bare_user:.1} + {bare_system:.1}");
    let (one_proxy_cpu, one_proxy_user, one_proxy_system) = cpu_one_proxy.per(one_proxied.ok);
    let (one_bare_cpu, one_bare_user, one_bare_system) = cpu_one_bare.per(one_bare.ok);
    println!(
        "  one in flight: mcpauth proxy {one_proxy_cpu:.1} µs = {one_proxy_user:.1} + {one_proxy_system:.1}, bare proxy {one_bare_cpu:.1} µs = {one_bare_user:.1} + {one_bare_system:.1}"
    );
    println!("\nratio                                                  figure   target");
    let check = |name: &str, v: f64, ok: bool, target: &str| {
        println!(
            "{name:<52} {v:>8.3}   {target} {}",
            if ok { "ok" } else { "MISSED" }
        )
    };
    let b = builtin.rps / direct.rps;
    check(
        "built-in tools/call rps / direct responder rps",
        b,
        b >= 0.5,
        ">= 0.5",
    );
    let c_ratio = proxy_cpu / responder_cpu;
    check(
        "proxy CPU per request / responder CPU per request",
        c_ratio,
        c_ratio <= 1.5,
        "<= 1.5",
    );
    let s = slow_proxied.rps / slow_direct.rps;
    check(
        "proxied / direct rps, upstream waits 5 ms (c=16)",
        s,
        s >= 0.97,
        ">= 0.97",
    );
    let busy = busy_proxied.rps / busy_direct.rps;
    println!(
        "{:<52} {busy:>8.3}   (cores saturated: for information)",
        "proxied / direct rps, upstream waits 5 ms (c=64)"
    );
    let p50 = (one_proxied.p50 - one_direct.p50) * 1e3;
    let p99 = (one_proxied.p99 - one_direct.p99) * 1e3;
    check(
        "added latency at one in flight, p50 (ms)",
        p50,
        p50 <= 0.1,
        "<= 0.1",
    );
    check(
        "added latency at one in flight, p99 (ms)",
        p99,
        p99 <= 0.5,
        "<= 0.5",
    );
    // The same figures for a proxy that does nothing but forward: how far the machine allows.
    println!("\nfloor: a bare hyper proxy (no token, no audit), same run");
    println!(
        "{:<52} {:>8.3}",
        "bare proxy CPU per request / responder CPU per request",
        bare_cpu / responder_cpu
    );
    println!(
        "{:<52} {:>8.3}",
        "bare proxy / direct rps, upstream waits 5 ms (c=16)",
        slow_bare.rps / slow_direct.rps
    );
    println!(
        "{:<52} {:>8.3}",
        "bare proxy added latency at one in flight, p50 (ms)",
        (one_bare.p50 - one_direct.p50) * 1e3
    );
    println!(
        "{:<52} {:>8.3}",
        "mcpauth proxy CPU per request / bare proxy's",
        proxy_cpu / bare_cpu
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

struct Stats {
    ok: u64,
    failed: u64,
    rps: f64,
    p50: f64,
    p99: f64,
}

/// What one target's load produced: each successful call's latency, the failures, and how
/// long the load ran.
#[derive(Default)]
struct Samples {
    times: Vec<f64>,
    failed: u64,
    elapsed: f64,
}

impl Samples {
    fn add(&mut self, more: Samples) {
        self.times.extend(more.times);
        self.failed += more.failed;
        self.elapsed += more.elapsed;
    }

    fn stats(mut self) -> Stats {
        self.times.sort_by(|a, b| a.total_cmp(b));
        let pick = |q: f64| {
            let last = self.times.len().saturating_sub(1);
            let at = ((self.times.len() as f64 * q) as usize).min(last);
            self.times.get(at).copied().unwrap_or(f64::NAN)
        };
        Stats {
            ok: self.times.len() as u64,
            failed: self.failed,
            rps: self.times.len() as f64 / self.elapsed.max(f64::EPSILON),
            p50: pick(0.5),
            p99: pick(0.99),
        }
    }
}

/// Where load goes, and the processes whose CPU time it is charged with.
struct Target {
    url: String,
    token: Option<String>,
    tool: &'static str,
    watch: Vec<u32>,
}

/// A target's figures, and the CPU time of each of its watched processes.
struct Measured {
    stats: Stats,
    cpu: Vec<Cpu>,
}

/// How many turns each target gets.
const TURNS: u32 = 10;

/// Loads each target for `SECONDS` in all, in `TURNS` short turns taken in rotation, so that
/// a change in the load of this shared machine falls on every target alike.
async fn interleaved<const N: usize>(targets: [Target; N], concurrency: usize) -> [Measured; N] {
    let turn = Duration::from_secs(SECONDS) / TURNS;
    let mut samples: [Samples; N] = std::array::from_fn(|_| Samples::default());
    let mut cpu: [Vec<Cpu>; N] =
        std::array::from_fn(|i| vec![Cpu::default(); targets[i].watch.len()]);
    for _ in 0..TURNS {
        for (i, t) in targets.iter().enumerate() {
            let before: Vec<Cpu> = t.watch.iter().map(|&pid| Cpu::of(pid)).collect();
            let more = load(&t.url, t.token.as_deref(), t.tool, concurrency, turn).await;
            samples[i].add(more);
            for (j, &pid) in t.watch.iter().enumerate() {
                cpu[i][j] = cpu[i][j] + (Cpu::of(pid) - before[j]);
            }
        }
    }
    let mut cpu = cpu.into_iter();
    samples.map(|s| Measured {
        stats: s.stats(),
        cpu: cpu.next().unwrap_or_default(),
    })
}

/// `concurrency` loops posting stateless `tools/call` requests until `duration` has passed.
async fn load(
    url: &str,
    token: Option<&str>,
    tool: &str,
    concurrency: usize,
    duration: Duration,
) -> Samples {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap_or_default();
    let body = Arc::new(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": { "name": tool, "arguments": {},
            "_meta": { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {},
                       "io.modelcontextprotocol/clientInfo": { "name": "bench", "version": "1" } } } })
        .to_string(),
    );
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (http, body, url, token, tool) = (
            http.clone(),
            body.clone(),
            url.to_owned(),
            token.map(str::to_owned),
            tool.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            let (mut times, mut failed) = (Vec::new(), 0u64);
            while Instant::now() < deadline {
                let t = Instant::now();
                let mut req = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("accept", "application/json, text/event-stream")
                    .header("mcp-protocol-version", "2026-07-28")
                    .header("mcp-method", "tools/call")
                    .header("mcp-name", &tool)
                    .body(body.as_str().to_owned());
                if let Some(token) = &token {
                    req = req.bearer_auth(token);
                }
                match req.send().await {
                    Ok(res) if res.status().is_success() => match res.bytes().await {
                        Ok(b) if !b.windows(8).any(|w| w == b"\"error\":") => {
                            times.push(t.elapsed().as_secs_f64())
                        }
                        _ => failed += 1,
                    },
                    _ => failed += 1,
                }
            }
            (times, failed)
        }));
    }
    let mut samples = Samples::default();
    for t in tasks {
        if let Ok((times, failed)) = t.await {
            samples.times.extend(times);
            samples.failed += failed;
        }
    }
    samples.elapsed = started.elapsed().as_secs_f64();
    samples
}

/// An access token for `resource`, through the real flow: register, sign in, consent, code.
async fn token(
    http: &reqwest::Client,
    issuer: &str,
    resource: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let redirect = "http://127.0.0.1/callback";
    let reg: Value = http
        .post(format!("{issuer}/oauth/register"))
        .json(&json!({ "redirect_uris": [redirect], "token_endpoint_auth_method": "none", "client_name": "bench" }))
        .send()
        .await?
        .json()
        .await?;
    let client_id = reg["client_id"].as_str().ok_or("no client_id")?.to_owned();
    let verifier = "bench-verifier-0123456789012345678901234567890123456789";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let query = serde_urlencoded::to_string([
        ("response_type", "code"),
        ("client_id", &client_id),
        ("redirect_uri", redirect),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
        ("resource", resource),
    ])?;
    let absolute = |location: &str| {
        if location.starts_with("http") {
            location.to_owned()
        } else {
            format!("{issuer}{location}")
        }
    };
    let mut cookies: HashMap<String, String> = HashMap::new();
    let mut url = format!("{issuer}/oauth/authorize?{query}");
    for _ in 0..8 {
        if url.starts_with(redirect) {
            let code = url::Url::parse(&url)?
                .query_pairs()
                .find(|(k, _)| k == "code")
                .map(|(_, v)| v.into_owned())
                .ok_or("no code")?;
            let tokens: Value = http
                .post(format!("{issuer}/oauth/token"))
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("code_verifier", verifier),
                    ("client_id", &client_id),
                ])
                .send()
                .await?
                .json()
                .await?;
            return Ok(tokens["access_token"]
                .as_str()
                .ok_or("no access token")?
                .to_owned());
        }
        let jar = |cookies: &HashMap<String, String>| {
            cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let res = http
            .get(&url)
            .header("cookie", jar(&cookies))
            .send()
            .await?;
        remember(&mut cookies, &res);
        if let Some(location) = res.headers().get("location").and_then(|l| l.to_str().ok()) {
            url = absolute(location);
            continue;
        }
        // A page: the sign-in form or the consent form, filled as a person would.
        let page = res.text().await?;
        let mut form: Vec<(String, String)> = page
            .split("<input type=\"hidden\" ")
            .skip(1)
            .filter_map(|rest| {
                let name = rest.split("name=\"").nth(1)?.split('"').next()?;
                let value = rest.split("value=\"").nth(1)?.split('"').next()?;
                Some((
                    name.to_owned(),
                    value.replace("&#38;", "&").replace("&amp;", "&"),
                ))
            })
            .collect();
        let target = if page.contains("name=\"password\"") {
            form.extend([
                ("email".into(), EMAIL.into()),
                ("password".into(), PASSWORD.into()),
            ]);
            "/login"
        } else {
            form.push(("decision".into(), "allow".into()));
            "/consent"
        };
        let res = http
            .post(format!("{issuer}{target}"))
            .header("cookie", jar(&cookies))
            .form(&form)
            .send()
            .await?;
        remember(&mut cookies, &res);
        url = absolute(
            res.headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .ok_or("the form did not redirect")?,
        );
    }
    Err("the sign-in did not finish".into())
}

fn remember(cookies: &mut HashMap<String, String>, res: &reqwest::Response) {
    for c in res.headers().get_all("set-cookie") {
        if let Some((k, v)) = c
            .to_str()
            .ok()
            .and_then(|c| c.split(';').next())
            .and_then(|p| p.split_once('='))
        {
            cookies.insert(k.to_owned(), v.to_owned());
        }
    }
}

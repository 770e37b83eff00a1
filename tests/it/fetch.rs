//! `eurasia-dash fetch` and `--fetch` against a loopback server serving
//! recorded responses (tests/fixtures/fetch/README.md): files the loaders read
//! back to the recorded figures, a manifest each, errors that write nothing,
//! retries, timeouts, resuming. Nothing here touches the internet.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::command;

const FIXTURES: &str = "tests/fixtures/fetch";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{FIXTURES}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// One recorded answer.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Waits this long before answering.
    delay: Duration,
    /// Sends only this many bytes of the body, having announced all of it.
    cut_to: Option<usize>,
}

impl Reply {
    fn ok(body: Vec<u8>) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body,
            delay: Duration::ZERO,
            cut_to: None,
        }
    }

    fn status(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            ..Self::ok(body)
        }
    }
}

/// Routes: a request whose path contains the text gets the route's next
/// reply (the last one repeats).
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
    /// Each request's header lines, lower-cased.
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(routes: Vec<(&'static str, Vec<Reply>)>) -> Self {
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

    fn requests(&self) -> Vec<String> {
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

/// A fresh cache folder of a test's own.
fn cache_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("eurasia-dash-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs the binary with a source's base URL set to the server.
fn run_with(server: &Server, variable: &str, args: &[&str]) -> (i32, String, String) {
    let output = command(args)
        .env(variable, &server.base)
        .env_remove("COMTRADE_API_KEY")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The one row `--print bilateral` writes for a pair and year of these files.
fn printed(files: &[&str], pair: &str, year: &str, currency: &str) -> String {
    let mut args = vec![
        "--print",
        "bilateral",
        "--pair",
        pair,
        "--span",
        "annual",
        "--period",
        year,
        "--currency",
        currency,
    ];
    for file in files {
        args.extend(["--data", file]);
    }
    let output = command(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().nth(1).unwrap().to_string()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

const COMTRADE: &str = "EURASIA_DASH_COMTRADE_URL";

/// The README's examples, one per source, which these tests run.
const COMTRADE_EXAMPLE: &str =
    "eurasia-dash fetch comtrade --reporter KAZ --partner CHN --years 2015-2024";
const IMF_EXAMPLE: &str = "eurasia-dash fetch imf --reporter KAZ --partner CHN --years 2022-2023";
const EUROSTAT_EXAMPLE: &str =
    "eurasia-dash fetch eurostat --reporter DEU --partner CHN --years 2022-2023";
const WITS_EXAMPLE: &str = "eurasia-dash fetch wits --reporter KAZ --partner CHN --years 2021-2022";
const OPEN_EXAMPLE: &str = "eurasia-dash --fetch comtrade:KAZ-CHN,2015-2024";

/// An example's arguments, then `more`.
fn example<'a>(command: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = command.split_whitespace().skip(1).collect();
    args.extend_from_slice(more);
    args
}

#[test]
fn the_readme_gives_the_examples_the_tests_run() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for example in [
        COMTRADE_EXAMPLE,
        IMF_EXAMPLE,
        EUROSTAT_EXAMPLE,
        WITS_EXAMPLE,
        OPEN_EXAMPLE,
    ] {
        assert!(
            readme.contains(&format!("\n{example}\n")),
            "README lacks {example}"
        );
    }
}

#[test]
fn comtrade_writes_a_file_the_loader_reads_to_the_recorded_figures_with_a_manifest() {
    let server = Server::start(vec![(
        "/public/v1/preview/C/A/HS",
        vec![Reply::ok(fixture("comtrade_kaz_chn_annual.json"))],
    )]);
    let cache = cache_dir("comtrade");
    let cache_arg = cache.to_str().unwrap();
    let (code, stdout, stderr) = run_with(
        &server,
        COMTRADE,
        &example(COMTRADE_EXAMPLE, &["--cache", cache_arg]),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        server.requests(),
        [
            "/public/v1/preview/C/A/HS?reporterCode=398&partnerCode=156&period=2015,2016,2017,2018,2019,2020,2021,2022,2023,2024&flowCode=M,X&cmdCode=TOTAL&partner2Code=0&motCode=0&customsCode=C00&includeDesc=true"
        ]
    );
    let file = cache.join("comtrade/A-KAZ-CHN-2015-2024-TOTAL.csv");
    assert_eq!(stdout, format!("{}\n", file.display()));
    assert!(
        stderr.contains("fetch comtrade: 1/1 calls (0 from the cache), 20 rows"),
        "{stderr}"
    );
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(cache.join("comtrade/A-KAZ-CHN-2015-2024-TOTAL.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["rows"], 20);
    assert_eq!(manifest["source"], "comtrade");
    assert!(manifest["url"].as_str().unwrap().starts_with(&server.base));
    assert_eq!(
        manifest["query"],
        "UN Comtrade KAZ with CHN, 2015–2024, TOTAL"
    );
    assert!(manifest["fetched_at"].as_str().unwrap().ends_with('Z'));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(
        "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
    ));
    assert_eq!(text.lines().count(), 21);
    // 2023: exports 13,000,000,000.25, imports 12,000,000,000.
    let row = printed(&[file.to_str().unwrap()], "KAZ-CHN", "2023", "usd");
    assert!(
        row.starts_with(
            "KAZ,CHN,2023,USD,13000000000.25,12000000000,25000000000.25,derived,1000000000.25,"
        ),
        "{row}"
    );
    let row = printed(&[file.to_str().unwrap()], "KAZ-CHN", "2015", "usd");
    assert!(
        row.starts_with("KAZ,CHN,2015,USD,5000000000.25,8000000000,13000000000.25,"),
        "{row}"
    );

    // --fetch opens on the same file from the cache: no call is made.
    let (code, stdout, stderr) = run_with(
        &server,
        COMTRADE,
        &example(
            OPEN_EXAMPLE,
            &[
                "--cache",
                cache_arg,
                "--print",
                "bilateral",
                "--pair",
                "KAZ-CHN",
                "--span",
                "annual",
                "--period",
                "2023",
            ],
        ),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("KAZ,CHN,2023,USD,13000000000.25,12000000000,"),
        "{stdout}"
    );
    assert!(stderr.contains("1/1 calls (1 from the cache)"), "{stderr}");
    assert_eq!(
        server.requests().len(),
        1,
        "the cached call is not made again"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn imf_eurostat_and_wits_write_files_their_loaders_read() {
    let server = Server::start(vec![
        (
            "/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/KAZ.XG_FOB_USD+MG_CIF_USD.CHN.A",
            vec![Reply::ok(fixture("imf_kaz_chn_annual.csv"))],
        ),
        (
            "/eurostat/api/comext/dissemination/sdmx/2.1/data/DS-045409/A.DE.CN.TOTAL.1+2.VALUE_IN_EUROS",
            vec![Reply::ok(fixture("eurostat_de_cn_annual.csv"))],
        ),
        (
            "indicator/XPRT-TRD-VL",
            vec![Reply::ok(fixture("wits_kaz_chn_export.json"))],
        ),
        (
            "indicator/MPRT-TRD-VL",
            vec![Reply::ok(fixture("wits_kaz_chn_import.json"))],
        ),
    ]);
    let cache = cache_dir("sdmx");
    let cache_arg = cache.to_str().unwrap();
    let fetch = |variable: &str, command: &str| {
        let args = example(command, &["--cache", cache_arg, "--pause", "0"]);
        let (code, stdout, stderr) = run_with(&server, variable, &args);
        assert_eq!(code, 0, "{stderr}");
        stdout.lines().map(String::from).collect::<Vec<_>>()
    };

    let imf = fetch("EURASIA_DASH_IMF_URL", IMF_EXAMPLE);
    assert_eq!(imf.len(), 1);
    let row = printed(&[&imf[0]], "KAZ-CHN", "2022", "usd");
    assert!(
        row.starts_with(
            "KAZ,CHN,2022,USD,13200000125,16800000900,30000001025,derived,-3600000775,"
        ),
        "{row}"
    );
    // The empty cell is missing, not zero.
    let row = printed(&[&imf[0]], "KAZ-CHN", "2023", "usd");
    assert!(row.starts_with("KAZ,CHN,2023,USD,15100000000,,,"), "{row}");

    let eurostat = fetch("EURASIA_DASH_EUROSTAT_URL", EUROSTAT_EXAMPLE);
    assert_eq!(eurostat.len(), 1);
    let row = printed(&[&eurostat[0]], "DEU-CHN", "2023", "eur");
    assert!(
        row.starts_with(
            "DEU,CHN,2023,EUR,97100000000.75,157000000000.25,254100000001,derived,-59899999999.5,"
        ),
        "{row}"
    );

    let wits = fetch("EURASIA_DASH_WITS_URL", WITS_EXAMPLE);
    assert_eq!(wits.len(), 2, "{wits:?}");
    let wits: Vec<&str> = wits.iter().map(String::as_str).collect();
    let row = printed(&wits, "KAZ-CHN", "2022", "usd");
    assert!(
        row.starts_with(
            "KAZ,CHN,2022,USD,13200000125,16800000900,30000001025,derived,-3600000775,"
        ),
        "{row}"
    );
    let row = printed(&wits, "KAZ-CHN", "2021", "usd");
    assert!(row.starts_with("KAZ,CHN,2021,USD,10000000750,,,"), "{row}");
    let requests = server.requests();
    assert!(requests.contains(&"/API/V1/SDMX/V21/datasource/tradestats-trade/reporter/kaz/year/2021;2022/partner/chn/product/total/indicator/XPRT-TRD-VL?format=JSON".to_string()), "{requests:?}");
    assert!(
        requests
            .iter()
            .any(|r| r.ends_with("?c%5BTIME_PERIOD%5D=ge:2022+le:2023")),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.ends_with("?format=SDMX-CSV&startPeriod=2022&endPeriod=2023")),
        "{requests:?}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

/// Runs a Comtrade fetch of KAZ-CHN 2015–2024 against one reply and
/// returns the exit status, the error message and what the cache holds.
fn comtrade_failing_with(
    replies: Vec<Reply>,
    name: &str,
    extra: &[&str],
) -> (i32, String, Vec<String>, Server) {
    let server = Server::start(vec![("/public/v1/preview/", replies)]);
    let cache = cache_dir(name);
    let mut args = vec![
        "fetch",
        "comtrade",
        "--reporter",
        "KAZ",
        "--partner",
        "CHN",
        "--years",
        "2015-2024",
        "--cache",
        cache.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_with(&server, COMTRADE, &args);
    assert_eq!(stdout, "", "no file is named");
    let files = files_in(&cache.join("comtrade"));
    let _ = std::fs::remove_dir_all(&cache);
    (code, stderr, files, server)
}

const CALL: &str = "the call for UN Comtrade KAZ with CHN, 2015–2024, TOTAL";

#[test]
fn a_response_that_is_not_data_is_an_error_naming_the_call_and_writes_nothing() {
    let cases: Vec<(&str, Reply, &str)> = vec![
        (
            "error-json",
            Reply::ok(fixture("comtrade_error.json")),
            "the API says 'Invalid period: the public preview accepts at most 12 periods'",
        ),
        (
            "html",
            Reply::ok(fixture("comtrade_html.html")),
            "an HTML page titled 'Service Unavailable - UN Comtrade', not data",
        ),
        (
            "truncated",
            {
                let mut reply = Reply::ok(fixture("comtrade_kaz_chn_annual.json"));
                reply.cut_to = Some(4000);
                reply
            },
            "the response was cut off or unreadable",
        ),
        (
            "capped",
            Reply::ok(capped_page()),
            "500 records, the most a call returns (500): the answer may be cut there",
        ),
        (
            "not-found",
            Reply::status(
                404,
                b"{\"statusCode\": 404, \"message\": \"Resource not found\"}".to_vec(),
            ),
            "failed: HTTP 404 from http://127.0.0.1:",
        ),
    ];
    for (name, reply, expected) in cases {
        let (code, stderr, files, _) = comtrade_failing_with(vec![reply], name, &[]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            stderr.starts_with("eurasia-dash: error: "),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(CALL), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(
            stderr.contains("/public/v1/preview/C/A/HS?reporterCode=398"),
            "{name} names the URL: {stderr}"
        );
        assert_eq!(files, Vec::<String>::new(), "{name}: no file, no manifest");
    }
}

/// A page of exactly 500 records: the preview's cap.
fn capped_page() -> Vec<u8> {
    let record = r#"{"typeCode":"C","freqCode":"A","refYear":2020,"refMonth":52,"period":"2020","reporterCode":398,"flowCode":"X","partnerCode":156,"cmdCode":"TOTAL","primaryValue":1}"#;
    let records = vec![record; 500].join(",");
    format!(r#"{{"elapsedTime":"1 secs","count":500,"data":[{records}],"error":""}}"#).into_bytes()
}

#[test]
fn a_429_is_retried_after_the_wait_asked_and_then_succeeds() {
    let mut busy = Reply::status(429, fixture("comtrade_gateway_429.json"));
    busy.headers.push(("Retry-After", "0".to_string()));
    let server = Server::start(vec![(
        "/public/v1/preview/",
        vec![
            busy.clone(),
            busy,
            Reply::ok(fixture("comtrade_kaz_chn_annual.json")),
        ],
    )]);
    let cache = cache_dir("retry");
    let (code, stdout, stderr) = run_with(
        &server,
        COMTRADE,
        &[
            "fetch",
            "comtrade",
            "--reporter",
            "KAZ",
            "--partner",
            "CHN",
            "--years",
            "2015-2024",
            "--cache",
            cache.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(server.requests().len(), 3);
    assert!(stdout.ends_with("A-KAZ-CHN-2015-2024-TOTAL.csv\n"));
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn a_429_that_persists_is_an_error_quoting_the_gateway() {
    let mut busy = Reply::status(429, fixture("comtrade_gateway_429.json"));
    busy.headers.push(("Retry-After", "0".to_string()));
    let (code, stderr, files, server) = comtrade_failing_with(vec![busy], "busy", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("HTTP 429"), "{stderr}");
    assert!(
        stderr.contains("'Rate limit is exceeded. Try again in 1 seconds.' (after 4 tries)"),
        "{stderr}"
    );
    assert_eq!(server.requests().len(), 4);
    assert!(files.is_empty());
}

#[test]
fn a_slow_answer_times_out_with_the_url() {
    let mut slow = Reply::ok(fixture("comtrade_kaz_chn_annual.json"));
    slow.delay = Duration::from_secs(5);
    let (code, stderr, files, _) = comtrade_failing_with(vec![slow], "slow", &["--timeout", "1"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot reach http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no answer within the timeout (--timeout)"),
        "{stderr}"
    );
    assert!(files.is_empty());
}

#[test]
fn a_refused_connection_names_the_url_and_exits_2() {
    // A port just closed: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cache = cache_dir("refused");
    let output = command(&[
        "fetch",
        "comtrade",
        "--reporter",
        "KAZ",
        "--partner",
        "CHN",
        "--years",
        "2020",
        "--cache",
        cache.to_str().unwrap(),
    ])
    .env(COMTRADE, format!("http://127.0.0.1:{port}"))
    .output()
    .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("cannot reach http://127.0.0.1:{port}/public/v1/preview/C/A/HS?reporterCode=398&partnerCode=156&period=2020&")), "{stderr}");
    assert!(stderr.contains("--offline uses only the cache"), "{stderr}");
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn plain_http_is_refused_for_a_host_that_is_not_this_machine() {
    let output = command(&[
        "fetch",
        "comtrade",
        "--reporter",
        "KAZ",
        "--years",
        "2020",
        "--endpoint",
        "http://comtradeapi.un.org",
        "--cache",
        "/nonexistent",
    ])
    .output()
    .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("plain http:// is accepted only for a loopback address"),
        "{stderr}"
    );
}

#[test]
fn resuming_makes_only_the_calls_still_missing_and_offline_says_what_is_missing() {
    // 2000–2024 annual is three calls of at most 12 periods; the second fails
    // the first time (a 500 each try), as an interrupted fetch would.
    let mut broken = Reply::status(
        500,
        b"<!DOCTYPE html><html><head><title>Internal Server Error</title></head></html>".to_vec(),
    );
    broken.headers.push(("Retry-After", "0".to_string()));
    let empty = Reply::ok(fixture("comtrade_empty.json"));
    let routes = vec![
        (
            "period=2000,",
            vec![Reply::ok(fixture("comtrade_kaz_chn_annual.json"))],
        ),
        (
            "period=2012,",
            vec![
                broken.clone(),
                broken.clone(),
                broken.clone(),
                broken,
                empty.clone(),
            ],
        ),
        ("period=2024", vec![empty]),
    ];
    let server = Server::start(routes);
    let cache = cache_dir("resume");
    let args = [
        "fetch",
        "comtrade",
        "--reporter",
        "KAZ",
        "--partner",
        "CHN",
        "--years",
        "2000-2024",
        "--pause",
        "0",
        "--cache",
        cache.to_str().unwrap(),
    ];
    let (code, _, stderr) = run_with(&server, COMTRADE, &args);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    assert!(
        stderr.contains("an HTML page titled 'Internal Server Error'"),
        "{stderr}"
    );
    assert_eq!(
        files_in(&cache.join("comtrade")),
        [
            "A-KAZ-CHN-2000-2011-TOTAL.csv",
            "A-KAZ-CHN-2000-2011-TOTAL.json"
        ]
    );
    assert_eq!(
        server.requests().len(),
        5,
        "one call, then four tries of the second"
    );

    // Offline: the two calls not cached are listed, and nothing is fetched.
    let mut offline = args.to_vec();
    offline.push("--offline");
    let (code, stdout, stderr) = run_with(&server, COMTRADE, &offline);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.contains("--offline: 2 call(s) not in the cache"),
        "{stderr}"
    );
    assert!(
        stderr.contains("UN Comtrade KAZ with CHN, 2012–2023, TOTAL"),
        "{stderr}"
    );
    assert!(
        stderr.contains("UN Comtrade KAZ with CHN, 2024–2024, TOTAL"),
        "{stderr}"
    );
    assert_eq!(server.requests().len(), 5);

    let (code, stdout, stderr) = run_with(&server, COMTRADE, &args);
    assert_eq!(code, 0, "{stderr}");
    // The calls without records give no file, and are named.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.ends_with("A-KAZ-CHN-2000-2011-TOTAL.csv\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("eurasia-dash: no records for UN Comtrade KAZ with CHN, 2012–2023, TOTAL"),
        "{stderr}"
    );
    let requests = server.requests();
    assert_eq!(
        requests.len(),
        7,
        "only the two missing calls: {requests:?}"
    );
    assert!(
        requests[5].contains("period=2012,") && requests[6].contains("period=2024&"),
        "{requests:?}"
    );
    assert!(
        stderr.contains("3/3 calls (1 from the cache), 20 rows"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn eurostats_error_body_is_quoted_and_nothing_is_written() {
    let server = Server::start(vec![(
        "/eurostat/",
        vec![Reply::status(413, fixture("eurostat_error.json"))],
    )]);
    let cache = cache_dir("eurostat-error");
    let (code, stdout, stderr) = run_with(
        &server,
        "EURASIA_DASH_EUROSTAT_URL",
        &[
            "fetch",
            "eurostat",
            "--reporter",
            "DEU",
            "--partner",
            "CHN",
            "--years",
            "2000-2024",
            "--cache",
            cache.to_str().unwrap(),
        ],
    );
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("HTTP 413"), "{stderr}");
    assert!(stderr.contains("EXTRACTION_TOO_BIG"), "{stderr}");
    assert!(files_in(&cache.join("eurostat")).is_empty());
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn a_large_comtrade_query_is_split_into_calls_within_the_preview_limits() {
    use eurasia_dash::fetch::{Products, Query, Settings, Source, plan};
    let settings = Settings {
        base: "http://127.0.0.1:9".to_string(),
        cache: PathBuf::from("/nonexistent"),
        offline: true,
        comtrade_key: None,
        timeout: Duration::from_secs(1),
        pause: None,
        terminal: false,
    };
    for (products, per_partner_and_period) in [(Products::Total, 2), (Products::Chapters, 194)] {
        let query = Query {
            source: Source::Comtrade,
            reporters: Query::areas("KAZ", 2024).unwrap(),
            // The Union's other four members, China and the world.
            partners: Query::areas("ARM,BLR,KGZ,RUS,CHN,WLD", 2024).unwrap(),
            first_year: 2015,
            last_year: 2024,
            monthly: true,
            products,
        };
        let calls = plan(&query, &settings).unwrap();
        let mut asked = Vec::new();
        for call in &calls {
            let parameter = |name: &str| -> Vec<String> {
                let from = call.url.find(&format!("{name}=")).unwrap() + name.len() + 1;
                let value = call.url[from..].split('&').next().unwrap();
                value.split(',').map(String::from).collect()
            };
            let (partners, periods) = (parameter("partnerCode"), parameter("period"));
            assert!(periods.len() <= 12, "{}", call.url);
            assert!(partners.len() <= 5, "{}", call.url);
            let records = partners.len() * periods.len() * per_partner_and_period;
            assert!(
                records < 500,
                "{records} records may reach the cap: {}",
                call.url
            );
            for partner in &partners {
                for period in &periods {
                    asked.push((partner.clone(), period.clone()));
                }
            }
        }
        let asked_count = asked.len();
        asked.sort();
        asked.dedup();
        assert_eq!(asked.len(), asked_count, "no partner and month twice");
        assert_eq!(asked.len(), 6 * 120, "every partner and month once");
    }
}

#[test]
fn ctrl_c_during_a_call_leaves_a_cache_the_next_run_completes() {
    use rustix::process::{Pid, Signal, kill_process};
    // Three calls; the second answers only after a long wait, so Ctrl-C
    // (SIGINT) comes in the middle of it.
    let mut slow = Reply::ok(fixture("comtrade_empty.json"));
    slow.delay = Duration::from_secs(30);
    let server = Server::start(vec![
        (
            "period=2000,",
            vec![Reply::ok(fixture("comtrade_kaz_chn_annual.json"))],
        ),
        (
            "period=2012,",
            vec![slow, Reply::ok(fixture("comtrade_empty.json"))],
        ),
        (
            "period=2024",
            vec![Reply::ok(fixture("comtrade_empty.json"))],
        ),
    ]);
    let cache = cache_dir("interrupted");
    let args = [
        "fetch",
        "comtrade",
        "--reporter",
        "KAZ",
        "--partner",
        "CHN",
        "--years",
        "2000-2024",
        "--pause",
        "0",
        "--cache",
        cache.to_str().unwrap(),
    ];
    let mut child = command(&args)
        .env(COMTRADE, &server.base)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let first = cache.join("comtrade/A-KAZ-CHN-2000-2011-TOTAL.json");
    let start = std::time::Instant::now();
    while server.requests().len() < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the second call is made"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        first.is_file(),
        "the first call's manifest is written before the second call"
    );
    kill_process(Pid::from_child(&child), Signal::INT).unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_eq!(
        files_in(&cache.join("comtrade")),
        [
            "A-KAZ-CHN-2000-2011-TOTAL.csv",
            "A-KAZ-CHN-2000-2011-TOTAL.json"
        ],
        "only the whole call is in the cache"
    );
    let (code, stdout, stderr) = run_with(&server, COMTRADE, &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with("A-KAZ-CHN-2000-2011-TOTAL.csv\n"),
        "{stdout}"
    );
    let requests = server.requests();
    assert_eq!(
        requests.len(),
        4,
        "the two calls still missing: {requests:?}"
    );
    assert!(
        stderr.contains("3/3 calls (1 from the cache), 20 rows"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn with_a_subscription_key_comtrade_is_asked_through_the_keyed_api() {
    let server = Server::start(vec![(
        "/data/v1/get/C/A/HS?",
        vec![Reply::ok(fixture("comtrade_kaz_chn_annual.json"))],
    )]);
    let cache = cache_dir("keyed");
    let output = command(&example(
        COMTRADE_EXAMPLE,
        &["--cache", cache.to_str().unwrap()],
    ))
    .env(COMTRADE, &server.base)
    .env("COMTRADE_API_KEY", "k3y")
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0]
            .starts_with("/data/v1/get/C/A/HS?reporterCode=398&partnerCode=156&period=2015,"),
        "{requests:?}"
    );
    let heads = server.heads.lock().unwrap().clone();
    assert!(
        heads[0].contains("ocp-apim-subscription-key: k3y\r\n"),
        "{heads:?}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

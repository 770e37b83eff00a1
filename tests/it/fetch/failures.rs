//! Fetches that fail: what is refused, retried or timed out, and that
//! nothing is written.

use std::net::TcpListener;

use super::*;

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

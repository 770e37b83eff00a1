//! A fetch stopped part-way (a failing call, Ctrl-C) and completed by the
//! next run, from the cache.

use super::*;

/// Kazakhstan–China 2000–2024, annual: three calls of at most 12 periods.
fn three_calls_of_kaz_chn(cache: &Path) -> Vec<&str> {
    let mut args =
        "fetch comtrade --reporter KAZ --partner CHN --years 2000-2024 --pause 0 --cache"
            .split(' ')
            .collect::<Vec<_>>();
    args.push(cache.to_str().unwrap());
    args
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
    let args = three_calls_of_kaz_chn(&cache);
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
    let args = three_calls_of_kaz_chn(&cache);
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

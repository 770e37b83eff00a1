//! Fetches that succeed: files their loaders read back, manifests, split
//! queries and the keyed API.

use super::*;

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

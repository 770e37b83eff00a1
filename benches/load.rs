//! Loading: parsing a 1M-row synthetic native file from memory, building the
//! dataset, the embedded dataset's start-up path, and the import formats
//! (synthetic UN Comtrade Plus and IMF SDMX-CSV files made from the
//! fixtures' layouts).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use eurasia_dash::app::App;
use eurasia_dash::data::{Dataset, DatasetBuilder, synthetic};

const ROWS: u64 = 1_000_000;

fn load(c: &mut Criterion) {
    let bytes = synthetic::csv_bytes(ROWS, 42);
    let mut group = c.benchmark_group("load_1m");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("parse", |b| {
        b.iter(|| {
            let mut builder = DatasetBuilder::new();
            builder
                .add_native("synthetic.csv", black_box(&bytes), false)
                .unwrap();
            builder
        })
    });
    group.bench_function("build", |b| {
        b.iter_batched(
            || {
                let mut builder = DatasetBuilder::new();
                builder.add_native("synthetic.csv", &bytes, false).unwrap();
                builder
            },
            DatasetBuilder::build,
            BatchSize::PerIteration,
        )
    });
    group.bench_function("parse_and_build", |b| {
        b.iter(|| {
            let mut builder = DatasetBuilder::new();
            builder
                .add_native("synthetic.csv", black_box(&bytes), false)
                .unwrap();
            builder.build()
        })
    });
    group.finish();
}

fn embedded(c: &mut Criterion) {
    let mut group = c.benchmark_group("embedded");
    group.bench_function("dataset", |b| b.iter(Dataset::embedded));
    group.bench_function("dataset_and_app", |b| {
        b.iter(|| App::new(Dataset::embedded(), "embedded".to_string()))
    });
    group.finish();
}

/// Areas of the synthetic import files: (M49 number, alpha-3, alpha-2).
const IMPORT_AREAS: [(&str, &str, &str); 20] = [
    ("156", "CHN", "CN"),
    ("643", "RUS", "RU"),
    ("398", "KAZ", "KZ"),
    ("112", "BLR", "BY"),
    ("051", "ARM", "AM"),
    ("417", "KGZ", "KG"),
    ("276", "DEU", "DE"),
    ("380", "ITA", "IT"),
    ("792", "TUR", "TR"),
    ("410", "KOR", "KR"),
    ("528", "NLD", "NL"),
    ("842", "USA", "US"),
    ("616", "POL", "PL"),
    ("392", "JPN", "JP"),
    ("699", "IND", "IN"),
    ("250", "FRA", "FR"),
    ("826", "GBR", "GB"),
    ("860", "UZB", "UZ"),
    ("762", "TJK", "TJ"),
    ("795", "TKM", "TM"),
];

/// Every (year, month, reporter, partner, flow) of the synthetic import
/// files, from 2000 on, with a value: `rows` of them.
fn import_rows(rows: usize) -> impl Iterator<Item = (i32, u32, usize, usize, usize, u64)> {
    let mut rng = synthetic::SplitMix64::new(7);
    let areas = IMPORT_AREAS.len();
    let pairs = (0..areas)
        .flat_map(move |r| (0..areas).map(move |p| (r, p)))
        .filter(|(r, p)| r != p);
    (0..)
        .flat_map(move |month: i32| pairs.clone().map(move |pair| (month, pair)))
        .flat_map(|(month, (r, p))| (0..2).map(move |flow| (month, r, p, flow)))
        .take(rows)
        .map(move |(month, r, p, flow)| {
            let value = 1_000 + rng.next_u64() % 10_000_000_000;
            (
                2000 + month / 12,
                (month % 12 + 1) as u32,
                r,
                p,
                flow,
                value,
            )
        })
}

/// A UN Comtrade Plus file of `rows` monthly TOTAL rows: the fixture's header
/// and first row, with reporter, partner, flow, period and value replaced,
/// and the reporter's description saying the file is synthetic.
fn comtrade_bytes(rows: usize) -> Vec<u8> {
    let fixture = include_str!("../tests/fixtures/import/comtrade_plus.csv");
    let mut lines = fixture.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("a header");
    let template: Vec<&str> = lines.next().expect("a row").split(',').collect();
    let column = |name: &str| header.split(',').position(|c| c == name).expect(name);
    let columns = [
        "freqCode",
        "refPeriodId",
        "refYear",
        "refMonth",
        "period",
        "reporterCode",
        "reporterISO",
        "reporterDesc",
        "partnerCode",
        "partnerISO",
        "partnerDesc",
        "flowCode",
        "flowDesc",
        "primaryValue",
        "fobvalue",
        "cifvalue",
    ]
    .map(column);
    let mut out = format!("{header}\n");
    for (year, month, r, p, flow, value) in import_rows(rows) {
        let (reporter, partner) = (IMPORT_AREAS[r], IMPORT_AREAS[p]);
        let (code, desc) = [("X", "Export"), ("M", "Import")][flow];
        let value = value.to_string();
        let fields = [
            "M".to_string(),
            format!("{year}{month:02}01"),
            year.to_string(),
            month.to_string(),
            format!("{year}{month:02}"),
            reporter.0.to_string(),
            reporter.1.to_string(),
            "synthetic (benches/load.rs)".to_string(),
            partner.0.to_string(),
            partner.1.to_string(),
            partner.1.to_string(),
            code.to_string(),
            desc.to_string(),
            value.clone(),
            value,
            String::new(),
        ];
        let mut row = template.clone();
        for (&at, field) in columns.iter().zip(&fields) {
            row[at] = field;
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// An IMF SDMX-CSV file of `rows` monthly rows, its dataflow named synthetic.
fn imf_bytes(rows: usize) -> Vec<u8> {
    let mut out = String::from(
        "DATAFLOW,FREQ,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n",
    );
    for (year, month, r, p, flow, value) in import_rows(rows) {
        let indicator = ["TXG_FOB_USD", "TMG_CIF_USD"][flow];
        let (reporter, partner) = (IMPORT_AREAS[r].2, IMPORT_AREAS[p].2);
        out.push_str(&format!(
            "IMF:SYNTHETIC(1.0.0),M,{reporter},{indicator},{partner},{year}-{month:02},{}.{:02},\n",
            value / 100,
            value % 100
        ));
    }
    out.into_bytes()
}

fn import_formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_import");
    group.sample_size(10);
    for (name, bytes) in [
        ("comtrade_plus_200k", comtrade_bytes(200_000)),
        ("imf_sdmx_600k", imf_bytes(600_000)),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut builder = DatasetBuilder::new();
                builder
                    .add_file(name, black_box(&bytes), None, false)
                    .unwrap();
                builder
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, embedded, import_formats);
criterion_main!(benches);

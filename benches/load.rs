//! Loading: parsing a 1M-row synthetic native file from memory, building the
//! dataset, and the embedded dataset's start-up path.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use eurasia_dash::app::App;
use eurasia_dash::data::{Dataset, DatasetBuilder, synthetic};
use eurasia_dash::ui::theme::Theme;

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
        b.iter(|| {
            App::new(
                Dataset::embedded(),
                "embedded".to_string(),
                Theme { color: true },
            )
        })
    });
    group.finish();
}

criterion_group!(benches, load, embedded);
criterion_main!(benches);

//! View models and drawing, on the embedded dataset and on 1M synthetic rows:
//! what a selection change costs (a view recomputed) and what a frame costs
//! (every tab drawn into a 200x60 buffer). With `EURASIA_BENCH_DATA=FILE`,
//! the same on that file too (the 10M-row file is too large to generate in
//! a bench run).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::check::Report;
use eurasia_dash::data::model::Naming;
use eurasia_dash::data::{Dataset, DatasetBuilder, SpanKind, build, synthetic};
use eurasia_dash::ui;
use eurasia_dash::ui::theme::Theme;
use eurasia_dash::view::bilateral::{self, BilateralView};
use eurasia_dash::view::bri::{self, BriView, Topic};
use eurasia_dash::view::eaeu::{self, EaeuView};
use eurasia_dash::view::overview::OverviewView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn synthetic_dataset() -> Dataset {
    let bytes = synthetic::csv_bytes(1_000_000, 42);
    let mut builder = DatasetBuilder::new();
    builder.add_native("synthetic.csv", &bytes, false).unwrap();
    builder.build()
}

fn views(c: &mut Criterion, name: &str, data: &Dataset) {
    let mut group = c.benchmark_group(format!("views_{name}"));
    let pairs = bilateral::pairs(data);
    let pair = pairs.first().copied();
    let selection = pair.map(|pair| BilateralView::default_selection(data, pair));
    let periods = eaeu::share_periods(data);
    let kind = bri::kinds(data)
        .first()
        .copied()
        .unwrap_or(SpanKind::Annual);
    group.bench_function("bilateral", |b| {
        b.iter(|| selection.map(|s| BilateralView::new(black_box(data), s)))
    });
    group.bench_function("eaeu", |b| {
        b.iter(|| EaeuView::new(black_box(data), periods.last().copied()))
    });
    group.bench_function("bri", |b| {
        b.iter(|| BriView::new(black_box(data), kind, Topic::Trade))
    });
    group.bench_function("overview", |b| {
        b.iter(|| OverviewView::new(black_box(data), pair, Naming::Names))
    });
    group.finish();
}

fn drawing(c: &mut Criterion, name: &str, data: Dataset) {
    let mut app = App::new(data, name.to_string());
    let theme = Theme { color: true };
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut group = c.benchmark_group(format!("draw_200x60_{name}"));
    for tab in Tab::ALL {
        app.update(Action::SelectTab(tab));
        group.bench_function(format!("{tab:?}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| {
                        ui::render(&app, &theme, frame);
                    })
                    .unwrap();
            })
        });
    }
    group.finish();
}

fn embedded(c: &mut Criterion) {
    let data = Dataset::embedded();
    views(c, "embedded", &data);
    drawing(c, "embedded", data);
}

fn synthetic_1m(c: &mut Criterion) {
    let data = synthetic_dataset();
    views(c, "1m", &data);
    drawing(c, "1m", data);
}

fn from_file(c: &mut Criterion) {
    let Some(path) = std::env::var_os("EURASIA_BENCH_DATA") else {
        return;
    };
    let data = build::load_files(&[path], None, false).expect("EURASIA_BENCH_DATA loads");
    views(c, "file", &data);
    drawing(c, "file", data);
}

/// One pair with a million distinct periods (the hardening issue's hostile
/// shape): a selection change on the bilateral tab for each of its span
/// kinds (the target is under 50 ms), and the check report.
fn one_pair_1m(c: &mut Criterion) {
    let mut bytes = Vec::new();
    synthetic::write_one_pair_csv(&mut bytes, 1_000_000, 42).unwrap();
    let mut builder = DatasetBuilder::new();
    builder.add_native("one-pair.csv", &bytes, false).unwrap();
    let data = builder.build();
    let pair = bilateral::pairs(&data)[0];
    let selection = BilateralView::default_selection(&data, pair);
    let mut group = c.benchmark_group("one_pair_1m");
    group.sample_size(10);
    for kind in BilateralView::new(&data, selection).kinds {
        let selection = bilateral::Selection { kind, ..selection };
        // The first view of a span made on demand pays for making it.
        BilateralView::new(&data, selection);
        group.bench_function(format!("bilateral_{kind:?}"), |b| {
            b.iter(|| BilateralView::new(black_box(&data), selection))
        });
    }
    group.bench_function("check_report", |b| b.iter(|| Report::new(black_box(&data))));
    group.finish();
}

criterion_group!(benches, embedded, synthetic_1m, from_file, one_pair_1m);
criterion_main!(benches);

//! The Products tab (issue 22): key sequences through `update` (drill, up,
//! sort, find, flow, period, who buys and its clearing), its drawing on the
//! embedded data and on a BACI file of two years with hand-worked figures
//! (tests/fixtures/products_tab/BACI_HS17_products_tab.csv, in thousands of
//! dollars), and the "Done when" counted in keys.

use crossterm::event::KeyCode::{self, Backspace, Char, Enter};
use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::build::load_files;
use eurasia_dash::data::{Dataset, Indicator, Period};
use eurasia_dash::view::products::ProductLevel;

use crate::common::keys::{area, export_dir, press, type_text};
use crate::common::screen::{drawn, rows};

const BACI: &str = "tests/fixtures/products_tab/BACI_HS17_products_tab.csv";

fn baci_app() -> App {
    // Relative, as the tests run in the package's folder: the snapshots
    // name the file as the user typed it.
    let data = load_files(&[BACI], None, false).expect("the fixture loads");
    App::new(data, "BACI_HS17_products_tab.csv".into())
}

fn embedded_app() -> App {
    App::new(Dataset::embedded(), "embedded dataset".into())
}

pub(crate) fn screen(app: &App, width: u16, height: u16) -> String {
    rows(&drawn(app, width, height))
        .iter()
        .map(|row| row.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The codes of the rows shown, in their order.
pub(crate) fn codes(app: &App) -> Vec<String> {
    let shown = app.tabs.products.shown.as_ref().expect("a table");
    shown.rows.iter().map(|row| row.code.clone()).collect()
}

fn selected_code(app: &App) -> String {
    app.tabs.products.selected().expect("a row").code.clone()
}

pub(crate) fn said(app: &App) -> String {
    app.message
        .as_ref()
        .map_or(String::new(), |(m, _)| m.clone())
}

/// Presses `keys`, counting them into `count`.
fn counted(app: &mut App, count: &mut usize, keys: &[KeyCode]) {
    *count += keys.len();
    press(app, keys);
}

#[test]
fn done_when_china_russia_by_chapter_then_headings_then_who_buys_crude_in_eight_keys() {
    let mut app = baci_app();
    let mut keys = 0;
    counted(&mut app, &mut keys, &[Char('5')]);
    assert_eq!(app.tab, Tab::Products);
    let tab = &app.tabs.products;
    assert_eq!(tab.pair, Some((area("CHN"), area("RUS"))));
    assert_eq!(tab.indicator, Indicator::Exports);
    assert_eq!(tab.period, Some(Period::parse("2022").unwrap()));
    assert_eq!(tab.level, ProductLevel::Chapter);
    // China's exports to Russia, 2022, by chapter: 87 4,000 + 1,000; 84
    // 3,000; 85 2,500; 27 200; 01 0.5 (thousands): 10,700.5 in all.
    assert_eq!(codes(&app), ["87", "84", "85", "27", "01"]);
    let screen_now = screen(&app, 80, 24);
    assert!(
        screen_now.contains("China → Russia · exports · 2022 · chapters"),
        "{screen_now}"
    );
    let chapter_27 = screen_now
        .lines()
        .find(|line| line.contains(" 27 "))
        .expect("HS 27 on screen");
    // 200 / 10,700.5 = 1.87%; 2021: 100, so +100% and +$100 k.
    for text in ["Mineral fuels", "$200.0 k", "1.9%", "+100.0%", "+$100.0 k"] {
        assert!(chapter_27.contains(text), "{text} in {chapter_27}");
    }
    // To HS 27 and into it: its headings.
    counted(
        &mut app,
        &mut keys,
        &[Char('/'), Char('2'), Char('7'), Enter],
    );
    assert_eq!(selected_code(&app), "27");
    counted(&mut app, &mut keys, &[Enter]);
    assert_eq!(app.tabs.products.level, ProductLevel::Heading);
    assert_eq!(codes(&app), ["2710"]);
    assert!(
        screen(&app, 80, 24).contains("exports · 2022 · 27 Mineral fuels; mineral oils · headings")
    );
    // China's imports from Russia under 27: crude 45,000, gas 5,000.
    counted(&mut app, &mut keys, &[Char('i')]);
    assert_eq!(codes(&app), ["2709", "2711"]);
    assert!(screen(&app, 80, 24).contains("China ← Russia · imports · 2022 · 27"));
    // Who else buys Russia's crude: its exports of 2709 by partner.
    counted(&mut app, &mut keys, &[Char('b')]);
    assert!(keys <= 12, "{keys} keys");
    assert_eq!(app.tab, Tab::Partners);
    let filter = app.tabs.partners.product.as_ref().expect("a product");
    assert_eq!(
        (filter.reporter, filter.code.as_str()),
        (area("RUS"), "2709")
    );
    let ranked: Vec<(&str, f64)> = filter
        .partners
        .rows
        .iter()
        .map(|row| (row.partner.code(), row.value))
        .collect();
    assert_eq!(
        ranked,
        [
            ("CHN", 45_000_000.0),
            ("IND", 25_000_000.0),
            ("TUR", 8_000_000.0),
            ("KOR", 3_000_000.0)
        ]
    );
    // Shares of 81,000: 55.56 30.86 9.88 3.70; HHI their squares' sum.
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Partners of Russia for 2709 · exports · 2022"),
        "{text}"
    );
    assert!(text.contains("HHI 4,150"), "{text}");
    assert!(text.contains("55.6%") && text.contains("India"), "{text}");
    assert!(text.contains("of Russia's exports of 2709 to every partner"));
}

#[test]
fn enter_drills_from_section_to_hs6_and_backspace_goes_back_up() {
    let mut app = baci_app();
    press(&mut app, &[Char('5'), Char('i')]);
    assert_eq!(codes(&app), ["27", "44", "72"]);
    press(&mut app, &[Backspace]);
    assert_eq!(app.tabs.products.level, ProductLevel::Section);
    // V: chapters 25-27 (50,000); IX: 44; XV: 72.
    assert_eq!(codes(&app), ["V", "IX", "XV"]);
    press(&mut app, &[Backspace]);
    assert!(said(&app).contains("at the top"), "{}", said(&app));
    press(&mut app, &[Enter]);
    assert_eq!(codes(&app), ["27"]);
    press(&mut app, &[Enter, Enter]);
    assert_eq!(app.tabs.products.level, ProductLevel::Hs6);
    assert_eq!(codes(&app), ["270900"]);
    let title = screen(&app, 120, 30);
    assert!(
        title.contains("V Mineral products › 27 Mineral fuels; mineral oils › 2709 · HS6"),
        "{title}"
    );
    // At HS6, Enter explains the total the shares are of.
    press(&mut app, &[Enter]);
    assert!(app.derivation.is_some());
    press(&mut app, &[KeyCode::Esc, Backspace, Backspace]);
    assert_eq!(app.tabs.products.level, ProductLevel::Chapter);
    assert_eq!(selected_code(&app), "27", "back on the row drilled into");
}

#[test]
fn o_sorts_by_share_growth_and_change_keeping_the_row_and_e_writes_that_order() {
    let mut app = baci_app();
    press(&mut app, &[Char('5'), Char('j')]);
    assert_eq!(selected_code(&app), "84");
    press(&mut app, &[Char('o'), Char('o')]);
    assert!(said(&app).contains("sorted by growth"), "{}", said(&app));
    // Growth: 87 +233%, 27 +100%, 85 +25%, 84 +7.1%; 01 unknown, last.
    assert_eq!(codes(&app), ["87", "27", "85", "84", "01"]);
    assert_eq!(selected_code(&app), "84", "the selection stays on its row");
    press(&mut app, &[Char('O')]);
    assert_eq!(codes(&app), ["84", "85", "27", "87", "01"], "unknown last");
    let dir = export_dir("products_tab_sort");
    app.export_dir = dir.clone();
    press(&mut app, &[Char('e')]);
    let path = dir.join("products_CHN-RUS_exports_2022_chapters_by-growth-ascending.csv");
    let csv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", said(&app)));
    let order: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split(',').nth(7).unwrap())
        .collect();
    assert_eq!(order, ["84", "85", "27", "87", "01", "TOTAL"]);
    assert!(
        csv.contains(
            ",2,84,Nuclear reactors; boilers; machinery,3000000.00,USD,28.04,total,7.14,200000.00"
        ),
        "{csv}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn slash_finds_a_product_by_name_or_code_at_any_level() {
    let mut app = embedded_app();
    press(&mut app, &[Char('5')]);
    type_text(&mut app, "/wheat");
    press(&mut app, &[Enter]);
    assert!(said(&app).contains("no product"), "{}", said(&app));
    // China's imports from Russia, 2022: crude and LNG, as listed.
    press(&mut app, &[Char('i')]);
    type_text(&mut app, ":2022");
    press(&mut app, &[Enter]);
    type_text(&mut app, "/gas");
    press(&mut app, &[Enter]);
    assert_eq!(selected_code(&app), "271111");
    let mut baci = baci_app();
    press(&mut baci, &[Char('5'), Char('i')]);
    type_text(&mut baci, "/440710");
    press(&mut baci, &[Enter]);
    assert_eq!(baci.tabs.products.level, ProductLevel::Hs6, "drilled to it");
    assert_eq!(selected_code(&baci), "440710");
    assert!(screen(&baci, 100, 30).contains("44 Wood and articles of wood"));
}

#[test]
fn periods_step_with_brackets_and_colon_jumps_to_one() {
    let mut app = baci_app();
    press(&mut app, &[Char('5'), Char('[')]);
    assert_eq!(
        app.tabs.products.period,
        Some(Period::parse("2021").unwrap())
    );
    // 2021: cars 1,500, machines 2,800, phones 2,000, fuels 100.
    assert_eq!(codes(&app), ["84", "85", "87", "27"]);
    press(&mut app, &[Char('[')]);
    assert!(said(&app).contains("first period"), "{}", said(&app));
    press(&mut app, &[Char(']')]);
    assert_eq!(
        app.tabs.products.period,
        Some(Period::parse("2022").unwrap())
    );
    type_text(&mut app, ":2021");
    press(&mut app, &[Enter]);
    assert_eq!(
        app.tabs.products.period,
        Some(Period::parse("2021").unwrap())
    );
    type_text(&mut app, ":2019");
    press(&mut app, &[Enter]);
    assert!(
        said(&app).contains("periods with products: 2021, 2022"),
        "{}",
        said(&app)
    );
    press(&mut app, &[Char('s')]);
    assert!(said(&app).contains("annual only"), "{}", said(&app));
}

#[test]
fn the_tab_follows_the_bilateral_pair_and_i_switches_the_flow() {
    let mut app = baci_app();
    press(&mut app, &[Char('2'), Char('M'), Char('5')]);
    assert_eq!(app.tabs.products.pair, Some((area("RUS"), area("CHN"))));
    assert_eq!(codes(&app), ["27", "44", "72"], "Russia's exports to China");
    press(&mut app, &[Char('i')]);
    assert_eq!(app.tabs.products.indicator, Indicator::Imports);
    assert_eq!(codes(&app), ["87", "84", "85", "27", "01"], "BACI's mirror");
    assert_eq!(said(&app), "i: imports");
}

#[test]
fn who_buys_ranks_the_partners_and_x_clears_it() {
    let mut app = baci_app();
    press(&mut app, &[Char('5')]);
    // China's cars (87): to Russia 5,000 and Kazakhstan 800.
    press(&mut app, &[Char('b')]);
    let filter = app.tabs.partners.product.as_ref().expect("a product");
    assert_eq!(filter.partners.rows.len(), 2);
    let text = screen(&app, 80, 24);
    assert!(text.contains("China · 87 · exports · 2022 · HHI"), "{text}");
    press(&mut app, &[Char('o')]);
    assert!(said(&app).contains("x clears"), "{}", said(&app));
    press(&mut app, &[Char('j'), Char('j')]);
    assert!(said(&app).contains("at the last row"), "{}", said(&app));
    let dir = export_dir("products_tab_who_buys");
    app.export_dir = dir.clone();
    press(&mut app, &[Char('e')]);
    let csv = std::fs::read_to_string(dir.join("partners_CHN_87_2022.csv"))
        .unwrap_or_else(|e| panic!("{}: {e}", said(&app)));
    assert!(
        csv.contains("CHN,RUS,exports,2022,87,5000000,86.21"),
        "{csv}"
    );
    std::fs::remove_dir_all(dir).unwrap();
    press(&mut app, &[Char('y')]);
    assert!(
        said(&app).contains("the partners of 87 are shown"),
        "{}",
        said(&app)
    );
    press(&mut app, &[Char('x')]);
    assert!(app.tabs.partners.product.is_none());
    assert_eq!(said(&app), "x: 87 cleared");
    press(&mut app, &[Char('x')]);
    assert!(said(&app).contains("no product filter"), "{}", said(&app));
    press(&mut app, &[Char('5'), Backspace, Char('b')]);
    assert!(said(&app).contains("is a section"), "{}", said(&app));
    // A reporter picked on Partners replaces the partners of a product.
    press(&mut app, &[Enter, Char('b')]);
    assert!(app.tabs.partners.product.is_some());
    type_text(&mut app, "/russia");
    press(&mut app, &[Enter]);
    assert!(app.tabs.partners.product.is_none());
    assert_eq!(
        app.tabs.partners.reporter.as_ref().map(|r| r.reporter),
        Some(area("RUS"))
    );
}

#[test]
fn keys_on_data_without_products_say_which_files_carry_them() {
    let mut app = crate::common::keys::partners_app();
    press(&mut app, &[Char('5'), Enter]);
    assert!(
        said(&app).contains("no product rows in the data: BACI"),
        "{}",
        said(&app)
    );
    press(&mut app, &[Char('b')]);
    assert!(said(&app).contains("BACI, UN Comtrade"), "{}", said(&app));
    assert!(screen(&app, 80, 24).contains("product rows in the data"));
}

#[test]
fn the_products_tab_draws_the_baci_file_and_who_buys() {
    let mut app = baci_app();
    press(&mut app, &[Char('5')]);
    insta::assert_snapshot!("products_baci_80x24", screen(&app, 80, 24));
    press(&mut app, &[Char('i'), Enter]);
    insta::assert_snapshot!("products_baci_headings_160x48", screen(&app, 160, 48));
    press(&mut app, &[Char('b')]);
    insta::assert_snapshot!("products_baci_who_buys_80x24", screen(&app, 80, 24));
}

#[test]
fn done_when_on_a_comtrade_ag2_download_the_remainder_where_chapters_fall_short() {
    let ag2 = "tests/fixtures/import/comtrade_ag2_products.csv";
    let mut app = App::new(load_files(&[ag2], None, false).unwrap(), ag2.into());
    press(&mut app, &[Char('5')]);
    // Exports: 27 600,000 and 84 400,000 make the TOTAL of 1,000,000.
    assert_eq!(codes(&app), ["27", "84"]);
    let shown = app.tabs.products.shown.as_ref().unwrap();
    assert_eq!(shown.table.other, None);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Mineral fuels, mineral…") && text.contains("60.0%"),
        "{text}"
    );
    // Imports: 27 300,000 and 87 200,000 of 1,000,000: the rest is 500,000.
    press(&mut app, &[Char('i')]);
    assert_eq!(codes(&app), ["27", "87"]);
    let text = screen(&app, 80, 24);
    let other = text
        .lines()
        .find(|l| l.contains("Other products"))
        .expect("{text}");
    assert!(
        other.contains("$500.0 k") && other.contains("50.0%"),
        "{other}"
    );
    // The file lists chapters only: Enter explains the total instead.
    press(&mut app, &[Enter]);
    assert!(app.derivation.is_some(), "{}", said(&app));
    press(&mut app, &[KeyCode::Esc, Char('y')]);
    let copied = app.clipboard.clone().unwrap_or_default();
    assert!(copied.contains(",1,27,"), "{copied}");
    assert_eq!(copied.lines().count(), 2, "header and row: {copied}");
}

#[test]
fn a_shows_the_reporter_with_the_world_where_the_data_has_it() {
    // BACI lists every partner, so China's exports to the world are the sum
    // of its partners': 87 is 5,000 to Russia and 800 to Kazakhstan (thousand USD).
    let mut app = baci_app();
    press(&mut app, &[Char('5'), Char('a')]);
    assert_eq!(said(&app), "a: China with World");
    assert_eq!(codes(&app), ["87", "84", "85", "27", "01"]);
    let shown = app.tabs.products.shown.as_ref().unwrap();
    assert_eq!(shown.table.rows[0].value, 5_800_000.0);
    let file = "tests/fixtures/products_tab/comtrade_world_products.csv";
    let mut app = App::new(load_files(&[file], None, false).unwrap(), file.into());
    press(&mut app, &[Char('5'), Char('a')]);
    assert_eq!(said(&app), "a: China with World");
    // China's exports to the world: 84 2,500,000 and 27 1,000,000 of 5,000,000.
    assert_eq!(codes(&app), ["84", "27"]);
    let shown = app.tabs.products.shown.as_ref().unwrap();
    assert_eq!(shown.table.other, Some(1_500_000.0));
    assert!(screen(&app, 80, 24).contains("China → World · exports · 2022 · chapters"));
    press(&mut app, &[Char('a')]);
    assert_eq!(said(&app), "a: China with Russia");
    assert_eq!(codes(&app), ["27", "84"]);
}

#[test]
fn chapters_above_the_total_show_no_remainder_and_say_they_disagree() {
    // 27 600,000 and 84 400,000 against a TOTAL of 800,000.
    let file = "tests/fixtures/products_tab/comtrade_chapters_above_total.csv";
    let mut app = App::new(load_files(&[file], None, false).unwrap(), file.into());
    press(&mut app, &[Char('5')]);
    assert_eq!(codes(&app), ["27", "84"]);
    assert_eq!(app.tabs.products.shown.as_ref().unwrap().table.other, None);
    let text = screen(&app, 120, 40);
    assert!(!text.contains("Other products"), "{text}");
    assert!(text.contains("75.0%") && text.contains("50.0%"), "{text}");
    assert!(
        text.contains("sum to 1000000, more than the total 800000"),
        "{text}"
    );
}

const BOTH_SIDES: &str = "tests/fixtures/products/comtrade_both_sides_hs6.csv";

fn both_sides_app() -> App {
    let data = load_files(&[BOTH_SIDES], None, false).expect("the fixture loads");
    App::new(data, "comtrade_both_sides_hs6.csv".into())
}

/// China's exports to Russia in 2022 as China reports them (870323
/// $500,000 in 50 u; 271019 $300,000, 400,000 kg net; 854231 $100,000) and
/// as Russia does the other way (870323 $560,000: +12.0%; 271019 $290,000:
/// −3.3%; 854231 not reported).
#[test]
fn mirror_gap_and_quantity_columns_show_where_the_width_allows() {
    let mut app = both_sides_app();
    press(&mut app, &[Char('5')]);
    let wide = screen(&app, 160, 48);
    let cars = wide.lines().find(|l| l.contains("870323")).expect("870323");
    for text in ["$500.0 k", "$560.0 k", "+12.0%", "50 u"] {
        assert!(cars.contains(text), "{text} in {cars}");
    }
    let fuels = wide.lines().find(|l| l.contains("271019")).expect("271019");
    for text in ["$300.0 k", "$290.0 k", "−3.3%", "400,000 kg"] {
        assert!(fuels.contains(text), "{text} in {fuels}");
    }
    assert!(wide.contains("Mirror") && !wide.contains("wider terminal"));
    insta::assert_snapshot!("products_mirror_quantity_160x48", wide);
    // At 80 columns the name keeps its room and the extra columns give way,
    // said in the notes.
    let narrow = screen(&app, 80, 24);
    assert!(!narrow.contains("Mirror  "), "{narrow}");
    assert!(
        narrow.contains("Columns: Mirror, Gap, Quantity need a wider terminal"),
        "{narrow}"
    );
    insta::assert_snapshot!("products_mirror_quantity_80x24", narrow);
    // In between, the mirror and its gap fit before the quantity does.
    let middle = screen(&app, 100, 30);
    assert!(middle.contains("Mirror") && middle.contains("Quantity needs a wider"));
}

#[test]
fn e_and_y_write_the_mirror_and_quantity_as_print_products_does() {
    let mut app = both_sides_app();
    let dir = export_dir("products_tab_mirror");
    app.export_dir = dir.clone();
    press(&mut app, &[Char('5'), Char('e')]);
    let path = dir.join("products_CHN-RUS_exports_2022_chapters.csv");
    let csv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", said(&app)));
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",change,quantity,quantity_unit,mirror,mirror_gap_percent")
    );
    for expected in [
        ",500000.00,USD,50.00,total,,,50,u,560000.00,12.00",
        ",300000.00,USD,30.00,total,,,400000,kg,290000.00,-3.33",
        ",100000.00,USD,10.00,total,,,,,,",
    ] {
        assert!(csv.contains(expected), "{expected} in {csv}");
    }
    // Every line has the header's fields (the name quoted where it has commas).
    let fields = |line: &str| {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .len()
    };
    for line in csv.lines().filter(|l| !l.starts_with('#')) {
        assert_eq!(fields(line), 19, "{line}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Russia's exports to China in BACI's HS17 file of 2021 and HS22 files of
/// 2022 and 2023 (tests/fixtures/products/): 852990 is 500 thousand in 2021
/// and 100 thousand in 2022, a code whose meaning changed between the two.
fn three_revisions_app() -> App {
    let files = [
        "tests/fixtures/products/BACI_HS17_Y2021_V202401b.csv",
        "tests/fixtures/products/BACI_HS22_Y2022_V202401b.csv",
        "tests/fixtures/products/BACI_HS22_Y2023_V202401b.csv",
    ];
    let data = load_files(&files, None, false).expect("the fixtures load");
    App::new(data, "three BACI years".into())
}

#[test]
fn a_series_across_two_revisions_says_so_in_the_title_and_why_hs6_growth_is_unknown() {
    let mut app = three_revisions_app();
    press(&mut app, &[Char('5')]);
    let chapters = screen(&app, 160, 48);
    assert!(
        chapters.contains(
            "China ← Russia · imports · 2023 · chapters · HS 2017 in 2021, HS 2022 from 2022"
        ),
        "{chapters}"
    );
    // Chapters compare across revisions: 27 is 60 then 66 million, +10%.
    let fuels = chapters.lines().find(|l| l.contains(" 27 ")).expect("27");
    assert!(fuels.contains("+10.0%"), "{fuels}");
    press(&mut app, &[Char(':')]);
    type_text(&mut app, "2022");
    press(&mut app, &[Enter, Char('/')]);
    type_text(&mut app, "852990");
    press(&mut app, &[Enter]);
    assert_eq!(app.tabs.products.level, ProductLevel::Hs6);
    assert_eq!(selected_code(&app), "852990");
    let row = app.tabs.products.selected().expect("852990");
    assert_eq!((row.growth, row.change), (None, None), "not −80%");
    let wide = screen(&app, 160, 48);
    assert!(
        wide.contains("· HS6 · HS 2017 in 2021, HS 2022 from 2022"),
        "{wide}"
    );
    let line = wide
        .lines()
        .find(|l| l.contains("852990 "))
        .expect("852990");
    assert!(line.contains("$100.0 k   0.2%     –        –"), "{line}");
    assert!(
        wide.contains("Note: growth not computed: 2021 is in HS 2017 (H5) and 2022 in HS 2022 (H6), whose codes below the chapter changed meaning"),
        "{wide}"
    );
    // Its 2021 figure (500 thousand, in HS 2017) is another product's: the
    // chart and sparkline leave it out and say why.
    assert_eq!(row.history, [None, Some(100_000.0)]);
    assert!(
        wide.contains("2021 in HS 2017 (H5): another revision, not compared"),
        "{wide}"
    );
    assert!(!wide.contains("$500.0 k"), "{wide}");
    // At 80 columns the title gives way, the reason stays in the notes.
    let narrow = screen(&app, 80, 24);
    assert!(
        narrow.contains("Note: growth not computed: 2021 is in HS 2017"),
        "{narrow}"
    );
}

#[test]
fn the_status_line_says_enter_drills_where_the_row_opens_else_explains() {
    let mut app = baci_app();
    press(&mut app, &[Char('5')]);
    let status = |app: &App| screen(app, 160, 48).lines().last().unwrap().to_string();
    assert!(status(&app).contains("Enter drill"), "{}", status(&app));
    assert!(status(&app).contains("Bksp up"), "{}", status(&app));
    assert!(
        screen(&app, 80, 24)
            .lines()
            .last()
            .unwrap()
            .contains("Enter drill")
    );
    // 27's heading 2710 lists HS6 below it; at HS6 nothing opens.
    press(
        &mut app,
        &[Char('/'), Char('2'), Char('7'), Enter, Enter, Enter],
    );
    assert_eq!(app.tabs.products.level, ProductLevel::Hs6);
    assert!(status(&app).contains("Enter explain"), "{}", status(&app));
    press(&mut app, &[Enter]);
    assert!(app.overlay.is_some(), "Enter explains the total");
}

#[test]
fn a_file_without_product_rows_says_which_files_carry_them() {
    let file = "tests/fixtures/native/good.csv";
    let mut app = App::new(load_files(&[file], None, false).unwrap(), file.into());
    press(&mut app, &[Char('5')]);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("no data for products: BACI, UN Comtrade (cmdCode)"),
        "{text}"
    );
    press(&mut app, &[Char('i')]);
    assert!(
        said(&app).contains("no product rows in the data"),
        "{}",
        said(&app)
    );
}

//! A level is named in the classification of its rows: SITC's sections,
//! divisions, groups and basic headings (as SITC Rev. 4 names them), the
//! HS's sections, chapters, headings and HS6; in the Products tab's title,
//! its messages, `--level` and the growth notes. Figures from
//! tests/fixtures/products/comtrade_sitc_divisions_no_desc.csv, with groups
//! and a basic heading added under division 33.

use crossterm::event::KeyCode::{Backspace, Char, Enter};
use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::build::load_files;
use eurasia_dash::view::products::ProductLevel;

use crate::common::TempFile;
use crate::common::keys::press;
use crate::products_data::{SITC_NO_DESC, products};
use crate::products_tab::{codes, said, screen};

/// The fixture with division 33 (6,000,000) made of groups 333 (5,000,000)
/// and 334 (1,000,000), and 333 of its one basic heading 33300.
fn sitc_groups() -> TempFile {
    let fixture = std::fs::read_to_string(SITC_NO_DESC).expect("the fixture");
    let division = fixture
        .lines()
        .find(|line| line.contains(",True,33,,2,"))
        .expect("division 33");
    let finer = |code: &str, level: &str, value: &str| {
        division
            .replace(",True,33,,2,", &format!(",True,{code},,{level},"))
            .replace(",6000000,6000000,", &format!(",{value},{value},"))
    };
    let lines = [
        fixture.trim_end().to_string(),
        finer("333", "3", "5000000"),
        finer("334", "3", "1000000"),
        finer("33300", "5", "5000000"),
    ];
    TempFile::new("comtrade_sitc_groups.csv", &(lines.join("\n") + "\n"))
}

fn app_on(file: &TempFile) -> App {
    let data = load_files(&[file.path()], None, false).expect("the file loads");
    App::new(data, "comtrade_sitc_groups.csv".into())
}

#[test]
fn an_sitc_file_is_shown_by_division_group_and_basic_heading() {
    let file = sitc_groups();
    let mut app = app_on(&file);
    press(&mut app, &[Char('5')]);
    assert_eq!(app.tab, Tab::Products);
    assert_eq!(codes(&app), ["33", "28", "68", "67"]);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Kazakhstan → China · exports · 2021 · divisions"),
        "{text}"
    );
    assert!(!text.contains("chapters"), "{text}");
    press(&mut app, &[Enter]);
    assert_eq!(app.tabs.products.level, ProductLevel::Heading);
    assert_eq!(codes(&app), ["333", "334"]);
    let text = screen(&app, 80, 24);
    insta::assert_snapshot!("products_sitc_groups_80x24", text);
    assert!(
        text.contains("KAZ → CHN · exports · 2021 · 33 · groups"),
        "{text}"
    );
    press(&mut app, &[Enter]);
    assert_eq!(codes(&app), ["33300"]);
    let text = screen(&app, 160, 48);
    assert!(
        text.contains(
            "33 Petroleum, petroleum products and related materials › 333 · basic headings"
        ),
        "{text}"
    );
    press(&mut app, &[Backspace, Backspace, Backspace]);
    assert_eq!(app.tabs.products.level, ProductLevel::Section);
    // The divisions do not make the total, so no section is summed from
    // them: they are shown as listed, and the title does not call them
    // sections.
    assert_eq!(codes(&app), ["33", "28", "68", "67"]);
    assert!(screen(&app, 120, 30).contains("2021 · listed products"));
    press(&mut app, &[Backspace]);
    assert_eq!(said(&app), "Bksp: at the top: the SITC sections");
}

#[test]
fn print_products_takes_sitcs_own_level_names() {
    let file = sitc_groups();
    let print = |level: &str| {
        products(
            &[file.path()],
            "KAZ-CHN",
            &["--level", level, "--product", "33"],
        )
    };
    let groups = print("group");
    assert_eq!(groups, print("heading"));
    // 333: 5,000,000 of the total 10,000,000; SITC Rev. 4's built-in names
    // stop at the divisions, so the group's name is empty.
    assert_eq!(
        groups[1..3],
        [
            "KAZ,CHN,exports,2021,SITC Rev. 4,333,,5000000,USD,50.00,,,,,",
            "KAZ,CHN,exports,2021,SITC Rev. 4,334,,1000000,USD,10.00,,,,,",
        ]
    );
    assert_eq!(print("division"), print("chapter"));
    assert_eq!(print("basic-heading"), print("hs6"));
    assert!(print("basic-heading")[1].contains(",33300,,5000000,USD,50.00,"));
}

#[test]
fn growth_is_not_computed_between_an_hs_year_and_an_sitc_year() {
    // The same codes a year earlier in the HS (H5): HS chapter 33 (essential
    // oils) is not SITC division 33 (petroleum), so no growth, said.
    let fixture = std::fs::read_to_string(SITC_NO_DESC).expect("the fixture");
    let hs = fixture
        .replace("20210101,2021,52,2021", "20200101,2020,52,2020")
        .replace(",S4,SITC,", ",H5,HS,");
    let hs = TempFile::new("comtrade_hs_2020.csv", &hs);
    let lines = products(&[hs.path(), SITC_NO_DESC], "KAZ-CHN", &["--period", "2021"]);
    assert!(lines[1].starts_with("KAZ,CHN,exports,2021,SITC Rev. 4,33,"));
    for line in &lines[1..5] {
        // Growth is the fifth field from the end (names hold commas).
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[fields.len() - 5], "", "no growth: {line}");
    }
    assert!(
        lines.iter().any(|line| line
            == "# growth not computed: 2020 is in HS 2017 (H5) and 2021 in SITC Rev. 4, whose codes are other goods"),
        "{lines:?}"
    );
}

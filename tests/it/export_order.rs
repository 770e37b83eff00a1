//! `e` writes the rows in the order the screen shows them, and the file's
//! name says the sort (issue 21, item 1).

use crossterm::event::KeyCode::{self, Char};

use crate::common::keys::{app, export_dir, partners_app, press, type_text};

/// The column `column` of every data row of a CSV file, in its order.
fn column(path: &std::path::Path, column: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let at = reader.headers().unwrap().iter().position(|h| h == column);
    let at = at.unwrap_or_else(|| panic!("no column {column} in {}", path.display()));
    let rows = reader
        .records()
        .map(|record| record.unwrap()[at].to_string());
    rows.collect()
}

#[test]
fn e_after_sorting_partners_by_growth_writes_the_screens_order() {
    let directory = export_dir("export-order-partners");
    let mut app = partners_app();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[KeyCode::Enter, Char('>'), Char('>'), Char('e')]);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    let shown: Vec<String> = view.rows.iter().map(|r| r.partner.to_string()).collect();
    let period = view.selected_period().unwrap().to_string();
    let name = format!("partners_KAZ_{}_by-growth.csv", period.replace('/', "_"));
    let (message, _) = app.message.clone().unwrap();
    assert!(message.ends_with(&name), "{message}");
    let written = column(&directory.join(&name), "partner");
    assert!(shown.len() > 2, "{shown:?}");
    // After the ranked partners come the rows not ranked (the world total,
    // the rest), as --print writes them.
    assert_eq!(written[..shown.len()], shown[..], "{written:?}");
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn e_after_sorting_the_bilateral_table_writes_its_sorted_periods() {
    let directory = export_dir("export-order-bilateral");
    let mut app = app();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('2'), Char('o'), Char('e')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let shown: Vec<String> = view.table.periods.iter().map(|p| p.to_string()).collect();
    let name = "bilateral_CHN-RUS_annual_USD_by-exports.csv";
    let written = column(&directory.join(name), "period");
    assert_eq!(written, shown);
    let mut by_period = shown.clone();
    by_period.sort_by(|a, b| b.cmp(a));
    assert_ne!(shown, by_period, "the sort changed the order on screen");
    // O: the other way round, said in the name.
    press(&mut app, &[Char('O'), Char('e')]);
    let name = "bilateral_CHN-RUS_annual_USD_by-exports-ascending.csv";
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let shown: Vec<String> = view.table.periods.iter().map(|p| p.to_string()).collect();
    assert_eq!(column(&directory.join(name), "period"), shown);
    std::fs::remove_dir_all(&directory).unwrap();
}

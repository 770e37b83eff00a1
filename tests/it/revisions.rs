//! Reloads and revisions (issue 21, item 7): a reload that changes a
//! published figure lists it in `w` and in the figure's derivation (old →
//! new, with the file); failed reloads stay listed in full; `--check
//! --against OLD_FILE` prints the same revisions without a terminal.

use eurasia_dash::app::{Action, App, Overlay, Tab};
use eurasia_dash::data::{Dataset, DatasetBuilder, LoadError};

use crate::common::screen::{drawn, rows};
use crate::common::{TempFile, run};

const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

fn data(rows: &str) -> Dataset {
    let mut builder = DatasetBuilder::new();
    let csv = format!("{HEADER}{rows}");
    builder
        .add_native("trade.csv", csv.as_bytes(), false)
        .unwrap();
    builder.build()
}

const BEFORE: &str = "exports,CHN,RUS,2023,110.97,USD_BN,GACC,\n\
                      imports,CHN,RUS,2023,129.14,USD_BN,GACC,\n\
                      exports,CHN,RUS,2024,115.49,USD_BN,GACC,\n\
                      imports,CHN,RUS,2024,129.32,USD_BN,GACC,\n";

/// The same, with 2024's exports revised and 2022's added.
const AFTER: &str = "exports,CHN,RUS,2023,110.97,USD_BN,GACC,\n\
                     imports,CHN,RUS,2023,129.14,USD_BN,GACC,\n\
                     exports,CHN,RUS,2024,115.8,USD_BN,GACC,\n\
                     imports,CHN,RUS,2024,129.32,USD_BN,GACC,\n\
                     exports,CHN,RUS,2022,76.12,USD_BN,GACC,\n";

fn screen(app: &App, width: u16, height: u16) -> String {
    rows(&drawn(app, width, height))
        .into_iter()
        .map(|row| row + "\n")
        .collect()
}

#[test]
fn a_revised_figure_is_listed_in_w_and_shown_old_to_new_in_its_derivation() {
    let mut app = App::new(data(BEFORE), "trade.csv".into());
    app.update(Action::SelectTab(Tab::Bilateral));
    app.reloaded(Ok(data(AFTER)), &[]);
    let said = app.message.as_ref().map(|(text, _)| text.clone());
    assert!(
        said.as_deref()
            .is_some_and(|s| s.contains("; 2 figures revised (w lists them)")),
        "{said:?}"
    );
    let described: Vec<String> = app.revisions.iter().map(|r| r.describe()).collect();
    assert_eq!(
        described,
        [
            "CHN–RUS exports 2022: no figure → $76,120,000,000 USD (trade.csv:6)",
            "CHN–RUS exports 2024: $115,490,000,000 USD → $115,800,000,000 USD (trade.csv:4)",
        ]
    );
    app.update(Action::ToggleWarnings);
    let shown = screen(&app, 120, 30);
    assert!(shown.contains("2 revised figures"), "{shown}");
    assert!(
        shown.contains(
            "revised      CHN–RUS exports 2024: $115,490,000,000 USD → $115,800,000,000 USD (trade.csv:4)"
        ),
        "{shown}"
    );
    app.update(Action::Back);
    // 2024 is the second row (2022, 2023 and 2024, latest first: 2024 first).
    app.update(Action::Confirm);
    assert!(matches!(app.overlay, Some(Overlay::Derivation { .. })));
    let lines: Vec<String> = app
        .derivation
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .map(|l| l.text.clone())
        .collect();
    assert!(
        lines.iter().any(|l| l
            == "revised by a reload: CHN–RUS exports 2024: $115,490,000,000 USD → $115,800,000,000 USD (trade.csv:4)"),
        "{lines:#?}"
    );
    // A reload with nothing changed adds nothing; the list is since the start.
    app.update(Action::Back);
    app.reloaded(Ok(data(AFTER)), &[]);
    assert_eq!(app.revisions.len(), 2);
}

#[test]
fn failed_reloads_stay_listed_in_w_with_their_reasons_in_full() {
    let mut app = App::new(data(BEFORE), "trade.csv".into());
    let long = format!("'{}' is not a number", "x".repeat(150));
    app.reloaded(Err(LoadError::at_line("trade.csv", 3, &long)), &[]);
    app.reloaded(
        Err(LoadError::at_line("trade.csv", 5, "'y' is not a number")),
        &[],
    );
    assert_eq!(app.failed_reloads.len(), 2);
    app.update(Action::ToggleWarnings);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("2 failed reloads"), "{shown}");
    // The long reason wraps, its end on screen.
    assert!(shown.contains("xxx' is not a number"), "{shown}");
    assert!(
        shown.contains("trade.csv:5: 'y' is not a number"),
        "{shown}"
    );
    // A reload that succeeds keeps them listed.
    app.reloaded(Ok(data(BEFORE)), &[]);
    assert_eq!(app.failed_reloads.len(), 2);
    assert_eq!(app.stale, None);
}

#[test]
fn check_against_an_older_file_prints_the_revisions_and_exits_0() {
    let old = TempFile::new("revisions-old.csv", &format!("{HEADER}{BEFORE}"));
    let new = TempFile::new("revisions-new.csv", &format!("{HEADER}{AFTER}"));
    let (code, stdout, stderr) = run(&["--check", "--against", old.path(), "--data", new.path()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(
        stdout.starts_with(&format!("Against {}: 2 figures changed\n", old.path())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  CHN–RUS exports 2024: $115,490,000,000 USD → $115,800,000,000 USD ({}:4)\n",
            new.path()
        )),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["--check", "--against", new.path(), "--data", new.path()]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("Against {}: no figure changed\n", new.path())
    );
}

#[test]
fn a_revised_figure_is_marked_in_the_tables_after_the_reload_and_not_before() {
    // A second partner, for China to be listed on the Partners tab.
    let kazakhstan = "exports,CHN,KAZ,2024,30.0,USD_BN,GACC,\n\
                      imports,CHN,KAZ,2024,14.0,USD_BN,GACC,\n";
    let mut app = App::new(data(&format!("{BEFORE}{kazakhstan}")), "trade.csv".into());
    app.update(Action::SelectTab(Tab::Partners));
    app.update(Action::OpenPicker);
    for c in "chn".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    for tab in [Tab::Partners, Tab::Bilateral] {
        app.update(Action::SelectTab(tab));
        let shown = screen(&app, 120, 30);
        assert!(
            shown.contains("China–Russia") || shown.contains("Russia  "),
            "{tab:?}:\n{shown}"
        );
        assert!(!shown.contains('↻'), "{tab:?} before the reload:\n{shown}");
    }
    app.update(Action::SelectTab(Tab::Bilateral));
    app.reloaded(Ok(data(&format!("{AFTER}{kazakhstan}"))), &[]);
    let shown = screen(&app, 120, 30);
    // 2024's exports revised, and its total (exports + imports) with them;
    // 2023 untouched; 2022 new.
    let row = |period: &str| {
        shown
            .lines()
            .find(|line| {
                [format!("│▸ {period} "), format!("│  {period} ")]
                    .iter()
                    .any(|p| line.contains(p))
            })
            .unwrap_or_else(|| panic!("no row {period}:\n{shown}"))
            .to_string()
    };
    assert!(row("2024").contains("$115.8 bn↻"), "{shown}");
    assert!(row("2024").contains("$245.1 bn*↻"), "{shown}");
    assert!(!row("2023").contains('↻'), "{shown}");
    assert!(
        shown.contains("↻: revised by a reload since start (Enter shows old → new)"),
        "{shown}"
    );
    app.message = None; // says the time of the reload
    insta::assert_snapshot!("revised_bilateral_80x24", screen(&app, 80, 24));
    app.update(Action::SelectTab(Tab::Partners));
    let shown = screen(&app, 120, 30);
    let russia = shown
        .lines()
        .find(|line| line.contains("Russia"))
        .unwrap_or_default();
    assert!(russia.contains("$245.1 bn*↻"), "{shown}");
    let kazakhstan = shown
        .lines()
        .find(|line| line.contains("Kazakhstan"))
        .unwrap_or_default();
    assert!(!kazakhstan.contains('↻'), "{shown}");
    assert!(
        shown.contains("↻: revised by a reload since start (Enter shows old → new)"),
        "{shown}"
    );
    insta::assert_snapshot!("revised_partners_80x24", screen(&app, 80, 24));
}

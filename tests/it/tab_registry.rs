//! Every tab in the registry (`src/app/tabs/registry.rs`) is complete: a
//! title in the header, a number key, a `--tab` name the binary takes, a
//! component that answers its keys and the help says so, and a drawing at
//! the smallest size. A tab added without one of them fails here.

use crossterm::event::KeyCode;
use eurasia_dash::app::Tab;
use eurasia_dash::app::keys::{KEYS, Scope, status_hints};
use eurasia_dash::ui::{self, MIN_HEIGHT, MIN_WIDTH, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::keys::{app, press};
use crate::common::run;
use crate::common::screen::rows;

fn screen(backend: &TestBackend) -> Vec<String> {
    rows(backend.buffer())
}

#[test]
fn every_tab_has_a_title_a_name_and_a_number_key_of_its_own() {
    assert!(!Tab::ALL.is_empty());
    for (at, &tab) in Tab::ALL.iter().enumerate() {
        assert!(!tab.title().is_empty(), "{tab:?} has no title");
        assert_eq!(Tab::named(tab.name()), Some(tab), "{tab:?}'s --tab name");
        for &alias in tab.aliases() {
            assert_eq!(Tab::named(alias), Some(tab), "{tab:?}'s alias {alias}");
        }
        let others = &Tab::ALL[..at];
        assert!(
            others
                .iter()
                .all(|other| other.title() != tab.title() && other.name() != tab.name()),
            "{tab:?} shares a title or name"
        );
        let mut app = app();
        let digit = char::from_digit(at as u32 + 1, 10).expect("at most nine tabs");
        press(&mut app, &[KeyCode::Char(digit)]);
        assert_eq!(app.tab, tab, "{digit} opens {tab:?}");
    }
}

#[test]
fn every_tab_opens_from_the_command_line() {
    for tab in Tab::ALL {
        for name in std::iter::once(tab.name()).chain(tab.aliases().iter().copied()) {
            let (code, _, stderr) = run(&["--check", "--tab", name]);
            assert_eq!(code, 0, "--tab {name}: {stderr}");
        }
    }
    let (_, help, _) = run(&["--help"]);
    for tab in Tab::ALL {
        assert!(help.contains(tab.name()), "--help names {}", tab.name());
    }
}

#[test]
fn every_tab_draws_at_80x24_with_its_title_marked_and_its_hints() {
    for tab in Tab::ALL {
        let mut app = app();
        app.tab = tab;
        let mut terminal = Terminal::new(TestBackend::new(MIN_WIDTH, MIN_HEIGHT)).unwrap();
        let mut hits = None;
        terminal
            .draw(|frame| hits = Some(ui::render(&app, &Theme { color: false }, frame)))
            .unwrap();
        let lines = screen(terminal.backend());
        assert!(lines[0].contains(tab.title()), "{tab:?}: {}", lines[0]);
        assert!(!lines.concat().contains("too small"), "{tab:?}");
        let body = &lines[1..lines.len() - 1];
        assert!(
            body.iter().filter(|line| !line.trim().is_empty()).count() > 3,
            "{tab:?} draws something: {body:#?}"
        );
        // Its title in the header is where a click opens it.
        let hits = hits.unwrap();
        assert!(hits.tabs.iter().any(|&(_, at)| at == tab), "{tab:?}");
        // The status line shows the hints of the keys the tab answers.
        let status = lines.last().unwrap();
        for hint in status_hints(tab).iter().take(2) {
            assert!(status.contains(hint.key), "{tab:?}: {status}");
        }
    }
}

#[test]
fn every_key_group_a_tab_answers_has_keys_and_every_tab_bound_key_a_tab() {
    for binding in KEYS {
        if let Scope::Tab(group) = binding.scope {
            let answering = Tab::ALL.iter().filter(|tab| tab.answers().contains(&group));
            assert!(answering.count() > 0, "no tab answers {}", binding.label);
        }
    }
    for tab in Tab::ALL {
        for group in tab.answers() {
            let bound = KEYS
                .iter()
                .any(|binding| binding.scope == Scope::Tab(*group));
            assert!(bound, "{tab:?} answers {group:?}, which no key asks for");
        }
    }
}

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn keys_map_to_actions() {
    assert_eq!(action_for(key(KeyCode::Char('q'))), Some(Action::Quit));
    assert_eq!(
        action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Interrupt)
    );
    assert_eq!(
        action_for(key(KeyCode::Char('c'))),
        Some(Action::NextCurrency)
    );
    assert_eq!(
        action_for(key(KeyCode::Char('3'))),
        Some(Action::SelectTab(Tab::Partners))
    );
    assert_eq!(action_for(key(KeyCode::BackTab)), Some(Action::PreviousTab));
    assert_eq!(action_for(key(KeyCode::Char('l'))), Some(Action::NextTab));
    assert_eq!(
        action_for(key(KeyCode::Char('x'))),
        Some(Action::ClearProduct)
    );
    assert_eq!(action_for(key(KeyCode::Char('z'))), None);
}

#[test]
fn modifiers_other_than_a_ctrl_binding_are_ignored_and_releases_do_nothing() {
    let with = |code, modifiers| action_for(KeyEvent::new(code, modifiers));
    assert_eq!(
        with(KeyCode::Char('G'), KeyModifiers::SHIFT),
        Some(Action::End)
    );
    assert_eq!(
        with(KeyCode::BackTab, KeyModifiers::SHIFT),
        Some(Action::PreviousTab)
    );
    assert_eq!(
        with(KeyCode::Char('q'), KeyModifiers::CONTROL),
        Some(Action::Quit)
    );
    let mut release = key(KeyCode::Char('q'));
    release.kind = KeyEventKind::Release;
    assert_eq!(action_for(release), None);
    let mut repeat = key(KeyCode::Down);
    repeat.kind = KeyEventKind::Repeat;
    assert_eq!(action_for(repeat), Some(Action::Down));
}

#[test]
fn no_key_is_bound_twice_in_the_picker_or_out_of_it() {
    let in_picker = |scope| matches!(scope, Scope::Picker | Scope::Everywhere);
    let out_of_picker = |scope| scope != Scope::Picker;
    for in_mode in [&in_picker as &dyn Fn(Scope) -> bool, &out_of_picker] {
        let keys: Vec<Key> = KEYS
            .iter()
            .filter(|binding| in_mode(binding.scope))
            .flat_map(|binding| binding.keys)
            .map(|&(key, _)| key)
            .collect();
        for (at, key) in keys.iter().enumerate() {
            assert!(!keys[..at].contains(key), "{key:?} is bound twice");
        }
    }
}

#[test]
fn in_the_picker_letters_are_typed_and_its_keys_act() {
    assert_eq!(
        picker_action_for(key(KeyCode::Char('q'))),
        Some(Action::Type('q'))
    );
    assert_eq!(
        picker_action_for(key(KeyCode::Char('/'))),
        Some(Action::Type('/'))
    );
    assert_eq!(picker_action_for(key(KeyCode::Esc)), Some(Action::Back));
    assert_eq!(
        picker_action_for(key(KeyCode::Enter)),
        Some(Action::Confirm)
    );
    assert_eq!(picker_action_for(key(KeyCode::Down)), Some(Action::Down));
    assert_eq!(
        picker_action_for(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
        Some(Action::Up)
    );
    assert_eq!(
        picker_action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Interrupt)
    );
    assert_eq!(picker_action_for(key(KeyCode::Tab)), None);
    assert_eq!(
        action_for(key(KeyCode::Enter)),
        Some(Action::Confirm),
        "Enter acts in the picker only, and the app says so elsewhere"
    );
}

#[test]
fn the_digits_select_the_tabs_in_order_and_their_help_names_them() {
    for (at, &tab) in Tab::ALL.iter().enumerate() {
        let digit = char::from_digit(at as u32 + 1, 10).unwrap();
        assert_eq!(
            action_for(key(KeyCode::Char(digit))),
            Some(Action::SelectTab(tab))
        );
    }
    let titles: Vec<&str> = Tab::ALL.iter().map(|tab| tab.title()).collect();
    let digits = KEYS.iter().find(|binding| binding.label == "1 2 3 4 5");
    assert_eq!(
        digits.map(|binding| binding.help),
        Some(&*titles.join(", "))
    );
}

#[test]
fn status_hints_put_quit_first_and_the_tabs_own_keys_last() {
    let keys = |tab| -> Vec<&str> { status_hints(tab).iter().map(|hint| hint.key).collect() };
    assert_eq!(keys(Tab::Overview), ["q", "?", "Tab", "/", "Enter"]);
    assert_eq!(
        keys(Tab::Bilateral),
        ["q", "?", "Tab", "/", "p", "s", "c", "o", "Enter"]
    );
    assert_eq!(
        keys(Tab::Partners),
        ["q", "?", "Tab", "/", "[ ]", "s", "o", "Enter"]
    );
    assert_eq!(
        keys(Tab::BeltAndRoad),
        ["q", "?", "Tab", "/", "m", "s", "o", "Enter"]
    );
}

/// The rows of the README's "## Keys" table: (key, what it does).
fn readme_keys() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let (_, section) = readme
        .split_once("\n## Keys\n")
        .expect("README.md has a '## Keys' section");
    section
        .lines()
        .take_while(|line| !line.starts_with("## "))
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        // The header row and the |---|---| line under it.
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            let [key, does] = cells[..] else {
                panic!("a Keys row of two cells: {line:?}");
            };
            (key.trim().to_string(), does.trim().to_string())
        })
        .collect()
}

#[test]
fn the_readme_lists_the_keys_of_the_table() {
    let table: Vec<(String, String)> = KEYS
        .iter()
        .map(|binding| (binding.label.to_string(), binding.help.to_string()))
        .collect();
    assert_eq!(
        readme_keys(),
        table,
        "README.md's Keys table (left) and app::keys::KEYS (right) differ"
    );
}

#[test]
fn on_products_enter_drills_and_backspace_goes_up_on_the_status_line() {
    let hints: Vec<(&str, &str)> = status_hints(Tab::Products)
        .iter()
        .map(|hint| (hint.key, hint.what))
        .collect();
    assert_eq!(
        hints,
        [
            ("q", "quit"),
            ("?", "help"),
            ("Tab", "next"),
            ("/", "find"),
            ("Enter", "drill"),
            ("[ ]", "period"),
            ("i", "exp/imp"),
            ("Bksp", "up"),
            ("b", "who buys"),
            ("s", "span"),
            ("o", "sort"),
        ]
    );
    // The help overlay, which lists KEYS, says both.
    let help = |label: &str| KEYS.iter().find(|b| b.label == label).map(|b| b.help);
    assert!(help("Enter").is_some_and(|h| h.contains("on Products, drill in")));
    assert!(help("Bksp").is_some_and(|h| h.contains("Products: up a level")));
    // Elsewhere Enter still explains.
    for tab in [Tab::Overview, Tab::Bilateral, Tab::Partners] {
        let enter = status_hints(tab).into_iter().find(|h| h.key == "Enter");
        assert_eq!(enter.map(|h| h.what), Some("explain"));
    }
}

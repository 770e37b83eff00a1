//! The one table of keys: what each key asks for, where it works, and how
//! the help, the README and the status line show it. It is data that the
//! app (the help's scroll), the drawing (help, hints, labels) and the event
//! loop (the key lookup) all read, so it lives here, below them all; a test
//! holds the README's table of keys to it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, App, SELECT_HELP, SELECT_KEYS, SELECT_LABEL, Tab};

/// A key as a binding names it: its code, and whether Ctrl is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn plain(code: KeyCode, action: Action) -> (Key, Action) {
    (Key { code, ctrl: false }, action)
}

const fn ctrl(code: KeyCode, action: Action) -> (Key, Action) {
    (Key { code, ctrl: true }, action)
}

/// Where a binding's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, also with an overlay open.
    Everywhere,
    /// On every tab, while no overlay is open.
    EveryTab,
    /// On the tabs whose component answers these keys (`Registered::ANSWERS`),
    /// while no overlay is open; [`KeyGroup::Table`]'s also move in the help
    /// and warnings lists.
    Tab(KeyGroup),
    /// In the pair picker, where other letters are typed into its filter.
    Picker,
}

/// Keys that some tabs answer, each tab's component saying which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyGroup {
    /// Moving in a table, sorting it, copying a row.
    Table,
    /// Stepping through reporter–partner pairs, swapping and comparing them.
    Pairs,
    /// The span kind: annual, quarterly, … rolling 12 months.
    Span,
    /// The currency.
    Currency,
    /// The previous or next period.
    Periods,
    /// Trade or investment.
    Topic,
    /// The Products tab's own: exports or imports, up a level, who buys.
    Products,
    /// Clearing the product the Partners tab is ranked for.
    ProductFilter,
}

impl Scope {
    /// Whether the keys do something on `tab`.
    pub fn covers(self, tab: Tab) -> bool {
        match self {
            Scope::Everywhere | Scope::EveryTab => true,
            Scope::Tab(group) => tab.answers().contains(&group),
            Scope::Picker => false,
        }
    }
}

/// A binding's short form on the status line.
#[derive(Clone, Copy, Debug)]
pub struct Hint {
    pub key: &'static str,
    pub what: &'static str,
    /// Place on the status line, lowest first: on a narrow terminal the hints
    /// give way from the end, so the most needed come first.
    pub rank: u8,
}

/// One row of the key table: some keys, what each asks for, and how the row
/// is shown.
#[derive(Debug)]
pub struct Binding {
    /// The keys as the help overlay and the README list them.
    pub label: &'static str,
    /// What they do, as the help overlay and the README say it.
    pub help: &'static str,
    pub scope: Scope,
    /// Each key and the action it asks for.
    pub keys: &'static [(Key, Action)],
    /// Shown on the status line of the tabs in scope, if any.
    pub hint: Option<Hint>,
}

/// The lines the help overlay shows under the keys.
pub const HELP_LEGEND: [&str; 2] = [
    "Growth: calc = computed from the year before, pub = as published;",
    "$, ¥ or € after it: the currency it is measured in. * = computed here.",
];

/// How many steps the help scrolls on a short terminal: one a key, so its
/// last step shows the last key with the legend under it. The app clamps
/// the scroll to it and the overlay draws from it.
pub fn help_scroll_len() -> usize {
    KEYS.len()
}

/// Every key binding, in the order the help overlay lists them.
pub const KEYS: &[Binding] = &[
    Binding {
        label: "Tab / Shift-Tab",
        help: "next / previous tab",
        scope: Scope::EveryTab,
        keys: &[
            plain(KeyCode::Tab, Action::NextTab),
            plain(KeyCode::BackTab, Action::PreviousTab),
        ],
        hint: Some(Hint {
            key: "Tab",
            what: "next",
            rank: 2,
        }),
    },
    Binding {
        label: "→ ← / l h",
        help: "next / previous tab",
        scope: Scope::EveryTab,
        keys: &[
            plain(KeyCode::Right, Action::NextTab),
            plain(KeyCode::Left, Action::PreviousTab),
            plain(KeyCode::Char('l'), Action::NextTab),
            plain(KeyCode::Char('h'), Action::PreviousTab),
        ],
        hint: None,
    },
    Binding {
        label: SELECT_LABEL,
        help: SELECT_HELP,
        scope: Scope::EveryTab,
        keys: SELECT_KEYS,
        hint: None,
    },
    Binding {
        label: "↓ ↑ / j k",
        help: "move in the table",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[
            plain(KeyCode::Down, Action::Down),
            plain(KeyCode::Up, Action::Up),
            plain(KeyCode::Char('j'), Action::Down),
            plain(KeyCode::Char('k'), Action::Up),
        ],
        hint: None,
    },
    Binding {
        label: "PgDn PgUp",
        help: "move ten rows",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[
            plain(KeyCode::PageDown, Action::PageDown),
            plain(KeyCode::PageUp, Action::PageUp),
        ],
        hint: None,
    },
    Binding {
        label: "Home End / g G",
        help: "first / last row",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[
            plain(KeyCode::Home, Action::Home),
            plain(KeyCode::End, Action::End),
            plain(KeyCode::Char('g'), Action::Home),
            plain(KeyCode::Char('G'), Action::End),
        ],
        hint: None,
    },
    Binding {
        label: "p / P",
        help: "bilateral: next / previous reporter–partner pair",
        scope: Scope::Tab(KeyGroup::Pairs),
        keys: &[
            plain(KeyCode::Char('p'), Action::NextPair),
            plain(KeyCode::Char('P'), Action::PreviousPair),
        ],
        hint: Some(Hint {
            key: "p",
            what: "pair",
            rank: 3,
        }),
    },
    Binding {
        label: "M",
        help: "bilateral: swap reporter and partner",
        scope: Scope::Tab(KeyGroup::Pairs),
        keys: &[plain(KeyCode::Char('M'), Action::SwapPair)],
        hint: None,
    },
    Binding {
        label: "+ / -",
        help: "bilateral: compare with a pair (picker) / stop comparing",
        scope: Scope::Tab(KeyGroup::Pairs),
        keys: &[
            plain(KeyCode::Char('+'), Action::AddComparison),
            plain(KeyCode::Char('-'), Action::RemoveComparison),
        ],
        hint: None,
    },
    Binding {
        label: "/",
        help: "find by name or code: a pair, a reporter or a product",
        scope: Scope::EveryTab,
        keys: &[plain(KeyCode::Char('/'), Action::OpenPicker)],
        hint: Some(Hint {
            key: "/",
            what: "find",
            rank: 2,
        }),
    },
    Binding {
        label: ":",
        help: "jump to a period: 2022, 2022-Q3, 2022-07, then Enter",
        scope: Scope::EveryTab,
        keys: &[plain(KeyCode::Char(':'), Action::OpenJump)],
        hint: None,
    },
    Binding {
        label: "f",
        help: "find a row: period, partner or name, then Enter",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[plain(KeyCode::Char('f'), Action::OpenFind)],
        hint: None,
    },
    Binding {
        label: "n",
        help: "areas by code (KAZ) or by name (Kazakhstan)",
        scope: Scope::EveryTab,
        keys: &[plain(KeyCode::Char('n'), Action::ToggleNaming)],
        hint: None,
    },
    Binding {
        label: "s",
        help: "annual, … rolling 12 months, where a tab has them",
        scope: Scope::Tab(KeyGroup::Span),
        keys: &[plain(KeyCode::Char('s'), Action::NextSpan)],
        hint: Some(Hint {
            key: "s",
            what: "span",
            rank: 4,
        }),
    },
    Binding {
        label: "c",
        help: "bilateral: next currency (USD, CNY, EUR)",
        scope: Scope::Tab(KeyGroup::Currency),
        keys: &[plain(KeyCode::Char('c'), Action::NextCurrency)],
        hint: Some(Hint {
            key: "c",
            what: "currency",
            rank: 5,
        }),
    },
    Binding {
        label: "[ ]",
        help: "Partners, Products: previous / next period",
        scope: Scope::Tab(KeyGroup::Periods),
        keys: &[
            plain(KeyCode::Char('['), Action::PreviousPeriod),
            plain(KeyCode::Char(']'), Action::NextPeriod),
        ],
        hint: Some(Hint {
            key: "[ ]",
            what: "period",
            rank: 3,
        }),
    },
    Binding {
        label: "m",
        help: "Belt and Road: trade / investment",
        scope: Scope::Tab(KeyGroup::Topic),
        keys: &[plain(KeyCode::Char('m'), Action::SwitchTopic)],
        hint: Some(Hint {
            key: "m",
            what: "trade/investment",
            rank: 3,
        }),
    },
    Binding {
        label: "i",
        help: "Products: exports / imports",
        scope: Scope::Tab(KeyGroup::Products),
        keys: &[plain(KeyCode::Char('i'), Action::SwitchFlow)],
        hint: Some(Hint {
            key: "i",
            what: "exp/imp",
            rank: 3,
        }),
    },
    Binding {
        label: "a",
        help: "Products: the reporter with the world (WLD) / the pair",
        scope: Scope::Tab(KeyGroup::Products),
        keys: &[plain(KeyCode::Char('a'), Action::WorldPartner)],
        hint: None,
    },
    Binding {
        label: "Bksp",
        help: "Products: up a level (Enter drills into the row)",
        scope: Scope::Tab(KeyGroup::Products),
        keys: &[plain(KeyCode::Backspace, Action::DrillUp)],
        hint: Some(Hint {
            key: "Bksp",
            what: "up",
            rank: 3,
        }),
    },
    Binding {
        label: "b",
        help: "Products: who buys the product (Partners ranked for it)",
        scope: Scope::Tab(KeyGroup::Products),
        keys: &[plain(KeyCode::Char('b'), Action::WhoBuys)],
        hint: Some(Hint {
            key: "b",
            what: "who buys",
            rank: 3,
        }),
    },
    Binding {
        label: "x",
        help: "Partners: clear the product (set with b on Products)",
        scope: Scope::Tab(KeyGroup::ProductFilter),
        keys: &[plain(KeyCode::Char('x'), Action::ClearProduct)],
        hint: None,
    },
    Binding {
        label: "Enter",
        help: "how the selected figure was made (y cites); on Products, drill in",
        scope: Scope::EveryTab,
        keys: &[plain(KeyCode::Enter, Action::Confirm)],
        hint: Some(Hint {
            key: "Enter",
            what: "explain",
            // Last: where the line is short, the tab's own keys stay.
            rank: 6,
        }),
    },
    Binding {
        label: "e",
        help: "write the table shown as CSV here, or in --export-dir",
        scope: Scope::EveryTab,
        keys: &[plain(KeyCode::Char('e'), Action::Export)],
        hint: None,
    },
    Binding {
        label: "y",
        help: "copy the selected row as CSV to the clipboard (OSC 52)",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[plain(KeyCode::Char('y'), Action::CopyRow)],
        hint: None,
    },
    Binding {
        label: "o / O",
        help: "sort the table by its next column / reverse the sort",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[
            plain(KeyCode::Char('o'), Action::SortNextColumn),
            plain(KeyCode::Char('O'), Action::SortReverse),
        ],
        hint: Some(Hint {
            key: "o",
            what: "sort",
            rank: 5,
        }),
    },
    Binding {
        label: "> <",
        help: "sort by the next / previous column, as in htop",
        scope: Scope::Tab(KeyGroup::Table),
        keys: &[
            plain(KeyCode::Char('>'), Action::SortNextColumn),
            plain(KeyCode::Char('<'), Action::SortPreviousColumn),
        ],
        hint: None,
    },
    Binding {
        label: "w",
        help: "list of warnings (skipped rows, conflicts, data quality)",
        scope: Scope::Everywhere,
        keys: &[plain(KeyCode::Char('w'), Action::ToggleWarnings)],
        // The status line shows this key beside the warnings count instead.
        hint: None,
    },
    Binding {
        label: "?",
        help: "this help",
        scope: Scope::Everywhere,
        keys: &[plain(KeyCode::Char('?'), Action::ToggleHelp)],
        hint: Some(Hint {
            key: "?",
            what: "help",
            rank: 1,
        }),
    },
    Binding {
        label: "Enter ↓ ↑ Bksp",
        help: "picker: open the pair, move (Ctrl-n/p too), erase",
        scope: Scope::Picker,
        keys: &[
            plain(KeyCode::Enter, Action::Confirm),
            plain(KeyCode::Down, Action::Down),
            plain(KeyCode::Up, Action::Up),
            ctrl(KeyCode::Char('n'), Action::Down),
            ctrl(KeyCode::Char('p'), Action::Up),
            plain(KeyCode::PageDown, Action::PageDown),
            plain(KeyCode::PageUp, Action::PageUp),
            plain(KeyCode::Backspace, Action::Erase),
        ],
        hint: None,
    },
    Binding {
        label: "Ctrl-W / Ctrl-U",
        help: "picker, prompt: erase a word / all the text",
        scope: Scope::Picker,
        keys: &[
            ctrl(KeyCode::Char('w'), Action::EraseWord),
            ctrl(KeyCode::Char('u'), Action::EraseAll),
        ],
        hint: None,
    },
    Binding {
        label: "Esc",
        help: "close the overlay, picker or prompt (never quits)",
        scope: Scope::Everywhere,
        keys: &[plain(KeyCode::Esc, Action::Back)],
        hint: None,
    },
    Binding {
        label: "q / Ctrl-C",
        help: "quit (q in an overlay closes it)",
        scope: Scope::Everywhere,
        keys: &[
            plain(KeyCode::Char('q'), Action::Quit),
            ctrl(KeyCode::Char('c'), Action::Interrupt),
        ],
        hint: Some(Hint {
            key: "q",
            what: "quit",
            rank: 0,
        }),
    },
    Binding {
        label: "Ctrl-Z",
        help: "suspend to the shell (fg resumes)",
        scope: Scope::Everywhere,
        keys: &[ctrl(KeyCode::Char('z'), Action::Suspend)],
        hint: None,
    },
];

/// The action a key asks for, if any, while the pair picker is closed. A key
/// acts when pressed and repeats while held; its release does nothing.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    // A key of the picker only (Enter, Backspace, Ctrl-U) still asks, so
    // that the app says where it works instead of doing nothing silently.
    bound(key, |scope| scope != Scope::Picker).or_else(|| bound(key, |_| true))
}

/// The action a key asks for in the app's present state: the picker or the
/// jump prompt, while open, takes every key.
pub fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    if app.picker.is_some() || app.jump.is_some() || app.find.is_some() {
        picker_action_for(key)
    } else {
        action_for(key)
    }
}

/// The action a key asks for in the pair picker (or the jump prompt): its
/// own keys, Esc and Ctrl-C; any other character is typed.
pub fn picker_action_for(key: KeyEvent) -> Option<Action> {
    let found = bound(key, |scope| {
        matches!(scope, Scope::Picker | Scope::Everywhere)
    });
    match (key.code, found) {
        (KeyCode::Char(c), _)
            if key.kind != KeyEventKind::Release
                && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Action::Type(c))
        }
        (_, found) => found,
    }
}

/// The action of the binding of `key` among those whose scope `in_scope`
/// takes.
fn bound(key: KeyEvent, in_scope: impl Fn(Scope) -> bool) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let bound = |ctrl: bool| {
        KEYS.iter()
            .filter(|binding| in_scope(binding.scope))
            .flat_map(|binding| binding.keys)
            .find(|(bound, _)| bound.code == key.code && bound.ctrl == ctrl)
            .map(|&(_, action)| action)
    };
    // A Ctrl binding comes first (Ctrl-C quits, where c alone picks a
    // currency); otherwise modifiers are ignored, so Shift-g is G and Ctrl-q
    // still quits.
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        bound(true).or_else(|| bound(false))
    } else {
        bound(false)
    }
}

/// A key's hint on one tab in place of its own, where the key does that
/// tab's own thing: on Products, Enter drills into the row rather than
/// explains, and comes before the rest of the tab's keys.
const TAB_HINTS: &[(Tab, Hint)] = &[(
    Tab::Products,
    Hint {
        key: "Enter",
        what: "drill",
        rank: 2,
    },
)];

/// The status line's hints on `tab`, in their order, with the tab's own
/// words for its keys ([`TAB_HINTS`]).
pub fn status_hints(tab: Tab) -> Vec<Hint> {
    hints_on(tab, true)
}

/// The status line's hints in the app's present state: Enter drills on
/// Products only where the selected row opens; elsewhere it explains, and
/// the hint says so.
pub fn status_hints_now(app: &App) -> Vec<Hint> {
    let drills = app.tabs.products.selected().is_some_and(|row| row.opens);
    hints_on(app.tab, app.tab != Tab::Products || drills)
}

fn hints_on(tab: Tab, own: bool) -> Vec<Hint> {
    let mut hints: Vec<Hint> = KEYS
        .iter()
        .filter(|binding| binding.scope.covers(tab))
        .filter_map(|binding| binding.hint)
        .map(|hint| {
            TAB_HINTS
                .iter()
                .find(|(on, tabs)| own && *on == tab && tabs.key == hint.key)
                .map_or(hint, |&(_, tabs)| tabs)
        })
        .collect();
    hints.sort_by_key(|hint| hint.rank);
    hints
}

/// Why `action` does nothing on `tab`, when no binding that asks for it
/// works there: the one place that says so for a key of another tab or of
/// the picker. Actions of no key (a click) are left to the tab.
pub fn why_not_here(action: Action, tab: Tab) -> Option<String> {
    let mut bindings = KEYS
        .iter()
        .filter(|binding| binding.keys.iter().any(|&(_, bound)| bound == action));
    let first = bindings.next()?;
    let works = |binding: &Binding| binding.scope.covers(tab);
    if works(first) || bindings.any(works) {
        return None;
    }
    let (label, help) = (first.label, first.help);
    Some(match first.scope {
        Scope::Picker => format!("{label}: in the picker (/) or the : prompt only"),
        _ => format!("{label}: not on the {} tab ({help})", tab.title()),
    })
}

/// The label of the binding that asks for `action` ("" if none does).
pub fn label_for(action: Action) -> &'static str {
    KEYS.iter()
        .find(|binding| binding.keys.iter().any(|&(_, bound)| bound == action))
        .map_or("", |binding| binding.label)
}

#[cfg(test)]
mod tests;

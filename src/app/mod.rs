//! Application state and `update(action)`: every change of what is shown goes
//! through here, and each view is recomputed only when its selection changes.

mod commands;
pub mod keys;
mod picking;
mod reload;
pub use reload::FailedReload;
mod sorting;
pub mod tabs;

pub use tabs::{BilateralTab, BriTab, PartnersTab, ProductsTab, TabComponent};

// `Tab`, `Tabs` and the number keys, from the registry of tabs.
tabs::registry::tabs!(app_tabs);
use tabs::registry::app_tabs;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::data::Dataset;
use crate::data::load::events::{self, Event};
use crate::data::model::Naming;
use crate::view::bilateral;
use crate::view::derivation::Derivation;
use crate::view::overview::OverviewView;
use crate::view::picker::{self, Choice, Picker};
use crate::view::revisions::Revision;
use keys::KeyGroup;
use tabs::Opening;

impl Tab {
    /// The tab `--tab` names, by its name or an alias.
    pub fn named(name: &str) -> Option<Tab> {
        let names = |tab: &Tab| std::iter::once(tab.name()).chain(tab.aliases().iter().copied());
        Tab::ALL
            .iter()
            .copied()
            .find(|tab| names(tab).any(|known| known == name))
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Self {
        let count = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(count) as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled to a line (on a short terminal).
    Help { scroll: usize },
    /// The warnings list, scrolled to a line.
    Warnings { scroll: usize },
    /// How the selected figure was made ([`App::derivation`]), scrolled to
    /// a line.
    Derivation { scroll: usize },
}

/// Everything a user can ask for, independent of which key asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    NextTab,
    PreviousTab,
    SelectTab(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    NextPair,
    PreviousPair,
    /// `M`: the pair the other way round, as the partner reports it.
    SwapPair,
    /// `+`: the picker, to compare another pair with the one shown.
    AddComparison,
    /// `-`: no pair compared.
    RemoveComparison,
    /// `/`: the pair picker.
    OpenPicker,
    /// A character typed into the picker's filter or the jump prompt.
    Type(char),
    /// Backspace there.
    Erase,
    /// Ctrl-W there: the last word erased.
    EraseWord,
    /// Ctrl-U there: all the text erased.
    EraseAll,
    /// `:`: the prompt for a period to jump to.
    OpenJump,
    /// `f`: the prompt for a row to find in the table, by its text.
    OpenFind,
    /// `e`: the table shown written to a CSV file.
    Export,
    /// `y`: the selected row copied to the clipboard.
    CopyRow,
    /// Enter: open what is highlighted.
    Confirm,
    NextSpan,
    NextCurrency,
    PreviousPeriod,
    NextPeriod,
    SwitchTopic,
    /// `i` on the Products tab: exports or imports.
    SwitchFlow,
    /// `a` on the Products tab: the reporter with the world, or the pair.
    WorldPartner,
    /// Backspace on the Products tab: up a level (Enter drills down).
    DrillUp,
    /// `b` on the Products tab: the Partners tab ranked for the product.
    WhoBuys,
    /// `x` on the Partners tab: the product filter `b` set, cleared.
    ClearProduct,
    /// `o`: sort the table by its next column.
    SortNextColumn,
    /// `<`: sort the table by its previous column.
    SortPreviousColumn,
    /// `n`: areas by code instead of name, or back.
    ToggleNaming,
    /// `O`: sort the table the other way.
    SortReverse,
    /// A click on a column's header: sort by it, or the other way if the
    /// table is sorted by it already.
    SortBy(usize),
    /// A click on a row of a tab's table: select it. In the picker, a
    /// click on a line opens it.
    SelectRow(usize),
    ToggleHelp,
    ToggleWarnings,
    /// Esc: closes an overlay; with none open it does nothing, as in
    /// lazygit and gitui: a key pressed once too often never ends the session.
    Back,
    /// q: closes an overlay, as lazygit's q does; with none open, quits.
    Quit,
    /// Ctrl-C: quits, overlay or not.
    Interrupt,
    /// Ctrl-Z: the terminal given back and the program stopped until `fg`;
    /// the event loop does it, as it owns the terminal.
    Suspend,
}

/// Rows a PageUp/PageDown moves.
const PAGE: usize = 10;

/// A selected row in a table of `len` rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
}

impl Cursor {
    /// Moves as `action` asks; why it did not move, if it did not.
    fn apply(&mut self, action: Action, len: usize) -> Option<String> {
        let last = len.saturating_sub(1);
        let before = self.row;
        self.row = match action {
            Action::Up => self.row.saturating_sub(1),
            Action::Down => (self.row + 1).min(last),
            Action::PageUp => self.row.saturating_sub(PAGE),
            Action::PageDown => (self.row + PAGE).min(last),
            Action::Home => 0,
            Action::End => last,
            Action::SelectRow(row) => row.min(last),
            _ => self.row,
        };
        let at_top = matches!(action, Action::Up | Action::PageUp | Action::Home);
        match (len, self.row == before) {
            (_, false) => None,
            (0, true) => Some("the table has no rows".into()),
            (_, true) if at_top => Some("at the first row".into()),
            (_, true) => Some("at the last row".into()),
        }
    }
}

pub struct App {
    pub data: Dataset,
    /// Where the data came from, for the header and status line.
    pub origin: String,
    pub events: Vec<Event>,
    pub tab: Tab,
    pub overlay: Option<Overlay>,
    pub running: bool,
    /// Every tab's state, as the registry lists them.
    pub tabs: Tabs,
    /// The pair picker, while open: it takes every key.
    pub picker: Option<Picker>,
    /// Pairs and reporters opened, latest first, up to [`picker::RECENT`] of each.
    pub recent: Vec<Choice>,
    /// The `:` prompt's text, while it is open: it takes every key.
    pub jump: Option<String>,
    /// The `f` prompt's text, while it is open: it takes every key.
    pub find: Option<String>,
    /// What the last key did or why it did nothing, shown on the status
    /// line until the next key or for [`MESSAGE_TIME`].
    pub message: Option<(String, Instant)>,
    /// Where `e` writes its files: the working directory, or `--export-dir`.
    pub export_dir: PathBuf,
    /// Why a copy (`y`, OSC 52) may not reach the clipboard, as the
    /// terminal (tmux's `set-clipboard`) tells it at start; `y` says it
    /// rather than claiming success.
    pub clipboard_caveat: Option<String>,
    /// Text `y` copied, for the terminal to be sent (OSC 52) after the update.
    pub clipboard: Option<String>,
    /// Areas shown by name or by code (`n`).
    pub naming: Naming,
    /// Why the last reload (`--watch`) failed, while the figures shown are
    /// from an earlier load: said on the status line and in `w` until a
    /// reload succeeds.
    pub stale: Option<FailedReload>,
    /// The `--data` paths `--watch` can no longer see change (their folder
    /// is gone), said on the status line while they are not watched.
    pub unwatched: Vec<String>,
    /// What the derivation overlay shows, while open.
    pub derivation: Option<Derivation>,
    /// The figures reloads (`--watch`) changed since the start, in order.
    pub revisions: Vec<Revision>,
    /// Every reload that failed since the start, in order, for `w`.
    pub failed_reloads: Vec<FailedReload>,
}

/// How long the status line says why a key did nothing.
pub const MESSAGE_TIME: Duration = Duration::from_secs(2);

impl App {
    pub fn new(data: Dataset, origin: String) -> Self {
        let candidates = picker::ranked(&data, bilateral::pairs(&data));
        let first_pair = candidates.iter().find_map(|c| c.choice.pair());
        let mut opening = Opening {
            naming: Naming::default(),
            candidates,
            first_pair,
        };
        Self {
            tabs: Tabs::new(&data, &mut opening),
            events: events::embedded(),
            data,
            origin,
            tab: Tab::Overview,
            overlay: None,
            running: true,
            picker: None,
            recent: Vec::new(),
            jump: None,
            find: None,
            message: None,
            export_dir: PathBuf::from("."),
            clipboard: None,
            clipboard_caveat: None,
            stale: None,
            unwatched: Vec::new(),
            derivation: None,
            revisions: Vec::new(),
            failed_reloads: Vec::new(),
            naming: Naming::default(),
        }
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        if self.picker.is_some() {
            self.update_picker(action);
            return;
        }
        // The `:` or `f` prompt, while open.
        if let Some(text) = self.jump.as_mut().or(self.find.as_mut()) {
            match action {
                Action::Interrupt => self.running = false,
                Action::Back => (self.jump, self.find) = (None, None),
                Action::Type(c) => text.push(c),
                Action::Erase => _ = text.pop(),
                Action::EraseWord => picker::erase_word(text),
                Action::EraseAll => text.clear(),
                Action::Confirm => {
                    if let Some(text) = self.jump.take()
                        && let Err(why) = self.jump_to(&text)
                    {
                        self.say(format!(":{text}: {why}"));
                    }
                    if let Some(text) = self.find.take() {
                        self.find_row(&text);
                    }
                }
                _ => {}
            }
            return;
        }
        if self.overlay.is_none()
            && let Some(why) = keys::why_not_here(action, self.tab)
        {
            return self.say(why);
        }
        match (action, self.overlay) {
            (Action::Interrupt, _) | (Action::Quit, None) => self.running = false,
            (Action::Quit, Some(_)) => self.overlay = None,
            (Action::Back, None) => self.say("Esc: nothing to close (q quits)".into()),
            (Action::Back, Some(_)) => self.overlay = None,
            (Action::ToggleHelp, Some(Overlay::Help { .. })) => self.overlay = None,
            (Action::ToggleHelp, _) => self.overlay = Some(Overlay::Help { scroll: 0 }),
            (Action::ToggleWarnings, Some(Overlay::Warnings { .. })) => self.overlay = None,
            (Action::ToggleWarnings, _) => self.open_warnings(),
            (Action::Confirm, None) if self.current().drills() => self.update_tab(action),
            (Action::Confirm, None) => self.explain(),
            (Action::WhoBuys, None) => self.who_buys(),
            (Action::Confirm, Some(Overlay::Derivation { .. })) => self.overlay = None,
            (Action::CopyRow, Some(Overlay::Derivation { .. })) => self.copy_citation(),
            (_, Some(Overlay::Derivation { scroll })) => {
                let lines = self.derivation.as_ref().map_or(0, |d| d.lines.len());
                let mut cursor = Cursor { row: scroll };
                _ = cursor.apply(action, lines);
                self.overlay = Some(Overlay::Derivation { scroll: cursor.row });
            }
            (_, Some(Overlay::Warnings { scroll })) => {
                let mut cursor = Cursor { row: scroll };
                let entries = self.reload_entries() + self.data.warnings().len();
                _ = cursor.apply(action, entries);
                self.overlay = Some(Overlay::Warnings { scroll: cursor.row });
            }
            // The help overlay takes no other keys but moves; Esc or ? closes it.
            (_, Some(Overlay::Help { scroll })) => {
                let mut cursor = Cursor { row: scroll };
                _ = cursor.apply(action, keys::help_scroll_len());
                self.overlay = Some(Overlay::Help { scroll: cursor.row });
            }
            (Action::NextTab, None) => self.tab = self.tab.step(1),
            (Action::PreviousTab, None) => self.tab = self.tab.step(-1),
            (Action::SelectTab(tab), None) if tab == self.tab => {
                let key = keys::label_for(action);
                self.say(format!("{key}: {} is shown", tab.title()));
            }
            (Action::SelectTab(tab), None) => self.tab = tab,
            (Action::OpenJump, None) if !self.tab.answers().contains(&KeyGroup::Table) => {
                let why = self.current().refusal("jumps to a period in a tab's table");
                self.say(format!(": {why}"));
            }
            (Action::OpenJump, None) => self.jump = Some(String::new()),
            (Action::OpenFind, None) => self.find = Some(String::new()),
            (Action::Export, None) => self.export(),
            (Action::ToggleNaming, None) => {
                self.show_areas_by(self.naming.other());
                let said = match self.naming {
                    Naming::Codes => "n: areas by code (n again for names)",
                    Naming::Names => "n: areas by name (n again for codes)",
                };
                self.say(said.into());
            }
            (Action::CopyRow, None) => self.copy_row(),
            (Action::OpenPicker, None) if self.current().picks() == tabs::Picks::Products => {
                self.find = Some(String::new());
            }
            (Action::OpenPicker, None) if self.current().picks() == tabs::Picks::Reporters => {
                let candidates = self.tabs.partners.reporters.clone();
                self.picker = Some(Picker::of_reporters(candidates, self.recent.clone()));
            }
            (Action::OpenPicker, None) => {
                let candidates = self.tabs.bilateral.candidates.clone();
                self.picker = Some(Picker::new(candidates, self.recent.clone()));
            }
            (action, None) => self.update_tab(action),
        }
        self.follow_pair();
    }

    fn update_tab(&mut self, action: Action) {
        if let Action::SortNextColumn
        | Action::SortPreviousColumn
        | Action::SortReverse
        | Action::SortBy(_) = action
        {
            return self.sort(action);
        }
        let mut context = tabs::Context {
            data: &self.data,
            picker: &mut self.picker,
            recent: &mut self.recent,
        };
        if let Some(said) = self.tabs.get_mut(self.tab).update(&mut context, action) {
            self.say(said);
        }
    }

    /// Shows areas by name or code; the overview's pair card is titled again.
    fn show_areas_by(&mut self, naming: Naming) {
        self.naming = naming;
        let pair = self.tabs.bilateral.pairs.first().copied();
        self.tabs.overview = OverviewView::new(&self.data, pair, naming);
    }

    /// The entries `w` lists before the warnings: the failed reloads, then
    /// the figures reloads revised.
    pub fn reload_entries(&self) -> usize {
        self.failed_reloads.len() + self.revisions.len()
    }

    /// Puts what a key did, or why it did nothing, on the status line.
    fn say(&mut self, message: String) {
        self.message = Some((message, Instant::now() + MESSAGE_TIME));
    }

    /// The tab shown, as a component.
    fn current(&mut self) -> &mut dyn TabComponent {
        self.tabs.get_mut(self.tab)
    }
}

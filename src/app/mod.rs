//! Application state and `update(action)`: every change of what is shown goes
//! through here, and each view is recomputed only when its selection changes.

mod commands;
pub mod keys;
mod pairs;
mod picking;
mod reload;
pub use reload::FailedReload;
mod sorting;
pub mod tabs;

pub use tabs::{BilateralTab, BriTab, PartnersTab, TabComponent};

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::data::load::events::{self, Event};
use crate::data::model::Naming;
use crate::data::{Area, Dataset, SpanKind};
use crate::view::bilateral::{self, BilateralView};
use crate::view::bri::{self, BriView, Topic};
use crate::view::derivation::Derivation;
use crate::view::eaeu::{self, EaeuView};
use crate::view::overview::OverviewView;
use crate::view::partners;
use crate::view::picker::{self, Choice, Picker};
use crate::view::revisions::Revision;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Bilateral,
    Partners,
    BeltAndRoad,
}

impl Tab {
    pub const ALL: [Tab; 4] = [
        Tab::Overview,
        Tab::Bilateral,
        Tab::Partners,
        Tab::BeltAndRoad,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Bilateral => "Bilateral trade",
            Tab::Partners => "Partners",
            Tab::BeltAndRoad => "Belt and Road",
        }
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
    pub overview: OverviewView,
    pub bilateral: BilateralTab,
    pub partners: PartnersTab,
    pub bri: BriTab,
    /// The pair picker, while open: it takes every key.
    pub picker: Option<Picker>,
    /// Pairs and reporters opened, latest first, up to [`picker::RECENT`] of each.
    pub recent: Vec<Choice>,
    /// The `:` prompt's text, while it is open: it takes every key.
    pub jump: Option<String>,
    /// What the last key did or why it did nothing, shown on the status
    /// line until the next key or for [`MESSAGE_TIME`].
    pub message: Option<(String, Instant)>,
    /// Where `e` writes its files: the working directory.
    pub export_dir: PathBuf,
    /// Text `y` copied, for the terminal to be sent (OSC 52) after the update.
    pub clipboard: Option<String>,
    /// Areas shown by name or by code (`n`).
    pub naming: Naming,
    /// Why the last reload (`--watch`) failed, while the figures shown are
    /// from an earlier load: said on the status line and in `w` until a
    /// reload succeeds.
    pub stale: Option<FailedReload>,
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
        let pairs: Vec<(Area, Area)> = candidates.iter().filter_map(|c| c.choice.pair()).collect();
        let bilateral_view = pairs
            .first()
            .map(|&pair| BilateralView::new(&data, BilateralView::default_selection(&data, pair)));
        let periods = eaeu::share_periods(&data);
        // The latest period with shares is the one people want first.
        let period = periods.len().saturating_sub(1);
        let bri_kind = bri::kinds(&data)
            .first()
            .copied()
            .unwrap_or(SpanKind::Annual);
        Self {
            overview: OverviewView::new(&data, pairs.first().copied(), Naming::default()),
            bilateral: BilateralTab {
                pairs,
                candidates,
                pair: 0,
                view: bilateral_view,
                cursor: Cursor::default(),
            },
            partners: PartnersTab {
                view: EaeuView::new(&data, periods.get(period).copied()),
                periods,
                period,
                reporter: None,
                reporters: picker::ranked_reporters(&data, partners::reporters(&data)),
                cursor: Cursor::default(),
            },
            bri: BriTab {
                view: BriView::new(&data, bri_kind, Topic::Trade),
                cursor: Cursor::default(),
            },
            events: events::embedded(),
            data,
            origin,
            tab: Tab::Overview,
            overlay: None,
            running: true,
            picker: None,
            recent: Vec::new(),
            jump: None,
            message: None,
            export_dir: PathBuf::from("."),
            clipboard: None,
            stale: None,
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
        if let Some(text) = &mut self.jump {
            match action {
                Action::Interrupt => self.running = false,
                Action::Back => self.jump = None,
                Action::Type(c) => text.push(c),
                Action::Erase => _ = text.pop(),
                Action::EraseWord => picker::erase_word(text),
                Action::EraseAll => text.clear(),
                Action::Confirm => {
                    let text = self.jump.take().unwrap_or_default();
                    if let Err(why) = self.jump_to(&text) {
                        self.say(format!(":{text}: {why}"));
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
            (Action::Confirm, None) => self.explain(),
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
            (Action::OpenJump, None) if !self.current().0.has_table() => {
                let why = self
                    .current()
                    .0
                    .refusal("jumps to a period in a tab's table");
                self.say(format!(": {why}"));
            }
            (Action::OpenJump, None) => self.jump = Some(String::new()),
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
            (Action::OpenPicker, None) if self.current().0.picks() == tabs::Picks::Reporters => {
                let candidates = self.partners.reporters.clone();
                self.picker = Some(Picker::of_reporters(candidates, self.recent.clone()));
            }
            (Action::OpenPicker, None) => {
                let candidates = self.bilateral.candidates.clone();
                self.picker = Some(Picker::new(candidates, self.recent.clone()));
            }
            (action, None) => self.update_tab(action),
        }
    }

    fn update_tab(&mut self, action: Action) {
        match (self.tab, action) {
            // These reach beyond the tab: the picker, the pairs opened.
            (Tab::Bilateral, Action::SwapPair) => self.swap_pair(),
            (Tab::Bilateral, Action::AddComparison) => self.open_comparison_picker(),
            (Tab::Bilateral, Action::RemoveComparison) => self.stop_comparing(),
            (
                _,
                Action::SortNextColumn
                | Action::SortPreviousColumn
                | Action::SortReverse
                | Action::SortBy(_),
            ) => self.sort(action),
            (_, action) => {
                let (tab, data) = self.current();
                if let Some(said) = tab.update(data, action) {
                    self.say(said);
                }
            }
        }
    }

    /// Shows areas by name or code; the overview's pair card is titled again.
    fn show_areas_by(&mut self, naming: Naming) {
        self.naming = naming;
        let pair = self.bilateral.pairs.first().copied();
        self.overview = OverviewView::new(&self.data, pair, naming);
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

    /// The tab shown, as a component, with the data: the one place that
    /// finds a tab's state from [`Tab`].
    fn current(&mut self) -> (&mut dyn TabComponent, &Dataset) {
        let tab: &mut dyn TabComponent = match self.tab {
            Tab::Overview => &mut self.overview,
            Tab::Bilateral => &mut self.bilateral,
            Tab::Partners => &mut self.partners,
            Tab::BeltAndRoad => &mut self.bri,
        };
        (tab, &self.data)
    }
}

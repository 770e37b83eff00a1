//! Application state and `update(action)`: every change of what is shown goes
//! through here, and each view is recomputed only when its selection changes.

use crate::data::load::events::{self, Event};
use crate::data::{Area, Dataset, Period, SpanKind};
use crate::view::bilateral::{self, BilateralView};
use crate::view::bri::{self, BriView, Topic};
use crate::view::eaeu::{self, EaeuView};
use crate::view::overview::OverviewView;
use crate::view::picker::{self, Candidate, Picker};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Bilateral,
    Eaeu,
    BeltAndRoad,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Overview, Tab::Bilateral, Tab::Eaeu, Tab::BeltAndRoad];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Bilateral => "Bilateral trade",
            Tab::Eaeu => "EAEU partners",
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
    Help,
    /// The warnings list, scrolled to a line.
    Warnings {
        scroll: usize,
    },
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
    /// `/`: the pair picker.
    OpenPicker,
    /// A character typed into the picker's filter.
    PickerType(char),
    PickerErase,
    /// Enter: open what is highlighted.
    Confirm,
    NextSpan,
    NextCurrency,
    PreviousPeriod,
    NextPeriod,
    SwitchTopic,
    ToggleHelp,
    ToggleWarnings,
    /// Esc: closes an overlay; with none open it does nothing, as in
    /// lazygit and gitui: a key pressed once too often never ends the session.
    Back,
    /// q: closes an overlay, as lazygit's q does; with none open, quits.
    Quit,
    /// Ctrl-C: quits, overlay or not.
    Interrupt,
}

/// Rows a PageUp/PageDown moves.
const PAGE: usize = 10;

/// A selected row in a table of `len` rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
}

impl Cursor {
    fn apply(&mut self, action: Action, len: usize) {
        let last = len.saturating_sub(1);
        self.row = match action {
            Action::Up => self.row.saturating_sub(1),
            Action::Down => (self.row + 1).min(last),
            Action::PageUp => self.row.saturating_sub(PAGE),
            Action::PageDown => (self.row + PAGE).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => self.row,
        };
    }
}

pub struct BilateralTab {
    /// The pairs in the order `p` steps through them and the picker lists
    /// them: the first one opened, then by latest annual trade.
    pub pairs: Vec<(Area, Area)>,
    /// The same pairs with what the picker shows and matches of each.
    pub candidates: Vec<Candidate>,
    pub pair: usize,
    pub view: Option<BilateralView>,
    pub cursor: Cursor,
}

pub struct EaeuTab {
    pub periods: Vec<Period>,
    pub period: usize,
    pub view: EaeuView,
    pub cursor: Cursor,
}

pub struct BriTab {
    pub view: BriView,
    pub cursor: Cursor,
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
    pub eaeu: EaeuTab,
    pub bri: BriTab,
    /// The pair picker, while open: it takes every key.
    pub picker: Option<Picker>,
    /// Pairs opened from the picker, latest first.
    pub recent: Vec<(Area, Area)>,
}

impl App {
    pub fn new(data: Dataset, origin: String) -> Self {
        let candidates = picker::ranked(&data, bilateral::pairs(&data));
        let pairs: Vec<(Area, Area)> = candidates.iter().map(|c| c.pair).collect();
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
            overview: OverviewView::new(&data, pairs.first().copied()),
            bilateral: BilateralTab {
                pairs,
                candidates,
                pair: 0,
                view: bilateral_view,
                cursor: Cursor::default(),
            },
            eaeu: EaeuTab {
                view: EaeuView::new(&data, periods.get(period).copied()),
                periods,
                period,
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
        }
    }

    pub fn update(&mut self, action: Action) {
        if self.picker.is_some() {
            self.update_picker(action);
            return;
        }
        match (action, self.overlay) {
            (Action::Interrupt, _) | (Action::Quit, None) => self.running = false,
            (Action::Quit, Some(_)) => self.overlay = None,
            (Action::Back, None) => {}
            (Action::Back, Some(_)) => self.overlay = None,
            (Action::ToggleHelp, Some(Overlay::Help)) => self.overlay = None,
            (Action::ToggleHelp, _) => self.overlay = Some(Overlay::Help),
            (Action::ToggleWarnings, Some(Overlay::Warnings { .. })) => self.overlay = None,
            (Action::ToggleWarnings, _) => self.overlay = Some(Overlay::Warnings { scroll: 0 }),
            (_, Some(Overlay::Warnings { scroll })) => {
                let mut cursor = Cursor { row: scroll };
                cursor.apply(action, self.data.warnings().len());
                self.overlay = Some(Overlay::Warnings { scroll: cursor.row });
            }
            // The help overlay takes no other keys; Esc or ? closes it.
            (_, Some(Overlay::Help)) => {}
            (Action::NextTab, None) => self.tab = self.tab.step(1),
            (Action::PreviousTab, None) => self.tab = self.tab.step(-1),
            (Action::SelectTab(tab), None) => self.tab = tab,
            (Action::OpenPicker, None) => {
                let candidates = self.bilateral.candidates.clone();
                self.picker = Some(Picker::new(candidates, self.recent.clone()));
            }
            (action, None) => self.update_tab(action),
        }
    }

    /// The picker takes every key: Esc closes it, Enter opens its pair.
    fn update_picker(&mut self, action: Action) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        match action {
            Action::Interrupt => self.running = false,
            Action::Back => self.picker = None,
            Action::PickerType(c) => picker.type_char(c),
            Action::PickerErase => picker.erase(),
            Action::Up => picker.step(-1),
            Action::Down => picker.step(1),
            Action::PageUp => picker.step(-(PAGE as isize)),
            Action::PageDown => picker.step(PAGE as isize),
            Action::Confirm => {
                if let Some(pair) = picker.chosen() {
                    self.picker = None;
                    self.open_pair(pair);
                }
            }
            _ => {}
        }
    }

    /// Shows a pair on the bilateral tab, and remembers it as opened.
    fn open_pair(&mut self, pair: (Area, Area)) {
        let Some(index) = self.bilateral.pairs.iter().position(|&p| p == pair) else {
            return;
        };
        self.tab = Tab::Bilateral;
        self.recent.retain(|&p| p != pair);
        self.recent.insert(0, pair);
        self.recent.truncate(picker::RECENT);
        if index != self.bilateral.pair || self.bilateral.view.is_none() {
            self.bilateral.pair = index;
            self.select_bilateral(BilateralView::default_selection(&self.data, pair));
        }
    }

    fn update_tab(&mut self, action: Action) {
        match (self.tab, action) {
            (Tab::Bilateral, Action::NextPair | Action::PreviousPair) => {
                let count = self.bilateral.pairs.len();
                if count > 0 {
                    let step = if action == Action::NextPair {
                        1
                    } else {
                        count - 1
                    };
                    self.bilateral.pair = (self.bilateral.pair + step) % count;
                    let pair = self.bilateral.pairs[self.bilateral.pair];
                    self.select_bilateral(BilateralView::default_selection(&self.data, pair));
                }
            }
            (Tab::Bilateral, Action::NextSpan) => {
                if let Some(view) = &self.bilateral.view {
                    let selection = bilateral::Selection {
                        kind: next(&view.kinds, view.selection.kind),
                        ..view.selection
                    };
                    self.select_bilateral(selection);
                }
            }
            (Tab::Bilateral, Action::NextCurrency) => {
                if let Some(view) = &self.bilateral.view {
                    let selection = bilateral::Selection {
                        currency: next(&view.currencies, view.selection.currency),
                        ..view.selection
                    };
                    self.select_bilateral(selection);
                }
            }
            (Tab::Eaeu, Action::PreviousPeriod | Action::NextPeriod) => {
                let last = self.eaeu.periods.len().saturating_sub(1);
                let period = match action {
                    Action::PreviousPeriod => self.eaeu.period.saturating_sub(1),
                    _ => (self.eaeu.period + 1).min(last),
                };
                if period != self.eaeu.period {
                    self.eaeu.period = period;
                    let selected = self.eaeu.periods.get(period).copied();
                    self.eaeu.view.select_period(&self.data, selected);
                }
            }
            (Tab::BeltAndRoad, Action::NextSpan) => {
                let kind = next(&self.bri.view.kinds, self.bri.view.kind);
                self.select_bri(kind, self.bri.view.topic);
            }
            (Tab::BeltAndRoad, Action::SwitchTopic) => {
                self.select_bri(self.bri.view.kind, self.bri.view.topic.other());
            }
            (Tab::Bilateral, _) => {
                if let Some(view) = &mut self.bilateral.view {
                    self.bilateral.cursor.apply(action, view.table.len());
                    view.keep_rows_around(&self.data, self.bilateral.cursor.row);
                }
            }
            (Tab::Eaeu, _) => self
                .eaeu
                .cursor
                .apply(action, self.eaeu.view.union_rows.len()),
            (Tab::BeltAndRoad, _) => {
                self.bri.cursor.apply(action, self.bri.view.table.len());
                self.bri
                    .view
                    .keep_rows_around(&self.data, self.bri.cursor.row);
            }
            (Tab::Overview, _) => {}
        }
    }

    fn select_bilateral(&mut self, selection: bilateral::Selection) {
        self.bilateral.view = Some(BilateralView::new(&self.data, selection));
        self.bilateral.cursor = Cursor::default();
    }

    fn select_bri(&mut self, kind: SpanKind, topic: Topic) {
        self.bri.view.select(&self.data, kind, topic);
        self.bri.cursor = Cursor::default();
    }
}

/// The item after `current` in `items`, wrapping around.
fn next<T: Copy + PartialEq>(items: &[T], current: T) -> T {
    let at = items.iter().position(|&i| i == current);
    match at {
        Some(at) => items[(at + 1) % items.len()],
        None => items.first().copied().unwrap_or(current),
    }
}

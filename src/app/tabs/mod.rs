//! A tab as a component: the commands every tab answers about what it
//! shows. [`App`](super::App) finds the tab shown in one place
//! ([`Tabs::get_mut`], made from the [`registry`]) and asks it; a tab
//! without a table keeps the defaults here, which say why the command does
//! nothing, once for every tab.

use crate::data::model::{Naming, thousands};
use crate::data::{Area, Dataset, Period};
use crate::export;
use crate::view::derivation::{self, Derivation, Subject};
use crate::view::findings::Finding;
use crate::view::picker::{self, Candidate, Choice, Picker};
use crate::view::revisions::Revision;
use crate::view::sort::Sort;

use crate::app::Action;
use crate::app::keys::KeyGroup;

mod bilateral;
mod bri;
mod overview;
mod partners;
pub mod products;
pub(crate) mod registry;

pub use bilateral::BilateralTab;
pub use bri::BriTab;
pub use overview::OverviewTab;
pub use partners::PartnersTab;
pub use products::ProductsTab;

/// What the tabs are made from when the data is (first) loaded: what is
/// worked out once for several of them.
pub struct Opening {
    pub naming: Naming,
    /// The pairs the picker lists, ranked: the bilateral tab takes them.
    pub candidates: Vec<Candidate>,
    /// The pair shown first, on the overview's card and the bilateral tab.
    pub first_pair: Option<(Area, Area)>,
}

/// What a tab's key may reach beyond the tab's own state: the data, the
/// picker it may open, and the pairs and reporters opened lately.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub picker: &'a mut Option<Picker>,
    pub recent: &'a mut Vec<Choice>,
}

impl Context<'_> {
    /// Puts a pair or reporter first among those opened recently, keeping
    /// at most [`picker::RECENT`] of its kind.
    pub fn remember(&mut self, choice: Choice) {
        remember(self.recent, choice);
    }
}

/// Puts `choice` first in `recent`, keeping at most [`picker::RECENT`] of
/// its kind.
pub fn remember(recent: &mut Vec<Choice>, choice: Choice) {
    let kind = |c: &Choice| c.pair().is_some();
    recent.retain(|&c| c != choice);
    recent.insert(0, choice);
    let same_kind: Vec<usize> = (0..recent.len())
        .filter(|&i| kind(&recent[i]) == kind(&choice))
        .collect();
    if let Some(&oldest) = same_kind.get(picker::RECENT) {
        recent.remove(oldest);
    }
}

/// What a component declares to be listed in the [`registry`]: the keys it
/// answers, and how it is made.
pub trait Registered: TabComponent + Sized {
    /// The groups of keys it answers beyond those of every tab: the key
    /// table's `Scope::Tab` bindings work on it, the others say why not.
    const ANSWERS: &'static [KeyGroup];

    /// The tab as first shown on `data`.
    fn open(data: &Dataset, opening: &mut Opening) -> Self;
}

/// How a sort key asks to change a table's sort, given its sort, its
/// sortable columns and how many columns are drawn before them; `None` for
/// a click on a column that does not sort.
pub type SortStep<'a> = &'a dyn Fn(Sort, &[&str], usize) -> Option<Sort>;

/// What the picker lists on a tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picks {
    /// Reporter–partner pairs, opened on the bilateral tab.
    Pairs,
    /// Reporters, whose partners the Partners tab shows.
    Reporters,
    /// Nothing: `/` finds a product in the Products tab's table (the `f`
    /// prompt).
    Products,
}

/// Why a command did nothing: said on the status line as `key: why`.
pub type Refusal = String;

/// What each tab answers. A new tab is its own state type implementing
/// this and [`Registered`], its view, its ui drawing, and one entry in the
/// [`registry`].
pub trait TabComponent {
    /// The tab's name in a message: "the overview".
    fn called(&self) -> &'static str;

    /// What the picker (`/`) lists here: pairs, or (on Partners) reporters.
    fn picks(&self) -> Picks {
        Picks::Pairs
    }

    /// Whether Enter acts on the selected row (the Products tab drills
    /// into it) rather than explaining the figure.
    fn drills(&self) -> bool {
        false
    }

    /// Acts on one of the tab's own keys, or moves the table's selection
    /// (↓ ↑ PgDn PgUp Home End, a click); what the status line says, if
    /// anything.
    fn update(&mut self, _context: &mut Context, _action: Action) -> Option<String> {
        None
    }

    /// Sorts the table as `step` asks, keeping the selection on its row;
    /// what the status line says, if anything.
    fn sort(&mut self, _data: &Dataset, _step: SortStep) -> Result<Option<String>, Refusal> {
        Err(self.refusal("sorts a tab's table"))
    }

    /// What the tab showed before a reload (`old`, over the data before),
    /// kept where the new `data` has it; what was not kept, if anything.
    fn keep(&mut self, _data: &Dataset, _old: &Self) -> Option<String>
    where
        Self: Sized,
    {
        None
    }

    /// The `--print` request of what the tab shows, and the file's stem.
    fn export(&self) -> Result<(export::Request, String), Refusal>;

    /// Writes what the tab shows as CSV into `out`, where `--print` has no
    /// request for it (the Products tab's level, drilled and sorted); the
    /// file's stem. `None` for a tab that `export` describes.
    fn export_shown(&self, _data: &Dataset, _out: &mut Vec<u8>) -> Option<Result<String, Refusal>> {
        None
    }

    /// Writes the selected row as CSV under its header into `out`; what
    /// was copied.
    fn copy_row(&self, _data: &Dataset, _out: &mut Vec<u8>) -> Result<String, Refusal> {
        Err(self.refusal("copies a row of a table"))
    }

    /// Moves the selection to the next row after the selected one (round
    /// to the top) whose text has `needle` (lower case) in it; what it
    /// found: "Kazakhstan, row 12 of 196".
    fn find(&mut self, _data: &Dataset, _needle: &str) -> Result<String, Refusal> {
        Err(self.refusal("finds a row in a tab's table"))
    }

    /// Moves the selection to `period`.
    fn jump(&mut self, _data: &Dataset, _period: Period) -> Result<(), Refusal> {
        Err(self.refusal("jumps to a period in a tab's table"))
    }

    /// How the selected figure (a row's, or the overview's headlines) was
    /// made, for the overlay Enter opens; `revisions` are the figures a
    /// reload changed.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal>;

    /// The data-quality findings of the table, with its selected period,
    /// for `w` to open the warnings at.
    fn findings(&self) -> Option<(&[Finding], Option<&Period>)> {
        None
    }

    /// "sorts a tab's table; the overview has none".
    fn refusal(&self, does: &str) -> Refusal {
        format!("{does}; {} has none", self.called())
    }
}

/// Why `action`'s key did nothing, as the status line says it: "j: at the
/// last row".
pub fn refused(action: Action, why: &str) -> String {
    format!("{}: {why}", crate::app::keys::label_for(action))
}

/// The derivation of `subjects` under `title`, with the command that
/// prints `request`.
pub fn derivation(
    data: &Dataset,
    title: String,
    subjects: &[Subject],
    request: export::Request,
    revisions: &[Revision],
) -> Derivation {
    let command = request.command(data);
    derivation::explain(data, title, subjects, &command, revisions)
}

/// An empty request, for a tab to fill in.
pub fn request(table: export::Table) -> export::Request {
    export::Request {
        table,
        pair: None,
        compare: None,
        reporter: None,
        period: None,
        kind: None,
        currency: None,
        sort: None,
    }
}

/// A file's stem with the table's sort said when it is not the default:
/// "partners_RUS_2022_by-growth", "bilateral_…_by-period-ascending".
pub fn sorted(stem: String, sort: Sort, columns: &[&str]) -> String {
    if sort == Sort::default() {
        return stem;
    }
    let name = columns.get(sort.column).copied().unwrap_or("Period");
    let way = if sort.descending { "" } else { "-ascending" };
    format!("{stem}_by-{}{way}", name.to_lowercase())
}

/// The first of `len` rows after `from`, round to the top, whose text
/// (`text_of`, lower case) has `needle` in it; with what it found, as
/// [`TabComponent::find`] says it.
pub fn find_row(
    len: usize,
    from: usize,
    needle: &str,
    text_of: impl Fn(usize) -> String,
) -> Result<(usize, String), Refusal> {
    (1..=len)
        .map(|step| (from + step) % len)
        .find_map(|row| {
            let text = text_of(row);
            text.to_lowercase().contains(needle).then(|| {
                let (at, of) = (thousands(row as u64 + 1), thousands(len as u64));
                (row, format!("{text}, row {at} of {of}"))
            })
        })
        .ok_or_else(|| format!("no row has '{needle}'"))
}

/// The first row after `from`, round to the top, of a table of `periods`
/// whose period has `needle` in it; with what it found, as
/// [`TabComponent::find`] says it.
pub fn find_period(
    periods: &[Period],
    from: usize,
    needle: &str,
) -> Result<(usize, String), Refusal> {
    find_row(periods.len(), from, needle, |row| periods[row].to_string())
}

/// Why a jump to `period` did nothing: the table has no row of it.
pub fn missing(period: Period) -> Refusal {
    format!("no figures for {period} in this table")
}

/// The item after `current` in `items`, wrapping around.
pub fn next<T: Copy + PartialEq>(items: &[T], current: T) -> T {
    let at = items.iter().position(|&i| i == current);
    match at {
        Some(at) => items[(at + 1) % items.len()],
        None => items.first().copied().unwrap_or(current),
    }
}

/// The row of `period` in a table's `periods`; the first row when the table
/// has it no more.
pub fn position(periods: &[Period], period: Option<Period>) -> usize {
    period
        .and_then(|period| periods.iter().position(|&p| p == period))
        .unwrap_or(0)
}

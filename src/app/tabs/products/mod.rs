//! The Products tab's state, and what it answers as a tab: what the pair
//! shown on the bilateral tab trades, ranked at one level of the HS, drilled
//! from section to HS6 with Enter and back up with Backspace.

mod drill;
mod links;
pub mod shown;
mod write;

use super::{self as tab, Context, Opening, Refusal, Registered, SortStep, TabComponent};
use crate::app::keys::KeyGroup;
use crate::app::{Action, Cursor};
use crate::data::model::{Classification, Naming, ProductCode, WORLD};
use crate::data::{Area, Dataset, Flow, Indicator, Period, SpanKind};
use crate::export;
use crate::view::derivation::{Derivation, Subject, Text, Tone};
use crate::view::products::{self, LevelName, ProductLevel, ProductTable};
use crate::view::revisions::Revision;
use crate::view::sort::Sort;

pub use drill::Drill;
use drill::{below, code_of};
pub use links::ProductFilter;
use shown::{COLUMNS, Shown};

/// What a key says when the data has no product rows at all.
pub const NO_PRODUCTS: &str = "no product rows in the data: BACI, UN Comtrade (cmdCode), Eurostat Comext (PRODUCT_NC) and WITS product files carry them (--data FILE)";

pub struct ProductsTab {
    /// The pair of the bilateral tab, which this tab follows.
    pub pair: Option<(Area, Area)>,
    /// The pair's reporter with the world instead of its partner (`a`).
    pub world: bool,
    /// Exports or imports (`i`).
    pub indicator: Indicator,
    /// The periods with product rows of the flow, every kind, earliest first.
    pub periods: Vec<Period>,
    pub period: Option<Period>,
    pub level: ProductLevel,
    pub path: Vec<Drill>,
    pub sort: Sort,
    /// The table shown, computed when the selection changes.
    pub shown: Option<Shown>,
    pub cursor: Cursor,
    /// Whether the data has any product rows.
    pub any: bool,
    /// Where the flow's series changes revision of the HS, the revisions
    /// and their years ("HS 2017 in 2021, HS 2022 from 2022"), for the title.
    pub revisions: Option<String>,
}

/// The classifications of a flow's series by period, where it changes:
/// "HS 2017 in 2021, HS 2022 from 2022"; `None` where it keeps one.
fn revisions_said(data: &Dataset, flow: Flow) -> Option<String> {
    let runs = products::classification_runs(data, flow);
    if runs.len() < 2 {
        return None;
    }
    let latest = runs.len() - 1;
    let said: Vec<String> = runs
        .iter()
        .enumerate()
        .map(|(at, (kinds, first, last))| {
            // "HS 2017", the code (H5) being in the notes.
            let names: Vec<String> = kinds
                .iter()
                .map(|&c| {
                    let name = products::describe(data, c);
                    name.split(" (").next().unwrap_or(&name).to_string()
                })
                .collect();
            let span = match (at == latest, first == last) {
                (true, _) => format!("from {first}"),
                (false, true) => format!("in {first}"),
                (false, false) => format!("{first}–{last}"),
            };
            format!("{} {span}", names.join(" + "))
        })
        .collect();
    Some(said.join(", "))
}

impl ProductsTab {
    pub fn flow(&self) -> Option<Flow> {
        self.pair.map(|(reporter, partner)| {
            let partner = if self.world { WORLD } else { partner };
            Flow::new(self.indicator, reporter, partner)
        })
    }

    /// `a`: the reporter with the world, or back to the pair; what it says.
    fn switch_partner(&mut self, data: &Dataset) -> Result<String, Refusal> {
        let (reporter, partner) = self.pair.ok_or("no pair shown")?;
        let listed =
            |indicator| !products::periods(data, Flow::new(indicator, reporter, WORLD)).is_empty();
        if !self.world && !listed(Indicator::Exports) && !listed(Indicator::Imports) {
            return Err(format!(
                "no product rows of {} with the world ({WORLD}) in the data",
                reporter.name()
            ));
        }
        self.world = !self.world;
        self.path.clear();
        self.level = ProductLevel::Chapter;
        self.refresh(data);
        let with = if self.world { WORLD } else { partner };
        Ok(format!("{} with {}", reporter.name(), with.name()))
    }

    /// The classification of the table shown (the HS where none is shown).
    fn classification(&self) -> Classification {
        self.shown
            .as_ref()
            .map_or(Classification::Hs(None), |shown| shown.table.classification)
    }

    /// The level shown's name in its classification, as the title,
    /// messages and exports say it.
    pub fn level_name(&self) -> LevelName {
        self.level.name(self.classification())
    }

    /// The codes the level shown is made of: the last row drilled into's.
    fn under(&self) -> &[ProductCode] {
        self.path.last().map_or(&[], |drill| &drill.under)
    }

    /// The periods of the selected one's kind, earliest first.
    pub fn periods_of_kind(&self) -> Vec<Period> {
        let kind = self.period.map(Period::kind);
        self.periods
            .iter()
            .copied()
            .filter(|p| Some(p.kind()) == kind)
            .collect()
    }

    fn kinds(&self) -> Vec<SpanKind> {
        let mut kinds: Vec<SpanKind> = self.periods.iter().map(|p| p.kind()).collect();
        kinds.sort_by_key(|k| SpanKind::ALL.iter().position(|a| a == k));
        kinds.dedup();
        kinds
    }

    /// Follows the bilateral tab's pair, from the top level, when it changed.
    pub fn follow(&mut self, data: &Dataset, pair: Option<(Area, Area)>) {
        if pair != self.pair {
            self.pair = pair;
            self.world = false;
            self.path.clear();
            self.level = ProductLevel::Chapter;
            self.refresh(data);
        }
    }

    /// The flow's periods again, the period kept where it has products (or
    /// the latest of its kind, or the latest), and the table computed.
    fn refresh(&mut self, data: &Dataset) {
        self.revisions = self.flow().and_then(|flow| revisions_said(data, flow));
        self.periods = self.flow().map_or(Vec::new(), |flow| {
            let mut periods = products::periods(data, flow);
            periods.reverse();
            periods
        });
        // Annual figures first, where the flow has them: they have totals.
        let kind = self.period.map_or(SpanKind::Annual, Period::kind);
        self.period = self
            .period
            .filter(|p| self.periods.contains(p))
            .or_else(|| {
                let of_kind = self.periods.iter().rev().find(|p| p.kind() == kind);
                of_kind.or(self.periods.last()).copied()
            });
        self.compute(data);
    }

    /// The table of the selection, from its first row.
    fn compute(&mut self, data: &Dataset) {
        self.cursor = Cursor::default();
        let (Some(flow), Some(period)) = (self.flow(), self.period) else {
            self.shown = None;
            return;
        };
        let periods = self.periods_of_kind();
        let under = self.under().to_vec();
        self.shown = Some(Shown::new(
            data,
            flow,
            (period, &periods),
            (self.level, &under, below(self.level)),
            self.sort,
        ));
    }

    /// What the remainder row is called: "Other products", or beside a
    /// drilled level what lies outside it (the pair's other products).
    pub fn other_label(&self) -> String {
        match self.path.last() {
            None => "Other products".into(),
            Some(drill) => format!("Other products, not {}", drill.code),
        }
    }

    /// The product row selected, if the cursor is on one.
    pub fn selected(&self) -> Option<&shown::ShownRow> {
        self.shown.as_ref()?.rows.get(self.cursor.row)
    }

    /// Shows `period`, computing its table.
    fn show_period(&mut self, data: &Dataset, period: Period) {
        self.period = Some(period);
        self.compute(data);
    }
}

impl Registered for ProductsTab {
    const ANSWERS: &'static [KeyGroup] = &[
        KeyGroup::Table,
        KeyGroup::Periods,
        KeyGroup::Span,
        KeyGroup::Products,
    ];

    /// On the pair opened first, its exports by chapter (its imports where
    /// only they have products), in the latest period with products.
    fn open(data: &Dataset, opening: &mut Opening) -> Self {
        let mut tab = ProductsTab {
            pair: opening.first_pair,
            world: false,
            indicator: Indicator::Exports,
            periods: Vec::new(),
            period: None,
            level: ProductLevel::Chapter,
            path: Vec::new(),
            sort: Sort::default(),
            shown: None,
            cursor: Cursor::default(),
            any: !data.products().is_empty(),
            revisions: None,
        };
        let imports_only = tab.pair.is_some_and(|(reporter, partner)| {
            let has = |indicator| {
                !products::periods(data, Flow::new(indicator, reporter, partner)).is_empty()
            };
            !has(Indicator::Exports) && has(Indicator::Imports)
        });
        if imports_only {
            tab.indicator = Indicator::Imports;
        }
        tab.refresh(data);
        tab
    }
}

impl TabComponent for ProductsTab {
    fn called(&self) -> &'static str {
        "the Products tab"
    }

    fn picks(&self) -> tab::Picks {
        tab::Picks::Products
    }

    fn drills(&self) -> bool {
        self.selected().is_some_and(|row| row.opens)
    }

    fn update(&mut self, context: &mut Context, action: Action) -> Option<String> {
        let data = context.data;
        if !self.any {
            return Some(tab::refused(action, NO_PRODUCTS));
        }
        let label = crate::app::keys::label_for(action);
        let result = match action {
            Action::SwitchFlow => {
                self.indicator = match self.indicator {
                    Indicator::Exports => Indicator::Imports,
                    _ => Indicator::Exports,
                };
                self.refresh(data);
                return Some(format!("i: {}", self.indicator.code()));
            }
            Action::Confirm => self.drill(data),
            Action::WorldPartner => {
                let said = self.switch_partner(data).unwrap_or_else(|why| why);
                return Some(format!("a: {said}"));
            }
            Action::DrillUp => self.up(data),
            Action::NextSpan => {
                let kinds = self.kinds();
                match (&kinds[..], self.period) {
                    (_, None) => Err("no period with products".to_string()),
                    ([only], _) => Err(format!("the products are {} only", only.label())),
                    (_, Some(period)) => {
                        let kind = tab::next(&kinds, period.kind());
                        let latest = self.periods.iter().rev().find(|p| p.kind() == kind);
                        if let Some(&latest) = latest {
                            self.show_period(data, latest);
                        }
                        Ok(())
                    }
                }
            }
            Action::PreviousPeriod | Action::NextPeriod => {
                let periods = self.periods_of_kind();
                let at = tab::position(&periods, self.period);
                let to = match action {
                    Action::NextPeriod => at + 1,
                    _ => at.wrapping_sub(1),
                };
                match periods.get(to) {
                    Some(&period) => {
                        self.show_period(data, period);
                        Ok(())
                    }
                    None if action == Action::NextPeriod => {
                        Err("the latest period with products is shown".into())
                    }
                    None => Err("the first period with products is shown".into()),
                }
            }
            action => {
                let rows = self.shown.as_ref().map_or(0, Shown::len);
                return self
                    .cursor
                    .apply(action, rows)
                    .map(|why| tab::refused(action, &why));
            }
        };
        result.err().map(|why| format!("{label}: {why}"))
    }

    fn sort(&mut self, _data: &Dataset, step: SortStep) -> Result<Option<String>, Refusal> {
        let Some(shown) = &mut self.shown else {
            return Err(self.no_table());
        };
        // Rank, code and name come before the sortable columns.
        let Some(sort) = step(self.sort, &COLUMNS, 3) else {
            return Ok(None);
        };
        self.sort = sort;
        self.cursor.row = shown.sort_by(sort, self.cursor.row);
        Ok(Some(sort.describe(&COLUMNS)))
    }

    /// The pair, flow, period, level and sort as before, where the new data
    /// has them.
    fn keep(&mut self, data: &Dataset, old: &Self) -> Option<String> {
        self.pair = old.pair;
        self.world = old.world;
        self.indicator = old.indicator;
        self.period = old.period;
        self.level = old.level;
        self.path = old.path.clone();
        self.sort = old.sort;
        self.refresh(data);
        let lost = old.period.filter(|p| Some(*p) != self.period);
        let row = old.selected().map(|r| r.code.clone());
        if let (Some(code), Some(shown)) = (row, &self.shown) {
            self.cursor.row = shown.rows.iter().position(|r| r.code == code).unwrap_or(0);
        }
        lost.map(|p| format!("no product rows for {p} now"))
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        let flow = self.flow().ok_or("no pair shown")?;
        let mut request = tab::request(export::Table::Bilateral);
        request.pair = Some((flow.reporter, flow.partner));
        request.period = self.period;
        let period = self.period.map_or(String::new(), |p| p.to_string());
        let path: Vec<&str> = self.path.iter().map(|d| d.code.as_str()).collect();
        let under = match path.is_empty() {
            true => String::new(),
            false => format!("_{}", path.join("-")),
        };
        let stem = format!(
            "products_{}-{}_{}_{}_{}{under}",
            flow.reporter,
            flow.partner,
            flow.indicator.code(),
            period.replace('/', "_"),
            self.level_name().many.to_lowercase().replace(' ', "_")
        );
        Ok((request, tab::sorted(stem, self.sort, &COLUMNS)))
    }

    fn export_shown(&self, _data: &Dataset, out: &mut Vec<u8>) -> Option<Result<String, Refusal>> {
        if !self.any {
            return Some(Err(NO_PRODUCTS.into()));
        }
        Some(match self.write_csv(None, out) {
            Some(()) => self.export().map(|(_, stem)| stem),
            None => Err(self.no_table()),
        })
    }

    fn copy_row(&self, _data: &Dataset, out: &mut Vec<u8>) -> Result<String, Refusal> {
        let shown = self.shown.as_ref().ok_or_else(|| self.no_table())?;
        if self.cursor.row >= shown.len() {
            return Err("no row to copy".into());
        }
        self.write_csv(Some(self.cursor.row), out)
            .ok_or("no row to copy")?;
        Ok(match self.selected() {
            Some(row) => format!("{} {}", row.code, row.name),
            None => self.other_label(),
        })
    }

    /// A product by code or name: among the rows shown, else at any level
    /// (drilling to it).
    fn find(&mut self, data: &Dataset, needle: &str) -> Result<String, Refusal> {
        let shown = self.shown.as_ref().ok_or_else(|| self.no_table())?;
        let text = |row: usize| format!("{} {}", shown.rows[row].code, shown.rows[row].name);
        if let Ok((row, found)) = tab::find_row(shown.rows.len(), self.cursor.row, needle, text) {
            self.cursor.row = row;
            return Ok(found);
        }
        let flow = self.flow().ok_or("no pair shown")?;
        let period = self.period.ok_or("no period with products")?;
        let listed = [
            ProductLevel::Chapter,
            ProductLevel::Heading,
            ProductLevel::Hs6,
        ]
        .into_iter()
        .find_map(|level| {
            let table = ProductTable::new(data, flow, period, level, &[]);
            table.rows.into_iter().find(|row| {
                format!("{} {}", row.code, row.name)
                    .to_lowercase()
                    .contains(needle)
            })
        });
        let Some(row) = listed else {
            return Err(format!("no product of {period} has '{needle}'"));
        };
        let code = code_of(&row.code).ok_or("no product code")?;
        if !self.reach(data, code) {
            return Err(format!("{} is listed but cannot be reached", row.code));
        }
        Ok(format!("{} {}", row.code, row.name))
    }

    fn jump(&mut self, data: &Dataset, period: Period) -> Result<(), Refusal> {
        if !self.periods.contains(&period) {
            let periods: Vec<String> = self.periods.iter().map(Period::to_string).collect();
            return Err(format!(
                "no product rows in {period}; periods with products: {}",
                periods.join(", ")
            ));
        }
        self.show_period(data, period);
        Ok(())
    }

    /// The pair's total of the flow the shares are of.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal> {
        let shown = self.shown.as_ref().ok_or_else(|| self.no_table())?;
        let flow = shown.table.flow;
        let period = shown.table.period;
        let who = format!(
            "{}–{}",
            flow.reporter.shown(naming),
            flow.partner.shown(naming)
        );
        let subject = Subject {
            who: who.clone(),
            flow,
            currency: shown.currency,
            period,
        };
        let (request, _) = self.export()?;
        let title = format!("{who} {} {period}: the total", flow.indicator.code());
        let mut derivation = tab::derivation(data, title, &[subject], request, revisions);
        // Every note of the table, which a short terminal cuts, before the
        // command that ends the derivation (its last two lines).
        if !shown.table.notes.is_empty() {
            let text = |tone, text: String| Text { tone, text };
            let mut notes = vec![text(Tone::Heading, "Notes on the products shown:".into())];
            notes.extend(
                (shown.table.notes.iter()).map(|note| text(Tone::Plain, format!("note: {note}"))),
            );
            notes.push(text(Tone::Plain, String::new()));
            let at = derivation.lines.len().saturating_sub(2);
            derivation.lines.splice(at..at, notes);
        }
        Ok(derivation)
    }
}

impl ProductsTab {
    fn no_table(&self) -> Refusal {
        match self.any {
            true => "no products of this pair and flow in the data".into(),
            false => NO_PRODUCTS.into(),
        }
    }
}

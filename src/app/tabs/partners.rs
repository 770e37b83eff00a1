//! The Partners tab's state, and what it answers as a tab: the EAEU's
//! partner shares (the default), or the ranked partners of a reporter
//! chosen with the picker.

use super::products::ProductFilter;
use super::{self as tab, Context, Opening, Refusal, Registered, SortStep, TabComponent};
use crate::app::keys::KeyGroup;
use crate::app::{Action, Cursor};
use crate::data::model::{Naming, WORLD};
use crate::data::{Dataset, Flow, Indicator, Period};
use crate::export;
use crate::view::derivation::{Derivation, Subject};
use crate::view::eaeu::{self, EaeuView, UNION_COLUMNS, UnionRow};
use crate::view::partners::{self, PartnersView};
use crate::view::picker::{self, Candidate, Choice};
use crate::view::revisions::Revision;
use crate::view::sort::Sort;

pub struct PartnersTab {
    pub periods: Vec<Period>,
    pub period: usize,
    pub view: EaeuView,
    /// The reporter chosen with the picker, shown instead of the EAEU card.
    pub reporter: Option<PartnersView>,
    /// The reporters the picker lists on this tab.
    pub reporters: Vec<Candidate>,
    pub cursor: Cursor,
    /// The product the tab is ranked for (`b` on the Products tab), shown
    /// instead of the rest until `x` clears it.
    pub product: Option<ProductFilter>,
}

impl PartnersTab {
    /// What a key does while a product is shown: moves, or `x` clears it;
    /// `None` for a key of the tab without one.
    fn update_product(&mut self, action: Action) -> Option<String> {
        let Some(filter) = &self.product else {
            return (action == Action::ClearProduct)
                .then(|| "x: no product filter (b on the Products tab sets one)".to_string());
        };
        match action {
            Action::ClearProduct => {
                let code = filter.code.clone();
                self.product = None;
                self.cursor = Cursor::default();
                Some(format!("x: {code} cleared"))
            }
            Action::PreviousPeriod | Action::NextPeriod | Action::NextSpan => Some(tab::refused(
                action,
                &format!("ranked for {} in {} (x clears)", filter.code, filter.period),
            )),
            action => {
                let why = self.cursor.apply(action, filter.partners.rows.len());
                Some(why.map_or(String::new(), |why| tab::refused(action, &why)))
            }
        }
    }

    /// Why a table command does nothing on the partners of a product.
    fn product_refusal(&self) -> Result<(), Refusal> {
        match &self.product {
            Some(filter) => Err(format!(
                "the partners of {} are shown, ranked by value (x clears them)",
                filter.code
            )),
            None => Ok(()),
        }
    }
}

impl Registered for PartnersTab {
    const ANSWERS: &'static [KeyGroup] = &[
        KeyGroup::Table,
        KeyGroup::Periods,
        KeyGroup::Span,
        KeyGroup::ProductFilter,
    ];

    /// On the EAEU's partner shares in the latest period that has them.
    fn open(data: &Dataset, _opening: &mut Opening) -> Self {
        let periods = eaeu::share_periods(data);
        // The latest period with shares is the one people want first.
        let period = periods.len().saturating_sub(1);
        PartnersTab {
            view: EaeuView::new(data, periods.get(period).copied()),
            periods,
            period,
            reporter: None,
            reporters: picker::ranked_reporters(data, partners::reporters(data)),
            cursor: Cursor::default(),
            product: None,
        }
    }
}

impl TabComponent for PartnersTab {
    fn called(&self) -> &'static str {
        "the Partners tab"
    }

    fn picks(&self) -> tab::Picks {
        tab::Picks::Reporters
    }

    fn update(&mut self, context: &mut Context, action: Action) -> Option<String> {
        if let Some(said) = self.update_product(action) {
            return (!said.is_empty()).then_some(said);
        }
        let data = context.data;
        let later = action == Action::NextPeriod;
        let end = if later { "latest" } else { "first" };
        match action {
            Action::NextSpan if self.reporter.is_some() => {
                return Some(
                    "s: a reporter's partners are of the period's kind ([ ] steps)".into(),
                );
            }
            Action::NextSpan => {
                let view = &mut self.view;
                if let [only] = view.union_kinds[..] {
                    return Some(format!("s: the Union's figures are {} only", only.label()));
                }
                view.show_union_kind(tab::next(&view.union_kinds, view.union_kind));
                self.cursor = Cursor::default();
            }
            Action::PreviousPeriod | Action::NextPeriod if let Some(view) = &mut self.reporter => {
                let Some(period) = view.neighbour(later) else {
                    let reporter = view.reporter.name();
                    return Some(format!(
                        "the {end} period of its kind with {reporter}'s trade is shown"
                    ));
                };
                view.select_period(data, period);
                self.cursor = Cursor::default();
            }
            Action::PreviousPeriod | Action::NextPeriod => {
                let last = self.periods.len().saturating_sub(1);
                let period = match later {
                    false => self.period.saturating_sub(1),
                    true => (self.period + 1).min(last),
                };
                if period == self.period {
                    return Some(format!("the {end} period with partner shares is shown"));
                }
                self.period = period;
                let selected = self.periods.get(period).copied();
                self.view.select_period(data, selected);
            }
            action => {
                let rows = match &self.reporter {
                    Some(view) => view.table_len(),
                    None => self.view.union_rows.len(),
                };
                let why = self.cursor.apply(action, rows);
                return why.map(|why| tab::refused(action, &why));
            }
        }
        None
    }

    fn sort(&mut self, _data: &Dataset, step: SortStep) -> Result<Option<String>, Refusal> {
        self.product_refusal()?;
        if let Some(view) = &mut self.reporter {
            // Its rank and name come before the sortable columns.
            let Some(sort) = step(view.sort, &partners::COLUMNS, 2) else {
                return Ok(None);
            };
            self.cursor.row = view.sort_by(sort, self.cursor.row);
            return Ok(Some(sort.describe(&partners::COLUMNS)));
        }
        let Some(sort) = step(self.view.union_sort, &UNION_COLUMNS, 0) else {
            return Ok(None);
        };
        self.cursor.row = self.view.sort_union(sort, self.cursor.row);
        Ok(Some(sort.describe(&UNION_COLUMNS)))
    }

    /// The Partners tab as it was: the EAEU card's period and its table's
    /// sort and row, or the reporter chosen and its period; what was not
    /// kept, if anything.
    fn keep(&mut self, data: &Dataset, old: &Self) -> Option<String> {
        if let Some(before) = &old.reporter {
            let reporter = before.reporter;
            let listed = |candidate: &Candidate| candidate.choice == Choice::Reporter(reporter);
            if !self.reporters.iter().any(listed) {
                return Some(format!("{reporter} reports no trade now"));
            }
            let mut view = PartnersView::new(data, reporter);
            if let Some(index) = before
                .selected_period()
                .and_then(|period| view.periods.iter().position(|&p| p == period))
            {
                view.select_period(data, index);
            }
            // The same partner selected, in the same sort.
            let row = old.cursor.row;
            let partner = before.rows.get(row).map(|r| r.partner);
            view.sort_by(before.sort, 0);
            let row = partner
                .and_then(|partner| view.rows.iter().position(|r| r.partner == partner))
                .unwrap_or(row);
            self.cursor.row = row.min(view.table_len().saturating_sub(1));
            self.reporter = Some(view);
            return None;
        }
        let period = old.periods.get(old.period).copied();
        if let Some(index) = period.and_then(|p| self.periods.iter().position(|&q| q == p)) {
            self.period = index;
            self.view.select_period(data, period);
        }
        let before = &old.view;
        if self.view.union_kinds.contains(&before.union_kind) {
            self.view.show_union_kind(before.union_kind);
        }
        let identity = |row: &UnionRow| (row.period, row.label.clone());
        let chosen = before.union_rows.get(old.cursor.row).map(identity);
        let view = &mut self.view;
        let row = chosen
            .and_then(|chosen| {
                view.union_rows
                    .iter()
                    .position(|row| identity(row) == chosen)
            })
            .unwrap_or(0);
        self.cursor.row = if before.union_sort == Sort::default() {
            row
        } else {
            view.sort_union(before.union_sort, row)
        };
        None
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        if let Some(view) = &self.reporter {
            let mut request = tab::request(export::Table::Partners);
            request.reporter = Some(view.reporter);
            request.period = view.selected_period();
            request.sort = Some(view.sort);
            let period = request.period.map_or(String::new(), |p| p.to_string());
            let stem = format!("partners_{}_{}", view.reporter, period.replace('/', "_"));
            return Ok((request, tab::sorted(stem, view.sort, &partners::COLUMNS)));
        }
        let mut request = tab::request(export::Table::Eaeu);
        request.period = self.periods.get(self.period).copied();
        let period = request.period.map_or(String::new(), |p| p.to_string());
        Ok((request, format!("eaeu_{}", period.replace('/', "_"))))
    }

    /// As `--print partners` writes it, or for the EAEU card's own table
    /// (which `--print eaeu` does not write), in the same style.
    fn export_shown(&self, data: &Dataset, out: &mut Vec<u8>) -> Option<Result<String, Refusal>> {
        let filter = self.product.as_ref()?;
        let written = export::products::print_product_partners(
            data,
            filter.reporter,
            filter.indicator,
            Some(filter.period),
            &filter.code,
            out,
        );
        let period = filter.period.to_string().replace('/', "_");
        Some(written.map(|()| format!("partners_{}_{}_{period}", filter.reporter, filter.code)))
    }

    fn copy_row(&self, data: &Dataset, out: &mut Vec<u8>) -> Result<String, Refusal> {
        self.product_refusal()?;
        let row = self.cursor.row;
        let Some(view) = &self.reporter else {
            let Some(row) = self.view.union_rows.get(row) else {
                return Err("no row to copy".into());
            };
            export::union_rows(data, std::iter::once(row), out).map_err(|e| e.to_string())?;
            return Ok(format!("{} {}", row.label, row.period));
        };
        let partner = view.rows.get(row);
        let with_rest = partner.is_none() && row == view.rows.len();
        if partner.is_none() && !with_rest {
            return Err("no row to copy".into());
        }
        let after = export::After {
            not_ranked: false,
            rest: with_rest,
        };
        export::partners(data, view, partner.into_iter(), after, out).map_err(|e| e.to_string())?;
        let name = partner.map_or("other partners", |row| row.partner.name());
        Ok(format!("{} with {name}", view.reporter.name()))
    }

    /// A partner by name or code, or on the EAEU card a figure by its
    /// period or name.
    fn find(&mut self, _data: &Dataset, needle: &str) -> Result<String, Refusal> {
        self.product_refusal()?;
        let from = self.cursor.row;
        let (row, found) = match &self.reporter {
            Some(view) => tab::find_row(view.rows.len(), from, needle, |row| {
                let partner = view.rows[row].partner;
                format!("{} ({partner})", partner.name())
            })?,
            None => {
                let rows = &self.view.union_rows;
                tab::find_row(rows.len(), from, needle, |row| {
                    format!("{} {}", rows[row].period, rows[row].label)
                })?
            }
        };
        self.cursor.row = row;
        Ok(found)
    }

    /// The selected partner's trade with the reporter and the reporter's
    /// total it is a share of (the world's, for the remainder row), or the
    /// EAEU table's selected figure.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal> {
        self.product_refusal()?;
        let (request, _) = self.export()?;
        let pair = |flow: Flow| {
            format!(
                "{}–{}",
                flow.reporter.shown(naming),
                flow.partner.shown(naming)
            )
        };
        let Some(view) = &self.reporter else {
            let Some(row) = self.view.union_rows.get(self.cursor.row) else {
                return Err("the table has no rows".into());
            };
            let Some(figure) = &row.figure else {
                return Err(format!(
                    "{} {} has a growth rate only",
                    row.label, row.period
                ));
            };
            let subject = Subject {
                who: pair(row.flow),
                flow: row.flow,
                currency: figure.currency,
                period: row.period,
            };
            let title = format!("{} {}", row.label, row.period);
            return Ok(tab::derivation(data, title, &[subject], request, revisions));
        };
        let (Some(period), Some(currency)) = (view.selected_period(), view.currency) else {
            return Err("no period with trade".into());
        };
        let reporter = view.reporter;
        let partners = view.rows.get(self.cursor.row).map(|row| row.partner);
        let subjects: Vec<Subject> = partners
            .into_iter()
            .chain([WORLD])
            .map(|partner| {
                let flow = Flow::new(Indicator::Trade, reporter, partner);
                Subject {
                    who: pair(flow),
                    flow,
                    currency,
                    period,
                }
            })
            .collect();
        let title = format!("{}'s partners {period}", reporter.shown(naming));
        Ok(tab::derivation(data, title, &subjects, request, revisions))
    }

    /// Shows `period`'s shares, or the chosen reporter's partners in it.
    fn jump(&mut self, data: &Dataset, period: Period) -> Result<(), Refusal> {
        self.product_refusal()?;
        let row_of = |periods: &[Period]| periods.iter().position(|&p| p == period);
        if let Some(view) = &mut self.reporter {
            let index = row_of(&view.periods)
                .ok_or_else(|| format!("no trade of {} in {period}", view.reporter.name()))?;
            view.select_period(data, index);
            self.cursor = Cursor::default();
            return Ok(());
        }
        self.period =
            row_of(&self.periods).ok_or_else(|| format!("no partner shares for {period}"))?;
        self.view.select_period(data, Some(period));
        Ok(())
    }
}

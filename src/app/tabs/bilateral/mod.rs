//! The bilateral tab's state, and what it answers as a tab.

mod pairs;

use super::{self as tab, Context, Opening, Refusal, Registered, SortStep, TabComponent};
use crate::app::keys::KeyGroup;
use crate::app::{Action, Cursor};
use crate::data::model::Naming;
use crate::data::{Area, Dataset, Flow, Indicator, Period, SpanKind};
use crate::export;
use crate::view::bilateral::{self, BilateralView, COLUMNS};
use crate::view::derivation::{Derivation, Subject};
use crate::view::findings::Finding;
use crate::view::picker::Candidate;
use crate::view::revisions::Revision;
use crate::view::sort::Sort;

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

impl BilateralTab {
    /// Shows another pair, span kind or currency, sorted as before, from
    /// the first row.
    pub(in crate::app) fn select(&mut self, data: &Dataset, selection: bilateral::Selection) {
        let sort = self.view.as_ref().map(|view| view.sort);
        let mut view = BilateralView::new(data, selection);
        if let Some(sort) = sort.filter(|&sort| sort != Sort::default()) {
            view.sort_by(data, sort, 0);
        }
        self.view = Some(view);
        self.cursor = Cursor::default();
    }
}

impl Registered for BilateralTab {
    const ANSWERS: &'static [KeyGroup] = &[
        KeyGroup::Table,
        KeyGroup::Pairs,
        KeyGroup::Span,
        KeyGroup::Currency,
    ];

    /// On the pair opened first, with the pairs the picker lists.
    fn open(data: &Dataset, opening: &mut Opening) -> Self {
        let candidates = std::mem::take(&mut opening.candidates);
        let pairs = candidates.iter().filter_map(|c| c.choice.pair()).collect();
        let view = opening
            .first_pair
            .map(|pair| BilateralView::new(data, BilateralView::default_selection(data, pair)));
        BilateralTab {
            pairs,
            candidates,
            pair: 0,
            view,
            cursor: Cursor::default(),
        }
    }
}

impl TabComponent for BilateralTab {
    fn called(&self) -> &'static str {
        "the bilateral tab"
    }

    fn update(&mut self, context: &mut Context, action: Action) -> Option<String> {
        let data = context.data;
        match action {
            Action::SwapPair => return self.swap_pair(context),
            Action::AddComparison => return self.open_comparison_picker(context),
            Action::RemoveComparison => return self.stop_comparing(data),
            Action::NextPair | Action::PreviousPair => {
                let count = self.pairs.len();
                if count == 1 {
                    return Some("p: the data has one reporter–partner pair".into());
                } else if count > 0 {
                    let step = if action == Action::NextPair {
                        1
                    } else {
                        count - 1
                    };
                    self.pair = (self.pair + step) % count;
                    let pair = self.pairs[self.pair];
                    self.select(data, BilateralView::default_selection(data, pair));
                }
            }
            Action::NextSpan => {
                let view = self.view.as_ref()?;
                if let [only] = view.kinds[..] {
                    return Some(format!("s: this pair has {} figures only", only.label()));
                }
                let selection = bilateral::Selection {
                    kind: tab::next(&view.kinds, view.selection.kind),
                    ..view.selection
                };
                self.select(data, selection);
            }
            Action::NextCurrency => {
                let view = self.view.as_ref()?;
                if let [only] = view.currencies[..] {
                    let code = only.code();
                    return Some(format!(
                        "c: this pair has figures in {code} only, never converted"
                    ));
                }
                let selection = bilateral::Selection {
                    currency: tab::next(&view.currencies, view.selection.currency),
                    ..view.selection
                };
                self.select(data, selection);
            }
            action => {
                let view = self.view.as_mut()?;
                let why = self.cursor.apply(action, view.table.len());
                view.keep_rows_around(data, self.cursor.row);
                return why.map(|why| tab::refused(action, &why));
            }
        }
        None
    }

    fn sort(&mut self, data: &Dataset, step: SortStep) -> Result<Option<String>, Refusal> {
        let Some(view) = &mut self.view else {
            return Err("no pair shown".into());
        };
        let Some(sort) = step(view.sort, &COLUMNS, 0) else {
            return Ok(None);
        };
        self.cursor.row = view.sort_by(data, sort, self.cursor.row);
        Ok(Some(sort.describe(&COLUMNS)))
    }

    /// The pair shown before, with its span kind, currency, sort and period
    /// where the new data has them; what was not kept, if anything.
    fn keep(&mut self, data: &Dataset, old: &Self) -> Option<String> {
        let before = old.view.as_ref()?;
        let row = old.cursor.row;
        let shown = before.selection;
        let (reporter, partner) = (shown.reporter, shown.partner);
        let Some(index) = self.pairs.iter().position(|&p| p == (reporter, partner)) else {
            return Some(format!("{reporter}–{partner} is no longer in the data"));
        };
        self.pair = index;
        let mut view = BilateralView::new(data, shown);
        let mut lost = None;
        if !view.kinds.contains(&shown.kind) || !view.currencies.contains(&shown.currency) {
            let default = BilateralView::default_selection(data, (reporter, partner));
            let selection = bilateral::Selection {
                kind: match view.kinds.contains(&shown.kind) {
                    true => shown.kind,
                    false => default.kind,
                },
                currency: match view.currencies.contains(&shown.currency) {
                    true => shown.currency,
                    false => default.currency,
                },
                ..shown
            };
            lost = Some(format!(
                "{reporter}–{partner} has no {} figures in {} now",
                shown.kind.label(),
                shown.currency.code()
            ));
            view = BilateralView::new(data, selection);
        }
        let period = before.table.periods.get(row).copied();
        let mut row = tab::position(&view.table.periods, period);
        if before.sort != Sort::default() {
            row = view.sort_by(data, before.sort, row);
        }
        view.keep_rows_around(data, row);
        self.view = Some(view);
        self.cursor.row = row;
        lost
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        let Some(view) = &self.view else {
            return Err("no pair to write".into());
        };
        let selection = view.selection;
        let (reporter, partner) = (selection.reporter, selection.partner);
        let mut request = tab::request(export::Table::Bilateral);
        request.pair = Some((reporter, partner));
        request.kind = Some(selection.kind);
        request.currency = Some(selection.currency);
        request.compare = selection.compare;
        request.sort = Some(view.sort);
        let currency = selection.currency.code();
        let compared = selection
            .compare
            .map_or(String::new(), |(r, p)| format!("_vs_{r}-{p}"));
        let stem = format!(
            "bilateral_{reporter}-{partner}{compared}_{}_{currency}",
            slug(selection.kind)
        );
        Ok((request, tab::sorted(stem, view.sort, &COLUMNS)))
    }

    fn copy_row(&self, data: &Dataset, out: &mut Vec<u8>) -> Result<String, Refusal> {
        let Some(view) = &self.view else {
            return Err("no pair shown".into());
        };
        let Some(&period) = view.table.periods.get(self.cursor.row) else {
            return Err("no row to copy".into());
        };
        let (reporter, partner) = (view.selection.reporter, view.selection.partner);
        export::bilateral(data, view, std::iter::once(period), out).map_err(|e| e.to_string())?;
        Ok(format!("{reporter}-{partner} {period}"))
    }

    /// Changes the span kind shown when the period is of another one the
    /// pair has; a period the table lacks changes nothing.
    fn jump(&mut self, data: &Dataset, period: Period) -> Result<(), Refusal> {
        let kind = period.kind();
        let Some(view) = &self.view else {
            return Err("no pair to show".into());
        };
        if view.selection.kind != kind && !view.kinds.contains(&kind) {
            return Err(format!("this pair has no {} figures", kind.label()));
        }
        let other_kind = (view.selection.kind != kind).then(|| {
            let selection = bilateral::Selection {
                kind,
                ..view.selection
            };
            let mut other = BilateralView::new(data, selection);
            // Sorted as the table was.
            if view.sort != Sort::default() {
                other.sort_by(data, view.sort, 0);
            }
            other
        });
        let shown = other_kind.as_ref().unwrap_or(view);
        let row = shown
            .table
            .periods
            .iter()
            .position(|&p| p == period)
            .ok_or_else(|| tab::missing(period))?;
        if let Some(view) = other_kind {
            self.view = Some(view);
        }
        if let Some(view) = &mut self.view {
            view.keep_rows_around(data, row);
        }
        self.cursor.row = row;
        Ok(())
    }

    fn find(&mut self, data: &Dataset, needle: &str) -> Result<String, Refusal> {
        let Some(view) = &mut self.view else {
            return Err("no pair shown".into());
        };
        let (row, found) = tab::find_period(&view.table.periods, self.cursor.row, needle)?;
        view.keep_rows_around(data, row);
        self.cursor.row = row;
        Ok(found)
    }

    /// The selected period's figures: the pair's total, exports and
    /// imports, the partner's as it reports them, the compared pair's.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal> {
        let Some(view) = &self.view else {
            return Err("no pair shown".into());
        };
        let Some(&period) = view.table.periods.get(self.cursor.row) else {
            return Err("the table has no rows".into());
        };
        let selection = view.selection;
        let (reporter, partner) = (selection.reporter, selection.partner);
        let pair = |(reporter, partner): (Area, Area)| {
            format!("{}–{}", reporter.shown(naming), partner.shown(naming))
        };
        let subject = |indicator, (reporter, partner): (Area, Area)| Subject {
            who: pair((reporter, partner)),
            flow: Flow::new(indicator, reporter, partner),
            currency: selection.currency,
            period,
        };
        let flows = [
            Indicator::Trade,
            Indicator::Exports,
            Indicator::Imports,
            Indicator::ImportsFob,
        ];
        let mut subjects: Vec<Subject> = flows
            .iter()
            .map(|&indicator| subject(indicator, (reporter, partner)))
            .collect();
        // The partner's own figures of the pair: its imports mirror the exports.
        subjects.extend(
            flows[..3]
                .iter()
                .map(|&indicator| subject(indicator, (partner, reporter))),
        );
        subjects.extend(
            selection
                .compare
                .map(|compared| subject(Indicator::Trade, compared)),
        );
        let (mut request, _) = self.export()?;
        request.period = Some(period);
        let title = format!("{} {period}", pair((reporter, partner)));
        Ok(tab::derivation(data, title, &subjects, request, revisions))
    }

    fn findings(&self) -> Option<(&[Finding], Option<&Period>)> {
        let view = self.view.as_ref()?;
        Some((&view.findings, view.table.periods.get(self.cursor.row)))
    }
}

/// A span kind in a file name: "rolling-12-months".
pub(super) fn slug(kind: SpanKind) -> String {
    kind.label().replace(' ', "-")
}

//! Sorting the table shown (`o`, `O`, `<`, `>`), and opening the warnings
//! list at the finding about the selected row (`w`).

use super::{Action, App, Overlay, Tab};
use crate::view::findings;
use crate::view::sort::Sort;
use crate::view::{bilateral, bri, eaeu, partners};

impl App {
    /// Sorts the table of the tab shown by its next column (`o`, `>`), its
    /// previous one (`<`), the other way (`O`) or by a clicked column,
    /// keeping the selection on its row. A click on a column that does not
    /// sort (a partner's name, a note) does nothing.
    pub(super) fn sort(&mut self, action: Action) {
        // `shown_before`: the table's columns drawn before its sortable ones.
        let step = |sort: Sort, columns: &[&str], shown_before: usize| match action {
            Action::SortNextColumn => Some(sort.step_column(1, columns.len())),
            Action::SortPreviousColumn => Some(sort.step_column(-1, columns.len())),
            Action::SortBy(clicked) => clicked
                .checked_sub(shown_before)
                .and_then(|column| sort.by(column, columns.len())),
            _ => Some(sort.reversed()),
        };
        let said = match self.tab {
            Tab::Bilateral => {
                let Some(view) = &mut self.bilateral.view else {
                    return self.say("o: no pair shown".into());
                };
                let Some(sort) = step(view.sort, &bilateral::COLUMNS, 0) else {
                    return;
                };
                self.bilateral.cursor.row =
                    view.sort_by(&self.data, sort, self.bilateral.cursor.row);
                sort.describe(&bilateral::COLUMNS)
            }
            Tab::BeltAndRoad => {
                let Some(sort) = step(self.bri.view.sort, &bri::COLUMNS, 0) else {
                    return;
                };
                self.bri.cursor.row = self.bri.view.sort_by(&self.data, sort, self.bri.cursor.row);
                sort.describe(&bri::COLUMNS)
            }
            Tab::Partners if let Some(view) = &mut self.partners.reporter => {
                // The partner's name comes before the sortable columns.
                let Some(sort) = step(view.sort, &partners::COLUMNS, 1) else {
                    return;
                };
                self.partners.cursor.row = view.sort_by(sort, self.partners.cursor.row);
                sort.describe(&partners::COLUMNS)
            }
            Tab::Partners => {
                let Some(sort) = step(self.partners.view.union_sort, &eaeu::UNION_COLUMNS, 0)
                else {
                    return;
                };
                self.partners.cursor.row = self
                    .partners
                    .view
                    .sort_union(sort, self.partners.cursor.row);
                sort.describe(&eaeu::UNION_COLUMNS)
            }
            Tab::Overview => "o: sorts a tab's table; the overview has none".into(),
        };
        self.say(said);
    }

    /// Opens the warnings list: at the data-quality finding about the
    /// selected row of the bilateral or Belt and Road table, if it has one,
    /// else at the top.
    pub(super) fn open_warnings(&mut self) {
        // The table's findings and its selected period.
        let selected = match self.tab {
            Tab::Bilateral => self.bilateral.view.as_ref().map(|view| {
                let period = view.table.periods.get(self.bilateral.cursor.row);
                (&view.findings, period)
            }),
            Tab::BeltAndRoad => {
                let view = &self.bri.view;
                Some((&view.findings, view.table.periods.get(self.bri.cursor.row)))
            }
            Tab::Overview | Tab::Partners => None,
        };
        let finding = selected
            .and_then(|(all, period)| findings::of_period(all, *period?).first())
            .copied();
        let scroll = finding.map_or(0, |f| f.warning);
        self.overlay = Some(Overlay::Warnings { scroll });
        if let Some(finding) = finding {
            let period = finding.period;
            self.say(format!("w: {period}'s finding first; k for those above"));
        }
    }
}

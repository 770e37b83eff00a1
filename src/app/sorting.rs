//! Sorting the table shown (`o`, `O`, `<`, `>`), and opening the warnings
//! list at the finding about the selected row (`w`).

use super::{Action, App, Overlay};
use crate::view::findings;
use crate::view::sort::Sort;

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
        match self.tabs.get_mut(self.tab).sort(&self.data, &step) {
            Ok(Some(said)) => self.say(said),
            Ok(None) => {}
            Err(why) => self.say(format!("o: {why}")),
        }
    }

    /// Opens the warnings list: at the data-quality finding about the
    /// selected row of the bilateral or Belt and Road table, if it has one,
    /// else at the top.
    pub(super) fn open_warnings(&mut self) {
        // The table's findings and its selected period.
        let selected = self.current().findings();
        let finding = selected
            .and_then(|(all, period)| findings::of_period(all, *period?).first())
            .copied();
        // The reloads' entries come before the warnings.
        let scroll = finding.map_or(0, |f| self.reload_entries() + f.warning);
        self.overlay = Some(Overlay::Warnings { scroll });
        if let Some(finding) = finding {
            let period = finding.period;
            self.say(format!("w: {period}'s finding first; k for those above"));
        }
    }
}

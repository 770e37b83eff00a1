//! Commands on the bilateral tab's pair: `M` shows it the other way round,
//! `+` compares another pair with it, `-` stops comparing.

use super::App;
use crate::data::{Area, Period};
use crate::view::bilateral;
use crate::view::picker::{Choice, Picker};

impl App {
    /// Shows the partner's side of the pair (Russia–China for China–Russia)
    /// in the same span kind and currency, on the same period; or says why
    /// it cannot.
    pub(super) fn swap_pair(&mut self) {
        let Some(view) = &self.bilateral.view else {
            return self.say("M: no pair shown".into());
        };
        let shown = view.selection;
        let (reporter, partner) = (shown.reporter, shown.partner);
        if reporter == partner {
            let name = reporter.name();
            return self.say(format!("M: {name}–{name} is the same both ways"));
        }
        let swapped = (partner, reporter);
        let Some(index) = self.bilateral.pairs.iter().position(|&p| p == swapped) else {
            return self.say(format!(
                "M: the data has no {}–{} figures",
                partner.name(),
                reporter.name()
            ));
        };
        let period = view.table.periods.get(self.bilateral.cursor.row).copied();
        self.bilateral.pair = index;
        self.remember(Choice::Pair(partner, reporter));
        // Either side's figures make a period of the pair both ways round,
        // so the span kind, currency and period are there still.
        let selection = bilateral::Selection {
            reporter: partner,
            partner: reporter,
            compare: shown.compare.filter(|&compared| compared != swapped),
            ..shown
        };
        self.select_bilateral_at(selection, period);
    }

    /// Opens the picker to choose a pair to compare with the one shown.
    pub(super) fn open_comparison_picker(&mut self) {
        if self.bilateral.view.is_none() {
            return self.say("+: no pair shown to compare with".into());
        }
        let candidates = self.bilateral.candidates.clone();
        self.picker = Some(Picker::for_comparison(candidates, self.recent.clone()));
    }

    /// Compares `pair` with the pair shown, in its span kind and currency,
    /// on the same period.
    pub(super) fn compare_with(&mut self, pair: (Area, Area)) {
        let Some(view) = &self.bilateral.view else {
            return;
        };
        let shown = view.selection;
        if pair == (shown.reporter, shown.partner) {
            return self.say("+: that is the pair shown; pick another to compare".into());
        }
        let period = view.table.periods.get(self.bilateral.cursor.row).copied();
        let selection = bilateral::Selection {
            compare: Some(pair),
            ..shown
        };
        self.select_bilateral_at(selection, period);
        let compared = format!("{}–{}", pair.0, pair.1);
        let view = self.bilateral.view.as_ref();
        let said = match view.and_then(|view| view.comparison) {
            Some(comparison) if !comparison.has_totals => format!(
                "+: {compared} has no {} totals in {} to compare",
                shown.kind.label(),
                shown.currency.code()
            ),
            _ => format!("+: compared with {compared}; - stops"),
        };
        self.say(said);
    }

    /// Stops comparing another pair with the one shown.
    pub(super) fn stop_comparing(&mut self) {
        let Some(view) = &self.bilateral.view else {
            return;
        };
        if view.selection.compare.is_none() {
            return self.say("-: no pair compared; + picks one".into());
        }
        let period = view.table.periods.get(self.bilateral.cursor.row).copied();
        let selection = bilateral::Selection {
            compare: None,
            ..view.selection
        };
        self.select_bilateral_at(selection, period);
    }

    /// Shows a selection with `period` selected where the table has it.
    fn select_bilateral_at(&mut self, selection: bilateral::Selection, period: Option<Period>) {
        self.bilateral.select(&self.data, selection);
        if let Some(view) = &mut self.bilateral.view {
            let row = period
                .and_then(|period| view.table.periods.iter().position(|&p| p == period))
                .unwrap_or(0);
            view.keep_rows_around(&self.data, row);
            self.bilateral.cursor.row = row;
        }
    }
}

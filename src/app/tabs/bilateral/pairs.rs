//! Commands on the bilateral tab's pair: `M` shows it the other way round,
//! `+` compares another pair with it, `-` stops comparing.

use super::BilateralTab;
use crate::app::tabs::Context;
use crate::data::{Area, Dataset, Period};
use crate::view::bilateral;
use crate::view::picker::{Choice, Picker};

impl BilateralTab {
    /// Shows the partner's side of the pair (Russia–China for China–Russia)
    /// in the same span kind and currency, on the same period; or says why
    /// it cannot.
    pub(super) fn swap_pair(&mut self, context: &mut Context) -> Option<String> {
        let Some(view) = &self.view else {
            return Some("M: no pair shown".into());
        };
        let shown = view.selection;
        let (reporter, partner) = (shown.reporter, shown.partner);
        if reporter == partner {
            let name = reporter.name();
            return Some(format!("M: {name}–{name} is the same both ways"));
        }
        let swapped = (partner, reporter);
        let Some(index) = self.pairs.iter().position(|&p| p == swapped) else {
            return Some(format!(
                "M: the data has no {}–{} figures",
                partner.name(),
                reporter.name()
            ));
        };
        let period = view.table.periods.get(self.cursor.row).copied();
        self.pair = index;
        context.remember(Choice::Pair(partner, reporter));
        // Either side's figures make a period of the pair both ways round,
        // so the span kind, currency and period are there still.
        let selection = bilateral::Selection {
            reporter: partner,
            partner: reporter,
            compare: shown.compare.filter(|&compared| compared != swapped),
            ..shown
        };
        self.select_at(context.data, selection, period);
        None
    }

    /// Opens the picker to choose a pair to compare with the one shown.
    pub(super) fn open_comparison_picker(&mut self, context: &mut Context) -> Option<String> {
        if self.view.is_none() {
            return Some("+: no pair shown to compare with".into());
        }
        let candidates = self.candidates.clone();
        *context.picker = Some(Picker::for_comparison(candidates, context.recent.clone()));
        None
    }

    /// Compares `pair` with the pair shown, in its span kind and currency,
    /// on the same period; what the status line says.
    pub(in crate::app) fn compare_with(
        &mut self,
        data: &Dataset,
        pair: (Area, Area),
    ) -> Option<String> {
        let view = self.view.as_ref()?;
        let shown = view.selection;
        if pair == (shown.reporter, shown.partner) {
            return Some("+: that is the pair shown; pick another to compare".into());
        }
        let period = view.table.periods.get(self.cursor.row).copied();
        let selection = bilateral::Selection {
            compare: Some(pair),
            ..shown
        };
        self.select_at(data, selection, period);
        let compared = format!("{}–{}", pair.0, pair.1);
        let view = self.view.as_ref();
        Some(match view.and_then(|view| view.comparison) {
            Some(comparison) if !comparison.has_totals => format!(
                "+: {compared} has no {} totals in {} to compare",
                shown.kind.label(),
                shown.currency.code()
            ),
            _ => format!("+: compared with {compared}; - stops"),
        })
    }

    /// Stops comparing another pair with the one shown.
    pub(super) fn stop_comparing(&mut self, data: &Dataset) -> Option<String> {
        let view = self.view.as_ref()?;
        if view.selection.compare.is_none() {
            return Some("-: no pair compared; + picks one".into());
        }
        let period = view.table.periods.get(self.cursor.row).copied();
        let selection = bilateral::Selection {
            compare: None,
            ..view.selection
        };
        self.select_at(data, selection, period);
        None
    }

    /// Shows a selection with `period` selected where the table has it.
    fn select_at(
        &mut self,
        data: &Dataset,
        selection: bilateral::Selection,
        period: Option<Period>,
    ) {
        self.select(data, selection);
        if let Some(view) = &mut self.view {
            let row = period
                .and_then(|period| view.table.periods.iter().position(|&p| p == period))
                .unwrap_or(0);
            view.keep_rows_around(data, row);
            self.cursor.row = row;
        }
    }
}

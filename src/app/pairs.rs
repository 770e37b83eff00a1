//! Commands on the bilateral tab's pair: `M` shows it the other way round.

use super::App;
use crate::view::bilateral;

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
        self.remember(swapped);
        // Either side's figures make a period of the pair both ways round,
        // so the span kind, currency and period are there still.
        self.select_bilateral(bilateral::Selection {
            reporter: partner,
            partner: reporter,
            ..shown
        });
        if let Some(view) = &mut self.bilateral.view {
            let row = period
                .and_then(|period| view.table.periods.iter().position(|&p| p == period))
                .unwrap_or(0);
            view.keep_rows_around(&self.data, row);
            self.bilateral.cursor.row = row;
        }
    }
}

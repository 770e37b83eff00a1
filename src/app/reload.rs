//! A reload (`--watch`): the data read again in place of the data shown, with
//! the selection kept wherever the new data still has it.

use std::time::{Duration, Instant};

use super::{App, Overlay};
use crate::data::{Dataset, LoadError, Period};
use crate::view::bilateral::{self, BilateralView};
use crate::view::eaeu::UnionRow;
use crate::view::partners::PartnersView;
use crate::view::picker::{Candidate, Choice, Picker};
use crate::view::sort::Sort;

/// How long the status line says why a reload failed: longer than a key's
/// message, as it comes unasked.
const FAILED_RELOAD_TIME: Duration = Duration::from_secs(10);

impl App {
    /// Takes what reading the `--data` files again gave: new data, or why
    /// there is none (the data shown stays, and the status line says why).
    pub fn reloaded(&mut self, loaded: Result<Dataset, LoadError>) {
        match loaded {
            Ok(data) => self.replace_data(data),
            Err(error) => {
                let said = format!("reload failed, old data shown: {error}");
                self.message = Some((said, Instant::now() + FAILED_RELOAD_TIME));
            }
        }
    }

    /// Shows `data` in place of the data shown, keeping the tab, the
    /// overlay, the picker and its filter, names or codes (`n`), and each tab's selection where
    /// the new data has it: the pair with its span kind and currency, the
    /// reporter on the Partners tab, the Belt and Road span kind and topic,
    /// each table's sort and selected period. The status line says when, and
    /// what could not be kept.
    pub fn replace_data(&mut self, data: Dataset) {
        let fresh = App::new(data, self.origin.clone());
        let mut old = std::mem::replace(self, fresh);
        self.tab = old.tab;
        self.recent = std::mem::take(&mut old.recent);
        self.jump = old.jump.take();
        self.export_dir = std::mem::take(&mut old.export_dir);
        self.show_areas_by(old.naming);
        self.overlay = old.overlay.map(|overlay| match overlay {
            Overlay::Warnings { scroll } => Overlay::Warnings {
                scroll: scroll.min(self.data.warnings().len().saturating_sub(1)),
            },
            help => help,
        });
        let mut lost = Vec::new();
        if let Some(view) = &old.bilateral.view {
            lost.extend(self.keep_bilateral(view, old.bilateral.cursor.row));
        }
        lost.extend(self.keep_partners(&old));
        self.keep_bri(&old);
        if let Some(picker) = &old.picker {
            self.picker = Some(self.reopened(picker));
        }
        let time = chrono::Local::now().format("%H:%M:%S");
        let mut said = format!("reloaded {time}");
        for what in lost {
            said.push_str("; ");
            said.push_str(&what);
        }
        self.say(said);
    }

    /// The pair shown before, with its span kind, currency, sort and period
    /// where the new data has them; what was not kept, if anything.
    fn keep_bilateral(&mut self, before: &BilateralView, row: usize) -> Option<String> {
        let old = before.selection;
        let (reporter, partner) = (old.reporter, old.partner);
        let Some(index) = self
            .bilateral
            .pairs
            .iter()
            .position(|&p| p == (reporter, partner))
        else {
            return Some(format!("{reporter}–{partner} is no longer in the data"));
        };
        self.bilateral.pair = index;
        let mut view = BilateralView::new(&self.data, old);
        let mut lost = None;
        if !view.kinds.contains(&old.kind) || !view.currencies.contains(&old.currency) {
            let default = BilateralView::default_selection(&self.data, (reporter, partner));
            let selection = bilateral::Selection {
                kind: match view.kinds.contains(&old.kind) {
                    true => old.kind,
                    false => default.kind,
                },
                currency: match view.currencies.contains(&old.currency) {
                    true => old.currency,
                    false => default.currency,
                },
                ..old
            };
            lost = Some(format!(
                "{reporter}–{partner} has no {} figures in {} now",
                old.kind.label(),
                old.currency.code()
            ));
            view = BilateralView::new(&self.data, selection);
        }
        let period = before.table.periods.get(row).copied();
        let mut row = position(&view.table.periods, period);
        if before.sort != Sort::default() {
            row = view.sort_by(&self.data, before.sort, row);
        }
        view.keep_rows_around(&self.data, row);
        self.bilateral.view = Some(view);
        self.bilateral.cursor.row = row;
        lost
    }

    /// The Partners tab as it was: the EAEU card's period and its table's
    /// sort and row, or the reporter chosen and its period; what was not
    /// kept, if anything.
    fn keep_partners(&mut self, old: &App) -> Option<String> {
        if let Some(before) = &old.partners.reporter {
            let reporter = before.reporter;
            let listed = |candidate: &Candidate| candidate.choice == Choice::Reporter(reporter);
            if !self.partners.reporters.iter().any(listed) {
                return Some(format!("{reporter} reports no trade now"));
            }
            let mut view = PartnersView::new(&self.data, reporter);
            if let Some(index) = before
                .selected_period()
                .and_then(|period| view.periods.iter().position(|&p| p == period))
            {
                view.select_period(&self.data, index);
            }
            // The same partner selected, in the same sort.
            let row = old.partners.cursor.row;
            let partner = before.rows.get(row).map(|r| r.partner);
            view.sort_by(before.sort, 0);
            let row = partner
                .and_then(|partner| view.rows.iter().position(|r| r.partner == partner))
                .unwrap_or(row);
            self.partners.cursor.row = row.min(view.table_len().saturating_sub(1));
            self.partners.reporter = Some(view);
            return None;
        }
        let period = old.partners.periods.get(old.partners.period).copied();
        if let Some(index) = period.and_then(|p| self.partners.periods.iter().position(|&q| q == p))
        {
            self.partners.period = index;
            self.partners.view.select_period(&self.data, period);
        }
        let before = &old.partners.view;
        let identity = |row: &UnionRow| (row.period, row.label.clone());
        let chosen = before.union_rows.get(old.partners.cursor.row).map(identity);
        let view = &mut self.partners.view;
        let row = chosen
            .and_then(|chosen| {
                view.union_rows
                    .iter()
                    .position(|row| identity(row) == chosen)
            })
            .unwrap_or(0);
        self.partners.cursor.row = if before.union_sort == Sort::default() {
            row
        } else {
            view.sort_union(before.union_sort, row)
        };
        None
    }

    /// The Belt and Road span kind and topic, sort and period, where the
    /// new data has them.
    fn keep_bri(&mut self, old: &App) {
        let before = &old.bri.view;
        if self.bri.view.kinds.contains(&before.kind) {
            self.bri.select(&self.data, before.kind, before.topic);
        }
        let period = before.table.periods.get(old.bri.cursor.row).copied();
        let mut row = position(&self.bri.view.table.periods, period);
        if before.sort != Sort::default() {
            row = self.bri.view.sort_by(&self.data, before.sort, row);
        }
        self.bri.view.keep_rows_around(&self.data, row);
        self.bri.cursor.row = row;
    }

    /// The picker open before, over the new data's pairs or reporters, with
    /// the same filter.
    fn reopened(&self, before: &Picker) -> Picker {
        let (pairs, recent) = (self.bilateral.candidates.clone(), self.recent.clone());
        let mut picker = if before.lists_reporters() {
            Picker::of_reporters(self.partners.reporters.clone(), recent)
        } else if before.compares() {
            Picker::for_comparison(pairs, recent)
        } else {
            Picker::new(pairs, recent)
        };
        for c in before.query.chars() {
            picker.type_char(c);
        }
        picker
    }
}

/// The row of `period` in a table's `periods`; the first row when the table
/// has it no more.
fn position(periods: &[Period], period: Option<Period>) -> usize {
    period
        .and_then(|period| periods.iter().position(|&p| p == period))
        .unwrap_or(0)
}

//! The picker's keys, and what opening a pair or reporter from it does.

use super::{Action, App, Cursor, PAGE, Tab};
use crate::data::Area;
use crate::data::model::EAEU;
use crate::view::bilateral::BilateralView;
use crate::view::partners::PartnersView;
use crate::view::picker::Choice;

impl App {
    /// The picker takes every key: Esc closes it, Enter opens its pair.
    pub(super) fn update_picker(&mut self, action: Action) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        match action {
            Action::Interrupt => self.running = false,
            Action::Back => self.picker = None,
            Action::Type(c) => picker.type_char(c),
            Action::Erase => picker.erase(),
            Action::EraseWord => picker.erase_word(),
            Action::EraseAll => picker.clear(),
            Action::Up => picker.step(-1),
            Action::Down => picker.step(1),
            Action::PageUp => picker.step(-(PAGE as isize)),
            Action::PageDown => picker.step(PAGE as isize),
            // A click below the last match.
            Action::SelectRow(line) if line >= picker.matches.len() => {}
            Action::SelectRow(line) => {
                picker.selected = line;
                self.update_picker(Action::Confirm);
            }
            Action::Confirm => match picker.chosen() {
                Some(Choice::Pair(reporter, partner)) if picker.compares() => {
                    self.picker = None;
                    let pair = (reporter, partner);
                    if let Some(said) = self.tabs.bilateral.compare_with(&self.data, pair) {
                        self.say(said);
                    }
                }
                Some(Choice::Pair(reporter, partner)) => {
                    self.picker = None;
                    self.open_pair((reporter, partner));
                }
                Some(Choice::Reporter(reporter)) => {
                    self.picker = None;
                    self.open_reporter(reporter);
                }
                None => {}
            },
            _ => {}
        }
    }

    /// Shows a pair on the bilateral tab, and remembers it as opened.
    fn open_pair(&mut self, pair: (Area, Area)) {
        let Some(index) = self.tabs.bilateral.pairs.iter().position(|&p| p == pair) else {
            return;
        };
        self.tab = Tab::Bilateral;
        self.remember(Choice::Pair(pair.0, pair.1));
        if index != self.tabs.bilateral.pair || self.tabs.bilateral.view.is_none() {
            self.tabs.bilateral.pair = index;
            self.tabs.bilateral.select(
                &self.data,
                BilateralView::default_selection(&self.data, pair),
            );
        }
    }

    /// Shows a reporter's partners on the Partners tab: the Union's
    /// partner shares card where the data has them, else the ranked table.
    fn open_reporter(&mut self, reporter: Area) {
        self.remember(Choice::Reporter(reporter));
        self.tab = Tab::Partners;
        self.tabs.partners.cursor = Cursor::default();
        // A reporter picked replaces the partners of a product (`b`).
        self.tabs.partners.product = None;
        self.tabs.partners.reporter = (reporter != EAEU || self.tabs.partners.periods.is_empty())
            .then(|| PartnersView::new(&self.data, reporter));
    }

    fn remember(&mut self, choice: Choice) {
        super::tabs::remember(&mut self.recent, choice);
    }
}

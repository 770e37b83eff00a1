//! The Belt and Road tab's state, and what it answers as a tab.

use super::bilateral::slug;
use super::{self as tab, Context, Opening, Refusal, Registered, SortStep, TabComponent};
use crate::app::keys::KeyGroup;
use crate::app::{Action, Cursor};
use crate::data::model::{BELT_AND_ROAD, CHINA, Naming, WORLD};
use crate::data::{Currency, Dataset, Flow, Period, SpanKind};
use crate::export;
use crate::view::bri::{self, BriView, COLUMNS, Topic};
use crate::view::derivation::{Derivation, Subject};
use crate::view::findings::Finding;
use crate::view::revisions::Revision;
use crate::view::sort::Sort;

pub struct BriTab {
    pub view: BriView,
    pub cursor: Cursor,
}

impl BriTab {
    /// Shows another span kind or topic, sorted as before, from the first row.
    pub(in crate::app) fn select(&mut self, data: &Dataset, kind: SpanKind, topic: Topic) {
        let sort = self.view.sort;
        self.view.select(data, kind, topic);
        if sort != Sort::default() {
            self.view.sort_by(data, sort, 0);
        }
        self.cursor = Cursor::default();
    }
}

impl Registered for BriTab {
    const ANSWERS: &'static [KeyGroup] = &[KeyGroup::Table, KeyGroup::Span, KeyGroup::Topic];

    /// Trade, in the first span kind the data has.
    fn open(data: &Dataset, _opening: &mut Opening) -> Self {
        let kind = bri::kinds(data)
            .first()
            .copied()
            .unwrap_or(SpanKind::Annual);
        BriTab {
            view: BriView::new(data, kind, Topic::Trade),
            cursor: Cursor::default(),
        }
    }
}

impl TabComponent for BriTab {
    fn called(&self) -> &'static str {
        "the Belt and Road tab"
    }

    fn update(&mut self, context: &mut Context, action: Action) -> Option<String> {
        let data = context.data;
        match action {
            Action::NextSpan if self.view.kinds.len() == 1 => {
                let only = self.view.kind.label();
                return Some(format!("s: {only} figures only here"));
            }
            Action::NextSpan => {
                let kind = tab::next(&self.view.kinds, self.view.kind);
                self.select(data, kind, self.view.topic);
            }
            Action::SwitchTopic => self.select(data, self.view.kind, self.view.topic.other()),
            action => {
                let why = self.cursor.apply(action, self.view.table.len());
                self.view.keep_rows_around(data, self.cursor.row);
                return why.map(|why| tab::refused(action, &why));
            }
        }
        None
    }

    fn sort(&mut self, data: &Dataset, step: SortStep) -> Result<Option<String>, Refusal> {
        let Some(sort) = step(self.view.sort, &COLUMNS, 0) else {
            return Ok(None);
        };
        self.cursor.row = self.view.sort_by(data, sort, self.cursor.row);
        Ok(Some(sort.describe(&COLUMNS)))
    }

    /// The Belt and Road span kind and topic, sort and period, where the
    /// new data has them.
    fn keep(&mut self, data: &Dataset, old: &Self) -> Option<String> {
        let before = &old.view;
        if self.view.kinds.contains(&before.kind) {
            self.select(data, before.kind, before.topic);
        }
        let period = before.table.periods.get(old.cursor.row).copied();
        let mut row = tab::position(&self.view.table.periods, period);
        if before.sort != Sort::default() {
            row = self.view.sort_by(data, before.sort, row);
        }
        self.view.keep_rows_around(data, row);
        self.cursor.row = row;
        None
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        let mut request = tab::request(export::Table::Bri);
        request.kind = Some(self.view.kind);
        request.sort = Some(self.view.sort);
        let stem = format!("bri_{}", slug(self.view.kind));
        Ok((request, tab::sorted(stem, self.view.sort, &COLUMNS)))
    }

    fn copy_row(&self, data: &Dataset, out: &mut Vec<u8>) -> Result<String, Refusal> {
        let view = &self.view;
        let Some(&period) = view.table.periods.get(self.cursor.row) else {
            return Err("no row to copy".into());
        };
        let topic = [view.topic];
        export::bri(data, (view.kind, &topic), (Some(period), None), out)
            .map_err(|e| e.to_string())?;
        Ok(format!("Belt and Road {period}"))
    }

    /// Changes the span kind shown when the period is of another one the
    /// tab has; a period the table lacks changes nothing.
    fn jump(&mut self, data: &Dataset, period: Period) -> Result<(), Refusal> {
        let kind = period.kind();
        if self.view.kind != kind && !self.view.kinds.contains(&kind) {
            return Err(format!("no {} figures here", kind.label()));
        }
        let (before, topic, cursor) = (self.view.kind, self.view.topic, self.cursor);
        if before != kind {
            self.select(data, kind, topic);
        }
        let Some(row) = self.view.table.periods.iter().position(|&p| p == period) else {
            if before != kind {
                self.select(data, before, topic);
                self.cursor = cursor;
            }
            return Err(tab::missing(period));
        };
        self.cursor.row = row;
        self.view.keep_rows_around(data, row);
        Ok(())
    }

    fn find(&mut self, data: &Dataset, needle: &str) -> Result<String, Refusal> {
        let (row, found) = tab::find_period(&self.view.table.periods, self.cursor.row, needle)?;
        self.view.keep_rows_around(data, row);
        self.cursor.row = row;
        Ok(found)
    }

    /// The selected period's figure in dollars and yuan, and China's
    /// total its share is taken of.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal> {
        let view = &self.view;
        let Some(&period) = view.table.periods.get(self.cursor.row) else {
            return Err("the table has no rows".into());
        };
        let indicator = view.topic.indicator();
        let china = CHINA.shown(naming);
        let subjects: Vec<Subject> = [
            (BELT_AND_ROAD, Currency::Usd),
            (BELT_AND_ROAD, Currency::Cny),
            (WORLD, Currency::Usd),
            (WORLD, Currency::Cny),
        ]
        .into_iter()
        .map(|(partner, currency)| Subject {
            who: format!("{china}–{}", partner.shown(naming)),
            flow: Flow::new(indicator, CHINA, partner),
            currency,
            period,
        })
        .collect();
        let (mut request, _) = self.export()?;
        request.period = Some(period);
        let title = format!("{} {period}", view.topic.title());
        Ok(tab::derivation(data, title, &subjects, request, revisions))
    }

    fn findings(&self) -> Option<(&[Finding], Option<&Period>)> {
        let view = &self.view;
        Some((&view.findings, view.table.periods.get(self.cursor.row)))
    }
}

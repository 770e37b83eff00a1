//! The commands that reach beyond one tab's selection: `:` jumps to a
//! period, `e` writes the table shown to a file, `y` copies a row.

use super::{App, Cursor, Tab};
use crate::data::{Period, SpanKind};
use crate::export;
use crate::view::bilateral::{self, BilateralView};
use crate::view::sort::Sort;

impl App {
    /// Writes the table shown, as `--print` with the same selection would,
    /// to a new file named after the view and selection.
    pub(super) fn export(&mut self) {
        let mut request = export::Request {
            table: export::Table::Overview,
            pair: None,
            compare: None,
            reporter: None,
            period: None,
            kind: None,
            currency: None,
        };
        let slug = |kind: SpanKind| kind.label().replace(' ', "-");
        let stem = match self.tab {
            Tab::Overview => "overview".to_string(),
            Tab::Bilateral => {
                let Some(view) = &self.bilateral.view else {
                    self.say("e: no pair to write".into());
                    return;
                };
                let selection = view.selection;
                let (reporter, partner) = (selection.reporter, selection.partner);
                request.table = export::Table::Bilateral;
                request.pair = Some((reporter, partner));
                request.kind = Some(selection.kind);
                request.currency = Some(selection.currency);
                request.compare = selection.compare;
                let currency = selection.currency.code();
                let compared = selection
                    .compare
                    .map_or(String::new(), |(r, p)| format!("_vs_{r}-{p}"));
                format!(
                    "bilateral_{reporter}-{partner}{compared}_{}_{currency}",
                    slug(selection.kind)
                )
            }
            Tab::Partners if let Some(view) = &self.partners.reporter => {
                request.table = export::Table::Partners;
                request.reporter = Some(view.reporter);
                request.period = view.selected_period();
                let period = request.period.map_or(String::new(), |p| p.to_string());
                format!("partners_{}_{}", view.reporter, period.replace('/', "_"))
            }
            Tab::Partners => {
                request.table = export::Table::Eaeu;
                request.period = self.partners.periods.get(self.partners.period).copied();
                let period = request.period.map_or(String::new(), |p| p.to_string());
                format!("eaeu_{}", period.replace('/', "_"))
            }
            Tab::BeltAndRoad => {
                request.table = export::Table::Bri;
                request.kind = Some(self.bri.view.kind);
                format!("bri_{}", slug(self.bri.view.kind))
            }
        };
        let said = match export::write_new_file(&self.data, request, &self.export_dir, &stem) {
            Ok(path) => format!("e: wrote {}", path.display()),
            Err(problem) => format!("e: {problem}"),
        };
        self.say(said);
    }

    /// Copies the selected row of the table shown as CSV, under its header:
    /// as `--print` writes it, or for the EAEU card's own table (which
    /// `--print eaeu` does not write), in the same style.
    pub(super) fn copy_row(&mut self) {
        let mut text = Vec::new();
        let (written, what) = match self.tab {
            Tab::Bilateral => {
                let Some(view) = &self.bilateral.view else {
                    return self.say("y: no pair shown".into());
                };
                let Some(&period) = view.table.periods.get(self.bilateral.cursor.row) else {
                    return self.say("y: no row to copy".into());
                };
                let once = std::iter::once(period);
                let (reporter, partner) = (view.selection.reporter, view.selection.partner);
                let written = export::bilateral(&self.data, view, once, &mut text);
                (written, format!("{reporter}-{partner} {period}"))
            }
            Tab::BeltAndRoad => {
                let view = &self.bri.view;
                let Some(&period) = view.table.periods.get(self.bri.cursor.row) else {
                    return self.say("y: no row to copy".into());
                };
                let topic = [view.topic];
                let written = export::bri(&self.data, (view.kind, &topic), Some(period), &mut text);
                (written, format!("Belt and Road {period}"))
            }
            Tab::Partners if let Some(view) = &self.partners.reporter => {
                let row = self.partners.cursor.row;
                let partner = view.rows.get(row);
                let with_rest = partner.is_none() && row == view.rows.len();
                if partner.is_none() && !with_rest {
                    return self.say("y: no row to copy".into());
                }
                let written = export::partners(
                    &self.data,
                    view,
                    partner.into_iter(),
                    export::After {
                        not_ranked: false,
                        rest: with_rest,
                    },
                    &mut text,
                );
                let name = partner.map_or("other partners", |row| row.partner.name());
                (written, format!("{} with {name}", view.reporter.name()))
            }
            Tab::Overview => {
                return self.say("y: copies a row of a table; the overview has none".into());
            }
            Tab::Partners => {
                let Some(row) = self.partners.view.union_rows.get(self.partners.cursor.row) else {
                    return self.say("y: no row to copy".into());
                };
                let written = export::union_rows(std::iter::once(row), &mut text);
                (written, format!("{} {}", row.label, row.period))
            }
        };
        match written {
            Ok(()) => {
                self.clipboard = Some(String::from_utf8_lossy(&text).into_owned());
                self.say(format!("y: copied {what} as CSV (header and row)"));
            }
            Err(error) => self.say(format!("y: {error}")),
        }
    }

    /// Moves the table's selection to the period `text` names, changing the
    /// span kind shown when the period is of another one the table has; a
    /// period the table lacks changes nothing.
    pub(super) fn jump_to(&mut self, text: &str) -> Result<(), String> {
        let period = Period::parse(text.trim()).map_err(|error| error.to_string())?;
        let kind = period.kind();
        let missing = || format!("no figures for {period} in this table");
        let row_of = |periods: &[Period]| periods.iter().position(|&p| p == period);
        match self.tab {
            Tab::Overview => Err("the overview has no table".into()),
            Tab::Bilateral => {
                let Some(view) = &self.bilateral.view else {
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
                    let mut other = BilateralView::new(&self.data, selection);
                    // Sorted as the table was.
                    if view.sort != Sort::default() {
                        other.sort_by(&self.data, view.sort, 0);
                    }
                    other
                });
                let shown = other_kind.as_ref().unwrap_or(view);
                let row = row_of(&shown.table.periods).ok_or_else(missing)?;
                if let Some(view) = other_kind {
                    self.bilateral.view = Some(view);
                }
                if let Some(view) = &mut self.bilateral.view {
                    view.keep_rows_around(&self.data, row);
                }
                self.bilateral.cursor.row = row;
                Ok(())
            }
            Tab::BeltAndRoad => {
                if self.bri.view.kind != kind && !self.bri.view.kinds.contains(&kind) {
                    return Err(format!("no {} figures here", kind.label()));
                }
                let (before, topic, cursor) =
                    (self.bri.view.kind, self.bri.view.topic, self.bri.cursor);
                if before != kind {
                    self.select_bri(kind, topic);
                }
                let Some(row) = row_of(&self.bri.view.table.periods) else {
                    if before != kind {
                        self.select_bri(before, topic);
                        self.bri.cursor = cursor;
                    }
                    return Err(missing());
                };
                self.bri.cursor.row = row;
                self.bri.view.keep_rows_around(&self.data, row);
                Ok(())
            }
            Tab::Partners => {
                if let Some(view) = &mut self.partners.reporter {
                    let index = row_of(&view.periods).ok_or_else(|| {
                        format!("no trade of {} in {period}", view.reporter.name())
                    })?;
                    view.select_period(&self.data, index);
                    self.partners.cursor = Cursor::default();
                    return Ok(());
                }
                let index = row_of(&self.partners.periods);
                self.partners.period =
                    index.ok_or_else(|| format!("no partner shares for {period}"))?;
                self.partners.view.select_period(&self.data, Some(period));
                Ok(())
            }
        }
    }
}

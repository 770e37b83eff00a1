//! The commands that reach beyond one tab's selection: `:` jumps to a
//! period, `e` writes the table shown to a file, `y` copies a row. Each tab
//! answers them as a [`TabComponent`](super::tab::TabComponent).

use super::App;
use crate::data::Period;
use crate::export;

impl App {
    /// Writes the table shown, as `--print` with the same selection would,
    /// to a new file named after the view and selection.
    pub(super) fn export(&mut self) {
        let said = match self.current().0.export() {
            Ok((request, stem)) => {
                match export::write_new_file(&self.data, request, &self.export_dir, &stem) {
                    Ok(path) => format!("e: wrote {}", path.display()),
                    Err(problem) => format!("e: {problem}"),
                }
            }
            Err(why) => format!("e: {why}"),
        };
        self.say(said);
    }

    /// Copies the selected row of the table shown as CSV, under its header.
    pub(super) fn copy_row(&mut self) {
        let mut text = Vec::new();
        let (tab, data) = self.current();
        match tab.copy_row(data, &mut text) {
            Ok(what) => {
                self.clipboard = Some(String::from_utf8_lossy(&text).into_owned());
                self.say(format!("y: copied {what} as CSV (header and row)"));
            }
            Err(why) => self.say(format!("y: {why}")),
        }
    }

    /// Opens the derivation of the selected figure, or says why there is none.
    pub(super) fn explain(&mut self) {
        let (naming, revisions) = (self.naming, std::mem::take(&mut self.revisions));
        let (tab, data) = self.current();
        let explained = tab.explain(data, naming, &revisions);
        self.revisions = revisions;
        match explained {
            Ok(derivation) => {
                self.derivation = Some(derivation);
                self.overlay = Some(super::Overlay::Derivation { scroll: 0 });
            }
            Err(why) => self.say(format!("Enter: {why}")),
        }
    }

    /// `y` in the derivation: its citation line to the clipboard.
    pub(super) fn copy_citation(&mut self) {
        let citation = self.derivation.as_ref().map(|d| d.citation.clone());
        match citation.filter(|c| !c.is_empty()) {
            Some(citation) => {
                self.say(format!("y: copied the citation: {citation}"));
                self.clipboard = Some(citation);
            }
            None => self.say("y: no figure to cite".into()),
        }
    }

    /// Moves the table's selection to the period `text` names.
    pub(super) fn jump_to(&mut self, text: &str) -> Result<(), String> {
        let period = Period::parse(text.trim()).map_err(|error| error.to_string())?;
        let (tab, data) = self.current();
        tab.jump(data, period)
    }
}

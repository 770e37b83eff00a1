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
        let mut shown = Vec::new();
        if let Some(written) = self.tabs.get(self.tab).export_shown(&self.data, &mut shown) {
            let said = written.and_then(|stem| {
                export::write_new_bytes(&shown, &self.export_dir, &stem)
                    .map(|path| format!("e: wrote {}", path.display()))
            });
            return self.say(said.unwrap_or_else(|why| format!("e: {why}")));
        }
        let said = match self.current().export() {
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
        match self.tabs.get(self.tab).copy_row(&self.data, &mut text) {
            Ok(what) => {
                self.clipboard = Some(String::from_utf8_lossy(&text).into_owned());
                let said = match &self.clipboard_caveat {
                    Some(caveat) => format!("y: sent {what} as CSV, but {caveat}"),
                    None => format!("y: copied {what} as CSV (header and row)"),
                };
                self.say(said);
            }
            Err(why) => self.say(format!("y: {why}")),
        }
    }

    /// Moves the table's selection to the next row, after the selected one,
    /// whose period, partner or name has `text` in it.
    pub(super) fn find_row(&mut self, text: &str) {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return self.say("f: nothing typed to find".into());
        }
        let said = match self.tabs.get_mut(self.tab).find(&self.data, &needle) {
            Ok(found) => format!("f: {found}"),
            Err(why) => format!("f {text}: {why}"),
        };
        self.say(said);
    }

    /// Opens the derivation of the selected figure, or says why there is none.
    pub(super) fn explain(&mut self) {
        let explained =
            self.tabs
                .get_mut(self.tab)
                .explain(&self.data, self.naming, &self.revisions);
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
        self.tabs.get_mut(self.tab).jump(&self.data, period)
    }
}

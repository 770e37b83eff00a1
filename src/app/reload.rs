//! A reload (`--watch`): the data read again in place of the data shown, with
//! the selection kept wherever the new data still has it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{App, Overlay};
use crate::data::{Dataset, LoadError};
use crate::view::picker::Picker;
use crate::view::revisions;

/// How long the status line says why a reload failed: longer than a key's
/// message, as it comes unasked.
const FAILED_RELOAD_TIME: Duration = Duration::from_secs(10);

/// A reload that failed, the figures shown being older than the files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedReload {
    /// When, as HH:MM:SS in local time.
    pub at: String,
    /// Why, naming the file and line.
    pub reason: String,
}

impl App {
    /// Takes what reading the `--data` files again gave: new data, or why
    /// there is none (the data shown stays, the status line says why, and
    /// marks it stale until a reload succeeds: [`App::stale`]); and the
    /// paths no longer watched, said on the status line while they are not.
    pub fn reloaded(&mut self, loaded: Result<Dataset, LoadError>, unwatched: &[PathBuf]) {
        let unwatched = unwatched.iter().map(|path| path.display().to_string());
        self.unwatched = unwatched.collect();
        match loaded {
            Ok(data) => self.replace_data(data),
            Err(error) => {
                let said = format!("reload failed, old data shown: {error}");
                self.message = Some((said, Instant::now() + FAILED_RELOAD_TIME));
                let failed = FailedReload {
                    at: chrono::Local::now().format("%H:%M:%S").to_string(),
                    reason: error.to_string(),
                };
                self.failed_reloads.push(failed.clone());
                self.stale = Some(failed);
            }
        }
    }

    /// Shows `data` in place of the data shown, keeping the tab, the
    /// overlay, the picker and its filter, names or codes (`n`), and each tab's selection where
    /// the new data has it: the pair with its span kind and currency, the
    /// reporter on the Partners tab, the Belt and Road span kind and topic,
    /// each table's sort and selected period. The status line says when, and
    /// what could not be kept.
    pub fn replace_data(&mut self, mut data: Dataset) {
        let revised = revisions::between(&self.data, &data);
        let mut since_start = std::mem::take(&mut self.revisions);
        since_start.extend(revised.iter().cloned());
        // Marked in the new data before the views are made of it.
        data.mark_revised(since_start.iter().map(|r| (r.key, r.period)));
        let fresh = App::new(data, self.origin.clone());
        let mut old = std::mem::replace(self, fresh);
        self.revisions = since_start;
        self.failed_reloads = std::mem::take(&mut old.failed_reloads);
        self.tab = old.tab;
        self.recent = std::mem::take(&mut old.recent);
        self.jump = old.jump.take();
        self.find = old.find.take();
        self.export_dir = std::mem::take(&mut old.export_dir);
        self.clipboard_caveat = old.clipboard_caveat.take();
        self.unwatched = std::mem::take(&mut old.unwatched);
        self.show_areas_by(old.naming);
        self.overlay = old.overlay.and_then(|overlay| match overlay {
            Overlay::Warnings { scroll } => Some(Overlay::Warnings {
                scroll: scroll
                    .min((self.reload_entries() + self.data.warnings().len()).saturating_sub(1)),
            }),
            // A derivation is of the figures before: Enter gives the new one.
            Overlay::Derivation { .. } => None,
            help => Some(help),
        });
        let lost = self.tabs.keep(&self.data, &old.tabs);
        if let Some(picker) = &old.picker {
            self.picker = Some(self.reopened(picker));
        }
        let time = chrono::Local::now().format("%H:%M:%S");
        let mut said = format!("reloaded {time}");
        match revised.len() {
            0 => {}
            1 => said.push_str("; 1 figure revised (w lists it)"),
            n => said.push_str(&format!("; {n} figures revised (w lists them)")),
        }
        for what in lost {
            said.push_str("; ");
            said.push_str(&what);
        }
        self.say(said);
    }

    /// The picker open before, over the new data's pairs or reporters, with
    /// the same filter.
    fn reopened(&self, before: &Picker) -> Picker {
        let (pairs, recent) = (self.tabs.bilateral.candidates.clone(), self.recent.clone());
        let mut picker = if before.lists_reporters() {
            Picker::of_reporters(self.tabs.partners.reporters.clone(), recent)
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

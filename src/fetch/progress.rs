//! The progress line on standard error: calls done of those to do, and the
//! rows written. On a terminal it rewrites itself; otherwise (a log) it is
//! written once at the end.

use std::io::Write;

use super::Source;

pub(super) struct Progress {
    source: Source,
    calls: usize,
    done: usize,
    from_cache: usize,
    rows: usize,
    terminal: bool,
}

impl Progress {
    pub(super) fn new(source: Source, calls: usize, terminal: bool) -> Self {
        Self {
            source,
            calls,
            done: 0,
            from_cache: 0,
            rows: 0,
            terminal,
        }
    }

    pub(super) fn cached(&mut self, rows: usize) {
        self.from_cache += 1;
        self.count(rows);
    }

    pub(super) fn fetched(&mut self, rows: usize) {
        self.count(rows);
    }

    fn count(&mut self, rows: usize) {
        self.done += 1;
        self.rows += rows;
        if self.terminal {
            let _ = write!(std::io::stderr(), "\r\x1b[2K{}", self.line());
        }
    }

    fn line(&self) -> String {
        format!(
            "eurasia-dash: fetch {}: {}/{} calls ({} from the cache), {} rows",
            self.source, self.done, self.calls, self.from_cache, self.rows
        )
    }

    pub(super) fn finish(&self) {
        let end = if self.terminal { "\r\x1b[2K" } else { "" };
        let _ = writeln!(std::io::stderr(), "{end}{}", self.line());
    }
}

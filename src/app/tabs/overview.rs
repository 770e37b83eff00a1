//! The overview as a tab: cards, no table; it answers only `e`.

use super::{self as tab, Refusal, TabComponent};
use crate::export;
use crate::view::overview::OverviewView;

impl TabComponent for OverviewView {
    fn called(&self) -> &'static str {
        "the overview"
    }

    fn has_table(&self) -> bool {
        false
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        Ok((tab::request(export::Table::Overview), "overview".into()))
    }
}

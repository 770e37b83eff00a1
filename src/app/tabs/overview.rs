//! The overview as a tab: cards, no table; it answers only `e`.

use super::{self as tab, Opening, Refusal, Registered, TabComponent};
use crate::app::keys::KeyGroup;
use crate::data::Dataset;
use crate::export;
use crate::view::overview::OverviewView;

/// The overview's state is its view: the cards, made again only when areas
/// are shown by code or name.
pub type OverviewTab = OverviewView;

impl Registered for OverviewView {
    /// No table: only the keys of every tab.
    const ANSWERS: &'static [KeyGroup] = &[];

    fn open(data: &Dataset, opening: &mut Opening) -> Self {
        OverviewView::new(data, opening.first_pair, opening.naming)
    }
}

impl TabComponent for OverviewView {
    fn called(&self) -> &'static str {
        "the overview"
    }

    fn export(&self) -> Result<(export::Request, String), Refusal> {
        Ok((tab::request(export::Table::Overview), "overview".into()))
    }
}

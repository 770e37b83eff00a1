//! The overview as a tab: cards, no table; it answers only `e`.

use super::{self as tab, Opening, Refusal, Registered, TabComponent};
use crate::app::keys::KeyGroup;
use crate::data::Dataset;
use crate::data::model::Naming;
use crate::export;
use crate::view::derivation::{Derivation, Subject};
use crate::view::overview::OverviewView;
use crate::view::revisions::Revision;

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

    /// Every card's headline, each with its inputs.
    fn explain(
        &self,
        data: &Dataset,
        naming: Naming,
        revisions: &[Revision],
    ) -> Result<Derivation, Refusal> {
        let subjects: Vec<Subject> = self
            .cards
            .iter()
            .filter_map(|card| {
                let latest = card.latest.as_ref()?;
                let flow = card.flow;
                Some(Subject {
                    who: format!(
                        "{}–{}",
                        flow.reporter.shown(naming),
                        flow.partner.shown(naming)
                    ),
                    flow,
                    currency: latest.figure.currency,
                    period: latest.period,
                })
            })
            .collect();
        if subjects.is_empty() {
            return Err("no card has a figure to explain".into());
        }
        let (request, _) = self.export()?;
        let title = "the overview's headline figures".to_string();
        Ok(tab::derivation(data, title, &subjects, request, revisions))
    }
}

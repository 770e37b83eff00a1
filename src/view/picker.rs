//! The pair picker (`/`): the data's reporter–partner pairs, filtered as the
//! user types, fuzzily, on codes and every name the names table holds
//! ("kaz chi", "turkey rus"), best match first; with no filter, the pairs
//! opened recently, then every pair by its latest annual trade in dollars.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::data::model::{WORLD, all_names};
use crate::data::{Area, Currency, Dataset, Flow, Indicator, Measure, Period, SpanKind};

/// How many recently opened pairs the picker puts first.
pub const RECENT: usize = 8;

/// What the picker lists: pairs for the bilateral tab, reporters for the
/// Partners tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Pair(Area, Area),
    Reporter(Area),
}

impl Choice {
    /// The pair, if this is one.
    pub fn pair(self) -> Option<(Area, Area)> {
        match self {
            Choice::Pair(reporter, partner) => Some((reporter, partner)),
            Choice::Reporter(_) => None,
        }
    }
}

/// A pair or reporter as the picker lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub choice: Choice,
    /// The latest annual total trade in US dollars and its year (a
    /// reporter's with the world): what the list is ranked by (other
    /// currencies are never compared with it).
    pub latest: Option<(Period, f64)>,
    /// What a filter is matched against: both codes and all their names.
    haystack: String,
}

pub struct Picker {
    /// Every pair (in the order `p` steps through them) or reporter.
    candidates: Vec<Candidate>,
    pub query: String,
    /// The candidates the query matches, best first, as indices.
    pub matches: Vec<usize>,
    /// The highlighted line of `matches`.
    pub selected: usize,
    recent: Vec<(Area, Area)>,
    /// Whether it lists reporters (on the Partners tab) rather than pairs,
    /// even when there are none to list.
    reporters: bool,
    /// Whether Enter compares the pair with the one shown (`+`) rather
    /// than opening it.
    comparing: bool,
    matcher: Matcher,
}

/// The pair's latest annual total trade in US dollars, published or exports
/// plus imports.
pub fn latest_annual_trade(
    data: &Dataset,
    (reporter, partner): (Area, Area),
) -> Option<(Period, f64)> {
    let levels = [Indicator::Trade, Indicator::Exports, Indicator::Imports].map(Measure::level);
    let periods = data.periods(&levels, reporter, partner, Currency::Usd, SpanKind::Annual);
    let flow = Flow::new(Indicator::Trade, reporter, partner);
    periods.iter().rev().find_map(|&period| {
        let level = data.level(flow, Currency::Usd, period)?;
        Some((period, level.amount))
    })
}

/// The pairs ranked as the picker lists them with no filter (recent pairs
/// aside): the first of `pairs` (the one the dashboard opens on) first, then
/// by latest annual trade in dollars, largest first, then the pairs without
/// one by code.
pub fn ranked(data: &Dataset, pairs: Vec<(Area, Area)>) -> Vec<Candidate> {
    let first = pairs.first().copied();
    let mut candidates: Vec<Candidate> = pairs
        .into_iter()
        .map(|pair| Candidate {
            choice: Choice::Pair(pair.0, pair.1),
            latest: latest_annual_trade(data, pair),
            haystack: format!(
                "{} {} {} {}",
                pair.0.code(),
                pair.1.code(),
                all_names(pair.0),
                all_names(pair.1)
            ),
        })
        .collect();
    let first = first.map(|(reporter, partner)| Choice::Pair(reporter, partner));
    rank(&mut candidates, first);
    candidates
}

/// The reporters of the Partners tab as the picker lists them: by their
/// latest annual trade with the world in dollars, largest first, then the
/// reporters without one by code.
pub fn ranked_reporters(data: &Dataset, reporters: Vec<Area>) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = reporters
        .into_iter()
        .map(|reporter| Candidate {
            choice: Choice::Reporter(reporter),
            latest: latest_annual_trade(data, (reporter, WORLD)),
            haystack: format!("{} {}", reporter.code(), all_names(reporter)),
        })
        .collect();
    rank(&mut candidates, None);
    candidates
}

/// `first` first, then by latest annual trade, largest first, then by code.
fn rank(candidates: &mut [Candidate], first: Option<Choice>) {
    let amount = |c: &Candidate| c.latest.map(|(_, amount)| amount);
    let areas = |c: &Candidate| match c.choice {
        Choice::Pair(reporter, partner) => (reporter, Some(partner)),
        Choice::Reporter(reporter) => (reporter, None),
    };
    candidates.sort_by(|a, b| {
        (Some(b.choice) == first)
            .cmp(&(Some(a.choice) == first))
            .then(amount(b).is_some().cmp(&amount(a).is_some()))
            .then(
                amount(b)
                    .unwrap_or(0.0)
                    .total_cmp(&amount(a).unwrap_or(0.0)),
            )
            .then(areas(a).cmp(&areas(b)))
    });
}

impl Picker {
    /// A picker of pairs, those opened recently first.
    pub fn new(candidates: Vec<Candidate>, recent: Vec<(Area, Area)>) -> Self {
        let mut picker = Self {
            candidates,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            recent,
            reporters: false,
            comparing: false,
            matcher: Matcher::new(Config::DEFAULT),
        };
        picker.filter();
        picker
    }

    /// A picker of reporters.
    pub fn of_reporters(candidates: Vec<Candidate>) -> Self {
        Self {
            reporters: true,
            ..Self::new(candidates, Vec::new())
        }
    }

    /// A picker of pairs to compare with the one shown.
    pub fn for_comparison(candidates: Vec<Candidate>, recent: Vec<(Area, Area)>) -> Self {
        Self {
            comparing: true,
            ..Self::new(candidates, recent)
        }
    }

    /// Whether Enter compares the pair rather than opening it.
    pub fn compares(&self) -> bool {
        self.comparing
    }

    pub fn candidate(&self, index: usize) -> &Candidate {
        &self.candidates[index]
    }

    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// Whether it lists the reporters of the Partners tab rather than pairs.
    pub fn lists_reporters(&self) -> bool {
        self.reporters
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.filter();
    }

    pub fn erase(&mut self) {
        self.query.pop();
        self.filter();
    }

    /// Moves the highlight by `step` lines, within the matches.
    pub fn step(&mut self, step: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(step).min(last);
    }

    /// The highlighted pair or reporter, if any matches.
    pub fn chosen(&self) -> Option<Choice> {
        let &index = self.matches.get(self.selected)?;
        Some(self.candidates[index].choice)
    }

    fn filter(&mut self) {
        self.selected = 0;
        if self.query.trim().is_empty() {
            let recent = self.recent.iter().filter_map(|&(reporter, partner)| {
                let pair = Choice::Pair(reporter, partner);
                self.candidates.iter().position(|c| c.choice == pair)
            });
            let mut matches: Vec<usize> = recent.collect();
            let mut listed = vec![false; self.candidates.len()];
            for &index in &matches {
                listed[index] = true;
            }
            matches.extend((0..self.candidates.len()).filter(|&i| !listed[i]));
            self.matches = matches;
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut buffer = Vec::new();
        let mut scored: Vec<(u32, usize)> = self
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(index, candidate)| {
                let haystack = Utf32Str::new(&candidate.haystack, &mut buffer);
                Some((pattern.score(haystack, &mut self.matcher)?, index))
            })
            .collect();
        // Best score first; among equals, the ranking's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, index)| index).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{CHINA, RUSSIA};
    use crate::view::bilateral;

    fn area(code: &str) -> Area {
        Area::parse(code).unwrap()
    }

    fn picker(recent: Vec<(Area, Area)>) -> Picker {
        let data = Dataset::embedded();
        Picker::new(ranked(&data, bilateral::pairs(&data)), recent)
    }

    fn shown(picker: &Picker) -> Vec<String> {
        picker
            .matches
            .iter()
            .map(|&i| {
                let (reporter, partner) = picker.candidate(i).choice.pair().unwrap();
                format!("{reporter}-{partner}")
            })
            .collect()
    }

    #[test]
    fn with_no_filter_china_russia_then_the_largest_trade_first() {
        let picker = picker(Vec::new());
        let shown = shown(&picker);
        assert_eq!(shown[0], "CHN-RUS");
        let amounts: Vec<f64> = picker.matches[1..]
            .iter()
            .filter_map(|&i| picker.candidate(i).latest.map(|(_, amount)| amount))
            .collect();
        assert!(amounts.is_sorted_by(|a, b| a >= b), "{amounts:?}");
        assert_eq!(shown.len(), picker.len());
    }

    #[test]
    fn typing_filters_on_names_and_codes_fuzzily() {
        let mut picker = picker(Vec::new());
        for c in "eur chi".chars() {
            picker.type_char(c);
        }
        assert_eq!(
            shown(&picker)[0],
            "EAEU-CHN",
            "the Union's name and China's"
        );
        for _ in 0..4 {
            picker.erase();
        }
        assert_eq!(picker.query, "eur");
        let found = shown(&picker);
        assert!(
            found[..4].iter().all(|pair| pair.contains("EAEU")),
            "{found:?}"
        );
        for c in "zzzz".chars() {
            picker.type_char(c);
        }
        assert_eq!(picker.chosen(), None, "nothing matches, nothing is chosen");
    }

    #[test]
    fn an_alias_finds_its_country() {
        let mut picker = picker(Vec::new());
        for c in "russian federation".chars() {
            picker.type_char(c);
        }
        let (reporter, partner) = picker.chosen().and_then(Choice::pair).expect("a match");
        assert!(reporter == RUSSIA || partner == RUSSIA);
    }

    #[test]
    fn recent_pairs_come_first_with_no_filter() {
        let all = picker(Vec::new());
        let last = all.candidate(*all.matches.last().unwrap()).choice;
        let gone = (area("USA"), area("NZL"));
        let picker = picker(vec![last.pair().unwrap(), gone]);
        assert_eq!(picker.candidate(picker.matches[0]).choice, last);
        assert_eq!(
            picker.matches.len(),
            all.len(),
            "a recent pair not in the data is not listed"
        );
    }

    #[test]
    fn the_highlight_stays_within_the_matches() {
        let mut picker = picker(Vec::new());
        picker.step(-3);
        assert_eq!(picker.selected, 0);
        picker.step(1_000);
        assert_eq!(picker.selected, picker.matches.len() - 1);
        picker.type_char('r');
        assert_eq!(picker.selected, 0, "a new filter highlights its best match");
    }

    #[test]
    fn reporters_are_found_by_name() {
        let data = Dataset::embedded();
        let reporters = crate::view::partners::reporters(&data);
        let mut picker = Picker::of_reporters(ranked_reporters(&data, reporters));
        assert_eq!(
            picker.len(),
            2,
            "China and the Union report two partners or more"
        );
        for c in "chin".chars() {
            picker.type_char(c);
        }
        assert_eq!(picker.chosen(), Some(Choice::Reporter(CHINA)));
    }

    #[test]
    fn a_picker_of_reporters_says_so_even_with_none_to_list() {
        let picker = Picker::of_reporters(Vec::new());
        assert!(picker.lists_reporters());
        assert!(picker.is_empty());
        assert!(!Picker::new(Vec::new(), Vec::new()).lists_reporters());
    }
}

//! The pair picker (`/`): the data's reporter–partner pairs, filtered as the
//! user types, fuzzily, on codes and every name the names table holds
//! ("kaz chi", "turkey rus"), best match first; with no filter, the pairs
//! (or reporters) opened recently, then every one by its latest annual
//! trade in dollars.
//!
//! Each word typed is matched against each area once, not against each
//! pair: a pair matches a word when its reporter or its partner does, with
//! the better score. So a keystroke costs a few hundred fuzzy matches (the
//! areas) and a pass of sums over the pairs, however many there are.

use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::data::model::{WORLD, all_names};
use crate::data::{Area, Currency, Dataset, Flow, Indicator, Period, SpanKind};

/// How many recently opened pairs, and reporters, the picker puts first.
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
}

impl Candidate {
    /// The reporter, and the partner of a pair.
    fn areas(&self) -> (Area, Option<Area>) {
        match self.choice {
            Choice::Pair(reporter, partner) => (reporter, Some(partner)),
            Choice::Reporter(reporter) => (reporter, None),
        }
    }
}

pub struct Picker {
    /// Every pair (in the order `p` steps through them) or reporter.
    candidates: Vec<Candidate>,
    pub query: String,
    /// The candidates the query matches, best first, as indices.
    pub matches: Vec<usize>,
    /// The highlighted line of `matches`.
    pub selected: usize,
    /// Those opened recently, latest first (of either kind: each picker
    /// lists those of its own).
    recent: Vec<Choice>,
    /// Whether it lists reporters (on the Partners tab) rather than pairs,
    /// even when there are none to list.
    reporters: bool,
    /// What a filter is matched against, for each area the candidates name
    /// (once): its code and shown name, and all its other names.
    haystacks: Vec<Haystack>,
    /// Each candidate's reporter and partner, as indices into `haystacks`.
    sides: Vec<(usize, Option<usize>)>,
    /// Whether Enter compares the pair with the one shown (`+`) rather
    /// than opening it.
    comparing: bool,
    /// What the first match is, when the words were typed the other way
    /// round and the data has the pair one way only: "only China's report
    /// (no Uzbekistan–China figures)".
    pub note: Option<String>,
    matcher: Matcher,
}

/// The pair's latest annual total trade in US dollars, published or exports
/// plus imports.
pub fn latest_annual_trade(
    data: &Dataset,
    (reporter, partner): (Area, Area),
) -> Option<(Period, f64)> {
    let flow = Flow::new(Indicator::Trade, reporter, partner);
    data.latest_level(flow, Currency::Usd, SpanKind::Annual)
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
        })
        .collect();
    rank(&mut candidates, None);
    candidates
}

/// `first` first, then by latest annual trade, largest first, then by code.
fn rank(candidates: &mut [Candidate], first: Option<Choice>) {
    let amount = |c: &Candidate| c.latest.map(|(_, amount)| amount);
    let areas = Candidate::areas;
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

/// An area as a filter sees it.
struct Haystack {
    /// Its code and the name the dashboard shows.
    own: Utf32String,
    /// Every name the names table has for it, aliases included.
    aliases: Utf32String,
    /// What a word typed in full names it by (lower case): its code, its
    /// two-letter codes ("uk", "gb", "us") and the initials of its shown
    /// name ("uae").
    short: Vec<String>,
    /// The words of its code and shown name (lower case), which a word
    /// typed may begin.
    words: Vec<String>,
}

/// How well a word names an area, best last: a word the area's code, a
/// two-letter code or the initials of its name spell out in full ("uk" for
/// the United Kingdom) outranks one that begins a word of its code or name
/// ("ukr", "ukraine" for Ukraine), which outranks letters found anywhere in
/// its code or shown name, which outrank letters in its aliases: "chi"
/// finds China ("CHN China") before Macao ("Macao SAR, China").
const TIER: u32 = 1 << 16;
const ON_OWN_NAME: u32 = TIER;
const BEGINS_A_WORD: u32 = 2 * TIER;
const NAMES_IN_FULL: u32 = 3 * TIER;

impl Haystack {
    fn new(area: Area) -> Self {
        let name = area.name();
        let lower = |text: &str| text.to_lowercase();
        let mut short = vec![lower(area.code())];
        short.extend(crate::data::load::codes::two_letter_codes(area).map(lower));
        let name_words: Vec<&str> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        if name_words.len() > 1 {
            let initials = name_words
                .iter()
                .filter(|word| word.starts_with(char::is_uppercase))
                .filter_map(|word| word.chars().next())
                .collect::<String>();
            short.push(lower(&initials));
        }
        let words = std::iter::once(area.code())
            .chain(name_words)
            .map(lower)
            .collect();
        Self {
            own: Utf32String::from(format!("{} {}", area.code(), name)),
            aliases: Utf32String::from(all_names(area)),
            short,
            words,
        }
    }

    /// The score of a word on the area, its tier first. A negative word
    /// ("!rus") gives 0 where neither the code, the shown name nor an alias
    /// has it, and `None` where one does.
    fn score(&self, atom: &Atom, typed: &str, matcher: &mut Matcher) -> Option<u32> {
        let own = atom.score(self.own.slice(..), matcher);
        let aliases = atom.score(self.aliases.slice(..), matcher);
        if atom.negative {
            return own.and(aliases).map(|_| 0);
        }
        let tier = if self.short.iter().any(|short| short == typed) {
            NAMES_IN_FULL
        } else if self.words.iter().any(|word| word.starts_with(typed)) {
            BEGINS_A_WORD
        } else if own.is_some() {
            ON_OWN_NAME
        } else {
            0
        };
        // A word named in full may not be a fuzzy match at all ("uk" in
        // "GBR United Kingdom"): its tier alone ranks it.
        let fuzzy = own.or(aliases).map(u32::from);
        match (tier, fuzzy) {
            (0, None) => None,
            (tier, fuzzy) => Some(tier + fuzzy.unwrap_or(0)),
        }
    }
}

/// Erases the last word of `text` and the spaces after it, as Ctrl-W does
/// in a shell's line editor.
pub fn erase_word(text: &mut String) {
    let kept = text.trim_end().len();
    text.truncate(kept);
    let start = text.rfind(char::is_whitespace).map_or(0, |at| at + 1);
    text.truncate(start);
}

impl Picker {
    /// A picker of pairs, those opened recently first.
    pub fn new(candidates: Vec<Candidate>, recent: Vec<Choice>) -> Self {
        let mut codes: Vec<Area> = candidates
            .iter()
            .flat_map(|c| {
                let (reporter, partner) = c.areas();
                std::iter::once(reporter).chain(partner)
            })
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // Every candidate's areas are in `codes`: the search finds each.
        let index = |area: Area| codes.binary_search(&area).unwrap_or_default();
        let sides = candidates
            .iter()
            .map(|c| {
                let (reporter, partner) = c.areas();
                (index(reporter), partner.map(index))
            })
            .collect();
        let haystacks = codes.iter().map(|&area| Haystack::new(area)).collect();
        let mut picker = Self {
            candidates,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            recent,
            reporters: false,
            haystacks,
            sides,
            comparing: false,
            note: None,
            matcher: Matcher::new(Config::DEFAULT),
        };
        picker.filter();
        picker
    }

    /// A picker of reporters, those opened recently first.
    pub fn of_reporters(candidates: Vec<Candidate>, recent: Vec<Choice>) -> Self {
        Self {
            reporters: true,
            ..Self::new(candidates, recent)
        }
    }

    /// A picker of pairs to compare with the one shown.
    pub fn for_comparison(candidates: Vec<Candidate>, recent: Vec<Choice>) -> Self {
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

    /// Ctrl-W: the last word typed, with the spaces after it, erased.
    pub fn erase_word(&mut self) {
        erase_word(&mut self.query);
        self.filter();
    }

    /// Ctrl-U: the query cleared, listing every candidate again.
    pub fn clear(&mut self) {
        self.query.clear();
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
        self.note = None;
        if self.query.trim().is_empty() {
            let recent = (self.recent.iter())
                .filter_map(|&choice| self.candidates.iter().position(|c| c.choice == choice));
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
        let typed: Vec<String> = (pattern.atoms.iter())
            .map(|atom| atom.needle_text().to_string().to_lowercase())
            .collect();
        // Each word's score on each area, once.
        let matcher = &mut self.matcher;
        let scores: Vec<Vec<Option<u32>>> = (self.haystacks.iter())
            .map(|haystack| {
                (pattern.atoms.iter().zip(&typed))
                    .map(|(atom, typed)| haystack.score(atom, typed, matcher))
                    .collect()
            })
            .collect();
        let mut scored: Vec<(u32, (bool, bool), usize)> = (self.sides.iter().enumerate())
            .filter_map(|(index, &(reporter, partner))| {
                let mut total = 0u32;
                // Where the first and the last word typed were found.
                let mut sides_found = Vec::new();
                for (word, atom) in pattern.atoms.iter().enumerate() {
                    let on_reporter = scores[reporter][word];
                    let on_partner = partner.map(|p| scores[p][word]);
                    if atom.negative {
                        // A word excluded ("!rus"): neither side may have it.
                        on_reporter?;
                        if let Some(on_partner) = on_partner {
                            on_partner?;
                        }
                    } else {
                        let best = on_reporter.max(on_partner.flatten())?;
                        sides_found.push(on_reporter == Some(best));
                        total += best;
                    }
                }
                // "uzb chi" names Uzbekistan's report on China before
                // China's on Uzbekistan, all else equal.
                let in_order = matches!(sides_found[..], [true, .., false]);
                let reversed = matches!(sides_found[..], [false, .., true]);
                Some((total, (in_order, reversed), index))
            })
            .collect();
        // Best score first; then the words in the pair's order; among
        // equals, the ranking's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.0.cmp(&a.1.0)).then(a.2.cmp(&b.2)));
        if let Some(&(_, (_, true), index)) = scored.first()
            && let Choice::Pair(reporter, partner) = self.candidates[index].choice
            && !(self.candidates.iter()).any(|c| c.choice == Choice::Pair(partner, reporter))
        {
            self.note = Some(format!(
                "only {}'s report: no {}–{} figures",
                reporter.name(),
                partner.name(),
                reporter.name()
            ));
        }
        self.matches = scored.into_iter().map(|(_, _, index)| index).collect();
    }
}

#[cfg(test)]
mod tests;

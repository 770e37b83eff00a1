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
use crate::data::{Area, Currency, Dataset, Flow, Indicator, Measure, Period, SpanKind};

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
        let mut scored: Vec<(u32, bool, usize)> = (self.sides.iter().enumerate())
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
                Some((total, in_order, index))
            })
            .collect();
        // Best score first; then the words in the pair's order; among
        // equals, the ranking's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        self.matches = scored.into_iter().map(|(_, _, index)| index).collect();
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

    fn picker(recent: Vec<Choice>) -> Picker {
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
    fn ctrl_w_erases_a_word_and_ctrl_u_the_query() {
        let mut picker = picker(Vec::new());
        let all = shown(&picker);
        for c in "uzb chi".chars() {
            picker.type_char(c);
        }
        picker.erase_word();
        assert_eq!(picker.query, "uzb ");
        picker.type_char('x');
        picker.erase_word();
        picker.erase_word();
        assert_eq!(picker.query, "");
        for c in "rus  ".chars() {
            picker.type_char(c);
        }
        assert_ne!(shown(&picker), all);
        picker.clear();
        assert_eq!((picker.query.as_str(), shown(&picker)), ("", all));
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
        let gone = Choice::Pair(area("USA"), area("NZL"));
        let picker = picker(vec![last, gone, Choice::Reporter(CHINA)]);
        assert_eq!(picker.candidate(picker.matches[0]).choice, last);
        assert_eq!(
            picker.matches.len(),
            all.len(),
            "a recent pair not in the data, or a reporter, is not listed"
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
        let mut picker = Picker::of_reporters(ranked_reporters(&data, reporters), Vec::new());
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
        let picker = Picker::of_reporters(Vec::new(), Vec::new());
        assert!(picker.lists_reporters());
        assert!(picker.is_empty());
        assert!(!Picker::new(Vec::new(), Vec::new()).lists_reporters());
    }

    #[test]
    fn a_word_on_an_areas_own_name_outranks_one_on_an_alias() {
        // Kazakhstan trades more with Macao ("Macao SAR, China") than with
        // China here, but "chi" names China.
        let mut builder = crate::data::DatasetBuilder::new();
        let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
                   trade,KAZ,AFG,2023,1,USD_BN,s,\ntrade,KAZ,MAC,2023,90,USD_BN,s,\n\
                   trade,KAZ,CHN,2023,40,USD_BN,s,\n";
        builder.add_native("t.csv", csv.as_bytes(), false).unwrap();
        let data = builder.build();
        let mut picker = Picker::new(ranked(&data, bilateral::pairs(&data)), Vec::new());
        let listed: Vec<Choice> = (picker.matches.iter())
            .map(|&i| picker.candidate(i).choice)
            .collect();
        let pair = |partner| Choice::Pair(area("KAZ"), area(partner));
        assert_eq!(
            listed,
            [pair("MAC"), pair("CHN"), pair("AFG")],
            "the largest (the one opened on) first, then by trade"
        );
        for c in "kaz chi".chars() {
            picker.type_char(c);
        }
        assert_eq!(
            picker.chosen(),
            Some(Choice::Pair(area("KAZ"), area("CHN")))
        );
        // Macao's alias still matches, before Afghanistan's scattered letters
        // ("IslamiC Republic of AfgHanIstan").
        let second = picker.candidate(picker.matches[1]).choice;
        assert_eq!(second, Choice::Pair(area("KAZ"), area("MAC")));
        // A word excluded on either side leaves the pair out.
        let before = picker.matches.len();
        for c in " !mac".chars() {
            picker.type_char(c);
        }
        assert_eq!(picker.matches.len(), before - 1);
        assert_eq!(
            picker.chosen(),
            Some(Choice::Pair(area("KAZ"), area("CHN")))
        );
    }

    /// A picker over pairs of `reporter` with each of `partners`, the
    /// trade of each in that order (largest last, so ranking alone would
    /// put the last first).
    fn picker_of(pairs: &[(&str, &str)]) -> Picker {
        let mut csv = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
        for (i, (reporter, partner)) in pairs.iter().enumerate() {
            csv.push_str(&format!(
                "trade,{reporter},{partner},2023,{},USD_BN,s,\n",
                i + 1
            ));
        }
        let mut builder = crate::data::DatasetBuilder::new();
        builder.add_native("t.csv", csv.as_bytes(), false).unwrap();
        let data = builder.build();
        Picker::new(ranked(&data, bilateral::pairs(&data)), Vec::new())
    }

    fn first_for(picker: &mut Picker, typed: &str) -> String {
        picker.query.clear();
        for c in typed.chars() {
            picker.type_char(c);
        }
        let (reporter, partner) = picker.chosen().and_then(Choice::pair).expect("a match");
        format!("{reporter}-{partner}")
    }

    #[test]
    fn a_code_or_initials_typed_in_full_outrank_letters_found_anywhere() {
        // Ukraine, Russia and Australia trade more with China than the
        // United Kingdom and the United States do here.
        let mut picker = picker_of(&[
            ("CHN", "GBR"),
            ("CHN", "USA"),
            ("CHN", "ARE"),
            ("CHN", "UKR"),
            ("CHN", "RUS"),
            ("CHN", "AUS"),
        ]);
        assert_eq!(
            first_for(&mut picker, "uk"),
            "CHN-GBR",
            "UK is Britain's code"
        );
        assert_eq!(first_for(&mut picker, "us"), "CHN-USA", "not Russia's 'us'");
        assert_eq!(first_for(&mut picker, "uae"), "CHN-ARE", "the initials");
        assert_eq!(first_for(&mut picker, "ukr"), "CHN-UKR");
        assert_eq!(first_for(&mut picker, "rus"), "CHN-RUS");
        // A word that begins a name outranks letters inside one: "aus" is
        // Australia's code, and inside "RUS Russia" only as letters.
        assert_eq!(first_for(&mut picker, "aus"), "CHN-AUS");
    }

    #[test]
    fn words_in_the_pairs_order_win_among_equals() {
        // Both directions, with equal trade: the words' order decides.
        let mut picker = picker_of(&[("UZB", "CHN"), ("CHN", "UZB")]);
        assert_eq!(first_for(&mut picker, "uzb chi"), "UZB-CHN");
        assert_eq!(first_for(&mut picker, "chi uzb"), "CHN-UZB");
        // Only China's report: found whichever order the words are in,
        // and before Chile's, which "chin" does not begin.
        let mut picker = picker_of(&[("CHN", "UZB"), ("CHL", "UZB")]);
        assert_eq!(first_for(&mut picker, "chin uzb"), "CHN-UZB");
        assert_eq!(first_for(&mut picker, "uzb chin"), "CHN-UZB");
    }
}

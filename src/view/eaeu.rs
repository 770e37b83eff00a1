//! The Eurasian Economic Union: its partners' shares of its foreign trade, and
//! its trade with third countries and among its members.

use std::sync::OnceLock;

use super::sort::{self, Sort};
use super::{Figure, Provenance, figure};
use crate::data::model::{EAEU, WORLD};
use crate::data::{
    Area, Currency, Dataset, Flow, Growth, GrowthKind, Indicator, Measure, Observation, Period,
    SpanKind,
};

const SHARE: Measure = Measure::level(Indicator::TradeShare);

/// The columns of the Union's table, each of which it can be sorted by.
pub const UNION_COLUMNS: [&str; 4] = ["Period", "Figure", "Value", "Growth"];

/// The periods with partner shares, in order: the period selector's choices.
pub fn share_periods(data: &Dataset) -> Vec<Period> {
    data.reporter_periods(SHARE, EAEU)
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShareRow {
    pub partner: Area,
    /// The partner's share of the Union's foreign trade, in %.
    pub share: f64,
    /// The Union's trade with the partner in the same period, where given.
    pub value: Option<Figure>,
    /// Change in percentage points against the same span a year earlier.
    pub change_pp: Option<f64>,
    pub provenance: Provenance,
    /// The share's own notes, and those of its value (kept apart so that a
    /// footnote says which figure a note is about).
    pub share_notes: Vec<String>,
    pub value_notes: Vec<String>,
    /// Its footnote in [`EaeuView::notes`], if it has notes beyond the
    /// ones all shares share.
    pub note: Option<usize>,
}

/// A figure of the Union as a whole (or of investment in it) for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionRow {
    pub label: String,
    /// What the figure is of (its indicator, reporter and partner).
    pub flow: Flow,
    pub indicator: Indicator,
    pub period: Period,
    /// The currency of its figure and growth.
    currency: Currency,
    pub figure: Option<Figure>,
    pub growth: Option<Growth>,
    provenance: WhenAsked,
}

impl UnionRow {
    /// The sources and notes of its figure and growth, made the first time
    /// they are asked for (the row shown selected, copied).
    pub fn provenance(&self, data: &Dataset) -> &Provenance {
        self.provenance.0.get_or_init(|| {
            let (flow, currency, period) = (self.flow, self.currency, self.period);
            let mut provenance = Provenance::default();
            provenance.add_figure(data, self.figure.as_ref());
            provenance.add(data, data.published_growth(flow, currency, period));
            if self.growth.is_some_and(|g| g.kind == GrowthKind::Computed) {
                add_earlier_notes(data, flow, currency, period, &mut provenance);
            }
            provenance
        })
    }
}

/// A row's provenance, made when first asked for: the source of each of
/// the Union's sums names its members' figures, and making those for
/// every row of the table cost more than the rest of the dashboard's
/// opening. It is made from the row's other fields (and the data), so it
/// takes no part in comparing rows.
#[derive(Clone, Debug, Default)]
struct WhenAsked(OnceLock<Provenance>);

impl PartialEq for WhenAsked {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EaeuView {
    pub period: Option<Period>,
    /// Largest share first.
    pub shares: Vec<ShareRow>,
    /// 100% minus the listed shares, when they add up to no more than 100%.
    pub rest_of_world: Option<f64>,
    /// Whether the shares are of the Union's trade with third countries
    /// (non-members), as every share's note says.
    pub of_third_countries: bool,
    /// The notes every share of the period has, said once (but for one that
    /// only says the shares are of trade with third countries, as the title
    /// then says; a "derived" note stays).
    pub common_notes: Vec<String>,
    /// The footnotes of the shares: the partner's name and the rest of its notes.
    pub notes: Vec<(String, String)>,
    /// The Union's figures of the kind shown: latest period first (then by
    /// label), or as sorted.
    pub union_rows: Vec<UnionRow>,
    pub union_sort: Sort,
    /// The kinds of period the Union's figures come in, and the one shown
    /// (annual where there are annual figures): years and months are never
    /// mixed in the table.
    pub union_kinds: Vec<SpanKind>,
    pub union_kind: SpanKind,
    /// Every figure of the Union, of every kind.
    all_union_rows: Vec<UnionRow>,
    /// Why figures of the Union were not computed from its members' flows
    /// (the dataset's warnings about the EAEU's computed figures).
    pub not_computed: Vec<String>,
}

impl EaeuView {
    pub fn new(data: &Dataset, period: Option<Period>) -> Self {
        let mut view = Self {
            period: None,
            shares: Vec::new(),
            rest_of_world: None,
            of_third_countries: false,
            common_notes: Vec::new(),
            notes: Vec::new(),
            union_rows: Vec::new(),
            union_sort: Sort::default(),
            union_kinds: Vec::new(),
            union_kind: SpanKind::Annual,
            all_union_rows: union_rows(data),
            not_computed: data
                .warnings()
                .iter()
                .filter(|w| w.group == Some(EAEU))
                .map(|w| w.message.clone())
                .collect(),
        };
        let mut kinds: Vec<SpanKind> = view
            .all_union_rows
            .iter()
            .map(|row| row.period.kind())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        // Annual first where there are years: the kinds sort that way.
        view.union_kind = kinds.first().copied().unwrap_or(SpanKind::Annual);
        view.union_kinds = kinds;
        view.show_union_kind(view.union_kind);
        view.select_period(data, period);
        view
    }

    /// Shows the Union's figures of `kind` in the table, sorted as before,
    /// from its first row.
    pub fn show_union_kind(&mut self, kind: SpanKind) {
        self.union_kind = kind;
        self.union_rows = self
            .all_union_rows
            .iter()
            .filter(|row| row.period.kind() == kind)
            .cloned()
            .collect();
        if self.union_sort != Sort::default() {
            self.sort_union(self.union_sort, 0);
        }
    }

    /// Sorts the Union's table, keeping the selection on the figure of row
    /// `selected`; gives that figure's new row. Values in different
    /// currencies are never ranked against each other: they sort by
    /// currency first.
    pub fn sort_union(&mut self, sort: Sort, selected: usize) -> usize {
        let identity = |row: &UnionRow| (row.period, row.label.clone());
        let chosen = self.union_rows.get(selected).map(identity);
        let by_period = |a: &UnionRow, b: &UnionRow| {
            let periods = if sort.descending {
                b.period.cmp(&a.period)
            } else {
                a.period.cmp(&b.period)
            };
            periods.then_with(|| a.label.cmp(&b.label))
        };
        // Every column falls back on today's order for ties.
        let default =
            |a: &UnionRow, b: &UnionRow| b.period.cmp(&a.period).then(a.label.cmp(&b.label));
        let amount = |row: &UnionRow| row.figure.map(|f| f.amount);
        let currency = |row: &UnionRow| row.figure.map(|f| f.currency.code());
        self.union_rows.sort_by(|a, b| {
            match UNION_COLUMNS.get(sort.column) {
                Some(&"Figure") if sort.descending => b.label.cmp(&a.label),
                Some(&"Figure") => a.label.cmp(&b.label),
                Some(&"Value") => currency(a)
                    .is_none()
                    .cmp(&currency(b).is_none())
                    .then_with(|| currency(a).cmp(&currency(b)))
                    .then_with(|| sort::compare(amount(a), amount(b), sort.descending)),
                Some(&"Growth") => sort::compare(
                    a.growth.map(|g| g.percent),
                    b.growth.map(|g| g.percent),
                    sort.descending,
                ),
                _ => by_period(a, b),
            }
            .then_with(|| default(a, b))
        });
        self.union_sort = sort;
        chosen
            .and_then(|chosen| {
                self.union_rows
                    .iter()
                    .position(|row| identity(row) == chosen)
            })
            .unwrap_or(0)
    }

    /// The shares of another period; the Union's own figures stay, as they
    /// do not depend on it.
    pub fn select_period(&mut self, data: &Dataset, period: Option<Period>) {
        let mut shares: Vec<ShareRow> = period
            .map(|period| data.partners_at(SHARE, EAEU, period))
            .unwrap_or_default()
            .into_iter()
            .map(|observation| share_row(data, observation))
            .collect();
        shares.sort_by(|a, b| b.share.total_cmp(&a.share));
        let of_third_countries = !shares.is_empty()
            && shares
                .iter()
                .all(|row| row.share_notes.iter().any(|n| is_of_third_countries(n)));
        let common_notes = common_notes(&shares);
        let mut notes = Vec::new();
        for row in &mut shares {
            let mut parts: Vec<String> = row
                .share_notes
                .iter()
                .filter(|note| !common_notes.contains(note))
                .cloned()
                .collect();
            if !row.value_notes.is_empty() {
                parts.push(format!("value: {}", row.value_notes.join("; ")));
            }
            if !parts.is_empty() {
                row.note = Some(notes.len());
                notes.push((row.partner.name().to_string(), parts.join("; ")));
            }
        }
        let listed: f64 = shares.iter().map(|row| row.share).sum();
        self.period = period;
        self.rest_of_world = (!shares.is_empty() && listed <= 100.0).then_some(100.0 - listed);
        self.of_third_countries = of_third_countries;
        self.shares = shares;
        self.common_notes = common_notes
            .into_iter()
            .filter(|note| {
                !(of_third_countries && is_of_third_countries(note) && !note.starts_with("derived"))
            })
            .collect();
        self.notes = notes;
    }
}

/// Whether a note says a share is of the trade with third countries.
fn is_of_third_countries(note: &str) -> bool {
    note.contains("third countries") || note.contains("non-members")
}

/// The notes (each clause of a note, as "; " separates them) that every one
/// of two or more shares has.
fn common_notes(shares: &[ShareRow]) -> Vec<String> {
    let Some((first, rest)) = shares.split_first() else {
        return Vec::new();
    };
    if rest.is_empty() {
        return Vec::new();
    }
    first
        .share_notes
        .iter()
        .filter(|note| rest.iter().all(|row| row.share_notes.contains(note)))
        .cloned()
        .collect()
}

/// The clauses of the notes of the figures behind a provenance, each once.
fn clauses(provenance: &Provenance) -> Vec<String> {
    let mut clauses: Vec<String> = Vec::new();
    for clause in provenance.notes.iter().flat_map(|note| note.split("; ")) {
        if !clauses.iter().any(|c| c == clause) {
            clauses.push(clause.to_string());
        }
    }
    clauses
}

fn share_row(data: &Dataset, observation: &Observation) -> ShareRow {
    let period = observation.period;
    let flow = Flow::new(Indicator::Trade, EAEU, observation.partner);
    // The trade behind the share, in the first currency it is in: euros
    // only where no dollar or yuan figure is (never converted).
    let value = Currency::MONEY
        .into_iter()
        .find_map(|currency| figure(data, flow, currency, period));
    let earlier = data
        .partners_at(SHARE, EAEU, period.year_earlier())
        .into_iter()
        .find(|o| o.partner == observation.partner);
    let mut share_provenance = Provenance::default();
    share_provenance.add(data, Some(observation));
    let mut value_provenance = Provenance::default();
    value_provenance.add_figure(data, value.as_ref());
    let mut provenance = share_provenance.clone();
    provenance.add_figure(data, value.as_ref());
    ShareRow {
        partner: observation.partner,
        share: observation.value,
        value,
        change_pp: earlier.map(|e| observation.value - e.value),
        provenance,
        share_notes: clauses(&share_provenance),
        value_notes: clauses(&value_provenance),
        note: None,
    }
}

/// The Union's trade with third countries and its mutual trade, and any other
/// money figure with the Union on either side (such as China's investment in it).
fn union_rows(data: &Dataset) -> Vec<UnionRow> {
    let mut flows: Vec<(Flow, Currency, SpanKind)> = data
        .series_keys_with_years()
        .filter(|k| k.reporter == EAEU || k.partner == EAEU)
        .filter(|k| k.measure.indicator != Indicator::TradeShare)
        .map(|k| {
            let flow = Flow::new(k.measure.indicator, k.reporter, k.partner);
            (flow, k.currency, k.kind)
        })
        .collect();
    flows.sort();
    flows.dedup();
    // Latest first, then by label: the periods and flows sorted before the
    // rows are made (comparing rows, by their labels, cost more than
    // making them).
    let mut flows: Vec<(String, (Flow, Currency, SpanKind))> = flows
        .into_iter()
        .map(|flow| (union_label(flow.0), flow))
        .collect();
    flows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut order: Vec<(Period, usize)> = Vec::new();
    for (at, (_, (flow, currency, kind))) in flows.iter().enumerate() {
        let measures = [
            Measure::level(flow.indicator),
            Measure::growth(flow.indicator),
        ];
        let periods = data.periods(&measures, flow.reporter, flow.partner, *currency, *kind);
        order.extend(periods.into_iter().map(|period| (period, at)));
    }
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    order
        .into_iter()
        .map(|(period, at)| {
            let (label, (flow, currency, _)) = &flows[at];
            let (flow, currency) = (*flow, *currency);
            UnionRow {
                label: label.clone(),
                flow,
                indicator: flow.indicator,
                period,
                currency,
                figure: figure(data, flow, currency, period),
                growth: data.growth(flow, currency, period),
                provenance: WhenAsked::default(),
            }
        })
        .collect()
}

/// Growth computed against a figure with a caveat (a lower bound, a rounded
/// figure) carries that caveat: the notes of the year-earlier figure, said as such.
fn add_earlier_notes(
    data: &Dataset,
    flow: Flow,
    currency: Currency,
    period: Period,
    provenance: &mut Provenance,
) {
    let earlier = period.year_earlier();
    let mut notes = Provenance::default();
    notes.add_figure(data, figure(data, flow, currency, earlier).as_ref());
    let text = notes.note_text();
    if !text.is_empty() {
        provenance.notes.push(format!(
            "growth is against {earlier}, whose note says: {text}"
        ));
    }
}

fn union_label(flow: Flow) -> String {
    let what = flow.indicator.label();
    let towards = match flow.indicator {
        Indicator::Exports => "to",
        Indicator::Imports => "from",
        _ => "with",
    };
    match (flow.reporter, flow.partner) {
        (EAEU, WORLD) => format!("{what} {towards} third countries"),
        (EAEU, EAEU) => format!("mutual {what}"),
        (EAEU, partner) => format!("{what} {towards} {}", partner.name()),
        (reporter, _) => format!("{what} from {}", reporter.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::CHINA;

    #[test]
    fn shares_for_january_april_2020_leave_a_remainder() {
        let data = Dataset::embedded();
        let periods = share_periods(&data);
        let printed: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["2020-01/2020-04", "2020-01/2020-08", "2022"]);
        let view = EaeuView::new(&data, Some(periods[0]));
        let partners: Vec<(Area, f64)> = view.shares.iter().map(|r| (r.partner, r.share)).collect();
        assert_eq!(
            partners,
            [(CHINA, 29.3), (Area::parse("DEU").unwrap(), 8.3)]
        );
        assert!((view.rest_of_world.unwrap() - 62.4).abs() < 1e-9);
        assert!(view.shares[1].provenance.note_text().starts_with("derived"));
        assert_eq!(view.shares[0].change_pp, None);
        // No note in common, so each share's note is its footnote.
        assert!(view.common_notes.is_empty());
        assert!(!view.of_third_countries, "the notes do not say so");
        for row in &view.shares {
            let note = row.note.map(|n| view.notes[n].clone());
            let expected = row.provenance.note_text();
            let expected =
                (!expected.is_empty()).then(|| (row.partner.name().to_string(), expected));
            assert_eq!(note, expected, "{:?}", row.partner);
        }
        assert!(!view.notes.is_empty());
    }

    #[test]
    fn shares_of_2022_are_of_trade_with_third_countries_as_their_notes_say() {
        let data = Dataset::embedded();
        let view = EaeuView::new(&data, Some(Period::annual(2022)));
        let partners: Vec<(String, f64)> = view
            .shares
            .iter()
            .map(|r| (r.partner.to_string(), r.share))
            .collect();
        assert_eq!(
            partners,
            [
                ("EU".to_string(), 34.6),
                ("CHN".to_string(), 24.7),
                ("TUR".to_string(), 8.0),
                ("IND".to_string(), 4.3)
            ]
        );
        assert!((view.rest_of_world.unwrap() - 28.4).abs() < 1e-9);
        assert!(view.of_third_countries);
        // The note all four have is said by the title, not four times; the
        // rest of each note stays, and the value's notes are marked as such.
        assert!(view.common_notes.is_empty());
        let footnotes: Vec<&str> = view.notes.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            footnotes,
            [
                "the European Union as a whole",
                "the Commission's spokesperson gave 'more than 23%' (BelTA, 2023-03-01); value: rounded in the source; 2.8 times the 2015 level",
                "India among the top five partners for the first time",
            ]
        );
        assert_eq!(
            view.shares[2].note, None,
            "Türkiye's note is only the common one"
        );
        assert!(view.not_computed.is_empty());
    }

    #[test]
    fn growth_against_a_lower_bound_says_so() {
        let data = Dataset::embedded();
        let view = EaeuView::new(&data, None);
        let china_2022 = view
            .union_rows
            .iter()
            .find(|r| r.period == Period::annual(2022) && r.label == "total trade with China")
            .unwrap();
        assert_eq!(china_2022.growth.unwrap().kind, GrowthKind::Computed);
        assert!(
            china_2022.provenance(&data).note_text().ends_with(
                "growth is against 2021, whose note says: a lower bound: 'more than $166.5 bn', +32% on 2020"
            ),
            "{}",
            china_2022.provenance(&data).note_text()
        );
    }

    #[test]
    fn another_period_gives_the_view_a_fresh_one_would_have() {
        let data = Dataset::embedded();
        let periods = share_periods(&data);
        let mut view = EaeuView::new(&data, Some(periods[0]));
        view.select_period(&data, Some(periods[1]));
        assert_eq!(view, EaeuView::new(&data, Some(periods[1])));
    }

    #[test]
    fn union_figures_include_third_countries_mutual_trade_and_investment() {
        let data = Dataset::embedded();
        let mut view = EaeuView::new(&data, None);
        let labels = |view: &EaeuView| -> Vec<String> {
            view.union_rows
                .iter()
                .map(|r| format!("{} {}", r.period, r.label))
                .collect()
        };
        // Annual figures first, then those of another kind, never mixed.
        assert_eq!(view.union_kind, SpanKind::Annual);
        assert_eq!(view.union_kinds, [SpanKind::Annual, SpanKind::Cumulative]);
        let annual = labels(&view);
        view.show_union_kind(SpanKind::Cumulative);
        let cumulative = labels(&view);
        assert!(
            cumulative.contains(&"2020-01/2020-08 direct investment from China".to_string()),
            "{cumulative:?}"
        );
        assert!(
            !cumulative.iter().any(|l| l.starts_with("2015 ")),
            "{cumulative:?}"
        );
        view.show_union_kind(SpanKind::Annual);
        let labels = annual;
        assert!(
            labels.contains(&"2021 total trade with third countries".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"2015 mutual total trade".to_string()),
            "{labels:?}"
        );
        let third = view
            .union_rows
            .iter()
            .find(|r| {
                r.period == Period::annual(2021) && r.label == "total trade with third countries"
            })
            .unwrap();
        assert_eq!(third.growth.unwrap().percent, 35.1);
    }
}

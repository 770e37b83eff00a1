//! The partners of any reporter for a period: ranked by their total trade
//! with it in one currency, with each partner's share of the reporter's trade,
//! growth, balance and recent figures, and the concentration of its trade
//! (the Herfindahl–Hirschman index). Computed when the reporter or period
//! changes, never per frame.

mod rank;

use std::collections::HashMap;

use super::sort::Sort;
use super::{Figure, figure};
use crate::data::model::WORLD;
use crate::data::{Area, Currency, Dataset, Flow, Growth, Indicator, Measure, Period, SpanKind};
use rank::{concentration, rest};

/// The figures of a total: published, or exports plus imports.
const TRADE_LEVELS: [Indicator; 3] = [Indicator::Trade, Indicator::Exports, Indicator::Imports];
const SHARE: Measure = Measure::level(Indicator::TradeShare);
/// The columns the partners can be sorted by; by the first, value, largest
/// first, unless the user asks otherwise.
pub const COLUMNS: [&str; 5] = ["Value", "Share", "Growth", "Balance", "Change"];
/// Periods in each row's trend (the period and those before it, of its kind).
pub const TREND: usize = 12;

/// A partner's share of the reporter's trade, in %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub percent: f64,
    /// Computed here from the reporter's trade with the world (WLD), not published.
    pub computed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartnerRow {
    /// Its place by value among the partners listed, 1 the largest,
    /// whatever the table is sorted by.
    pub rank: usize,
    pub partner: Area,
    /// Total trade with the partner in the view's currency.
    pub value: Figure,
    pub share: Option<Share>,
    pub growth: Option<Growth>,
    /// Exports minus imports, where both are given in the currency.
    pub balance: Option<f64>,
    /// Total trade less that of a year earlier, where both are known in the
    /// currency.
    pub change: Option<f64>,
    /// Total trade in up to [`TREND`] periods of the period's kind, ending
    /// with it, oldest first; `None` where a period has no figure.
    pub trend: Vec<Option<f64>>,
}

/// What is left of the reporter's trade with the world after the listed partners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rest {
    /// World minus the listed partners (computed), and its share of the world.
    Other { value: f64, percent: f64 },
    /// The listed partners add up to more than the world total: the figures
    /// disagree, and no remainder is shown.
    Disagree { listed: f64, world: f64 },
}

/// The Herfindahl–Hirschman index of the listed partners' shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Concentration {
    /// Sum of squared shares in %: 0 to 10,000 points.
    pub points: f64,
    /// What the shares are: "published shares", "shares of WLD trade", or both.
    pub basis: &'static str,
    pub partners: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartnersView {
    pub reporter: Area,
    /// The periods with trade figures of the reporter, in order.
    pub periods: Vec<Period>,
    /// The index of the period shown in `periods`.
    pub period: usize,
    /// The currency of every figure shown (the first of USD, CNY, EUR with figures).
    pub currency: Option<Currency>,
    /// In the order of `sort`, largest value first unless the user sorted
    /// otherwise (countries only: groups overlap their members).
    pub rows: Vec<PartnerRow>,
    /// The column of [`COLUMNS`] the rows are sorted by, and the direction.
    pub sort: Sort,
    /// The reporter's trade with the world (WLD) in the currency.
    pub world: Option<Figure>,
    pub rest: Option<Rest>,
    pub concentration: Option<Concentration>,
    /// Groups with figures, not ranked as they overlap the countries listed.
    pub groups: Vec<Area>,
    /// Partners with figures for the period only in other currencies: never
    /// converted, so not ranked with the others, each with its total in the
    /// first other currency that has one (by currency, largest first).
    pub other_currency: Vec<(Area, Figure)>,
    /// Partners with exports or imports for the period in the currency but
    /// not both, and no published total: no total, so not ranked.
    pub one_way: Vec<Area>,
}

/// The areas that report trade with at least two partners (the world aside),
/// in code order.
pub fn reporters(data: &Dataset) -> Vec<Area> {
    let mut counts: Vec<(Area, usize)> = Vec::new();
    // Pairs come sorted by reporter: one pass counts each reporter's partners.
    for (reporter, partner) in data.trade_pairs() {
        if partner == WORLD || partner == reporter {
            continue;
        }
        match counts.last_mut() {
            Some((last, count)) if *last == reporter => *count += 1,
            _ => counts.push((reporter, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|&(_, count)| count >= 2)
        .map(|(reporter, _)| reporter)
        .collect()
}

/// The periods in which the reporter has trade figures with any partner.
pub fn trade_periods(data: &Dataset, reporter: Area) -> Vec<Period> {
    let mut periods: Vec<Period> = TRADE_LEVELS
        .into_iter()
        .flat_map(|indicator| data.reporter_periods(Measure::level(indicator), reporter))
        .collect();
    periods.sort_unstable();
    periods.dedup();
    periods
}

impl PartnersView {
    /// The reporter's partners in its latest year (or latest period when it
    /// has no annual figures).
    pub fn new(data: &Dataset, reporter: Area) -> Self {
        let periods = trade_periods(data, reporter);
        let period = periods
            .iter()
            .rposition(|p| p.kind() == SpanKind::Annual)
            .unwrap_or(periods.len().saturating_sub(1));
        let mut view = Self {
            reporter,
            periods,
            period,
            currency: None,
            rows: Vec::new(),
            sort: Sort::default(),
            world: None,
            rest: None,
            concentration: None,
            groups: Vec::new(),
            other_currency: Vec::new(),
            one_way: Vec::new(),
        };
        view.select_period(data, period);
        view
    }

    pub fn selected_period(&self) -> Option<Period> {
        self.periods.get(self.period).copied()
    }

    /// The "Other partners" remainder, when there is one to show as a row.
    pub fn other_partners(&self) -> Option<(f64, f64)> {
        match self.rest {
            Some(Rest::Other { value, percent }) if value > 0.0 => Some((value, percent)),
            _ => None,
        }
    }

    /// Whether the listed partners' sum and the world total have a figure
    /// whose unit is in doubt: a remainder made of either is in doubt too.
    pub fn doubt(&self) -> (bool, bool) {
        (
            self.rows.iter().any(|row| row.value.in_doubt),
            self.world.is_some_and(|world| world.in_doubt),
        )
    }

    /// The table's rows: the partners, then the remainder.
    pub fn table_len(&self) -> usize {
        self.rows.len() + usize::from(self.other_partners().is_some())
    }

    /// The index of the nearest period of the shown one's span kind before
    /// it (`forward` false) or after it: `[` and `]` keep to years, or to months.
    pub fn neighbour(&self, forward: bool) -> Option<usize> {
        let kind = self.selected_period()?.kind();
        let same_kind = |&i: &usize| self.periods[i].kind() == kind;
        if forward {
            (self.period + 1..self.periods.len()).find(same_kind)
        } else {
            (0..self.period).rev().find(same_kind)
        }
    }

    /// Shows the period at `index` of [`Self::periods`].
    pub fn select_period(&mut self, data: &Dataset, index: usize) {
        let reporter = self.reporter;
        self.period = index;
        self.rows.clear();
        self.groups.clear();
        (self.currency, self.world, self.rest, self.concentration) = (None, None, None, None);
        self.other_currency.clear();
        self.one_way.clear();
        let Some(period) = self.selected_period() else {
            return;
        };
        let kind = period.kind();
        // Partners by currency, from the reporter's series of this span kind.
        let mut by_currency: Vec<(Currency, Vec<Area>)> =
            Currency::MONEY.iter().map(|&c| (c, Vec::new())).collect();
        for indicator in TRADE_LEVELS {
            for (key, _) in data.series_of(Measure::level(indicator), reporter) {
                if key.kind != kind || key.partner == reporter {
                    continue;
                }
                if let Some((_, partners)) =
                    by_currency.iter_mut().find(|(c, _)| *c == key.currency)
                {
                    partners.push(key.partner);
                }
            }
        }
        let flow = |partner| Flow::new(Indicator::Trade, reporter, partner);
        let mut listed: Vec<(Currency, Vec<Area>)> = by_currency
            .into_iter()
            .map(|(currency, mut partners)| {
                partners.sort_unstable();
                partners.dedup();
                partners.retain(|&p| data.level(flow(p), currency, period).is_some());
                (currency, partners)
            })
            .collect();
        let Some(chosen) = listed.iter().position(|(_, partners)| !partners.is_empty()) else {
            // No partner has a total: those with exports or imports only are
            // named, in the first currency that has any.
            for (currency, _) in listed {
                let (countries, groups) = one_way(data, reporter, currency, period, &[]);
                if !countries.is_empty() || !groups.is_empty() {
                    self.currency = Some(currency);
                    (self.one_way, self.groups) = (countries, groups);
                    break;
                }
            }
            return;
        };
        let (currency, partners) = listed.remove(chosen);
        let (countries, groups) = one_way(data, reporter, currency, period, &partners);
        self.one_way = countries;
        for (other, in_other) in listed {
            for partner in in_other {
                let known = |p: &Area| {
                    partners.binary_search(p).is_ok()
                        || self.other_currency.iter().any(|(a, _)| a == p)
                };
                if partner == WORLD || partner.is_group() || known(&partner) {
                    continue;
                }
                if let Some(total) = figure(data, flow(partner), other, period) {
                    self.other_currency.push((partner, total));
                }
            }
        }
        self.other_currency.sort_by(|(_, a), (_, b)| {
            (a.currency.cmp(&b.currency)).then(b.amount.total_cmp(&a.amount))
        });
        self.currency = Some(currency);
        self.world = figure(data, flow(WORLD), currency, period);
        let published: HashMap<Area, f64> = data
            .partners_at(SHARE, reporter, period)
            .into_iter()
            .map(|o| (o.partner, o.value))
            .collect();
        let trend_periods: Vec<Period> = {
            let end = self.period + 1;
            let mut earlier: Vec<Period> = self.periods[..end]
                .iter()
                .rev()
                .filter(|p| p.kind() == kind)
                .take(TREND)
                .copied()
                .collect();
            earlier.reverse();
            earlier
        };
        let world = self.world.map(|w| w.amount);
        for partner in partners {
            if partner == WORLD {
                continue;
            }
            if partner.is_group() {
                self.groups.push(partner);
                continue;
            }
            let Some(value) = figure(data, flow(partner), currency, period) else {
                continue;
            };
            let share = match published.get(&partner) {
                Some(&percent) => Some(Share {
                    percent,
                    computed: false,
                }),
                None => world.filter(|&w| w > 0.0).map(|w| Share {
                    percent: value.amount / w * 100.0,
                    computed: true,
                }),
            };
            let level = |indicator| {
                data.level(flow(partner).with(indicator), currency, period)
                    .map(|l| l.amount)
            };
            let balance = level(Indicator::Exports)
                .zip(level(Indicator::Imports))
                .map(|(exports, imports)| exports - imports);
            let earlier = figure(data, flow(partner), currency, period.year_earlier());
            self.rows.push(PartnerRow {
                rank: 0,
                change: earlier.map(|earlier| value.amount - earlier.amount),
                partner,
                share,
                growth: data.growth(flow(partner), currency, period),
                balance,
                trend: data.amounts(flow(partner), currency, kind, &trend_periods),
                value,
            });
        }
        // Groups with one flow only are named with those with totals.
        self.groups.extend(groups);
        self.groups.sort_unstable();
        self.rest = world.map(|world| rest(world, &self.rows));
        self.rank_rows();
        self.sort_rows();
        // Shares of a world total that the partners exceed add up to more
        // than 100%: no index is made of them.
        let disagree = matches!(self.rest, Some(Rest::Disagree { .. }));
        let all_published = self
            .rows
            .iter()
            .all(|row| row.share.is_some_and(|s| !s.computed));
        self.concentration = concentration(&self.rows).filter(|_| !disagree || all_published);
    }
}

/// The partners of `reporter` with exports or imports in `period` and
/// `currency` but no total (none published, and not both flows), apart from
/// those in `listed`: the countries, and the groups.
fn one_way(
    data: &Dataset,
    reporter: Area,
    currency: Currency,
    period: Period,
    listed: &[Area],
) -> (Vec<Area>, Vec<Area>) {
    let mut found: Vec<Area> = [Indicator::Exports, Indicator::Imports]
        .into_iter()
        .flat_map(|indicator| data.partners_at(Measure::level(indicator), reporter, period))
        .filter(|o| o.currency == currency)
        .map(|o| o.partner)
        .filter(|&p| p != reporter && p != WORLD)
        .collect();
    found.sort_unstable();
    found.dedup();
    found.retain(|p| listed.binary_search(p).is_err());
    found.into_iter().partition(|p| !p.is_group())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetBuilder;

    const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

    fn dataset(rows: &str) -> Dataset {
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("test.csv", format!("{HEADER}{rows}").as_bytes(), false)
            .unwrap();
        builder.build()
    }

    fn area(code: &str) -> Area {
        Area::parse(code).unwrap()
    }

    /// Kazakhstan trades $100 bn with the world in 2023: $50 bn with China,
    /// $30 bn with Russia (exports 20, imports 10), $20 bn with Türkiye.
    const THREE_PARTNERS: &str = "trade,KAZ,WLD,2023,100,USD_BN,s,\n\
        trade,KAZ,CHN,2023,50,USD_BN,s,\n\
        exports,KAZ,RUS,2023,20,USD_BN,s,\nimports,KAZ,RUS,2023,10,USD_BN,s,\n\
        trade,KAZ,TUR,2023,20,USD_BN,s,\n\
        trade,KAZ,CHN,2022,40,USD_BN,s,\n";

    #[test]
    fn shares_of_world_trade_give_the_hhi() {
        let data = dataset(THREE_PARTNERS);
        let view = PartnersView::new(&data, area("KAZ"));
        assert_eq!(view.selected_period(), Some(Period::annual(2023)));
        assert_eq!(view.currency, Some(Currency::Usd));
        let ranked: Vec<(&str, f64)> = view
            .rows
            .iter()
            .map(|r| (r.partner.code(), r.share.unwrap().percent))
            .collect();
        assert_eq!(ranked, [("CHN", 50.0), ("RUS", 30.0), ("TUR", 20.0)]);
        assert!(view.rows.iter().all(|r| r.share.unwrap().computed));
        let hhi = view.concentration.unwrap();
        // 50² + 30² + 20² = 2,500 + 900 + 400.
        assert!((hhi.points - 3_800.0).abs() < 1e-6);
        assert_eq!((hhi.basis, hhi.partners), ("shares of WLD trade", 3));
        assert_eq!(view.rows[1].balance, Some(10e9));
        assert!(view.rows[1].value.is_derived(), "exports + imports");
        // China: 50 against 40 a year earlier.
        assert!((view.rows[0].growth.unwrap().percent - 25.0).abs() < 1e-9);
        assert_eq!(view.rows[0].trend, [Some(40e9), Some(50e9)]);
        assert_eq!(
            view.rest,
            Some(Rest::Other {
                value: 0.0,
                percent: 0.0
            })
        );
    }

    #[test]
    fn the_rest_is_world_minus_the_listed_and_published_shares_come_first() {
        let data = dataset(&format!(
            "{}trade,KAZ,WLD,2024,200,USD_BN,s,\ntrade,KAZ,CHN,2024,60,USD_BN,s,\n\
             trade,KAZ,RUS,2024,40,USD_BN,s,\ntrade_share,KAZ,CHN,2024,31,PCT,s,\n",
            THREE_PARTNERS
        ));
        let mut view = PartnersView::new(&data, area("KAZ"));
        assert_eq!(view.selected_period(), Some(Period::annual(2024)));
        let china = view.rows[0].share.unwrap();
        assert_eq!((china.percent, china.computed), (31.0, false));
        assert_eq!(view.rows[1].share.unwrap().percent, 20.0);
        let hhi = view.concentration.unwrap();
        assert!((hhi.points - (31.0 * 31.0 + 400.0)).abs() < 1e-6);
        assert_eq!(hhi.basis, "published or WLD shares");
        assert_eq!(
            view.rest,
            Some(Rest::Other {
                value: 100e9,
                percent: 50.0
            })
        );
        assert_eq!(view.neighbour(true), None, "2024 is the last");
        assert_eq!(view.neighbour(false), Some(1));
        // Another period: a fresh view's figures.
        view.select_period(&data, 0);
        assert_eq!(view.selected_period(), Some(Period::annual(2022)));
        assert_eq!(view.rows.len(), 1);
        assert_eq!(view.rows[0].share, None, "no WLD figure, no share");
        assert_eq!(view.concentration, None);
        assert_eq!(view.rest, None);
    }

    #[test]
    fn partners_above_the_world_total_are_said_to_disagree() {
        let data = dataset(
            "trade,KAZ,WLD,2023,50,USD_BN,s,\ntrade,KAZ,CHN,2023,40,USD_BN,s,\n\
             trade,KAZ,RUS,2023,30,USD_BN,s,\ntrade,KAZ,EU,2023,9,USD_BN,s,\n\
             trade,KAZ,TUR,2023,70,CNY_BN,s,\n",
        );
        let view = PartnersView::new(&data, area("KAZ"));
        assert_eq!(
            view.rest,
            Some(Rest::Disagree {
                listed: 70e9,
                world: 50e9
            })
        );
        assert_eq!(view.concentration, None, "shares of 80% and 60%: no HHI");
        assert_eq!(view.groups, [area("EU")], "a group is not ranked");
        let [(turkey, total)] = view.other_currency.as_slice() else {
            panic!("one partner in yuan: {:?}", view.other_currency);
        };
        assert_eq!((*turkey, total.amount), (area("TUR"), 70e9));
        assert_eq!(
            total.currency,
            Currency::Cny,
            "yuan are never added to dollars"
        );
        assert_eq!(reporters(&data), [area("KAZ")]);
    }

    fn partner_codes(view: &PartnersView) -> Vec<&str> {
        view.rows.iter().map(|r| r.partner.code()).collect()
    }

    #[test]
    fn a_reporter_of_exports_only_has_its_partners_named_not_ranked() {
        let data = dataset(
            "exports,WLD,CHN,2018,1680.278563,USD_BN,s,\nexports,WLD,RUS,2018,400,USD_BN,s,\n\
             exports,WLD,EU,2018,2000,USD_BN,s,\n",
        );
        let view = PartnersView::new(&data, area("WLD"));
        assert!(view.rows.is_empty(), "no totals, nothing ranked");
        assert_eq!(view.currency, Some(Currency::Usd));
        assert_eq!(view.one_way, [area("CHN"), area("RUS")]);
        assert_eq!(view.groups, [area("EU")], "a group is named too");
        assert_eq!(view.concentration, None);
    }

    #[test]
    fn partners_sort_by_any_column_with_missing_last_and_keep_the_selection() {
        // China: +25% on 2022; Russia and Türkiye: no 2022 figure, no growth.
        let mut view = PartnersView::new(&dataset(THREE_PARTNERS), area("KAZ"));
        assert_eq!(partner_codes(&view), ["CHN", "RUS", "TUR"]);
        let by_growth = Sort::default().step_column(2, COLUMNS.len());
        assert_eq!(view.sort_by(by_growth, 0), 0, "China stays selected");
        assert_eq!(partner_codes(&view), ["CHN", "RUS", "TUR"]);
        // Either way, the partners without growth come last.
        assert_eq!(view.sort_by(by_growth.reversed(), 0), 0);
        assert_eq!(partner_codes(&view), ["CHN", "RUS", "TUR"]);
        let smallest = Sort::default().reversed();
        assert_eq!(
            view.sort_by(smallest, 1),
            1,
            "Russia, 30, stays in the middle"
        );
        assert_eq!(partner_codes(&view), ["TUR", "RUS", "CHN"]);
        // Balance: Russia's only; the rest, missing, by value.
        let by_balance = Sort::default().step_column(3, COLUMNS.len());
        assert_eq!(view.sort_by(by_balance, 2), 1, "China moves to second");
        assert_eq!(partner_codes(&view), ["RUS", "CHN", "TUR"]);
        // Another period keeps the sort.
        view.select_period(&dataset(THREE_PARTNERS), 1);
        assert_eq!(view.sort, by_balance);
        assert_eq!(partner_codes(&view), ["RUS", "CHN", "TUR"]);
    }
}

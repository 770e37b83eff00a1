//! Splitting a query into calls within an API's limits: at most so many
//! periods and partners a call, and few enough records that a call can
//! never reach the API's cap (a capped answer is an error, never data).

/// An API's limits on one call.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    pub periods: usize,
    pub partners: usize,
    /// The records a call is planned to stay under: a margin below the cap,
    /// for a call may return more rows than planned (breakdowns, revisions).
    pub records: usize,
}

/// One call's share of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Chunk<'a, P> {
    pub partners: &'a [P],
    pub periods: &'a [String],
}

/// The calls covering every partner and period once, each within `limits`
/// (where one partner and one period alone exceed the records limit, that is
/// the smallest call there is: it is made, and its answer checked for the cap).
pub(super) fn chunks<'a, P>(
    partners: &'a [P],
    periods: &'a [String],
    per_pair_period: usize,
    limits: Limits,
) -> Vec<Chunk<'a, P>> {
    let per = per_pair_period.max(1);
    let partners_a_call = (limits.records / per).clamp(1, limits.partners.max(1));
    let periods_a_call = (limits.records / (per * partners_a_call)).clamp(1, limits.periods.max(1));
    partners
        .chunks(partners_a_call)
        .flat_map(|partners| {
            periods
                .chunks(periods_a_call)
                .map(move |periods| Chunk { partners, periods })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periods(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    #[test]
    fn a_small_query_is_one_call() {
        let partners = ["CHN"];
        let periods = periods(10);
        let limits = Limits {
            periods: 12,
            partners: 5,
            records: 250,
        };
        let calls = chunks(&partners, &periods, 2, limits);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].periods.len(), 10);
    }

    #[test]
    fn every_call_keeps_within_the_limits_and_together_they_cover_the_query_once() {
        let partners: Vec<String> = (0..7).map(|i| format!("P{i}")).collect();
        let periods = periods(120);
        for per in [1, 2, 30, 194, 600] {
            let limits = Limits {
                periods: 12,
                partners: 5,
                records: 250,
            };
            let calls = chunks(&partners, &periods, per, limits);
            let mut covered = Vec::new();
            for call in &calls {
                assert!(call.periods.len() <= 12 && call.partners.len() <= 5);
                assert!(
                    call.partners.len() * call.periods.len() * per <= 250
                        || (call.partners.len() == 1 && call.periods.len() == 1),
                    "{per}: {call:?}"
                );
                for partner in call.partners {
                    for period in call.periods {
                        covered.push((partner.clone(), period.clone()));
                    }
                }
            }
            let all = partners.len() * periods.len();
            assert_eq!(covered.len(), all, "each pair and period once ({per})");
            covered.sort();
            covered.dedup();
            assert_eq!(covered.len(), all);
        }
    }
}

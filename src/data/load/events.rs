//! Dated milestones (the Union's founding, the 2015 joint statement, …) that
//! views can mark, embedded from `assets/events.csv`.

use chrono::NaiveDate;
use serde::Deserialize;

const EMBEDDED_EVENTS: &str = include_str!("../../../assets/events.csv");

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Event {
    pub date: NaiveDate,
    pub event: String,
    pub source: String,
}

/// The embedded milestones, oldest first.
pub fn embedded() -> Vec<Event> {
    let mut events: Vec<Event> = csv::Reader::from_reader(EMBEDDED_EVENTS.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("the embedded events are valid (checked by tests)");
    events.sort_by_key(|e| e.date);
    events
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_events_parse_with_dates() {
        let events = super::embedded();
        assert_eq!(events.len(), 5);
        assert_eq!(events[0].date.to_string(), "2013-09-07");
        assert!(events[3].event.contains("Kyrgyzstan"));
    }
}

//! The vocabulary of the data: areas, indicators, units and currencies,
//! periods, and the observation, one published figure. Imports nothing else
//! from `data`: every other layer is written in these terms.

mod area;
mod count;
mod measure;
mod names;
mod observation;
mod period;
mod product;

pub use area::{Area, BELT_AND_ROAD, CHINA, EAEU, GROUPS, Naming, RUSSIA, WORLD};
pub use count::{Group, counted, grouped, span_of_lines, thousands};
pub use measure::{Currency, Indicator, Measure, Unit};
pub use names::{AreaName, NotCountry, all_names, area_by_name};
pub use observation::{
    Flow, Observation, Origin, Row, SeriesKey, TextId, Texts, UNIT_MULT_IN_DOUBT, escape_controls,
};
pub use period::{Period, PeriodError, Span, SpanKind, YearMonth};
pub use product::{
    Classification, ProductCode, ProductName, ProductRows, Quantities, QuantityUnits,
};

//! The data layer: the model, periods, loaders and queries. No terminal code.

pub mod dataset;
pub mod error;
pub mod events;
pub mod model;
pub mod native;
#[cfg(test)]
mod native_reference;
pub mod observation;
pub mod period;
pub mod synthetic;

pub use dataset::{
    Dataset, DatasetBuilder, Growth, GrowthKind, Level, SeriesKey, Warning, WarningKind,
};
pub use error::LoadError;
pub use model::{Area, Currency, Indicator, Measure, Unit};
pub use observation::Observation;
pub use period::{Period, Span, SpanKind};

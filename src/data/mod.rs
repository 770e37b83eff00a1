//! The data layer: the model, periods, loaders and queries. No terminal code.

pub mod aggregate;
pub mod codes;
pub mod comtrade;
pub mod dataset;
pub mod error;
pub mod events;
pub mod format;
pub mod model;
pub mod native;
#[cfg(test)]
mod native_reference;
pub mod observation;
pub mod period;
pub mod sdmx;
mod series_sort;
pub mod synthetic;
mod table;

pub use dataset::{
    Dataset, DatasetBuilder, Flow, Growth, GrowthKind, Level, SeriesKey, Warning, WarningKind,
};
pub use error::LoadError;
pub use format::Format;
pub use model::{Area, Currency, Indicator, Measure, Unit};
pub use observation::Observation;
pub use period::{Period, Span, SpanKind};

//! The data layer, no terminal code, in four layers that depend one way:
//!
//! - [`model`]: the vocabulary (areas, measures, units, periods, observations);
//! - [`load`]: bytes to observations, one module per format;
//! - [`store`]: the dataset, its figures sorted into series, and its queries;
//! - [`derive`]: figures computed from others (group aggregates, growth checks);
//! - [`build`]: files read into a dataset, sorted by the store, completed by
//!   [`derive`].
//!
//! Each imports only the layers above it.
//!
//! [`synthetic`] generates labelled synthetic data for tests and benchmarks.

pub mod build;
pub mod derive;
pub mod load;
pub mod model;
pub mod store;
pub mod synthetic;

pub use build::DatasetBuilder;
pub use load::{Format, LoadError};
pub use model::{
    Area, Currency, Flow, Indicator, Measure, Observation, Period, SeriesKey, Span, SpanKind, Unit,
};
pub use store::{Dataset, Growth, GrowthKind, Level, Warning, WarningKind};

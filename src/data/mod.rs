//! The data layer, no terminal code, in four layers that depend one way:
//!
//! - [`model`]: the vocabulary (areas, measures, units, periods, observations);
//! - [`load`]: bytes to observations, one module per format;
//! - [`store`]: the dataset, its figures sorted into series, and its queries;
//! - [`derive`]: figures computed from others (group aggregates, growth checks).
//!
//! Each imports only the layers above it, but for one documented call: building
//! a dataset (`store`) calls [`derive`] to add its derived figures.
//!
//! [`synthetic`] generates labelled synthetic data for tests and benchmarks.

pub mod derive;
pub mod load;
pub mod model;
pub mod store;
pub mod synthetic;

pub use load::{Format, LoadError};
pub use model::{
    Area, Currency, Flow, Indicator, Measure, Observation, Period, SeriesKey, Span, SpanKind, Unit,
};
pub use store::{Dataset, DatasetBuilder, Growth, GrowthKind, Level, Warning, WarningKind};

//! eurasia-dash: a terminal dashboard of Eurasian trade indicators.

pub mod data;
pub mod view;

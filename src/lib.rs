//! eurasia-dash: a terminal dashboard of Eurasian trade indicators.
//!
//! Data flows one way: file → loader ([`data`]) → dataset → view model
//! ([`view`]) → widgets ([`ui`]), with [`app`] holding the state and the key
//! table, and [`event`] running the loop that turns keys into actions;
//! [`watch`] reads the files again when they change. Modules import only
//! downwards, as `tests/layers.rs` checks.

pub mod app;
pub mod check;
pub mod data;
pub mod event;
pub mod export;
pub mod fetch;
pub mod terminal;
pub mod ui;
pub mod view;
pub mod watch;

//! What each field must mean, the rules every loader shares: the text rule,
//! decimal numbers, areas, periods, units, and the currency a growth rate is in.
//!
//! In three parts: `text` (decoding), `number` (parsing) and `rule` (what a
//! field may mean). Loaders name them all as `meaning::…`.

mod number;
mod rule;
mod text;

pub(in crate::data::load) use number::short_decimal;
pub use number::{number, parse_decimal, thousands, value};
pub use rule::*;
pub(crate) use text::header_text;
pub use text::{description, text};

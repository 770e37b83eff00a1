//! Moving between the Products tab's levels: Enter drills into a row,
//! Backspace goes up, and a product found at any level is reached through
//! its chapter and heading.

use super::ProductsTab;
use crate::app::tabs::Refusal;
use crate::data::Dataset;
use crate::data::model::{ProductCode, Texts};
use crate::view::products::{self, ProductLevel, ProductTable};

/// A row drilled into, in the title's path.
#[derive(Clone, Debug, PartialEq)]
pub struct Drill {
    /// The code as shown (`27`, a section's numeral `V`) and its name.
    pub code: String,
    pub name: String,
    /// The level it was a row of.
    pub from: ProductLevel,
    /// The codes the level below is made of (a section's chapters).
    pub under: Vec<ProductCode>,
}

/// The level below `level`, if any.
pub(super) fn below(level: ProductLevel) -> Option<ProductLevel> {
    match level {
        ProductLevel::Section => Some(ProductLevel::Chapter),
        ProductLevel::Chapter => Some(ProductLevel::Heading),
        ProductLevel::Heading => Some(ProductLevel::Hs6),
        ProductLevel::Hs6 => None,
    }
}

/// A code as a table shows it, for the store: `None` for a section's numeral.
pub(super) fn code_of(text: &str) -> Option<ProductCode> {
    let code = ProductCode::parse(text, &mut Texts::default());
    (code.digits() > 0).then_some(code)
}

impl ProductsTab {
    /// Drills into the selected row; why not, if not.
    pub(super) fn drill(&mut self, data: &Dataset) -> Result<(), Refusal> {
        let Some(row) = self.selected().cloned() else {
            return Err("Other products are not listed, so they cannot be opened".into());
        };
        let Some(level) = below(self.level) else {
            return Err(format!(
                "{} is {}, the finest level here",
                row.code,
                self.level_name().a
            ));
        };
        let under = match code_of(&row.code) {
            Some(code) => vec![code],
            None => products::section_chapters(&row.code)
                .ok_or_else(|| format!("{} is no code to drill into", row.code))?,
        };
        let flow = self.flow().ok_or("no pair shown")?;
        let period = self.period.ok_or("no period with products")?;
        // A list that holds the code only at its own level has nothing below.
        let finer = ProductTable::new(data, flow, period, level, &under);
        if finer.rows.is_empty() || finer.rows.iter().all(|r| r.code == row.code) {
            return Err(format!(
                "the data lists {} only as a whole, nothing finer",
                row.code
            ));
        }
        self.path.push(Drill {
            code: row.code,
            name: row.name,
            from: self.level,
            under,
        });
        self.level = level;
        self.compute(data);
        Ok(())
    }

    /// Goes up a level, to the row drilled from; why not, if not.
    pub(super) fn up(&mut self, data: &Dataset) -> Result<(), Refusal> {
        let back_to = match self.path.pop() {
            Some(drill) => {
                self.level = drill.from;
                Some(drill.code)
            }
            None if self.level != ProductLevel::Section => {
                self.level = ProductLevel::Section;
                None
            }
            None => {
                let scheme = products::scheme(self.classification());
                return Err(format!("at the top: the {scheme} sections"));
            }
        };
        self.compute(data);
        if let (Some(code), Some(shown)) = (back_to, &self.shown) {
            self.cursor.row = shown.rows.iter().position(|r| r.code == code).unwrap_or(0);
        }
        Ok(())
    }

    /// Selects the row with the code `code`, drilling from the chapters
    /// through its chapter and heading; whether it is listed.
    pub(super) fn reach(&mut self, data: &Dataset, code: ProductCode) -> bool {
        self.path.clear();
        self.level = ProductLevel::Chapter;
        self.compute(data);
        for digits in [2, 4, 6] {
            let Some(step) = code.prefix(digits) else {
                break;
            };
            let text = step.to_string();
            let Some(shown) = &self.shown else {
                return false;
            };
            let Some(row) = shown.rows.iter().position(|r| r.code == text) else {
                return false;
            };
            self.cursor.row = row;
            if step == code || self.drill(data).is_err() {
                return step == code;
            }
        }
        false
    }
}

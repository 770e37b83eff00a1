//! Eurostat's conventions that its SDMX-CSV tables by indicator and Comext
//! share.

use super::error::{LoadError, RowList};
use super::table::DataRow;
use crate::data::model::{Area, WORLD};

/// Eurostat's partner codes for the countries outside the EU of 27, in its
/// tables by indicator and in Comext.
const EXTRA_EU: [&str; 2] = ["EXT_EU27_2020", "EU27_2020_EXTRA"];

impl DataRow<'_> {
    /// The partner a code in the column names, for `reporter`: as
    /// [`DataRow::area`], and Eurostat's countries outside the EU, which are
    /// the world (WLD) to the EU as to any group in the native format; a
    /// member's trade with them has no native code and is not used.
    pub fn partner(
        &self,
        column: usize,
        reporter: Area,
        unused: &mut RowList,
    ) -> Result<Option<Area>, LoadError> {
        let code = self.text(Some(column))?;
        if !EXTRA_EU
            .iter()
            .any(|extra| extra.eq_ignore_ascii_case(code))
        {
            return self.area(column, unused);
        }
        if reporter.code() == "EU" {
            return Ok(Some(WORLD));
        }
        unused.push(self.error(
            column,
            format!("trade with countries outside the EU ({code}) is not the world's: it has a native code only when the EU reports it"),
        ));
        Ok(None)
    }
}

//! The native header: which field holds each column.

use super::records::Record;
use crate::data::load::error::LoadError;
use crate::data::load::meaning::header_text;

/// The native format's columns, in the order the reference file writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Indicator,
    Reporter,
    Partner,
    Period,
    Value,
    Unit,
    Source,
    Note,
    /// For a growth rate, the currency of the series it describes.
    Currency,
}

pub(crate) const COLUMNS: [(Column, &str, bool); 9] = [
    (Column::Indicator, "indicator", true),
    (Column::Reporter, "reporter", true),
    (Column::Partner, "partner", true),
    (Column::Period, "period", true),
    (Column::Value, "value", true),
    (Column::Unit, "unit", true),
    (Column::Source, "source", false),
    (Column::Note, "note", false),
    (Column::Currency, "currency", false),
];

/// The header of a native file: which record index holds each column.
pub(crate) struct Header {
    pub index: [Option<usize>; 9],
    /// How many fields the header has, and so every row must have.
    pub len: usize,
}

impl Header {
    pub(super) fn parse(path: &str, record: &Record) -> Result<Self, LoadError> {
        Self::from_fields(path, record.fields())
    }

    /// Finds the columns by name, in any order and case; the first line of
    /// the file is the header.
    pub(crate) fn from_fields<'f>(
        path: &str,
        fields: impl Iterator<Item = &'f [u8]> + Clone,
    ) -> Result<Self, LoadError> {
        let mut index = [None; 9];
        for (position, raw) in fields.clone().enumerate() {
            let name = std::str::from_utf8(raw)
                .map_err(|_| LoadError::at_line(path, 1, "the header is not valid UTF-8 text"))?;
            let name = name.trim();
            let Some(slot) = COLUMNS
                .iter()
                .position(|(_, column, _)| column.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            if index[slot].is_some() {
                return Err(LoadError::at_field(
                    path,
                    1,
                    COLUMNS[slot].1,
                    "the column appears twice in the header",
                ));
            }
            index[slot] = Some(position);
        }
        let missing: Vec<&str> = COLUMNS
            .iter()
            .zip(&index)
            .filter(|((_, _, required), found)| *required && found.is_none())
            .map(|((_, name, _), _)| *name)
            .collect();
        if let Some(first) = missing.first() {
            return Err(LoadError::at_field(
                path,
                1,
                first,
                format!(
                    "the header has no '{}' column (required: indicator, reporter, partner, period, value, unit; found: {})",
                    missing.join("', '"),
                    header_text(fields.clone())
                ),
            ));
        }
        Ok(Self {
            index,
            len: fields.count(),
        })
    }

    #[inline]
    pub(super) fn get<'r>(&self, record: &'r Record, column: Column) -> Option<&'r [u8]> {
        self.index[column as usize].and_then(|i| record.get(i))
    }
}

//! Which layout a Parquet file's columns are in, native or BACI, and the
//! column holding each field, checked for a type that is read.

use parquet::schema::types::{ColumnDescriptor, SchemaDescriptor};

use super::columns::{self, Kind};
use super::rows::Layout;
use crate::data::load::baci::Field;
use crate::data::load::error::LoadError;
use crate::data::load::native::header::{COLUMNS, Column};

/// The layouts read, for the error when the columns match neither.
const UNDERSTOOD: &str = "native (indicator,reporter,partner,period,value,unit[,source,note,currency]) \
or CEPII BACI (t,i,j,k,v[,q])";

/// The types a field may have: codes and names are text; years, and BACI's
/// numeric codes, text or integers; figures numbers or text.
fn accepted(numeric_codes: bool, figure: bool) -> &'static [Kind] {
    const FIGURE: &[Kind] = &[
        Kind::Double,
        Kind::Decimal { scale: 0 },
        Kind::Integer,
        Kind::Text,
    ];
    match (figure, numeric_codes) {
        (true, _) => FIGURE,
        (false, true) => &[Kind::Integer, Kind::Text],
        (false, false) => &[Kind::Text],
    }
}

/// The layout of a file with `schema`; `path` is how messages name it.
pub(super) fn of(path: &str, schema: &SchemaDescriptor) -> Result<Layout, LoadError> {
    // Top-level columns only: a field inside a struct or a list is not a row's.
    let top: Vec<(usize, &ColumnDescriptor)> = schema
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, column)| column.path().parts().len() == 1)
        .map(|(index, column)| (index, column.as_ref()))
        .collect();
    let find = |name: &str, any_case: bool| -> Result<Option<usize>, LoadError> {
        let mut found = top.iter().filter(|(_, column)| {
            column.name() == name || (any_case && column.name().eq_ignore_ascii_case(name))
        });
        let first = found.next().map(|(index, _)| *index);
        if found.next().is_some() {
            return Err(LoadError::file(
                path,
                format!("the column '{name}' appears twice"),
            ));
        }
        Ok(first)
    };
    let checked = |name: &str, index: usize, numeric_codes: bool, figure: bool| {
        column_kind(
            path,
            name,
            schema.column(index).as_ref(),
            accepted(numeric_codes, figure),
        )
        .map(|kind| (index, kind))
    };
    let baci: Vec<Option<usize>> = Field::ALL
        .iter()
        .map(|field| find(field.name(), false))
        .collect::<Result<_, _>>()?;
    if baci.iter().all(Option::is_some) {
        let mut columns = [(0, Kind::Text); 5];
        for ((slot, field), index) in columns
            .iter_mut()
            .zip(Field::ALL)
            .zip(baci.into_iter().flatten())
        {
            *slot = checked(field.name(), index, true, field == Field::Value)?;
        }
        return Ok(Layout::Baci(columns));
    }
    if find("indicator", true)?.is_none() {
        let found: Vec<&str> = top.iter().map(|(_, column)| column.name()).collect();
        return Err(LoadError::file(
            path,
            format!(
                "the columns match no layout read from Parquet: {UNDERSTOOD}; found: {}",
                found.join(",")
            ),
        ));
    }
    let mut columns = [None; 9];
    let mut missing = Vec::new();
    for (slot, (column, name, required)) in columns.iter_mut().zip(COLUMNS) {
        match find(name, true)? {
            Some(index) => {
                let numeric = column == Column::Period;
                *slot = Some(checked(name, index, numeric, column == Column::Value)?);
            }
            None if required => missing.push(name),
            None => {}
        }
    }
    if !missing.is_empty() {
        return Err(LoadError::file(
            path,
            format!(
                "no '{}' column (required: indicator, reporter, partner, period, value, unit)",
                missing.join("', '")
            ),
        ));
    }
    Ok(Layout::Native(columns))
}

/// How the column is read, if its type is one of `accepted`.
fn column_kind(
    path: &str,
    name: &str,
    column: &ColumnDescriptor,
    accepted: &[Kind],
) -> Result<Kind, LoadError> {
    let wrong = |found: String| {
        let expected: Vec<&str> = accepted
            .iter()
            .map(|kind| match kind {
                Kind::Text => "text (VARCHAR, string)",
                Kind::Integer => "an integer",
                Kind::Double => "DOUBLE",
                Kind::Decimal { .. } => "DECIMAL",
                Kind::Null => "nulls only",
            })
            .collect();
        LoadError::file(
            path,
            format!(
                "the column '{name}' is {found}, which is not read here (expected {})",
                expected.join(" or ")
            ),
        )
    };
    if column.max_rep_level() > 0 {
        return Err(wrong(format!("a list of {}", columns::describe(column))));
    }
    let kind = columns::kind(column).map_err(wrong)?;
    let fits = accepted.iter().any(|accepted| match (accepted, kind) {
        (Kind::Decimal { .. }, Kind::Decimal { .. }) | (_, Kind::Null) => true,
        (accepted, kind) => *accepted == kind,
    });
    // DuckDB writes a column with no value as a plain INT32: read as nulls,
    // and refused at its first value.
    let plain_int32 = column.physical_type() == parquet::basic::Type::INT32
        && column.logical_type_ref().is_none()
        && column.converted_type() == parquet::basic::ConvertedType::NONE;
    if fits {
        Ok(kind)
    } else if plain_int32 {
        Ok(Kind::Null)
    } else {
        Err(wrong(columns::describe(column)))
    }
}

/// Checks a part's columns are those of the first part.
pub(super) fn same_schema(
    first: &SchemaDescriptor,
    part: &str,
    schema: &SchemaDescriptor,
    first_part: &str,
) -> Result<(), LoadError> {
    if first.root_schema() == schema.root_schema() {
        return Ok(());
    }
    let text = |schema: &SchemaDescriptor| {
        let columns: Vec<String> = schema
            .columns()
            .iter()
            .map(|column| format!("{} {}", column.path(), columns::describe(column)))
            .collect();
        columns.join(", ")
    };
    Err(LoadError::file(
        part,
        format!(
            "its columns ({}) differ from those of {first_part} ({}): all the parts of a directory must have one schema",
            text(schema),
            text(first)
        ),
    ))
}

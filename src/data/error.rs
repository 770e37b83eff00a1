//! Load errors that say where: the file, the line and the field.

use std::fmt;

/// One problem with the input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub path: String,
    /// 1-based line of the record, when the problem is in one.
    pub line: Option<u64>,
    /// The column the problem is in, when it is in one.
    pub field: Option<String>,
    pub problem: String,
}

impl LoadError {
    pub fn file(path: &str, problem: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            line: None,
            field: None,
            problem: problem.into(),
        }
    }

    pub fn at_line(path: &str, line: u64, problem: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            ..Self::file(path, problem)
        }
    }

    pub fn at_field(path: &str, line: u64, field: &str, problem: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: Some(field.to_string()),
            ..Self::file(path, problem)
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field '{field}'")?;
        }
        write!(f, ": {}", self.problem)
    }
}

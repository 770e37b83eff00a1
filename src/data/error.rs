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

/// Messages quote the input; control characters in it are written escaped so
/// that a message stays one plain line and never drives the terminal.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, &self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            f.write_str(": field '")?;
            write_escaped(f, field)?;
            f.write_str("'")?;
        }
        f.write_str(": ")?;
        write_escaped(f, &self.problem)
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str(&escape_controls(text))
}

/// The text with control characters (newlines, escapes) written as `\n`, `\u{1b}`.
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

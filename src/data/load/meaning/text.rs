//! Text as a field holds it: checked UTF-8 for codes and numbers, and
//! descriptions decoded as people read them.

/// A field as trimmed text.
pub fn text(raw: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(raw).map(str::trim).map_err(|e| {
        format!(
            "not valid UTF-8 text (a bad byte at position {})",
            e.valid_up_to() + 1
        )
    })
}

/// Descriptive text (a country's or a commodity's name) as people read it:
/// UTF-8 when it is, else Windows-1252, the code page of the spreadsheet
/// exports and Comtrade website downloads that are not UTF-8. Never for codes
/// or numbers, which [`text`] checks as written.
pub fn description(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(text) => text.trim().to_string(),
        Err(_) => raw
            .iter()
            .map(|&byte| windows_1252(byte))
            .collect::<String>()
            .trim()
            .to_string(),
    }
}

/// One Windows-1252 byte as a character: Latin-1, but for the printable
/// characters it puts in 0x80-0x9F (the five bytes it leaves unassigned are
/// read as Latin-1's control characters, as browsers do).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The header as found, for error messages.
pub(crate) fn header_text<'f>(fields: impl Iterator<Item = &'f [u8]>) -> String {
    fields
        .map(|field| String::from_utf8_lossy(field).trim().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_not_in_utf8_are_read_as_windows_1252() {
        assert_eq!(description("Côte d'Ivoire".as_bytes()), "Côte d'Ivoire");
        assert_eq!(description(b"C\xf4te d'Ivoire "), "Côte d'Ivoire");
        assert_eq!(description(b"T\xfcrkiye \x96 \x80"), "Türkiye – €");
    }
}

//! One published figure, as loaded; what it is a figure of (its flow and
//! series); and the interned text that goes with it.

use std::collections::HashMap;

use super::area::Area;
use super::measure::{Currency, Indicator, Measure, Unit};
use super::period::{Period, SpanKind};

/// Where a figure came from: the file (an index into the dataset's file list)
/// and the 1-based line. Observations hold it packed, as a [`Row`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: u16,
    pub line: u32,
}

/// Where a figure came from, packed into four bytes: a loader sets the 1-based
/// line in its file, and the dataset adds the lines of the files loaded before,
/// so rows order figures by file, then line. [`crate::data::Dataset::origin`]
/// unpacks it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Row(pub u32);

impl Row {
    /// Figures computed by eurasia-dash from other figures (sums of months,
    /// group aggregates):
    /// they sort after every loaded row, so a published figure comes first.
    pub const COMPUTED: Row = Row(u32::MAX);

    /// The row of a 1-based line in its file (lines past four billion share
    /// the last row).
    pub fn at_line(line: u64) -> Row {
        Row(u32::try_from(line).unwrap_or(u32::MAX))
    }
}

/// An index into [`Texts`]; 0 is the empty text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId(u32);

impl TextId {
    pub const NONE: TextId = TextId(0);

    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn raw(self) -> u32 {
        self.0
    }

    pub(crate) fn from_raw(raw: u32) -> Self {
        Self(raw)
    }
}

/// The note of a figure whose unit multiplier is in doubt: its row leaves
/// UNIT_MULT (or SCALE) empty where its series' other rows give one. Views
/// mark such a figure.
pub const UNIT_MULT_IN_DOUBT: &str = "UNIT_MULT empty where the series' other rows have one: read as whole US dollars, perhaps off by a power of ten";

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

/// Sources and notes repeat on many rows, so each distinct text is stored once.
#[derive(Debug, Clone)]
pub struct Texts {
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, TextId>,
}

impl Default for Texts {
    fn default() -> Self {
        Self {
            strings: vec!["".into()],
            ids: HashMap::new(),
        }
    }
}

impl Texts {
    pub fn intern(&mut self, text: &str) -> TextId {
        let text = text.trim();
        if text.is_empty() {
            return TextId::NONE;
        }
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = TextId(u32::try_from(self.strings.len()).expect("fewer than 4 billion texts"));
        // Texts are drawn on the terminal and written by --print and `e`:
        // an escape or bell from a file's source or note, or its name, is
        // kept escaped, as messages quote input, never sent to act there.
        self.strings.push(escape_controls(text).into());
        self.ids.insert(text.into(), id);
        id
    }

    pub fn get(&self, id: TextId) -> &str {
        &self.strings[id.0 as usize]
    }

    /// How many texts, counting the empty one.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Never: the empty text is always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Interns every text of `other` in its order and returns, for each of its
    /// ids, the id here: how texts interned separately are merged so that ids
    /// come out as if everything had been interned here in that order.
    pub fn absorb(&mut self, other: &Texts) -> Vec<TextId> {
        let mut map = Vec::with_capacity(other.strings.len());
        map.push(TextId::NONE);
        map.extend(other.strings[1..].iter().map(|text| self.intern(text)));
        map
    }
}

/// One figure: a measure of a reporter's trade with (or investment in) a partner
/// over a period, in a unit.
///
/// Packed to 36 bytes (four-byte alignment), as there may be tens of millions:
/// read `value` by value (`{ o.value }` inside `format!`), never by reference.
///
/// The fields are laid out without padding, largest first.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C, packed(4))]
pub struct Observation {
    /// The value exactly as published, in `unit`.
    pub value: f64,
    pub reporter: Area,
    pub partner: Area,
    pub period: Period,
    pub source: TextId,
    pub note: TextId,
    pub row: Row,
    pub measure: Measure,
    pub unit: Unit,
    /// For a growth rate, the currency of the series it describes; otherwise
    /// the unit's currency.
    pub currency: Currency,
}

impl Observation {
    /// What the figure is of, whether a level or a growth rate.
    pub fn flow(&self) -> Flow {
        Flow::new(self.measure.indicator, self.reporter, self.partner)
    }

    /// The series the figure belongs to.
    pub fn series_key(&self) -> SeriesKey {
        SeriesKey {
            measure: self.measure,
            reporter: self.reporter,
            partner: self.partner,
            currency: self.currency,
            kind: self.period.kind(),
        }
    }

    /// The value in the currency's base unit (dollars, yuan, percent).
    pub fn amount(&self) -> f64 {
        self.value * self.unit.scale()
    }
}

/// One indicator of a reporter–partner pair: what most queries ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Flow {
    pub indicator: Indicator,
    pub reporter: Area,
    pub partner: Area,
}

impl Flow {
    pub fn new(indicator: Indicator, reporter: Area, partner: Area) -> Self {
        Self {
            indicator,
            reporter,
            partner,
        }
    }

    /// The same pair with another indicator.
    pub fn with(self, indicator: Indicator) -> Self {
        Self { indicator, ..self }
    }
}

/// One line of figures: a measure for a reporter–partner pair, in one currency
/// and one kind of span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    pub measure: Measure,
    pub reporter: Area,
    pub partner: Area,
    pub currency: Currency,
    pub kind: SpanKind,
}

impl SeriesKey {
    /// The series of a flow's level (or, with `growth`, its published growth
    /// rate) in a currency and kind of span.
    pub fn new(flow: Flow, growth: bool, currency: Currency, kind: SpanKind) -> Self {
        Self {
            measure: Measure {
                indicator: flow.indicator,
                growth,
            },
            reporter: flow.reporter,
            partner: flow.partner,
            currency,
            kind,
        }
    }
}

//! The Products tab's CSV of what it shows (`e`, and `y` for one row): the
//! rows in their order, Other products and the total, with the columns of
//! `--print products` and the level and path drilled.

use super::ProductsTab;
use super::shown::ShareOf;
use crate::export;

impl ProductsTab {
    /// Writes the rows shown, in their order, with Other products and the
    /// total, as CSV; `only` writes the selected row alone.
    pub(super) fn write_csv(&self, only: Option<usize>, out: &mut Vec<u8>) -> Option<()> {
        use std::io::Write;
        let shown = self.shown.as_ref()?;
        let flow = shown.table.flow;
        let path: Vec<&str> = self.path.iter().map(|d| d.code.as_str()).collect();
        let share_of = match shown.share_of {
            ShareOf::Total => "total",
            ShareOf::Listed => "listed products",
        };
        let money = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.2}"));
        let head = format!(
            "{},{},{},{},{},{}",
            flow.reporter,
            flow.partner,
            flow.indicator.code(),
            shown.table.period,
            self.level_name().many,
            path.join(">")
        );
        let mut lines = vec![
            "reporter,partner,flow,period,level,under,rank,code,name,value,currency,share_percent,share_of,growth_percent,change,quantity,quantity_unit,mirror,mirror_gap_percent".to_string(),
        ];
        let unit = shown.currency.code();
        for (at, row) in shown.rows.iter().enumerate() {
            if only.is_some_and(|only| only != at) {
                continue;
            }
            let (amount, amount_unit) = export::products::quantity_fields(row.quantity.as_ref());
            lines.push(format!(
                "{head},{},{},{},{},{unit},{},{share_of},{},{},{amount},{amount_unit},{},{}",
                row.rank,
                row.code,
                export::products::csv(&row.name),
                money(Some(row.value)),
                money(row.share),
                money(row.growth),
                money(row.change),
                money(row.mirror),
                money(row.mirror_gap)
            ));
        }
        let other_row = shown.rows.len();
        if let Some(other) = shown.table.other
            && only.is_none_or(|only| only == other_row)
        {
            lines.push(format!(
                "{head},,,{},{},{unit},{},total,,,,,,",
                self.other_label(),
                money(Some(other)),
                money(shown.other_share())
            ));
        }
        if only.is_none() {
            if let Some(total) = shown.table.total {
                let name = export::products::csv(&format!("Total ({})", shown.table.total_is));
                lines.push(format!(
                    "{head},,TOTAL,{name},{},{unit},100,total,,,,,,",
                    money(Some(total))
                ));
            }
            lines.extend(shown.table.notes.iter().map(|note| format!("# {note}")));
        }
        for line in lines {
            writeln!(out, "{line}").ok()?;
        }
        Some(())
    }
}

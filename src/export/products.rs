//! `--print products` and `--print partners --product`: a flow's products at
//! one level, and a reporter's partners for one product, as CSV.

use std::io::Write;

use crate::data::model::{Texts, WORLD, counted};
use crate::data::{Area, Dataset, Flow, Indicator, Period};
use crate::view::products::{self, ProductLevel, ProductPartners, ProductTable};

use super::plain;

/// What `--print products` was asked for.
#[derive(Clone, Debug)]
pub struct ProductsRequest {
    pub pair: Option<(Area, Area)>,
    pub indicator: Indicator,
    pub period: Option<Period>,
    pub level: ProductLevel,
    pub product: Option<String>,
}

/// A product code as given on the command line.
fn parse_code(code: &str) -> Result<crate::data::model::ProductCode, String> {
    let parsed = crate::data::model::ProductCode::parse(code, &mut Texts::default());
    if parsed.digits() == 0 {
        return Err(format!(
            "'{code}' is neither a product code of digits (such as 27 or 2709) nor a group (energy, agriculture, metals, machinery, vehicles)"
        ));
    }
    Ok(parsed)
}

/// A quantity's amount and unit as CSV fields, empty where unknown (the
/// Products tab's own CSV too).
pub fn quantity_fields(quantity: Option<&(f64, String)>) -> (String, String) {
    quantity.map_or((String::new(), String::new()), |(amount, unit)| {
        (plain(*amount), csv(unit))
    })
}

fn percent(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v:.2}"))
}

/// Writes a flow's products at one level.
pub fn print_products(
    data: &Dataset,
    request: ProductsRequest,
    mut out: impl Write,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write the output: {e}");
    let (reporter, partner) = request.pair.unwrap_or((WORLD, WORLD));
    if request.pair.is_none() {
        return Err("--print products needs --pair REPORTER-PARTNER (such as CHN-RUS)".into());
    }
    let flow = Flow::new(request.indicator, reporter, partner);
    let periods = products::periods(data, flow);
    let period = match request.period {
        Some(period) if periods.contains(&period) => period,
        Some(period) => {
            return Err(format!(
                "no product rows for {reporter}-{partner} {} in {period}; periods with product rows: {}",
                request.indicator.code(),
                listed(&periods)
            ));
        }
        None => *periods.first().ok_or_else(|| {
            format!(
                "no product rows for {reporter}-{partner} {} in the data",
                request.indicator.code()
            )
        })?,
    };
    let (under, definition) = match request.product.as_deref() {
        None => (Vec::new(), None),
        Some(name) => match products::group(name) {
            Some((chapters, definition)) => (chapters, Some(definition)),
            None => (vec![parse_code(name)?], None),
        },
    };
    let mut table = ProductTable::new(data, flow, period, request.level, &under);
    if let Some(definition) = definition {
        table.notes.insert(0, format!("group: {definition}"));
    }
    writeln!(
        out,
        "reporter,partner,flow,period,classification,code,name,value,currency,share_of_total_percent,growth_percent,quantity,quantity_unit,mirror,mirror_gap_percent"
    )
    .map_err(io)?;
    let classification = table.classifications.join(" + ");
    let line = |(code, name): (&str, &str),
                value: f64,
                (share, growth): (Option<f64>, Option<f64>),
                quantity: Option<&(f64, String)>,
                (mirror, gap): (Option<f64>, Option<f64>)| {
        let (amount, unit) = quantity_fields(quantity);
        format!(
            "{reporter},{partner},{},{period},{},{},{},{},{},{},{},{amount},{unit},{},{}",
            request.indicator.code(),
            csv(&classification),
            csv(code),
            csv(name),
            plain(value),
            table.unit,
            percent(share),
            percent(growth),
            mirror.map_or(String::new(), plain),
            percent(gap)
        )
    };
    for row in &table.rows {
        writeln!(
            out,
            "{}",
            line(
                (&row.code, &row.name),
                row.value,
                (row.share, row.growth),
                row.quantity.as_ref(),
                (row.mirror, row.mirror_gap)
            )
        )
        .map_err(io)?;
    }
    let share = |value: f64| table.total.filter(|t| *t > 0.0).map(|t| value / t * 100.0);
    if let Some(other) = table.other {
        writeln!(
            out,
            "{}",
            line(
                ("", "Other products"),
                other,
                (share(other), None),
                None,
                (None, None)
            )
        )
        .map_err(io)?;
    }
    if let Some(total) = table.total {
        writeln!(
            out,
            "{}",
            line(
                ("TOTAL", &format!("Total ({})", table.total_is)),
                total,
                (Some(100.0), None),
                None,
                (None, None)
            )
        )
        .map_err(io)?;
    }
    for note in &table.notes {
        writeln!(out, "# {note}").map_err(io)?;
    }
    Ok(())
}

/// Writes a reporter's partners for one product.
pub fn print_product_partners(
    data: &Dataset,
    reporter: Area,
    indicator: Indicator,
    period: Option<Period>,
    product: &str,
    mut out: impl Write,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write the output: {e}");
    let code = parse_code(product)?;
    let mut periods: Vec<Period> = data
        .products()
        .all()
        .iter()
        .filter(|rows| rows.reporter == reporter || (rows.mirrored && rows.partner == reporter))
        .map(|rows| rows.period)
        .collect();
    periods.sort_unstable_by(|a, b| b.cmp(a));
    periods.dedup();
    let period = match period {
        Some(period) => period,
        None => *periods
            .first()
            .ok_or_else(|| format!("no product rows of {reporter} in the data"))?,
    };
    let table = ProductPartners::new(data, (indicator, reporter, period), code, None);
    if table.rows.is_empty() {
        return Err(format!(
            "no {} of product {product} by {reporter} in {period} in the data",
            indicator.code()
        ));
    }
    writeln!(
        out,
        "reporter,partner,flow,period,product,value,share_percent"
    )
    .map_err(io)?;
    for row in &table.rows {
        writeln!(
            out,
            "{reporter},{},{},{period},{product},{},{:.2}",
            row.partner,
            indicator.code(),
            plain(row.value),
            row.share
        )
        .map_err(io)?;
    }
    writeln!(
        out,
        "# shares of the {} partners listed; HHI {:.0}",
        table.rows.len(),
        table.hhi
    )
    .map_err(io)?;
    if table.repeated > 0 {
        writeln!(
            out,
            "# {} not added: each repeats a partner's list read (another file's, or another revision's of the year)",
            counted(table.repeated as u64, "list")
        )
        .map_err(io)?;
    }
    Ok(())
}

fn listed(periods: &[Period]) -> String {
    let text: Vec<String> = periods.iter().map(Period::to_string).collect();
    if text.is_empty() {
        "none".to_string()
    } else {
        text.join(", ")
    }
}

/// A CSV field, quoted when it holds a comma or quote (the Products tab's
/// own CSV too).
pub fn csv(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

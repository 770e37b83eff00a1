//! Amounts written for people, short: "$244.8 bn", "¥1.74 tn", "29.3%";
//! here, below the drawing, as the derivation's citation line says them too.

use crate::data::Currency;

/// The sign written before an amount: `$`, `¥`, `€`, or nothing for percent.
pub fn symbol(currency: Currency) -> &'static str {
    match currency {
        Currency::Usd => "$",
        Currency::Cny => "¥",
        Currency::Eur => "€",
        Currency::Percent => "",
    }
}

/// An amount in a currency's base unit, with its magnitude written out.
pub fn money(amount: f64, currency: Currency) -> String {
    if currency == Currency::Percent {
        return percent(amount);
    }
    let symbol = symbol(currency);
    // Nothing is written without cents: "$0", as an axis starts.
    if amount == 0.0 {
        return format!("{symbol}0");
    }
    let sign = if amount < 0.0 { "−" } else { "" };
    let magnitude = amount.abs();
    let (scaled, suffix) = [(1e12, " tn"), (1e9, " bn"), (1e6, " mn"), (1e3, " k")]
        .into_iter()
        .find(|(scale, _)| magnitude >= *scale)
        .map_or((magnitude, ""), |(scale, suffix)| {
            (magnitude / scale, suffix)
        });
    // Plain units are written to the cent.
    let digits = if scaled < 10.0 || suffix.is_empty() {
        2
    } else if scaled < 1000.0 {
        1
    } else {
        0
    };
    format!("{sign}{symbol}{scaled:.digits$}{suffix}")
}

/// A percentage to one decimal: "29.3%".
pub fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

/// An amount with every digit and its currency: "US$ 244,810,000,000",
/// "¥1,740,000,000,000", "24.7%".
pub fn full(amount: f64, currency: Currency) -> String {
    if currency == Currency::Percent {
        return format!("{amount}%");
    }
    let sign = if amount < 0.0 { "−" } else { "" };
    // To the cent: a scaled unit's binary noise (244.81 × 10⁹ is
    // 244,809,999,999.99997) is not a digit of the figure.
    let text = format!("{:.2}", amount.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (at, digit) in whole.chars().enumerate() {
        if at > 0 && (whole.len() - at) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let point = match fraction {
        "00" => String::new(),
        cents => format!(".{cents}"),
    };
    format!(
        "{sign}{}{grouped}{point} {}",
        symbol(currency),
        currency.code()
    )
}

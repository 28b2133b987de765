//! Number and date formatting for chart labels, descriptions and data tables (SPEC §4.2): money
//! with thousands separators in the portfolio currency, compact money for axis ticks (`$1.2M`),
//! ratios to two decimals, percentages, dates `YYYY-MM-DD`.

use chrono::NaiveDate;

/// Shown in a table cell or sentence when a figure is undefined (`null`).
pub const NONE: &str = "—";

/// The symbol written before amounts of `currency`, or the code and a space for the rest.
fn prefix(currency: &str) -> String {
    match currency.trim().to_ascii_uppercase().as_str() {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        "" => String::new(),
        other => format!("{other} "),
    }
}

/// Groups the digits of a non-negative integer string by thousands.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `$1,234,567` (whole currency units; `-$1,234` for negatives; `—` for non-finite values).
pub fn money(value: f64, currency: &str) -> String {
    if !value.is_finite() {
        return NONE.into();
    }
    let rounded = value.round();
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!(
        "{sign}{}{}",
        prefix(currency),
        group(&format!("{:.0}", rounded.abs()))
    )
}

/// Optional money: `—` for `None`.
pub fn money_opt(value: Option<f64>, currency: &str) -> String {
    value.map_or_else(|| NONE.into(), |v| money(v, currency))
}

/// Compact money for ticks and sentences: `$950`, `$12.5k`, `$1.2M`, `$3.4B`.
pub fn money_compact(value: f64, currency: &str) -> String {
    if !value.is_finite() {
        return NONE.into();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let a = value.abs();
    let body = if a >= 1e9 {
        trim_zero(format!("{:.1}", a / 1e9)) + "B"
    } else if a >= 1e6 {
        trim_zero(format!("{:.1}", a / 1e6)) + "M"
    } else if a >= 1e3 {
        trim_zero(format!("{:.1}", a / 1e3)) + "k"
    } else {
        format!("{a:.0}")
    };
    format!("{sign}{}{body}", prefix(currency))
}

fn trim_zero(s: String) -> String {
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// A ratio to two decimals (`0.95`), `—` when undefined.
pub fn ratio(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => NONE.into(),
    }
}

/// A fraction (`0.75`) as a whole percentage (`75%`), `—` when undefined.
pub fn percent_of_ratio(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{:.0}%", v * 100.0),
        _ => NONE.into(),
    }
}

/// A percentage value (`75.4`) as `75%`.
pub fn percent(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.0}%")
    } else {
        NONE.into()
    }
}

/// `YYYY-MM-DD`.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Optional date: `—` for `None`.
pub fn date_opt(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| NONE.into(), date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(1_234_567.4, "USD"), "$1,234,567");
        assert_eq!(money(-1234.0, "EUR"), "-€1,234");
        assert_eq!(money(999.0, "CHF"), "CHF 999");
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(f64::NAN, "USD"), NONE);
        assert_eq!(money_compact(1_234_567.0, "USD"), "$1.2M");
        assert_eq!(money_compact(12_500.0, "USD"), "$12.5k");
        assert_eq!(money_compact(2_000_000.0, "USD"), "$2M");
        assert_eq!(money_compact(950.0, "GBP"), "£950");
    }

    #[test]
    fn ratios_and_dates() {
        assert_eq!(ratio(Some(0.956)), "0.96");
        assert_eq!(ratio(None), NONE);
        assert_eq!(percent_of_ratio(Some(0.75)), "75%");
        assert_eq!(percent(33.4), "33%");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()), "2026-01-05");
    }
}

//! Display formatting for pages (SPEC §4.2): money with thousands separators and the currency,
//! compact money for tiles (`$1.2M`), ratios to two decimals, percentages, dates. Templates
//! never format numbers themselves; view models call these.

use chrono::NaiveDate;

/// Placeholder for a figure that does not exist (no update, undefined ratio).
pub const NONE: &str = "—";

/// Symbol for well-known currencies; `None` means "write the ISO code after the amount".
fn symbol(currency: &str) -> Option<&'static str> {
    match currency.to_ascii_uppercase().as_str() {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        "CAD" => Some("CA$"),
        "AUD" => Some("A$"),
        _ => None,
    }
}

fn with_currency(number: &str, negative: bool, currency: &str) -> String {
    let sign = if negative { "−" } else { "" };
    match symbol(currency) {
        Some(s) => format!("{sign}{s}{number}"),
        None => format!("{sign}{number} {currency}"),
    }
}

/// Groups the integer digits of a non-negative decimal string by thousands.
fn group(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 1);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A plain number with thousands separators and `decimals` decimals (`1,234.5`).
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let negative = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    format!("{}{}", if negative { "−" } else { "" }, group(&s))
}

/// Money in full, whole units: `$1,234,567` (or `1,234,567 CHF`).
pub fn money(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    let s = format!("{:.0}", v.abs());
    with_currency(&group(&s), v < 0.0 && s != "0", currency)
}

/// Optional money.
pub fn money_opt(v: Option<f64>, currency: &str) -> String {
    v.map_or_else(|| NONE.to_string(), |v| money(v, currency))
}

/// Money in compact form for tiles: `$1.2M`, `$950K`, `$2.4B`, `$780`.
pub fn money_compact(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    let a = v.abs();
    let (scaled, unit) = if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "K")
    } else {
        (a, "")
    };
    let mut s = if unit.is_empty() || scaled >= 100.0 {
        format!("{scaled:.0}")
    } else {
        format!("{scaled:.1}")
    };
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    // Rounding can carry into the next unit (999.96K → "1000K"); say 1M instead.
    if s == "1000" && unit == "K" {
        s = "1".to_string();
        return with_currency(&format!("{s}M"), v < 0.0, currency);
    }
    with_currency(&format!("{s}{unit}"), v < 0.0 && a >= 0.05, currency)
}

/// A ratio (CPI, SPI, TCPI) to two decimals.
pub fn ratio(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => NONE.to_string(),
    }
}

/// A fraction (0.43) as a whole percentage (`43%`).
pub fn pct_of_fraction(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{}%", number(v * 100.0, 0)),
        _ => NONE.to_string(),
    }
}

/// A percentage value (43.5) as a whole percentage (`44%`).
pub fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{}%", number(v, 0)),
        _ => NONE.to_string(),
    }
}

/// A date as `YYYY-MM-DD`.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Optional date.
pub fn date_opt(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| NONE.to_string(), date)
}

/// Signed day count (`+12 d`, `−3 d`, `0 d`).
pub fn days_signed(d: i64) -> String {
    match d.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{d} d"),
        std::cmp::Ordering::Less => format!("−{} d", -d),
        std::cmp::Ordering::Equal => "0 d".to_string(),
    }
}

/// A machine sort key for a number (for the table sorter): plain, dot decimal, empty for none.
pub fn sort_key(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(1234567.4, "USD"), "$1,234,567");
        assert_eq!(money(-950.0, "EUR"), "−€950");
        assert_eq!(money(12.0, "CHF"), "12 CHF");
        assert_eq!(money(0.2, "USD"), "$0");
        assert_eq!(money_compact(1_234_567.0, "USD"), "$1.2M");
        assert_eq!(money_compact(2_400_000.0, "USD"), "$2.4M");
        assert_eq!(money_compact(950_000.0, "USD"), "$950K");
        assert_eq!(money_compact(999_960.0, "USD"), "$1M");
        assert_eq!(money_compact(3_000_000_000.0, "USD"), "$3B");
        assert_eq!(money_compact(780.0, "USD"), "$780");
        assert_eq!(money_compact(-1_500_000.0, "GBP"), "−£1.5M");
    }

    #[test]
    fn ratios_and_percentages() {
        assert_eq!(ratio(Some(0.876)), "0.88");
        assert_eq!(ratio(None), NONE);
        assert_eq!(pct_of_fraction(Some(0.434)), "43%");
        assert_eq!(pct_of_fraction(Some(12.5)), "1,250%");
        assert_eq!(pct(Some(99.6)), "100%");
        assert_eq!(number(-0.001, 2), "0.00");
        assert_eq!(days_signed(-3), "−3 d");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()), "2026-01-02");
    }
}

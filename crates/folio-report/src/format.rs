//! How every figure reads, wherever it appears: page tiles and tables, chart labels and their
//! text descriptions, terminal messages. One module, so the same value never reads `$726K` in a
//! tile and `$725.5k` in the chart beside it.
//!
//! Rules (see docs/metrics.md for what the figures mean):
//! - negatives carry a true minus sign `−` (U+2212), never a sign on a value that rounds to zero;
//! - money is in whole units with thousands separators (`$1,234,567`); compact money for tiles
//!   and axis ticks uses `K`, `M`, `B` with one decimal below 100 (`$1.2M`, `$950K`);
//! - well-known currencies have a symbol before the amount (`$`, `€`, `£`, `¥`, `₹`, `CA$`,
//!   `A$`); any other ISO code goes before the amount, joined by a no-break space (`CHF 999`);
//! - a figure that does not exist (no update, undefined ratio, non-finite value) is `—`;
//! - counts agree with their nouns: `1 project`, `12 projects`.

use chrono::NaiveDate;

/// Placeholder for a figure that does not exist (no update, undefined ratio).
pub const NONE: &str = "—";

/// The minus sign of every negative figure.
const MINUS: &str = "−";

/// What goes before an amount of `currency`: a symbol, or the ISO code and a no-break space.
fn currency_prefix(currency: &str) -> String {
    let code = currency.trim().to_ascii_uppercase();
    match code.as_str() {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        "CAD" => "CA$".into(),
        "AUD" => "A$".into(),
        "" => String::new(),
        _ => format!("{code}\u{a0}"),
    }
}

/// `body` (digits of the absolute value) with the sign and the currency. The sign is shown only
/// when the digits are not all zero, so `-0.2` reads `$0`.
fn signed(negative: bool, body: &str, currency: Option<&str>) -> String {
    let nonzero = body.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative && nonzero { MINUS } else { "" };
    format!(
        "{sign}{}{body}",
        currency.map(currency_prefix).unwrap_or_default()
    )
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

/// A plain number with thousands separators and `decimals` decimals (`1,234.5`, `−3`).
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    signed(v < 0.0, &group(&format!("{:.*}", decimals, v.abs())), None)
}

/// Money in full, whole units: `$1,234,567`, `−€950`, `CHF 12`.
pub fn money(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    signed(v < 0.0, &group(&format!("{:.0}", v.abs())), Some(currency))
}

/// Money with cents, for "per $1" phrases: `$0.95`, `$1,234.50`.
pub fn money_cents(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    signed(v < 0.0, &group(&format!("{:.2}", v.abs())), Some(currency))
}

/// Optional money.
pub fn money_opt(v: Option<f64>, currency: &str) -> String {
    v.map_or_else(|| NONE.to_string(), |v| money(v, currency))
}

/// Money in compact form for tiles, chart ticks and sentences: `$780`, `$12.5K`, `$950K`,
/// `$1.2M`, `$2.4B` (one decimal below 100 of the unit, none from 100 up; `.0` dropped).
pub fn money_compact(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return NONE.to_string();
    }
    const UNITS: [(f64, &str); 4] = [(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B")];
    let a = v.abs();
    let mut i = UNITS.iter().rposition(|&(scale, _)| a >= scale).unwrap_or(0);
    let body = loop {
        let (scale, unit) = UNITS[i];
        let scaled = a / scale;
        let mut s = if unit.is_empty() || scaled >= 100.0 {
            format!("{scaled:.0}")
        } else {
            format!("{scaled:.1}")
        };
        // Rounding can carry into the next unit (999.96K would read "1000K"): use that unit.
        if s.parse::<f64>().is_ok_and(|r| r >= 1000.0) && i + 1 < UNITS.len() {
            i += 1;
            continue;
        }
        if let Some(whole) = s.strip_suffix(".0") {
            s = whole.to_string();
        }
        break format!("{s}{unit}");
    };
    signed(v < 0.0, &body, Some(currency))
}

/// A ratio (CPI, SPI, TCPI) to two decimals: `0.88`, `−0.25`.
pub fn ratio(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => number(v, 2),
        _ => NONE.to_string(),
    }
}

/// A fraction (0.43) as a whole percentage (`43%`).
pub fn pct_of_fraction(v: Option<f64>) -> String {
    pct(v.map(|v| v * 100.0))
}

/// A percentage value to one decimal (`71.7%`): utilization against a target, where whole
/// percentages would read `72% against 72%` for a person under it.
pub fn pct_1(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{}%", number(v, 1)),
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
        std::cmp::Ordering::Less => format!("{MINUS}{} d", d.unsigned_abs()),
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

/// A count and its noun, agreeing: `1 warning`, `0 warnings`, `2 warnings`. For nouns whose
/// plural is not `+s`, see [`plural_of`].
pub fn plural(n: usize, word: &str) -> String {
    plural_of(n, word, &format!("{word}s"))
}

/// A count and the singular or plural noun given: `1 entry`, `3 entries`.
pub fn plural_of(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_full_for_each_currency() {
        let cases = [
            ("USD", "$1,234,567"),
            ("EUR", "€1,234,567"),
            ("GBP", "£1,234,567"),
            ("JPY", "¥1,234,567"),
            ("INR", "₹1,234,567"),
            ("CAD", "CA$1,234,567"),
            ("AUD", "A$1,234,567"),
            ("CHF", "CHF\u{a0}1,234,567"),
            ("chf", "CHF\u{a0}1,234,567"),
            ("", "1,234,567"),
        ];
        for (currency, want) in cases {
            assert_eq!(money(1_234_567.4, currency), want, "{currency}");
            assert_eq!(money(-1_234_567.4, currency), format!("−{want}"), "{currency}");
        }
    }

    #[test]
    fn money_signs_and_zero() {
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(-0.0, "USD"), "$0");
        assert_eq!(money(-0.4, "USD"), "$0");
        assert_eq!(money(-0.6, "USD"), "−$1");
        assert_eq!(money(-950.0, "EUR"), "−€950");
        assert_eq!(money(12.0, "CHF"), "CHF\u{a0}12");
        assert_eq!(money(-12.0, "CHF"), "−CHF\u{a0}12");
        assert_eq!(money(f64::NAN, "USD"), NONE);
        assert_eq!(money(f64::INFINITY, "USD"), NONE);
        assert_eq!(money_opt(None, "USD"), NONE);
        assert_eq!(money_opt(Some(5.0), "GBP"), "£5");
    }

    #[test]
    fn money_with_cents() {
        for (v, currency, want) in [
            (0.95, "USD", "$0.95"),
            (1234.5, "EUR", "€1,234.50"),
            // 1.999 rounds up to 2.00, it does not read "$1.00".
            (1.999, "USD", "$2.00"),
            (-0.25, "CHF", "−CHF\u{a0}0.25"),
            (-0.001, "USD", "$0.00"),
            (0.0, "USD", "$0.00"),
        ] {
            assert_eq!(money_cents(v, currency), want, "{v} {currency}");
        }
    }

    #[test]
    fn compact_money() {
        assert_eq!(money_compact(0.0, "USD"), "$0");
        assert_eq!(money_compact(780.0, "USD"), "$780");
        assert_eq!(money_compact(999.6, "USD"), "$1K");
        assert_eq!(money_compact(12_500.0, "USD"), "$12.5K");
        assert_eq!(money_compact(725_500.0, "USD"), "$726K");
        assert_eq!(money_compact(950_000.0, "USD"), "$950K");
        assert_eq!(money_compact(999_960.0, "USD"), "$1M");
        assert_eq!(money_compact(1_234_567.0, "USD"), "$1.2M");
        assert_eq!(money_compact(2_000_000.0, "USD"), "$2M");
        assert_eq!(money_compact(3_000_000_000.0, "USD"), "$3B");
        assert_eq!(money_compact(2.5e12, "USD"), "$2500B");
        assert_eq!(money_compact(-1_500_000.0, "GBP"), "−£1.5M");
        assert_eq!(money_compact(-0.3, "USD"), "$0");
        assert_eq!(money_compact(42_000.0, "CAD"), "CA$42K");
        assert_eq!(money_compact(-42_000.0, "CHF"), "−CHF\u{a0}42K");
        assert_eq!(money_compact(f64::NAN, "USD"), NONE);
    }

    #[test]
    fn numbers_ratios_and_percentages() {
        assert_eq!(number(1234.5, 1), "1,234.5");
        assert_eq!(number(-1234.0, 0), "−1,234");
        assert_eq!(number(-0.001, 2), "0.00");
        assert_eq!(number(0.0, 0), "0");
        assert_eq!(ratio(Some(0.876)), "0.88");
        assert_eq!(ratio(Some(-0.25)), "−0.25");
        assert_eq!(ratio(Some(0.0)), "0.00");
        assert_eq!(ratio(None), NONE);
        assert_eq!(ratio(Some(f64::NAN)), NONE);
        assert_eq!(pct_of_fraction(Some(0.434)), "43%");
        assert_eq!(pct_of_fraction(Some(12.5)), "1,250%");
        assert_eq!(pct_of_fraction(Some(-0.1)), "−10%");
        assert_eq!(pct(Some(99.6)), "100%");
        assert_eq!(pct(Some(0.0)), "0%");
        assert_eq!(pct(None), NONE);
    }

    #[test]
    fn dates_days_and_sort_keys() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()), "2026-01-02");
        assert_eq!(date_opt(None), NONE);
        assert_eq!(days_signed(12), "+12 d");
        assert_eq!(days_signed(-3), "−3 d");
        assert_eq!(days_signed(0), "0 d");
        assert_eq!(sort_key(Some(-1.5)), "-1.5");
        assert_eq!(sort_key(None), "");
    }

    #[test]
    fn plurals_agree_with_their_numbers() {
        assert_eq!(plural(0, "project"), "0 projects");
        assert_eq!(plural(1, "watermelon"), "1 watermelon");
        assert_eq!(plural(12, "project"), "12 projects");
        assert_eq!(plural_of(1, "entry", "entries"), "1 entry");
        assert_eq!(plural_of(3, "entry", "entries"), "3 entries");
    }
}

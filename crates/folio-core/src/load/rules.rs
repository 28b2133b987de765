//! The vocabulary of the semantic checks: a [`Checker`] locates a problem by key path through
//! the file's [`KeyIndex`] and words the common rules (number ranges, strict dates, ids, blank
//! strings, unknown references, duplicate ids, an end after its start) the same way everywhere.

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::yaml::{did_you_mean, one_of, KeyIndex, Pos, Source};

use super::Parsed;

/// Largest magnitude of any number in the content (money, hours, targets, thresholds, change
/// deltas): a thousand trillion, far beyond any real amount, and small enough that sums over
/// thousands of updates and every derived figure stay finite and exact to the cent.
pub const MAX_AMOUNT: f64 = 1e15;

/// The largest schedule change a change request may carry, either way: 100 years. A larger
/// `schedule_delta_days` is a typo, and would take dates beyond what the calendar represents.
pub(super) const MAX_SCHEDULE_DELTA_DAYS: i64 = 36_500;

/// The longest portfolio title, program or project name, in characters (names are headings and
/// chart titles).
pub(super) const MAX_NAME_CHARS: usize = 200;

/// The earliest date content or the command line may give.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("a real date"),
};

/// The latest date content or the command line may give. Dates beyond it are typos
/// (`9999-12-31`), and would make calendars write years of five digits and the quarterly series
/// of `portfolio.json` run for thousands of quarters.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("a real date"),
};

/// True when `d` lies in [`MIN_DATE`]..=[`MAX_DATE`].
pub fn date_in_range(d: NaiveDate) -> bool {
    (MIN_DATE..=MAX_DATE).contains(&d)
}

/// The words for a date outside [`MIN_DATE`]..=[`MAX_DATE`]: (expected, hint).
pub(super) fn date_range_words() -> (String, &'static str) {
    (
        format!("a date from {MIN_DATE} to {MAX_DATE}"),
        "check the year: dates before 1970 or after 2199 are typos",
    )
}

/// A numeric rule of the content model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Num {
    /// Money, hours: `≥ 0`.
    NonNegative,
    /// Budget, rate, EAC: `> 0`.
    Positive,
    /// Percentages: `0..=100`.
    Percent,
    /// Probability, impact: `1..=5`.
    OneToFive,
    /// Change deltas: any sign, within [`MAX_AMOUNT`].
    Signed,
}

/// Where a [`Checker`] finds the key index: at hand, or built on first use (the checks across
/// updates rarely need one, and the tree is the costliest part of an update to keep).
#[derive(Clone, Copy)]
pub(super) enum IndexRef<'a> {
    Ready(&'a KeyIndex),
    Lazy(&'a Parsed),
}

/// At most this many problems are reported per checker (one file), so that a file crafted to
/// hold thousands of errors cannot make locating them slow.
const MAX_PROBLEMS: usize = 200;

/// Locates and words the problems of one YAML text.
pub(super) struct Checker<'a> {
    pub src: Source<'a>,
    index: IndexRef<'a>,
    pub diags: &'a mut Vec<Diagnostic>,
    count: usize,
}

impl<'a> Checker<'a> {
    pub(super) fn new(src: Source<'a>, index: &'a KeyIndex, diags: &'a mut Vec<Diagnostic>) -> Self {
        Checker {
            src,
            index: IndexRef::Ready(index),
            diags,
            count: 0,
        }
    }

    /// A checker of an update read earlier; its key index is rebuilt only if a problem is
    /// located.
    pub(super) fn lazy(p: &'a Parsed, diags: &'a mut Vec<Diagnostic>) -> Self {
        Checker {
            src: p.source(),
            index: IndexRef::Lazy(p),
            diags,
            count: 0,
        }
    }

    /// The key index of the text.
    pub(super) fn index(&self) -> &KeyIndex {
        match self.index {
            IndexRef::Ready(i) => i,
            IndexRef::Lazy(p) => p.index(),
        }
    }

    /// An error located at the value of `key`.
    pub(super) fn error(&self, code: &'static str, key: &str, message: impl Into<String>) -> Diagnostic {
        self.src.error(code, self.locate(key, false), message)
    }

    /// Where `key` (or its value) is; not searched once the checker is full.
    fn locate(&self, key: &str, on_key: bool) -> Pos {
        if self.count >= MAX_PROBLEMS {
            Pos::default()
        } else if on_key {
            self.index().key(key)
        } else {
            self.index().value(key)
        }
    }

    /// An error located at `key` itself (for a sequence item: the item).
    pub(super) fn error_at_key(
        &self,
        code: &'static str,
        key: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.src.error(code, self.locate(key, true), message)
    }

    /// A warning located at the value of `key`.
    pub(super) fn warning(&self, code: &'static str, key: &str, message: impl Into<String>) -> Diagnostic {
        self.src.warning(code, self.locate(key, false), message)
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.count += 1;
        if self.count < MAX_PROBLEMS {
            self.diags.push(d);
        } else if self.count == MAX_PROBLEMS {
            let level = d.level;
            self.diags.push(Diagnostic {
                level,
                ..Diagnostic::error(
                    "too-many-problems",
                    self.src.path,
                    0,
                    0,
                    format!("more than {MAX_PROBLEMS} problems in this file; the rest are not shown"),
                )
                .hint("fix the problems shown and run `folio check` again")
            });
        }
    }

    /// The text of `key`'s value as written, else `fallback`.
    pub(super) fn written(&self, key: &str, fallback: impl FnOnce() -> String) -> String {
        self.index()
            .scalar(key)
            .map(str::to_string)
            .unwrap_or_else(fallback)
    }

    /// Checks a number against a rule.
    pub(super) fn number(&mut self, key: &str, v: f64, rule: Num) {
        let ok = v.is_finite()
            && v.abs() <= MAX_AMOUNT
            && match rule {
                Num::NonNegative => v >= 0.0,
                Num::Positive => v > 0.0,
                Num::Percent => (0.0..=100.0).contains(&v),
                Num::OneToFive => (1.0..=5.0).contains(&v),
                Num::Signed => true,
            };
        if ok {
            return;
        }
        let found = self.written(key, || v.to_string());
        let (message, expected, hint) = if !v.is_finite() {
            (
                format!("`{key}` must be a finite number"),
                "a plain number",
                "write a number such as `1200`, not `.inf` or `.nan`",
            )
        } else if v.abs() > MAX_AMOUNT {
            (
                format!("`{key}` is too large"),
                "a number from -1e15 to 1e15 (a thousand trillion)",
                "check the number of digits; no amount or number of hours comes near this",
            )
        } else {
            match rule {
                Num::Signed => unreachable!("a finite number within the limit is a valid delta"),
                Num::NonNegative => (
                    format!("`{key}` cannot be negative"),
                    "a number ≥ 0",
                    "amounts and hours are cumulative totals, never negative",
                ),
                Num::Positive => (
                    format!("`{key}` must be greater than 0"),
                    "a number > 0",
                    "give the real amount; a zero or negative value makes the figures derived from it meaningless",
                ),
                Num::Percent => (
                    format!("`{key}` must be between 0 and 100"),
                    "a percentage from 0 to 100",
                    "write the percentage as a plain number without `%`, at most 100",
                ),
                Num::OneToFive => (
                    format!("`{key}` must be from 1 to 5"),
                    "a whole number from 1 (lowest) to 5 (highest)",
                    "rate it on the 1-5 scale",
                ),
            }
        };
        let d = self
            .error("out-of-range", key, message)
            .found(found)
            .expected(expected)
            .hint(hint);
        self.push(d);
    }

    /// Dates must be written `YYYY-MM-DD` exactly (serde accepts looser forms such as
    /// `2026-1-9`), from [`MIN_DATE`] to [`MAX_DATE`].
    pub(super) fn date(&mut self, key: &str, date: NaiveDate) {
        let Some(text) = self.index().scalar(key) else {
            return;
        };
        let b = text.as_bytes();
        let strict = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !strict {
            let d = self
                .error(
                    "invalid-date",
                    key,
                    format!("`{key}` is not written as YYYY-MM-DD"),
                )
                .found(format!("`{}`", crate::diagnostics::echo(text)))
                .expected("a date as YYYY-MM-DD, e.g. 2026-01-09")
                .hint("pad month and day with a zero, e.g. `2026-01-09`");
            self.push(d);
        } else if !date_in_range(date) {
            let (expected, hint) = date_range_words();
            let d = self
                .error("out-of-range", key, format!("`{key}` is out of range"))
                .found(format!("`{text}`"))
                .expected(expected)
                .hint(hint);
            self.push(d);
        }
    }

    /// Checks an optional date.
    pub(super) fn opt_date(&mut self, key: &str, date: Option<NaiveDate>) {
        if let Some(d) = date {
            self.date(key, d);
        }
    }

    /// A required string must not be blank.
    pub(super) fn not_blank(&mut self, key: &str, v: &str) {
        if v.trim().is_empty() {
            let d = self
                .error("empty-value", key, format!("`{key}` is empty"))
                .expected("some text")
                .hint(format!("write a value for `{key}`"));
            self.push(d);
        }
    }

    /// A name shown as a heading and a chart title (portfolio title, program and project
    /// names): not blank, at most [`MAX_NAME_CHARS`] characters.
    pub(super) fn name(&mut self, key: &str, v: &str) {
        self.not_blank(key, v);
        let n = v.chars().count();
        if n > MAX_NAME_CHARS {
            let start: String = v.chars().take(40).collect();
            let d = self
                .error("too-long", key, format!("`{key}` is longer than {MAX_NAME_CHARS} characters"))
                .found(format!("{n} characters, starting \"{start}…\""))
                .expected(format!("at most {MAX_NAME_CHARS} characters"))
                .hint("a name is a heading and a chart title: keep it short and put the detail in `description` or an update");
            self.push(d);
        }
    }

    /// `end` must be after `start` (the keys `{prefix}start` and `{prefix}end`).
    pub(super) fn end_after_start(&mut self, prefix: &str, start: NaiveDate, end: NaiveDate) {
        if end <= start {
            let d = self
                .error(
                    "invalid-dates",
                    &format!("{prefix}end"),
                    "`end` must be after `start`",
                )
                .found(format!("start {start}, end {end}"))
                .expected(format!("an end date after {start}"))
                .hint("check the year and month of both dates");
            self.push(d);
        }
    }

    /// The id `shown` at `{list}[{i}].id` was first used at `{list}[{first}].id`: a
    /// `duplicate-id` error saying `message`, `expected`, and the hint `hint` words from the line
    /// of the first use.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn duplicate_id(
        &mut self,
        list: &str,
        i: usize,
        first: usize,
        shown: &str,
        message: String,
        expected: String,
        hint: impl FnOnce(usize) -> String,
    ) {
        let line = self
            .src
            .file_line(self.index().value(&format!("{list}[{first}].id")).line);
        let d = self
            .error("duplicate-id", &format!("{list}[{i}].id"), message)
            .found(format!("`{shown}` again"))
            .expected(expected)
            .hint(hint(line));
        self.push(d);
    }

    /// [`Checker::duplicate_id`] of a `noun`'s id in a file that defines them (milestones,
    /// opportunities).
    pub(super) fn duplicate_definition(
        &mut self,
        list: &str,
        noun: &str,
        i: usize,
        first: usize,
        shown: &str,
    ) {
        self.duplicate_id(
            list,
            i,
            first,
            shown,
            format!("duplicate {noun} id `{shown}`"),
            format!("each {noun} id once"),
            |line| format!("`{shown}` is first used on line {line}; give this {noun} its own id"),
        );
    }

    /// `value` (at `key`) names no `noun` of `known`: a `code` error that lists them (`none`
    /// says there are none) and hints at the closest, else says `otherwise`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn unknown_ref<S: AsRef<str>>(
        &mut self,
        code: &'static str,
        key: &str,
        noun: &str,
        value: &str,
        known: &[S],
        none: &str,
        otherwise: impl Into<String>,
    ) {
        let shown = crate::diagnostics::echo(value);
        let d = self
            .error(code, key, format!("unknown {noun} `{shown}`"))
            .found(format!("`{shown}`"))
            .expected(one_of(known, none));
        let d = did_you_mean(d, value, known, otherwise);
        self.push(d);
    }

    /// Record and milestone ids: 1-64 characters, no `/`.
    pub(super) fn record_id(&mut self, key: &str, id: &str) {
        let bad = if id.trim().is_empty() {
            Some("it is empty")
        } else if id.chars().count() > 64 {
            Some("it is longer than 64 characters")
        } else if id.contains('/') {
            Some("it contains `/`")
        } else {
            None
        };
        if let Some(why) = bad {
            let d = self
                .error("invalid-id", key, format!("invalid id `{id}`: {why}"))
                .found(format!("`{id}`"))
                .expected("an id of 1 to 64 characters without `/`, e.g. `r-1`")
                .hint("ids name a record across updates; keep them short, e.g. `r-1`, `esc-2`");
            self.push(d);
        }
    }
}

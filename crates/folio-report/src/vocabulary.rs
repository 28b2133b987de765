//! The vocabulary the content is written in and the report speaks in: RAG colours, record
//! statuses, severities, risk levels, engagement types, stakeholders. The content model
//! (`folio_core::model`) deserializes into these same types and re-exports them, so the report
//! and the views can name them without seeing the model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Risk level of a score (probability × impact): `low` below the `medium` level of
/// [`RiskLevels`], `medium` from it, `high` from the `high` level, `severe` from the `severe` one.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Severe,
}

impl RiskLevel {
    /// The lowercase name, as written: `low`, `medium`, `high` or `severe`.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Severe => "severe",
        }
    }
}

/// `risk_levels`: the lowest score (1-25) of each level; every key is optional.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RiskLevels {
    /// The lowest score of the low level (default 1).
    #[schemars(range(min = 1, max = 25))]
    pub low: u8,
    /// The lowest score of the medium level (default 5).
    #[schemars(range(min = 1, max = 25))]
    pub medium: u8,
    /// The lowest score of the high level (default 10).
    #[schemars(range(min = 1, max = 25))]
    pub high: u8,
    /// The lowest score of the severe level (default 15).
    #[schemars(range(min = 1, max = 25))]
    pub severe: u8,
}

impl Default for RiskLevels {
    fn default() -> Self {
        RiskLevels {
            low: 1,
            medium: 5,
            high: 10,
            severe: 15,
        }
    }
}

impl RiskLevels {
    /// The highest level whose lowest score is ≤ `score`; `low` below every level.
    pub fn level(&self, score: u8) -> RiskLevel {
        [
            (self.severe, RiskLevel::Severe),
            (self.high, RiskLevel::High),
            (self.medium, RiskLevel::Medium),
        ]
        .into_iter()
        .find(|(lowest, _)| *lowest <= score)
        .map_or(RiskLevel::Low, |(_, l)| l)
    }

    /// Each level with its score range in words, lowest first: `("low", "1–4")`, …,
    /// `("severe", "15–25")`; the one wording of the scale for legends and intros.
    pub fn ranges(&self) -> [(&'static str, String); 4] {
        let span = |lo: u8, next: u8| {
            let hi = next.saturating_sub(1).max(lo);
            if lo == hi {
                format!("{lo}")
            } else {
                format!("{lo}\u{2013}{hi}")
            }
        };
        [
            ("low", span(1, self.medium)),
            ("medium", span(self.medium, self.high)),
            ("high", span(self.high, self.severe)),
            ("severe", span(self.severe, 26)),
        ]
    }
}

/// `engagement` of a project: `fixed_price` (revenue recognized by cost, actual cost over EAC)
/// or `time_and_materials` (billed by the hour at the project's rate, capped at the contract
/// value).
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    FixedPrice,
    TimeAndMaterials,
}

impl Engagement {
    /// The name as written: `fixed_price` or `time_and_materials`.
    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::FixedPrice => "fixed_price",
            Engagement::TimeAndMaterials => "time_and_materials",
        }
    }
}

/// RAG colour of a declared status: `green` on track, `amber` at risk, `red` in trouble.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    /// The lowercase name, as written: `green`, `amber` or `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// Someone involved in an escalation, e.g. `{role: TAM, name: Ana Ruiz}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Their role, e.g. `TAM` or `CTO`.
    #[schemars(regex(pattern = r"\S"))]
    pub role: String,
    /// Their name.
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
}

/// Status of a risk or an issue: `open` or `closed`.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenClosed {
    Open,
    Closed,
}

/// Status of an escalation: `open` or `resolved`.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenResolved {
    Open,
    Resolved,
}

/// How severe an issue or an escalation is: `low`, `medium`, `high` or `critical`; an open
/// `critical` escalation makes a project computed red, an open `high` one amber.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

/// Status of a change request: `proposed`, `approved` or `rejected`; only an approved change
/// counts in the current baseline.
// The variants are described in the enum's doc comment, not one by one: schemars turns a
// documented variant into a `oneOf` of `const`s in the content schemas instead of one `enum`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    Proposed,
    Approved,
    Rejected,
}

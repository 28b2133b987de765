//! The vocabulary the content is written in and the report speaks in: RAG colours, record
//! statuses, severities, risk levels, engagement types, stakeholders. The content model
//! (`folio_core::model`) deserializes into these same types and re-exports them, so the report
//! and the views can name them without seeing the model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Risk level of a score (probability × impact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Severe,
}

impl RiskLevel {
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
    #[schemars(range(min = 1, max = 25))]
    pub low: u8,
    #[schemars(range(min = 1, max = 25))]
    pub medium: u8,
    #[schemars(range(min = 1, max = 25))]
    pub high: u8,
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

/// `engagement` of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    FixedPrice,
    TimeAndMaterials,
}

impl Engagement {
    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::FixedPrice => "fixed_price",
            Engagement::TimeAndMaterials => "time_and_materials",
        }
    }
}

/// RAG colour of a declared status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
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
    #[schemars(regex(pattern = r"\S"))]
    pub role: String,
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenClosed {
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenResolved {
    Open,
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    Proposed,
    Approved,
    Rejected,
}

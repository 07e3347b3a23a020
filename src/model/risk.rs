//! Accepted risks: findings the organisation has decided to live with, and why.

use serde::{Deserialize, Serialize};

use super::ids::RiskId;
use super::time::Date;

/// A finding turned into "accepted": still listed, no longer failing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedRisk {
    pub id: RiskId,
    /// The rule id of the finding, e.g. `consent/ungated-path`.
    pub rule: String,
    /// The id of the element the finding is about.
    pub target: String,
    pub justification: String,
    pub accepted_by: String,
    pub date: Date,
}

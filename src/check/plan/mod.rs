//! The consent test plan: from the model, the test cases a QA engineer runs against a test
//! shop to see that the servers respect each person's consent choice and its withdrawal.
//!
//! The users are split into scopes: groups of regions where the same consent purposes are
//! asked for. In each scope every combination of granted and denied purposes is worked out,
//! and combinations that lead to the same expectations at every destination collapse into one
//! case, so purposes that no path distinguishes cost no extra test. For each case and each
//! field mapping into a destination, the plan says:
//! - **must not**: the field is personal data and an activity it is sent for rests on a
//!   consent purpose the case denies (Art. 6(1)(a), 7: no consent, no processing);
//! - **may**: the consent it needs is granted (or it is not personal data) and the model's
//!   gates let it through;
//! - **not reached**: not personal data, but every path to it passes a gate that enforces a
//!   purpose it is sent for and the case denies;
//! - **unknown**: the model does not say which consent it needs here (no activity named, or
//!   a purpose that is not asked for in this scope).
//!
//! A gate enforcing several purposes lets an event through for the purposes among them that
//! were granted: data sent for a purpose passes only when that purpose was granted. The
//! consent analysis asks the same of each gate, so the plan and the checks agree.
//!
//! Besides, for each consent signal a destination's platform documents values for (Google's
//! `consent.ad_user_data`, …), the value each case must send; and for each batch or queued
//! flow after a gate, a withdrawal case.

mod cases;
mod choose;
mod scopes;
mod simulate;
mod withdrawal;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::model::Project;

use super::Context;

pub use choose::case_for;
pub use simulate::{Carriage, Simulation, simulate, simulation_scopes};

/// The most consent purposes one scope may ask for: every combination is worked out, and
/// 2^12 = 4,096 combinations stay quick.
pub const MAX_PURPOSES: usize = 12;

/// Why no plan could be made.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(
        "{count} consent purposes are asked for users in {scope}; the test plan works out every combination and takes at most {MAX_PURPOSES}"
    )]
    TooManyPurposes { scope: String, count: usize },
}

/// The test plan of one project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub project: String,
    pub scopes: Vec<Scope>,
    /// Numbered from 1, scope by scope.
    pub cases: Vec<Case>,
    /// Numbered after the consent cases.
    pub withdrawals: Vec<WithdrawalCase>,
    /// What the plan cannot cover, in words.
    pub notes: Vec<String>,
}

impl Plan {
    /// The consent case or withdrawal case numbered `n`.
    pub fn case(&self, n: usize) -> Option<&Case> {
        self.cases.iter().find(|c| c.number == n)
    }

    pub fn withdrawal(&self, n: usize) -> Option<&WithdrawalCase> {
        self.withdrawals.iter().find(|c| c.number == n)
    }

    /// The name of a consent purpose, or its id when the project has no such purpose.
    pub fn purpose_name<'a>(&'a self, project: &'a Project, id: &'a str) -> &'a str {
        project.consent_purpose(id).map_or(id, |c| c.name.as_str())
    }
}

/// Users of some regions, for whom the same consent purposes are asked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The regions, as the project names them; empty: users anywhere else.
    pub regions: Vec<String>,
    /// "EEA, UK, CH", "users anywhere else".
    pub label: String,
    /// The consent purposes asked for here (ids, in the project's order).
    pub purposes: Vec<String>,
    /// Combinations of choices, and the cases they collapse into.
    pub combinations: usize,
    pub cases: usize,
}

/// One consent test case: a combination of choices, and what each destination may receive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Case {
    pub number: usize,
    /// The position of its scope in [`Plan::scopes`].
    pub scope: usize,
    /// The choices to make in the consent banner (purpose ids).
    pub granted: Vec<String>,
    pub denied: Vec<String>,
    /// Other combinations with exactly the same expectations, which need no test of their own.
    pub same_as_this: Vec<Vec<String>>,
    pub destinations: Vec<DestinationCase>,
}

/// What one destination may and must not receive in a case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DestinationCase {
    pub destination: String,
    pub name: String,
    /// The catalogue platform, when the destination names one.
    pub platform: Option<String>,
    pub flows: Vec<FlowCase>,
}

impl DestinationCase {
    /// Whether some data may reach it in this case.
    pub fn receives(&self) -> bool {
        self.flows
            .iter()
            .flat_map(|f| &f.fields)
            .any(|f| f.verdict == Verdict::May)
    }
}

/// The fields of one flow into a destination, with their verdicts, and its consent signals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FlowCase {
    pub flow: String,
    pub name: String,
    pub fields: Vec<FieldCase>,
    pub signals: Vec<SignalCase>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldCase {
    pub field: String,
    pub label: String,
    /// The name on the wire (the path a capture shows).
    pub wire_name: String,
    pub personal: bool,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// What a field mapping may carry in a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    May,
    /// Personal data for an activity whose consent purpose is denied: these purposes (ids).
    MustNot {
        denied: Vec<String>,
    },
    /// Not personal data; every path passes a gate enforcing a denied purpose it is sent for.
    NotReached,
    Unknown {
        why: String,
    },
}

/// The value a consent signal must carry in a case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SignalCase {
    pub wire_name: String,
    /// The value; `None` when capimap cannot tell (then `why`).
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The consent purposes it follows (ids).
    pub follows: Vec<String>,
    /// The platform requires it for users of this scope.
    pub required: bool,
    /// The flow forwards it, as the model says.
    pub forwarded: bool,
}

/// A withdrawal test: grant, create events, withdraw, run the batch or the queue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WithdrawalCase {
    pub number: usize,
    pub flow: String,
    pub name: String,
    /// "sends in batches every 1 day".
    pub how: String,
    /// The consent purposes to grant and then withdraw (ids).
    pub purposes: Vec<String>,
    /// The destinations the withdrawn person's events must not reach (ids).
    pub destinations: Vec<String>,
    /// What the model says happens on withdrawal; empty when it does not say.
    pub handling: String,
    /// Whether the model expects the test to pass: `Some(false)` when it says queued events
    /// are still sent, `None` when it does not say.
    pub model_passes: Option<bool>,
}

/// Derives the test plan of a project.
pub fn plan(project: &Project, catalog: &Catalog) -> Result<Plan, PlanError> {
    let ctx = Context::new(project, catalog);
    let (scopes, mut notes) = scopes::scopes(&ctx);
    let mut plan = Plan {
        project: project.name.clone(),
        ..Plan::default()
    };
    for (i, scope) in scopes.iter().enumerate() {
        if scope.purposes.len() > MAX_PURPOSES {
            return Err(PlanError::TooManyPurposes {
                scope: scope.label.clone(),
                count: scope.purposes.len(),
            });
        }
        let first = plan.cases.len() + 1;
        let (cases, combinations) = cases::cases(&ctx, scope, i, first);
        plan.scopes.push(Scope {
            regions: scope.names.clone(),
            label: scope.label.clone(),
            purposes: scope
                .purposes
                .iter()
                .map(|&p| project.consent_purposes[p].id.to_string())
                .collect(),
            combinations,
            cases: cases.len(),
        });
        plan.cases.extend(cases);
    }
    notes.extend(cases::unnamed_notes(&ctx));
    plan.withdrawals = withdrawal::cases(&ctx, plan.cases.len() + 1);
    plan.notes = notes;
    Ok(plan)
}

/// Whether two fideslang keys overlap: one is the other or lies under it.
pub(crate) fn uses_overlap(a: &str, b: &str) -> bool {
    let under = |x: &str, y: &str| x == y || (x.starts_with(y) && x.as_bytes()[y.len()] == b'.');
    under(a, b) || under(b, a)
}

#[cfg(test)]
mod tests {
    use super::uses_overlap;

    #[test]
    fn data_uses_overlap_along_their_dotted_hierarchy_only() {
        assert!(uses_overlap(
            "marketing.advertising",
            "marketing.advertising.profiling"
        ));
        assert!(uses_overlap(
            "marketing.advertising.profiling",
            "marketing.advertising"
        ));
        assert!(uses_overlap("analytics", "analytics"));
        assert!(!uses_overlap("marketing.advert", "marketing.advertising"));
        assert!(!uses_overlap(
            "analytics.reporting.ad_performance",
            "analytics.reporting.campaign_insights"
        ));
    }
}

//! `inspect --case N` / `--consent CHOICES`: what the plan's case expects of the requests to
//! the destination.

use anyhow::bail;

use capimap::catalog::Catalog;
use capimap::check::plan::{self, Case, Plan};
use capimap::inspect::consent::{self, Expectation};
use capimap::model::Project;

/// How the capture is to be checked against the plan.
pub struct Choice<'a> {
    pub case: Option<usize>,
    pub consent: Option<&'a str>,
    pub region: Option<&'a str>,
    /// Some test identity withdrew consent (in the file, or by --withdrawn).
    pub withdrawn: bool,
    /// The capture is checked for every destination: a withdrawal case concerns only its own.
    pub every: bool,
}

/// The expectation of a consent case; `None` for no case, and for a withdrawal case (whose
/// check is the withdrawn identities').
pub fn expectation(
    project: &Project,
    plan: &Plan,
    destination: &str,
    catalog: &Catalog,
    choice: &Choice,
) -> anyhow::Result<Option<Expectation>> {
    let case: &Case = match (choice.case, choice.consent) {
        (Some(n), _) => match (plan.case(n), plan.withdrawal(n)) {
            (Some(c), _) => c,
            (None, Some(w)) => {
                if !w.destinations.iter().any(|d| d == destination) {
                    if choice.every {
                        return Ok(None);
                    }
                    bail!(
                        "case {n} is the withdrawal case of flow {}, whose events go to {}, not to {destination}",
                        w.flow,
                        w.destinations.join(", ")
                    );
                }
                if !choice.withdrawn {
                    bail!(
                        "case {n} is a withdrawal case: give --test-identities with the identity that withdrew (withdrawn: true in the file, or --withdrawn N)"
                    );
                }
                return Ok(None);
            }
            (None, None) => bail!(
                "the plan has no case {n}; its cases are numbered 1 to {}",
                plan.cases.len() + plan.withdrawals.len()
            ),
        },
        (None, Some(c)) => plan::case_for(plan, c, choice.region).map_err(anyhow::Error::msg)?,
        (None, None) => return Ok(None),
    };
    Ok(Some(consent::expectation(
        project,
        catalog,
        plan,
        case,
        destination,
    )))
}

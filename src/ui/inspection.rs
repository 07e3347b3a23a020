//! The last payload inspection in the app: request files read for a destination and compared
//! with the record, and looked through for test identities when a file of them is given.
//! Shown by `payloads.rs`.

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::check::plan;
use crate::inspect::{self, Comparison, Inspection, Inspector};
use crate::model::{NodeId, Project};

/// The last inspection, for one destination.
pub struct Payloads {
    pub destination: NodeId,
    pub files: Vec<PathBuf>,
    /// The file of test identities looked for, and how many it holds.
    pub identities: Option<(PathBuf, usize)>,
    /// The numbers of the test identities the file marks as withdrawn.
    pub withdrawn: Vec<usize>,
    pub result: Inspection,
    pub comparison: Comparison,
    /// The case of the consent test plan the capture was checked against.
    pub case: Option<usize>,
    /// The plan's consent cases, to choose from: number and what it grants and denies.
    pub cases: Vec<(usize, String)>,
}

impl Payloads {
    /// Reads request files sent to a destination and compares them with the record; the
    /// error names the file and the place.
    pub fn read(
        project: &Project,
        catalog: &Catalog,
        destination: &NodeId,
        files: Vec<PathBuf>,
        identities: Option<PathBuf>,
        case: Option<usize>,
    ) -> Result<Self, String> {
        let platform = project
            .node(destination.as_str())
            .and_then(|n| n.as_destination())
            .and_then(|d| catalog.get(&d.platform))
            .ok_or_else(|| {
                "This destination's platform is not in the catalogue: its requests cannot be read."
                    .to_owned()
            })?;
        // The test people become digests here and their values are dropped at once.
        let index = match &identities {
            Some(path) => {
                let ids = inspect::identities::load(path).map_err(|e| e.to_string())?;
                Some(inspect::identities::Index::new(&ids))
            }
            None => None,
        };
        let mut inspector = Inspector::new(platform);
        if let Some(index) = &index {
            inspector = inspector.with_identities(index, &[]);
        }
        // A project with too many purposes for a plan is inspected without one.
        let plan = plan::plan(project, catalog).ok();
        let cases = plan.as_ref().map_or_else(Vec::new, |plan| {
            plan.cases
                .iter()
                .map(|c| (c.number, case_label(project, plan, c)))
                .collect()
        });
        let case = case.filter(|n| cases.iter().any(|(m, _)| m == n));
        if let (Some(n), Some(plan)) = (case, &plan)
            && let Some(c) = plan.case(n)
        {
            inspector = inspector.with_consent(inspect::consent::expectation(
                project,
                catalog,
                plan,
                c,
                destination.as_str(),
            ));
        }
        for f in &files {
            inspect::read_path(f, &mut inspector).map_err(|e| e.to_string())?;
        }
        let result = inspector.finish();
        let comparison = inspect::compare(&result, project, destination.as_str(), platform);
        Ok(Self {
            destination: destination.clone(),
            files,
            withdrawn: index
                .as_ref()
                .map(|i| i.withdrawn.clone())
                .unwrap_or_default(),
            identities: identities.zip(index.map(|i| i.identities)),
            result,
            comparison,
            case,
            cases,
        })
    }
}

/// "Case 3 (EEA, UK, CH): deny Personalised advertising".
fn case_label(project: &Project, plan: &plan::Plan, c: &plan::Case) -> String {
    let scope = plan.scopes.get(c.scope).map_or("", |s| s.label.as_str());
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| plan.purpose_name(project, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let choice = match (c.granted.is_empty(), c.denied.is_empty()) {
        (_, true) => "grant all".to_owned(),
        (true, false) => "deny all".to_owned(),
        _ => format!("deny {}", names(&c.denied)),
    };
    format!("Case {} ({scope}): {choice}", c.number)
}

/// The plan's case for the simulator's choice: the app checks a capture against the state it
/// shows.
pub fn simulated_case(
    project: &Project,
    catalog: &Catalog,
    choice: &super::command::SimChoice,
) -> Option<usize> {
    let plan = plan::plan(project, catalog).ok()?;
    let scope = plan.scopes.get(choice.scope)?;
    let denied: Vec<String> = scope
        .purposes
        .iter()
        .filter(|p| choice.denied.contains(p))
        .cloned()
        .collect();
    plan.cases
        .iter()
        .find(|c| {
            c.scope == choice.scope && (c.denied == denied || c.same_as_this.contains(&denied))
        })
        .map(|c| c.number)
}

//! Who receives the data, as the regulators' templates split them (Art. 30(1)(d)): the
//! controller's own systems, processors (Art. 28, with their contract), joint controllers
//! (Art. 26, with the arrangement), other controllers, and recipients whose role the model does
//! not record, which the record says rather than guesses.

use crate::model::{Node, Project, RecipientRole, TermsAcceptance};

use super::words::Words;

/// What a receiving system is to the controller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Run by the controller itself: no role, and no other operator on record.
    Internal,
    Processor,
    JointController,
    /// An independent controller or other third party.
    OtherController,
    /// Run by another company whose role is not recorded.
    Unknown,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Internal,
        Category::Processor,
        Category::JointController,
        Category::OtherController,
        Category::Unknown,
    ];

    fn key(self) -> &'static str {
        match self {
            Category::Internal => "recipients.group.internal",
            Category::Processor => "recipients.group.processors",
            Category::JointController => "recipients.group.joint",
            Category::OtherController => "recipients.group.other",
            Category::Unknown => "recipients.group.unknown",
        }
    }
}

pub fn category(p: &Project, n: &Node) -> Category {
    match n.recipient_role() {
        Some(RecipientRole::Processor) => Category::Processor,
        Some(RecipientRole::JointController) => Category::JointController,
        Some(RecipientRole::IndependentController) => Category::OtherController,
        None if p.is_own_system(n) => Category::Internal,
        None => Category::Unknown,
    }
}

/// "Meta Business Tools Terms (accepted 14.05.2024)".
pub(super) fn accepted(w: &Words, t: &TermsAcceptance) -> String {
    match (t.accepted, t.date) {
        (true, Some(date)) => w.fill(
            "contract.accepted_on",
            &[("name", &t.name), ("date", &w.date(date))],
        ),
        (true, None) => w.fill("contract.accepted", &[("name", &t.name)]),
        (false, _) => w.fill("contract.not_accepted", &[("name", &t.name)]),
    }
}

/// The contract on record with a system's operator: the node's own (`contract`), and a
/// destination's platform terms with their status; `None` when nothing is recorded.
pub fn contract(w: &Words, n: &Node) -> Option<String> {
    let mut parts = Vec::new();
    if !n.contract.trim().is_empty() {
        parts.push(n.contract.trim().to_owned());
    }
    if let Some(d) = n.as_destination() {
        parts.extend(d.terms.iter().map(|t| accepted(w, t)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One system in its group: "Google Ads — Google Ireland Limited (Ireland; contract: …)".
fn line(w: &Words, n: &Node, category: Category) -> String {
    let country = w.country(&n.country);
    match category {
        Category::Internal => w.fill(
            "recipients.internal_line",
            &[("system", &n.name), ("country", &country)],
        ),
        Category::Processor | Category::JointController => {
            let key = if category == Category::Processor {
                "recipients.processor_line"
            } else {
                "recipients.joint_line"
            };
            let contract = contract(w, n).unwrap_or_else(|| w.get("recipients.no_contract"));
            w.fill(
                key,
                &[
                    ("system", &n.name),
                    ("operator", &n.operator.trim()),
                    ("country", &country),
                    ("contract", &contract),
                ],
            )
        }
        Category::OtherController | Category::Unknown => w.fill(
            "recipients.other_line",
            &[
                ("system", &n.name),
                ("operator", &n.operator.trim()),
                ("country", &country),
            ],
        ),
    }
}

/// The receiving systems by category, one text per category that has any, in the order of
/// [`Category::ALL`]: "Processors (Art. 28): …".
pub fn grouped(p: &Project, w: &Words, receivers: &[&Node]) -> Vec<String> {
    Category::ALL
        .into_iter()
        .filter_map(|c| {
            let members: Vec<String> = receivers
                .iter()
                .filter(|n| category(p, n) == c)
                .map(|n| line(w, n, c))
                .collect();
            (!members.is_empty()).then(|| w.fill(c.key(), &[("list", &w.join(&members))]))
        })
        .collect()
}

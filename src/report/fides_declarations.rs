//! The privacy declarations of a fideslang system: one per activity and data use it serves,
//! with what it processes for it, on what basis, for how long, and with whom it shares it.

use crate::model::fideslang as fl;
use crate::model::fideslang::doc::PrivacyDeclaration;
use crate::model::{Flow, Node, ProcessingActivity, Project, RecipientRole, vocab};

use super::fides::{categories, joined, key};

/// Whether the operator decides on its own purposes (a third party in Art. 4(10)'s sense):
/// a processor is not one.
fn third_party(n: &Node) -> bool {
    matches!(
        n.recipient_role(),
        Some(RecipientRole::IndependentController | RecipientRole::JointController)
    )
}

/// The fields a flow sends for an activity.
fn fields_for<'p>(f: &'p Flow, a: &ProcessingActivity) -> Vec<&'p str> {
    f.sent_fields()
        .filter(|m| m.activities_on(f).contains(&a.id))
        .map(|m| m.field.as_str())
        .collect()
}

pub(super) fn declarations<'p>(
    p: &'p Project,
    n: &Node,
    a: &ProcessingActivity,
    out: &[&'p Flow],
    inn: &[&'p Flow],
) -> Vec<PrivacyDeclaration> {
    let serves = |f: &&&Flow| f.activities.contains(&a.id);
    let fields_of = |f: &&'p Flow| fields_for(f, a);
    let used: Vec<&str> = out
        .iter()
        .chain(inn.iter())
        .filter(serves)
        .flat_map(&fields_of)
        .collect();
    let special = used
        .iter()
        .filter_map(|id| p.field(id))
        .any(|f| f.special_category || vocab::is_special_category(&f.category));
    let shared: Vec<&&Flow> = out
        .iter()
        .filter(serves)
        .filter(|f| p.node(f.to.as_str()).is_some_and(third_party))
        .collect();
    let third_parties = joined(
        shared
            .iter()
            .filter_map(|f| p.node(f.to.as_str()))
            .map(|t| t.operator.clone()),
    );
    // The system's own rules, then the activity's limit, which an import reads back.
    let retention = joined(
        p.retention
            .iter()
            .filter(|r| r.node == n.id)
            .map(|r| format!("{}: {}", r.applies_to, r.limit))
            .chain(
                a.max_retention
                    .map(|m| format!("at most {m} (the activity's limit)")),
            ),
    );
    let keys = |flows: &[&Flow], end: fn(&Flow) -> &str| -> Option<Vec<String>> {
        let mut v: Vec<String> = Vec::new();
        for f in flows.iter().filter(serves) {
            let k = key(end(f));
            if !v.contains(&k) {
                v.push(k);
            }
        }
        (!v.is_empty()).then_some(v)
    };
    let uses: Vec<String> = if a.data_uses.is_empty() {
        vec![fl::USE_NOT_RECORDED.to_owned()]
    } else {
        a.data_uses.iter().map(|u| fl::key_of(u)).collect()
    };
    uses.into_iter()
        .map(|data_use| PrivacyDeclaration {
            name: a.name.clone(),
            data_use,
            data_categories: categories(p, used.iter().copied()),
            data_subjects: a.data_subjects.iter().map(|s| fl::key_of(s)).collect(),
            egress: keys(out, |f| f.to.as_str()),
            ingress: keys(inn, |f| f.from.as_str()),
            legal_basis_for_processing: a.lawful_basis.map(|b| fl::lawful_basis(b).to_owned()),
            impact_assessment_location: a.legitimate_interests_assessment.clone(),
            retention_period: retention.clone(),
            processes_special_category_data: special,
            special_category_legal_basis: a
                .special_category_condition
                .filter(|_| special)
                .map(|c| fl::special_basis(c).to_owned()),
            data_shared_with_third_parties: !shared.is_empty(),
            third_parties: third_parties.clone(),
            shared_categories: categories(p, shared.iter().flat_map(|f| fields_of(f))),
        })
        .collect()
}

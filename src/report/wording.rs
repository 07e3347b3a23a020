//! How the record words single facts: a count of a category, a lawful basis, a node's kind and
//! operator, a retention scope and limit, the data subject's rights, joint controllers, what
//! happens on withdrawal, and access to the user's device. The PDF, the CSV and the change log
//! use the same words.

use crate::model::*;

use super::recipients;
use super::words::Words;

/// What the model records about withdrawal for an activity on consent: how each gate that
/// enforces its purpose passes a withdrawal on, and what stores and flows that serve it do
/// with a person's pending events.
pub(super) fn withdrawal(
    p: &Project,
    a: &ProcessingActivity,
    flows: &[&Flow],
    w: &Words,
) -> String {
    let (Some(LawfulBasis::Consent), Some(purpose)) = (a.lawful_basis, &a.consent_purpose) else {
        return w.get("not_applicable");
    };
    let mut said = Vec::new();
    let how = |h: &WithdrawalHandling| match h {
        WithdrawalHandling::Custom(s) => s.clone(),
        other => w.term("withdrawal", other),
    };
    for n in &p.nodes {
        if let Some(g) = n.as_gate().filter(|g| g.enforces.contains(purpose)) {
            said.push(if g.withdrawal.trim().is_empty() {
                w.fill("withdrawal.not_described", &[("system", &n.name)])
            } else {
                w.fill(
                    "withdrawal.said",
                    &[
                        ("system", &n.name),
                        ("how", &g.withdrawal.trim().trim_end_matches('.')),
                    ],
                )
            });
        }
    }
    for n in &p.nodes {
        if let Some(h) = n.as_store().and_then(|s| s.on_withdrawal.as_ref())
            && flows.iter().any(|f| f.to == n.id || f.from == n.id)
        {
            said.push(w.fill("withdrawal.said", &[("system", &n.name), ("how", &how(h))]));
        }
    }
    for f in flows {
        if let Some(h) = &f.on_withdrawal {
            let name = |id: &NodeId| {
                p.node(id.as_str())
                    .map_or(id.to_string(), |n| n.name.clone())
            };
            let system = format!("{} → {}", name(&f.from), name(&f.to));
            said.push(w.fill("withdrawal.said", &[("system", &system), ("how", &how(h))]));
        }
    }
    if said.is_empty() {
        w.get("not_recorded")
    } else {
        w.join(&said)
    }
}

/// What the record knows about reading the user's device for the activity: the cookies its
/// fields are read from, and whether a consent purpose covers that or it is strictly necessary.
pub(super) fn device_access(
    p: &Project,
    a: &ProcessingActivity,
    fields: &[&FieldId],
    w: &Words,
) -> String {
    let cookies: Vec<&str> = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter_map(|f| f.cookie.as_deref())
        .collect();
    if cookies.is_empty() {
        return if a.strictly_necessary {
            w.get("device.none_necessary")
        } else {
            w.get("device.none")
        };
    }
    let cover = if a.strictly_necessary {
        w.get("device.necessary")
    } else {
        match a.consent_purpose.as_ref().map(|c| {
            p.consent_purpose(c.as_str())
                .map_or(c.as_str(), |x| x.name.as_str())
        }) {
            Some(name) => w.fill("device.purpose", &[("name", &name)]),
            None => w.get("device.no_purpose"),
        }
    };
    w.fill(
        "device.reads",
        &[("cookies", &cookies.join(", ")), ("cover", &cover)],
    )
}

/// "Contact data (7 fields)".
pub(super) fn count(w: &Words, category: &str, n: usize) -> String {
    let name = w.get(&format!("category.{category}"));
    if n == 1 {
        w.fill("category.count.one", &[("category", &name)])
    } else {
        w.fill("category.count.many", &[("category", &name), ("n", &n)])
    }
}

/// "consent (Art. 6(1)(a))".
pub(super) fn basis(w: &Words, b: LawfulBasis) -> String {
    w.fill(
        "basis.line",
        &[
            ("label", &w.term("basis", &b)),
            ("article", &w.term("article.basis", &b)),
        ],
    )
}

/// What kind of system a node is: "website", "consent gate", "destination (meta)".
pub(super) fn kind(w: &Words, n: &Node) -> String {
    match &n.kind {
        NodeKind::Source(s) => w.term("kind", &s.source),
        NodeKind::Relay(r) => w.term("kind", &r.relay),
        NodeKind::ConsentGate(_) => w.get("kind.gate"),
        NodeKind::Store(s) => w.term("kind", &s.store),
        NodeKind::Destination(d) => w.fill("kind.destination", &[("platform", &d.platform)]),
    }
}

/// What a retention rule covers: "all personal data", "field E-mail address".
pub(super) fn scope(p: &Project, w: &Words, s: &RetentionScope) -> String {
    match s {
        RetentionScope::AllPersonalData => w.get("scope.AllPersonalData"),
        RetentionScope::Field(f) => w.fill(
            "scope.Field",
            &[(
                "name",
                &p.field(f.as_str())
                    .map_or(f.to_string(), |x| x.label.clone()),
            )],
        ),
        RetentionScope::Category(c) => w.fill("scope.Category", &[("name", c)]),
    }
}

/// "30 days", "account closed + 30 days".
pub(super) fn limit(w: &Words, l: &RetentionLimit) -> String {
    match l {
        RetentionLimit::Period(p) => w.period(p),
        RetentionLimit::AfterEvent { event, plus } => w.fill(
            "limit.after",
            &[("event", event), ("period", &w.period(plus))],
        ),
    }
}

/// The data subjects' rights that apply under a lawful basis (Art. 15–22).
pub(super) fn rights(w: &Words, basis: Option<LawfulBasis>) -> String {
    w.get(match basis {
        Some(LawfulBasis::Consent) => "rights.consent",
        Some(LawfulBasis::Contract) => "rights.contract",
        Some(LawfulBasis::LegitimateInterests) | Some(LawfulBasis::PublicTask) => {
            "rights.objection"
        }
        Some(LawfulBasis::LegalObligation) | Some(LawfulBasis::VitalInterests) => {
            "rights.restricted"
        }
        None => "rights.unknown",
    })
}

pub(super) fn operator(w: &Words, n: &Node) -> String {
    if n.operator.trim().is_empty() {
        w.get("operator_not_recorded")
    } else {
        n.operator.trim().to_owned()
    }
}

/// "Meta Platforms Ireland Ltd. (Ireland), for Meta Conversions API; terms on record: Meta
/// Business Tools Terms (accepted 2024-05-14)": a system whose operator is a joint controller,
/// with the contract and platform terms on record (which of them holds the Art. 26
/// arrangement, the model does not say, so the record does not either).
pub(super) fn joint_with_terms(n: &Node, w: &Words) -> String {
    format!(
        "{}{}{}",
        joint_line(w, n),
        w.get("list.sep"),
        match recipients::contract(w, n) {
            Some(terms) => w.fill("joint.terms", &[("list", &terms)]),
            None => w.get("joint.no_terms"),
        }
    )
}

pub(super) fn joint_line(w: &Words, n: &Node) -> String {
    w.fill(
        "joint.destination",
        &[
            ("who", &operator(w, n)),
            ("country", &w.country(&n.country)),
            ("system", &n.name),
        ],
    )
}

/// Every joint controller of the project, once each: the organisation's and the operators of
/// destinations recorded as joint controllers (for the record's cover).
pub fn all_joint_controllers(p: &Project, w: &Words) -> Vec<String> {
    let mut out: Vec<String> = p
        .organisation
        .joint_controllers
        .iter()
        .map(|j| j.party.one_line())
        .collect();
    for n in &p.nodes {
        if n.recipient_role() == Some(RecipientRole::JointController) {
            let line = joint_line(w, n);
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

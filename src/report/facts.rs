//! What the record says about each processing activity, derived from the flows that serve it:
//! the categories of data, the sources, the recipients, the countries, the retention. Shared by
//! the PDF and the CSV so that both say the same.

use std::collections::BTreeSet;

use crate::check::context::in_eea;
use crate::model::*;

/// Everything the record needs about one activity, as text ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityFacts {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub purpose: String,
    pub data_uses: Vec<String>,
    pub data_subjects: Vec<String>,
    /// Fields carried for the activity: "E-mail address (user.contact.email)".
    pub personal_data: Vec<String>,
    pub special_category: String,
    /// Who decides with the controller (Art. 26): the organisation's joint controllers, and
    /// the operators of destinations recorded as joint controllers that receive data for the
    /// activity, each with its arrangement as recorded.
    pub joint_controllers: Vec<String>,
    pub recipients: Vec<String>,
    pub processor_contracts: Vec<String>,
    pub third_countries: Vec<String>,
    pub transfer_safeguards: Vec<String>,
    pub retention: Vec<String>,
    pub security_measures: Vec<String>,
    pub lawful_basis: String,
    pub legitimate_interests: String,
    pub rights: String,
    pub profiling: String,
    pub sources: Vec<String>,
    pub consent_record: String,
    /// Cookies read for the activity and what covers reading them (ePrivacy Art. 5(3)).
    pub device_access: String,
    /// How a withdrawal of consent reaches the systems, as recorded (Art. 7(3)).
    pub withdrawal: String,
    pub locations: Vec<String>,
    pub dpia: String,
    pub last_review: String,
    /// When the activity was introduced and last changed ("not recorded" where not).
    pub introduced: String,
    pub changed: String,
}

/// The facts of one activity.
pub fn activity_facts(p: &Project, a: &ProcessingActivity) -> ActivityFacts {
    let flows: Vec<&Flow> = p
        .flows
        .iter()
        .filter(|f| f.activities.contains(&a.id))
        .collect();
    // The fields used for the activity: a mapping may name fewer activities than its flow.
    let mut fields: Vec<&FieldId> = Vec::new();
    for f in &flows {
        for m in f
            .sent_fields()
            .filter(|m| m.activities_on(f).contains(&a.id))
        {
            if !fields.contains(&&m.field) {
                fields.push(&m.field);
            }
        }
    }
    let personal_data = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter(|f| f.identifiability.is_personal())
        .map(|f| format!("{} ({})", f.label, f.category))
        .collect();
    let special: Vec<String> = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter(|f| f.special_category || vocab::is_special_category(&f.category))
        .map(|f| f.label.clone())
        .collect();
    let special_category = if special.is_empty() {
        "None".to_owned()
    } else {
        format!(
            "{}; condition: {}",
            special.join(", "),
            a.special_category_condition
                .map_or("none recorded".to_owned(), |c| c.article().to_owned())
        )
    };

    // Nodes that receive data for the activity, in file order.
    let receivers: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| flows.iter().any(|f| f.to == n.id))
        .collect();
    let sources: Vec<String> = p
        .nodes
        .iter()
        .filter(|n| n.as_source().is_some() && flows.iter().any(|f| f.from == n.id))
        .map(|n| {
            let users = match n.as_source() {
                Some(s) if !s.regions.is_empty() => format!("; users in {}", s.regions.join(", ")),
                _ if !p.organisation.establishment.trim().is_empty() => {
                    format!("; users in {}", p.organisation.establishment.trim())
                }
                _ => String::new(),
            };
            format!("{} ({}{users})", n.name, n.kind_detail())
        })
        .collect();
    let recipients = receivers
        .iter()
        .filter_map(|n| Some((n, n.as_destination()?)))
        .map(|(n, d)| {
            let role = d
                .role
                .map_or("role not recorded".to_owned(), |r| r.to_string());
            format!(
                "{} — {} ({role}, {})",
                n.name,
                n.operator,
                country_or_unknown(&n.country)
            )
        })
        .collect();
    let mut joint_controllers: Vec<String> = p
        .organisation
        .joint_controllers
        .iter()
        .map(|j| {
            if j.arrangement.trim().is_empty() {
                format!("{}; arrangement: none recorded", j.party.one_line())
            } else {
                format!(
                    "{}; arrangement: {}",
                    j.party.one_line(),
                    j.arrangement.trim()
                )
            }
        })
        .collect();
    joint_controllers.extend(
        receivers
            .iter()
            .filter_map(|n| Some((n, n.as_destination()?)))
            .filter(|(_, d)| d.role == Some(RecipientRole::JointController))
            .map(|(n, d)| destination_joint_controller(n, d)),
    );
    let processor_contracts = receivers
        .iter()
        .filter_map(|n| n.as_destination())
        .flat_map(|d| d.terms.iter())
        .map(|t| {
            let status = match (t.accepted, t.date) {
                (true, Some(d)) => format!("accepted {d}"),
                (true, None) => "accepted".to_owned(),
                (false, _) => "not accepted".to_owned(),
            };
            if t.url.is_empty() {
                format!("{} ({status})", t.name)
            } else {
                format!("{} ({status}): {}", t.name, t.url)
            }
        })
        .collect();
    let third: Vec<&&Node> = receivers
        .iter()
        .filter(|n| !n.country.trim().is_empty() && !in_eea(&n.country))
        .collect();
    let third_countries: BTreeSet<String> = third.iter().map(|n| n.country.clone()).collect();
    let transfer_safeguards = third
        .iter()
        .map(|n| match &n.transfer {
            Some(t) if t.reference.is_empty() => format!("{}: {}", n.name, t.mechanism),
            Some(t) => format!("{}: {} ({})", n.name, t.mechanism, t.reference),
            None => format!("{}: no mechanism recorded", n.name),
        })
        .collect();
    let mut retention = Vec::new();
    if let Some(max) = a.max_retention {
        retention.push(format!("At most {max} for this purpose"));
    }
    for n in &receivers {
        let mut rules = p.retention.iter().filter(|r| r.node == n.id).peekable();
        // A system that keeps the data with no rule on record is a gap the record must show,
        // not leave out (a gate only passes events on).
        if rules.peek().is_none() && crate::check::context::Context::holds_data(n) {
            retention.push(format!("{}: not defined", n.name));
        }
        for r in rules {
            retention.push(format!("{}: {} — {}", n.name, r.applies_to, r.limit));
        }
    }
    let locations: BTreeSet<String> = receivers
        .iter()
        .map(|n| country_or_unknown(&n.country))
        .collect();
    let lawful_basis = a
        .lawful_basis
        .map_or("Not recorded".to_owned(), |b| b.to_string());
    let legitimate_interests = match a.lawful_basis {
        Some(LawfulBasis::LegitimateInterests) => format!(
            "Interest pursued: {}; assessment: {}",
            if a.legitimate_interest.trim().is_empty() {
                "not stated"
            } else {
                a.legitimate_interest.trim()
            },
            a.legitimate_interests_assessment
                .as_deref()
                .unwrap_or("not referenced")
        ),
        _ => "Not applicable".to_owned(),
    };
    // Consent is recorded for an activity on consent, and for special-category data under
    // explicit consent (Art. 9(2)(a)), whatever the Art. 6 basis.
    let on_consent = a.lawful_basis == Some(LawfulBasis::Consent)
        || a.special_category_condition == Some(SpecialCategoryCondition::ExplicitConsent);
    let consent_record = match (on_consent, &a.consent_purpose) {
        (true, Some(purpose)) => {
            let stores: Vec<String> = p
                .nodes
                .iter()
                .filter_map(|n| Some((n, n.as_gate()?)))
                .filter(|(_, g)| g.enforces.contains(purpose))
                .map(
                    |(n, g)| match g.records_to.as_ref().and_then(|s| p.node(s.as_str())) {
                        Some(store) => format!("{} (kept by {})", store.name, n.name),
                        None => format!("not kept ({} keeps no record)", n.name),
                    },
                )
                .collect();
            let name = p
                .consent_purpose(purpose.as_str())
                .map_or(purpose.to_string(), |c| c.name.clone());
            if stores.is_empty() {
                format!("Consent purpose “{name}”: no consent gate enforces it")
            } else {
                format!("Consent purpose “{name}”: {}", stores.join("; "))
            }
        }
        (true, None) => "No consent purpose recorded".to_owned(),
        (false, _) => "Not applicable".to_owned(),
    };
    ActivityFacts {
        id: a.id.to_string(),
        name: a.name.clone(),
        owner: a.owner.clone(),
        purpose: a.description.clone(),
        data_uses: a.data_uses.clone(),
        data_subjects: a
            .data_subjects
            .iter()
            .map(|s| vocab::label(vocab::DATA_SUBJECTS, s).map_or(s.clone(), str::to_owned))
            .collect(),
        personal_data,
        special_category,
        joint_controllers,
        recipients,
        processor_contracts,
        third_countries: third_countries.into_iter().collect(),
        transfer_safeguards,
        retention,
        security_measures: a.security_measures.clone(),
        lawful_basis,
        legitimate_interests,
        rights: rights(a.lawful_basis),
        profiling: if a.data_uses.iter().any(|u| u.contains("profiling")) {
            "Profiling for advertising by the recipients (marketing.advertising.profiling); no decisions with legal or similarly significant effects are recorded".to_owned()
        } else {
            "None recorded".to_owned()
        },
        sources,
        consent_record,
        device_access: device_access(p, a, &fields),
        withdrawal: withdrawal(p, a, &flows),
        locations: locations.into_iter().collect(),
        dpia: a.dpia.clone().unwrap_or_else(|| "None recorded".to_owned()),
        last_review: a.last_review.map_or(String::new(), |d| d.to_string()),
        introduced: a
            .introduced
            .map_or("Not recorded".to_owned(), |d| d.to_string()),
        changed: a
            .changed
            .map_or("Not recorded".to_owned(), |d| d.to_string()),
    }
}

/// What the model records about withdrawal for an activity on consent: how each gate that
/// enforces its purpose passes a withdrawal on, and what stores and flows that serve it do
/// with a person's pending events.
fn withdrawal(p: &Project, a: &ProcessingActivity, flows: &[&Flow]) -> String {
    let (Some(LawfulBasis::Consent), Some(purpose)) = (a.lawful_basis, &a.consent_purpose) else {
        return "Not applicable".to_owned();
    };
    let mut said = Vec::new();
    for n in &p.nodes {
        if let Some(g) = n.as_gate().filter(|g| g.enforces.contains(purpose)) {
            said.push(if g.withdrawal.trim().is_empty() {
                format!("{}: not described", n.name)
            } else {
                format!("{}: {}", n.name, g.withdrawal.trim().trim_end_matches('.'))
            });
        }
    }
    for n in &p.nodes {
        if let Some(h) = n.as_store().and_then(|s| s.on_withdrawal.as_ref())
            && flows.iter().any(|f| f.to == n.id || f.from == n.id)
        {
            said.push(format!("{}: {h}", n.name));
        }
    }
    for f in flows {
        if let Some(h) = &f.on_withdrawal {
            let name = |id: &NodeId| {
                p.node(id.as_str())
                    .map_or(id.to_string(), |n| n.name.clone())
            };
            said.push(format!("{} → {}: {h}", name(&f.from), name(&f.to)));
        }
    }
    if said.is_empty() {
        "Not recorded".to_owned()
    } else {
        said.join("; ")
    }
}

/// What the record knows about reading the user's device for the activity: the cookies its
/// fields are read from, and whether a consent purpose covers that or it is strictly necessary.
fn device_access(p: &Project, a: &ProcessingActivity, fields: &[&FieldId]) -> String {
    let cookies: Vec<&str> = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter_map(|f| f.cookie.as_deref())
        .collect();
    if cookies.is_empty() {
        return if a.strictly_necessary {
            "Strictly necessary for a service the user asked for; no cookies recorded".to_owned()
        } else {
            "No cookies recorded".to_owned()
        };
    }
    let cover = if a.strictly_necessary {
        "strictly necessary for a service the user asked for (no consent asked)".to_owned()
    } else {
        match a.consent_purpose.as_ref().map(|c| {
            p.consent_purpose(c.as_str())
                .map_or(c.as_str(), |x| x.name.as_str())
        }) {
            Some(name) => format!("under the consent purpose “{name}”"),
            None => "no consent purpose recorded".to_owned(),
        }
    };
    format!("Reads {}; {cover}", cookies.join(", "))
}

fn country_or_unknown(c: &str) -> String {
    if c.trim().is_empty() {
        "country not recorded".to_owned()
    } else {
        c.trim().to_owned()
    }
}

/// The data subjects' rights that apply under a lawful basis (Art. 15–22).
fn rights(basis: Option<LawfulBasis>) -> String {
    let common = "access (Art. 15), rectification (Art. 16)";
    match basis {
        Some(LawfulBasis::Consent) => format!(
            "{common}, erasure (Art. 17), restriction (Art. 18), portability (Art. 20), withdrawal of consent at any time (Art. 7(3))"
        ),
        Some(LawfulBasis::Contract) => {
            format!("{common}, erasure (Art. 17), restriction (Art. 18), portability (Art. 20)")
        }
        Some(LawfulBasis::LegitimateInterests) | Some(LawfulBasis::PublicTask) => {
            format!("{common}, erasure (Art. 17), restriction (Art. 18), objection (Art. 21)")
        }
        Some(LawfulBasis::LegalObligation) | Some(LawfulBasis::VitalInterests) => {
            format!("{common}, restriction (Art. 18)")
        }
        None => "Depends on the lawful basis, which is not recorded".to_owned(),
    }
}

/// "Meta Platforms Ireland Ltd. (IE), for Meta Conversions API; terms on record: Meta
/// Business Tools Terms (accepted 2024-05-14)": a destination recorded as joint controller,
/// with the platform terms on record (which of them holds the Art. 26 arrangement, the model
/// does not say, so the record does not either).
fn destination_joint_controller(n: &Node, d: &Destination) -> String {
    let who = if n.operator.trim().is_empty() {
        "operator not recorded".to_owned()
    } else {
        n.operator.trim().to_owned()
    };
    let arrangement: Vec<String> = d
        .terms
        .iter()
        .map(|t| match (t.accepted, t.date) {
            (true, Some(date)) => format!("{} (accepted {date})", t.name),
            (true, None) => format!("{} (accepted)", t.name),
            (false, _) => format!("{} (not accepted)", t.name),
        })
        .collect();
    format!(
        "{who} ({}), for {}; {}",
        country_or_unknown(&n.country),
        n.name,
        if arrangement.is_empty() {
            "no terms recorded".to_owned()
        } else {
            format!("terms on record: {}", arrangement.join(", "))
        }
    )
}

/// Every joint controller of the project, once each: the organisation's and the operators of
/// destinations recorded as joint controllers (for the record's cover).
pub fn all_joint_controllers(p: &Project) -> Vec<String> {
    let mut out: Vec<String> = p
        .organisation
        .joint_controllers
        .iter()
        .map(|j| j.party.one_line())
        .collect();
    for n in &p.nodes {
        if let Some(d) = n.as_destination()
            && d.role == Some(RecipientRole::JointController)
        {
            let line = format!(
                "{} ({}), for {}",
                if n.operator.trim().is_empty() {
                    "operator not recorded"
                } else {
                    n.operator.trim()
                },
                country_or_unknown(&n.country),
                n.name
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

//! What the record says about each processing activity, derived from the flows that serve it:
//! the categories of data, the sources, the recipients, the countries, the retention. Shared by
//! the PDF and the CSV so that both say the same.

use std::collections::BTreeSet;

use crate::check::context::in_eea;
use crate::model::*;

use super::categories;
use super::recipients;
use super::wording::{
    basis, count, device_access, joint_with_terms, kind, limit, rights, scope, withdrawal,
};
use super::words::Words;

/// Everything the record needs about one activity, as text ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityFacts {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub purpose: String,
    pub data_uses: Vec<String>,
    pub data_subjects: Vec<String>,
    /// The categories of the personal data carried for the activity, with the number of
    /// fields in each: "Contact data (7 fields)".
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
    /// Receiving systems with no country on record: where they process the data is unknown.
    pub countries_unknown: Vec<String>,
    /// Some receiving system is run by another company (whose onward transfers the model
    /// does not record).
    pub external_recipients: bool,
    pub retention: Vec<String>,
    pub security_measures: Vec<String>,
    pub lawful_basis: String,
    pub legitimate_interests: String,
    /// The legitimate interest pursued, for an activity on Art. 6(1)(f) ("not stated" when
    /// missing), else "Not applicable".
    pub legitimate_interest: String,
    /// The reference to the legitimate-interests assessment, as recorded (empty when none).
    pub assessment: String,
    /// A DPIA is on record.
    pub dpia_recorded: bool,
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

/// The flows that serve an activity, and the fields sent for it on them in first-seen order (a
/// mapping may name fewer activities than its flow).
pub(crate) fn activity_scope<'p>(
    p: &'p Project,
    a: &ProcessingActivity,
) -> (Vec<&'p Flow>, Vec<&'p FieldId>) {
    let flows: Vec<&Flow> = p
        .flows
        .iter()
        .filter(|f| f.activities.contains(&a.id))
        .collect();
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
    (flows, fields)
}

/// The facts of one activity.
pub fn activity_facts(p: &Project, a: &ProcessingActivity, w: &Words) -> ActivityFacts {
    let (flows, fields) = activity_scope(p, a);
    // (c) names categories, with the number of fields in each; the fields are in the annex.
    let personal: Vec<&Field> = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter(|f| f.identifiability.is_personal())
        .collect();
    let personal_data = categories::grouped(&personal)
        .into_iter()
        .map(|(category, members)| count(w, category, members.len()))
        .collect();
    let special: Vec<String> = fields
        .iter()
        .filter_map(|id| p.field(id.as_str()))
        .filter(|f| f.special_category || vocab::is_special_category(&f.category))
        .map(|f| f.label.clone())
        .collect();
    let special_category = if special.is_empty() {
        w.get("none")
    } else {
        w.fill(
            "special.list",
            &[
                ("fields", &special.join(", ")),
                (
                    "condition",
                    &a.special_category_condition
                        .map_or(w.get("special.no_condition"), |c| w.term("condition", &c)),
                ),
            ],
        )
    };

    // Nodes that receive data for the activity, in file order. The user's own browser, where
    // cookies are written, is not a recipient.
    let receivers: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| !n.is_users_device() && flows.iter().any(|f| f.to == n.id))
        .collect();
    let sources: Vec<String> = p
        .nodes
        .iter()
        .filter(|n| n.as_source().is_some() && flows.iter().any(|f| f.from == n.id))
        .map(|n| {
            let regions = |codes: &[String]| {
                let names: Vec<String> = codes.iter().map(|c| w.country(c)).collect();
                w.fill("source.users", &[("regions", &names.join(", "))])
            };
            let users = match n.as_source() {
                Some(s) if !s.regions.is_empty() => regions(&s.regions),
                _ if !p.organisation.establishment.trim().is_empty() => {
                    regions(&[p.organisation.establishment.trim().to_owned()])
                }
                _ => String::new(),
            };
            w.fill(
                "source.line",
                &[("name", &n.name), ("kind", &kind(w, n)), ("users", &users)],
            )
        })
        .collect();
    let recipients = recipients::grouped(p, w, &receivers);
    let mut joint_controllers: Vec<String> = p
        .organisation
        .joint_controllers
        .iter()
        .map(|j| {
            if j.arrangement.trim().is_empty() {
                w.fill("joint.arrangement_none", &[("party", &j.party.one_line())])
            } else {
                w.fill(
                    "joint.arrangement",
                    &[
                        ("party", &j.party.one_line()),
                        ("arrangement", &j.arrangement.trim()),
                    ],
                )
            }
        })
        .collect();
    joint_controllers.extend(
        receivers
            .iter()
            .filter(|n| n.recipient_role() == Some(RecipientRole::JointController))
            .map(|n| joint_with_terms(n, w)),
    );
    // The link to each processor's contract (the ICO's column): the contract on record and
    // the platform terms, with their addresses.
    let processor_contracts = receivers
        .iter()
        .filter(|n| n.recipient_role() == Some(RecipientRole::Processor))
        .flat_map(|n| {
            let own = (!n.contract.trim().is_empty()).then(|| {
                w.fill(
                    "contract.of",
                    &[("system", &n.name), ("contract", &n.contract.trim())],
                )
            });
            let terms = n.as_destination().into_iter().flat_map(|d| {
                d.terms.iter().map(|t| {
                    let accepted = recipients::accepted(w, t);
                    if t.url.is_empty() {
                        accepted
                    } else {
                        w.fill("contract.url", &[("contract", &accepted), ("url", &t.url)])
                    }
                })
            });
            own.into_iter().chain(terms).collect::<Vec<_>>()
        })
        .collect();
    let third: Vec<&&Node> = receivers
        .iter()
        .filter(|n| !n.country.trim().is_empty() && !in_eea(&n.country))
        .collect();
    let third_countries: BTreeSet<String> = third.iter().map(|n| w.country(&n.country)).collect();
    let transfer_safeguards = third
        .iter()
        .map(|n| match &n.transfer {
            Some(t) if t.reference.is_empty() => w.fill(
                "e.safeguard",
                &[
                    ("system", &n.name),
                    ("mechanism", &w.term("mechanism", &t.mechanism)),
                ],
            ),
            Some(t) => w.fill(
                "e.safeguard_ref",
                &[
                    ("system", &n.name),
                    ("mechanism", &w.term("mechanism", &t.mechanism)),
                    ("reference", &t.reference),
                ],
            ),
            None => w.fill("e.no_mechanism", &[("system", &n.name)]),
        })
        .collect();
    let mut retention = Vec::new();
    if let Some(max) = a.max_retention {
        retention.push(w.fill("f.max", &[("period", &w.period(&max))]));
    }
    for n in &receivers {
        let mut rules = p.retention.iter().filter(|r| r.node == n.id).peekable();
        // A system that keeps the data with no rule on record is a gap the record must show,
        // not leave out (a gate only passes events on).
        if rules.peek().is_none() && crate::check::context::Context::holds_data(n) {
            retention.push(w.fill("f.undefined", &[("system", &n.name)]));
        }
        for r in rules {
            retention.push(w.fill(
                "f.rule",
                &[
                    ("system", &n.name),
                    ("scope", &scope(p, w, &r.applies_to)),
                    ("limit", &limit(w, &r.limit)),
                ],
            ));
        }
    }
    let locations: BTreeSet<String> = receivers.iter().map(|n| w.country(&n.country)).collect();
    let lawful_basis = a
        .lawful_basis
        .map_or(w.get("not_recorded"), |b| basis(w, b));
    let legitimate_interests = match a.lawful_basis {
        Some(LawfulBasis::LegitimateInterests) => w.fill(
            "li.text",
            &[
                (
                    "interest",
                    &if a.legitimate_interest.trim().is_empty() {
                        w.get("li.not_stated")
                    } else {
                        a.legitimate_interest.trim().to_owned()
                    },
                ),
                (
                    "assessment",
                    &a.legitimate_interests_assessment
                        .clone()
                        .unwrap_or_else(|| w.get("li.not_referenced")),
                ),
            ],
        ),
        _ => w.get("not_applicable"),
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
                        Some(store) => {
                            w.fill("consent.kept", &[("store", &store.name), ("gate", &n.name)])
                        }
                        None => w.fill("consent.not_kept", &[("gate", &n.name)]),
                    },
                )
                .collect();
            let name = p
                .consent_purpose(purpose.as_str())
                .map_or(purpose.to_string(), |c| c.name.clone());
            if stores.is_empty() {
                w.fill("consent.no_gate", &[("name", &name)])
            } else {
                w.fill(
                    "consent.records",
                    &[("name", &name), ("list", &w.join(&stores))],
                )
            }
        }
        (true, None) => w.get("consent.no_purpose"),
        (false, _) => w.get("not_applicable"),
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
            .map(|s| match vocab::label(vocab::DATA_SUBJECTS, s) {
                Some(_) => w.get(&format!("subject.{s}")),
                None => s.clone(),
            })
            .collect(),
        personal_data,
        special_category,
        joint_controllers,
        recipients,
        processor_contracts,
        third_countries: third_countries.into_iter().collect(),
        transfer_safeguards,
        countries_unknown: receivers
            .iter()
            .filter(|n| n.country.trim().is_empty())
            .map(|n| n.name.clone())
            .collect(),
        external_recipients: receivers
            .iter()
            .any(|n| recipients::category(p, n) != recipients::Category::Internal),
        retention,
        security_measures: a.security_measures.clone(),
        lawful_basis,
        legitimate_interests,
        legitimate_interest: match a.lawful_basis {
            Some(LawfulBasis::LegitimateInterests) if a.legitimate_interest.trim().is_empty() => {
                w.get("li.not_stated")
            }
            Some(LawfulBasis::LegitimateInterests) => a.legitimate_interest.trim().to_owned(),
            _ => w.get("not_applicable"),
        },
        assessment: a
            .legitimate_interests_assessment
            .clone()
            .unwrap_or_default(),
        dpia_recorded: a.dpia.is_some(),
        rights: rights(w, a.lawful_basis),
        profiling: if a.data_uses.iter().any(|u| u.contains("profiling")) {
            w.get("profiling.advertising")
        } else {
            w.get("none_recorded")
        },
        sources,
        consent_record,
        device_access: device_access(p, a, &fields, w),
        withdrawal: withdrawal(p, a, &flows, w),
        locations: locations.into_iter().collect(),
        dpia: a.dpia.clone().unwrap_or_else(|| w.get("none_recorded")),
        last_review: a.last_review.map_or(String::new(), |d| w.date(d)),
        introduced: a.introduced.map_or(w.get("not_recorded"), |d| w.date(d)),
        changed: a.changed.map_or(w.get("not_recorded"), |d| w.date(d)),
    }
}

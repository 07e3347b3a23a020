//! A fideslang manifest turned into a project. What capimap wrote into `meta.capimap` comes
//! back as it was; without it (a file from Fides itself) the kind of each system, the fields
//! of each flow and a field's identifiability are worked out from what fideslang says, and
//! each guess is listed as an item to complete.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::model::fideslang::doc::{CapimapMeta, Manifest, PrivacyDeclaration, System};
use crate::model::fideslang::{self as fl, Kind};
use crate::model::{
    ActivityId, ConsentGate, Destination, Field, FieldId, Identifiability, LawfulBasis, Node,
    NodeId, NodeKind, Party, ProcessingActivity, Project, RecipientRole, Relay, Source,
    SpecialCategoryCondition, Store, StoreKind, Transfer, TransferMechanism,
};

/// The project a manifest describes, and what the user has to complete.
pub struct Imported {
    pub project: Project,
    pub to_complete: Vec<String>,
}

/// A unit variant written by its name (`Website`, `Database`), as capimap's meta writes it.
fn variant<T: DeserializeOwned>(name: &str) -> Option<T> {
    ron::from_str(name.trim()).ok()
}

pub(super) fn meta(s: &System) -> Option<&CapimapMeta> {
    s.meta.as_ref().and_then(|m| m.capimap.as_ref())
}

fn party(c: &fl::doc::ContactDetails) -> Party {
    Party {
        name: c.name.clone(),
        address: c.address.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
    }
}

/// A guess at how well data of a category singles out a person, for a file that does not say.
fn identifiability_of(category: &str) -> Identifiability {
    let within = |p: &str| crate::model::vocab::is_within(category, p);
    if within("user.contact.email") || within("user.contact.phone_number") || within("user.name") {
        Identifiability::DirectIdentifier
    } else if within("user.unique_id")
        || within("user.device.cookie_id")
        || within("user.device.device_id")
        || category == "capimap.click_id"
    {
        Identifiability::PseudonymousId
    } else {
        Identifiability::Indirect
    }
}

pub fn to_project(m: &Manifest) -> Imported {
    let mut todo: Vec<String> = Vec::new();
    let org = m.organization.first();
    let mut p = Project::empty(
        org.map(|o| o.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Imported from Fides".to_owned()),
    );
    p.description = "Imported from a fideslang resource file.".to_owned();
    if let Some(o) = org {
        p.organisation.controller = o.controller.as_ref().map(party).unwrap_or_default();
        if p.organisation.controller.name.is_empty() {
            p.organisation.controller.name = o.name.clone();
        }
        p.organisation.dpo = o.data_protection_officer.as_ref().map(party);
        p.organisation.representative = o.representative.as_ref().map(party);
    }
    if p.organisation.controller.name.trim().is_empty() {
        todo.push(
            "the controller: the file has no organization; name it under Organisation".to_owned(),
        );
    }

    fields(m, &mut p, &mut todo);
    let by_key: HashMap<&str, &System> =
        m.system.iter().map(|s| (s.fides_key.as_str(), s)).collect();
    for s in &m.system {
        p.nodes
            .push(node(s, &p.organisation.controller.name, &mut todo));
    }
    activities(m, &mut p);
    super::flows::flows(m, &by_key, &mut p, &mut todo);
    let mapped: usize = p.flows.iter().map(|f| f.fields.len()).sum();
    if mapped > 0 {
        todo.push(format!(
            "how each field is sent (raw, hashed, truncated) on the {} imported flows: fideslang does not say, so each of the {mapped} field mappings is marked unknown",
            p.flows.len()
        ));
    }
    for n in &p.nodes {
        if n.as_gate().is_some() {
            todo.push(format!(
                "consent gate '{}': which consent purposes it enforces (fideslang has no consent gates)",
                n.name
            ));
        }
        if n.country.trim().is_empty() {
            todo.push(format!(
                "'{}': the country where it processes the data",
                n.name
            ));
        }
        if let Some(d) = n.as_destination()
            && d.platform.is_empty()
        {
            todo.push(format!(
                "'{}': which ad platform it is (a destination of the catalogue)",
                n.name
            ));
        }
    }
    Imported {
        project: p,
        to_complete: todo,
    }
}

/// The field catalogue: capimap's own list where the file has it, else a field for each
/// dataset field and for each category a flow names and no field has.
fn fields(m: &Manifest, p: &mut Project, todo: &mut Vec<String>) {
    for s in &m.system {
        for f in meta(s).map(|c| c.fields.as_slice()).unwrap_or_default() {
            if p.field(&f.id).is_none() {
                p.fields.push(Field {
                    id: FieldId::new(f.id.clone()),
                    label: f.label.clone(),
                    category: f.category.clone(),
                    special_category: f.special_category,
                    identifiability: variant(&f.identifiability).unwrap_or_default(),
                    cookie: (!f.cookie.is_empty()).then(|| f.cookie.clone()),
                    description: f.description.clone(),
                });
            }
        }
    }
    let mut guessed = 0;
    let mut add = |p: &mut Project, id: String, label: String, fides: &str| {
        let category = fl::category_from_fides(fides).to_owned();
        if p.field(&id).is_some() || p.fields.iter().any(|f| f.category == category) {
            return;
        }
        guessed += 1;
        p.fields.push(Field {
            id: FieldId::new(id),
            label,
            identifiability: identifiability_of(&category),
            special_category: crate::model::vocab::is_special_category(&category),
            category,
            cookie: None,
            description: String::new(),
        });
    };
    for d in &m.dataset {
        for c in &d.collections {
            for f in &c.fields {
                if let Some(cat) = f.data_categories.first() {
                    let label = if f.description.is_empty() {
                        f.name.clone()
                    } else {
                        f.description.clone()
                    };
                    add(p, fl::key_of(&f.name), label, cat);
                }
            }
        }
    }
    for s in &m.system {
        for flow in s.egress.iter().chain(s.ingress.iter()).flatten() {
            for cat in &flow.data_categories {
                let id = cat.rsplit('.').next().unwrap_or(cat).to_owned();
                let label = fl::default_name(Kind::Category, cat)
                    .map(str::to_owned)
                    .unwrap_or_else(|| id.replace('_', " "));
                add(p, id, label, cat);
            }
        }
    }
    if guessed > 0 {
        todo.push(format!(
            "{guessed} fields made from the file's data categories: check each one's identifiability (a guess from its category) and whether it is read from a cookie"
        ));
    }
}

fn node(s: &System, controller: &str, todo: &mut Vec<String>) -> Node {
    let c = meta(s);
    let operator = match c {
        Some(c) => c.operator.clone(),
        None => s
            .legal_name
            .clone()
            .filter(|l| !l.trim().eq_ignore_ascii_case(controller.trim()))
            .unwrap_or_default(),
    };
    // The controller's own system: no operator, or the controller (as Project::is_own_system).
    let own = operator.trim().is_empty() || operator.trim().eq_ignore_ascii_case(controller.trim());
    let role = if own {
        None
    } else if s.joint_controller_info.is_some() {
        Some(RecipientRole::JointController)
    } else if s.responsibility.iter().any(|r| r == "Processor") {
        Some(RecipientRole::Processor)
    } else if s.responsibility.iter().any(|r| r == "Controller") {
        Some(RecipientRole::IndependentController)
    } else {
        None
    };
    let detail = c.map(|c| c.detail.as_str()).unwrap_or("");
    let kind_word = c.map(|c| c.kind.clone()).unwrap_or_else(|| {
        let from_user = s.ingress.iter().flatten().any(|f| f.kind == "user");
        let word = if from_user {
            "source"
        } else if !s.dataset_references.is_empty() || s.system_type.eq_ignore_ascii_case("database") {
            "store"
        } else if !own && s.egress.as_ref().is_none_or(|e| e.is_empty()) {
            "destination"
        } else {
            "relay"
        };
        todo.push(format!(
            "'{}': imported as a {word} (worked out from its flows); change its kind if it is not one",
            s.name
        ));
        word.to_owned()
    });
    let kind = match kind_word.as_str() {
        "source" => NodeKind::Source(Source {
            source: variant(detail).unwrap_or_default(),
            collects: c
                .map(|c| c.collects.iter().map(|f| FieldId::new(f.clone())).collect())
                .unwrap_or_default(),
            ..Source::default()
        }),
        "consent_gate" => NodeKind::ConsentGate(ConsentGate {
            signal: variant(detail).unwrap_or_default(),
            ..ConsentGate::default()
        }),
        "store" => NodeKind::Store(Store {
            store: variant(detail).unwrap_or(StoreKind::Database),
            on_withdrawal: None,
        }),
        "destination" => NodeKind::Destination(Destination {
            platform: detail.to_owned(),
            role,
            ..Destination::default()
        }),
        _ => NodeKind::Relay(Relay {
            relay: variant(detail).unwrap_or_default(),
        }),
    };
    let is_destination = matches!(kind, NodeKind::Destination(_));
    let transfer = s.legal_basis_for_transfers.first().and_then(|b| {
        let mechanism = match b.as_str() {
            "Adequacy Decision" => TransferMechanism::AdequacyDecision,
            "SCCs" => TransferMechanism::StandardContractualClauses,
            "BCRs" => TransferMechanism::BindingCorporateRules,
            "Other" => TransferMechanism::Derogation,
            _ => return None,
        };
        Some(Transfer {
            mechanism,
            reference: c.map(|c| c.transfer_reference.clone()).unwrap_or_default(),
        })
    });
    Node {
        id: NodeId::new(s.fides_key.clone()),
        name: if s.name.is_empty() {
            s.fides_key.clone()
        } else {
            s.name.clone()
        },
        operator,
        country: c.map(|c| c.country.clone()).unwrap_or_default(),
        description: s.description.clone(),
        transfer,
        role: if is_destination { None } else { role },
        contract: s
            .joint_controller_info
            .as_deref()
            .and_then(|j| j.split_once(": ").map(|(_, c)| c.to_owned()))
            .unwrap_or_default(),
        disabled: false,
        origins: Vec::new(),
        kind,
    }
}

/// The activity id of a declaration: capimap's, where its meta names it.
pub(super) fn activity_id(s: &System, d: &PrivacyDeclaration) -> String {
    meta(s)
        .and_then(|c| c.activities.iter().find(|a| a.name == d.name))
        .map(|a| a.id.clone())
        .unwrap_or_else(|| fl::key_of(&d.name.to_lowercase()))
}

fn activities(m: &Manifest, p: &mut Project) {
    for s in &m.system {
        for d in &s.privacy_declarations {
            let id = activity_id(s, d);
            let at = match p.activities.iter().position(|a| a.id.as_str() == id) {
                Some(at) => at,
                None => {
                    p.activities.push(ProcessingActivity {
                        id: ActivityId::new(id),
                        name: if d.name.is_empty() {
                            d.data_use.clone()
                        } else {
                            d.name.clone()
                        },
                        ..ProcessingActivity::default()
                    });
                    p.activities.len() - 1
                }
            };
            let a = &mut p.activities[at];
            // Each declaration of the activity says the same; the first that says it counts.
            a.lawful_basis = a
                .lawful_basis
                .or_else(|| d.legal_basis_for_processing.as_deref().and_then(basis));
            if a.legitimate_interests_assessment.is_none() {
                a.legitimate_interests_assessment = d.impact_assessment_location.clone();
            }
            a.special_category_condition = a
                .special_category_condition
                .or_else(|| d.special_category_legal_basis.as_deref().and_then(special));
            a.max_retention = a.max_retention.or_else(|| {
                d.retention_period.as_deref().and_then(|r| {
                    r.split("; ")
                        .find_map(|part| part.strip_suffix(" (the activity's limit)"))
                        .and_then(|r| r.strip_prefix("at most "))
                        .and_then(|r| r.parse().ok())
                })
            });
            if d.data_use != fl::USE_NOT_RECORDED && !a.data_uses.contains(&d.data_use) {
                a.data_uses.push(d.data_use.clone());
            }
            for subject in &d.data_subjects {
                if !a.data_subjects.contains(subject) {
                    a.data_subjects.push(subject.clone());
                }
            }
        }
    }
}

fn basis(s: &str) -> Option<LawfulBasis> {
    Some(match s {
        "Consent" => LawfulBasis::Consent,
        "Contract" => LawfulBasis::Contract,
        "Legal obligations" => LawfulBasis::LegalObligation,
        "Vital interests" => LawfulBasis::VitalInterests,
        "Public interest" => LawfulBasis::PublicTask,
        "Legitimate interests" => LawfulBasis::LegitimateInterests,
        _ => return None,
    })
}

fn special(s: &str) -> Option<SpecialCategoryCondition> {
    use SpecialCategoryCondition as S;
    [
        S::ExplicitConsent,
        S::Employment,
        S::VitalInterests,
        S::NotForProfit,
        S::ManifestlyPublic,
        S::LegalClaims,
        S::SubstantialPublicInterest,
        S::HealthOrSocialCare,
        S::PublicHealth,
        S::ArchivingResearchStatistics,
    ]
    .into_iter()
    .find(|c| fl::special_basis(*c) == s)
}

//! Synthetic projects of any size, for benchmarks and for tests of large inputs. They are
//! shaped like real setups (sources → consent gates → relays → stores and destinations, with
//! Meta's wire names) and are the same on every run: the "randomness" is a fixed sequence.

use crate::model::*;

/// A fixed pseudo-random sequence (64-bit LCG), so that generated projects never vary.
pub struct Sequence(pub u64);

impl Sequence {
    /// The next number below `below` (0 when `below` is 0).
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// A field of the generated catalogue: id, category, identifiability, cookie, Meta wire name,
/// and the normalisation before hashing when Meta wants the field hashed.
type FieldSpec = (
    &'static str,
    &'static str,
    Identifiability,
    Option<&'static str>,
    &'static str,
    Option<Normalisation>,
);

const FIELDS: &[FieldSpec] = &[
    (
        "email",
        "user.contact.email",
        Identifiability::DirectIdentifier,
        None,
        "user_data.em",
        Some(Normalisation::Email),
    ),
    (
        "phone",
        "user.contact.phone_number",
        Identifiability::DirectIdentifier,
        None,
        "user_data.ph",
        Some(Normalisation::PhoneDigits),
    ),
    (
        "first_name",
        "user.name.first",
        Identifiability::Indirect,
        None,
        "user_data.fn",
        Some(Normalisation::Name),
    ),
    (
        "last_name",
        "user.name.last",
        Identifiability::Indirect,
        None,
        "user_data.ln",
        Some(Normalisation::Name),
    ),
    (
        "city",
        "user.contact.address.city",
        Identifiability::Indirect,
        None,
        "user_data.ct",
        Some(Normalisation::City),
    ),
    (
        "postal_code",
        "user.contact.address.postal_code",
        Identifiability::Indirect,
        None,
        "user_data.zp",
        Some(Normalisation::PostalCode),
    ),
    (
        "country",
        "user.contact.address.country",
        Identifiability::Indirect,
        None,
        "user_data.country",
        Some(Normalisation::Country),
    ),
    (
        "ip_address",
        "user.device.ip_address",
        Identifiability::Indirect,
        None,
        "user_data.client_ip_address",
        None,
    ),
    (
        "user_agent",
        "capimap.user_agent",
        Identifiability::Indirect,
        None,
        "user_data.client_user_agent",
        None,
    ),
    (
        "fbp",
        "user.device.cookie_id",
        Identifiability::PseudonymousId,
        Some("_fbp"),
        "user_data.fbp",
        None,
    ),
    (
        "fbc",
        "capimap.click_id",
        Identifiability::PseudonymousId,
        Some("_fbc"),
        "user_data.fbc",
        None,
    ),
    (
        "customer_id",
        "user.unique_id",
        Identifiability::PseudonymousId,
        None,
        "user_data.external_id",
        Some(Normalisation::AsIs),
    ),
    (
        "event_id",
        "capimap.event_id",
        Identifiability::NotPersonal,
        None,
        "event_id",
        None,
    ),
    (
        "order_id",
        "capimap.order_id",
        Identifiability::PseudonymousId,
        None,
        "custom_data.order_id",
        None,
    ),
    (
        "value",
        "capimap.event_data",
        Identifiability::NotPersonal,
        None,
        "custom_data.value",
        None,
    ),
];

/// The size ladder every scale benchmark and the README's whole-process figures use: (flows,
/// nodes), ten field mappings a flow. Ten flows a node up to 5,000 nodes, the most a real
/// setup has (an agency with many clients); beyond that a project grows in flows only.
pub const LADDER: [(usize, usize); 4] =
    [(500, 50), (5_000, 500), (50_000, 5_000), (200_000, 5_000)];

/// The project of the ladder's rung with `flows` flows (any number: the nodes follow the
/// ladder's rule).
pub fn rung(flows: usize) -> Project {
    sized((flows / 10).clamp(5, 5_000), flows, 10)
}

/// The export's projects: `activities` processing activities over `nodes` nodes and `flows`
/// flows of `mappings_per_flow` mappings, each flow serving one activity in turn.
pub fn with_activities(
    activities: usize,
    nodes: usize,
    flows: usize,
    mappings_per_flow: usize,
) -> Project {
    let mut p = sized(nodes, flows, mappings_per_flow);
    let templates = p.activities.clone();
    p.activities = (0..activities)
        .map(|i| {
            let mut a = templates[i % templates.len()].clone();
            a.id = ActivityId::new(format!("act-{i}"));
            a.name = format!("Processing activity {i}");
            a
        })
        .collect();
    for (i, f) in p.flows.iter_mut().enumerate() {
        f.activities = vec![ActivityId::new(format!("act-{}", i % activities.max(1)))];
    }
    p
}

/// A project with about `flows / 10` nodes, `flows` flows and `mappings_per_flow` field
/// mappings on each flow (at most 15).
pub fn project(flows: usize, mappings_per_flow: usize) -> Project {
    sized((flows / 10).max(5), flows, mappings_per_flow)
}

/// A project with `nodes` nodes (at least 5), `flows` flows and `mappings_per_flow` field
/// mappings on each flow (at most 15).
pub fn sized(nodes: usize, flows: usize, mappings_per_flow: usize) -> Project {
    let mut seq = Sequence(0x5eed);
    let mut p = Project::empty(format!("Synthetic project with {flows} flows"));
    p.organisation.controller = Party {
        name: "Synthetic GmbH".to_owned(),
        address: "Teststraße 1, 10115 Berlin, Germany".to_owned(),
        email: "privacy@synthetic.example".to_owned(),
        phone: String::new(),
    };
    p.consent_purposes = vec![ConsentPurpose {
        id: ConsentPurposeId::new("cp-ads"),
        name: "Advertising".to_owned(),
        description: String::new(),
        data_uses: vec!["analytics.reporting.ad_performance".to_owned()],
        mode: ConsentMode::OptIn,
        regions: vec!["EEA".to_owned()],
    }];
    for i in 0..4 {
        p.activities.push(ProcessingActivity {
            id: ActivityId::new(format!("act-{i}")),
            name: format!("Activity {i}"),
            description: "Conversion measurement".to_owned(),
            data_uses: vec!["analytics.reporting.ad_performance".to_owned()],
            lawful_basis: Some(if i % 2 == 0 {
                LawfulBasis::Consent
            } else {
                LawfulBasis::LegitimateInterests
            }),
            legitimate_interests_assessment: (i % 2 == 1).then(|| format!("LIA-{i}")),
            data_subjects: vec!["customer".to_owned()],
            consent_purpose: (i % 2 == 0).then(|| ConsentPurposeId::new("cp-ads")),
            max_retention: Some(Period::months(13)),
            security_measures: vec!["TLS".to_owned()],
            owner: "Marketing".to_owned(),
            ..ProcessingActivity::default()
        });
    }
    for (id, category, identifiability, cookie, _, _) in FIELDS {
        p.fields.push(Field {
            id: FieldId::new(*id),
            label: id.replace('_', " "),
            category: (*category).to_owned(),
            special_category: false,
            identifiability: *identifiability,
            cookie: cookie.map(str::to_owned),
            description: String::new(),
        });
    }

    let nodes = nodes.max(5);
    let kinds = [
        (nodes / 5, 's'),
        (nodes / 10, 'g'),
        (nodes * 3 / 10, 'r'),
        (nodes / 10, 'm'),
        (
            nodes - nodes / 5 - nodes / 10 - nodes * 3 / 10 - nodes / 10,
            'd',
        ),
    ];
    let mut by_kind: [Vec<String>; 5] = Default::default();
    for (k, (count, tag)) in kinds.iter().enumerate() {
        for i in 0..(*count).max(1) {
            let id = format!("{tag}{i}");
            let kind = match tag {
                's' => NodeKind::Source(Source {
                    source: SourceKind::Website,
                    collects: Vec::new(),
                    child_directed: false,
                    regions: Vec::new(),
                }),
                'g' => NodeKind::ConsentGate(ConsentGate {
                    enforces: vec![ConsentPurposeId::new("cp-ads")],
                    signal: SignalStandard::GoogleConsentMode,
                    withdrawal: "checked per event".to_owned(),
                    records_to: None,
                }),
                'r' => NodeKind::Relay(Relay {
                    relay: RelayKind::ServerSideTagManager,
                }),
                'm' => NodeKind::Store(Store {
                    store: StoreKind::Log,
                    on_withdrawal: None,
                }),
                _ => NodeKind::Destination(Destination {
                    api_version: String::new(),
                    platform: "meta".to_owned(),
                    role: Some(RecipientRole::JointController),
                    terms: Vec::new(),
                    account: String::new(),
                }),
            };
            p.nodes.push(Node {
                id: NodeId::new(&id),
                name: format!("Node {id}"),
                operator: "Synthetic GmbH".to_owned(),
                country: if i % 7 == 3 { "US" } else { "DE" }.to_owned(),
                description: String::new(),
                transfer: None,
                role: None,
                contract: String::new(),
                disabled: false,
                origins: Vec::new(),
                kind,
            });
            by_kind[k].push(id);
        }
    }

    let per_flow = mappings_per_flow.min(FIELDS.len());
    for i in 0..flows {
        // Mostly the layered shape of real setups, with some shortcuts that bypass the gates.
        let (from, to) = match i % 10 {
            0..=2 => (0, 1),
            3..=5 => (1, 2),
            6..=7 => (2, 4),
            8 => (2, 3),
            _ => (0, 2 + seq.next(3)),
        };
        let from = &by_kind[from][seq.next(by_kind[from].len())];
        let to = &by_kind[to][seq.next(by_kind[to].len())];
        let start = seq.next(FIELDS.len());
        let fields = (0..per_flow)
            .map(|k| {
                let (id, _, _, _, wire, hashing) = &FIELDS[(start + k) % FIELDS.len()];
                // About one mapping in a hundred has a gap, as in a real, mostly kept record.
                let transform = match hashing {
                    Some(n) if seq.next(100) > 0 => Transform::Sha256(Some(n.clone())),
                    _ => Transform::Raw,
                };
                FieldMapping {
                    justification: if seq.next(100) > 0 {
                        "needed for matching".to_owned()
                    } else {
                        String::new()
                    },
                    ..FieldMapping::new(FieldId::new(*id), *wire, transform)
                }
            })
            .collect();
        p.flows.push(Flow {
            request_type: None,
            origin: None,
            id: FlowId::new(format!("f{i}")),
            from: NodeId::new(from),
            to: NodeId::new(to),
            description: String::new(),
            activities: vec![ActivityId::new(format!("act-{}", seq.next(4)))],
            delivery: if i % 13 == 0 {
                Delivery::Batch(Period::days(1))
            } else {
                Delivery::RealTime
            },
            consent_signals: Vec::new(),
            on_withdrawal: None,
            fields,
        });
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_projects_have_the_asked_size_and_are_valid() {
        let p = project(500, 10);
        assert_eq!(p.flows.len(), 500);
        assert_eq!(p.nodes.len(), 50);
        assert_eq!(p.flows.iter().map(|f| f.fields.len()).sum::<usize>(), 5000);
        assert!(crate::store::validate::problems(&p).is_empty());
        assert_eq!(project(500, 10), p, "the same every time");
    }
}

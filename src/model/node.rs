//! Nodes of the data-flow graph: where personal data is collected, relayed, gated, stored or sent.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{ConsentPurposeId, FieldId, NodeId};
use super::time::Date;

/// A system that handles personal data, operated by one legal entity in one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: NodeId,
    pub name: String,
    /// The legal entity that operates the system (for a destination: the recipient).
    pub operator: String,
    /// ISO 3166-1 alpha-2 code of the country where the data is processed.
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The transfer mechanism, when the operator is outside the EEA (Art. 44–46).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// What the operator is to the controller when another company runs the system (a hosted
    /// customer data platform, a consent platform, a database at a cloud provider): the record
    /// lists it among the recipients by that role. A destination says it with its own `role`;
    /// none on a system of the controller's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RecipientRole>,
    /// The contract with the operator, as the record should cite it: the processor's Art. 28
    /// contract or the joint controllers' Art. 26 arrangement ("DPA of 2024-03-01, ref. 17").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contract: String,
    /// Not in use: every tag of the container that sent here is paused. The record and the
    /// checks leave a disabled destination out; it stays so that un-pausing the tag finds it.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub disabled: bool,
    /// The container elements this node was imported from (`capimap import gtm`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<super::origin::Origin>,
    pub kind: NodeKind,
}

/// What a node is, with what only that kind has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NodeKind {
    Source(Source),
    Relay(Relay),
    ConsentGate(ConsentGate),
    Store(Store),
    Destination(Destination),
}

impl NodeKind {
    pub fn label(&self) -> &'static str {
        match self {
            NodeKind::Source(_) => "source",
            NodeKind::Relay(_) => "relay",
            NodeKind::ConsentGate(_) => "consent gate",
            NodeKind::Store(_) => "store",
            NodeKind::Destination(_) => "destination",
        }
    }

    /// The order in which kinds are listed and laid out, left to right.
    pub fn rank(&self) -> u8 {
        match self {
            NodeKind::Source(_) => 0,
            NodeKind::ConsentGate(_) => 1,
            NodeKind::Relay(_) => 2,
            NodeKind::Store(_) => 3,
            NodeKind::Destination(_) => 4,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    #[default]
    Website,
    MobileApp,
    Crm,
    PointOfSale,
    Backend,
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceKind::Website => "website",
            SourceKind::MobileApp => "mobile app",
            SourceKind::Crm => "CRM",
            SourceKind::PointOfSale => "point of sale / offline",
            SourceKind::Backend => "backend",
        })
    }
}

/// Where personal data enters: a web shop, an app, a CRM, a till.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub source: SourceKind,
    /// The fields collected here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collects: Vec<FieldId>,
    /// The source is directed at children (ad platforms forbid such data).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub child_directed: bool,
    /// Where the source's users are ("DE", "EEA", "US-CA", …; see [`super::region`]). Empty:
    /// where the organisation is established, and anywhere when that is not recorded either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelayKind {
    #[default]
    ServerSideTagManager,
    Cdp,
    BackendService,
}

impl fmt::Display for RelayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RelayKind::ServerSideTagManager => "server-side tag manager",
            RelayKind::Cdp => "customer data platform",
            RelayKind::BackendService => "backend service",
        })
    }
}

/// A system that passes events on: a server-side tag manager, a CDP, an own service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relay {
    pub relay: RelayKind,
}

/// The standard in which a consent gate reads and passes on consent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignalStandard {
    /// IAB Transparency and Consent Framework (TC string).
    IabTcf,
    /// Google Consent Mode (ad_storage, ad_user_data, ad_personalization, analytics_storage).
    GoogleConsentMode,
    /// The organisation's own format.
    #[default]
    Own,
}

impl fmt::Display for SignalStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignalStandard::IabTcf => "IAB TCF",
            SignalStandard::GoogleConsentMode => "Google Consent Mode",
            SignalStandard::Own => "own format",
        })
    }
}

/// A consent-management platform or service that lets events through only with consent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentGate {
    /// The consent purposes it enforces: an event passes only when these were granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enforces: Vec<ConsentPurposeId>,
    pub signal: SignalStandard,
    /// How a withdrawal of consent reaches the systems downstream.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub withdrawal: String,
    /// The store its consent records go to (Art. 7(1): the controller must be able to
    /// demonstrate consent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_to: Option<NodeId>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StoreKind {
    #[default]
    Database,
    Log,
    Queue,
    /// The user's own browser or device, where a server writes cookies: storage on the
    /// terminal equipment (ePrivacy Art. 5(3)), not a transfer.
    Device,
}

impl fmt::Display for StoreKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreKind::Database => "database",
            StoreKind::Log => "log",
            StoreKind::Queue => "queue",
            StoreKind::Device => "the user's browser or device",
        })
    }
}

/// Where personal data is kept: a database, a log, a queue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub store: StoreKind,
    /// What happens to a person's pending events (a queue) or profile (a database) when they
    /// withdraw consent (Art. 7(3)); flows out of the store that say nothing themselves follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_withdrawal: Option<super::flow::WithdrawalHandling>,
}

/// The recipient's role towards the controller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecipientRole {
    /// Processes on the controller's behalf under an Art. 28 contract.
    Processor,
    /// Decides purposes and means together with the controller (Art. 26).
    JointController,
    /// Uses the data for its own purposes.
    IndependentController,
}

impl fmt::Display for RecipientRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecipientRole::Processor => "processor",
            RecipientRole::JointController => "joint controller",
            RecipientRole::IndependentController => "independent controller",
        })
    }
}

/// Terms of a platform that the controller must accept before sending data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsAcceptance {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    pub accepted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// A conversion-API endpoint of an ad platform.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    /// The platform id in capimap's catalogue (`meta`, `google-ads`, `tiktok`, …).
    pub platform: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RecipientRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<TermsAcceptance>,
    /// The account, pixel or dataset the events go to (an identifier of the advertiser's
    /// account, not of a person).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
    /// The version of the platform's API the integration calls (`v23`, `v21.0`, `202410`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
}

/// The legal ground for a transfer outside the EEA (Art. 44–49).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TransferMechanism {
    /// Art. 45 adequacy decision (e.g. the EU–US Data Privacy Framework for certified recipients).
    AdequacyDecision,
    /// Art. 46(2)(c) standard contractual clauses.
    StandardContractualClauses,
    /// Art. 47 binding corporate rules.
    BindingCorporateRules,
    /// Art. 49 derogation for specific situations.
    Derogation,
}

impl fmt::Display for TransferMechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransferMechanism::AdequacyDecision => "adequacy decision (Art. 45)",
            TransferMechanism::StandardContractualClauses => {
                "standard contractual clauses (Art. 46(2)(c))"
            }
            TransferMechanism::BindingCorporateRules => "binding corporate rules (Art. 47)",
            TransferMechanism::Derogation => "derogation (Art. 49)",
        })
    }
}

/// A transfer mechanism with what it rests on (e.g. "EU–US Data Privacy Framework").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub mechanism: TransferMechanism,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

impl Node {
    /// What the operator is to the controller: the destination's role, else the node's.
    pub fn recipient_role(&self) -> Option<RecipientRole> {
        match &self.kind {
            NodeKind::Destination(d) => d.role.or(self.role),
            _ => self.role,
        }
    }

    pub fn as_source(&self) -> Option<&Source> {
        match &self.kind {
            NodeKind::Source(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_store(&self) -> Option<&Store> {
        match &self.kind {
            NodeKind::Store(s) => Some(s),
            _ => None,
        }
    }

    /// The user's own browser or device (cookies a server writes): storage on the person's
    /// terminal equipment, not a recipient of the data (Art. 4(9) GDPR).
    pub fn is_users_device(&self) -> bool {
        matches!(self.as_store(), Some(s) if s.store == StoreKind::Device)
    }

    pub fn as_gate(&self) -> Option<&ConsentGate> {
        match &self.kind {
            NodeKind::ConsentGate(g) => Some(g),
            _ => None,
        }
    }

    pub fn as_destination(&self) -> Option<&Destination> {
        match &self.kind {
            NodeKind::Destination(d) => Some(d),
            _ => None,
        }
    }

    /// A short description of the kind: "website", "server-side tag manager", "Meta (meta)".
    pub fn kind_detail(&self) -> String {
        match &self.kind {
            NodeKind::Source(s) => s.source.to_string(),
            NodeKind::Relay(r) => r.relay.to_string(),
            NodeKind::ConsentGate(g) => format!("consent gate ({})", g.signal),
            NodeKind::Store(s) => s.store.to_string(),
            NodeKind::Destination(d) => format!("destination ({})", d.platform),
        }
    }
}

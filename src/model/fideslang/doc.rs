//! The shape of a fideslang resource file (a Fides manifest): the resources capimap writes and
//! reads, with the attributes it uses. Unknown attributes are ignored when reading, as
//! fideslang's own models ignore them; empty ones are left out when writing.

use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A manifest: lists of resources by type, as `fides push` reads them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization: Vec<Organization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_category: Vec<TaxonomyEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_use: Vec<TaxonomyEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_subject: Vec<TaxonomyEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub system: Vec<System>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dataset: Vec<Dataset>,
}

/// A data category, data use or data subject the file declares (an extension of the default
/// taxonomy).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaxonomyEntry {
    pub fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organization_fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_key: Option<String>,
}

/// Contact details of the controller, its DPO or its representative.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDetails {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<ContactDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_protection_officer: Option<ContactDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representative: Option<ContactDetails>,
}

/// A flow between a system and another system, a dataset or the user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataFlow {
    pub fides_key: String,
    /// `system`, `dataset` or `user`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<String>,
}

/// A function of a system: one purpose (data use) with what it processes and on what basis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyDeclaration {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub data_use: String,
    pub data_categories: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis_for_processing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact_assessment_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_period: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub processes_special_category_data: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special_category_legal_basis: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub data_shared_with_third_parties: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_parties: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_categories: Vec<String>,
}

/// An application or service that processes personal data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct System {
    pub fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organization_fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub system_type: String,
    /// What capimap knows of the node and fideslang has no attribute for (see
    /// [`CapimapMeta`]); any other tool's meta is kept as it is read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<DataFlow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Vec<DataFlow>>,
    pub privacy_declarations: Vec<PrivacyDeclaration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dataset_references: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub does_international_transfers: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legal_basis_for_transfers: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub requires_data_protection_assessments: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpa_location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_address: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsibility: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_controller_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_security_practices: Option<String>,
}

/// A system's `meta`: capimap's part under the key `capimap`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capimap: Option<CapimapMeta>,
}

/// What a capimap node holds that fideslang has no attribute for: the kind of node, the
/// country where the data is processed, the flows with the fields each carries and the
/// activities each serves. How each field is transformed and which consent each gate enforces
/// are not written: fideslang has no place for them, and an import asks for them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapimapMeta {
    /// `source`, `relay`, `consent_gate`, `store` or `destination`.
    pub kind: String,
    /// The source, relay or store kind, or the destination's platform id.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub operator: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub transfer_reference: String,
    /// The activities of the declarations, by id, with their names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityRef>,
    /// The fields a source collects, by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub collects: Vec<String>,
    /// The fields the system collects, sends or receives, as the field catalogue has them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldMeta>,
    /// The flows out of the system.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<FlowMeta>,
}

/// A field of the catalogue: what fideslang's categories do not say of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldMeta {
    pub id: String,
    pub label: String,
    /// capimap's category key (fideslang's is on the flows).
    pub category: String,
    /// `DirectIdentifier`, `Indirect`, `PseudonymousId` or `NotPersonal`.
    pub identifiability: String,
    #[serde(skip_serializing_if = "is_false")]
    pub special_category: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cookie: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl FieldMeta {
    pub fn of(f: &crate::model::Field) -> Self {
        FieldMeta {
            id: f.id.to_string(),
            label: f.label.clone(),
            category: f.category.clone(),
            identifiability: format!("{:?}", f.identifiability),
            special_category: f.special_category,
            cookie: f.cookie.clone().unwrap_or_default(),
            description: f.description.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityRef {
    pub id: String,
    pub name: String,
}

/// One flow out of a system: its id, where it goes, the fields it carries and the
/// activities it serves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlowMeta {
    pub id: String,
    pub to: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<String>,
}

/// A dataset: a store's data, as collections of fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dataset {
    pub fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organization_fides_key: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub collections: Vec<Collection>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Collection {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub fields: Vec<DatasetField>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatasetField {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<String>,
}

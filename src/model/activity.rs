//! Processing activities: one per purpose, each a row of the record of processing.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{ActivityId, ConsentPurposeId};
use super::time::{Date, Period};

/// The lawful basis of Art. 6(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LawfulBasis {
    /// Art. 6(1)(a)
    Consent,
    /// Art. 6(1)(b)
    Contract,
    /// Art. 6(1)(c)
    LegalObligation,
    /// Art. 6(1)(d)
    VitalInterests,
    /// Art. 6(1)(e)
    PublicTask,
    /// Art. 6(1)(f)
    LegitimateInterests,
}

impl LawfulBasis {
    pub const ALL: [LawfulBasis; 6] = [
        LawfulBasis::Consent,
        LawfulBasis::Contract,
        LawfulBasis::LegalObligation,
        LawfulBasis::VitalInterests,
        LawfulBasis::PublicTask,
        LawfulBasis::LegitimateInterests,
    ];

    /// The article reference, e.g. "Art. 6(1)(a)".
    pub fn article(self) -> &'static str {
        match self {
            LawfulBasis::Consent => "Art. 6(1)(a)",
            LawfulBasis::Contract => "Art. 6(1)(b)",
            LawfulBasis::LegalObligation => "Art. 6(1)(c)",
            LawfulBasis::VitalInterests => "Art. 6(1)(d)",
            LawfulBasis::PublicTask => "Art. 6(1)(e)",
            LawfulBasis::LegitimateInterests => "Art. 6(1)(f)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LawfulBasis::Consent => "consent",
            LawfulBasis::Contract => "contract",
            LawfulBasis::LegalObligation => "legal obligation",
            LawfulBasis::VitalInterests => "vital interests",
            LawfulBasis::PublicTask => "public task",
            LawfulBasis::LegitimateInterests => "legitimate interests",
        }
    }
}

impl fmt::Display for LawfulBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label(), self.article())
    }
}

/// The condition of Art. 9(2) that lifts the ban on processing special-category data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SpecialCategoryCondition {
    /// (a) explicit consent
    ExplicitConsent,
    /// (b) employment and social security law
    Employment,
    /// (c) vital interests where consent is impossible
    VitalInterests,
    /// (d) not-for-profit bodies
    NotForProfit,
    /// (e) made manifestly public by the data subject
    ManifestlyPublic,
    /// (f) legal claims
    LegalClaims,
    /// (g) substantial public interest
    SubstantialPublicInterest,
    /// (h) health or social care
    HealthOrSocialCare,
    /// (i) public health
    PublicHealth,
    /// (j) archiving, research, statistics
    ArchivingResearchStatistics,
}

impl SpecialCategoryCondition {
    pub fn article(self) -> &'static str {
        match self {
            Self::ExplicitConsent => "Art. 9(2)(a)",
            Self::Employment => "Art. 9(2)(b)",
            Self::VitalInterests => "Art. 9(2)(c)",
            Self::NotForProfit => "Art. 9(2)(d)",
            Self::ManifestlyPublic => "Art. 9(2)(e)",
            Self::LegalClaims => "Art. 9(2)(f)",
            Self::SubstantialPublicInterest => "Art. 9(2)(g)",
            Self::HealthOrSocialCare => "Art. 9(2)(h)",
            Self::PublicHealth => "Art. 9(2)(i)",
            Self::ArchivingResearchStatistics => "Art. 9(2)(j)",
        }
    }
}

/// A processing activity: one purpose, one row of the Art. 30 record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessingActivity {
    pub id: ActivityId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Data uses (fideslang keys, e.g. `marketing.advertising.third_party.targeted`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_uses: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lawful_basis: Option<LawfulBasis>,
    /// Reference to the legitimate-interests assessment, when the basis is Art. 6(1)(f).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interests_assessment: Option<String>,
    /// The legitimate interest pursued (Art. 6(1)(f)), in words: what the record states, besides
    /// the reference to its assessment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legitimate_interest: String,
    /// Categories of data subjects (fideslang keys, e.g. `customer`, `prospect`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<String>,
    /// The Art. 9(2) condition, when special-category data is involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_category_condition: Option<SpecialCategoryCondition>,
    /// The consent purpose that covers this activity: its lawful basis when the basis is
    /// consent; for any basis, the consent to read the cookies it uses (ePrivacy Art. 5(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_purpose: Option<ConsentPurposeId>,
    /// The longest any personal data may be kept for this purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retention: Option<Period>,
    /// Technical and organisational security measures (Art. 32(1)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_measures: Vec<String>,
    /// Who in the organisation answers for this activity.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Reference to the data protection impact assessment, if one was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<Date>,
    /// When the activity was introduced, and when it last changed (the German DSK and the CNIL
    /// templates ask for both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Date>,
    /// Strictly necessary for a service the user explicitly asked for (ePrivacy Art. 5(3),
    /// second sentence): reading the cookies it uses needs no consent.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub strictly_necessary: bool,
}

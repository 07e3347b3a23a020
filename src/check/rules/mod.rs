//! The rule registry: every rule capimap checks, with its id, severity, what it rests on and
//! how to fix what it finds. `capimap rules` prints this list.

use super::Rule;

pub(super) const GDPR: &str = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";
pub(super) const EPRIVACY: &str = "https://eur-lex.europa.eu/eli/dir/2002/58/oj";

mod consent;
mod data;
mod duties;
mod record;

pub use consent::*;
pub use data::*;
pub use duties::*;
pub use record::*;

/// Every rule, in the order `capimap rules` lists them.
pub static RULES: &[&Rule] = &[
    &UNGATED_PATH,
    &COOKIE_ID_UNGATED,
    &STRICTLY_NECESSARY_CLAIM,
    &OPT_OUT_AS_CONSENT,
    &PURPOSE_SCOPE_UNKNOWN,
    &WITHDRAWAL_UNHANDLED,
    &SIGNAL_MISSING,
    &LIMITED_USE_FLAG_MISSING,
    &NO_CONSENT_RECORDS,
    &CONSENT_RECORDS_NO_RETENTION,
    &NOT_ACCEPTED,
    &NO_JUSTIFICATION,
    &COLLECTED_UNUSED,
    &NOT_USED_IN_REGION,
    &SPECIAL_CATEGORY,
    &CHILD_DIRECTED,
    &PERSONAL_DATA_IN_NO_PII_FIELD,
    &MUST_HASH_RAW,
    &MUST_NOT_HASH_HASHED,
    &NORMALISATION_MISSING,
    &NORMALISATION_DIFFERS,
    &HASHED_NOT_PERSONAL,
    &NO_BASIS,
    &NO_LIA,
    &CONSENT_WITHOUT_PURPOSE,
    &NO_ART9_CONDITION,
    &TERMS_NOT_ACCEPTED,
    &NO_ROLE,
    &NO_TRANSFER_MECHANISM,
    &COUNTRY_UNKNOWN,
    &RETENTION_MISSING,
    &RETENTION_FIELD_UNCOVERED,
    &RETENTION_EXCEEDS_ACTIVITY,
    &PLATFORM_KEEPS_LONGER,
    &CONTROLLER_CONTACT,
    &DPO_MISSING,
    &PURPOSE_UNDESCRIBED,
    &SUBJECTS_MISSING,
    &ACTIVITY_WITHOUT_FLOWS,
    &FLOW_WITHOUT_ACTIVITY,
    &ERASURE_LIMIT,
    &SECURITY_MEASURES,
    &RECIPIENT_UNNAMED,
    &STALE_ACCEPTED_RISK,
    &UNKNOWN_PLATFORM,
    &UNKNOWN_REQUEST_TYPE,
    &API_VERSION_OLDER,
    &super::rules_gtm::SEND_ALWAYS,
    &super::rules_gtm::AD_STORAGE_ONLY,
    &super::rules_gtm::GCS_POSITION,
    &super::rules_gtm::STATE_SHADOW,
    &super::rules_gtm::EVENT_ENHANCEMENT,
    &super::rules_gtm::SETS_IDENTIFIER,
    &super::rules_gtm::RAW_CONTACT,
    &super::rules_gtm::PHONE_NORMALISATION,
    &super::rules_gtm::EMAIL_OVERNORMALISED,
    &super::rules_gtm::TEST_CODE,
    &super::rules_gtm::SECRET_IN_CONTAINER,
    &super::rules_gtm::SECRET_IN_LOGS,
    &super::rules_gtm::LDU_OFF,
    &super::rules_gtm::REDDIT_LDU,
    &super::rules_gtm::MS_CONSENT_UNSET,
    &super::rules_gtm::UNKNOWN_TEMPLATE,
    &super::rules_gtm::EXTRA_RECIPIENT,
    &super::rules_gtm::TAG_UNDOCUMENTED,
    &super::rules_gtm::FIELD_UNDOCUMENTED,
    &super::rules_gtm::FIELD_NOT_SENT,
    &super::rules_gtm::TRANSFORM_DIFFERS,
    &super::rules_gtm::DESTINATION_NOT_SENT,
    &super::rules_gtm::GATE_UNCHECKED,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Family;

    #[test]
    fn ids_are_unique_and_name_their_family() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            let prefix = r.id.split('/').next().unwrap();
            let family = match r.family {
                Family::Consent => "consent",
                Family::Minimise => "minimise",
                Family::Hashing => "hashing",
                Family::Lawful => "lawful",
                Family::Contracts => "contracts",
                Family::Transfers => "transfers",
                Family::Retention => "retention",
                Family::Record => "record",
                Family::Catalog => "catalog",
                Family::Gtm => "gtm",
            };
            assert_eq!(prefix, family, "{}", r.id);
            assert!(r.summary.ends_with('.') && r.fix.ends_with('.'), "{}", r.id);
            assert!(!r.rests_on.is_empty(), "{}", r.id);
        }
    }
}

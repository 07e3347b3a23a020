//! Minimisation and hashing: only the fields a destination needs, written the way the
//! platform requires.

use super::GDPR;
use crate::check::{Family, Rule, Severity};

// Minimisation

pub static NOT_ACCEPTED: Rule = Rule {
    id: "minimise/not-accepted",
    family: Family::Minimise,
    severity: Severity::Warning,
    summary: "A field is sent to a destination under a parameter that the platform does not accept.",
    rests_on: "GDPR Art. 5(1)(c) data minimisation: data the recipient does not use is not necessary; the platform's parameter list.",
    url: GDPR,
    fix: "Remove the mapping, or correct its wire name to one the platform accepts (see `capimap platforms ID`).",
};

pub static NO_JUSTIFICATION: Rule = Rule {
    id: "minimise/no-justification",
    family: Family::Minimise,
    severity: Severity::Warning,
    summary: "Personal data is mapped onto a flow without a justification of why it is needed.",
    rests_on: "GDPR Art. 5(1)(c) data minimisation and Art. 5(2) accountability: the controller must be able to show that each item is necessary.",
    url: GDPR,
    fix: "Write why the field is needed for the purposes of the flow, or drop it.",
};

pub static COLLECTED_UNUSED: Rule = Rule {
    id: "minimise/collected-unused",
    family: Family::Minimise,
    severity: Severity::Warning,
    summary: "A field collected at a source is forwarded by no flow from that source.",
    rests_on: "GDPR Art. 5(1)(c) data minimisation: data collected for no recorded use should not be collected.",
    url: GDPR,
    fix: "Stop collecting the field at the source, or document the flow that uses it.",
};

pub static NOT_USED_IN_REGION: Rule = Rule {
    id: "minimise/not-used-in-region",
    family: Family::Minimise,
    severity: Severity::Warning,
    summary: "A field is sent for users of regions where the platform says it does not use it (e.g. Google and the IP address of EEA, UK and Swiss users).",
    rests_on: "GDPR Art. 5(1)(c) data minimisation; the platform's own statement that it does not use the field there.",
    url: "https://developers.google.com/google-ads/api/docs/conversions/upload-identifiers",
    fix: "Leave the field out for users of those regions (condition in the tag or the export), or drop the mapping.",
};

pub static SPECIAL_CATEGORY: Rule = Rule {
    id: "minimise/special-category",
    family: Family::Minimise,
    severity: Severity::Error,
    summary: "Special-category data reaches an ad platform.",
    rests_on: "GDPR Art. 9(1); every ad platform's terms forbid sending sensitive data (health, ethnic origin, sexual orientation, …) through its conversion API.",
    url: GDPR,
    fix: "Remove the field from every flow into ad platforms; check event names, URLs and product categories for sensitive content too.",
};

pub static CHILD_DIRECTED: Rule = Rule {
    id: "minimise/child-directed-source",
    family: Family::Minimise,
    severity: Severity::Error,
    summary: "Data from a child-directed source reaches an ad platform.",
    rests_on: "GDPR Art. 8 and Recital 38; the platforms' terms (Meta, Pinterest, Google) forbid data from children or child-directed sites and apps.",
    url: GDPR,
    fix: "Stop sending events from the child-directed source to ad platforms.",
};

pub static PERSONAL_DATA_IN_NO_PII_FIELD: Rule = Rule {
    id: "minimise/personal-data-in-no-pii-field",
    family: Family::Minimise,
    severity: Severity::Error,
    summary: "Personal data is sent in a parameter that the platform says must carry none (e.g. Google's order ids and custom variables).",
    rests_on: "The platform's rules (Google Ads: ORDER_ID_CONTAINS_PII, CUSTOM_VARIABLE_VALUE_CONTAINS_PII) and GDPR Art. 5(1)(c).",
    url: "https://developers.google.com/google-ads/api/docs/conversions/upload-clicks",
    fix: "Send an opaque value (a random or sequential id) in that parameter instead of personal data.",
};

// Hashing

pub static MUST_HASH_RAW: Rule = Rule {
    id: "hashing/must-hash-sent-raw",
    family: Family::Hashing,
    severity: Severity::Error,
    summary: "An identifier that the platform requires SHA-256 hashed is sent raw.",
    rests_on: "The platform's terms and API rules (e.g. Meta Business Tools Terms: contact information must be hashed before transmission); GDPR Art. 32 and Art. 5(1)(f).",
    url: "",
    fix: "Hash the value with SHA-256 after the platform's normalisation before sending it.",
};

pub static MUST_NOT_HASH_HASHED: Rule = Rule {
    id: "hashing/must-not-hash-hashed",
    family: Family::Hashing,
    severity: Severity::Warning,
    summary: "A value that the platform requires as it is (IP address, user agent, click id) is hashed, which breaks matching.",
    rests_on: "The platform's API rules: these parameters are matched as sent.",
    url: "",
    fix: "Send the value raw, or drop it if it is not needed.",
};

pub static NORMALISATION_MISSING: Rule = Rule {
    id: "hashing/normalisation-missing",
    family: Family::Hashing,
    severity: Severity::Warning,
    summary: "A value is hashed without a declared normalisation.",
    rests_on: "The platforms match hashes only when both sides normalised the same way; the record should say how.",
    url: "",
    fix: "Declare the normalisation applied before hashing, e.g. Sha256(Email) or Sha256(PhoneE164).",
};

pub static NORMALISATION_DIFFERS: Rule = Rule {
    id: "hashing/normalisation-differs",
    family: Family::Hashing,
    severity: Severity::Warning,
    summary: "A value is hashed after a normalisation that differs from the one the platform requires.",
    rests_on: "The platform's normalisation rules: a different normalisation gives a different hash, which does not match.",
    url: "",
    fix: "Normalise the way the platform requires before hashing (see `capimap platforms ID`).",
};

pub static HASHED_NOT_PERSONAL: Rule = Rule {
    id: "hashing/hashed-recorded-not-personal",
    family: Family::Hashing,
    severity: Severity::Warning,
    summary: "A field that is sent hashed is recorded as not personal data.",
    rests_on: "GDPR Art. 4(5) and Recital 26: a hashed e-mail or phone number is pseudonymised, still personal data: it singles out a person and the recipient matches it.",
    url: GDPR,
    fix: "Record the field as a direct identifier or pseudonymous id, and treat it as personal data throughout.",
};

//! The record of processing (GDPR Art. 30) and the platform catalogue: what the record
//! must say, and where the catalogue cannot answer.

use super::GDPR;
use crate::check::{Family, Rule, Severity};

// The record of processing

pub static CONTROLLER_CONTACT: Rule = Rule {
    id: "record/controller-contact",
    family: Family::Record,
    severity: Severity::Error,
    summary: "The controller's name or contact details are missing.",
    rests_on: "GDPR Art. 30(1)(a): name and contact details of the controller.",
    url: GDPR,
    fix: "Enter the controller's legal name, postal address and a contact e-mail.",
};

pub static DPO_MISSING: Rule = Rule {
    id: "record/dpo-missing",
    family: Family::Record,
    severity: Severity::Warning,
    summary: "No data protection officer is recorded.",
    rests_on: "GDPR Art. 30(1)(a) and Art. 37: a DPO is required where core activities involve regular and systematic monitoring on a large scale, which server-side ad tracking often is (and in Germany from 20 people processing personal data, § 38 BDSG).",
    url: GDPR,
    fix: "Record the DPO's name and contact details, or note why none is required.",
};

pub static PURPOSE_UNDESCRIBED: Rule = Rule {
    id: "record/purpose-undescribed",
    family: Family::Record,
    severity: Severity::Error,
    summary: "A processing activity has no description of its purpose.",
    rests_on: "GDPR Art. 30(1)(b): the purposes of the processing.",
    url: GDPR,
    fix: "Describe what the activity is for, in words a data subject would understand.",
};

pub static SUBJECTS_MISSING: Rule = Rule {
    id: "record/data-subjects-missing",
    family: Family::Record,
    severity: Severity::Error,
    summary: "A processing activity names no categories of data subjects.",
    rests_on: "GDPR Art. 30(1)(c): a description of the categories of data subjects.",
    url: GDPR,
    fix: "Add the categories of people whose data the activity processes (customer, prospect, anonymous_user, …).",
};

pub static ACTIVITY_WITHOUT_FLOWS: Rule = Rule {
    id: "record/activity-without-flows",
    family: Family::Record,
    severity: Severity::Warning,
    summary: "A processing activity is served by no flow, so its categories of data and recipients are unknown.",
    rests_on: "GDPR Art. 30(1)(c) and (d): the categories of personal data and of recipients.",
    url: GDPR,
    fix: "Add the activity to the flows that serve it, or remove the activity if it no longer happens.",
};

pub static FLOW_WITHOUT_ACTIVITY: Rule = Rule {
    id: "record/flow-without-activity",
    family: Family::Record,
    severity: Severity::Warning,
    summary: "A flow carries personal data but serves no processing activity, so no purpose in the record covers it.",
    rests_on: "GDPR Art. 5(1)(b) purpose limitation and Art. 30(1)(b).",
    url: GDPR,
    fix: "Name the processing activities the flow serves, or stop the flow.",
};

pub static ERASURE_LIMIT: Rule = Rule {
    id: "record/erasure-limit-missing",
    family: Family::Record,
    severity: Severity::Error,
    summary: "A processing activity has no maximum retention (time limit for erasure).",
    rests_on: "GDPR Art. 30(1)(f): where possible, the envisaged time limits for erasure.",
    url: GDPR,
    fix: "Set the activity's maximum retention (max_retention in the file).",
};

pub static SECURITY_MEASURES: Rule = Rule {
    id: "record/security-measures-missing",
    family: Family::Record,
    severity: Severity::Error,
    summary: "A processing activity lists no technical and organisational security measures.",
    rests_on: "GDPR Art. 30(1)(g) and Art. 32(1).",
    url: GDPR,
    fix: "List the measures that protect the activity's data (encryption in transit, hashing, access control, …).",
};

pub static RECIPIENT_UNNAMED: Rule = Rule {
    id: "record/recipient-unnamed",
    family: Family::Record,
    severity: Severity::Error,
    summary: "A destination does not name the legal entity that receives the data.",
    rests_on: "GDPR Art. 30(1)(d) and Art. 13(1)(e): the recipients or categories of recipients.",
    url: GDPR,
    fix: "Enter the recipient's legal entity as the destination's operator (see the platform's terms).",
};

pub static STALE_ACCEPTED_RISK: Rule = Rule {
    id: "record/stale-accepted-risk",
    family: Family::Record,
    severity: Severity::Info,
    summary: "An accepted risk matches no finding.",
    rests_on: "GDPR Art. 5(2) accountability: the record of accepted risks should describe the present state.",
    url: "",
    fix: "Remove the accepted risk, or correct its rule id or target.",
};

// The catalogue

pub static UNKNOWN_PLATFORM: Rule = Rule {
    id: "catalog/unknown-platform",
    family: Family::Catalog,
    severity: Severity::Warning,
    summary: "A destination names a platform that the catalogue does not know, so its fields, hashing and consent signals cannot be checked.",
    rests_on: "capimap's platform catalogue (`capimap platforms`).",
    url: "",
    fix: "Use a platform id from `capimap platforms`, or describe the platform in a catalogue file of your own (--catalog DIR).",
};

pub static UNKNOWN_REQUEST_TYPE: Rule = Rule {
    id: "catalog/unknown-request-type",
    family: Family::Catalog,
    severity: Severity::Warning,
    summary: "A flow names a request type that its destination's platform does not have, so what its requests may carry cannot be checked for that type.",
    rests_on: "capimap's platform catalogue (`capimap platforms ID` lists each platform's request types).",
    url: "",
    fix: "Set the flow's request type to one the platform lists, or leave it unset.",
};

pub static API_VERSION_OLDER: Rule = Rule {
    id: "catalog/api-version-older",
    family: Family::Catalog,
    severity: Severity::Info,
    summary: "A destination calls an older version of its platform's API than the one the catalogue's facts describe.",
    rests_on: "capimap's platform catalogue: each platform's facts are checked against one API version; parameters and rules may differ in older versions.",
    url: "",
    fix: "Check the integration against the catalogue's version (`capimap platforms ID`), or record the version it really calls.",
};

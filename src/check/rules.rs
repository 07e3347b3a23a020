//! The rule registry: every rule capimap checks, with its id, severity, what it rests on and
//! how to fix what it finds. `capimap rules` prints this list.

use super::{Family, Rule, Severity};

const GDPR: &str = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";
const EPRIVACY: &str = "https://eur-lex.europa.eu/eli/dir/2002/58/oj";

// Consent

pub static UNGATED_PATH: Rule = Rule {
    id: "consent/ungated-path",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "Personal data can reach a destination, for an activity that relies on consent, along a path that passes no consent gate enforcing that activity's consent purpose (or, on a flow that names no activity, no consent gate at all).",
    rests_on: "GDPR Art. 6(1)(a) and Art. 7: without consent, processing that relies on consent has no lawful basis; consent must reach the server that sends the data. capimap follows each field from wherever it enters (a source, or a store or relay that holds it), along every flow that carries it, whatever activities the flows on the way name.",
    url: GDPR,
    fix: "Route the flows of the witness path through a consent gate that enforces the activity's consent purpose, or add that purpose to a gate already on the path.",
};

pub static COOKIE_ID_UNGATED: Rule = Rule {
    id: "consent/cookie-id-ungated",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "An identifier read from a cookie on the user's device reaches a system (a log included) before a consent gate that enforces the consent purpose of the activities it is read for.",
    rests_on: "ePrivacy Directive Art. 5(3): storing or reading information on the user's device needs consent for the purpose of the access, unless strictly necessary for a service the user asked for, whatever the Art. 6 basis of the later processing (EDPB Guidelines 2/2023 on the technical scope of Art. 5(3)).",
    url: EPRIVACY,
    fix: "Let the flows that carry the identifier pass a consent gate that enforces the purpose of the activities it is read for before any other system receives it; give an activity without a consent purpose one; or drop the identifier where it is not needed.",
};

pub static STRICTLY_NECESSARY_CLAIM: Rule = Rule {
    id: "consent/strictly-necessary-to-ad-platform",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "A cookie identifier is sent to an advertising platform for an activity marked strictly necessary.",
    rests_on: "ePrivacy Directive Art. 5(3), second sentence: the exemption covers only what is strictly necessary for a service the user explicitly asked for; cookies for advertising, measurement by third parties or analytics are not exempt (Article 29 Working Party Opinion 04/2012 on Cookie Consent Exemption, WP194).",
    url: "https://ec.europa.eu/justice/article-29/documentation/opinion-recommendation/files/2012/wp194_en.pdf",
    fix: "Remove the strictly-necessary mark from the activity and gate the flow with its consent purpose, or stop sending the cookie identifier to the platform.",
};

pub static OPT_OUT_AS_CONSENT: Rule = Rule {
    id: "consent/opt-out-is-not-consent",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "An activity rests on consent, but its consent purpose is opt-out for users in the EEA, the UK or Switzerland.",
    rests_on: "GDPR Art. 4(11) and Art. 7: consent is a clear affirmative act; silence, pre-ticked boxes or inactivity are not consent (Recital 32; CJEU C-673/17 Planet49). The UK GDPR says the same.",
    url: "https://curia.europa.eu/juris/liste.jsf?num=C-673/17",
    fix: "Make the consent purpose opt-in (ask before sending), or restrict its opt-out regions to where opt-out is lawful and use an opt-in purpose for EEA, UK and Swiss users.",
};

pub static PURPOSE_SCOPE_UNKNOWN: Rule = Rule {
    id: "consent/purpose-scope-unknown",
    family: Family::Consent,
    severity: Severity::Warning,
    summary: "A consent purpose does not say in which regions it is asked for, so whether it is valid consent where the users are cannot be checked.",
    rests_on: "GDPR Art. 7(1): the controller must be able to demonstrate consent; opt-in and opt-out rules differ by region (GDPR, UK GDPR, US state laws).",
    url: GDPR,
    fix: "Set the regions of the consent purpose (EEA, UK, CH, US-CA, …): where the banner asks for it in this mode.",
};

pub static WITHDRAWAL_UNHANDLED: Rule = Rule {
    id: "consent/withdrawal-unhandled",
    family: Family::Consent,
    severity: Severity::Warning,
    summary: "A batch flow, or a flow out of a queue, after a consent gate does not say what happens to a person's pending events when they withdraw consent, or says they are still sent.",
    rests_on: "GDPR Art. 7(3): withdrawal must be as easy as giving consent and takes effect from then on; events queued before the withdrawal must not be sent after it.",
    url: GDPR,
    fix: "Say what happens when consent is withdrawn, on the flow or on the store it leaves from (on_withdrawal in the file): queued events are dropped (DropQueued), consent is checked again when sending (CheckedAtSend), or describe the handling.",
};

pub static SIGNAL_MISSING: Rule = Rule {
    id: "consent/signal-missing",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "A consent signal that the platform requires for users of the flow's regions is not forwarded on the flow.",
    rests_on: "The platform's rules (e.g. Google's EU user consent policy: advertisers must share consent signals for EEA users, uploads included) and GDPR Art. 7(1).",
    url: "https://support.google.com/tagmanager/answer/13695607",
    fix: "Forward the consent signal on the flow (add its wire name to the consent signals forwarded, consent_signals in the file) with the person's actual choice.",
};

pub static LIMITED_USE_FLAG_MISSING: Rule = Rule {
    id: "consent/limited-use-flag-missing",
    family: Family::Consent,
    severity: Severity::Warning,
    summary: "A limited-data-use or consent flag that the platform offers for the flow's regions is not forwarded.",
    rests_on: "The platform's terms for those regions (e.g. US state privacy laws: Limited Data Use makes the platform a service provider for flagged data).",
    url: "",
    fix: "Forward the flag (add its wire name to the consent signals forwarded, consent_signals in the file) for users in those regions, or record why it does not apply.",
};

pub static NO_CONSENT_RECORDS: Rule = Rule {
    id: "consent/no-consent-records",
    family: Family::Consent,
    severity: Severity::Error,
    summary: "A consent gate keeps no record of the consents it enforces.",
    rests_on: "GDPR Art. 7(1): where processing rests on consent, the controller must be able to demonstrate that the person consented.",
    url: GDPR,
    fix: "Say where the gate's consent records go (records_to in the file): the store that keeps who consented, when, to what was shown, and what they chose.",
};

pub static CONSENT_RECORDS_NO_RETENTION: Rule = Rule {
    id: "consent/consent-records-without-retention",
    family: Family::Consent,
    severity: Severity::Warning,
    summary: "The store that keeps consent records has no retention rule.",
    rests_on: "GDPR Art. 5(1)(e) storage limitation, balanced against Art. 7(1): consent records are kept as long as consent must be demonstrable, and no longer.",
    url: GDPR,
    fix: "Add a retention rule for the consent-record store, e.g. a period after the consent ends that covers the limitation period for claims.",
};

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

// Lawful basis

pub static NO_BASIS: Rule = Rule {
    id: "lawful/no-basis",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "A processing activity has no lawful basis.",
    rests_on: "GDPR Art. 6(1): processing is lawful only with one of the bases (a)–(f).",
    url: GDPR,
    fix: "Choose the lawful basis of the activity (for ad-platform measurement and retargeting in the EU usually consent, Art. 6(1)(a)).",
};

pub static NO_LIA: Rule = Rule {
    id: "lawful/legitimate-interests-without-assessment",
    family: Family::Lawful,
    severity: Severity::Warning,
    summary: "An activity rests on legitimate interests with no reference to a legitimate-interests assessment.",
    rests_on: "GDPR Art. 6(1)(f) and Art. 5(2) accountability: the balancing test must be documented; the ICO template asks for the link to the LIA.",
    url: GDPR,
    fix: "Do the legitimate-interests assessment and enter its reference on the activity, or choose another basis.",
};

pub static CONSENT_WITHOUT_PURPOSE: Rule = Rule {
    id: "lawful/consent-without-purpose",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "An activity rests on consent but names no consent purpose, so nothing shows which consent covers it.",
    rests_on: "GDPR Art. 6(1)(a) and Art. 7(1): consent is given for specific purposes and must be demonstrable.",
    url: GDPR,
    fix: "Pick the activity's consent purpose (consent_purpose in the file): the purpose of the consent banner that covers it.",
};

pub static NO_ART9_CONDITION: Rule = Rule {
    id: "lawful/special-category-without-condition",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "An activity processes special-category data without an Art. 9(2) condition.",
    rests_on: "GDPR Art. 9(1)–(2): processing special-category data is forbidden unless one of the conditions (a)–(j) applies.",
    url: GDPR,
    fix: "Stop processing the special-category data for this activity, or record the Art. 9(2) condition (usually explicit consent).",
};

// Contracts

pub static TERMS_NOT_ACCEPTED: Rule = Rule {
    id: "contracts/terms-not-accepted",
    family: Family::Contracts,
    severity: Severity::Error,
    summary: "A destination's platform terms are recorded as not accepted, or the platform's required terms are not recorded at all.",
    rests_on: "GDPR Art. 28 (processor contract) or Art. 26 (joint-controller arrangement); the platform requires the terms before it accepts data.",
    url: GDPR,
    fix: "Accept the platform's terms in its account settings and record them with the date on the destination.",
};

pub static NO_ROLE: Rule = Rule {
    id: "contracts/no-role",
    family: Family::Contracts,
    severity: Severity::Error,
    summary: "A destination, or a system another company runs, has no recorded role (processor, joint controller or independent controller).",
    rests_on: "GDPR Art. 26 and Art. 28: the role decides which contract is needed and what the record and the privacy notice must say (Art. 13(1)(e)).",
    url: GDPR,
    fix: "Record the recipient's role as the platform's terms define it.",
};

// Transfers

pub static NO_TRANSFER_MECHANISM: Rule = Rule {
    id: "transfers/no-mechanism",
    family: Family::Transfers,
    severity: Severity::Error,
    summary: "Personal data goes to a system operated outside the EEA with no transfer mechanism recorded.",
    rests_on: "GDPR Art. 44–46: transfers to third countries need an adequacy decision, appropriate safeguards (e.g. standard contractual clauses) or a derogation; Art. 30(1)(e).",
    url: GDPR,
    fix: "Record the transfer mechanism (e.g. the EU–US Data Privacy Framework for a certified recipient, or standard contractual clauses).",
};

pub static COUNTRY_UNKNOWN: Rule = Rule {
    id: "transfers/country-unknown",
    family: Family::Transfers,
    severity: Severity::Warning,
    summary: "A system that receives personal data has no country recorded, so transfers cannot be checked.",
    rests_on: "GDPR Art. 30(1)(e) and Art. 44: the record must name third countries.",
    url: GDPR,
    fix: "Record the ISO country code of the place where the system processes the data.",
};

// Retention

pub static RETENTION_MISSING: Rule = Rule {
    id: "retention/missing",
    family: Family::Retention,
    severity: Severity::Error,
    summary: "A store, relay or destination holds personal data with no retention rule.",
    rests_on: "GDPR Art. 5(1)(e) storage limitation and Art. 30(1)(f): the envisaged time limits for erasure belong in the record.",
    url: GDPR,
    fix: "Add a retention rule for the node: a period, or a period after an event, with its justification.",
};

pub static RETENTION_FIELD_UNCOVERED: Rule = Rule {
    id: "retention/field-uncovered",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "A node's retention rules cover some of the personal data it receives, but not all.",
    rests_on: "GDPR Art. 5(1)(e) and Art. 30(1)(f): a time limit for each category of data.",
    url: GDPR,
    fix: "Add a rule for the uncovered fields or categories, or one for all personal data.",
};

pub static RETENTION_EXCEEDS_ACTIVITY: Rule = Rule {
    id: "retention/exceeds-activity",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "A node keeps data longer than the maximum retention of the activities its data serves.",
    rests_on: "GDPR Art. 5(1)(e) storage limitation: no longer than necessary for the purposes.",
    url: GDPR,
    fix: "Shorten the node's retention, or lengthen the activity's maximum with a reason; where the recipient's terms fix the period, accept the risk with a justification.",
};

pub static PLATFORM_KEEPS_LONGER: Rule = Rule {
    id: "retention/platform-keeps-longer",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "The platform states that it keeps data longer than the record declares for that recipient.",
    rests_on: "GDPR Art. 30(1)(f) and Art. 13(2)(a): the record and the privacy notice must state the real period; the platform's retention statement.",
    url: "",
    fix: "Declare the platform's period in the destination's retention rule, and check whether it fits the purposes.",
};

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

//! The consent rules: personal data and device access reach no destination without the
//! consent its purpose needs, and signals say what the user chose.

use super::{EPRIVACY, GDPR};
use crate::check::{Family, Rule, Severity};

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

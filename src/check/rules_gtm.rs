//! The rules of a server-side Tag Manager container (`capimap check --gtm`, `capimap import
//! gtm`): what the container itself does wrong, and where it and the record differ. What each
//! rests on is in `sgtm-container.md` (§ numbers below) with the templates' code lines.

use super::{Family, Rule, Severity};

const fn gtm(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    rests_on: &'static str,
    url: &'static str,
    fix: &'static str,
) -> Rule {
    Rule {
        id,
        family: Family::Gtm,
        severity,
        summary,
        rests_on,
        url,
        fix,
    }
}

pub static SEND_ALWAYS: Rule = gtm(
    "gtm/consent-send-always",
    Severity::Error,
    "A tag sends to a conversion API without any consent check: its template sends always, and no trigger or consent setting tests the consent state.",
    "Every community conversion-API template defaults to \"send data always\", and nothing in a server container gates a non-Google tag by itself (sgtm-container §3.1, §3.3); consent is required before the data is sent (GDPR Art. 6(1)(a), ePrivacy Art. 5(3)).",
    "https://developers.google.com/tag-platform/security/concepts/consent-mode",
    "Choose \"Send data in case marketing consent given\" in the tag (adStorageConsent: required) and, where it sends user data, add a blocking trigger on ad_user_data; or stop the events before the container.",
);
pub static AD_STORAGE_ONLY: Rule = gtm(
    "gtm/consent-ad-storage-only",
    Severity::Warning,
    "A tag's consent check reads only ad_storage while it sends user data (e-mail, phone, name, address, customer id), which needs ad_user_data.",
    "The Stape templates' consent check reads only ad_storage, and gcs carries no ad_user_data (sgtm-container §3.2, §3.3); under Google's TCF mapping a user who denied Purpose 7 has only ad_user_data denied (§3.5), and Google requires ad_user_data for sending user data for advertising.",
    "https://support.google.com/analytics/answer/12334711",
    "Let the tag fire only when ad_user_data is granted: a firing trigger condition consent_state.ad_user_data equals true (from the Data Client), which also stops events that carry no consent state.",
);
pub static GCS_POSITION: Rule = gtm(
    "gtm/consent-gcs-position",
    Severity::Error,
    "A trigger gates an advertising tag on the analytics_storage character of x-ga-gcs, or an analytics tag on the ad_storage character.",
    "gcs is G1 followed by the ad_storage and the analytics_storage character (sgtm-container §3.2); testing the other character lets denied events through (stape-io/facebook-tag#65).",
    "",
    "Test the third character for ad_storage (block on x-ga-gcs starting with G10) and the fourth for analytics_storage.",
);
pub static STATE_SHADOW: Rule = gtm(
    "gtm/consent-state-shadow",
    Severity::Warning,
    "A Stape tag with its consent option on fires for events of the Data Client, where it reads only consent_state.ad_storage and ignores x-ga-gcs.",
    "When consent_state is present the Stape templates ignore x-ga-gcs and read consent_state.ad_storage only; the Data Client passes consent_state on as the Data Tag sends it (sgtm-container §2, §3.3).",
    "",
    "Make the Data Tag send the full consent state, and gate user data on consent_state.ad_user_data with a blocking trigger.",
);
pub static EVENT_ENHANCEMENT: Rule = gtm(
    "gtm/event-enhancement-cookie",
    Severity::Warning,
    "A Meta tag writes the _gtmeec cookie: hashed e-mail, phone, name, address, date of birth, gender and customer id, kept on the user's device for 90 days and read back into later events.",
    "Stape's Meta tag turns event enhancement on by default (sgtm-container §4.4); storing personal data on the device needs consent (ePrivacy Art. 5(3)) and is more than the purpose needs (GDPR Art. 5(1)(c)).",
    "",
    "Untick \"Enable Event Enhancement\" (enableEventEnhancement: false); leaving the option unset keeps the template's default, which is on.",
);
pub static SETS_IDENTIFIER: Rule = gtm(
    "gtm/server-sets-identifier",
    Severity::Warning,
    "The server container creates a lasting identifier on the user's device (_fbp, _ttp, _scid, uet_vid, _dcid, FPID).",
    "Writing an identifier on the device is storage on terminal equipment that needs consent unless strictly necessary (ePrivacy Art. 5(3)); the templates and clients set them by default (sgtm-container §4.4).",
    "",
    "Switch the option off, or let the tag set the cookie only after a consent check, and record the cookie with its lifetime.",
);
pub static RAW_CONTACT: Rule = gtm(
    "gtm/raw-contact-data",
    Severity::Warning,
    "A tag sends contact data in clear text: Reddit's tag hashes nothing, and LinkedIn's sends names, job title and company unhashed.",
    "The Reddit template has no hashing code and LinkedIn's sends userInfo in clear (sgtm-container §4.3); personal data in transit should be protected (GDPR Art. 5(1)(f), Art. 32).",
    "",
    "Send hashed values (the user_data.sha256_* keys) where the platform accepts them, or remove the mapping.",
);
pub static PHONE_NORMALISATION: Rule = gtm(
    "gtm/phone-normalisation",
    Severity::Warning,
    "A tag hashes the phone number without the normalisation its platform requires, so the hashes will not match.",
    "TikTok's, Snapchat's and X's templates do not normalise the phone number, Stape's Meta tag keeps digits only without adding a country code, Meta's own tag removes only the first of each character, and Microsoft's keeps the + (sgtm-container §4.3; facebookincubator/ConversionsAPI-Tag-for-GoogleTagManager#30).",
    "",
    "Put the phone number into the platform's format before the tag (E.164, e.g. user_data.phone_number \"+15551234567\"), or send it already hashed after the platform's rule.",
);
pub static EMAIL_OVERNORMALISED: Rule = gtm(
    "gtm/email-overnormalised",
    Severity::Warning,
    "Microsoft's tag removes dots and +tags from every e-mail address before hashing, not only Gmail's.",
    "The Stape Microsoft template applies Gmail's rule to all mail providers (sgtm-container §4.3), so addresses of other providers will not match.",
    "",
    "Send the e-mail already hashed after Microsoft's documented rule, or record the lower match rate.",
);
pub static TEST_CODE: Rule = gtm(
    "gtm/test-code-left",
    Severity::Warning,
    "A test event code or test mode is set in a published tag: the platform treats live events as tests.",
    "A test setting in a published container sends real users' events to the platform's test tools (sgtm-container §4.1, §5).",
    "",
    "Set the test code through a lookup table on {{Debug Mode}}, so that it is sent only in preview, or remove it.",
);
pub static SECRET_IN_CONTAINER: Rule = gtm(
    "gtm/secret-in-container",
    Severity::Warning,
    "An access token, API secret or OAuth key is written in the container, so every export and version of the container carries it.",
    "Container exports and versions are shared and kept; a token in them gives access to the platform account (sgtm-container §4.1; GDPR Art. 32).",
    "",
    "Rotate the token and keep it where container exports and versions do not carry it; limit who may export or publish the container.",
);
pub static SECRET_IN_LOGS: Rule = gtm(
    "gtm/secret-in-logs",
    Severity::Warning,
    "A tag logs every request, with the access token in the request URL and the body with IP address, user agent and hashes.",
    "Stape's Meta tag puts access_token in the request URL and logs it; its BigQuery log stores the request body (sgtm-container §4.1). The log is a further store of personal data (GDPR Art. 5(1)(e), Art. 32).",
    "",
    "Log only in debug mode (logType: debug) or not at all; where logs are kept, record the log store and its retention.",
);
pub static LDU_OFF: Rule = gtm(
    "gtm/ldu-off",
    Severity::Info,
    "A tag sends events of users in the US without limited data use: TikTok's tag sends limited_data_use: false, Meta's sends no data processing options.",
    "Under US state privacy laws the platforms' limited data use flags restrict how they use the data (sgtm-container §4.5; capi-platforms §0).",
    "",
    "Switch on limited data use for users in US states with opt-out rights (TikTok: limitedDataUse; Meta: a data_processing_options row), or record why it does not apply.",
);
pub static REDDIT_LDU: Rule = gtm(
    "gtm/reddit-ldu-bug",
    Severity::Warning,
    "A Reddit tag with user data rows appears to send limited data use on every event, whatever was configured.",
    "The Reddit template's row loop tests indexOf('data_processing_options' !== -1), which is true for every row (sgtm-container §4.3).",
    "",
    "Check what the tag really sends (capimap inspect), and until the template is fixed set data processing options explicitly or leave the user data table empty.",
);
pub static MS_CONSENT_UNSET: Rule = gtm(
    "gtm/ms-consent-unset",
    Severity::Warning,
    "A Microsoft tag does not pass the consent state: Microsoft treats a missing adStorageConsent as granted.",
    "The Stape Microsoft template sends adStorageConsent only from its consent parameter, and Microsoft reads its absence as granted (sgtm-container §3.3, §4.5).",
    "",
    "Set the tag's Ad Storage Consent from the consent state (G or D).",
);
pub static UNKNOWN_TEMPLATE: Rule = gtm(
    "gtm/unknown-template",
    Severity::Warning,
    "capimap cannot tell what a tag sends or how: its template is not in the export, was modified, or is not one capimap knows.",
    "Only the templates of capimap's reference are read from their code (sgtm-container §1.3, §1.7); for the others the fields are imported with their transform unknown.",
    "",
    "Record the tag's fields, transforms and consent handling by hand (inspecting its requests helps), or use the Gallery version of the template.",
);
pub static EXTRA_RECIPIENT: Rule = gtm(
    "gtm/extra-recipient",
    Severity::Warning,
    "Something in the container sends data to a further recipient: Stape's consent parser calls openapi.analytics-debugger.com, Microsoft's client-side id sync makes the browser call c.bing.com.",
    "Every recipient belongs in the record (GDPR Art. 30(1)(d)); sgtm-container §3.2, §4.4.",
    "",
    "Remove the variable or switch off client-side id sync, or record the further recipient as a destination with its role.",
);
pub static TAG_UNDOCUMENTED: Rule = gtm(
    "gtm/tag-undocumented",
    Severity::Warning,
    "A tag of the container sends to a platform and account that the record does not document.",
    "The record names the categories of recipients and of personal data (GDPR Art. 30(1)(c)–(e)); the controller must be able to show it (Art. 5(2)).",
    "",
    "Import the container into the project (capimap import gtm CONTAINER --into PROJECT), or document the destination and its flow.",
);
pub static FIELD_UNDOCUMENTED: Rule = gtm(
    "gtm/field-undocumented",
    Severity::Warning,
    "A tag sends a field or consent signal that its flow in the record does not document.",
    "The record names the categories of personal data sent (GDPR Art. 30(1)(c)); Art. 5(2).",
    "",
    "Add the mapping (capimap import gtm --into does it), or stop the tag from sending the field.",
);
pub static FIELD_NOT_SENT: Rule = gtm(
    "gtm/field-not-sent",
    Severity::Info,
    "The record documents a field on a tag's flow that the tag neither sends nor may send from event data.",
    "A record that says more than is sent misleads (GDPR Art. 30(1)(c), Art. 5(1)(c)).",
    "",
    "Remove the mapping if it is no longer sent, or check the tag.",
);
pub static TRANSFORM_DIFFERS: Rule = gtm(
    "gtm/transform-differs",
    Severity::Warning,
    "The record's transform of a field differs from what the tag does (hashed or raw, or another normalisation).",
    "The record must describe the processing as it happens (GDPR Art. 30, Art. 5(2)); sgtm-container §4.3.",
    "",
    "Record the transform the tag applies (capimap import gtm --into does it), or change the tag.",
);
pub static DESTINATION_NOT_SENT: Rule = gtm(
    "gtm/destination-not-sent",
    Severity::Warning,
    "The record has the container send to a destination that no firing tag sends to.",
    "A record that names a recipient that receives nothing misleads (GDPR Art. 30(1)(d)).",
    "",
    "Remove the flow from the record if the container no longer sends there, or restore the tag.",
);
pub static GATE_UNCHECKED: Rule = gtm(
    "gtm/gate-enforces-unchecked",
    Severity::Error,
    "The record says a tag's consent check enforces a consent purpose that the check in the container does not enforce.",
    "The consent analysis trusts what a gate enforces (GDPR Art. 6(1)(a), Art. 7(1): the controller must be able to show the consent); a gate credited with more than the container checks hides an ungated path.",
    "",
    "Record what the tag really checks (capimap import gtm --into does it), or add the check to the tag in the container.",
);

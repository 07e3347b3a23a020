//! The other templates capimap knows (see [`super::profiles`]).

use super::profile::Hash::{Custom, TrimLower};
use super::profile::Signal::{Always, IfRow};
use super::profile::Switch::{FromUrl, IfTrue};
use super::profile::{Profile, Table};
use super::profiles::{C_MS_EMAIL, C_MS_PHONE, a, c, t, ta};

pub static LINKEDIN: Profile = Profile {
    id: "linkedin",
    repository: "stape-io/linkedin-tag",
    display_name: "LinkedIn Conversion API",
    platform: "linkedin",
    label: "Stape's LinkedIn Conversions API tag",
    account_keys: &["conversionRuleId", "conversionId"],
    tables: &[
        Table {
            key: "userIds",
            prefix: "user.userIds[",
            suffix: "]",
            automap: Some("autoMapUserIds"),
        },
        ta("userInfo", "user.userInfo.", "autoMapUserInfo"),
        ta("eventData", "", "autoMapEventData"),
    ],
    automatic: &[
        a(
            "user.userIds[PLAINTEXT_IP_ADDRESS]",
            "ip_address",
            "userIds",
        ),
        a(
            "user.userIds[LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID]",
            "li_fat_id",
            "userIds",
        ),
    ],
    may_send: &[
        "user.userIds[SHA256_EMAIL]",
        "user.userInfo.firstName",
        "user.userInfo.lastName",
        "user.userInfo.countryCode",
    ],
    hashing: &[("user.userIds[SHA256_EMAIL]", TrimLower)],
    cookies: &[c("li_fat_id", "li_fat_id", FromUrl, 90, false)],
    consent_option: true,
    test_codes: &[],
    test_switches: &[],
    log_keys: &["logType"],
    token_in_url: false,
    phone_problem: None,
    signals: &[],
};

pub static REDDIT: Profile = Profile {
    id: "reddit",
    repository: "stape-io/reddit-tag",
    display_name: "Reddit Conversion API",
    platform: "reddit",
    label: "Stape's Reddit Conversions API tag",
    account_keys: &["accountId", "pixelId"],
    tables: &[t("userDataList", "user."), t("serverEventDataList", "")],
    automatic: &[
        a("user.ip_address", "ip_address", "userDataList"),
        a("user.user_agent", "user_agent", "userDataList"),
        a("click_id", "rdt_cid", "serverEventDataList"),
        a("user.uuid", "rdt_uuid", "userDataList"),
    ],
    may_send: &["user.email", "user.phone_number", "user.external_id"],
    hashing: &[],
    cookies: &[c("_rdt_cid", "rdt_cid", FromUrl, 30, false)],
    consent_option: true,
    test_codes: &["testId"],
    test_switches: &[],
    log_keys: &["logType", "bigQueryLogType"],
    token_in_url: false,
    phone_problem: None,
    signals: &[Always("user.data_processing_options")],
};

pub static X: Profile = Profile {
    id: "x",
    repository: "stape-io/twitter-tag",
    display_name: "X (Twitter) Conversion API",
    platform: "x",
    label: "Stape's X Conversions API tag",
    account_keys: &["pixelId", "eventId"],
    tables: &[
        ta("userDataList", "identifiers.", "autoMapUserData"),
        ta("serverEventDataList", "", "autoMapServerEventData"),
    ],
    automatic: &[
        a("identifiers.ip_address", "ip_address", "userDataList"),
        a("identifiers.user_agent", "user_agent", "userDataList"),
        a("identifiers.twclid", "twclid", "userDataList"),
    ],
    may_send: &[
        "identifiers.hashed_email",
        "identifiers.hashed_phone_number",
    ],
    hashing: &[
        ("identifiers.hashed_email", TrimLower),
        ("identifiers.hashed_phone_number", TrimLower),
    ],
    cookies: &[c("twclid", "twclid", FromUrl, 90, false)],
    consent_option: true,
    test_codes: &[],
    test_switches: &[],
    log_keys: &[],
    token_in_url: false,
    phone_problem: Some("not normalised before hashing"),
    signals: &[],
};

pub static MICROSOFT: Profile = Profile {
    id: "microsoft",
    repository: "stape-io/microsoft-capi-tag",
    display_name: "Microsoft Ads UET Conversion API by Stape",
    platform: "microsoft",
    label: "Stape's Microsoft UET Conversions API tag",
    account_keys: &["tagId", "uetTagId"],
    tables: &[
        t("userDataParametersList", "userData."),
        t("serverEventDataList", ""),
        t("eventParametersList", "customData."),
    ],
    automatic: &[
        a(
            "userData.clientIpAddress",
            "ip_address",
            "userDataParametersList",
        ),
        a(
            "userData.clientUserAgent",
            "user_agent",
            "userDataParametersList",
        ),
        a("userData.msclkid", "msclkid", "userDataParametersList"),
        a("userData.anonymousId", "uet_vid", "userDataParametersList"),
    ],
    may_send: &["userData.em", "userData.ph", "userData.externalId"],
    hashing: &[
        ("userData.em", Custom(C_MS_EMAIL)),
        ("userData.ph", Custom(C_MS_PHONE)),
        ("userData.externalId", TrimLower),
    ],
    cookies: &[
        c(
            "uet_msclkid",
            "msclkid",
            IfTrue("setClickIdCookie", true),
            90,
            false,
        ),
        c(
            "uet_vid",
            "uet_vid",
            IfTrue("setAnonymousIdCookie", true),
            390,
            true,
        ),
    ],
    consent_option: true,
    test_codes: &[],
    test_switches: &[],
    log_keys: &["logType", "bigQueryLogType"],
    token_in_url: false,
    phone_problem: Some("keeps the '+' and adds no country code"),
    signals: &[Always("userData.adStorageConsent")],
};

pub static GOOGLE_DATA_MANAGER: Profile = Profile {
    id: "google-data-manager",
    repository: "stape-io/google-conversion-events-tag",
    display_name: "",
    platform: "google-data-manager",
    label: "Stape's Google conversion events tag (Data Manager API)",
    account_keys: &["operatingAccountId", "destinationId"],
    tables: &[],
    automatic: &[],
    may_send: &[],
    hashing: &[],
    cookies: &[],
    consent_option: true,
    test_codes: &[],
    test_switches: &[],
    log_keys: &["logType", "bigQueryLogType"],
    token_in_url: false,
    phone_problem: None,
    signals: &[IfRow("adUserData"), IfRow("adPersonalization")],
};

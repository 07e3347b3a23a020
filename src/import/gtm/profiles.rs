//! The templates capimap knows, from `sgtm-container.md` §4.1–§4.5 (line numbers there are of
//! the templates' code at the pinned commits).

use super::profile::Hash::{Custom, TrimLower};
use super::profile::Signal::{Always, IfRow};
use super::profile::Switch::{FromUrl, IfTrue, UnlessTrue};
use super::profile::{Auto, Cookie, Profile, Table};

/// Stape Meta, ph: trim, lower-case, then digits only, no country code added (FB l.316–317).
pub const C_FB_PHONE: &str =
    "trim, lower-case, digits only; no country code added (Stape Meta tag)";
/// Meta's own tag, ph: the first '+', '-', ' ', '(' and ')' removed, one each (l.246).
pub const C_FBOFF_PHONE: &str = "first '+', '-', ' ', '(' and ')' removed, one occurrence each, then trim, lower-case (Meta's own tag)";
/// Stape Pinterest, ph: spaces, '-', '(', ')' and '+' removed (PI l.189–201).
pub const C_PI_PHONE: &str =
    "trim, lower-case; spaces, '-', '(', ')' and '+' removed (Stape Pinterest tag)";
/// Stape Microsoft, the catalogue's own words for it (templates/platforms/microsoft.ron).
pub const C_MS_PHONE: &str = "remove spaces, - and () (Stape)";
pub const C_MS_EMAIL: &str = "remove dots and +alias from the local part (Stape)";
/// Stape Meta and Pinterest, ct: trim, lower-case, spaces removed.
pub const C_CITY_NOSPACE: &str = "trim, lower-case, spaces removed";

pub(super) const fn t(key: &'static str, prefix: &'static str) -> Table {
    Table {
        key,
        prefix,
        suffix: "",
        automap: None,
    }
}
pub(super) const fn ta(key: &'static str, prefix: &'static str, automap: &'static str) -> Table {
    Table {
        key,
        prefix,
        suffix: "",
        automap: Some(automap),
    }
}
pub(super) const fn a(wire: &'static str, field: &'static str, group: &'static str) -> Auto {
    Auto { wire, field, group }
}
pub(super) const fn c(
    name: &'static str,
    field: &'static str,
    switch: super::profile::Switch,
    days: u32,
    generated: bool,
) -> Cookie {
    Cookie {
        name,
        field,
        switch,
        days,
        generated,
    }
}

const FB_USER_HASHED: &[(&str, super::profile::Hash)] = &[
    ("user_data.em", TrimLower),
    ("user_data.ph", Custom(C_FB_PHONE)),
    ("user_data.fn", TrimLower),
    ("user_data.ln", TrimLower),
    ("user_data.ct", Custom(C_CITY_NOSPACE)),
    ("user_data.st", TrimLower),
    ("user_data.zp", TrimLower),
    ("user_data.country", TrimLower),
    ("user_data.ge", TrimLower),
    ("user_data.db", TrimLower),
    ("user_data.external_id", TrimLower),
];

/// Every template capimap knows.
pub static PROFILES: &[&Profile] = &[
    &META_STAPE,
    &META_OWN,
    &TIKTOK,
    &SNAPCHAT,
    &PINTEREST,
    &super::profiles_more::LINKEDIN,
    &super::profiles_more::REDDIT,
    &super::profiles_more::X,
    &super::profiles_more::MICROSOFT,
    &super::profiles_more::GOOGLE_DATA_MANAGER,
];

pub static META_STAPE: Profile = Profile {
    id: "meta-stape",
    repository: "stape-io/facebook-tag",
    display_name: "Facebook Conversion API",
    platform: "meta",
    label: "Stape's Meta Conversions API tag",
    account_keys: &["pixelId"],
    tables: &[
        t("userDataList", "user_data."),
        t("serverEventDataList", ""),
        t("customDataList", "custom_data."),
        t("appDataList", "app_data."),
        t("originalEventDataList", "original_event_data."),
    ],
    automatic: &[
        a("user_data.client_ip_address", "ip_address", "userDataList"),
        a("user_data.client_user_agent", "user_agent", "userDataList"),
        a("user_data.fbp", "fbp", "userDataList"),
        a("user_data.fbc", "fbc", "userDataList"),
    ],
    may_send: &[
        "user_data.em",
        "user_data.ph",
        "user_data.fn",
        "user_data.ln",
        "user_data.ct",
        "user_data.st",
        "user_data.zp",
        "user_data.country",
        "user_data.ge",
        "user_data.db",
        "user_data.external_id",
        "event_id",
    ],
    hashing: FB_USER_HASHED,
    cookies: &[
        c("_fbp", "fbp", IfTrue("generateFbp", true), 90, true),
        c("_fbc", "fbc", FromUrl, 90, false),
        c(
            "_gtmeec",
            "gtmeec",
            IfTrue("enableEventEnhancement", true),
            90,
            false,
        ),
    ],
    consent_option: true,
    test_codes: &["testId"],
    test_switches: &[],
    log_keys: &["logType", "bigQueryLogType"],
    token_in_url: true,
    phone_problem: Some("digits only, without adding a country code"),
    signals: &[IfRow("data_processing_options")],
};

pub static META_OWN: Profile = Profile {
    id: "meta-own",
    repository: "facebookincubator/conversionsapi-tag-for-googletagmanager",
    display_name: "Conversions API Tag",
    platform: "meta",
    label: "Meta's own Conversions API tag",
    account_keys: &["pixelId"],
    tables: &[],
    automatic: &[
        a("user_data.client_ip_address", "ip_address", ""),
        a("user_data.client_user_agent", "user_agent", ""),
        a("user_data.fbp", "fbp", ""),
        a("user_data.fbc", "fbc", ""),
    ],
    may_send: &[
        "user_data.em",
        "user_data.ph",
        "user_data.fn",
        "user_data.ln",
        "user_data.ct",
        "user_data.st",
        "user_data.zp",
        "user_data.country",
    ],
    hashing: &[
        ("user_data.em", TrimLower),
        ("user_data.ph", Custom(C_FBOFF_PHONE)),
        ("user_data.fn", TrimLower),
        ("user_data.ln", TrimLower),
        ("user_data.ct", TrimLower),
        ("user_data.st", TrimLower),
        ("user_data.zp", TrimLower),
        ("user_data.country", TrimLower),
    ],
    cookies: &[
        c("_fbp", "fbp", IfTrue("extendCookies", false), 90, false),
        c("_fbc", "fbc", IfTrue("extendCookies", false), 90, false),
        c(
            "_gtmeec",
            "gtmeec",
            IfTrue("enableEventEnhancement", false),
            90,
            false,
        ),
    ],
    consent_option: false,
    test_codes: &["testEventCode"],
    test_switches: &[],
    log_keys: &[],
    token_in_url: true,
    phone_problem: Some("only the first '+', '-', space and bracket are removed"),
    signals: &[],
};

pub static TIKTOK: Profile = Profile {
    id: "tiktok",
    repository: "stape-io/tiktok-tag",
    display_name: "TikTok Events API",
    platform: "tiktok",
    label: "Stape's TikTok Events API tag",
    account_keys: &["pixelId"],
    tables: &[
        t("userDataList", "user."),
        t("customDataList", "properties."),
        t("adDataList", "ad."),
    ],
    automatic: &[
        a("user.ip", "ip_address", "userDataList"),
        a("user.user_agent", "user_agent", "userDataList"),
        a("user.ttclid", "ttclid", "userDataList"),
        a("user.ttp", "ttp", "userDataList"),
    ],
    may_send: &[
        "user.email",
        "user.phone",
        "user.external_id",
        "user.first_name",
        "user.last_name",
        "user.zip_code",
        "user.city",
        "user.state",
        "user.country",
        "event_id",
    ],
    hashing: &[
        ("user.email", TrimLower),
        ("user.phone", TrimLower),
        ("user.external_id", TrimLower),
        ("user.first_name", TrimLower),
        ("user.last_name", TrimLower),
        ("user.zip_code", TrimLower),
    ],
    cookies: &[
        c("ttclid", "ttclid", FromUrl, 30, false),
        c("_ttp", "ttp", IfTrue("generateTtp", false), 396, true),
    ],
    consent_option: true,
    test_codes: &["testEventCode"],
    test_switches: &[],
    log_keys: &["logType", "bigQueryLogType"],
    token_in_url: false,
    phone_problem: Some("not put into E.164 before hashing"),
    signals: &[Always("limited_data_use")],
};

pub static SNAPCHAT: Profile = Profile {
    id: "snapchat",
    repository: "stape-io/snapchat-tag",
    display_name: "Snapchat Conversion API",
    platform: "snapchat",
    label: "Stape's Snapchat Conversions API tag",
    account_keys: &["pixelId"],
    tables: &[
        ta("userDataList", "user_data.", "autoMapUserData"),
        ta("serverDataList", "", "autoMapServerData"),
        ta("customDataList", "custom_data.", "autoMapCustomData"),
        ta("appDataList", "app_data.", "autoMapAppData"),
    ],
    automatic: &[
        a("user_data.client_ip_address", "ip_address", "userDataList"),
        a("user_data.client_user_agent", "user_agent", "userDataList"),
        a("user_data.sc_click_id", "scclid", "userDataList"),
        a("user_data.sc_cookie1", "scid", "userDataList"),
    ],
    may_send: &[
        "user_data.em",
        "user_data.ph",
        "user_data.fn",
        "user_data.ln",
        "user_data.ge",
        "user_data.ct",
        "user_data.st",
        "user_data.zp",
        "user_data.country",
        "user_data.external_id",
    ],
    hashing: &[
        ("user_data.em", TrimLower),
        ("user_data.ph", TrimLower),
        ("user_data.fn", TrimLower),
        ("user_data.ln", TrimLower),
        ("user_data.ge", TrimLower),
        ("user_data.ct", TrimLower),
        ("user_data.st", TrimLower),
        ("user_data.zp", TrimLower),
        ("user_data.country", TrimLower),
        ("user_data.external_id", TrimLower),
    ],
    cookies: &[
        c(
            "_scclid",
            "scclid",
            UnlessTrue("notSetClickIdCookie"),
            365,
            false,
        ),
        c(
            "_scid",
            "scid",
            UnlessTrue("notSetBrowserIdCookie"),
            365,
            true,
        ),
    ],
    consent_option: true,
    test_codes: &[],
    test_switches: &["validate"],
    log_keys: &[],
    token_in_url: true,
    phone_problem: Some("not normalised before hashing"),
    signals: &[IfRow("data_processing_options")],
};

pub static PINTEREST: Profile = Profile {
    id: "pinterest",
    repository: "stape-io/pinterest-tag",
    display_name: "Pinterest Conversion API by Stape",
    platform: "pinterest",
    label: "Stape's Pinterest Conversions API tag",
    account_keys: &["advertiserId", "adAccountId"],
    tables: &[
        t("userDataList", "user_data."),
        t("serverEventDataList", ""),
        t("customDataList", "custom_data."),
    ],
    automatic: &[
        a("user_data.client_ip_address", "ip_address", "userDataList"),
        a("user_data.client_user_agent", "user_agent", "userDataList"),
        a("user_data.click_id", "epik", "userDataList"),
    ],
    may_send: &[
        "user_data.em",
        "user_data.ph",
        "user_data.fn",
        "user_data.ln",
        "user_data.ge",
        "user_data.db",
        "user_data.ct",
        "user_data.st",
        "user_data.zp",
        "user_data.country",
        "user_data.external_id",
    ],
    hashing: &[
        ("user_data.em", TrimLower),
        ("user_data.ph", Custom(C_PI_PHONE)),
        ("user_data.fn", TrimLower),
        ("user_data.ln", TrimLower),
        ("user_data.ge", TrimLower),
        ("user_data.db", TrimLower),
        ("user_data.ct", Custom(C_CITY_NOSPACE)),
        ("user_data.st", TrimLower),
        ("user_data.zp", TrimLower),
        ("user_data.country", TrimLower),
        ("user_data.external_id", TrimLower),
        ("user_data.hashed_maids", TrimLower),
    ],
    cookies: &[c("_epik", "epik", FromUrl, 365, false)],
    consent_option: true,
    test_codes: &[],
    test_switches: &["testMode"],
    log_keys: &["logType"],
    token_in_url: false,
    phone_problem: None,
    signals: &[IfRow("opt_out"), IfRow("opt_out_type")],
};

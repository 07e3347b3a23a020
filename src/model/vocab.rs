//! The vocabulary capimap offers for data categories, data uses and data subjects: the
//! fideslang keys that conversion events touch, plus capimap's own keys for what fideslang
//! lacks (click ids, the user agent, event and order ids). Other keys are allowed; these are
//! the ones the app proposes and the record explains.

/// A vocabulary entry: key and a label for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub key: &'static str,
    pub label: &'static str,
}

const fn t(key: &'static str, label: &'static str) -> Term {
    Term { key, label }
}

/// Data categories (fideslang `user.*`, and `capimap.*` where fideslang has no key).
pub const DATA_CATEGORIES: &[Term] = &[
    t("user.contact.email", "e-mail address"),
    t("user.contact.phone_number", "phone number"),
    t("user.name.first", "first name"),
    t("user.name.last", "last name"),
    t("user.contact.address.street", "street address"),
    t("user.contact.address.city", "city"),
    t("user.contact.address.state", "state or region"),
    t("user.contact.address.postal_code", "postal code"),
    t("user.contact.address.country", "country"),
    t("user.demographic.date_of_birth", "date of birth"),
    t("user.demographic.gender", "gender"),
    t("user.device.ip_address", "IP address"),
    t("user.device.cookie_id", "cookie id"),
    t("user.device.cookie", "cookie"),
    t("user.device.device_id", "device or advertising id"),
    t("user.device", "device data"),
    t("user.unique_id", "unique id"),
    t("user.unique_id.pseudonymous", "pseudonymous id"),
    t("user.account", "account data"),
    t("user.behavior.purchase_history", "purchase history"),
    t("user.behavior.browsing_history", "browsing history"),
    t("user.behavior.search_history", "search history"),
    t("user.payment", "payment data"),
    t("user.financial", "financial data"),
    t("user.location.imprecise", "imprecise location"),
    t(
        "user.privacy_preferences",
        "privacy preferences (consent state)",
    ),
    t("user.health_and_medical", "health and medical data"),
    t("user.criminal_history", "criminal history"),
    t("user.political_opinion", "political opinion"),
    t("user.religious_belief", "religious belief"),
    t("user.sexual_orientation", "sexual orientation"),
    t("user.race_ethnicity", "racial or ethnic origin"),
    t("capimap.click_id", "ad click id"),
    t("capimap.user_agent", "browser user agent"),
    t("capimap.event_id", "event id"),
    t("capimap.order_id", "order id"),
    t(
        "capimap.event_data",
        "event details (value, currency, items)",
    ),
];

/// Data uses (fideslang).
pub const DATA_USES: &[Term] = &[
    t(
        "marketing.advertising.first_party.targeted",
        "first-party targeted advertising",
    ),
    t(
        "marketing.advertising.third_party.targeted",
        "third-party targeted advertising",
    ),
    t("marketing.advertising.profiling", "advertising profiling"),
    t(
        "marketing.advertising.negative_targeting",
        "negative targeting",
    ),
    t(
        "marketing.advertising.frequency_capping",
        "frequency capping",
    ),
    t("marketing.advertising.serving", "ad serving"),
    t(
        "analytics.reporting.ad_performance",
        "ad performance reporting",
    ),
    t("analytics.reporting.campaign_insights", "campaign insights"),
    t("third_party_sharing", "sharing with third parties"),
    t("essential.fraud_detection", "fraud detection"),
    t("essential.service", "providing the service"),
];

/// Data subjects (fideslang).
pub const DATA_SUBJECTS: &[Term] = &[
    t("customer", "customers"),
    t("prospect", "prospects"),
    t("anonymous_user", "anonymous users"),
    t("employee", "employees"),
];

/// The label of a vocabulary key, if capimap knows it.
pub fn label(list: &[Term], key: &str) -> Option<&'static str> {
    list.iter().find(|t| t.key == key).map(|t| t.label)
}

/// Whether `key` is `parent` or below it in the dot-path hierarchy.
pub fn is_within(key: &str, parent: &str) -> bool {
    key == parent
        || (key.len() > parent.len()
            && key.starts_with(parent)
            && key.as_bytes()[parent.len()] == b'.')
}

/// Special categories of Art. 9(1), by data-category key.
pub fn is_special_category(key: &str) -> bool {
    [
        "user.health_and_medical",
        "user.political_opinion",
        "user.religious_belief",
        "user.sexual_orientation",
        "user.race_ethnicity",
        "user.biometric",
        "user.genetic",
    ]
    .iter()
    .any(|p| is_within(key, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_matches_whole_segments_only() {
        assert!(is_within("user.contact.email", "user.contact"));
        assert!(is_within("user.contact", "user.contact"));
        assert!(!is_within("user.contactless", "user.contact"));
        assert!(is_special_category("user.health_and_medical.condition"));
        assert!(!is_special_category("user.contact.email"));
    }
}

//! The categories of personal data of Art. 30(1)(c), as the regulators' templates name them
//! (contact data, online identifiers, device and connection data, purchase data, …), from the
//! fideslang or capimap key of each field. The record states the categories with the number of
//! fields in each; the fields themselves are listed in its annex.

use crate::model::{Field, vocab};

/// Each category with the data-category keys it covers (a parent key covers its children);
/// the first that matches decides, so the narrower keys come first (a cookie id is an online
/// identifier before it is device data).
const GROUPS: &[(&str, &[&str])] = &[
    ("criminal", &["user.criminal_history"]),
    ("contact", &["user.contact"]),
    (
        "identity",
        &["user.name", "user.demographic", "user.account"],
    ),
    (
        "identifiers",
        &[
            "user.unique_id",
            "user.device.cookie_id",
            "user.device.cookie",
            "user.device.device_id",
            "capimap.click_id",
        ],
    ),
    ("device", &["user.device", "capimap.user_agent"]),
    (
        "purchase",
        &[
            "user.behavior.purchase_history",
            "user.payment",
            "user.financial",
            "capimap.order_id",
            "capimap.event_id",
            "capimap.event_data",
        ],
    ),
    ("usage", &["user.behavior"]),
    ("location", &["user.location"]),
    ("consent", &["user.privacy_preferences"]),
];

/// The categories in the order the record lists them.
pub const ORDER: &[&str] = &[
    "special",
    "criminal",
    "contact",
    "identity",
    "identifiers",
    "device",
    "purchase",
    "usage",
    "location",
    "consent",
    "other",
];

/// The category of a field: its key in the words files is `category.{this}`.
pub fn of(field: &Field) -> &'static str {
    if field.special_category || vocab::is_special_category(&field.category) {
        return "special";
    }
    GROUPS
        .iter()
        .find(|(_, keys)| keys.iter().any(|k| vocab::is_within(&field.category, k)))
        .map_or("other", |(name, _)| name)
}

/// The fields grouped by category, in [`ORDER`], each group in the order given.
pub fn grouped<'a>(fields: &[&'a Field]) -> Vec<(&'static str, Vec<&'a Field>)> {
    ORDER
        .iter()
        .filter_map(|c| {
            let members: Vec<&Field> = fields.iter().copied().filter(|f| of(f) == *c).collect();
            (!members.is_empty()).then_some((*c, members))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Identifiability;

    fn field(category: &str) -> Field {
        Field {
            id: "f".into(),
            label: "F".to_owned(),
            category: category.to_owned(),
            identifiability: Identifiability::DirectIdentifier,
            special_category: false,
            cookie: None,
            description: String::new(),
        }
    }

    #[test]
    fn narrower_keys_decide_before_their_parents() {
        assert_eq!(of(&field("user.device.cookie_id")), "identifiers");
        assert_eq!(of(&field("user.device.ip_address")), "device");
        assert_eq!(of(&field("user.contact.address.city")), "contact");
        assert_eq!(of(&field("user.behavior.purchase_history")), "purchase");
        assert_eq!(of(&field("user.behavior.browsing_history")), "usage");
        assert_eq!(of(&field("user.health_and_medical")), "special");
        assert_eq!(of(&field("something.else")), "other");
        assert!(GROUPS.iter().all(|(g, _)| ORDER.contains(g)));
    }
}

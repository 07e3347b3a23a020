//! The built-in catalogue's facts that the checks and the example rely on.

use super::*;

#[test]
fn the_builtin_catalogue_loads() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    let meta = catalog.get("meta").unwrap();
    assert_eq!(
        meta.parameter("user_data.ph").unwrap().hashing,
        Hashing::MustHash
    );
    for id in [
        "google-ads",
        "google-data-manager",
        "linkedin",
        "meta",
        "microsoft",
        "pinterest",
        "reddit",
        "snapchat",
        "tiktok",
        "x",
    ] {
        assert!(catalog.get(id).is_some(), "platform '{id}' is missing");
    }
    assert_eq!(catalog.len(), 10);

    // Wire names the example project relies on.
    let google = catalog.get("google-ads").unwrap();
    for (wire, hashing) in [
        ("user_identifiers.hashed_email", Hashing::MustHash),
        ("user_identifiers.hashed_phone_number", Hashing::MustHash),
        (
            "user_identifiers.address_info.hashed_first_name",
            Hashing::MustHash,
        ),
        (
            "user_identifiers.address_info.hashed_last_name",
            Hashing::MustHash,
        ),
        (
            "user_identifiers.address_info.hashed_street_address",
            Hashing::MustHash,
        ),
        (
            "user_identifiers.address_info.postal_code",
            Hashing::MustNotHash,
        ),
        (
            "user_identifiers.address_info.country_code",
            Hashing::MustNotHash,
        ),
        ("user_identifiers.address_info.city", Hashing::MustNotHash),
        ("user_identifiers.address_info.state", Hashing::MustNotHash),
        ("gclid", Hashing::MustNotHash),
        ("gbraid", Hashing::MustNotHash),
        ("wbraid", Hashing::MustNotHash),
        ("user_agent", Hashing::MustNotHash),
        ("user_ip_address", Hashing::MustNotHash),
    ] {
        assert_eq!(google.parameter(wire).unwrap().hashing, hashing, "{wire}");
    }
    assert_eq!(
        google
            .parameter("user_identifiers.hashed_email")
            .unwrap()
            .normalisation,
        Some(Normalisation::EmailGmailDots)
    );
    assert_eq!(
        google.parameter("user_ip_address").unwrap().unused_in,
        ["EEA", "UK", "CH"]
    );
    for wire in ["order_id", "custom_variables"] {
        assert!(google.parameter(wire).unwrap().no_personal_data, "{wire}");
    }
    for wire in [
        "conversion_value",
        "currency_code",
        "conversion_date_time",
        "cart_data",
    ] {
        assert!(google.parameter(wire).is_some(), "{wire}");
    }
    let consent = google.consent_parameter("consent.ad_user_data").unwrap();
    assert!(consent.required && consent.regions == ["EEA"]);
    assert!(
        google
            .consent_parameter("consent.ad_personalization")
            .is_some()
    );
    assert_eq!(google.eu_consent_field.value(), Some(&true));

    let data_manager = catalog.get("google-data-manager").unwrap();
    assert_eq!(
        data_manager
            .parameter("ad_identifiers.landing_page_device_info.ip_address")
            .unwrap()
            .unused_in,
        ["EEA", "UK", "CH"]
    );

    let tiktok = catalog.get("tiktok").unwrap();
    for wire in [
        "user.email",
        "user.phone",
        "user.external_id",
        "user.ip",
        "user.user_agent",
        "user.ttclid",
        "user.ttp",
        "event_id",
        "properties.order_id",
        "properties.value",
        "properties.currency",
        "properties.contents",
        "properties.query",
        "page.url",
        "page.referrer",
    ] {
        assert!(tiktok.parameter(wire).is_some(), "{wire}");
    }
    assert!(tiktok.consent_parameter("limited_data_use").is_some());
}

#[test]
fn meta_accepts_listed_parameters_and_other_fields_only() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    let meta = catalog.get("meta").unwrap();
    assert_eq!(meta.accepts("event_name"), Some(true));
    assert_eq!(meta.accepts("custom_data.contents.id"), Some(true));
    assert_eq!(meta.accepts("user_data.em"), Some(true));
    assert_eq!(meta.accepts("user_data.shoe_size"), Some(false));
}

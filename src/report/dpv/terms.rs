//! capimap's vocabulary in DPV terms. Every IRI here is in the Turtle sources of DPV 2.3
//! (github.com/w3c-cg/dpv: `2.3/dpv/dpv.ttl`, `2.3/pd/pd.ttl`, `2.3/legal/eu/gdpr/eu-gdpr.ttl`,
//! `2.3/loc/loc.ttl`) and, but for `pd:BrowsingBehaviour` (2.2 on), in 2.0's too. Where DPV has
//! no concept for a capimap term (first and last name separately, a cookie id, an
//! advertising id, fideslang's `prospect`), the term maps to the nearest broader concept DPV
//! has, or to the generic class with the capimap key as `skos:notation`: never to a guess.

use crate::model::fideslang as fl;
use crate::model::vocab::is_within;
use crate::model::{LawfulBasis, Period, PeriodUnit, SpecialCategoryCondition, TransferMechanism};

pub const CONTEXT: &[(&str, &str)] = &[
    ("dpv", "https://w3id.org/dpv#"),
    ("pd", "https://w3id.org/dpv/pd#"),
    ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"),
    ("loc", "https://w3id.org/dpv/loc#"),
    ("dpcat", "https://w3id.org/dpcat#"),
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

pub fn lawful_basis(b: LawfulBasis) -> &'static str {
    match b {
        LawfulBasis::Consent => "eu-gdpr:A6-1-a",
        LawfulBasis::Contract => "eu-gdpr:A6-1-b",
        LawfulBasis::LegalObligation => "eu-gdpr:A6-1-c",
        LawfulBasis::VitalInterests => "eu-gdpr:A6-1-d",
        LawfulBasis::PublicTask => "eu-gdpr:A6-1-e",
        LawfulBasis::LegitimateInterests => "eu-gdpr:A6-1-f",
    }
}

pub fn special_condition(c: SpecialCategoryCondition) -> &'static str {
    use SpecialCategoryCondition as S;
    match c {
        S::ExplicitConsent => "eu-gdpr:A9-2-a",
        S::Employment => "eu-gdpr:A9-2-b",
        S::VitalInterests => "eu-gdpr:A9-2-c",
        S::NotForProfit => "eu-gdpr:A9-2-d",
        S::ManifestlyPublic => "eu-gdpr:A9-2-e",
        S::LegalClaims => "eu-gdpr:A9-2-f",
        S::SubstantialPublicInterest => "eu-gdpr:A9-2-g",
        S::HealthOrSocialCare => "eu-gdpr:A9-2-h",
        S::PublicHealth => "eu-gdpr:A9-2-i",
        S::ArchivingResearchStatistics => "eu-gdpr:A9-2-j",
    }
}

/// The transfer's legal basis and the measure it rests on. An Art. 49 derogation names no
/// point of Art. 49(1) in capimap, so only DPV's generic transfer basis is said.
pub fn transfer(m: TransferMechanism) -> (&'static str, Option<&'static str>) {
    match m {
        TransferMechanism::AdequacyDecision => ("eu-gdpr:A45-3", None),
        TransferMechanism::StandardContractualClauses => {
            ("eu-gdpr:A46-2-c", Some("eu-gdpr:SCCByCommission"))
        }
        TransferMechanism::BindingCorporateRules => {
            ("eu-gdpr:A46-2-b", Some("eu-gdpr:BindingCorporateRules"))
        }
        TransferMechanism::Derogation => ("dpv:DataTransferLegalBasis", None),
    }
}

/// The DPV purpose concept of a fideslang data use, the most specific one DPV has.
pub fn purpose(data_use: &str) -> Option<&'static str> {
    let within = |p: &str| is_within(data_use, p);
    Some(
        if within("marketing.advertising.first_party.targeted")
            || within("marketing.advertising.third_party.targeted")
        {
            "dpv:TargetedAdvertising"
        } else if within("marketing.advertising.profiling") {
            "dpv:PersonalisedAdvertising"
        } else if within("marketing.advertising") {
            "dpv:Advertising"
        } else if within("marketing") {
            "dpv:Marketing"
        } else if within("essential.fraud_detection") {
            "dpv:FraudPreventionAndDetection"
        } else if within("essential.service") {
            "dpv:ServiceProvision"
        } else {
            return None;
        },
    )
}

/// The pd: concept of a data category (capimap's or fideslang's key).
pub fn personal_data(category: &str) -> Option<&'static str> {
    let key = fl::category_to_fides(category);
    let within = |p: &str| is_within(key, p);
    let map: &[(&str, &str)] = &[
        ("user.contact.email", "pd:EmailAddress"),
        ("user.contact.phone_number", "pd:TelephoneNumber"),
        ("user.name", "pd:Name"),
        ("user.contact.address.street", "pd:Street"),
        ("user.contact.address.city", "pd:City"),
        ("user.contact.address.postal_code", "pd:PostalCode"),
        ("user.contact.address.country", "pd:Country"),
        ("user.contact.address", "pd:PhysicalAddress"),
        ("user.demographic.date_of_birth", "pd:BirthDate"),
        ("user.demographic.gender", "pd:Gender"),
        ("user.device.ip_address", "pd:IPAddress"),
        ("user.device.user_agent", "pd:UserAgent"),
        ("user.device.cookie_id", "pd:Identifier"),
        ("user.device.device_id", "pd:Identifier"),
        ("user.unique_id", "pd:Identifier"),
        ("user.behavior.purchase_history", "pd:Purchase"),
        ("user.behavior.browsing_history", "pd:BrowsingBehaviour"),
        ("user.location", "pd:Location"),
        ("user.payment", "pd:Financial"),
        ("user.financial", "pd:Financial"),
    ];
    map.iter().find(|(k, _)| within(k)).map(|(_, pd)| *pd)
}

/// The DPV class of a fideslang data subject, where DPV has the same one.
pub fn data_subject(key: &str) -> Option<&'static str> {
    Some(match key {
        "customer" => "dpv:Customer",
        "employee" => "dpv:Employee",
        "visitor" => "dpv:Visitor",
        "job_applicant" => "dpv:JobApplicant",
        "patient" => "dpv:Patient",
        _ => return None,
    })
}

/// A period as an ISO 8601 duration (`P90D`, `PT6H`, `P13M`).
pub fn duration(p: Period) -> String {
    let n = p.amount;
    match p.unit {
        PeriodUnit::Minutes => format!("PT{n}M"),
        PeriodUnit::Hours => format!("PT{n}H"),
        PeriodUnit::Days => format!("P{n}D"),
        PeriodUnit::Weeks => format!("P{n}W"),
        PeriodUnit::Months => format!("P{n}M"),
        PeriodUnit::Years => format!("P{n}Y"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capimap_terms_map_to_the_most_specific_dpv_concept() {
        assert_eq!(personal_data("user.contact.email"), Some("pd:EmailAddress"));
        assert_eq!(personal_data("user.name.first"), Some("pd:Name"));
        assert_eq!(personal_data("capimap.user_agent"), Some("pd:UserAgent"));
        assert_eq!(personal_data("capimap.click_id"), Some("pd:Identifier"));
        assert_eq!(personal_data("user.contact.address.city"), Some("pd:City"));
        assert_eq!(personal_data("capimap.event_id"), None);
        assert_eq!(
            purpose("marketing.advertising.third_party.targeted"),
            Some("dpv:TargetedAdvertising")
        );
        assert_eq!(purpose("analytics.reporting.ad_performance"), None);
        assert_eq!(data_subject("prospect"), None);
        let p = |s: &str| s.parse::<Period>().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(duration(p("90 days")), "P90D");
        assert_eq!(duration(p("6 hours")), "PT6H");
    }
}

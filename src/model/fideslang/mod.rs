//! fideslang, the privacy taxonomy of Fides (Ethyca): its default keys, the extension keys
//! capimap declares for what it lacks, and the shape of its resource files ([`doc`]).
//!
//! capimap's own categories (`capimap.click_id`, …) are written into fideslang as extension
//! categories under the `user` tree, so that a Fides policy about `user` data covers them too
//! (Fides expands parent keys when it evaluates a policy).

pub mod doc;

use std::collections::HashMap;

use super::{LawfulBasis, SpecialCategoryCondition, TransferMechanism};
use std::sync::OnceLock;

/// The default taxonomy of the fideslang release named in the file's first line, read from
/// the package (see the file's header).
const DEFAULT_TAXONOMY: &str = include_str!("../../../assets/fideslang/default-taxonomy.tsv");

/// The three kinds of taxonomy key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Category,
    Use,
    Subject,
}

fn defaults() -> &'static HashMap<(Kind, &'static str), &'static str> {
    static KEYS: OnceLock<HashMap<(Kind, &'static str), &'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        DEFAULT_TAXONOMY
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let kind = match cols.next()? {
                    "category" => Kind::Category,
                    "use" => Kind::Use,
                    "subject" => Kind::Subject,
                    _ => return None,
                };
                Some(((kind, cols.next()?), cols.next().unwrap_or("")))
            })
            .collect()
    })
}

/// The fideslang release the default keys are from ("3.1.4").
pub fn release() -> &'static str {
    DEFAULT_TAXONOMY
        .lines()
        .next()
        .and_then(|l| l.split("fideslang ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("unknown")
}

/// Whether `key` is in fideslang's default taxonomy.
pub fn is_default(kind: Kind, key: &str) -> bool {
    defaults().contains_key(&(kind, key))
}

/// The name fideslang gives a default key.
pub fn default_name(kind: Kind, key: &str) -> Option<&'static str> {
    defaults().get(&(kind, key)).copied()
}

/// A category of capimap's own and the extension category that stands for it in fideslang.
pub struct Extension {
    pub capimap: &'static str,
    pub fides: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

/// capimap's own categories (see [`super::vocab`]), each under the fideslang parent it
/// belongs to.
pub const EXTENSIONS: &[Extension] = &[
    Extension {
        capimap: "capimap.click_id",
        fides: "user.unique_id.pseudonymous.ad_click_id",
        name: "Ad click id",
        description: "An identifier an ad platform puts on the landing page's address when an ad is clicked (gclid, fbclid, ttclid), kept in a cookie and sent back with the conversion.",
    },
    Extension {
        capimap: "capimap.user_agent",
        fides: "user.device.user_agent",
        name: "Browser user agent",
        description: "The user-agent string of the browser or app that sent the event.",
    },
    Extension {
        capimap: "capimap.event_id",
        fides: "user.behavior.event_id",
        name: "Event id",
        description: "The identifier of one conversion event, sent so that the platform can match a browser event with the server's copy of it.",
    },
    Extension {
        capimap: "capimap.order_id",
        fides: "user.behavior.purchase_history.order_id",
        name: "Order id",
        description: "The shop's identifier of an order.",
    },
    Extension {
        capimap: "capimap.event_data",
        fides: "user.behavior.event_details",
        name: "Event details",
        description: "What a conversion event says about what the person did: value, currency, items.",
    },
];

/// The data use written for an activity that names none: fideslang needs one on every
/// declaration, and capimap does not make one up.
pub const USE_NOT_RECORDED: &str = "capimap_not_recorded";

/// The fideslang category for a capimap category: the extension for capimap's own keys, the
/// key itself for any other.
pub fn category_to_fides(key: &str) -> &str {
    EXTENSIONS
        .iter()
        .find(|e| e.capimap == key)
        .map_or(key, |e| e.fides)
}

/// The capimap category for a fideslang one (the inverse of [`category_to_fides`]).
pub fn category_from_fides(key: &str) -> &str {
    EXTENSIONS
        .iter()
        .find(|e| e.fides == key)
        .map_or(key, |e| e.capimap)
}

/// The key's parent in the dot-path hierarchy (`user.contact` for `user.contact.email`).
pub fn parent(key: &str) -> Option<&str> {
    key.rfind('.').map(|i| &key[..i])
}

/// Whether `key` is a valid fides key (letters, digits, `.`, `_`, `<`, `>`, `-`).
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '<' | '>' | '-'))
}

/// `text` made into a valid fides key: every other character becomes `_`.
pub fn key_of(text: &str) -> String {
    let key: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() { "_".to_owned() } else { key }
}

/// fideslang's words for a lawful basis (its `LegalBasisForProcessingEnum`).
pub fn lawful_basis(b: LawfulBasis) -> &'static str {
    match b {
        LawfulBasis::Consent => "Consent",
        LawfulBasis::Contract => "Contract",
        LawfulBasis::LegalObligation => "Legal obligations",
        LawfulBasis::VitalInterests => "Vital interests",
        LawfulBasis::PublicTask => "Public interest",
        LawfulBasis::LegitimateInterests => "Legitimate interests",
    }
}

/// fideslang's words for an Art. 9(2) condition (its `SpecialCategoryLegalBasisEnum`).
pub fn special_basis(c: SpecialCategoryCondition) -> &'static str {
    use SpecialCategoryCondition as S;
    match c {
        S::ExplicitConsent => "Explicit consent",
        S::Employment => "Employment, social security and social protection",
        S::VitalInterests => "Vital interests",
        S::NotForProfit => "Not-for-profit bodies",
        S::ManifestlyPublic => "Made public by the data subject",
        S::LegalClaims => "Legal claims or judicial acts",
        S::SubstantialPublicInterest => {
            "Reasons of substantial public interest (with a basis in law)"
        }
        S::HealthOrSocialCare => "Health or social care (with a basis in law)",
        S::PublicHealth => "Public health (with a basis in law)",
        S::ArchivingResearchStatistics => {
            "Archiving, research and statistics (with a basis in law)"
        }
    }
}

/// fideslang's words for a transfer mechanism (its `LegalBasisForTransfersEnum`; it has no
/// value for an Art. 49 derogation, which becomes `Other`).
pub fn transfer_basis(m: TransferMechanism) -> &'static str {
    match m {
        TransferMechanism::AdequacyDecision => "Adequacy Decision",
        TransferMechanism::StandardContractualClauses => "SCCs",
        TransferMechanism::BindingCorporateRules => "BCRs",
        TransferMechanism::Derogation => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_taxonomy_is_read_from_the_package_list() {
        assert!(is_default(Kind::Category, "user.contact.email"));
        assert!(is_default(
            Kind::Use,
            "marketing.advertising.third_party.targeted"
        ));
        assert!(is_default(Kind::Subject, "customer"));
        assert!(!is_default(Kind::Category, "capimap.click_id"));
        assert_eq!(
            default_name(Kind::Category, "user.contact.email"),
            Some("User Contact Email")
        );
        assert!(release().starts_with(char::is_numeric), "{}", release());
    }

    #[test]
    fn every_extension_hangs_under_a_default_parent_and_maps_back() {
        for e in EXTENSIONS {
            let p = parent(e.fides).unwrap_or("");
            assert!(is_default(Kind::Category, p), "{} under {p}", e.fides);
            assert!(!is_default(Kind::Category, e.fides), "{}", e.fides);
            assert_eq!(category_from_fides(category_to_fides(e.capimap)), e.capimap);
        }
        assert_eq!(
            category_to_fides("user.contact.email"),
            "user.contact.email"
        );
    }

    #[test]
    fn keys_are_made_valid() {
        assert_eq!(key_of("Web shop (DE)"), "Web_shop__DE_");
        assert!(is_valid_key(&key_of("ä ö")));
        assert!(!is_valid_key("a b"));
    }
}

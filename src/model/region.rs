//! Regions where users are: written in project files as plain strings — an ISO 3166-1
//! country code (`"DE"`), a subdivision (`"US-CA"`), or a group (`"EEA"`, `"EU"`) — and how
//! they contain one another.
//!
//! The regions form a tree (the EEA contains the EU, the EU contains Germany, the US contains
//! California), so two regions overlap exactly when one contains the other. The checks rely
//! on that: a rule for EEA users applies to a flow of German users' data, and a rule for US
//! states applies to a flow of Californian users' data, and to one of "US" users.

use std::fmt;

/// The member states of the European Union.
pub const EU: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// The EEA countries outside the EU.
const EEA_EFTA: &[&str] = &["IS", "LI", "NO"];

/// ISO 3166-1 alpha-2 codes (officially assigned), sorted, for telling a country code from a typo.
const ISO_3166: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// A group of countries that rules name as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// The European Economic Area: the EU, Iceland, Liechtenstein and Norway.
    Eea,
    /// The European Union.
    Eu,
}

impl Group {
    fn has(self, country: Code) -> bool {
        let country = country.as_str();
        match self {
            Group::Eu => EU.contains(&country),
            Group::Eea => EU.contains(&country) || EEA_EFTA.contains(&country),
        }
    }
}

/// A region, parsed. Small and `Copy`: the checks compare regions for every flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Group(Group),
    /// An ISO 3166-1 alpha-2 code, upper-case ("GB" for the United Kingdom).
    Country(Code),
    /// A subdivision of a country: the country and the subdivision's code ("US", "CA").
    Subdivision(Code, Sub),
}

/// Two upper-case ASCII letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; 2]);

/// One to three upper-case ASCII letters or digits, padded with zeros.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sub([u8; 3]);

impl Code {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl Sub {
    fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(3);
        std::str::from_utf8(&self.0[..len]).unwrap_or("?")
    }
}

impl Region {
    /// Reads a region as written in a project file or the catalogue. Case does not matter;
    /// "UK" is read as "GB", and the catalogue's "US-states" (the US state privacy laws) as
    /// "US".
    pub fn parse(text: &str) -> Result<Region, String> {
        let t = text.trim();
        let upper = |s: &str, out: &mut [u8]| -> bool {
            s.len() <= out.len()
                && s.bytes().zip(out.iter_mut()).all(|(b, o)| {
                    *o = b.to_ascii_uppercase();
                    b.is_ascii_alphanumeric()
                })
        };
        let country = |c: &str| -> Option<Code> {
            let mut code = [0u8; 2];
            (c.len() == 2 && upper(c, &mut code))
                .then_some(code)
                .filter(|code| {
                    ISO_3166
                        .binary_search(&std::str::from_utf8(code).unwrap_or(""))
                        .is_ok()
                })
                .map(Code)
        };
        if t.eq_ignore_ascii_case("EEA") {
            return Ok(Region::Group(Group::Eea));
        }
        if t.eq_ignore_ascii_case("EU") {
            return Ok(Region::Group(Group::Eu));
        }
        if t.eq_ignore_ascii_case("UK") {
            return Ok(Region::Country(Code(*b"GB")));
        }
        if t.eq_ignore_ascii_case("US-states") {
            return Ok(Region::Country(Code(*b"US")));
        }
        if let Some(c) = country(t) {
            return Ok(Region::Country(c));
        }
        if let Some((c, sub)) = t.split_once('-')
            && let Some(c) = country(c)
            && !sub.is_empty()
        {
            let mut code = [0u8; 3];
            if upper(sub, &mut code) {
                return Ok(Region::Subdivision(c, Sub(code)));
            }
        }
        let shown: String = t.chars().take(40).collect();
        Err(format!(
            "'{}' is not a region: write an ISO 3166 country code (DE, FR, US), a subdivision (US-CA) or a group (EEA, EU)",
            shown.escape_debug()
        ))
    }

    /// Whether every user of `other` is a user of `self`.
    pub fn contains(&self, other: &Region) -> bool {
        use Region::{Country, Subdivision};
        match (self, other) {
            (Region::Group(g), Region::Group(h)) => g == h || (*g == Group::Eea && *h == Group::Eu),
            (Region::Group(g), Country(c) | Subdivision(c, _)) => g.has(*c),
            (Country(a), Country(b) | Subdivision(b, _)) => a == b,
            (Subdivision(a, s), Subdivision(b, t)) => a == b && s == t,
            (Country(_) | Subdivision(..), Region::Group(_)) | (Subdivision(..), Country(_)) => {
                false
            }
        }
    }

    /// Whether some user is in both (in a tree of regions: one contains the other).
    pub fn overlaps(&self, other: &Region) -> bool {
        self.contains(other) || other.contains(self)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Region::Group(Group::Eea) => f.write_str("EEA"),
            Region::Group(Group::Eu) => f.write_str("EU"),
            Region::Country(c) => f.write_str(c.as_str()),
            Region::Subdivision(c, s) => write!(f, "{}-{}", c.as_str(), s.as_str()),
        }
    }
}

/// The regions whose rules on consent treat "no" as the default: consent must be asked for
/// before (the GDPR, the UK GDPR, the Swiss FADP read with the ePrivacy rules).
pub fn opt_in_regions() -> [Region; 3] {
    [
        Region::Group(Group::Eea),
        Region::Country(Code(*b"GB")),
        Region::Country(Code(*b"CH")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Region {
        Region::parse(s).unwrap()
    }

    #[test]
    fn groups_contain_their_members_and_subdivisions_their_country() {
        assert!(r("EEA").contains(&r("de")));
        assert!(r("EEA").contains(&r("EU")));
        assert!(!r("EU").contains(&r("NO")));
        assert!(r("EEA").contains(&r("NO")));
        assert!(r("US-states").contains(&r("US-CA")));
        assert!(r("US-CA").overlaps(&r("US")));
        assert!(!r("US-CA").overlaps(&r("US-NY")));
        assert!(!r("UK").overlaps(&r("EEA")));
        assert_eq!(r("uk"), r("GB"));
        assert!(!r("CH").overlaps(&r("EEA")));
    }

    #[test]
    fn the_country_list_is_sorted_for_binary_search() {
        assert!(ISO_3166.windows(2).all(|w| w[0] < w[1]));
        assert!(EU.iter().all(|c| ISO_3166.contains(c)));
    }

    #[test]
    fn words_and_typos_are_not_regions() {
        for bad in ["Germany", "XX", "D", "EEA2", "US-", "", "US-CALIF"] {
            let e = Region::parse(bad).unwrap_err();
            assert!(e.contains("is not a region"), "{bad}: {e}");
        }
    }
}

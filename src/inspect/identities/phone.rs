//! A phone number as a QA engineer types it into a test shop ("0170 1234567" with the
//! country DE, "+49 (0)170 123 4567", "(650) 555-1212" with US), split into its country
//! calling code and national number, from which every written form is made.

/// A number's calling code and national significant number (no trunk prefix), digits only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    pub code: String,
    pub national: String,
}

/// ITU-T E.164 country calling codes of the countries a test shop is likely to be tested
/// from: the EEA, the United Kingdom, Switzerland, North America, Australia and a few more.
const CODES: &[(&str, &str)] = &[
    ("AT", "43"),
    ("AU", "61"),
    ("BE", "32"),
    ("BG", "359"),
    ("BR", "55"),
    ("CA", "1"),
    ("CH", "41"),
    ("CY", "357"),
    ("CZ", "420"),
    ("DE", "49"),
    ("DK", "45"),
    ("EE", "372"),
    ("ES", "34"),
    ("FI", "358"),
    ("FR", "33"),
    ("GB", "44"),
    ("GR", "30"),
    ("HR", "385"),
    ("HU", "36"),
    ("IE", "353"),
    ("IN", "91"),
    ("IS", "354"),
    ("IT", "39"),
    ("JP", "81"),
    ("LI", "423"),
    ("LT", "370"),
    ("LU", "352"),
    ("LV", "371"),
    ("MT", "356"),
    ("MX", "52"),
    ("NL", "31"),
    ("NO", "47"),
    ("NZ", "64"),
    ("PL", "48"),
    ("PT", "351"),
    ("RO", "40"),
    ("SE", "46"),
    ("SI", "386"),
    ("SK", "421"),
    ("TR", "90"),
    ("UA", "380"),
    ("US", "1"),
    ("ZA", "27"),
];

/// The calling code of a country (ISO 3166-1 alpha-2), if capimap knows it.
pub fn code_of(country: &str) -> Option<&'static str> {
    CODES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country.trim()))
        .map(|(_, code)| *code)
}

/// The number split; none when it has no digits, or no country can be told.
pub fn parse(typed: &str, country: Option<&str>) -> Option<Phone> {
    let t = typed.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    if t.starts_with('+') || t.starts_with("00") {
        let rest = if t.starts_with('+') {
            digits.as_str()
        } else {
            &digits[2..]
        };
        // The longest code that begins the number (codes are prefix-free).
        let code = CODES
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| rest.starts_with(c))
            .max_by_key(|c| c.len())?;
        // "+49 (0)170…": the trunk zero some write in brackets is not dialled.
        let national = rest[code.len()..].trim_start_matches('0').to_owned();
        return (!national.is_empty()).then(|| Phone {
            code: code.to_owned(),
            national,
        });
    }
    let code = code_of(country?)?;
    let mut national = digits.trim_start_matches('0').to_owned();
    // North America: a typed 1 before the ten digits is the trunk prefix.
    if code == "1" && national.len() == 11 && national.starts_with('1') {
        national.remove(0);
    }
    (!national.is_empty()).then(|| Phone {
        code: code.to_owned(),
        national,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(typed: &str, country: Option<&str>) -> Option<(String, String)> {
        parse(typed, country).map(|p| (p.code, p.national))
    }

    #[test]
    fn numbers_are_split_as_typed_in_each_common_way() {
        let de = Some(("49".to_owned(), "1701234567".to_owned()));
        assert_eq!(p("0170 1234567", Some("DE")), de);
        assert_eq!(p("+49 170 1234567", None), de);
        assert_eq!(
            p("+49 (0)170 123 4567", Some("FR")),
            de,
            "the number's own code wins"
        );
        assert_eq!(p("0049 170 1234567", None), de);
        let us = Some(("1".to_owned(), "6505551212".to_owned()));
        assert_eq!(p("(650) 555-1212", Some("us")), us);
        assert_eq!(p("1-650-555-1212", Some("US")), us);
        assert_eq!(
            p("+353 87 123 4567", None),
            Some(("353".into(), "871234567".into()))
        );
        assert_eq!(p("0170 1234567", None), None, "no country, no code");
        assert_eq!(p("n/a", Some("DE")), None);
    }
}

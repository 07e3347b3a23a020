//! A test identity's values written the way each platform asks before hashing, and the usual
//! wrong ways senders write them (no trim, no lower-case, a phone number in national format,
//! Gmail dots kept…). Each form is named, so a hash found in a capture can be told apart.

use crate::model::Normalisation;

use super::{Field, TestIdentity};

/// How a form of a value was made.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Made {
    /// A platform's rule.
    Rule(Normalisation),
    /// A wrong way, in words ("national format, leading zero kept").
    Wrong(&'static str),
}

impl Made {
    pub fn describe(&self) -> String {
        match self {
            Made::Rule(n) => n.to_string(),
            Made::Wrong(w) => (*w).to_owned(),
        }
    }
}

/// The rules each field is hashed under by some platform (`templates/platforms`).
pub fn rules(field: Field) -> &'static [Normalisation] {
    use Normalisation::*;
    match field {
        Field::Email => &[Email, EmailGmail, EmailGmailDots, EmailNoDotsNoPlus],
        Field::Phone => &[PhoneE164, PhoneDigits],
        Field::FirstName => &[Name, NamePrefix(5), NamePrefix(1)],
        Field::LastName => &[Name],
        Field::City => &[City],
        Field::PostalCode => &[PostalCode],
        Field::DateOfBirth => &[DateOfBirth, DayOfBirth, MonthOfBirth, YearOfBirth],
        Field::ExternalId => &[AsIs, Trim, TrimLowercase],
    }
}

/// Every form of the field's value: the rules', then the wrong ways. Forms that come out
/// alike are all kept: a hash then matches each way that makes it.
pub fn forms(id: &TestIdentity, field: Field) -> Vec<(Made, String)> {
    let Some(typed) = id.value(field) else {
        return Vec::new();
    };
    let mut out: Vec<(Made, String)> = rules(field)
        .iter()
        .filter_map(|n| apply(n, id, field).map(|v| (Made::Rule(n.clone()), v)))
        .collect();
    let trimmed = typed.trim();
    let mut wrong = |what: &'static str, v: String| {
        if !v.is_empty() {
            out.push((Made::Wrong(what), v));
        }
    };
    wrong("as typed, not trimmed", typed.to_owned());
    match field {
        Field::Email => {
            wrong("lower-cased, not trimmed", typed.to_lowercase());
            wrong("trimmed, not lower-cased", trimmed.to_owned());
        }
        Field::Phone => {
            if let Some(p) = id.phone() {
                wrong(
                    "national format, leading zero kept",
                    format!("0{}", p.national),
                );
                wrong("national format, no leading zero", p.national.clone());
                wrong(
                    "country code with the national leading zero, '+'",
                    format!("+{}0{}", p.code, p.national),
                );
                wrong(
                    "country code with the national leading zero, digits",
                    format!("{}0{}", p.code, p.national),
                );
                wrong(
                    "international prefix 00",
                    format!("00{}{}", p.code, p.national),
                );
            }
            wrong("trimmed, as typed", trimmed.to_owned());
        }
        Field::FirstName | Field::LastName | Field::City => {
            wrong("trimmed, not lower-cased", trimmed.to_owned());
            wrong("lower-cased, punctuation kept", trimmed.to_lowercase());
        }
        Field::PostalCode => wrong("trimmed, as typed", trimmed.to_owned()),
        Field::DateOfBirth => {
            if let Some((y, m, d)) = date_parts(typed) {
                wrong("YYYY-MM-DD", format!("{y}-{m}-{d}"));
                wrong("DDMMYYYY", format!("{d}{m}{y}"));
                wrong("MMDDYYYY", format!("{m}{d}{y}"));
                wrong("DD.MM.YYYY", format!("{d}.{m}.{y}"));
            }
        }
        Field::ExternalId => {}
    }
    out
}

/// The value written under a rule; none when the value does not fit it (a date that is no
/// date, a phone number without a country).
pub fn apply(n: &Normalisation, id: &TestIdentity, field: Field) -> Option<String> {
    use Normalisation::*;
    let typed = id.value(field)?;
    let lower = typed.trim().to_lowercase();
    let v = match n {
        Email | TrimLowercase => lower,
        EmailGmail | EmailGmailDots | EmailNoDotsNoPlus => {
            let (local, domain) = lower.rsplit_once('@')?;
            let gmail = matches!(domain, "gmail.com" | "googlemail.com");
            let (dots, plus) = match n {
                EmailGmail => (gmail, gmail),
                EmailGmailDots => (gmail, false),
                _ => (true, true),
            };
            let local = if plus {
                local.split('+').next().unwrap_or(local)
            } else {
                local
            };
            let local: String = local.chars().filter(|c| !(dots && *c == '.')).collect();
            format!("{local}@{domain}")
        }
        PhoneE164 => {
            let p = id.phone()?;
            format!("+{}{}", p.code, p.national)
        }
        PhoneDigits => {
            let p = id.phone()?;
            format!("{}{}", p.code, p.national)
        }
        Name => lower
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .trim()
            .to_owned(),
        NamePrefix(k) => lower.chars().take(usize::from(*k)).collect(),
        City => lower.chars().filter(|c| c.is_alphabetic()).collect(),
        PostalCode => {
            let compact: String = lower.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
            let us = id
                .country
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("US"));
            if us {
                compact.chars().take(5).collect()
            } else {
                compact
            }
        }
        DateOfBirth => {
            let (y, m, d) = date_parts(typed)?;
            format!("{y}{m}{d}")
        }
        DayOfBirth => date_parts(typed)?.2,
        MonthOfBirth => date_parts(typed)?.1,
        YearOfBirth => date_parts(typed)?.0,
        Trim => typed.trim().to_owned(),
        AsIs => typed.to_owned(),
        State | Country | Gender | Custom(_) => return None,
    };
    (!v.is_empty()).then_some(v)
}

/// Year, month and day (`YYYY`, `MM`, `DD`) of a date written `YYYY-MM-DD`, `YYYYMMDD`,
/// `DD.MM.YYYY` or `DD/MM/YYYY`.
fn date_parts(s: &str) -> Option<(String, String, String)> {
    let s = s.trim();
    let digits = |t: &str, n: usize| t.len() == n && t.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if digits(y, 4) => (*y, *m, *d),
        [d, m, y] if digits(y, 4) => (*y, *m, *d),
        [whole] if digits(whole, 8) => (&whole[..4], &whole[4..6], &whole[6..]),
        _ => return None,
    };
    let two = |t: &str| -> Option<String> {
        let n: u32 = t.parse().ok()?;
        Some(format!("{n:02}"))
    };
    let (m, d) = (two(m)?, two(d)?);
    let valid =
        m.as_str() >= "01" && m.as_str() <= "12" && d.as_str() >= "01" && d.as_str() <= "31";
    valid.then(|| (y.to_owned(), m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zoe() -> TestIdentity {
        TestIdentity {
            email: Some("  Zoë.Müller+qa@GMail.com ".into()),
            phone: Some("0170 1234567".into()),
            country: Some("DE".into()),
            first_name: Some("Zoë".into()),
            last_name: Some("Müller-Lüdenscheidt".into()),
            city: Some("Bad Homburg v.d. Höhe".into()),
            postal_code: Some("61348".into()),
            date_of_birth: Some("23.04.1990".into()),
            external_id: Some(" QA-0002".into()),
            withdrawn: false,
        }
    }

    #[test]
    fn the_platforms_rules_as_their_documentation_gives_them() {
        let z = zoe();
        let f = |n: Normalisation, field| apply(&n, &z, field);
        use Normalisation::*;
        assert_eq!(
            f(Email, Field::Email).as_deref(),
            Some("zoë.müller+qa@gmail.com")
        );
        assert_eq!(
            f(EmailGmail, Field::Email).as_deref(),
            Some("zoëmüller@gmail.com")
        );
        assert_eq!(
            f(EmailGmailDots, Field::Email).as_deref(),
            Some("zoëmüller+qa@gmail.com")
        );
        assert_eq!(f(PhoneE164, Field::Phone).as_deref(), Some("+491701234567"));
        assert_eq!(
            f(PhoneDigits, Field::Phone).as_deref(),
            Some("491701234567")
        );
        assert_eq!(
            f(Name, Field::LastName).as_deref(),
            Some("müllerlüdenscheidt")
        );
        assert_eq!(f(NamePrefix(1), Field::FirstName).as_deref(), Some("z"));
        assert_eq!(f(City, Field::City).as_deref(), Some("badhomburgvdhöhe"));
        assert_eq!(
            f(DateOfBirth, Field::DateOfBirth).as_deref(),
            Some("19900423")
        );
        assert_eq!(f(MonthOfBirth, Field::DateOfBirth).as_deref(), Some("04"));
        assert_eq!(
            f(TrimLowercase, Field::ExternalId).as_deref(),
            Some("qa-0002")
        );
    }

    #[test]
    fn dates_are_read_in_the_usual_orders() {
        for s in ["1990-04-23", "19900423", "23.04.1990", "23/4/1990"] {
            assert_eq!(
                date_parts(s),
                Some(("1990".into(), "04".into(), "23".into())),
                "{s}"
            );
        }
        assert_eq!(date_parts("1990-13-01"), None);
        assert_eq!(date_parts("soon"), None);
    }
}

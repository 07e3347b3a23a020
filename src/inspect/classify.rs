//! What a value looks like, decided on the spot and then forgotten: the inspection keeps the
//! kind, never the value.

use std::net::IpAddr;

/// The kinds of value the inspection tells apart.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 64 hexadecimal digits: a SHA-256 hash.
    Sha256Hex,
    /// 44 Base64 characters: a SHA-256 hash in Base64.
    Sha256Base64,
    Email,
    Phone,
    IpAddress,
    /// A URL whose query parameters carry personal data (an e-mail, a phone number, a name).
    UrlWithPersonalData,
    Url,
    /// Two or three capitalised words of letters: looks like a name.
    NameLike,
    Number,
    Boolean,
    Text,
    Empty,
}

impl Kind {
    pub fn is_hash(self) -> bool {
        matches!(self, Kind::Sha256Hex | Kind::Sha256Base64)
    }

    /// Whether the value itself is personal data in the clear.
    pub fn is_personal_in_clear(self) -> bool {
        matches!(
            self,
            Kind::Email
                | Kind::Phone
                | Kind::IpAddress
                | Kind::NameLike
                | Kind::UrlWithPersonalData
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Sha256Hex => "SHA-256 (hex)",
            Kind::Sha256Base64 => "SHA-256 (Base64)",
            Kind::Email => "e-mail address",
            Kind::Phone => "phone number",
            Kind::IpAddress => "IP address",
            Kind::UrlWithPersonalData => "URL with personal data in its query",
            Kind::Url => "URL",
            Kind::NameLike => "name-like text",
            Kind::Number => "number",
            Kind::Boolean => "true/false",
            Kind::Text => "other text",
            Kind::Empty => "empty",
        }
    }
}

pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

/// Digits of a phone number, when the text is one: an optional '+', then 7 to 15 digits with
/// spaces, dashes, dots or brackets between them.
pub fn phone_digits(s: &str) -> Option<usize> {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()/".contains(c))
    {
        return None;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    // A plain number without any phone-like sign is a number, not a phone number.
    let phone_like = s.starts_with('+') || s.starts_with('0') || body.contains([' ', '-', '(']);
    ((7..=15).contains(&digits) && phone_like).then_some(digits)
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_base64_sha256(s: &str) -> bool {
    s.len() == 44
        && s.ends_with('=')
        && s[..43]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && w.chars().count() >= 2
        })
}

fn url_carries_personal_data(url: &str) -> bool {
    let Some((_, query)) = url.split_once('?') else {
        return false;
    };
    query.split(['&', '#']).any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value
            .replace("%40", "@")
            .replace("%2B", "+")
            .replace('+', " ");
        let key = key.to_ascii_lowercase();
        looks_like_email(&value)
            || phone_digits(&value).is_some()
            || [
                "email",
                "e-mail",
                "mail",
                "phone",
                "tel",
                "firstname",
                "lastname",
                "name",
            ]
            .iter()
            .any(|k| key == *k || key.ends_with(&format!("_{k}")))
                && !value.is_empty()
    })
}

/// The kind of a string value.
pub fn kind_of_str(s: &str) -> Kind {
    let t = s.trim();
    if t.is_empty() {
        Kind::Empty
    } else if is_hex64(t) {
        Kind::Sha256Hex
    } else if is_base64_sha256(t) {
        Kind::Sha256Base64
    } else if looks_like_email(t) {
        Kind::Email
    } else if t.parse::<IpAddr>().is_ok() {
        Kind::IpAddress
    } else if t.starts_with("http://") || t.starts_with("https://") {
        if url_carries_personal_data(t) {
            Kind::UrlWithPersonalData
        } else {
            Kind::Url
        }
    } else if phone_digits(t).is_some() {
        Kind::Phone
    } else if t.parse::<f64>().is_ok() {
        Kind::Number
    } else if looks_like_name(t) {
        Kind::NameLike
    } else {
        Kind::Text
    }
}

/// Whether a raw e-mail is written the way hashing needs it (trimmed, lower case).
pub fn email_normalised(s: &str) -> bool {
    s == s.trim() && !s.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of_str("Jane.Doe@Example.com"), Kind::Email);
        assert_eq!(kind_of_str("+49 40 555 0100"), Kind::Phone);
        assert_eq!(kind_of_str("004940555"), Kind::Phone);
        assert_eq!(kind_of_str("12345"), Kind::Number);
        assert_eq!(kind_of_str("19.99"), Kind::Number);
        assert_eq!(kind_of_str("203.0.113.7"), Kind::IpAddress);
        assert_eq!(kind_of_str("2001:db8::1"), Kind::IpAddress);
        assert_eq!(kind_of_str(&"a".repeat(64)), Kind::Sha256Hex);
        assert_eq!(
            kind_of_str("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
            Kind::Sha256Base64
        );
        assert_eq!(
            kind_of_str("https://shop.example/thanks?email=jane%40example.com"),
            Kind::UrlWithPersonalData
        );
        assert_eq!(
            kind_of_str("https://shop.example/thanks?order=42"),
            Kind::Url
        );
        assert_eq!(kind_of_str("Jane Doe"), Kind::NameLike);
        assert_eq!(kind_of_str("Purchase"), Kind::Text);
        assert_eq!(kind_of_str("purchase"), Kind::Text);
        assert!(!email_normalised("Jane@example.com"));
        assert!(email_normalised("jane@example.com"));
    }
}

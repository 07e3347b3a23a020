//! Secrets of the container: access tokens, API secrets and OAuth keys, recognised by the
//! parameter keys the templates give them and by a name that says "token" or "secret". Only
//! their length is kept: the value is dropped as the export is read, so nothing later can
//! print, store or log it.

use std::fmt;

use serde::{Serialize, Serializer};

/// The parameter keys under which the templates take their secrets (ref. §4.1): Stape's
/// Meta, TikTok, Snapchat, LinkedIn and Reddit tags (`accessToken`), Pinterest and Meta's own
/// tag (`apiAccessToken`), Meta's `appSecretProof`, Microsoft (`authToken`) and X (the four
/// OAuth keys and `pixelAccessToken`).
pub const SECRET_KEYS: &[&str] = &[
    "accessToken",
    "apiAccessToken",
    "appSecretProof",
    "authToken",
    "pixelAccessToken",
    "consumerKey",
    "consumerSecret",
    "oauthToken",
    "oauthTokenSecret",
];

/// A secret's shape: how long it is, never what it is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Secret {
    pub chars: usize,
}

impl Secret {
    pub fn of(value: &str) -> Self {
        Self {
            chars: value.chars().count(),
        }
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a token is set ({} character{})",
            self.chars,
            if self.chars == 1 { "" } else { "s" }
        )
    }
}

/// The same as Display, so that a derived Debug of anything holding a secret cannot leak it.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut t = s.serialize_struct("Secret", 2)?;
        t.serialize_field("set", &true)?;
        t.serialize_field("characters", &self.chars)?;
        t.end()
    }
}

/// Whether a key (or a variable's name) says it holds a secret: a template's secret key, or
/// a name with "token", "secret", "password" or "api key" in it.
pub fn is_secret_key(key: &str) -> bool {
    if SECRET_KEYS.contains(&key) {
        return true;
    }
    let k: String = key
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    [
        "token",
        "secret",
        "password",
        "apikey",
        "authorization",
        "bearer",
        "credential",
    ]
    .iter()
    .any(|w| k.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_show_their_length_only() {
        let s = Secret::of("REDACTED-TOKEN");
        assert_eq!(s.to_string(), "a token is set (14 characters)");
        assert_eq!(format!("{s:?}"), s.to_string());
        assert!(
            !serde_json::to_string(&s)
                .unwrap_or_default()
                .contains("REDACTED")
        );
    }

    #[test]
    fn keys_that_name_a_secret() {
        for k in [
            "accessToken",
            "oauthTokenSecret",
            "Const - Meta access token",
            "api_key",
            "DB password",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in ["pixelId", "testId", "eventName", "logType"] {
            assert!(!is_secret_key(k), "{k}");
        }
    }
}

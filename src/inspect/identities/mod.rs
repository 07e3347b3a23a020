//! Test identities: made-up people a QA team used for the test orders of a capture
//! (`--test-identities IDS.ron`). capimap hashes each of their values under every platform's
//! rule and the usual wrong ways, so a hash in the capture tells which identity it is and how
//! the sender wrote the value before hashing. The file is read, turned into hashes and
//! dropped: the index holds SHA-256 digests only, and every output names an identity by its
//! number, never by a value.

mod normalise;
mod phone;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use normalise::{Made, apply, forms, rules};

/// One made-up person, as typed into the test shop.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TestIdentity {
    #[serde(default)]
    pub email: Option<String>,
    /// As typed; national numbers need `country`.
    #[serde(default)]
    pub phone: Option<String>,
    /// ISO 3166-1 alpha-2: the country of the phone number and the address.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    /// `YYYY-MM-DD`, `YYYYMMDD`, `DD.MM.YYYY` or `DD/MM/YYYY`.
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    /// This test person withdrew consent before the capture: any of their data in it is an
    /// error.
    #[serde(default)]
    pub withdrawn: bool,
}

/// The fields of a test identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Email,
    Phone,
    FirstName,
    LastName,
    City,
    PostalCode,
    DateOfBirth,
    ExternalId,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Email,
        Field::Phone,
        Field::FirstName,
        Field::LastName,
        Field::City,
        Field::PostalCode,
        Field::DateOfBirth,
        Field::ExternalId,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Email => "e-mail address",
            Field::Phone => "phone number",
            Field::FirstName => "first name",
            Field::LastName => "last name",
            Field::City => "city",
            Field::PostalCode => "postal code",
            Field::DateOfBirth => "date of birth",
            Field::ExternalId => "external id",
        }
    }
}

impl TestIdentity {
    pub fn value(&self, f: Field) -> Option<&str> {
        match f {
            Field::Email => self.email.as_deref(),
            Field::Phone => self.phone.as_deref(),
            Field::FirstName => self.first_name.as_deref(),
            Field::LastName => self.last_name.as_deref(),
            Field::City => self.city.as_deref(),
            Field::PostalCode => self.postal_code.as_deref(),
            Field::DateOfBirth => self.date_of_birth.as_deref(),
            Field::ExternalId => self.external_id.as_deref(),
        }
        .filter(|v| !v.trim().is_empty())
    }

    pub fn phone(&self) -> Option<phone::Phone> {
        phone::parse(self.phone.as_deref()?, self.country.as_deref())
    }
}

/// One way a hash can have been made: whose value, which field, written how, hashed once or
/// twice (a hash of the lower-case hex of the hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The identity's number: its place in the file, from 1.
    pub identity: usize,
    pub field: Field,
    pub made: Made,
    pub twice: bool,
}

/// A hasher for keys that are digests or short paths: one multiply per word (FxHash's), where
/// SipHash's defence against chosen keys buys nothing (a digest is already uniform) and cost a
/// third of looking a capture's hashes up.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// The test identities as digests.
#[derive(Debug, Default)]
pub struct Index {
    by_hash: FastMap<[u8; 32], Vec<Candidate>>,
    /// Digests of the values' raw forms (trimmed, lower-cased), to find one sent unhashed.
    raw: FastMap<[u8; 32], Vec<(usize, Field)>>,
    /// The longest raw form, in bytes: a longer value (a user agent, a URL) is no one's.
    longest_raw: usize,
    pub identities: usize,
    /// The numbers of those marked `withdrawn: true` in the file.
    pub withdrawn: Vec<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum IdentitiesError {
    #[error("{file}: cannot read the test identities: {reason}")]
    Read { file: String, reason: String },
    #[error("{file}:{line}:{column}: {what}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        what: String,
    },
}

/// The most test identities a file may hold: a QA team makes up a handful.
pub const MAX_IDENTITIES: usize = 1_000;

fn digest(s: &str) -> [u8; 32] {
    Sha256::digest(s.as_bytes()).into()
}

/// A digest as the lower-case hex that is hashed again by a sender that hashes twice.
fn hex(d: &[u8; 32]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Shortest raw form compared: a two-digit month would match half of any capture.
const MIN_RAW: usize = 4;

impl Index {
    pub fn new(ids: &[TestIdentity]) -> Self {
        let mut index = Index {
            identities: ids.len(),
            ..Index::default()
        };
        for (i, id) in ids.iter().enumerate() {
            let n = i + 1;
            if id.withdrawn {
                index.withdrawn.push(n);
            }
            for field in Field::ALL {
                for (made, form) in forms(id, field) {
                    let once = digest(&form);
                    index.add(once, n, field, made.clone(), false);
                    // A sender that hashes twice does so after applying a rule.
                    if matches!(made, Made::Rule(_)) {
                        index.add(digest(&hex(&once)), n, field, made, true);
                    }
                    if form.chars().count() >= MIN_RAW {
                        let key = form.trim().to_lowercase();
                        index.longest_raw = index.longest_raw.max(key.len());
                        let raw = index.raw.entry(digest(&key)).or_default();
                        if !raw.contains(&(n, field)) {
                            raw.push((n, field));
                        }
                    }
                }
            }
        }
        index
    }

    fn add(&mut self, d: [u8; 32], identity: usize, field: Field, made: Made, twice: bool) {
        let c = Candidate {
            identity,
            field,
            made,
            twice,
        };
        let list = self.by_hash.entry(d).or_default();
        if !list.contains(&c) {
            list.push(c);
        }
    }

    /// The ways a captured hash (64 hex digits, or 44 Base64 characters) can have been made,
    /// and whether it was written in upper-case hex; none when it is not a hash.
    pub fn hashed(&self, value: &str) -> Option<(&[Candidate], bool)> {
        let (bytes, upper) = decode_hash(value)?;
        let found = self.by_hash.get(&bytes).map_or(&[][..], Vec::as_slice);
        Some((found, upper && !found.is_empty()))
    }

    /// The identities and fields a raw captured value is a form of.
    pub fn raw(&self, value: &str) -> &[(usize, Field)] {
        let value = value.trim();
        // Lower-casing can lengthen a text (İ), so allow for it before comparing lengths.
        if value.chars().count() < MIN_RAW || value.len() > 2 * self.longest_raw {
            return &[];
        }
        self.raw
            .get(&digest(&value.trim().to_lowercase()))
            .map_or(&[], Vec::as_slice)
    }
}

/// The 32 bytes of a SHA-256 written in hex (and whether in upper case) or in Base64.
fn decode_hash(v: &str) -> Option<([u8; 32], bool)> {
    let b = v.as_bytes();
    let mut out = [0u8; 32];
    if b.len() == 64 {
        let nibble = |c: u8| -> Option<u8> {
            match c {
                b'0'..=b'9' => Some(c - b'0'),
                b'a'..=b'f' => Some(c - b'a' + 10),
                b'A'..=b'F' => Some(c - b'A' + 10),
                _ => None,
            }
        };
        for (i, pair) in b.chunks_exact(2).enumerate() {
            out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        return Some((out, b.iter().any(u8::is_ascii_uppercase)));
    }
    if b.len() == 44 && b[43] == b'=' {
        let sextet = |c: u8| -> Option<u32> {
            Some(match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return None,
            } as u32)
        };
        let mut bits = 0u32;
        let mut count = 0;
        let mut at = 0;
        for &c in &b[..43] {
            bits = (bits << 6) | sextet(c)?;
            count += 6;
            if count >= 8 {
                count -= 8;
                if at < 32 {
                    out[at] = (bits >> count) as u8;
                }
                at += 1;
            }
        }
        return (at == 32).then_some((out, false));
    }
    None
}

/// Reads a file of test identities: a RON list of `(email: "…", phone: "…", country: "DE",
/// …)`. A mistake is reported with its place, never with the text at that place (it may be
/// a value).
pub fn load(path: &Path) -> Result<Vec<TestIdentity>, IdentitiesError> {
    let file = path.display().to_string();
    let read = |reason: String| IdentitiesError::Read {
        file: file.clone(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| read(e.to_string()))?;
    if meta.len() > 1 << 20 {
        return Err(read(format!(
            "the file is {} bytes; a file of test identities is a few kilobytes",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| read(e.to_string()))?;
    parse(&text, &file)
}

/// Parses the text of a file of test identities (see [`load`]).
pub fn parse(text: &str, file: &str) -> Result<Vec<TestIdentity>, IdentitiesError> {
    // `email: "…"` rather than `email: Some("…")`: the file is written by hand.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let ids: Vec<TestIdentity> = options.from_str(text).map_err(|e| {
        use ron::error::Error as E;
        let what = match &e.code {
            E::NoSuchStructField { found: field, .. } => format!(
                "no field '{}' in a test identity; the fields are email, phone, country, first_name, last_name, city, postal_code, date_of_birth, external_id, withdrawn",
                crate::model::shown::shown(field, 40)
            ),
            _ => "not a list of test identities: write [(email: \"…\", phone: \"…\", country: \"DE\"), …]".to_owned(),
        };
        IdentitiesError::Parse {
            file: file.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            what,
        }
    })?;
    if ids.len() > MAX_IDENTITIES {
        return Err(IdentitiesError::Read {
            file: file.to_owned(),
            reason: format!(
                "{} test identities; at most {MAX_IDENTITIES} are read",
                ids.len()
            ),
        });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests;

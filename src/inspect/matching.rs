//! The captured values of test identities (`identities.rs`): which identity each hash is of,
//! whether it was made the way the platform requires, which raw values are an identity's,
//! and whether a withdrawn identity's data was sent. Identities are named by number only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalog::Hashing;
use crate::model::Normalisation;
use crate::model::shown::plural;

use super::identities::{Candidate, FastMap, Field, Index, Made};
use super::{Flag, Inspector, Kind};

/// What the capture holds of one test identity's field at one path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdentityUse {
    pub path: String,
    /// The identity's number: its place in the file, from 1.
    pub identity: usize,
    pub field: Field,
    /// Hashes of it.
    pub hashed: usize,
    /// Of those, made the way the platform requires at this path.
    pub as_required: usize,
    /// The others, by how the value was written before hashing.
    pub ways: BTreeMap<String, usize>,
    /// Hashes written in upper-case hex.
    pub upper_hex: usize,
    /// Values sent unhashed.
    pub raw: usize,
    /// The platform's rule for the path, in words, where the catalogue gives one.
    pub required: Option<String>,
}

impl IdentityUse {
    fn new(path: &str, identity: usize, field: Field, required: Option<&Normalisation>) -> Self {
        IdentityUse {
            path: path.to_owned(),
            identity,
            field,
            hashed: 0,
            as_required: 0,
            ways: BTreeMap::new(),
            upper_hex: 0,
            raw: 0,
            required: required.map(ToString::to_string),
        }
    }
}

/// What the catalogue says of a path, looked up once per path rather than per value.
struct PathRule {
    known: bool,
    /// A parameter for personal data: hashed, or normalised first.
    identity_field: bool,
    required: Option<Normalisation>,
}

/// The test identities an inspection looks for, and what it found of them.
pub(super) struct Tested<'c> {
    index: &'c Index,
    withdrawn: BTreeSet<usize>,
    uses: BTreeMap<(String, usize, Field), IdentityUse>,
    /// Hashes at each catalogued path that are of no test identity.
    unmatched: BTreeMap<String, usize>,
    /// Per path: whether the catalogue knows it, and its rule (looked up once, not per value).
    rules: FastMap<String, PathRule>,
}

impl Tested<'_> {
    /// The same search with nothing found yet, for a worker thread.
    pub(super) fn fresh(&self) -> Self {
        Tested {
            index: self.index,
            withdrawn: self.withdrawn.clone(),
            uses: BTreeMap::new(),
            unmatched: BTreeMap::new(),
            rules: FastMap::default(),
        }
    }

    /// Adds what another search for the same identities found.
    pub(super) fn merge(&mut self, other: Tested<'_>) {
        for (key, theirs) in other.uses {
            match self.uses.get_mut(&key) {
                None => {
                    self.uses.insert(key, theirs);
                }
                Some(mine) => {
                    mine.hashed += theirs.hashed;
                    mine.as_required += theirs.as_required;
                    mine.upper_hex += theirs.upper_hex;
                    mine.raw += theirs.raw;
                    for (way, n) in theirs.ways {
                        *mine.ways.entry(way).or_default() += n;
                    }
                }
            }
        }
        for (path, n) in other.unmatched {
            *self.unmatched.entry(path).or_default() += n;
        }
    }
}

impl<'c> Inspector<'c> {
    /// Looks for the test identities of `index` in what is inspected; `withdrawn` are the
    /// numbers of those who withdrew consent before the capture, besides those the file marks.
    pub fn with_identities(mut self, index: &'c Index, withdrawn: &[usize]) -> Self {
        self.tested = Some(Tested {
            index,
            withdrawn: withdrawn.iter().chain(&index.withdrawn).copied().collect(),
            uses: BTreeMap::new(),
            unmatched: BTreeMap::new(),
            rules: FastMap::default(),
        });
        self
    }

    /// One captured text value at `path`, of the kind given.
    pub(super) fn note_identity(&mut self, path: &str, value: &str, kind: Kind) {
        let Some(tested) = self.tested.as_mut() else {
            return;
        };
        let platform = self.platform;
        let rule = match tested.rules.get(path) {
            Some(rule) => (rule.known, rule.required.clone(), rule.identity_field),
            None => {
                let param = platform.parameter(path);
                let rule = PathRule {
                    known: param.is_some(),
                    identity_field: param.is_some_and(|p| {
                        p.hashing == Hashing::MustHash || p.normalisation.is_some()
                    }),
                    required: param.and_then(|p| p.normalisation.clone()),
                };
                let values = (rule.known, rule.required.clone(), rule.identity_field);
                tested.rules.insert(path.to_owned(), rule);
                values
            }
        };
        let (known, required, identity_field) = rule;
        if kind.is_hash() {
            let Some((found, upper)) = tested.index.hashed(value) else {
                return;
            };
            if found.is_empty() {
                if known {
                    *tested.unmatched.entry(path.to_owned()).or_default() += 1;
                }
                return;
            }
            // Several ways can make one hash (a value typed already clean); per identity
            // and field, the hash is as required when one of them is the platform's rule.
            let mut groups: BTreeMap<(usize, Field), Vec<&Candidate>> = BTreeMap::new();
            for c in found {
                groups.entry((c.identity, c.field)).or_default().push(c);
            }
            for ((identity, field), ways) in groups {
                let entry = tested
                    .uses
                    .entry((path.to_owned(), identity, field))
                    .or_insert_with(|| IdentityUse::new(path, identity, field, required.as_ref()));
                entry.hashed += 1;
                if upper {
                    entry.upper_hex += 1;
                }
                let as_required = required.as_ref().is_some_and(|r| {
                    ways.iter()
                        .any(|c| !c.twice && matches!(&c.made, Made::Rule(n) if n.same_rule(r)))
                });
                if as_required {
                    entry.as_required += 1;
                } else {
                    *entry.ways.entry(describe(&ways)).or_default() += 1;
                }
            }
        } else if matches!(kind, Kind::Email | Kind::Phone | Kind::NameLike)
            || identity_field && matches!(kind, Kind::Text | Kind::Number)
        {
            // A raw value is compared where the platform expects personal data, or where it
            // looks like personal data: an event name or a currency is no one's.
            for &(identity, field) in tested.index.raw(value) {
                let entry = tested
                    .uses
                    .entry((path.to_owned(), identity, field))
                    .or_insert_with(|| IdentityUse::new(path, identity, field, required.as_ref()));
                entry.raw += 1;
            }
        }
    }

    /// The uses found and the flags they raise.
    pub(super) fn identity_flags(&mut self) -> (Vec<IdentityUse>, Vec<Flag>) {
        let Some(tested) = self.tested.take() else {
            return (Vec::new(), Vec::new());
        };
        let name = &self.platform.name;
        let mut flags = Vec::new();
        for u in tested.uses.values() {
            let field = u.field.label();
            let n = u.identity;
            let path = &u.path;
            let wrong: usize = u.ways.values().sum();
            if let (true, Some(required)) = (wrong > 0, &u.required) {
                let ways = u
                    .ways
                    .iter()
                    .map(|(w, k)| format!("'{w}' ({k}×)"))
                    .collect::<Vec<_>>()
                    .join(", ");
                flags.push(Flag {
                    id: "inspect/identity-hashed-wrongly",
                    path: path.clone(),
                    message: format!(
                        "{wrong} of {} of test identity {n}'s {field} in {path} {} made after {ways}; {name} requires '{required}', so {name} will not match {}. Normalise the value that way before hashing",
                        plural(u.hashed, "hash", "hashes"),
                        if wrong == 1 { "was" } else { "were" },
                        if wrong == 1 { "it" } else { "them" },
                    ),
                });
            }
            let must_hash = self
                .platform
                .parameter(path)
                .is_some_and(|p| p.hashing == Hashing::MustHash);
            if u.raw > 0 && must_hash {
                flags.push(Flag {
                    id: "inspect/identity-sent-raw",
                    path: path.clone(),
                    message: format!(
                        "{path} carries test identity {n}'s {field} unhashed ({}); {name} requires it hashed with SHA-256. Hash it after normalising it",
                        plural(u.raw, "value", "values")
                    ),
                });
            }
            if tested.withdrawn.contains(&n) && u.hashed + u.raw > 0 {
                flags.push(Flag {
                    id: "inspect/withdrawn-identity-sent",
                    path: path.clone(),
                    message: format!(
                        "test identity {n} withdrew consent, yet {} of {path} {} its {field}: once consent is withdrawn, its events must not reach {name} (Art. 7(3) GDPR), queued and batched ones included. Drop them where consent is checked",
                        plural(u.hashed + u.raw, "value", "values"),
                        if u.hashed + u.raw == 1 { "is" } else { "are" },
                    ),
                });
            }
        }
        for (path, count) in &tested.unmatched {
            flags.push(Flag {
                id: "inspect/hash-of-no-test-identity",
                path: path.clone(),
                message: format!(
                    "{} in {path} {} of no test identity under any way capimap tries: a value of someone else, or written in a way capimap does not know before hashing",
                    plural(*count, "hash", "hashes"),
                    if *count == 1 { "is" } else { "are" },
                ),
            });
        }
        (tested.uses.into_values().collect(), flags)
    }
}

/// How a hash was made, in words: a platform's rule before a wrong way, once before twice.
fn describe(ways: &[&Candidate]) -> String {
    let best = ways
        .iter()
        .min_by_key(|c| (c.twice, !matches!(c.made, Made::Rule(_))))
        .copied();
    match best {
        Some(c) if c.twice => format!("{}, hashed twice", c.made.describe()),
        Some(c) => c.made.describe(),
        None => String::new(),
    }
}

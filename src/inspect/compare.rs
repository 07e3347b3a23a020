//! An inspection compared with the record: the paths a capture holds that no flow into the
//! destination documents, the documented ones never seen, and transforms that differ (hashed
//! in the record, raw on the wire, or the other way round).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Inspection;
use crate::catalog::Platform;
use crate::model::{Project, Transform};

/// The comparison with what the record documents for the flows into a destination.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Paths seen that no flow into the destination documents: the record is wrong.
    pub undocumented: Vec<String>,
    /// Documented wire names never seen: a stale record, or a minimisation opportunity.
    pub never_seen: Vec<String>,
    /// Documented hashed, sent raw (or the other way round): path, documented, seen.
    pub transform_differs: Vec<(String, String, String)>,
}

impl Comparison {
    pub fn is_clean(&self) -> bool {
        self.undocumented.is_empty()
            && self.never_seen.is_empty()
            && self.transform_differs.is_empty()
    }
}

/// Compares an inspection with the documented mappings of the flows into `destination`.
/// Only paths that carry values the platform treats as data are compared: structural fields
/// (event names, timestamps) that a record does not map are left out when the catalogue does
/// not list them.
pub fn compare(
    result: &Inspection,
    project: &Project,
    destination: &str,
    platform: &Platform,
) -> Comparison {
    let documented: BTreeMap<&str, &Transform> = project
        .flows_into(destination)
        .flat_map(|f| f.sent_fields())
        .map(|m| (m.wire_name.as_str(), &m.transform))
        .collect();
    let mut c = Comparison::default();
    for (path, stats) in &result.paths {
        match documented.get(path.as_str()) {
            None => {
                if platform.parameter(path).is_some() || !stats.personal_in_clear().is_empty() {
                    c.undocumented.push(path.clone());
                }
            }
            Some(t) => {
                let seen_hashed = stats.hashed() > 0 && stats.raw() == 0;
                let seen_raw = stats.raw() > 0;
                if t.is_hashed() && seen_raw {
                    c.transform_differs
                        .push((path.clone(), t.to_string(), "sent raw".to_owned()));
                } else if !t.is_hashed() && seen_hashed {
                    c.transform_differs.push((
                        path.clone(),
                        t.to_string(),
                        "sent hashed".to_owned(),
                    ));
                }
            }
        }
    }
    for wire in documented.keys() {
        if !result.paths.contains_key(*wire) {
            c.never_seen.push((*wire).to_owned());
        }
    }
    c
}

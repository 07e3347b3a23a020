//! Where a platform's API is, how its requests are shaped, and the kinds of request it takes:
//! what payload inspection needs to find a platform's requests, and what the checks need to
//! know which parameters and consent signals a request can carry.

use serde::{Deserialize, Serialize};

use super::{Fact, Source};
use crate::model::Period;

/// A kind of request the platform's API takes, where what a request may carry depends on it
/// (Google Ads: click conversions, call conversions, conversion adjustments; Meta: events
/// from a website, an app, offline or a physical store).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestType {
    /// Stable id, used by flows (`request_type: "click-conversion"`).
    pub id: String,
    pub name: String,
    /// The method or endpoint, or how a request says its type (`action_source`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// How far back an event of this type may be, where it differs from the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_window: Option<Fact<Period>>,
    pub source: Source,
}

/// Where the API is and how its requests are shaped, so that payload inspection can pick the
/// platform's requests out of a HAR file and find the events in a body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Host names of the API (`graph.facebook.com`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// Where the events of a request body are, tried in order: a dotted path to a list
    /// (`data`, `conversions`, `data.events`). Where none is found the body is one event, or
    /// a list of events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events_at: Vec<String>,
    /// The JSON spells the catalogue's snake_case names in camelCase (Google's APIs).
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub camel_case: bool,
}

/// Whether something listed for some request types (empty: for every one) is carried by a
/// request of this type. A request of unknown type may be any of them.
pub fn carried_by(request_types: &[String], request_type: Option<&str>) -> bool {
    match request_type {
        None => true,
        Some(t) => request_types.is_empty() || request_types.iter().any(|r| r == t),
    }
}

/// Whether API version `a` is older than `b`, comparing their numbers left to right
/// (`v22` < `v23`, `v21.0` < `v22.0`, `202401` < `202410`); `None` when either has no number.
pub fn version_older(a: &str, b: &str) -> Option<bool> {
    let numbers = |v: &str| -> Vec<u64> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap_or(u64::MAX))
            .collect()
    };
    let (a, b) = (numbers(a), numbers(b));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(a < b)
}

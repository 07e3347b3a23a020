//! What one platform's entry answers: its parameters and the paths of its requests, whether it
//! accepts a field, which terms a destination's record names, its request types and event
//! windows, and how sure its facts are.

use std::collections::BTreeMap;

use super::{ConsentParameter, Fact, Parameter, Platform, Provenance, RequestType, Terms, address};
use crate::model::Period;

impl Platform {
    /// The parameter with this wire name, among user and event data.
    pub fn parameter(&self, wire_name: &str) -> Option<&Parameter> {
        self.user_data
            .iter()
            .chain(&self.event_data)
            .find(|p| p.wire_name == wire_name)
    }

    /// Every path that is a field of the platform's requests or lies on the way to one: each
    /// parameter, consent parameter and other field, and each prefix of one (`user_data` of
    /// `user_data.em`). Only such keys of a payload are the platform's own words; any other
    /// key may be data, and the keys under an open object (`custom_data.*`) are the
    /// advertiser's, not the platform's.
    pub fn known_paths(&self) -> std::collections::HashSet<String> {
        let mut known = std::collections::HashSet::new();
        let wires = self
            .user_data
            .iter()
            .chain(&self.event_data)
            .map(|p| p.wire_name.as_str())
            .chain(self.consent_parameters.iter().map(|c| c.wire_name.as_str()))
            .chain(self.other_fields.iter().map(|f| f.trim_end_matches(".*")));
        for wire in wires {
            for (at, _) in wire.match_indices(['.', '[']) {
                known.insert(wire[..at].to_owned());
            }
            known.insert(wire.to_owned());
        }
        known
    }

    /// Whether the platform accepts a parameter: a match key, an event field, a consent
    /// parameter, or one of its other fields. `None` when the catalogue does not list the
    /// platform's other fields, so that acceptance cannot be judged.
    pub fn accepts(&self, wire_name: &str) -> Option<bool> {
        if self.parameter(wire_name).is_some() || self.consent_parameter(wire_name).is_some() {
            return Some(true);
        }
        if self.other_fields.is_empty() {
            return None;
        }
        Some(self.other_fields.iter().any(|f| {
            match f.strip_suffix(".*") {
                Some(prefix) => wire_name
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('.')),
                None => f == wire_name,
            }
        }))
    }

    /// The platform's terms that an acceptance recorded under this name and address stands
    /// for: the terms of that name or alias (case and surrounding space do not matter), else
    /// the only terms at that address (two terms on one page cannot be told apart by it).
    pub fn terms_recorded_as(&self, name: &str, url: &str) -> Option<&Terms> {
        let same = |n: &str| n.trim().eq_ignore_ascii_case(name.trim());
        if let Some(t) = self
            .terms
            .iter()
            .find(|t| same(&t.name) || t.aliases.iter().any(|a| same(a)))
        {
            return Some(t);
        }
        if url.trim().is_empty() {
            return None;
        }
        let mut at = self
            .terms
            .iter()
            .filter(|t| !t.url.trim().is_empty() && address(&t.url) == address(url));
        match (at.next(), at.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    }

    /// How many of the platform's facts come from each kind of source: every parameter,
    /// consent parameter, request type, terms, prohibition, and the facts that may be unknown
    /// (recipient, its country, deduplication key, EU consent field, event windows,
    /// retention), by provenance; an unknown fact counts as `Unknown`.
    pub fn provenance_counts(&self) -> BTreeMap<Provenance, usize> {
        fn of<T>(f: &Fact<T>) -> Provenance {
            f.source().map_or(Provenance::Unknown, |s| s.provenance)
        }
        let mut all: Vec<Provenance> = self
            .user_data
            .iter()
            .chain(&self.event_data)
            .map(|p| p.source.provenance)
            .chain(self.consent_parameters.iter().map(|c| c.source.provenance))
            .chain(
                self.consent_parameters
                    .iter()
                    .filter_map(|c| c.states.as_ref().map(|s| s.source.provenance)),
            )
            .chain(self.request_types.iter().map(|t| t.source.provenance))
            .chain(self.terms.iter().map(|t| t.source.provenance))
            .chain(self.prohibited.iter().map(|x| x.source.provenance))
            .collect();
        all.extend([
            of(&self.recipient),
            of(&self.recipient_country),
            of(&self.dedup_key),
            of(&self.eu_consent_field),
            of(&self.event_window),
            of(&self.retention),
        ]);
        all.extend(
            self.request_types
                .iter()
                .filter_map(|t| t.event_window.as_ref())
                .map(of),
        );
        let mut counts = BTreeMap::new();
        for p in all {
            *counts.entry(p).or_insert(0) += 1;
        }
        counts
    }

    pub fn request_type(&self, id: &str) -> Option<&RequestType> {
        self.request_types.iter().find(|t| t.id == id)
    }

    /// "click conversion upload or call conversion upload": the names of request types, by id.
    pub fn request_type_names(&self, ids: &[String]) -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| {
                self.request_type(id)
                    .map_or(id.as_str(), |t| t.name.as_str())
            })
            .collect();
        names.join(" or ")
    }

    /// How far back an event of a request type may be: the type's own window, else the
    /// platform's.
    pub fn event_window_of(&self, request_type: Option<&str>) -> &Fact<Period> {
        request_type
            .and_then(|t| self.request_type(t))
            .and_then(|t| t.event_window.as_ref())
            .unwrap_or(&self.event_window)
    }

    pub fn consent_parameter(&self, wire_name: &str) -> Option<&ConsentParameter> {
        self.consent_parameters
            .iter()
            .find(|p| p.wire_name == wire_name)
    }
}

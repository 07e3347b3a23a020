//! A capture checked against one case of the consent test plan: the events that carry a field
//! the case says must not reach the destination, and consent signals whose value contradicts
//! the case. Signal values are compared as they pass and only counted: the values named in
//! the output are the catalogue's own ("GRANTED", "DENIED"), never a captured one.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::catalog::Catalog;
use crate::check::plan::{Case, DestinationCase, Plan, Verdict};
use crate::model::Project;

use super::Flag;

/// What a case expects of the requests to one destination.
#[derive(Clone, Debug, Default)]
pub struct Expectation {
    /// "case 3 (EEA, UK, CH)", for messages.
    pub case: String,
    pub destination: String,
    /// Wire path → (field label, the denied purposes' names).
    pub must_not: BTreeMap<String, (String, Vec<String>)>,
    pub signals: Vec<SignalExpectation>,
    /// Wire paths that must not come by one flow but may (or may, as far as the model says)
    /// by another into the same destination: a capture cannot tell the flows apart, so these
    /// are not flagged, and the output says so.
    pub unchecked: Vec<String>,
    /// No flow of the model reaches the destination for the case's users.
    pub nothing_expected: bool,
    /// The case says no event reaches the destination at all (every mapping into it must not
    /// or cannot carry data, and no consent signal could tell the platform consent was
    /// denied): the purposes denied, by name. Then any event is flagged, whatever
    /// fields it carries, documented or not.
    pub no_events: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct SignalExpectation {
    pub path: String,
    pub expected: String,
    /// The value that means the opposite.
    pub opposite: String,
    pub required: bool,
    /// The purposes whose choice it reports (names).
    pub follows: Vec<String>,
}

impl Expectation {
    /// From a destination's part of a plan case; `name` gives a purpose's name by id, and
    /// `states` the (granted, denied) values of a signal by wire name.
    pub fn of(
        case: String,
        d: &DestinationCase,
        name: &dyn Fn(&str) -> String,
        states: &dyn Fn(&str) -> Option<(String, String)>,
    ) -> Self {
        let mut e = Expectation {
            case,
            destination: d.name.clone(),
            ..Expectation::default()
        };
        let allowed: Vec<&str> = d
            .flows
            .iter()
            .flat_map(|f| &f.fields)
            .filter(|x| !matches!(x.verdict, Verdict::MustNot { .. } | Verdict::NotReached))
            .map(|x| x.wire_name.as_str())
            .collect();
        let fields = || d.flows.iter().flat_map(|f| &f.fields);
        // A platform told by a signal that consent was denied may receive the event anyway
        // ("any request sent anyway carries consent.ad_user_data = DENIED"): then the event
        // itself is no fault, only what it carries and what the signal says.
        let told_denied = d.flows.iter().flat_map(|f| &f.signals).any(|s| {
            s.expected
                .as_ref()
                .is_some_and(|v| states(&s.wire_name).is_some_and(|(_, denied)| *v == denied))
        });
        if !told_denied
            && fields().next().is_some()
            && fields().all(|x| matches!(x.verdict, Verdict::MustNot { .. } | Verdict::NotReached))
        {
            let mut denied: Vec<String> = Vec::new();
            for x in fields() {
                if let Verdict::MustNot { denied: ds } = &x.verdict {
                    for p in ds {
                        let n = name(p);
                        if !denied.contains(&n) {
                            denied.push(n);
                        }
                    }
                }
            }
            e.no_events = Some(denied);
        }
        for f in &d.flows {
            for x in &f.fields {
                if let Verdict::MustNot { denied } = &x.verdict {
                    if allowed.contains(&x.wire_name.as_str()) {
                        if !e.unchecked.contains(&x.wire_name) {
                            e.unchecked.push(x.wire_name.clone());
                        }
                        continue;
                    }
                    let entry = e
                        .must_not
                        .entry(x.wire_name.clone())
                        .or_insert_with(|| (x.label.clone(), Vec::new()));
                    for p in denied {
                        let n = name(p);
                        if !entry.1.contains(&n) {
                            entry.1.push(n);
                        }
                    }
                }
            }
            for s in &f.signals {
                let (Some(expected), Some((granted, denied))) = (&s.expected, states(&s.wire_name))
                else {
                    continue;
                };
                if e.signals.iter().any(|x| x.path == s.wire_name) {
                    continue;
                }
                let opposite = if *expected == granted {
                    denied
                } else {
                    granted
                };
                e.signals.push(SignalExpectation {
                    path: s.wire_name.clone(),
                    expected: expected.clone(),
                    opposite,
                    required: s.required,
                    follows: s.follows.iter().map(|p| name(p)).collect(),
                });
            }
        }
        e
    }
}

/// What `case` of `plan` expects of the requests to `destination`: nothing may reach it when
/// the case lists no flow into it for its users.
pub fn expectation(
    project: &Project,
    catalog: &Catalog,
    plan: &Plan,
    case: &Case,
    destination: &str,
) -> Expectation {
    let scope = plan.scopes.get(case.scope).map_or("", |s| s.label.as_str());
    let label = format!("case {} for {scope}", case.number);
    let platform = project
        .node(destination)
        .and_then(|n| n.as_destination())
        .and_then(|d| catalog.get(&d.platform));
    let name = |id: &str| plan.purpose_name(project, id).to_owned();
    let states = |wire: &str| {
        platform
            .and_then(|p| p.consent_parameter(wire))
            .and_then(|c| c.states.as_ref())
            .map(|s| (s.granted.clone(), s.denied.clone()))
    };
    match case
        .destinations
        .iter()
        .find(|d| d.destination == destination)
    {
        Some(d) => Expectation::of(label, d, &name, &states),
        None => Expectation {
            case: label,
            destination: project
                .node(destination)
                .map_or(destination, |n| n.name.as_str())
                .to_owned(),
            nothing_expected: true,
            ..Expectation::default()
        },
    }
}

/// What the capture showed against the expectation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConsentOutcome {
    pub case: String,
    /// Events carrying at least one field that must not reach the destination.
    pub events_sent_without_consent: usize,
    /// Events at all, when the case says none reaches the destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events_not_expected: Option<usize>,
    /// By wire path: events carrying it.
    pub must_not_seen: BTreeMap<String, usize>,
    pub signals: Vec<SignalOutcome>,
    /// Paths not checked: one flow may carry them here and another must not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    /// The model sends nothing to the destination for these users.
    pub nothing_expected: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SignalOutcome {
    pub path: String,
    pub expected: String,
    pub as_expected: usize,
    /// Events with the opposite value.
    pub opposite: usize,
    /// Events with some other value (UNSPECIFIED, a typo, another type).
    pub other: usize,
    pub missing: usize,
}

/// Counts, per event, against one expectation.
pub(super) struct Watch {
    pub expectation: Expectation,
    pub outcome: ConsentOutcome,
}

impl Watch {
    pub fn new(expectation: Expectation) -> Self {
        let outcome = ConsentOutcome {
            case: expectation.case.clone(),
            signals: expectation
                .signals
                .iter()
                .map(|s| SignalOutcome {
                    path: s.path.clone(),
                    expected: s.expected.clone(),
                    ..SignalOutcome::default()
                })
                .collect(),
            unchecked: expectation.unchecked.clone(),
            nothing_expected: expectation.nothing_expected,
            events_not_expected: expectation.no_events.as_ref().map(|_| 0),
            ..ConsentOutcome::default()
        };
        Watch {
            expectation,
            outcome,
        }
    }

    /// The same watch with nothing counted, for a worker thread.
    pub fn fresh(&self) -> Self {
        Watch::new(self.expectation.clone())
    }

    /// Adds what another watch of the same expectation counted.
    pub fn merge(&mut self, other: Watch) {
        let (mine, theirs) = (&mut self.outcome, other.outcome);
        mine.events_sent_without_consent += theirs.events_sent_without_consent;
        if let (Some(n), Some(m)) = (&mut mine.events_not_expected, theirs.events_not_expected) {
            *n += m;
        }
        for (path, n) in theirs.must_not_seen {
            *mine.must_not_seen.entry(path).or_default() += n;
        }
        for (o, t) in mine.signals.iter_mut().zip(theirs.signals) {
            o.as_expected += t.as_expected;
            o.opposite += t.opposite;
            o.other += t.other;
            o.missing += t.missing;
        }
    }

    /// One event: the paths it carries (as the inspection names them), the event and the
    /// request body it came in (a signal may be set for the whole request).
    pub fn event(&mut self, paths: &[String], event: &Value, body: &Value, camel_case: bool) {
        let mut any = false;
        for p in paths {
            if self.expectation.must_not.contains_key(p) {
                *self.outcome.must_not_seen.entry(p.clone()).or_default() += 1;
                any = true;
            }
        }
        if any {
            self.outcome.events_sent_without_consent += 1;
        }
        if let Some(n) = &mut self.outcome.events_not_expected {
            *n += 1;
        }
        for (s, o) in self
            .expectation
            .signals
            .iter()
            .zip(&mut self.outcome.signals)
        {
            let found =
                lookup(event, &s.path, camel_case).or_else(|| lookup(body, &s.path, camel_case));
            match found.and_then(Value::as_str) {
                None if found.is_none() => o.missing += 1,
                Some(v) if v == s.expected => o.as_expected += 1,
                Some(v) if v == s.opposite => o.opposite += 1,
                _ => o.other += 1,
            }
        }
    }

    pub fn flags(&self) -> Vec<Flag> {
        let e = &self.expectation;
        let mut flags = Vec::new();
        for (path, n) in &self.outcome.must_not_seen {
            let Some((label, denied)) = e.must_not.get(path) else {
                continue;
            };
            flags.push(Flag {
                id: "inspect/sent-without-consent",
                path: path.clone(),
                message: format!(
                    "{} reached {} with {path} ({label}) while '{}' was denied ({}): without consent this data must not be sent (GDPR Art. 6(1)(a), 7). Check the consent state before the request is made (the tag's consent check, the gate) and drop the field or the event",
                    events(*n),
                    e.destination,
                    denied.join("', '"),
                    e.case
                ),
            });
        }
        if let (Some(denied), Some(n)) = (&e.no_events, self.outcome.events_not_expected)
            && n > 0
        {
            let why = if denied.is_empty() {
                String::new()
            } else {
                format!(" ('{}' denied)", denied.join("', '"))
            };
            flags.push(Flag {
                id: "inspect/event-without-consent",
                // Not one field's: the whole event.
                path: "(any event)".to_owned(),
                message: format!(
                    "{} reached {} although in {}{why} the model's gates stop every event to it, whatever fields it carries: the consent check before this destination did not hold (GDPR Art. 6(1)(a), 7). Check the consent state before any request is made",
                    events(n),
                    e.destination,
                    e.case
                ),
            });
        }
        for (s, o) in e.signals.iter().zip(&self.outcome.signals) {
            if o.opposite + o.other > 0 {
                let mut seen = Vec::new();
                if o.opposite > 0 {
                    seen.push(format!("{} on {}", s.opposite, events(o.opposite)));
                }
                if o.other > 0 {
                    seen.push(format!("another value on {}", events(o.other)));
                }
                flags.push(Flag {
                    id: "inspect/consent-signal-contradicts",
                    path: s.path.clone(),
                    message: format!(
                        "{} must be {} in {} (it follows '{}'), but was {}: the platform then processes the data as if the person had chosen otherwise. Set it from the consent state of each event",
                        s.path,
                        s.expected,
                        e.case,
                        s.follows.join("', '"),
                        seen.join(" and ")
                    ),
                });
            }
            if s.required && o.missing > 0 {
                flags.push(Flag {
                    id: "inspect/consent-signal-missing",
                    path: s.path.clone(),
                    message: format!(
                        "{} is required for these users, but {} did not carry it (it must be {} in {}): without it the platform may drop or limit the event. Send it on every request, from the consent state",
                        s.path,
                        events(o.missing),
                        s.expected,
                        e.case
                    ),
                });
            }
        }
        flags
    }
}

fn events(n: usize) -> String {
    crate::model::shown::plural(n, "event", "events")
}

/// The value at a dotted path, with keys as written or (for APIs that speak camelCase) in
/// camelCase.
fn lookup<'v>(v: &'v Value, path: &str, camel_case: bool) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, key| {
        v.get(key).or_else(|| {
            camel_case
                .then(|| camel(key))
                .and_then(|k| v.get(k.as_str()))
        })
    })
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut up = false;
    for c in key.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

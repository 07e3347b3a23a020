//! The text of `capimap inspect`: the table of field paths, the flags, the consent case's
//! counts, the comparison with the record and the test identities found.

use std::fmt::Write as _;

use capimap::inspect::{Comparison, Inspection};
use capimap::model::shown::plural;

pub fn text(r: &Inspection, c: Option<&Comparison>, destination: Option<&str>) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}, {} for {}",
        plural(r.bodies, "request body", "request bodies"),
        plural(r.events, "event", "events"),
        r.platform
    );
    let width = r
        .paths
        .keys()
        .map(|p| p.len())
        .max()
        .unwrap_or(5)
        .clamp(5, crate::cli::MAX_COLUMN);
    let _ = writeln!(
        o,
        "\n  {:<width$}  {:>7}  {:>6}  {:>5}  looks like",
        "field", "events", "hashed", "raw"
    );
    for (path, s) in &r.paths {
        let kinds = s
            .kinds
            .iter()
            .map(|(k, n)| format!("{} ×{n}", k.label()))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            o,
            "  {:<width$}  {:>7}  {:>6}  {:>5}  {kinds}",
            path, s.present, s.hashed_events, s.raw_events
        );
    }
    if r.flags.is_empty() {
        let _ = writeln!(o, "\nNothing flagged against the platform's rules.");
    } else {
        let _ = writeln!(o, "\nFlagged ({})", r.flags.len());
        for f in &r.flags {
            let _ = writeln!(o, "  [{}] {}: {}", f.id, f.path, f.message);
        }
    }
    if let Some(k) = &r.consent {
        let _ = writeln!(o, "\nAgainst {} of the consent test plan:", k.case);
        let _ = writeln!(
            o,
            "  {} carried data that must not reach the destination in this case",
            plural(k.events_sent_without_consent, "event", "events")
        );
        if let Some(n) = k.events_not_expected {
            let _ = writeln!(
                o,
                "  {} reached the destination, where the case lets no event through",
                plural(n, "event", "events")
            );
        }
        for s in &k.signals {
            let _ = writeln!(
                o,
                "  {} = {} expected: {} as expected, {} the opposite, {} another value, {} without it",
                s.path, s.expected, s.as_expected, s.opposite, s.other, s.missing
            );
        }
        if k.nothing_expected {
            let _ = writeln!(
                o,
                "  The model sends nothing to this destination for these users: compare the capture with the flows"
            );
        }
        if !k.unchecked.is_empty() {
            let _ = writeln!(
                o,
                "  Not checked, as one flow may carry them here and another must not: {}",
                k.unchecked.join(", ")
            );
        }
    }
    if let Some(c) = c {
        let d = destination.unwrap_or_default();
        let _ = writeln!(o, "\nCompared with the flows into {d}:");
        if c.is_clean() {
            let _ = writeln!(o, "  the record matches what is sent.");
        }
        for p in &c.undocumented {
            let _ = writeln!(
                o,
                "  not documented: {p} is sent, but no flow into {d} maps it (the record is incomplete)"
            );
        }
        for p in &c.never_seen {
            let _ = writeln!(
                o,
                "  never seen: {p} is documented but was not in any request (stale record, or data that need not be collected)"
            );
        }
        for (p, documented, seen) in &c.transform_differs {
            let _ = writeln!(
                o,
                "  transform differs: {p} is documented as {documented}, but was {seen}"
            );
        }
    }
    o
}

/// What was found of the test identities, one line per identity, field and path.
pub fn identities_text(r: &Inspection, count: usize, platform: &str) -> String {
    let mut o = String::new();
    let seen: std::collections::BTreeSet<usize> = r.identities.iter().map(|u| u.identity).collect();
    let _ = writeln!(
        o,
        "\nTest identities: {} read, {} found in the capture",
        count,
        seen.len()
    );
    for u in &r.identities {
        let mut parts = Vec::new();
        if u.as_required > 0 {
            parts.push(format!("{} hashed as {platform} requires", u.as_required));
        }
        for (way, k) in &u.ways {
            parts.push(format!("{k} hashed after '{way}'"));
        }
        if u.upper_hex > 0 {
            parts.push(format!("{} in upper-case hex", u.upper_hex));
        }
        if u.raw > 0 {
            parts.push(format!("{} unhashed", u.raw));
        }
        let required = u
            .required
            .as_ref()
            .filter(|_| !u.ways.is_empty())
            .map(|r| format!(" ({platform} requires '{r}')"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {}  identity {} {}: {}{required}",
            u.path,
            u.identity,
            u.field.label(),
            parts.join(", ")
        );
    }
    o
}

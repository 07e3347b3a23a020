//! The preview of an import, for people: what it adds, changes and leaves as it is, the tags
//! that do not fire, and the notes on what capimap could not read. The CLI prints it; the app
//! shows it before the import is applied.

use std::fmt::Write as _;

use super::Analysis;
use super::plan::{Change, Plan};

/// What the import adds and changes, for people.
pub fn preview(plan: &Plan, a: &Analysis, dry_run: bool) -> String {
    let c = &a.container;
    let firing = a
        .tags
        .iter()
        .filter(|t| t.status == super::analyse::Status::Fires)
        .count();
    let mut s = format!(
        "{} \"{}\": {} tag{} ({} firing), {} client{}, {} template{}, {} variable{}\n",
        c.public_id,
        c.name,
        c.tags.len(),
        plural(c.tags.len()),
        firing,
        c.clients.len(),
        plural(c.clients.len()),
        c.templates.len(),
        plural(c.templates.len()),
        c.variables.len(),
        plural(c.variables.len()),
    );
    if plan.is_empty() {
        s.push_str("Nothing to change: the project already records the container as exported.\n");
    }
    let (would, verb) = if dry_run {
        ("Would add", "Would change")
    } else {
        ("Added", "Changed")
    };
    let added: Vec<&Change> = plan
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Added { .. }))
        .collect();
    let changed: Vec<&Change> = plan
        .changes
        .iter()
        .filter(|c| !matches!(c, Change::Added { .. }))
        .collect();
    if !added.is_empty() {
        let _ = writeln!(s, "{would} ({}):", added.len());
        for c in added {
            let _ = writeln!(s, "  {}", describe(c));
        }
    }
    if !changed.is_empty() {
        let _ = writeln!(s, "{verb} ({}):", changed.len());
        for c in changed {
            let _ = writeln!(s, "  {}", describe(c));
        }
    }
    if !plan.left.is_empty() {
        let _ = writeln!(s, "Left as they are ({}):", plan.left.len());
        for l in &plan.left {
            let _ = writeln!(
                s,
                "  flow {} documents {}, which {}",
                l.flow,
                l.wire,
                if l.may_send {
                    "the tag sends only when the event data holds it"
                } else {
                    "the tag does not send"
                }
            );
        }
    }
    if !plan.not_firing.is_empty() {
        let _ = writeln!(
            s,
            "Not firing ({}): recorded on their destination, no flow:",
            plan.not_firing.len()
        );
        for t in &plan.not_firing {
            let _ = writeln!(s, "  {t}");
        }
    }
    let notes: Vec<&String> = plan
        .notes
        .iter()
        .chain(a.tags.iter().flat_map(|t| &t.notes))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "Notes ({}):", notes.len());
        for n in notes {
            let _ = writeln!(s, "  {n}");
        }
    }
    let _ = writeln!(
        s,
        "To complete: the server's operator, country and hosting; activities and their consent purposes (link the gcm-… purposes to your banner's); the platforms' terms."
    );
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn describe(c: &Change) -> String {
    match c {
        Change::Added { kind, id, name } => format!("{kind} {id}: {name}"),
        Change::Remembered { kind, id, origin } => format!("{kind} {id}: remembers {origin}"),
        Change::AccountSet { node, account } => format!("destination {node}: account {account}"),
        Change::Disabled { node } => {
            format!("destination {node}: disabled (every tag that sends there is paused)")
        }
        Change::Enabled { node } => format!("destination {node}: in use again"),
        Change::GateEnforces { node, purposes } => {
            format!(
                "consent gate {node}: enforces {}",
                if purposes.is_empty() {
                    "nothing".to_owned()
                } else {
                    purposes.join(", ")
                }
            )
        }
        Change::Rerouted { flow, via } => {
            format!("flow {flow}: re-routed through the tag's consent check {via}")
        }
        Change::MappingAdded { flow, wire } => format!("flow {flow}: sends {wire}"),
        Change::TransformChanged {
            flow,
            wire,
            from,
            to,
        } => format!("flow {flow}: {wire} {from} → {to}"),
        Change::SignalAdded { flow, signal } => {
            format!("flow {flow}: forwards the consent signal {signal}")
        }
        Change::RequestTypeSet { flow, request_type } => {
            format!("flow {flow}: request type {request_type}")
        }
    }
}

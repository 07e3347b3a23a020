//! `capimap import gtm CONTAINER.json [--into PROJECT] [--out FILE] [--dry-run] [--force]
//! [--format text|json] [--catalog DIR]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use capimap::check::{Finding, Report, output};
use capimap::import::gtm::{self, Change, Plan};
use capimap::model::{Party, Project};
use capimap::store;

use super::{Format, catalog};

pub struct Args<'a> {
    pub container: &'a Path,
    pub into: Option<&'a PathBuf>,
    pub out: Option<&'a PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub format: Format,
    pub catalog: Option<&'a PathBuf>,
}

/// Reads and analyses a container export: the one reading of it that `import` and `check
/// --gtm` share.
pub fn read_container(path: &Path) -> anyhow::Result<gtm::Analysis> {
    let bytes = store::read_capped(
        path,
        gtm::MAX_EXPORT_BYTES,
        "and a container export is a few MB at most",
    )?;
    let container = gtm::parse(&bytes, &path.display().to_string())?;
    Ok(gtm::analyse(container))
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let catalog = catalog(a.catalog)?;
    if let Some(out) = a.out
        && same_file(out, a.container)
    {
        bail!(
            "{}: --out would overwrite the container export",
            out.display()
        );
    }
    let analysis = read_container(a.container)?;
    let (base, file) = match a.into {
        Some(p) => (store::load(p)?.project, p.display().to_string()),
        None => (skeleton(&analysis), String::new()),
    };
    let plan = gtm::plan(&analysis, &base, &catalog);
    let findings = gtm::findings(&analysis, &plan.result, &catalog);
    let report = report(findings);
    let target = a.out.or(a.into);
    match a.format {
        Format::Text => eprint!("{}", preview(&plan, &analysis, a.dry_run)),
        Format::Json => println!(
            "{}",
            serde_json::json!({
                "plan": &plan,
                "findings": serde_json::from_str::<serde_json::Value>(&output::json(&report, &file, None)).unwrap_or_default(),
            })
        ),
    }
    if a.format == Format::Text && !report.findings.is_empty() {
        eprintln!();
        eprint!(
            "{}",
            output::text(&report, a.container.display().to_string().as_str(), None)
        );
    }
    if a.dry_run {
        return Ok(super::EXIT_OK);
    }
    match target {
        None => {
            if a.format == Format::Text {
                print!("{}", store::to_string(&plan.result));
            }
        }
        Some(path) => {
            let unchanged = a.out.is_none() && plan.is_empty();
            if unchanged {
                eprintln!(
                    "capimap: {} already records {} as exported: nothing written",
                    path.display(),
                    plan.container
                );
                return Ok(super::EXIT_OK);
            }
            if a.out.is_some()
                && path.exists()
                && !a.force
                && a.into.is_none_or(|i| !same_file(i, path))
            {
                bail!(
                    "{}: the file already exists; use --force to overwrite it",
                    path.display()
                );
            }
            store::save(path, &plan.result)?;
            eprintln!("capimap: wrote {}", path.display());
        }
    }
    Ok(super::EXIT_OK)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The project a standalone import starts from: named after the container, with the
/// controller left for the user to fill in.
fn skeleton(a: &gtm::Analysis) -> Project {
    let mut p = Project::empty(a.container.name.clone());
    p.description = format!(
        "Imported from the server-side Tag Manager container {}.",
        a.container.public_id
    );
    p.organisation.controller = Party {
        name: "Your organisation's legal name".to_owned(),
        ..Party::default()
    };
    p
}

pub fn report(mut findings: Vec<Finding>) -> Report {
    findings.sort_by_key(|f| (f.severity, f.rule.family));
    Report {
        findings,
        ..Report::default()
    }
}

/// What the import adds and changes, for people.
pub fn preview(plan: &Plan, a: &gtm::Analysis, dry_run: bool) -> String {
    let c = &a.container;
    let firing = a
        .tags
        .iter()
        .filter(|t| t.status == gtm::analyse::Status::Fires)
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
            format!("consent gate {node}: also enforces {}", purposes.join(", "))
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

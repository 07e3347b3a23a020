//! `capimap inspect INPUT... --platform ID [--against PROJECT --destination NODE_ID]
//! [--test-identities IDS.ron [--withdrawn N,...]] [--format text|json] [--catalog DIR]`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde::Serialize;

use capimap::inspect::{self, Comparison, Inspection, Inspector};
use capimap::store;

use super::{Format, catalog};

pub struct Args<'a> {
    pub inputs: &'a [PathBuf],
    pub platform: &'a str,
    pub against: Option<&'a PathBuf>,
    pub destination: Option<&'a str>,
    pub test_identities: Option<&'a PathBuf>,
    pub withdrawn: &'a [usize],
    pub format: Format,
    pub catalog: Option<&'a PathBuf>,
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    inspection: &'a Inspection,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<&'a Comparison>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let catalog = catalog(a.catalog)?;
    let Some(platform) = catalog.get(a.platform) else {
        let known: Vec<&str> = catalog.platforms().map(|p| p.id.as_str()).collect();
        bail!(
            "no platform '{}' in the catalogue; known: {}",
            a.platform,
            known.join(", ")
        );
    };
    let against = match (a.against, a.destination) {
        (Some(p), Some(d)) => {
            let project = store::load(p)?.project;
            if project.node(d).and_then(|n| n.as_destination()).is_none() {
                bail!("{}: no destination '{d}' in the project", p.display());
            }
            Some((project, d))
        }
        (None, None) => None,
        _ => bail!("--against and --destination go together"),
    };
    // The identities become digests here; their values go out of scope at once.
    let index = match a.test_identities {
        Some(path) => {
            let ids = inspect::identities::load(path)?;
            for n in a.withdrawn {
                if *n == 0 || *n > ids.len() {
                    bail!(
                        "--withdrawn {n}: {} holds {}; they are numbered from 1 in the order of the file",
                        path.display(),
                        plural(ids.len(), "test identity", "test identities")
                    );
                }
            }
            Some(inspect::identities::Index::new(&ids))
        }
        None => None,
    };
    let mut inspector = Inspector::new(platform);
    if let Some(index) = &index {
        inspector = inspector.with_identities(index, a.withdrawn);
    }
    for input in a.inputs {
        inspect::read_path(input, &mut inspector)
            .with_context(|| "the input could not be inspected".to_owned())?;
    }
    let result = inspector.finish();
    let comparison = against
        .as_ref()
        .map(|(project, d)| inspect::compare(&result, project, d, platform));
    match a.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&Report {
                inspection: &result,
                comparison: comparison.as_ref(),
            })?
        ),
        Format::Text => {
            print!("{}", text(&result, comparison.as_ref(), a.destination));
            if let Some(index) = &index {
                print!(
                    "{}",
                    identities_text(&result, index.identities, &platform.name)
                );
            }
        }
    }
    if result.untracked > 0 {
        eprintln!(
            "capimap: warning: more than {} distinct field paths: {} further values were counted but not listed",
            capimap::inspect::MAX_PATHS,
            result.untracked
        );
    }
    for s in &result.skipped {
        match s.line {
            Some(l) => eprintln!("capimap: warning: {}:{l}: skipped: {}", s.file, s.reason),
            None => eprintln!("capimap: warning: {}: skipped: {}", s.file, s.reason),
        }
    }
    let flagged = !result.flags.is_empty() || comparison.as_ref().is_some_and(|c| !c.is_clean());
    Ok(if flagged {
        ExitCode::from(super::EXIT_FINDINGS)
    } else {
        super::EXIT_OK
    })
}

use capimap::model::shown::plural;

fn text(r: &Inspection, c: Option<&Comparison>, destination: Option<&str>) -> String {
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
            path,
            s.present,
            s.hashed(),
            s.raw()
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
fn identities_text(r: &Inspection, count: usize, platform: &str) -> String {
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

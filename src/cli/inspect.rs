//! `capimap inspect INPUT... --platform ID [--against PROJECT [--destination NODE_ID]
//! [--case N | --consent CHOICES [--region R]]] [--test-identities IDS.ron [--withdrawn N,...]]
//! [--format text|json] [--catalog DIR]`.
//!
//! With --against and no --destination, a HAR capture is inspected once for every destination
//! of the project: each one's requests are picked out by its platform's hosts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde::Serialize;

use capimap::catalog::{Catalog, Platform};
use capimap::inspect::identities::Index;
use capimap::inspect::{self, Comparison, Inspection, Inspector};
use capimap::model::Project;
use capimap::model::shown::plural;
use capimap::store;

use super::inspect_text::{identities_text, text};
use super::{Format, catalog};

pub struct Args<'a> {
    pub inputs: &'a [PathBuf],
    pub platform: Option<&'a str>,
    pub against: Option<&'a PathBuf>,
    pub destination: Option<&'a str>,
    pub test_identities: Option<&'a PathBuf>,
    pub withdrawn: &'a [usize],
    pub case: Option<usize>,
    pub consent: Option<&'a str>,
    pub region: Option<&'a str>,
    pub format: Format,
    pub catalog: Option<&'a PathBuf>,
    pub summary_out: Option<&'a PathBuf>,
    pub merge: bool,
    pub stdin_name: Option<&'a str>,
}

#[derive(Serialize)]
struct Report<'a> {
    /// The destination, when a project was compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    destination: Option<&'a str>,
    #[serde(flatten)]
    inspection: &'a Inspection,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<&'a Comparison>,
}

/// One inspection of the inputs: for a platform, and the destination it stands for.
pub(super) struct Target<'c> {
    pub platform: &'c Platform,
    pub destination: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.summary_out.is_some() || a.merge {
        refuse_with_summaries(&a)?;
    }
    if a.stdin_name.is_some() && !a.inputs.iter().any(|i| i.as_os_str() == "-") {
        bail!("--stdin-name names standard input, which is read when an input is '-'");
    }
    let catalog = catalog(a.catalog)?;
    if a.merge {
        return super::inspect_merge::run(&a, &catalog);
    }
    let platform = a.platform.map(|id| find(&catalog, id)).transpose()?;
    let project = a
        .against
        .map(|p| store::load(p))
        .transpose()?
        .map(|l| l.project);
    let every = project.is_some() && a.destination.is_none();
    let targets = targets(&catalog, platform, project.as_ref(), &a)?;
    // The identities become digests here; their values go out of scope at once.
    let mut withdrawn_any = !a.withdrawn.is_empty();
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
            withdrawn_any |= ids.iter().any(|i| i.withdrawn);
            Some(Index::new(&ids))
        }
        None => None,
    };
    let choice = super::inspect_case::Choice {
        case: a.case,
        consent: a.consent,
        region: a.region,
        withdrawn: withdrawn_any,
        every,
    };
    // The plan is worked out once, for every destination's expectation.
    let plan = match &project {
        Some(p) if a.case.is_some() || a.consent.is_some() => {
            Some(capimap::check::plan::plan(p, &catalog).with_context(|| against_name(&a))?)
        }
        _ => None,
    };
    let mut inspectors = Vec::with_capacity(targets.len());
    for t in &targets {
        let expectation = match (&project, &plan, &t.destination) {
            (Some(p), Some(plan), Some(d)) => {
                super::inspect_case::expectation(p, plan, d, &catalog, &choice)
                    .with_context(|| against_name(&a))?
            }
            _ => None,
        };
        let mut inspector = Inspector::new(t.platform);
        if let Some(index) = &index {
            inspector = inspector.with_identities(index, a.withdrawn);
        }
        if let Some(e) = expectation {
            inspector = inspector.with_consent(e);
        }
        if every {
            inspector = inspector.har_only();
        }
        inspectors.push(inspector);
    }
    // Each input is read once, whatever the number of destinations.
    for input in a.inputs {
        if input.as_os_str() == "-" {
            inspect::read_stdin_into(&mut inspectors, a.stdin_name)
        } else {
            inspect::read_path_into(input, &mut inspectors)
        }
        .with_context(|| "the input could not be inspected".to_owned())?;
    }
    if let Some(out) = a.summary_out {
        return write_summary(out, &inspectors);
    }
    let results = targets
        .iter()
        .zip(inspectors)
        .map(|(t, i)| (t, i.finish()))
        .collect();
    report(results, project.as_ref(), every, index.as_ref(), a.format)
}

/// `--summary-out`: what the inputs hold, to be merged later; no report, no flags yet.
fn write_summary(out: &std::path::Path, inspectors: &[Inspector]) -> anyhow::Result<ExitCode> {
    let [inspector] = inspectors else {
        bail!("--summary-out summarises the inputs for one platform");
    };
    let counted = inspector.counted();
    inspect::summary::write(out, counted)?;
    warn(counted);
    eprintln!(
        "capimap: wrote {}: {}, {}, {}; combine the parts with capimap inspect --merge PART.json...",
        out.display(),
        plural(counted.bodies, "request body", "request bodies"),
        plural(counted.events, "event", "events"),
        plural(counted.paths.len(), "field path", "field paths"),
    );
    Ok(super::EXIT_OK)
}

/// Prints the results of an inspection (one run, or merged summaries), compared with the
/// project's destinations where there is one: the report, its warnings, its exit code.
pub(super) fn report(
    results: Vec<(&Target, Inspection)>,
    project: Option<&Project>,
    every: bool,
    index: Option<&Index>,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let mut flagged = false;
    let mut reports = Vec::new();
    for (t, result) in results {
        let comparison = match (project, &t.destination) {
            (Some(p), Some(d)) => Some(inspect::compare(&result, p, d, t.platform)),
            _ => None,
        };
        // A destination the capture has no request for says nothing about it.
        if every && result.bodies == 0 {
            reports.push((t, result, None));
            continue;
        }
        flagged |= !result.flags.is_empty() || comparison.as_ref().is_some_and(|c| !c.is_clean());
        reports.push((t, result, comparison));
    }
    match format {
        Format::Json => {
            let list: Vec<Report> = reports
                .iter()
                .map(|(t, r, c)| Report {
                    destination: t.destination.as_deref(),
                    inspection: r,
                    comparison: c.as_ref(),
                })
                .collect();
            let text = match list.as_slice() {
                [one] if !every => serde_json::to_string_pretty(one)?,
                _ => serde_json::to_string_pretty(&serde_json::json!({ "destinations": list }))?,
            };
            println!("{text}");
        }
        Format::Text => {
            for (t, r, c) in &reports {
                let name = t.destination.as_deref();
                if every {
                    let d = name.unwrap_or_default();
                    if r.bodies == 0 {
                        println!("{d}: no request to {}'s hosts in the capture\n", r.platform);
                        continue;
                    }
                    println!("== {d} ({}) ==\n", r.platform);
                }
                print!("{}", text(r, c.as_ref(), name));
                if let Some(index) = index {
                    print!("{}", identities_text(r, index.identities, &t.platform.name));
                }
                if every {
                    println!();
                }
            }
        }
    }
    // Warnings once per input, not once per destination.
    if let Some((_, result, _)) = reports.first() {
        warn(result);
    }
    Ok(if flagged {
        ExitCode::from(super::EXIT_FINDINGS)
    } else {
        super::EXIT_OK
    })
}

/// What was not inspected: values beyond the path limit, input skipped.
fn warn(result: &Inspection) {
    if result.untracked > 0 {
        eprintln!(
            "capimap: warning: more than {} distinct field paths: {} further values were counted but not listed (the alphabetically first paths are listed)",
            capimap::inspect::MAX_PATHS,
            result.untracked
        );
    }
    // A log of many broken lines gets the first ones and a count, not a screen of notes.
    const SHOWN: usize = 20;
    for s in result.skipped.iter().take(SHOWN) {
        match s.line {
            Some(l) => eprintln!("capimap: warning: {}:{l}: skipped: {}", s.file, s.reason),
            None => eprintln!("capimap: warning: {}: skipped: {}", s.file, s.reason),
        }
    }
    let more = result.skipped.len().saturating_sub(SHOWN) + result.skipped_more;
    if more > 0 {
        eprintln!(
            "capimap: warning: and {}, not listed here (--format json lists the first {})",
            plural(
                more,
                "more piece of input skipped",
                "more pieces of input skipped"
            ),
            capimap::inspect::MAX_SKIPPED
        );
    }
}

/// What a partial summary cannot serve: it keeps counts per field path, not the events that
/// test identities and consent cases are checked on.
fn refuse_with_summaries(a: &Args) -> anyhow::Result<()> {
    let option = if a.summary_out.is_some() {
        "--summary-out"
    } else {
        "--merge"
    };
    if a.test_identities.is_some() || a.case.is_some() || a.consent.is_some() {
        bail!(
            "{option}: test identities and consent cases are checked event by event, which a partial summary does not keep; check them on one run over the capture (it reads on every core)"
        );
    }
    if a.summary_out.is_some() && a.merge {
        bail!("--summary-out and --merge: merge the parts first, then the report is printed");
    }
    if a.summary_out.is_some() && a.against.is_some() {
        bail!(
            "--summary-out writes what the capture holds; compare the merged parts with the project: capimap inspect --merge PART.json... --against PROJECT --destination NODE_ID"
        );
    }
    Ok(())
}

/// The --against file, for error contexts.
pub(super) fn against_name(a: &Args) -> String {
    a.against
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

pub(super) fn find<'c>(catalog: &'c Catalog, id: &str) -> anyhow::Result<&'c Platform> {
    catalog.get(id).with_context(|| {
        let known: Vec<&str> = catalog.platforms().map(|p| p.id.as_str()).collect();
        format!(
            "no platform '{id}' in the catalogue; known: {}",
            known.join(", ")
        )
    })
}

/// What to inspect the inputs for: the one platform; the destination named (its platform
/// unless --platform says otherwise, which must agree); or, with a project and no
/// destination, every destination whose platform's hosts a HAR file can be searched for.
fn targets<'c>(
    catalog: &'c Catalog,
    platform: Option<&'c Platform>,
    project: Option<&Project>,
    a: &Args,
) -> anyhow::Result<Vec<Target<'c>>> {
    let against = || against_name(a);
    match (project, a.destination) {
        (None, Some(_)) => bail!("--destination needs --against PROJECT"),
        (None, None) if a.case.is_some() || a.consent.is_some() => {
            bail!("--case and --consent need --against PROJECT")
        }
        (None, None) => match platform {
            Some(platform) => Ok(vec![Target {
                platform,
                destination: None,
            }]),
            None => bail!(
                "say which platform the requests go to with --platform (or compare with a project: --against PROJECT)"
            ),
        },
        (Some(project), Some(d)) => {
            let Some(dest) = project.node(d).and_then(|n| n.as_destination()) else {
                bail!("{}: no destination '{d}' in the project", against());
            };
            let platform = match platform {
                Some(p) if p.id != dest.platform => bail!(
                    "--platform {} disagrees with the project: {d} sends to {}",
                    p.id,
                    dest.platform
                ),
                Some(p) => p,
                None => find(catalog, &dest.platform)
                    .with_context(|| format!("{}: destination {d}", against()))?,
            };
            Ok(vec![Target {
                platform,
                destination: Some(d.to_owned()),
            }])
        }
        (Some(project), None) => {
            let mut out = Vec::new();
            let mut by_platform: Vec<(&str, &str)> = Vec::new();
            for n in &project.nodes {
                let Some(dest) = n.as_destination() else {
                    continue;
                };
                let Some(p) = catalog.get(&dest.platform) else {
                    continue;
                };
                if platform.is_some_and(|only| only.id != p.id) || p.api.hosts.is_empty() {
                    continue;
                }
                // Two destinations on one platform send to the same hosts: the capture cannot
                // tell their requests apart.
                if let Some((other, _)) = by_platform.iter().find(|(_, id)| *id == p.id) {
                    bail!(
                        "{} and {} both send to {}: name the one the capture is for with --destination",
                        other,
                        n.id,
                        p.name
                    );
                }
                by_platform.push((n.id.as_str(), p.id.as_str()));
                out.push(Target {
                    platform: p,
                    destination: Some(n.id.to_string()),
                });
            }
            if out.is_empty() {
                bail!(
                    "{}: no destination on a platform whose API hosts the catalogue lists",
                    against()
                );
            }
            Ok(out)
        }
    }
}

//! `capimap inspect --merge PART.json... [--platform ID] [--against PROJECT --destination
//! NODE_ID] [--format text|json] [--catalog DIR]`: partial summaries written by
//! `--summary-out` combined into the report one run over all their inputs gives.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use capimap::catalog::Catalog;
use capimap::inspect::{Inspection, Inspector, summary};
use capimap::store;

use super::inspect::{Args, Target, against_name, find, report};

pub fn run(a: &Args, catalog: &Catalog) -> anyhow::Result<ExitCode> {
    let mut merged: Option<(&PathBuf, Inspection)> = None;
    for input in a.inputs {
        if input.as_os_str() == "-" {
            bail!("--merge reads partial summary files; '-' (standard input) is not one");
        }
        let part = summary::read(input)?;
        match &mut merged {
            None => merged = Some((input, part)),
            Some((first, whole)) => {
                if whole.platform != part.platform {
                    bail!(
                        "{}: a summary of requests to {}, but {} is of requests to {}: merge the parts of one platform at a time",
                        input.display(),
                        part.platform,
                        first.display(),
                        whole.platform
                    );
                }
                whole.merge(part);
            }
        }
    }
    let Some((first, whole)) = merged else {
        bail!("--merge needs the partial summaries to combine");
    };
    let platform =
        find(catalog, &whole.platform).with_context(|| format!("{}", first.display()))?;
    if let Some(asked) = a.platform
        && asked != platform.id
    {
        bail!(
            "--platform {asked} disagrees with the summaries: they are of requests to {}",
            platform.id
        );
    }
    let project = a
        .against
        .map(|p| store::load(p))
        .transpose()?
        .map(|l| l.project);
    let destination = match (&project, a.destination) {
        (Some(_), None) => bail!(
            "--merge with --against: name the destination the capture was sent to with --destination NODE_ID"
        ),
        (Some(p), Some(d)) => {
            let Some(dest) = p.node(d).and_then(|n| n.as_destination()) else {
                bail!("{}: no destination '{d}' in the project", against_name(a));
            };
            if dest.platform != platform.id {
                bail!(
                    "{}: {d} sends to {}, but the summaries are of requests to {}",
                    against_name(a),
                    dest.platform,
                    platform.id
                );
            }
            Some(d.to_owned())
        }
        (None, _) => None,
    };
    let target = Target {
        platform,
        destination,
    };
    let result = Inspector::resume(platform, whole).finish();
    report(
        vec![(&target, result)],
        project.as_ref(),
        false,
        None,
        a.format,
    )
}

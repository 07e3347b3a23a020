//! `capimap import gtm`: a server-side Google Tag Manager container export read into the map.
//!
//! The pipeline: [`parse`] reads the export (secrets are replaced by their length as it is
//! read), [`analyse::analyse`] works out what each tag and client does, [`plan`] builds what it
//! means for a project (new, or merged into one the user has) as one undoable edit, and
//! [`findings`] reports the container's own consent and hashing pitfalls and where the record
//! and the container differ. What each template does rests on `sgtm-container.md`.

pub mod analyse;
mod build;
mod build_tag;
mod clients;
pub mod container;
mod describe;
mod drift;
mod error;
pub mod fields;
mod findings;
mod gates;
mod google;
mod known;
mod locate;
mod matching;
mod merge;
mod plan;
mod preview;
pub mod profile;
pub mod profiles;
mod profiles_more;
mod raw;
mod read;
mod resolve;
pub mod secret;
pub mod synthetic;
pub mod template;
pub mod triggers;

pub use analyse::{Analysis, analyse};
pub use build::fragment;
pub use container::Container;
pub use drift::drift;
pub use error::ImportError;
pub use findings::findings;
pub use merge::plan;
pub use plan::{Change, Left, Plan};
pub use preview::preview;

/// The export format version this build reads (the only one Tag Manager writes today).
pub const KNOWN_FORMAT: u32 = 2;

/// An export larger than this is refused before it is read: real ones are a few MB.
pub const MAX_EXPORT_BYTES: u64 = 128 * 1024 * 1024;

/// Reads a container export. `file` names it in errors.
pub fn parse(bytes: &[u8], file: &str) -> Result<Container, ImportError> {
    let shown = || crate::model::shown::shown(file, 200);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: shown() });
    }
    // JSON that is not an object (`[]`, a string) is valid JSON but no export.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
    {
        return Err(ImportError::NotExport { file: shown() });
    }
    let export: raw::Export =
        serde_json::from_slice(bytes).map_err(|e| ImportError::from_json(file, &e))?;
    let format = match &export.export_format_version {
        None => KNOWN_FORMAT,
        Some(v) => match v.0.trim().parse::<u32>() {
            Ok(n) if n <= KNOWN_FORMAT => n,
            _ => {
                // Said only when it is a number: the field could hold anything.
                let version =
                    if !v.0.is_empty() && v.0.len() <= 6 && v.0.bytes().all(|b| b.is_ascii_digit())
                    {
                        v.0.clone()
                    } else {
                        "(not a number)".to_owned()
                    };
                return Err(ImportError::NewerFormat {
                    file: shown(),
                    version,
                    known: KNOWN_FORMAT,
                });
            }
        },
    };
    let mut export = export;
    let version = match export.container_version.take() {
        Some(v) => v,
        // A bare container version, as the API returns it.
        None if export.bare.container.is_some() || !export.bare.tag.is_empty() => {
            std::mem::take(&mut export.bare)
        }
        None => return Err(ImportError::NotExport { file: shown() }),
    };
    let usage: Vec<String> = version
        .container
        .as_ref()
        .map(|c| {
            c.usage_context
                .iter()
                .map(|u| container::canon(&u.0))
                .collect()
        })
        .unwrap_or_default();
    let server = usage.iter().any(|u| u == "server");
    let looks_server = !version.client.is_empty()
        || version
            .tag
            .iter()
            .any(|t| raw::Scalar::text(&t.r#type).starts_with("sgtm"));
    if (!usage.is_empty() && !server) || (usage.is_empty() && !looks_server) {
        // Only the usage contexts Tag Manager knows are named.
        let known: Vec<&str> = usage
            .iter()
            .filter_map(|u| {
                ["web", "android", "ios", "amp"]
                    .iter()
                    .find(|k| *k == u)
                    .copied()
            })
            .collect();
        let usage = if usage.is_empty() {
            "web (no usage context, no clients)".to_owned()
        } else if known.is_empty() {
            "non-server".to_owned()
        } else {
            known.join(", ")
        };
        return Err(ImportError::NotServer {
            file: shown(),
            usage,
        });
    }
    Ok(read::build(export, version, format))
}

/// Whether the start of a file looks like a container export (for a file dropped on the
/// window, which may also be a request body).
pub fn looks_like_export(prefix: &[u8]) -> bool {
    let text = String::from_utf8_lossy(prefix);
    text.contains("\"containerVersion\"")
        && (text.contains("\"exportFormatVersion\"") || text.contains("\"usageContext\""))
}

/// The container's findings about a record (`check --gtm`): its own pitfalls, about the
/// record's elements where they stand for the tag (else the container's relay, else the
/// organisation), and the drift between the two.
pub fn container_findings(
    a: &Analysis,
    record: &crate::model::Project,
    catalog: &crate::catalog::Catalog,
) -> Vec<crate::check::Finding> {
    use crate::check::Target;
    let plan = plan(a, record, catalog);
    let relay = locate::record_relay(&plan, record);
    let mut out = findings(a, &plan.result, catalog);
    for f in &mut out {
        if f.target.element.exists_in(record) {
            continue;
        }
        let owner = f.target.element.owner();
        f.target = if owner.exists_in(record) {
            let name = f.target.name.clone();
            Target {
                kind: "flow",
                element: owner,
                name,
            }
        } else {
            locate::container_target(record, relay)
        };
    }
    out.extend(drift(a, &plan, record));
    aggregate(out)
}

/// One finding per rule and element, so that accepted risks and SARIF fingerprints (rule and
/// target) stay unique: several instances are told in one message.
pub(crate) fn aggregate(findings: Vec<crate::check::Finding>) -> Vec<crate::check::Finding> {
    let mut out: Vec<crate::check::Finding> = Vec::new();
    let mut at: std::collections::HashMap<(&'static str, String), usize> =
        std::collections::HashMap::new();
    for f in findings {
        let key = (f.rule.id, f.target.id().into_owned());
        match at.get(&key) {
            Some(&i) => {
                let g = &mut out[i];
                g.message.push(' ');
                g.message.push_str(&f.message);
                g.severity = g.severity.min(f.severity);
            }
            None => {
                at.insert(key, out.len());
                out.push(f);
            }
        }
    }
    out
}

//! `capimap platforms [ID] [--format text|json] [--catalog DIR]` and `capimap rules`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use capimap::catalog::{Fact, Platform};
use capimap::check::{RULES, output};

use super::{Format, catalog};

pub fn run(id: Option<&str>, format: Format, dir: Option<&PathBuf>) -> anyhow::Result<ExitCode> {
    let catalog = catalog(dir)?;
    match id {
        None => match format {
            Format::Json => {
                let all: Vec<&Platform> = catalog.platforms().collect();
                println!("{}", serde_json::to_string_pretty(&all)?);
            }
            Format::Text => {
                let width = catalog
                    .platforms()
                    .map(|p| p.id.len())
                    .max()
                    .unwrap_or(0)
                    .min(crate::cli::MAX_COLUMN);
                for p in catalog.platforms() {
                    println!(
                        "{:<width$}  {}  ({} match keys, {} event fields)",
                        p.id,
                        p.name,
                        p.user_data.len(),
                        p.event_data.len()
                    );
                }
                println!("\nCatalogue: {}.", catalog.provenance_summary());
                println!("`capimap platforms ID` shows one in full.");
            }
        },
        Some(id) => {
            let Some(p) = catalog.get(id) else {
                let known: Vec<&str> = catalog.platforms().map(|p| p.id.as_str()).collect();
                bail!(
                    "no platform '{id}' in the catalogue; known: {}",
                    known.join(", ")
                );
            };
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(p)?),
                Format::Text => print!("{}", platform_text(p)),
            }
        }
    }
    Ok(super::EXIT_OK)
}

pub fn rules(format: Format) -> anyhow::Result<ExitCode> {
    match format {
        Format::Text => print!("{}", output::rules_text(RULES)),
        Format::Json => println!("{}", serde_json::to_string_pretty(RULES)?),
    }
    Ok(super::EXIT_OK)
}

fn fact<T: std::fmt::Display>(f: &Fact<T>) -> String {
    match f {
        Fact::Known {
            value,
            text,
            source,
        } => {
            let mut s = value.to_string();
            if !text.is_empty() {
                let _ = write!(s, ": {text}");
            }
            let _ = write!(s, " [{}: {}]", source.provenance, source.url);
            s
        }
        Fact::Unknown { note } if note.is_empty() => "unknown".to_owned(),
        Fact::Unknown { note } => format!("unknown ({note})"),
    }
}

fn platform_text(p: &Platform) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} ({})", p.name, p.id);
    if !p.endpoint.is_empty() {
        let _ = writeln!(o, "endpoint:   {}", p.endpoint);
    }
    let _ = writeln!(
        o,
        "API:        version {}; facts checked {}",
        if p.api_version.is_empty() {
            "not recorded"
        } else {
            &p.api_version
        },
        p.checked
            .map_or_else(|| "on no recorded date".to_owned(), |d| format!("on {d}"))
    );
    if p.api.hosts.is_empty() {
        let _ = writeln!(o, "hosts:      none known (HAR files cannot be filtered)");
    } else {
        let _ = writeln!(o, "hosts:      {}", p.api.hosts.join(", "));
    }
    if !p.api.events_at.is_empty() {
        let _ = writeln!(o, "events at:  {}", p.api.events_at.join(", "));
    }
    let counts: Vec<String> = p
        .provenance_counts()
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(o, "facts:      {}", counts.join(", "));
    let _ = writeln!(o, "recipient:  {}", fact(&p.recipient));
    let _ = writeln!(o, "country:    {}", fact(&p.recipient_country));
    if !p.request_types.is_empty() {
        let _ = writeln!(o, "\nRequest types (a flow's request_type)");
        for t in &p.request_types {
            let _ = write!(o, "  {}  {}", t.id, t.name);
            if !t.endpoint.is_empty() {
                let _ = write!(o, ": {}", t.endpoint);
            }
            let _ = writeln!(o, " [{}]", t.source.provenance);
            if let Some(w) = &t.event_window {
                let _ = writeln!(o, "    event window: {}", fact(w));
            }
            if !t.note.is_empty() {
                let _ = writeln!(o, "    {}", t.note);
            }
        }
    }
    for (title, params) in [
        ("Match keys", &p.user_data),
        ("Event fields", &p.event_data),
    ] {
        if params.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{title}");
        let width = params
            .iter()
            .map(|x| x.wire_name.len())
            .max()
            .unwrap_or(0)
            .min(crate::cli::MAX_COLUMN);
        for x in params {
            let mut line = format!("  {:<width$}  {}, {}", x.wire_name, x.label, x.hashing);
            if let Some(n) = &x.normalisation {
                let _ = write!(line, " after {n}");
            }
            if x.no_personal_data {
                line.push_str("; must carry no personal data");
            }
            if !x.unused_in.is_empty() {
                let _ = write!(line, "; not used for users in {}", x.unused_in.join(", "));
            }
            if !x.request_types.is_empty() {
                let _ = write!(line, "; only on {}", x.request_types.join(", "));
            }
            let _ = writeln!(o, "{line} [{}]", x.source.provenance);
            if !x.note.is_empty() {
                let _ = writeln!(o, "  {:<width$}  {}", "", x.note);
            }
        }
    }
    let _ = writeln!(o, "\nDeduplication: {}", fact(&p.dedup_key));
    let _ = writeln!(o, "\nConsent and limited-use parameters");
    if p.consent_parameters.is_empty() {
        let _ = writeln!(o, "  none known");
    }
    for c in &p.consent_parameters {
        let regions = if c.regions.is_empty() {
            String::new()
        } else {
            format!(
                " ({} for {})",
                if c.required { "required" } else { "offered" },
                c.regions.join(", ")
            )
        };
        let only = if c.request_types.is_empty() {
            String::new()
        } else {
            format!(" (only on {})", c.request_types.join(", "))
        };
        let _ = writeln!(
            o,
            "  {}{}{only}: {} [{}]",
            c.wire_name, regions, c.meaning, c.source.provenance
        );
        if let Some(s) = &c.states {
            let _ = writeln!(
                o,
                "    {} when every consent purpose covering {} was granted, else {} [{}]",
                s.granted,
                s.data_uses.join(" or "),
                s.denied,
                s.source.provenance
            );
        }
    }
    let _ = writeln!(o, "  EU consent in the API: {}", fact(&p.eu_consent_field));
    let _ = writeln!(o, "\nTerms to accept");
    if p.terms.is_empty() {
        let _ = writeln!(o, "  none known");
    }
    for t in &p.terms {
        let when = if t.required {
            ""
        } else {
            " (only for some uses)"
        };
        let _ = writeln!(o, "  {}{when} {} [{}]", t.name, t.url, t.source.provenance);
        if !t.note.is_empty() {
            let _ = writeln!(o, "    {}", t.note);
        }
    }
    let _ = writeln!(o, "\nForbidden data");
    if p.prohibited.is_empty() {
        let _ = writeln!(o, "  not known (the platform's terms were not retrieved)");
    }
    for x in &p.prohibited {
        let _ = writeln!(
            o,
            "  {} [{}: {}]",
            x.what, x.source.provenance, x.source.url
        );
    }
    let _ = writeln!(o, "\nEvent window: {}", fact(&p.event_window));
    let _ = writeln!(o, "Retention:    {}", fact(&p.retention));
    o
}

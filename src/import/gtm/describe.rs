//! What the import writes for people: the descriptions of tags, gates and what a gate credits.

use super::analyse::{Gate, Recognised, TagAnalysis};
use super::triggers::ConsentType;

pub fn gate_description(t: &TagAnalysis) -> String {
    let parts: Vec<String> = t
        .gates
        .iter()
        .map(|g| match g {
            Gate::TemplateOption => "the template's option \"Send data in case marketing consent given\": it reads consent_state.ad_storage, else the third character of x-ga-gcs, never ad_user_data, and sends nothing when neither is present".to_owned(),
            Gate::Trigger { trigger, name, blocking, credits, .. } => format!(
                "{} trigger {trigger}{}: {}; an event without the consent signal is not stopped by it",
                if *blocking { "blocking" } else { "firing" },
                if name.is_empty() { String::new() } else { format!(" '{name}'") },
                if credits.is_empty() { "enforces no consent type as a whole".to_owned() } else { credits.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ") },
            ),
            Gate::Declared { types } => format!("declared consent settings NEEDED [{}]: whether a server container enforces them is not known", types.join(", ")),
            Gate::Native => "Google's consent mode in Google's own tag (it adjusts what is sent rather than blocking every request)".to_owned(),
        })
        .collect();
    format!(
        "The consent check of tag {} '{}': {}.",
        t.id,
        t.name,
        parts.join("; ")
    )
}

pub fn credited(t: &TagAnalysis) -> Vec<ConsentType> {
    let mut out: Vec<ConsentType> = Vec::new();
    for g in &t.gates {
        let c: Vec<ConsentType> = match (g, &t.recognised) {
            (Gate::TemplateOption, _) => vec![ConsentType::AdStorage],
            (Gate::Trigger { credits, .. }, _) => credits.clone(),
            (Gate::Declared { .. }, _) => Vec::new(),
            (Gate::Native, Recognised::Google(g)) => {
                use super::analyse::Google::*;
                use ConsentType::*;
                match g {
                    Analytics => vec![AnalyticsStorage],
                    AdsConversion => vec![AdStorage, AdUserData],
                    AdsRemarketing => vec![AdStorage, AdUserData, AdPersonalization],
                    ConversionLinker | Floodlight => vec![AdStorage],
                }
            }
            (Gate::Native, _) => Vec::new(),
        };
        for x in c {
            if !out.contains(&x) {
                out.push(x);
            }
        }
    }
    out.sort();
    out
}

pub(super) fn tag_description(t: &TagAnalysis) -> String {
    let mut s = format!("Tag {} '{}'", t.id, t.name);
    match &t.recognised {
        Recognised::Template { profile, version } => {
            let label = super::profiles::PROFILES
                .iter()
                .find(|p| p.id == *profile)
                .map_or(*profile, |p| p.label);
            s.push_str(&format!(
                " ({label}{})",
                version
                    .as_deref()
                    .map(|v| format!(", version {}", &v[..v.len().min(7)]))
                    .unwrap_or_default()
            ));
        }
        Recognised::Modified { .. } => {
            s.push_str(" (a modified template: what it sends and how is not known)")
        }
        Recognised::Google(g) => s.push_str(&format!(" ({})", g.label())),
        Recognised::Unknown(why) => s.push_str(&format!(" ({why})")),
    }
    if !t.events.is_empty() {
        s.push_str(&format!(", on {}", t.events.join(", ")));
    }
    s.push('.');
    if !t.may_send.is_empty() {
        s.push_str(&format!(
            " It may also send, when the website's event data holds them: {}.",
            t.may_send.join(", ")
        ));
    }
    if t.fields.iter().any(|f| f.transform.is_hashed()) {
        s.push_str(" A value that is already 64 hex characters is passed on as hashed.");
    }
    s
}

//! What the import writes for people: the descriptions of tags, gates and what a gate credits.

use super::analyse::{Gate, Recognised, TagAnalysis};
use super::triggers::ConsentType;

pub fn gate_description(t: &TagAnalysis) -> String {
    let parts: Vec<String> = t
        .gates
        .iter()
        .map(|g| match g {
            Gate::TemplateOption => "the template's option \"Send data in case marketing consent given\": it reads consent_state.ad_storage, else the third character of x-ga-gcs, never ad_user_data, and sends nothing when neither is present".to_owned(),
            Gate::Trigger { trigger, name, blocking, credits, tests, .. } => format!(
                "{} trigger {trigger}{}: {}",
                if *blocking { "blocking" } else { "firing" },
                if name.is_empty() { String::new() } else { format!(" '{name}'") },
                match (credits.is_empty(), tests.is_empty()) {
                    (false, _) => format!("lets the tag send only with {} granted", credits.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ")),
                    (true, false) => format!("tests {} when the event carries the signal, but lets an event without it through, so it is not taken as a consent check", tests.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ")),
                    (true, true) => "it is not taken as a consent check: it does not stop every event without consent for any consent type".to_owned(),
                },
            ),
            Gate::Declared { types } => format!("declared consent settings NEEDED [{}]: whether a server container enforces them is not known", types.join(", ")),
            Gate::Native => "Google's consent mode in Google's own tag: it adjusts what is sent rather than stopping it (in advanced mode cookieless pings still reach Google), so it is not taken as a consent check".to_owned(),
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
            // Consent mode adjusts rather than stops (ref. §3.1): not credited.
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
                    .map(|v| format!(", version {}", v.chars().take(7).collect::<String>()))
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

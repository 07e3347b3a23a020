//! The container's own pitfalls (the `gtm/` rules of `sgtm-container.md` §5), each about the
//! imported element it concerns and naming the tag. No value from the container is printed:
//! a secret or test code shows as its length.

use std::collections::BTreeSet;

use super::analyse::{Analysis, Gate, Recognised, Status, TagAnalysis};
use super::container::SecretHow;
use super::describe::credited;
use super::locate::Locate;
use super::triggers::{ConsentType, Reads};
use crate::check::rules_gtm::*;
use crate::check::{Finding, Rule, Severity, Target};
use crate::model::*;

/// Fields that are user data in the sense of Google's ad_user_data.
const USER_DATA: &[&str] = &[
    "email",
    "phone",
    "first_name",
    "last_name",
    "city",
    "state",
    "postal_code",
    "country",
    "gender",
    "date_of_birth",
    "external_id",
];

/// The findings as they are found; [`super::aggregate`] makes them one per rule and element.
#[derive(Default)]
struct Out {
    list: Vec<Finding>,
}

impl Out {
    fn push(
        &mut self,
        rule: &'static Rule,
        target: Target,
        message: String,
        severity: Option<Severity>,
    ) {
        let mut f = Finding::new(rule, target, message);
        if let Some(s) = severity {
            f.severity = s;
        }
        self.list.push(f);
    }
}

fn who(t: &TagAnalysis) -> String {
    format!("Tag {} '{}'", t.id, t.name)
}

fn platform_name(t: &TagAnalysis, catalog: &crate::catalog::Catalog) -> String {
    let id = t
        .platform
        .clone()
        .unwrap_or_else(|| "an unknown platform".to_owned());
    catalog.get(&id).map_or(id, |p| p.name.clone())
}

fn has_us_users(p: &Project) -> bool {
    p.nodes
        .iter()
        .filter_map(Node::as_source)
        .any(|s| s.regions.iter().any(|r| r == "US" || r.starts_with("US-")))
}

/// The container's findings about the elements of `project` (the imported project, or the
/// user's with the plan matched onto it).
pub fn findings(
    a: &Analysis,
    project: &Project,
    catalog: &crate::catalog::Catalog,
) -> Vec<Finding> {
    let at = Locate {
        p: project,
        container: &a.container.public_id,
    };
    let mut out = Out::default();
    let mut reported_vars = BTreeSet::new();
    for t in a.tags.iter().filter(|t| t.status == Status::Fires) {
        let params = a
            .container
            .tags
            .iter()
            .find(|x| x.id == t.id)
            .map(|x| &x.params);
        let profile = match &t.recognised {
            Recognised::Template { profile, .. } => Some(*profile),
            _ => None,
        };
        let sends = t.platform.is_some();
        let setting = |key: &str| {
            t.settings
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let credits = credited(t);
        // Google's own tags follow consent mode; the pitfall is the templates' "send always".
        if sends && credits.is_empty() && matches!(t.recognised, Recognised::Template { .. }) {
            let why = if t.gates.is_empty() {
                "no trigger tests the consent state".to_owned()
            } else {
                format!(
                    "what it has does not stop every event without consent ({})",
                    super::describe::gate_description(t).trim_end_matches('.')
                )
            };
            out.push(
                &SEND_ALWAYS,
                at.tag_target(&t.id),
                format!(
                    "{} sends to {} without a consent check: {}; {why}.",
                    who(t),
                    platform_name(t, catalog),
                    setting("adStorageConsent")
                        .unwrap_or_else(|| "the template has no consent option".to_owned()),
                ),
                None,
            );
        }
        let user_data: Vec<&str> = t
            .fields
            .iter()
            .filter(|f| USER_DATA.contains(&f.field))
            .map(|f| f.wire.as_str())
            .collect();
        if !t.gates.is_empty()
            && credits.contains(&ConsentType::AdStorage)
            && !credits.contains(&ConsentType::AdUserData)
            && !user_data.is_empty()
        {
            out.push(&AD_STORAGE_ONLY, at.gate_target(&t.id), format!(
                "The consent check of tag {} '{}' reads only ad_storage, but the tag sends user data ({}): a user who granted ad_storage and denied ad_user_data still has it sent.",
                t.id, t.name, user_data.join(", ")), None);
        }
        let analytics = t.platform.as_deref() == Some("google-analytics");
        for g in &t.gates {
            if let Gate::Trigger {
                trigger,
                name,
                reads: Some(Reads::Gcs),
                credits,
                tests,
                ..
            } = g
            {
                // What the trigger is meant to test: what it blocks when the signal is there.
                let tested = if tests.is_empty() { credits } else { tests };
                let wrong = if analytics {
                    tested.contains(&ConsentType::AdStorage)
                        && !tested.contains(&ConsentType::AnalyticsStorage)
                } else {
                    tested.contains(&ConsentType::AnalyticsStorage)
                        && !tested.contains(&ConsentType::AdStorage)
                };
                if wrong {
                    out.push(&GCS_POSITION, at.gate_target(&t.id), format!(
                        "{} is gated by trigger {trigger} '{name}', which tests the {} character of x-ga-gcs; the tag needs the {} one.",
                        who(t), if analytics { "ad_storage (third)" } else { "analytics_storage (fourth)" }, if analytics { "fourth (analytics_storage)" } else { "third (ad_storage)" }), None);
                }
            }
        }
        if t.gates.contains(&Gate::TemplateOption) {
            let dc: Vec<&str> = a
                .clients
                .iter()
                .filter(|c| c.data_client && t.clients.contains(&c.id))
                .map(|c| c.name.as_str())
                .collect();
            if !dc.is_empty() {
                out.push(&STATE_SHADOW, at.gate_target(&t.id), format!(
                    "{} fires for events of '{}': there its consent check reads consent_state.ad_storage only and ignores x-ga-gcs.", who(t), dc.join("', '")), None);
            }
        }
        for ck in &t.cookies {
            let target = || {
                at.cookie_target(
                    OriginElement::Tag(t.id.clone()),
                    &ck.cookie,
                    at.tag_target(&t.id),
                )
            };
            if ck.field == "gtmeec" {
                out.push(
                    &EVENT_ENHANCEMENT,
                    target(),
                    format!(
                        "{} writes _gtmeec on the user's device ({}).",
                        who(t),
                        ck.how
                    ),
                    None,
                );
            }
            if ck.generated {
                out.push(
                    &SETS_IDENTIFIER,
                    target(),
                    format!(
                        "{} creates {} on the user's device ({}; {}).",
                        who(t),
                        ck.cookie,
                        ck.how,
                        ck.days.map_or("lifetime not known".to_owned(), |d| format!(
                            "kept {d} days"
                        ))
                    ),
                    None,
                );
            }
        }
        let raw_contact: Vec<&str> = match t.platform.as_deref() {
            Some("reddit") if profile.is_some() => t
                .fields
                .iter()
                .filter(|f| matches!(f.field, "email" | "phone"))
                .map(|f| f.wire.as_str())
                .collect(),
            Some("linkedin") if profile.is_some() => t
                .fields
                .iter()
                .filter(|f| {
                    f.wire.starts_with("user.userInfo.")
                        && matches!(
                            f.field,
                            "first_name" | "last_name" | "job_title" | "company"
                        )
                })
                .map(|f| f.wire.as_str())
                .collect(),
            _ => Vec::new(),
        };
        for w in raw_contact {
            out.push(
                &RAW_CONTACT,
                at.wire_target(&t.id, w),
                format!("{} sends {w} in clear text.", who(t)),
                None,
            );
        }
        if let Some(p) =
            profile.and_then(|id| super::profiles::PROFILES.iter().find(|p| p.id == id))
        {
            if let Some(problem) = p.phone_problem {
                for f in t
                    .fields
                    .iter()
                    .filter(|f| f.field == "phone" && f.transform.is_hashed())
                {
                    out.push(
                        &PHONE_NORMALISATION,
                        at.wire_target(&t.id, &f.wire),
                        format!("{} hashes the phone number ({}) {problem}.", who(t), f.wire),
                        None,
                    );
                }
            }
            if p.id == "microsoft" {
                for f in t.fields.iter().filter(|f| f.field == "email") {
                    out.push(&EMAIL_OVERNORMALISED, at.wire_target(&t.id, &f.wire), format!("{} removes dots and +tags from every e-mail address before hashing ({}).", who(t), f.wire), None);
                }
                if !t.signals.iter().any(|s| s == "userData.adStorageConsent") {
                    out.push(&MS_CONSENT_UNSET, at.tag_target(&t.id), format!("{} has no Ad Storage Consent set: Microsoft takes every event as consented.", who(t)), None);
                }
                if params.and_then(|p| p.flag("enableClientSideIdSync")) != Some(false) {
                    out.push(&EXTRA_RECIPIENT, at.tag_target(&t.id), format!("{} makes the browser call c.bing.com with the customer, anonymous and external id (enableClientSideIdSync {}).", who(t), if params.is_some_and(|p| p.has("enableClientSideIdSync")) { "set to true" } else { "not set (template default: true)" }), None);
                }
            }
            if p.id == "tiktok" && params.and_then(|x| x.flag("limitedDataUse")) != Some(true) {
                out.push(
                    &LDU_OFF,
                    at.tag_target(&t.id),
                    format!(
                        "{} sends limited_data_use: false on every event ({}).",
                        who(t),
                        setting("limitedDataUse").unwrap_or_default()
                    ),
                    None,
                );
            }
            if p.id == "meta-stape"
                && !t
                    .signals
                    .iter()
                    .any(|s| s.contains("data_processing_options"))
                && has_us_users(project)
            {
                out.push(
                    &LDU_OFF,
                    at.tag_target(&t.id),
                    format!(
                        "{} sends no data_processing_options, and the record has users in the US.",
                        who(t)
                    ),
                    None,
                );
            }
            if p.id == "reddit"
                && t.fields
                    .iter()
                    .any(|f| f.row && f.wire.starts_with("user."))
            {
                out.push(&REDDIT_LDU, at.tag_target(&t.id), format!("{} has user data rows, with which the template appears to send limited data use on every event.", who(t)), None);
            }
            if !t.logs.is_empty() {
                let (what, severity) = if p.token_in_url {
                    (
                        "the request URL with the access token and the request body",
                        None,
                    )
                } else {
                    (
                        "the request body with IP address, user agent and hashes",
                        Some(Severity::Info),
                    )
                };
                out.push(
                    &SECRET_IN_LOGS,
                    at.tag_target(&t.id),
                    format!(
                        "{} logs every request ({} always): {what}.",
                        who(t),
                        t.logs.join(", ")
                    ),
                    severity,
                );
            }
        }
        if !t.test_codes.is_empty() {
            let parts: Vec<String> = t
                .test_codes
                .iter()
                .map(|c| match c.chars {
                    Some(n) => format!("{} (literal, {n} characters)", c.key),
                    None => format!("{} switched on", c.key),
                })
                .collect();
            out.push(
                &TEST_CODE,
                at.tag_target(&t.id),
                format!(
                    "{} has a test setting in the published container: {}.",
                    who(t),
                    parts.join(", ")
                ),
                None,
            );
        }
        let mut secrets: Vec<String> = t
            .secrets
            .iter()
            .filter_map(|s| match &s.how {
                SecretHow::Literal(x) => {
                    Some(format!("{} (literal, {} characters)", s.at, x.chars))
                }
                SecretHow::Variable(_) => None,
            })
            .collect();
        for v in &t.variable_secrets {
            if reported_vars.insert(v.id.clone()) {
                secrets.push(format!(
                    "{} through variable {} '{}' (a constant, {} characters)",
                    v.at, v.id, v.name, v.secret.chars
                ));
            }
        }
        if !secrets.is_empty() {
            out.push(
                &SECRET_IN_CONTAINER,
                at.tag_target(&t.id),
                format!(
                    "{} has its token written in the container: {}.",
                    who(t),
                    secrets.join("; ")
                ),
                None,
            );
        }
        if matches!(
            t.recognised,
            Recognised::Modified { .. } | Recognised::Unknown(_)
        ) {
            let why = match &t.recognised {
                Recognised::Unknown(w) => w.clone(),
                _ => "its template was modified after it was added from the Gallery".to_owned(),
            };
            out.push(
                &UNKNOWN_TEMPLATE,
                at.tag_target(&t.id),
                format!(
                    "{}: {why}; its fields are imported with the transform unknown.",
                    who(t)
                ),
                None,
            );
        }
    }
    for cl in &a.clients {
        if let Some(ck) = &cl.cookie {
            let target = at.cookie_target(
                OriginElement::Client(cl.id.clone()),
                &ck.cookie,
                at.container_target(),
            );
            out.push(
                &SETS_IDENTIFIER,
                target,
                format!(
                    "Client {} '{}' creates {} on the user's device ({}; {}).",
                    cl.id,
                    cl.name,
                    ck.cookie,
                    ck.how,
                    ck.days.map_or("lifetime not known".to_owned(), |d| format!(
                        "kept {d} days"
                    ))
                ),
                None,
            );
        }
    }
    let client_secrets: Vec<String> = a
        .container
        .clients
        .iter()
        .flat_map(|c| {
            c.secrets.iter().filter_map(move |s| match s.how {
                SecretHow::Literal(x) => Some(format!(
                    "client {} '{}', {} (literal, {} characters)",
                    c.id, c.name, s.at, x.chars
                )),
                SecretHow::Variable(_) => None,
            })
        })
        .chain(
            a.container
                .variables
                .iter()
                .filter(|v| v.secret.is_some() && !reported_vars.contains(&v.id))
                .map(|v| {
                    format!(
                        "variable {} '{}' ({} characters)",
                        v.id,
                        v.name,
                        v.secret.map_or(0, |s| s.chars)
                    )
                }),
        )
        .collect();
    if !client_secrets.is_empty() {
        out.push(
            &SECRET_IN_CONTAINER,
            at.container_target(),
            format!("The container holds tokens: {}.", client_secrets.join("; ")),
            None,
        );
    }
    for v in &a.container.variables {
        if let Some(tp) = a.container.template_of(&v.kind)
            && tp
                .gallery
                .as_ref()
                .is_some_and(|g| g.repository == "stape-io/consent-parser-variable")
        {
            out.push(&EXTRA_RECIPIENT, at.container_target(), format!("Variable {} '{}' (Stape's consent parser) sends the gcd consent string to openapi.analytics-debugger.com.", v.id, v.name), None);
        }
    }
    super::aggregate(out.list)
}

//! The container's clients: the entry point each stands for and the cookie it writes.

use super::analyse::*;
use super::container::{Client, Container, Params};

pub(super) fn client(c: &Container, cl: &Client, notes: &mut Vec<String>) -> ClientAnalysis {
    use crate::model::SourceKind::{Backend, Website};
    let template = c.template_of(&cl.kind);
    let repository = template
        .and_then(|t| t.gallery.as_ref())
        .map(|g| g.repository.as_str());
    let (source, what, cookie) = match (cl.kind.as_str(), repository) {
        ("gaaw_client", _) => {
            let server = cl
                .params
                .text("cookieManagement")
                .is_some_and(|m| m.eq_ignore_ascii_case("server"));
            let cookie = server.then(|| CookieWrite {
                cookie: cl
                    .params
                    .text("cookieName")
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or("FPID")
                    .to_owned(),
                field: "fpid",
                days: cl
                    .params
                    .text("cookieMaxAgeInSec")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .and_then(|s| u32::try_from(s.div_ceil(86_400)).ok()),
                generated: true,
                how: "cookie management: server".to_owned(),
                key: Some("cookieManagement"),
            });
            (
                Some(Website),
                "the website's GA4 stream (Google Analytics client)",
                cookie,
            )
        }
        ("ua_client", _) => (
            Some(Website),
            "the website's Universal Analytics stream",
            None,
        ),
        ("gtm_client", _) => {
            notes.push(format!("client {} '{}' serves the web container's gtm.js and carries no event data: no entry point for it", cl.id, cl.name));
            (None, "the web container loader", None)
        }
        (_, Some("stape-io/data-client")) => {
            let setting = setting(
                &cl.params,
                "generateClientId",
                template.map(|t| &t.defaults),
                true,
            );
            let cookie = setting.0.then(|| CookieWrite {
                cookie: "_dcid".to_owned(),
                field: "dcid",
                days: Some(730),
                generated: true,
                how: setting.1.clone(),
                key: Some("generateClientId"),
            });
            (
                Some(Website),
                "Stape's Data Client: the Data Tag on the website, or a backend or webhook",
                cookie,
            )
        }
        _ => {
            notes.push(format!(
                "client {} '{}' (type {}) is not one capimap knows: taken as a backend entry point",
                cl.id, cl.name, cl.kind
            ));
            (Some(Backend), "a client capimap does not know", None)
        }
    };
    let data_client = repository == Some("stape-io/data-client");
    ClientAnalysis {
        id: cl.id.clone(),
        name: cl.name.clone(),
        kind: cl.kind.clone(),
        source,
        cookie,
        what,
        data_client,
    }
}

/// Whether a boolean setting is on, and how it is set: the tag's value, else the exported
/// template's default, else the reference's.
pub(super) fn setting(
    params: &Params,
    key: &str,
    defaults: Option<&std::collections::BTreeMap<String, String>>,
    default: bool,
) -> (bool, String) {
    if let Some(b) = params.flag(key) {
        return (b, format!("{key} set to {b}"));
    }
    let d = defaults
        .and_then(|d| d.get(key))
        .and_then(|v| v.trim().parse::<bool>().ok())
        .unwrap_or(default);
    (d, format!("{key} not set (template default: {d})"))
}

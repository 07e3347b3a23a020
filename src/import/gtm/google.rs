//! Google's own server tags, and tags whose behaviour capimap does not know.

use super::analyse::{Google, SentField, TagAnalysis};
use super::container::{Container, Tag, Value};
use super::fields;
use super::resolve::{Resolved, account, resolve};
use super::template::Template;
use crate::model::Transform;

fn sent(wire: &str, field: &'static str, transform: Transform) -> SentField {
    SentField {
        wire: wire.to_owned(),
        field,
        event_key: None,
        transform,
        row: false,
    }
}

pub(super) fn read(c: &Container, t: &Tag, g: Google, a: &mut TagAnalysis) {
    match g {
        Google::Analytics => {
            a.platform = Some("google-analytics".to_owned());
            account(c, &t.params, &["measurementIdOverride", "measurementId"], a);
            if a.accounts.is_empty() {
                a.notes.push("the GA4 measurement id comes with each event (x-ga-measurement_id), not from the tag".to_owned());
            }
            let ip = if t.params.flag("redactVisitorIp") == Some(true) {
                Transform::Truncated("IP redacted by the GA4 tag".to_owned())
            } else {
                Transform::Raw
            };
            a.fields.push(sent("ip_override", "ip_address", ip));
            a.fields
                .push(sent("user_agent", "user_agent", Transform::Raw));
            a.fields
                .push(sent("client_id", "client_id", Transform::Raw));
            if t.params
                .text("epToIncludeDropdown")
                .is_some_and(|v| v == "all")
            {
                a.fields.push(sent("ep.*", "event_data", Transform::Raw));
            }
            if t.params
                .text("upToIncludeDropdown")
                .is_some_and(|v| v == "all")
            {
                a.fields.push(sent("up.*", "event_data", Transform::Raw));
            }
        }
        Google::AdsConversion | Google::AdsRemarketing => {
            a.platform = Some("google-ads".to_owned());
            account(c, &t.params, &["conversionId"], a);
            a.fields.push(sent("gclid", "gclid", Transform::Raw));
            a.reads_cookies.push("_gcl_aw".to_owned());
            if g == Google::AdsConversion {
                a.may_send.push(
                    "user_data.* (enhanced conversions, when the event carries user data)"
                        .to_owned(),
                );
            }
        }
        Google::ConversionLinker => {
            a.cookies.push(super::analyse::CookieWrite {
                cookie: "_gcl_aw".to_owned(),
                field: "gclid",
                days: None,
                generated: false,
                how: "when the click id is in the page's address".to_owned(),
                key: None,
            });
        }
        Google::Floodlight => {
            a.platform = Some("google-floodlight".to_owned());
            a.notes.push(
                "the fields a Floodlight tag sends are not in capimap's reference".to_owned(),
            );
        }
    }
}

/// A tag capimap does not know: every table row and parameter that takes event data, as a
/// field whose transform is unknown. Its platform is left to the catalogue (by the hosts its
/// template may send to) when the project is built.
pub(super) fn unknown(c: &Container, t: &Tag, template: Option<&Template>, a: &mut TagAnalysis) {
    if let Some(tp) = template {
        for ck in &tp.cookies {
            a.reads_cookies.push(ck.clone());
        }
    }
    let mut push = |wire: String, key: &str| {
        if a.fields.iter().any(|f| f.wire == wire) {
            return;
        }
        let leaf = key.rsplit('.').next().unwrap_or(key);
        let field = fields::for_leaf(leaf)
            .or_else(|| fields::for_leaf(wire.rsplit('.').next().unwrap_or(&wire)))
            .unwrap_or("event_data");
        a.fields.push(SentField {
            wire,
            field,
            event_key: Some(key.to_owned()),
            transform: Transform::Unknown,
            row: true,
        });
    };
    for (key, v) in &t.params.0 {
        match v {
            Value::Text(text) => {
                if let Resolved::EventData(k) = resolve(c, text) {
                    push(key.clone(), k);
                }
            }
            Value::List(_) => {
                for row in t.params.rows(key) {
                    if let Value::Text(text) = row.value
                        && let Resolved::EventData(k) = resolve(c, text)
                    {
                        push(row.name.to_owned(), k);
                    }
                }
            }
            _ => {}
        }
    }
}

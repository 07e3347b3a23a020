//! A tag of a template in capimap's reference: its account, fields, cookies, signals, test codes
//! and logs, from the template's profile and the tag's parameters.

use super::analyse::*;
use super::clients::setting;
use super::container::{Container, Tag, Value};
use super::fields;
use super::profile::{self, Profile, Switch};
use super::resolve::{Resolved, account, resolve};
use crate::model::Transform;

pub(super) fn known(
    c: &Container,
    t: &Tag,
    p: &'static Profile,
    defaults: Option<&std::collections::BTreeMap<String, String>>,
    a: &mut TagAnalysis,
) {
    a.platform = Some(p.platform.to_owned());
    account(c, &t.params, p.account_keys, a);
    // Meta's table of several pixels, each with its own token.
    for row in match t.params.get("pixelIdAndAccessTokenTable") {
        Some(Value::List(rows)) => rows.as_slice(),
        _ => &[],
    } {
        if let Value::Map(m) = row
            && let Some(Resolved::Literal(v) | Resolved::Constant(v)) =
                m.text("pixelId").map(|x| resolve(c, x))
            && !a.accounts.iter().any(|x| x == v)
        {
            a.accounts.push(v.to_owned());
        }
    }
    if p.id == "meta-stape" {
        a.request_type = Some(match t.params.text("actionSource").unwrap_or("website") {
            "system_generated" => "system-generated".to_owned(),
            "physical_store" => "physical-store".to_owned(),
            other => other.replace('_', "-"),
        });
    }
    for auto in p.automatic {
        let off = p
            .table(auto.group)
            .and_then(|tb| tb.automap)
            .and_then(|k| t.params.flag(k))
            == Some(false);
        if !off {
            a.fields.push(SentField {
                wire: auto.wire.to_owned(),
                field: auto.field,
                event_key: None,
                transform: Transform::Raw,
                row: false,
            });
        }
    }
    if p.id == "tiktok"
        && t.params
            .text("eventId")
            .is_some_and(|v| !v.trim().is_empty())
    {
        a.fields.push(SentField {
            wire: "event_id".to_owned(),
            field: "event_id",
            event_key: None,
            transform: Transform::Raw,
            row: true,
        });
    }
    for table in p.tables {
        for row in t.params.rows(table.key) {
            let wire = format!("{}{}{}", table.prefix, row.name.trim(), table.suffix);
            let leaf = row.name.trim();
            let text = match row.value {
                Value::Text(x) => x.as_str(),
                _ => "",
            };
            if leaf == "test_event_code" || leaf == "test_id" {
                test_code(c, leaf, text, a);
                continue;
            }
            if p.signals
                .iter()
                .any(|s| matches!(s, profile::Signal::IfRow(n) if *n == leaf))
                || leaf.starts_with("data_processing_options")
            {
                if !a.signals.contains(&wire) {
                    a.signals.push(wire);
                }
                continue;
            }
            let event_key = match resolve(c, text) {
                Resolved::EventData(k) => Some(k.to_owned()),
                _ => None,
            };
            let field = fields::for_leaf(leaf).unwrap_or("event_data");
            let sent = SentField {
                wire: wire.clone(),
                field,
                event_key,
                transform: p.hash_of(&wire).transform(),
                row: true,
            };
            match a.fields.iter_mut().find(|f| f.wire == wire) {
                Some(f) => *f = sent,
                None => a.fields.push(sent),
            }
        }
    }
    a.may_send = p
        .may_send
        .iter()
        .filter(|w| !a.fields.iter().any(|f| f.wire == **w))
        .map(|w| (*w).to_owned())
        .collect();
    for s in p.signals {
        if let profile::Signal::Always(w) = s
            && (p.id != "microsoft" || t.params.has("consent"))
            && !a.signals.iter().any(|x| x == w)
        {
            a.signals.push((*w).to_owned());
        }
    }
    for ck in p.cookies {
        a.reads_cookies.push(ck.name.to_owned());
        let (on, how, key) = match ck.switch {
            Switch::FromUrl => (
                true,
                "when the click id is in the page's address".to_owned(),
                None,
            ),
            Switch::IfTrue(k, d) => {
                let (on, how) = setting(&t.params, k, defaults, d);
                (on, how, Some(k))
            }
            Switch::UnlessTrue(k) => match t.params.flag(k) {
                Some(true) => (false, format!("{k} set to true"), Some(k)),
                Some(false) => (true, format!("{k} set to false"), Some(k)),
                None => (
                    true,
                    format!("{k} not set (template default: false)"),
                    Some(k),
                ),
            },
        };
        a.settings.push((ck.name.to_owned(), how.clone()));
        if on {
            a.cookies.push(CookieWrite {
                cookie: ck.name.to_owned(),
                field: ck.field,
                days: Some(ck.days),
                generated: ck.generated,
                how,
                key,
            });
        }
    }
    for key in p.test_codes {
        if let Some(text) = t.params.text(key) {
            test_code(c, key, text, a);
        }
    }
    for key in p.test_switches {
        if t.params.flag(key) == Some(true) {
            a.test_codes.push(TestCode {
                key: (*key).to_owned(),
                chars: None,
            });
        }
    }
    for key in p.log_keys {
        if t.params
            .text(key)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("always"))
        {
            a.logs.push((*key).to_owned());
        }
    }
    if p.id == "tiktok" {
        a.settings.push((
            "limitedDataUse".to_owned(),
            match t.params.flag("limitedDataUse") {
                Some(b) => format!("limitedDataUse set to {b}"),
                None => "limitedDataUse not set (template default: false)".to_owned(),
            },
        ));
    }
}

fn test_code(c: &Container, key: &str, text: &str, a: &mut TagAnalysis) {
    let chars = match resolve(c, text) {
        Resolved::Literal(v) | Resolved::Constant(v) => Some(v.chars().count()),
        Resolved::Secret => Some(0),
        _ => return,
    };
    a.test_codes.push(TestCode {
        key: key.to_owned(),
        chars,
    });
}

//! What a parameter's text stands for: a literal, a constant, event data, a lookup on debug mode.

use super::analyse::TagAnalysis;
use super::container::{Container, Params, Value, references};

/// What a parameter's text stands for.
pub(super) enum Resolved<'a> {
    Literal(&'a str),
    Constant(&'a str),
    Secret,
    EventData(&'a str),
    /// A lookup table keyed on `{{Debug Mode}}`: set only in preview.
    DebugLookup,
    Other,
    Empty,
}

pub(super) fn resolve<'a>(c: &'a Container, text: &'a str) -> Resolved<'a> {
    let refs = references(text);
    if text.trim().is_empty() {
        return Resolved::Empty;
    }
    let [name] = refs.as_slice() else {
        return if refs.is_empty() {
            Resolved::Literal(text.trim())
        } else {
            Resolved::Other
        };
    };
    let Some(v) = c.variable(name) else {
        return Resolved::Other;
    };
    match v.kind.as_str() {
        "c" => match v.params.get("value") {
            Some(Value::Text(t)) => Resolved::Constant(t),
            Some(Value::Secret(_)) => Resolved::Secret,
            _ => Resolved::Other,
        },
        "ed" => Resolved::EventData(v.params.text("keyPath").unwrap_or_default()),
        "smm" => {
            let input = v.params.text("input").unwrap_or_default();
            let on_debug = references(input).first().is_some_and(|n| {
                *n == "Debug Mode" || c.built_in(n).is_some_and(|b| b.kind == "debugmode")
            });
            if on_debug {
                Resolved::DebugLookup
            } else {
                Resolved::Other
            }
        }
        _ => Resolved::Other,
    }
}

/// The value of an account parameter: literal or through a constant.
pub(super) fn account(c: &Container, params: &Params, keys: &[&str], a: &mut TagAnalysis) {
    for key in keys {
        let Some(text) = params.text(key) else {
            continue;
        };
        match resolve(c, text) {
            Resolved::Literal(v) | Resolved::Constant(v) => {
                a.accounts.push(v.trim().to_owned());
                return;
            }
            Resolved::Empty => {}
            _ => {
                a.notes.push(format!(
                    "the account ({key}) is set at run time, not in the container"
                ));
                return;
            }
        }
    }
}

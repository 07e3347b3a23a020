//! Finding the plan's case for consent choices written on the command line.

use crate::model::Region;
use crate::model::shown::shown;

use super::{Case, Plan};

/// The consent case for choices written "cp-marketing=denied,cp-measurement=granted", for
/// users in `region` (needed when the plan has several scopes). The error says what to write.
pub fn case_for<'a>(
    plan: &'a Plan,
    choices: &str,
    region: Option<&str>,
) -> Result<&'a Case, String> {
    let scope = match region {
        Some(r) => {
            let wanted = Region::parse(r)?;
            let named = plan.scopes.iter().position(|s| {
                s.regions
                    .iter()
                    .any(|n| Region::parse(n).is_ok_and(|x| x == wanted))
            });
            let inside = || {
                // A place inside a named region belongs to the smallest named one around it.
                plan.scopes
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.regions.iter().map(move |n| (i, n)))
                    .filter_map(|(i, n)| Region::parse(n).ok().map(|x| (i, x)))
                    .filter(|(_, x)| x.contains(&wanted))
                    .min_by_key(|(_, x)| {
                        plan.scopes
                            .iter()
                            .flat_map(|s| &s.regions)
                            .filter(|n| Region::parse(n).is_ok_and(|y| x.contains(&y)))
                            .count()
                    })
                    .map(|(i, _)| i)
            };
            named
                .or_else(inside)
                .or_else(|| plan.scopes.iter().position(|s| s.regions.is_empty()))
                .ok_or_else(|| format!("the plan has no case for users in {}", shown(r, 20)))?
        }
        None if plan.scopes.len() == 1 => 0,
        None => {
            return Err(format!(
                "the plan has cases for several groups of users ({}): say where the test users are with --region",
                plan.scopes
                    .iter()
                    .map(|s| s.label.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    };
    let s = plan
        .scopes
        .get(scope)
        .ok_or("the plan has no consent case")?;
    let mut denied = Vec::new();
    let mut given = Vec::new();
    for part in choices.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((id, choice)) = part.split_once('=') else {
            return Err(format!(
                "'{}' is not a choice: write PURPOSE=granted or PURPOSE=denied",
                shown(part, 40)
            ));
        };
        let id = id.trim();
        if !s.purposes.iter().any(|p| p == id) {
            return Err(format!(
                "'{}' is not a consent purpose asked for {} (those are: {})",
                shown(id, 40),
                s.label,
                s.purposes.join(", ")
            ));
        }
        match choice.trim().to_ascii_lowercase().as_str() {
            "denied" => denied.push(id.to_owned()),
            "granted" => {}
            other => {
                return Err(format!(
                    "'{}' for {id}: write granted or denied",
                    shown(other, 20)
                ));
            }
        }
        given.push(id.to_owned());
    }
    let missing: Vec<&str> = s
        .purposes
        .iter()
        .filter(|p| !given.contains(p))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "say granted or denied for every consent purpose asked for {}; missing: {}",
            s.label,
            missing.join(", ")
        ));
    }
    // In the scope's order, as the cases list them.
    let denied: Vec<String> = s
        .purposes
        .iter()
        .filter(|p| denied.contains(p))
        .cloned()
        .collect();
    plan.cases
        .iter()
        .find(|c| c.scope == scope && (c.denied == denied || c.same_as_this.contains(&denied)))
        .ok_or_else(|| "the plan has no case for these choices".to_owned())
}

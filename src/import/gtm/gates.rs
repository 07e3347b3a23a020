//! A tag's consent checks: the template's option, triggers that test the consent state, declared
//! consent settings and Google's consent mode (ref. §3.4).

use std::collections::{BTreeSet, HashMap};

use super::analyse::*;
use super::container::{Container, Tag};
use super::profile::Profile;
use super::triggers::{self, ConsentType};

pub(super) fn gates(
    c: &Container,
    t: &Tag,
    p: Option<&'static Profile>,
    readings: &HashMap<&str, triggers::Reading>,
    a: &mut TagAnalysis,
) {
    if p.is_some_and(|p| p.consent_option) {
        let v = t
            .params
            .text("adStorageConsent")
            .unwrap_or_default()
            .trim()
            .to_owned();
        a.settings.push((
            "adStorageConsent".to_owned(),
            if v.is_empty() {
                "adStorageConsent not set (send data always)".to_owned()
            } else {
                format!("adStorageConsent set to {v}")
            },
        ));
        if v.eq_ignore_ascii_case("required") {
            if matches!(
                a.recognised,
                Recognised::Modified { .. } | Recognised::Template { version: None, .. }
            ) {
                // What a changed template, or one not from the Gallery, does with its option
                // is not known.
                a.notes.push(format!("tag {} '{}': the consent option of a template that is modified or not from the Gallery is not taken as a consent check", t.id, t.name));
            } else {
                a.gates.push(Gate::TemplateOption);
            }
        }
    }
    for id in &t.blocking {
        if let Some(r) = readings.get(id.as_str())
            && !r.consent.is_empty()
        {
            let (reads, credits) = triggers::blocking_credits(r);
            a.gates.push(Gate::Trigger {
                trigger: id.clone(),
                name: c.trigger(id).map(|x| x.name.clone()).unwrap_or_default(),
                blocking: true,
                reads,
                tests: triggers::blocking_tests(r),
                credits,
            });
        }
    }
    let firing: Vec<&triggers::Reading> = t
        .firing
        .iter()
        .filter_map(|id| readings.get(id.as_str()))
        .collect();
    if !firing.is_empty()
        && firing.len() == t.firing.len()
        && firing.iter().all(|r| !r.consent.is_empty())
    {
        let mut common: Option<BTreeSet<ConsentType>> = None;
        for r in &firing {
            let c: BTreeSet<ConsentType> = triggers::firing_credits(r).into_iter().collect();
            common = Some(match common {
                Some(x) => x.intersection(&c).copied().collect(),
                None => c,
            });
        }
        a.gates.push(Gate::Trigger {
            trigger: t.firing.join(", "),
            name: t
                .firing
                .iter()
                .filter_map(|id| c.trigger(id))
                .map(|x| x.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            blocking: false,
            reads: firing[0].consent.first().map(|c| c.reads),
            tests: Vec::new(),
            credits: common.unwrap_or_default().into_iter().collect(),
        });
    }
    if let Some(cs) = &t.consent
        && cs.status == "needed"
    {
        a.gates.push(Gate::Declared {
            types: cs.types.clone(),
        });
    }
    if matches!(a.recognised, Recognised::Google(_)) {
        a.gates.push(Gate::Native);
    }
}

//! The scopes of a test plan: the regions named by the consent purposes, each less the named
//! regions inside it ("EEA except DE"), grouped by the purposes asked for there; and the users
//! anywhere else. Every user is in exactly one scope: the smallest named region around them.

use crate::model::{NodeKind, Region};

use super::super::Context;
use super::super::context::MappingFacts;

/// One scope, with the positions of its purposes in `project.consent_purposes`.
pub(super) struct ScopeDef {
    /// The regions as the project writes them ("UK", not "GB").
    pub names: Vec<String>,
    pub regions: Vec<Region>,
    /// Users outside every region named by a purpose (then `regions` is empty).
    pub elsewhere: bool,
    /// Every region named by a purpose: what "elsewhere" lies outside of.
    pub named: Vec<Region>,
    pub label: String,
    pub purposes: Vec<usize>,
}

impl ScopeDef {
    /// Whether the mapping may carry data of this scope's users.
    pub fn touches(&self, m: &MappingFacts) -> bool {
        if self.elsewhere {
            m.users().beyond(&self.named)
        } else {
            m.users().touches_any(&self.regions)
        }
    }
}

/// The mappings into destinations, as (flow position, mapping position), in file order.
pub(super) fn into_destinations(ctx: &Context) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (fi, f) in ctx.flows().iter().enumerate() {
        if !f
            .to
            .is_some_and(|n| matches!(n.kind, NodeKind::Destination(_)))
        {
            continue;
        }
        for (mi, m) in f.sent.iter().enumerate() {
            if m.field_ix().is_some() && f.from_ix.is_some() {
                out.push((fi, mi));
            }
        }
    }
    out
}

/// The scopes with data to test, and notes on users the plan has no case for.
pub(super) fn scopes(ctx: &Context) -> (Vec<ScopeDef>, Vec<String>) {
    let project = ctx.project;
    let mut notes = Vec::new();
    // Each purpose's regions; `None`: asked everywhere.
    let mut purpose_regions: Vec<Option<Vec<Region>>> = Vec::new();
    let mut named: Vec<(Region, String)> = Vec::new();
    for c in &project.consent_purposes {
        let parsed: Vec<Region> = c
            .regions
            .iter()
            .filter_map(|n| {
                let r = Region::parse(n).ok()?;
                if !named.iter().any(|(x, _)| *x == r) {
                    named.push((r, n.clone()));
                }
                Some(r)
            })
            .collect();
        if parsed.len() < c.regions.len() {
            notes.push(format!(
                "Some regions of consent purpose '{}' are not regions capimap knows; the plan treats it as asked everywhere.",
                c.name
            ));
        }
        purpose_regions
            .push((!c.regions.is_empty() && parsed.len() == c.regions.len()).then_some(parsed));
    }
    let asked_in = |r: &Region| -> Vec<usize> {
        purpose_regions
            .iter()
            .enumerate()
            .filter(|(_, regions)| match regions {
                None => true,
                // Scopes are the regions less the named regions inside them (EEA except DE):
                // a purpose is asked for all of such a scope, or for none of it.
                Some(list) => list.iter().any(|x| x.contains(r)),
            })
            .map(|(i, _)| i)
            .collect()
    };
    let all_named: Vec<Region> = named.iter().map(|(r, _)| *r).collect();
    let mappings = into_destinations(ctx);
    let mut out: Vec<ScopeDef> = Vec::new();
    for (r, name) in &named {
        let purposes = asked_in(r);
        let inner: Vec<&str> = named
            .iter()
            .filter(|(x, _)| x != r && r.contains(x))
            .map(|(_, n)| n.as_str())
            .collect();
        let shown = if inner.is_empty() {
            name.clone()
        } else {
            format!("{name} except {}", inner.join(", "))
        };
        match out.iter_mut().find(|s| s.purposes == purposes) {
            Some(s) => {
                s.regions.push(*r);
                s.names.push(name.clone());
                s.label = format!("{}, {shown}", s.label);
            }
            None => out.push(ScopeDef {
                names: vec![name.clone()],
                regions: vec![*r],
                elsewhere: false,
                named: all_named.clone(),
                label: shown,
                purposes,
            }),
        }
    }
    let everywhere: Vec<usize> = purpose_regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_none())
        .map(|(i, _)| i)
        .collect();
    let rest = ScopeDef {
        names: Vec::new(),
        regions: Vec::new(),
        elsewhere: true,
        named: all_named.clone(),
        label: if all_named.is_empty() {
            "all users".to_owned()
        } else {
            "users anywhere else".to_owned()
        },
        purposes: everywhere,
    };
    let touched = |s: &ScopeDef| {
        mappings
            .iter()
            .any(|&(f, m)| s.touches(&ctx.flows()[f].sent[m]))
    };
    out.retain(|s| touched(s));
    if touched(&rest) {
        if rest.purposes.is_empty() && !all_named.is_empty() {
            notes.push(format!(
                "Users outside {} are not asked for any consent purpose in this model, so the plan has no case for them; if their data reaches the destinations, say which purposes are asked for them.",
                named
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        } else {
            out.push(rest);
        }
    }
    (out, notes)
}

//! Where the users are whose data a flow or a field mapping carries, followed from the sources
//! along the flows: the regional rules (EEA consent signals, US limited-data-use flags, fields
//! a platform does not use in some regions) apply where these regions say.
//!
//! A [`Users`] value over-approximates: it may name users who are not there, never leave out
//! users who are. A rule that asks "may EEA users' data be here?" therefore never misses.

use std::collections::VecDeque;

use crate::model::{FieldMapping, NodeKind, Project, Region};

use super::context::FlowFacts;
use super::dataflow::DataFlow;

/// The users whose data may be somewhere: those of `include` (everywhere when `None`), less
/// those of `exclude`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Users {
    include: Option<Vec<Region>>,
    exclude: Vec<Region>,
}

impl Users {
    /// Users anywhere: nothing is known.
    pub fn anywhere() -> Self {
        Self {
            include: None,
            exclude: Vec::new(),
        }
    }

    /// No users at all (the start of a union).
    pub fn none() -> Self {
        Self {
            include: Some(Vec::new()),
            exclude: Vec::new(),
        }
    }

    /// Users of these regions; anywhere when the list is empty (nothing recorded).
    pub fn of(regions: &[Region]) -> Self {
        if regions.is_empty() {
            return Self::anywhere();
        }
        Self {
            include: Some(regions.to_vec()),
            exclude: Vec::new(),
        }
        .normalised()
    }

    pub fn is_none(&self) -> bool {
        self.include.as_ref().is_some_and(Vec::is_empty)
    }

    /// Whether some of these users may be in `region`.
    pub fn touches(&self, region: &Region) -> bool {
        if self.exclude.iter().any(|e| e.contains(region)) {
            return false;
        }
        match &self.include {
            None => true,
            Some(inc) => inc.iter().any(|r| r.overlaps(region)),
        }
    }

    pub fn touches_any(&self, regions: &[Region]) -> bool {
        regions.iter().any(|r| self.touches(r))
    }

    /// The users of both `self` and `other` together. The excluded regions kept are those
    /// excluded on both sides, so the union never loses a user.
    pub fn union(&self, other: &Users) -> Users {
        if self.is_none() {
            return other.clone();
        }
        if other.is_none() {
            return self.clone();
        }
        let include = match (&self.include, &other.include) {
            (Some(a), Some(b)) => Some(a.iter().chain(b).cloned().collect()),
            _ => None,
        };
        // Region `r` stays excluded only when every side excludes it (or does not include it).
        let keeps = |side: &Users, r: &Region| {
            side.exclude.iter().any(|e| e.contains(r))
                || side
                    .include
                    .as_ref()
                    .is_some_and(|inc| !inc.iter().any(|i| i.overlaps(r)))
        };
        let exclude = self
            .exclude
            .iter()
            .chain(&other.exclude)
            .filter(|r| keeps(self, r) && keeps(other, r))
            .cloned()
            .collect();
        Users { include, exclude }.normalised()
    }

    /// Only the users of `only` (a mapping's `only_for`); unchanged when `only` is empty.
    pub fn only(&self, only: &[Region]) -> Users {
        if only.is_empty() {
            return self.clone();
        }
        let include = match &self.include {
            None => only.to_vec(),
            // In a tree of regions, the overlap of two regions is the smaller one.
            Some(inc) => inc
                .iter()
                .flat_map(|a| {
                    only.iter().filter_map(move |b| {
                        if a.contains(b) {
                            Some(b.clone())
                        } else if b.contains(a) {
                            Some(a.clone())
                        } else {
                            None
                        }
                    })
                })
                .collect(),
        };
        Users {
            include: Some(include),
            exclude: self.exclude.clone(),
        }
        .normalised()
    }

    /// Without the users of `except` (a mapping's `except_for`).
    pub fn except(&self, except: &[Region]) -> Users {
        if except.is_empty() {
            return self.clone();
        }
        let mut exclude = self.exclude.clone();
        exclude.extend(except.iter().cloned());
        Users {
            include: self.include.clone(),
            exclude,
        }
        .normalised()
    }

    /// Sorted, without duplicates, without a region inside another of the same list, and
    /// without included regions that are wholly excluded: equal sets compare equal, which the
    /// propagation needs to know when to stop.
    fn normalised(mut self) -> Users {
        fn prune(list: &mut Vec<Region>) {
            list.sort();
            list.dedup();
            let copy = list.clone();
            list.retain(|r| !copy.iter().any(|o| o != r && o.contains(r)));
        }
        prune(&mut self.exclude);
        if let Some(inc) = &mut self.include {
            prune(inc);
            inc.retain(|r| !self.exclude.iter().any(|e| e.contains(r)));
            // An excluded region outside every included one excludes nobody.
            let inc = inc.clone();
            self.exclude.retain(|e| inc.iter().any(|i| i.overlaps(e)));
        }
        self
    }

    /// "DE, FR" / "anywhere" / "anywhere except EEA", for messages.
    pub fn describe(&self) -> String {
        let join = |v: &[Region]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let base = match &self.include {
            None => "anywhere".to_owned(),
            Some(v) if v.is_empty() => "nobody".to_owned(),
            Some(v) => join(v),
        };
        if self.exclude.is_empty() {
            base
        } else {
            format!("{base} except {}", join(&self.exclude))
        }
    }
}

/// Parses region names that the store has already validated; a name that does not parse (a
/// project built in code) means nothing can be said, so it widens to "anywhere".
pub fn parse_all(names: &[String]) -> Option<Vec<Region>> {
    names.iter().map(|n| Region::parse(n).ok()).collect()
}

/// Follows the users from where data enters to every node, flow and mapping, and returns
/// whose data may reach each node (by position). Sets `users` on every flow (the users of its
/// start) and every sent mapping (those of its field there, narrowed by the mapping).
///
/// Users enter at sources (their `regions`, else the organisation's establishment) and at
/// nodes that nothing flows into (the establishment); a node that makes up a field sends it
/// for the users whose events reach it. Each set only grows, over a finite number of regions,
/// so the work lists end; cycles are no different from other flows.
pub(super) fn propagate(project: &Project, flows: &mut [FlowFacts], data: &DataFlow) -> Vec<Users> {
    let home = match Region::parse(&project.organisation.establishment) {
        Ok(r) => Users::of(&[r]),
        Err(_) => Users::anywhere(),
    };
    let n = project.nodes.len();
    let mut has_in = vec![false; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, f) in flows.iter().enumerate() {
        if let (Some(a), Some(b)) = (f.from_ix, f.to_ix) {
            has_in[b] = true;
            out[a].push(i);
        }
    }
    let mut users: Vec<Users> = project
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| match &node.kind {
            NodeKind::Source(s) if !s.regions.is_empty() => {
                parse_all(&s.regions).map_or_else(Users::anywhere, |r| Users::of(&r))
            }
            NodeKind::Source(_) => home.clone(),
            _ if !has_in[i] => home.clone(),
            _ => Users::none(),
        })
        .collect();
    let mut queue: VecDeque<usize> = (0..n).collect();
    let mut queued = vec![true; n];
    while let Some(a) = queue.pop_front() {
        queued[a] = false;
        for &fi in &out[a] {
            let Some(b) = flows[fi].to_ix else { continue };
            let joined = users[b].union(&users[a]);
            if joined != users[b] {
                users[b] = joined;
                if !queued[b] {
                    queued[b] = true;
                    queue.push_back(b);
                }
            }
        }
    }

    // The same per field, along the mappings, with each mapping's narrowing.
    let narrowed = |u: &Users, m: &FieldMapping| {
        let only = parse_all(&m.only_for);
        let except = parse_all(&m.except_for).unwrap_or_default();
        match only {
            Some(only) => u.only(&only).except(&except),
            // An `only_for` capimap cannot read narrows nothing it can be sure of.
            None => u.except(&except),
        }
    };
    let mut at: Vec<Users> = (0..data.len() as u32)
        .map(|s| {
            if data.is_entry(s) {
                users[data.node_of(s)].clone()
            } else {
                Users::none()
            }
        })
        .collect();
    let mut queue: VecDeque<u32> = (0..data.len() as u32).collect();
    let mut queued = vec![true; data.len()];
    while let Some(s) = queue.pop_front() {
        queued[s as usize] = false;
        for e in data.out(s) {
            let m = flows[e.flow].sent[e.mapping].mapping;
            let joined = at[e.to as usize].union(&narrowed(&at[s as usize], m));
            if joined != at[e.to as usize] {
                at[e.to as usize] = joined;
                if !queued[e.to as usize] {
                    queued[e.to as usize] = true;
                    queue.push_back(e.to);
                }
            }
        }
    }
    for f in flows.iter_mut() {
        if let Some(a) = f.from_ix {
            f.users = users[a].clone();
            for m in f.sent.iter_mut() {
                m.users = match m.field_ix.and_then(|field| data.state(a, field)) {
                    Some(s) => narrowed(&at[s as usize], m.mapping),
                    None => narrowed(&users[a], m.mapping),
                };
            }
        }
    }
    users
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Region {
        Region::parse(s).unwrap()
    }

    fn of(names: &[&str]) -> Users {
        Users::of(&names.iter().map(|n| r(n)).collect::<Vec<_>>())
    }

    #[test]
    fn a_german_shop_touches_the_eea_and_not_the_us() {
        let de = of(&["DE"]);
        assert!(de.touches(&r("EEA")));
        assert!(!de.touches(&r("US-states")));
        assert!(Users::anywhere().touches(&r("US")));
    }

    #[test]
    fn only_and_except_narrow_the_users() {
        let eu_us = of(&["EEA", "US"]);
        assert!(!eu_us.except(&[r("EEA")]).touches(&r("DE")));
        assert!(eu_us.except(&[r("EEA")]).touches(&r("US-CA")));
        assert!(!Users::anywhere().except(&[r("EEA")]).touches(&r("FR")));
        assert!(Users::anywhere().except(&[r("DE")]).touches(&r("EEA")));
        let only_de = eu_us.only(&[r("DE")]);
        assert!(only_de.touches(&r("EEA")) && !only_de.touches(&r("US")));
        assert!(of(&["US"]).only(&[r("EEA")]).is_none());
    }

    #[test]
    fn a_union_never_loses_users() {
        let a = Users::anywhere().except(&[r("EEA")]);
        let b = of(&["DE"]);
        let u = a.union(&b);
        assert!(u.touches(&r("DE")) && u.touches(&r("US")));
        let both = a.union(&Users::anywhere().except(&[r("EEA"), r("GB")]));
        assert!(!both.touches(&r("FR")) && both.touches(&r("GB")));
        assert_eq!(Users::none().union(&b), b);
    }
}

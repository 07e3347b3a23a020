//! Where the users are whose data a flow or a field mapping carries, followed from the sources
//! along the flows: the regional rules (EEA consent signals, US limited-data-use flags, fields
//! a platform does not use in some regions) apply where these regions say.
//!
//! A [`Users`] value over-approximates: it may name users who are not there, never leave out
//! users who are. A rule that asks "may EEA users' data be here?" therefore never misses.

use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::model::{FieldMapping, NodeKind, Project, Region};

use super::context::FlowFacts;
use super::dataflow::DataFlow;

/// The users whose data may be somewhere: those of `include` (everywhere when `None`), less
/// those of `exclude`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Users {
    include: Option<Vec<Region>>,
    exclude: Vec<Region>,
}

impl Users {
    /// Users anywhere: nothing is known.
    pub const fn anywhere() -> Self {
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

    /// Whether some of these users may be outside all of `regions` (an over-approximation,
    /// like every answer here: excluded regions are not subtracted from the rest).
    pub fn beyond(&self, regions: &[Region]) -> bool {
        match &self.include {
            None => true,
            Some(inc) => inc
                .iter()
                .any(|r| !regions.iter().any(|outer| outer.contains(r))),
        }
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
                            Some(*b)
                        } else if b.contains(a) {
                            Some(*a)
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

/// Each distinct set of users once, by number, with the unions already computed: a project
/// with 500,000 mappings has only a handful of distinct sets, so the propagation below works
/// on numbers and looks sets up instead of building them again.
struct Interned {
    sets: Vec<Arc<Users>>,
    ids: FxHashMap<Users, u32>,
    unions: FxHashMap<(u32, u32), u32>,
}

impl Interned {
    fn new() -> Self {
        Self {
            sets: Vec::new(),
            ids: FxHashMap::default(),
            unions: FxHashMap::default(),
        }
    }

    fn id(&mut self, u: Users) -> u32 {
        if let Some(&id) = self.ids.get(&u) {
            return id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(Arc::new(u.clone()));
        self.ids.insert(u, id);
        id
    }

    fn union(&mut self, a: u32, b: u32) -> u32 {
        if a == b {
            return a;
        }
        let key = (a.min(b), a.max(b));
        if let Some(&u) = self.unions.get(&key) {
            return u;
        }
        let joined = self.sets[a as usize].union(&self.sets[b as usize]);
        let u = self.id(joined);
        self.unions.insert(key, u);
        u
    }

    /// The users of `u` that a mapping sends its field for.
    fn narrowed(&mut self, u: u32, m: &FieldMapping) -> u32 {
        if m.only_for.is_empty() && m.except_for.is_empty() {
            return u;
        }
        let base = &self.sets[u as usize];
        let except = parse_all(&m.except_for).unwrap_or_default();
        let narrowed = match parse_all(&m.only_for) {
            Some(only) => base.only(&only).except(&except),
            // An `only_for` capimap cannot read narrows nothing it can be sure of.
            None => base.except(&except),
        };
        self.id(narrowed)
    }
}

/// Follows the users from where data enters to every node, flow and mapping: sets `users` on
/// every flow (the users whose events reach its start) and every sent mapping (those of its
/// field there, narrowed by the mapping).
///
/// Users enter at sources (their `regions`, else the organisation's establishment) and at
/// nodes that nothing flows into (the establishment); a node that makes up a field sends it
/// for the users whose events reach it. Each set only grows, over a finite number of regions,
/// so the work lists end; cycles are no different from other flows.
/// Whose data each flow (and each of its sent mappings) may carry, by flow; `None` for a flow
/// that leaves from no known node.
pub(super) type FlowUsers = Vec<Option<(Arc<Users>, Vec<Arc<Users>>)>>;

/// Puts what [`compute`] found into the flows' facts.
pub(super) fn apply(flows: &mut [FlowFacts], users: FlowUsers) {
    for (f, u) in flows.iter_mut().zip(users) {
        if let Some((flow, mappings)) = u {
            f.users = Some(flow);
            for (m, users) in f.sent.iter_mut().zip(mappings) {
                m.users = Some(users);
            }
        }
    }
}

/// Works out whose data every flow and mapping may carry, reading the flows only (so that it
/// can run beside checks that read them too).
pub(super) fn compute(project: &Project, flows: &[FlowFacts], data: &DataFlow) -> FlowUsers {
    let mut table = Interned::new();
    let none = table.id(Users::none());
    let home = table.id(match Region::parse(&project.organisation.establishment) {
        Ok(r) => Users::of(&[r]),
        Err(_) => Users::anywhere(),
    });
    let n = project.nodes.len();
    let mut has_in = vec![false; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, f) in flows.iter().enumerate() {
        if let (Some(a), Some(b)) = (f.from_ix, f.to_ix) {
            has_in[b] = true;
            out[a].push(i);
        }
    }
    let mut users: Vec<u32> = Vec::with_capacity(n);
    for (i, node) in project.nodes.iter().enumerate() {
        users.push(match &node.kind {
            NodeKind::Source(s) if !s.regions.is_empty() => {
                table.id(parse_all(&s.regions).map_or_else(Users::anywhere, |r| Users::of(&r)))
            }
            NodeKind::Source(_) => home,
            _ if !has_in[i] => home,
            _ => none,
        });
    }
    // A node on a circle that nothing enters (every node of it has a flow in) is where its
    // events start, as the data flow has it: its users are the establishment's, not nobody.
    let mut entered: Vec<bool> = users.iter().map(|&u| u != none).collect();
    let mut stack: Vec<usize> = (0..n).filter(|&i| entered[i]).collect();
    loop {
        while let Some(a) = stack.pop() {
            for &fi in &out[a] {
                if let Some(b) = flows[fi].to_ix
                    && !entered[b]
                {
                    entered[b] = true;
                    stack.push(b);
                }
            }
        }
        let Some(first) = (0..n).find(|&i| !entered[i]) else {
            break;
        };
        users[first] = home;
        entered[first] = true;
        stack.push(first);
    }
    let mut queue: VecDeque<usize> = (0..n).collect();
    let mut queued = vec![true; n];
    while let Some(a) = queue.pop_front() {
        queued[a] = false;
        for &fi in &out[a] {
            let Some(b) = flows[fi].to_ix else { continue };
            let joined = table.union(users[b], users[a]);
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
    let mut at: Vec<u32> = (0..data.len() as u32)
        .map(|s| {
            if data.is_entry(s) {
                users[data.node_of(s)]
            } else {
                none
            }
        })
        .collect();
    let mut queue: VecDeque<u32> = (0..data.len() as u32).collect();
    let mut queued = vec![true; data.len()];
    while let Some(s) = queue.pop_front() {
        queued[s as usize] = false;
        for e in data.out(s) {
            let sent = if e.narrows {
                table.narrowed(
                    at[s as usize],
                    flows[e.flow as usize].sent[e.mapping as usize].mapping,
                )
            } else {
                at[s as usize]
            };
            let joined = table.union(at[e.to as usize], sent);
            if joined != at[e.to as usize] {
                at[e.to as usize] = joined;
                if !queued[e.to as usize] {
                    queued[e.to as usize] = true;
                    queue.push_back(e.to);
                }
            }
        }
    }
    flows
        .iter()
        .map(|f| {
            let a = f.from_ix?;
            let mappings = f
                .sent
                .iter()
                .map(|m| {
                    let start = match m.field_ix().and_then(|field| data.state(a, field)) {
                        Some(s) => at[s as usize],
                        None => users[a],
                    };
                    let id = if m.narrows {
                        table.narrowed(start, m.mapping)
                    } else {
                        start
                    };
                    table.sets[id as usize].clone()
                })
                .collect();
            Some((table.sets[users[a] as usize].clone(), mappings))
        })
        .collect()
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

    /// Exact sets of users over a few atoms, to hold the over-approximation to: whatever a
    /// sequence of unions and narrowings, `touches` never says no where some user is.
    mod exact {
        use super::*;
        use proptest::prelude::*;

        const NAMES: [&str; 10] = [
            "EEA", "EU", "DE", "FR", "NO", "GB", "CH", "US", "US-CA", "US-NY",
        ];
        /// Atoms: DE, FR, other EU, NO, other EFTA-EEA, GB, CH, US-CA, US-NY, other US, rest.
        const ATOMS: u16 = 11;

        fn atoms(name: &str) -> u16 {
            match name {
                "EU" => 0b111,
                "EEA" => 0b11111,
                "DE" => 1,
                "FR" => 1 << 1,
                "NO" => 1 << 3,
                "GB" => 1 << 5,
                "CH" => 1 << 6,
                "US" => 0b111 << 7,
                "US-CA" => 1 << 7,
                "US-NY" => 1 << 8,
                _ => unreachable!(),
            }
        }

        #[derive(Clone, Debug)]
        enum Op {
            Of(Vec<usize>),
            Anywhere,
            Union(Box<Op>, Box<Op>),
            Only(Box<Op>, Vec<usize>),
            Except(Box<Op>, Vec<usize>),
        }

        fn op() -> impl Strategy<Value = Op> {
            let names = || prop::collection::vec(0..NAMES.len(), 0..3);
            let leaf = prop_oneof![names().prop_map(Op::Of), Just(Op::Anywhere)];
            leaf.prop_recursive(4, 24, 2, move |inner| {
                prop_oneof![
                    (inner.clone(), inner.clone())
                        .prop_map(|(a, b)| Op::Union(Box::new(a), Box::new(b))),
                    (inner.clone(), names()).prop_map(|(a, n)| Op::Only(Box::new(a), n)),
                    (inner, names()).prop_map(|(a, n)| Op::Except(Box::new(a), n)),
                ]
            })
        }

        fn regions(ix: &[usize]) -> Vec<Region> {
            ix.iter()
                .map(|&i| Region::parse(NAMES[i]).unwrap())
                .collect()
        }

        fn mask(ix: &[usize]) -> u16 {
            ix.iter().fold(0, |m, &i| m | atoms(NAMES[i]))
        }

        fn eval(op: &Op) -> (Users, u16) {
            let all = (1u16 << ATOMS) - 1;
            match op {
                Op::Of(n) if n.is_empty() => (Users::anywhere(), all),
                Op::Of(n) => (Users::of(&regions(n)), mask(n)),
                Op::Anywhere => (Users::anywhere(), all),
                Op::Union(a, b) => {
                    let ((ua, ma), (ub, mb)) = (eval(a), eval(b));
                    (ua.union(&ub), ma | mb)
                }
                Op::Only(a, n) => {
                    let (u, m) = eval(a);
                    if n.is_empty() {
                        (u, m)
                    } else {
                        (u.only(&regions(n)), m & mask(n))
                    }
                }
                Op::Except(a, n) => {
                    let (u, m) = eval(a);
                    (u.except(&regions(n)), m & !mask(n))
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn users_never_leave_out_anyone(op in op()) {
                let (users, exact) = eval(&op);
                for name in NAMES {
                    if exact & atoms(name) != 0 {
                        prop_assert!(
                            users.touches(&Region::parse(name).unwrap()),
                            "{} misses {name}", users.describe()
                        );
                    }
                }
            }
        }
    }
}

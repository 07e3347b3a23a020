//! Inspections combined: the workers that read one capture on several cores, and the partial
//! summaries of captures read apart (`inspect --summary-out`, then `--merge`), add up to
//! exactly what one run over all of the input gives. Every count is a sum; which paths are
//! tracked beyond [`MAX_PATHS`] is decided by a rule that does not depend on the order of the
//! input (the alphabetically first paths are kept), so any split of the input, read in any
//! order, merges to the same result.

use super::{Inspection, Inspector, MAX_PATHS, MAX_SKIPPED, PathStats};

impl PathStats {
    /// Values counted at the path.
    pub fn values(&self) -> usize {
        self.kinds.values().sum()
    }

    fn add(&mut self, other: &PathStats) {
        self.present += other.present;
        for (kind, n) in &other.kinds {
            *self.kinds.entry(*kind).or_default() += n;
        }
        self.not_normalised += other.not_normalised;
        self.hashed_events += other.hashed_events;
        self.raw_events += other.raw_events;
    }
}

impl Inspection {
    /// The statistics of `path`, when it is tracked: among the [`MAX_PATHS`] alphabetically
    /// first of the paths seen so far. A path that enters pushes the last one out, whose
    /// values become untracked. Why this keeps every tracked path's counts whole: the last
    /// tracked path only ever moves towards the start, so a path once pushed out or turned
    /// away never comes back, and a path among the first [`MAX_PATHS`] of the whole input is
    /// taken from its first value on.
    pub(super) fn track(&mut self, path: &String) -> Option<&mut PathStats> {
        if self.paths.contains_key(path) {
            return self.paths.get_mut(path);
        }
        if self.paths.len() >= MAX_PATHS {
            let enters = self
                .paths
                .last_key_value()
                .is_some_and(|(last, _)| path < last);
            if !enters {
                self.untracked += 1;
                return None;
            }
            self.drop_last();
        }
        Some(self.paths.entry(path.clone()).or_default())
    }

    fn drop_last(&mut self) {
        if let Some((_, stats)) = self.paths.pop_last() {
            self.untracked += stats.values();
        }
    }

    /// Adds what `other` counted, which came after this in the input. Notes on skipped input
    /// are kept in order, this one's then the other's, up to [`MAX_SKIPPED`].
    pub fn merge(&mut self, other: Inspection) {
        self.merge_counts(other);
        self.cap_skipped();
    }

    /// Keeps the first [`MAX_SKIPPED`] notes on skipped input and counts the others.
    pub(super) fn cap_skipped(&mut self) {
        if self.skipped.len() > MAX_SKIPPED {
            self.skipped_more += self.skipped.len() - MAX_SKIPPED;
            self.skipped.truncate(MAX_SKIPPED);
        }
    }

    /// [`merge`](Self::merge) with every note kept, for parts of the input that are put back
    /// in order afterwards (the workers of `lines.rs`). Each part keeps its own first notes,
    /// which hold the first notes of the whole: a note among the first of the whole has no
    /// more notes before it in its part than in the whole.
    pub(super) fn merge_counts(&mut self, other: Inspection) {
        self.bodies += other.bodies;
        self.events += other.events;
        self.untracked += other.untracked;
        self.skipped.extend(other.skipped);
        self.skipped_more += other.skipped_more;
        for (path, stats) in other.paths {
            match self.paths.get_mut(&path) {
                Some(mine) => mine.add(&stats),
                None => {
                    self.paths.insert(path, stats);
                }
            }
        }
        while self.paths.len() > MAX_PATHS {
            self.drop_last();
        }
    }
}

impl<'c> Inspector<'c> {
    /// An inspector like this one with nothing counted yet, for a worker thread: it looks
    /// for the same test identities and watches the same consent case.
    pub(super) fn worker(&self) -> Inspector<'c> {
        Inspector {
            platform: self.platform,
            known: self.known.clone(),
            result: Inspection {
                platform: self.result.platform.clone(),
                ..Inspection::default()
            },
            tested: self.tested.as_ref().map(|t| t.fresh()),
            consent: self.consent.as_ref().map(|w| w.fresh()),
            har_only: self.har_only,
        }
    }

    /// Adds what a worker counted; its notes on skipped input are put in order by the caller.
    pub(super) fn absorb(&mut self, worker: Inspector<'c>) {
        self.result.merge_counts(worker.result);
        if let (Some(mine), Some(theirs)) = (&mut self.tested, worker.tested) {
            mine.merge(theirs);
        }
        if let (Some(mine), Some(theirs)) = (&mut self.consent, worker.consent) {
            mine.merge(theirs);
        }
    }

    /// What has been counted so far, before the flags are worked out (`finish`): what a
    /// partial summary holds.
    pub fn counted(&self) -> &Inspection {
        &self.result
    }

    /// Continues an inspection counted elsewhere (merged partial summaries): `finish` then
    /// gives its flags.
    pub fn resume(platform: &'c crate::catalog::Platform, counted: Inspection) -> Self {
        let mut inspector = Inspector::new(platform);
        inspector.result.merge(counted);
        inspector
    }
}

//! Reading the app as a screen reader does, for the app's tests.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Whether some widget's accessible name contains every part. A button names itself by its
/// label, a text label by its value (on the label and on its text run: more than one node
/// may match).
pub fn has<S>(h: &Harness<'_, S>, parts: &[&str]) -> bool {
    h.query_all_by(|n| {
        [n.label(), n.value()]
            .into_iter()
            .flatten()
            .any(|l| parts.iter().all(|p| l.contains(p)))
    })
    .next()
    .is_some()
}

//! Inputs for where users are and what happens on withdrawal, shared by the forms of sources,
//! consent purposes, field mappings, stores and flows.

use eframe::egui;

use crate::model::{Region, WithdrawalHandling};

/// A grid row with a comma-separated list of regions. What does not parse yet is kept as typed
/// (in egui's memory, under the row's id) with the reason below, and the model keeps its last
/// valid list: a region capimap cannot place would otherwise escape the regional rules, and
/// the file would not load again.
/// `empty` says, below an empty list, what an empty list means.
pub fn regions_row(
    ui: &mut egui::Ui,
    label: &str,
    values: &mut Vec<String>,
    hint: &str,
    empty: Option<&str>,
) {
    let key = ui.scope_id().with(("regions", label));
    let draft: Option<String> = ui.data(|d| d.get_temp(key));
    let mut text = draft.clone().unwrap_or_else(|| values.join(", "));
    ui.label(label);
    ui.vertical(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .accessible_name(label);
        if !response.changed() && draft.is_none() {
            if let Some(note) = empty.filter(|_| values.is_empty()) {
                ui.weak(note);
            }
            return;
        }
        let parts: Vec<String> = text
            .split(',')
            .map(|x| x.trim().to_owned())
            .filter(|x| !x.is_empty())
            .collect();
        match parts.iter().find_map(|p| Region::parse(p).err()) {
            Some(why) => {
                ui.colored_label(ui.visuals().error_fg_color, why);
                ui.data_mut(|d| d.insert_temp(key, text.clone()));
            }
            None => {
                if parts != *values {
                    *values = parts;
                }
                ui.data_mut(|d| d.remove::<String>(key));
            }
        }
    });
    ui.end_row();
}

/// The country of the organisation's main establishment, kept as typed until it is a country
/// code (or empty).
pub fn establishment_row(ui: &mut egui::Ui, value: &mut String) {
    let key = ui.scope_id().with("establishment");
    let draft: Option<String> = ui.data(|d| d.get_temp(key));
    let mut text = draft.clone().unwrap_or_else(|| value.clone());
    ui.label("Established in");
    ui.vertical(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("DE")
                    .desired_width(60.0),
            )
            .on_hover_text("The country of the main establishment (Art. 4(16)): where the sources' users are, unless a source says otherwise.")
            .accessible_name("Established in");
        if !response.changed() && draft.is_none() {
            return;
        }
        let t = text.trim();
        if t.is_empty() || matches!(Region::parse(t), Ok(Region::Country(_))) {
            if t != value.as_str() {
                *value = t.to_ascii_uppercase();
            }
            ui.data_mut(|d| d.remove::<String>(key));
        } else {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "Use the two-letter ISO code of a country, e.g. DE.",
            );
            ui.data_mut(|d| d.insert_temp(key, text.clone()));
        }
    });
    ui.end_row();
}

/// The choices for what happens to a person's pending events on withdrawal.
pub fn withdrawal_options() -> [(Option<WithdrawalHandling>, &'static str); 4] {
    [
        (None, "— not said —"),
        (
            Some(WithdrawalHandling::DropQueued),
            "queued events are dropped",
        ),
        (
            Some(WithdrawalHandling::CheckedAtSend),
            "consent checked again when sending",
        ),
        (
            Some(WithdrawalHandling::SendQueued),
            "queued events are still sent",
        ),
    ]
}

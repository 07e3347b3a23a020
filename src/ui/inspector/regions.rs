//! Inputs for where users are and what happens on withdrawal, shared by the forms of sources,
//! consent purposes, field mappings, stores and flows.

use eframe::egui;

use crate::model::Region;

/// A grid row whose text must parse before it reaches the model. What does not parse yet is
/// kept as typed (in egui's memory, under the row's id) with the reason below, and the model
/// keeps its last valid value: a region capimap cannot place would otherwise escape the
/// regional rules, and the file would not load again. `note` is shown below while nothing is
/// being typed (what an empty value means, say).
fn checked_row<T: PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    show: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
    input: impl FnOnce(egui::TextEdit) -> egui::TextEdit,
    note: Option<&str>,
) -> egui::Response {
    let key = ui.scope_id().with(("checked", label));
    let draft: Option<String> = ui.data(|d| d.get_temp(key));
    let mut text = draft.clone().unwrap_or_else(|| show(value));
    ui.label(label);
    let response = ui
        .vertical(|ui| {
            let response = ui
                .add(input(egui::TextEdit::singleline(&mut text)))
                .accessible_name(label);
            if !response.changed() && draft.is_none() {
                if let Some(note) = note {
                    ui.weak(note);
                }
                return response;
            }
            match parse(&text) {
                Ok(parsed) => {
                    if parsed != *value {
                        *value = parsed;
                    }
                    ui.data_mut(|d| d.remove::<String>(key));
                }
                Err(why) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                    ui.data_mut(|d| d.insert_temp(key, text.clone()));
                }
            }
            response
        })
        .inner;
    ui.end_row();
    response
}

/// A grid row with a comma-separated list of regions; `empty` says, below an empty list, what
/// an empty list means.
pub fn regions_row(
    ui: &mut egui::Ui,
    label: &str,
    values: &mut Vec<String>,
    hint: &str,
    empty: Option<&str>,
) {
    let note = empty.filter(|_| values.is_empty());
    checked_row(
        ui,
        label,
        values,
        |v| v.join(", "),
        |text| {
            let parts: Vec<String> = text
                .split(',')
                .map(|x| x.trim().to_owned())
                .filter(|x| !x.is_empty())
                .collect();
            match parts.iter().find_map(|p| Region::parse(p).err()) {
                Some(why) => Err(why),
                None => Ok(parts),
            }
        },
        |edit| edit.hint_text(hint).desired_width(f32::INFINITY),
        note,
    );
}

/// The country of the organisation's main establishment, kept as typed until it is a country
/// code (or empty).
pub fn establishment_row(ui: &mut egui::Ui, value: &mut String) {
    checked_row(
        ui,
        "Established in",
        value,
        String::clone,
        |text| {
            let t = text.trim();
            if t.is_empty() || matches!(Region::parse(t), Ok(Region::Country(_))) {
                Ok(t.to_ascii_uppercase())
            } else {
                Err("Use the two-letter ISO code of a country, e.g. DE.".to_owned())
            }
        },
        |edit| edit.hint_text("DE").desired_width(60.0),
        None,
    )
    .on_hover_text("The country of the main establishment (Art. 4(16)): where the sources' users are, unless a source says otherwise.");
}

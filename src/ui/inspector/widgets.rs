//! The inspector's widgets: labelled rows in a two-column grid, each named for screen readers
//! (and the UI tests) by its label; text that must parse is kept as typed until it does.

use std::collections::HashMap;

use eframe::egui;

use crate::model::*;

/// Inspector text that does not parse yet (a period, a date), by field key: kept so that
/// nothing typed is lost while it is being corrected.
pub type Drafts = HashMap<String, String>;

pub(super) fn row(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.label(label);
    add(ui);
    ui.end_row();
}

/// A grid row whose input is named by its label (for screen readers and the UI tests).
pub(super) fn labelled(
    ui: &mut egui::Ui,
    label: &str,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) {
    ui.label(label);
    add(ui).accessible_name(label);
    ui.end_row();
}

pub(super) fn text(ui: &mut egui::Ui, label: &str, value: &mut String) {
    labelled(ui, label, |ui| {
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
    });
}

pub(super) fn multiline(ui: &mut egui::Ui, label: &str, value: &mut String) {
    labelled(ui, label, |ui| {
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
    });
}

pub(super) fn optional_text(ui: &mut egui::Ui, label: &str, value: &mut Option<String>) {
    let mut s = value.clone().unwrap_or_default();
    text(ui, label, &mut s);
    *value = (!s.trim().is_empty()).then_some(s);
}

/// A value typed as text that must parse (period, date): shown from the model, kept as typed
/// in `drafts` while it does not parse, with the reason below.
pub(super) fn parsed<T: std::str::FromStr<Err = String> + ToString + Clone>(
    drafts: &mut Drafts,
    ui: &mut egui::Ui,
    key: String,
    label: &str,
    value: &mut Option<T>,
    hint: &str,
) {
    let shown = drafts
        .get(&key)
        .cloned()
        .unwrap_or_else(|| value.as_ref().map(ToString::to_string).unwrap_or_default());
    let mut s = shown.clone();
    ui.label(label);
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut s)
                .hint_text(hint)
                .desired_width(f32::INFINITY)
                .min_size(egui::vec2(110.0, 0.0)),
        )
        .accessible_name(label);
        if s != shown || drafts.contains_key(&key) {
            if s.trim().is_empty() {
                *value = None;
                drafts.remove(&key);
            } else {
                match s.trim().parse::<T>() {
                    Ok(v) => {
                        *value = Some(v);
                        drafts.remove(&key);
                    }
                    Err(e) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                        drafts.insert(key.clone(), s.clone());
                    }
                }
            }
        }
    });
    ui.end_row();
}

pub(super) fn combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    combo_named(ui, label, label, value, options);
}

/// A labelled drop-down; `name` is what screen readers (and the UI tests) call it, when the
/// visible label alone is ambiguous ("Sent as" on every field mapping).
pub(super) fn combo_named<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    label: &str,
    name: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("—", |(_, l)| l)
        .to_owned();
    row(ui, label, |ui| {
        let r = egui::ComboBox::from_id_salt(name)
            .selected_text(current)
            .width(ui.available_width().min(260.0))
            .show_ui(ui, |ui| {
                for (v, l) in options {
                    ui.selectable_value(value, v.clone(), *l);
                }
            });
        r.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    });
}

pub(super) fn list_text(ui: &mut egui::Ui, label: &str, values: &mut Vec<String>, hint: &str) {
    let mut s = values.join(", ");
    labelled(ui, label, |ui| {
        ui.add(
            egui::TextEdit::singleline(&mut s)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
    });
    let parsed: Vec<String> = s
        .split(',')
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect();
    if parsed != *values {
        *values = parsed;
    }
}

pub(super) fn country_row(ui: &mut egui::Ui, country: &mut String) {
    ui.label("Country");
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::singleline(country)
                .hint_text("DE, IE, US…")
                .desired_width(60.0),
        )
        .accessible_name("Country");
        let c = country.trim();
        let iso = c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase());
        if !c.is_empty() && !iso {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "Use the two-letter ISO code in capitals, e.g. DE.",
            );
        }
    });
    ui.end_row();
}

pub(super) fn grid(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .striped(false)
        .show(ui, add);
}

/// What a system's operator is to the controller (Art. 26, Art. 28).
pub(super) fn role_combo(ui: &mut egui::Ui, label: &str, role: &mut Option<RecipientRole>) {
    optional_choice(ui, label, label, role, "— not recorded —");
}

/// A drop-down of every value of one of the model's enums, in the model's words.
pub(super) fn choice<T: Choices>(ui: &mut egui::Ui, label: &str, value: &mut T) {
    let options: Vec<(T, String)> = T::choices()
        .into_iter()
        .map(|v| {
            let l = v.to_string();
            (v, l)
        })
        .collect();
    let options: Vec<(T, &str)> = options
        .iter()
        .map(|(v, l)| (v.clone(), l.as_str()))
        .collect();
    combo(ui, label, value, &options);
}

/// The same for a value that may not be recorded yet; `none` says so.
pub(super) fn optional_choice<T: Choices>(
    ui: &mut egui::Ui,
    label: &str,
    name: &str,
    value: &mut Option<T>,
    none: &str,
) {
    let words: Vec<(Option<T>, String)> = std::iter::once((None, none.to_owned()))
        .chain(T::choices().into_iter().map(|v| {
            let l = v.to_string();
            (Some(v), l)
        }))
        .collect();
    let options: Vec<(Option<T>, &str)> =
        words.iter().map(|(v, l)| (v.clone(), l.as_str())).collect();
    combo_named(ui, label, name, value, &options);
}

/// A drop-down with a search box: type to filter `options` (value, the text shown for it),
/// pick one to set `value`. For long lists (a platform's parameters, the data categories)
/// where a plain list would mean scrolling through dozens of entries. `shown` is the button's
/// text ("▾" alone beside a text field).
pub(super) fn searchable_pick(
    ui: &mut egui::Ui,
    name: &str,
    shown: &str,
    value: &mut String,
    options: &[(String, String)],
) {
    let filter_id = ui.scope_id().with(("pick-filter", name));
    let text = if shown.is_empty() {
        "▾".to_owned()
    } else {
        format!("{shown} ▾")
    };
    let button = ui
        .add(egui::Button::new(text).truncate())
        .on_hover_text("Pick from the list; type to filter it");
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    egui::Popup::menu(&button)
        .width(380.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut filter)
                        .hint_text("type to filter")
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(format!("{name}: filter"));
            search.request_focus();
            let needle = filter.to_lowercase();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    let mut shown_any = false;
                    for (v, text) in options {
                        if !needle.is_empty() && !text.to_lowercase().contains(&needle) {
                            continue;
                        }
                        shown_any = true;
                        if ui.selectable_label(*value == *v, text.as_str()).clicked() {
                            *value = v.clone();
                            filter.clear();
                            ui.close();
                        }
                    }
                    if !shown_any {
                        ui.weak("Nothing matches.");
                    }
                });
            ui.data_mut(|d| d.insert_temp(filter_id, filter));
        });
}

/// "Imported from GTM-TSTSRV1: tag 21, tag 24 (paused)": where an element came from.
pub(super) fn imported_from(origins: &[Origin]) -> Option<String> {
    let first = origins.first()?;
    let parts: Vec<String> = origins
        .iter()
        .map(|o| {
            let what = match &o.element {
                OriginElement::Container => "the container itself".to_owned(),
                OriginElement::Client(id) => format!("client {id}"),
                OriginElement::Tag(id) => format!("tag {id}"),
            };
            if o.paused {
                format!("{what} (paused)")
            } else {
                what
            }
        })
        .collect();
    Some(format!(
        "Imported from {}: {}",
        first.container,
        parts.join(", ")
    ))
}

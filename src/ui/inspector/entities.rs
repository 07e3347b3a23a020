//! The forms of consent purposes, fields and accepted risks.

use eframe::egui::{self, RichText};

use crate::edit::Item;
use crate::model::*;

use super::Form;
use super::regions::regions_row;
use super::widgets::*;

pub(super) fn purpose_form(ui: &mut egui::Ui, mut c: ConsentPurpose) -> Option<Item> {
    let before = c.clone();
    ui.heading(&c.name);
    ui.label(RichText::new(format!("consent purpose {}", c.id)).weak());
    grid(ui, "purpose", |ui| {
        text(ui, "Name", &mut c.name);
        multiline(ui, "As shown to people", &mut c.description);
        choice(ui, "Mode", &mut c.mode);
        regions_row(
            ui,
            "Regions",
            &mut c.regions,
            "EEA, UK, CH, US-CA",
            Some("Empty: not known where it is asked for in this mode."),
        );
        list_text(
            ui,
            "Data uses",
            &mut c.data_uses,
            "analytics.reporting.ad_performance",
        );
    });
    (c != before).then_some(Item::ConsentPurpose(c))
}

pub(super) fn field_form(ui: &mut egui::Ui, mut f: Field) -> Option<Item> {
    let before = f.clone();
    ui.heading(&f.label);
    ui.label(RichText::new(format!("field {}", f.id)).weak());
    grid(ui, "field", |ui| {
        text(ui, "Label", &mut f.label);
        row(ui, "Data category", |ui| {
            // Picked by what it means; the key (fideslang's or capimap's) is what the file
            // and the record keep.
            let shown = vocab::label(vocab::DATA_CATEGORIES, &f.category)
                .map_or(f.category.clone(), |l| format!("{l} ({})", f.category));
            let mut options: Vec<(String, String)> = vocab::DATA_CATEGORIES
                .iter()
                .map(|t| (t.key.to_owned(), format!("{} ({})", t.label, t.key)))
                .collect();
            options.sort_by_key(|a| a.1.to_lowercase());
            searchable_pick(ui, "Data category", &shown, &mut f.category, &options);
        });
        choice(ui, "Identifies a person", &mut f.identifiability);
        row(ui, "Special category (Art. 9)", |ui| {
            ui.checkbox(&mut f.special_category, "")
                .accessible_name("Special category (Art. 9)");
        });
        optional_text(ui, "Read from cookie", &mut f.cookie);
        multiline(ui, "Description", &mut f.description);
    });
    (f != before).then_some(Item::Field(f))
}

pub(super) fn risk_form(form: &mut Form, ui: &mut egui::Ui, mut r: AcceptedRisk) -> Option<Item> {
    let before = r.clone();
    ui.heading("Accepted risk");
    ui.label(RichText::new(format!("{} on {}", r.rule, r.target)).monospace());
    if let Some(rule) = crate::check::rule(&r.rule) {
        ui.label(RichText::new(rule.summary).weak());
    }
    let id = r.id.to_string();
    grid(ui, "risk", |ui| {
        multiline(ui, "Justification", &mut r.justification);
        text(ui, "Accepted by", &mut r.accepted_by);
        let mut date = Some(r.date);
        parsed(
            form.drafts,
            ui,
            format!("{id}.date"),
            "Date",
            &mut date,
            "YYYY-MM-DD",
        );
        if let Some(d) = date {
            r.date = d;
        }
    });
    (r != before).then_some(Item::AcceptedRisk(r))
}

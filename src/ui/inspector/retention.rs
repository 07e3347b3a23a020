//! A node's retention rules (Art. 30(1)(f)): each editable and removable, and a new one.

use eframe::egui::{self, RichText};

use crate::edit::Item;
use crate::model::*;

use super::Form;
use super::widgets::*;
use crate::edit::ops;

/// The retention rules of a node: each editable, removable, and a button to add one.
pub(super) fn retention_ui(
    form: &mut Form,
    ui: &mut egui::Ui,
    node: &str,
) -> Option<(String, crate::edit::Command, Option<String>)> {
    use crate::edit::{Collection, Command};
    ui.add_space(8.0);
    ui.label(RichText::new("Retention (Art. 30(1)(f))").strong());
    let fields: Vec<(FieldId, String)> = form
        .view
        .doc
        .project
        .fields
        .iter()
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    let mut out = None;
    let rules: Vec<(usize, RetentionRule)> = form
        .view
        .doc
        .project
        .retention
        .iter()
        .enumerate()
        .filter(|(_, r)| r.node.as_str() == node)
        .map(|(i, r)| (i, r.clone()))
        .collect();
    if rules.is_empty() {
        ui.label(
            RichText::new("No retention rule: how long does this system keep the data?").weak(),
        );
    }
    for (at, mut r) in rules {
        let before = r.clone();
        ui.push_id(r.id.as_str(), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("rule")
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        let mut scope = match &r.applies_to {
                            RetentionScope::AllPersonalData => "all".to_owned(),
                            RetentionScope::Field(f) => format!("field:{f}"),
                            RetentionScope::Category(c) => format!("category:{c}"),
                        };
                        let mut options: Vec<(String, String)> =
                            vec![("all".to_owned(), "all personal data".to_owned())];
                        options.extend(
                            fields
                                .iter()
                                .map(|(id, l)| (format!("field:{id}"), format!("field: {l}"))),
                        );
                        if let RetentionScope::Category(c) = &r.applies_to {
                            options.push((format!("category:{c}"), format!("category: {c}")));
                        }
                        let options: Vec<(String, &str)> = options
                            .iter()
                            .map(|(v, l)| (v.clone(), l.as_str()))
                            .collect();
                        combo_named(
                            ui,
                            "Applies to",
                            &format!("Retention {}: applies to", r.id),
                            &mut scope,
                            &options,
                        );
                        r.applies_to = if let Some(f) = scope.strip_prefix("field:") {
                            RetentionScope::Field(FieldId::new(f))
                        } else if let Some(c) = scope.strip_prefix("category:") {
                            RetentionScope::Category(c.to_owned())
                        } else {
                            RetentionScope::AllPersonalData
                        };
                        let mut after_event = matches!(r.limit, RetentionLimit::AfterEvent { .. });
                        row(ui, "Deleted", |ui| {
                            ui.horizontal(|ui| {
                                ui.radio_value(&mut after_event, false, "after a period");
                                ui.radio_value(&mut after_event, true, "after an event");
                            });
                        });
                        let period = match &r.limit {
                            RetentionLimit::Period(p)
                            | RetentionLimit::AfterEvent { plus: p, .. } => *p,
                        };
                        let mut event = match &r.limit {
                            RetentionLimit::AfterEvent { event, .. } => event.clone(),
                            RetentionLimit::Period(_) => String::new(),
                        };
                        if after_event {
                            text(ui, "Event", &mut event);
                        }
                        let mut p = Some(period);
                        parsed(
                            form.drafts,
                            ui,
                            format!("{}.period", r.id),
                            if after_event { "Plus" } else { "Period" },
                            &mut p,
                            "30 days",
                        );
                        let p = p.unwrap_or(period);
                        r.limit = if after_event {
                            RetentionLimit::AfterEvent { event, plus: p }
                        } else {
                            RetentionLimit::Period(p)
                        };
                        multiline(ui, "Justification", &mut r.justification);
                    });
                if ui.small_button("Remove this rule").clicked() {
                    out = Some((
                        "Remove retention rule".to_owned(),
                        Command::Remove {
                            collection: Collection::Retention,
                            at,
                        },
                        None,
                    ));
                }
            });
        });
        if out.is_none() && r != before {
            let key = Some(format!("edit:{}", r.id));
            out = Some((
                format!("Edit {}", r.id),
                Command::Replace {
                    at,
                    item: Item::Retention(r),
                },
                key,
            ));
        }
    }
    if ui.button("Add a retention rule").clicked() {
        let id = ops::unique_id(&form.view.doc.project, &format!("ret-{node}"));
        let rule = RetentionRule {
            id: RetentionId::new(id),
            node: NodeId::new(node),
            applies_to: RetentionScope::AllPersonalData,
            limit: RetentionLimit::Period(Period::days(30)),
            justification: String::new(),
        };
        out = Some((
            "Add retention rule".to_owned(),
            ops::append(&form.view.doc.project, Item::Retention(rule)),
            None,
        ));
    }
    out
}

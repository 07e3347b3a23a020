//! Payload inspection in the app: request files read for a destination, the results in the
//! bottom panel, and undocumented fields turned into documented mappings in one step.

use eframe::egui::{self, RichText};

use super::command::AppCommand;
use super::plural;
use super::theme;
use super::view::AppView;

/// The inspection tab: what was seen, how it compares with the record, and the button that
/// documents what the record lacks.
pub fn panel(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let Some(p) = view.payloads else {
        ui.label("Drop request files (JSON, JSON Lines, HAR) on a destination's card, or select the destination and choose “Check a capture…” in the inspector. Values are never kept: only field paths, counts and what the values look like.");
        return;
    };
    let destination = view
        .doc
        .project
        .node(p.destination.as_str())
        .map_or(p.destination.as_str(), |n| n.name.as_str());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}, {} for {destination} (from {})",
                    plural(p.result.bodies, "request body", "request bodies"),
                    plural(p.result.events, "event", "events"),
                    p.files
                        .iter()
                        .map(|f| f
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                case_choice(ui, p, out);
            });
            consent(ui, p);
            for f in &p.result.flags {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::ERROR, "●");
                    ui.label(RichText::new(f.id).monospace().weak());
                    ui.label(&f.message);
                });
            }
            let c = &p.comparison;
            if !c.undocumented.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::WARNING, "●");
                    ui.label(format!(
                        "Sent but not documented: {}",
                        c.undocumented.join(", ")
                    ));
                    if ui
                        .button("Document these fields")
                        .on_hover_text("Add them to the first flow into this destination, as seen (hashed or raw), as one undoable step; then write why each is needed")
                        .clicked()
                    {
                        out.push(AppCommand::DocumentInspected);
                    }
                });
            }
            if !c.never_seen.is_empty() {
                ui.label(format!(
                "Documented but never seen: {} (stale record, or data that need not be collected)",
                c.never_seen.join(", ")
            ));
            }
            for (path, documented, seen) in &c.transform_differs {
                ui.label(format!("{path}: documented as {documented}, but {seen}"));
            }
            ui.add_space(6.0);
            identities(ui, p, out);
            egui::Grid::new("payload-paths")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Field");
                    ui.strong("Events");
                    ui.strong("Hashed");
                    ui.strong("Raw");
                    ui.strong("Looks like");
                    ui.end_row();
                    for (path, s) in &p.result.paths {
                        ui.monospace(path);
                        ui.label(s.present.to_string());
                        ui.label(s.hashed_events.to_string());
                        ui.label(s.raw_events.to_string());
                        ui.label(
                            s.kinds
                                .iter()
                                .map(|(k, n)| format!("{} ×{n}", k.label()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        );
                        ui.end_row();
                    }
                });
        });
}

/// The consent case the capture was checked against (the consent simulator's, or one chosen
/// here).
fn case_choice(ui: &mut egui::Ui, p: &super::inspection::Payloads, out: &mut Vec<AppCommand>) {
    if p.cases.is_empty() {
        return;
    }
    ui.separator();
    ui.label("Consent case");
    let current = p
        .case
        .and_then(|n| p.cases.iter().find(|(m, _)| *m == n))
        .map_or("none", |(_, l)| l.as_str());
    egui::ComboBox::from_id_salt("payload-case")
        .selected_text(current)
        .show_ui(ui, |ui| {
            if ui.selectable_label(p.case.is_none(), "none").clicked() && p.case.is_some() {
                out.push(AppCommand::CheckAgainstCase(None));
            }
            for (n, label) in &p.cases {
                if ui.selectable_label(p.case == Some(*n), label).clicked()
                    && p.case != Some(*n)
                {
                    out.push(AppCommand::CheckAgainstCase(Some(*n)));
                }
            }
        })
        .response
        .on_hover_text("The consent choices made in the test shop for this capture (the cases of `capimap plan`): what must not reach this destination then is flagged, and consent signals are checked against them. With the consent simulator on, a new capture is checked against the state it shows.")
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Consent case"));
}

/// What the capture showed against the consent case.
fn consent(ui: &mut egui::Ui, p: &super::inspection::Payloads) {
    let Some(k) = &p.result.consent else {
        return;
    };
    let colour = if k.events_sent_without_consent > 0 {
        theme::ERROR
    } else {
        ui.visuals().text_color()
    };
    ui.colored_label(
        colour,
        format!(
            "{} carried data that must not reach this destination in {}",
            plural(k.events_sent_without_consent, "event", "events"),
            k.case
        ),
    );
    if let Some(n) = k.events_not_expected.filter(|n| *n > 0) {
        ui.colored_label(
            theme::ERROR,
            format!(
                "{} reached this destination, where the case lets no event through",
                plural(n, "event", "events")
            ),
        );
    }
    for s in &k.signals {
        let wrong = s.opposite + s.other;
        ui.label(format!(
            "{} must be {}: {} as expected, {} otherwise, {} without it",
            s.path, s.expected, s.as_expected, wrong, s.missing
        ));
    }
    if k.nothing_expected {
        ui.label("The model sends nothing to this destination for these users.");
    }
    if !k.unchecked.is_empty() {
        ui.label(format!(
            "Not checked, as one flow may carry them here and another must not: {}",
            k.unchecked.join(", ")
        ));
    }
    ui.add_space(6.0);
}

/// Test identities: the button to check the capture with them, and what was found.
fn identities(ui: &mut egui::Ui, p: &super::inspection::Payloads, out: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        let label = if p.identities.is_some() {
            "Check with other test identities…"
        } else {
            "Check with test identities…"
        };
        if ui
            .button(label)
            .on_hover_text("Choose the file of made-up people the QA team used for these test orders: capimap says whose each hash is, whether it was normalised the way the platform matches it, and finds data of people marked withdrawn. Identities are shown by number, never by value.")
            .clicked()
        {
            out.push(AppCommand::ChooseTestIdentities);
        }
        if let Some((path, count)) = &p.identities {
            let seen: std::collections::BTreeSet<usize> =
                p.result.identities.iter().map(|u| u.identity).collect();
            ui.label(format!(
                "{}: {} read, {} found in the capture",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                plural(*count, "test identity", "test identities"),
                seen.len()
            ));
        }
    });
    if p.result.identities.is_empty() {
        return;
    }
    egui::Grid::new("payload-identities")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Field");
            ui.strong("Identity");
            ui.strong("As the platform requires");
            ui.strong("Written otherwise before hashing");
            ui.strong("Unhashed");
            ui.end_row();
            for u in &p.result.identities {
                ui.monospace(&u.path);
                let withdrawn = if p.withdrawn.contains(&u.identity) {
                    ", withdrew consent"
                } else {
                    ""
                };
                ui.label(format!("{} ({}{withdrawn})", u.identity, u.field.label()));
                ui.label(u.as_required.to_string());
                let ways = u
                    .ways
                    .iter()
                    .map(|(w, k)| format!("{w} ×{k}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if ways.is_empty() {
                    ui.label("—");
                } else {
                    ui.colored_label(theme::ERROR, ways);
                }
                ui.label(u.raw.to_string());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}

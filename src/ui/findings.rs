//! The findings: one line each, worst first, filtered by severity, family and element; a
//! click opens the line (what, why with its source, how to fix, accept the risk) and selects
//! the element; hovering one, or opening it, highlights its element and witness path on the
//! canvas.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use crate::check::{Family, Finding, Severity};
use crate::model::NodeId;

use super::command::{AppCommand, Highlight};
use super::dialog::Dialog;
use super::theme;
use super::view::AppView;

/// Up to this many findings, lines open where they are; beyond, the open one's details show
/// above a list of which only the lines in view are laid out.
const INLINE_UP_TO: usize = 150;

/// The list's own state: its filters and which findings are open.
#[derive(Default)]
pub struct FindingsList {
    severity: Option<Severity>,
    family: Option<Family>,
    /// Only findings about the selected element.
    only_selected: bool,
    show_accepted: bool,
    /// Open lines, by rule and element (stable across re-checks, unlike positions).
    open: BTreeSet<(String, String)>,
}

fn key(f: &Finding) -> (String, String) {
    (f.rule.id.to_owned(), f.target.id().into_owned())
}

/// The element and the witness path a finding is about, for the canvas.
pub fn highlight_of(f: &Finding) -> Highlight {
    Highlight {
        element: f.target.element.owner(),
        path: f.path.iter().map(|n| NodeId::new(n.as_str())).collect(),
    }
}

impl FindingsList {
    /// Shows only findings of one severity (the status bar's counts).
    pub fn filter_severity(&mut self, severity: Option<Severity>) {
        self.severity = severity;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        let findings = &view.doc.report.findings;
        self.filters(ui, view);
        let selected = view.selection.primary().map(|e| e.owner());
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| self.show_accepted || f.is_open())
            .filter(|f| self.severity.is_none_or(|s| f.severity == s))
            .filter(|f| self.family.is_none_or(|x| f.rule.family == x))
            .filter(|f| !self.only_selected || selected.as_ref() == Some(&f.target.element.owner()))
            .collect();
        if !view.doc.was_checked() {
            ui.label(
                "Checking the project… its findings appear here when the first check is done.",
            );
            return;
        }
        if findings.is_empty() {
            ui.label("No findings: every check passes.");
            return;
        }
        if shown.is_empty() {
            ui.label(RichText::new("No finding matches these filters.").weak());
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let mut toggled = None;
        // A short list opens its lines where they are; a long one (thousands of findings in
        // a large project) lays out only the lines in view, all one high, and shows the open
        // line's details above it.
        let inline = shown.len() <= INLINE_UP_TO;
        if !inline
            && !self.open.is_empty()
            && let Some(f) = shown.iter().find(|f| self.open.contains(&key(f)))
        {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("finding-details")
                    .max_height(160.0)
                    .show(ui, |ui| details(ui, f, out));
            });
        }
        let mut show = |ui: &mut egui::Ui, f: &Finding| {
            let open = !self.open.is_empty() && self.open.contains(&key(f));
            if line(ui, f, open, out) {
                toggled = Some((key(f), highlight_of(f)));
                out.push(AppCommand::Reveal(f.target.element.clone()));
            }
            if open && inline {
                details(ui, f, out);
            }
        };
        if inline {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for f in &shown {
                        show(ui, f);
                    }
                });
        } else {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_height, shown.len(), |ui, rows| {
                    for f in &shown[rows] {
                        show(ui, f);
                    }
                });
        }
        if let Some((k, h)) = toggled {
            if !inline {
                // One open at a time above a long list.
                self.open.retain(|x| *x == k);
            }
            if !self.open.remove(&k) {
                self.open.insert(k);
                if !h.path.is_empty() {
                    out.push(AppCommand::FrameNodes(h.path));
                }
            }
        }
    }

    /// What an open finding is about, for the canvas to highlight: derived from the open
    /// lines and the current findings, so that it goes when the finding is fixed or closed.
    pub fn highlight(&self, findings: &[Finding]) -> Option<Highlight> {
        if self.open.is_empty() {
            return None;
        }
        findings
            .iter()
            .find(|f| self.open.contains(&key(f)))
            .map(highlight_of)
    }

    fn filters(&mut self, ui: &mut egui::Ui, view: &AppView) {
        ui.horizontal_wrapped(|ui| {
            let severity = match self.severity {
                None => "All severities",
                Some(Severity::Error) => "Errors",
                Some(Severity::Warning) => "Warnings",
                Some(Severity::Info) => "Notes",
            };
            egui::ComboBox::from_id_salt("findings-severity")
                .selected_text(severity)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.severity, None, "All severities");
                    ui.selectable_value(&mut self.severity, Some(Severity::Error), "Errors");
                    ui.selectable_value(&mut self.severity, Some(Severity::Warning), "Warnings");
                    ui.selectable_value(&mut self.severity, Some(Severity::Info), "Notes");
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by severity")
                });
            let family = self
                .family
                .map_or("All families".to_owned(), |f| capitalised(&f.to_string()));
            egui::ComboBox::from_id_salt("findings-family")
                .selected_text(family)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.family, None, "All families");
                    // Only the families that have findings, worked out while the list is open.
                    let families: BTreeSet<Family> = view
                        .doc
                        .report
                        .findings
                        .iter()
                        .map(|f| f.rule.family)
                        .collect();
                    for f in families {
                        ui.selectable_value(&mut self.family, Some(f), capitalised(&f.to_string()));
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by family")
                });
            ui.checkbox(&mut self.only_selected, "Only the selected element");
            let accepted = view.doc.report.accepted();
            if accepted > 0 {
                ui.checkbox(
                    &mut self.show_accepted,
                    format!("Show accepted risks ({accepted})"),
                );
            }
        });
        ui.separator();
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One line: severity, element, message. Hovering it highlights its element; returns whether
/// it was clicked.
fn line(ui: &mut egui::Ui, f: &Finding, open: bool, out: &mut Vec<AppCommand>) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.label(if open { "▾" } else { "▸" });
        let dot = if f.is_open() { "●" } else { "○" };
        ui.colored_label(theme::severity_colour(f.severity), dot)
            .on_hover_text(f.severity.to_string());
        let text = format!("{} {} — {}", f.target.kind, f.target.name, f.message);
        let r = ui
            .add(
                egui::Label::new(text)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(format!("{}: {}", f.rule.id, f.rule.summary));
        if r.hovered() {
            out.push(AppCommand::Hover(highlight_of(f)));
        }
        clicked = r.clicked();
    });
    clicked
}

/// An open line: the whole message, the witness path, why (with its source), how to fix,
/// and the acceptance or the button to accept the risk.
fn details(ui: &mut egui::Ui, f: &Finding, out: &mut Vec<AppCommand>) {
    ui.indent(("finding", f.rule.id, f.target.id(), &f.message), |ui| {
        ui.label(&f.message);
        if !f.path.is_empty() {
            ui.label(RichText::new(format!("Path: {}", f.path.join(" → "))).weak());
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Why: {}", f.rule.rests_on)).weak());
            if !f.rule.url.is_empty() {
                ui.hyperlink_to("source", f.rule.url);
            }
        });
        ui.label(format!("Fix: {}", f.fix));
        ui.label(RichText::new(format!("Rule {}", f.rule.id)).monospace().weak());
        match &f.accepted {
            Some(a) => {
                ui.label(
                    RichText::new(format!(
                        "Accepted by {} on {}: {}",
                        a.accepted_by, a.date, a.justification
                    ))
                    .italics(),
                );
            }
            None => {
                if ui
                    .small_button("Accept risk…")
                    .on_hover_text("Record why this is acceptable: the finding stays listed, marked accepted, and no longer fails the check")
                    .clicked()
                {
                    out.push(AppCommand::ShowDialog(Dialog::accept_risk(f)));
                }
            }
        }
    });
    ui.add_space(6.0);
}

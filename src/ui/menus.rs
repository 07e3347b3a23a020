//! The menu bar: File, Edit, Add, View, Help, with the shortcuts shown.

use eframe::egui::{self, Button};

use crate::model::*;

use super::app::{self, CapimapApp, Pending};
use super::dialogs::Dialog;
use super::theme::Theme;

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&egui::KeyboardShortcut>,
    enabled: bool,
) -> bool {
    let mut button = Button::new(label);
    if let Some(s) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    let clicked = ui.add_enabled(enabled, button).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

pub fn menu_bar(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New project", Some(&app::NEW), true) {
                app.request(&ctx, Pending::New);
            }
            if item(ui, "Open…", Some(&app::OPEN), true) {
                app.request(&ctx, Pending::Open(None));
            }
            ui.menu_button("Open recent", |ui| {
                if app.prefs.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.prefs.recent.clone() {
                    if item(ui, &path.display().to_string(), None, true) {
                        app.request(&ctx, Pending::Open(Some(path)));
                    }
                }
            });
            if item(ui, "Open the example", None, true) {
                app.request(&ctx, Pending::OpenExample);
            }
            ui.separator();
            if item(ui, "Save", Some(&app::SAVE), true) {
                app.save(&ctx);
            }
            if item(ui, "Save as…", Some(&app::SAVE_AS), true) {
                app.save_as(&ctx);
            }
            ui.separator();
            // The authority gets the Art. 30 record; the internal copy adds capimap's findings.
            if item(
                ui,
                "Export record for the authority…",
                None,
                !app.is_exporting(),
            ) {
                app.export_record(&ctx, crate::report::document::Edition::Authority);
            }
            if item(
                ui,
                "Export internal record (with findings)…",
                None,
                !app.is_exporting(),
            ) {
                app.export_record(&ctx, crate::report::document::Edition::Internal);
            }
            ui.menu_button("Language of the record", |ui| {
                for lang in crate::report::words::Lang::ALL {
                    ui.radio_value(&mut app.prefs.record_lang, lang, lang.name());
                }
            });
            ui.separator();
            if item(ui, "Revert to saved", None, app.doc.is_modified()) {
                app.request(&ctx, Pending::Revert);
            }
            ui.separator();
            ui.checkbox(
                &mut app.prefs.in_app_file_prompt,
                "Type paths instead of using the system's file dialogs",
            );
            ui.separator();
            if item(ui, "Quit", None, true) {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = app
                .doc
                .history
                .undo_label()
                .map_or("Undo".to_owned(), |l| format!("Undo {l}"));
            if item(
                ui,
                &undo,
                Some(&app::UNDO),
                app.doc.history.undo_label().is_some(),
            ) {
                app.undo(&ctx);
            }
            let redo = app
                .doc
                .history
                .redo_label()
                .map_or("Redo".to_owned(), |l| format!("Redo {l}"));
            if item(
                ui,
                &redo,
                Some(&app::REDO),
                app.doc.history.redo_label().is_some(),
            ) {
                app.redo(&ctx);
            }
            ui.separator();
            let any =
                app.selection.nodes().next().is_some() || app.selection.flows().next().is_some();
            if item(ui, "Delete", Some(&app::DELETE), any) {
                app.delete_selection(&ctx);
            }
            if item(
                ui,
                "Select all nodes",
                None,
                !app.doc.project.nodes.is_empty(),
            ) {
                app.selection.clear();
                for n in &app.doc.project.nodes {
                    app.selection
                        .add(super::selection::Element::Node(n.id.to_string()));
                }
            }
            if item(ui, "Find…", Some(&app::FIND), true) {
                app.focus_search = true;
            }
        });
        ui.menu_button("Add", |ui| add_menu(app, ui, &ctx));
        ui.menu_button("View", |ui| {
            if item(ui, "Fit the diagram", Some(&app::FIT), true) {
                app.canvas.fit_all();
            }
            if item(
                ui,
                "Automatic layout",
                None,
                !app.doc.project.nodes.is_empty(),
            ) {
                app.auto_layout(&ctx);
            }
            ui.separator();
            ui.checkbox(&mut app.prefs.show_bottom, "Findings and inventory");
            ui.separator();
            ui.label("Theme");
            for theme in [Theme::Light, Theme::Dark, Theme::System] {
                if ui
                    .radio_value(&mut app.prefs.theme, theme, theme.label())
                    .clicked()
                {
                    theme.apply(&ctx);
                }
            }
        });
        ui.menu_button("Help", |ui| {
            if item(ui, "Getting started", None, true) {
                app.dialog = Some(Dialog::Welcome);
            }
            if item(ui, "Keyboard shortcuts", None, true) {
                app.dialog = Some(Dialog::Shortcuts);
            }
            if item(ui, "About capimap", None, true) {
                app.dialog = Some(Dialog::About);
            }
        });
    });
}

fn add_menu(app: &mut CapimapApp, ui: &mut egui::Ui, ctx: &egui::Context) {
    let p = &app.doc.project;
    let mut add: Option<Node> = None;
    if item(ui, "Source", None, true) {
        add = Some(ops_node(p, NodeKind::Source(Source::default())));
    }
    if item(ui, "Consent gate", None, true) {
        add = Some(ops_node(p, NodeKind::ConsentGate(ConsentGate::default())));
    }
    if item(ui, "Relay", None, true) {
        add = Some(ops_node(p, NodeKind::Relay(Relay::default())));
    }
    if item(ui, "Store", None, true) {
        add = Some(ops_node(p, NodeKind::Store(Store::default())));
    }
    let mut platform = None;
    ui.menu_button("Destination", |ui| {
        for x in app.catalog.platforms() {
            if item(ui, &format!("{}…", x.name), None, true) {
                platform = Some(x.id.clone());
            }
        }
        ui.separator();
        if item(ui, "Other destination", None, true) {
            add = Some(ops_node(
                &app.doc.project,
                NodeKind::Destination(Destination::default()),
            ));
        }
    });
    if let Some(node) = add {
        app.add_node(ctx, node);
    }
    if let Some(id) = platform {
        app.add_destination_from_catalog(ctx, &id);
    }
    ui.separator();
    if item(ui, "Processing activity", None, true) {
        super::inspector::add_activity(app, ctx);
    }
    if item(ui, "Consent purpose", None, true) {
        super::inspector::add_consent_purpose(app, ctx);
    }
    if item(ui, "Field", None, true) {
        super::inspector::add_field(app, ctx);
    }
}

fn ops_node(p: &Project, kind: NodeKind) -> Node {
    crate::edit::ops::new_node(p, kind)
}

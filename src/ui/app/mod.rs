//! The app: one open project, its panels, and the frame loop. Panels draw from a read-only
//! [`AppView`] and push [`AppCommand`]s; after drawing, [`CapimapApp::run`] applies them, in
//! `apply.rs`. Files are in `files.rs`, the worker threads (checks, export) and crash recovery
//! in `workers.rs`.

mod apply;
mod arrange;
mod compare;
mod edits;
mod exchange;
mod files;
mod import;
mod workers;

use std::path::PathBuf;

use eframe::egui;

use crate::catalog::Catalog;
use crate::model::Project;

use super::bottom::BottomPanel;
use super::canvas::Canvas;
use super::command::{AppCommand, Highlight};
use super::dialog::Dialog;
use super::dialogs::Dialogs;
use super::document::Document;
use super::inspection::Payloads;
use super::inspector::Inspector;
use super::outline::Outline;
use super::prefs::Prefs;
use super::selection::Selection;
use super::view::AppView;

const PREFS_KEY: &str = "capimap-prefs";

pub struct CapimapApp {
    pub doc: Document,
    pub catalog: Catalog,
    pub selection: Selection,
    pub canvas: Canvas,
    pub prefs: Prefs,
    outline: Outline,
    bottom: BottomPanel,
    inspector: Inspector,
    dialogs: Dialogs,
    /// A short message in the status bar, with the time it was shown.
    status: Option<(String, f64)>,
    /// The last payload inspection.
    pub payloads: Option<Payloads>,
    /// The copied nodes (the app's own clipboard: nodes are not text).
    clipboard: crate::edit::copy::Clipboard,
    /// A finding under the pointer: highlighted in the next frame only.
    hover: Option<Highlight>,
    hover_next: Option<Highlight>,
    /// Set once the user confirmed closing with unsaved changes.
    allow_close: bool,
    fonts_installed: bool,
    workers: workers::Workers,
    /// The consent simulator (View ▸ Consent simulator).
    pub simulator: super::simulator::Simulator,
    /// The version compared with (File ▸ Compare with…).
    pub compare: super::compare::Compare,
    /// The window title last sent, so that it is sent only when it changes (sending one
    /// asks for another frame).
    shown_title: String,
    /// The background layout of a large project opened without saved positions.
    arranging: Option<arrange::Arranging>,
}

impl CapimapApp {
    /// The app on a project; `path` is where it came from (`None` for the built-in example).
    pub fn new(project: Project, path: Option<PathBuf>, catalog: Catalog, prefs: Prefs) -> Self {
        let first_start = !prefs.welcome_seen;
        let mut app = Self {
            doc: Document::new(project, path),
            catalog,
            selection: Selection::default(),
            canvas: Canvas::default(),
            prefs,
            outline: Outline::default(),
            bottom: BottomPanel::default(),
            inspector: Inspector::default(),
            dialogs: Dialogs::default(),
            status: None,
            payloads: None,
            clipboard: Default::default(),
            hover: None,
            hover_next: None,
            allow_close: false,
            fonts_installed: false,
            workers: workers::Workers::default(),
            simulator: Default::default(),
            compare: Default::default(),
            shown_title: String::new(),
            arranging: None,
        };
        app.check_if_small();
        if first_start {
            app.dialogs.open(Dialog::Welcome);
        }
        app
    }

    /// With eframe: preferences restored from its storage.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        project: Project,
        path: Option<PathBuf>,
        catalog: Catalog,
    ) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        prefs.theme.apply(&cc.egui_ctx);
        super::theme::install_fonts(&cc.egui_ctx);
        let mut app = Self::new(project, path, catalog, prefs);
        app.fonts_installed = true;
        let recovery =
            eframe::storage_dir("capimap").map(|d| super::Recovery::new(d.join("recovery")));
        app.set_recovery(recovery);
        app
    }

    pub fn title(&self) -> String {
        format!(
            "{}{} — capimap",
            if self.doc.is_modified() { "● " } else { "" },
            self.doc.display_name()
        )
    }

    /// Draws the whole window, then applies what the user asked for. Also what the tests drive.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // Fonts added now are used from the next frame on: draw nothing until then.
            super::theme::install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_repaint();
            return;
        }
        let mut out = Vec::new();
        self.close_requested(&ctx);
        self.dropped_files(&ctx, &mut out);
        self.shortcuts(&ctx, &mut out);
        self.keep_findings_fresh(&ctx);
        self.keep_layout_going(&ctx);
        self.poll_export(&ctx);
        self.poll_import(&ctx);
        self.autosave(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        let now = ctx.input(|i| i.time);
        if self
            .status
            .as_ref()
            .is_some_and(|(_, at)| now - at < STATUS_SECONDS)
        {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
        self.hover = self.hover_next.take();
        // Hidden from the request until the picture arrives: the window system takes it of a
        // frame after the one that asked.
        self.canvas.set_overlay(!self.workers.taking_picture());
        self.draw(ui, now, &mut out);
        if let Some((_, asked)) = &self.workers.picture_to {
            if now - asked > 0.3 {
                if let Some((path, _)) = self.workers.picture_to.take() {
                    self.take_picture(&ctx, path);
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
        }
        for command in out {
            self.run(&ctx, command);
        }
    }

    /// Every panel, from the same read-only view; each pushes what the user asked for.
    fn draw(&mut self, ui: &mut egui::Ui, now: f64, out: &mut Vec<AppCommand>) {
        let opened = self.bottom.findings.highlight(&self.doc.report.findings);
        self.simulator.refresh(&self.doc, &self.catalog);
        self.compare.refresh(&self.doc);
        let view = AppView {
            doc: &self.doc,
            selection: &self.selection,
            catalog: &self.catalog,
            prefs: &self.prefs,
            exporting: self.workers.is_exporting(),
            checking: self.doc.needs_check(),
            arranging: self.layout_progress(),
            status: self
                .status
                .as_ref()
                .filter(|(_, at)| now - at < STATUS_SECONDS)
                .map(|(m, _)| m.as_str()),
            payloads: self.payloads.as_ref(),
            highlight: self.hover.as_ref().or(opened.as_ref()),
            simulation: self.simulator.result(),
            comparison: self.compare.result(),
            compared_with: self.compare.name(),
        };
        // Side panels start at a share of the window, so that a small window leaves the canvas
        // most of its width; once resized, egui remembers their sizes.
        let window = ui.ctx().content_rect().size();
        let outline_width = (window.x * 0.18).clamp(160.0, 230.0);
        let inspector_width = (window.x * 0.26).clamp(240.0, 360.0);
        let bottom_height = (window.y * 0.25).clamp(110.0, 220.0);
        egui::Panel::top("menu").show(ui, |ui| super::menus::menu_bar(ui, &view, out));
        egui::Panel::bottom("status").show(ui, |ui| super::status::status_bar(ui, &view, out));
        if self.simulator.is_on() {
            egui::Panel::top("simulator").show(ui, |ui| self.simulator.bar(ui, &view, out));
        }
        if self.compare.is_on() {
            egui::Panel::top("compare").show(ui, |ui| super::compare::bar(ui, &view, out));
        }
        if view.prefs.show_bottom {
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(bottom_height)
                .min_size(80.0)
                .show(ui, |ui| self.bottom.ui(ui, &view, out));
        }
        egui::Panel::left("outline")
            .resizable(true)
            .default_size(outline_width)
            .min_size(140.0)
            .show(ui, |ui| self.outline.ui(ui, &view, out));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(inspector_width)
            .min_size(220.0)
            .show(ui, |ui| self.inspector.ui(ui, &view, out));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(super::theme::canvas_fill(ui.visuals())))
            .show(ui, |ui| self.canvas.ui(ui, &view, out));
        self.dialogs.show(ui.ctx(), &view, out);
    }

    /// Keys: each shortcut of the command table, unless a dialog is open; commands that would
    /// act on text (undo, delete) only while no text field has the keyboard.
    fn shortcuts(&mut self, ctx: &egui::Context, out: &mut Vec<AppCommand>) {
        if self.dialogs.is_open() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        for (key, command, while_typing) in AppCommand::keyed() {
            if (while_typing || !typing) && ctx.input_mut(|i| i.consume_shortcut(&key)) {
                out.push(command);
            }
        }
        // The window system turns Ctrl+C and Ctrl+V into copy and paste events, not keys.
        if !typing {
            let (copy, paste) = ctx.input(|i| {
                (
                    i.events.iter().any(|e| matches!(e, egui::Event::Copy)),
                    i.events.iter().any(|e| matches!(e, egui::Event::Paste(_))),
                )
            });
            if copy {
                out.push(AppCommand::Copy);
            }
            if paste {
                out.push(AppCommand::Paste);
            }
        }
    }

    fn close_requested(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_modified()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.open(Dialog::Unsaved {
                then: super::command::Pending::Close,
            });
        }
    }

    /// Files dropped on the window: a container export is previewed for import; request files
    /// go to the destination card they were dropped on (else the selected destination);
    /// anything else is opened as a project.
    fn dropped_files(&mut self, ctx: &egui::Context, out: &mut Vec<AppCommand>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // A container export is JSON too: told apart by its content.
        let (containers, dropped): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| {
                super::files::is_request_file(p) && super::files::is_container_export(p)
            });
        if let Some(path) = containers.into_iter().next() {
            out.push(AppCommand::ImportContainerFrom(path));
        }
        let (requests, projects): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| super::files::is_request_file(p));
        if !requests.is_empty() {
            let is_destination = |id: &crate::model::NodeId| {
                self.doc
                    .project
                    .node(id.as_str())
                    .is_some_and(|n| n.as_destination().is_some())
            };
            let under_pointer = ctx
                .input(|i| i.pointer.latest_pos())
                .and_then(|p| self.canvas.node_at_screen(&self.doc, p))
                .filter(is_destination);
            let selected = self
                .selection
                .primary()
                .and_then(|e| e.node())
                .cloned()
                .filter(is_destination);
            match under_pointer.or(selected) {
                Some(destination) => out.push(AppCommand::InspectFiles {
                    destination,
                    files: requests,
                }),
                None => self.notify(
                    ctx,
                    "Select the destination the requests went to, then drop them again.",
                ),
            }
        }
        if let Some(path) = projects.into_iter().next() {
            out.push(AppCommand::Request(super::command::Pending::Open(Some(
                path,
            ))));
        }
    }

    /// Shows a message in the status bar for a few seconds.
    /// The bottom panel's tab shown.
    pub fn bottom_tab(&self) -> super::command::BottomTab {
        self.bottom.tab
    }

    pub fn notify(&mut self, ctx: &egui::Context, message: impl Into<String>) {
        self.status = Some((message.into(), ctx.input(|i| i.time)));
    }
}

/// How long a status message stays.
const STATUS_SECONDS: f64 = 8.0;

impl eframe::App for CapimapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        CapimapApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        // A clean exit: the user saved or chose not to; nothing to recover next time.
        if !self.doc.is_modified() || self.allow_close {
            self.clear_recovery();
            self.workers.close_recovery();
        }
    }
}

//! The app: one open project, its canvas and panels, the menus and shortcuts, the dialogs,
//! and the one place where the UI's requests become commands on the project.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::edit::{Command, ops};
use crate::layout::{self, Grid};
use crate::model::{Position, Project};
use crate::store;

use super::canvas::{Canvas, CanvasAction};
use super::document::Document;
use super::files::{self, Choice, Purpose};
use super::selection::{Element, Selection};
use super::theme::Theme;
use super::{dialogs, inspector, panels};

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const DELETE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Delete);
/// From this many flows on, the checks run on a worker thread.
const LARGE_PROJECT_FLOWS: usize = 2_000;

pub const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

/// What survives a restart (eframe's storage): never the project itself, which lives only in
/// the user's file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: Theme,
    pub recent: Vec<PathBuf>,
    /// Use the in-app path prompt instead of the system's file dialogs.
    pub in_app_file_prompt: bool,
    pub welcome_seen: bool,
    pub show_bottom: bool,
    /// The language of exported records (File ▸ Language of the record).
    pub record_lang: crate::report::words::Lang,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            recent: Vec::new(),
            in_app_file_prompt: false,
            welcome_seen: false,
            show_bottom: true,
            record_lang: crate::report::words::Lang::En,
        }
    }
}

const PREFS_KEY: &str = "capimap-prefs";

/// Which tab the bottom panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Findings,
    Inventory,
    Payloads,
}

/// Something that must wait until the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    OpenExample,
    Revert,
    Close,
}

pub struct CapimapApp {
    pub doc: Document,
    pub catalog: Catalog,
    pub selection: Selection,
    pub canvas: Canvas,
    pub prefs: Prefs,
    pub bottom_tab: BottomTab,
    pub outline_filter: String,
    pub focus_search: bool,
    pub dialog: Option<dialogs::Dialog>,
    /// A short message in the status bar, with the time it was shown.
    pub status: Option<(String, f64)>,
    /// Inspector text that does not parse yet (a period, a date), by field key: kept so that
    /// nothing typed is lost while it is being corrected.
    pub drafts: std::collections::HashMap<String, String>,
    pub inventory: panels::InventoryFilter,
    /// A destination whose request files are to be chosen (set by the inspector's button).
    pub inspect_requests_for: Option<String>,
    /// The last payload inspection.
    pub payloads: Option<super::payloads::Payloads>,
    /// The finding whose details are shown when the list is long.
    pub finding_focus: Option<usize>,
    /// Set once the user confirmed closing with unsaved changes.
    allow_close: bool,
    last_edit: f64,
    fonts_installed: bool,
    /// An export of the record under way on a worker thread.
    exporting: Option<std::sync::mpsc::Receiver<Result<String, String>>>,
    /// Who the record being exported is for (chosen in the File menu).
    export_edition: crate::report::document::Edition,
    /// A check run on the worker thread, when one is under way.
    checking: Option<std::sync::mpsc::Receiver<(u64, crate::check::Report)>>,
    /// Where unsaved work is kept against a crash; `None` turns that off.
    pub recovery: Option<super::Recovery>,
    /// The time and revision of the last recovery write.
    last_recovery: (f64, u64),
    /// The window title last sent, so that it is sent only when it changes (sending one
    /// asks for another frame).
    shown_title: String,
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
            bottom_tab: BottomTab::Findings,
            outline_filter: String::new(),
            focus_search: false,
            dialog: None,
            status: None,
            drafts: Default::default(),
            inventory: Default::default(),
            finding_focus: None,
            payloads: None,
            inspect_requests_for: None,
            allow_close: false,
            last_edit: 0.0,
            fonts_installed: false,
            checking: None,
            exporting: None,
            export_edition: crate::report::document::Edition::Authority,
            recovery: None,
            last_recovery: (0.0, 0),
            shown_title: String::new(),
        };
        app.doc.recheck(&app.catalog);
        if first_start {
            app.dialog = Some(dialogs::Dialog::Welcome);
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

    /// Turns crash recovery on, and offers work left by a session that did not end cleanly.
    pub fn set_recovery(&mut self, recovery: Option<super::Recovery>) {
        if let Some(found) = recovery.as_ref().and_then(|r| r.find()) {
            self.dialog = Some(dialogs::Dialog::Recover {
                origin: found.origin.clone(),
                found: Box::new(found),
            });
        }
        self.recovery = recovery;
    }

    /// Writes unsaved work to the recovery file every 30 seconds.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let revision = self.doc.revision();
        if !self.doc.is_modified() || revision == self.last_recovery.1 {
            return;
        }
        if now - self.last_recovery.0 < super::recovery::INTERVAL {
            ctx.request_repaint_after(std::time::Duration::from_secs(5));
            return;
        }
        self.last_recovery = (now, revision);
        if let Err(e) = recovery.write(&self.doc.project, self.doc.path.as_deref()) {
            self.notify(ctx, format!("Could not write the recovery copy: {e}"));
        }
    }

    /// Removes a copy that was offered at start-up, once it was recovered or discarded.
    pub fn forget_recovered(&mut self, found: &super::recovery::Found) {
        if let Some(r) = &self.recovery {
            r.forget(found);
        }
    }

    /// Tells other windows which file this one has open.
    fn note_origin(&self) {
        if let Some(r) = &self.recovery {
            // Best effort: the note only serves the warning about two windows on one file.
            let _ = r.note_origin(self.doc.path.as_deref());
        }
    }

    /// Forgets the recovery copy (the work is saved, or was discarded on purpose).
    pub fn clear_recovery(&mut self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
        self.last_recovery.1 = 0;
    }

    pub fn title(&self) -> String {
        format!(
            "{}{} — capimap",
            if self.doc.is_modified() { "● " } else { "" },
            self.doc.display_name()
        )
    }

    /// Shows a message in the status bar for a few seconds.
    pub fn notify(&mut self, ctx: &egui::Context, message: impl Into<String>) {
        self.status = Some((message.into(), ctx.input(|i| i.time)));
    }

    /// The one place where edits are applied.
    pub fn apply(&mut self, ctx: &egui::Context, label: &str, command: Command) {
        self.apply_merged(ctx, label, command, None);
    }

    pub fn apply_merged(
        &mut self,
        ctx: &egui::Context,
        label: &str,
        command: Command,
        merge_key: Option<String>,
    ) {
        if self.doc.apply(label, command, merge_key) {
            self.after_edit(ctx);
        } else {
            self.notify(
                ctx,
                format!("“{label}” could not be applied to the project as it is now."),
            );
        }
    }

    fn after_edit(&mut self, ctx: &egui::Context) {
        self.last_edit = ctx.input(|i| i.time);
        let project = &self.doc.project;
        self.selection.retain(|e| match e {
            Element::Organisation => true,
            Element::Node(id) => project.node(id).is_some(),
            Element::Flow(id) => project.flow(id).is_some(),
            Element::Activity(id) => project.activity(id).is_some(),
            Element::ConsentPurpose(id) => project.consent_purpose(id).is_some(),
            Element::Field(id) => project.field(id).is_some(),
            Element::Retention(id) => project.retention.iter().any(|r| r.id.as_str() == id),
            Element::AcceptedRisk(id) => project.accepted_risks.iter().any(|r| r.id.as_str() == id),
        });
        ctx.request_repaint();
    }

    pub fn undo(&mut self, ctx: &egui::Context) {
        if self.doc.undo() {
            self.after_edit(ctx);
        }
    }

    pub fn redo(&mut self, ctx: &egui::Context) {
        if self.doc.redo() {
            self.after_edit(ctx);
        }
    }

    /// Re-runs the checks when the project changed: at once for ordinary projects (a few
    /// milliseconds), and for large ones on a worker thread a moment after the last edit, so
    /// that typing never waits for them. The findings shown are those of the last finished run.
    fn keep_findings_fresh(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.checking {
            match rx.try_recv() {
                Ok((revision, report)) => {
                    self.doc.set_report(report, revision);
                    self.checking = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                    return;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.checking = None,
            }
        }
        if !self.doc.needs_check() {
            return;
        }
        if self.doc.project.flows.len() < LARGE_PROJECT_FLOWS {
            self.doc.recheck(&self.catalog);
            return;
        }
        let now = ctx.input(|i| i.time);
        if now - self.last_edit < 0.3 {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let project = self.doc.project.clone();
        let catalog = self.catalog.clone();
        let revision = self.doc.revision();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("capimap-check".to_owned())
            .spawn(move || {
                let report = crate::check::check(&project, &catalog);
                let _ = tx.send((revision, report));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.checking = Some(rx),
            // No thread to be had: check here rather than not at all.
            Err(_) => self.doc.recheck(&self.catalog),
        }
    }

    /// Selects an element and brings it into view.
    pub fn select_and_frame(&mut self, element: Element) {
        match &element {
            Element::Node(id) => self.canvas.frame_node(&self.doc, id),
            Element::Flow(id) => self.canvas.frame_flow(&self.doc, id),
            _ => {}
        }
        self.selection.set(element);
    }

    /// Selects what a finding is about: its element, or for a field mapping its flow.
    pub fn select_target(&mut self, kind: &str, id: &str) {
        let element = match kind {
            "field mapping" | "flow" => {
                Element::Flow(id.split('/').next().unwrap_or(id).to_owned())
            }
            "activity" => Element::Activity(id.to_owned()),
            "field" => Element::Field(id.to_owned()),
            "consent purpose" => Element::ConsentPurpose(id.to_owned()),
            "organisation" => Element::Organisation,
            "accepted risk" => Element::AcceptedRisk(id.to_owned()),
            _ => Element::Node(id.to_owned()),
        };
        self.select_and_frame(element);
    }

    fn canvas_actions(&mut self, ctx: &egui::Context, actions: Vec<CanvasAction>) {
        for action in actions {
            match action {
                CanvasAction::Select { element, add } => {
                    if add {
                        self.selection.toggle(element);
                    } else {
                        self.selection.set(element);
                    }
                }
                CanvasAction::SelectNodes { nodes, add } => {
                    if !add {
                        self.selection.clear();
                    }
                    for n in nodes {
                        self.selection.add(Element::Node(n));
                    }
                }
                CanvasAction::ClearSelection => self.selection.clear(),
                CanvasAction::Move(moves) => {
                    let label = if moves.len() == 1 {
                        "Move node"
                    } else {
                        "Move nodes"
                    };
                    self.apply(ctx, label, ops::move_nodes(moves));
                }
                CanvasAction::Connect { from, to } => self.connect(ctx, &from, &to),
            }
        }
    }

    /// A new flow between two nodes, with the mappings the destination's platform accepts.
    pub fn connect(&mut self, ctx: &egui::Context, from: &str, to: &str) {
        if from == to {
            return;
        }
        let (command, id) = ops::add_flow(&self.doc.project, &self.catalog, from, to);
        self.apply(ctx, "Add flow", command);
        let proposed = self
            .doc
            .project
            .flow(id.as_str())
            .map_or(0, |f| f.fields.len());
        if proposed > 0 {
            self.notify(
                ctx,
                format!("New flow {id}: {proposed} field mappings proposed from the platform's parameters. Check and justify each."),
            );
        }
        self.selection.set(Element::Flow(id.to_string()));
    }

    /// Adds a node of a kind in the middle of the view and selects it.
    pub fn add_node(&mut self, ctx: &egui::Context, node: crate::model::Node) {
        let centre = if self.canvas.scene_rect.is_positive() {
            self.canvas.scene_rect.center()
        } else {
            egui::Pos2::ZERO
        };
        let id = node.id.to_string();
        let label = format!("Add {}", node.kind.label());
        let position = Position {
            x: (centre.x - 100.0).round(),
            y: (centre.y - 36.0).round(),
        };
        self.apply(
            ctx,
            &label,
            ops::add_node(&self.doc.project, node, position),
        );
        self.selection.set(Element::Node(id));
    }

    pub fn add_destination_from_catalog(&mut self, ctx: &egui::Context, platform: &str) {
        let Some(p) = self.catalog.get(platform) else {
            return;
        };
        let node = ops::destination_from_catalog(&self.doc.project, p);
        self.add_node(ctx, node);
    }

    pub fn delete_selection(&mut self, ctx: &egui::Context) {
        let nodes: Vec<String> = self.selection.nodes().map(str::to_owned).collect();
        let flows: Vec<String> = self.selection.flows().map(str::to_owned).collect();
        if nodes.is_empty() && flows.is_empty() {
            return;
        }
        let project = &self.doc.project;
        let node_refs: Vec<&str> = nodes.iter().map(String::as_str).collect();
        let flow_refs: Vec<&str> = flows
            .iter()
            .map(String::as_str)
            .filter(|f| {
                // Flows of deleted nodes go with them.
                project.flow(f).is_some_and(|x| {
                    !node_refs.contains(&x.from.as_str()) && !node_refs.contains(&x.to.as_str())
                })
            })
            .collect();
        let mut steps = vec![ops::delete_flows(project, &flow_refs)];
        // Node deletion is computed on the project without those flows, so apply in order.
        let mut after = project.clone();
        if let Some(first) = steps.first().cloned() {
            let _ = first.apply(&mut after);
        }
        steps.push(ops::delete_nodes(&after, &node_refs));
        let n = nodes.len() + flow_refs.len();
        let label = if n == 1 { "Delete" } else { "Delete selection" };
        self.apply(ctx, label, Command::Batch(steps));
        self.selection.clear();
    }

    pub fn auto_layout(&mut self, ctx: &egui::Context) {
        let placed = layout::layered(&self.doc.project, Grid::default());
        let mut l = self.doc.project.layout.clone();
        l.positions = placed;
        self.apply(ctx, "Automatic layout", Command::SetLayout(l));
        self.canvas.fit_all();
    }

    // Files

    /// Runs an action that replaces or closes the project, asking first if there are unsaved
    /// changes.
    pub fn request(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_modified() {
            self.dialog = Some(dialogs::Dialog::Unsaved { then: pending });
        } else {
            self.proceed(ctx, pending);
        }
    }

    pub fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                let mut p = Project::empty("New project");
                p.organisation.controller.name = "Your organisation".to_owned();
                self.replace_document(Document::new(p, None));
            }
            Pending::OpenExample => {
                if let Ok(loaded) = store::parse(crate::examples::SHOP, crate::examples::SHOP_NAME)
                {
                    self.replace_document(Document::new(loaded.project, None));
                }
            }
            Pending::Open(Some(path)) => self.open_path(ctx, path),
            Pending::Open(None) => match self.choose(Purpose::Open, None) {
                Choice::Chosen(path) => self.open_path(ctx, path),
                Choice::Cancelled => {}
                Choice::Unavailable => {
                    self.dialog = Some(dialogs::Dialog::path_prompt(Purpose::Open, None));
                }
            },
            Pending::Revert => {
                if let Some(path) = self.doc.path.clone() {
                    self.open_path(ctx, path);
                } else {
                    self.proceed(ctx, Pending::OpenExample);
                }
            }
            Pending::Close => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn choose(&self, purpose: Purpose, suggested: Option<&PathBuf>) -> Choice {
        if self.prefs.in_app_file_prompt {
            return Choice::Unavailable;
        }
        files::ask_native(purpose, suggested)
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.doc.recheck(&self.catalog);
        self.selection.clear();
        self.canvas.fit_all();
        self.drafts.clear();
    }

    /// Asks for request files to inspect for a destination.
    pub fn choose_requests(&mut self, ctx: &egui::Context, destination: String) {
        match self.choose(Purpose::Inspect, None) {
            Choice::Chosen(path) => super::payloads::inspect(self, ctx, &destination, vec![path]),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                let mut prompt = dialogs::Dialog::path_prompt(Purpose::Inspect, None);
                if let dialogs::Dialog::PathPrompt { inspect_for, .. } = &mut prompt {
                    *inspect_for = Some(destination);
                }
                self.dialog = Some(prompt);
            }
        }
    }

    /// File ▸ Export record…: asks where, then writes the record there, in the edition for
    /// the supervisory authority or the internal one.
    pub fn export_record(
        &mut self,
        ctx: &egui::Context,
        edition: crate::report::document::Edition,
    ) {
        self.export_edition = edition;
        let stem = files::suggested_name(&self.doc.project.name);
        let stem = stem.to_string_lossy();
        let stem = stem.trim_end_matches(&format!(".{}", store::EXTENSION));
        let which = match edition {
            crate::report::document::Edition::Authority => "record",
            crate::report::document::Edition::Internal => "internal-record",
        };
        // A copy in another language gets its own name, so that it never replaces the English.
        let lang = match self.prefs.record_lang {
            crate::report::words::Lang::En => String::new(),
            other => format!("-{}", other.code()),
        };
        let suggested = PathBuf::from(format!("{stem}-{which}{lang}-{}.pdf", today()));
        match self.choose(Purpose::Export, Some(&suggested)) {
            Choice::Chosen(path) => self.export_to(ctx, path),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                self.dialog = Some(dialogs::Dialog::path_prompt(
                    Purpose::Export,
                    Some(&suggested),
                ));
            }
        }
    }

    /// Writes the record of processing: CSV when the file name ends in .csv, else PDF. The
    /// PDF is laid out on a worker thread; the status bar shows progress and then the path.
    pub fn export_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let project = self.doc.project.clone();
        // Checked again on the worker: the findings shown may lag behind the last edit on a
        // large project, and the record must say what the project says now.
        let catalog = self.catalog.clone();
        let edition = self.export_edition;
        let lang = self.prefs.record_lang;
        let text = store::to_string(&project);
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let job = move || {
            let result = if csv {
                export_csv(&project, &path)
            } else {
                export_pdf(
                    &project,
                    &crate::check::check(&project, &catalog),
                    &text,
                    &path,
                    edition,
                    lang,
                )
            };
            let _ = tx.send(result);
            repaint.request_repaint();
        };
        match std::thread::Builder::new()
            .name("capimap-export".to_owned())
            .spawn(job)
        {
            Ok(_) => {
                self.exporting = Some(rx);
                self.notify(ctx, "Exporting the record…");
            }
            Err(e) => {
                self.dialog = Some(dialogs::Dialog::Error {
                    title: "The record could not be exported".to_owned(),
                    message: e.to_string(),
                });
            }
        }
    }

    /// Whether an export is still being written.
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.exporting else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(message)) => {
                self.exporting = None;
                self.notify(ctx, message);
            }
            Ok(Err(message)) => {
                self.exporting = None;
                self.dialog = Some(dialogs::Dialog::Error {
                    title: "The record could not be exported".to_owned(),
                    message,
                });
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.exporting = None,
        }
    }

    /// Takes recovered work as the open project, marked unsaved, so that the user saves it on
    /// purpose (to its original file, or elsewhere).
    pub fn recover(&mut self, ctx: &egui::Context, found: super::recovery::Found) {
        let mut doc = Document::new(found.project.clone(), found.origin.clone());
        doc.mark_unsaved();
        self.replace_document(doc);
        // The work becomes this window's own recovery copy at once; only then does the old
        // copy go, so that a second crash in the next half minute loses nothing either.
        if let Some(r) = &self.recovery
            && r.write(&self.doc.project, self.doc.path.as_deref()).is_ok()
        {
            r.forget(&found);
        }
        self.notify(ctx, "Recovered the unsaved work. Save it to keep it.");
    }

    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        match store::load(&path) {
            Ok(loaded) => {
                self.replace_document(Document::new(loaded.project, Some(path.clone())));
                self.remember(path.clone());
                let elsewhere = self
                    .recovery
                    .as_ref()
                    .is_some_and(|r| r.open_elsewhere(&path));
                self.note_origin();
                self.notify(
                    ctx,
                    if elsewhere {
                        format!(
                            "Opened {}. It is open in another capimap window too: changes saved in one replace the other's (capimap asks before saving over them).",
                            path.display()
                        )
                    } else {
                        format!("Opened {}", path.display())
                    },
                );
            }
            Err(e) => {
                self.dialog = Some(dialogs::Dialog::Error {
                    title: "The project could not be opened".to_owned(),
                    message: e.to_string(),
                });
            }
        }
    }

    fn remember(&mut self, path: PathBuf) {
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(10);
    }

    /// Saves to the current file, or asks where when there is none. Returns whether it saved
    /// (asking in the app's own prompt counts as not yet).
    pub fn save(&mut self, ctx: &egui::Context) -> bool {
        self.save_then(ctx, None)
    }

    /// Saves, then carries out `then` once the project is saved (also when the app's own path
    /// prompt had to ask where first).
    pub fn save_then(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        let saved = match self.doc.path.clone() {
            Some(path) => self.save_to(ctx, path),
            None => self.save_as_then(ctx, then.clone()),
        };
        if saved && let Some(then) = then {
            self.proceed(ctx, then);
        }
        saved
    }

    pub fn save_as(&mut self, ctx: &egui::Context) {
        self.save_as_then(ctx, None);
    }

    /// Asks where and saves; returns whether it saved now. With the app's own prompt the save
    /// happens when the user confirms it, and `then` follows.
    fn save_as_then(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        let suggested = self
            .doc
            .path
            .clone()
            .unwrap_or_else(|| files::suggested_name(&self.doc.project.name));
        match self.choose(Purpose::SaveAs, Some(&suggested)) {
            Choice::Chosen(path) => self.save_to(ctx, path),
            Choice::Cancelled => false,
            Choice::Unavailable => {
                let mut prompt = dialogs::Dialog::path_prompt(Purpose::SaveAs, Some(&suggested));
                if let dialogs::Dialog::PathPrompt { then: t, .. } = &mut prompt {
                    *t = then;
                }
                self.dialog = Some(prompt);
                false
            }
        }
    }

    pub fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        // Another program (or window) changed the file since it was opened: ask first.
        if self.doc.path.as_ref() == Some(&path) && self.doc.changed_on_disk() {
            self.dialog = Some(dialogs::Dialog::ChangedOnDisk { path });
            return false;
        }
        self.write_to(ctx, path)
    }

    /// Saves over a file that was changed on disk, because the user chose to.
    pub fn save_overwriting(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        self.write_to(ctx, path)
    }

    fn write_to(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        match store::save(&path, &self.doc.project) {
            Ok(saved) => {
                self.doc.mark_saved(path.clone());
                self.clear_recovery();
                self.note_origin();
                self.remember(path.clone());
                let mut message = format!("Saved {}", path.display());
                if saved.cleaned > 0 {
                    message.push_str(&format!(
                        "; removed {} temporary file(s) that interrupted saves had left in its folder",
                        saved.cleaned
                    ));
                }
                self.notify(ctx, message);
                true
            }
            Err(e) => {
                self.dialog = Some(dialogs::Dialog::Error {
                    title: "The project could not be saved".to_owned(),
                    message: format!(
                        "{e}. Your changes are still open here: save them elsewhere with Save As."
                    ),
                });
                false
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = |s: &KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(s));
        if pressed(&SAVE_AS) {
            self.save_as(ctx);
        } else if pressed(&SAVE) {
            self.save(ctx);
        }
        if pressed(&OPEN) {
            self.request(ctx, Pending::Open(None));
        }
        if pressed(&NEW) {
            self.request(ctx, Pending::New);
        }
        if pressed(&FIND) {
            self.focus_search = true;
        }
        if pressed(&FIT) {
            self.canvas.fit_all();
        }
        if !typing {
            if pressed(&REDO) || pressed(&REDO_Y) {
                self.redo(ctx);
            } else if pressed(&UNDO) {
                self.undo(ctx);
            }
            if pressed(&DELETE) || pressed(&KeyboardShortcut::new(Modifiers::NONE, Key::Backspace))
            {
                self.delete_selection(ctx);
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // Request files go to the selected destination; anything else is opened as a project.
        let (requests, projects): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["json", "jsonl", "ndjson", "har"].contains(&e.to_ascii_lowercase().as_str())
                })
            });
        if !requests.is_empty() {
            // The destination card they were dropped on, else the selected destination.
            let is_destination = |id: &String| {
                self.doc
                    .project
                    .node(id)
                    .is_some_and(|n| n.as_destination().is_some())
            };
            let under_pointer = ctx
                .input(|i| i.pointer.latest_pos())
                .and_then(|p| self.canvas.node_at_screen(&self.doc, p))
                .filter(is_destination);
            let selected = self
                .selection
                .primary()
                .and_then(|e| match e {
                    Element::Node(id) => Some(id.clone()),
                    _ => None,
                })
                .filter(is_destination);
            let destination = under_pointer.or(selected);
            match destination {
                Some(d) => super::payloads::inspect(self, ctx, &d, requests),
                None => self.notify(
                    ctx,
                    "Select the destination the requests went to, then drop them again.",
                ),
            }
        }
        if let Some(path) = projects.into_iter().next() {
            self.request(ctx, Pending::Open(Some(path)));
        }
    }

    fn close_requested(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_modified()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(dialogs::Dialog::Unsaved {
                then: Pending::Close,
            });
        }
    }

    /// Draws the whole window. Also what the tests drive.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // Fonts added now are used from the next frame on: draw nothing until then.
            super::theme::install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_repaint();
            return;
        }
        self.close_requested(&ctx);
        self.dropped_files(&ctx);
        self.shortcuts(&ctx);
        self.keep_findings_fresh(&ctx);
        self.poll_export(&ctx);
        if let Some(d) = self.inspect_requests_for.take() {
            self.choose_requests(&ctx, d);
        }
        self.autosave(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }

        egui::Panel::top("menu").show(ui, |ui| super::menus::menu_bar(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| panels::status_bar(self, ui));
        if self.prefs.show_bottom {
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(220.0)
                .min_size(80.0)
                .show(ui, |ui| panels::bottom(self, ui));
        }
        egui::Panel::left("outline")
            .resizable(true)
            .default_size(230.0)
            .min_size(160.0)
            .show(ui, |ui| panels::outline(self, ui));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .min_size(240.0)
            .show(ui, |ui| inspector::inspector(self, ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(ui.visuals().faint_bg_color))
            .show(ui, |ui| {
                let actions = self.canvas.ui(ui, &self.doc, &self.selection);
                self.canvas_actions(&ctx, actions);
            });
        dialogs::show(self, &ctx);
    }
}

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
            if let Some(r) = &self.recovery {
                r.close();
            }
        }
    }
}

/// Today's date, from the system clock.
fn today() -> crate::model::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::model::Date::from_unix_days(secs / 86_400).unwrap_or(crate::model::Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Writes the record as CSV (under the ICO template's header row, in English); the message, or
/// the error.
fn export_csv(project: &Project, path: &std::path::Path) -> Result<String, String> {
    let words = crate::report::words::Words::builtin(crate::report::words::Lang::En)
        .map_err(|e| e.to_string())?;
    store::write_output(path, |w| {
        // The app's users open the CSV in a spreadsheet: with the byte-order mark, Excel reads
        // it as UTF-8.
        crate::report::csv::write(project, &words, true, w).map_err(std::io::Error::other)
    })
    .map(|_| format!("Exported the record to {}", path.display()))
    .map_err(|e| e.to_string())
}

/// Lays out and writes the record's PDF; the message for the status bar, or the error.
fn export_pdf(
    project: &Project,
    report: &crate::check::Report,
    text: &str,
    path: &std::path::Path,
    edition: crate::report::document::Edition,
    lang: crate::report::words::Lang,
) -> Result<String, String> {
    use sha2::Digest as _;
    let hash: String = sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let date = today();
    let meta = crate::report::document::Meta {
        date,
        project_hash: hash,
        edition,
        changes: None,
    };
    let words = crate::report::words::Words::builtin(lang).map_err(|e| e.to_string())?;
    let record = crate::report::document::build(project, report, &meta, &words);
    let options = crate::report::pdf::Options {
        paper: crate::report::pdf::Paper::A4,
        date,
    };
    let out = crate::report::pdf::render(&record, project, &options).map_err(|e| e.to_string())?;
    store::write_output(path, |w| w.write_all(&out.bytes)).map_err(|e| e.to_string())?;
    let mut message = format!(
        "Exported the record to {} ({} pages)",
        path.display(),
        out.pages
    );
    if !out.warnings.is_empty() {
        message.push_str(&format!(
            "; {} characters could not be shown and were replaced",
            out.warnings.len()
        ));
    }
    Ok(message)
}

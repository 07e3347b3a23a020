//! The one place where what the user asked for happens: every [`AppCommand`] pushed while the
//! frame was drawn is applied here, after drawing. Edits of the project go through the
//! document's history, so each is one undo step.

use eframe::egui;

use crate::edit::{Command, add, copy, ops, propose};
use crate::layout::{self, Grid};
use crate::model::{ElementRef, NodeId};

use super::super::command::{AppCommand, BottomTab};
use super::super::dialog::Dialog;
use super::super::inspection::Payloads;
use super::super::plural;
use super::super::selection::Element;
use super::CapimapApp;

impl CapimapApp {
    /// Applies one command. Public so that tests (and the benchmark) can drive the app as the
    /// menus do.
    pub fn run(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Request(pending) => self.request(ctx, pending),
            AppCommand::Proceed(pending) => self.proceed(ctx, pending),
            AppCommand::Save => {
                self.save_then(ctx, None);
            }
            AppCommand::SaveAs => {
                self.save_as_then(ctx, None);
            }
            AppCommand::SaveThen(then) => {
                self.save_then(ctx, Some(then));
            }
            AppCommand::SaveTo { path, then } => {
                if self.save_to(ctx, path)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
                }
            }
            AppCommand::SaveOverwriting(path) => {
                self.write_to(ctx, path);
            }
            AppCommand::Export(edition) => self.export_record(ctx, edition),
            AppCommand::ExportTo(path) => self.export_to(ctx, path),
            AppCommand::ImportContainer => self.import_container(ctx),
            AppCommand::ImportContainerFrom(path) => self.import_container_from(ctx, &path),
            AppCommand::ApplyImport(imported) => self.apply_import(ctx, &imported),
            AppCommand::ImportFides => self.import_fides(ctx),
            AppCommand::ImportFidesFrom(path) => self.import_fides_from(ctx, path),
            AppCommand::ExportExchange(format) => self.export_exchange(ctx, format),
            AppCommand::ExportExchangeTo(format, path) => {
                self.export_exchange_to(ctx, format, path)
            }
            AppCommand::ExportDiagram => self.export_diagram(ctx),
            AppCommand::ExportDiagramTo(path) => self.export_diagram_to(ctx, path),
            AppCommand::OpenExternally(path) => {
                if let Err(e) = super::super::files::open_externally(&path) {
                    self.notify(ctx, format!("Could not open {}: {e}", path.display()));
                }
            }
            AppCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            AppCommand::Recover(found) => self.recover(ctx, *found),
            AppCommand::DiscardRecovered(found) => self.forget_recovered(&found),
            AppCommand::Undo => {
                if self.doc.undo() {
                    self.after_edit(ctx);
                }
            }
            AppCommand::Redo => {
                if self.doc.redo() {
                    self.after_edit(ctx);
                }
            }
            AppCommand::Delete => self.delete_selection(ctx),
            AppCommand::Copy => {
                let nodes: Vec<&NodeId> = self.selection.nodes().collect();
                self.clipboard = copy::copy(&self.doc.project, &nodes);
                let n = self.clipboard.nodes.len();
                if n > 0 {
                    // Text on the system clipboard too, so that the window system passes
                    // Ctrl+V on to the app (it sends no paste with an empty clipboard).
                    let names: Vec<&str> = self
                        .clipboard
                        .nodes
                        .iter()
                        .map(|n| n.name.as_str())
                        .collect();
                    ctx.copy_text(format!("capimap nodes: {}", names.join(", ")));
                    self.notify(ctx, format!("Copied {}.", plural(n, "node", "nodes")));
                }
            }
            AppCommand::Paste => self.paste(ctx),
            AppCommand::Duplicate => {
                let nodes: Vec<&NodeId> = self.selection.nodes().collect();
                let clip = copy::copy(&self.doc.project, &nodes);
                if !clip.is_empty() {
                    self.clipboard = clip;
                    self.paste(ctx);
                }
            }
            AppCommand::Edit {
                label,
                command,
                merge,
            } => self.edit(ctx, &label, *command, merge),
            AppCommand::Seal => self.doc.history.seal(),
            AppCommand::AddNode(kind) => {
                let node = ops::new_node(&self.doc.project, kind);
                self.add_node(ctx, node);
            }
            AppCommand::AddDestination(platform) => {
                if let Some(p) = self.catalog.get(&platform) {
                    let node = ops::destination_from_catalog(&self.doc.project, p);
                    self.add_node(ctx, node);
                }
            }
            AppCommand::AddActivity => {
                let (cmd, id) = add::new_activity(&self.doc.project);
                self.add_and_select(ctx, "Add activity", cmd, Element::Activity(id));
            }
            AppCommand::AddConsentPurpose => {
                let (cmd, id) = add::new_consent_purpose(&self.doc.project);
                self.add_and_select(ctx, "Add consent purpose", cmd, Element::ConsentPurpose(id));
            }
            AppCommand::AddField => {
                let (cmd, id) = add::new_field(&self.doc.project);
                self.add_and_select(ctx, "Add field", cmd, Element::Field(id));
            }
            AppCommand::Connect { from, to } => self.connect(ctx, &from, &to),
            AppCommand::ProposeMappings(flow) => {
                match propose::propose_for_flow(&self.doc.project, &self.catalog, flow.as_str()) {
                    Some((cmd, n)) => {
                        self.edit(ctx, "Propose mappings", cmd, None);
                        self.notify(
                            ctx,
                            format!(
                                "{} proposed. Check and justify each.",
                                plural(n, "field mapping", "field mappings")
                            ),
                        );
                    }
                    None => self.notify(
                        ctx,
                        "Nothing to propose: the flow already maps every field that arrives at its start (that its platform accepts).",
                    ),
                }
            }
            AppCommand::ServeUpstream { flow, activity } => {
                let name = self
                    .doc
                    .project
                    .activity(activity.as_str())
                    .map_or(activity.to_string(), |a| a.name.clone());
                match propose::serve_upstream(&self.doc.project, flow.as_str(), &activity) {
                    Some((cmd, n)) => {
                        self.edit(ctx, &format!("Apply {name} upstream"), cmd, None);
                        self.notify(
                            ctx,
                            format!("“{name}” now on {} more.", plural(n, "flow", "flows")),
                        );
                    }
                    None => self.notify(
                        ctx,
                        format!(
                            "Every flow that brings this flow its fields already serves “{name}”."
                        ),
                    ),
                }
            }
            AppCommand::Select { element, toggle } => {
                if toggle {
                    self.selection.toggle(element);
                } else {
                    self.selection.set(element);
                }
            }
            AppCommand::Reveal(element) => self.reveal(element),
            AppCommand::SelectNodes { nodes, add } => {
                if !add {
                    self.selection.clear();
                }
                for n in nodes {
                    self.selection.add(Element::Node(n));
                }
            }
            AppCommand::SelectAll => {
                self.selection.clear();
                for n in &self.doc.project.nodes {
                    self.selection.add(Element::Node(n.id.clone()));
                }
            }
            AppCommand::ClearSelection => self.selection.clear(),
            AppCommand::Fit => self.canvas.fit_all(),
            AppCommand::ToggleSimulator => {
                let on = self.simulator.is_on();
                self.simulator
                    .set((!on).then(super::super::command::SimChoice::default));
            }
            AppCommand::Simulate(choice) => self.simulator.set(choice),
            AppCommand::AskCompare => self.ask_compare(),
            AppCommand::CompareWith(arg) => self.compare_with(ctx, arg),
            AppCommand::ChooseCompareFile => self.choose_compare_file(ctx),
            AppCommand::StopComparing => {
                self.compare.stop();
                if self.bottom.tab == BottomTab::Changes {
                    self.bottom.tab = BottomTab::Findings;
                }
            }
            AppCommand::AutoLayout => {
                // Laid out here and now: a background layout would only be overtaken.
                self.stop_layout();
                let placed = layout::layered(&self.doc.project, Grid::default());
                let mut l = self.doc.project.layout.clone();
                l.positions = placed;
                self.edit(ctx, "Automatic layout", Command::SetLayout(l), None);
                self.canvas.fit_all();
            }
            AppCommand::StopLayout => {
                self.stop_layout();
                self.notify(
                    ctx,
                    "Layout stopped: the cards keep their columns. View ▸ Automatic layout lays them out again.",
                );
            }
            AppCommand::Find => self.outline.focus_search(),
            AppCommand::ShowTab(tab) => {
                self.bottom.tab = tab;
                self.prefs.show_bottom = true;
            }
            AppCommand::ShowFindings(severity) => {
                self.bottom.findings.filter_severity(severity);
                self.bottom.tab = BottomTab::Findings;
                self.prefs.show_bottom = true;
            }
            AppCommand::FrameNodes(nodes) => self.canvas.frame_nodes(&self.doc, &nodes),
            AppCommand::Hover(h) => self.hover_next = Some(h),
            AppCommand::ChooseRequests(destination) => self.choose_requests(ctx, destination),
            AppCommand::InspectFiles { destination, files } => {
                self.inspect_files(ctx, &destination, files, None, self.simulated_case())
            }
            AppCommand::ChooseTestIdentities => self.choose_identities(ctx),
            AppCommand::CheckWithIdentities(ids) => {
                if let Some(p) = &self.payloads {
                    let (destination, files, case) =
                        (p.destination.clone(), p.files.clone(), p.case);
                    self.inspect_files(ctx, &destination, files, Some(ids), case);
                }
            }
            AppCommand::CheckAgainstCase(case) => {
                if let Some(p) = &self.payloads {
                    let (destination, files) = (p.destination.clone(), p.files.clone());
                    let ids = p.identities.as_ref().map(|(path, _)| path.clone());
                    self.inspect_files(ctx, &destination, files, ids, case);
                }
            }
            AppCommand::DocumentInspected => self.document_inspected(ctx),
            AppCommand::ShowDialog(dialog) => self.dialogs.open(dialog),
            AppCommand::ShowWelcome => self.dialogs.open(Dialog::Welcome),
            AppCommand::ShowShortcuts => self.dialogs.open(Dialog::Shortcuts),
            AppCommand::ShowAbout => self.dialogs.open(Dialog::About),
            AppCommand::SetPrefs(prefs) => {
                if prefs.theme != self.prefs.theme {
                    prefs.theme.apply(ctx);
                }
                self.prefs = *prefs;
            }
        }
    }

    /// The consent case the simulator shows, when it is on: a capture is checked against it.
    fn simulated_case(&self) -> Option<usize> {
        let choice = self.simulator.choice()?;
        super::super::inspection::simulated_case(&self.doc.project, &self.catalog, choice)
    }

    /// An edit of the project as one undo step.
    pub(super) fn edit(
        &mut self,
        ctx: &egui::Context,
        label: &str,
        command: Command,
        merge: Option<String>,
    ) {
        if self.doc.apply(label, command, merge) {
            self.after_edit(ctx);
        } else {
            self.notify(
                ctx,
                format!("“{label}” could not be applied to the project as it is now."),
            );
        }
    }

    fn after_edit(&mut self, ctx: &egui::Context) {
        self.workers.last_edit = ctx.input(|i| i.time);
        let project = &self.doc.project;
        self.selection.retain(|e| e.exists_in(project));
        ctx.request_repaint();
    }

    fn add_and_select(&mut self, ctx: &egui::Context, label: &str, cmd: Command, e: Element) {
        self.edit(ctx, label, cmd, None);
        self.selection.set(e);
    }

    /// Selects an element and brings it into view; a mapping selects its flow.
    fn reveal(&mut self, element: ElementRef) {
        let element = element.owner();
        match &element {
            Element::Node(id) => self.canvas.frame_node(&self.doc, id.as_str()),
            Element::Flow(id) => self.canvas.frame_flow(&self.doc, id.as_str()),
            _ => {}
        }
        self.selection.set(element);
    }

    /// Inspects request files for a destination and shows the results.
    pub(super) fn inspect_files(
        &mut self,
        ctx: &egui::Context,
        destination: &NodeId,
        files: Vec<std::path::PathBuf>,
        identities: Option<std::path::PathBuf>,
        case: Option<usize>,
    ) {
        match Payloads::read(
            &self.doc.project,
            &self.catalog,
            destination,
            files,
            identities,
            case,
        ) {
            Ok(p) => {
                self.notify(
                    ctx,
                    format!(
                        "Inspected {} ({}) for {}",
                        plural(p.result.bodies, "request body", "request bodies"),
                        plural(p.result.events, "event", "events"),
                        self.doc
                            .project
                            .node(destination.as_str())
                            .map_or(destination.as_str(), |n| n.name.as_str())
                    ),
                );
                self.payloads = Some(p);
                self.bottom.tab = BottomTab::Payloads;
                self.prefs.show_bottom = true;
            }
            Err(message) => self.dialogs.open(Dialog::Error {
                title: "The requests could not be inspected".to_owned(),
                message,
            }),
        }
    }

    fn document_inspected(&mut self, ctx: &egui::Context) {
        let Some(p) = &self.payloads else {
            return;
        };
        let platform = self
            .doc
            .project
            .node(p.destination.as_str())
            .and_then(|n| n.as_destination())
            .and_then(|d| self.catalog.get(&d.platform));
        let observed = p.result.observed(&p.comparison.undocumented);
        let cmd = platform.and_then(|pl| {
            add::document_observed(&self.doc.project, pl, p.destination.as_str(), &observed)
        });
        match cmd {
            Some(cmd) => {
                self.edit(ctx, "Document inspected fields", cmd, None);
                if let Some(p) = &mut self.payloads {
                    p.comparison.undocumented.clear();
                }
            }
            None => self.notify(
                ctx,
                "No flow leads into this destination yet: draw one, then document the fields on it.",
            ),
        }
    }
}

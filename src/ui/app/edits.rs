//! The edits the canvas and menus ask for that are built from the project as it is: a node
//! placed where it belongs, a flow with its proposed mappings, deleting the selection, pasting.

use eframe::egui;

use crate::edit::{Command, copy, ops};
use crate::layout::{self, Grid};
use crate::model::{NodeId, Project};

use super::super::plural;
use super::super::selection::Element;
use super::CapimapApp;

impl CapimapApp {
    /// Adds a node where nodes of its kind are, clear of every other card, and selects it.
    pub(super) fn add_node(&mut self, ctx: &egui::Context, node: crate::model::Node) {
        let id = node.id.clone();
        let label = format!("Add {}", node.kind.label());
        let position = layout::place_new(&self.doc.project, &node.kind, Grid::default());
        let cmd = ops::add_node(&self.doc.project, node, position);
        self.edit(ctx, &label, cmd, None);
        // The new card and the others around it: the view moves only when one is out of it.
        let all: Vec<NodeId> = self
            .doc
            .project
            .nodes
            .iter()
            .map(|n| n.id.clone())
            .collect();
        self.canvas.frame_nodes(&self.doc, &all);
        self.selection.set(Element::Node(id));
    }

    /// A new flow between two nodes, with the mappings the destination's platform accepts.
    pub(super) fn connect(&mut self, ctx: &egui::Context, from: &NodeId, to: &NodeId) {
        if from == to {
            return;
        }
        let (command, id) =
            ops::add_flow(&self.doc.project, &self.catalog, from.as_str(), to.as_str());
        self.edit(ctx, "Add flow", command, None);
        let proposed = self
            .doc
            .project
            .flow(id.as_str())
            .map_or(0, |f| f.fields.len());
        if proposed > 0 {
            self.notify(
                ctx,
                format!(
                    "New flow {id}: {} proposed. Check and justify each.",
                    plural(proposed, "field mapping", "field mappings")
                ),
            );
        }
        self.selection.set(Element::Flow(id));
    }

    pub(super) fn delete_selection(&mut self, ctx: &egui::Context) {
        let nodes: Vec<&str> = self.selection.nodes().map(|n| n.as_str()).collect();
        let project = &self.doc.project;
        // Flows of deleted nodes go with them.
        let flows: Vec<&str> = self
            .selection
            .flows()
            .map(|f| f.as_str())
            .filter(|f| {
                project.flow(f).is_some_and(|x| {
                    !nodes.contains(&x.from.as_str()) && !nodes.contains(&x.to.as_str())
                })
            })
            .collect();
        if nodes.is_empty() && flows.is_empty() {
            return;
        }
        let first = ops::delete_flows(project, &flows);
        // Node deletion is computed on the project without those flows, so apply in order.
        let mut after: Project = project.clone();
        if first.clone().apply(&mut after).is_err() {
            return;
        }
        let second = ops::delete_nodes(&after, &nodes);
        let label = if nodes.len() + flows.len() == 1 {
            "Delete"
        } else {
            "Delete selection"
        };
        self.edit(ctx, label, Command::Batch(vec![first, second]), None);
        self.selection.clear();
    }

    /// Pastes the copied nodes below the originals, clear of every card, and selects the
    /// copies.
    pub(super) fn paste(&mut self, ctx: &egui::Context) {
        if self.clipboard.is_empty() {
            return;
        }
        let g = Grid::default();
        let offset = copy::clear_offset(
            &self.doc.project,
            &self.clipboard,
            (g.card_width, g.card_height),
            24.0,
        );
        let (cmd, new) = copy::paste(&self.doc.project, &self.clipboard, offset);
        let label = if new.len() == 1 {
            "Paste node"
        } else {
            "Paste nodes"
        };
        self.edit(ctx, label, cmd, None);
        self.selection.clear();
        for id in new {
            self.selection.add(Element::Node(id));
        }
    }
}

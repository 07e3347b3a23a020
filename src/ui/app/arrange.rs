//! The layout of a large project opened without saved positions, worked out on a worker
//! thread while the window is already open and usable: until it is done the cards stand in
//! provisional columns, and the status bar shows how far it has come (with a way to stop).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use eframe::egui;

use crate::layout::{self, Grid, Progress, Shape};
use crate::model::{NodeId, Position};

use super::CapimapApp;

/// A layout under way.
pub(super) struct Arranging {
    progress: Arc<Progress>,
    result: Receiver<Option<BTreeMap<NodeId, Position>>>,
    /// The nodes placed provisionally, with those places: a card the user moves in the
    /// meantime keeps the place the user gave it.
    was: Vec<(NodeId, Position)>,
}

impl CapimapApp {
    /// How far the background layout has come, from 0 to 1, while one runs.
    pub fn layout_progress(&self) -> Option<f32> {
        self.arranging.as_ref().map(|a| a.progress.fraction())
    }

    /// Starts the layout of the nodes the open document placed provisionally, and takes the
    /// result of one under way once it is ready.
    pub(super) fn keep_layout_going(&mut self, ctx: &egui::Context) {
        if self.arranging.is_none() && !self.doc.provisional.is_empty() {
            self.start_layout(ctx);
        }
        let Some(arranging) = &self.arranging else {
            return;
        };
        match arranging.result.try_recv() {
            Ok(Some(placed)) => {
                let was = std::mem::take(&mut self.arranging).map(|a| a.was);
                self.doc.take_layout(&was.unwrap_or_default(), &placed);
                self.canvas.fit_all();
            }
            // Stopped by the user: the provisional places stay.
            Ok(None) | Err(TryRecvError::Disconnected) => self.arranging = None,
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
        }
    }

    fn start_layout(&mut self, ctx: &egui::Context) {
        let ids = std::mem::take(&mut self.doc.provisional);
        let positions = &self.doc.project.layout.positions;
        let was: Vec<(NodeId, Position)> = ids
            .into_iter()
            .filter_map(|id| positions.get(&id).map(|&at| (id, at)))
            .collect();
        let shape = Shape::of(&self.doc.project);
        let progress = Arc::new(Progress::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let shared = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("capimap-layout".to_owned())
            .spawn(move || {
                let placed = layout::arrange(&shape, Grid::default(), &shared);
                // The window may have closed meanwhile: nothing waits for the result then.
                let _ = tx.send(placed);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.arranging = Some(Arranging {
                    progress,
                    result: rx,
                    was,
                })
            }
            // No thread to be had: lay out here rather than leave the columns.
            Err(_) => {
                let placed = layout::arrange(
                    &Shape::of(&self.doc.project),
                    Grid::default(),
                    &Progress::default(),
                );
                self.doc.take_layout(&was, &placed.unwrap_or_default());
            }
        }
    }

    /// Stops the layout under way; the cards keep their provisional places.
    pub(super) fn stop_layout(&mut self) {
        if let Some(a) = self.arranging.take() {
            a.progress.cancel();
        }
    }
}

//! Work that must not hold up a frame: the checks of a large project and the export of the
//! record run on worker threads; unsaved work is written for crash recovery every 30 seconds.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use eframe::egui;

use crate::check::Report;
use crate::model::{Date, Project};
use crate::report::document::Edition;
use crate::report::export::{self, PdfJob};
use crate::report::pdf::Paper;
use crate::report::words::Lang;

use super::super::dialog::Dialog;
use super::super::recovery::{self, Found, Recovery};
use super::CapimapApp;

/// From this many flows on, the checks run on a worker thread.
const LARGE_PROJECT_FLOWS: usize = 2_000;

/// A finished export: what to say, the file, and how many errors are still open.
struct Exported {
    message: String,
    path: PathBuf,
    errors: usize,
}

#[derive(Default)]
pub(super) struct Workers {
    /// A check run on the worker thread, when one is under way.
    checking: Option<Receiver<(u64, Report)>>,
    /// An export of the record under way.
    exporting: Option<Receiver<Result<Exported, String>>>,
    /// Where unsaved work is kept against a crash; `None` turns that off.
    recovery: Option<Recovery>,
    /// The time and revision of the last recovery write.
    last_recovery: (f64, u64),
    /// When the project was last edited (the checks of a large project wait for a pause).
    pub last_edit: f64,
    /// Who the record being exported is for (chosen in the File menu).
    pub edition: Edition,
    /// A PNG of the canvas being written, once the window system hands over the pixels.
    picture: Option<Receiver<Result<String, String>>>,
    /// Where to write a picture of the canvas, and when it was asked for: it is taken once the
    /// controls over the canvas have faded out.
    pub picture_to: Option<(PathBuf, f64)>,
    /// A container export being read and planned.
    pub importing: Option<Receiver<Result<crate::ui::dialog::Imported, String>>>,
}

impl Workers {
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// A picture of the canvas is asked for or being taken.
    pub fn taking_picture(&self) -> bool {
        self.picture_to.is_some() || self.picture.is_some()
    }

    pub fn close_recovery(&self) {
        if let Some(r) = &self.recovery {
            r.close();
        }
    }
}

impl CapimapApp {
    pub fn is_exporting(&self) -> bool {
        self.workers.is_exporting()
    }

    /// Turns crash recovery on, and offers work left by a session that did not end cleanly.
    pub fn set_recovery(&mut self, recovery: Option<Recovery>) {
        if let Some(found) = recovery.as_ref().and_then(|r| r.find()) {
            self.dialogs.open(Dialog::Recover {
                origin: found.origin.clone(),
                found: Box::new(found),
            });
        }
        self.workers.recovery = recovery;
    }

    /// Writes unsaved work to the recovery file every 30 seconds.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(r) = &self.workers.recovery else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let revision = self.doc.revision();
        if !self.doc.is_modified() || revision == self.workers.last_recovery.1 {
            return;
        }
        if now - self.workers.last_recovery.0 < recovery::INTERVAL {
            ctx.request_repaint_after(Duration::from_secs(5));
            return;
        }
        self.workers.last_recovery = (now, revision);
        if let Err(e) = r.write(&self.doc.project, self.doc.path.as_deref()) {
            self.notify(ctx, format!("Could not write the recovery copy: {e}"));
        }
    }

    /// Removes a copy that was offered at start-up, once it was recovered or discarded.
    pub(super) fn forget_recovered(&mut self, found: &Found) {
        if let Some(r) = &self.workers.recovery {
            r.forget(found);
        }
    }

    /// Takes recovered work as the open project, marked unsaved, so that the user saves it on
    /// purpose (to its original file, or elsewhere).
    pub(super) fn recover(&mut self, ctx: &egui::Context, found: Found) {
        let mut doc =
            super::super::document::Document::new(found.project.clone(), found.origin.clone());
        doc.mark_unsaved();
        self.replace_document(doc);
        // The work becomes this window's own recovery copy at once; only then does the old
        // copy go, so that a second crash in the next half minute loses nothing either.
        if let Some(r) = &self.workers.recovery
            && r.write(&self.doc.project, self.doc.path.as_deref()).is_ok()
        {
            r.forget(&found);
        }
        self.notify(ctx, "Recovered the unsaved work. Save it to keep it.");
    }

    /// Tells other windows which file this one has open.
    pub(super) fn note_origin(&self) {
        if let Some(r) = &self.workers.recovery {
            // Best effort: the note only serves the warning about two windows on one file.
            let _ = r.note_origin(self.doc.path.as_deref());
        }
    }

    /// Whether another window has this file open.
    pub(super) fn open_elsewhere(&self, path: &Path) -> bool {
        self.workers
            .recovery
            .as_ref()
            .is_some_and(|r| r.open_elsewhere(path))
    }

    /// Forgets the recovery copy (the work is saved, or was discarded on purpose).
    pub(super) fn clear_recovery(&mut self) {
        if let Some(r) = &self.workers.recovery {
            r.clear();
        }
        self.workers.last_recovery.1 = 0;
    }

    /// Checks a newly opened project at once when that takes a moment; a large one is checked
    /// on the worker thread, so that its window opens without waiting.
    pub(super) fn check_if_small(&mut self) {
        if self.doc.project.flows.len() < LARGE_PROJECT_FLOWS {
            self.doc.recheck(&self.catalog);
        }
    }

    /// Re-runs the checks when the project changed: at once for ordinary projects (a few
    /// milliseconds), and for large ones on a worker thread a moment after the last edit, so
    /// that typing never waits for them. The findings shown are those of the last finished run.
    pub(super) fn keep_findings_fresh(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.workers.checking {
            match rx.try_recv() {
                Ok((revision, report)) => {
                    self.doc.set_report(report, revision);
                    self.workers.checking = None;
                }
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(50));
                    return;
                }
                Err(TryRecvError::Disconnected) => self.workers.checking = None,
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
        if now - self.workers.last_edit < 0.3 {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let project = self.doc.project.clone();
        let catalog = self.catalog.clone();
        let revision = self.doc.revision();
        let repaint = ctx.clone();
        let container = self.doc.container.clone();
        let spawned = std::thread::Builder::new()
            .name("capimap-check".to_owned())
            .spawn(move || {
                let report =
                    super::super::document::checked(&project, &catalog, container.as_deref());
                let _ = tx.send((revision, report));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.workers.checking = Some(rx),
            // No thread to be had: check here rather than not at all.
            Err(_) => self.doc.recheck(&self.catalog),
        }
    }

    /// Writes the record to `path` on a worker thread: a workbook for a `.xlsx` or `.ods` path, CSV for a
    /// `.csv` one, else the PDF.
    pub(super) fn export_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let edition = self.workers.edition;
        let project = self.doc.project.clone();
        // Checked again on the worker: the findings shown may lag behind the last edit on a
        // large project, and the record must say what the project says now.
        let catalog = self.catalog.clone();
        // The cover names the saved file the record is issued from: its bytes as they are
        // on disk, when the project is saved and unchanged since; else it says it is unsaved.
        let saved = match &self.doc.path {
            Some(p) if !self.doc.is_modified() => std::fs::read(p).ok(),
            _ => None,
        };
        let lang = self.prefs.record_lang;
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("capimap-export".to_owned())
            .spawn(move || {
                let report = crate::check::check(&project, &catalog);
                let errors = report.count(crate::check::Severity::Error);
                let result =
                    write_record(&project, &report, &path, saved, edition, lang).map(|message| {
                        Exported {
                            message,
                            path: path.clone(),
                            errors,
                        }
                    });
                let _ = tx.send(result);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.workers.exporting = Some(rx);
                self.notify(ctx, "Exporting the record…");
            }
            Err(e) => self.dialogs.open(Dialog::Error {
                title: "The record could not be exported".to_owned(),
                message: format!("no worker thread could be started: {e}"),
            }),
        }
    }

    /// Writes the diagram: the whole of it as SVG, or (for a `.png` path) the canvas as shown,
    /// from a screenshot of the window.
    pub(super) fn export_diagram_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        if !png {
            match export::write_svg(&path, &self.doc.project) {
                Ok(_) => self.notify(ctx, format!("Exported the diagram to {}", path.display())),
                Err(e) => self.dialogs.open(Dialog::Error {
                    title: "The diagram could not be exported".to_owned(),
                    message: e.to_string(),
                }),
            }
            return;
        }
        // The picture is taken of a frame drawn without the zoom controls and the minimap
        // over the canvas, once they have faded out.
        self.workers.picture_to = Some((path, ctx.input(|i| i.time)));
        ctx.request_repaint();
    }

    /// Takes the picture asked for in the frame before, of this frame's canvas.
    pub(super) fn take_picture(&mut self, ctx: &egui::Context, path: PathBuf) {
        let area = self.canvas.view_rect();
        let ppp = ctx.pixels_per_point();
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let canvas = image.region(&area, Some(ppp));
            let result = super::super::files::write_png(&path, &canvas)
                .map(|()| format!("Exported the canvas to {}", path.display()));
            let _ = tx.send(result);
            repaint.request_repaint();
        });
        self.workers.picture = Some(rx);
    }

    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.workers.picture {
            match rx.try_recv() {
                Ok(Ok(message)) => {
                    self.workers.picture = None;
                    self.notify(ctx, message);
                }
                Ok(Err(message)) => {
                    self.workers.picture = None;
                    self.dialogs.open(Dialog::Error {
                        title: "The canvas could not be exported".to_owned(),
                        message,
                    });
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.workers.picture = None,
            }
        }
        let Some(rx) = &self.workers.exporting else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(Exported {
                message,
                path,
                errors,
            })) => {
                self.workers.exporting = None;
                self.notify(ctx, message.clone());
                self.dialogs.open(Dialog::Exported {
                    title: "Record exported".to_owned(),
                    message,
                    path,
                    errors,
                });
            }
            Ok(Err(message)) => {
                self.workers.exporting = None;
                self.dialogs.open(Dialog::Error {
                    title: "The record could not be exported".to_owned(),
                    message,
                });
            }
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(TryRecvError::Disconnected) => self.workers.exporting = None,
        }
    }
}

/// The record as a workbook (for a `.xlsx` or `.ods` path), CSV (`.csv`) or PDF; the message for the
/// status bar, or the error.
fn write_record(
    project: &Project,
    report: &Report,
    path: &Path,
    saved: Option<Vec<u8>>,
    edition: Edition,
    lang: Lang,
) -> Result<String, String> {
    let today = Date::today().unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    let is = |ext: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    if is("xlsx") {
        export::write_xlsx(path, project, today).map_err(|e| e.to_string())?;
        return Ok(format!(
            "Exported the record to {} (the ICO template's sheet, recipients, retention, fields)",
            path.display()
        ));
    }
    if is("ods") {
        export::write_ods(path, project, today).map_err(|e| e.to_string())?;
        return Ok(format!(
            "Exported the record to {} (the ICO template's sheet, recipients, retention, fields)",
            path.display()
        ));
    }
    if is("csv") {
        // The app's users open the CSV in a spreadsheet: with the byte-order mark, Excel
        // reads it as UTF-8.
        export::write_csv(path, project, true).map_err(|e| e.to_string())?;
        return Ok(format!("Exported the record to {}", path.display()));
    }
    let job = PdfJob {
        date: today,
        saved,
        edition,
        lang,
        paper: Paper::A4,
        changes: None,
    };
    let written = export::write_pdf(path, project, report, job).map_err(|e| e.to_string())?;
    let mut message = format!(
        "Exported the record to {} ({} pages)",
        path.display(),
        written.pages
    );
    // The first thing the record could not show as written, and how many more.
    if let Some(first) = written.warnings.first() {
        message.push_str(&format!("; {first}"));
        if written.warnings.len() > 1 {
            message.push_str(&format!(" (and {} more)", written.warnings.len() - 1));
        }
    }
    Ok(message)
}

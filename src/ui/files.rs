//! Choosing files: the native dialog through rfd where there is one, and an in-app path prompt
//! where there is none (on Linux rfd silently returns nothing without a desktop portal or
//! zenity), so that Open and Save As never just do nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file is being chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    /// Where to write the record of processing (PDF, or CSV by the file name).
    Export,
    /// Request bodies to inspect (JSON, JSON Lines, HAR).
    Inspect,
    /// Where to write the diagram (SVG).
    Diagram,
    /// A server-side Tag Manager container export to import.
    Container,
    /// A file of made-up test people, to check the last inspection's capture with.
    TestIdentities,
    /// A fideslang file to import.
    Fides,
    /// Where to write fideslang resources.
    FidesExport,
    /// Where to write the record as DPV JSON-LD.
    DpvExport,
}

/// The outcome of asking for a file.
pub enum Choice {
    Chosen(PathBuf),
    /// Several files (request files are picked several at once).
    Several(Vec<PathBuf>),
    Cancelled,
    /// No native dialog could be shown: ask in the app.
    Unavailable,
}

/// Whether a native dialog can be expected to appear.
pub fn native_available() -> bool {
    if cfg!(target_os = "linux") || cfg!(target_os = "freebsd") {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
        let zenity = std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()));
        bus || zenity
    } else {
        true
    }
}

/// Asks with the native dialog. A dialog that "returns" faster than a person can cancel one
/// did not appear: that counts as unavailable too.
pub fn ask_native(purpose: Purpose, suggested: Option<&PathBuf>) -> Choice {
    if !native_available() {
        return Choice::Unavailable;
    }
    let mut dialog = match purpose {
        Purpose::Export => rfd::FileDialog::new()
            .add_filter("PDF", &["pdf"])
            .add_filter("Excel workbook", &["xlsx"])
            .add_filter("OpenDocument spreadsheet", &["ods"])
            .add_filter("CSV", &["csv"]),
        Purpose::Inspect => {
            rfd::FileDialog::new().add_filter("Requests", &["json", "jsonl", "ndjson", "har"])
        }
        Purpose::Container => {
            rfd::FileDialog::new().add_filter("Tag Manager container export", &["json"])
        }
        Purpose::TestIdentities => {
            rfd::FileDialog::new().add_filter("Test identities (RON)", &["ron"])
        }
        Purpose::Fides | Purpose::FidesExport => {
            rfd::FileDialog::new().add_filter("fideslang resources (YAML)", &["yml", "yaml"])
        }
        Purpose::DpvExport => {
            rfd::FileDialog::new().add_filter("W3C DPV (JSON-LD)", &["jsonld", "json"])
        }
        Purpose::Diagram => rfd::FileDialog::new()
            .add_filter("SVG image (the whole diagram)", &["svg"])
            .add_filter("PNG image (the canvas as shown)", &["png"]),
        _ => rfd::FileDialog::new().add_filter("capimap project", &["ron"]),
    }
    .add_filter("All files", &["*"]);
    if let Some(s) = suggested {
        if let Some(dir) = s.parent().filter(|d| !d.as_os_str().is_empty()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = s.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
    }
    let started = Instant::now();
    let picked = match purpose {
        Purpose::Inspect => dialog.pick_files().map(Choice::Several),
        Purpose::Open | Purpose::Container | Purpose::TestIdentities | Purpose::Fides => {
            dialog.pick_file().map(Choice::Chosen)
        }
        Purpose::SaveAs
        | Purpose::Export
        | Purpose::Diagram
        | Purpose::FidesExport
        | Purpose::DpvExport => dialog.save_file().map(Choice::Chosen),
    };
    match picked {
        Some(Choice::Several(files)) if files.is_empty() => Choice::Cancelled,
        Some(choice) => choice,
        None if started.elapsed() < Duration::from_millis(150) => Choice::Unavailable,
        None => Choice::Cancelled,
    }
}

/// Whether a file holds request bodies to inspect (JSON, JSON Lines, HAR) rather than a
/// project, by its name.
pub fn is_request_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "jsonl", "ndjson", "har"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// Whether a file is a server-side Tag Manager container export rather than request bodies:
/// by the start of its content (both end in .json).
pub fn is_container_export(path: &std::path::Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
        .is_ok()
        && crate::import::gtm::looks_like_export(&head)
}

/// Several paths typed into one prompt, one a line or separated by `;`.
pub fn typed_paths(text: &str) -> Vec<PathBuf> {
    text.split(['\n', ';']).filter_map(typed_path).collect()
}

/// Makes a path typed by a person usable: `~` expanded, surrounding quotes and spaces dropped.
pub fn typed_path(text: &str) -> Option<PathBuf> {
    let t = text.trim().trim_matches(['"', '\'']);
    if t.is_empty() {
        return None;
    }
    if let Some(rest) = t.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return Some(PathBuf::from(home).join(rest));
    }
    Some(PathBuf::from(t))
}

/// A file name to save under: the project name with the project-file ending.
pub fn suggested_name(project_name: &str) -> PathBuf {
    let stem: String = project_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() {
        "project".to_owned()
    } else {
        stem
    };
    PathBuf::from(format!("{stem}.{}", crate::store::EXTENSION))
}

/// Opens a file or folder with the program the system uses for it, without waiting for it.
/// Local only: the path is handed to the desktop's opener, nothing else.
pub fn open_externally(path: &std::path::Path) -> Result<(), String> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|mut child| {
            // Reaped when the opener exits, so that no finished process lingers.
            std::thread::spawn(move || child.wait());
        })
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no program to open it with was found".to_owned(),
            _ => e.to_string(),
        })
}

/// Writes an image (RGBA, row by row) as a PNG file, atomically.
pub fn write_png(path: &std::path::Path, image: &eframe::egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let (w32, h32) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    crate::store::write_output(path, |out| {
        let mut encoder = png::Encoder::new(out, w32, h32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
        writer
            .write_image_data(image.as_raw())
            .map_err(std::io::Error::other)?;
        writer.finish().map_err(std::io::Error::other)
    })
    .map(|_| ())
    .map_err(|e| e.to_string())
}

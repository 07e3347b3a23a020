//! The domain never depends on the user interface: only `src/ui` may name egui, eframe or rfd.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_ui_module_uses_gui_crates() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 10, "the source tree was found");
    let ui = Path::new("src").join("ui");
    for file in files.iter().filter(|f| !f.starts_with(&ui)) {
        let text = fs::read_to_string(file).unwrap();
        for (no, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for krate in ["egui", "eframe", "rfd::"] {
                assert!(
                    !code.contains(krate) || code.contains("\"gui\""),
                    "{}:{}: the domain must not use {krate}: {line}",
                    file.display(),
                    no + 1
                );
            }
        }
    }
}

/// The app's panels draw from a read-only view and push commands: none of them reaches into
/// the app itself, so the only way from a panel to the project is a command.
#[test]
fn no_panel_imports_the_app() {
    let mut files = Vec::new();
    rust_files(&Path::new("src").join("ui"), &mut files);
    assert!(files.len() > 10, "the ui module was found");
    let app = Path::new("src").join("ui").join("app");
    for file in files.iter().filter(|f| !f.starts_with(&app)) {
        if file.ends_with("ui/mod.rs") {
            continue;
        }
        let text = fs::read_to_string(file).unwrap();
        for (no, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("super::app")
                    && !code.contains("ui::app")
                    && !code.contains("CapimapApp"),
                "{}:{}: a panel must not use the app: {line}",
                file.display(),
                no + 1
            );
        }
    }
}

/// Files with one job: none of the app's files grows past about 400 lines.
#[test]
fn no_ui_file_is_over_about_400_lines() {
    let mut files = Vec::new();
    rust_files(&Path::new("src").join("ui"), &mut files);
    for file in &files {
        let lines = fs::read_to_string(file).unwrap().lines().count();
        assert!(lines <= 430, "{}: {lines} lines", file.display());
    }
}

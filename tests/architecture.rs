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

/// The app's modules import one another without a circle: every module can be read (and
/// changed) knowing only the ones below it. Edges are `super::…` and `crate::ui::…` paths
/// between the top-level modules of `src/ui`.
#[test]
fn the_ui_modules_import_each_other_without_a_circle() {
    use std::collections::{BTreeMap, BTreeSet};
    let ui = Path::new("src").join("ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&ui).unwrap();
        let parts: Vec<String> = rel
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .collect();
        if parts == ["mod"] {
            continue;
        }
        let module = parts[0].clone();
        // How many `super::` lead from this file to `src/ui`.
        let depth = if parts.last().is_some_and(|p| p == "mod") {
            parts.len() - 1
        } else {
            parts.len()
        };
        let prefix = "super::".repeat(depth);
        let text = fs::read_to_string(file).unwrap();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (at, _) in code.match_indices(&prefix) {
                let after = &code[at + prefix.len()..];
                if after.starts_with("super::") {
                    continue;
                }
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                add_edge(&mut edges, &module, &name, &files, &ui);
            }
            for (at, _) in code.match_indices("crate::ui::") {
                let name: String = code[at + 11..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                add_edge(&mut edges, &module, &name, &files, &ui);
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => panic!(
                    "the ui modules import each other in a circle: {} → {m}",
                    path.join(" → ")
                ),
                0 => visit(m, edges, state, path),
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    assert!(edges.len() > 10, "the modules were found: {edges:?}");
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, &edges, &mut state, &mut Vec::new());
        }
    }
}

fn add_edge(
    edges: &mut std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    from: &str,
    to: &str,
    files: &[std::path::PathBuf],
    ui: &Path,
) {
    let is_module = files.iter().any(|f| {
        f.strip_prefix(ui).is_ok_and(|r| {
            r.components()
                .next()
                .is_some_and(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs") == to)
        })
    });
    edges.entry(from.to_owned()).or_default();
    if is_module && to != from {
        edges
            .entry(from.to_owned())
            .or_default()
            .insert(to.to_owned());
    }
}

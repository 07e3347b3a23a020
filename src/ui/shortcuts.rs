//! The command table: each menu command's label, tooltip and keyboard shortcuts, in one place.
//! The menus, the key handling and Help ▸ Keyboard shortcuts are all drawn from it.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::report::document::Edition;

use super::command::{AppCommand, Exchange, Pending};

/// How a command appears in menus and which keys run it.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub label: &'static str,
    pub tooltip: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
    /// Whether the keys work while a text field has the keyboard (there they would undo or
    /// delete text instead).
    pub while_typing: bool,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Shortcuts as a constant slice (a `const` block, so that the table can lend them for good).
macro_rules! keys {
    ($($k:expr),* $(,)?) => {{
        const K: &[KeyboardShortcut] = &[$($k),*];
        K
    }};
}

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl AppCommand {
    /// The label, tooltip and shortcuts, for commands that have a menu entry.
    pub fn spec(&self) -> Option<Spec> {
        let s = |label, tooltip, shortcuts, while_typing| {
            Some(Spec {
                label,
                tooltip,
                shortcuts,
                while_typing,
            })
        };
        match self {
            AppCommand::Request(Pending::New) => s(
                "New project",
                "Start an empty project",
                keys![key(Modifiers::COMMAND, Key::N)],
                true,
            ),
            AppCommand::Request(Pending::Open(None)) => s(
                "Open…",
                "Open a project file (.capimap.ron)",
                keys![key(Modifiers::COMMAND, Key::O)],
                true,
            ),
            AppCommand::Request(Pending::OpenExample) => s(
                "Open the example",
                "The online shop sending conversions to Meta, Google Ads and TikTok",
                &[],
                true,
            ),
            AppCommand::Request(Pending::Revert) => s(
                "Revert to saved",
                "Discard the changes since the last save",
                &[],
                true,
            ),
            AppCommand::Save => s(
                "Save",
                "Save the project to its file",
                keys![key(Modifiers::COMMAND, Key::S)],
                true,
            ),
            AppCommand::SaveAs => s(
                "Save as…",
                "Save the project to another file",
                keys![key(CMD_SHIFT, Key::S)],
                true,
            ),
            AppCommand::Export(Edition::Authority) => s(
                "Export record for the authority…",
                "The record of processing (Art. 30) as a PDF or CSV, as the supervisory authority asks for it",
                keys![key(Modifiers::COMMAND, Key::E)],
                true,
            ),
            AppCommand::Export(Edition::Internal) => s(
                "Export internal record (with findings)…",
                "The record with the field inventory, consent coverage and capimap's findings as annexes",
                &[],
                true,
            ),
            AppCommand::ImportContainer => s(
                "Server-side Tag Manager container…",
                "Read a server container's export (Admin ▸ Export Container): its tags, what they send and how, the cookies they set and their consent checks, shown before anything is added. Tokens are never shown or stored",
                keys![],
                true,
            ),
            AppCommand::ImportFides => s(
                "Fides YAML (fideslang)…",
                "Read fideslang resources (systems, privacy declarations, datasets) into the project: systems become nodes, declarations activities, data flows flows. What fideslang does not say (how each field is sent, which consents a gate enforces) is listed to complete",
                keys![],
                true,
            ),
            AppCommand::ExportExchange(Exchange::Fides) => s(
                "Fides YAML (fideslang)…",
                "The map as fideslang resources for Fides: a system per node with its data flows, a privacy declaration per activity, a dataset per store, and the categories capimap needs beyond fideslang's",
                keys![],
                true,
            ),
            AppCommand::ExportExchange(Exchange::Dpv) => s(
                "W3C DPV JSON-LD…",
                "The record of processing in the W3C Data Privacy Vocabulary: purposes, legal bases, personal data, recipients, transfers, storage durations and measures of each activity, as linked data",
                keys![],
                true,
            ),
            AppCommand::ExportDiagram => s(
                "Export diagram…",
                "The data-flow diagram as an image for slides, wikis or a DPIA: .svg for the whole diagram with a legend, .png for the canvas as it is shown",
                keys![],
                true,
            ),
            AppCommand::Quit => s(
                "Quit",
                "Close the window",
                keys![key(Modifiers::COMMAND, Key::Q)],
                true,
            ),
            AppCommand::Undo => s(
                "Undo",
                "Undo the last change",
                keys![key(Modifiers::COMMAND, Key::Z)],
                false,
            ),
            AppCommand::Redo => s(
                "Redo",
                "Redo what was undone",
                keys![key(CMD_SHIFT, Key::Z), key(Modifiers::COMMAND, Key::Y)],
                false,
            ),
            AppCommand::Delete => s(
                "Delete",
                "Delete the selected nodes and flows (a node's flows and retention rules go with it)",
                keys![
                    key(Modifiers::NONE, Key::Delete),
                    key(Modifiers::NONE, Key::Backspace),
                ],
                false,
            ),
            AppCommand::Copy => s(
                "Copy",
                "Copy the selected nodes, with the flows among them and their retention rules",
                keys![key(Modifiers::COMMAND, Key::C)],
                false,
            ),
            AppCommand::Paste => s(
                "Paste",
                "Paste the copied nodes beside the originals, under new ids",
                keys![key(Modifiers::COMMAND, Key::V)],
                false,
            ),
            AppCommand::Duplicate => s(
                "Duplicate",
                "Copy and paste the selected nodes in one step",
                keys![key(Modifiers::COMMAND, Key::D)],
                false,
            ),
            AppCommand::SelectAll => s(
                "Select all nodes",
                "Select every card on the canvas",
                keys![key(Modifiers::COMMAND, Key::A)],
                false,
            ),
            AppCommand::Find => s(
                "Find…",
                "Search the outline by name or id",
                keys![key(Modifiers::COMMAND, Key::F)],
                true,
            ),
            AppCommand::Fit => s(
                "Fit the diagram",
                "Zoom and pan so that every card is in view",
                keys![key(Modifiers::COMMAND, Key::Num0)],
                true,
            ),
            AppCommand::AutoLayout => s(
                "Automatic layout",
                "Place the cards in layers from sources to destinations (one undo step)",
                keys![key(CMD_SHIFT, Key::L)],
                false,
            ),
            AppCommand::ToggleSimulator => s(
                "Consent simulator",
                "Grant or deny each consent purpose and see which flows still carry data, and which destinations still receive it",
                keys![key(CMD_SHIFT, Key::K)],
                true,
            ),
            AppCommand::ShowWelcome => s(
                "Getting started",
                "What capimap does and how to begin",
                keys![key(Modifiers::NONE, Key::F1)],
                true,
            ),
            AppCommand::AskCompare => s(
                "Compare with…",
                "What changed since a git revision of the project file (HEAD, a branch, a commit) or another version of it: the canvas marks what was added, removed and changed, the Changes tab lists it",
                keys![key(CMD_SHIFT, Key::D)],
                true,
            ),
            AppCommand::StopComparing => s(
                "Stop comparing",
                "Take the comparison's marks off the canvas",
                &[],
                true,
            ),
            AppCommand::ShowShortcuts => {
                s("Keyboard shortcuts", "Every shortcut of the app", &[], true)
            }
            AppCommand::ShowAbout => s(
                "About capimap",
                "Version and what capimap never does",
                &[],
                true,
            ),
            AppCommand::AddActivity => s(
                "Processing activity",
                "A purpose of processing: one row of the record (Art. 30(1)(b))",
                &[],
                true,
            ),
            AppCommand::AddConsentPurpose => s(
                "Consent purpose",
                "A purpose people consent to in the banner, which a consent gate enforces",
                &[],
                true,
            ),
            AppCommand::AddField => s(
                "Field",
                "A kind of personal data, catalogued once and mapped onto flows",
                &[],
                true,
            ),
            _ => None,
        }
    }

    /// Every command that has a menu entry or a shortcut: the table the menus, the key handling
    /// and Help ▸ Keyboard shortcuts are drawn from.
    pub fn table() -> Vec<AppCommand> {
        vec![
            AppCommand::Request(Pending::New),
            AppCommand::Request(Pending::Open(None)),
            AppCommand::Request(Pending::OpenExample),
            AppCommand::Save,
            AppCommand::SaveAs,
            AppCommand::Export(Edition::Authority),
            AppCommand::Export(Edition::Internal),
            AppCommand::ExportDiagram,
            AppCommand::ImportContainer,
            AppCommand::AskCompare,
            AppCommand::StopComparing,
            AppCommand::Request(Pending::Revert),
            AppCommand::Quit,
            AppCommand::Undo,
            AppCommand::Redo,
            AppCommand::Delete,
            AppCommand::Copy,
            AppCommand::Paste,
            AppCommand::Duplicate,
            AppCommand::SelectAll,
            AppCommand::Find,
            AppCommand::Fit,
            AppCommand::AutoLayout,
            AppCommand::ToggleSimulator,
            AppCommand::AddActivity,
            AppCommand::AddConsentPurpose,
            AppCommand::AddField,
            AppCommand::ShowWelcome,
            AppCommand::ShowShortcuts,
            AppCommand::ShowAbout,
        ]
    }

    /// The commands with shortcuts, those with more modifiers first: egui matches Ctrl+Z also
    /// when Shift is held, so Ctrl+Shift+Z must be looked at before it.
    pub fn keyed() -> Vec<(KeyboardShortcut, AppCommand, bool)> {
        let mut keys: Vec<_> = Self::table()
            .into_iter()
            .filter_map(|c| c.spec().map(|s| (s, c)))
            .flat_map(|(s, c)| {
                s.shortcuts
                    .iter()
                    .map(move |k| (*k, c.clone(), s.while_typing))
            })
            .collect();
        keys.sort_by_key(|(k, _, _)| std::cmp::Reverse(modifier_count(k.modifiers)));
        keys
    }
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .iter()
        .filter(|x| **x)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let keys = AppCommand::keyed();
        assert!(keys.len() >= 10, "the table has its shortcuts");
        for (i, (a, ca, _)) in keys.iter().enumerate() {
            for (b, cb, _) in &keys[i + 1..] {
                assert!(
                    a != b,
                    "{:?} and {:?} share {a:?}",
                    ca.spec().map(|s| s.label),
                    cb.spec().map(|s| s.label)
                );
            }
        }
    }

    #[test]
    fn every_command_of_the_table_has_a_label_and_a_tooltip() {
        for c in AppCommand::table() {
            let spec = c.spec().unwrap_or_else(|| panic!("{c:?} has no entry"));
            assert!(!spec.label.is_empty() && !spec.tooltip.is_empty(), "{c:?}");
        }
    }

    #[test]
    fn shortcuts_with_more_modifiers_are_tried_first() {
        // egui matches Ctrl+Z also when Shift is held: Ctrl+Shift+Z must come before it.
        let keys = AppCommand::keyed();
        let at = |k: KeyboardShortcut| keys.iter().position(|(x, _, _)| *x == k);
        assert!(at(key(CMD_SHIFT, Key::Z)) < at(key(Modifiers::COMMAND, Key::Z)));
        assert!(at(key(CMD_SHIFT, Key::S)) < at(key(Modifiers::COMMAND, Key::S)));
    }
}

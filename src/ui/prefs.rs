//! What survives a restart (eframe's storage): never the project itself, which lives only in
//! the user's file.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::theme::Theme;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

impl Prefs {
    /// Puts a file at the top of File ▸ Open recent.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(10);
    }
}

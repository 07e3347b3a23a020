//! Undo and redo.

use crate::model::Project;

use super::{Command, EditError};

/// One undoable step: what to apply to undo it, and its name for the Edit menu.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Command,
    /// Steps with the same key, one right after the other, merge into one (typing a name
    /// letter by letter is one step).
    merge_key: Option<String>,
    /// The state the project is in once this step is done (see [`History::state`]).
    state: u64,
}

/// The undo and redo stacks of one open project, bounded in length.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    limit: usize,
    /// Counts every change, so that the app can tell "changed since saved" even after undo.
    revision: u64,
    /// The state before the oldest step still on the undo stack.
    base: u64,
}

impl Default for History {
    fn default() -> Self {
        Self::new(500)
    }
}

impl History {
    pub fn new(limit: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            revision: 0,
            base: 0,
        }
    }

    /// Applies a command as a new step. `merge_key`: consecutive steps with the same key are
    /// one step for undo.
    pub fn apply(
        &mut self,
        project: &mut Project,
        label: impl Into<String>,
        command: Command,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        if command.is_empty() {
            return Ok(());
        }
        let inverse = command.apply(project)?;
        self.redo.clear();
        self.revision += 1;
        if let (Some(key), Some(last)) = (&merge_key, self.undo.last_mut())
            && last.merge_key.as_ref() == Some(key)
        {
            // Keep the oldest inverse: undo returns to before the first of the merged steps.
            let older = std::mem::replace(&mut last.inverse, Command::Batch(Vec::new()));
            last.inverse = Command::Batch(vec![inverse, older]);
            last.state = self.revision;
            return Ok(());
        }
        self.undo.push(Step {
            label: label.into(),
            inverse,
            merge_key,
            state: self.revision,
        });
        if self.undo.len() > self.limit {
            let dropped = self.undo.remove(0);
            self.base = dropped.state;
        }
        Ok(())
    }

    /// Ends merging: the next step starts a new undo entry even with the same key (when a text
    /// field loses focus, say).
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.merge_key = None;
        }
    }

    pub fn undo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        let redo = step.inverse.apply(project)?;
        self.revision += 1;
        self.redo.push(Step {
            label: step.label,
            inverse: redo,
            merge_key: None,
            state: step.state,
        });
        Ok(true)
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        let undo = step.inverse.apply(project)?;
        self.revision += 1;
        self.undo.push(Step {
            label: step.label,
            inverse: undo,
            merge_key: None,
            state: step.state,
        });
        Ok(true)
    }

    /// The name of the step that undo would revert ("Undo Move node").
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Increases with every change, undo and redo included.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Which state the project is in: the same number whenever undo and redo bring it back
    /// to the same place, a new one for every new change. The app compares it with the state
    /// at the last save to tell whether there is anything unsaved.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base, |s| s.state)
    }

    pub fn clear(&mut self) {
        self.base = self.state();
        self.undo.clear();
        self.redo.clear();
    }
}

//! Reading a large project on two cores: the flows, nine tenths of a large file, are read
//! half by this thread and half by another.
//!
//! The other thread starts reading at a guess: the first line past the middle of the text
//! that opens a block at a flow's indentation. The guess is used only when this thread, reading
//! the flows list from its start, arrives exactly there between two flows; reading is
//! deterministic, so the other thread then read what this one would have, and this one jumps
//! to the end of the list. A guess that was wrong (inside a long text, in another list) is
//! never arrived at: its work is thrown away and this thread reads on alone.

use std::sync::mpsc;

use serde::Deserialize;

use crate::model::{Flow, Project};

use super::{Reader, Refused, Result};

/// Below this size one core reads faster than two start.
const SPLIT_FROM_BYTES: usize = 4 << 20;

/// How deep a flow stands: inside the project's block and its `flows` list.
const FLOW_DEPTH: usize = 3;

/// The other thread's half, as this thread sees it.
pub(super) struct Half {
    /// Where the other thread started: the `(` of a flow, if the guess was right.
    from: usize,
    /// The end of the list (its `]`) once the other thread has read to it; nothing if it
    /// could not.
    end: mpsc::Receiver<Option<usize>>,
    jumped: bool,
}

/// The project of `text` read by the fast reader, on two threads when it is large; `None`
/// where the fast reader does not agree to read it.
pub(in crate::store) fn project(text: &str) -> Option<Project> {
    project_split_from(text, SPLIT_FROM_BYTES).0
}

/// [`project`], splitting from `min` bytes on (tests split small texts), and whether the
/// other thread's half was used.
pub(super) fn project_split_from(text: &str, min: usize) -> (Option<Project>, bool) {
    let Some(from) = guess(text).filter(|_| text.len() >= min) else {
        return (super::from_str(text), false);
    };
    let (send, end) = mpsc::channel();
    std::thread::scope(|s| {
        let second = s.spawn(move || {
            let half = second_half(text, from);
            // This thread may have stopped waiting (it never arrived at `from`).
            let _ = send.send(half.as_ref().ok().map(|(_, end)| *end));
            half.ok().map(|(flows, _)| flows)
        });
        let mut reader = Reader::new(
            text,
            0,
            Some(Half {
                from,
                end,
                jumped: false,
            }),
        );
        let first = super::read_with(&mut reader);
        let jumped = reader.split.as_ref().is_some_and(|h| h.jumped);
        // Dropping the reader drops the receiver: the other thread never waits on it.
        drop(reader);
        let second = match second.join() {
            Ok(second) => second,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let project = first.ok().and_then(|mut project: Project| {
            if jumped {
                project.flows.extend(second?);
            }
            Some(project)
        });
        (project, jumped)
    })
}

/// The first line past the middle that opens a flow's block as capimap writes it.
fn guess(text: &str) -> Option<usize> {
    const OPENING: &[u8] = b"\n        (\n";
    let middle = text.len() / 2;
    memchr::memmem::find(&text.as_bytes()[middle..], OPENING).map(|at| middle + at + 9)
}

/// The flows from `from` to the end of their list, and where the list ends (its `]`).
fn second_half(text: &str, from: usize) -> Result<(Vec<Flow>, usize)> {
    let mut reader = Reader::new(text, from, None);
    reader.depth = FLOW_DEPTH;
    let mut flows = Vec::new();
    let mut had_comma = true;
    loop {
        reader.ws()?;
        if reader.peek() == Some(b']') {
            return Ok((flows, reader.at));
        }
        if !had_comma {
            return Err(Refused);
        }
        flows.push(reader.nested(|r| Flow::deserialize(&mut *r))?);
        had_comma = reader.comma()?;
    }
}

impl Reader<'_> {
    /// Whether the list being opened is the project's flows list.
    pub(super) fn splits_here(&self) -> bool {
        self.split.is_some() && self.key == "flows" && self.depth == FLOW_DEPTH
    }

    /// Between two flows of the flows list: when this is where the other thread started,
    /// waits for it and jumps to the end of the list it read to.
    pub(super) fn jump_over_second_half(&mut self) {
        let Some(half) = &mut self.split else {
            return;
        };
        if half.jumped || self.at != half.from || self.depth != FLOW_DEPTH {
            return;
        }
        if let Ok(Some(end)) = half.end.recv() {
            half.jumped = true;
            self.at = end;
        }
    }
}

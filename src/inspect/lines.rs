//! JSON Lines, read on every core. Production logs are hundreds of megabytes of one request
//! body per line; parsing them is most of the work, and one line does not depend on another.
//! The reading thread cuts the input into blocks of whole lines and numbers them; worker
//! threads inspect the blocks into inspectors of their own, which are merged at the end
//! (`merge.rs`): the result is the one a single thread gives, malformed lines reported in
//! order by their numbers. Memory stays bounded: a few blocks are in flight at a time.

use std::io::BufRead;
use std::sync::Mutex;
use std::sync::mpsc;

use serde_json::Value;

use super::read::{InputError, what};
use super::{Inspector, Skipped};

/// How a JSON Lines input is shared out: blocks of at least `block` bytes (whole lines), read
/// by `workers` threads. One worker, or an input within one block, is read on the calling
/// thread.
#[derive(Clone, Copy, Debug)]
pub struct Sharing {
    pub block: usize,
    pub workers: usize,
}

impl Sharing {
    /// Blocks of 1 MB, a worker per core (at most 8: past that the reading thread is the
    /// limit).
    pub fn of_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Sharing {
            block: 1 << 20,
            workers: cores.min(8),
        }
    }
}

/// A block of whole lines and the number of its first line.
type Block = (usize, Vec<u8>);

/// Reads the lines after line `done` of a JSON Lines input: each a body; a line that is not
/// UTF-8 or not JSON is reported by its number and skipped, like any malformed line.
pub(super) fn read_lines(
    mut reader: impl BufRead,
    done: usize,
    file: &str,
    inspectors: &mut [Inspector],
    sharing: Sharing,
) -> Result<(), InputError> {
    let read_err = |source| InputError::Read {
        file: file.to_owned(),
        source,
    };
    let mut next = done + 1;
    let first = block(&mut reader, sharing.block).map_err(read_err)?;
    let whole = first.len() < sharing.block;
    if sharing.workers < 2 || whole {
        // One thread: block after block, as they are read.
        let mut current = first;
        loop {
            if current.is_empty() {
                return Ok(());
            }
            next = inspect_block(&current, next, file, inspectors);
            current = block(&mut reader, sharing.block).map_err(read_err)?;
        }
    }
    let before: Vec<usize> = inspectors.iter().map(|i| i.result.skipped.len()).collect();
    let (send, receive) = mpsc::sync_channel::<Block>(2 * sharing.workers);
    let receive = Mutex::new(receive);
    let outcome = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..sharing.workers)
            .map(|_| {
                let mut mine: Vec<Inspector> = inspectors.iter().map(Inspector::worker).collect();
                let receive = &receive;
                scope.spawn(move || {
                    loop {
                        // The lock is held only to take the next block.
                        let taken = match receive.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok((number, bytes)) = taken else { break };
                        inspect_block(&bytes, number, file, &mut mine);
                    }
                    mine
                })
            })
            .collect();
        let outcome = feed(&mut reader, first, next, sharing.block, &send).map_err(read_err);
        drop(send);
        for handle in handles {
            match handle.join() {
                Ok(workers) => {
                    for (inspector, worker) in inspectors.iter_mut().zip(workers) {
                        inspector.absorb(worker);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        outcome
    });
    // The workers took blocks as they came: the notes of this input, back in line order.
    for (inspector, from) in inspectors.iter_mut().zip(before) {
        inspector.result.skipped[from..].sort_by_key(|s| s.line);
        inspector.result.cap_skipped();
    }
    outcome
}

/// Sends the blocks, numbered, from `first` on to the end of the input.
fn feed(
    reader: &mut impl BufRead,
    first: Vec<u8>,
    mut next: usize,
    size: usize,
    send: &mpsc::SyncSender<Block>,
) -> std::io::Result<()> {
    let mut current = first;
    while !current.is_empty() {
        let lines = count_lines(&current);
        // A worker gone (it cannot be, short of a panic, which the join reports) leaves
        // nothing to send to.
        if send.send((next, current)).is_err() {
            return Ok(());
        }
        next += lines;
        current = block(reader, size)?;
    }
    Ok(())
}

/// The next block: whole lines, at least `size` bytes unless the input ends first; empty at
/// the end.
fn block(reader: &mut impl BufRead, size: usize) -> std::io::Result<Vec<u8>> {
    // Room for the last line to run past `size` without growing, within reason.
    let mut bytes = Vec::with_capacity(size.saturating_add(size / 8).min(1 << 21));
    while bytes.len() < size {
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
    }
    Ok(bytes)
}

/// Lines in a block: its line ends, and a last line without one.
fn count_lines(bytes: &[u8]) -> usize {
    let ends = bytes.iter().filter(|b| **b == b'\n').count();
    ends + usize::from(bytes.last().is_some_and(|b| *b != b'\n'))
}

/// Inspects the lines of a block whose first line is `number`; returns the number of the line
/// after it.
fn inspect_block(
    bytes: &[u8],
    mut number: usize,
    file: &str,
    inspectors: &mut [Inspector],
) -> usize {
    let mut rest = bytes;
    while !rest.is_empty() {
        let (line, after) = match rest.iter().position(|b| *b == b'\n') {
            Some(end) => (&rest[..=end], &rest[end + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        inspect_line(line, number, file, inspectors);
        number += 1;
        rest = after;
    }
    number
}

fn inspect_line(bytes: &[u8], number: usize, file: &str, inspectors: &mut [Inspector]) {
    let skip = |reason: String| Skipped {
        file: file.to_owned(),
        line: Some(number),
        reason,
    };
    let Ok(line) = std::str::from_utf8(bytes) else {
        for inspector in inspectors.iter_mut() {
            inspector.skip(skip("not UTF-8 text".to_owned()));
        }
        return;
    };
    if line.trim().is_empty() {
        return;
    }
    match serde_json::from_str::<Value>(line) {
        Ok(body) => {
            for inspector in inspectors.iter_mut() {
                inspector.add_body_at(&body, Some(number), file);
            }
        }
        Err(e) => {
            let reason = format!("not valid JSON ({} at column {})", what(&e), e.column());
            for inspector in inspectors.iter_mut() {
                inspector.skip(skip(reason.clone()));
            }
        }
    }
}

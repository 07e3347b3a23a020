//! Killed in the middle of a save, at random moments, capimap leaves the project file and its
//! backup each a complete project, and the next save removes every temporary file the kills
//! left. The test runs itself as the saving process (with `CAPIMAP_SAVE_LOOP` set), and kills
//! that process 100 times.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use capimap::{store, synthetic};

const CHILD: &str = "CAPIMAP_SAVE_LOOP";
const KILLS: usize = 100;

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_kill_during_a_save_leaves_a_complete_file_and_backup() {
    // In the child: save a large project again and again until killed.
    if let Ok(path) = std::env::var(CHILD) {
        let mut p = synthetic::project(600, 10);
        for n in 0.. {
            p.name = format!("save {n}");
            store::save(Path::new(&path), &p).expect("the child saves");
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.capimap.ron");
    let p = synthetic::project(600, 10);
    store::save(&path, &p).unwrap();
    store::save(&path, &p).unwrap();
    let me = std::env::current_exe().unwrap();
    // A reproducible spread of moments, from just after the start to well into the loop.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for kill in 0..KILLS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let after = Duration::from_millis(10 + seed % 150);
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "a_kill_during_a_save_leaves_a_complete_file_and_backup",
                "--nocapture",
            ])
            .env(CHILD, &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(after);
        child.kill().unwrap();
        child.wait().unwrap();
        for file in [path.clone(), store::backup_path(&path)] {
            if let Err(e) = store::load(&file) {
                panic!(
                    "kill {kill} after {after:?}: {} is not a complete project: {e}",
                    file.display()
                );
            }
        }
    }
    // The next save clears whatever temporary files the kills left.
    let saved = store::save(&path, &p).unwrap();
    let left = leftovers(dir.path());
    assert!(left.is_empty(), "removed {}, left {left:?}", saved.cleaned);
}

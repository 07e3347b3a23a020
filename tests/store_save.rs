//! Saving never loses the user's work: it is atomic, and the previous file is kept as `.bak`.

use std::fs;
use std::io;

use capimap::store;
use capimap::{examples, model::Project};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_save_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let mut project = example();
    store::save(&path, &project).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    project.name = "Renamed".to_owned();
    store::save(&path, &project).unwrap();
    let bak = store::backup_path(&path);
    assert_eq!(bak.file_name().unwrap(), "shop.capimap.ron.bak");
    assert_eq!(fs::read_to_string(&bak).unwrap(), first);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("name: \"Renamed\"")
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    store::save(&path, &example()).unwrap();
    let before = fs::read(&path).unwrap();

    // A writer that gets half the text out and then fails, as a full disk would.
    let text = store::to_string(&example());
    let result = store::write_atomic(&path, |w| {
        w.write_all(&text.as_bytes()[..text.len() / 2])?;
        Err(io::Error::other("no space left on device"))
    });
    let e = result.unwrap_err();
    assert!(e.to_string().contains("cannot save"), "{e}");
    assert!(e.to_string().contains("no space left"), "{e}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the old file is untouched"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "the temporary file is removed"
    );
    store::load(&path).unwrap();
}

#[test]
fn saving_into_a_missing_folder_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("x.capimap.ron");
    let e = store::save(&path, &example()).unwrap_err();
    assert!(e.to_string().contains("x.capimap.ron: cannot save"), "{e}");
    // It says what is wrong, not the name of a temporary file the user never saw.
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!e.to_string().contains(".capimap-save-"), "{e}");
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn saving_over_a_file_in_a_read_only_folder_leaves_it_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("shop.capimap.ron");
    store::save(&path, &example()).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anyway: then the save succeeds, and must leave a complete file.
    let mut changed = example();
    changed.name = "Changed".to_owned();
    let result = store::save(&path, &changed);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    match result {
        Err(e) => {
            assert!(e.to_string().contains("cannot save"), "{e}");
            assert_eq!(fs::read(&path).unwrap(), before);
        }
        Ok(_) => assert_eq!(store::load(&path).unwrap().project, changed),
    }
}

#[test]
fn a_failed_save_leaves_the_backup_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let mut p = example();
    store::save(&path, &p).unwrap();
    p.name = "Second".to_owned();
    store::save(&path, &p).unwrap();
    let bak = store::backup_path(&path);
    let backup_before = fs::read(&bak).unwrap();
    // A save that fails on a full disk: neither the file nor its backup changes.
    let result = store::write_atomic(&path, |w| {
        w.write_all(b"(version: 4, name: \"half")?;
        Err(io::Error::other("no space left on device"))
    });
    assert!(result.is_err());
    assert_eq!(fs::read(&bak).unwrap(), backup_before);
    assert_eq!(store::load(&bak).unwrap().project.name, example().name);
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn the_backup_is_its_own_complete_file_not_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let mut p = example();
    store::save(&path, &p).unwrap();
    for n in 1..=3 {
        p.name = format!("Version {n}");
        store::save(&path, &p).unwrap();
        let bak = store::load(&store::backup_path(&path)).unwrap().project;
        let expected = if n == 1 {
            example().name
        } else {
            format!("Version {}", n - 1)
        };
        assert_eq!(bak.name, expected, "the backup is the previous save");
        assert_eq!(
            store::load(&path).unwrap().project.name,
            format!("Version {n}")
        );
    }
    assert!(leftovers(dir.path()).is_empty(), "no staging file is left");
}

/// A save killed after it made the backup and before it renamed the new file over the old one
/// leaves the file and its backup two links to one file. The next save leaves no temporary
/// file behind (renaming a link onto another link to the same file does nothing, so a new
/// backup link would stay), and the backup is still the previous content.
#[test]
fn a_save_after_one_killed_between_backup_and_rename_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let mut p = example();
    store::save(&path, &p).unwrap();
    let bak = store::backup_path(&path);
    // What the killed save left: the backup is a link to the file itself.
    fs::hard_link(&path, &bak).unwrap();
    let before = fs::read_to_string(&path).unwrap();
    p.name = "After the crash".to_owned();
    store::save(&path, &p).unwrap();
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert_eq!(fs::read_to_string(&bak).unwrap(), before);
    assert_eq!(store::load(&path).unwrap().project.name, "After the crash");
    // And the save after that makes a backup of its own again.
    store::save(&path, &p).unwrap();
    assert_eq!(store::load(&bak).unwrap().project.name, "After the crash");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn temporary_files_of_interrupted_saves_are_removed_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    // Left by a save that was killed: nobody holds it.
    let stale = dir.path().join(".capimap-save-AbC123.tmp");
    fs::write(&stale, "half a project").unwrap();
    let stale_backup = dir.path().join(".capimap-bak-Q1w2E3.tmp");
    fs::write(&stale_backup, "an old project").unwrap();
    // A save running now in another window holds its temporary file locked: it stays.
    let running = dir.path().join(".capimap-save-XyZ789.tmp");
    fs::write(&running, "being written").unwrap();
    let held = fs::File::options().write(true).open(&running).unwrap();
    held.try_lock().unwrap();
    // Someone else's file with a similar name is not ours to delete.
    let foreign = dir.path().join("notes.tmp");
    fs::write(&foreign, "mine").unwrap();
    let saved = store::save(&path, &example()).unwrap();
    assert_eq!(saved.cleaned, 2);
    assert!(!stale.exists() && !stale_backup.exists());
    assert!(running.exists(), "a live save's file is left alone");
    assert!(foreign.exists());
    drop(held);
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_saves_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("shop.capimap.ron");
    store::save(&target, &example()).unwrap();
    let link = dir.path().join("link.capimap.ron");
    std::os::unix::fs::symlink("real/shop.capimap.ron", &link).unwrap();
    let mut p = example();
    p.name = "Through the link".to_owned();
    store::save(&link, &p).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        store::load(&target).unwrap().project.name,
        "Through the link"
    );
    // The backup is the target's, beside it.
    assert_eq!(
        store::load(&store::backup_path(&target))
            .unwrap()
            .project
            .name,
        example().name
    );
}

#[cfg(unix)]
#[test]
fn an_export_to_a_fifo_writes_through() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        // No mkfifo on this system: nothing to test.
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    store::write_output(&fifo, |w| w.write_all(b"record")).unwrap();
    assert_eq!(reader.join().unwrap(), b"record");
    assert!(
        !fs::symlink_metadata(&fifo).unwrap().file_type().is_file(),
        "still a FIFO, not replaced by a file"
    );
}

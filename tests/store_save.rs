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
        Ok(()) => assert_eq!(store::load(&path).unwrap().project, changed),
    }
}

//! `cargo run --release --example ladder -- DIR`: writes the size ladder's generated projects
//! (`synthetic::LADDER`: 500 to 200,000 flows) into DIR as `flows-N.capimap.ron`, for the
//! whole-process figures in the README ("Performance"), and `activities-200` (200 activities,
//! 2,000 nodes, 20,000 flows) for the export's. The files are the same on every run.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args_os()
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("usage: ladder DIR"))?,
    );
    std::fs::create_dir_all(&dir)?;
    for (flows, _) in capimap::synthetic::LADDER {
        let path = dir.join(format!("flows-{flows}.{}", capimap::store::EXTENSION));
        let project = capimap::synthetic::rung(flows);
        capimap::store::write_output(&path, |w| {
            w.write_all(capimap::store::to_string(&project).as_bytes())
        })?;
        println!("{}", path.display());
    }
    // The export's own rung: 200 activities, 2,000 nodes, 20,000 flows.
    let path = dir.join(format!("activities-200.{}", capimap::store::EXTENSION));
    let project = capimap::synthetic::with_activities(200, 2_000, 20_000, 10);
    capimap::store::write_output(&path, |w| {
        w.write_all(capimap::store::to_string(&project).as_bytes())
    })?;
    println!("{}", path.display());
    Ok(())
}

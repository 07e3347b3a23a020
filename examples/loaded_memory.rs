//! `cargo run --release --example loaded_memory -- FILE`: loads a project and prints the
//! process's resident memory afterwards (Linux), against the file's size: the README's
//! "memory of a loaded project" figure. The file's text is dropped once it is read.

fn resident_kb() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmRSS in /proc/self/status"))
}

fn main() -> anyhow::Result<()> {
    let path = std::path::PathBuf::from(
        std::env::args_os()
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("usage: loaded_memory FILE"))?,
    );
    let size = std::fs::metadata(&path)?.len();
    let loaded = capimap::store::load(&path)?;
    let resident = resident_kb()? * 1024;
    println!(
        "{}: {} flows; file {:.0} MB, resident after loading {:.0} MB ({:.2}× the file)",
        path.display(),
        loaded.project.flows.len(),
        size as f64 / 1e6,
        resident as f64 / 1e6,
        resident as f64 / size as f64
    );
    Ok(())
}

//! Memory pages. capimap allocates with mimalloc, which asks Linux for transparent huge pages
//! (2 MB). On the virtual machines capimap is measured and run on, a huge page costs far more
//! to fault in than the 512 small pages it replaces, and mimalloc's purging makes the kernel
//! zero the same huge pages again and again: `capimap check` on the 50,000-flow project spent
//! five of its nine seconds in the kernel. With small pages it ran in three and a half.

/// Asks the kernel not to back this process's memory with transparent huge pages (Linux only;
/// a no-op elsewhere, and where the kernel refuses, which changes nothing but speed). Call it
/// first thing in `main`: the setting is checked at each page fault, so memory mapped before
/// is covered too.
pub fn prefer_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how the kernel backs
    // this process's memory, never its contents; a failure is returned, not raised.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

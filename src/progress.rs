//! Progress of long work as the engine reports it: one tick per finished trial. The engine and
//! the analyses know only this trait; the terminal's bar implements it in the face
//! (`cli::bar`), so no UI type reaches a lower floor.

/// Where finished units of work (trials) are reported. Called from rayon's threads, once per
/// trial — never per citizen or month.
pub trait Progress: Sync {
    /// `n` more units are done.
    fn advance(&self, n: u64);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _: u64) {}
}

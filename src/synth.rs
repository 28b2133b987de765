//! Deterministic synthetic portfolio generator for benchmarks (`folio generate`, hidden).

use std::path::Path;

/// Writes a synthetic content folder of `projects` projects with `weeks` weekly updates each.
pub fn generate(out: &Path, projects: usize, weeks: usize, seed: u64) -> anyhow::Result<()> {
    let _ = (out, projects, weeks, seed);
    anyhow::bail!("`folio generate` is not implemented yet")
}

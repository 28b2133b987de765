//! Standard output of the `folio` binary: written through a locked handle, errors propagated
//! (never `print!`, which panics on a full disk or a closed pipe).

use std::io::Write;

use anyhow::Context;

/// Writes `text` to standard output and flushes it.
pub(crate) fn write(text: &str) -> anyhow::Result<()> {
    write_with(|out| out.write_all(text.as_bytes()))
}

/// Runs `f` on the locked standard output, then flushes it.
pub(crate) fn write_with(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    f(&mut out)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// The error is, or was caused by, a write to a pipe whose reader has gone.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

//! Reading a large file in blocks split at line ends, parsed in parallel
//! parts: the plan, where the parts begin, and the reads that fill a block.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::LoadError;

/// How the loader divides its work; the defaults suit files, tests use tiny
/// values to put chunk and block boundaries everywhere.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    /// Parts a block is parsed in, in parallel; 0 for one per core.
    pub parts: usize,
    /// Below this many bytes a block is parsed in one part.
    pub min_part: usize,
    /// Bytes read from a stream per block (per part).
    pub block: usize,
    /// Room kept before each block read from a stream for the unfinished
    /// record of the block before it; a longer record is copied together
    /// with the new block instead.
    pub room: usize,
}

impl Plan {
    pub(crate) fn parts(self) -> usize {
        match self.parts {
            0 => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 8),
            parts => parts,
        }
    }

    /// The plan with its parts decided (the machine asked once), and the
    /// bytes a block of all its parts takes: what a reader or a window moves
    /// on by.
    pub(crate) fn settled(self) -> (Self, usize) {
        let plan = Self {
            parts: self.parts(),
            ..self
        };
        (plan, plan.block.max(1) * plan.parts)
    }

    /// As many parts as the machine has cores (asked only for large inputs:
    /// asking costs a few system calls, a lot next to a small file).
    pub(crate) fn for_machine() -> Self {
        Self {
            parts: 0,
            min_part: 256 * 1024,
            block: 4 * 1024 * 1024,
            room: 64 * 1024,
        }
    }
}

/// Where a stop goes: just after a line end, near each equal share of `data[start..]`.
pub(crate) fn stops(data: &[u8], start: usize, parts: usize) -> Vec<usize> {
    let len = data.len() - start;
    let mut stops = Vec::with_capacity(parts);
    let mut previous = start;
    for part in 1..parts {
        let target = (start + len * part / parts).max(previous);
        let Some(offset) = data[target..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let stop = target + offset + 1;
        if stop >= data.len() {
            break;
        }
        if stop > previous {
            stops.push(stop);
            previous = stop;
        }
    }
    stops
}

/// Appends up to `wanted` bytes, adding how many to `read` (the load
/// gauge's count); sets `eof` when the stream has no more.
///
/// The bytes are counted here rather than by a reader wrapped around the
/// stream: `read_to_end` through a wrapper zero-fills every block before
/// reading into it (stable Rust has no `read_buf` for the wrapper to pass on).
pub(crate) fn fill(
    path: &str,
    reader: &mut impl Read,
    buffer: &mut Vec<u8>,
    wanted: usize,
    eof: &mut bool,
    read: &AtomicU64,
) -> Result<(), LoadError> {
    let wanted = wanted.max(1) as u64;
    // Room for exactly the bytes wanted: `read_to_end` would otherwise
    // double the buffer's capacity as it fills (a block, and its spare, held
    // twice over for the whole load).
    buffer.reserve_exact(wanted as usize);
    let filled = reader
        .take(wanted)
        .read_to_end(buffer)
        .map_err(|error| LoadError::file(path, format!("cannot read: {error}")))?;
    read.fetch_add(filled as u64, Ordering::Relaxed);
    if (filled as u64) < wanted {
        *eof = true;
    }
    Ok(())
}

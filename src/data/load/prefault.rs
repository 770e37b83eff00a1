//! Memory a loader is about to fill, made present in one call rather than by
//! a page fault per page as it is written: on a virtual machine a fault costs
//! microseconds, and a million figures fill some 9,000 pages.

/// Reserves room for `additional` more items in `items` and, on Linux 5.14
/// and later, makes the whole pages of that room present and writable
/// (`MADV_POPULATE_WRITE`). Elsewhere, or where the kernel refuses, nothing
/// more happens: the pages are faulted in as they are written. True when
/// the kernel made them present.
pub(crate) fn reserve_present<T>(items: &mut Vec<T>, additional: usize) -> bool {
    items.reserve(additional);
    #[cfg(target_os = "linux")]
    {
        /// A multiple of any page size Linux uses (4 KiB to 64 KiB).
        const PAGES: usize = 64 * 1024;
        let room = &mut items.spare_capacity_mut()[..additional];
        let start = room.as_mut_ptr().cast::<u8>();
        let len = std::mem::size_of_val(room);
        let skip = (start as usize).next_multiple_of(PAGES) - start as usize;
        let whole = len.saturating_sub(skip) / PAGES * PAGES;
        if whole > 0 {
            // SAFETY: the range lies in the vector's own allocation, past its
            // items, and starts on a page; making its pages present changes
            // no byte of it.
            let made = unsafe {
                rustix::mm::madvise(
                    start.add(skip).cast(),
                    whole,
                    rustix::mm::Advice::LinuxPopulateWrite,
                )
            };
            return made.is_ok();
        }
    }
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// This thread's minor page faults so far.
    fn faults() -> u64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("Linux's /proc");
        let after_name = stat.rsplit(')').next().expect("a stat line");
        let minflt = after_name.split_whitespace().nth(7).expect("minflt");
        minflt.parse().expect("a count")
    }

    #[test]
    fn the_room_reserved_is_written_without_a_fault_per_page() {
        const ITEMS: usize = 2 << 20; // 16 MiB of u64: 4,096 pages of 4 KiB
        let mut items: Vec<u64> = vec![7; 3];
        let present = reserve_present(&mut items, ITEMS);
        assert!(items.capacity() >= 3 + ITEMS);
        let before = faults();
        items.extend(std::iter::repeat_n(9, ITEMS));
        let during = faults() - before;
        assert_eq!(items[..4], [7, 7, 7, 9]);
        assert_eq!(items.len(), 3 + ITEMS);
        if present {
            // Only the partial pages at the room's ends.
            assert!(during < 64, "{during} faults");
        } else {
            // A kernel before 5.14: each page faulted as it is written.
            assert!(during >= 1000, "{during} faults");
        }
    }
}

//! Where the commas, quotes and line ends of native data lie, 64 bytes at a
//! time as one bitmap, so that splitting a record costs a few instructions
//! a field rather than a scan of its bytes.

/// The separators of 64 bytes of data from `base`, kept while records are
/// split in them: bit `i` is set when `data[base + i]` is a comma, a quote,
/// a CR or an LF, or is the data's end.
pub(in crate::data::load) struct Separators {
    base: usize,
    bits: u64,
}

impl Separators {
    /// No bytes read yet: a base that no position of data (at most
    /// `isize::MAX` long) is within 64 bytes after.
    pub(in crate::data::load) fn new() -> Self {
        Self {
            base: usize::MAX - 64,
            bits: 0,
        }
    }

    /// The first separator at or after `from` (which is at most the data's
    /// length): a comma, quote, CR or LF, or `data.len()`.
    #[inline]
    pub(in crate::data::load) fn next(&mut self, data: &[u8], from: usize) -> usize {
        let mut at = from;
        loop {
            let offset = at.wrapping_sub(self.base);
            if offset < 64 {
                let rest = self.bits >> offset;
                if rest != 0 {
                    return at + rest.trailing_zeros() as usize;
                }
                at = self.base + 64;
            }
            if at >= data.len() {
                return data.len();
            }
            self.base = at;
            self.bits = bitmap(data, at);
        }
    }
}

/// The bitmap of the 64 bytes from `base` (see [`Separators`]).
#[inline]
fn bitmap(data: &[u8], base: usize) -> u64 {
    match data.get(base..base + 64) {
        Some(bytes) => full_bitmap(bytes.try_into().expect("64 bytes")),
        None => tail_bitmap(&data[base..]),
    }
}

/// The bitmap of the last bytes of the data, fewer than 64: one at a time,
/// and the bit after them for the data's end.
fn tail_bitmap(bytes: &[u8]) -> u64 {
    let found = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| is_separator(b))
        .fold(0, |bits, (i, _)| bits | 1 << i);
    found | 1 << bytes.len()
}

fn is_separator(byte: u8) -> bool {
    matches!(byte, b',' | b'"' | b'\r' | b'\n')
}

/// 64 bytes with SSE2 (every x86-64 processor has it): sixteen bytes
/// compared with each separator at once, and their flags gathered.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn full_bitmap(bytes: &[u8; 64]) -> u64 {
    // SAFETY: the intrinsics' only requirement is a processor with SSE2,
    // which the build's target has (the cfg above), as every x86-64 does.
    unsafe { sse2_bitmap(bytes) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn sse2_bitmap(bytes: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
    };
    let word = |at: usize| i64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let load = |at: usize| -> __m128i { _mm_set_epi64x(word(at + 8), word(at)) };
    let (comma, quote) = (_mm_set1_epi8(b',' as i8), _mm_set1_epi8(b'"' as i8));
    let (cr, lf) = (_mm_set1_epi8(b'\r' as i8), _mm_set1_epi8(b'\n' as i8));
    let mut bits = 0;
    for chunk in 0..4 {
        let v = load(chunk * 16);
        let found = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
            _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
        );
        bits |= u64::from(_mm_movemask_epi8(found) as u16) << (chunk * 16);
    }
    bits
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn full_bitmap(bytes: &[u8; 64]) -> u64 {
    portable_bitmap(bytes)
}

/// 64 bytes eight at a time in a `u64`: each byte's flag is exact (not the
/// usual zero-byte test, which can flag the byte above a match).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn portable_bitmap(bytes: &[u8; 64]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // Flags (the high bit of each byte) for the bytes of `word` equal to `byte`.
    let equal = |word: u64, byte: u8| {
        let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
        !((x & LOW7).wrapping_add(LOW7) | x) & !LOW7
    };
    let mut bits = 0;
    for (i, chunk) in bytes.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let flags = equal(word, b',') | equal(word, b'"') | equal(word, b'\r') | equal(word, b'\n');
        // Each flag moved to its byte's bit of one byte.
        let byte = (flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= byte << (i * 8);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bitmap as its definition says, a byte at a time.
    fn simple(data: &[u8], base: usize) -> u64 {
        (0..64)
            .filter(|&i| data.get(base + i).is_none_or(|&b| is_separator(b)))
            .take_while(|&i| base + i <= data.len())
            .fold(0, |bits, i| bits | 1 << i)
    }

    #[test]
    fn bitmaps_flag_exactly_the_separators() {
        // Every byte next to every separator (and to the bytes one above
        // and below them, which a careless word test confuses).
        let mut data = Vec::new();
        for a in 0..=255u8 {
            for b in [
                b',', b'"', b'\r', b'\n', b'-', b'#', b'\x0e', b'\x0b', 0, 0xff,
            ] {
                data.extend([a, b, a, a.wrapping_add(1), b, b]);
            }
        }
        for base in 0..data.len() {
            assert_eq!(bitmap(&data, base), simple(&data, base), "at {base}");
            if let Some(bytes) = data.get(base..base + 64) {
                let bytes = bytes.try_into().unwrap();
                assert_eq!(portable_bitmap(bytes), full_bitmap(bytes), "at {base}");
            }
        }
    }

    #[test]
    fn next_finds_each_separator_from_anywhere() {
        let data: Vec<u8> = (0..300u32)
            .map(|i| {
                if i % 7 == 0 || i % 11 == 3 {
                    b','
                } else {
                    b'a'
                }
            })
            .collect();
        for from in 0..=data.len() {
            let expected = (from..data.len())
                .find(|&i| is_separator(data[i]))
                .unwrap_or(data.len());
            // Asked fresh, and after asking about an earlier position.
            assert_eq!(Separators::new().next(&data, from), expected, "{from}");
            let mut separators = Separators::new();
            separators.next(&data, from.saturating_sub(5));
            assert_eq!(separators.next(&data, from), expected, "{from}");
        }
    }
}

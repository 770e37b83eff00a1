//! A stable distribution in place: items moved into consecutive buckets,
//! keeping their order within each bucket, with room for a few blocks per
//! bucket rather than a second copy of the items. The series sort moves
//! observations with it; it is written for any `T: Copy` and tested so.

use std::ops::Range;

/// Moves items into consecutive buckets in place, keeping their order
/// within each bucket (so a series read in order of period stays in order), with
/// room for a few blocks per bucket rather than a second copy of the items.
///
/// Blocks are `block` items at a multiple of `block` from the start. A
/// bucket's place is known from the counts, so all its items but a few at
/// each end (its head and tail) fill whole blocks. Figures are read in order
/// into a buffer per bucket; a full buffer is written over items already
/// read, at the front, and noted with the block it belongs in, except that
/// the head, gathered in the buffer first, is put aside. Then the blocks are
/// carried to their places ([`place_blocks`]) and the heads and tails, still
/// held here, written around them.
pub(super) struct Gathering<T> {
    block: usize,
    /// `block` items for each bucket.
    buffers: Vec<T>,
    buckets: Vec<BucketGathering>,
    /// The heads, bucket after bucket.
    heads: Vec<T>,
    /// The block each block written at the front belongs in, in order.
    targets: Vec<usize>,
    /// For [`Gathering::distribute`] through a copy: the items, and where
    /// each bucket's next item goes.
    copy: Vec<T>,
    next: Vec<usize>,
}

/// Up to this many items (2.4 MB of observations), [`Gathering::distribute`] moves them
/// through a copy, as a counting sort: for a group of buckets, which stays
/// in cache, that is quicker than blocks, and takes little memory.
pub(super) const COPY_LIMIT: usize = 1 << 16;

/// How far a bucket's items are gathered.
#[derive(Clone)]
struct BucketGathering {
    /// Where its buffer's items end: the head is gathered at the buffer's
    /// end, so that the buffer is full when the head is.
    filled: usize,
    /// Where its head is put aside in `heads`, and whether it is still being
    /// gathered.
    head: Range<usize>,
    in_head: bool,
    /// The block its next full buffer belongs in.
    next_block: usize,
}

impl<T: Copy + Send> Gathering<T> {
    pub(super) fn new(block: usize) -> Self {
        Self {
            block,
            buffers: Vec::new(),
            buckets: Vec::new(),
            heads: Vec::new(),
            targets: Vec::new(),
            copy: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Moves `items` into buckets, keeping their order within each:
    /// bucket `b` (as `bucket` says) is to hold `places[b]`, with the counts
    /// right.
    pub(super) fn distribute(
        &mut self,
        items: &mut [T],
        places: &[Range<usize>],
        bucket: impl Fn(&T) -> usize,
    ) {
        if items.len() <= COPY_LIMIT {
            self.copy.clear();
            self.copy.extend_from_slice(items);
            self.next.clear();
            self.next.extend(places.iter().map(|place| place.start));
            for item in &self.copy {
                let b = bucket(item);
                items[self.next[b]] = *item;
                self.next[b] += 1;
            }
            return;
        }
        self.gather(items, places, bucket);
        place_blocks(items, self.block, &[(0, &self.targets)], false);
        self.place_rest(items, places);
    }

    /// Reads `part` (the items to distribute, or a part of them starting on
    /// a block boundary) in order, writing full blocks at its front: its
    /// items of bucket `b` are to hold `places[b]`, counted from the start
    /// of all the items.
    fn gather(&mut self, part: &mut [T], places: &[Range<usize>], bucket: impl Fn(&T) -> usize) {
        let block = self.block;
        self.buckets.clear();
        let mut heads = 0;
        for place in places {
            let head = place
                .len()
                .min(place.start.next_multiple_of(block) - place.start);
            self.buckets.push(BucketGathering {
                filled: if head > 0 { block - head } else { 0 },
                head: heads..heads + head,
                in_head: head > 0,
                next_block: (place.start + head) / block,
            });
            heads += head;
        }
        self.targets.clear();
        let Some(&filler) = part.first() else {
            return;
        };
        self.buffers.clear();
        self.buffers.resize(places.len() * block, filler);
        self.heads.clear();
        self.heads.resize(heads, filler);
        let mut written = 0;
        for read in 0..part.len() {
            let item = part[read];
            let b = bucket(&item);
            let state = &mut self.buckets[b];
            self.buffers[b * block + state.filled] = item;
            state.filled += 1;
            if state.filled < block {
                continue;
            }
            state.filled = 0;
            let buffer = &self.buffers[b * block..][..block];
            if state.in_head {
                state.in_head = false;
                self.heads[state.head.clone()].copy_from_slice(&buffer[block - state.head.len()..]);
            } else {
                // As many items are read as held here or written, so the
                // block goes over items already read.
                part[written..written + block].copy_from_slice(buffer);
                written += block;
                self.targets.push(state.next_block);
                state.next_block += 1;
            }
        }
    }

    /// Writes each bucket's head and tail at the ends of its place, once the
    /// blocks are in theirs.
    fn place_rest(&self, items: &mut [T], places: &[Range<usize>]) {
        for (b, (state, place)) in self.buckets.iter().zip(places).enumerate() {
            let head = &self.heads[state.head.clone()];
            items[place.start..][..head.len()].copy_from_slice(head);
            let tail = state.filled;
            if tail > 0 {
                items[place.end - tail..place.end]
                    .copy_from_slice(&self.buffers[b * self.block..][..tail]);
            }
        }
    }
}

/// Moves items into buckets as [`Gathering::distribute`] does, with the
/// items before and after `middle` (a multiple of `block`, or the end)
/// read on two threads: `places[half][b]` is where a half's items of bucket
/// `b` go, with one list if `middle` is the end.
pub(super) fn distribute_in_halves<T: Copy + Send + Sync>(
    items: &mut [T],
    block: usize,
    middle: usize,
    places: &[Vec<Range<usize>>],
    bucket: impl Fn(&T) -> usize + Sync,
) {
    let gather = |part: &mut [T], places: &[Range<usize>]| {
        let mut gathering = Gathering::new(block);
        gathering.gather(part, places, &bucket);
        gathering
    };
    let (low, high) = items.split_at_mut(middle);
    let gathered = std::thread::scope(|scope| {
        let second = places
            .get(1)
            .map(|places| scope.spawn(|| gather(high, places)));
        let mut gathered = vec![gather(low, &places[0])];
        gathered.extend(second.map(|handle| handle.join().expect("a sort thread panicked")));
        gathered
    });
    let fronts: Vec<(usize, &[usize])> = [0, middle]
        .into_iter()
        .zip(&gathered)
        .map(|(begin, gathering)| (begin, &gathering.targets[..]))
        .collect();
    place_blocks(items, block, &fronts, places.len() == 2);
    for (gathering, places) in gathered.iter().zip(places) {
        gathering.place_rest(items, places);
    }
}

/// Carries whole blocks to the blocks they belong in, on two threads if
/// `two_threads`: `fronts` holds, for each part gathered, where it begins and
/// the block each block at its front belongs in. The blocks left are
/// overwritten by heads and tails.
fn place_blocks<T: Copy + Send>(
    items: &mut [T],
    block: usize,
    fronts: &[(usize, &[usize])],
    two_threads: bool,
) {
    let (order, chains) = block_chains(items.len(), block, fronts);
    // The blocks in the chains' order, each borrowed once, so that chains
    // can be carried on two threads.
    let mut blocks: Vec<Option<&mut [T]>> = items.chunks_exact_mut(block).map(Some).collect();
    let mut in_order: Vec<&mut [T]> = order
        .iter()
        .map(|&at| blocks[at].take().expect("a block is in one chain at most"))
        .collect();
    // The chains split where half the blocks are carried.
    let mut split = (chains.len(), in_order.len());
    if two_threads {
        let mut carried = 0;
        for (i, chain) in chains.iter().enumerate() {
            if carried >= in_order.len() / 2 {
                split = (i, carried);
                break;
            }
            carried += chain.len;
        }
    }
    let (low, high) = in_order.split_at_mut(split.1);
    let (low_chains, high_chains) = chains.split_at(split.0);
    std::thread::scope(|scope| {
        if !high_chains.is_empty() {
            scope.spawn(|| carry(high, high_chains));
        }
        carry(low, low_chains);
    });
}

/// A chain of blocks to carry: each goes to the next one's place, and the
/// last to the first's if it is a cycle; otherwise nothing is to go to the
/// first's place and the last is a place holding no block to carry.
struct Chain {
    len: usize,
    cycle: bool,
}

/// The chains to carry the blocks at the parts' fronts in (each starting
/// where no block is to go, if any), and the places of their blocks in order.
fn block_chains(
    len: usize,
    block: usize,
    fronts: &[(usize, &[usize])],
) -> (Vec<usize>, Vec<Chain>) {
    const NOWHERE: usize = usize::MAX;
    let mut bound_for = vec![NOWHERE; len / block];
    let mut wanted = vec![false; bound_for.len()];
    for &(begin, targets) in fronts {
        bound_for[begin / block..][..targets.len()].copy_from_slice(targets);
        for &to in targets {
            wanted[to] = true;
        }
    }
    let mut order = Vec::new();
    let mut chains = Vec::new();
    // Chains that end at a place holding no block to carry, then cycles.
    for cycles in [false, true] {
        for start in 0..bound_for.len() {
            let to = bound_for[start];
            if to == NOWHERE || to == start || (wanted[start] && !cycles) {
                continue;
            }
            let first = order.len();
            let mut at = start;
            let cycle = loop {
                order.push(at);
                match std::mem::replace(&mut bound_for[at], NOWHERE) {
                    NOWHERE => break false,
                    to if to == start => break true,
                    to => at = to,
                }
            };
            chains.push(Chain {
                len: order.len() - first,
                cycle,
            });
        }
    }
    (order, chains)
}

/// Carries each chain's blocks, `blocks` holding them chain after chain.
fn carry<T: Copy>(mut blocks: &mut [&mut [T]], chains: &[Chain]) {
    let mut carried = Vec::new();
    for chain in chains {
        let (chain_blocks, rest) = std::mem::take(&mut blocks).split_at_mut(chain.len);
        blocks = rest;
        let (first, others) = chain_blocks
            .split_first_mut()
            .expect("a chain carries a block");
        carried.clear();
        carried.extend_from_slice(first);
        for place in others {
            place.swap_with_slice(&mut carried);
        }
        if chain.cycle {
            first.copy_from_slice(&carried);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::synthetic::SplitMix64;

    #[test]
    fn distributing_moves_items_into_buckets_keeping_their_order() {
        let mut random = SplitMix64::new(0x9e37_79b9_7f4a_7c15);
        // One gathering reused, as for the groups of a sort.
        let mut reused = Gathering::new(3);
        // Past COPY_LIMIT, distribute gathers in blocks too.
        for len in [0, 1, 2, 5, 16, 17, 100, 1000, 5000, COPY_LIMIT + 100] {
            for buckets in [1, 2, 3, 40] {
                for block in [1, 2, 3, 8, 64] {
                    for halves in [1, 2] {
                        // Half the items in bucket 0, so some buckets are
                        // empty or hold less than a block, others many.
                        let bucket_of: Vec<usize> = (0..len)
                            .map(|_| match random.below(2) {
                                0 => 0,
                                _ => random.below(buckets as u64) as usize,
                            })
                            .collect();
                        let bucket = |&item: &u32| bucket_of[item as usize];
                        let mut items: Vec<u32> = (0..len as u32).collect();
                        let mut expected = items.clone();
                        expected.sort_by_key(bucket);
                        let middle = if halves == 2 {
                            len / 2 / block * block
                        } else {
                            len
                        };
                        let mut counts = vec![vec![0; buckets]; halves];
                        for (i, &b) in bucket_of.iter().enumerate() {
                            counts[usize::from(i >= middle)][b] += 1;
                        }
                        let mut places = vec![Vec::new(); halves];
                        let mut at = 0;
                        for b in 0..buckets {
                            for (counts, places) in counts.iter().zip(&mut places) {
                                places.push(at..at + counts[b]);
                                at += counts[b];
                            }
                        }
                        if halves == 1 && block == 3 {
                            reused.distribute(&mut items, &places[0], bucket);
                        } else {
                            distribute_in_halves(&mut items, block, middle, &places, bucket);
                        }
                        assert_eq!(
                            items, expected,
                            "{len} items, {buckets} buckets, blocks of {block}, {halves} halves"
                        );
                    }
                }
            }
        }
    }
}

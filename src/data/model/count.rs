//! Counts as a person reads them: "9,000,000 rows", and rows that share a
//! reason said once: "120 rows (lines 2 to 121): …".

use std::collections::HashMap;
use std::hash::Hash;

/// Items that share a key (rows that share a reason): the first and last
/// of them, and how many.
#[derive(Debug, PartialEq)]
pub struct Group<'a, T> {
    pub first: &'a T,
    pub last: &'a T,
    pub count: u64,
}

/// `items` grouped by `key`, in the order of each group's first item.
pub fn grouped<T, K: Eq + Hash>(items: &[T], key: impl Fn(&T) -> K) -> Vec<Group<'_, T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    let mut at: HashMap<K, usize> = HashMap::new();
    for item in items {
        match at.get(&key(item)) {
            Some(&index) => {
                let group = &mut groups[index];
                group.last = item;
                group.count += 1;
            }
            None => {
                at.insert(key(item), groups.len());
                groups.push(Group {
                    first: item,
                    last: item,
                    count: 1,
                });
            }
        }
    }
    groups
}

/// Where `count` rows that share a reason are in their file: " (lines 2
/// to 121)" when they are every line between, " (first line 120, last
/// 339)" when not; empty without lines. `what` is "line", or "row" in a
/// Parquet file.
pub fn span_of_lines(what: &str, first: Option<u64>, last: Option<u64>, count: u64) -> String {
    match (first, last) {
        (Some(first), Some(last)) if last.checked_sub(first) == Some(count - 1) => {
            format!(" ({what}s {first} to {last})")
        }
        (Some(first), Some(last)) if first != last => {
            format!(" (first {what} {first}, last {last})")
        }
        _ => String::new(),
    }
}

/// A whole number with its thousands separated by commas: "3,800".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(c);
    }
    text
}

/// "1 row", "9,000,000 rows".
pub fn counted(count: u64, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(950), "950");
        assert_eq!(thousands(3_800), "3,800");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(9_000_000), "9,000,000");
        assert_eq!(counted(1, "row"), "1 row");
        assert_eq!(counted(2_450, "pair"), "2,450 pairs");
    }

    #[test]
    fn rows_group_by_reason_in_the_order_of_their_first() {
        let rows = [(2, "S"), (3, "S"), (4, "re-export"), (9, "S")];
        let groups = grouped(&rows, |row| row.1);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].first.0, groups[0].last.0, groups[0].count),
            (2, 9, 3)
        );
        assert_eq!((groups[1].first.0, groups[1].count), (4, 1));
        assert_eq!(
            span_of_lines("line", Some(2), Some(9), 8),
            " (lines 2 to 9)"
        );
        assert_eq!(
            span_of_lines("line", Some(2), Some(9), 3),
            " (first line 2, last 9)"
        );
        assert_eq!(span_of_lines("row", Some(2), None, 3), "");
    }
}

//! A problem report with a ceiling: the first [`MAX_LISTED`] problems and a count of the rest.
//! A hostile or simply broken file (100,000 bad rows) must not turn into a report of a million
//! entries held in memory and sent back as a 138 MB answer; the first thousand say what to fix.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::Problem;

/// Default number of problems listed; the others are only counted.
pub const MAX_LISTED: usize = 1_000;

static LISTED: AtomicUsize = AtomicUsize::new(MAX_LISTED);

/// The ceiling in force (set once at start from `--import-max-problems`).
pub fn max_listed() -> usize {
    LISTED.load(Ordering::Relaxed)
}

pub fn set_max_listed(n: usize) {
    LISTED.store(n.max(1), Ordering::Relaxed);
}

/// Problems found, the first `max_listed()` kept, the rest counted in `omitted`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problems {
    listed: Vec<Problem>,
    omitted: usize,
}

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    pub fn push(&mut self, p: Problem) {
        if self.listed.len() < max_listed() {
            self.listed.push(p);
        } else {
            self.omitted += 1;
        }
    }

    /// A problem that must be seen whatever the ceiling (why reading stopped): it goes first.
    pub fn push_first(&mut self, p: Problem) {
        self.listed.insert(0, p);
        if self.listed.len() > max_listed() {
            self.listed.pop();
            self.omitted += 1;
        }
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Problem>) {
        for p in more {
            self.push(p);
        }
    }

    /// Problems found beyond those listed.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// Every problem found, listed or not.
    pub fn total(&self) -> usize {
        self.listed.len() + self.omitted
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    pub fn into_listed(self) -> Vec<Problem> {
        self.listed
    }
}

impl std::ops::Deref for Problems {
    type Target = [Problem];
    fn deref(&self) -> &[Problem] {
        &self.listed
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Problems {
        let mut p = Problems::new();
        p.extend(v);
        p
    }
}

impl From<Problem> for Problems {
    fn from(one: Problem) -> Problems {
        Problems { listed: vec![one], omitted: 0 }
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.listed.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(row: usize) -> Problem {
        Problem { sheet: "企业".into(), row, column: String::new(), value: String::new(), reason: crate::i18n::catalogue::ledger::not_a_number() }
    }

    #[test]
    fn lists_the_first_and_counts_the_rest() {
        let mut all = Problems::new();
        for row in 0..MAX_LISTED + 250 {
            all.push(p(row));
        }
        assert_eq!(all.len(), MAX_LISTED);
        assert_eq!(all.omitted(), 250);
        assert_eq!(all.total(), MAX_LISTED + 250);
        assert_eq!(all[0].row, 0);
        all.push_first(p(7777));
        assert_eq!((all.len(), all[0].row, all.omitted()), (MAX_LISTED, 7777, 251), "the stop reason is always listed");
        let few: Problems = vec![p(1), p(2)].into();
        assert_eq!((few.len(), few.omitted()), (2, 0));
    }
}

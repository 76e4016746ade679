//! Progress lines for long CLI jobs, on stderr so stdout stays machine-readable.

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    what: &'static str,
    started: Instant,
    tty: bool,
}

impl Progress {
    pub fn new(what: &'static str) -> Progress {
        Progress { what, started: Instant::now(), tty: std::io::stderr().is_terminal() }
    }

    pub fn update(&self, done: usize, total: usize) {
        let pct = if total == 0 { 100.0 } else { done as f64 * 100.0 / total as f64 };
        let line = format!("{}: {done}/{total} ({pct:.0}%) {:.1}s", self.what, self.started.elapsed().as_secs_f64());
        let mut err = std::io::stderr();
        if self.tty {
            let _ = write!(err, "\r{line}");
            if done >= total {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{line}");
        }
    }
}

//! The descriptor budget: HJ 212 connections may use what the process's open-file limit leaves
//! after HTTP and the database, so that a flood of logger connections (or of attackers posing
//! as loggers) can never take the descriptors HTTP needs to answer (issue 17 item 3: 18,500
//! idle connections reached a 20,000 limit and `/healthz` stopped answering).

/// The open-file limits after raising the soft one to the hard one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoFile {
    pub soft: u64,
    pub hard: u64,
}

/// Raise the soft limit of open files to the hard limit (10,000 connections need more than
/// the usual 1,024) and return both.
#[allow(clippy::unnecessary_cast)] // rlim_t is u64 on Linux, not everywhere
pub fn raise_nofile_limit() -> NoFile {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut r = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) != 0 {
            return NoFile { soft: 0, hard: 0 };
        }
        if r.rlim_cur < r.rlim_max {
            let want = libc::rlimit { rlim_cur: r.rlim_max, rlim_max: r.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &want) == 0 {
                r.rlim_cur = r.rlim_max;
            }
        }
        NoFile { soft: r.rlim_cur as u64, hard: r.rlim_max as u64 }
    }
}

/// The HJ 212 connection limit: the configured one, but never more than the descriptors left
/// after `reserved` (HTTP, database, files). If the limit is so low that nothing is left, HJ 212
/// gets a quarter of it, so the listener still serves a few loggers and HTTP keeps the rest.
pub fn connection_limit(soft_nofile: u64, reserved: usize, configured: usize) -> usize {
    if soft_nofile == 0 {
        return configured; // unknown limit (getrlimit failed): nothing to budget against
    }
    let left = soft_nofile.saturating_sub(reserved as u64);
    let budget = left.max(soft_nofile / 4);
    configured.min(usize::try_from(budget).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_leaves_room_for_http_and_the_database() {
        // The attack's figures: a 20,000 limit no longer gives HJ 212 all 20,000.
        assert_eq!(connection_limit(20_000, 1024 + 16 + 3 + 64, 20_000), 20_000 - 1107);
        assert_eq!(connection_limit(1_048_576, 1107, 20_000), 20_000, "the configured limit when there is room");
        assert_eq!(connection_limit(1024, 1107, 20_000), 256, "a tiny limit still leaves HTTP three quarters");
        assert_eq!(connection_limit(0, 1107, 500), 500);
        let n = raise_nofile_limit();
        assert!(n.soft > 0 && n.soft <= n.hard, "{n:?}");
    }
}

//! Offline (离线): the outlet's logger has sent no authenticated packet for `min_hours` up to
//! `now` (令第19号 Art. 8: a fault is reported within 12 hours, §2.3; §7.2 checklist item 19).
//! An outlet whose logger never made contact (no `last_contact`) is not judged here: whether it
//! should have a logger is the ledger's question.

use super::common::{H, Ctx, finding};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "offline";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.s;
    let Some(last) = s.last_contact else { return };
    let silent = s.now.saturating_sub(last);
    let min = SETTINGS.offline.min_hours.count(1) as i64;
    if last <= s.now && silent / H >= min {
        out.push(finding(CODE, None, last, s.now, msg::offline(silent / H, min), &[("hours", (silent / H) as f64)]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    #[test]
    fn fires_after_twelve_silent_hours() {
        let mut s = outlet();
        s.now = T0 + 30 * H;
        s.last_contact = Some(T0 + 17 * H + 60);
        let f = run(&s);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].start, f[0].end, figure(&f[0], "hours")), (T0 + 17 * H + 60, T0 + 30 * H, 12.0));
    }

    #[test]
    fn near_misses_do_not_fire() {
        let mut s = outlet();
        s.now = T0 + 30 * H;
        s.last_contact = Some(T0 + 18 * H + 60);
        assert!(run(&s).is_empty());
        s.last_contact = None;
        assert!(run(&s).is_empty());
    }
}

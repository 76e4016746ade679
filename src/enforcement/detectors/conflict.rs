//! Conflicting data (数据冲突, issue 17 item 9): packets whose slot (device, CN, data time,
//! pollutant) already held other values from the same device. The first values stay (first
//! write wins) and the new packet is archived as a conflict; here the conflicts of the window
//! become one finding, since either the stored values or the new ones are not the real
//! logger's (forged packets for future slots pre-empted it, or the logger resent changed data).
//! Any conflict is reported: there is no threshold to set.

use super::common::{Ctx, finding, hour_end};
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;
use crate::monitoring::clock;

pub const CODE: &str = "conflict";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let times = &ctx.s.conflicts;
    let (Some(&min), Some(&max)) = (times.iter().min(), times.iter().max()) else { return };
    let floor = |t: i64| t.div_euclid(3600).saturating_mul(3600);
    let explanation = msg::conflict(times.len(), clock::format_minute(min), clock::format_minute(max));
    out.push(finding(CODE, None, floor(min), hour_end(floor(max)), explanation, &[("frames", times.len() as f64)]));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn fires_on_a_conflicting_packet() {
        let mut s = outlet();
        s.conflicts = vec![T0 + 3 * H + 600, T0 + H];
        let f = run_checked(&s, CODE);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].start, f[0].end, figure(&f[0], "frames")), (T0 + H, T0 + 4 * H, 2.0));
    }

    #[test]
    fn near_miss_none() {
        assert!(run_checked(&outlet(), CODE).is_empty());
    }
}

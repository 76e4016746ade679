//! Faults the simulator injects on request (`--faults exceedance,flatline,… --fault-rate F`).
//!
//! Episodes (exceedance, flatline, dropout, and in minute data calibration and dilution) last
//! several packets (minutes): packets are grouped in
//! blocks of 32 and a block holds an episode of a kind with probability F. Per-packet faults
//! (reconnect, corrupt, split) hit each packet with probability F.

use super::pattern::{mix, unit};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The first pollutant goes above its limit (1.3–3×).
    Exceedance,
    /// The analyser is stuck: values repeat.
    Flatline,
    /// The logger is silent for a while (those data times are never sent).
    Dropout,
    /// The logger drops the connection after a packet and reconnects, resending what was not
    /// acknowledged (HJ 212-2025: with RF=1).
    Reconnect,
    /// A copy of the packet with one byte changed is sent first (CRC mismatch); the logger then
    /// sends the packet intact.
    Corrupt,
    /// The packet is written in two or three pieces with pauses (split across TCP reads).
    Split,
    /// The analysers are being calibrated: minute values carry flag `C` (not valid data).
    Calibration,
    /// Air is let into the flue: O2 rises towards 19 % and the measured concentrations fall in
    /// proportion, so only the value converted to the reference O2 shows the true level.
    Dilution,
}

pub const ALL: [(Fault, &str); KINDS] = [
    (Fault::Exceedance, "exceedance"),
    (Fault::Flatline, "flatline"),
    (Fault::Dropout, "dropout"),
    (Fault::Reconnect, "reconnect"),
    (Fault::Corrupt, "corrupt"),
    (Fault::Split, "split"),
    (Fault::Calibration, "calibration"),
    (Fault::Dilution, "dilution"),
];

const KINDS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    on: [bool; KINDS],
    pub rate: f64,
    /// Spread faults unevenly over devices, as in a real city: four devices in five run at a
    /// quarter of `rate`, one in five at four times it (the mean stays `rate`).
    pub uneven: bool,
}

const BLOCK: u64 = 32;

impl Faults {
    pub fn none() -> Faults {
        Faults { on: [false; KINDS], rate: 0.0, uneven: false }
    }

    /// `exceedance,flatline,dropout,reconnect,corrupt,split`, `all` or `none`.
    pub fn parse(list: &str, rate: f64) -> Result<Faults, String> {
        if !(0.0..=1.0).contains(&rate) {
            return Err(format!("fault rate {rate} must be between 0 and 1"));
        }
        let mut f = Faults { on: [false; KINDS], rate, uneven: false };
        for name in list.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()) {
            match name.as_str() {
                "none" => {}
                "all" => f.on = [true; KINDS],
                _ => {
                    let i = ALL
                        .iter()
                        .position(|(_, n)| *n == name)
                        .ok_or_else(|| format!("unknown fault {name:?} (expected {})", ALL.map(|a| a.1).join(", ")))?;
                    f.on[i] = true;
                }
            }
        }
        Ok(f)
    }

    pub fn enabled(&self, kind: Fault) -> bool {
        self.on[kind as usize]
    }

    /// The rate of a device (its seed): `rate`, or with `uneven` its share of it.
    pub fn rate_of(&self, seed: u64) -> f64 {
        if !self.uneven {
            return self.rate;
        }
        let prone = unit(mix(seed ^ 0xfa17)) < 0.2;
        (if prone { self.rate * 4.0 } else { self.rate * 0.25 }).min(1.0)
    }

    /// For episode faults: the first packet index of the episode that packet `k` is in.
    pub fn episode(&self, kind: Fault, seed: u64, k: u64) -> Option<u64> {
        if !self.enabled(kind) || self.rate <= 0.0 {
            return None;
        }
        let block = k / BLOCK;
        let h = mix(seed ^ block.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (kind as u64 + 1) << 56);
        if unit(h) >= self.rate_of(seed) {
            return None;
        }
        let start = block * BLOCK + 4 + (h & 7);
        let len = 6 + (h >> 8) % 15;
        (k >= start && k < start + len).then_some(start)
    }

    /// `episode` on a clock of `unit` ticks per step: episodes `unit` times as long (minute data
    /// uses 3: episodes of 18–60 minutes, as real outages, calibrations and dilution last).
    /// Returns the first tick of the episode.
    pub fn episode_in(&self, kind: Fault, seed: u64, tick: u64, unit: u64) -> Option<u64> {
        let unit = unit.max(1);
        self.episode(kind, seed, tick / unit).map(|first| first * unit)
    }

    /// For per-packet faults: whether packet `k` is hit.
    pub fn hits(&self, kind: Fault, seed: u64, k: u64) -> bool {
        self.enabled(kind) && self.rate > 0.0 && unit(mix(seed ^ k.wrapping_mul(0x9E37_79B9) ^ (kind as u64 + 11) << 52)) < self.rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_rates() {
        assert!(Faults::parse("bogus", 0.1).is_err());
        assert!(Faults::parse("corrupt", 1.5).is_err());
        let f = Faults::parse("corrupt, split", 0.1).unwrap();
        assert!(f.enabled(Fault::Corrupt) && f.enabled(Fault::Split) && !f.enabled(Fault::Dropout));
        let hits = (0..100_000).filter(|&k| f.hits(Fault::Corrupt, 42, k)).count();
        assert!((8_000..12_000).contains(&hits), "{hits}");
        assert!(!(0..1000).any(|k| f.hits(Fault::Reconnect, 42, k)));
        let all = Faults::parse("all", 0.5).unwrap();
        let in_dropout = (0..32_000).filter(|&k| all.episode(Fault::Dropout, 7, k).is_some()).count();
        // Half the blocks hold an episode of 6–20 packets.
        assert!((1_000..10_000).contains(&in_dropout), "{in_dropout}");
        assert_eq!(Faults::none().episode(Fault::Dropout, 7, 10), None);
        // Uneven: the mean rate over many devices stays the rate; some devices are prone.
        let uneven = Faults { uneven: true, ..Faults::parse("dropout", 0.05).unwrap() };
        let rates: Vec<f64> = (0..10_000u64).map(|s| uneven.rate_of(mix(s))).collect();
        let mean = rates.iter().sum::<f64>() / rates.len() as f64;
        assert!((0.04..0.06).contains(&mean), "{mean}");
        assert!(rates.iter().any(|r| *r > 0.1) && rates.iter().any(|r| *r < 0.02));
    }
}

//! A monitoring sample: one pollutant's value at one data time, as a logger sent it
//! (HJ 212-2017 §6.6: `CP=&&DataTime=…;a21026-Avg=…,a21026-Flag=N;…&&`). No I/O.

use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The kinds of uploaded data the time-series store keeps (HJ 212-2017 表 5, "命令编码").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataKind {
    /// 2011 实时数据: one value per logger interval (`-Rtd`).
    Realtime2011,
    /// 2051 分钟数据 (`-Avg`, `-Min`, `-Max`, `-Cou`).
    Minute2051,
    /// 2061 小时数据.
    Hourly2061,
    /// 2031 日数据.
    Daily2031,
}

impl DataKind {
    pub const ALL: [DataKind; 4] = [DataKind::Realtime2011, DataKind::Minute2051, DataKind::Hourly2061, DataKind::Daily2031];

    /// The command number (CN) of this kind of upload.
    pub fn cn(self) -> i64 {
        match self {
            DataKind::Realtime2011 => 2011,
            DataKind::Minute2051 => 2051,
            DataKind::Hourly2061 => 2061,
            DataKind::Daily2031 => 2031,
        }
    }

    /// The kind uploaded with this command number, if the store keeps it.
    pub fn from_cn(cn: i64) -> Option<DataKind> {
        DataKind::ALL.into_iter().find(|k| k.cn() == cn)
    }
}

/// One pollutant's value at one data time. `value` is the real-time value (`Rtd`) of 2011
/// data and the average (`Avg`) of minute, hourly and daily data; `converted` the logger's own
/// converted value (`ZsRtd` / `ZsAvg`), if it sent one. `None`: the field was absent or not a
/// number (the raw archive keeps what was sent).
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The DataTime of the packet as a UTC instant (loggers send Beijing time).
    pub time: OffsetDateTime,
    /// HJ 212-2017 pollutant code, e.g. `a21026` (SO2), `a19001` (O2), `w01018` (COD).
    pub pollutant: String,
    pub value: Option<f64>,
    pub converted: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Cumulative amount in the interval (`Cou`), e.g. the flow volume of a minute.
    pub cou: Option<f64>,
    /// The data flag (表 8: N normal, F stopped, M maintenance, S set value, D fault,
    /// C calibration, T over range, B communication) as sent; empty when none was sent.
    pub flag: String,
}

/// Beijing time (UTC+8), the time loggers keep and send.
pub const BEIJING: UtcOffset = time::macros::offset!(+8);

/// A DataTime `YYYYMMDDhhmmss` (Beijing time, as sent) as a UTC instant; `None` for a date
/// that does not exist (a logger with a broken clock).
pub fn instant_of_data_time(dt: i64) -> Option<OffsetDateTime> {
    if !(0..=99_991_231_235_959).contains(&dt) {
        return None;
    }
    let (date, clock) = (dt / 1_000_000, dt % 1_000_000);
    let month = time::Month::try_from((date / 100 % 100) as u8).ok()?;
    let date = time::Date::from_calendar_date((date / 10_000) as i32, month, (date % 100) as u8).ok()?;
    let clock = time::Time::from_hms((clock / 10_000) as u8, (clock / 100 % 100) as u8, (clock % 100) as u8).ok()?;
    Some(PrimitiveDateTime::new(date, clock).assume_offset(BEIJING).to_offset(UtcOffset::UTC))
}

/// A UTC instant as the DataTime integer `YYYYMMDDhhmmss` in Beijing time.
pub fn data_time_of_instant(t: OffsetDateTime) -> i64 {
    let b = t.to_offset(BEIJING);
    (b.year() as i64) * 10_000_000_000
        + (b.month() as i64) * 100_000_000
        + (b.day() as i64) * 1_000_000
        + (b.hour() as i64) * 10_000
        + (b.minute() as i64) * 100
        + b.second() as i64
}

/// The start of the hour holding a DataTime, as a UTC instant (Beijing and UTC hours coincide).
pub fn hour_start_of_data_time(dt: i64) -> Option<OffsetDateTime> {
    instant_of_data_time(dt / 10_000 * 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn data_times_are_beijing_time() {
        assert_eq!(instant_of_data_time(20261123100000), Some(datetime!(2026-11-23 02:00:00 UTC)));
        assert_eq!(instant_of_data_time(20260101003000), Some(datetime!(2025-12-31 16:30:00 UTC)));
        assert_eq!(data_time_of_instant(datetime!(2025-12-31 16:30:00 UTC)), 20260101003000);
        assert_eq!(hour_start_of_data_time(20261123105959), Some(datetime!(2026-11-23 02:00:00 UTC)));
        for bad in [20261323100000, 20260230100000, 20261123250000, 20261123106000, -1, 123] {
            assert_eq!(instant_of_data_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn kinds_map_to_commands() {
        for k in DataKind::ALL {
            assert_eq!(DataKind::from_cn(k.cn()), Some(k));
        }
        assert_eq!(DataKind::from_cn(3020), None);
    }
}

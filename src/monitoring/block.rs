//! The compressed block of the time-series store: the values of one (device, data kind,
//! pollutant) over one period (an hour of real-time data, a day of minute data, a month of
//! hourly data, a year of daily data), stored as one database row. Pure logic, no I/O.
//!
//! Layout (version 1), all integers LEB128 varints, signed ones zig-zag:
//! - `n`, the number of entries, in strictly increasing time order;
//! - times (Unix seconds): the first, then runs of equal steps as (step, count) — a logger
//!   reporting every minute costs a few bytes per block;
//! - per field (Rtd, Avg, Min, Max, Cou, ZsRtd, ZsAvg, ZsMin, ZsMax): runs of absent/present
//!   (starting with absent), then the present values compressed with `pco` (which finds the
//!   decimal step of values like 18.53 and codes them near their entropy; measured against
//!   Gorilla XOR and plain floats in BENCHMARKS.md);
//! - the flag and the `extra` text as runs of equal strings.
//!
//! Decoding checks every length and never panics on damaged bytes (property-tested).

use std::fmt;

use super::sample::{BEIJING, DataKind, instant_of_data_time};

/// Rtd, Avg, Min, Max, Cou, ZsRtd, ZsAvg, ZsMin, ZsMax: the numeric fields of a value.
pub const FIELDS: usize = 9;
pub const FIELD_NAMES: [&str; FIELDS] = ["Rtd", "Avg", "Min", "Max", "Cou", "ZsRtd", "ZsAvg", "ZsMin", "ZsMax"];
const VERSION: u8 = 1;
/// More entries than any block can hold (a year of 1-second data is 31.6 million; a block is
/// at most a year of daily data or an hour of real-time data).
const MAX_ENTRIES: u64 = 1 << 22;

/// One stored value: a pollutant's fields at one data time.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The DataTime as Unix seconds.
    pub time: i64,
    pub fields: [Option<f64>; FIELDS],
    pub flag: Option<String>,
    /// Other fields of the pollutant as sent, `Field=value,…`.
    pub extra: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError(pub &'static str);

impl fmt::Display for BlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "damaged series block: {}", self.0)
    }
}

impl std::error::Error for BlockError {}

/// The period a block of `kind` covers: an hour of real-time data, a Beijing day of minute
/// data, a Beijing month of hourly data, a Beijing year of daily data.
pub fn period(kind: DataKind, data_time: i64) -> Option<(i64, i64)> {
    let start_dt = match kind {
        DataKind::Realtime2011 => data_time / 10_000 * 10_000,
        DataKind::Minute2051 => data_time / 1_000_000 * 1_000_000,
        DataKind::Hourly2061 => data_time / 100_000_000 * 100_000_000 + 1_000_000,
        DataKind::Daily2031 => data_time / 10_000_000_000 * 10_000_000_000 + 101_000_000,
    };
    instant_of_data_time(data_time)?;
    let start = instant_of_data_time(start_dt)?;
    let b = start.to_offset(BEIJING);
    let end = match kind {
        DataKind::Realtime2011 => start + time::Duration::HOUR,
        DataKind::Minute2051 => start + time::Duration::DAY,
        DataKind::Hourly2061 => {
            let (y, m) = if b.month() == time::Month::December { (b.year() + 1, time::Month::January) } else { (b.year(), b.month().next()) };
            b.replace_day(1).ok()?.replace_month(m).ok()?.replace_year(y).ok()?
        }
        DataKind::Daily2031 => b.replace_year(b.year() + 1).ok()?,
    };
    Some((start.unix_timestamp(), end.unix_timestamp()))
}

/// Encode entries (strictly increasing times: sort and deduplicate with `merge` first).
pub fn encode(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + entries.len() * 2);
    out.push(VERSION);
    put_u(&mut out, entries.len() as u64);
    if let Some(first) = entries.first() {
        put_i(&mut out, first.time);
        let mut runs: Vec<(i64, u64)> = Vec::new();
        for w in entries.windows(2) {
            let step = w[1].time - w[0].time;
            match runs.last_mut() {
                Some((s, c)) if *s == step => *c += 1,
                _ => runs.push((step, 1)),
            }
        }
        put_u(&mut out, runs.len() as u64);
        for (s, c) in runs {
            put_i(&mut out, s);
            put_u(&mut out, c);
        }
    }
    for f in 0..FIELDS {
        let mut runs: Vec<u64> = vec![0];
        let mut present = entries.first().is_some_and(|e| e.fields[f].is_some());
        if present {
            runs.push(0);
        }
        let mut values = Vec::new();
        for e in entries {
            let p = e.fields[f].is_some();
            if p != present {
                runs.push(0);
                present = p;
            }
            if let Some(last) = runs.last_mut() {
                *last += 1;
            }
            if let Some(v) = e.fields[f] {
                values.push(v);
            }
        }
        put_u(&mut out, runs.len() as u64);
        for r in &runs {
            put_u(&mut out, *r);
        }
        if !values.is_empty() {
            let packed = pco::standalone::simple_compress(&values, &pco::ChunkConfig::default())
                .unwrap_or_else(|_| values.iter().flat_map(|v| v.to_le_bytes()).collect());
            put_u(&mut out, packed.len() as u64);
            out.extend_from_slice(&packed);
        }
    }
    put_texts(&mut out, entries.iter().map(|e| e.flag.as_deref()));
    put_texts(&mut out, entries.iter().map(|e| e.extra.as_deref()));
    out
}

/// Decode a block written by `encode`.
pub fn decode(bytes: &[u8]) -> Result<Vec<Entry>, BlockError> {
    let parts = parse(bytes, [true; FIELDS], true)?;
    let n = parts.times.len();
    let mut fields = vec![[None; FIELDS]; n];
    for (f, column) in parts.fields.iter().enumerate() {
        for (i, v) in column.iter().enumerate() {
            fields[i][f] = *v;
        }
    }
    let extras = parts.extras.unwrap_or_default();
    Ok(parts
        .times
        .into_iter()
        .zip(fields)
        .zip(expand(parts.flags).zip(expand(extras)))
        .map(|((time, fields), (flag, extra))| Entry { time, fields, flag, extra })
        .collect())
}

/// The columns a reader asked for: the times, the wanted fields (one value or `None` per
/// entry; an unwanted field is an empty column) and the flags as runs of equal texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub times: Vec<i64>,
    pub fields: [Vec<Option<f64>>; FIELDS],
    /// (flag, how many consecutive entries carry it).
    pub flags: Vec<(Option<String>, usize)>,
}

impl Columns {
    /// The flag of every entry in time order, borrowed from the runs.
    pub fn flag_per_entry(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.flags.iter().flat_map(|(t, c)| std::iter::repeat_n(t.as_deref(), *c))
    }
}

/// Decode only the times, the flags and the `wanted` fields of a block: the other fields'
/// compressed streams are skipped unread and the `extra` texts are checked but not kept. A
/// reader of hourly means needs one field of nine; this is what keeps it from paying for all.
/// The block is checked as strictly as by `decode`.
pub fn decode_columns(bytes: &[u8], wanted: &[usize]) -> Result<Columns, BlockError> {
    let mut want = [false; FIELDS];
    for &f in wanted {
        *want.get_mut(f).ok_or(BlockError("no such field"))? = true;
    }
    let parts = parse(bytes, want, false)?;
    Ok(Columns { times: parts.times, fields: parts.fields, flags: parts.flags })
}

struct Parts {
    times: Vec<i64>,
    fields: [Vec<Option<f64>>; FIELDS],
    flags: Vec<(Option<String>, usize)>,
    extras: Option<Vec<(Option<String>, usize)>>,
}

fn expand(runs: Vec<(Option<String>, usize)>) -> impl Iterator<Item = Option<String>> {
    runs.into_iter().flat_map(|(t, c)| std::iter::repeat_n(t, c))
}

fn parse(bytes: &[u8], wanted: [bool; FIELDS], keep_extras: bool) -> Result<Parts, BlockError> {
    let mut r = Reader { b: bytes, at: 0 };
    if r.byte()? != VERSION {
        return Err(BlockError("unknown version"));
    }
    let n = r.u()?;
    if n > MAX_ENTRIES {
        return Err(BlockError("too many entries"));
    }
    let n = n as usize;
    let mut times = Vec::with_capacity(n);
    if n > 0 {
        let mut t = r.i()?;
        times.push(t);
        let runs = r.u()?;
        for _ in 0..runs {
            let (step, count) = (r.i()?, r.u()?);
            if step <= 0 || count > (n - times.len()) as u64 {
                return Err(BlockError("bad time steps"));
            }
            for _ in 0..count {
                t = t.checked_add(step).ok_or(BlockError("time overflow"))?;
                times.push(t);
            }
        }
        if times.len() != n {
            return Err(BlockError("time count"));
        }
    }
    let mut fields: [Vec<Option<f64>>; FIELDS] = Default::default();
    for (f, want) in wanted.iter().enumerate() {
        let runs = r.u()?;
        if runs > n as u64 + 2 {
            return Err(BlockError("bad presence runs"));
        }
        // Presence runs alternate absent, present, absent, … starting with absent.
        let mut lengths = Vec::with_capacity(runs as usize);
        let mut total = 0u64;
        for _ in 0..runs {
            let len = r.u()?;
            if len > n as u64 - total {
                return Err(BlockError("presence longer than the block"));
            }
            total += len;
            lengths.push(len as usize);
        }
        if total != n as u64 {
            return Err(BlockError("presence count"));
        }
        let present: usize = lengths.iter().skip(1).step_by(2).sum();
        if present == 0 {
            if *want {
                fields[f] = vec![None; n];
            }
            continue;
        }
        let len = r.u()? as usize;
        let packed = r.take(len)?;
        if !*want {
            continue;
        }
        let values: Vec<f64> = pco::standalone::simple_decompress(packed).map_err(|_| BlockError("bad values"))?;
        if values.len() != present {
            return Err(BlockError("value count"));
        }
        let mut column = Vec::with_capacity(n);
        let mut it = values.into_iter();
        for (k, len) in lengths.iter().enumerate() {
            if k % 2 == 1 {
                column.extend(it.by_ref().take(*len).map(Some));
            } else {
                column.extend(std::iter::repeat_n(None, *len));
            }
        }
        fields[f] = column;
    }
    let flags = r.text_runs(n, true)?;
    let extras = r.text_runs(n, keep_extras)?;
    if r.at != bytes.len() {
        return Err(BlockError("trailing bytes"));
    }
    Ok(Parts { times, fields, flags, extras: keep_extras.then_some(extras) })
}

/// Entries of a block with new ones merged in, in time order. A time already present keeps
/// its first value (a resend never replaces what was stored); returns how many were added.
pub fn merge(stored: &mut Vec<Entry>, new: impl IntoIterator<Item = Entry>) -> usize {
    let before = stored.len();
    let mut new: Vec<Entry> = new.into_iter().collect();
    new.sort_by_key(|e| e.time);
    new.dedup_by_key(|e| e.time);
    let mut added = Vec::new();
    for e in new {
        if stored.binary_search_by_key(&e.time, |s| s.time).is_err() {
            added.push(e);
        }
    }
    stored.extend(added);
    stored.sort_by_key(|e| e.time);
    stored.len() - before
}

fn put_u(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_i(out: &mut Vec<u8>, v: i64) {
    put_u(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_texts<'a>(out: &mut Vec<u8>, texts: impl Iterator<Item = Option<&'a str>>) {
    let mut runs: Vec<(Option<&str>, u64)> = Vec::new();
    for t in texts {
        match runs.last_mut() {
            Some((s, c)) if *s == t => *c += 1,
            _ => runs.push((t, 1)),
        }
    }
    put_u(out, runs.len() as u64);
    for (t, c) in runs {
        put_u(out, c);
        match t {
            None => put_u(out, 0),
            Some(s) => {
                put_u(out, s.len() as u64 + 1);
                out.extend_from_slice(s.as_bytes());
            }
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, BlockError> {
        let v = *self.b.get(self.at).ok_or(BlockError("truncated"))?;
        self.at += 1;
        Ok(v)
    }

    fn u(&mut self) -> Result<u64, BlockError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(BlockError("varint too long"))
    }

    fn i(&mut self) -> Result<i64, BlockError> {
        let u = self.u()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], BlockError> {
        let end = self.at.checked_add(len).filter(|e| *e <= self.b.len()).ok_or(BlockError("truncated"))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    /// Runs of equal texts covering exactly `n` entries; with `keep` false they are checked
    /// (lengths, UTF-8) but not copied.
    fn text_runs(&mut self, n: usize, keep: bool) -> Result<Vec<(Option<String>, usize)>, BlockError> {
        let runs = self.u()?;
        let mut out = Vec::new();
        let mut covered = 0usize;
        for _ in 0..runs {
            let count = self.u()?;
            if count > (n - covered) as u64 {
                return Err(BlockError("text runs longer than the block"));
            }
            let len = self.u()?;
            let text = match len {
                0 => None,
                l => {
                    let bytes = self.take((l - 1).try_into().map_err(|_| BlockError("text length"))?)?;
                    let text = std::str::from_utf8(bytes).map_err(|_| BlockError("text not UTF-8"))?;
                    keep.then(|| text.to_string())
                }
            };
            covered += count as usize;
            if keep && count > 0 {
                out.push((text, count as usize));
            }
        }
        if covered != n {
            return Err(BlockError("text count"));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(time: i64, v: Option<f64>, flag: &str) -> Entry {
        let mut fields = [None; FIELDS];
        fields[1] = v;
        fields[6] = v.map(|v| v * 1.1);
        Entry { time, fields, flag: Some(flag.into()), extra: None }
    }

    #[test]
    fn a_day_of_minute_values_round_trips_small() {
        let entries: Vec<Entry> =
            (0..1440).map(|k| entry(1_795_399_200 + 60 * k, Some(((k * 7919) % 600) as f64 / 100.0 + 20.0), if k % 500 == 7 { "D" } else { "N" })).collect();
        let bytes = encode(&entries);
        assert_eq!(decode(&bytes).unwrap(), entries);
        // Two fields of ~9 bits of entropy each, times and flags nearly free.
        assert!(bytes.len() < 1440 * 4, "{} bytes", bytes.len());
    }

    #[test]
    fn gaps_absent_fields_and_texts_round_trip() {
        let mut entries = vec![entry(100, Some(1.5), "N"), entry(160, None, "N"), entry(400, Some(-0.0), "T"), entry(401, Some(f64::MAX), "")];
        entries[1].extra = Some("EFlag=A1,SampleTime=x".into());
        entries[3].flag = None;
        assert_eq!(decode(&encode(&entries)).unwrap(), entries);
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
    }

    #[test]
    fn periods_are_beijing_hours_days_months_years() {
        use time::macros::datetime;
        let p = |k, dt| period(k, dt).map(|(a, b)| (time::OffsetDateTime::from_unix_timestamp(a).unwrap(), time::OffsetDateTime::from_unix_timestamp(b).unwrap()));
        assert_eq!(p(DataKind::Realtime2011, 20261123105930), Some((datetime!(2026-11-23 02:00 UTC), datetime!(2026-11-23 03:00 UTC))));
        assert_eq!(p(DataKind::Minute2051, 20261123105900), Some((datetime!(2026-11-22 16:00 UTC), datetime!(2026-11-23 16:00 UTC))));
        assert_eq!(p(DataKind::Hourly2061, 20261231230000), Some((datetime!(2026-11-30 16:00 UTC), datetime!(2026-12-31 16:00 UTC))));
        assert_eq!(p(DataKind::Hourly2061, 20260131230000), Some((datetime!(2025-12-31 16:00 UTC), datetime!(2026-01-31 16:00 UTC))));
        assert_eq!(p(DataKind::Daily2031, 20260315000000), Some((datetime!(2025-12-31 16:00 UTC), datetime!(2026-12-31 16:00 UTC))));
        assert_eq!(p(DataKind::Minute2051, 20261123106100), None);
    }

    #[test]
    fn merge_keeps_the_first_value_of_a_time() {
        let mut stored = vec![entry(60, Some(1.0), "N"), entry(180, Some(3.0), "N")];
        let added = merge(&mut stored, vec![entry(120, Some(2.0), "N"), entry(60, Some(9.0), "N"), entry(120, Some(8.0), "N")]);
        assert_eq!(added, 1);
        assert_eq!(stored.iter().map(|e| (e.time, e.fields[1])).collect::<Vec<_>>(), vec![(60, Some(1.0)), (120, Some(2.0)), (180, Some(3.0))]);
    }

    proptest! {
        #[test]
        fn any_entries_round_trip(raw in proptest::collection::vec((1i64..100_000, proptest::option::of(-1e6f64..1e6), proptest::option::of("[NDFT]{0,2}")), 0..200)) {
            let mut t = 1_700_000_000;
            let entries: Vec<Entry> = raw.into_iter().map(|(step, v, flag)| { t += step; Entry { time: t, fields: [v, None, v, None, None, None, None, None, v], flag, extra: None } }).collect();
            prop_assert_eq!(decode(&encode(&entries)).unwrap(), entries);
        }

        #[test]
        fn selected_columns_agree_with_the_whole_decode(raw in proptest::collection::vec((1i64..100_000, proptest::option::of(-1e6f64..1e6), proptest::option::of(-5f64..5.0), proptest::option::of("[NDFT]{0,2}")), 0..200), wanted in proptest::collection::vec(0usize..FIELDS, 0..4)) {
            let mut entries: Vec<Entry> = Vec::new();
            for (t, a, b, f) in raw {
                let mut e = entry(t, a, f.as_deref().unwrap_or(""));
                e.fields[3] = b;
                e.flag = f;
                merge(&mut entries, [e]);
            }
            let bytes = encode(&entries);
            let cols = decode_columns(&bytes, &wanted).unwrap();
            prop_assert_eq!(&cols.times, &entries.iter().map(|e| e.time).collect::<Vec<_>>());
            prop_assert_eq!(cols.flag_per_entry().map(|f| f.map(str::to_string)).collect::<Vec<_>>(), entries.iter().map(|e| e.flag.clone()).collect::<Vec<_>>());
            for f in 0..FIELDS {
                if wanted.contains(&f) {
                    prop_assert_eq!(&cols.fields[f], &entries.iter().map(|e| e.fields[f]).collect::<Vec<_>>());
                } else {
                    prop_assert!(cols.fields[f].is_empty());
                }
            }
        }

        #[test]
        fn damaged_bytes_never_panic_selected(cut in 0usize..400, flip in 0usize..400, bit in 0u8..8, field in 0usize..FIELDS) {
            let entries: Vec<Entry> = (0..120).map(|i| entry(1_700_000_000 + i * 60, Some(i as f64 * 0.25), if i % 7 == 0 { "D" } else { "N" })).collect();
            let mut bytes = encode(&entries);
            if let Some(b) = bytes.get_mut(flip) { *b ^= 1 << bit; }
            bytes.truncate(cut.max(1));
            let _ = decode_columns(&bytes, &[field]);
        }

        #[test]
        fn damaged_bytes_never_panic(cut in 0usize..400, flip in 0usize..400, bit in 0u8..8) {
            let entries: Vec<Entry> = (0..50).map(|k| entry(1_000 + 60 * k, Some(k as f64 * 0.25), "N")).collect();
            let mut bytes = encode(&entries);
            if flip < bytes.len() { bytes[flip] ^= 1 << bit; }
            bytes.truncate(cut.min(bytes.len()));
            let _ = decode(&bytes);
        }
    }
}

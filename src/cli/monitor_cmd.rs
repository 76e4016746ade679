//! `lantian monitor averages|recompute|marks`: valid averages with conversion, and data marks.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::progress::Progress;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::monitoring::clock::{self, Period};
use crate::monitoring::marks::{NewMark, Proof};
use crate::storage::audit::Actor;
use crate::storage::averages::{self, OutletSetup};
use crate::storage::{marks, Db};

#[derive(Subcommand, Debug)]
pub enum MonitorCommand {
    /// Valid hourly, daily or monthly means of an outlet (CSV or JSON on stdout).
    Averages(AveragesArgs),
    /// Recompute the stored averages of every monitored outlet for a range of days (idempotent).
    Recompute {
        /// First day, YYYY-MM-DD (Beijing time).
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive; not after today).
        #[arg(long)]
        to: String,
        /// Only this outlet: CREDITCODE/OUTLETCODE.
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Data marks (数据标记): add, list, withdraw.
    #[command(subcommand)]
    Marks(MarksCommand),
    /// Exceedance episodes (超标时段) overlapping a range of days: outlet,pollutant,start,end,hours,max_value,limit,max_ratio.
    Exceedances(RangeArgs),
    /// Leads (线索) from the exceedance judgment and the suspicious-data detectors overlapping a range of days.
    Leads(RangeArgs),
    /// Judge every monitored outlet again over a range of days (episodes and leads; idempotent).
    Judge {
        /// First day, YYYY-MM-DD (Beijing time).
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
    },
    /// Emissions per outlet and pollutant: year to date and rolling 12 months against the permit.
    Emissions(super::tax_cmd::EmissionsArgs),
}

#[derive(Args, Debug)]
pub struct RangeArgs {
    /// First day, YYYY-MM-DD (Beijing time).
    #[arg(long)]
    pub from: String,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub to: String,
    /// Only enterprises in this division (GB/T 2260 code or a township/grid code; its subtree).
    #[arg(long)]
    pub division: Option<String>,
    /// csv | json
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct AveragesArgs {
    /// CREDITCODE/OUTLETCODE, e.g. 91612000MA6XXXXXX1/DA001.
    #[arg(long)]
    pub outlet: String,
    /// hour | day | month
    #[arg(long)]
    pub period: String,
    /// First day, YYYY-MM-DD (Beijing time).
    #[arg(long)]
    pub from: String,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub to: String,
    /// csv | json
    #[arg(long, default_value = "csv")]
    pub format: String,
}

#[derive(Subcommand, Debug)]
pub enum MarksCommand {
    /// Mark a period of an outlet's data.
    Add {
        #[arg(long)]
        outlet: String,
        /// 停运, 启炉, 停炉, 故障, 维护, 校准, 通讯中断, 不可抗力 (or their codes, data/monitoring/marks.toml).
        #[arg(long)]
        kind: String,
        /// Start, "YYYY-MM-DD HH:MM" Beijing time.
        #[arg(long)]
        from: String,
        /// End, "YYYY-MM-DD HH:MM" Beijing time (after the start).
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        /// Proof file: PDF, JPEG or PNG.
        #[arg(long)]
        proof: Option<PathBuf>,
    },
    /// The marks of an outlet (withdrawn ones flagged).
    List {
        #[arg(long)]
        outlet: String,
        /// From this day (YYYY-MM-DD); default: all.
        #[arg(long)]
        from: Option<String>,
        /// To this day, inclusive.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a mark (it stays on record as withdrawn).
    Withdraw {
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

fn invalid(zh: &str, en: &str) -> Error {
    Error::Invalid(crate::i18n::catalogue::cli::monitor_invalid(crate::i18n::Arg::both(zh, en)))
}

fn split_outlet(s: &str) -> Result<(&str, &str)> {
    match s.split_once('/') {
        Some((c, o)) if !c.trim().is_empty() && !o.trim().is_empty() => Ok((c.trim(), o.trim())),
        _ => Err(invalid(&format!("--outlet「{s}」应为 统一社会信用代码/排放口编号"), &format!("--outlet {s:?} must be CREDITCODE/OUTLETCODE"))),
    }
}

pub async fn setup_of(db: &Db, outlet: &str) -> Result<OutletSetup> {
    let (credit, code) = split_outlet(outlet)?;
    averages::outlet_setup(db, credit, code)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::monitoring::no_outlet_in_ledger(&format!("{credit}/{code}"))))
}

fn day(flag: &str, s: &str) -> Result<time::Date> {
    clock::parse_day(s).ok_or_else(|| invalid(&format!("{flag}「{s}」不是 YYYY-MM-DD 格式的日期"), &format!("{flag} {s:?} is not a date YYYY-MM-DD")))
}

fn minute(flag: &str, s: &str) -> Result<i64> {
    let bad = || invalid(&format!("{flag}「{s}」不是“YYYY-MM-DD HH:MM”格式的北京时间"), &format!("{flag} {s:?} is not \"YYYY-MM-DD HH:MM\" (Beijing time)"));
    let s = s.trim();
    let (d, t) = s.split_once(' ').ok_or_else(bad)?;
    let date = clock::parse_day(d).ok_or_else(bad)?;
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) || t.len() != 5 {
        return Err(bad());
    }
    Ok(clock::date_start(date) + h * 3600 + m * 60)
}

use crate::monitoring::format_value as number;

pub const AVERAGE_COLUMNS: [&str; 9] = ["outlet", "pollutant", "period_start", "valid", "valid_count", "mean", "converted", "limit", "exceeded"];

pub async fn run(db: &Db, cmd: MonitorCommand) -> Result<()> {
    match cmd {
        MonitorCommand::Averages(a) => print_averages(db, &a).await,
        MonitorCommand::Recompute { from, to, outlet } => {
            let (from, to) = (day("--from", &from)?, day("--to", &to)?);
            if from > to {
                return Err(invalid(&format!("--from {from} 晚于 --to {to}"), &format!("--from {from} is after --to {to}")));
            }
            let today = clock::date_of(time::OffsetDateTime::now_utc().unix_timestamp());
            if to > today {
                return Err(invalid(&format!("--to {to} 在未来(今天是 {today})"), &format!("--to {to} is in the future (today is {today})")));
            }
            let outlets = match outlet {
                Some(o) => vec![setup_of(db, &o).await?],
                None => {
                    let mut list = Vec::new();
                    for (c, o) in averages::monitored_outlets(db).await? {
                        if let Some(s) = averages::outlet_setup(db, &c, &o).await? {
                            list.push(s);
                        }
                    }
                    list
                }
            };
            let progress = Progress::new("recompute");
            for (i, s) in outlets.iter().enumerate() {
                averages::recompute_days(db, s, from, to).await?;
                progress.update(i + 1, outlets.len());
            }
            eprintln!("recomputed {} outlet(s), {from} to {to}", outlets.len());
            Ok(())
        }
        MonitorCommand::Marks(m) => run_marks(db, m).await,
        MonitorCommand::Exceedances(a) => super::enforcement_cmd::exceedances(db, &a).await,
        MonitorCommand::Leads(a) => super::enforcement_cmd::leads(db, &a).await,
        MonitorCommand::Judge { from, to } => super::enforcement_cmd::judge(db, &from, &to).await,
        MonitorCommand::Emissions(a) => super::tax_cmd::emissions(db, a).await,
    }
}

async fn print_averages(db: &Db, a: &AveragesArgs) -> Result<()> {
    let period = Period::parse(&a.period)
        .ok_or_else(|| invalid(&format!("--period「{}」应为 hour、day 或 month", a.period), &format!("--period {:?} must be hour, day or month", a.period)))?;
    let (from, to) = (day("--from", &a.from)?, day("--to", &a.to)?);
    if from > to {
        return Err(invalid(&format!("--from {from} 晚于 --to {to}"), &format!("--from {from} is after --to {to}")));
    }
    if a.format != "csv" && a.format != "json" {
        return Err(invalid(&format!("--format「{}」应为 csv 或 json", a.format), &format!("--format {:?} must be csv or json", a.format)));
    }
    let setup = setup_of(db, &a.outlet).await?;
    let start = period.start_of(clock::date_start(from));
    let rows = averages::read(db, &setup, period, averages::COMPUTED, start, clock::date_start(to) + 86_400).await?;
    let label = setup.label();
    let records: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            let limit = setup.limit(&r.pollutant);
            [
                label.clone(),
                r.pollutant.clone(),
                clock::format_minute(r.period_start),
                r.average.valid.to_string(),
                r.average.valid_count.to_string(),
                number(r.average.mean),
                number(r.average.converted),
                number(limit),
                r.average.exceeded(limit).map(|b| b.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if a.format == "json" {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .zip(&records)
            .map(|(r, rec)| {
                let limit = setup.limit(&r.pollutant);
                serde_json::json!({
                    "outlet": rec[0], "pollutant": rec[1], "period_start": rec[2], "valid": r.average.valid,
                    "valid_count": r.average.valid_count, "mean": round(r.average.mean), "converted": round(r.average.converted),
                    "limit": limit, "exceeded": r.average.exceeded(limit),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(|e| Error::other(e))?;
        use std::io::Write;
        writeln!(out)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(AVERAGE_COLUMNS).map_err(|e| Error::other(e))?;
        for rec in &records {
            crate::excel::csv_safe::write(&mut w, rec).map_err(|e| Error::other(e))?;
        }
        w.flush()?;
    }
    Ok(())
}

fn round(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite()).map(|v| (v * 10_000.0).round() / 10_000.0)
}

async fn run_marks(db: &Db, cmd: MarksCommand) -> Result<()> {
    // The command line is an operator on the server: the whole ledger is in scope.
    let scope = Scope::All;
    match cmd {
        MarksCommand::Add { outlet, kind, from, to, reason, proof } => {
            let (credit, code) = split_outlet(&outlet)?;
            let proof = match proof {
                Some(path) => {
                    let meta = std::fs::metadata(&path)?;
                    if meta.len() as usize > crate::monitoring::rules::MARKS.proof_max_bytes {
                        let p = crate::monitoring::marks::MarkProblem::ProofTooLarge { max_bytes: crate::monitoring::rules::MARKS.proof_max_bytes };
                        return Err(invalid(&p.zh(), &p.en()));
                    }
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    Some(Proof { name, content: std::fs::read(&path)? })
                }
                None => None,
            };
            let mark = NewMark { kind, starts_at: minute("--from", &from)?, ends_at: minute("--to", &to)?, reason, proof };
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let id = marks::add(db, &Actor::cli(), &scope, credit, code, mark, now).await?;
            println!("{id}");
            eprintln!("数据标记 #{id} 已录入 (data mark #{id} entered) for {credit}/{code}");
        }
        MarksCommand::List { outlet, from, to, json } => {
            let (credit, code) = split_outlet(&outlet)?;
            let from = match from { Some(f) => clock::date_start(day("--from", &f)?), None => i64::MIN / 2 };
            let to = match to { Some(t) => clock::date_start(day("--to", &t)?) + 86_400, None => i64::MAX / 2 };
            let list = marks::list(db, &scope, credit, code, from, to).await?;
            if json {
                for m in &list {
                    println!("{}", serde_json::to_string(m).map_err(|e| Error::other(e))?);
                }
            } else {
                let mut w = csv::Writer::from_writer(std::io::stdout().lock());
                w.write_record(["id", "outlet", "kind", "from", "to", "reason", "proof", "entered_by", "withdrawn"]).map_err(|e| Error::other(e))?;
                for m in &list {
                    crate::excel::csv_safe::write(&mut w, [
                        m.id.to_string(),
                        format!("{}/{}", m.credit_code, m.outlet_code),
                        m.kind_label(true),
                        clock::format_minute(m.starts_at),
                        clock::format_minute(m.ends_at),
                        m.reason.clone(),
                        m.proof_name.clone().unwrap_or_default(),
                        m.entered_by.clone(),
                        m.withdrawn_at.as_deref().map(crate::storage::display_time).unwrap_or_default(),
                    ])
                    .map_err(|e| Error::other(e))?;
                }
                w.flush()?;
            }
        }
        MarksCommand::Withdraw { id, reason } => {
            marks::withdraw(db, &Actor::cli(), &scope, id, &reason).await?;
            eprintln!("数据标记 #{id} 已撤销 (data mark #{id} withdrawn)");
        }
    }
    Ok(())
}

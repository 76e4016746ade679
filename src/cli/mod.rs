//! The `lantian` command line. `--data-dir` and `--database` are global: they are
//! accepted before or after any subcommand's own arguments.

mod admission_cmd;
mod campaigns_cmd;
mod complaints_cmd;
mod device_cmd;
mod enforcement_cmd;
mod hj212_cmd;
mod energy_cmd;
mod inventory_cmd;
mod ledger_cmd;
mod map_cmd;
pub(crate) mod monitor_cmd;
mod plans_cmd;
mod progress;
mod publication_cmd;
mod screen_cmd;
mod simulate_cmd;
mod synergy_cmd;
mod tax_cmd;
mod user_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::storage::{Db, Location};

#[derive(Parser, Debug)]
#[command(name = "lantian", version, about = "蓝天 Lantian: industrial pollution control and pollution–carbon co-reduction platform")]
pub struct Cli {
    /// Directory of the embedded SQLite database (used unless --database is given).
    #[arg(long, global = true, default_value = "./lantian-data", env = "LANTIAN_DATA_DIR")]
    pub data_dir: PathBuf,
    /// PostgreSQL URL (postgres://user@host/db) for production use.
    #[arg(long, global = true, env = "LANTIAN_DATABASE")]
    pub database: Option<String>,
    /// Data rows an imported sheet may hold (ledger workbooks and CSV files); more are refused.
    #[arg(long, global = true, default_value_t = crate::excel::limits::MAX_ROWS, env = "LANTIAN_IMPORT_MAX_ROWS")]
    pub import_max_rows: usize,
    /// Size in MB an imported workbook may unpack to (zip bomb guard).
    #[arg(long, global = true, default_value_t = crate::excel::limits::MAX_UNPACKED_MB, env = "LANTIAN_IMPORT_MAX_UNPACKED_MB")]
    pub import_max_unpacked_mb: usize,
    /// Problems listed in a refused import's report; the rest are counted.
    #[arg(long, global = true, default_value_t = crate::ledger::problems::MAX_LISTED, env = "LANTIAN_IMPORT_MAX_PROBLEMS")]
    pub import_max_problems: usize,
    /// File where the audit chain's head is witnessed outside the database, checked by
    /// `audit verify` and `restore` (default: audit-witness.log in --data-dir; with
    /// --database, none unless given — put it on storage the database account cannot write).
    #[arg(long, global = true, env = "LANTIAN_AUDIT_WITNESS")]
    pub audit_witness: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web platform (pages and JSON API).
    Serve(ServeArgs),
    /// Load the deterministic demo city into the database.
    Demo(DemoArgs),
    /// Import data (Excel/CSV).
    #[command(subcommand)]
    Import(ImportWhat),
    /// Export data (Excel/CSV).
    #[command(subcommand)]
    Export(ExportWhat),
    /// Write a blank import template.
    #[command(subcommand)]
    Template(TemplateWhat),
    /// Reference lists: divisions (townships and grid cells of your jurisdiction).
    #[command(subcommand)]
    Divisions(DivisionsWhat),
    /// HJ 212 packets: decode and encode.
    #[command(subcommand)]
    Hj212(hj212_cmd::Hj212Command),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditWhat),
    /// The screening rule catalogue.
    #[command(subcommand)]
    Rules(RulesWhat),
    /// Screen the whole ledger against the rule catalogue.
    Screen(ScreenArgs),
    /// Accounts: add, list, disable, enable, passwd.
    #[command(subcommand)]
    User(user_cmd::UserCommand),
    /// Write a consistent backup (SQLite: online copy; PostgreSQL: pg_dump custom format).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a backup; its audit chain is verified.
    Restore {
        file: PathBuf,
        /// SQLite: restore even though the database looks in use (after a crash).
        #[arg(long)]
        force: bool,
    },
    /// HJ 212 data loggers: the device registry.
    #[command(subcommand)]
    Device(device_cmd::DeviceCommand),
    /// Simulated HJ 212 data loggers against an ingestion server (load, faults, exactly-once check).
    Simulate(simulate_cmd::SimulateArgs),
    /// Monitoring data: valid averages with conversion, recompute, data marks.
    #[command(subcommand)]
    Monitor(monitor_cmd::MonitorCommand),
    /// Remediation campaigns (散乱污, relocation, custom): create, import surveys, progress.
    #[command(subcommand)]
    Campaign(campaigns_cmd::CampaignCommand),
    /// The enterprise archive (一企一档).
    #[command(subcommand)]
    Dossier(campaigns_cmd::DossierCommand),
    /// District boundaries drawn under the maps: load a real city's GeoJSON, list.
    #[command(subcommand)]
    Map(map_cmd::MapCommand),
    /// Open311 GeoReport v2 partner systems: issue, revoke and list API keys.
    #[command(subcommand)]
    Open311(complaints_cmd::Open311Command),
    /// Complaints (举报): the e-mail gateway of notices, today's overdue sweep.
    #[command(subcommand)]
    Complaints(complaints_cmd::ComplaintsCommand),
    /// The public lists' notice: issuing body, publication period, objection channel.
    #[command(subcommand)]
    Publication(publication_cmd::PublicationCommand),
    /// Work plans: units, plans, task import, target progress, supervision.
    #[command(subcommand)]
    Plans(plans_cmd::PlansCommand),
    /// Reports generated from the platform's data (the year-end responsibility report).
    #[command(subcommand)]
    Report(plans_cmd::ReportCommand),
    /// Environmental protection tax from automatic monitoring data: a month's tax, the quarter's filing table.
    #[command(subcommand)]
    Tax(tax_cmd::TaxCommand),
    /// Pollution–carbon synergy (减污降碳协同度): entropy weights, coupling-coordination degree.
    #[command(subcommand)]
    Synergy(synergy_cmd::SynergyCommand),
    /// The fused emission inventory of air pollutants and greenhouse gases (activity data × factors, monitoring first).
    #[command(subcommand)]
    Inventory(inventory_cmd::InventoryCommand),
    /// Project admission review (准入审核): check a project file against the admission catalogue.
    #[command(subcommand)]
    Admission(admission_cmd::AdmissionCommand),
    /// Energy (能耗双控评价, benchmark and baseline levels, the renovation list).
    #[command(subcommand)]
    Energy(energy_cmd::EnergyCommand),
}

#[derive(Args, Debug)]
pub struct ScreenArgs {
    /// json (findings as one JSON document), text (one line per finding) or xlsx (with --out).
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Output file (required for xlsx; otherwise stdout).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Use every *.toml in this directory instead of the catalogue in force.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Also record the run (findings, diff against the last run, new exit cases).
    #[arg(long)]
    pub save: bool,
}

#[derive(Subcommand, Debug)]
pub enum RulesWhat {
    /// Load a catalogue (the built-in one, or every *.toml in --dir), check every rule and run its examples.
    Check {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Store every *.toml in DIR as the new catalogue version in force (checked in full first).
    Import {
        dir: PathBuf,
        #[arg(long, default_value = "imported from files")]
        note: String,
    },
    /// Write the files of the catalogue in force into DIR.
    Export {
        #[arg(long)]
        dir: PathBuf,
    },
    /// List the stored catalogue versions.
    Versions,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address for the web server.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Fill an empty database with the demo city and its demo accounts first.
    #[arg(long)]
    pub demo: bool,
    /// Requests per second per account (per address when signed out); 0 turns the limit off.
    #[arg(long, default_value_t = 50)]
    pub rate_limit: u32,
    /// Failed sign-ins per address per 15 minutes before that address waits (successes do not
    /// count). Keep it well above the per-account lockout (5): an office behind one NAT address
    /// shares it.
    #[arg(long, default_value_t = crate::web::auth::DEFAULT_LOGIN_FAILURES_PER_ADDRESS)]
    pub login_failures_per_address: u32,
    /// Mark cookies Secure (set this behind an HTTPS proxy that does not send X-Forwarded-Proto).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Bearer token that lets a Prometheus scraper read /metrics without a session.
    #[arg(long, env = "LANTIAN_METRICS_TOKEN")]
    pub metrics_token: Option<String>,
    /// Number of demo enterprises (with --demo).
    #[arg(long, default_value_t = crate::demo::DEFAULT_ENTERPRISES)]
    pub demo_enterprises: usize,
    /// Demo seed (with --demo).
    #[arg(long, default_value_t = 1)]
    pub demo_seed: u64,
    /// Days of monitoring history the demo starts with (with --demo; 0: none).
    #[arg(long, default_value_t = 30)]
    pub demo_history_days: i64,
    /// Demo outlets that get that history (the enterprise account's first, then a spread).
    #[arg(long, default_value_t = 60)]
    pub demo_history_outlets: usize,
    /// Accept HJ 212 data loggers on this address, e.g. 0.0.0.0:9212 (off unless given;
    /// with --demo the default is 127.0.0.1:9212 and simulated loggers send to it).
    #[arg(long)]
    pub hj212_listen: Option<String>,
    /// At most this many HJ 212 connections; lowered at start to the open-file limit less
    /// --hj212-reserved-fds and the database pool (the figures are logged).
    #[arg(long, default_value_t = 20_000)]
    pub hj212_max_connections: usize,
    /// Descriptors kept for HTTP, listeners and files whatever the loggers do.
    #[arg(long, default_value_t = 1024)]
    pub hj212_reserved_fds: usize,
    /// Close an HJ 212 connection after this many seconds without an authenticated frame
    /// (loggers send real-time data every 30 s and minute data every 1–30 min; one slower than
    /// this reconnects at its next upload).
    #[arg(long, default_value_t = 600)]
    pub hj212_idle_seconds: u64,
    /// Refuse data whose DataTime is more than this many minutes after the server's Beijing
    /// time (the benchmark and load tests, whose simulated time runs faster, raise it).
    #[arg(long, default_value_t = 10)]
    pub hj212_future_minutes: u64,
    /// Rejected frames archived per sending address and hour (beyond: counted, not stored).
    #[arg(long, default_value_t = 1000)]
    pub hj212_rejected_frames_per_hour: u32,
    /// Bytes of rejected-frame excerpts archived per sending address and hour.
    #[arg(long, default_value_t = 512 * 1024)]
    pub hj212_rejected_bytes_per_hour: u64,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[arg(long, default_value_t = crate::demo::DEFAULT_ENTERPRISES)]
    pub enterprises: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the demo ledger to this .xlsx file instead of the database.
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum ImportWhat {
    /// Import a ledger workbook (.xlsx) or enterprise sheet (.csv). All or nothing.
    Ledger {
        file: PathBuf,
        /// Validate only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace enterprises already in the ledger instead of refusing them.
        #[arg(long)]
        update: bool,
    },
}

#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Name or credit code contains.
    #[arg(long)]
    pub q: Option<String>,
    /// Division code (its whole subtree).
    #[arg(long)]
    pub division: Option<String>,
    /// GB/T 4754 code prefix.
    #[arg(long)]
    pub industry: Option<String>,
    /// operating | suspended | under_construction | closed
    #[arg(long)]
    pub status: Option<String>,
    /// A | B | C | D
    #[arg(long)]
    pub grade: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ExportWhat {
    /// Export the ledger as .xlsx (all sheets) or .csv (enterprise sheet), by the file's extension.
    Ledger {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplateWhat {
    /// The ledger import template.
    Ledger {
        #[arg(long, default_value = "ledger-template.xlsx")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum DivisionsWhat {
    /// Add or update divisions from a CSV file with columns code,name,level,parent.
    Import { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum AuditWhat {
    /// Check the whole hash chain (or an exported copy with --file); names the first broken entry.
    Verify {
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Write a verifiable copy of the whole log (JSON Lines, ending with the chain head).
    Export {
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // A command whose output is piped into `head` stops quietly when the reader has had enough,
    // as Unix tools do (Rust ignores SIGPIPE, which turned it into a "Broken pipe" error). The
    // servers and the simulated loggers keep ignoring it: a peer closing its socket must not
    // kill them.
    if !matches!(cli.command, Command::Serve(_) | Command::Simulate(_)) {
        // SAFETY: called before any thread is started; restores the default disposition.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| "info,sqlx=warn".into());
    // Colours only on a terminal: a log written to a file or a journal stays plain text.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colour).init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            ExitCode::FAILURE
        }
    };
    report_peak_memory();
    code
}

/// With `LANTIAN_PEAK_RSS_FILE` set, write the process's peak resident set (kB, `VmHWM` of
/// /proc/self/status) there at exit. The bounded-import tests read it: `wait4`'s `ru_maxrss`
/// also counts the (large) test process the child was forked from, before its exec.
fn report_peak_memory() {
    let Some(path) = std::env::var_os("LANTIAN_PEAK_RSS_FILE") else { return };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kb) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches("kB").trim().to_string()) {
        let _ = std::fs::write(path, kb);
    }
}

fn report_error(e: &crate::Error) {
    match e {
        crate::Error::Rejected(problems) => {
            eprintln!("error: {e}");
            for p in problems {
                eprintln!("  {p}");
            }
            if problems.omitted() > 0 {
                eprintln!("  {}", crate::i18n::catalogue::limits::problems_omitted(problems.len(), problems.omitted()));
            }
        }
        other => eprintln!("error: {other}"),
    }
}

async fn open(cli: &Cli) -> crate::Result<Db> {
    let mut db = Db::open(&Location::from_args(&cli.data_dir, cli.database.as_deref())).await?;
    if let Some(path) = &cli.audit_witness {
        db = db.with_witness(path.clone())?;
    }
    crate::storage::ledger::seed_reference(&db).await?;
    Ok(db)
}

async fn run(cli: Cli) -> crate::Result<ExitCode> {
    crate::excel::limits::set_max_rows(cli.import_max_rows);
    crate::excel::limits::set_max_unpacked_mb(cli.import_max_unpacked_mb);
    crate::ledger::problems::set_max_listed(cli.import_max_problems);
    match &cli.command {
        Command::Hj212(cmd) => return hj212_cmd::run(cmd),
        Command::Admission(cmd) => return admission_cmd::run(cmd),
        Command::Synergy(cmd) if cmd.offline() => return synergy_cmd::run_offline(cmd),
        Command::Audit(AuditWhat::Verify { file: Some(file) }) => return Ok(report_verdict(crate::storage::audit::verify_file(file)?)),
        Command::Restore { file, force } => {
            let location = Location::from_args(&cli.data_dir, cli.database.as_deref());
            let witness = cli.audit_witness.clone().or_else(|| crate::storage::witness::default_path(&location));
            let verdict = crate::storage::backup::restore_witnessed(&location, file, *force, witness.as_deref()).await?;
            if let crate::storage::audit::Verdict::Intact { .. } = verdict {
                println!("restored {}", file.display());
            } else {
                println!("NOT restored: the backup's audit log is broken");
            }
            return Ok(report_verdict(verdict));
        }
        Command::Rules(RulesWhat::Check { dir }) => {
            let loaded = match dir {
                Some(d) => crate::screening::load_dir(d),
                None => crate::screening::load_embedded(),
            };
            return Ok(match loaded {
                Ok(c) => {
                    let verified = c.rules.iter().filter(|r| r.citation.status == "verified").count();
                    println!(
                        "catalogue {}: {} rules ({verified} verified, {} unverified), {} examples hold",
                        c.version,
                        c.rules.len(),
                        c.rules.len() - verified,
                        c.examples_run
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    eprintln!("error: the catalogue was refused ({} problem(s)); nothing changed", errors.len());
                    ExitCode::FAILURE
                }
            });
        }
        Command::Template(TemplateWhat::Ledger { out }) => {
            let bytes = crate::excel::template::workbook().map_err(|e| crate::Error::other(e))?;
            std::fs::write(out, bytes)?;
            eprintln!("wrote {}", out.display());
            return Ok(ExitCode::SUCCESS);
        }
        Command::Demo(DemoArgs { xlsx: Some(path), enterprises, seed }) => {
            let city = crate::demo::generate(*enterprises, *seed);
            let bytes = crate::excel::export::workbook(&city.bundles).map_err(|e| crate::Error::other(e))?;
            std::fs::write(path, bytes)?;
            eprintln!("wrote {} enterprises to {}", city.bundles.len(), path.display());
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let db = open(&cli).await?;
    let outcome = with_db(cli, &db).await;
    // Closing checkpoints SQLite's WAL into the database file and removes it, so a
    // left-over WAL file means a running (or crashed) process (see `restore`).
    db.close().await;
    outcome
}

async fn with_db(cli: Cli, db: &Db) -> crate::Result<ExitCode> {
    let db = db.clone();
    match cli.command {
        Command::Serve(args) => {
            if args.demo {
                ledger_cmd::load_demo_if_empty(&db, args.demo_enterprises, args.demo_seed).await?;
                let city = crate::demo::generate(args.demo_enterprises, args.demo_seed);
                user_cmd::add_demo_accounts_if_none(&db, &city).await?;
                crate::simulate::devices::register_demo_devices_if_none(&db).await?;
                crate::demo::publication::load_if_none(&db).await?;
                crate::demo::plans::load_if_none(&db).await?;
                crate::demo::synergy::load_if_none(&db).await?;
                if let Some(scenario) = crate::demo::activity::ensure_scenario(&db).await? {
                    crate::demo::plans::link_scenario(&db, scenario).await?;
                }
                crate::demo::complaints::load_if_none(&db).await?;
                crate::demo::admission::load_if_none(&db).await?;
                crate::demo::energy::load_if_none(&db).await?;
            } else if crate::storage::accounts::list_users(&db).await?.is_empty() {
                eprintln!("no accounts yet: create the first with `lantian user add admin --role admin`");
            }
            let listen = args.hj212_listen.clone().or_else(|| args.demo.then(|| "127.0.0.1:9212".to_string()));
            let ingest = match listen {
                Some(addr) => {
                    let cfg = crate::ingest::IngestConfig {
                        listen: addr,
                        max_connections: args.hj212_max_connections,
                        reserved_fds: args.hj212_reserved_fds,
                        idle_timeout: std::time::Duration::from_secs(args.hj212_idle_seconds.max(1)),
                        max_future: std::time::Duration::from_secs(args.hj212_future_minutes.saturating_mul(60)),
                        rejected_frames_per_hour: args.hj212_rejected_frames_per_hour,
                        rejected_bytes_per_hour: args.hj212_rejected_bytes_per_hour,
                        ..Default::default()
                    };
                    let handle = crate::ingest::start(&db, cfg).await?;
                    eprintln!("HJ 212 loggers: {}", handle.local_addr);
                    if args.demo {
                        simulate_cmd::demo(&db, handle.local_addr).await?;
                    }
                    Some(handle)
                }
                None => None,
            };
            if args.demo {
                // The month of history is written while the platform already answers (it takes a
                // while on a debug build); the enterprise account's outlets come first.
                let (db, days, outlets) = (db.clone(), args.demo_history_days, args.demo_history_outlets);
                tokio::spawn(async move {
                    let now = time::OffsetDateTime::now_utc().unix_timestamp();
                    if let Err(e) = crate::demo::history::load_missing(&db, days, outlets, now).await {
                        tracing::error!("demo history: {e}");
                    }
                    // The history's exceedance episodes, judged now, then some of them published.
                    let judged = crate::storage::enforcement::process_dirty(&db, now).await;
                    if let Err(e) = judged.and(Ok(())).and(crate::demo::publication::publish_samples(&db).await.map(|_| ())) {
                        tracing::error!("demo publication: {e}");
                    }
                });
            }
            // Averages follow the data: hours that received values are recomputed every few seconds.
            let averager = crate::storage::averages::spawn_averager(db.clone(), std::time::Duration::from_secs(5));
            // Judging follows the averages: exceedance episodes and leads of the outlet-days they changed.
            let judge = crate::storage::enforcement::spawn_judge(db.clone());
            // Other nodes' (and commands') changes reach this node's caches at once (PostgreSQL).
            let listener = match &cli.database {
                Some(url) => crate::storage::coordination::spawn_listener(&db, url),
                None => None,
            };
            // Complaint stages past their deadline get their overdue notice (issue 14 item 2).
            let sweep = complaints_cmd::spawn_sweep(db.clone(), complaints_cmd::SWEEP_EVERY);
            let config = crate::web::WebConfig {
                rate_limit: args.rate_limit,
                login_rate_limit: args.login_failures_per_address,
                secure_cookies: args.secure_cookies,
                metrics_token: args.metrics_token.clone().filter(|t| !t.is_empty()),
                ..Default::default()
            };
            // The ingestion server keeps running as long as its handle lives (to the end of serve).
            let metrics = ingest.as_ref().map(|h| h.metrics.clone());
            crate::web::serve(db, &args.listen, config, metrics).await?;
            averager.abort();
            judge.abort();
            if let Some(l) = listener {
                l.abort();
            }
            sweep.abort();
            drop(ingest);
        }
        Command::Demo(args) => {
            ledger_cmd::load_demo(&db, args.enterprises, args.seed).await?;
            let city = crate::demo::generate(args.enterprises, args.seed);
            user_cmd::add_demo_accounts_if_none(&db, &city).await?;
            let n = crate::simulate::devices::register_demo_devices_if_none(&db).await?;
            eprintln!("registered {n} demo HJ 212 devices");
            crate::demo::publication::load_if_none(&db).await?;
            crate::demo::plans::load_if_none(&db).await?;
            crate::demo::synergy::load_if_none(&db).await?;
            crate::demo::admission::load_if_none(&db).await?;
            crate::demo::energy::load_if_none(&db).await?;
        }
        Command::User(cmd) => user_cmd::run(&db, cmd).await?,
        Command::Map(cmd) => map_cmd::run(&db, cmd).await?,
        Command::Open311(cmd) => complaints_cmd::run(&db, cmd).await?,
        Command::Complaints(cmd) => complaints_cmd::run_complaints(&db, cmd).await?,
        Command::Publication(cmd) => publication_cmd::run(&db, cmd).await?,
        Command::Plans(cmd) => return plans_cmd::run(&db, cmd).await,
        Command::Report(cmd) => return plans_cmd::report(&db, cmd).await,
        Command::Backup { out } => {
            let location = Location::from_args(&cli.data_dir, cli.database.as_deref());
            let verdict = crate::storage::backup::backup(&db, &location, &out).await?;
            println!("backup written to {}", out.display());
            return Ok(report_verdict(verdict));
        }
        Command::Audit(AuditWhat::Export { out }) => {
            let n = crate::storage::audit::export(&db, &out).await?;
            println!("exported {n} audit entries to {} (check it with `lantian audit verify --file`)", out.display());
        }
        Command::Device(cmd) => {
            device_cmd::run(&db, cmd).await?;
        }
        Command::Simulate(args) => {
            return simulate_cmd::run(&db, args).await;
        }
        Command::Monitor(cmd) => monitor_cmd::run(&db, cmd).await?,
        Command::Tax(cmd) => tax_cmd::run(&db, cmd).await?,
        Command::Synergy(cmd) => return synergy_cmd::run(&db, cmd).await,
        Command::Inventory(cmd) => inventory_cmd::run(&db, cmd).await?,
        Command::Energy(cmd) => energy_cmd::run(&db, cmd).await?,
        Command::Campaign(cmd) => campaigns_cmd::run(&db, cmd).await?,
        Command::Dossier(cmd) => campaigns_cmd::dossier(&db, cmd).await?,
        Command::Import(ImportWhat::Ledger { file, dry_run, update }) => {
            ledger_cmd::import(&db, &file, dry_run, update).await?;
        }
        Command::Export(ExportWhat::Ledger { out, filter }) => {
            ledger_cmd::export(&db, &out, filter).await?;
        }
        Command::Divisions(DivisionsWhat::Import { file }) => {
            ledger_cmd::import_divisions(&db, &file).await?;
        }
        Command::Screen(args) => {
            return screen_cmd::run(&db, &args).await;
        }
        Command::Audit(AuditWhat::Verify { .. }) => {
            let code = report_verdict(crate::storage::audit::verify(&db).await?);
            // The archive's daily digests are audit entries: checked once the chain holds.
            let archive = crate::storage::archive::verify(&db).await?;
            for p in &archive.problems {
                println!("{p}");
            }
            if !archive.problems.is_empty() {
                println!("raw archive BROKEN: {} problems in {} digested days", archive.problems.len(), archive.days);
                return Ok(ExitCode::FAILURE);
            }
            println!("raw archive intact: {} frames of {} digested days match their digests", archive.frames, archive.days);
            return Ok(code);
        }
        Command::Rules(RulesWhat::Import { dir, note }) => {
            let mut files = Vec::new();
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    files.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read_to_string(&path)?));
                }
            }
            let id = crate::storage::rules::save(&db, &crate::storage::audit::Actor::cli(), files, &note).await?;
            let now = crate::storage::rules::in_force(&db).await?;
            println!("catalogue version {} (#{id}) in force: {} rules, {} retired", now.catalogue.version, now.catalogue.rules.len(), now.catalogue.retired);
        }
        Command::Rules(RulesWhat::Export { dir }) => {
            std::fs::create_dir_all(&dir)?;
            let now = crate::storage::rules::in_force(&db).await?;
            for (name, text) in &now.files {
                std::fs::write(dir.join(name), text)?;
            }
            println!("wrote {} files of catalogue {} to {}", now.files.len(), now.catalogue.version, dir.display());
        }
        Command::Rules(RulesWhat::Versions) => {
            crate::storage::rules::in_force(&db).await?;
            for v in crate::storage::rules::versions(&db).await? {
                println!("#{:<4} {}  {:>3} rules  {}  {}  {}", v.id, v.version, v.rules, crate::storage::display_time(&v.created_at), v.actor, v.note);
            }
        }
        Command::Hj212(_) | Command::Admission(_) | Command::Template(_) | Command::Rules(RulesWhat::Check { .. }) | Command::Restore { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn report_verdict(verdict: crate::storage::audit::Verdict) -> ExitCode {
    match verdict {
        crate::storage::audit::Verdict::Intact { entries } => {
            println!("audit log intact: {entries} entries verified");
            ExitCode::SUCCESS
        }
        crate::storage::audit::Verdict::Broken { seq, reason } => {
            println!("audit log BROKEN at entry {seq}: {reason}");
            ExitCode::FAILURE
        }
    }
}

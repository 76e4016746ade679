//! `lantian open311 key issue|revoke|list`: API keys of partner systems (hotlines, civic apps)
//! for the Open311 GeoReport v2 API; only a key's SHA-256 is stored, the key is printed once.
//! `lantian complaints sweep`: send the overdue notices of the day (also done by the pages).

use clap::Subcommand;

use crate::error::Result;
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum Open311Command {
    /// Issue a key to a partner system; the key is printed once (stdout).
    IssueKey { name: String },
    /// Revoke every key of a partner system.
    RevokeKey { name: String },
    /// List the partner systems and their keys' dates (never the keys).
    Keys,
}

pub async fn run(db: &Db, cmd: Open311Command) -> Result<()> {
    match cmd {
        Open311Command::IssueKey { name } => {
            let key = crate::storage::complaints::issue_key(db, &Actor::cli(), &name).await?;
            eprintln!("api_key for {name} (shown once; only its hash is stored):");
            println!("{key}");
        }
        Open311Command::RevokeKey { name } => {
            let n = crate::storage::complaints::revoke_key(db, &Actor::cli(), &name).await?;
            eprintln!("{n} key(s) of {name} revoked");
        }
        Open311Command::Keys => {
            for k in crate::storage::complaints::keys(db).await? {
                println!("{}\t{}\t{}\t{}", k.name, k.created_by, k.created_at, k.revoked_at.unwrap_or_default());
            }
        }
    }
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum ComplaintsCommand {
    /// The e-mail gateway of officer notices (off by default): SMTP relay host:port, sender and
    /// recipient; an empty --smtp turns it off. Settings, audited.
    Mail {
        #[arg(long)]
        smtp: String,
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long, default_value = "")]
        to: String,
    },
    /// Record today's overdue notices and hand pending notices to the e-mail gateway.
    Sweep,
    /// Add generated demo complaints (for trying the pages and for the benchmark), over the demo
    /// map base (loaded when no boundaries are stored).
    Demo {
        #[arg(long, default_value_t = crate::demo::complaints::DEFAULT_COUNT)]
        count: usize,
        #[arg(long, default_value_t = 14)]
        seed: u64,
    },
}

pub async fn run_complaints(db: &Db, cmd: ComplaintsCommand) -> Result<()> {
    use crate::web::mail;
    match cmd {
        ComplaintsCommand::Mail { smtp, from, to } => {
            let n = crate::storage::settings::set(db, &Actor::cli(), &[(mail::SMTP, smtp), (mail::FROM, from), (mail::TO, to)]).await?;
            eprintln!("{n} setting(s) changed");
        }
        ComplaintsCommand::Sweep => {
            let overdue = crate::storage::complaints::sweep_overdue(db, crate::complaints::deadlines::today_beijing()).await?;
            let mailed = mail::send_pending(db).await?;
            println!("overdue notices: {overdue}; mailed: {mailed}");
        }
        ComplaintsCommand::Demo { count, seed } => {
            crate::storage::map::load_demo_if_none(db).await?;
            let list = crate::demo::complaints::generate(count, crate::complaints::deadlines::today_beijing(), seed);
            let mut done = 0;
            for chunk in list.chunks(2000) {
                done += crate::storage::complaints::seed(db, &Actor::cli(), chunk).await?;
                eprint!("\r{done} / {count} complaints");
            }
            eprintln!();
            let overdue = crate::storage::complaints::sweep_overdue(db, crate::complaints::deadlines::today_beijing()).await?;
            println!("{done} complaints added; {overdue} overdue notices");
        }
    }
    Ok(())
}

/// How often `serve` runs the overdue sweep of complaint stages.
pub const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// The overdue sweep of `lantian complaints sweep`, run by `serve` every `SWEEP_EVERY` (and once
/// at start): the day's overdue notices, then the e-mail gateway's pending notices. Idempotent:
/// a stage gets its notice once (`overdue_noticed`), whichever node or command sweeps first.
pub fn spawn_sweep(db: Db, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // One node at a time (several nodes may share a PostgreSQL database).
            let pass = crate::storage::coordination::exclusive(&db, crate::storage::coordination::Job::ComplaintSweep, || async {
                match crate::storage::complaints::sweep_overdue(&db, crate::complaints::deadlines::today_beijing()).await {
                    Ok(n) if n > 0 => tracing::info!("complaints: {n} overdue notice(s)"),
                    Ok(_) => {}
                    Err(e) => tracing::error!("complaints sweep: {e}"),
                }
                if let Err(e) = crate::web::mail::send_pending(&db).await {
                    tracing::error!("complaints mail: {e}");
                }
                Ok(())
            })
            .await;
            if let Err(e) = pass {
                tracing::error!("complaints sweep could not start: {e}");
            }
        }
    })
}

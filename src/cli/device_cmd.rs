//! `lantian device add|list|import|status`: the HJ 212 device registry.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::error::{Error, Result};
use crate::ingest::registry::{self, DeviceRecord};
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum DeviceCommand {
    /// Register a data logger (or replace the registration of its MN).
    Add(AddArgs),
    /// List the registered loggers (passwords and keys are not shown).
    List {
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Register loggers from a CSV file: mn,outlet,password,key,tolerate,protocol (all or nothing).
    Import { file: PathBuf },
    /// Each logger's last contact and online state.
    Status {
        /// Only enterprises in this division subtree (e.g. 612021).
        #[arg(long)]
        division: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The logger's MN (24 characters in HJ 212-2017/2025).
    #[arg(long)]
    pub mn: String,
    /// The outlet it measures: ENTERPRISE_CREDIT_CODE/OUTLET_CODE, or an outlet id.
    #[arg(long)]
    pub outlet: String,
    /// The PW it must send (not checked if omitted).
    #[arg(long)]
    pub password: Option<String>,
    /// HJ 212-2025 SM4 key, 32 hex digits.
    #[arg(long)]
    pub key: Option<String>,
    /// Deviations to accept from this logger, e.g. gbk,nul_st (see `lantian hj212 decode --help`).
    #[arg(long, default_value = "")]
    pub tolerate: String,
    /// 2005 | 2017 | 2025
    #[arg(long, default_value = "2017")]
    pub protocol: String,
    /// Register it disabled (its packets are rejected as disabled_device).
    #[arg(long)]
    pub disabled: bool,
}

pub async fn run(db: &Db, cmd: DeviceCommand) -> Result<()> {
    match cmd {
        DeviceCommand::Add(a) => {
            let (credit_code, outlet_code) = registry::resolve_outlet(db, &a.outlet).await?;
            if a.password.is_none() {
                eprintln!("warning: no --password: this logger's PW will not be checked");
            }
            let r = DeviceRecord {
                mn: a.mn,
                password: a.password,
                sm4_key: a.key.map(|k| k.to_ascii_uppercase()),
                credit_code,
                outlet_code,
                tolerance: a.tolerate,
                protocol: a.protocol,
                enabled: !a.disabled,
            };
            let (added, _) = registry::upsert(db, std::slice::from_ref(&r), &Actor::cli()).await?;
            eprintln!("{} device {} for outlet {}/{}", if added == 1 { "registered" } else { "updated" }, r.mn, r.credit_code, r.outlet_code);
        }
        DeviceCommand::List { json } => {
            let list = registry::list(db).await?;
            if json {
                for d in &list {
                    let v = serde_json::json!({
                        "mn": d.mn, "credit_code": d.credit_code, "outlet_code": d.outlet_code, "protocol": d.protocol,
                        "tolerance": d.tolerance, "enabled": d.enabled, "password_set": d.password.is_some(), "sm4_key_set": d.sm4_key.is_some(),
                    });
                    println!("{v}");
                }
            } else {
                println!("{:<24}  {:<20}  {:<8}  {:<4}  {:<3}  {:<7}  tolerance", "mn", "enterprise", "outlet", "ver", "key", "enabled");
                for d in &list {
                    println!(
                        "{:<24}  {:<20}  {:<8}  {:<4}  {:<3}  {:<7}  {}",
                        d.mn,
                        d.credit_code,
                        d.outlet_code,
                        d.protocol,
                        if d.sm4_key.is_some() { "yes" } else { "no" },
                        if d.enabled { "yes" } else { "no" },
                        d.tolerance
                    );
                }
                eprintln!("{} devices", list.len());
            }
        }
        DeviceCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::file_error(file.display().to_string(), e.to_string())))?;
            let rows = registry::parse_csv(&bytes).map_err(|p| Error::Invalid(crate::i18n::catalogue::cli::file_error(file.display().to_string(), format!("\n  {}", p.join("\n  ")))))?;
            let mut records = Vec::with_capacity(rows.len());
            let mut problems = Vec::new();
            for (line, mut r, outlet) in rows {
                match registry::resolve_outlet(db, &outlet).await {
                    Ok((c, o)) => {
                        r.credit_code = c;
                        r.outlet_code = o;
                        records.push(r);
                    }
                    Err(e) => problems.push(format!("line {line}: {e}")),
                }
            }
            if !problems.is_empty() {
                return Err(Error::Invalid(crate::i18n::catalogue::cli::rows_refused(file.display().to_string(), problems.join("\n  "))));
            }
            let (added, replaced) = registry::upsert(db, &records, &Actor::cli()).await?;
            eprintln!("registered {added} devices, updated {replaced}");
        }
        DeviceCommand::Status { division, json } => {
            let list = crate::ingest::device_statuses(db, division.as_deref()).await?;
            for s in &list {
                if json {
                    println!("{}", serde_json::to_string(s).unwrap_or_default());
                } else {
                    println!(
                        "{:<24}  {:<7}  {:<20}  {:<6}  {:>6} today  last {}",
                        s.mn,
                        if s.online { "online" } else { "offline" },
                        s.enterprise_name.as_deref().unwrap_or("?"),
                        s.outlet_code,
                        s.packets_today,
                        s.last_contact.as_deref().map(crate::storage::display_time).unwrap_or_else(|| "never".into())
                    );
                }
            }
            let online = list.iter().filter(|s| s.online).count();
            eprintln!("{} devices, {online} online (heard from within {} minutes)", list.len(), crate::ingest::ONLINE_WITHIN_MINUTES);
        }
    }
    Ok(())
}
